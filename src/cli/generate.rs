//! `wasteroute generate`: a seeded, plausible scenario on a road network.

use super::exit::{self, Outcome};
use clap::Args;
use std::path::PathBuf;
use wasteroute::generate::{GenerateConfig, GenerateError, generate};

/// Writes a scenario (TOML + CSV tables) with gathering points on the network's streets,
/// two depots, three facilities and a mixed fleet. Same network, size and seed give the
/// same files.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Folder with the road network's `nodes.csv` and `edges.csv`.
    #[arg(long)]
    pub network: PathBuf,
    /// Number of gathering points.
    #[arg(long, default_value_t = 300)]
    pub sites: usize,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Folder to write into (created if needed).
    #[arg(long)]
    pub out: PathBuf,
    /// The plan's date.
    #[arg(long, default_value = "2026-03-02")]
    pub date: String,
    /// Scenario name.
    #[arg(long, default_value = "generated night collection")]
    pub name: String,
    /// Time zone written into the scenario.
    #[arg(long, default_value = "Europe/Helsinki")]
    pub time_zone: String,
    /// UTC offset of local times written into the scenario.
    #[arg(long, default_value = "+02:00", allow_hyphen_values = true)]
    pub utc_offset: String,
}

/// Runs the command.
pub fn run(args: &GenerateArgs) -> anyhow::Result<Outcome> {
    if args.sites == 0 {
        return Err(exit::bad_input(anyhow::anyhow!(
            "--sites must be at least 1"
        )));
    }
    let cfg = GenerateConfig {
        network_dir: args.network.clone(),
        out_dir: args.out.clone(),
        sites: args.sites,
        seed: args.seed,
        date: args.date.clone(),
        name: args.name.clone(),
        time_zone: args.time_zone.clone(),
        utc_offset: args.utc_offset.clone(),
    };
    let summary = generate(&cfg).map_err(|e| match e {
        GenerateError::Network(_) => exit::bad_input(e),
        other => anyhow::Error::new(other),
    })?;
    println!(
        "wrote {}: {} sites ({} narrow), {:.1} t recyclable, {:.1} t food, {:.1} t other, {} vehicles",
        summary.scenario.display(),
        summary.sites,
        summary.narrow_sites,
        summary.demand_kg[0] / 1000.0,
        summary.demand_kg[1] / 1000.0,
        summary.demand_kg[2] / 1000.0,
        summary.vehicles
    );
    Ok(Outcome::Done)
}
