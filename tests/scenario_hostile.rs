//! Hostile scenarios, one class per test: a rejected row anywhere in a table, absurd but
//! parsable numbers, markup in every text field, ids that collide with stop ids, and
//! messages that must not mislead. Each starts from the `tiny` fixture copied into a
//! temporary folder and changes one thing.

use std::fs;
use std::path::{Path, PathBuf};
use wasteroute::output::write_plan_dir;
use wasteroute::planner::night::{RunOptions, RunResult, run};
use wasteroute::scenario::{self, Severity, build};

/// The `tiny` fixture in a temporary folder, to be edited.
struct Copy {
    dir: tempfile::TempDir,
}

impl Copy {
    fn tiny() -> Copy {
        let dir = tempfile::tempdir().unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenario/tiny");
        for entry in fs::read_dir(&src).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_file() {
                fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
            }
        }
        Copy { dir }
    }

    fn path(&self, file: &str) -> PathBuf {
        self.dir.path().join(file)
    }

    fn toml(&self) -> PathBuf {
        self.path("scenario.toml")
    }

    fn read(&self, file: &str) -> String {
        fs::read_to_string(self.path(file)).unwrap()
    }

    fn write(&self, file: &str, text: &str) {
        fs::write(self.path(file), text).unwrap();
    }

    /// Replaces the first occurrence of `from` in `file` (which must hold it).
    fn replace(&self, file: &str, from: &str, to: &str) {
        let text = self.read(file);
        assert!(text.contains(from), "{file} has no `{from}`");
        self.write(file, &text.replacen(from, to, 1));
    }

    /// Sets one cell of a CSV table: `row` counts data rows from 0.
    fn set_cell(&self, file: &str, row: usize, column: &str, value: &str) {
        let mut reader = csv::Reader::from_path(self.path(file)).unwrap();
        let mut headers = reader.headers().unwrap().clone();
        let mut rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        // A column the fixture lacks is added, empty in the other rows.
        let col = match headers.iter().position(|h| h == column) {
            Some(col) => col,
            None => {
                headers.push_field(column);
                rows.iter_mut().for_each(|r| r.push(String::new()));
                headers.len() - 1
            }
        };
        rows[row][col] = value.to_string();
        let mut w = csv::Writer::from_path(self.path(file)).unwrap();
        w.write_record(&headers).unwrap();
        for r in rows {
            w.write_record(r).unwrap();
        }
        w.flush().unwrap();
    }

    /// Adds a second depot `D2` (line 3 of depots.csv) and moves vehicle `S1` to it.
    fn with_second_depot(&self) {
        let depots = self.read("depots.csv");
        self.write(
            "depots.csv",
            &format!("{depots}D2,Second depot,,,1003,21:00-08:00\n"),
        );
        self.set_cell("vehicles.csv", 1, "depot", "D2");
    }
}

/// Loads and builds; the problems as `code@file:line` strings, or `Ok` with warnings.
fn problems(toml: &Path) -> Result<Vec<String>, Vec<String>> {
    let describe = |d: &scenario::Diagnostic| {
        format!(
            "{}@{}:{}",
            d.code,
            d.file.file_name().unwrap().to_string_lossy(),
            d.line.map_or("-".into(), |l| l.to_string())
        )
    };
    match scenario::load(toml) {
        Err(invalid) => {
            for d in invalid.0.items() {
                assert!(!d.hint.is_empty(), "no hint: {d}");
            }
            Err(invalid.0.items().iter().map(describe).collect())
        }
        Ok(loaded) => match build::build(&loaded.scenario, &mut |_, _| {}) {
            Err(invalid) => Err(invalid.0.items().iter().map(describe).collect()),
            Ok(built) => Ok(built.warnings.items().iter().map(describe).collect()),
        },
    }
}

/// Loads, builds and plans the copy with a budget of 50 iterations.
fn plan(c: &Copy) -> RunResult {
    let loaded = scenario::load(&c.toml()).expect("valid");
    let built = build::build(&loaded.scenario, &mut |_, _| {}).expect("builds");
    let options = RunOptions {
        iterations: Some(50),
        ..RunOptions::default()
    };
    run(&loaded.scenario, &built, &options, &mut |_| {}).expect("plans")
}

