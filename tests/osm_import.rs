//! The importer on the bundled Helsinki extract (`data/helsinki/helsinki.osm.pbf`):
//! properties that must hold on any import, and a comparison with the CSVs in
//! `../shared/data/roads/helsinki/` that were made from the same extract (skipped with a
//! notice when `../shared` is absent).

mod osm_import_support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use osm_import_support::compare;
use wasteroute::road::osm::{Direction, haversine_m, import_osm_pbf, read_pbf};

fn helsinki_pbf() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/helsinki/helsinki.osm.pbf")
}

/// One row of `edges.csv`, the columns compared here.
#[derive(Debug, Clone, PartialEq)]
struct Edge {
    from: i64,
    to: i64,
    length_m: f64,
}

fn read_nodes(path: &Path) -> BTreeMap<i64, (f64, f64)> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    assert_eq!(reader.headers().unwrap(), vec!["node_id", "lat", "lon"]);
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[0].parse().unwrap(),
                (r[1].parse().unwrap(), r[2].parse().unwrap()),
            )
        })
        .collect()
}

fn read_edges(path: &Path) -> Vec<Edge> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().clone();
    assert_eq!(
        header.iter().take(7).collect::<Vec<_>>(),
        compare::SHARED_EDGE_COLUMNS
    );
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            Edge {
                from: r[0].parse().unwrap(),
                to: r[1].parse().unwrap(),
                length_m: r[2].parse().unwrap(),
            }
        })
        .collect()
}

#[test]
fn helsinki_import_is_consistent() {
    let dir = tempfile::tempdir().unwrap();
    import_osm_pbf(&helsinki_pbf(), dir.path()).unwrap();
    let nodes = read_nodes(&dir.path().join("nodes.csv"));
    let edges = read_edges(&dir.path().join("edges.csv"));
    assert!(!edges.is_empty());

    let mut used = BTreeSet::new();
    for e in &edges {
        let (a, b) = (nodes.get(&e.from), nodes.get(&e.to));
        let (Some(a), Some(b)) = (a, b) else {
            panic!(
                "arc {}→{} has an endpoint missing from nodes.csv",
                e.from, e.to
            );
        };
        assert!(
            e.length_m > 0.0,
            "arc {}→{} has length {}",
            e.from,
            e.to,
            e.length_m
        );
        // One arc per OSM segment: the length is the straight haversine between its ends.
        let straight = haversine_m(a.0, a.1, b.0, b.1);
        assert!(
            (straight - e.length_m).abs() <= 0.005 + 1e-9,
            "arc {}→{}: {} m written, {straight} m between its ends",
            e.from,
            e.to,
            e.length_m
        );
        used.extend([e.from, e.to]);
    }
    assert_eq!(used.len(), nodes.len(), "every node is used by an arc");
}

#[test]
fn helsinki_one_way_rules_hold_per_way() {
    let roads = read_pbf(&helsinki_pbf()).unwrap();
    let mut arcs_by_way: BTreeMap<u32, BTreeSet<(i64, i64)>> = BTreeMap::new();
    for a in &roads.arcs {
        arcs_by_way.entry(a.way).or_default().insert((a.from, a.to));
    }
    let mut one_way_ways = 0;
    for (way, arcs) in &arcs_by_way {
        let direction = roads.ways[*way as usize].direction;
        for &(from, to) in arcs {
            let twin = arcs.contains(&(to, from));
            match direction {
                Direction::Both => assert!(twin, "two-way arc {from}→{to} lacks its twin"),
                Direction::Forward | Direction::Backward => {
                    // A way that passes the same segment twice could hold both; not here.
                    assert!(
                        !twin,
                        "one-way arc {from}→{to} has a reverse twin in its way"
                    )
                }
            }
        }
        one_way_ways += usize::from(direction.is_oneway());
    }
    assert!(one_way_ways > 0, "Helsinki centre has one-way streets");
}

#[test]
fn helsinki_import_is_byte_identical_across_runs() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    import_osm_pbf(&helsinki_pbf(), a.path()).unwrap();
    import_osm_pbf(&helsinki_pbf(), b.path()).unwrap();
    for file in ["nodes.csv", "edges.csv"] {
        let x = std::fs::read(a.path().join(file)).unwrap();
        let y = std::fs::read(b.path().join(file)).unwrap();
        assert!(x == y, "{file} differs between two imports");
    }
}

#[test]
fn helsinki_import_loads_without_errors() {
    let dir = tempfile::tempdir().unwrap();
    let summary = import_osm_pbf(&helsinki_pbf(), dir.path()).unwrap();
    let (network, _warnings) = wasteroute::road::RoadNetwork::load_dir(dir.path()).unwrap();
    assert_eq!(network.node_count(), summary.nodes);
    assert_eq!(network.arc_count(), summary.arcs);
}

#[test]
fn helsinki_matches_the_shared_csvs() {
    let Some(shared) = compare::shared_network("helsinki") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    import_osm_pbf(&helsinki_pbf(), dir.path()).unwrap();
    compare::assert_matches_shared("helsinki", dir.path(), &shared);
}
