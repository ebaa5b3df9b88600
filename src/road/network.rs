//! The road network: a directed graph with dense `u32` node indices, keeping OSM ids,
//! coordinates and every arc's attributes; profiles get their [`ArcList`] from it.

use super::csv_input::{self, EdgeRow, NodeRows};
use super::diagnostics::{Diagnostic, Diagnostics, RoadError};
use super::geo::haversine_m;
use super::highway::SpeedTable;
use super::profile::{ArcRestrictions, VehicleProfile};
use super::{Arc, ArcList, ArcWeight, NodeIdx};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::HashMap;
use std::path::Path;

/// A zero `length_m` is accepted (with a warning) only between nodes this close, metres.
const ZERO_LENGTH_TOLERANCE_M: f64 = 1.0;

#[derive(Clone, Copy, Debug)]
struct NodeData {
    osm_id: i64,
    lat: f64,
    lon: f64,
}

#[derive(Clone, Copy, Debug)]
struct ArcData {
    length_m: f64,
    maxspeed_kmh: Option<f64>,
    highway: u32,
    name: u32,
    /// Index into `RoadNetwork::restrictions`; 0 is "no restriction", shared by most arcs.
    restrictions: u32,
    oneway: bool,
}

/// A road arc as stored in the network (every row of `edges.csv` that is not a self-loop,
/// parallel arcs included).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RoadArc<'a> {
    /// Tail.
    pub from: NodeIdx,
    /// Head.
    pub to: NodeIdx,
    /// Length along the road, metres.
    pub length_m: f64,
    /// OSM `highway` class.
    pub highway: &'a str,
    /// Street name (may be empty).
    pub name: &'a str,
    /// Whether the street is one-way (as given in the file).
    pub oneway: bool,
    /// Posted speed limit, if any.
    pub maxspeed_kmh: Option<f64>,
    /// Vehicle restrictions.
    pub restrictions: ArcRestrictions,
}

/// A road network loaded from `nodes.csv` and `edges.csv`.
///
/// Node indices are dense (`0..node_count`) in the order of `nodes.csv`, so the same files
/// always give the same indices.
///
/// ```
/// use std::path::Path;
/// use wasteroute::road::{Components, RoadNetwork, Snapper, VehicleProfile};
///
/// let (network, warnings) = RoadNetwork::load_dir(Path::new("data/helsinki"))?;
/// let truck = VehicleProfile::preset("compactor_16t").expect("a built-in profile");
/// let arcs = network.arc_list(&truck); // what the truck may drive, with its times
/// let parts = Components::strongly_connected(&arcs);
/// assert_eq!(parts.largest_size(), 1_649);
/// let bin = Snapper::new(&network, &arcs).snap("bin-1", 60.1645, 24.9380)?;
/// assert!(bin.snap_distance_m < 300.0);
/// for w in &warnings {
///     eprintln!("warning: {w}");
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct RoadNetwork {
    graph: DiGraph<NodeData, ArcData, u32>,
    by_osm_id: HashMap<i64, NodeIdx>,
    highways: Vec<String>,
    names: Vec<String>,
    restrictions: Vec<ArcRestrictions>,
    speeds: SpeedTable,
}

impl RoadNetwork {
    /// Loads `nodes.csv` and `edges.csv` with the built-in [`SpeedTable`].
    ///
    /// Returns the network and its warnings (self-loops dropped, unknown `access` values,
    /// isolated nodes), or every problem found in the files.
    pub fn load(
        nodes_path: &Path,
        edges_path: &Path,
    ) -> Result<(RoadNetwork, Vec<Diagnostic>), RoadError> {
        let mut errors = Diagnostics::default();
        let mut warnings = Diagnostics::default();
        let nodes = csv_input::read_nodes(nodes_path, &mut errors)?;
        let mut builder = Builder::new(nodes_path, edges_path, &nodes, &mut errors);
        let strings =
            csv_input::read_edges(edges_path, &mut errors, &mut warnings, |row, errors| {
                builder.add_arc(row, errors)
            })?;
        let network = builder.finish(strings, &errors, &mut warnings);
        // Report in reading order: the nodes file first, then line by line.
        errors.sort_by_key(|d| (d.file != nodes_path, d.line));
        if errors.is_empty() {
            Ok((network, warnings.into_vec()))
        } else {
            Err(RoadError::invalid(errors))
        }
    }

    /// [`Self::load`] on `dir/nodes.csv` and `dir/edges.csv`.
    pub fn load_dir(dir: &Path) -> Result<(RoadNetwork, Vec<Diagnostic>), RoadError> {
        RoadNetwork::load(&dir.join("nodes.csv"), &dir.join("edges.csv"))
    }

    /// Replaces the default speeds per `highway` class.
    pub fn with_speeds(mut self, speeds: SpeedTable) -> RoadNetwork {
        self.speeds = speeds;
        self
    }

