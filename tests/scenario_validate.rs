//! `scenario::load` on fixtures: a valid scenario, and one fixture per family of mistakes,
//! checking that every problem is reported at once, with its file, line and column.

use std::path::Path;
use wasteroute::scenario::{self, Severity};

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/scenario")
        .join(name)
        .join("scenario.toml")
}

#[test]
fn tiny_scenario_loads_without_warnings() {
    let loaded = scenario::load(&fixture("tiny")).expect("tiny fixture is valid");
    assert!(loaded.warnings.is_empty(), "{}", loaded.warnings);
    let s = &loaded.scenario;
    assert_eq!(s.sites.len(), 7);
    assert_eq!(s.vehicles.len(), 2);
    // P1 has `other` and `food` demand: two jobs, in stream order (food before other).
    let p1 = &s.sites[0];
    let streams: Vec<&str> = p1
        .demands
        .iter()
        .map(|(st, _)| s.streams.name(*st))
        .collect();
    assert_eq!(streams, ["food", "other"]);
    // The night shift 23:00-06:30 is one stretch on the time line.
    assert_eq!(s.vehicles[0].shift.start.get(), 23 * 3600);
    assert_eq!(s.vehicles[0].shift.end.get(), 30 * 3600 + 1800);
    // The break window 02:00-03:30 lands inside the shift, after midnight.
    assert_eq!(
        s.vehicles[0].break_rule.unwrap().window.start.get(),
        26 * 3600
    );
    // Facility limit in tonnes becomes kg.
    assert_eq!(s.facilities[0].daily_limit.unwrap().0[0].get(), 20_000);
}

/// (code, file name, line) triples that the `bad` fixture must produce.
const EXPECTED_BAD: &[(&str, &str, Option<u64>)] = &[
    ("out_of_range", "depots.csv", Some(3)),
    ("duplicate_id", "depots.csv", Some(4)),
    ("bad_kind", "facilities.csv", Some(2)),
    ("unknown_stream", "facilities.csv", Some(3)),
    ("facility_closed_during_shifts", "facilities.csv", Some(5)),
    ("intake_limits_too_small", "facilities.csv", None),
    ("unknown_column", "sites.csv", Some(1)),
    ("duplicate_id", "sites.csv", Some(3)),
    ("unknown_stream", "sites.csv", Some(4)),
    ("missing_location", "sites.csv", Some(5)),
    ("overlapping_windows", "sites.csv", Some(6)),
    ("no_demand", "sites.csv", Some(7)),
    ("unknown_id", "sites.csv", Some(8)),
    ("no_vehicle_for_stream", "sites.csv", Some(9)),
    ("no_facility_for_stream", "sites.csv", Some(10)),
    ("demand_exceeds_capacity", "sites.csv", Some(11)),
    ("window_unreachable", "sites.csv", Some(12)),
    ("shift_too_short", "sites.csv", Some(13)),
    ("bad_time", "sites.csv", Some(14)),
    ("out_of_range", "sites.csv", Some(15)),
    ("unknown_id", "vehicles.csv", Some(2)),
    ("bad_number", "vehicles.csv", Some(4)),
    ("break_outside_shift", "vehicles.csv", Some(5)),
    ("unknown_id", "vehicles.csv", Some(6)),
];

#[test]
fn every_mistake_is_reported_at_once_with_its_position() {
    let invalid = scenario::load(&fixture("bad")).expect_err("bad fixture must fail");
    let items = invalid.0.items();
    for (code, file, line) in EXPECTED_BAD {
        let found = items.iter().any(|d| {
            d.code == *code
                && d.file.file_name().is_some_and(|f| f == *file)
                && d.line == *line
                && !d.hint.is_empty()
        });
        assert!(found, "missing {code} at {file}:{line:?} in\n{}", invalid.0);
    }
    // Nothing is reported that the fixture does not contain.
    assert_eq!(items.len(), EXPECTED_BAD.len(), "{}", invalid.0);
    // Sites that will be left out are warnings; malformed cells are errors.
    let severity = |code: &str| items.iter().find(|d| d.code == code).unwrap().severity;
    assert_eq!(severity("no_vehicle_for_stream"), Severity::Warning);
    assert_eq!(severity("bad_number"), Severity::Error);
}

#[test]
fn a_typo_in_a_toml_key_names_the_line_and_the_known_keys() {
    let invalid = scenario::load(&fixture("bad_toml")).expect_err("typo must fail");
    let d = &invalid.0.items()[0];
    assert_eq!(d.code, "bad_toml");
    assert_eq!(d.line, Some(8));
    assert!(d.message.contains("max_snap_distnace_m"), "{}", d.message);
    assert!(d.message.contains("max_snap_distance_m"), "{}", d.message);
}

#[test]
fn missing_files_and_bad_settings_are_all_listed() {
    let invalid = scenario::load(&fixture("missing_files")).expect_err("must fail");
    let codes: Vec<&str> = invalid.0.items().iter().map(|d| d.code).collect();
    for code in ["file_unreadable", "bad_date", "out_of_range", "unknown_id"] {
        assert!(codes.contains(&code), "{code} not in {codes:?}");
    }
    assert_eq!(codes.iter().filter(|c| **c == "file_unreadable").count(), 2);
}