fn assert_has(found: &[String], wanted: &str) {
    assert!(
        found.iter().any(|f| f == wanted),
        "expected {wanted} among {found:?}"
    );
}

/// Any row of depots.csv (not only the first) may be rejected, for any reason: the
/// vehicles that name it get an error pointing at that row, and nothing panics.
#[test]
fn a_rejected_depot_row_is_reported_where_vehicles_name_it() {
    for (column, value) in [
        ("node_id", "inf"),
        ("node_id", "north gate"),
        ("hours", "21:00-23:00;01:00-08:00"),
        ("hours", "evening"),
    ] {
        let c = Copy::tiny();
        c.with_second_depot();
        c.set_cell("depots.csv", 1, column, value);
        let found = problems(&c.toml()).expect_err("the depot row is bad");
        assert!(
            found.iter().any(|f| f.ends_with("@depots.csv:3")),
            "{column}={value}: {found:?}"
        );
        assert_has(&found, "rejected_reference@vehicles.csv:3");
    }
    // A missing `node_id` column with coordinates for one depot only: the other row is
    // rejected, whichever it is.
    let c = Copy::tiny();
    c.with_second_depot();
    c.write(
        "depots.csv",
        "id,name,lat,lon,hours\nD1,Grid depot,60.17,24.94,21:00-08:00\nD2,Second depot,,,21:00-08:00\n",
    );
    let found = problems(&c.toml()).expect_err("D2 has no location");
    assert_has(&found, "missing_location@depots.csv:3");
    assert_has(&found, "rejected_reference@vehicles.csv:3");
}

/// The same for the other tables a row of which others name: facilities (named by
/// vehicles) and vehicles (named by sites).
#[test]
fn rejected_facility_and_vehicle_rows_are_reported_where_they_are_named() {
    let c = Copy::tiny();
    c.set_cell("vehicles.csv", 0, "facilities", "F2");
    c.set_cell("facilities.csv", 1, "unload_min", "soon");
    let found = problems(&c.toml()).expect_err("F2 is bad");
    assert_has(&found, "bad_number@facilities.csv:3");
    assert_has(&found, "rejected_reference@vehicles.csv:2");

    let c = Copy::tiny();
    c.set_cell("vehicles.csv", 1, "capacity_kg", "-5");
    let found = problems(&c.toml()).expect_err("S1 is bad");
    assert_has(&found, "out_of_range@vehicles.csv:3");
    // P5 may only be served by S1.
    assert_has(&found, "rejected_reference@sites.csv:6");
}

/// Numbers that parse but make no sense are refused with file, line and column, each
/// against its documented range.
#[test]
fn absurd_numbers_in_tables_are_out_of_range() {
    for (file, row, column, value) in [
        ("sites.csv", 0, "service_min", "1e18"),
        ("sites.csv", 1, "other_kg", "1e300"),
        ("sites.csv", 2, "lat", "1e9"),
        ("facilities.csv", 0, "unload_min", "1e18"),
        ("facilities.csv", 0, "daily_limit_t", "1e300"),
        ("vehicles.csv", 0, "fixed_cost", "1e18"),
        ("vehicles.csv", 0, "cost_per_km", "1e18"),
        ("vehicles.csv", 1, "cost_per_hour", "1e18"),
        ("vehicles.csv", 1, "break_min", "100000"),
        ("vehicles.csv", 0, "capacity_kg", "1e15"),
    ] {
        let c = Copy::tiny();
        c.set_cell(file, row, column, value);
        let found = problems(&c.toml()).expect_err(column);
        let line = row + 2;
        assert_has(&found, &format!("out_of_range@{file}:{line}"));
    }
    let c = Copy::tiny();
    c.set_cell("vehicles.csv", 0, "count", "18446744073709551615");
    let found = problems(&c.toml()).expect_err("count");
    assert_has(&found, "bad_number@vehicles.csv:2");
}

