//! `wasteroute plan` and `validate` end to end through the binary: exit codes, outputs
//! re-verified by the independent checker, byte-identical reruns, every unassigned reason
//! code, and a failed run that leaves the previous plan untouched.

mod cli_support;

use cli_support::{binary, run, stderr, stdout, streams};
use std::path::{Path, PathBuf};
use std::process::Output;
use wasteroute::checker;
use wasteroute::output::{PlanDocument, plan_to_solution};
use wasteroute::planner::night::document;
use wasteroute::scenario::{self, build};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root()
        .join("tests/fixtures/scenario")
        .join(name)
        .join("scenario.toml")
}

fn plan(scenario: &Path, out: &Path, extra: &[&str]) -> Output {
    binary()
        .arg("plan")
        .arg(scenario)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .expect("binary runs")
}

/// Reads `plan.json` back, maps it onto the scenario's problem and runs the checker.
fn check_written_plan(scenario_path: &Path, out: &Path) -> PlanDocument {
    let doc: PlanDocument =
        serde_json::from_str(&std::fs::read_to_string(out.join("plan.json")).unwrap()).unwrap();
    let loaded = scenario::load(scenario_path).unwrap();
    let built = build::build(&loaded.scenario, &mut |_, _| {}).unwrap();
    let ids = document::ScenarioIds::new(&loaded.scenario, &built.jobs);
    let solution = plan_to_solution(&doc, &ids, &built.problem)
        .expect("every id in plan.json is in the scenario");
    let report = checker::check(&built.problem, &solution);
    assert!(report.is_feasible(), "checker: {:?}", report.violations);
    assert_eq!(
        report.cost.get(),
        doc.meta.summary.cost,
        "cost in plan.json"
    );
    assert_eq!(
        doc.meta.summary.sites_served + doc.meta.summary.sites_unassigned,
        built.problem.sites().len() as u32
    );
    doc
}

/// A readable diff: the first differing line of two text files.
fn assert_same_file(a: &Path, b: &Path) {
    let (x, y) = (std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    if x != y {
        let (xs, ys) = (String::from_utf8_lossy(&x), String::from_utf8_lossy(&y));
        for (i, (l, r)) in xs.lines().zip(ys.lines()).enumerate() {
            assert_eq!(
                l,
                r,
                "{} and {} differ at line {}",
                a.display(),
                b.display(),
                i + 1
            );
        }
        panic!("{} and {} differ in length", a.display(), b.display());
    }
}

#[test]
fn tiny_plan_is_feasible_and_byte_identical_across_runs_and_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let s = fixture("tiny");
    let args = ["--iterations", "150", "--seed", "7", "--time-limit", "600"];
    let oa = plan(&s, &a, &[&args[..], &["--threads", "1"]].concat());
    assert_eq!(oa.status.code(), Some(0), "{}", streams(&oa));
    let ob = plan(&s, &b, &[&args[..], &["--threads", "2"]].concat());
    assert_eq!(ob.status.code(), Some(0), "{}", streams(&ob));
    for f in ["routes.csv", "plan.json", "routes.geojson", "report.html"] {
        assert_same_file(&a.join(f), &b.join(f));
    }
    let doc = check_written_plan(&s, &a);
    assert_eq!(doc.meta.seed, 7);
    assert_eq!(doc.meta.iteration_budget, Some(150));
    assert_eq!(doc.meta.utc_offset, "+02:00");
    assert_eq!(doc.meta.summary.sites_unassigned, 0);
    // P1 holds two streams: they are two stops with distinct ids.
    let ids: Vec<&str> = doc
        .routes
        .iter()
        .flat_map(|r| r.trips.iter().flat_map(|t| &t.stops))
        .map(|s| s.id.as_str())
        .collect();
    assert!(
        ids.contains(&"P1/food") && ids.contains(&"P1/other"),
        "{ids:?}"
    );
    // The summary on stdout says what was done.
    assert!(stdout(&oa).contains("13 of 13 sites served"));
}

/// Compares a written file with its golden copy; `UPDATE_GOLDEN=1` rewrites the golden
/// copy (after a deliberate change of the solver or the writers).
fn assert_golden(written: &Path, golden: &Path) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::copy(written, golden).unwrap();
        return;
    }
    assert_same_file(golden, written);
}

