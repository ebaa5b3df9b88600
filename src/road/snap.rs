//! Snapping points to the road: the nearest position on a road segment a profile may use.
//!
//! A *segment* is the straight line between the two nodes of an arc; both directions of a
//! two-way street are one segment carrying two arcs. The CSV has no street geometry, so an
//! arc is taken to run straight between its nodes; its `length_m` (measured along the real
//! street) still gives its weight.
//!
//! ## How a point is placed
//! 1. Candidate segments come from an R-tree in an equirectangular projection around the
//!    network's centre (metres).
//! 2. Each candidate is measured again exactly in a local equirectangular projection around
//!    the point itself; the nearest wins (ties: the smallest node pair, for determinism).
//! 3. The point is projected onto the segment: `t` in `[0, 1]` from the lower node index.
//! 4. Each usable arc of the segment becomes an [`Anchor`]: with `f` the fraction from the
//!    arc's tail (`t`, or `1 − t` for the reverse arc),
//!    `tail_part = round(f × weight)` (time and length each, half away from zero) and
//!    `head_part = weight − tail_part`, so the two parts always add up to the arc's weight
//!    exactly.
//!
//! A point farther than the maximum distance (default 300 m) is refused with an error
//! that names it.

use super::geo::EARTH_RADIUS_M;
use super::{Anchor, ArcList, ArcWeight, NodeIdx, RoadNetwork, SnappedLocation};
use rstar::{AABB, PointDistance, RTree, RTreeObject};

/// The default maximum snapping distance, metres.
pub const DEFAULT_MAX_SNAP_M: f64 = 300.0;

/// Why a point could not be snapped.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SnapError {
    /// The nearest usable road is too far.
    #[error(
        "point `{id}` is {distance_m:.0} m from the nearest usable road, more than the maximum of {max_m} m (check its coordinates, or raise the maximum snapping distance)"
    )]
    TooFar {
        /// The point's id.
        id: String,
        /// Distance to the nearest usable road, metres.
        distance_m: f64,
        /// The maximum allowed.
        max_m: f64,
    },
    /// The profile may use no road at all.
    #[error("point `{id}` cannot be snapped: the vehicle profile may use no road of this network")]
    NoRoad {
        /// The point's id.
        id: String,
    },
    /// The coordinates are not a place on Earth.
    #[error(
        "point `{id}` has latitude {lat}, longitude {lon}: not valid WGS84 degrees (check for swapped columns)"
    )]
    BadCoordinate {
        /// The point's id.
        id: String,
        /// Latitude given.
        lat: f64,
        /// Longitude given.
        lon: f64,
    },
}

/// Every point that could not be snapped (from [`Snapper::snap_all`]).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{} point(s) could not be snapped:\n  - {}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n  - "))]
pub struct SnapErrors(pub Vec<SnapError>);

/// One road segment in the R-tree.
#[derive(Clone, Debug)]
struct Segment {
    /// Lower node index.
    a: NodeIdx,
    /// Higher node index.
    b: NodeIdx,
    /// Projected positions of `a` and `b`, metres.
    pa: [f64; 2],
    pb: [f64; 2],
    /// Weight of the arc `a → b`, if usable.
    a_to_b: Option<ArcWeight>,
    /// Weight of the arc `b → a`, if usable.
    b_to_a: Option<ArcWeight>,
}

impl RTreeObject for Segment {
    type Envelope = AABB<[f64; 2]>;
    fn envelope(&self) -> Self::Envelope {
        AABB::from_corners(self.pa, self.pb)
    }
}

impl PointDistance for Segment {
    fn distance_2(&self, p: &[f64; 2]) -> f64 {
        let (_, d2) = project(self.pa, self.pb, *p);
        d2
    }
}

/// Projects `p` onto the segment `a..b`: the fraction `t` from `a`, and the squared
/// distance from `p` to that position.
fn project(a: [f64; 2], b: [f64; 2], p: [f64; 2]) -> (f64, f64) {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (x, y) = (a[0] + t * dx - p[0], a[1] + t * dy - p[1]);
    (t, x * x + y * y)
}

/// An equirectangular projection around `(lat0, lon0)`, in metres.
#[derive(Clone, Copy, Debug)]
struct Projection {
    lat0: f64,
    lon0: f64,
    cos_lat0: f64,
}

