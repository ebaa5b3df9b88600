//! Contraction-hierarchy matrices and paths against oracles: Floyd–Warshall on random
//! small graphs, plain Dijkstra on random locations, and a network worked out by hand.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use wasteroute::road::ch::ContractionHierarchy;
use wasteroute::road::dijkstra::{CsrGraph, SearchSpace};
use wasteroute::road::location_matrix::{dijkstra_row, rounded, travel_matrices, weight_matrix};
use wasteroute::road::path::road_path;
use wasteroute::road::{Anchor, ArcList, ArcWeight, NodeIdx, SnappedLocation};
use wasteroute::units::{Distance, Duration};

mod road_matrix_support;
use road_matrix_support::{arc_list, location_on};

fn w(time_ms: u64, length_mm: u64) -> ArcWeight {
    ArcWeight { time_ms, length_mm }
}

/// A random graph with ties in time (few distinct times, many lengths), parallel arcs,
/// self-loops, one-way arcs and, with sparse settings, unreachable pairs.
fn random_graph(rng: &mut ChaCha8Rng, num_nodes: u32, num_arcs: usize) -> ArcList {
    let mut raw = Vec::new();
    for _ in 0..num_arcs {
        let from = rng.random_range(0..num_nodes);
        let to = rng.random_range(0..num_nodes);
        let weight = w(
            1000 * rng.random_range(1..5u64),
            rng.random_range(1..5000u64),
        );
        raw.push((from, to, weight));
        if rng.random_bool(0.3) {
            // A parallel arc, sometimes tied in time.
            raw.push((from, to, w(weight.time_ms, rng.random_range(1..5000u64))));
        }
        if rng.random_bool(0.5) {
            raw.push((to, from, weight)); // a two-way street
        }
    }
    arc_list(num_nodes, raw)
}

/// All-pairs shortest weights by Floyd–Warshall (`None` when unreachable).
fn floyd_warshall(list: &ArcList) -> Vec<Vec<Option<ArcWeight>>> {
    let n = list.num_nodes as usize;
    let mut d = vec![vec![None; n]; n];
    for (v, row) in d.iter_mut().enumerate() {
        row[v] = Some(ArcWeight::ZERO);
    }
    for a in &list.arcs {
        let cell = &mut d[a.from.index()][a.to.index()];
        if cell.is_none_or(|c| a.weight < c) {
            *cell = Some(a.weight);
        }
    }
    for k in 0..n {
        let row_k = d[k].clone();
        for row_i in d.iter_mut() {
            let Some(ik) = row_i[k] else { continue };
            for (cell, kj) in row_i.iter_mut().zip(&row_k) {
                let Some(kj) = *kj else { continue };
                if cell.is_none_or(|c| ik + kj < c) {
                    *cell = Some(ik + kj);
                }
            }
        }
    }
    d
}

/// One seed of weight zero per node.
fn node_seeds(n: u32) -> Vec<Vec<(NodeIdx, ArcWeight)>> {
    (0..n)
        .map(|v| vec![(NodeIdx(v), ArcWeight::ZERO)])
        .collect()
}

#[test]
fn ch_matrix_equals_floyd_warshall_on_random_graphs() {
    for seed in 0..40u64 {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let n = rng.random_range(2..40u32);
        let m = rng.random_range(0..(3 * n as usize));
        let list = random_graph(&mut rng, n, m);
        let expected = floyd_warshall(&list);
        let ch = ContractionHierarchy::build(&list);
        let seeds = node_seeds(n);
        let got = ch.many_to_many(&seeds, &seeds);
        for i in 0..n as usize {
            for j in 0..n as usize {
                let want = expected[i][j].unwrap_or(ArcWeight::INFINITE);
                assert_eq!(got[i * n as usize + j], want, "seed {seed}: {i} → {j}");
            }
        }
    }
}

/// Random locations, with several on the same arc so the direct case comes up.
fn random_locations(rng: &mut ChaCha8Rng, list: &ArcList, count: usize) -> Vec<SnappedLocation> {
    let mut out = Vec::new();
    while out.len() < count && !list.arcs.is_empty() {
        let arc = list.arcs[rng.random_range(0..list.arcs.len())];
        for _ in 0..rng.random_range(1..4) {
            out.push(location_on(list, &arc, rng.random_range(0..=1000)));
        }
    }
    out
}

