//! The timed plan on tiny problems whose times are worked out by hand in the comments.
//!
//! Locations: 0 depot D, 1 site A, 2 site B, 3 facility F. Distances are ten times the
//! travel times, so every leg's distance is easy to check too.

use wasteroute::plan::{StopRef, TimingError, TimingNote, timed_plan, timed_route};
use wasteroute::problem::{
    BreakRule, Depot, DepotIdx, EndOfRoute, Facility, FacilityIdx, Loads, LocationIdx, Matrix,
    Objective, Problem, ProblemParts, ProfileIdx, Site, SiteIdx, StreamIdx, StreamSet, TimeWindow,
    TravelMatrices, VehicleType, VehicleTypeIdx,
};
use wasteroute::solution::{Route, Solution, Unassigned, UnassignedReason, Visit};
use wasteroute::units::{Cost, Distance, Duration};

const fn hm(h: i64, m: i64) -> Duration {
    Duration::hms(h, m, 0)
}

fn window(a: Duration, b: Duration) -> TimeWindow {
    TimeWindow::new(a, b)
}

/// Travel times (seconds) between D, A, B, F; row = from.
const TIMES: [[i64; 4]; 4] = [
    [0, 600, 800, 1500],
    [600, 0, 300, 1000],
    [800, 300, 0, 900],
    [1200, 1000, 900, 0],
];

fn matrices() -> TravelMatrices {
    let flat = |scale: i64| TIMES.iter().flatten().map(move |&t| t * scale);
    TravelMatrices {
        time: Matrix::from_row_major(4, flat(1).map(Duration).collect()).unwrap(),
        distance: Matrix::from_row_major(4, flat(10).map(Distance).collect()).unwrap(),
    }
}

fn site(location: u32, demand: i64, service: i64, windows: Vec<TimeWindow>) -> Site {
    Site {
        location: LocationIdx(location),
        demand: Loads::single(demand),
        service_time: Duration(service),
        windows,
        stream: StreamIdx(0),
        allowed_vehicle_types: None,
        release_time: Duration::ZERO,
        prize: None,
    }
}

fn vehicle(shift: TimeWindow, break_rule: Option<BreakRule>, end: EndOfRoute) -> VehicleType {
    VehicleType {
        count: 1,
        start_depot: DepotIdx(0),
        end_depot: DepotIdx(0),
        capacity: Loads::single(10_000),
        shift,
        max_duration: Duration::INFINITE,
        max_distance: Distance::INFINITE,
        max_total_load: Loads::INFINITE,
        max_sites: u32::MAX,
        break_rule,
        fixed_cost: Cost(1000),
        cost_per_distance: Cost(1),
        cost_per_duration: Cost(2),
        profile: ProfileIdx(0),
        streams: StreamSet::ALL,
        facilities: None,
        end_of_route: end,
    }
}

fn problem(sites: Vec<Site>, facility_window: TimeWindow, v: VehicleType) -> Problem {
    Problem::new(ProblemParts {
        profiles: vec![matrices()],
        depots: vec![Depot {
            location: LocationIdx(0),
            window: window(Duration::ZERO, hm(48, 0)),
        }],
        facilities: vec![Facility {
            location: LocationIdx(3),
            windows: vec![facility_window],
            unload_time: Duration(900),
            accepts: StreamSet::ALL,
            daily_capacity: None,
        }],
        sites,
        vehicle_types: vec![v],
        objective: Objective {
            unassigned_penalty: Cost(1_000_000),
        },
    })
    .unwrap()
}

fn route(visits: Vec<Visit>) -> Route {
    Route {
        vehicle_type: VehicleTypeIdx(0),
        vehicle: 0,
        visits,
    }
}

