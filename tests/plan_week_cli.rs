//! `wasteroute plan-week` and `check-week` on the tiny grid's week (every frequency,
//! two monitored sites): every site's days match its frequency, a seed and an iteration
//! budget give the same folder whatever the thread count, check-week catches a site
//! moved to another day, bad input exits 2, and a failed run leaves an earlier week whole.

mod cli_support;

use cli_support::{run, stdout, streams};
use std::fs;
use std::path::Path;

const WEEK: &str = "tests/fixtures/scenario/week/scenario.toml";
const SAMPLE: &str = "data/sample/scenario.toml";

fn plan_week(scenario: &str, out: &Path, threads: &str, extra: &[&str]) -> std::process::Output {
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "plan-week".as_ref(),
        scenario.as_ref(),
        "--threads".as_ref(),
        threads.as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ];
    // A seed and a budget unless the test gives its own.
    for (flag, value) in [("--seed", "5"), ("--iterations", "150")] {
        if !extra.contains(&flag) {
            args.extend([std::ffi::OsStr::new(flag), value.as_ref()]);
        }
    }
    args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
    run(args)
}

fn check_week(scenario: &str, dir: &Path) -> std::process::Output {
    run(["check-week".as_ref(), scenario.as_ref(), dir.as_os_str()])
}

/// Every file under `dir`, relative path → bytes.
fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn every_site_gets_days_its_frequency_allows_and_check_week_agrees() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("week");
    let o = plan_week(WEEK, &out, "1", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", streams(&o));
    for d in 2..=8 {
        let day = out.join(format!("2026-03-{d:02}"));
        for f in ["plan.json", "routes.csv", "routes.geojson", "report.html"] {
            assert!(day.join(f).is_file(), "{}", day.join(f).display());
        }
    }
    let week: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("week.json")).unwrap()).unwrap();
    assert_eq!(week["days"], 7);
    let days_of = |id: &str| -> Vec<u64> {
        let site = week["sites"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap();
        site["days"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d.as_u64().unwrap())
            .collect()
    };
    assert_eq!(days_of("W01"), vec![0, 1, 2, 3, 4, 5, 6], "daily");
    assert_eq!(
        days_of("W11"),
        vec![0, 1, 2, 3, 4, 5, 6],
        "no frequency: daily"
    );
    // 2 March 2026 is a Monday: Mondays and Thursdays are days 0 and 3.
    assert_eq!(days_of("W07"), vec![0, 3]);
    for id in ["W02", "W03", "W04", "W09"] {
        let d = days_of(id);
        assert_eq!(d.len(), 3, "{id}: 3/week");
        // Spread evenly: never two nights in a row, around the week too.
        let gaps: Vec<u64> = d
            .iter()
            .zip(d.iter().cycle().skip(1))
            .map(|(a, b)| (b + 7 - a) % 7)
            .collect();
        assert!(gaps.iter().all(|g| (2..=3).contains(g)), "{id}: {d:?}");
    }
    let every2 = days_of("W08");
    assert!(every2.windows(2).all(|w| w[1] - w[0] == 2), "{every2:?}");
    // Emptied on the night of 28 February, 3/week: due again by day 1.
    assert!(days_of("W09")[0] <= 1);
    // On demand at 50 kg/day into a 165 kg container, last emptying unknown (taken as
    // the night before): emptied on the last night before it would overflow.
    assert_eq!(days_of("W10"), vec![2, 5]);
    let csv = fs::read_to_string(out.join("week.csv")).unwrap();
    assert!(
        csv.starts_with("id,name,frequency,pattern,2026-03-02,"),
        "{csv}"
    );
    let html = fs::read_to_string(out.join("week.html")).unwrap();
    assert!(
        html.contains("Driver hours") && html.contains("W07"),
        "week.html"
    );
    let c = check_week(WEEK, &out);
    assert_eq!(c.status.code(), Some(0), "{}", streams(&c));
    assert!(stdout(&c).contains("every site's days match its frequency"));
}

