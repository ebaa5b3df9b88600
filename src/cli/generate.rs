//! `wasteroute generate`: a seeded, plausible scenario on a road network.

use super::exit::{self, Outcome};
use super::values;
use clap::Args;
use std::path::PathBuf;
use wasteroute::generate::{GenerateConfig, GenerateError, generate};

/// Writes a scenario (TOML + CSV tables) with gathering points on the network's streets,
/// two depots, three facilities and a mixed fleet. Same network, size and seed give the
/// same files. Every flag is checked before anything is written, so what is written
/// always passes `wasteroute validate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Folder with the road network's `nodes.csv` and `edges.csv`.
    #[arg(long)]
    pub network: PathBuf,
    /// Number of gathering points, 1 to 100000.
    #[arg(long, default_value_t = 300, value_parser = values::sites, allow_negative_numbers = true)]
    pub sites: usize,
    /// Random seed.
    #[arg(long, default_value_t = 1, value_parser = values::seed, allow_negative_numbers = true)]
    pub seed: u64,
    /// Folder to write into (created if needed; files are written all or nothing).
    #[arg(long)]
    pub out: PathBuf,
    /// The plan's date, YYYY-MM-DD.
    #[arg(long, default_value = "2026-03-02", value_parser = values::date, allow_hyphen_values = true)]
    pub date: chrono::NaiveDate,
    /// Scenario name (any text).
    #[arg(
        long,
        default_value = "generated night collection",
        allow_hyphen_values = true
    )]
    pub name: String,
    /// Time zone written into the scenario (shown in the output only).
    #[arg(long, default_value = "Europe/Helsinki", allow_hyphen_values = true)]
    pub time_zone: String,
    /// UTC offset of local times, +HH:MM or -HH:MM (at most 14:00).
    #[arg(long, default_value = "+02:00", value_parser = values::utc_offset, allow_hyphen_values = true)]
    pub utc_offset: i32,
    /// Also write frequencies, container volumes, last emptyings and a `readings.csv` with
    /// 14 days of sensor history (monitored sites: tonight's decision comes from them).
    #[arg(long)]
    pub monitoring: bool,
}

/// Runs the command.
pub fn run(args: &GenerateArgs) -> anyhow::Result<Outcome> {
    let cfg = GenerateConfig {
        network_dir: args.network.clone(),
        out_dir: args.out.clone(),
        sites: args.sites,
        seed: args.seed,
        date: args.date,
        name: args.name.clone(),
        time_zone: args.time_zone.clone(),
        utc_offset_s: args.utc_offset,
        monitoring: args.monitoring,
    };
    let summary = generate(&cfg).map_err(|e| match e {
        GenerateError::Network(_) => exit::bad_input(e),
        GenerateError::Output(w) if w.is_bad_input() => {
            exit::bad_input(anyhow::Error::new(w).context("--out"))
        }
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
