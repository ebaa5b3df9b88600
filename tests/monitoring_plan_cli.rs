//! `wasteroute plan` and `check` on a scenario with fill-level sensors: every monitored
//! container gets its decision and why in plan.json, routes.csv and report.html, and bad
//! monitoring input is a clear error naming file, line and column.

mod cli_support;

use cli_support::{run, streams};
use std::path::Path;

const SENSORS: &str = "tests/fixtures/scenario/sensors/scenario.toml";

fn plan(out: &Path) -> serde_json::Value {
    let o = run(["plan", SENSORS, "--out"]
        .map(Into::into)
        .into_iter()
        .chain([out.as_os_str().to_owned()]));
    assert_eq!(o.status.code(), Some(0), "{}", streams(&o));
    serde_json::from_slice(&std::fs::read(out.join("plan.json")).unwrap()).unwrap()
}

#[test]
fn every_monitored_container_has_its_decision_and_outcome_in_the_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("plan");
    let doc = plan(&out);
    let decisions = doc["decisions"].as_array().expect("decisions written");
    // P2…P7 have 7 containers between them (P3 two).
    assert_eq!(decisions.len(), 7);
    let routed: Vec<&str> = doc["routes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["trips"].as_array().unwrap())
        .flat_map(|t| t["stops"].as_array().unwrap())
        .filter_map(|s| s["id"].as_str())
        .collect();
    for d in decisions {
        let (decision, outcome, stop) = (
            d["decision"].as_str().unwrap(),
            d["outcome"].as_str().unwrap(),
            d["stop_id"].as_str().unwrap(),
        );
        assert!(d["reason"].as_str().unwrap().contains("next chance"), "{d}");
        match decision {
            "skip" => {
                assert_eq!(outcome, "skipped");
                assert!(!routed.contains(&stop), "{stop} is skipped but routed");
            }
            "must" => {
                assert_eq!(outcome, "served", "{d}");
                assert!(routed.contains(&stop), "{stop} must but not routed");
            }
            "optional" => assert_eq!(outcome == "served", routed.contains(&stop), "{d}"),
            other => panic!("unknown decision {other}"),
        }
    }
    // The plan, decisions included, passes the independent check.
    let o = run([
        "check".as_ref(),
        SENSORS.as_ref(),
        out.join("plan.json").as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", streams(&o));
}

#[test]
fn routes_csv_and_the_report_say_why() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("plan");
    plan(&out);
    let csv = std::fs::read_to_string(out.join("routes.csv")).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",decision,reason"), "{header}");
    let skipped: Vec<&str> = csv.lines().filter(|l| l.contains(",skipped,")).collect();
    assert_eq!(skipped.len(), 3, "P3/food, P4/other, P6/other:\n{csv}");
    assert!(skipped.iter().all(|l| l.contains("can wait")));
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("Tonight&#39;s decisions") || html.contains("Tonight's decisions"));
    assert!(html.contains("would overflow"));
}

