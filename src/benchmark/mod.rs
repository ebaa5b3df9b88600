//! Runs the solver (or checks a given `.sol` file) on published benchmark instances and
//! measures the result in each benchmark's own convention.
//!
//! For each instance: read it ([`crate::formats`]) with the objective of its benchmark,
//! solve it, verify the solution with the independent [`crate::checker`], and report the
//! cost in the benchmark's unit beside the best-known solution when one is given.
//!
//! The objective is, in order: the one asked for; else the objective of the instance's
//! table in the BKS file (distance when the instance appears in a distance table, as the
//! Solomon instances do in `solomon_100_dimacs`; the SINTEF hierarchical tables and Kim
//! rank vehicles first), unless the table also has the file's own objective (a PCVRPTW
//! file is measured with its prizes, though `gh_1000_dimacs` lists the same names); else
//! the format's usual one (distance; vehicles first for Kim).

mod bks;
mod breaks;
mod summary;

pub use bks::{BksError, BksRow, BksTable};
pub use breaks::place_missing_breaks;
pub use summary::Summary;

use crate::checker::{CheckReport, check};
use crate::formats::{
    self, BenchmarkInstance, Format, FormatError, ObjectiveKind, ReadOptions, sol,
};
use crate::solution::Solution;
use crate::solver::{SolverConfig, solve};
use crate::units::Cost;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use thiserror::Error;

/// How to run the benchmark.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// Format of every file.
    pub format: Format,
    /// Objective to use; `None` picks it from the BKS table or the format.
    pub objective: Option<ObjectiveKind>,
    /// Solver seed.
    pub seed: u64,
    /// Wall-clock limit per instance.
    pub time_limit: Option<Duration>,
    /// Iteration limit per instance.
    pub iterations: Option<u64>,
    /// Solver threads (0 = all cores).
    pub threads: usize,
    /// Best-known solutions, when given.
    pub bks: Option<BksTable>,
    /// Directory to write each solution to as `<instance>.sol`.
    pub solution_out: Option<PathBuf>,
    /// Check the `.sol` file beside each instance (same stem) instead of solving.
    pub check_given_solution: bool,
}

/// One instance's result: one JSON line on the command line.
#[derive(Clone, Debug, Serialize)]
pub struct BenchmarkResult {
    /// Instance name.
    pub instance: String,
    /// The file read.
    pub file: String,
    /// What was done: `solve` or `check_sol`.
    pub mode: &'static str,
    /// The objective used (`distance` or `hierarchical`).
    pub objective: &'static str,
    /// Total distance in the benchmark's unit (the checker's figure); for the cost
    /// objective (HFVRP) the fixed and distance costs of the routes, in original units.
    pub cost: f64,
    /// Vehicles used.
    pub vehicles: usize,
    /// Required sites left unassigned.
    pub unassigned: usize,
    /// Optional sites (with a prize, PCVRPTW) left out: a choice, not a failure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub optional_left_out: Option<usize>,
    /// True when the checker found no violation.
    pub feasible: bool,
    /// Number of violations the checker found.
    pub violations: usize,
    /// The first few violations, as text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub violation_samples: Vec<String>,
    /// What the reader accepted with a warning (`file:line: message`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Wall time of the solve (or check), in seconds.
    pub seconds: f64,
    /// Solver iterations (none when checking a given solution).
    pub iterations: Option<u64>,
    /// Whether the solver's own cost equals the checker's (none when checking a given
    /// solution). A difference means the two read the semantics differently.
    pub solver_cost_agrees: Option<bool>,
    /// Whether the `Cost` line of a checked `.sol` file equals the checker's measure of
    /// its routes (distance, plus the prizes left out for PCVRPTW); none when solving or
    /// when the file states no cost. False flags a file whose stated objective is wrong,
    /// for example one that forgot the prizes of the sites it leaves out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stated_cost_agrees: Option<bool>,
    /// The seed used.
    pub seed: u64,
    /// Best-known cost, when the table has one for this instance and objective.
    pub bks: Option<f64>,
    /// Vehicles of the best-known solution.
    pub bks_vehicles: Option<u32>,
    /// The BKS table row's set.
    pub bks_set: Option<String>,
    /// True when the BKS source is marked `UNCERTAIN`.
    pub bks_uncertain: Option<bool>,
    /// `100 · (cost − bks) / bks`, rounded to 4 decimals.
    pub gap_pct: Option<f64>,
    /// Where the solution was written.
    pub solution_file: Option<String>,
}

impl BenchmarkResult {
    /// True when the solution passed the checker and serves every required site.
    pub fn is_ok(&self) -> bool {
        self.feasible && self.unassigned == 0
    }
}

