//! Fuzz properties of the road readers: `nodes.csv` and `edges.csv` (the tiny road fixture
//! and the tiny scenario's grid), the speed table, and the OpenStreetMap `.pbf` import (a
//! small extract written here). Every case must either fail with diagnostics that each name
//! the file and a line or column, or give a network whose arc weights are finite and whose
//! total weight cannot overflow; an import that succeeds must write CSVs that load.
//!
//! `FUZZ_CASES=100000 cargo test --release --test fuzz_road` runs more cases.

mod fuzz_support;
mod osm_import_support;

use fuzz_support::{HOSTILE, LIMITS, Mutation, Sep, apply, describe, mutations, no_panic, run};
use osm_import_support::pbf::{Node, Way, write_pbf};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::path::Path;
use wasteroute::road::osm::{OsmImportError, import_osm_pbf};
use wasteroute::road::{ArcWeight, RoadError, RoadNetwork, SpeedTable, VehicleProfile};

/// Diagnostic codes about a whole file, which have no line or column to give.
const WHOLE_FILE_CODES: &[&str] = &["bad_csv"];

fn errors_are_positioned(e: &RoadError, files: &[&Path]) -> Result<(), String> {
    match e {
        RoadError::Io { path, source } => Err(format!(
            "an I/O error for an existing file {}: {source}",
            path.display()
        )),
        RoadError::Invalid { diagnostics, total } => {
            if *total == 0 || diagnostics.is_empty() {
                return Err("rejected without a problem".into());
            }
            for d in diagnostics.iter().filter(|d| d.is_error()) {
                if !files.contains(&d.file.as_path()) {
                    return Err(format!("names another file: {d}"));
                }
                let whole_file = WHOLE_FILE_CODES.contains(&d.code) && d.message.contains("empty");
                // A TOML parse error says where in its message.
                let positioned_message = d.message.contains("line ");
                if d.line.is_none() && d.column.is_none() && !whole_file && !positioned_message {
                    return Err(format!("an error without line or column: {d}"));
                }
            }
            Ok(())
        }
    }
}

/// The weights of every profile's arcs are finite and their sum does not overflow.
fn network_is_sane(network: &RoadNetwork) -> Result<(), String> {
    for name in ["car", "cart", "compactor_16t"] {
        let profile = VehicleProfile::preset(name).expect("preset");
        let arcs = network.arc_list(&profile);
        let (mut time, mut length) = (0u128, 0u128);
        for a in &arcs.arcs {
            time += u128::from(a.weight.time_ms);
            length += u128::from(a.weight.length_mm);
        }
        let limit = u128::from(ArcWeight::INFINITE.time_ms);
        if time >= limit || length >= limit {
            return Err(format!(
                "profile {name}: the arcs' total weight {time} ms, {length} mm can overflow"
            ));
        }
    }
    Ok(())
}

fn load_property(
    nodes: &Path,
    edges: &Path,
    show: &dyn Fn() -> String,
) -> Result<(), TestCaseError> {
    let fail = |m: String| TestCaseError::fail(format!("{m}\n{}", show()));
    match no_panic(show, || RoadNetwork::load(nodes, edges))? {
        Err(e) => errors_are_positioned(&e, &[nodes, edges]).map_err(fail),
        Ok((network, _warnings)) => network_is_sane(&network).map_err(fail),
    }
}

