//! The independent checker: recomputes everything about a solution from the problem and
//! the route semantics alone, and lists every rule it breaks.
//!
//! It shares no code with the solver on purpose: two implementations of the same rules
//! written apart catch each other's mistakes. It is written for clarity, not speed (the
//! duration of a route is found by a binary search over departure times that re-simulates
//! the route).
//!
//! ```
//! use wasteroute::checker::check;
//! # fn demo(problem: &wasteroute::problem::Problem, solution: &wasteroute::solution::Solution) {
//! let report = check(problem, solution);
//! for v in &report.violations {
//!     eprintln!("{v}");
//! }
//! println!("feasible: {}, cost {}", report.is_feasible(), report.cost);
//! # }
//! ```

mod route;
mod timeline;
mod violation;

pub use timeline::VisitTimes;
pub use violation::{Violation, ViolationKind};

use crate::problem::{Loads, Problem, SiteIdx, VehicleTypeIdx};
use crate::solution::{Solution, Visit};
use crate::units::{Cost, Distance, Duration};
use serde::Serialize;
use std::collections::BTreeMap;

/// Everything the checker found about a solution.
#[derive(Clone, Debug, Serialize)]
pub struct CheckReport {
    /// Every broken rule, in route order, then solution-wide ones.
    pub violations: Vec<Violation>,
    /// Per-route figures, for each non-empty route with a known vehicle type.
    pub routes: Vec<RouteStats>,
    /// Sum of route distances.
    pub distance: Distance,
    /// Sum of route durations.
    pub duration: Duration,
    /// Sum of route costs plus the penalty for each unassigned site.
    pub cost: Cost,
    /// Number of vehicles used (non-empty routes).
    pub vehicles: usize,
    /// Number of unassigned sites.
    pub unassigned: usize,
    /// Total load unloaded at each facility (by `FacilityIdx`), over all routes.
    pub facility_intake: Vec<Loads>,
}

impl CheckReport {
    /// True when no rule is broken.
    pub fn is_feasible(&self) -> bool {
        self.violations.is_empty()
    }
}

/// The figures of one route, recomputed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RouteStats {
    /// Position in `Solution::routes`.
    pub route: usize,
    /// Vehicle type.
    pub vehicle_type: VehicleTypeIdx,
    /// Vehicle number.
    pub vehicle: u32,
    /// Number of site visits.
    pub sites: u32,
    /// Number of trips: facility visits, plus one when sites follow the last of them.
    pub trips: u32,
    /// Total collected over the day.
    pub load: Loads,
    /// Distance driven.
    pub distance: Distance,
    /// Departure from the start depot (the latest that keeps the earliest return).
    pub departure: Duration,
    /// Arrival at the end depot.
    pub arrival: Duration,
    /// `arrival − departure`.
    pub duration: Duration,
    /// `fixed + per_distance × distance + per_duration × duration`.
    pub cost: Cost,
    /// Times at each visit with valid indices, in route order, for that departure.
    pub schedule: Vec<VisitTimes>,
}

/// Checks `solution` against `problem` and every rule of the route semantics.
pub fn check(problem: &Problem, solution: &Solution) -> CheckReport {
    let mut violations = Vec::new();
    let mut routes = Vec::new();
    let mut intake = vec![Loads::ZERO; problem.facilities().len()];
    let mut vehicles_seen: BTreeMap<(VehicleTypeIdx, u32), usize> = BTreeMap::new();

    for (r, route) in solution.routes.iter().enumerate() {
        if let Some(&first_route) = vehicles_seen.get(&(route.vehicle_type, route.vehicle)) {
            violations.push(Violation {
                route: Some(r),
                position: None,
                kind: ViolationKind::VehicleUsedTwice {
                    vehicle_type: route.vehicle_type,
                    vehicle: route.vehicle,
                    first_route,
                },
            });
        } else {
            vehicles_seen.insert((route.vehicle_type, route.vehicle), r);
        }
        let outcome = route::check_route(problem, r, route, &mut violations);
        for (f, load) in outcome.intake {
            intake[f.index()] = intake[f.index()].plus(load);
        }
        routes.extend(outcome.stats);
    }

    check_coverage(problem, solution, &mut violations);
    for (i, f) in problem.facilities().iter().enumerate() {
        if let Some(capacity) = f.daily_capacity
            && !intake[i].fits_within(capacity)
        {
            violations.push(Violation {
                route: None,
                position: None,
                kind: ViolationKind::FacilityOverCapacity {
                    facility: crate::problem::FacilityIdx::new(i),
                    intake: intake[i],
                    capacity,
                    excess: intake[i].excess_over(capacity),
                },
            });
        }
    }

    let unassigned = solution.unassigned.len();
    let penalty = missing_cost(problem, solution);
    let mut total = |what: &'static str, sum: Option<i64>| {
        sum.unwrap_or_else(|| {
            violations.push(Violation {
                route: None,
                position: None,
                kind: ViolationKind::Overflow { what },
            });
            i64::MAX
        })
    };
    let distance = total(
        "total distance",
        checked_sum(routes.iter().map(|s| s.distance.get())),
    );
    let duration = total(
        "total duration",
        checked_sum(routes.iter().map(|s| s.duration.get())),
    );
    let cost = total(
        "total cost",
        checked_sum(routes.iter().map(|s| s.cost.get()).chain(penalty))
            .filter(|_| penalty.is_some()),
    );
    CheckReport {
        violations,
        distance: Distance(distance),
        duration: Duration(duration),
        cost: Cost(cost),
        vehicles: routes.len(),
        unassigned,
        facility_intake: intake,
        routes,
    }
}

/// What the sites left out add to the objective: the unassigned penalty for a required
/// site (and for an index the problem does not have, reported elsewhere), the prize for an
/// optional one. `None` when the sum does not fit in 64 bits.
fn missing_cost(problem: &Problem, solution: &Solution) -> Option<i64> {
    let penalty = problem.objective().unassigned_penalty.get();
    checked_sum(solution.unassigned.iter().map(|u| {
        match problem.sites().get(u.site.index()).and_then(|s| s.prize) {
            Some(prize) => prize.get(),
            None => penalty,
        }
    }))
}

/// Every site exactly once, in a route or unassigned.
fn check_coverage(problem: &Problem, solution: &Solution, out: &mut Vec<Violation>) {
    let n = problem.sites().len();
    let mut times = vec![0usize; n];
    for route in &solution.routes {
        for visit in &route.visits {
            if let Visit::Site(s) = visit
                && s.index() < n
            {
                times[s.index()] += 1;
            }
        }
    }
    for u in &solution.unassigned {
        if u.site.index() < n {
            times[u.site.index()] += 1;
        } else {
            out.push(Violation {
                route: None,
                position: None,
                kind: ViolationKind::UnknownSite { site: u.site },
            });
        }
    }
    for (i, &t) in times.iter().enumerate() {
        let site = SiteIdx::new(i);
        let kind = match t {
            0 => ViolationKind::SiteMissing { site },
            1 => continue,
            times => ViolationKind::SiteRepeated { site, times },
        };
        out.push(Violation {
            route: None,
            position: None,
            kind,
        });
    }
}

/// The sum of `values`, or `None` when it does not fit in 64 bits.
fn checked_sum(mut values: impl Iterator<Item = i64>) -> Option<i64> {
    values.try_fold(0i64, i64::checked_add)
}