/// Why an instance could not be run.
#[derive(Debug, Error)]
pub enum BenchmarkError {
    /// The instance or its `.sol` file is unreadable or malformed.
    #[error(transparent)]
    Format(#[from] FormatError),
    /// The solution could not be written.
    #[error("{}: cannot write the solution: {source}", file.display())]
    Write {
        /// The file.
        file: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

impl BenchmarkError {
    /// True when the user's input is at fault (not the machine).
    pub fn is_bad_input(&self) -> bool {
        matches!(self, BenchmarkError::Format(_))
    }
}

/// Reads `path` with the objective chosen as described in the module docs, and returns
/// the instance with its BKS row (when the table has one for that objective).
///
/// # Errors
/// The reader's [`FormatError`].
pub fn read_instance<'t>(
    path: &Path,
    options: &'t RunOptions,
) -> Result<(BenchmarkInstance, Option<&'t BksRow>), FormatError> {
    let first = formats::read(
        path,
        options.format,
        ReadOptions {
            objective: options.objective,
        },
    )?;
    let wanted = options.objective.or_else(|| {
        options
            .bks
            .as_ref()
            .and_then(|t| t.objective_for(&first.name, first.convention.objective))
    });
    let instance = match wanted {
        Some(o) if o != first.convention.objective => {
            formats::read(path, options.format, ReadOptions { objective: Some(o) })?
        }
        _ => first,
    };
    let row = options
        .bks
        .as_ref()
        .and_then(|t| t.lookup(&instance.name, instance.convention.objective));
    Ok((instance, row))
}

/// Solves (or checks the given solution of) one instance and measures the result.
///
/// # Errors
/// [`BenchmarkError`] when the instance or its `.sol` cannot be read, or the solution
/// cannot be written.
pub fn run_one(path: &Path, options: &RunOptions) -> Result<BenchmarkResult, BenchmarkError> {
    let (instance, row) = read_instance(path, options)?;
    let started = Instant::now();
    let mut stated = None;
    let (solution, iterations, solver_cost, mode) = if options.check_given_solution {
        let file = sol::read(&path.with_extension("sol"), &instance)?;
        stated = file.cost;
        let mut given = file.solution;
        place_missing_breaks(&instance.problem, &mut given);
        (given, None, None, "check_sol")
    } else {
        let config = SolverConfig {
            seed: options.seed,
            time_limit: options.time_limit,
            max_iterations: options.iterations,
            threads: options.threads,
            warm_start: None,
            stability_weight: Cost::ZERO,
            local_search: true,
        };
        let result = solve(&instance.problem, &config, &mut |_| {});
        (
            result.solution,
            Some(result.iterations),
            Some(result.cost),
            "solve",
        )
    };
    let seconds = started.elapsed().as_secs_f64();
    let report = check(&instance.problem, &solution);
    let solution_file = match &options.solution_out {
        Some(dir) => Some(write_solution(dir, &instance, &solution, &report)?),
        None => None,
    };
    let cost: f64 = instance
        .convention
        .format_value(measured(&instance, &report))
        .parse()
        .unwrap_or(f64::NAN);
    let bks = row.and_then(|r| r.bks_cost);
    Ok(BenchmarkResult {
        warnings: instance.warnings.clone(),
        instance: instance.name.clone(),
        file: path.display().to_string(),
        mode,
        objective: instance.convention.objective.name(),
        cost,
        vehicles: report.vehicles,
        unassigned: required_left_out(&instance, &solution),
        optional_left_out: instance
            .problem
            .sites()
            .iter()
            .any(|s| s.is_optional())
            .then(|| report.unassigned - required_left_out(&instance, &solution)),
        feasible: report.is_feasible(),
        violations: report.violations.len(),
        violation_samples: report
            .violations
            .iter()
            .take(5)
            .map(|v| v.to_string())
            .collect(),
        seconds: (seconds * 1000.0).round() / 1000.0,
        iterations,
        solver_cost_agrees: solver_cost.map(|c| c == report.cost),
        stated_cost_agrees: stated.map(|text| {
            let ours = sol::value_text(&instance, measured(&instance, &report));
            text.trim().parse::<f64>().ok() == ours.parse::<f64>().ok()
        }),
        seed: options.seed,
        bks,
        bks_vehicles: row.and_then(|r| r.bks_vehicles),
        bks_set: row.map(|r| r.set.clone()),
        bks_uncertain: row.map(BksRow::uncertain),
        gap_pct: bks
            .filter(|b| *b > 0.0)
            .map(|b| ((cost - b) / b * 100.0 * 1e4).round() / 1e4),
        solution_file,
    })
}

/// The integer the instance's benchmark measures `report` by: its total distance; for
/// the cost objective (HFVRP) the routing cost of its routes, without unassigned
/// penalties; for the prize objective (PCVRPTW) its distance plus what the checker
/// charged for the sites left out, their prizes (see
/// [`crate::formats::CostConvention::measure`]).
pub fn measured(instance: &BenchmarkInstance, report: &CheckReport) -> i64 {
    let routing = report.routes.iter().fold(Cost::ZERO, |sum, r| {
        Cost(sum.get().saturating_add(r.cost.get()))
    });
    let left_out = Cost(report.cost.get().saturating_sub(routing.get()));
    instance
        .convention
        .measure(report.distance, routing, left_out)
}

/// Required sites (those without a prize) that `solution` leaves out.
fn required_left_out(instance: &BenchmarkInstance, solution: &Solution) -> usize {
    let sites = instance.problem.sites();
    solution
        .unassigned
        .iter()
        .filter(|u| sites.get(u.site.index()).is_none_or(|s| !s.is_optional()))
        .count()
}

/// Writes `<dir>/<instance>.sol` and returns its path.
fn write_solution(
    dir: &Path,
    instance: &BenchmarkInstance,
    solution: &Solution,
    report: &CheckReport,
) -> Result<String, BenchmarkError> {
    let safe: String = instance
        .name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let file = dir.join(format!("{safe}.sol"));
    let text = sol::write(
        instance,
        solution,
        &sol::value_text(instance, measured(instance, report)),
    );
    let name = format!("{safe}.sol");
    crate::output::write_all_or_nothing(dir, &[(name.as_str(), text.as_bytes())]).map_err(|e| {
        BenchmarkError::Write {
            file: file.clone(),
            source: std::io::Error::other(e),
        }
    })?;
    Ok(file.display().to_string())
}
