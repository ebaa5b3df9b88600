//! Fuzz properties of the scenario readers: `scenario.toml` and each CSV table (sites,
//! depots, facilities, vehicles) of the tiny grid fixture (7 sites on a 4×4 street grid),
//! mutated. Every case must either fail with diagnostics that each name a file and a line
//! or a column (key), or load, build and solve (30 iterations, one thread) into a plan the
//! independent checker accepts, with every total of the plan document non-negative.
//!
//! `FUZZ_CASES=100000 cargo test --release --test fuzz_scenario` runs more cases.

mod fuzz_support;

use fuzz_support::{Mutation, Sep, apply, describe, mutations, no_panic, run};
use proptest::test_runner::TestCaseError;
use std::path::{Path, PathBuf};
use wasteroute::output::PlanDocument;
use wasteroute::planner::night::{self, RunOptions};
use wasteroute::scenario::{self, Diagnostics, build};

/// Solver iterations per case: a few dozen, so that a thousand cases fit in seconds.
const ITERATIONS: u64 = 30;

/// The files of the fixture copied into each property's folder.
const FILES: [&str; 7] = [
    "scenario.toml",
    "sites.csv",
    "depots.csv",
    "facilities.csv",
    "vehicles.csv",
    "nodes.csv",
    "edges.csv",
];

/// Diagnostic codes about a whole file or table, which have no line or column to give
/// (a missing file, a table with no row left).
const WHOLE_FILE_CODES: &[&str] = &[
    "file_unreadable",
    "no_facilities",
    "no_vehicles",
    "no_sites",
    "no_depots",
    "missing_profile",
];

/// A copy of the tiny scenario in a temporary folder, restored before every case.
struct Workspace {
    dir: tempfile::TempDir,
    originals: Vec<(&'static str, Vec<u8>)>,
}

impl Workspace {
    fn new() -> Workspace {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenario/tiny");
        let originals = FILES
            .iter()
            .map(|&f| (f, std::fs::read(src.join(f)).expect("fixture file")))
            .collect();
        let ws = Workspace {
            dir: tempfile::tempdir().expect("temp dir"),
            originals,
        };
        ws.restore();
        ws
    }

    fn restore(&self) {
        for (f, bytes) in &self.originals {
            std::fs::write(self.dir.path().join(f), bytes).expect("write fixture copy");
        }
    }

    fn original(&self, file: &str) -> &[u8] {
        &self
            .originals
            .iter()
            .find(|(f, _)| *f == file)
            .expect("known file")
            .1
    }

