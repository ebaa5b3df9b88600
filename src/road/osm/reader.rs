//! Reads a PBF extract in two passes: drivable ways first, then the coordinates of just
//! the nodes they use. Memory grows with the road network, not with the whole extract.

use std::io::Read;
use std::path::Path;

use osmpbf::{Element, ElementReader};

use super::OsmImportError;
use super::way_rules::{Direction, WayAttrs, drivable_way};
use crate::road::geo::haversine_m;

/// A node of the imported network, with its coordinates in units of 1e-7 degree (the
/// precision OpenStreetMap stores).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OsmNode {
    /// OSM node id.
    pub id: i64,
    /// Latitude × 1e7.
    pub lat_e7: i32,
    /// Longitude × 1e7.
    pub lon_e7: i32,
}

impl OsmNode {
    /// Latitude in degrees.
    pub fn lat(&self) -> f64 {
        // Division, not multiplication by 1e-7: it gives the same f64 as parsing the
        // 7-decimal text of nodes.csv, so lengths recomputed from the CSV agree.
        f64::from(self.lat_e7) / 1e7
    }
    /// Longitude in degrees.
    pub fn lon(&self) -> f64 {
        f64::from(self.lon_e7) / 1e7
    }
}

/// A directed arc along one segment of an OSM way (between two consecutive way nodes).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OsmArc {
    /// Tail OSM node id.
    pub from: i64,
    /// Head OSM node id.
    pub to: i64,
    /// Haversine length of the segment in metres.
    pub length_m: f64,
    /// Index into [`OsmRoads::ways`].
    pub way: u32,
    /// True when the arc runs in the order of the way's nodes (tags ending in `:forward`
    /// apply), false against it (`:backward`).
    pub along_way: bool,
}

/// The drivable network of an extract, in a deterministic order.
#[derive(Clone, Debug, Default)]
pub struct OsmRoads {
    /// Nodes used by at least one arc, sorted by id.
    pub nodes: Vec<OsmNode>,
    /// Arcs in the order of their way's id, then along the way; for a two-way street each
    /// segment gives its forward arc then its reverse arc.
    pub arcs: Vec<OsmArc>,
    /// The attributes of each kept way, indexed by [`OsmArc::way`].
    pub ways: Vec<WayAttrs>,
    /// The OSM id of each kept way, parallel to `ways`.
    pub way_ids: Vec<i64>,
    /// Way segments dropped because a node lies outside the extract.
    pub segments_missing_node: u64,
    /// Way segments dropped because they are longer than the CSV reader accepts
    /// (1,000 km, `MAX_LENGTH_M` of the CSV reader).
    pub segments_too_long: u64,
}

/// A kept way between the two passes.
struct KeptWay {
    id: i64,
    refs: Vec<i64>,
    attrs: WayAttrs,
}

/// Reads the drivable network of the PBF file at `path`.
///
/// # Errors
/// [`OsmImportError::Open`] when the file cannot be opened, [`OsmImportError::XmlNotPbf`]
/// or [`OsmImportError::NotPbf`] when it is not PBF, [`OsmImportError::NoDrivableWays`]
/// and [`OsmImportError::NoNodes`] when it holds no usable road.
pub fn read_pbf(path: &Path) -> Result<OsmRoads, OsmImportError> {
    check_not_xml(path)?;
    let (mut kept, ways_seen) = read_ways(path)?;
    if kept.is_empty() {
        return Err(OsmImportError::NoDrivableWays {
            path: path.to_owned(),
            ways: ways_seen,
        });
    }
    // PBF files are sorted by id, but a hand-made one need not be: sort for determinism.
    kept.sort_by_key(|w| w.id);
    let coords = read_node_coords(path, &kept)?;
    let roads = build_arcs(kept, coords);
    if roads.arcs.is_empty() {
        return Err(OsmImportError::NoNodes {
            path: path.to_owned(),
            ways: roads.ways.len(),
        });
    }
    Ok(roads)
}

