//! PyVRP's prize-collecting VRPTW files (`TYPE : PCVRPTW` with `PRIZE_SECTION`) on a
//! hand-made fixture a human can check:
//!
//! ```text
//! node 1 (depot) (0, 0); node 2 (3, 4), prize 12; node 3 (6, 8), prize 15;
//! node 4 (0, −30), prize 5; demand 2 each, capacity 10, windows [0, 1000]
//! ```
//! DIMACS distances ×10: 1→2 = 50, 2→3 = 50, 3→1 = 100, 1→4 = 300. Serving 2 and 3 costs
//! 200 and saves 270 of prizes; node 4's round trip (600) is worth more than its prize
//! (50), so the best solution serves 2 and 3 and is measured 200 + 50 = 250 (25.0).

mod formats_support;

use std::path::{Path, PathBuf};
use wasteroute::benchmark::{BksTable, RunOptions, measured, run_one};
use wasteroute::checker::check;
use wasteroute::formats::{
    self, BenchmarkInstance, Format, FormatError, ObjectiveKind, ReadOptions, sol,
};
use wasteroute::problem::SiteIdx;
use wasteroute::solver::{SolverConfig, solve};
use wasteroute::units::Cost;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn text() -> String {
    std::fs::read_to_string(fixture("pcvrptw_tiny.vrp")).unwrap()
}

fn parse_text(text: &str) -> Result<BenchmarkInstance, FormatError> {
    formats::vrplib::parse(Path::new("t.vrp"), text, ReadOptions::default())
}

fn assert_malformed(text: &str, line: usize, needle: &str) {
    match parse_text(text) {
        Err(e) => formats_support::assert_malformed(&e, "t.vrp", line, needle),
        Ok(_) => panic!("expected an error at line {line}"),
    }
}

#[test]
fn prizes_are_read_scaled_like_distances_and_the_depot_is_not_a_site() {
    let inst = parse_text(&text()).unwrap();
    let p = &inst.problem;
    assert_eq!(inst.name, "pcvrptw_tiny");
    assert_eq!(inst.convention.objective, ObjectiveKind::Prizes);
    assert_eq!(inst.convention.distance_per_unit, 10);
    assert!(inst.convention.sol_cost_in_problem_units);
    assert_eq!(inst.site_ids, ["1", "2", "3"]);
    let prizes: Vec<Option<Cost>> = p.sites().iter().map(|s| s.prize).collect();
    assert_eq!(prizes, [Some(Cost(120)), Some(Cost(150)), Some(Cost(50))]);
}

#[test]
fn a_depot_prize_other_than_zero_is_refused_at_its_line() {
    assert_malformed(
        &text().replace("PRIZE_SECTION\n1 0", "PRIZE_SECTION\n1 3"),
        24,
        "depot",
    );
}

#[test]
fn bad_prize_rows_are_refused_at_their_line() {
    // A node without a row: the error points at the section and names the node.
    assert_malformed(&text().replace("4 5\n", ""), 23, "node \"4\"");
    assert_malformed(&text().replace("4 5\n", "4 -5\n"), 27, "negative");
    assert_malformed(
        &text().replace("4 5\n", "9 5\n"),
        27,
        "\"9\" is not in NODE_COORD",
    );
    assert_malformed(&text().replace("4 5\n", "4 five\n"), 27, "prize");
    assert_malformed(&text().replace("4 5\n", "4 5 1\n"), 27, "PRIZE_SECTION row");
    assert_malformed(&text().replace("4 5\n", "4 5\n3 1\n"), 28, "second");
}

#[test]
fn prize_sections_belong_to_pcvrptw_only() {
    assert_malformed(
        &text().replace("TYPE : PCVRPTW", "TYPE : VRPTW"),
        23,
        "PCVRPTW only",
    );
    match parse_text(&text().replace("PRIZE_SECTION\n1 0\n2 12\n3 15\n4 5\n", "")) {
        Err(FormatError::Incomplete { message, .. }) => {
            assert!(message.contains("PRIZE_SECTION"), "{message}")
        }
        other => panic!("{:?}", other.map(|i| i.name)),
    }
    let distance = formats::vrplib::parse(
        Path::new("t.vrp"),
        &text(),
        ReadOptions {
            objective: Some(ObjectiveKind::Distance),
        },
    );
    assert!(matches!(distance, Err(FormatError::Incomplete { .. })));
}

#[test]
fn the_solver_serves_what_pays_and_the_sol_round_trip_keeps_the_measure() {
    let inst = parse_text(&text()).unwrap();
    let result = solve(
        &inst.problem,
        &SolverConfig::with_iterations(1, 200),
        &mut |_| {},
    );
    let report = check(&inst.problem, &result.solution);
    assert!(report.is_feasible(), "{:?}", report.violations);
    assert_eq!(report.cost, result.cost);
    assert_eq!(measured(&inst, &report), 250);
    let out: Vec<SiteIdx> = result.solution.unassigned.iter().map(|u| u.site).collect();
    assert_eq!(out, [SiteIdx::new(2)]);

    let written = sol::write(
        &inst,
        &result.solution,
        &sol::value_text(&inst, measured(&inst, &report)),
    );
    assert!(written.contains("Cost 250"), "{written}");
    let back = sol::parse(Path::new("t.sol"), &written, &inst).unwrap();
    assert_eq!(measured(&inst, &check(&inst.problem, &back.solution)), 250);
}

fn options(bks: Option<BksTable>, check_sol: bool) -> RunOptions {
    RunOptions {
        format: Format::Vrplib,
        objective: None,
        seed: 1,
        time_limit: None,
        iterations: Some(100),
        threads: 1,
        bks,
        solution_out: None,
        check_given_solution: check_sol,
    }
}

#[test]
fn the_bks_is_looked_up_in_the_prize_set_though_a_vrptw_set_shares_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("bks.csv");
    std::fs::write(
        &csv,
        "set,instance,n,bks_cost,bks_vehicles,source\n\
         gh_1000_dimacs,pcvrptw_tiny,3,99.9,2,vrptw\n\
         pcvrptw_dimacs,pcvrptw_tiny,3,25.0,1,prizes\n",
    )
    .unwrap();
    let table = BksTable::read(&csv).unwrap();
    let r = run_one(&fixture("pcvrptw_tiny.vrp"), &options(Some(table), true)).unwrap();
    assert_eq!(r.objective, "distance_and_prizes");
    assert_eq!(r.bks_set.as_deref(), Some("pcvrptw_dimacs"));
    assert_eq!(r.cost, 25.0);
    assert_eq!(r.gap_pct, Some(0.0));
    assert_eq!((r.unassigned, r.optional_left_out), (0, Some(1)));
    assert!(r.is_ok());
    assert_eq!(r.stated_cost_agrees, Some(true));
}

#[test]
fn a_sol_whose_stated_cost_forgets_the_prizes_is_flagged() {
    // 200 is the distance alone: the file forgot the prize of the site it leaves out.
    let dir = tempfile::tempdir().unwrap();
    let vrp = dir.path().join("pcvrptw_tiny.vrp");
    std::fs::write(&vrp, text()).unwrap();
    std::fs::write(vrp.with_extension("sol"), "Route #1: 1 2\nCost: 200\n").unwrap();
    let r = run_one(&vrp, &options(None, true)).unwrap();
    assert!(r.feasible);
    assert_eq!(r.cost, 25.0);
    assert_eq!(r.stated_cost_agrees, Some(false));
}
