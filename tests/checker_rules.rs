//! The checker on a tiny hand-made problem: a valid solution with totals worked out by
//! hand, then one broken solution (or one tightened problem) per rule of the semantics.
//!
//! Locations lie on a line; travel time = distance = |x_i − x_j|:
//!
//! ```text
//! x:  0      2    4    6    8   10         20
//!     depot  S0   S1   S2   S3  F0         F1
//! ```
//! S0, S1, S3 collect stream 0, S2 stream 1; each demand 4, service 1. S1 is open
//! [10, 20]; S3 only accepts vehicle type 1. F0 (unload 5) accepts stream 0, daily
//! capacity 100; F1 (unload 5) accepts both. Type 0 (2 vehicles): capacity 8, fixed 100,
//! 2 per distance, 1 per duration. Type 1 (1 vehicle): carries stream 0 only, may use F0
//! only, a 10-long break starting in [0, 50], fixed 50, 1 per distance.

use wasteroute::checker::{CheckReport, ViolationKind, check};
use wasteroute::problem::*;
use wasteroute::solution::{Route, Solution, Unassigned, UnassignedReason, Visit};
use wasteroute::units::{Cost, Distance, Duration};

const XS: [i64; 7] = [0, 10, 20, 2, 4, 6, 8];

fn window(a: i64, b: i64) -> TimeWindow {
    TimeWindow::new(Duration(a), Duration(b))
}

fn parts() -> ProblemParts {
    let n = XS.len();
    let mut time = Matrix::filled(n, Duration::ZERO);
    let mut distance = Matrix::filled(n, Distance::ZERO);
    for (i, xi) in XS.iter().enumerate() {
        for (j, xj) in XS.iter().enumerate() {
            let d = (xi - xj).abs();
            time.set(LocationIdx::new(i), LocationIdx::new(j), Duration(d));
            distance.set(LocationIdx::new(i), LocationIdx::new(j), Distance(d));
        }
    }
    let site = |loc: u32, stream: u8, windows: Vec<TimeWindow>| Site {
        location: LocationIdx(loc),
        demand: Loads::single(4),
        service_time: Duration(1),
        windows,
        stream: StreamIdx(stream),
        allowed_vehicle_types: None,
        release_time: Duration::ZERO,
        prize: None,
    };
    let facility = |loc: u32, accepts: StreamSet| Facility {
        location: LocationIdx(loc),
        windows: vec![window(0, 1000)],
        unload_time: Duration(5),
        accepts,
        daily_capacity: None,
    };
    let vehicle = VehicleType {
        count: 2,
        start_depot: DepotIdx(0),
        end_depot: DepotIdx(0),
        capacity: Loads::single(8),
        shift: window(0, 1000),
        max_duration: Duration(1000),
        max_distance: Distance::INFINITE,
        max_total_load: Loads::single(100),
        max_sites: 10,
        break_rule: None,
        fixed_cost: Cost(100),
        cost_per_distance: Cost(2),
        cost_per_duration: Cost(1),
        profile: ProfileIdx(0),
        streams: StreamSet::ALL,
        facilities: None,
        end_of_route: EndOfRoute::UnloadAtFacility,
    };
    let mut s3 = site(6, 0, vec![window(0, 1000)]);
    s3.allowed_vehicle_types = Some(vec![VehicleTypeIdx(1)]);
    let mut f0 = facility(1, StreamSet::only(StreamIdx(0)));
    f0.daily_capacity = Some(Loads::single(100));
    ProblemParts {
        profiles: vec![TravelMatrices { time, distance }],
        depots: vec![Depot {
            location: LocationIdx(0),
            window: window(0, 1000),
        }],
        facilities: vec![f0, facility(2, StreamSet::ALL)],
        sites: vec![
            site(3, 0, vec![window(0, 1000)]),
            site(4, 0, vec![window(10, 20)]),
            site(5, 1, vec![window(0, 1000)]),
            s3,
        ],
        vehicle_types: vec![
            vehicle.clone(),
            VehicleType {
                count: 1,
                streams: StreamSet::only(StreamIdx(0)),
                facilities: Some(vec![FacilityIdx(0)]),
                break_rule: Some(BreakRule {
                    duration: Duration(10),
                    window: window(0, 50),
                }),
                fixed_cost: Cost(50),
                cost_per_distance: Cost(1),
                cost_per_duration: Cost(0),
                ..vehicle
            },
        ],
        objective: Objective {
            unassigned_penalty: Cost(1000),
        },
    }
}