    fn toml(&self) -> PathBuf {
        self.dir.path().join("scenario.toml")
    }
}

/// Every error is positioned: a file, and a line or a column, unless it is about the
/// whole file; and there is at least one error.
fn diagnostics_are_positioned(d: &Diagnostics) -> Result<(), String> {
    if !d.has_errors() {
        return Err(format!("rejected without an error:\n{d}"));
    }
    for e in d.items().iter().filter(|e| e.is_error()) {
        if e.file.as_os_str().is_empty() || e.message.is_empty() {
            return Err(format!("an error without file or message: {e}"));
        }
        if e.line.is_none() && e.column.is_none() && !WHOLE_FILE_CODES.contains(&e.code) {
            return Err(format!("an error without line or column: {e}"));
        }
    }
    Ok(())
}

/// Every total in the plan document is non-negative.
fn document_totals_non_negative(doc: &PlanDocument) -> Result<(), String> {
    let s = &doc.meta.summary;
    let mut values = vec![
        ("summary.cost", s.cost),
        ("summary.distance_m", s.distance_m),
        ("summary.duration_s", s.duration_s),
    ];
    values.extend(s.collected.iter().map(|&c| ("summary.collected", c)));
    for r in &doc.routes {
        let t = &r.totals;
        values.extend([
            ("route.distance_m", t.distance_m),
            ("route.duration_s", t.duration_s),
            ("route.driving_s", t.driving_s),
            ("route.service_s", t.service_s),
            ("route.unloading_s", t.unloading_s),
            ("route.break_s", t.break_s),
            ("route.waiting_s", t.waiting_s),
            ("route.cost", t.cost),
        ]);
        values.extend(t.collected.iter().map(|&c| ("route.collected", c)));
        for stop in r.trips.iter().flat_map(|t| &t.stops) {
            values.extend([
                ("stop.waiting_s", stop.waiting_s),
                (
                    "stop.distance_from_previous_m",
                    stop.distance_from_previous_m,
                ),
                ("stop.time_from_previous_s", stop.time_from_previous_s),
            ]);
            values.extend(stop.load_after.iter().map(|&c| ("stop.load_after", c)));
            values.extend(stop.demand.iter().map(|&c| ("stop.demand", c)));
        }
    }
    if let Some((what, v)) = values.iter().find(|(_, v)| *v < 0) {
        return Err(format!("{what} is negative: {v}"));
    }
    if !(s.co2_kg.is_finite() && s.co2_kg >= 0.0) {
        return Err(format!("summary.co2_kg is {}", s.co2_kg));
    }
    Ok(())
}

/// Load → build → solve → check → document, on the workspace as it is.
fn plan_property(ws: &Workspace, input: &dyn Fn() -> String) -> Result<(), TestCaseError> {
    let fail = |m: String| TestCaseError::fail(format!("{m}\n{}", input()));
    let loaded = match std::panic::catch_unwind(|| scenario::load(&ws.toml())) {
        Ok(l) => l,
        Err(payload) => {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            return Err(fail(format!("panic: {message}")));
        }
    };
    let loaded = match loaded {
        Ok(l) => l,
        Err(invalid) => return diagnostics_are_positioned(&invalid.0).map_err(fail),
    };
    let s = &loaded.scenario;
    let built = no_panic(input, || build::build(s, &mut |_, _| {}))?;
    let built = match built {
        Ok(b) => b,
        Err(invalid) => return diagnostics_are_positioned(&invalid.0).map_err(fail),
    };
    fuzz_support::problem_is_sane(&built.problem)
        .map_err(|m| fail(format!("the built problem is out of range: {m}")))?;
    let options = RunOptions {
        iterations: Some(ITERATIONS),
        threads: Some(1),
        time_limit_s: Some(600.0),
        ..RunOptions::default()
    };
    let result = no_panic(input, || night::run(s, &built, &options, &mut |_| {}))?;
    let result = result.map_err(|e| fail(format!("the run failed: {e}")))?;
    fuzz_support::check_solution(&built.problem, &result.solution, true).map_err(fail)?;
    document_totals_non_negative(&result.document).map_err(fail)?;
    Ok(())
}

/// Mutates `file` of the tiny scenario and runs [`plan_property`].
fn fuzz_file(name: &str, file: &'static str, sep: Sep) {
    let ws = Workspace::new();
    // The unmutated fixture must plan: otherwise every case would only test rejection.
    plan_property(&ws, &|| "the unmutated fixture".to_string())
        .unwrap_or_else(|e| panic!("the tiny fixture does not plan: {e}"));
    run(name, mutations(), |muts: Vec<Mutation>| {
        ws.restore();
        let bytes = apply(ws.original(file), &muts, sep);
        std::fs::write(ws.dir.path().join(file), &bytes).expect("write the case");
        let input = || format!("{file}: {}", describe(&muts, &bytes));
        plan_property(&ws, &input)
    });
}

#[test]
fn fuzz_scenario_toml() {
    fuzz_file("scenario.toml", "scenario.toml", Sep::TomlValue);
}

#[test]
fn fuzz_sites_csv() {
    fuzz_file("sites.csv", "sites.csv", Sep::Comma);
}

#[test]
fn fuzz_depots_csv() {
    fuzz_file("depots.csv", "depots.csv", Sep::Comma);
}

#[test]
fn fuzz_facilities_csv() {
    fuzz_file("facilities.csv", "facilities.csv", Sep::Comma);
}

#[test]
fn fuzz_vehicles_csv() {
    fuzz_file("vehicles.csv", "vehicles.csv", Sep::Comma);
}
