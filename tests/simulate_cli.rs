//! `wasteroute simulate`: both policies on one seeded city write their summary, nights
//! and a shared chart; a seed and an iteration budget give the same files whatever the
//! thread count; bad flags are usage errors.

mod cli_support;

use cli_support::{run, streams};
use std::path::Path;

const SENSORS: &str = "tests/fixtures/scenario/sensors/scenario.toml";

fn simulate(out: &Path, policy: &str, threads: &str) {
    let o = run([
        "simulate".as_ref(),
        SENSORS.as_ref(),
        "--nights".as_ref(),
        "5".as_ref(),
        "--policy".as_ref(),
        policy.as_ref(),
        "--seed".as_ref(),
        "11".as_ref(),
        "--iterations".as_ref(),
        "100".as_ref(),
        "--threads".as_ref(),
        threads.as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", streams(&o));
}

#[test]
fn both_policies_write_their_totals_and_one_chart() {
    let tmp = tempfile::tempdir().unwrap();
    simulate(tmp.path(), "fixed", "1");
    simulate(tmp.path(), "sensor", "1");
    for policy in ["fixed", "sensor"] {
        let summary: serde_json::Value = serde_json::from_slice(
            &std::fs::read(tmp.path().join(policy).join("summary.json")).unwrap(),
        )
        .unwrap();
        assert_eq!(summary["policy"], policy);
        assert_eq!(summary["nights"], 5);
        for key in [
            "km",
            "truck_nights",
            "driver_hours",
            "kg_collected",
            "overflow_site_days",
            "overflow_container_hours",
            "kg_overflowed",
        ] {
            let v = summary[key]
                .as_f64()
                .unwrap_or_else(|| panic!("{key} in {summary}"));
            assert!(v >= 0.0, "{key} = {v}");
        }
        assert!(summary["km"].as_f64().unwrap() > 0.0);
        let nights = std::fs::read_to_string(tmp.path().join(policy).join("nights.csv")).unwrap();
        assert_eq!(nights.lines().count(), 6, "{nights}");
        // The totals are the sums of the nights.
        let km: f64 = nights
            .lines()
            .skip(1)
            .map(|l| l.split(',').nth(5).unwrap().parse::<f64>().unwrap())
            .sum();
        assert!((km - summary["km"].as_f64().unwrap()).abs() < 0.01, "{km}");
    }
    let html = std::fs::read_to_string(tmp.path().join("simulate.html")).unwrap();
    assert!(html.contains("<polyline class=\"fixed\""));
    assert!(html.contains("<polyline class=\"sensor\""));
    assert!(html.contains("Overflow site-days"));
}

#[test]
fn a_seed_and_a_budget_give_the_same_files_whatever_the_threads() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    simulate(a.path(), "sensor", "1");
    simulate(b.path(), "sensor", "2");
    for f in ["summary.json", "nights.csv"] {
        assert_eq!(
            std::fs::read(a.path().join("sensor").join(f)).unwrap(),
            std::fs::read(b.path().join("sensor").join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn bad_flags_are_usage_errors() {
    for args in [
        vec!["simulate", SENSORS, "--policy", "sometimes"],
        vec!["simulate", SENSORS, "--policy", "fixed", "--nights", "0"],
        vec![
            "simulate",
            SENSORS,
            "--policy",
            "fixed",
            "--iterations",
            "-3",
        ],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", streams(&o));
    }
    let o = run([
        "simulate",
        "tests/fixtures/scenario/sensors/missing.toml",
        "--policy",
        "fixed",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", streams(&o));
}
