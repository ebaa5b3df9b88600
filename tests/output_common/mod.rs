//! Random small routes for the timing tests: one depot (location 0), one facility
//! (location 1) and two to four sites, with windows, release times and an optional break.

use proptest::prelude::*;
use wasteroute::problem::{
    BreakRule, Depot, DepotIdx, EndOfRoute, Facility, FacilityIdx, Loads, LocationIdx, Matrix,
    Objective, Problem, ProblemParts, ProfileIdx, Site, SiteIdx, StreamIdx, StreamSet, TimeWindow,
    TravelMatrices, VehicleType,
};
use wasteroute::solution::Visit;
use wasteroute::units::{Cost, Distance, Duration};

/// A site's windows `(start, end)`, service time and release time.
pub type SiteCase = (Vec<(i64, i64)>, i64, i64);

#[derive(Clone, Debug)]
pub struct Case {
    /// Travel times between n locations: 0 depot, 1 facility, 2.. sites.
    pub times: Vec<i64>,
    /// Per site: windows (sorted, disjoint), service, release.
    pub sites: Vec<SiteCase>,
    pub facility_windows: Vec<(i64, i64)>,
    pub break_rule: Option<(i64, i64, i64)>,
    pub shift_start: i64,
    pub visits: Vec<Visit>,
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

pub fn case() -> impl Strategy<Value = Case> {
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

pub fn build(c: &Case) -> Problem {
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
                prize: None,
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
            fixed_cost: Cost(7),
            cost_per_distance: Cost(3),
            cost_per_duration: Cost(2),
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
