//! Tiny problems worked out by hand; each test says why its answer is the only right one.

mod solver_support;

use solver_support::{Builder, break_rule, window};
use wasteroute::problem::{EndOfRoute, FacilityIdx, SiteIdx, StreamIdx, StreamSet, VehicleTypeIdx};
use wasteroute::solution::{Solution, UnassignedReason, Visit};
use wasteroute::solver::{SolverConfig, check_solution, solution_cost, solve};
use wasteroute::units::{Cost, Duration};

fn run(problem: &wasteroute::problem::Problem, iterations: u64) -> Solution {
    let config = SolverConfig::with_iterations(7, iterations);
    let result = solve(problem, &config, &mut |_| {});
    check_solution(problem, &result.solution).expect("solver output passes the full check");
    assert_eq!(result.cost, solution_cost(problem, &result.solution));
    let report = wasteroute::checker::check(problem, &result.solution);
    assert!(
        report.is_feasible(),
        "independent checker: {:?}",
        report.violations
    );
    assert_eq!(report.cost, result.cost, "independent checker's cost");
    result.solution
}

fn sites_of(visits: &[Visit]) -> Vec<usize> {
    visits
        .iter()
        .filter_map(|v| match v {
            Visit::Site(s) => Some(s.index()),
            _ => None,
        })
        .collect()
}

/// Two sites of demand 6 on a line beyond the facility, one truck of capacity 10 that must
/// come home empty: the two loads cannot share a trip, so the route must be
/// site, facility, site, facility (in some order), with two facility visits.
#[test]
fn disposal_trip_forced_by_capacity() {
    let mut b = Builder::new((0.0, 0.0));
    b.facility((5.0, 0.0), StreamSet::ALL, 1);
    b.site((10.0, 0.0), 6);
    b.site((12.0, 0.0), 6);
    let v = b.vehicles(1, 10);
    b.vehicles[v].end_of_route = EndOfRoute::UnloadAtFacility;
    let p = b.build();
    let sol = run(&p, 50);
    assert!(sol.unassigned.is_empty());
    assert_eq!(sol.routes.len(), 1);
    let visits = &sol.routes[0].visits;
    let facilities = visits
        .iter()
        .filter(|v| matches!(v, Visit::Facility(_)))
        .count();
    assert_eq!(facilities, 2, "one unload per full trip: {visits:?}");
    assert!(
        matches!(visits.last(), Some(Visit::Facility(_))),
        "comes home empty"
    );
    // Depot 0 → 10 → 5 → 12 → 5 → 0 = 10 + 5 + 7 + 7 + 5 = 34 is the shortest.
    assert_eq!(solution_cost(&p, &sol), Cost(34));
}

/// Two sites on one line; the far one closes at time 15 and the near one opens only at 30,
/// so the truck must visit the far one first although near-first is the shorter path when
/// windows are ignored (both orders cost 40 here, the windows decide feasibility).
#[test]
fn window_forces_order() {
    let mut b = Builder::new((0.0, 0.0));
    let near = b.site((5.0, 0.0), 1);
    let far = b.site((10.0, 0.0), 1);
    b.sites[far].windows = vec![window(0, 15)];
    b.sites[near].windows = vec![window(30, 100)];
    b.vehicles(1, 10);
    let p = b.build();
    let sol = run(&p, 20);
    assert!(sol.unassigned.is_empty());
    assert_eq!(sites_of(&sol.routes[0].visits), vec![far, near]);
}

/// A break of 30 that must start in [20, 25]: the route has exactly one break, and it is
/// placed where it can start in its window (after the first site at time 20, not at the
/// depot at time 0, which would be before the window... or waiting there until 20).
#[test]
fn break_is_placed_in_its_window() {
    let mut b = Builder::new((0.0, 0.0));
    b.site((20.0, 0.0), 1);
    b.site((40.0, 0.0), 1);
    let v = b.vehicles(1, 10);
    b.vehicles[v].break_rule = Some(break_rule(30, 20, 25));
    let p = b.build();
    let sol = run(&p, 20);
    assert!(sol.unassigned.is_empty());
    let breaks = sol.routes[0]
        .visits
        .iter()
        .filter(|v| matches!(v, Visit::Break))
        .count();
    assert_eq!(breaks, 1);
    // Distance is unaffected by the break: 40 out, 40 back.
    assert_eq!(solution_cost(&p, &sol), Cost(80));
}

