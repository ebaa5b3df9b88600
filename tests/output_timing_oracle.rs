//! The timed plan against a brute-force oracle on random small routes.
//!
//! The oracle is a plain forward pass written again here from the route semantics; it
//! tries every whole-second depot departure in range and keeps the latest one that comes
//! home as early as the earliest departure does. The timed plan must pick the same
//! departure and the same times at every stop.

use proptest::prelude::*;
use wasteroute::plan::timed_route;
use wasteroute::problem::{
    BreakRule, Depot, DepotIdx, EndOfRoute, Facility, FacilityIdx, Loads, LocationIdx, Matrix,
    Objective, Problem, ProblemParts, ProfileIdx, Site, SiteIdx, StreamIdx, StreamSet, TimeWindow,
    TravelMatrices, VehicleType,
};
use wasteroute::solution::{Route, Visit};
use wasteroute::units::{Cost, Distance, Duration};

/// A site's windows `(start, end)`, service time and release time.
type SiteCase = (Vec<(i64, i64)>, i64, i64);

#[derive(Clone, Debug)]
struct Case {
    /// Travel times between n locations: 0 depot, 1 facility, 2.. sites.
    times: Vec<i64>,
    /// Per site: windows (sorted, disjoint), service, release.
    sites: Vec<SiteCase>,
    facility_windows: Vec<(i64, i64)>,
    break_rule: Option<(i64, i64, i64)>,
    shift_start: i64,
    visits: Vec<Visit>,
}

/// One or two sorted, disjoint windows, wide enough that many routes are feasible.
fn windows() -> impl Strategy<Value = Vec<(i64, i64)>> {
    prop::collection::vec((0i64..3000, 200i64..4000), 1..=2).prop_map(|mut v| {
        v.sort();
        let mut out: Vec<(i64, i64)> = Vec::new();
        for (s, len) in v {
            let start = out.last().map_or(s, |w| s.max(w.1 + 1) + 500);
            out.push((start, start + len));
        }
        out
    })
}

fn case() -> impl Strategy<Value = Case> {
    (2usize..=4).prop_flat_map(|k| {
        let n = k + 2;
        (
            prop::collection::vec(0i64..600, n * n),
            prop::collection::vec(
                (windows(), 0i64..300, prop_oneof![Just(0i64), 0i64..3000]),
                k,
            ),
            prop_oneof![Just(vec![(0i64, 100_000i64)]), windows()],
            prop::option::of((100i64..900, 0i64..3000, 0i64..4000)),
            0i64..1000,
            Just((0..k).collect::<Vec<usize>>()).prop_shuffle(),
            0usize..=k,
            0usize..=k + 1,
        )
            .prop_map(
                move |(
                    mut times,
                    sites,
                    facility_windows,
                    break_rule,
                    shift_start,
                    order,
                    cut,
                    brk,
                )| {
                    for i in 0..n {
                        times[i * n + i] = 0;
                    }
                    // Sites in a random order, a facility after the first `cut` of them
                    // (when it splits them) and one at the end, the break somewhere.
                    let mut visits: Vec<Visit> = Vec::new();
                    for (i, &s) in order.iter().enumerate() {
                        if i == cut && cut > 0 {
                            visits.push(Visit::Facility(FacilityIdx(0)));
                        }
                        visits.push(Visit::Site(SiteIdx(s as u32)));
                    }
                    visits.push(Visit::Facility(FacilityIdx(0)));
                    if break_rule.is_some() {
                        visits.insert(brk.min(visits.len()), Visit::Break);
                    }
                    Case {
                        times,
                        sites,
                        facility_windows,
                        break_rule,
                        shift_start,
                        visits,
                    }
                },
            )
    })
}

fn tw(ws: &[(i64, i64)]) -> Vec<TimeWindow> {
    ws.iter()
        .map(|&(a, b)| TimeWindow::new(Duration(a), Duration(b)))
        .collect()
}