#[test]
fn location_matrix_equals_plain_dijkstra() {
    for seed in 100..130u64 {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let n = rng.random_range(2..60u32);
        let m = rng.random_range(1..(3 * n as usize));
        let list = random_graph(&mut rng, n, m);
        let locations = random_locations(&mut rng, &list, 25);
        let ch = ContractionHierarchy::build(&list);
        let matrix = weight_matrix(&ch, &locations, &locations);
        let graph = CsrGraph::from_arcs(&list, false);
        let mut space = SearchSpace::new(n as usize);
        for (i, from) in locations.iter().enumerate() {
            let want = dijkstra_row(&graph, &mut space, from, &locations);
            assert_eq!(matrix.row(i), &want[..], "seed {seed}, row {i}");
            assert_eq!(matrix.get(i, i), ArcWeight::ZERO, "self is zero");
        }
    }
}

/// The weight of arc `from → to` in `list`.
fn arc_weight(list: &ArcList, from: NodeIdx, to: NodeIdx) -> ArcWeight {
    let i = list
        .arcs
        .binary_search_by_key(&(from, to), |a| (a.from, a.to))
        .expect("consecutive path nodes are joined by an arc");
    list.arcs[i].weight
}

#[test]
fn path_weights_add_up_to_the_matrix_entry() {
    for seed in 200..220u64 {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let n = rng.random_range(2..80u32);
        let list = random_graph(&mut rng, n, 3 * n as usize);
        let locations = random_locations(&mut rng, &list, 15);
        let ch = ContractionHierarchy::build(&list);
        let matrix = weight_matrix(&ch, &locations, &locations);
        for (i, from) in locations.iter().enumerate() {
            for (j, to) in locations.iter().enumerate() {
                let entry = matrix.get(i, j);
                let Some(path) = road_path(&ch, from, to) else {
                    assert!(entry.is_infinite(), "seed {seed}: {i} → {j} has no path");
                    continue;
                };
                assert_eq!(path.weight, entry, "seed {seed}: {i} → {j}");
                assert!(from.anchors.contains(&path.first_arc));
                assert!(to.anchors.contains(&path.last_arc));
                let along = if path.nodes.is_empty() {
                    assert_eq!(
                        (path.first_arc.from, path.first_arc.to),
                        (path.last_arc.from, path.last_arc.to)
                    );
                    w(
                        path.last_arc.tail_part.time_ms - path.first_arc.tail_part.time_ms,
                        path.last_arc.tail_part.length_mm - path.first_arc.tail_part.length_mm,
                    )
                } else {
                    assert_eq!(path.nodes[0], path.first_arc.to);
                    assert_eq!(*path.nodes.last().unwrap(), path.last_arc.from);
                    let inner = path
                        .nodes
                        .windows(2)
                        .map(|p| arc_weight(&list, p[0], p[1]))
                        .fold(ArcWeight::ZERO, |a, b| a + b);
                    path.first_arc.head_part + inner + path.last_arc.tail_part
                };
                assert_eq!(along, entry, "seed {seed}: {i} → {j}, arcs add up");
            }
        }
    }
}