fn problem() -> Problem {
    Problem::new(parts()).unwrap()
}

fn tightened(tweak: impl FnOnce(&mut ProblemParts)) -> Problem {
    let mut p = parts();
    tweak(&mut p);
    Problem::new(p).unwrap()
}

use Visit::{Break as B, Facility as F, Site as S};
const S0: Visit = S(SiteIdx(0));
const S1: Visit = S(SiteIdx(1));
const S2: Visit = S(SiteIdx(2));
const S3: Visit = S(SiteIdx(3));
const F0: Visit = F(FacilityIdx(0));
const F1: Visit = F(FacilityIdx(1));

fn route(t: u32, v: u32, visits: &[Visit]) -> Route {
    Route {
        vehicle_type: VehicleTypeIdx(t),
        vehicle: v,
        visits: visits.to_vec(),
    }
}

/// The valid solution: [S0 S1 F0], [S2 F1] on type 0; [S3 break F0] on type 1.
fn valid() -> Solution {
    Solution {
        routes: vec![
            route(0, 0, &[S0, S1, F0]),
            route(0, 1, &[S2, F1]),
            route(1, 0, &[S3, B, F0]),
        ],
        unassigned: vec![],
    }
}

fn with_route(r: usize, visits: &[Visit]) -> Solution {
    let mut s = valid();
    s.routes[r].visits = visits.to_vec();
    s
}

/// The single violation of a report (panics with the list otherwise).
fn only(report: &CheckReport) -> (Option<usize>, Option<usize>, ViolationKind) {
    assert_eq!(
        report.violations.len(),
        1,
        "expected one violation, got {:#?}",
        report.violations
    );
    let v = &report.violations[0];
    (v.route, v.position, v.kind.clone())
}

#[test]
fn valid_solution_has_the_hand_computed_totals() {
    let report = check(&problem(), &valid());
    assert!(report.is_feasible(), "{:#?}", report.violations);
    let r0 = &report.routes[0];
    // Leave at 0: S0 at 2–3, S1 at 5 waits to 10–11, F0 at 17–22, home at 32. S1's wait
    // lets the departure move to 5 without a later return: duration 27.
    assert_eq!(r0.departure, Duration(5));
    assert_eq!(r0.arrival, Duration(32));
    assert_eq!(r0.duration, Duration(27));
    assert_eq!(r0.distance, Distance(20));
    assert_eq!(r0.cost, Cost(100 + 2 * 20 + 27));
    assert_eq!(r0.schedule[1].arrival, Duration(10));
    assert_eq!(r0.schedule[1].start, Duration(10));
    assert_eq!(r0.trips, 1);
    // S2 at 6–7, F1 at 21–26, home at 46.
    let r1 = &report.routes[1];
    assert_eq!((r1.distance, r1.duration), (Distance(40), Duration(46)));
    assert_eq!(r1.cost, Cost(100 + 80 + 46));
    // S3 at 8–9, break 9–19 at S3, F0 at 21–26 (the break adds no distance), home at 36.
    let r2 = &report.routes[2];
    assert_eq!(r2.schedule[1].start, Duration(9));
    assert_eq!(r2.schedule[2].arrival, Duration(21));
    assert_eq!((r2.distance, r2.duration), (Distance(20), Duration(36)));
    assert_eq!(r2.cost, Cost(50 + 20));
    assert_eq!(report.distance, Distance(80));
    assert_eq!(report.duration, Duration(27 + 46 + 36));
    assert_eq!(report.cost, Cost(167 + 226 + 70));
    assert_eq!(report.vehicles, 3);
    assert_eq!(
        report.facility_intake,
        vec![Loads::single(12), Loads::single(4)]
    );
}

#[test]
fn unassigned_sites_cost_the_penalty() {
    let mut s = valid();
    s.routes.remove(1);
    s.unassigned.push(Unassigned {
        site: SiteIdx(2),
        reason: UnassignedReason::NoCapacityLeft,
    });
    let report = check(&problem(), &s);
    assert!(report.is_feasible(), "{:#?}", report.violations);
    assert_eq!(report.cost, Cost(167 + 70 + 1000));
    assert_eq!(report.unassigned, 1);
}