/// The night shift across midnight, with waiting and a break.
///
/// Shift 22:00–30:00; A open 23:00–24:00 (300 s service, 3000 kg); B open 00:30–02:00
/// (600 s, 2000 kg); a 30-minute break inside 00:00–01:00; F open 22:00–08:00, 900 s.
///
/// Leaving at 22:00 the truck would wait 50 min at A and come home at 02:00 (93 600 s).
/// The latest departure that still comes home at 02:00 is 23:50: A's window ends at
/// midnight, so the truck reaches A at 00:00 exactly (86 400), leaves at 00:05, reaches
/// B at 00:10 and waits 20 min for 00:30 (88 200); service until 00:40 (88 800); break
/// 00:40–01:10 (90 600) at B; drive 900 s to F, arrive 01:25 (91 500), unload until
/// 01:40 (92 400); home after 1200 s at 02:00 (93 600). Duration 2 h 10 min = 7800 s.
#[test]
fn night_shift_across_midnight_leaves_as_late_as_possible() {
    let p = problem(
        vec![
            site(1, 3000, 300, vec![window(hm(23, 0), hm(24, 0))]),
            site(2, 2000, 600, vec![window(hm(24, 30), hm(26, 0))]),
        ],
        window(hm(22, 0), hm(32, 0)),
        vehicle(
            window(hm(22, 0), hm(30, 0)),
            Some(BreakRule {
                duration: Duration(1800),
                window: window(hm(24, 0), hm(25, 0)),
            }),
            EndOfRoute::UnloadAtFacility,
        ),
    );
    let r = route(vec![
        Visit::Site(SiteIdx(0)),
        Visit::Site(SiteIdx(1)),
        Visit::Break,
        Visit::Facility(FacilityIdx(0)),
    ]);
    let t = timed_route(&p, &r).unwrap();
    assert!(t.notes.is_empty(), "{:?}", t.notes);

    let times: Vec<(StopRef, i64, i64, i64, i64)> = t
        .stops
        .iter()
        .map(|s| {
            (
                s.what,
                s.arrival.get(),
                s.start.get(),
                s.departure.get(),
                s.load_after.0[0].get(),
            )
        })
        .collect();
    assert_eq!(
        times,
        vec![
            (StopRef::StartDepot(DepotIdx(0)), 85_800, 85_800, 85_800, 0),
            (StopRef::Site(SiteIdx(0)), 86_400, 86_400, 86_700, 3000),
            (StopRef::Site(SiteIdx(1)), 87_000, 88_200, 88_800, 5000),
            (StopRef::Break, 88_800, 88_800, 90_600, 5000),
            (StopRef::Facility(FacilityIdx(0)), 91_500, 91_500, 92_400, 0),
            (StopRef::EndDepot(DepotIdx(0)), 93_600, 93_600, 93_600, 0),
        ]
    );
    // The break stands at B and drives nothing; the leg to F starts at B.
    assert_eq!(t.stops[3].location, LocationIdx(2));
    assert_eq!(t.stops[3].distance_from_previous, Distance::ZERO);
    assert_eq!(t.stops[4].leg_from, LocationIdx(2));
    assert_eq!(t.stops[4].distance_from_previous, Distance(9000));
    assert!(t.stops.iter().all(|s| s.trip == 1));

    let totals = t.totals;
    assert_eq!(totals.duration, Duration(7800));
    assert_eq!(totals.driving, Duration(600 + 300 + 900 + 1200));
    assert_eq!(totals.service, Duration(900));
    assert_eq!(totals.unloading, Duration(900));
    assert_eq!(totals.break_time, Duration(1800));
    assert_eq!(totals.waiting, Duration(1200));
    // Everything the vehicle does adds up to the duration.
    assert_eq!(
        totals.driving + totals.service + totals.unloading + totals.break_time + totals.waiting,
        totals.duration
    );
    assert_eq!(totals.distance, Distance(30_000));
    assert_eq!(totals.sites, 2);
    assert_eq!(totals.trips, 1);
    assert_eq!(totals.peak_trip_load, Loads::single(5000));
    // 1000 fixed + 1 × 30 000 m + 2 × 7800 s.
    assert_eq!(totals.cost, Cost(1000 + 30_000 + 15_600));
}

