//! Subcommands, one file each. Each parses its flags, calls the library and returns an
//! [`exit::Outcome`] or an error that [`exit::code_for`] maps to an exit code.

mod benchmark;
mod check;
mod check_week;
mod exit;
mod generate;
mod matrix;
mod network;
mod network_import;
mod nightly;
mod plan;
mod plan_week;
mod simulate;
mod validate;
mod values;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Plans night-time solid-waste collection routes on real road networks.
#[derive(Debug, Parser)]
#[command(name = "wasteroute", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lists every problem of a scenario at once.
    Validate(validate::ValidateArgs),
    /// Writes a seeded, plausible scenario on a road network.
    Generate(generate::GenerateArgs),
    /// Plans a scenario and writes the plan files.
    Plan(plan::PlanArgs),
    /// Plans a week (or up to 64 days): a visit pattern per site, every day routed.
    PlanWeek(plan_week::PlanWeekArgs),
    /// Re-verifies a week written by plan-week against its scenario.
    CheckWeek(check_week::CheckWeekArgs),
    /// Plans one night unattended (dated folder, lock, warm start, `latest` pointer).
    Nightly(nightly::NightlyArgs),
    /// Road networks: inspect and validate.
    Network(network::NetworkArgs),
    /// Re-verifies a plan.json (also one edited by hand) against its scenario.
    Check(check::CheckArgs),
    /// Solve published benchmark instances; one JSON line per instance.
    Benchmark(benchmark::BenchmarkArgs),
    /// Simulates weeks of nights under a policy (fixed or sensor) and counts km and overflow.
    Simulate(simulate::SimulateArgs),
    /// Travel times and distances between all pairs of points (`id,lat,lon`) on a network.
    Matrix(matrix::MatrixArgs),
}

/// Parses the command line, runs the subcommand, and turns the result into an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result: anyhow::Result<exit::Outcome> = match cli.command {
        Command::Validate(a) => validate::run(&a),
        Command::Generate(a) => generate::run(&a),
        Command::Plan(a) => plan::run(&a),
        Command::PlanWeek(a) => plan_week::run(&a),
        Command::CheckWeek(a) => check_week::run(&a),
        Command::Nightly(a) => nightly::run(&a),
        Command::Network(args) => network::run(args),
        Command::Benchmark(args) => benchmark::run(args),
        Command::Matrix(args) => matrix::run(args),
        Command::Check(a) => check::run(&a),
        Command::Simulate(a) => simulate::run(&a),
    };
    match result {
        Ok(outcome) => outcome.code(),
        Err(err) if exit::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(exit::code_for(&err))
        }
    }
}

/// The thread count to use for `requested`, capped at the machine's cores with a warning
/// on stderr naming `source` (the flag or key it came from).
fn capped_threads(requested: usize, source: &str) -> usize {
    let t = wasteroute::limits::cap_threads(requested);
    if let Some(asked) = t.capped_from {
        eprintln!(
            "warning: {source} {asked} is more than the {} cores of this machine; using {} (the result does not depend on it)",
            t.used, t.used
        );
    }
    t.used
}

/// Loads the scenario a command names: when it is not valid, every problem goes to stderr
/// and the error is bad input (exit 2); its warnings go to stderr when `show_warnings`.
fn load_scenario(
    path: &std::path::Path,
    mode: wasteroute::scenario::TonightMode,
    show_warnings: bool,
) -> anyhow::Result<wasteroute::scenario::Loaded> {
    let loaded = wasteroute::scenario::load_with(path, mode).map_err(|invalid| {
        eprintln!("{}", invalid.0);
        exit::bad_input(anyhow::anyhow!("{} is not valid", path.display()))
    })?;
    if show_warnings {
        for w in loaded.warnings.items() {
            eprintln!("{w}");
        }
    }
    Ok(loaded)
}