#[test]
fn release_time_holds_the_trip_at_its_start() {
    let p = tightened(|p| p.sites[2].release_time = Duration(30));
    let report = check(&p, &valid());
    assert!(report.is_feasible(), "{:#?}", report.violations);
    // Leaves at 30: S2 at 36–37, F1 at 51–56, home at 76; duration 46 again.
    let r1 = &report.routes[1];
    assert_eq!((r1.departure, r1.arrival), (Duration(30), Duration(76)));
    assert_eq!(r1.duration, Duration(46));
}

#[test]
fn release_time_after_a_facility_delays_the_next_trip() {
    // [S0 F0 S1 F0] with S1 released at 40 (and open until 60): the second trip waits
    // at F0 until 40.
    let p = tightened(|p| {
        p.sites[1].release_time = Duration(40);
        p.sites[1].windows = vec![window(10, 60)];
    });
    let s = with_route(0, &[S0, F0, S1, F0]);
    let report = check(&p, &s);
    assert!(report.is_feasible(), "{:#?}", report.violations);
    let r0 = &report.routes[0];
    // S0 2–3, F0 11–16, wait to 40, S1 46–47, F0 53–58, home 68.
    assert_eq!(r0.schedule[1].departure, Duration(40));
    assert_eq!(r0.schedule[2].arrival, Duration(46));
    assert_eq!(r0.arrival, Duration(68));
    // The release wait of 24 lets the departure move to 24: duration 44.
    assert_eq!(r0.departure, Duration(24));
    assert_eq!(r0.trips, 2);
}

#[test]
fn second_window_is_used_when_the_first_has_closed() {
    let p = tightened(|p| p.sites[1].windows = vec![window(0, 3), window(12, 20)]);
    let report = check(&p, &valid());
    assert!(report.is_feasible(), "{:#?}", report.violations);
    // Arrives at S1 at 5 (first window closed at 3): waits for 12.
    assert_eq!(report.routes[0].schedule[1].start, Duration(12));
}

#[test]
fn unknown_vehicle_type() {
    let mut s = valid();
    s.routes[1].vehicle_type = VehicleTypeIdx(5);
    let report = check(&problem(), &s);
    assert!(report.violations.iter().any(|v| v.route == Some(1)
        && v.kind
            == ViolationKind::UnknownVehicleType {
                vehicle_type: VehicleTypeIdx(5)
            }));
}

#[test]
fn unknown_vehicle_number() {
    let mut s = valid();
    s.routes[1].vehicle = 7;
    assert_eq!(
        only(&check(&problem(), &s)),
        (
            Some(1),
            None,
            ViolationKind::UnknownVehicle {
                vehicle: 7,
                count: 2
            }
        )
    );
}

#[test]
fn vehicle_used_twice() {
    let mut s = valid();
    s.routes[1].vehicle = 0;
    assert_eq!(
        only(&check(&problem(), &s)),
        (
            Some(1),
            None,
            ViolationKind::VehicleUsedTwice {
                vehicle_type: VehicleTypeIdx(0),
                vehicle: 0,
                first_route: 0
            }
        )
    );
}

#[test]
fn empty_route_is_reported() {
    let mut s = valid();
    s.routes.push(route(0, 1, &[]));
    s.routes[1].vehicle = 1;
    s.routes[3].vehicle_type = VehicleTypeIdx(1);
    s.routes[3].vehicle = 0;
    let report = check(&problem(), &s);
    assert!(
        report
            .violations
            .iter()
            .any(|v| v.route == Some(3) && v.kind == ViolationKind::EmptyRoute)
    );
}

#[test]
fn unknown_site_and_facility() {
    let s = with_route(1, &[S2, S(SiteIdx(99)), F(FacilityIdx(9)), F1]);
    let report = check(&problem(), &s);
    let kinds: Vec<_> = report
        .violations
        .iter()
        .map(|v| (v.position, v.kind.clone()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (Some(1), ViolationKind::UnknownSite { site: SiteIdx(99) }),
            (
                Some(2),
                ViolationKind::UnknownFacility {
                    facility: FacilityIdx(9)
                }
            ),
        ]
    );
}

#[test]
fn site_missing() {
    let mut s = valid();
    s.routes.remove(1);
    assert_eq!(
        only(&check(&problem(), &s)),
        (None, None, ViolationKind::SiteMissing { site: SiteIdx(2) })
    );
}

#[test]
fn site_both_routed_and_unassigned() {
    let mut s = valid();
    s.unassigned.push(Unassigned {
        site: SiteIdx(0),
        reason: UnassignedReason::NoCapacityLeft,
    });
    assert_eq!(
        only(&check(&problem(), &s)),
        (
            None,
            None,
            ViolationKind::SiteRepeated {
                site: SiteIdx(0),
                times: 2
            }
        )
    );
}

