//! The real networks in `../shared/data/roads/` (not in the repository: OpenStreetMap
//! extracts the project may not redistribute) load with the node, arc and largest
//! strongly-connected-part counts of that folder's README. Each test prints a notice and
//! passes when `../shared` is absent. Porto is slow in a debug build: `--ignored`.

use std::path::Path;
use wasteroute::road::{Components, RoadNetwork, VehicleProfile};

fn check(name: &str, nodes: usize, arcs: usize, largest: usize) {
    let dir = Path::new("../shared/data/roads").join(name);
    if !dir.join("edges.csv").exists() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    // Printed for the record (run with `--release --nocapture`), never asserted.
    let start = std::time::Instant::now();
    let (net, warnings) = RoadNetwork::load_dir(&dir).unwrap();
    let loaded = start.elapsed();
    let list = net.arc_list(&VehicleProfile::preset("car").unwrap());
    let listed = start.elapsed();
    let largest_found = Components::strongly_connected(&list).largest_size();
    eprintln!(
        "{name}: load {:.3} s, + arc list {:.3} s, + components {:.3} s",
        loaded.as_secs_f64(),
        (listed - loaded).as_secs_f64(),
        (start.elapsed() - listed).as_secs_f64()
    );
    assert_eq!(net.node_count(), nodes, "{name}");
    assert_eq!(net.arc_count(), arcs, "{name}");
    assert_eq!(largest_found, largest, "{name}");
    for w in &warnings {
        eprintln!("{name}: warning: {w}");
    }
}

#[test]
fn hanoi_vanmieu() {
    check("hanoi_vanmieu", 1_570, 2_898, 1_281);
}

#[test]
fn andorra() {
    check("andorra", 25_919, 47_628, 25_729);
}

#[test]
fn isle_of_man() {
    check("isle_of_man", 39_956, 80_404, 39_606);
}

#[test]
#[ignore = "slow in debug builds; run with --ignored or --release"]
fn porto() {
    check("porto", 270_671, 516_461, 267_114);
}
