//! One planning run on a built scenario: solve, check with the independent checker, time
//! the plan, and make the report's document. Shared by `wasteroute plan` and the nightly
//! job; writing the files is left to the caller (all or nothing, via
//! [`write_plan_dir`](crate::output::write_plan_dir)).

pub mod decisions;
pub mod document;

use crate::checker::{self, CheckReport};
use crate::output::PlanDocument;
use crate::plan::{TimingError, timed_plan};
use crate::scenario::Scenario;
use crate::scenario::build::Built;
use crate::solution::Solution;
use crate::solver::{self, Progress, SolverConfig};
use crate::units::Cost;
use document::{RunInfo, plan_document};
use std::time::Duration as WallTime;
use thiserror::Error;

/// How to run the solver (command-line flags override the scenario's `[solver]`).
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// Seed; default the scenario's.
    pub seed: Option<u64>,
    /// Wall-clock limit in seconds; default the scenario's.
    pub time_limit_s: Option<f64>,
    /// Iteration budget; default the scenario's.
    pub iterations: Option<u64>,
    /// Worker threads; default the scenario's, else all cores.
    pub threads: Option<usize>,
    /// A previous plan to start from.
    pub warm_start: Option<Solution>,
    /// Cost (in the scenario's currency) per site that changes vehicle from the warm start.
    pub stability_weight: f64,
}

/// The result of a run.
#[derive(Clone, Debug)]
pub struct RunResult {
    /// The solution, with the build's more specific unassigned reasons.
    pub solution: Solution,
    /// The document to write.
    pub document: PlanDocument,
    /// The checker's verdict (feasible when the run succeeded).
    pub check: CheckReport,
    /// Iterations done.
    pub iterations: u64,
    /// The seed used.
    pub seed: u64,
}

/// Why a run failed: never the user's input (that fails earlier), so always a bug.
#[derive(Debug, Error)]
pub enum RunError {
    /// The independent checker found the solver's plan infeasible.
    #[error(
        "the independent checker rejects the solver's plan ({count} violation(s)); first: {first}"
    )]
    Infeasible {
        /// Number of violations.
        count: usize,
        /// The first, for the message.
        first: String,
    },
    /// The timed plan could not be made.
    #[error("cannot time the plan: {0}")]
    Timing(#[from] TimingError),
}

/// The thread count a run asks for: the option, else the scenario's, else 0 (all cores);
/// [`solver_config`] caps it at the machine's cores ([`crate::limits::cap_threads`]).
pub fn threads(s: &Scenario, o: &RunOptions) -> usize {
    o.threads.or(s.solver.threads).unwrap_or(0)
}

/// The solver configuration for a scenario and options.
pub fn solver_config(s: &Scenario, o: &RunOptions) -> SolverConfig {
    SolverConfig {
        seed: o.seed.unwrap_or(s.solver.seed),
        // Bounded when read; anything else (library callers) is held to the same bound.
        time_limit: Some(WallTime::from_secs_f64(
            match o.time_limit_s.unwrap_or(s.solver.time_limit_s) {
                t if t > 0.0 && t <= crate::limits::MAX_TIME_LIMIT_S => t,
                _ => crate::limits::MAX_TIME_LIMIT_S,
            },
        )),
        max_iterations: o.iterations.or(s.solver.iterations),
        threads: crate::limits::cap_threads(threads(s, o)).used,
        warm_start: o.warm_start.clone(),
        stability_weight: crate::scenario::units::money(o.stability_weight),
        local_search: true,
    }
}

/// Solves, checks, times and documents.
///
/// # Errors
/// [`RunError`] when the plan fails the independent check or cannot be timed.
pub fn run(
    s: &Scenario,
    built: &Built,
    options: &RunOptions,
    on_progress: &mut dyn FnMut(&Progress),
) -> Result<RunResult, RunError> {
    let config = solver_config(s, options);
    let result = solver::solve(&built.problem, &config, on_progress);
    let mut solution = result.solution;
    for u in &mut solution.unassigned {
        if let Some(r) = built.known_unassigned.get(&u.site) {
            u.reason = *r;
        } else if built.problem.site(u.site).is_optional() {
            u.reason = crate::solution::UnassignedReason::NotWorthItsPrize;
        }
    }
    solution.unassigned.sort_by_key(|u| u.site);
    let check = checker::check(&built.problem, &solution);
    if !check.is_feasible() {
        return Err(RunError::Infeasible {
            count: check.violations.len(),
            first: check.violations[0].to_string(),
        });
    }
    let timed = timed_plan(&built.problem, &solution)?;
    let mut document = plan_document(
        s,
        built,
        &solution,
        &timed,
        &RunInfo {
            seed: config.seed,
            iterations: config.max_iterations,
        },
    );
    decisions::add_decisions(&mut document, s, built, &solution);
    Ok(RunResult {
        solution,
        document,
        check,
        iterations: result.iterations,
        seed: config.seed,
    })
}

/// The penalty-free routing cost in the scenario's currency, for summaries.
pub fn money(c: Cost) -> f64 {
    crate::scenario::units::to_money(c)
}