#[test]
fn vehicle_type_not_allowed_at_site() {
    // S3 (type 1 only) on type 0 after S0.
    let mut s = valid();
    s.routes[0].visits = vec![S0, S3, F0, S1, F0];
    s.routes[2].visits = vec![B];
    let report = check(&problem(), &s);
    assert!(report.violations.iter().any(|v| v.route == Some(0)
        && v.position == Some(1)
        && v.kind == ViolationKind::VehicleNotAllowed { site: SiteIdx(3) }));
}

#[test]
fn trip_over_capacity() {
    let p = tightened(|p| p.vehicle_types[0].capacity = Loads::single(7));
    assert_eq!(
        only(&check(&p, &valid())),
        (
            Some(0),
            Some(2),
            ViolationKind::TripOverCapacity {
                trip: 0,
                load: Loads::single(8),
                capacity: Loads::single(7),
                excess: wasteroute::units::Load(1)
            }
        )
    );
}

#[test]
fn truck_must_come_home_empty() {
    let s = with_route(0, &[S0, S1]);
    assert_eq!(
        only(&check(&problem(), &s)),
        (Some(0), None, ViolationKind::NotUnloadedAtEnd { sites: 2 })
    );
}

#[test]
fn depot_unloads_needs_no_final_facility() {
    let p = tightened(|p| p.vehicle_types[0].end_of_route = EndOfRoute::DepotUnloads);
    let s = with_route(0, &[S0, S1]);
    assert!(check(&p, &s).is_feasible());
}

#[test]
fn streams_must_not_mix_in_a_trip() {
    let mut s = valid();
    s.routes[0].visits = vec![S0, S2, F1];
    s.routes[1].visits = vec![S1, F0];
    assert_eq!(
        only(&check(&problem(), &s)),
        (
            Some(0),
            Some(1),
            ViolationKind::MixedStreams {
                stream: StreamIdx(1),
                trip_stream: StreamIdx(0)
            }
        )
    );
}

#[test]
fn vehicle_must_carry_the_stream() {
    let p = tightened(|p| p.vehicle_types[1].facilities = None);
    let mut s = valid();
    s.routes.remove(1);
    s.routes[1].visits = vec![S3, B, F0, S2, F1];
    assert_eq!(
        only(&check(&p, &s)),
        (
            Some(1),
            Some(3),
            ViolationKind::StreamNotCarried {
                stream: StreamIdx(1)
            }
        )
    );
}

#[test]
fn facility_must_accept_the_stream() {
    let s = with_route(1, &[S2, F0]);
    assert_eq!(
        only(&check(&problem(), &s)),
        (
            Some(1),
            Some(1),
            ViolationKind::StreamNotAccepted {
                facility: FacilityIdx(0),
                stream: StreamIdx(1)
            }
        )
    );
}

#[test]
fn facility_must_be_allowed_for_the_vehicle() {
    let s = with_route(2, &[S3, B, F1]);
    assert_eq!(
        only(&check(&problem(), &s)),
        (
            Some(2),
            Some(2),
            ViolationKind::FacilityNotAllowed {
                facility: FacilityIdx(1)
            }
        )
    );
}

#[test]
fn unreachable_arc() {
    let p = tightened(|p| {
        p.profiles[0]
            .time
            .set(LocationIdx(3), LocationIdx(4), Duration::INFINITE);
        p.profiles[0]
            .distance
            .set(LocationIdx(3), LocationIdx(4), Distance::INFINITE);
    });
    let report = check(&p, &valid());
    assert_eq!(
        only(&report),
        (Some(0), Some(1), ViolationKind::UnreachableArc)
    );
}

#[test]
fn site_window_missed() {
    let p = tightened(|p| p.sites[1].windows = vec![window(0, 3)]);
    assert_eq!(
        only(&check(&p, &valid())),
        (
            Some(0),
            Some(1),
            ViolationKind::SiteTooLate {
                arrival: Duration(5),
                late_by: Duration(2)
            }
        )
    );
}

#[test]
fn facility_closed() {
    let p = tightened(|p| p.facilities[0].windows = vec![window(0, 15)]);
    let report = check(&p, &valid());
    assert_eq!(
        report.violations[0].kind,
        ViolationKind::FacilityTooLate {
            arrival: Duration(17),
            late_by: Duration(2)
        }
    );
    assert_eq!(report.violations[0].position, Some(2));
}

