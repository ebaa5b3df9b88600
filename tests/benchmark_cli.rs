//! `wasteroute benchmark` end to end on hand-made fixtures: JSON lines, BKS lookup,
//! `.sol` output, `--check-sol`, and exit codes.

mod cli_support;

use cli_support::{run, stderr};
use std::path::{Path, PathBuf};
use std::process::Output;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// `wasteroute benchmark <fixture> --format <format> <extra…>`.
fn benchmark(file: &str, format: &str, extra: &[&str]) -> Output {
    let path = fixture(file);
    let mut args = vec!["benchmark", path.to_str().unwrap(), "--format", format];
    args.extend_from_slice(extra);
    run(&args)
}

/// The JSON lines of a run that must exit 0 (its stderr shown when it does not).
fn json_lines_ok(out: &Output) -> Vec<serde_json::Value> {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    json_lines(out)
}

#[test]
fn solves_and_reports_against_the_bks() {
    let dir = tempfile::tempdir().unwrap();
    let bks = fixture("bks_tiny.csv");
    let out = benchmark(
        "solomon_tiny.txt",
        "solomon",
        &[
            "--iterations",
            "200",
            "--seed",
            "7",
            "--bks",
            bks.to_str().unwrap(),
            "--solution-out",
            dir.path().to_str().unwrap(),
        ],
    );
    let lines = json_lines_ok(&out);
    assert_eq!(lines.len(), 1);
    let r = &lines[0];
    assert_eq!(r["instance"], "TINY1");
    assert_eq!(r["objective"], "distance");
    assert_eq!(r["feasible"], true);
    assert_eq!(r["unassigned"], 0);
    assert_eq!(r["bks"], 10.0);
    assert_eq!(r["bks_set"], "solomon_100_dimacs");
    // The hand-computed optimum is 10.0: no result can beat it.
    assert!(r["cost"].as_f64().unwrap() >= 10.0);
    assert!(r["gap_pct"].as_f64().unwrap() >= 0.0);
    let written = std::fs::read_to_string(dir.path().join("TINY1.sol")).unwrap();
    assert!(written.starts_with("Route #1:"), "{written}");
    assert!(written.ends_with(&format!("Cost {:.1}\n", r["cost"].as_f64().unwrap())));
}

#[test]
fn kim_solution_lists_disposal_visits_and_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let bks = fixture("bks_tiny.csv");
    let out = benchmark(
        "kim_tiny.txt",
        "kim",
        &[
            "--iterations",
            "200",
            "--bks",
            bks.to_str().unwrap(),
            "--solution-out",
            dir.path().to_str().unwrap(),
        ],
    );
    let r = &json_lines_ok(&out)[0];
    assert_eq!(r["objective"], "hierarchical");
    assert_eq!(r["feasible"], true);
    assert_eq!(r["bks"], serde_json::Value::Null);
    let written = std::fs::read_to_string(dir.path().join("kim_tiny.sol")).unwrap();
    // Every route ends with the disposal facility's Stop_ID, 9.
    for line in written.lines().filter(|l| l.starts_with("Route")) {
        assert!(line.ends_with(" 9"), "{line}");
    }
}

#[test]
fn check_sol_mode_checks_the_given_solution() {
    let out = benchmark("mtvrptwr_tiny.vrp", "vrplib", &["--check-sol"]);
    let r = &json_lines_ok(&out)[0];
    assert_eq!(r["mode"], "check_sol");
    assert_eq!(r["feasible"], true);
    assert_eq!(r["cost"], 20.5);
}

#[test]
fn malformed_file_exits_2_and_still_runs_the_others() {
    let out = run([
        "benchmark",
        fixture("cvrp_bad_demand.vrp").to_str().unwrap(),
        fixture("cvrp_tiny.vrp").to_str().unwrap(),
        "--format",
        "vrplib",
        "--iterations",
        "50",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["error"], "unreadable");
    assert!(
        lines[0]["message"]
            .as_str()
            .unwrap()
            .contains("cvrp_bad_demand.vrp:12:")
    );
    assert_eq!(lines[1]["feasible"], true);
    let err = stderr(&out);
    assert!(err.contains("cvrp_bad_demand.vrp:12:"), "{err}");
    // The unreadable file is not counted as a result; the readable one is.
    assert!(
        err.contains("summary: 1 instance(s), 1 feasible and complete"),
        "{err}"
    );
}

#[test]
fn infeasible_given_solution_exits_3() {
    // The tiny multi-trip solution without its reload overloads the truck (6 + 6 + 3 > 10).
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("mtvrptwr_tiny.vrp"), dir.path().join("mt.vrp")).unwrap();
    std::fs::write(dir.path().join("mt.sol"), "Route #1: 1 2 3\nCost: 0\n").unwrap();
    let out = run([
        "benchmark",
        dir.path().join("mt.vrp").to_str().unwrap(),
        "--format",
        "vrplib",
        "--check-sol",
    ]);
    assert_eq!(out.status.code(), Some(3));
    let r = &json_lines(&out)[0];
    assert_eq!(r["feasible"], false);
    assert_eq!(r["violations"], 1);
    assert!(
        r["violation_samples"][0]
            .as_str()
            .unwrap()
            .contains("capacity")
    );
}

#[test]
fn no_limit_is_bad_input() {
    let out = benchmark("cvrp_tiny.vrp", "vrplib", &[]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn hierarchical_objective_picks_the_hierarchical_bks_row() {
    let bks = fixture("bks_tiny.csv");
    let out = benchmark(
        "solomon_tiny.txt",
        "solomon",
        &[
            "--iterations",
            "200",
            "--objective",
            "hierarchical",
            "--bks",
            bks.to_str().unwrap(),
        ],
    );
    let r = &json_lines_ok(&out)[0];
    assert_eq!(r["objective"], "hierarchical");
    assert_eq!(r["bks_set"], "solomon_100_hier");
    // Unrounded optimum sqrt(2) + sqrt(13) + 5 = 10.01976: reported with 4 decimals.
    assert!(r["cost"].as_f64().unwrap() >= 10.0198);
    assert_eq!(r["vehicles"], 1);
}

#[test]
fn same_seed_and_iterations_give_the_same_solution_file() {
    let run = |threads: &str| {
        let dir = tempfile::tempdir().unwrap();
        let out = benchmark(
            "kim_tiny.txt",
            "kim",
            &[
                "--iterations",
                "300",
                "--seed",
                "11",
                "--threads",
                threads,
                "--solution-out",
                dir.path().to_str().unwrap(),
            ],
        );
        assert_eq!(out.status.code(), Some(0));
        std::fs::read(dir.path().join("kim_tiny.sol")).unwrap()
    };
    assert_eq!(run("1"), run("2"));
}
