//! Fuzz property of the `plan.json` reader behind `wasteroute check`: a plan of the tiny
//! grid scenario (made here by the solver), mutated, must either fail with the line and
//! column of bad JSON, or map to ids with errors that each name the route, stop and id, or
//! give a solution the independent checker judges without panicking (and, when feasible,
//! with every total non-negative).
//!
//! `FUZZ_CASES=100000 cargo test --release --test fuzz_plan_json` runs more cases.

mod fuzz_support;

use fuzz_support::{Sep, apply, describe, mutations, no_panic, run};
use proptest::test_runner::TestCaseError;
use std::path::Path;
use wasteroute::output::read_plan::ReadPlanError;
use wasteroute::output::{plan_to_solution, read_plan_file};
use wasteroute::planner::night::{self, RunOptions, document::ScenarioIds};
use wasteroute::scenario::{self, build};

#[test]
fn fuzz_plan_json() {
    let toml =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenario/tiny/scenario.toml");
    let loaded = scenario::load(&toml).expect("tiny scenario loads");
    let s = &loaded.scenario;
    let built = build::build(s, &mut |_, _| {}).expect("tiny scenario builds");
    let options = RunOptions {
        iterations: Some(30),
        threads: Some(1),
        time_limit_s: Some(600.0),
        ..RunOptions::default()
    };
    let result = night::run(s, &built, &options, &mut |_| {}).expect("tiny scenario plans");
    // The plan as `wasteroute plan` writes it, without the road geometry (which the reader
    // ignores and which would take most mutations).
    let mut value = serde_json::to_value(&result.document).expect("serialise the plan");
    strip_paths(&mut value);
    let input = serde_json::to_string_pretty(&value)
        .expect("serialise")
        .into_bytes();
    let ids = ScenarioIds::new(s, &built.jobs);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    std::fs::write(&path, &input).unwrap();
    let doc = read_plan_file(&path).expect("the unmutated plan reads");
    let solution = plan_to_solution(&doc, &ids, &built.problem).expect("the unmutated plan maps");
    assert!(wasteroute::checker::check(&built.problem, &solution).is_feasible());

    run("plan.json", mutations(), |muts| {
        let bytes = apply(&input, &muts, Sep::Json);
        std::fs::write(&path, &bytes).expect("write the case");
        let show = || describe(&muts, &bytes);
        let fail = |m: String| TestCaseError::fail(format!("{m}\n{}", show()));
        let doc = match no_panic(show, || read_plan_file(&path))? {
            Ok(doc) => doc,
            Err(ReadPlanError::Json {
                path: p,
                line,
                column,
                message,
            }) => {
                ensure!(p == path.display().to_string(), "names {p}");
                // serde_json gives column 0 for a position just after a line break.
                ensure!(
                    line >= 1 || message.contains("EOF"),
                    "no line (column {column}): {message}\n{}",
                    show()
                );
                ensure!(
                    line <= bytes.split(|&c| c == b'\n').count(),
                    "line {line} is past the end\n{}",
                    show()
                );
                return Ok(());
            }
            Err(e @ ReadPlanError::Io { .. }) => {
                return Err(fail(format!("an I/O error for an existing file: {e}")));
            }
        };
        let mapped = no_panic(show, || plan_to_solution(&doc, &ids, &built.problem))?;
        match mapped {
            Err(errors) => {
                ensure!(!errors.is_empty(), "rejected without an error\n{}", show());
                for e in &errors {
                    ensure!(!e.to_string().is_empty(), "an empty message");
                }
                Ok(())
            }
            Ok(solution) => {
                no_panic(show, || {
                    fuzz_support::check_solution(&built.problem, &solution, false)
                })?
                .map_err(fail)?;
                Ok(())
            }
        }
    });
}

fn strip_paths(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                if k == "path_from_previous" {
                    *child = serde_json::Value::Array(Vec::new());
                } else if k == "road_background" {
                    *child = serde_json::Value::Null;
                } else {
                    strip_paths(child);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_paths),
        _ => {}
    }
}
