//! The road nodes of the trip between two locations, so that plans can be drawn along
//! the streets.

use super::ch::ContractionHierarchy;
use super::location_matrix::{direct_weight, source_seeds, target_seeds};
use super::{Anchor, ArcWeight, NodeIdx, RoadNetwork, SnappedLocation};

/// The shortest trip between two snapped locations.
///
/// The trip starts at `first_arc`'s point (`first_arc.tail_part` into that arc) and ends
/// at `last_arc`'s point. When `nodes` is empty it stays on that one arc (both anchors
/// are then on the same arc, the start at or before the end). Otherwise it covers
/// `first_arc.head_part` to reach `nodes[0] == first_arc.to`, follows the arcs between
/// consecutive `nodes`, and covers `last_arc.tail_part` from
/// `nodes.last() == last_arc.from`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoadPath {
    /// Total weight: equal to the matrix entry for the pair.
    pub weight: ArcWeight,
    /// The origin's anchor the trip leaves by.
    pub first_arc: Anchor,
    /// The road nodes passed, in order.
    pub nodes: Vec<NodeIdx>,
    /// The destination's anchor the trip arrives by.
    pub last_arc: Anchor,
}

impl RoadPath {
    /// The trip as `(lat, lon)` points for drawing: the start point, every node, the end
    /// point. The start and end points are placed on the straight line between their
    /// arc's nodes at the fraction of the arc's length before them (the CSV has no street
    /// geometry between nodes).
    pub fn polyline(&self, network: &RoadNetwork) -> Vec<(f64, f64)> {
        let mut points = Vec::with_capacity(self.nodes.len() + 2);
        points.push(point_on(network, &self.first_arc));
        points.extend(self.nodes.iter().map(|&n| network.node_coord(n)));
        points.push(point_on(network, &self.last_arc));
        points
    }
}

/// Where an anchor's point lies, interpolated between its arc's nodes.
fn point_on(network: &RoadNetwork, anchor: &Anchor) -> (f64, f64) {
    let (lat0, lon0) = network.node_coord(anchor.from);
    let (lat1, lon1) = network.node_coord(anchor.to);
    let total = anchor.tail_part.length_mm + anchor.head_part.length_mm;
    let f = if total == 0 {
        0.0
    } else {
        anchor.tail_part.length_mm as f64 / total as f64
    };
    (lat0 + f * (lat1 - lat0), lon0 + f * (lon1 - lon0))
}

/// The shortest trip from `from` to `to`, or `None` when `to` cannot be reached.
pub fn road_path(
    ch: &ContractionHierarchy,
    from: &SnappedLocation,
    to: &SnappedLocation,
) -> Option<RoadPath> {
    let via_nodes = ch.shortest_path(&source_seeds(from), &target_seeds(to));
    let direct = direct_along_arc(from, to);
    match (via_nodes, direct) {
        // Ties go to the direct trip: it is the simpler drawing.
        (Some(p), Some(d)) if p.weight < d.weight => Some(into_road_path(p, from, to)),
        (_, Some(d)) => Some(d),
        (Some(p), None) => Some(into_road_path(p, from, to)),
        (None, None) => None,
    }
}

/// The direct trip along a shared arc, with the anchors it uses.
fn direct_along_arc(from: &SnappedLocation, to: &SnappedLocation) -> Option<RoadPath> {
    let weight = direct_weight(from, to)?;
    for a in &from.anchors {
        for b in &to.anchors {
            let one = SnappedLocation {
                anchors: vec![*a],
                snap_distance_m: 0.0,
            };
            let other = SnappedLocation {
                anchors: vec![*b],
                snap_distance_m: 0.0,
            };
            if direct_weight(&one, &other) == Some(weight) {
                return Some(RoadPath {
                    weight,
                    first_arc: *a,
                    nodes: Vec::new(),
                    last_arc: *b,
                });
            }
        }
    }
    None
}

/// Attaches the anchors that the seeds at the path's two ends came from.
fn into_road_path(
    path: super::ch::NodePath,
    from: &SnappedLocation,
    to: &SnappedLocation,
) -> RoadPath {
    let start = path.nodes[0];
    let end = *path.nodes.last().expect("a path has at least one node");
    // The search kept the best seed per node, so the best anchor at that node is the one.
    let first_arc = *from
        .anchors
        .iter()
        .filter(|a| a.to == start)
        .min_by_key(|a| a.head_part)
        .expect("the path starts at a source seed");
    let last_arc = *to
        .anchors
        .iter()
        .filter(|a| a.from == end)
        .min_by_key(|a| a.tail_part)
        .expect("the path ends at a target seed");
    RoadPath {
        weight: path.weight,
        first_arc,
        nodes: path.nodes,
        last_arc,
    }
}