/// Mutates `file` (`nodes.csv` or `edges.csv`) of one of the two fixture networks.
fn fuzz_road_file(name: &str, file: &'static str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let networks = [root.join("road/tiny"), root.join("scenario/tiny")];
    let dir = tempfile::tempdir().unwrap();
    let (nodes, edges) = (dir.path().join("nodes.csv"), dir.path().join("edges.csv"));
    let originals: Vec<(Vec<u8>, Vec<u8>)> = networks
        .iter()
        .map(|n| {
            (
                std::fs::read(n.join("nodes.csv")).unwrap(),
                std::fs::read(n.join("edges.csv")).unwrap(),
            )
        })
        .collect();
    for (n, e) in &originals {
        std::fs::write(&nodes, n).unwrap();
        std::fs::write(&edges, e).unwrap();
        let (network, _) = RoadNetwork::load(&nodes, &edges).expect("fixture network loads");
        network_is_sane(&network).unwrap();
    }
    run(name, (0..originals.len(), mutations()), |(i, muts)| {
        let (n, e) = &originals[i];
        let (n, e) = if file == "nodes.csv" {
            (apply(n, &muts, Sep::Comma), e.clone())
        } else {
            (n.clone(), apply(e, &muts, Sep::Comma))
        };
        std::fs::write(&nodes, &n).expect("write the case");
        std::fs::write(&edges, &e).expect("write the case");
        let mutated = if file == "nodes.csv" { &n } else { &e };
        load_property(&nodes, &edges, &|| {
            format!("{file}: {}", describe(&muts, mutated))
        })
    });
}

#[test]
fn fuzz_nodes_csv() {
    fuzz_road_file("nodes.csv", "nodes.csv");
}

#[test]
fn fuzz_edges_csv() {
    fuzz_road_file("edges.csv", "edges.csv");
}

#[test]
fn fuzz_speeds_toml() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("speeds.toml");
    let input = b"# km/h per highway class\n[speeds]\nresidential = 25\nprimary = 50.5\nservice = 10\ndefault = 30\n".to_vec();
    std::fs::write(&path, &input).unwrap();
    SpeedTable::from_toml_file(&path).expect("the fixture speed table reads");
    run("speeds.toml", mutations(), |muts| {
        let bytes = apply(&input, &muts, Sep::TomlValue);
        std::fs::write(&path, &bytes).expect("write the case");
        let show = || describe(&muts, &bytes);
        let fail = |m: String| TestCaseError::fail(format!("{m}\n{}", show()));
        match no_panic(show, || SpeedTable::from_toml_file(&path))? {
            Err(e) => errors_are_positioned(&e, &[&path]).map_err(fail),
            Ok(table) => {
                let speeds: Vec<(String, f64)> = table
                    .entries()
                    .map(|(c, v)| (c.to_string(), v))
                    .chain([("default".to_string(), table.fallback_kmh())])
                    .collect();
                for (class, kmh) in speeds {
                    ensure!(
                        kmh.is_finite() && kmh > 0.0,
                        "accepted {class} = {kmh}\n{}",
                        show()
                    );
                    let w = ArcWeight::from_metres(1000.0, kmh);
                    ensure!(
                        !w.is_infinite(),
                        "{class} = {kmh} km/h makes a 1 km arc take forever\n{}",
                        show()
                    );
                }
                Ok(())
            }
        }
    });
}

/// Tags whose values the OSM property replaces with hostile ones.
const OSM_TAGS: &[&str] = &[
    "highway",
    "oneway",
    "maxspeed",
    "maxspeed:forward",
    "maxwidth",
    "maxweight",
    "maxheight",
    "access",
    "motor_vehicle",
    "name",
    "ref",
    "area",
    "junction",
];

/// A small extract: a two-way street, a one-way street with limits, and a way whose
/// tags the case replaces.
fn write_extract(
    path: &Path,
    tag: Option<(&'static str, &'static str)>,
    coord: Option<(usize, f64)>,
) {
    let mut nodes: Vec<Node> = vec![
        osm_import_support::node(1, 60.17, 24.94),
        osm_import_support::node(2, 60.171, 24.94),
        osm_import_support::node(3, 60.171, 24.942),
        osm_import_support::node(4, 60.172, 24.942),
        osm_import_support::node(5, 60.1725, 24.943),
    ];
    if let Some((i, v)) = coord {
        let len = nodes.len();
        let n = &mut nodes[i % len];
        if i % 2 == 0 {
            n.lat = v;
        } else {
            n.lon = v;
        }
    }
    let mut third: Vec<(&'static str, &'static str)> = vec![
        ("highway", "tertiary"),
        ("maxspeed", "40"),
        ("name", "Kolmas"),
    ];
    if let Some((k, v)) = tag {
        third.retain(|(key, _)| *key != k);
        third.push((k, v));
    }
    let ways = vec![
        osm_import_support::way(
            10,
            &[1, 2, 3],
            &[("highway", "residential"), ("name", "Katu")],
        ),
        osm_import_support::way(
            11,
            &[3, 4],
            &[
                ("highway", "service"),
                ("oneway", "yes"),
                ("maxwidth", "2.5"),
                ("maxweight", "7.5"),
            ],
        ),
        Way {
            id: 12,
            refs: vec![4, 5, 2],
            tags: third,
        },
    ];
    write_pbf(path, &nodes, &ways);
}

