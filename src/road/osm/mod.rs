//! OpenStreetMap import: turns a `.osm.pbf` extract into the road network CSVs
//! (`nodes.csv`, `edges.csv`) that the rest of the road layer reads.
//!
//! ## What is kept and how
//! - Ways whose `highway` is drivable ([`DRIVABLE_HIGHWAYS`]), minus `access=no|private`
//!   and `area=yes` ([`drivable_way`] states the rules, one-way rules included).
//! - Every OSM node of a kept way becomes a node (not only junctions): each segment between
//!   two consecutive way nodes is one arc, or two for a two-way street. This is how the
//!   shared CSVs in `../shared/data/roads/` were made, so their arcs are straight and
//!   `length_m` is the haversine length of the segment (mean Earth radius 6,371,008.8 m),
//!   written with 2 decimals.
//! - Segments with a node missing from the extract (ways cut at its border) are dropped;
//!   nodes used by no arc are not written.
//! - `name` is the way's `name`, else its road number `ref` (as in the shared CSVs).
//! - `maxspeed_kmh`: `maxspeed:forward` / `maxspeed:backward` for the arc's direction
//!   relative to the way, else `maxspeed`; numbers, with `mph` and `knots` converted,
//!   1 decimal at most; zone
//!   codes such as `RU:urban` or `FI:urban` stay empty (their value is country law, not
//!   data). Optional columns `max_width_m`, `max_weight_t`, `max_height_m` (2 decimals at
//!   most) come from `maxwidth`, `maxweight`, `maxheight`; `access` holds the way's car access
//!   value (most specific of `motorcar`, `motor_vehicle`, `vehicle`, `access`) when tagged
//!   and not `yes` (`destination`, `delivery`, `permissive`, …).
//!
//! ## Order
//! Nodes are sorted by id; arcs follow their way's id, then the way's node order, the
//! forward arc of a segment before its reverse. The same file gives byte-identical CSVs.

mod error;
mod reader;
pub mod tag_values;
mod way_rules;
mod writer;

use std::path::Path;

pub use crate::road::csv_input::{EDGES_HEADER, NODES_HEADER};
pub use crate::road::geo::haversine_m;
pub use error::OsmImportError;
pub use reader::{OsmArc, OsmNode, OsmRoads, read_pbf};
pub use way_rules::{DRIVABLE_HIGHWAYS, Direction, WayAttrs, drivable_way};
pub use writer::{WrittenFiles, write_csvs};

/// Counts from one import, for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportSummary {
    /// Nodes written.
    pub nodes: usize,
    /// Directed arcs written.
    pub arcs: usize,
    /// Drivable ways kept.
    pub ways: usize,
    /// Way segments dropped because a node lies outside the extract.
    pub segments_missing_node: u64,
    /// Way segments dropped because they are longer than 1,000 km.
    pub segments_too_long: u64,
    /// The files written.
    pub files: WrittenFiles,
}

/// Imports the PBF extract at `input` and writes `nodes.csv` and `edges.csv` into
/// `out_dir` (created if missing; existing files are replaced only once the new ones are
/// complete).
///
/// # Errors
/// See [`OsmImportError`]: unreadable input, not PBF, no drivable road, or an output that
/// cannot be written.
pub fn import_osm_pbf(input: &Path, out_dir: &Path) -> Result<ImportSummary, OsmImportError> {
    let roads = read_pbf(input)?;
    let files = write_csvs(&roads, out_dir)?;
    Ok(ImportSummary {
        nodes: roads.nodes.len(),
        arcs: roads.arcs.len(),
        ways: roads.ways.len(),
        segments_missing_node: roads.segments_missing_node,
        segments_too_long: roads.segments_too_long,
        files,
    })
}
