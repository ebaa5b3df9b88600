//! `wasteroute network …`: look at a road network.

use super::exit::{self, Outcome};
use anyhow::Context;
use clap::{Args, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use wasteroute::road::inspect::summarize;
use wasteroute::road::profile::PRESET_NAMES;
use wasteroute::road::{RoadNetwork, SpeedTable, VehicleProfile};

/// Road network commands.
#[derive(Debug, Args)]
pub struct NetworkArgs {
    #[command(subcommand)]
    command: NetworkCommand,
}

#[derive(Debug, Subcommand)]
enum NetworkCommand {
    /// Load a network, validate it, and summarise it: nodes, arcs, km per highway class,
    /// strongly connected components, warnings. Exit 2 with every problem on bad input.
    Inspect(InspectArgs),
    /// Import an OpenStreetMap `.osm.pbf` extract into `nodes.csv` and `edges.csv`.
    ImportOsm(super::network_import::ImportOsmArgs),
}

/// Where a road network is and how to read it.
#[derive(Debug, Args)]
pub struct NetworkSource {
    /// A folder holding `nodes.csv` and `edges.csv`.
    #[arg(long, value_name = "DIR", required_unless_present_all = ["nodes", "edges"], conflicts_with_all = ["nodes", "edges"])]
    network: Option<PathBuf>,
    /// The nodes file (with `--edges`), instead of `--network`.
    #[arg(long, value_name = "FILE", requires = "edges")]
    nodes: Option<PathBuf>,
    /// The edges file (with `--nodes`), instead of `--network`.
    #[arg(long, value_name = "FILE", requires = "nodes")]
    edges: Option<PathBuf>,
    /// A TOML file of default speeds per highway class (`[speeds] residential = 25`).
    #[arg(long, value_name = "FILE")]
    speeds: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct InspectArgs {
    #[command(flatten)]
    source: NetworkSource,
    /// A built-in vehicle profile (car, cart, small_truck, compactor_16t) or a TOML file
    /// describing one.
    #[arg(long, default_value = "car")]
    profile: String,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// Runs `wasteroute network …`.
pub fn run(args: NetworkArgs) -> anyhow::Result<Outcome> {
    match args.command {
        NetworkCommand::Inspect(a) => inspect(a),
        NetworkCommand::ImportOsm(a) => super::network_import::run(&a),
    }
}

impl NetworkSource {
    /// Loads and validates the network; every input problem is a bad-input error.
    pub fn load(&self) -> anyhow::Result<(RoadNetwork, Vec<wasteroute::road::Diagnostic>)> {
        let (network, warnings) = match (&self.network, &self.nodes, &self.edges) {
            (Some(dir), _, _) => RoadNetwork::load_dir(dir),
            (None, Some(n), Some(e)) => RoadNetwork::load(n, e),
            _ => unreachable!("clap requires --network or both --nodes and --edges"),
        }
        .map_err(exit::bad_input)?;
        let network = match &self.speeds {
            Some(path) => {
                network.with_speeds(SpeedTable::from_toml_file(path).map_err(exit::bad_input)?)
            }
            None => network,
        };
        Ok((network, warnings))
    }

    /// The contraction-hierarchy cache beside the network's nodes file.
    pub fn ch_cache(&self) -> wasteroute::road::ch::ChCache {
        let nodes_dir = match (&self.network, &self.nodes) {
            (Some(dir), _) => dir.clone(),
            (None, Some(n)) => n.parent().map(Path::to_path_buf).unwrap_or_default(),
            _ => PathBuf::new(),
        };
        wasteroute::road::ch::ChCache::for_network(&nodes_dir)
    }
}

/// A built-in profile by name, or one read from a TOML file.
pub fn resolve_profile(name_or_file: &str) -> anyhow::Result<VehicleProfile> {
    if let Some(p) = VehicleProfile::preset(name_or_file) {
        return Ok(p);
    }
    let path = Path::new(name_or_file);
    if !path.is_file() {
        return Err(exit::bad_input(anyhow::anyhow!(
            "unknown vehicle profile `{name_or_file}`: use one of {} or the path of a TOML profile file",
            PRESET_NAMES.join(", ")
        )));
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read profile file {}", path.display()))
        .map_err(exit::bad_input)?;
    VehicleProfile::from_toml_str(&text)
        .map_err(|e| exit::bad_input(anyhow::anyhow!("{}: {e}", path.display())))
}

fn inspect(a: InspectArgs) -> anyhow::Result<Outcome> {
    let profile = resolve_profile(&a.profile)?;
    let (network, warnings) = a.source.load()?;
    let summary = summarize(&network, &profile, &warnings);
    let mut out = std::io::stdout().lock();
    if a.json {
        serde_json::to_writer_pretty(&mut out, &summary)?;
        writeln!(out)?;
    } else {
        write!(out, "{summary}")?;
    }
    out.flush()?;
    Ok(Outcome::Done)
}