/// Stream 1 is accepted only by the far facility; the near one takes stream 0 only. The
/// stream-1 site must be unloaded at facility 1 even though facility 0 is closer.
#[test]
fn stream_accepted_by_one_facility() {
    let mut b = Builder::new((0.0, 0.0));
    b.facility((5.0, 0.0), StreamSet::only(StreamIdx(0)), 0);
    b.facility((30.0, 0.0), StreamSet::only(StreamIdx(1)), 0);
    let s = b.site((10.0, 0.0), 1);
    b.sites[s].stream = StreamIdx(1);
    let v = b.vehicles(1, 10);
    b.vehicles[v].end_of_route = EndOfRoute::UnloadAtFacility;
    let p = b.build();
    let sol = run(&p, 20);
    assert!(sol.unassigned.is_empty());
    assert_eq!(
        sol.routes[0].visits,
        vec![Visit::Site(SiteIdx(0)), Visit::Facility(FacilityIdx(1))]
    );
}

/// Site 0 collects stream 1 but the only vehicle carries stream 0; site 1 weighs 50 with a
/// capacity of 10; site 2 closes before any truck can get there; all three are reported
/// with their own reason and the normal site is still served.
#[test]
fn sites_no_vehicle_can_serve_have_reasons() {
    let mut b = Builder::new((0.0, 0.0));
    let wrong_stream = b.site((10.0, 0.0), 1);
    b.sites[wrong_stream].stream = StreamIdx(1);
    let heavy = b.site((0.0, 10.0), 50);
    let late = b.site((50.0, 0.0), 1);
    b.sites[late].windows = vec![window(0, 40)];
    let fine = b.site((5.0, 5.0), 1);
    let v = b.vehicles(2, 10);
    b.vehicles[v].streams = StreamSet::only(StreamIdx(0));
    let p = b.build();
    let sol = run(&p, 20);
    let reasons: Vec<(usize, UnassignedReason)> = sol
        .unassigned
        .iter()
        .map(|u| (u.site.index(), u.reason))
        .collect();
    assert_eq!(
        reasons,
        vec![
            (wrong_stream, UnassignedReason::NoVehicleForStream),
            (heavy, UnassignedReason::DemandExceedsCapacity),
            (late, UnassignedReason::WindowUnreachable),
        ]
    );
    assert_eq!(sites_of(&sol.routes[0].visits), vec![fine]);
    assert_eq!(sol.routes[0].vehicle_type, VehicleTypeIdx(0));
}

/// A shift of 30 minutes cannot reach a site 20 away and come back: shift too short.
#[test]
fn shift_too_short_is_reported() {
    let mut b = Builder::new((0.0, 0.0));
    b.site((20.0, 0.0), 1);
    let v = b.vehicles(1, 10);
    b.vehicles[v].shift = window(0, 30);
    let p = b.build();
    let sol = run(&p, 5);
    assert_eq!(sol.unassigned.len(), 1);
    assert_eq!(sol.unassigned[0].reason, UnassignedReason::ShiftTooShort);
    assert!(sol.routes.is_empty());
}

/// Duration is measured from the latest departure that keeps the earliest return: a site
/// 10 away opening at 100 gives a departure at 90 and a return at 110 (duration 20), not
/// a departure at 0 and 110 of waiting.
#[test]
fn duration_starts_at_latest_useful_departure() {
    let mut b = Builder::new((0.0, 0.0));
    let s = b.site((10.0, 0.0), 1);
    b.sites[s].windows = vec![window(100, 200)];
    let v = b.vehicles(1, 10);
    b.vehicles[v].cost_per_distance = Cost(0);
    b.vehicles[v].cost_per_duration = Cost(1);
    let p = b.build();
    let sol = run(&p, 5);
    let rep = wasteroute::solver::evaluate_route(&p, VehicleTypeIdx(0), &sol.routes[0].visits)
        .expect("feasible");
    assert_eq!(rep.duration, Duration(20));
}
