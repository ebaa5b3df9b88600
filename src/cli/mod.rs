//! Subcommands, one file each. Each parses its flags, calls the library and returns an
//! [`exit::Outcome`] or an error that [`exit::code_for`] maps to an exit code.

#[allow(dead_code)] // `PlanWithUnassigned` is for the planning subcommands, not merged yet.
mod exit;
mod matrix;
mod network;

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
    /// Road networks: inspect and validate.
    Network(network::NetworkArgs),
    /// Travel times and distances between all pairs of points (`id,lat,lon`) on a network.
    Matrix(matrix::MatrixArgs),
}

/// Parses the command line, runs the subcommand, and turns the result into an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result: anyhow::Result<exit::Outcome> = match cli.command {
        Command::Network(args) => network::run(args),
        Command::Matrix(args) => matrix::run(args),
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
