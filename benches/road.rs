//! Road-layer benchmarks on the shared networks: loading, contraction, and 1000×1000
//! matrices. They read `../shared/data/roads/{isle_of_man,porto}` (not in the
//! repository); when a network is absent the bench prints a notice and skips it.
//!
//! ```text
//! cargo bench --bench road
//! ```

use criterion::{Criterion, criterion_group, criterion_main};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;
use wasteroute::road::ch::ContractionHierarchy;
use wasteroute::road::location_matrix::travel_matrices;
use wasteroute::road::{NodeIdx, RoadNetwork, SnappedLocation, Snapper, VehicleProfile};

const NETWORKS: [&str; 2] = ["isle_of_man", "porto"];

/// 1000 points snapped near random nodes (fixed seed).
fn points(network: &RoadNetwork, snapper: &Snapper, count: usize) -> Vec<SnappedLocation> {
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let (lat, lon) =
            network.node_coord(NodeIdx(rng.random_range(0..network.node_count() as u32)));
        if let Ok(loc) = snapper.snap("p", lat + 0.0002, lon - 0.0002) {
            out.push(loc);
        }
    }
    out
}

fn road(c: &mut Criterion) {
    for name in NETWORKS {
        let dir = Path::new("../shared/data/roads").join(name);
        if !dir.join("nodes.csv").is_file() {
            println!(
                "{}: not found (the road benches read ../shared); skipped",
                dir.display()
            );
            continue;
        }
        let mut group = c.benchmark_group(name);
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(20));
        group.bench_function("load", |b| {
            b.iter(|| RoadNetwork::load_dir(black_box(&dir)).expect("network loads"))
        });
        let (network, _) = RoadNetwork::load_dir(&dir).expect("network loads");
        let arcs = network.arc_list(&VehicleProfile::preset("car").expect("preset"));
        group.bench_function("preprocessing", |b| {
            b.iter(|| ContractionHierarchy::build(black_box(&arcs)))
        });
        let ch = ContractionHierarchy::build(&arcs);
        let snapper = Snapper::new(&network, &arcs);
        let locations = points(&network, &snapper, 1000);
        group.bench_function("matrix_1000x1000", |b| {
            b.iter(|| travel_matrices(&ch, black_box(&locations)))
        });
        group.finish();
    }
}

criterion_group!(benches, road);
criterion_main!(benches);
