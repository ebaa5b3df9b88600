//! `routes.geojson`: the plan for map tools (QGIS, geojson.io), per RFC 7946.
//!
//! - one `LineString` per trip, along the roads (the stops' `path_from_previous` legs
//!   joined; a straight segment where a leg has no geometry);
//! - one `Point` per stop, and one per unassigned site.
//!
//! Every feature's properties carry `feature` (`trip`, `stop` or `unassigned`), `vehicle`,
//! `trip`, `stream`, times and load, so that a map tool can filter and style by them, and
//! simplestyle keys (`stroke`, `marker-color`) so that geojson.io colours each vehicle as the
//! report does. Coordinates are `[lon, lat]` in WGS 84: stops with 6 decimals (about 0.1 m),
//! road lines with the 5 of the plan's paths (about 1 m). One feature per line.

use super::document::{PlanDocument, RoutePlan, Stop, TripPlan};
use super::palette::route_colour;
use serde::Serialize;
use serde_json::{Map, Value, json};

#[derive(Serialize)]
struct Feature {
    #[serde(rename = "type")]
    kind: &'static str,
    geometry: Value,
    properties: Map<String, Value>,
}

/// Rounds a coordinate to 6 decimals, as RFC 7946 recommends for precision.
fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

fn position(p: [f64; 2]) -> Value {
    json!([round6(p[0]), round6(p[1])])
}

/// The road line of a trip: each stop's leg, or a straight segment where a leg is missing.
fn trip_line(trip: &TripPlan, before: Option<&Stop>) -> Vec<[f64; 2]> {
    let mut points: Vec<[f64; 2]> = Vec::new();
    let push = |p: [f64; 2], points: &mut Vec<[f64; 2]>| {
        if points.last() != Some(&p) {
            points.push(p);
        }
    };
    if let Some(b) = before {
        push([b.lon, b.lat], &mut points);
    }
    for stop in &trip.stops {
        for &p in &stop.path_from_previous {
            push(p, &mut points);
        }
        push([stop.lon, stop.lat], &mut points);
    }
    points
}

fn trip_feature(
    route: &RoutePlan,
    colour: &str,
    trip: &TripPlan,
    before: Option<&Stop>,
) -> Feature {
    let mut points = trip_line(trip, before);
    if points.len() == 1 {
        // A LineString needs two positions; a trip that never moves is a degenerate line.
        points.push(points[0]);
    }
    let first = before.or(trip.stops.first());
    let last = trip.stops.last();
    let mut props = Map::new();
    props.insert("feature".into(), json!("trip"));
    props.insert("vehicle".into(), json!(route.vehicle));
    props.insert("vehicle_type".into(), json!(route.vehicle_type));
    props.insert("trip".into(), json!(trip.number));
    props.insert("stream".into(), json!(trip.stream));
    props.insert("load".into(), json!(trip.load));
    props.insert("stops".into(), json!(trip.stops.len()));
    props.insert(
        "distance_m".into(),
        json!(
            trip.stops
                .iter()
                .map(|s| s.distance_from_previous_m)
                .sum::<i64>()
        ),
    );
    props.insert(
        "departure".into(),
        json!(first.map(|s| s.departure.clone())),
    );
    props.insert("arrival".into(), json!(last.map(|s| s.arrival.clone())));
    props.insert("stroke".into(), json!(colour));
    props.insert("stroke-width".into(), json!(3));
    Feature {
        kind: "Feature",
        geometry: json!({
            "type": "LineString",
            "coordinates": points.into_iter().map(position).collect::<Vec<_>>(),
        }),
        properties: props,
    }
}

fn stop_feature(route: &RoutePlan, colour: &str, trip: u32, sequence: u32, stop: &Stop) -> Feature {
    let mut props = Map::new();
    props.insert("feature".into(), json!("stop"));
    props.insert("vehicle".into(), json!(route.vehicle));
    props.insert("trip".into(), json!(trip));
    props.insert("sequence".into(), json!(sequence));
    props.insert("kind".into(), json!(stop.kind.as_str()));
    props.insert("id".into(), json!(stop.id));
    props.insert("name".into(), json!(stop.name));
    props.insert("stream".into(), json!(stop.stream));
    props.insert("arrival".into(), json!(stop.arrival));
    props.insert("start".into(), json!(stop.start));
    props.insert("departure".into(), json!(stop.departure));
    props.insert("arrival_s".into(), json!(stop.arrival_s));
    props.insert("demand".into(), json!(stop.demand));
    props.insert("load_after".into(), json!(stop.load_after));
    props.insert("marker-color".into(), json!(colour));
    props.insert(
        "marker-symbol".into(),
        json!(match stop.kind.as_str() {
            "depot" => "warehouse",
            "facility" => "waste-basket",
            "break" => "cafe",
            _ => "circle",
        }),
    );
    props.insert("marker-size".into(), json!("small"));
    Feature {
        kind: "Feature",
        geometry: json!({"type": "Point", "coordinates": position([stop.lon, stop.lat])}),
        properties: props,
    }
}

/// Renders `routes.geojson`.
///
/// # Errors
/// Only if serialisation fails, which means a bug.
pub fn render(doc: &PlanDocument) -> Result<Vec<u8>, serde_json::Error> {
    let mut features = Vec::new();
    for (i, route) in doc.routes.iter().enumerate() {
        let colour = route_colour(i);
        let mut before: Option<&Stop> = None;
        for trip in &route.trips {
            features.push(trip_feature(route, colour, trip, before));
            before = trip.stops.last();
        }
        let mut sequence = 0;
        for trip in &route.trips {
            for stop in &trip.stops {
                sequence += 1;
                features.push(stop_feature(route, colour, trip.number, sequence, stop));
            }
        }
    }
    for site in &doc.unassigned {
        let mut props = Map::new();
        props.insert("feature".into(), json!("unassigned"));
        props.insert("id".into(), json!(site.id));
        props.insert("name".into(), json!(site.name));
        props.insert("stream".into(), json!(site.stream));
        props.insert("reason".into(), json!(site.reason));
        props.insert("explanation".into(), json!(site.explanation));
        props.insert("marker-color".into(), json!("#d62728"));
        props.insert("marker-symbol".into(), json!("cross"));
        features.push(Feature {
            kind: "Feature",
            geometry: json!({"type": "Point", "coordinates": position([site.lon, site.lat])}),
            properties: props,
        });
    }
    // One feature per line: compact enough for 10,000 sites (a pretty file put each
    // coordinate on a line of its own), still readable and diffable line by line.
    let mut out = b"{\"type\":\"FeatureCollection\",\"features\":[\n".to_vec();
    for (i, f) in features.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        serde_json::to_writer(&mut out, f)?;
    }
    out.extend_from_slice(b"\n]}\n");
    Ok(out)
}
