//! The generator: same network, size and seed give the same files; the scenario it writes
//! is valid, every site is reachable, and the fleet needs several disposal trips.

use std::path::{Path, PathBuf};
use wasteroute::generate::{GenerateConfig, generate};
use wasteroute::scenario::{self, build};

fn config(out: &Path, seed: u64) -> GenerateConfig {
    GenerateConfig {
        network_dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/helsinki"),
        out_dir: out.to_path_buf(),
        sites: 40,
        seed,
        date: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        name: "test".into(),
        time_zone: "Europe/Helsinki".into(),
        utc_offset_s: 2 * 3600,
        monitoring: false,
    }
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    [
        "scenario.toml",
        "sites.csv",
        "depots.csv",
        "facilities.csv",
        "vehicles.csv",
    ]
    .iter()
    .map(|f| (f.to_string(), std::fs::read(dir.join(f)).unwrap()))
    .collect()
}

#[test]
fn same_seed_same_files_other_seed_other_sites() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    generate(&config(&a, 5)).unwrap();
    generate(&config(&b, 5)).unwrap();
    generate(&config(&c, 6)).unwrap();
    assert_eq!(files(&a), files(&b));
    assert_ne!(
        std::fs::read(a.join("sites.csv")).unwrap(),
        std::fs::read(c.join("sites.csv")).unwrap()
    );
}

#[test]
fn generated_scenario_is_valid_and_reachable() {
    let tmp = tempfile::tempdir().unwrap();
    let summary = generate(&config(tmp.path(), 9)).unwrap();
    assert_eq!(summary.sites, 40);
    let loaded = scenario::load(&summary.scenario).expect("valid");
    assert!(loaded.warnings.is_empty(), "{}", loaded.warnings);
    let s = &loaded.scenario;
    assert_eq!(s.depots.len(), 2);
    assert_eq!(s.facilities.len(), 3);
    assert_eq!(s.streams.names(), ["recyclable", "food", "other"]);
    // The night shift crosses midnight and holds a break.
    assert!(s.vehicles.iter().all(|v| v.shift.end.get() > 24 * 3600));
    assert!(s.vehicles.iter().all(|v| v.break_rule.is_some()));
    // Facilities differ in streams and hours.
    assert_ne!(s.facilities[0].accepts, s.facilities[1].accepts);
    assert_ne!(s.facilities[0].windows, s.facilities[1].windows);
    let built = build::build(s, &mut |_, _| {}).unwrap();
    assert!(built.warnings.is_empty(), "{}", built.warnings);
    assert!(built.known_unassigned.is_empty());
}

#[test]
fn monitoring_writes_frequencies_containers_and_two_weeks_of_readings() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("m");
    let cfg = GenerateConfig {
        monitoring: true,
        ..config(&out, 5)
    };
    generate(&cfg).unwrap();
    let again = tmp.path().join("m2");
    generate(&GenerateConfig {
        monitoring: true,
        ..config(&again, 5)
    })
    .unwrap();
    assert_eq!(
        std::fs::read(out.join("readings.csv")).unwrap(),
        std::fs::read(again.join("readings.csv")).unwrap(),
        "same seed, same readings"
    );
    let loaded = scenario::load(&out.join("scenario.toml")).unwrap_or_else(|e| panic!("{e}"));
    let s = &loaded.scenario;
    let tonight = s
        .tonight
        .as_ref()
        .expect("every generated site is monitored");
    // Every site has at least one container, and each container gets a decision.
    assert!(tonight.decisions.len() >= 40, "{}", tonight.decisions.len());
    // Readings cover the 14 days before the plan's start, every 3 hours (some lost).
    let readings = std::fs::read_to_string(out.join("readings.csv")).unwrap();
    let rows = readings.lines().count() - 1;
    let expected = tonight.decisions.len() * 14 * 8;
    assert!(
        rows > expected * 9 / 10 && rows <= expected,
        "{rows} readings for {} containers",
        tonight.decisions.len()
    );
    // Forecasts come from the readings, so no decision rests on the static estimate alone.
    assert!(tonight.decisions.iter().all(|d| d.basis.is_some()));
    // The night plans and passes the independent checker.
    let built = build::build(s, &mut |_, _| {}).unwrap_or_else(|e| panic!("{e}"));
    let config = wasteroute::solver::SolverConfig::with_iterations(1, 50);
    let result = wasteroute::solver::solve(&built.problem, &config, &mut |_| {});
    assert!(wasteroute::checker::check(&built.problem, &result.solution).is_feasible());
}

/// The fleet the generator sizes serves every site: 300 gathering points (about 600
/// stream jobs) on the Helsinki fixture network, planned with a fixed iteration budget.
#[test]
fn generated_fleet_serves_every_site() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = GenerateConfig {
        sites: 300,
        ..config(tmp.path(), 2026)
    };
    let summary = generate(&cfg).unwrap();
    let loaded = scenario::load(&summary.scenario).expect("valid");
    let s = &loaded.scenario;
    let built = build::build(s, &mut |_, _| {}).unwrap();
    let options = wasteroute::planner::night::RunOptions {
        iterations: Some(300),
        threads: Some(1),
        ..Default::default()
    };
    let result = wasteroute::planner::night::run(s, &built, &options, &mut |_| {}).unwrap();
    let sum = &result.document.meta.summary;
    assert_eq!(
        sum.sites_unassigned, 0,
        "{} of {} jobs left over with {} vehicles",
        sum.sites_unassigned, sum.sites_total, summary.vehicles
    );
    // Sized with a margin, not wildly: some vehicles stay at the depot.
    assert!(sum.vehicles_used < sum.vehicles_available);
}
