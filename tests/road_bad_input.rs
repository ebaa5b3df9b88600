//! One fixture per bad-input case under `tests/fixtures/road/bad/`: each must fail to load
//! with a message that names the file and the line (and the column, when there is one).

use std::path::Path;
use wasteroute::road::{RoadError, RoadNetwork};

fn load_err(case: &str) -> RoadError {
    let dir = Path::new("tests/fixtures/road/bad").join(case);
    match RoadNetwork::load_dir(&dir) {
        Ok(_) => panic!("{case}: loaded, but the fixture is bad"),
        Err(e) => e,
    }
}

/// Asserts that the error has a diagnostic in `file` at `line`, in `column`, whose message
/// contains `what`, and that the rendered error names file and line.
fn expect(case: &str, file: &str, line: Option<u64>, column: Option<&str>, what: &str) {
    let err = load_err(case);
    let text = err.to_string();
    let found = err.diagnostics().iter().any(|d| {
        d.file.ends_with(file)
            && d.line == line
            && d.column.as_deref() == column
            && d.message.contains(what)
            && !d.hint.is_empty()
            && d.is_error()
    });
    assert!(
        found,
        "{case}: no diagnostic {file}:{line:?}:{column:?} `{what}` in\n{text}"
    );
    let place = match line {
        Some(l) => format!("{file}:{l}"),
        None => file.to_owned(),
    };
    assert!(text.contains(&place), "{case}: `{place}` not in\n{text}");
}

#[test]
fn missing_column() {
    expect(
        "missing_column",
        "nodes.csv",
        Some(1),
        Some("lon"),
        "missing column `lon`",
    );
}

#[test]
fn missing_column_is_reported_once_not_for_every_arc() {
    assert_eq!(load_err("missing_column").diagnostics().len(), 1);
    assert_eq!(load_err("header_only").diagnostics().len(), 1);
}

#[test]
fn unparsable_number() {
    expect(
        "unparsable_number",
        "nodes.csv",
        Some(3),
        Some("lat"),
        "`20.85x` is not a number",
    );
}

#[test]
fn nan() {
    expect(
        "nan",
        "nodes.csv",
        Some(4),
        Some("lat"),
        "`NaN` is not a finite number",
    );
}

#[test]
fn infinite_length() {
    expect(
        "infinite_length",
        "edges.csv",
        Some(4),
        Some("length_m"),
        "not a finite number",
    );
}

#[test]
fn negative_length() {
    expect(
        "negative_length",
        "edges.csv",
        Some(3),
        Some("length_m"),
        "length -100 m is out of range: give 0 to 1000000 m",
    );
}

#[test]
fn zero_length() {
    expect(
        "zero_length",
        "edges.csv",
        Some(4),
        Some("length_m"),
        "length 0 m must be greater than zero",
    );
}

#[test]
fn lat_out_of_range() {
    expect(
        "lat_out_of_range",
        "nodes.csv",
        Some(3),
        Some("lat"),
        "95.2 is out of range",
    );
}

#[test]
fn lon_out_of_range() {
    expect(
        "lon_out_of_range",
        "nodes.csv",
        Some(4),
        Some("lon"),
        "-181 is out of range",
    );
}

#[test]
fn duplicate_node() {
    expect(
        "duplicate_node",
        "nodes.csv",
        Some(5),
        Some("node_id"),
        "duplicate node id 2 (first on line 3)",
    );
}

#[test]
fn unknown_node() {
    expect(
        "unknown_node",
        "edges.csv",
        Some(4),
        Some("to"),
        "node 77 is not in",
    );
}

#[test]
fn empty_file() {
    expect("empty_file", "edges.csv", None, None, "the file is empty");
}

#[test]
fn header_only() {
    expect(
        "header_only",
        "nodes.csv",
        Some(1),
        None,
        "header but no nodes",
    );
}

#[test]
fn bad_encoding() {
    expect(
        "bad_encoding",
        "edges.csv",
        Some(4),
        None,
        "field 7 is not valid UTF-8 (bad byte 0xD0",
    );
}

#[test]
fn wrong_field_count() {
    expect(
        "wrong_field_count",
        "edges.csv",
        Some(2),
        None,
        "8 fields, but the header has 7",
    );
}

#[test]
fn unparsable_id() {
    expect(
        "unparsable_id",
        "edges.csv",
        Some(3),
        Some("from"),
        "`2x` is not an integer node id",
    );
}

#[test]
fn bad_restriction() {
    expect(
        "bad_restriction",
        "edges.csv",
        Some(4),
        Some("max_weight_t"),
        "-3 is out of range: give 0.1 to 1000 t",
    );
}

#[test]
fn many_problems_are_all_reported_at_once() {
    let err = load_err("many_problems");
    let d = err.diagnostics();
    let at: Vec<(String, Option<u64>)> = d
        .iter()
        .map(|d| {
            (
                d.file.file_name().unwrap().to_string_lossy().into_owned(),
                d.line,
            )
        })
        .collect();
    // Node 4 has a bad latitude, node 5 a bad longitude, one arc a zero length between
    // nodes 104 m apart, one an unknown node 9; the arc to the bad node 4 is not reported
    // a second time.
    assert_eq!(d.len(), 4, "{err}");
    for expected in [
        ("nodes.csv", Some(5)),
        ("nodes.csv", Some(6)),
        ("edges.csv", Some(3)),
        ("edges.csv", Some(4)),
    ] {
        assert!(
            at.contains(&(expected.0.to_owned(), expected.1)),
            "{expected:?} missing from {at:?}"
        );
    }
    assert!(
        err.to_string()
            .starts_with(&format!("the road network has {} problems:", d.len()))
    );
}

#[test]
fn missing_file_is_an_io_error_naming_the_path() {
    let err = RoadNetwork::load_dir(Path::new("tests/fixtures/road/no_such_dir")).unwrap_err();
    assert!(matches!(err, RoadError::Io { .. }));
    assert!(err.to_string().contains("no_such_dir/nodes.csv"), "{err}");
}

#[test]
fn self_loops_isolated_nodes_and_unknown_access_are_warnings() {
    let (net, warnings) =
        RoadNetwork::load_dir(Path::new("tests/fixtures/road/warn_only")).unwrap();
    assert_eq!(net.node_count(), 4);
    // The self-loop 3→3 is dropped.
    assert_eq!(net.arc_count(), 3);
    let text: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert_eq!(text.len(), 3, "{text:#?}");
    assert!(warnings.iter().all(|w| !w.is_error()), "{text:#?}");
    assert!(text.iter().any(|t| t.contains("warning[self_loop]: ")
        && t.contains("edges.csv:5")
        && t.contains("self-loop")));
    assert!(text.iter().any(|t| t.contains("warning[unknown_access]: ")
        && t.contains("edges.csv:4")
        && t.contains("unknown access value `sometimes`")));
    assert!(text.iter().any(|t| t.contains("1 node(s) have no arc")));
}
