//! Matrices and paths on the bundled Helsinki network (`data/helsinki`) against plain
//! Dijkstra, and `wasteroute matrix` end to end.

use std::path::Path;
use std::process::Command;
use wasteroute::road::ch::ContractionHierarchy;
use wasteroute::road::dijkstra::{CsrGraph, SearchSpace};
use wasteroute::road::location_matrix::{dijkstra_row, rounded, weight_matrix};
use wasteroute::road::path::road_path;
use wasteroute::road::{ArcList, ArcWeight, RoadNetwork, SnappedLocation, Snapper, VehicleProfile};

fn helsinki(profile: &str) -> (RoadNetwork, ArcList) {
    let (network, _) = RoadNetwork::load_dir(Path::new("data/helsinki")).expect("bundled network");
    let arcs = network.arc_list(&VehicleProfile::preset(profile).expect("preset"));
    (network, arcs)
}

/// The fixture points, snapped.
fn fixture_locations(network: &RoadNetwork, arcs: &ArcList) -> (Vec<String>, Vec<SnappedLocation>) {
    let mut reader = csv::Reader::from_path("tests/fixtures/matrix/helsinki_points.csv").unwrap();
    let rows: Vec<(String, f64, f64)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[0].to_owned(),
                r[1].parse().unwrap(),
                r[2].parse().unwrap(),
            )
        })
        .collect();
    let snapper = Snapper::new(network, arcs);
    let locations = snapper
        .snap_all(rows.iter().map(|(id, lat, lon)| (id.as_str(), *lat, *lon)))
        .expect("fixture points are near roads");
    (rows.into_iter().map(|r| r.0).collect(), locations)
}

#[test]
fn node_to_node_matrix_equals_plain_dijkstra_on_helsinki() {
    for profile in ["car", "cart"] {
        let (_, arcs) = helsinki(profile);
        let ch = ContractionHierarchy::build(&arcs);
        let graph = CsrGraph::from_arcs(&arcs, false);
        let mut space = SearchSpace::new(graph.num_nodes());
        // Every 7th node as a source, every node as a target.
        let n = arcs.num_nodes;
        let targets: Vec<Vec<_>> = (0..n)
            .map(|v| vec![(wasteroute::road::NodeIdx(v), ArcWeight::ZERO)])
            .collect();
        let sources: Vec<Vec<_>> = (0..n)
            .step_by(7)
            .map(|v| targets[v as usize].clone())
            .collect();
        let matrix = ch.many_to_many(&sources, &targets);
        for (k, seeds) in sources.iter().enumerate() {
            wasteroute::road::dijkstra::one_to_all(&graph, seeds, &mut space);
            for v in 0..n {
                assert_eq!(
                    matrix[k * n as usize + v as usize],
                    space.weight(v),
                    "{profile}: from node {} to node {v}",
                    seeds[0].0.0
                );
            }
        }
    }
}

#[test]
fn location_matrix_and_paths_on_helsinki() {
    let (network, arcs) = helsinki("car");
    let (_, locations) = fixture_locations(&network, &arcs);
    let ch = ContractionHierarchy::build(&arcs);
    let matrix = weight_matrix(&ch, &locations, &locations);
    let graph = CsrGraph::from_arcs(&arcs, false);
    let mut space = SearchSpace::new(graph.num_nodes());
    let mut reachable = 0;
    for (i, from) in locations.iter().enumerate() {
        assert_eq!(
            matrix.row(i),
            &dijkstra_row(&graph, &mut space, from, &locations)[..]
        );
        for (j, to) in locations.iter().enumerate() {
            let entry = matrix.get(i, j);
            match road_path(&ch, from, to) {
                None => assert!(entry.is_infinite()),
                Some(path) => {
                    reachable += 1;
                    assert_eq!(path.weight, entry);
                    // The nodes are joined by real arcs whose weights add up to the entry.
                    let inner = path
                        .nodes
                        .windows(2)
                        .map(|p| {
                            let k = arcs
                                .arcs
                                .binary_search_by_key(&(p[0], p[1]), |a| (a.from, a.to))
                                .expect("an arc joins consecutive path nodes");
                            arcs.arcs[k].weight
                        })
                        .fold(ArcWeight::ZERO, |a, b| a + b);
                    if !path.nodes.is_empty() {
                        assert_eq!(
                            path.first_arc.head_part + inner + path.last_arc.tail_part,
                            entry
                        );
                    }
                    // The drawing runs from the snapped start, through every node, to the
                    // snapped end, each point within the network's area.
                    let line = path.polyline(&network);
                    assert_eq!(line.len(), path.nodes.len() + 2);
                    for &(lat, lon) in &line {
                        assert!((60.0..60.3).contains(&lat) && (24.8..25.1).contains(&lon));
                    }
                    if !path.nodes.is_empty() {
                        assert_eq!(line[1], network.node_coord(path.nodes[0]));
                    }
                }
            }
        }
    }
    // The cut has many small pieces, but most fixture pairs must connect.
    assert!(
        reachable > locations.len() * locations.len() / 2,
        "{reachable}"
    );
}

#[test]
fn matrix_command_writes_every_pair_and_agrees_with_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("matrix.csv");
    let o = Command::new(env!("CARGO_BIN_EXE_wasteroute"))
        .args(["matrix", "--network", "data/helsinki", "--points"])
        .arg("tests/fixtures/matrix/helsinki_points.csv")
        .arg("--out")
        .arg(&out)
        .args(["--verify-sources", "5"])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("verified 5 source rows"));

    let (network, arcs) = helsinki("car");
    let (ids, locations) = fixture_locations(&network, &arcs);
    let ch = ContractionHierarchy::build(&arcs);
    let matrix = weight_matrix(&ch, &locations, &locations);
    let mut reader = csv::Reader::from_path(&out).unwrap();
    assert_eq!(
        reader.headers().unwrap(),
        vec!["from", "to", "time_s", "distance_m"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), ids.len() * ids.len());
    for (k, row) in rows.iter().enumerate() {
        let (i, j) = (k / ids.len(), k % ids.len());
        assert_eq!((&row[0], &row[1]), (ids[i].as_str(), ids[j].as_str()));
        let entry = matrix.get(i, j);
        if entry.is_infinite() {
            assert_eq!((&row[2], &row[3]), ("", ""), "unreachable cells are empty");
        } else {
            let (t, d) = rounded(entry);
            assert_eq!(row[2].parse::<i64>().unwrap(), t.get());
            assert_eq!(row[3].parse::<i64>().unwrap(), d.get());
        }
    }
}

#[test]
fn matrix_command_reports_every_bad_point_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("matrix.csv");
    let o = Command::new(env!("CARGO_BIN_EXE_wasteroute"))
        .args(["matrix", "--network", "data/helsinki", "--points"])
        .arg("tests/fixtures/matrix/bad_points.csv")
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    for expected in [
        "error[bad_number]: tests/fixtures/matrix/bad_points.csv:2 column `lon`",
        "error[duplicate_id]: tests/fixtures/matrix/bad_points.csv:3 column `id`: duplicate id `a`",
        "error[missing_value]: tests/fixtures/matrix/bad_points.csv:4 column `id`: empty id",
    ] {
        assert!(err.contains(expected), "`{expected}` not in\n{err}");
    }
    assert!(!out.exists(), "no partial output");
}
