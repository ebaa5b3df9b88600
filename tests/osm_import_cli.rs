//! `wasteroute network import-osm` as a user runs it: exit codes and messages.

mod osm_import_support;

mod cli_support;

use std::path::Path;
use std::process::Output;

use cli_support::{binary, stderr, stdout};
use osm_import_support::{node, way, write_pbf};

fn import(input: &Path, out: &Path) -> Output {
    binary()
        .args(["network", "import-osm"])
        .arg(input)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

#[test]
fn text_file_renamed_pbf_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("roads.osm.pbf");
    std::fs::write(&input, "from,to,length_m\n1,2,3.5\n").unwrap();
    let out = dir.path().join("out");
    let o = import(&input, &out);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let msg = stderr(&o);
    assert!(msg.contains("roads.osm.pbf"), "names the file: {msg}");
    assert!(msg.contains("not a readable OpenStreetMap PBF"), "{msg}");
    assert!(!out.join("nodes.csv").exists() && !out.join("edges.csv").exists());
}

#[test]
fn missing_file_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let o = import(&dir.path().join("nowhere.osm.pbf"), dir.path());
    assert_eq!(o.status.code(), Some(2));
    let msg = stderr(&o);
    assert!(
        msg.contains("nowhere.osm.pbf") && msg.contains("check the path"),
        "{msg}"
    );
}

#[test]
fn osm_xml_is_bad_input_with_a_conversion_hint() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("area.osm.pbf");
    std::fs::write(&input, "<?xml version='1.0'?>\n<osm version='0.6'></osm>\n").unwrap();
    let o = import(&input, dir.path());
    assert_eq!(o.status.code(), Some(2));
    let msg = stderr(&o);
    assert!(
        msg.contains("area.osm.pbf") && msg.contains("osmium cat"),
        "{msg}"
    );
}

#[test]
fn extract_without_drivable_roads_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("park.osm.pbf");
    let nodes = [node(1, 0.0, 0.0), node(2, 0.001, 0.0)];
    let ways = [way(7, &[1, 2], &[("highway", "footway")])];
    write_pbf(&input, &nodes, &ways);
    let o = import(&input, &dir.path().join("out"));
    assert_eq!(o.status.code(), Some(2));
    let msg = stderr(&o);
    assert!(
        msg.contains("park.osm.pbf") && msg.contains("no drivable road"),
        "{msg}"
    );
}

#[test]
fn good_extract_is_written_with_exit_zero() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("street.osm.pbf");
    let nodes = [node(1, 0.0, 0.0), node(2, 0.001, 0.0)];
    let ways = [way(7, &[1, 2], &[("highway", "residential")])];
    write_pbf(&input, &nodes, &ways);
    let out = dir.path().join("out");
    let o = import(&input, &out);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let stdout = stdout(&o);
    assert!(
        stdout.contains("2 nodes") && stdout.contains("2 arcs"),
        "{stdout}"
    );
    assert!(out.join("nodes.csv").exists() && out.join("edges.csv").exists());
}