#[test]
fn break_missing_and_not_allowed() {
    let s = with_route(2, &[S3, F0]);
    assert_eq!(
        only(&check(&problem(), &s)),
        (Some(2), None, ViolationKind::BreakMissing)
    );
    let s = with_route(2, &[S3, B, B, F0]);
    assert_eq!(
        only(&check(&problem(), &s)),
        (Some(2), Some(2), ViolationKind::BreakNotAllowed)
    );
    let s = with_route(1, &[B, S2, F1]);
    assert_eq!(
        only(&check(&problem(), &s)),
        (Some(1), Some(0), ViolationKind::BreakNotAllowed)
    );
}

#[test]
fn break_window_missed() {
    let p = tightened(|p| {
        p.vehicle_types[1].break_rule = Some(BreakRule {
            duration: Duration(10),
            window: window(0, 5),
        })
    });
    assert_eq!(
        only(&check(&p, &valid())),
        (
            Some(2),
            Some(1),
            ViolationKind::BreakTooLate {
                start: Duration(9),
                late_by: Duration(4)
            }
        )
    );
}

#[test]
fn return_too_late() {
    let p = tightened(|p| p.vehicle_types[1].shift = window(0, 30));
    assert_eq!(
        only(&check(&p, &valid())),
        (
            Some(2),
            Some(3),
            ViolationKind::ReturnTooLate {
                arrival: Duration(36),
                late_by: Duration(6)
            }
        )
    );
}

#[test]
fn route_too_long() {
    let p = tightened(|p| p.vehicle_types[1].max_duration = Duration(35));
    assert_eq!(
        only(&check(&p, &valid())),
        (
            Some(2),
            None,
            ViolationKind::TooLong {
                duration: Duration(36),
                excess: Duration(1)
            }
        )
    );
}

#[test]
fn route_too_far() {
    let p = tightened(|p| p.vehicle_types[1].max_distance = Distance(19));
    assert_eq!(
        only(&check(&p, &valid())),
        (
            Some(2),
            None,
            ViolationKind::TooFar {
                distance: Distance(20),
                excess: Distance(1)
            }
        )
    );
}

#[test]
fn daily_load_exceeded() {
    let p = tightened(|p| p.vehicle_types[1].max_total_load = Loads::single(3));
    assert_eq!(
        only(&check(&p, &valid())),
        (
            Some(2),
            None,
            ViolationKind::DailyLoadExceeded {
                load: Loads::single(4),
                limit: Loads::single(3),
                excess: wasteroute::units::Load(1)
            }
        )
    );
}

#[test]
fn too_many_sites() {
    let p = tightened(|p| p.vehicle_types[1].max_sites = 0);
    assert_eq!(
        only(&check(&p, &valid())),
        (
            Some(2),
            None,
            ViolationKind::TooManySites { sites: 1, limit: 0 }
        )
    );
}

#[test]
fn facility_daily_capacity() {
    let p = tightened(|p| p.facilities[0].daily_capacity = Some(Loads::single(11)));
    assert_eq!(
        only(&check(&p, &valid())),
        (
            None,
            None,
            ViolationKind::FacilityOverCapacity {
                facility: FacilityIdx(0),
                intake: Loads::single(12),
                capacity: Loads::single(11),
                excess: wasteroute::units::Load(1)
            }
        )
    );
}

/// A hand-made plan may hold any number of stops: when its distance or cost would pass
/// 64 bits, the checker reports an overflow instead of wrapping into a negative total that
/// could pass for feasible.
#[test]
fn totals_that_overflow_are_violations() {
    let far = tightened(|p| {
        let m = &mut p.profiles[0];
        let n = m.distance.size();
        for i in 0..n {
            for j in 0..n {
                let (a, b) = (LocationIdx::new(i), LocationIdx::new(j));
                m.distance.set(
                    a,
                    b,
                    Distance(m.distance.get(a, b).get() * 100_000_000_000_000),
                );
            }
        }
    });
    let mut visits = Vec::new();
    for _ in 0..5_000 {
        visits.extend([S0, F1]);
    }
    let report = check(&far, &with_route(0, &visits));
    assert!(
        report
            .violations
            .iter()
            .any(|v| v.kind == ViolationKind::Overflow { what: "distance" }),
        "{:#?}",
        &report.violations[..3]
    );
    assert!(!report.is_feasible());
    assert!(report.distance.get() >= 0 && report.cost.get() >= 0);
}
