//! `report.html` of a large plan stays light: every route's stops are folded in a
//! `<details>`, the timeline draws one span per collection round, and the map's lines are
//! simplified (a straight road of many points is drawn with few).

use wasteroute::output::{PlanDocument, report_html};

/// The example plan with its first route's stops repeated until the plan has more than
/// 2,000 site stops, and a long straight road path (1,000 points) on one stop.
fn large() -> PlanDocument {
    let mut doc = PlanDocument::example();
    let route = doc.routes[0].clone();
    while doc
        .routes
        .iter()
        .flat_map(|r| &r.trips)
        .flat_map(|t| &t.stops)
        .filter(|s| s.kind.as_str() == "site")
        .count()
        <= 2_100
    {
        let mut r = route.clone();
        r.vehicle = format!("copy-{}", doc.routes.len());
        doc.routes.push(r);
    }
    let stop = &mut doc.routes[0].trips[0].stops[1];
    let (lon, lat) = (stop.lon, stop.lat);
    stop.path_from_previous = (0..1_000)
        .map(|i| [lon - 0.01 + 0.00001 * f64::from(i), lat])
        .collect();
    doc
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

#[test]
fn stops_are_folded_per_route() {
    let doc = large();
    let html = String::from_utf8(report_html::render(&doc)).unwrap();
    assert_eq!(count(&html, "<details>"), doc.routes.len());
    assert!(!html.contains("<details open"));
}

#[test]
fn the_timeline_draws_rounds_in_a_large_plan() {
    let doc = large();
    let html = String::from_utf8(report_html::render(&doc)).unwrap();
    let small = String::from_utf8(report_html::render(&PlanDocument::example())).unwrap();
    assert!(html.contains("<title>Driving and collecting "));
    assert!(!small.contains("<title>Driving and collecting "));
    // No per-drive span in the large plan's timeline.
    assert_eq!(count(&html, "class=\"drive\""), 0);
    assert!(count(&small, "class=\"drive\"") > 0);
}

#[test]
fn a_straight_road_of_many_points_is_drawn_with_few() {
    let doc = large();
    let html = String::from_utf8(report_html::render(&doc)).unwrap();
    let start = html.find("<path class=\"route\"").unwrap();
    let d = &html[start..];
    let d = &d[d.find(" d=\"").unwrap() + 4..];
    let d = &d[..d.find('"').unwrap()];
    let points = d.matches(['M', 'L']).count();
    assert!(
        points < 50,
        "{points} points drawn for a route of over 1,000"
    );
}

#[test]
fn the_map_draws_one_stop_element_per_route_in_a_large_plan() {
    let doc = large();
    let html = String::from_utf8(report_html::render(&doc)).unwrap();
    assert_eq!(count(&html, "<path class=\"stops\""), doc.routes.len());
    assert_eq!(count(&html, "r=\"3.2\""), 0, "no per-site circle");
    let small = String::from_utf8(report_html::render(&PlanDocument::example())).unwrap();
    assert!(count(&small, "r=\"3.2\"") > 0);
}

#[test]
fn stops_of_a_large_plan_are_aligned_text_not_table_rows() {
    let doc = large();
    let html = String::from_utf8(report_html::render(&doc)).unwrap();
    let stops = &html[html.find("<section id=\"stops\"").unwrap()..];
    assert_eq!(count(stops, "<pre class=\"stop-lines\">"), doc.routes.len());
    assert_eq!(count(stops, "<tr>"), 0, "no table row per stop");
    // Every stop is still listed, by its id.
    let first = &doc.routes[0].trips[0].stops[1];
    assert!(stops.contains(&first.id), "{}", first.id);
}
