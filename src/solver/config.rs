//! What the caller asks of the solver, what it hears while it runs, and what it gets back.

use crate::solution::Solution;
use crate::units::Cost;
use std::time::Duration as WallTime;

/// How the search runs. At least one of `time_limit` and `max_iterations` should be set;
/// when neither is, the search stops after [`DEFAULT_ITERATIONS`] iterations.
#[derive(Clone, Debug)]
pub struct SolverConfig {
    /// Seed of every random choice. Same problem + seed + `max_iterations` (and no time limit
    /// reached) ⇒ the same solution, whatever `threads` is.
    pub seed: u64,
    /// Wall-clock limit; the only source of run-to-run variation.
    pub time_limit: Option<WallTime>,
    /// Total ruin-and-recreate iterations over all search chains.
    pub max_iterations: Option<u64>,
    /// Worker threads; `0` = all cores. The result does not depend on it.
    pub threads: usize,
    /// The previous plan to start from (visits that are unknown or now infeasible are dropped).
    pub warm_start: Option<Solution>,
    /// Cost per site that ends on a different vehicle (type and number) than in `warm_start`,
    /// or that was served there and is unassigned now. Ignored without a warm start.
    pub stability_weight: Cost,
    /// Run the inter-route local search after each ruin-and-recreate step (on by default;
    /// switching it off is for measuring what it brings).
    pub local_search: bool,
}

/// Iterations run when the config sets no limit at all.
pub const DEFAULT_ITERATIONS: u64 = 10_000;

impl SolverConfig {
    /// A config with the given seed and iteration budget, one thread per core, no warm start.
    pub fn with_iterations(seed: u64, max_iterations: u64) -> Self {
        Self {
            seed,
            time_limit: None,
            max_iterations: Some(max_iterations),
            threads: 0,
            warm_start: None,
            stability_weight: Cost::ZERO,
            local_search: true,
        }
    }

    /// A config with the given seed and wall-clock limit, one thread per core, no warm start.
    pub fn with_time_limit(seed: u64, time_limit: WallTime) -> Self {
        Self {
            seed,
            time_limit: Some(time_limit),
            max_iterations: None,
            threads: 0,
            warm_start: None,
            stability_weight: Cost::ZERO,
            local_search: true,
        }
    }
}

/// A snapshot reported now and then while the search runs (for a progress bar).
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    /// Iterations done so far, over all chains.
    pub iteration: u64,
    /// Cost of the best solution found so far.
    pub best_cost: Cost,
    /// Sites the best solution leaves unassigned.
    pub unassigned: usize,
    /// Wall time since the start.
    pub elapsed: WallTime,
}

/// The outcome of [`solve`](super::solve).
#[derive(Clone, Debug)]
pub struct SolveResult {
    /// The best solution found; every route in it is feasible.
    pub solution: Solution,
    /// Its cost, as [`solution_cost`](super::solution_cost) computes it (plus the stability
    /// term when a warm start was given).
    pub cost: Cost,
    /// Iterations done over all chains.
    pub iterations: u64,
    /// Wall time used.
    pub elapsed: WallTime,
}
