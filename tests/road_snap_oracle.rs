//! Snapping on the real Helsinki network against a brute-force oracle: for seeded random
//! points, the R-tree must find the same distance as a scan of every usable segment, and
//! every anchor must split its arc's weight exactly.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;
use std::path::Path;
use wasteroute::road::{NodeIdx, RoadNetwork, SnapError, Snapper, VehicleProfile};

/// Distance in metres from (lat, lon) to the straight segment between two nodes, in an
/// equirectangular projection centred on the point (written independently of `snap.rs`).
fn brute_distance(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    const R: f64 = 6_371_008.8;
    let k = p.0.to_radians().cos();
    let xy = |q: (f64, f64)| {
        (
            (q.1 - p.1).to_radians() * k * R,
            (q.0 - p.0).to_radians() * R,
        )
    };
    let (ax, ay) = xy(a);
    let (bx, by) = xy(b);
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (-(ax * dx + ay * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    ((ax + t * dx).powi(2) + (ay + t * dy).powi(2)).sqrt()
}

#[test]
fn rtree_snapping_matches_a_full_scan_on_helsinki() {
    let (net, _) = RoadNetwork::load_dir(Path::new("data/helsinki")).unwrap();
    for profile in ["car", "cart"] {
        let arcs = net.arc_list(&VehicleProfile::preset(profile).unwrap());
        let weights: BTreeMap<(NodeIdx, NodeIdx), _> = arcs
            .arcs
            .iter()
            .map(|a| ((a.from, a.to), a.weight))
            .collect();
        let snapper = Snapper::new(&net, &arcs);
        let coords: Vec<(f64, f64)> = (0..net.node_count() as u32)
            .map(|i| net.node_coord(NodeIdx(i)))
            .collect();
        let (lat_lo, lat_hi) = coords.iter().fold((90.0f64, -90.0f64), |(lo, hi), c| {
            (lo.min(c.0), hi.max(c.0))
        });
        let (lon_lo, lon_hi) = coords.iter().fold((180.0f64, -180.0f64), |(lo, hi), c| {
            (lo.min(c.1), hi.max(c.1))
        });
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let (mut snapped, mut refused) = (0, 0);
        for i in 0..300 {
            // A box a little larger than the network, so some points are too far.
            let lat = rng.random_range(lat_lo - 0.006..lat_hi + 0.006);
            let lon = rng.random_range(lon_lo - 0.01..lon_hi + 0.01);
            let best = arcs
                .arcs
                .iter()
                .map(|a| brute_distance((lat, lon), coords[a.from.index()], coords[a.to.index()]))
                .fold(f64::INFINITY, f64::min);
            match snapper.snap(&format!("p{i}"), lat, lon) {
                Ok(loc) => {
                    snapped += 1;
                    assert!(
                        (loc.snap_distance_m - best).abs() < 1e-6,
                        "p{i}: {} vs {best}",
                        loc.snap_distance_m
                    );
                    assert!(!loc.anchors.is_empty() && loc.anchors.len() <= 2);
                    for a in &loc.anchors {
                        assert_eq!(a.tail_part + a.head_part, weights[&(a.from, a.to)]);
                    }
                }
                Err(SnapError::TooFar { distance_m, .. }) => {
                    refused += 1;
                    assert!(
                        best > 300.0 && (distance_m - best).abs() < 1e-6,
                        "p{i}: {distance_m} vs {best}"
                    );
                }
                Err(e) => panic!("{e}"),
            }
        }
        assert!(
            snapped > 100 && refused > 0,
            "{profile}: {snapped} snapped, {refused} refused"
        );
    }
}
