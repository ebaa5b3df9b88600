//! `wasteroute benchmark`: solve published benchmark instances and print one JSON line per
//! instance (cost in the benchmark's convention, vehicles, checker verdict, gap to BKS).
//!
//! Exit codes: 0 when every instance was solved, checked feasible and fully served;
//! 1 when some result leaves sites unassigned (but is otherwise feasible); 2 when an
//! instance (or its `.sol`, or the BKS table) cannot be read — the other instances still
//! run; 3 when the checker rejects any result (a solver bug) or a solution cannot be
//! written. The highest applicable code wins.

use crate::cli::exit::{self, Outcome};
use crate::cli::values;
use anyhow::{Context, anyhow};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use wasteroute::benchmark::{BenchmarkError, BksTable, RunOptions, Summary, run_one};
use wasteroute::formats::{Format, ObjectiveKind};

/// Flags of `wasteroute benchmark`.
#[derive(Debug, Args)]
#[command(after_help = "\
Prints one JSON line per instance: instance, cost (total distance in the benchmark's unit: \
integer for X, one decimal for DIMACS sets and Yang, three for MDVRPTW, miles for Kim; for \
HFVRP the fixed and distance costs in original units), vehicles, unassigned, \
feasible (by the independent checker), violations, seconds, iterations, bks, gap_pct. \
With several files, a summary line (feasible count, average and largest gap, vehicles \
against the BKS) follows on stderr.

Exit codes: 0 every result feasible and complete; 1 some result leaves sites unassigned; \
2 an instance, its .sol or the BKS table cannot be read (the others still run); \
3 the checker rejects a result, or a solution cannot be written.")]
pub struct BenchmarkArgs {
    /// Instance files, all in the same format.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Format of the files.
    #[arg(long, value_enum)]
    format: FormatArg,
    /// Wall-clock limit per instance, in seconds (above 0).
    #[arg(long, value_name = "S", value_parser = values::seconds, allow_hyphen_values = true)]
    time_limit: Option<f64>,
    /// Solver seed.
    #[arg(long, default_value_t = 0, value_parser = values::seed, allow_negative_numbers = true)]
    seed: u64,
    /// Iteration limit per instance (with a seed, makes the result reproducible).
    #[arg(long, value_name = "N", value_parser = values::iterations, allow_negative_numbers = true)]
    iterations: Option<u64>,
    /// Solver threads; 0 = all cores, more than the machine's cores are capped to them
    /// (the result does not depend on it).
    #[arg(long, default_value_t = 0, value_parser = values::threads, allow_negative_numbers = true)]
    threads: usize,
    /// Best-known solutions (`set,instance,n,bks_cost,bks_vehicles,source`), e.g.
    /// `../shared/instances/bks.csv`; adds `bks` and `gap_pct` and picks the objective.
    #[arg(long, value_name = "CSV")]
    bks: Option<PathBuf>,
    /// Write each solution to DIR/<instance>.sol in CVRPLIB form with the file's numbering
    /// (MDVRPTW and HFVRP: `Route #k` is the file's k-th vehicle).
    #[arg(long, value_name = "DIR")]
    solution_out: Option<PathBuf>,
    /// Objective: `auto` takes it from the BKS table (else the format's usual one).
    #[arg(long, value_enum, default_value_t = ObjectiveArg::Auto)]
    objective: ObjectiveArg,
    /// Check the `.sol` file beside each instance (same stem) instead of solving.
    #[arg(long)]
    check_sol: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FormatArg {
    Vrplib,
    Solomon,
    Kim,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ObjectiveArg {
    /// From the BKS table, else the format's usual one.
    Auto,
    /// Total distance only.
    Distance,
    /// Fewest vehicles first, then distance.
    Hierarchical,
}

/// Runs the subcommand.
pub fn run(args: BenchmarkArgs) -> anyhow::Result<Outcome> {
    if args.time_limit.is_none() && args.iterations.is_none() && !args.check_sol {
        return Err(exit::bad_input(anyhow!(
            "give --time-limit S and/or --iterations N (or --check-sol to check given solutions)"
        )));
    }
    // In range already (values::seconds).
    let time_limit = args.time_limit.map(std::time::Duration::from_secs_f64);
    if let Some(dir) = &args.solution_out {
        // A file in the way is bad input (exit 2, see exit::code_for), found before solving.
        wasteroute::output::create_output_dir(dir)
            .map_err(|e| anyhow::Error::new(e).context("--solution-out"))?;
    }
    let bks = match &args.bks {
        Some(path) => Some(BksTable::read(path).map_err(exit::bad_input)?),
        None => None,
    };
    let options = RunOptions {
        format: match args.format {
            FormatArg::Vrplib => Format::Vrplib,
            FormatArg::Solomon => Format::Solomon,
            FormatArg::Kim => Format::Kim,
        },
        objective: match args.objective {
            ObjectiveArg::Auto => None,
            ObjectiveArg::Distance => Some(ObjectiveKind::Distance),
            ObjectiveArg::Hierarchical => Some(ObjectiveKind::VehiclesThenDistance),
        },
        seed: args.seed,
        time_limit,
        iterations: args.iterations,
        threads: super::capped_threads(args.threads, "--threads"),
        bks,
        solution_out: args.solution_out,
        check_given_solution: args.check_sol,
    };

    let mut stdout = std::io::stdout().lock();
    let (mut infeasible, mut unreadable, mut incomplete, mut unwritable) = (0, 0, 0, 0);
    let mut summary = Summary::default();
    for file in &args.files {
        let line = match run_one(file, &options) {
            Ok(result) => {
                for w in &result.warnings {
                    eprintln!("warning: {w}");
                }
                summary.add(&result);
                if !result.feasible {
                    infeasible += 1;
                } else if result.unassigned > 0 {
                    incomplete += 1;
                }
                serde_json::to_string(&result)?
            }
            Err(e) => {
                eprintln!("error: {e}");
                if e.is_bad_input() {
                    unreadable += 1;
                } else {
                    unwritable += 1;
                }
                let err = match &e {
                    BenchmarkError::Format(_) => "unreadable",
                    BenchmarkError::Write { .. } => "not_written",
                };
                serde_json::json!({
                    "file": file.display().to_string(),
                    "error": err,
                    "message": e.to_string(),
                })
                .to_string()
            }
        };
        writeln!(stdout, "{line}").context("writing to stdout")?;
        stdout.flush().context("writing to stdout")?;
    }
    if args.files.len() > 1 {
        eprintln!("{summary}");
    }
    if infeasible + unwritable > 0 {
        return Err(anyhow!(
            "{infeasible} result(s) rejected by the checker, {unwritable} solution(s) not written"
        ));
    }
    if unreadable > 0 {
        return Err(exit::bad_input(anyhow!(
            "{unreadable} instance(s) could not be read"
        )));
    }
    Ok(if incomplete > 0 {
        eprintln!("{incomplete} result(s) leave sites unassigned");
        Outcome::PlanWithUnassigned
    } else {
        Outcome::Done
    })
}