impl Projection {
    fn around(lat0: f64, lon0: f64) -> Projection {
        Projection {
            lat0,
            lon0,
            cos_lat0: lat0.to_radians().cos(),
        }
    }

    fn xy(&self, lat: f64, lon: f64) -> [f64; 2] {
        [
            EARTH_RADIUS_M * (lon - self.lon0).to_radians() * self.cos_lat0,
            EARTH_RADIUS_M * (lat - self.lat0).to_radians(),
        ]
    }
}

/// Snaps points to the roads of one profile's [`ArcList`].
#[derive(Clone, Debug)]
pub struct Snapper {
    tree: RTree<Segment>,
    coords: Vec<(f64, f64)>,
    global: Projection,
    max_distance_m: f64,
}

impl Snapper {
    /// Indexes the segments of `arcs` (a profile's view of `network`), with the default
    /// maximum distance [`DEFAULT_MAX_SNAP_M`].
    pub fn new(network: &RoadNetwork, arcs: &ArcList) -> Snapper {
        let coords: Vec<(f64, f64)> = (0..network.node_count() as u32)
            .map(|i| network.node_coord(NodeIdx(i)))
            .collect();
        let (lat0, lon0) = centre(&coords);
        let global = Projection::around(lat0, lon0);
        // Pair each arc with its reverse: sorting by unordered pair brings them together.
        let mut keyed: Vec<(NodeIdx, NodeIdx, bool, ArcWeight)> = arcs
            .arcs
            .iter()
            .filter(|a| a.from != a.to)
            .map(|a| {
                let forward = a.from < a.to;
                let (lo, hi) = if forward {
                    (a.from, a.to)
                } else {
                    (a.to, a.from)
                };
                (lo, hi, forward, a.weight)
            })
            .collect();
        keyed.sort_unstable_by_key(|&(lo, hi, fwd, _)| (lo, hi, fwd));
        let mut segments: Vec<Segment> = Vec::with_capacity(keyed.len());
        for (lo, hi, forward, weight) in keyed {
            let seg = match segments.last_mut() {
                Some(s) if s.a == lo && s.b == hi => s,
                _ => {
                    let (la, oa) = coords[lo.index()];
                    let (lb, ob) = coords[hi.index()];
                    segments.push(Segment {
                        a: lo,
                        b: hi,
                        pa: global.xy(la, oa),
                        pb: global.xy(lb, ob),
                        a_to_b: None,
                        b_to_a: None,
                    });
                    segments.last_mut().expect("just pushed")
                }
            };
            if forward {
                seg.a_to_b = Some(weight);
            } else {
                seg.b_to_a = Some(weight);
            }
        }
        Snapper {
            tree: RTree::bulk_load(segments),
            coords,
            global,
            max_distance_m: DEFAULT_MAX_SNAP_M,
        }
    }

    /// Sets the maximum snapping distance, metres.
    pub fn with_max_distance_m(mut self, max_m: f64) -> Snapper {
        self.max_distance_m = max_m;
        self
    }

    /// The maximum snapping distance, metres.
    pub fn max_distance_m(&self) -> f64 {
        self.max_distance_m
    }

    /// Number of road segments indexed.
    pub fn segment_count(&self) -> usize {
        self.tree.size()
    }