fn build(c: &Case) -> Problem {
    let n = c.sites.len() + 2;
    Problem::new(ProblemParts {
        profiles: vec![TravelMatrices {
            time: Matrix::from_row_major(n, c.times.iter().map(|&t| Duration(t)).collect())
                .unwrap(),
            distance: Matrix::from_row_major(n, c.times.iter().map(|&t| Distance(t)).collect())
                .unwrap(),
        }],
        depots: vec![Depot {
            location: LocationIdx(0),
            window: TimeWindow::UNBOUNDED,
        }],
        facilities: vec![Facility {
            location: LocationIdx(1),
            windows: tw(&c.facility_windows),
            unload_time: Duration(200),
            accepts: StreamSet::ALL,
            daily_capacity: None,
        }],
        sites: c
            .sites
            .iter()
            .enumerate()
            .map(|(i, (ws, service, release))| Site {
                location: LocationIdx(i as u32 + 2),
                demand: Loads::single(1),
                service_time: Duration(*service),
                windows: tw(ws),
                stream: StreamIdx(0),
                allowed_vehicle_types: None,
                release_time: Duration(*release),
            })
            .collect(),
        vehicle_types: vec![VehicleType {
            count: 1,
            start_depot: DepotIdx(0),
            end_depot: DepotIdx(0),
            capacity: Loads::INFINITE,
            shift: TimeWindow::new(Duration(c.shift_start), Duration::INFINITE),
            max_duration: Duration::INFINITE,
            max_distance: Distance::INFINITE,
            max_total_load: Loads::INFINITE,
            max_sites: u32::MAX,
            break_rule: c.break_rule.map(|(d, s, len)| BreakRule {
                duration: Duration(d),
                window: TimeWindow::new(Duration(s), Duration(s + len)),
            }),
            fixed_cost: Cost(0),
            cost_per_distance: Cost(0),
            cost_per_duration: Cost(0),
            profile: ProfileIdx(0),
            streams: StreamSet::ALL,
            facilities: None,
            end_of_route: EndOfRoute::UnloadAtFacility,
        }],
        objective: Objective {
            unassigned_penalty: Cost(0),
        },
    })
    .unwrap()
}

/// The oracle's forward pass: `(arrival, start, departure)` per stop including both
/// depots, or `None` when a window or the break window is missed.
fn oracle(c: &Case, t0: i64) -> Option<Vec<(i64, i64, i64)>> {
    let n = c.sites.len() + 2;
    let time = |a: usize, b: usize| c.times[a * n + b];
    let open = |ws: &[(i64, i64)], t: i64| ws.iter().find(|w| w.1 >= t).map(|w| t.max(w.0));
    // Release of each trip (trips end at facilities).
    let mut releases = vec![0i64];
    for v in &c.visits {
        match v {
            Visit::Site(s) => {
                let r = releases.last_mut().unwrap();
                *r = (*r).max(c.sites[s.index()].2);
            }
            Visit::Facility(_) => releases.push(0),
            Visit::Break => {}
        }
    }
    let mut out = Vec::new();
    let leave = t0.max(releases[0]);
    out.push((t0, t0, leave));
    let (mut at, mut now, mut trip) = (0usize, leave, 0usize);
    for v in &c.visits {
        match v {
            Visit::Site(s) => {
                let (ws, service, _) = &c.sites[s.index()];
                let loc = s.index() + 2;
                let arrival = now + time(at, loc);
                let start = open(ws, arrival)?;
                out.push((arrival, start, start + service));
                at = loc;
                now = start + service;
            }
            Visit::Facility(_) => {
                let arrival = now + time(at, 1);
                let start = open(&c.facility_windows, arrival)?;
                trip += 1;
                let departure = (start + 200).max(releases[trip]);
                out.push((arrival, start, departure));
                at = 1;
                now = departure;
            }
            Visit::Break => {
                let (d, s, len) = c.break_rule.unwrap();
                let start = now.max(s);
                if start > s + len {
                    return None;
                }
                out.push((now, start, start + d));
                now = start + d;
            }
        }
    }
    let home = now + time(at, 0);
    out.push((home, home, home));
    Some(out)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn timed_route_matches_the_brute_force_oracle(c in case()) {
        let p = build(&c);
        let route = Route { vehicle_type: wasteroute::problem::VehicleTypeIdx(0), vehicle: 0, visits: c.visits.clone() };
        let timed = timed_route(&p, &route).unwrap();
        let earliest = c.shift_start;
        match oracle(&c, earliest) {
            None => {
                // Infeasible from the earliest departure: reported, not shifted.
                prop_assert!(!timed.notes.is_empty());
                prop_assert_eq!(timed.stops[0].arrival, Duration(earliest));
            }
            Some(first) => {
                prop_assert!(timed.notes.is_empty(), "{:?}", timed.notes);
                let home = first.last().unwrap().0;
                // Leaving later than `home` can never come home by `home`.
                let best = (earliest..=home)
                    .filter(|&t| oracle(&c, t).is_some_and(|s| s.last().unwrap().0 == home))
                    .max()
                    .unwrap();
                let expected = oracle(&c, best).unwrap();
                let got: Vec<(i64, i64, i64)> = timed
                    .stops
                    .iter()
                    .map(|s| (s.arrival.get(), s.start.get(), s.departure.get()))
                    .collect();
                prop_assert_eq!(&got, &expected);
                // The duration runs from the actual depot departure (after any release).
                prop_assert_eq!(timed.totals.duration.get(), home - expected[0].2);
            }
        }
    }
}
