//! Loading road networks: the hand-made `tiny` fixture (weights worked out by hand in its
//! README) and the bundled Helsinki network (counts from `../shared/data/roads/README.md`).

use std::path::Path;
use wasteroute::road::{Arc, ArcWeight, NodeIdx, RoadNetwork, SpeedTable, VehicleProfile};

fn tiny() -> RoadNetwork {
    let (net, warnings) = RoadNetwork::load_dir(Path::new("tests/fixtures/road/tiny")).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    net
}

fn w(time_ms: u64, length_mm: u64) -> ArcWeight {
    ArcWeight { time_ms, length_mm }
}

fn arc(from: u32, to: u32, weight: ArcWeight) -> Arc {
    Arc {
        from: NodeIdx(from),
        to: NodeIdx(to),
        weight,
    }
}

#[test]
fn tiny_keeps_ids_coordinates_and_every_arc() {
    let net = tiny();
    assert_eq!(net.node_count(), 5);
    assert_eq!(net.arc_count(), 9);
    // Dense indices follow the order of nodes.csv.
    assert_eq!(net.osm_id(NodeIdx(2)), 9_000_000_003);
    assert_eq!(net.node_by_osm_id(9_000_000_004), Some(NodeIdx(3)));
    assert_eq!(net.node_by_osm_id(42), None);
    assert_eq!(net.node_coord(NodeIdx(1)), (20.85, 106.681));
    let named: Vec<&str> = net.arcs().map(|a| a.name).collect();
    assert!(named.contains(&"Ngõ 5, Lê Lợi"), "{named:?}");
}

#[test]
fn tiny_car_arc_times_by_hand() {
    let car = VehicleProfile::preset("car").unwrap();
    let list = tiny().arc_list(&car);
    assert_eq!(list.num_nodes, 5);
    // Indices: A=0, B=1, C=2, D=3, E=4.
    let expected = vec![
        // A→B: the parallel 150 m at 60 km/h (9 s) beats 100 m at 25 km/h (14.4 s).
        arc(0, 1, w(9_000, 150_000)),
        // A→D: 110 m at 30 km/h = 13.2 s.
        arc(0, 3, w(13_200, 110_000)),
        // B→A: 100 m at the residential default 25 km/h = 14.4 s.
        arc(1, 0, w(14_400, 100_000)),
        // B↔C: 120 m at 36 km/h = 12 s.
        arc(1, 2, w(12_000, 120_000)),
        arc(2, 1, w(12_000, 120_000)),
        // C→D: 90 m at the service default 15 km/h = 21.6 s.
        arc(2, 3, w(21_600, 90_000)),
        arc(3, 0, w(13_200, 110_000)),
        // D→E: 50 m at the living_street default 10 km/h = 18 s.
        arc(3, 4, w(18_000, 50_000)),
    ];
    assert_eq!(list.arcs, expected);
}

#[test]
fn tiny_compactor_loses_the_weak_bridge_and_drives_slower() {
    let compactor = VehicleProfile::preset("compactor_16t").unwrap();
    let cart = VehicleProfile::preset("cart").unwrap();
    let net = tiny();
    let heavy = net.arc_list(&compactor);
    let light = net.arc_list(&cart);
    let pairs = |l: &wasteroute::road::ArcList| -> Vec<(u32, u32)> {
        l.arcs.iter().map(|a| (a.from.0, a.to.0)).collect()
    };
    assert_eq!(
        pairs(&heavy),
        vec![(0, 1), (1, 0), (1, 2), (2, 1), (2, 3), (3, 4)]
    );
    assert!(pairs(&light).contains(&(3, 0)) && pairs(&light).contains(&(0, 3)));
    // B→A: 100 m at 25 × 0.85 = 21.25 km/h = 16.941176… s → 16,941 ms.
    assert_eq!(heavy.arcs[1].weight, w(16_941, 100_000));
    // Cart: 0.8 × 25 = 20 km/h → 18 s.
    assert_eq!(light.arcs[2].weight, w(18_000, 100_000));
}

#[test]
fn speed_table_changes_default_speeds_only() {
    let mut speeds = SpeedTable::default();
    speeds.set("residential", 36.0).unwrap();
    let net = tiny().with_speeds(speeds);
    let list = net.arc_list(&VehicleProfile::preset("car").unwrap());
    // B→A is now 100 m at 36 km/h = 10 s; B→C keeps its posted 36 km/h.
    assert_eq!(list.arcs[2].weight, w(10_000, 100_000));
    assert_eq!(list.arcs[3].weight, w(12_000, 120_000));
}

#[test]
fn bundled_helsinki_loads_with_the_published_counts() {
    let (net, _warnings) = RoadNetwork::load_dir(Path::new("data/helsinki")).unwrap();
    assert_eq!(net.node_count(), 1_885);
    assert_eq!(net.arc_count(), 2_891);
    let list = net.arc_list(&VehicleProfile::preset("car").unwrap());
    assert!(
        list.arcs
            .windows(2)
            .all(|p| (p[0].from, p[0].to) < (p[1].from, p[1].to))
    );
    assert!(list.arcs.iter().all(|a| a.weight.time_ms > 0));
}