#[test]
fn a_scenario_without_monitoring_writes_no_decisions() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("plan");
    let o = run([
        "plan".as_ref(),
        "tests/fixtures/scenario/tiny/scenario.toml".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", streams(&o));
    let json = std::fs::read_to_string(out.join("plan.json")).unwrap();
    assert!(!json.contains("\"decisions\""));
    let csv = std::fs::read_to_string(out.join("routes.csv")).unwrap();
    assert!(!csv.lines().next().unwrap().contains("decision"));
}

/// Copies the sensors fixture into `dir` with `edit` applied to one file's text.
fn edited(dir: &Path, file: &str, edit: impl Fn(&str) -> String) -> std::path::PathBuf {
    let src = Path::new("tests/fixtures/scenario/sensors");
    for f in [
        "scenario.toml",
        "sites.csv",
        "depots.csv",
        "facilities.csv",
        "vehicles.csv",
        "readings.csv",
    ] {
        let text = std::fs::read_to_string(src.join(f)).unwrap();
        let text = if f == file { edit(&text) } else { text };
        // The network stays where the fixture points, relative to the copy.
        let text = text.replace(
            "../tiny/",
            &format!(
                "{}/",
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/fixtures/scenario/tiny")
                    .display()
            ),
        );
        std::fs::write(dir.join(f), text).unwrap();
    }
    dir.join("scenario.toml")
}

/// A file to edit, the edit, and what the message must name.
type Case = (&'static str, fn(&str) -> String, &'static [&'static str]);

#[test]
fn bad_monitoring_input_names_file_line_and_column() {
    let cases: [Case; 5] = [
        (
            "sites.csv",
            |t| t.replace("on demand,1.1,0.24", "sometimes,1.1,0.24"),
            &["sites.csv:4", "frequency", "sometimes"],
        ),
        (
            "sites.csv",
            |t| t.replace(",mon;thu,0.66,", ",mon;thu,-2,"),
            &["sites.csv:6", "other_container_m3"],
        ),
        (
            "sites.csv",
            |t| t.replace("2026-02-26T02:00:00+02:00", "2026-02-26 02:00"),
            &["sites.csv:6", "last_emptied", "offset"],
        ),
        (
            "readings.csv",
            |t| t.replacen("P2,other", "P9,other", 1),
            &["readings.csv:2", "P9"],
        ),
        (
            "scenario.toml",
            |t| t.replace("service_level = 0.9", "service_level = 1.5"),
            &["scenario.toml", "service_level"],
        ),
    ];
    for (file, edit, needles) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let toml = edited(tmp.path(), file, edit);
        let o = run(["validate".as_ref(), toml.as_os_str()]);
        assert_eq!(o.status.code(), Some(2), "{file}: {}", streams(&o));
        let text = streams(&o);
        for n in needles {
            assert!(text.contains(n), "{file}: expected `{n}` in\n{text}");
        }
    }
}

#[test]
fn check_refuses_a_must_site_left_out_as_not_worth_its_prize() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("plan");
    let mut doc = plan(&out);
    // Take the must-site P2/other (it would overflow) off its route and call it a choice.
    for route in doc["routes"].as_array_mut().unwrap() {
        for trip in route["trips"].as_array_mut().unwrap() {
            trip["stops"]
                .as_array_mut()
                .unwrap()
                .retain(|s| s["id"] != "P2/other");
        }
    }
    doc["unassigned"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"id": "P2/other", "reason": "not_worth_prize"}));
    let edited = tmp.path().join("edited.json");
    std::fs::write(&edited, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    let o = run(["check".as_ref(), SENSORS.as_ref(), edited.as_os_str()]);
    assert_eq!(o.status.code(), Some(1), "{}", streams(&o));
    assert!(
        cli_support::stdout(&o).contains(
            "site P2/other: left out as `not_worth_prize`, but it must be served tonight"
        ),
        "{}",
        streams(&o)
    );
}

#[test]
fn check_compares_written_decisions_and_prizes_with_the_scenario() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("plan");
    let mut doc = plan(&out);
    for d in doc["decisions"].as_array_mut().unwrap() {
        if d["decision"] == "skip" && d["stop_id"] == "P6/other" {
            d["decision"] = "must".into();
        }
        if d["decision"] == "optional" {
            d["prize"] = serde_json::json!(1_000_000.0);
        }
    }
    let edited = tmp.path().join("edited.json");
    std::fs::write(&edited, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    let o = run(["check".as_ref(), SENSORS.as_ref(), edited.as_os_str()]);
    assert_eq!(o.status.code(), Some(1), "{}", streams(&o));
    let text = cli_support::stdout(&o);
    assert!(
        text.contains("decision for P6/other: written `must`, the scenario decides `skip`"),
        "{text}"
    );
    assert!(text.contains("prize written Some(1000000.0)"), "{text}");
}
