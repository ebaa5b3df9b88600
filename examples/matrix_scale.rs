//! Measures travel matrices at scale on a network from `../shared/data/roads/`:
//! load, contraction, and an `N × N` time + distance matrix between `N` points snapped
//! near random nodes (fixed seed).
//!
//! ```text
//! cargo run --release --example matrix_scale -- ../shared/data/roads/porto 10000
//! ```
//! Run it under `/usr/bin/time -v` for the peak memory.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::path::Path;
use std::time::Instant;
use wasteroute::problem::LocationIdx;
use wasteroute::road::ch::ContractionHierarchy;
use wasteroute::road::location_matrix::travel_matrices;
use wasteroute::road::{NodeIdx, RoadNetwork, Snapper, VehicleProfile};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .unwrap_or_else(|| "../shared/data/roads/porto".into());
    let count: usize = args.next().map_or(Ok(1000), |s| s.parse())?;
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

    let started = Instant::now();
    let ch = ContractionHierarchy::build(&arcs);
    println!(
        "preprocessing: {:.2} s ({} hierarchy arcs)",
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
        if count > 2000 {
            break; // one run is enough at this size
        }
    }
    Ok(())
}
