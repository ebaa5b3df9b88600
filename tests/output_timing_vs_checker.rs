//! The timed plan and the independent checker agree on random routes: which routes miss a
//! window, the distance and trips, and on feasible routes the same depot departure (the
//! latest that keeps the earliest return), the same times at every visit, the same
//! duration and cost. They were written apart from the same semantics.

mod output_common;

use output_common::{build, case};
use proptest::prelude::*;
use wasteroute::checker::check;
use wasteroute::plan::timed_route;
use wasteroute::problem::VehicleTypeIdx;
use wasteroute::solution::{Route, Solution};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn timed_plan_agrees_with_the_checker(c in case()) {
        let p = build(&c);
        let route = Route { vehicle_type: VehicleTypeIdx(0), vehicle: 0, visits: c.visits.clone() };
        let timed = timed_route(&p, &route).unwrap();
        let report = check(&p, &Solution { routes: vec![route], unassigned: vec![] });
        let stats = &report.routes[0];
        prop_assert_eq!(timed.totals.distance, stats.distance);
        prop_assert_eq!(timed.totals.trips, stats.trips);
        // For a route that breaks a window the semantics do not fix the departure (each
        // side reports the lateness from its own choice), so times are compared on
        // feasible routes only.
        if timed.notes.is_empty() {
            let ours: Vec<_> = timed.stops[1..timed.stops.len() - 1]
                .iter()
                .map(|s| (s.arrival, s.start, s.departure))
                .collect();
            let theirs: Vec<_> = stats.schedule.iter().map(|v| (v.arrival, v.start, v.departure)).collect();
            prop_assert_eq!(ours, theirs);
            prop_assert_eq!(timed.totals.departure, stats.departure);
            prop_assert_eq!(timed.totals.arrival, stats.arrival);
            prop_assert_eq!(timed.totals.duration, stats.duration);
            prop_assert_eq!(timed.totals.cost, stats.cost);
        }
        // Both find the same route feasible or not on timing.
        let late = report.violations.iter().any(|v| {
            use wasteroute::checker::ViolationKind as K;
            matches!(v.kind, K::SiteTooLate { .. } | K::FacilityTooLate { .. } | K::BreakTooLate { .. })
        });
        prop_assert_eq!(late, !timed.notes.is_empty());
    }
}
