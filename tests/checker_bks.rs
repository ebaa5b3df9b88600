//! The published best-known solutions (X, Gehring–Homberger 1000, Yang multi-trip) must be
//! feasible for the checker and cost exactly what their `.sol` file says. This tests the
//! readers, the `.sol` reader and the checker together against data nobody here wrote.
//! Run with `cargo test --release --test checker_bks -- --ignored`.

use std::path::Path;
use wasteroute::checker::check;
use wasteroute::formats::{self, Format, ReadOptions, sol};

fn check_dir(dir: &str) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/instances")
        .join(dir);
    let mut names: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "vrp"))
        .collect();
    names.sort();
    let mut failures = Vec::new();
    for vrp in &names {
        let inst = formats::read(vrp, Format::Vrplib, ReadOptions::default()).unwrap();
        let file = sol::read(&vrp.with_extension("sol"), &inst).unwrap();
        let report = check(&inst.problem, &file.solution);
        let cost = sol::cost_text(&inst, report.distance);
        let stated = file.cost.clone().unwrap_or_default();
        let same = cost.parse::<f64>().unwrap() == stated.parse::<f64>().unwrap();
        println!(
            "{}: feasible {} ({} violations), cost {cost} vs stated {stated}, vehicles {}",
            inst.name,
            report.is_feasible(),
            report.violations.len(),
            report.vehicles
        );
        for v in report.violations.iter().take(3) {
            println!("  {v}");
        }
        if !report.is_feasible() || !same || report.unassigned != 0 {
            failures.push(inst.name.clone());
        }
    }
    assert!(failures.is_empty(), "{dir}: {failures:?}");
    names.len()
}

#[test]
#[ignore = "needs ../shared/instances; slow in debug builds"]
fn x_set_bks_solutions_are_feasible_at_their_cost() {
    assert_eq!(check_dir("cvrplib_X"), 44);
}

#[test]
#[ignore = "needs ../shared/instances; slow in debug builds"]
fn gehring_homberger_1000_bks_solutions_are_feasible_at_their_cost() {
    assert_eq!(check_dir("gehring_homberger_1000"), 6);
}

#[test]
#[ignore = "needs ../shared/instances; slow in debug builds"]
fn yang_multi_trip_optimal_solutions_are_feasible_at_their_cost() {
    assert_eq!(check_dir("mtvrptwr_yang"), 57);
}
