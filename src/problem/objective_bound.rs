//! An upper bound on the objective of any solution, so that 64-bit sums cannot overflow.
//!
//! The solver and the checker add costs in `i64` without overflow checks in their hot
//! loops. That is sound only when no solution's objective can come near `i64::MAX`, with
//! room left for the [`Cost::INFINITE`] sentinels the solver adds to it. Bounded inputs
//! (the scenario's plausible ranges) are not enough on their own: a large weight times a
//! large cost per km times a long night can still pass 2⁶³. So [`Problem::new`] computes
//! a bound here, in floating point where it cannot overflow, and refuses the problem when
//! the bound exceeds [`MAX_OBJECTIVE`].
//!
//! The bound is loose but simple: every solution has at most `2 n + 2 V` arcs (a facility
//! visit after each of the `n` sites, a departure and a return per vehicle used), each no
//! longer than the longest finite matrix entry; a route lasts no longer than its shift or
//! its maximum duration; every vehicle may be used; every site may be left unassigned, at its penalty or its prize.
//!
//! [`Problem::new`]: crate::problem::Problem::new

use super::ProblemParts;
use crate::units::Cost;

/// The largest objective a problem may be able to reach: a quarter of
/// [`Cost::INFINITE`], so that a handful of sentinels can still be added to it.
pub const MAX_OBJECTIVE: i64 = Cost::INFINITE.0 / 4;

/// The parts of the bound, for messages.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ObjectiveBound {
    /// Fixed costs of every vehicle.
    pub fixed: f64,
    /// Distance costs.
    pub distance: f64,
    /// Duration costs.
    pub duration: f64,
    /// Penalties (required sites) and prizes (optional ones) of every site left out.
    pub unassigned: f64,
}

impl ObjectiveBound {
    /// The whole bound.
    pub fn total(&self) -> f64 {
        self.fixed + self.distance + self.duration + self.unassigned
    }

    /// True when the bound fits below [`MAX_OBJECTIVE`].
    pub fn fits(&self) -> bool {
        self.total() <= MAX_OBJECTIVE as f64
    }
}

/// The bound for `p` (whose indices are already checked).
pub fn objective_bound(p: &ProblemParts) -> ObjectiveBound {
    let n = p.sites.len() as f64;
    let vehicles: f64 = p.vehicle_types.iter().map(|v| f64::from(v.count)).sum();
    let arcs = 2.0 * n + 2.0 * vehicles;
    let longest_distance = p
        .profiles
        .iter()
        .map(|m| m.distance.longest_finite().get() as f64)
        .fold(0.0, f64::max);
    let longest_time = p
        .profiles
        .iter()
        .map(|m| m.time.longest_finite().get() as f64)
        .fold(0.0, f64::max);
    // A route with no finite shift or duration limit still ends once every arc, service,
    // unloading, break and wait is done; waits end by the latest finite window.
    let services: f64 = p.sites.iter().map(|s| s.service_time.get() as f64).sum();
    let unloads = p
        .facilities
        .iter()
        .map(|f| f.unload_time.get() as f64)
        .fold(0.0, f64::max)
        * n;
    let latest_window = p
        .sites
        .iter()
        .flat_map(|s| s.windows.iter())
        .chain(p.facilities.iter().flat_map(|f| f.windows.iter()))
        .chain(p.depots.iter().map(|d| &d.window))
        .flat_map(|w| [w.start.get(), w.end.get()])
        .filter(|t| *t < crate::units::Duration::INFINITE.get())
        .map(|t| t.max(0) as f64)
        .fold(0.0, f64::max);
    let unbounded_route = arcs * longest_time + services + unloads + latest_window;

    let mut bound = ObjectiveBound {
        fixed: 0.0,
        distance: 0.0,
        duration: 0.0,
        unassigned: p
            .sites
            .iter()
            .map(|s| s.missing_cost(&p.objective).get() as f64)
            .sum(),
    };
    let mut dearest_per_distance: f64 = 0.0;
    for v in &p.vehicle_types {
        let count = f64::from(v.count);
        bound.fixed += count * v.fixed_cost.get() as f64;
        dearest_per_distance = dearest_per_distance.max(v.cost_per_distance.get() as f64);
        if v.cost_per_duration.get() > 0 {
            let shift = (!v.shift.end.is_infinite())
                .then(|| v.shift.end.get().saturating_sub(v.shift.start.get()));
            let max_duration = (!v.max_duration.is_infinite()).then(|| v.max_duration.get());
            let longest = match (shift, max_duration) {
                (Some(a), Some(b)) => a.min(b).max(0) as f64,
                (Some(a), None) | (None, Some(a)) => a.max(0) as f64,
                (None, None) => unbounded_route,
            };
            bound.duration += count * v.cost_per_duration.get() as f64 * longest;
        }
    }
    bound.distance = dearest_per_distance * arcs * longest_distance;
    bound
}
