//! The nightly job through the binary: exit codes, the lock, the `latest` pointer, the
//! seed from the date, the warm start from the previous night, and a failed night that
//! leaves the last good plan alone.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use wasteroute::output::PlanDocument;
use wasteroute::planner::nightly;

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenario")
}

/// A job folder: the tiny scenario for every night except `broken_night`, whose
/// scenario is the `bad` fixture.
fn job(dir: &Path, broken_night: &str, extra: &str) -> PathBuf {
    let tiny = fixture_dir().join("tiny/scenario.toml");
    let bad = fixture_dir().join("bad/scenario.toml");
    for night in ["2026-03-02", "2026-03-03", "2026-03-04"] {
        let d = dir.join("scenarios").join(night);
        std::fs::create_dir_all(&d).unwrap();
        let src = if night == broken_night { &bad } else { &tiny };
        // A scenario per night that includes the fixture's tables by absolute path.
        let text = std::fs::read_to_string(src).unwrap();
        let base = src.parent().unwrap();
        let text = text
            .lines()
            .map(|l| match l.split_once(" = \"") {
                Some((k, v)) if v.ends_with(".csv\"") => {
                    format!("{k} = \"{}\"", base.join(v.trim_end_matches('"')).display())
                }
                _ => l.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(d.join("scenario.toml"), text).unwrap();
    }
    let path = dir.join("job.toml");
    std::fs::write(
        &path,
        format!(
            "scenario = \"scenarios/{{date}}/scenario.toml\"\noutput_root = \"plans\"\ntime_limit_s = 600\niterations = 80\nstability_weight = 25\n{extra}"
        ),
    )
    .unwrap();
    path
}

fn nightly_run(job: &Path, date: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wasteroute"))
        .args(["nightly", "--config"])
        .arg(job)
        .args(["--date", date])
        .output()
        .unwrap()
}

/// The JSON log lines on stderr, parsed (a failed run ends with one plain `error:` line).
fn log_lines(o: &Output) -> Vec<serde_json::Value> {
    let stderr = String::from_utf8_lossy(&o.stderr);
    let plain: Vec<&str> = stderr.lines().filter(|l| !l.starts_with('{')).collect();
    assert!(
        plain.len() <= 1 && plain.iter().all(|l| l.starts_with("error: ")),
        "{stderr}"
    );
    stderr
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

fn phase<'a>(lines: &'a [serde_json::Value], name: &str) -> &'a serde_json::Value {
    lines
        .iter()
        .find(|l| l["phase"] == name)
        .unwrap_or_else(|| panic!("no {name} line in {lines:?}"))
}

fn read_doc(dir: &Path) -> PlanDocument {
    serde_json::from_str(&std::fs::read_to_string(dir.join("plan.json")).unwrap()).unwrap()
}

#[test]
fn two_nights_warm_start_and_latest_pointer() {
    let tmp = tempfile::tempdir().unwrap();
    let job = job(tmp.path(), "none", "");
    let plans = tmp.path().join("plans");

    let first = nightly_run(&job, "2026-03-02");
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let lines = log_lines(&first);
    for p in ["job", "load", "build", "warm_start", "solve", "write"] {
        assert_eq!(
            phase(&lines, p)["status"],
            if p == "warm_start" { "none" } else { "ok" }
        );
    }
    assert_eq!(
        nightly::read_latest(&plans).unwrap().to_string(),
        "2026-03-02"
    );
    let doc1 = read_doc(&plans.join("2026-03-02"));
    assert_eq!(doc1.meta.seed, 20_260_302, "seed from the date");
    assert_eq!(doc1.meta.plan_date, "2026-03-02");

    let second = nightly_run(&job, "2026-03-03");
    assert_eq!(
        second.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let lines = log_lines(&second);
    let warm = phase(&lines, "warm_start");
    assert_eq!(warm["status"], "ok");
    assert_eq!(warm["previous"], "2026-03-02");
    assert_eq!(warm["dropped_stops"], 0);
    let changed = phase(&lines, "solve")["sites_changed_vehicle"]
        .as_u64()
        .unwrap();
    let doc2 = read_doc(&plans.join("2026-03-03"));
    assert_eq!(doc2.meta.seed, 20_260_303);
    assert_eq!(doc2.meta.plan_date, "2026-03-03");
    // The count agrees with the two plans.
    let vehicle_of = |d: &PlanDocument| {
        d.routes
            .iter()
            .flat_map(|r| {
                r.trips
                    .iter()
                    .flat_map(|t| &t.stops)
                    .filter(|s| s.kind == wasteroute::output::StopKind::Site)
                    .map(move |s| (s.id.clone(), r.vehicle.clone()))
            })
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let (v1, v2) = (vehicle_of(&doc1), vehicle_of(&doc2));
    let expected = v2
        .iter()
        .filter(|(k, v)| v1.get(*k).is_some_and(|p| p != *v))
        .count();
    assert_eq!(changed as usize, expected);
    assert_eq!(
        nightly::read_latest(&plans).unwrap().to_string(),
        "2026-03-03"
    );

    // Rerunning a night gives the same plan (same data, same seed).
    let again = nightly_run(&job, "2026-03-03");
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(read_doc(&plans.join("2026-03-03")), doc2);
}

#[test]
fn a_failed_night_keeps_the_last_good_plan_and_latest() {
    let tmp = tempfile::tempdir().unwrap();
    let job = job(tmp.path(), "2026-03-03", "");
    let plans = tmp.path().join("plans");
    assert_eq!(nightly_run(&job, "2026-03-02").status.code(), Some(0));
    let good = std::fs::read(plans.join("2026-03-02/plan.json")).unwrap();

    let failed = nightly_run(&job, "2026-03-03");
    assert_eq!(failed.status.code(), Some(2), "bad scenario is bad input");
    let lines = log_lines(&failed);
    let load = phase(&lines, "load");
    assert_eq!(load["status"], "error");
    assert_eq!(load["exit_code"], 2);
    assert!(load["error"].as_str().unwrap().contains("sites.csv"));
    assert!(!plans.join("2026-03-03").exists());
    assert_eq!(
        nightly::read_latest(&plans).unwrap().to_string(),
        "2026-03-02"
    );
    assert_eq!(
        std::fs::read(plans.join("2026-03-02/plan.json")).unwrap(),
        good
    );
}

#[test]
fn a_held_lock_stops_a_second_run() {
    let tmp = tempfile::tempdir().unwrap();
    let job = job(tmp.path(), "none", "");
    let plans = tmp.path().join("plans");
    let _held = nightly::lock_root(&plans).unwrap();
    let blocked = nightly_run(&job, "2026-03-02");
    assert_eq!(blocked.status.code(), Some(3));
    let lines = log_lines(&blocked);
    assert_eq!(phase(&lines, "lock")["status"], "error");
    assert!(!plans.join("2026-03-02").exists());
    assert!(nightly::read_latest(&plans).is_none());
}

#[test]
fn bad_job_and_bad_date_are_bad_input() {
    let tmp = tempfile::tempdir().unwrap();
    let job_path = job(tmp.path(), "none", "seed = \"tomorrow\"\n");
    assert_eq!(nightly_run(&job_path, "2026-03-02").status.code(), Some(2));
    let ok_job = job(tmp.path(), "none", "seed = 5\n");
    let bad_date = nightly_run(&ok_job, "2026-13-40");
    assert_eq!(bad_date.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_date.stderr).contains("YYYY-MM-DD"));
    let fixed = nightly_run(&ok_job, "2026-03-04");
    assert_eq!(fixed.status.code(), Some(0));
    assert_eq!(read_doc(&tmp.path().join("plans/2026-03-04")).meta.seed, 5);
}

/// A job over the sensors fixture whose readings are named by date
/// (`readings-{date}.csv`), with a readings file for `nights` only.
fn sensor_job(dir: &Path, nights: &[&str]) -> PathBuf {
    let src = fixture_dir().join("sensors");
    let scen = dir.join("scenario");
    std::fs::create_dir_all(&scen).unwrap();
    for f in ["sites.csv", "depots.csv", "facilities.csv", "vehicles.csv"] {
        std::fs::copy(src.join(f), scen.join(f)).unwrap();
    }
    for night in nights {
        std::fs::copy(
            src.join("readings.csv"),
            scen.join(format!("readings-{night}.csv")),
        )
        .unwrap();
    }
    let tiny = fixture_dir().join("tiny");
    let text = std::fs::read_to_string(src.join("scenario.toml"))
        .unwrap()
        .replace("\"../tiny/", &format!("\"{}/", tiny.display()))
        .replace(
            "readings = \"readings.csv\"",
            "readings = \"readings-{date}.csv\"",
        );
    std::fs::write(scen.join("scenario.toml"), text).unwrap();
    let path = dir.join("job.toml");
    std::fs::write(
        &path,
        "scenario = \"scenario/scenario.toml\"\noutput_root = \"plans\"\ntime_limit_s = 600\niterations = 80\n",
    )
    .unwrap();
    path
}

#[test]
fn the_night_decides_from_the_readings_of_its_own_date() {
    let tmp = tempfile::tempdir().unwrap();
    let job = sensor_job(tmp.path(), &["2026-03-03"]);
    let o = nightly_run(&job, "2026-03-03");
    let lines = log_lines(&o);
    assert!(o.status.code() == Some(0), "{lines:?}");
    let load = phase(&lines, "load");
    assert!(
        load["tonight"].as_str().unwrap().starts_with("tonight: "),
        "{load}"
    );
    let doc = read_doc(&tmp.path().join("plans/2026-03-03"));
    assert!(!doc.decisions.is_empty());
    // Decided for the night of 3 March, not the scenario file's 2 March.
    for d in &doc.decisions {
        assert!(d.next_chance.as_str() > "2026-03-03", "{d:?}");
    }
    // A night without its readings file is bad input, naming the file.
    let o = nightly_run(&job, "2026-03-04");
    assert_eq!(o.status.code(), Some(2));
    let lines = log_lines(&o);
    let load = phase(&lines, "load");
    assert!(
        load["error"]
            .as_str()
            .unwrap()
            .contains("readings-2026-03-04.csv"),
        "{load}"
    );
}
