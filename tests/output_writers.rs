//! The plan writers on the example document: content, determinism, golden files, and
//! all-or-nothing writing.
//!
//! Golden files live in `tests/fixtures/output/example/`; after an intended change to a
//! writer, regenerate them with `UPDATE_GOLDEN=1 cargo test --test output_writers` and
//! review the diff.

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use wasteroute::output::{
    PLAN_JSON, PlanDocument, REPORT_HTML, ROUTES_CSV, ROUTES_GEOJSON, WriteError, geojson,
    plan_json, report_html, routes_csv, write_all_or_nothing, write_plan_dir,
};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/output/example")
}

/// Compares with a golden file, printing the first differing lines to make the diff readable.
fn assert_golden(name: &str, actual: &[u8]) {
    let path = golden_dir().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::create_dir_all(golden_dir()).unwrap();
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let (e, a) = (
            String::from_utf8_lossy(&expected),
            String::from_utf8_lossy(actual),
        );
        let diff: Vec<String> = e
            .lines()
            .zip(a.lines())
            .enumerate()
            .filter(|(_, (x, y))| x != y)
            .take(5)
            .map(|(i, (x, y))| format!("line {}:\n  - {x}\n  + {y}", i + 1))
            .collect();
        panic!(
            "{name} differs from {} ({} vs {} lines):\n{}\nrun with UPDATE_GOLDEN=1 if the change is intended",
            path.display(),
            e.lines().count(),
            a.lines().count(),
            diff.join("\n")
        );
    }
}

#[test]
fn routes_csv_has_one_row_per_stop_and_matches_golden() {
    let doc = PlanDocument::example();
    let bytes = routes_csv::render(&doc).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "vehicle");
    assert!(header.iter().any(|h| h == "load_after_weight_kg"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let stops: usize = doc
        .routes
        .iter()
        .flat_map(|r| &r.trips)
        .map(|t| t.stops.len())
        .sum();
    assert_eq!(rows.len(), stops);
    // The break after midnight is in trip 1, dated the next day.
    let brk = rows.iter().find(|r| &r[4] == "break").unwrap();
    assert_eq!(&brk[2], "1");
    assert_eq!(&brk[11], "2026-11-30T00:00:00+07:00");
    // Sequence runs over the whole route.
    let seq: Vec<&str> = rows.iter().map(|r| &r[3]).collect();
    assert_eq!(seq, ["1", "2", "3", "4", "5", "6", "7", "8"]);
    assert_golden(ROUTES_CSV, &bytes);
}

#[test]
fn plan_json_round_trips_and_matches_golden() {
    let doc = PlanDocument::example();
    let bytes = plan_json::render(&doc).unwrap();
    let back: PlanDocument = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(back.routes, doc.routes);
    assert_eq!(back.meta, doc.meta);
    assert!(
        back.road_background.is_none(),
        "the road background stays out of plan.json"
    );
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.starts_with("{\n  \"format_version\": 1,\n  \"meta\""));
    assert_golden(PLAN_JSON, &bytes);
}

#[test]
fn geojson_is_rfc7946_shaped_and_matches_golden() {
    let doc = PlanDocument::example();
    let bytes = geojson::render(&doc).unwrap();
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    assert!(v.get("crs").is_none(), "RFC 7946 has no crs member");
    let features = v["features"].as_array().unwrap();
    let of = |kind: &'static str| {
        features
            .iter()
            .filter(move |f| f["properties"]["feature"] == kind)
    };
    assert_eq!(of("trip").count(), 2);
    assert_eq!(of("stop").count(), 8);
    assert_eq!(of("unassigned").count(), 1);
    for f in features {
        assert_eq!(f["type"], "Feature");
        let g = &f["geometry"];
        let positions: Vec<&Value> = match g["type"].as_str().unwrap() {
            "LineString" => g["coordinates"].as_array().unwrap().iter().collect(),
            "Point" => vec![&g["coordinates"]],
            other => panic!("unexpected geometry {other}"),
        };
        if g["type"] == "LineString" {
            assert!(positions.len() >= 2);
        }
        for p in positions {
            let (lon, lat) = (p[0].as_f64().unwrap(), p[1].as_f64().unwrap());
            // Hai Phong: longitude ~106.7 first, latitude ~20.9 second.
            assert!(
                (106.0..107.0).contains(&lon) && (20.0..21.5).contains(&lat),
                "{p}"
            );
        }
    }
    // Trip 1 starts at the depot and follows the legs; trip 2 starts at the facility.
    let trips: Vec<&Value> = of("trip").collect();
    assert_eq!(
        trips[0]["geometry"]["coordinates"][0],
        serde_json::json!([106.68, 20.85])
    );
    assert_eq!(
        trips[1]["geometry"]["coordinates"][0],
        serde_json::json!([106.72, 20.87])
    );
    assert_eq!(trips[0]["properties"]["vehicle"], "compactor-1");
    assert_eq!(trips[0]["properties"]["stream"], "food");
    assert_golden(ROUTES_GEOJSON, &bytes);
}