#[derive(Clone, Debug)]
struct OsmCase {
    tag: Option<(&'static str, &'static str)>,
    coord: Option<(usize, f64)>,
    bytes: Vec<Mutation>,
}

fn osm_case() -> impl Strategy<Value = OsmCase> {
    let tag = prop::option::of((
        prop::sample::select(OSM_TAGS),
        prop::sample::select(HOSTILE.iter().chain(LIMITS).copied().collect::<Vec<_>>()),
    ));
    let coord = prop::option::weighted(
        0.2,
        (
            0usize..10,
            prop_oneof![
                Just(90.0),
                Just(-90.0),
                Just(180.0),
                Just(-180.0),
                Just(214.7),
                Just(-214.7),
                Just(0.0)
            ],
        ),
    );
    let bytes = prop::collection::vec(fuzz_support::mutation(), 0..=2);
    (tag, coord, bytes).prop_map(|(tag, coord, bytes)| OsmCase { tag, coord, bytes })
}

#[test]
fn fuzz_osm_pbf() {
    let dir = tempfile::tempdir().unwrap();
    let pbf = dir.path().join("extract.osm.pbf");
    let out = dir.path().join("out");
    write_extract(&pbf, None, None);
    import_osm_pbf(&pbf, &out).expect("the extract imports");
    RoadNetwork::load_dir(&out).expect("the imported network loads");
    run("osm.pbf", osm_case(), |case| {
        write_extract(&pbf, case.tag, case.coord);
        let clean = std::fs::read(&pbf).expect("read the extract");
        let bytes = apply(&clean, &case.bytes, Sep::Whitespace);
        std::fs::write(&pbf, &bytes).expect("write the case");
        let show = || format!("{case:?} ({} bytes)", bytes.len());
        let fail = |m: String| TestCaseError::fail(format!("{m}\n{}", show()));
        let _ = std::fs::remove_dir_all(&out);
        match no_panic(show, || import_osm_pbf(&pbf, &out))? {
            Err(e) => {
                ensure!(e.is_bad_input(), "not the input's fault: {e}\n{}", show());
                let named = match &e {
                    OsmImportError::Open { path, .. }
                    | OsmImportError::XmlNotPbf { path }
                    | OsmImportError::NotPbf { path, .. }
                    | OsmImportError::NoDrivableWays { path, .. }
                    | OsmImportError::NoNodes { path, .. }
                    | OsmImportError::BadCoordinate { path, .. }
                    | OsmImportError::Write { path, .. } => path,
                    // The output folder is the test's own: failing to write it is no
                    // answer to a mutated input.
                    OsmImportError::Output(w) => {
                        return Err(fail(format!("cannot write the output: {w}")));
                    }
                };
                ensure!(named == &pbf, "names {}: {e}", named.display());
                ensure!(
                    !matches!(e, OsmImportError::Open { .. }),
                    "an I/O error for a readable file: {e}\n{}",
                    show()
                );
                Ok(())
            }
            Ok(summary) => {
                ensure!(
                    summary.arcs > 0 && summary.nodes > 1,
                    "an empty import\n{}",
                    show()
                );
                // What the import writes, the CSV reader must read back.
                match no_panic(show, || RoadNetwork::load_dir(&out))? {
                    Ok((network, _)) => network_is_sane(&network).map_err(fail),
                    Err(e) => Err(fail(format!("the imported CSVs do not load: {e}"))),
                }
            }
        }
    });
}
