//! Puts back the breaks that the `.sol` form cannot express.

use crate::checker::check;
use crate::problem::Problem;
use crate::solution::{Solution, Visit};

/// For every route whose vehicle type needs a break and that has none, inserts the break
/// at the position where the checker finds the fewest violations in that route, then the
/// earliest return, then the earliest position. Routes that already hold a break, and
/// vehicle types without a break rule, are left as they are.
pub fn place_missing_breaks(problem: &Problem, solution: &mut Solution) {
    for i in 0..solution.routes.len() {
        let route = &solution.routes[i];
        let needs = problem
            .vehicle_types()
            .get(route.vehicle_type.index())
            .is_some_and(|v| v.break_rule.is_some());
        if !needs || route.visits.contains(&Visit::Break) || route.visits.is_empty() {
            continue;
        }
        let mut best: Option<((usize, crate::units::Duration), usize)> = None;
        for pos in 0..=route.visits.len() {
            let mut trial = route.clone();
            trial.visits.insert(pos, Visit::Break);
            let alone = Solution {
                routes: vec![trial],
                unassigned: Vec::new(),
            };
            let report = check(problem, &alone);
            let in_route = report
                .violations
                .iter()
                .filter(|v| v.route.is_some())
                .count();
            let arrival = report
                .routes
                .first()
                .map_or(crate::units::Duration::INFINITE, |s| s.arrival);
            let key = (in_route, arrival);
            if best.is_none_or(|(k, _)| key < k) {
                best = Some((key, pos));
            }
        }
        if let Some((_, pos)) = best {
            solution.routes[i].visits.insert(pos, Visit::Break);
        }
    }
}