/// Two trips with a release time; the depot takes the last load.
///
/// A (300 s) then F, then B (600 s, released at 5000 s), home; no windows. Leaving at 0:
/// A 600–900, F 1900–2800, wait at F until B's release 5000, B 5900–6500, home 7300.
/// The 2200 s of waiting at F can be spent at home instead: leave at 2200, A 2800–3100,
/// F 4100–5000, leave F at 5000 with no wait, B 5900–6500, home 7300. Duration 5100.
#[test]
fn release_time_holds_the_next_trip_and_the_depot_takes_the_last_load() {
    let mut b = site(2, 2000, 600, vec![TimeWindow::UNBOUNDED]);
    b.release_time = Duration(5000);
    let p = problem(
        vec![site(1, 3000, 300, vec![TimeWindow::UNBOUNDED]), b],
        TimeWindow::UNBOUNDED,
        vehicle(TimeWindow::UNBOUNDED, None, EndOfRoute::DepotUnloads),
    );
    let r = route(vec![
        Visit::Site(SiteIdx(0)),
        Visit::Facility(FacilityIdx(0)),
        Visit::Site(SiteIdx(1)),
    ]);
    let t = timed_route(&p, &r).unwrap();
    let rows: Vec<(i64, i64, i64, u32, i64)> = t
        .stops
        .iter()
        .map(|s| {
            (
                s.arrival.get(),
                s.start.get(),
                s.departure.get(),
                s.trip,
                s.load_after.0[0].get(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (2200, 2200, 2200, 1, 0),
            (2800, 2800, 3100, 1, 3000),
            (4100, 4100, 5000, 1, 0),
            (5900, 5900, 6500, 2, 2000),
            (7300, 7300, 7300, 2, 0),
        ]
    );
    assert_eq!(t.totals.duration, Duration(5100));
    assert_eq!(t.totals.waiting, Duration::ZERO);
    assert_eq!(t.totals.trips, 2);
    assert_eq!(t.totals.peak_trip_load, Loads::single(3000));
    assert_eq!(t.totals.collected, Loads::single(5000));
}

/// A release time on the first trip: the truck cannot leave the depot before it, and a
/// break as the first visit is taken at the depot right after that departure.
///
/// Shift from 0; A released at 1000; break 600 s in [0, 10 000]. Depot departure 1000,
/// break 1000–1600 at the depot, A 2200–2500, F 3500–4400, home 5600.
#[test]
fn first_trip_release_and_a_break_at_the_depot() {
    let mut a = site(1, 100, 300, vec![TimeWindow::UNBOUNDED]);
    a.release_time = Duration(1000);
    let p = problem(
        vec![a],
        TimeWindow::UNBOUNDED,
        vehicle(
            TimeWindow::UNBOUNDED,
            Some(BreakRule {
                duration: Duration(600),
                window: window(Duration::ZERO, Duration(10_000)),
            }),
            EndOfRoute::UnloadAtFacility,
        ),
    );
    let r = route(vec![
        Visit::Break,
        Visit::Site(SiteIdx(0)),
        Visit::Facility(FacilityIdx(0)),
    ]);
    let t = timed_route(&p, &r).unwrap();
    let rows: Vec<(i64, i64, i64)> = t
        .stops
        .iter()
        .map(|s| (s.arrival.get(), s.start.get(), s.departure.get()))
        .collect();
    assert_eq!(
        rows,
        vec![
            (1000, 1000, 1000),
            (1000, 1000, 1600),
            (2200, 2200, 2500),
            (3500, 3500, 4400),
            (5600, 5600, 5600),
        ]
    );
    assert_eq!(t.stops[1].location, LocationIdx(0));
    assert_eq!(t.totals.departure, Duration(1000));
    assert_eq!(t.totals.duration, Duration(4600));
}

/// With two windows, a vehicle arriving after the first one closes is served in the
/// second; one arriving after every window is shown starting on arrival, with a note.
#[test]
fn second_window_and_a_missed_window_note() {
    // Shift and depot force leaving at 0 exactly (shift ends late, depot opens at 0).
    let p = problem(
        vec![
            site(
                1,
                100,
                60,
                vec![
                    window(Duration(0), Duration(500)),
                    window(Duration(2000), Duration(3000)),
                ],
            ),
            site(2, 100, 60, vec![window(Duration(0), Duration(100))]),
        ],
        TimeWindow::UNBOUNDED,
        vehicle(
            window(Duration::ZERO, Duration(100_000)),
            None,
            EndOfRoute::UnloadAtFacility,
        ),
    );
    let r = route(vec![
        Visit::Site(SiteIdx(0)),
        Visit::Site(SiteIdx(1)),
        Visit::Facility(FacilityIdx(0)),
    ]);
    let t = timed_route(&p, &r).unwrap();
    // A: arrive 600 (after the first window), served from 2000; B reached at 2360, closed.
    assert_eq!(t.stops[1].start, Duration(2000));
    assert_eq!(t.stops[2].arrival, Duration(2360));
    assert_eq!(t.stops[2].start, Duration(2360));
    assert_eq!(
        t.notes,
        vec![TimingNote::SiteWindowMissed {
            position: 1,
            site: SiteIdx(1),
            arrival: Duration(2360),
        }]
    );
    // An infeasible route is not shifted: it leaves at the earliest time.
    assert_eq!(t.totals.departure, Duration::ZERO);
}

/// The plan's cost adds the penalty of each unassigned site; empty routes are not timed.
#[test]
fn plan_cost_and_empty_routes() {
    let p = problem(
        vec![
            site(1, 100, 0, vec![TimeWindow::UNBOUNDED]),
            site(2, 100, 0, vec![TimeWindow::UNBOUNDED]),
        ],
        TimeWindow::UNBOUNDED,
        vehicle(TimeWindow::UNBOUNDED, None, EndOfRoute::UnloadAtFacility),
    );
    let solution = Solution {
        routes: vec![
            route(vec![
                Visit::Site(SiteIdx(0)),
                Visit::Facility(FacilityIdx(0)),
            ]),
            Route {
                vehicle_type: VehicleTypeIdx(0),
                vehicle: 1,
                visits: vec![],
            },
        ],
        unassigned: vec![Unassigned {
            site: SiteIdx(1),
            reason: UnassignedReason::NoCapacityLeft,
        }],
    };
    let plan = timed_plan(&p, &solution).unwrap();
    assert_eq!(plan.routes.len(), 1);
    // D→A 600, A→F 1000, unload 900, F→D 1200: 3700 s, 28 000 m.
    let route_cost = 1000 + 28_000 + 2 * 3700;
    assert_eq!(plan.routes[0].totals.cost, Cost(route_cost));
    assert_eq!(plan.cost, Cost(route_cost + 1_000_000));
}

/// A leg the profile cannot drive is an error naming both locations.
#[test]
fn unreachable_leg_is_an_error() {
    let mut m = matrices();
    m.time
        .set(LocationIdx(1), LocationIdx(3), Duration::INFINITE);
    m.distance
        .set(LocationIdx(1), LocationIdx(3), Distance::INFINITE);
    let base = problem(
        vec![site(1, 100, 0, vec![TimeWindow::UNBOUNDED])],
        TimeWindow::UNBOUNDED,
        vehicle(TimeWindow::UNBOUNDED, None, EndOfRoute::UnloadAtFacility),
    );
    let p = Problem::new(ProblemParts {
        profiles: vec![m],
        depots: base.depots().to_vec(),
        facilities: base.facilities().to_vec(),
        sites: base.sites().to_vec(),
        vehicle_types: base.vehicle_types().to_vec(),
        objective: *base.objective(),
    })
    .unwrap();
    let err = timed_route(
        &p,
        &route(vec![
            Visit::Site(SiteIdx(0)),
            Visit::Facility(FacilityIdx(0)),
        ]),
    )
    .unwrap_err();
    assert_eq!(
        err,
        TimingError::Unreachable {
            vehicle_type: 0,
            vehicle: 0,
            from: 1,
            to: 3
        }
    );
}
