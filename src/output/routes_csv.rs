//! `routes.csv`: one row per stop, in route order, for spreadsheets and dispatch systems.
//!
//! Columns: `vehicle, vehicle_type, trip, sequence` (1-based over the whole route),
//! `kind` (depot / site / facility / break), `id, name, lat, lon, stream`, the local times
//! `arrival, start, departure` (ISO-8601 with offset) and the same as seconds on the plan's
//! time line (`arrival_s, start_s, departure_s`), `waiting_s`, one `load_after_<name>_<unit>`
//! column per capacity dimension, `distance_from_previous_m` and `time_from_previous_s`.
//!
//! When the plan has monitored sites (`decisions` in `plan.json`), two more columns,
//! `decision` (must / optional) and `reason`, say why each site stop is there, and one row
//! per monitored container *not* visited follows the stops: its `kind` is its outcome
//! (`skipped`, `not_taken` or `unassigned`), the vehicle and time cells are empty.

use super::document::PlanDocument;
use std::collections::BTreeMap;

/// Renders `routes.csv`.
///
/// # Errors
/// Only if the CSV writer fails, which for an in-memory buffer means a bug.
pub fn render(doc: &PlanDocument) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "vehicle",
        "vehicle_type",
        "trip",
        "sequence",
        "kind",
        "id",
        "name",
        "lat",
        "lon",
        "stream",
        "arrival",
        "start",
        "departure",
        "arrival_s",
        "start_s",
        "departure_s",
        "waiting_s",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for d in &doc.dimensions {
        header.push(format!("load_after_{}_{}", d.name, d.unit));
    }
    header.push("distance_from_previous_m".into());
    header.push("time_from_previous_s".into());
    let monitored = !doc.decisions.is_empty();
    if monitored {
        header.push("decision".into());
        header.push("reason".into());
    }
    let width = header.len();
    w.write_record(&header)?;
    let decisions: BTreeMap<&str, (&str, &str)> = doc
        .decisions
        .iter()
        .map(|d| (d.stop_id.as_str(), (d.decision.as_str(), d.reason.as_str())))
        .collect();

    for route in &doc.routes {
        let mut sequence = 0u32;
        for trip in &route.trips {
            for stop in &trip.stops {
                sequence += 1;
                let mut row = vec![
                    route.vehicle.clone(),
                    route.vehicle_type.clone(),
                    trip.number.to_string(),
                    sequence.to_string(),
                    stop.kind.as_str().to_string(),
                    stop.id.clone(),
                    stop.name.clone(),
                    format!("{:.6}", stop.lat),
                    format!("{:.6}", stop.lon),
                    stop.stream.clone().unwrap_or_default(),
                    stop.arrival.clone(),
                    stop.start.clone(),
                    stop.departure.clone(),
                    stop.arrival_s.to_string(),
                    stop.start_s.to_string(),
                    stop.departure_s.to_string(),
                    stop.waiting_s.to_string(),
                ];
                for i in 0..doc.dimensions.len() {
                    row.push(stop.load_after.get(i).copied().unwrap_or(0).to_string());
                }
                row.push(stop.distance_from_previous_m.to_string());
                row.push(stop.time_from_previous_s.to_string());
                if monitored {
                    let (decision, reason) = decisions.get(stop.id.as_str()).copied().unzip();
                    row.push(decision.unwrap_or_default().to_string());
                    row.push(reason.unwrap_or_default().to_string());
                }
                w.write_record(&row)?;
            }
        }
    }
    for d in doc.decisions.iter().filter(|d| d.outcome != "served") {
        let mut row = vec![String::new(); width];
        row[4] = d.outcome.clone();
        row[5] = d.stop_id.clone();
        row[6] = d.name.clone();
        row[9] = d.stream.clone();
        row[width - 2] = d.decision.clone();
        row[width - 1] = d.reason.clone();
        w.write_record(&row)?;
    }
    w.flush()?;
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}
