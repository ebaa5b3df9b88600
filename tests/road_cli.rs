//! `wasteroute network inspect` end to end: text, JSON, speeds file, bad input (exit 2).

mod cli_support;

use cli_support::{run, stderr, stdout};

#[test]
fn inspect_helsinki_as_text() {
    let o = run(["network", "inspect", "--network", "data/helsinki"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    for expected in [
        "nodes                       1885",
        "arcs                        2891",
        "largest component         1649 nodes",
        "outside it                 236 nodes",
        "residential",
        "warning(s):",
    ] {
        assert!(text.contains(expected), "`{expected}` not in\n{text}");
    }
}

#[test]
fn inspect_json_for_a_profile_with_files_given_separately() {
    let o = run([
        "network",
        "inspect",
        "--nodes",
        "tests/fixtures/road/tiny/nodes.csv",
        "--edges",
        "tests/fixtures/road/tiny/edges.csv",
        "--profile",
        "compactor_16t",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["profile"], "compactor_16t");
    assert_eq!(v["nodes"], 5);
    assert_eq!(v["arcs"], 9);
    // The weak bridge D–A (both directions) is closed to 16 t; A→B's parallel arcs merge.
    assert_eq!(v["arcs_closed_to_profile"], 2);
    assert_eq!(v["profile_arcs"], 6);
    // {A,B,C}, {D}, {E}.
    assert_eq!(v["components"]["count"], 3);
    assert_eq!(v["components"]["largest_nodes"], 3);
    let residential = v["highways"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["class"] == "residential")
        .unwrap();
    assert_eq!(residential["arcs"], 3);
    assert!((residential["arc_km"].as_f64().unwrap() - 0.35).abs() < 1e-9);
}

#[test]
fn speeds_file_changes_the_default_speed() {
    let dir = tempfile::tempdir().unwrap();
    let speeds = dir.path().join("speeds.toml");
    std::fs::write(&speeds, "[speeds]\nresidential = 18\n").unwrap();
    let o = run([
        "network",
        "inspect",
        "--network",
        "tests/fixtures/road/tiny",
        "--speeds",
        speeds.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let residential = v["highways"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["class"] == "residential")
        .unwrap();
    assert_eq!(residential["default_speed_kmh"], 18.0);
}

#[test]
fn profile_from_a_toml_file() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("tricycle.toml");
    std::fs::write(
        &profile,
        "name = 'tricycle'\nwidth_m = 1.2\nweight_t = 0.6\nheight_m = 1.8\n\
         speed_factor = 0.5\nallowed_highways = ['residential', 'primary']\n\
         may_use_destination = false\n",
    )
    .unwrap();
    let o = run([
        "network",
        "inspect",
        "--network",
        "tests/fixtures/road/tiny",
        "--profile",
        profile.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["profile"], "tricycle");
    // Only A↔B (3 arcs, 2 after merging) and B↔C are open to it.
    assert_eq!(v["arcs_closed_to_profile"], 4);
    assert_eq!(v["profile_arcs"], 4);
}

#[test]
fn bad_input_exits_2_with_every_problem() {
    let o = run([
        "network",
        "inspect",
        "--network",
        "tests/fixtures/road/bad/many_problems",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(err.contains("4 problems"), "{err}");
    assert!(err.contains("nodes.csv:5 column `lat`"), "{err}");
    assert!(err.contains("edges.csv:4 column `to`"), "{err}");
}

#[test]
fn bad_speeds_file_missing_directory_and_unknown_profile_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let speeds = dir.path().join("speeds.toml");
    std::fs::write(&speeds, "[speeds]\nservice = 0\n").unwrap();
    let cases: [&[&str]; 3] = [
        &[
            "--network",
            "tests/fixtures/road/tiny",
            "--speeds",
            speeds.to_str().unwrap(),
        ],
        &["--network", "tests/fixtures/road/nowhere"],
        &["--network", "tests/fixtures/road/tiny", "--profile", "tank"],
    ];
    for (args, expected) in cases
        .iter()
        .zip(["`service`", "nowhere/nodes.csv", "`tank`"])
    {
        let mut all = vec!["network", "inspect"];
        all.extend_from_slice(args);
        let o = run(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(expected), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn nodes_without_edges_is_a_usage_error() {
    let o = run(["network", "inspect", "--nodes", "x.csv"]);
    assert_eq!(o.status.code(), Some(2));
}
