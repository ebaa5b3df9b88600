//! Helpers shared by the road-matrix tests: arc lists built like the loader builds them,
//! and locations placed on an arc at an exact fraction.
#![allow(dead_code)] // each test binary uses its own subset

use wasteroute::road::{Anchor, Arc, ArcList, ArcWeight, NodeIdx, SnappedLocation};

fn w(time_ms: u64, length_mm: u64) -> ArcWeight {
    ArcWeight { time_ms, length_mm }
}

/// Sorts by `(from, to)` and keeps the best of parallel arcs, as the loader does.
pub fn arc_list(num_nodes: u32, mut raw: Vec<(u32, u32, ArcWeight)>) -> ArcList {
    raw.sort_by_key(|&(f, t, w)| (f, t, w));
    raw.dedup_by_key(|&mut (f, t, _)| (f, t));
    ArcList {
        num_nodes,
        arcs: raw
            .into_iter()
            .map(|(f, t, weight)| Arc {
                from: NodeIdx(f),
                to: NodeIdx(t),
                weight,
            })
            .collect(),
    }
}

/// A point at `permille`/1000 of the way along `arc`, with an anchor on the reverse arc
/// too when the street is two-way.
pub fn location_on(list: &ArcList, arc: &Arc, permille: u64) -> SnappedLocation {
    let split = |weight: ArcWeight, permille: u64| {
        let tail = w(
            weight.time_ms * permille / 1000,
            weight.length_mm * permille / 1000,
        );
        let head = w(
            weight.time_ms - tail.time_ms,
            weight.length_mm - tail.length_mm,
        );
        (tail, head)
    };
    let (tail_part, head_part) = split(arc.weight, permille);
    let mut anchors = vec![Anchor {
        from: arc.from,
        to: arc.to,
        tail_part,
        head_part,
    }];
    let reverse = list
        .arcs
        .iter()
        .find(|a| a.from == arc.to && a.to == arc.from && a.from != a.to);
    if let Some(rev) = reverse {
        let (tail_part, head_part) = split(rev.weight, 1000 - permille);
        anchors.push(Anchor {
            from: rev.from,
            to: rev.to,
            tail_part,
            head_part,
        });
    }
    SnappedLocation {
        anchors,
        snap_distance_m: 0.0,
    }
}