#[test]
fn the_same_seed_and_budget_give_the_same_week_whatever_the_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("one"), tmp.path().join("two"));
    let o = plan_week(WEEK, &a, "1", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", streams(&o));
    let o = plan_week(WEEK, &b, "2", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", streams(&o));
    let (ta, tb) = (tree(&a), tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (name, bytes) in &ta {
        assert!(tb[name] == *bytes, "{name} differs between 1 and 2 threads");
    }
}

#[test]
fn check_week_catches_a_site_moved_to_another_day() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("week");
    let o = plan_week(WEEK, &out, "1", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", streams(&o));
    // W07 is Monday and Thursday: move its Monday stop to Tuesday's first route.
    let read = |d: &str| -> serde_json::Value {
        serde_json::from_slice(&fs::read(out.join(d).join("plan.json")).unwrap()).unwrap()
    };
    let mut monday = read("2026-03-02");
    let mut tuesday = read("2026-03-03");
    let mut moved = None;
    for r in monday["routes"].as_array_mut().unwrap() {
        for t in r["trips"].as_array_mut().unwrap() {
            let stops = t["stops"].as_array_mut().unwrap();
            if let Some(i) = stops.iter().position(|s| s["id"] == "W07") {
                moved = Some(stops.remove(i));
            }
        }
    }
    let moved = moved.expect("W07 is served on Monday");
    let stops = tuesday["routes"][0]["trips"][0]["stops"]
        .as_array_mut()
        .unwrap();
    stops.insert(1, moved);
    fs::write(
        out.join("2026-03-02/plan.json"),
        serde_json::to_vec(&monday).unwrap(),
    )
    .unwrap();
    fs::write(
        out.join("2026-03-03/plan.json"),
        serde_json::to_vec(&tuesday).unwrap(),
    )
    .unwrap();
    let c = check_week(WEEK, &out);
    assert_eq!(c.status.code(), Some(1), "{}", streams(&c));
    let text = stdout(&c);
    assert!(
        text.contains("site W07") && text.contains("mon;thu") && text.contains("2026-03-03"),
        "{text}"
    );
}

#[test]
fn bad_input_exits_2_with_a_clear_message() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("week");
    for days in ["0", "65"] {
        let o = plan_week(WEEK, &out, "1", &["--days", days]);
        assert_eq!(o.status.code(), Some(2), "--days {days}: {}", streams(&o));
        assert!(!out.exists());
    }
    // 2/week and 3/week sites cannot be planned over 3 days.
    let o = plan_week(WEEK, &out, "1", &["--days", "3"]);
    assert_eq!(o.status.code(), Some(2), "{}", streams(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("sites.csv, line") && err.contains("frequency") && err.contains("--days 7"),
        "{err}"
    );
    let o = plan_week("tests/fixtures/no/such/scenario.toml", &out, "1", &[]);
    assert_eq!(o.status.code(), Some(2), "{}", streams(&o));
    assert!(!out.exists(), "nothing written on bad input");
}

#[test]
fn a_failed_run_leaves_an_earlier_week_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("week");
    let o = plan_week(WEEK, &out, "1", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", streams(&o));
    let before = tree(&out);
    // A folder where this week's week.json must go: the new week cannot be committed.
    let blocked = tmp.path().join("blocked");
    fs::create_dir_all(blocked.join("week.json")).unwrap();
    fs::write(blocked.join("keep.txt"), "mine").unwrap();
    let o = plan_week(WEEK, &blocked, "1", &["--seed", "9"]);
    assert_ne!(o.status.code(), Some(0), "{}", streams(&o));
    assert_eq!(fs::read(blocked.join("keep.txt")).unwrap(), b"mine");
    assert!(
        !blocked.join("2026-03-02").exists(),
        "no half-written day folder is left"
    );
    // The earlier week is untouched by the failed run.
    assert_eq!(tree(&out), before);
    // No temporary folder left beside the output.
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn the_sample_plans_its_week_by_each_sites_frequency() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("week");
    let o = plan_week(SAMPLE, &out, "1", &["--days", "7", "--iterations", "100"]);
    let code = o.status.code();
    assert!(code == Some(0) || code == Some(1), "{}", streams(&o));
    let csv = fs::read_to_string(out.join("week.csv")).unwrap();
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    assert_eq!(rows.len(), 300);
    let mut frequencies = std::collections::BTreeSet::new();
    for r in &rows {
        // id, name, frequency, pattern, then one cell per day.
        let days = r[3].split(';').count();
        let expected = match r[2] {
            "daily" => Some(7),
            "3/week" => Some(3),
            "2/week" => Some(2),
            _ => None,
        };
        if let Some(n) = expected {
            assert_eq!(days, n, "{r:?}");
        }
        frequencies.insert(r[2]);
    }
    assert!(frequencies.len() >= 3, "{frequencies:?}");
    let c = check_week(SAMPLE, &out);
    assert_eq!(c.status.code(), Some(0), "{}", streams(&c));
    assert!(
        String::from_utf8_lossy(&c.stdout).contains("every site's days match its frequency"),
        "{}",
        streams(&c)
    );
}