    /// Snaps the point `id` at `(lat, lon)` (see the module docs).
    pub fn snap(&self, id: &str, lat: f64, lon: f64) -> Result<SnappedLocation, SnapError> {
        if !(lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0) {
            return Err(SnapError::BadCoordinate {
                id: id.to_owned(),
                lat,
                lon,
            });
        }
        let local = Projection::around(lat, lon);
        let query = self.global.xy(lat, lon);
        // The global projection is off by well under 1 % across a city; keep looking at
        // candidates until they are clearly farther than the best exact distance.
        let mut best: Option<(f64, &Segment, f64)> = None;
        for (seg, d2) in self.tree.nearest_neighbor_iter_with_distance_2(query) {
            let rough = d2.sqrt();
            if let Some((best_d, _, _)) = best {
                if rough > best_d * 1.02 + 1.0 {
                    break;
                }
            }
            let (la, oa) = self.coords[seg.a.index()];
            let (lb, ob) = self.coords[seg.b.index()];
            let (t, exact2) = project(local.xy(la, oa), local.xy(lb, ob), [0.0, 0.0]);
            let exact = exact2.sqrt();
            let better = match best {
                None => true,
                Some((bd, bs, _)) => exact < bd || (exact == bd && (seg.a, seg.b) < (bs.a, bs.b)),
            };
            if better {
                best = Some((exact, seg, t));
            }
        }
        let Some((distance_m, seg, t)) = best else {
            return Err(SnapError::NoRoad { id: id.to_owned() });
        };
        if distance_m > self.max_distance_m {
            return Err(SnapError::TooFar {
                id: id.to_owned(),
                distance_m,
                max_m: self.max_distance_m,
            });
        }
        let mut anchors = Vec::with_capacity(2);
        if let Some(w) = seg.a_to_b {
            anchors.push(anchor(seg.a, seg.b, w, t));
        }
        if let Some(w) = seg.b_to_a {
            anchors.push(anchor(seg.b, seg.a, w, 1.0 - t));
        }
        anchors.sort_unstable_by_key(|a| (a.from, a.to));
        Ok(SnappedLocation {
            anchors,
            snap_distance_m: distance_m,
        })
    }

    /// Snaps every `(id, lat, lon)`; all failures are reported together.
    pub fn snap_all<'p>(
        &self,
        points: impl IntoIterator<Item = (&'p str, f64, f64)>,
    ) -> Result<Vec<SnappedLocation>, SnapErrors> {
        let mut ok = Vec::new();
        let mut errors = Vec::new();
        for (id, lat, lon) in points {
            match self.snap(id, lat, lon) {
                Ok(s) => ok.push(s),
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(ok)
        } else {
            Err(SnapErrors(errors))
        }
    }
}

/// Splits `weight` at fraction `f` from the tail: the tail part rounded, the head part the
/// remainder, so that they add up exactly.
fn anchor(from: NodeIdx, to: NodeIdx, weight: ArcWeight, f: f64) -> Anchor {
    let f = f.clamp(0.0, 1.0);
    let part = |x: u64| ((x as f64 * f).round() as u64).min(x);
    let tail_part = ArcWeight {
        time_ms: part(weight.time_ms),
        length_mm: part(weight.length_mm),
    };
    let head_part = ArcWeight {
        time_ms: weight.time_ms - tail_part.time_ms,
        length_mm: weight.length_mm - tail_part.length_mm,
    };
    Anchor {
        from,
        to,
        tail_part,
        head_part,
    }
}

/// The middle of the bounding box of the nodes.
fn centre(coords: &[(f64, f64)]) -> (f64, f64) {
    if coords.is_empty() {
        return (0.0, 0.0);
    }
    let (mut lat_lo, mut lat_hi, mut lon_lo, mut lon_hi) = (90.0f64, -90.0f64, 180.0f64, -180.0f64);
    for &(lat, lon) in coords {
        lat_lo = lat_lo.min(lat);
        lat_hi = lat_hi.max(lat);
        lon_lo = lon_lo.min(lon);
        lon_hi = lon_hi.max(lon);
    }
    ((lat_lo + lat_hi) / 2.0, (lon_lo + lon_hi) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_add_up_exactly_whatever_the_fraction() {
        let w = ArcWeight {
            time_ms: 14_401,
            length_mm: 100_003,
        };
        for i in 0..=1000 {
            let a = anchor(NodeIdx(0), NodeIdx(1), w, i as f64 / 1000.0);
            assert_eq!(a.tail_part + a.head_part, w);
        }
        let mid = anchor(NodeIdx(0), NodeIdx(1), w, 0.5);
        // 7200.5 rounds half away from zero.
        assert_eq!(mid.tail_part.time_ms, 7_201);
    }

    #[test]
    fn projection_clamps_to_the_ends() {
        let (t, d2) = project([0.0, 0.0], [10.0, 0.0], [-3.0, 4.0]);
        assert_eq!((t, d2), (0.0, 25.0));
        let (t, d2) = project([0.0, 0.0], [10.0, 0.0], [4.0, 3.0]);
        assert_eq!((t, d2), (0.4, 9.0));
    }
}
