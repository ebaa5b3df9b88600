//! The little the generator needs from a road network: node coordinates, streets with
//! their class and name, and the strongly connected core where every point can reach
//! every other.
//!
//! This is a plain reader of the two CSV files, not the road layer: the generator only
//! places points near streets; the planner's road layer later validates and snaps them.

use super::GenerateError;
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

    /// Nodes that can reach, and be reached from, each other: the largest strongly
    /// connected part found from up to 25 start nodes near the centre (forward and
    /// backward breadth-first search; their intersection is the start's component).
    pub fn core(&self) -> Vec<bool> {
        let n = self.nodes.len();
        let mut fwd: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut bwd: Vec<Vec<usize>> = vec![Vec::new(); n];
        for s in &self.streets {
            fwd[s.from].push(s.to);
            bwd[s.to].push(s.from);
        }
        let (clat, clon) = self.centre();
        let mut order: Vec<usize> = (0..n).filter(|&i| !fwd[i].is_empty()).collect();
        order.sort_by(|&a, &b| {
            let da = sq(self.nodes[a].lat - clat) + sq(self.nodes[a].lon - clon);
            let db = sq(self.nodes[b].lat - clat) + sq(self.nodes[b].lon - clon);
            da.total_cmp(&db).then(a.cmp(&b))
        });
        let mut best: Vec<bool> = vec![false; n];
        let mut best_size = 0;
        for &start in order.iter().take(25) {
            if best[start] {
                continue;
            }
            let f = reach(&fwd, start);
            let b = reach(&bwd, start);
            let comp: Vec<bool> = f.iter().zip(&b).map(|(x, y)| *x && *y).collect();
            let size = comp.iter().filter(|x| **x).count();
            if size > best_size {
                best_size = size;
                best = comp;
            }
            if best_size * 2 > n {
                break;
            }
        }
        best
    }

    /// Mean coordinate.
    pub fn centre(&self) -> (f64, f64) {
        let n = self.nodes.len() as f64;
        let lat = self.nodes.iter().map(|p| p.lat).sum::<f64>() / n;
        let lon = self.nodes.iter().map(|p| p.lon).sum::<f64>() / n;
        (lat, lon)
    }
}

fn sq(x: f64) -> f64 {
    x * x
}

fn reach(adj: &[Vec<usize>], start: usize) -> Vec<bool> {
    let mut seen = vec![false; adj.len()];
    let mut queue = std::collections::VecDeque::from([start]);
    seen[start] = true;
    while let Some(u) = queue.pop_front() {
        for &v in &adj[u] {
            if !seen[v] {
                seen[v] = true;
                queue.push_back(v);
            }
        }
    }
    seen
}