#[test]
fn tiny_plan_matches_its_golden_files() {
    let tmp = tempfile::tempdir().unwrap();
    let s = fixture("tiny");
    let o = plan(
        &s,
        tmp.path(),
        &["--iterations", "150", "--seed", "7", "--time-limit", "600"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", streams(&o));
    let golden = root().join("tests/fixtures/scenario/tiny/golden");
    for f in ["routes.csv", "plan.json"] {
        assert_golden(&tmp.path().join(f), &golden.join(f));
    }
}

#[test]
fn every_unassigned_reason_code_is_produced_by_the_reasons_fixture() {
    let tmp = tempfile::tempdir().unwrap();
    let s = fixture("reasons");
    let o = plan(&s, tmp.path(), &[]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "plan with unassigned sites: {}",
        streams(&o)
    );
    let doc = check_written_plan(&s, tmp.path());
    let reason = |id: &str| {
        doc.unassigned
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.reason.as_str())
            .unwrap_or("served")
    };
    assert_eq!(reason("OK1"), "served");
    assert_eq!(reason("ISL"), "unreachable_by_road");
    assert_eq!(reason("GLS"), "no_vehicle_for_stream");
    assert_eq!(reason("TEX"), "no_facility_for_stream");
    assert_eq!(reason("BIG"), "demand_exceeds_capacity");
    assert_eq!(reason("DAY"), "window_unreachable");
    assert_eq!(reason("SLW"), "shift_too_short");
    // The bulky yard takes 0.3 t a day: one of the two 0.2 t sites fits, the other not.
    let bulky: Vec<&str> = ["BK1", "BK2"].into_iter().map(reason).collect();
    assert!(
        bulky.contains(&"served") && bulky.contains(&"no_capacity_left"),
        "{bulky:?}"
    );
    assert!(doc.unassigned.iter().all(|u| !u.explanation.is_empty()));
}

#[test]
fn a_failed_run_leaves_the_previous_plan_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("plan");
    let o = plan(&fixture("tiny"), &out, &["--iterations", "50"]);
    assert_eq!(o.status.code(), Some(0), "{}", streams(&o));
    let before: Vec<Vec<u8>> = ["routes.csv", "plan.json", "routes.geojson", "report.html"]
        .iter()
        .map(|f| std::fs::read(out.join(f)).unwrap())
        .collect();
    let bad = plan(&fixture("bad"), &out, &["--iterations", "50"]);
    assert_eq!(bad.status.code(), Some(2), "{}", streams(&bad));
    assert!(stderr(&bad).contains("sites.csv:4"));
    let after: Vec<Vec<u8>> = ["routes.csv", "plan.json", "routes.geojson", "report.html"]
        .iter()
        .map(|f| std::fs::read(out.join(f)).unwrap())
        .collect();
    assert_eq!(before, after);
    // No temporary files are left behind either.
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 4, "{names:?}");
}

#[test]
fn validate_exit_codes() {
    let ok = binary()
        .arg("validate")
        .arg(fixture("tiny"))
        .output()
        .unwrap();
    assert_eq!(ok.status.code(), Some(0), "{}", streams(&ok));
    let bad = binary()
        .arg("validate")
        .arg(fixture("bad"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let listing = stdout(&bad);
    assert!(listing.contains("16 error(s)"), "{listing}");
    let warn = binary()
        .arg("validate")
        .arg(fixture("reasons"))
        .output()
        .unwrap();
    assert_eq!(warn.status.code(), Some(0), "warnings alone are valid");
    assert!(stdout(&warn).contains("unreachable_by_road"));
    let strict = binary()
        .args(["validate", "--strict"])
        .arg(fixture("reasons"))
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(2));
    let usage = run(["plan"]);
    assert_eq!(
        usage.status.code(),
        Some(2),
        "missing argument is a usage error"
    );
}

/// The bundled sample, planned with a fixed seed and a small iteration budget (debug
/// builds are slow): written, re-verified by the checker, and the same on a rerun.
#[test]
fn sample_plan_end_to_end() {
    let tmp = tempfile::tempdir().unwrap();
    let s = root().join("data/sample/scenario.toml");
    let args = ["--iterations", "20", "--seed", "11", "--time-limit", "900"];
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let o = plan(&s, &a, &args);
    let code = o.status.code();
    assert!(code == Some(0) || code == Some(1), "{}", streams(&o));
    let doc = check_written_plan(&s, &a);
    // Optional containers left out by choice (`not_worth_prize`) do not make it exit 1.
    assert_eq!(code == Some(0), doc.serves_every_required_site());
    assert!(
        doc.meta.summary.trips > doc.meta.summary.vehicles_used,
        "several disposal trips"
    );
    assert!(
        doc.road_background.is_none(),
        "the road background is not in plan.json"
    );
    let html = std::fs::read_to_string(a.join("report.html")).unwrap();
    assert!(html.contains("<svg"));
    let o2 = plan(&s, &b, &[&args[..], &["--threads", "1"]].concat());
    assert_eq!(o2.status.code(), code);
    assert_same_file(&a.join("plan.json"), &b.join("plan.json"));
    // The crews' stop list is pinned: any change to the solver, the timing or the writer
    // shows here as the first differing line (`UPDATE_GOLDEN=1` after a deliberate change).
    assert_golden(
        &a.join("routes.csv"),
        &root().join("tests/fixtures/scenario/sample_golden/routes.csv"),
    );
}
