//! The road layer: CSV road graph, vehicle profiles, snapping, travel matrices and paths.
//!
//! petgraph types stay inside this module. What leaves it is plain: [`ArcList`]s per
//! profile, [`SnappedLocation`]s, and integer matrices that become
//! [`TravelMatrices`](crate::problem::TravelMatrices).
//!
//! ## Units and rounding
//! Arc weights are integers: travel time in milliseconds and length in millimetres, each
//! rounded half away from zero once from the CSV's floats ([`ArcWeight::from_metres`]).
//! Sums along paths are exact; matrices handed to the solver are rounded to whole seconds
//! and metres only at the end, from the exact sum.

pub mod ch;
pub mod components;
pub(crate) mod csv_input;
pub mod diagnostics;
pub mod dijkstra;
pub mod geo;
pub mod highway;
pub mod inspect;
pub mod location_matrix;
mod network;
pub mod osm;
pub mod path;
pub mod profile;
pub mod snap;
mod weight;

pub use components::{ComponentId, Components, ReachProblem, reachability_problems};
pub use diagnostics::{Diagnostic, RoadError};
pub use highway::SpeedTable;
pub use network::{RoadArc, RoadNetwork};
pub use profile::{Access, ArcRestrictions, VehicleProfile};
pub use snap::{SnapError, SnapErrors, Snapper};
pub use weight::{ArcWeight, NodeIdx};

/// A directed arc of a profile's view of the network, between dense node indices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arc {
    /// Tail.
    pub from: NodeIdx,
    /// Head.
    pub to: NodeIdx,
    /// Time and length.
    pub weight: ArcWeight,
}

/// The arcs one vehicle profile may use, over all nodes of the network.
///
/// Parallel arcs are already reduced to the best (smallest [`ArcWeight`]); nodes keep the
/// network's dense indices so that paths map back to coordinates and OSM ids.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArcList {
    /// Number of nodes of the network (arcs index into `0..num_nodes`).
    pub num_nodes: u32,
    /// The usable arcs, sorted by `(from, to)`.
    pub arcs: Vec<Arc>,
}

/// Where a snapped point sits on one arc: the arc, and the two parts of its weight on
/// either side of the point (`tail_part + head_part == arc weight`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anchor {
    /// Tail of the arc.
    pub from: NodeIdx,
    /// Head of the arc.
    pub to: NodeIdx,
    /// From the arc's tail to the point.
    pub tail_part: ArcWeight,
    /// From the point to the arc's head.
    pub head_part: ArcWeight,
}

/// A point placed on the road network for one profile: one anchor per usable arc of the
/// nearest road segment (two for a two-way street, one for a one-way street).
///
/// Travel from location `a` to location `b` is the minimum over anchor pairs of
/// `a.head_part + shortest(a.to → b.from) + b.tail_part`, or the direct part along the
/// arc when both anchors share it and `a` lies before `b`; from a location to itself it is
/// zero.
#[derive(Clone, Debug, PartialEq)]
pub struct SnappedLocation {
    /// Anchors on the arcs of the nearest segment (never empty).
    pub anchors: Vec<Anchor>,
    /// Distance from the input point to the road, in metres (for reporting).
    pub snap_distance_m: f64,
}