#[test]
fn report_is_self_contained_with_map_timeline_and_tables() {
    let doc = PlanDocument::example();
    let html = String::from_utf8(report_html::render(&doc)).unwrap();
    for needle in [
        "<svg id=\"route-map\"",
        "<svg id=\"vehicle-timeline\"",
        "© OpenStreetMap contributors",
        "class=\"roads\"",
        "data-vehicle=\"compactor-1\"",
        "id=\"vehicles\"",
        "id=\"facilities\"",
        "id=\"unassigned\"",
        "no_vehicle_for_stream",
        "Trang Cat landfill",
        "9.00 t",
    ] {
        assert!(html.contains(needle), "report lacks {needle}");
    }
    // Nothing is fetched from anywhere: no script, stylesheet link, image or font source.
    for forbidden in ["<script", "<link", "src=", "url(", "@import"] {
        assert!(!html.contains(forbidden), "report contains {forbidden}");
    }
    let without_ns = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(!without_ns.contains("http://") && !without_ns.contains("https://"));
    // Midnight is on the time axis (the shift runs 23:00 to 02:25).
    assert!(html.contains(">00:00</text>"));
}

#[test]
fn outputs_are_byte_identical_for_the_same_document() {
    let doc = PlanDocument::example();
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    write_plan_dir(a.path(), &doc).unwrap();
    write_plan_dir(b.path(), &doc).unwrap();
    for name in [ROUTES_CSV, PLAN_JSON, ROUTES_GEOJSON, REPORT_HTML] {
        assert_eq!(
            fs::read(a.path().join(name)).unwrap(),
            fs::read(b.path().join(name)).unwrap(),
            "{name}"
        );
    }
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// A write that fails half-way (the third file cannot be staged) replaces nothing and
/// leaves no temporary file behind.
#[test]
fn failed_write_leaves_previous_outputs_intact() {
    let dir = tempfile::tempdir().unwrap();
    write_plan_dir(dir.path(), &PlanDocument::example()).unwrap();
    let before = snapshot(dir.path());

    let new = b"new contents".as_slice();
    let err = write_all_or_nothing(
        dir.path(),
        &[
            (ROUTES_CSV, new),
            (PLAN_JSON, new),
            ("no-such-subdir/routes.geojson", new),
            (REPORT_HTML, new),
        ],
    )
    .unwrap_err();
    assert!(matches!(err, WriteError::Stage { .. }), "{err}");
    assert!(err.to_string().contains("no-such-subdir"));
    assert_eq!(snapshot(dir.path()), before);
}

/// When one target cannot be replaced (a directory is in the way), the plan directory
/// keeps all four previous files, and the error says what to do.
#[test]
fn blocked_target_refuses_before_touching_anything() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = PlanDocument::example();
    write_plan_dir(dir.path(), &doc).unwrap();
    fs::remove_file(dir.path().join(REPORT_HTML)).unwrap();
    fs::create_dir(dir.path().join(REPORT_HTML)).unwrap();
    let before = snapshot(dir.path());

    doc.meta.seed = 7;
    let err = write_plan_dir(dir.path(), &doc).unwrap_err();
    assert!(err.to_string().contains("is not a regular file"), "{err}");
    assert_eq!(snapshot(dir.path()), before);
}

/// A missing output directory is created.
#[test]
fn creates_the_output_directory() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plans/2026-11-29");
    let written = write_plan_dir(&out, &PlanDocument::example()).unwrap();
    assert_eq!(written.len(), 4);
    assert!(written.iter().all(|p| p.is_file()));
}

/// A stop without a usable position (NaN) is left off the map instead of breaking it.
#[test]
fn report_skips_points_without_a_position() {
    let mut doc = PlanDocument::example();
    doc.routes[0].trips[0].stops[1].lat = f64::NAN;
    doc.routes[0].trips[0].stops[1].path_from_previous[1][0] = f64::NAN;
    doc.unassigned[0].lon = f64::INFINITY;
    let html = String::from_utf8(report_html::render(&doc)).unwrap();
    for bad in ["NaN", "inf ", "inf\"", "infL", "infl"] {
        assert!(!html.contains(bad), "non-finite number in the SVG: {bad}");
    }
    assert!(html.contains("class=\"route\""));
}