/// An empty file and OSM XML are common mix-ups; say so instead of a decoder error.
fn check_not_xml(path: &Path) -> Result<(), OsmImportError> {
    let open_err = |reason| OsmImportError::Open {
        path: path.to_owned(),
        reason,
    };
    let mut head = [0u8; 64];
    let file = std::fs::File::open(path).map_err(open_err)?;
    let n = file.take(64).read(&mut head).map_err(open_err)?;
    if n == 0 {
        return Err(OsmImportError::NotPbf {
            path: path.to_owned(),
            detail: "the file is empty".to_owned(),
        });
    }
    let text = String::from_utf8_lossy(&head[..n]);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with("<?xml") || text.starts_with("<osm") {
        return Err(OsmImportError::XmlNotPbf {
            path: path.to_owned(),
        });
    }
    Ok(())
}

fn pbf_reader(
    path: &Path,
) -> Result<ElementReader<std::io::BufReader<std::fs::File>>, OsmImportError> {
    ElementReader::from_path(path).map_err(|e| decode_error(path, e))
}

/// Maps a decoder error: an I/O failure to open is the path's fault; anything else means
/// the bytes are not PBF.
fn decode_error(path: &Path, e: osmpbf::Error) -> OsmImportError {
    match e.into_kind() {
        osmpbf::ErrorKind::Io(io) if io.kind() != std::io::ErrorKind::UnexpectedEof => {
            OsmImportError::Open {
                path: path.to_owned(),
                reason: io,
            }
        }
        kind => OsmImportError::NotPbf {
            path: path.to_owned(),
            detail: describe(&kind),
        },
    }
}

fn describe(kind: &osmpbf::ErrorKind) -> String {
    match kind {
        osmpbf::ErrorKind::Io(io) => format!("file ends early: {io}"),
        osmpbf::ErrorKind::Blob(
            osmpbf::BlobError::HeaderTooBig { .. } | osmpbf::BlobError::InvalidHeaderSize,
        ) => "no PBF block header where one should start".to_owned(),
        osmpbf::ErrorKind::Blob(b) => format!("bad block: {b:?}"),
        osmpbf::ErrorKind::Protobuf { location, .. } => format!("undecodable {location}"),
        other => format!("{other:?}"),
    }
}

/// Pass 1: the drivable ways, and how many ways the file holds in all.
fn read_ways(path: &Path) -> Result<(Vec<KeptWay>, u64), OsmImportError> {
    let mut kept = Vec::new();
    let mut ways_seen = 0u64;
    pbf_reader(path)?
        .for_each(|element| {
            if let Element::Way(way) = element {
                ways_seen += 1;
                if let Some(attrs) = drivable_way(way.tags()) {
                    kept.push(KeptWay {
                        id: way.id(),
                        refs: way.refs().collect(),
                        attrs,
                    });
                }
            }
        })
        .map_err(|e| decode_error(path, e))?;
    Ok((kept, ways_seen))
}

/// Coordinates of the nodes the kept ways use, by sorted id.
struct NodeCoords {
    ids: Vec<i64>,
    /// `(lat_e7, lon_e7)` per id; `None` when the node is not in the file.
    coords: Vec<Option<(i32, i32)>>,
    /// Whether an arc uses the node (only those are written).
    used: Vec<bool>,
}

impl NodeCoords {
    /// The node's index, when the file gives its coordinates.
    fn find(&self, id: i64) -> Option<usize> {
        let i = self.ids.binary_search(&id).ok()?;
        self.coords[i].is_some().then_some(i)
    }

    /// The node at `i` (from [`Self::find`]), not marked used.
    fn peek(&self, i: usize) -> OsmNode {
        let (lat_e7, lon_e7) = self.coords[i].expect("find() checked the coordinates");
        OsmNode {
            id: self.ids[i],
            lat_e7,
            lon_e7,
        }
    }

    /// The node at `i` (from [`Self::find`]), marked used.
    fn take(&mut self, i: usize) -> OsmNode {
        let (lat_e7, lon_e7) = self.coords[i].expect("find() checked the coordinates");
        self.used[i] = true;
        OsmNode {
            id: self.ids[i],
            lat_e7,
            lon_e7,
        }
    }