/// The hand-made network (times in seconds, lengths in metres):
///
/// ```text
///   0 ──10 s, 100 m──▶ 1 ──10 s, 100 m──▶ 2 ──5 s, 50 m──▶ 3
///   │                  │                  ▲                │
///   └────────20 s, 150 m──────────────────┘                │
///   ▲                  └──60 s, 500 m──▶ 4                 │
///   └──────────────────30 s, 300 m─────────────────────────┘      5 (isolated)
/// ```
///
/// Node to node, worked out by hand:
/// - 0 → 2: 0→1→2 and 0→2 both take 20 s; 0→2 is shorter (150 m < 200 m): 20 s, 150 m.
/// - 0 → 3: 0→2→3: 25 s, 200 m.      - 1 → 0: 1→2→3→0: 45 s, 450 m.
/// - 0 → 4: 0→1→4: 70 s, 600 m.      - 3 → 4: 3→0→1→4: 100 s, 900 m.
/// - nothing leaves 4; nothing reaches 5.
///
/// Locations (all arcs are one-way, so one anchor each):
/// - A on 0→1, 5 s / 50 m from 0;  C on 0→1, 8 s / 80 m from 0;
/// - B on 2→3, 2 s / 20 m from 2;  D on 1→4, 1.5 s / 12.5 m from 1.
///
/// - A → B: 5 s + (1→2) 10 s + 2 s = 17 s;  50 + 100 + 20 = 170 m.
/// - B → A: 3 s + (3→0) 30 s + 5 s = 38 s;  30 + 300 + 50 = 380 m.
/// - A → C: straight along 0→1: 3 s, 30 m.
/// - C → A: 2 s + (1→0) 45 s + 5 s = 52 s;  20 + 450 + 50 = 520 m.
/// - A → D: 5 s + 1.5 s = 6.5 s → 7 s;  50 + 12.5 = 62.5 m → 63 m (half away from zero).
/// - D → anything: unreachable (4 is a dead end).
#[test]
fn hand_made_network() {
    let s = |secs: u64, metres: u64| w(secs * 1000, metres * 1000);
    let list = arc_list(
        6,
        vec![
            (0, 1, s(10, 100)),
            (1, 2, s(10, 100)),
            (0, 2, s(20, 150)),
            (2, 3, s(5, 50)),
            (3, 0, s(30, 300)),
            (1, 4, s(60, 500)),
        ],
    );
    let ch = ContractionHierarchy::build(&list);
    let nodes = node_seeds(6);
    let d = ch.many_to_many(&nodes, &nodes);
    let at = |i: usize, j: usize| d[i * 6 + j];
    assert_eq!(at(0, 2), s(20, 150));
    assert_eq!(at(0, 3), s(25, 200));
    assert_eq!(at(1, 0), s(45, 450));
    assert_eq!(at(0, 4), s(70, 600));
    assert_eq!(at(3, 4), s(100, 900));
    for v in 0..6 {
        assert_eq!(at(v, v), ArcWeight::ZERO);
        if v != 4 {
            assert!(at(4, v).is_infinite());
        }
        if v != 5 {
            assert!(at(v, 5).is_infinite());
        }
    }

    let on = |from: u32, to: u32, tail: ArcWeight, arc: ArcWeight| SnappedLocation {
        anchors: vec![Anchor {
            from: NodeIdx(from),
            to: NodeIdx(to),
            tail_part: tail,
            head_part: w(arc.time_ms - tail.time_ms, arc.length_mm - tail.length_mm),
        }],
        snap_distance_m: 1.0,
    };
    let a = on(0, 1, s(5, 50), s(10, 100));
    let b = on(2, 3, s(2, 20), s(5, 50));
    let c = on(0, 1, s(8, 80), s(10, 100));
    let dd = on(1, 4, w(1500, 12_500), s(60, 500));
    let locations = [a, b, c, dd];
    let m = travel_matrices(&ch, &locations);
    use wasteroute::problem::LocationIdx;
    let get = |i: usize, j: usize| {
        let (i, j) = (LocationIdx::new(i), LocationIdx::new(j));
        (m.time.get(i, j), m.distance.get(i, j))
    };
    assert_eq!(get(0, 1), (Duration(17), Distance(170)));
    assert_eq!(get(1, 0), (Duration(38), Distance(380)));
    assert_eq!(get(0, 2), (Duration(3), Distance(30)));
    assert_eq!(get(2, 0), (Duration(52), Distance(520)));
    assert_eq!(get(0, 3), (Duration(7), Distance(63)));
    for j in 0..3 {
        assert_eq!(get(3, j), (Duration::INFINITE, Distance::INFINITE));
    }
    for i in 0..4 {
        assert_eq!(get(i, i), (Duration::ZERO, Distance::ZERO));
    }
    assert_eq!(rounded(w(499, 1499)), (Duration(0), Distance(1)));
}

#[test]
fn results_do_not_depend_on_thread_count() {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let list = random_graph(&mut rng, 300, 900);
    let locations = random_locations(&mut rng, &list, 120);
    let ch = ContractionHierarchy::build(&list);
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| weight_matrix(&ch, &locations, &locations));
    let many = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .unwrap()
        .install(|| weight_matrix(&ch, &locations, &locations));
    assert_eq!(one, many);
}
