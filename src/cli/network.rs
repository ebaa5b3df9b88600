//! `wasteroute network …`: subcommands that work on a road network.

use clap::Subcommand;

use super::network_import;

/// The `network` subcommands.
#[derive(Debug, Subcommand)]
pub enum NetworkCommand {
    /// Import an OpenStreetMap `.osm.pbf` extract into `nodes.csv` and `edges.csv`.
    ImportOsm(network_import::ImportOsmArgs),
}

/// Runs a `network` subcommand.
pub fn run(command: &NetworkCommand) -> anyhow::Result<super::exit::Outcome> {
    match command {
        NetworkCommand::ImportOsm(args) => network_import::run(args),
    }
}
