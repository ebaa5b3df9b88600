//! Property tests on location matrices: the triangle inequality, on exact weights.

use proptest::prelude::*;
use wasteroute::road::ch::ContractionHierarchy;
use wasteroute::road::location_matrix::weight_matrix;
mod road_matrix_support;

use wasteroute::road::{ArcList, ArcWeight, SnappedLocation};

/// Raw arcs `(from, to, time in s, length in m, two_way)` on up to 12 nodes: few
/// distinct times so that ties in time are common.
fn arcs() -> impl Strategy<Value = Vec<(u32, u32, u64, u64, bool)>> {
    prop::collection::vec(
        (0..12u32, 0..12u32, 1..4u64, 1..500u64, any::<bool>()),
        1..40,
    )
}

fn arc_list(raw: &[(u32, u32, u64, u64, bool)]) -> ArcList {
    let mut all = Vec::new();
    for &(f, t, secs, metres, two_way) in raw {
        let weight = ArcWeight {
            time_ms: secs * 1000,
            length_mm: metres * 1000,
        };
        all.push((f, t, weight));
        if two_way {
            all.push((t, f, weight));
        }
    }
    road_matrix_support::arc_list(12, all)
}

/// A location `permille`/1000 along arc `i`, anchored on its reverse arc too if any
/// (at the mirrored position, so both anchors describe the same point).
fn location(list: &ArcList, i: usize, permille: u64) -> SnappedLocation {
    road_matrix_support::location_on(list, &list.arcs[i % list.arcs.len()], permille)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Going from a to c directly is never worse than going through b, in the
    /// (time, length) order the matrices minimise; unreachable counts as infinite.
    #[test]
    fn triangle_inequality(
        raw in arcs(),
        points in prop::collection::vec((0..100usize, 0..=1000u64), 2..10),
    ) {
        let list = arc_list(&raw);
        let locations: Vec<SnappedLocation> =
            points.iter().map(|&(i, p)| location(&list, i, p)).collect();
        let ch = ContractionHierarchy::build(&list);
        let m = weight_matrix(&ch, &locations, &locations);
        let n = locations.len();
        for a in 0..n {
            prop_assert_eq!(m.get(a, a), ArcWeight::ZERO);
            for b in 0..n {
                for c in 0..n {
                    let (ab, bc, ac) = (m.get(a, b), m.get(b, c), m.get(a, c));
                    if ab.is_infinite() || bc.is_infinite() {
                        continue;
                    }
                    prop_assert!(ac <= ab + bc, "{a}→{c} {ac:?} > {a}→{b} {ab:?} + {b}→{c} {bc:?}");
                }
            }
        }
    }
}
