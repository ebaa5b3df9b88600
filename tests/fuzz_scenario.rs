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
use wasteroute::scenario::{self, Diagnostics, build, run::RunOptions};

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

/// Excluded until the scenario range fix lands (src/scenario/, src/units.rs, owned by
/// another change): numbers of 1e8 and above in absolute value are accepted and become
/// quantities that overflow the solver's sums or panic (`service_min = 1e18`, costs of `1e18`,
/// `unassigned_penalty = 2147483647` → 2.1·10¹⁵ micro-units, a demand of `1e15` kg). With
/// this flag on, for a case whose mutated file holds such a number, loading must still not
/// panic and its errors must be positioned, but the scenario is neither built nor solved
/// (a count of `4294967295` vehicles aborts the process on a 430 GB allocation).
/// Reproducers: `sites.csv` row `P1,Row 0 / 1,60.17002,24.94090,,220,80,,1e18,,` (panics:
/// `TimeDelta::seconds out of bounds`); `vehicles.csv` count `9223372036854775807` (panics:
/// index out of bounds); a demand of `1e15` kg; `scenario.toml` `unassigned_penalty = 1e9`.
const EXCLUDE_SCENARIO_NUMBERS_ABOVE_1E9: bool = false;

/// Excluded until the depot row fix lands (src/scenario/, owned by another change): when a
/// depots.csv row is rejected, vehicles keep pointing at its index and loading panics with
/// "index out of bounds". With this flag on, that one panic is tolerated in the depots.csv
/// property only. Reproducer: depots.csv with the header `id,name,lat,lon,,hours` (the
/// `node_id` column name emptied) and the row `D1,Grid depot,,,1000,21:00-08:00`.
const EXCLUDE_REJECTED_DEPOT_ROW_PANIC: bool = false;

/// True when `bytes` holds a number of 1e8 or more in absolute value (or NaN): money of
/// 1e8 or more becomes more than 10¹⁴ micro-units.
fn has_huge_number(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes)
        .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+')))
        .filter_map(|t| t.parse::<f64>().ok())
        .any(|v| v.is_nan() || v.abs() >= 1e8)
}

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
fn plan_property(
    ws: &Workspace,
    file: &str,
    mutated: &[u8],
    input: &dyn Fn() -> String,
) -> Result<(), TestCaseError> {
    let excluded = EXCLUDE_SCENARIO_NUMBERS_ABOVE_1E9 && has_huge_number(mutated);
    let fail = |m: String| TestCaseError::fail(format!("{m}\n{}", input()));
    let loaded = match std::panic::catch_unwind(|| scenario::load(&ws.toml())) {
        Ok(l) => l,
        Err(payload) => {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            if EXCLUDE_REJECTED_DEPOT_ROW_PANIC
                && file == "depots.csv"
                && message.contains("index out of bounds")
            {
                return Ok(());
            }
            return Err(fail(format!("panic: {message}")));
        }
    };
    let loaded = match loaded {
        Ok(l) => l,
        Err(invalid) => return diagnostics_are_positioned(&invalid.0).map_err(fail),
    };
    let s = &loaded.scenario;
    if excluded {
        // Not built nor solved (see the constant): a fleet of 4294967295 trucks makes
        // the build allocate hundreds of gigabytes and abort the test process.
        return Ok(());
    }
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
    let result = no_panic(input, || {
        scenario::run::run(s, &built, &options, &mut |_| {})
    })?;
    let result = result.map_err(|e| fail(format!("the run failed: {e}")))?;
    fuzz_support::check_solution(&built.problem, &result.solution, true).map_err(fail)?;
    document_totals_non_negative(&result.document).map_err(fail)?;
    Ok(())
}

/// Mutates `file` of the tiny scenario and runs [`plan_property`].
fn fuzz_file(name: &str, file: &'static str, sep: Sep) {
    let ws = Workspace::new();
    // The unmutated fixture must plan: otherwise every case would only test rejection.
    plan_property(&ws, file, ws.original(file), &|| {
        "the unmutated fixture".to_string()
    })
    .unwrap_or_else(|e| panic!("the tiny fixture does not plan: {e}"));
    run(name, mutations(), |muts: Vec<Mutation>| {
        ws.restore();
        let bytes = apply(ws.original(file), &muts, sep);
        std::fs::write(ws.dir.path().join(file), &bytes).expect("write the case");
        let input = || format!("{file}: {}", describe(&muts, &bytes));
        plan_property(&ws, file, &bytes, &input)
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
