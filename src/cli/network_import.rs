//! `wasteroute network import-osm FILE.osm.pbf --out DIR`: OpenStreetMap extract to road
//! network CSVs.

use std::path::PathBuf;

use clap::Args;
use wasteroute::road::osm::import_osm_pbf;

use super::exit::{self, Outcome};

/// Flags of `network import-osm`.
#[derive(Debug, Args)]
pub struct ImportOsmArgs {
    /// The OpenStreetMap extract (`.osm.pbf`).
    pub input: PathBuf,
    /// Directory to write `nodes.csv` and `edges.csv` into (created if missing).
    #[arg(long)]
    pub out: PathBuf,
}

/// Runs the import and prints what was written.
pub fn run(args: &ImportOsmArgs) -> anyhow::Result<Outcome> {
    let summary = import_osm_pbf(&args.input, &args.out).map_err(|e| {
        let bad = e.is_bad_input();
        let err = anyhow::Error::new(e);
        if bad { exit::bad_input(err) } else { err }
    })?;
    println!(
        "wrote {} nodes to {} and {} arcs ({} drivable ways) to {}",
        summary.nodes,
        summary.files.nodes.display(),
        summary.arcs,
        summary.ways,
        summary.files.edges.display()
    );
    if summary.segments_missing_node > 0 {
        println!(
            "note: {} way segments dropped: a node lies outside the extract",
            summary.segments_missing_node
        );
    }
    if summary.segments_too_long > 0 {
        eprintln!(
            "warning: {} way segments longer than 1,000 km dropped (a tagging or file error)",
            summary.segments_too_long
        );
    }
    Ok(Outcome::Done)
}