    /// The default speeds per `highway` class in use.
    pub fn speeds(&self) -> &SpeedTable {
        &self.speeds
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of stored arcs (all rows but self-loops; parallel arcs counted).
    pub fn arc_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// `(lat, lon)` in WGS84 degrees. Panics if `n` is not a node of this network.
    pub fn node_coord(&self, n: NodeIdx) -> (f64, f64) {
        let d = &self.graph[NodeIndex::new(n.index())];
        (d.lat, d.lon)
    }

    /// The OSM id of a node. Panics if `n` is not a node of this network.
    pub fn osm_id(&self, n: NodeIdx) -> i64 {
        self.graph[NodeIndex::new(n.index())].osm_id
    }

    /// The node with this OSM id.
    pub fn node_by_osm_id(&self, osm_id: i64) -> Option<NodeIdx> {
        self.by_osm_id.get(&osm_id).copied()
    }

    /// Every stored arc, in file order.
    pub fn arcs(&self) -> impl Iterator<Item = RoadArc<'_>> + '_ {
        self.graph.edge_references().map(|e| self.road_arc(e))
    }

    /// The stored arcs leaving `n` (parallel arcs included), in no particular order.
    pub fn arcs_from(&self, n: NodeIdx) -> impl Iterator<Item = RoadArc<'_>> + '_ {
        self.graph
            .edges(NodeIndex::new(n.index()))
            .map(|e| self.road_arc(e))
    }

    fn road_arc(&self, e: petgraph::graph::EdgeReference<'_, ArcData, u32>) -> RoadArc<'_> {
        let a = e.weight();
        RoadArc {
            from: NodeIdx(e.source().index() as u32),
            to: NodeIdx(e.target().index() as u32),
            length_m: a.length_m,
            highway: &self.highways[a.highway as usize],
            name: &self.names[a.name as usize],
            oneway: a.oneway,
            maxspeed_kmh: a.maxspeed_kmh,
            restrictions: self.restrictions[a.restrictions as usize],
        }
    }

    /// The weight of `arc` for `profile`, or `None` if the profile may not use it.
    ///
    /// Speed = `maxspeed_kmh`, else the [`SpeedTable`] entry of its class, times the
    /// profile's factor and capped by its maximum; time = length / speed, both rounded once
    /// ([`ArcWeight::from_metres`]).
    pub fn arc_weight(&self, arc: &RoadArc<'_>, profile: &VehicleProfile) -> Option<ArcWeight> {
        if !profile.may_use(arc.highway, &arc.restrictions) {
            return None;
        }
        let road = arc
            .maxspeed_kmh
            .unwrap_or_else(|| self.speeds.speed_kmh(arc.highway));
        Some(ArcWeight::from_metres(
            arc.length_m,
            profile.speed_kmh(road),
        ))
    }

    /// The arcs `profile` may use, with its travel times; of parallel arcs only the best
    /// (smallest [`ArcWeight`]) is kept; sorted by `(from, to)`.
    ///
    /// The profile should be [valid](VehicleProfile::validate); with a zero speed factor
    /// every time would be infinite.
    pub fn arc_list(&self, profile: &VehicleProfile) -> ArcList {
        let mut arcs: Vec<Arc> = self
            .arcs()
            .filter_map(|a| {
                self.arc_weight(&a, profile).map(|weight| Arc {
                    from: a.from,
                    to: a.to,
                    weight,
                })
            })
            .collect();
        arcs.sort_unstable_by_key(|a| (a.from, a.to, a.weight));
        arcs.dedup_by_key(|a| (a.from, a.to));
        ArcList {
            num_nodes: self.node_count() as u32,
            arcs,
        }
    }
}

/// Builds the graph: nodes first, then arcs one by one as `edges.csv` is read, so that
/// the rows of a large file are never all held in memory.
struct Builder<'a> {
    nodes_path: &'a Path,
    edges_path: &'a Path,
    nodes: &'a NodeRows,
    graph: DiGraph<NodeData, ArcData, u32>,
    by_osm_id: HashMap<i64, NodeIdx>,
    restrictions: Vec<ArcRestrictions>,
    self_loops: (usize, u64),
    zero_lengths: (usize, u64),
}

impl<'a> Builder<'a> {
    fn new(
        nodes_path: &'a Path,
        edges_path: &'a Path,
        nodes: &'a NodeRows,
        errors: &mut Diagnostics,
    ) -> Builder<'a> {
        let mut graph = DiGraph::with_capacity(nodes.rows.len(), 2 * nodes.rows.len());
        let mut by_osm_id: HashMap<i64, NodeIdx> = HashMap::with_capacity(nodes.rows.len());
        let mut first_line: Vec<u64> = Vec::with_capacity(nodes.rows.len());
        for n in &nodes.rows {
            match by_osm_id.get(&n.id) {
                Some(&seen) => errors.push(
                    Diagnostic::error(
                        "duplicate_id",
                        nodes_path,
                        format!(
                            "duplicate node id {} (first on line {})",
                            n.id,
                            first_line[seen.index()]
                        ),
                    )
                    .at_line(n.line)
                    .in_column("node_id")
                    .hint("each node must appear once; remove or renumber the copy"),
                ),
                None => {
                    let idx = graph.add_node(NodeData {
                        osm_id: n.id,
                        lat: n.lat,
                        lon: n.lon,
                    });
                    by_osm_id.insert(n.id, NodeIdx(idx.index() as u32));
                    first_line.push(n.line);
                }
            }
        }
        Builder {
            nodes_path,
            edges_path,
            nodes,
            graph,
            by_osm_id,
            restrictions: vec![ArcRestrictions::default()],
            self_loops: (0, 0),
            zero_lengths: (0, 0),
        }
    }

