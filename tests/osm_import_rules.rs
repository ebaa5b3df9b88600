//! The importer on a hand-made extract whose every output line can be checked by hand.
//!
//! Nodes sit on the equator and the prime meridian, 0.001° apart, so every segment is
//! 0.001° of a great circle: 6,371,008.8 m × π / 180 000 = 111.195 m → `111.20`.

mod osm_import_support;

use osm_import_support::{node, way, write_pbf};
use wasteroute::road::osm::import_osm_pbf;

fn fixture(dir: &std::path::Path) -> std::path::PathBuf {
    let nodes = vec![
        node(1, 0.000, 0.0),
        node(2, 0.001, 0.0),
        node(3, 0.002, 0.0),
        node(4, 0.003, 0.0),
        node(5, 0.004, 0.0),
        node(6, 0.005, 0.0),
        node(7, 0.006, 0.0),
        node(8, 0.007, 0.0),
        node(10, 0.0, 0.001),
        node(11, 0.0, 0.002),
        node(12, 0.0, 0.003),
        node(13, 0.0, 0.004),
        node(20, 0.0, -0.001),
        // Nodes 998 and 999 are referenced by ways 111 and 108 but missing: those ways are
        // cut at the extract edge. Node 13 then belongs to no arc and is not written.
    ];
    let ways = vec![
        way(
            100,
            &[1, 2, 3],
            &[
                ("highway", "residential"),
                ("name", "Rua da \"Ribeira\", Norte"),
                ("maxspeed", "30 mph"),
            ],
        ),
        way(
            101,
            &[3, 4],
            &[
                ("highway", "primary"),
                ("oneway", "yes"),
                ("maxspeed", "50"),
            ],
        ),
        way(
            102,
            &[5, 4],
            &[
                ("highway", "secondary"),
                ("oneway", "-1"),
                ("maxspeed", "RU:urban"),
                ("ref", "EN 13"),
            ],
        ),
        way(
            103,
            &[5, 6],
            &[("highway", "motorway"), ("maxspeed", "120")],
        ),
        way(
            104,
            &[6, 7],
            &[("highway", "tertiary"), ("junction", "roundabout")],
        ),
        way(
            105,
            &[3, 20],
            &[("highway", "service"), ("access", "private")],
        ),
        way(106, &[1, 20], &[("highway", "footway")]),
        way(
            107,
            &[1, 10, 11],
            &[
                ("highway", "service"),
                ("maxwidth", "2.2"),
                ("maxweight", "3500 kg"),
                ("maxheight", "7'6\""),
                ("access", "destination"),
            ],
        ),
        way(
            108,
            &[11, 12, 999],
            &[("highway", "residential"), ("name", "Nguyễn Trãi")],
        ),
        way(
            109,
            &[7, 8],
            &[
                ("highway", "unclassified"),
                ("maxspeed", "30"),
                ("maxspeed:backward", "40"),
            ],
        ),
        way(110, &[8, 20], &[("highway", "service"), ("vehicle", "no")]),
        way(111, &[13, 998], &[("highway", "residential")]),
    ];
    let path = dir.join("fixture.osm.pbf");
    write_pbf(&path, &nodes, &ways);
    path
}

const EXPECTED_NODES: &str = "\
node_id,lat,lon
1,0.0000000,0.0000000
2,0.0010000,0.0000000
3,0.0020000,0.0000000
4,0.0030000,0.0000000
5,0.0040000,0.0000000
6,0.0050000,0.0000000
7,0.0060000,0.0000000
8,0.0070000,0.0000000
10,0.0000000,0.0010000
11,0.0000000,0.0020000
12,0.0000000,0.0030000
";

/// Way by way: two-way residential (30 mph → 48.3 km/h, a name with a comma and quotes),
/// one-way primary, `oneway=-1` secondary reversed (zone code → empty, `ref` as name),
/// motorway and roundabout one-way by implication, private service and footway dropped,
/// restricted service with its limits (7'6" → 2.29 m), a way cut at the extract edge, a
/// direction-specific speed limit; the `vehicle=no` service is dropped; way 111 has no
/// segment with both nodes in the file.
const EXPECTED_EDGES: &str = "\
from,to,length_m,highway,oneway,maxspeed_kmh,name,max_width_m,max_weight_t,max_height_m,access
1,2,111.20,residential,0,48.3,\"Rua da \"\"Ribeira\"\", Norte\",,,,
2,1,111.20,residential,0,48.3,\"Rua da \"\"Ribeira\"\", Norte\",,,,
2,3,111.20,residential,0,48.3,\"Rua da \"\"Ribeira\"\", Norte\",,,,
3,2,111.20,residential,0,48.3,\"Rua da \"\"Ribeira\"\", Norte\",,,,
3,4,111.20,primary,1,50,,,,,
4,5,111.20,secondary,1,,EN 13,,,,
5,6,111.20,motorway,1,120,,,,,
6,7,111.20,tertiary,1,,,,,,
1,10,111.20,service,0,,,2.2,3.5,2.29,destination
10,1,111.20,service,0,,,2.2,3.5,2.29,destination
10,11,111.20,service,0,,,2.2,3.5,2.29,destination
11,10,111.20,service,0,,,2.2,3.5,2.29,destination
11,12,111.20,residential,0,,Nguyễn Trãi,,,,
12,11,111.20,residential,0,,Nguyễn Trãi,,,,
7,8,111.20,unclassified,0,30,,,,,
8,7,111.20,unclassified,0,40,,,,,
";