    /// The used nodes, sorted by id.
    fn into_used_nodes(self) -> Vec<OsmNode> {
        let mut nodes = Vec::new();
        for ((id, coords), used) in self.ids.into_iter().zip(self.coords).zip(self.used) {
            if let (Some((lat_e7, lon_e7)), true) = (coords, used) {
                nodes.push(OsmNode { id, lat_e7, lon_e7 });
            }
        }
        nodes
    }
}

/// Pass 2: the coordinates of the nodes the kept ways use, and no others.
fn read_node_coords(path: &Path, kept: &[KeptWay]) -> Result<NodeCoords, OsmImportError> {
    let mut ids: Vec<i64> = kept.iter().flat_map(|w| w.refs.iter().copied()).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut coords = vec![None; ids.len()];
    // A node off the globe is kept here and refused below with its id: the file is
    // corrupt, and dropping the node quietly would cut its roads without saying why.
    let mut store = |id: i64, lat: i32, lon: i32| {
        if let Ok(i) = ids.binary_search(&id) {
            coords[i] = Some((lat, lon));
        }
    };
    pbf_reader(path)?
        .for_each(|element| match element {
            Element::Node(n) => store(n.id(), n.decimicro_lat(), n.decimicro_lon()),
            Element::DenseNode(n) => store(n.id(), n.decimicro_lat(), n.decimicro_lon()),
            Element::Way(_) | Element::Relation(_) => {}
        })
        .map_err(|e| decode_error(path, e))?;
    // The first node outside WGS84, by id: the CSV reader would reject what we write.
    for (&id, c) in ids.iter().zip(&coords) {
        if let &Some((lat_e7, lon_e7)) = c
            && !wgs84(lat_e7, lon_e7)
        {
            let node = OsmNode { id, lat_e7, lon_e7 };
            return Err(OsmImportError::BadCoordinate {
                path: path.to_owned(),
                node: id,
                lat: node.lat(),
                lon: node.lon(),
            });
        }
    }
    let used = vec![false; ids.len()];
    Ok(NodeCoords { ids, coords, used })
}

/// True when a position in 10⁻⁷ degrees lies within WGS84's ranges.
fn wgs84(lat_e7: i32, lon_e7: i32) -> bool {
    lat_e7.unsigned_abs() <= 900_000_000 && lon_e7.unsigned_abs() <= 1_800_000_000
}

/// Cuts every kept way into one arc per segment and legal direction.
fn build_arcs(kept: Vec<KeptWay>, mut coords: NodeCoords) -> OsmRoads {
    let mut roads = OsmRoads::default();
    // Reserve the most arcs there can be, so the largest vector never grows by doubling.
    let most_arcs = kept
        .iter()
        .map(|w| w.refs.len().saturating_sub(1) * if w.attrs.direction.is_oneway() { 1 } else { 2 })
        .sum();
    roads.arcs.reserve_exact(most_arcs);
    roads.ways.reserve_exact(kept.len());
    roads.way_ids.reserve_exact(kept.len());
    for way in kept {
        let way_index = u32::try_from(roads.ways.len()).expect("fewer than 2^32 ways");
        for pair in way.refs.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if a == b {
                continue; // a repeated node: a zero-length segment, not a road
            }
            let (Some(ia), Some(ib)) = (coords.find(a), coords.find(b)) else {
                roads.segments_missing_node += 1;
                continue;
            };
            let (na, nb) = (coords.peek(ia), coords.peek(ib));
            let length_m = haversine_m(na.lat(), na.lon(), nb.lat(), nb.lon());
            if length_m > crate::road::csv_input::MAX_LENGTH_M {
                roads.segments_too_long += 1;
                continue;
            }
            coords.take(ia);
            coords.take(ib);
            let forward = OsmArc {
                from: a,
                to: b,
                length_m,
                way: way_index,
                along_way: true,
            };
            let backward = OsmArc {
                from: b,
                to: a,
                along_way: false,
                ..forward
            };
            match way.attrs.direction {
                Direction::Both => roads.arcs.extend([forward, backward]),
                Direction::Forward => roads.arcs.push(forward),
                Direction::Backward => roads.arcs.push(backward),
            }
        }
        roads.ways.push(way.attrs);
        roads.way_ids.push(way.id);
    }
    roads.nodes = coords.into_used_nodes();
    roads
}
