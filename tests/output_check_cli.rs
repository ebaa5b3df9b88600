//! `wasteroute check` end to end on the tiny scenario: a written plan is feasible (exit 0),
//! hand edits that break rules are listed (exit 1), and plans that cannot be read or name
//! unknown ids are bad input (exit 2).

mod cli_support;

use cli_support::{run, stderr, stdout};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

const SCENARIO: &str = "tests/fixtures/scenario/tiny/scenario.toml";

/// Plans the tiny scenario (fixed seed and iteration budget) into `dir/out`.
fn plan(dir: &Path) -> PathBuf {
    let out = dir.join("out");
    let o = run([
        "plan",
        SCENARIO,
        "--out",
        out.to_str().unwrap(),
        "--seed",
        "1",
        "--iterations",
        "200",
    ]);
    assert!(
        o.status.code() == Some(0) || o.status.code() == Some(1),
        "plan failed: {}",
        stderr(&o)
    );
    out.join("plan.json")
}

fn check(plan: &Path) -> Output {
    run(["check", SCENARIO, plan.to_str().unwrap()])
}

fn edit(plan: &Path, to: &Path, change: impl FnOnce(&mut Value)) {
    let mut doc: Value = serde_json::from_slice(&std::fs::read(plan).unwrap()).unwrap();
    change(&mut doc);
    std::fs::write(to, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
}

#[test]
fn check_accepts_a_written_plan_and_ignores_edited_times() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan(dir.path());
    let o = check(&plan);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("feasible"));
    // The checker's cost is the one the plan states: writer and checker agree.
    assert!(!stderr(&o).contains("differs"), "{}", stderr(&o));

    // Times in the file are recomputed, so scribbling over them changes nothing.
    let edited = dir.path().join("times.json");
    edit(&plan, &edited, |d| {
        for r in d["routes"].as_array_mut().unwrap() {
            for t in r["trips"].as_array_mut().unwrap() {
                for s in t["stops"].as_array_mut().unwrap() {
                    s["arrival_s"] = 0.into();
                    s["departure"] = "whenever".into();
                }
            }
        }
    });
    assert_eq!(check(&edited).status.code(), Some(0));
}

#[test]
fn check_lists_every_violation_of_a_hand_edit() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan(dir.path());
    let edited = dir.path().join("edited.json");
    let mut duplicated = String::new();
    edit(&plan, &edited, |d| {
        let trips = d["routes"][0]["trips"].as_array_mut().unwrap();
        // Serve the first site of the route twice, and drop the last unloading.
        let first = trips[0]["stops"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["kind"] == "site")
            .unwrap()
            .clone();
        duplicated = first["id"].as_str().unwrap().to_string();
        let last = trips.last_mut().unwrap()["stops"].as_array_mut().unwrap();
        let f = last.iter().rposition(|s| s["kind"] == "facility").unwrap();
        last.remove(f);
        last.insert(f, first);
    });
    let o = check(&edited);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}{}", stderr(&o));
    assert!(
        out.contains(&format!("site {duplicated} appears 2 times")),
        "{out}"
    );
    assert!(out.contains("the truck must come home empty"), "{out}");
    assert!(out.contains("violation(s)"), "{out}");
}

#[test]
fn unknown_ids_and_broken_json_are_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan(dir.path());

    let edited = dir.path().join("ids.json");
    edit(&plan, &edited, |d| {
        d["routes"][0]["trips"][0]["stops"][1]["id"] = "NO-SUCH-SITE".into();
        d["unassigned"] = serde_json::json!([{"id": "GHOST", "name": "", "lat": 0.0,
            "lon": 0.0, "stream": "other", "reason": "no_capacity_left", "explanation": ""}]);
    });
    let o = check(&edited);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("stop 2: unknown site 'NO-SUCH-SITE'"), "{err}");
    assert!(err.contains("unassigned site 'GHOST'"), "{err}");

    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\n  \"format_version\": 1,\n").unwrap();
    let o = check(&broken);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("broken.json, line 3"), "{}", stderr(&o));

    let o = check(&dir.path().join("missing.json"));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing.json"));
}

/// A plan whose written totals are negative came from arithmetic that overflowed: `check`
/// rejects it (exit 1) even though its stops are feasible.
#[test]
fn negative_written_totals_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan(dir.path());
    let edited = dir.path().join("wrapped.json");
    edit(&plan, &edited, |d| {
        d["meta"]["summary"]["cost"] = Value::from(-9_223_372_036_854_775_000i64);
        d["routes"][0]["totals"]["duration_s"] = Value::from(-5);
    });
    let o = check(&edited);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("summary.cost (-9223372036854775000) is negative"),
        "{out}"
    );
    assert!(out.contains("totals.duration_s (-5) is negative"), "{out}");
}