#[test]
fn hand_made_extract_gives_the_hand_written_csvs() {
    let dir = tempfile::tempdir().unwrap();
    let input = fixture(dir.path());
    let out = dir.path().join("out");
    let summary = import_osm_pbf(&input, &out).unwrap();
    assert_eq!(summary.nodes, 11);
    assert_eq!(summary.arcs, 16);
    assert_eq!(summary.ways, 9, "kept: 100-104, 107-109, 111");
    assert_eq!(summary.segments_missing_node, 2, "12-999 and 13-998");
    let nodes = std::fs::read_to_string(out.join("nodes.csv")).unwrap();
    let edges = std::fs::read_to_string(out.join("edges.csv")).unwrap();
    assert_eq!(nodes, EXPECTED_NODES);
    assert_eq!(edges, EXPECTED_EDGES);
}

#[test]
fn import_replaces_old_files_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let input = fixture(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("nodes.csv"), "old").unwrap();
    std::fs::write(out.join("edges.csv"), "old").unwrap();
    import_osm_pbf(&input, &out).unwrap();
    assert_eq!(
        std::fs::read_to_string(out.join("nodes.csv")).unwrap(),
        EXPECTED_NODES
    );
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["edges.csv", "nodes.csv"]);
}

#[test]
fn output_loads_with_the_road_network_loader() {
    let dir = tempfile::tempdir().unwrap();
    let input = fixture(dir.path());
    let out = dir.path().join("out");
    import_osm_pbf(&input, &out).unwrap();
    let (network, warnings) = wasteroute::road::RoadNetwork::load_dir(&out).unwrap();
    assert_eq!(network.node_count(), 11);
    assert_eq!(network.arc_count(), 16);
    assert!(warnings.is_empty(), "{warnings:?}");
    let restricted = network
        .arcs()
        .find(|a| network.osm_id(a.from) == 1 && network.osm_id(a.to) == 10)
        .unwrap();
    assert_eq!(restricted.restrictions.max_width_m, Some(2.2));
    assert_eq!(restricted.restrictions.max_weight_t, Some(3.5));
    assert_eq!(restricted.restrictions.max_height_m, Some(2.29));
    assert_eq!(
        restricted.restrictions.access,
        wasteroute::road::Access::Destination
    );
}

#[test]
fn a_node_outside_wgs84_is_a_clear_error_not_an_unloadable_csv() {
    // Found by tests/fuzz_road.rs (fuzz_osm_pbf): a node at latitude 180° was imported and
    // written to nodes.csv, which the CSV reader then rejected ("180 is out of range").
    let dir = tempfile::tempdir().unwrap();
    let pbf = dir.path().join("bad.osm.pbf");
    let nodes = vec![node(1, 180.0, 24.94), node(2, 60.171, 24.94)];
    let ways = vec![way(10, &[1, 2], &[("highway", "residential")])];
    write_pbf(&pbf, &nodes, &ways);
    let err = import_osm_pbf(&pbf, &dir.path().join("out")).unwrap_err();
    assert!(err.is_bad_input());
    let text = err.to_string();
    assert!(
        text.contains("node 1") && text.contains("outside WGS84"),
        "{text}"
    );
    assert!(!dir.path().join("out/nodes.csv").exists());
    // The same node unused by any drivable way does not matter.
    let ways = vec![way(10, &[2, 3], &[("highway", "residential")])];
    let nodes = vec![
        node(1, 180.0, 24.94),
        node(2, 60.171, 24.94),
        node(3, 60.172, 24.94),
    ];
    write_pbf(&pbf, &nodes, &ways);
    import_osm_pbf(&pbf, &dir.path().join("out")).expect("node 1 is not used");
}