#[test]
fn absurd_objective_settings_are_out_of_range() {
    for (key, value) in [
        ("unassigned_penalty = 10000", "unassigned_penalty = 1e300"),
        ("unassigned_penalty = 10000", "fixed_weight = 1e308"),
        ("unassigned_penalty = 10000", "time_weight = 1e7"),
        ("time_limit_s = 5", "time_limit_s = 1e300"),
        ("max_snap_distance_m = 120", "max_snap_distance_m = 1e300"),
    ] {
        let c = Copy::tiny();
        c.replace("scenario.toml", key, value);
        let invalid = scenario::load(&c.toml()).expect_err(value);
        assert!(
            invalid.0.items().iter().any(|d| d.code == "out_of_range"),
            "{value}: {}",
            invalid.0
        );
    }
}

/// Each number inside its range, yet together beyond what 64-bit sums hold: refused with
/// a message that says which parts are too large, not wrapped into negative costs.
#[test]
fn weights_and_costs_that_multiply_past_64_bits_are_refused() {
    let c = Copy::tiny();
    c.replace(
        "scenario.toml",
        "unassigned_penalty = 10000",
        "fixed_weight = 1000000\ndistance_weight = 1000000\ntime_weight = 1000000\nunassigned_penalty = 1000000000",
    );
    for row in 0..2 {
        for column in ["fixed_cost", "cost_per_km", "cost_per_hour"] {
            c.set_cell("vehicles.csv", row, column, "1000000000");
        }
    }
    let found = problems(&c.toml()).expect_err("too large together");
    assert_has(&found, "objective_too_large@scenario.toml:-");
}

/// Large but plausible numbers plan to a plan the checker accepts, with no negative total
/// anywhere and times that still print.
#[test]
fn large_plausible_numbers_plan_with_non_negative_totals() {
    let c = Copy::tiny();
    c.set_cell("sites.csv", 0, "service_min", "60");
    c.set_cell("facilities.csv", 0, "unload_min", "90");
    for column in ["fixed_cost", "cost_per_km", "cost_per_hour"] {
        c.set_cell("vehicles.csv", 0, column, "1000000000");
    }
    let result = plan(&c);
    assert!(result.check.is_feasible());
    let s = &result.document.meta.summary;
    assert!(
        s.cost >= 0 && s.distance_m >= 0 && s.duration_s >= 0,
        "{s:?}"
    );
    for r in &result.document.routes {
        assert!(
            r.totals.cost >= 0 && r.totals.duration_s >= 0,
            "{:?}",
            r.totals
        );
    }
}

/// Markup in every text a scenario holds comes out escaped in report.html (and its SVG
/// map), and the plan still reads back.
#[test]
fn markup_in_every_text_field_is_escaped_in_the_report() {
    const EVIL: &str = "<script>alert(1)</script>\"'&";
    let c = Copy::tiny();
    for (key, value) in [
        ("name = \"tiny grid\"", format!("name = {EVIL:?}")),
        ("currency = \"EUR\"", format!("currency = {EVIL:?}")),
        (
            "time_zone = \"Europe/Helsinki\"",
            format!("time_zone = {EVIL:?}"),
        ),
    ] {
        c.replace("scenario.toml", key, &value);
    }
    for (file, rows) in [
        ("sites.csv", 7),
        ("depots.csv", 1),
        ("facilities.csv", 2),
        ("vehicles.csv", 2),
    ] {
        for row in 0..rows {
            c.set_cell(file, row, "name", &format!("{EVIL}{row}"));
        }
    }
    // Ids too (each still unique, and without the `/` site ids may not hold), with the
    // references to them.
    const EVIL_ID: &str = "<img src=x onerror=alert(2)>\"'&";
    c.set_cell("sites.csv", 1, "id", &format!("{EVIL_ID}P2"));
    c.set_cell("facilities.csv", 0, "id", &format!("{EVIL_ID}F1"));
    c.set_cell("depots.csv", 0, "id", &format!("{EVIL_ID}D1"));
    for row in 0..2 {
        c.set_cell("vehicles.csv", row, "depot", &format!("{EVIL_ID}D1"));
    }
    c.set_cell("vehicles.csv", 1, "id", &format!("{EVIL_ID}S1"));
    c.set_cell("sites.csv", 4, "vehicles", &format!("{EVIL_ID}S1"));

    let result = plan(&c);
    let out = tempfile::tempdir().unwrap();
    write_plan_dir(out.path(), &result.document).unwrap();
    let html = fs::read_to_string(out.path().join("report.html")).unwrap();
    assert!(
        html.contains("&lt;script&gt;"),
        "the texts are in the report"
    );
    assert!(!html.contains("<script"), "unescaped markup in report.html");
    assert!(!html.contains("<img"), "unescaped markup in report.html");
    // The JSON and CSV outputs carry the text as data and read back unchanged.
    let plan: serde_json::Value =
        serde_json::from_slice(&fs::read(out.path().join("plan.json")).unwrap()).unwrap();
    assert_eq!(plan["meta"]["summary"]["currency"], EVIL);
    serde_json::from_slice::<serde_json::Value>(
        &fs::read(out.path().join("routes.geojson")).unwrap(),
    )
    .expect("routes.geojson is JSON");
}

