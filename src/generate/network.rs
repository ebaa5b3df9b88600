//! The little the generator needs from a road network: node coordinates, streets with
//! their class and name, and the strongly connected core where every point can reach
//! every other.
//!
//! The street list (class and name per arc) is read here; which places every truck can
//! reach is asked of the road layer ([`Reach`]), with the same profiles the scenario
//! declares, so that a generated site is never off the road for the trucks meant to serve it.

use super::GenerateError;
use crate::road::{ComponentId, Components, NodeIdx, RoadNetwork, Snapper, VehicleProfile};
use std::collections::BTreeMap;
use std::path::Path;

/// A street segment between two nodes (dense indices into [`StreetMap::nodes`]).
#[derive(Clone, Debug)]
pub struct Street {
    /// Tail.
    pub from: usize,
    /// Head.
    pub to: usize,
    /// Length, metres.
    pub length_m: f64,
    /// OSM highway class.
    pub highway: String,
    /// Street name (may be empty).
    pub name: String,
}

/// A node: OSM id and WGS84 coordinates.
#[derive(Clone, Copy, Debug)]
pub struct Node {
    /// OSM id.
    pub id: i64,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// Nodes and directed streets.
#[derive(Clone, Debug)]
pub struct StreetMap {
    /// Nodes in file order.
    pub nodes: Vec<Node>,
    /// Directed arcs in file order.
    pub streets: Vec<Street>,
}

fn open(path: &Path) -> Result<csv::Reader<std::fs::File>, GenerateError> {
    csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| GenerateError::Network(format!("{}: {e}", path.display())))
}

fn column(headers: &csv::StringRecord, name: &str, path: &Path) -> Result<usize, GenerateError> {
    headers.iter().position(|h| h == name).ok_or_else(|| {
        GenerateError::Network(format!("{}: column `{name}` is missing", path.display()))
    })
}

impl StreetMap {
    /// Reads `nodes.csv` and `edges.csv` from `dir`.
    ///
    /// # Errors
    /// A message naming the file and line of the first unreadable row.
    pub fn read(dir: &Path) -> Result<StreetMap, GenerateError> {
        let npath = dir.join("nodes.csv");
        let mut r = open(&npath)?;
        let h = r
            .headers()
            .map_err(|e| GenerateError::Network(format!("{}: {e}", npath.display())))?
            .clone();
        let (ci, clat, clon) = (
            column(&h, "node_id", &npath)?,
            column(&h, "lat", &npath)?,
            column(&h, "lon", &npath)?,
        );
        let mut nodes = Vec::new();
        let mut index = BTreeMap::new();
        for rec in r.records() {
            let rec =
                rec.map_err(|e| GenerateError::Network(format!("{}: {e}", npath.display())))?;
            let line = rec.position().map_or(0, |p| p.line());
            let bad =
                || GenerateError::Network(format!("{}:{line}: unreadable node", npath.display()));
            let id: i64 = rec.get(ci).and_then(|v| v.parse().ok()).ok_or_else(bad)?;
            let lat: f64 = rec.get(clat).and_then(|v| v.parse().ok()).ok_or_else(bad)?;
            let lon: f64 = rec.get(clon).and_then(|v| v.parse().ok()).ok_or_else(bad)?;
            index.insert(id, nodes.len());
            nodes.push(Node { id, lat, lon });
        }
        let epath = dir.join("edges.csv");
        let mut r = open(&epath)?;
        let h = r
            .headers()
            .map_err(|e| GenerateError::Network(format!("{}: {e}", epath.display())))?
            .clone();
        let (cf, ct, cl, ch) = (
            column(&h, "from", &epath)?,
            column(&h, "to", &epath)?,
            column(&h, "length_m", &epath)?,
            column(&h, "highway", &epath)?,
        );
        let cn = h.iter().position(|x| x == "name");
        let mut streets = Vec::new();
        for rec in r.records() {
            let rec =
                rec.map_err(|e| GenerateError::Network(format!("{}: {e}", epath.display())))?;
            let line = rec.position().map_or(0, |p| p.line());
            let bad =
                || GenerateError::Network(format!("{}:{line}: unreadable edge", epath.display()));
            let node = |c: usize| {
                rec.get(c)
                    .and_then(|v| v.parse::<i64>().ok())
                    .and_then(|id| index.get(&id).copied())
            };
            let (Some(from), Some(to)) = (node(cf), node(ct)) else {
                return Err(bad());
            };
            let length_m: f64 = rec.get(cl).and_then(|v| v.parse().ok()).ok_or_else(bad)?;
            streets.push(Street {
                from,
                to,
                length_m,
                highway: rec.get(ch).unwrap_or("").to_string(),
                name: cn.and_then(|c| rec.get(c)).unwrap_or("").to_string(),
            });
        }
        if nodes.is_empty() || streets.is_empty() {
            return Err(GenerateError::Network(format!(
                "{}: the network has no nodes or no edges",
                dir.display()
            )));
        }
        Ok(StreetMap { nodes, streets })
    }

    /// Mean coordinate.
    pub fn centre(&self) -> (f64, f64) {
        let n = self.nodes.len() as f64;
        let lat = self.nodes.iter().map(|p| p.lat).sum::<f64>() / n;
        let lon = self.nodes.iter().map(|p| p.lon).sum::<f64>() / n;
        (lat, lon)
    }
}

/// Where each generated profile can go: its largest strongly connected part, and a
/// snapper that places points on the roads it may use.
pub struct Reach {
    comps: Components,
    snapper: Snapper,
}

impl Reach {
    /// The reach of one profile on `network`.
    pub fn new(network: &RoadNetwork, profile: &VehicleProfile, max_snap_m: f64) -> Reach {
        let arcs = network.arc_list(profile);
        Reach {
            comps: Components::strongly_connected(&arcs),
            snapper: Snapper::new(network, &arcs).with_max_distance_m(max_snap_m),
        }
    }

    /// True when the node is in the profile's largest strongly connected part.
    pub fn in_core(&self, n: usize) -> bool {
        self.comps.of(NodeIdx(n as u32)) == ComponentId(0)
    }

    /// True when the point snaps onto a road of the largest part.
    pub fn reaches(&self, lat: f64, lon: f64) -> bool {
        match self.snapper.snap("generated", lat, lon) {
            Ok(loc) => loc
                .anchors
                .iter()
                .all(|a| self.in_core(a.from.index()) && self.in_core(a.to.index())),
            Err(_) => false,
        }
    }
}
