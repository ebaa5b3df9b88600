//! Measures travel matrices at scale on a network from `../shared/data/roads/`:
//! load, contraction, and an `N × N` time + distance matrix between `N` points snapped
//! near random nodes (fixed seed).
//!
//! ```text
//! cargo run --release --example matrix_scale -- ../shared/data/roads/porto 10000
//! cargo run --release --example matrix_scale -- ../shared/data/roads/porto 1000 --verify 5
//! ```
//! The hierarchy comes from the contraction cache when an earlier run left it
//! (`WASTEROUTE_CH_CACHE=off` to measure contraction). Run it under `/usr/bin/time -v`
//! for the peak memory. With `--verify N`, the rows of
//! `N` evenly spread sources are recomputed by plain Dijkstra and must be identical in
//! time and length (exit code 1 otherwise): this is the Porto check of `.ci/run`.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::path::Path;
use std::time::Instant;
use wasteroute::problem::{LocationIdx, TravelMatrices};
use wasteroute::road::ch::{ChCache, ContractionHierarchy};
use wasteroute::road::dijkstra::{CsrGraph, SearchSpace};
use wasteroute::road::location_matrix::{dijkstra_row, rounded, travel_matrices, weight_matrix};
use wasteroute::road::{ArcList, NodeIdx, RoadNetwork, SnappedLocation, Snapper, VehicleProfile};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .unwrap_or_else(|| "../shared/data/roads/porto".into());
    let count: usize = args.next().map_or(Ok(1000), |s| s.parse())?;
    let verify: usize = match (args.next().as_deref(), args.next()) {
        (Some("--verify"), Some(n)) => n.parse()?,
        (None, _) => 0,
        _ => anyhow::bail!("usage: matrix_scale DIR [COUNT] [--verify N]"),
    };
    if !Path::new(&dir).join("nodes.csv").is_file() {
        eprintln!("{dir}/nodes.csv not found: this example reads ../shared/data/roads; skipped");
        return Ok(());
    }

    let started = Instant::now();
    let (network, _) = RoadNetwork::load_dir(Path::new(&dir))?;
    let arcs = network.arc_list(&VehicleProfile::preset("car").expect("preset"));
    println!(
        "load: {:.2} s ({} nodes, {} arcs)",
        started.elapsed().as_secs_f64(),
        network.node_count(),
        arcs.arcs.len()
    );

    // The hierarchy is cached beside the network (or in ~/.cache/wasteroute when that
    // folder is read-only): the second run reads it back instead of contracting.
    let started = Instant::now();
    let (ch, cached) =
        ContractionHierarchy::build_cached(&arcs, &ChCache::for_network(Path::new(&dir)));
    println!(
        "preprocessing: {:.2} s ({} hierarchy arcs; {cached})",
        started.elapsed().as_secs_f64(),
        ch.num_arcs()
    );

    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let snapper = Snapper::new(&network, &arcs);
    let mut locations = Vec::with_capacity(count);
    while locations.len() < count {
        let node = NodeIdx(rng.random_range(0..network.node_count() as u32));
        let (lat, lon) = network.node_coord(node);
        let jitter = |rng: &mut ChaCha8Rng| rng.random_range(-0.0003..0.0003);
        let (lat, lon) = (lat + jitter(&mut rng), lon + jitter(&mut rng));
        if let Ok(loc) = snapper.snap("random point", lat, lon) {
            locations.push(loc);
        }
    }

    let mut last = None;
    for round in 1..=3 {
        let started = Instant::now();
        let m = travel_matrices(&ch, &locations);
        let elapsed = started.elapsed().as_secs_f64();
        let reachable = (0..count)
            .flat_map(|i| (0..count).map(move |j| (i, j)))
            .filter(|&(i, j)| m.reachable(LocationIdx::new(i), LocationIdx::new(j)))
            .count();
        println!(
            "matrix {count}×{count} (time + distance), run {round}: {elapsed:.3} s, {:.1}% of pairs reachable",
            100.0 * reachable as f64 / (count * count) as f64
        );
        last = Some(m);
        if count > 2000 {
            break; // one run is enough at this size
        }
    }
    if verify > 0 {
        let m = last.expect("at least one round ran");
        verify_rows(&arcs, &ch, &locations, &m, verify)?;
    }
    Ok(())
}

/// Recomputes `count` evenly spread rows by plain Dijkstra; exact weights must agree, and
/// so must the rounded matrices.
fn verify_rows(
    arcs: &ArcList,
    ch: &ContractionHierarchy,
    locations: &[SnappedLocation],
    rounded_matrix: &TravelMatrices,
    count: usize,
) -> anyhow::Result<()> {
    let graph = CsrGraph::from_arcs(arcs, false);
    let mut space = SearchSpace::new(graph.num_nodes());
    let n = locations.len();
    for k in 0..count.min(n) {
        let i = k * n / count.min(n);
        let hierarchy = weight_matrix(ch, &locations[i..=i], locations);
        let oracle = dijkstra_row(&graph, &mut space, &locations[i], locations);
        for (j, &want) in oracle.iter().enumerate() {
            let got = hierarchy.get(0, j);
            let (time, distance) = rounded(want);
            let (li, lj) = (LocationIdx::new(i), LocationIdx::new(j));
            if got != want
                || rounded_matrix.time.get(li, lj) != time
                || rounded_matrix.distance.get(li, lj) != distance
            {
                eprintln!(
                    "MISMATCH from point {i} to point {j}: hierarchy {got:?}, plain Dijkstra {want:?}"
                );
                std::process::exit(1);
            }
        }
    }
    println!(
        "verified {} rows of {n} against plain Dijkstra: identical in time and length",
        count.min(n)
    );
    Ok(())
}