    fn node(&self, id: i64, line: u64, column: &str, errors: &mut Diagnostics) -> Option<NodeIdx> {
        let found = self.by_osm_id.get(&id).copied();
        // A node whose row had an error is already reported there.
        if found.is_none() && self.nodes.readable && !self.nodes.rejected_ids.contains(&id) {
            errors.push(
                Diagnostic::error(
                    "unknown_node",
                    self.edges_path,
                    format!("node {id} is not in {}", self.nodes_path.display()),
                )
                .at_line(line)
                .in_column(column)
                .hint("add the node to nodes.csv or remove the arc"),
            );
        }
        found
    }

    fn add_arc(&mut self, e: &EdgeRow, errors: &mut Diagnostics) {
        let from = self.node(e.from, e.line, "from", errors);
        let to = self.node(e.to, e.line, "to", errors);
        let (Some(from), Some(to)) = (from, to) else {
            return;
        };
        let count = |c: &mut (usize, u64)| {
            if c.0 == 0 {
                c.1 = e.line;
            }
            c.0 += 1;
        };
        if from == to {
            count(&mut self.self_loops);
            return;
        }
        if e.length_m == 0.0 {
            // Lengths are rounded to centimetres, so two nodes at one place give 0.00.
            let (a, b) = (
                self.graph[NodeIndex::new(from.index())],
                self.graph[NodeIndex::new(to.index())],
            );
            let apart = haversine_m(a.lat, a.lon, b.lat, b.lon);
            if apart > ZERO_LENGTH_TOLERANCE_M {
                errors.push(
                    Diagnostic::error(
                        "out_of_range",
                        self.edges_path,
                        format!(
                            "length 0 m must be greater than zero: its nodes are {apart:.0} m apart"
                        ),
                    )
                    .at_line(e.line)
                    .in_column("length_m")
                    .hint("give the arc's length in metres along the road"),
                );
                return;
            }
            count(&mut self.zero_lengths);
        }
        let data = arc_data(e, &mut self.restrictions);
        self.graph.add_edge(
            NodeIndex::new(from.index()),
            NodeIndex::new(to.index()),
            data,
        );
    }

    fn finish(
        self,
        strings: csv_input::EdgeStrings,
        errors: &Diagnostics,
        warnings: &mut Diagnostics,
    ) -> RoadNetwork {
        let (self_loops, first_self_loop) = self.self_loops;
        if self_loops > 0 {
            warnings.push(
                Diagnostic::warning(
                    "self_loop",
                    self.edges_path,
                    format!("{self_loops} self-loop arc(s) (from = to) ignored; the first is here"),
                )
                .at_line(first_self_loop)
                .hint("a loop cannot shorten any route, so it is dropped"),
            );
        }
        let (zero_lengths, first_zero_length) = self.zero_lengths;
        if zero_lengths > 0 {
            warnings.push(Diagnostic::warning("zero_length", self.edges_path, format!(
                    "{zero_lengths} arc(s) of length 0 between nodes less than {ZERO_LENGTH_TOLERANCE_M} m apart kept as zero-time arcs; the first is here"
                )).at_line(first_zero_length).in_column("length_m").hint("nothing to do unless the nodes should be merged"));
        }
        let graph = self.graph;
        let isolated = graph
            .node_indices()
            .filter(|&n| graph.neighbors_undirected(n).next().is_none())
            .count();
        if isolated > 0 && errors.is_empty() {
            warnings.push(
                Diagnostic::warning(
                    "isolated_nodes",
                    self.nodes_path,
                    format!("{isolated} node(s) have no arc"),
                )
                .hint("points snap only to arcs, so these nodes are never used"),
            );
        }
        RoadNetwork {
            graph,
            by_osm_id: self.by_osm_id,
            highways: strings.highways.into_strings(),
            names: strings.names.into_strings(),
            restrictions: self.restrictions,
            speeds: SpeedTable::default(),
        }
    }
}

fn arc_data(e: &EdgeRow, restrictions: &mut Vec<ArcRestrictions>) -> ArcData {
    let r = if e.restrictions == ArcRestrictions::default() {
        0
    } else {
        restrictions.push(e.restrictions);
        (restrictions.len() - 1) as u32
    };
    ArcData {
        length_m: e.length_m,
        maxspeed_kmh: e.maxspeed_kmh,
        highway: e.highway,
        name: e.name,
        restrictions: r,
        oneway: e.oneway,
    }
}