/// A site id with the stop-id separator is refused: `P4/food` could otherwise name the
/// food stop of site P4.
#[test]
fn a_site_id_that_could_collide_with_a_stop_id_is_refused() {
    let c = Copy::tiny();
    c.set_cell("sites.csv", 5, "id", "P1/food");
    let found = problems(&c.toml()).expect_err("reserved separator");
    assert_has(&found, "reserved_character@sites.csv:7");
}

/// Vehicle rows rejected for their own reasons do not also say "all counts are 0", and an
/// empty table says it is empty.
#[test]
fn messages_name_the_real_problem() {
    let c = Copy::tiny();
    c.set_cell("vehicles.csv", 0, "depot", "NOWHERE");
    c.set_cell("vehicles.csv", 1, "max_stops", "0");
    let invalid = scenario::load(&c.toml()).expect_err("no vehicle row is valid");
    let codes: Vec<&str> = invalid.0.items().iter().map(|d| d.code).collect();
    assert!(!codes.contains(&"no_vehicles"), "{}", invalid.0);
    assert!(codes.contains(&"unknown_id") && codes.contains(&"bad_number"));

    let c = Copy::tiny();
    c.write("depots.csv", "id,name,lat,lon,node_id,hours\n");
    let found = problems(&c.toml()).expect_err("no depot");
    assert_has(&found, "empty_table@depots.csv:1");

    let c = Copy::tiny();
    c.set_cell("sites.csv", 1, "windows", "-1:00-02:00");
    let invalid = scenario::load(&c.toml()).expect_err("negative time");
    let d = invalid
        .0
        .items()
        .iter()
        .find(|d| d.code == "bad_time")
        .expect("bad_time");
    assert_eq!(d.severity, Severity::Error);
    assert!(d.message.contains("`-1:00-02:00` is not a window"), "{d}");
}

/// A UTC offset is exactly `±HH:MM`: loose forms that a number parser would take
/// (`++1:00`, `+1:5`, `+7:00`) are refused by `validate`, as by `generate --utc-offset`.
#[test]
fn loose_utc_offsets_are_refused() {
    for bad in [
        "++1:00",
        "+1:5",
        "+7:00",
        "07:00",
        "+07:00:00",
        "+15:00",
        "+07:60",
    ] {
        let c = Copy::tiny();
        c.replace(
            "scenario.toml",
            "utc_offset = \"+02:00\"",
            &format!("utc_offset = \"{bad}\""),
        );
        let invalid = scenario::load(&c.toml()).expect_err(bad);
        assert!(
            invalid
                .0
                .items()
                .iter()
                .any(|d| d.message.contains("is not an offset")),
            "{bad}: {}",
            invalid.0
        );
    }
    for good in ["+07:00", "-09:30", "+00:00", "+14:00"] {
        assert!(
            wasteroute::scenario::time_of_day::parse_offset(good).is_some(),
            "{good}"
        );
    }
}
