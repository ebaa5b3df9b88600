//! The waste-collection instances of Kim, Kim & Sahoo (2006).
//!
//! Five `value // comment` lines (vehicle capacity in cubic yards; yards one vehicle may
//! collect per day; most stops per vehicle per day; lunch break in seconds; speed in mph),
//! a header line, then one row per location, split on any whitespace:
//! `id x_ft y_ft early(HHMM) late(HHMM) service_s load_yd type`, with type 0 = depot,
//! 1 = collection stop, 2 = disposal facility. Ids are kept only for output: locations
//! are numbered by row order. HHMM may lack leading zeros (`400` = 04:00; `2400` = 24:00).
//!
//! Integer scales and rounding (exact except where stated):
//! - distance: Manhattan distance in **feet**, computed from the coordinates in exact
//!   hundredths of a foot and rounded to the nearest foot per arc (half up). Reported in
//!   miles (÷ 5280). Feet keep the vehicles-first fixed cost far from overflow on the
//!   1,051-stop instance; the rounding moves a 1,000-arc total by at most 0.1 mile.
//! - time: **tenths of a second**. Travel time = miles / speed, i.e. for hundredths of a
//!   foot `h` and speed `v` mph: `h · 3 / (44 · v)` tenths, rounded to the nearest (half
//!   up). Example: stop 0 → 1 of `102_stop` is 15,387 ft → 2,622.8 → 2,623 (262.3 s).
//!   Windows, service and unloading times are exact in this unit.
//! - load: **hundredths of a cubic yard** (capacity, route capacity, demands).
//!
//! Rules: every vehicle leaves the depot empty within the depot's window, unloads at any
//! disposal facility whenever needed and before going home ([`EndOfRoute::UnloadAtFacility`]);
//! the daily yardage is the per-driver limit `max_total_load`, the stop limit is
//! `max_sites`; the lunch break of the given length starts between 11:00 and 12:00 (the
//! file's own comment; the authors' page says 11:00–13:00). The fleet is unlimited (one
//! vehicle per stop); the objective is vehicles first, then miles.

use crate::formats::common::{Source, max_entry, plain_vehicle_type, pricing, scaled};
use crate::formats::{
    BenchmarkInstance, CostConvention, Format, FormatError, ObjectiveKind, ReadOptions, Rounding,
};
use crate::problem::{
    BreakRule, Depot, EndOfRoute, Facility, Loads, LocationIdx, Matrix, Objective, ProblemParts,
    Site, StreamIdx, StreamSet, TimeWindow, TravelMatrices, VehicleType,
};
use crate::units::{Distance, Duration};
use std::path::Path;

/// Tenths of a second per second.
const TIME_SCALE: i64 = 10;
/// Hundredths of a cubic yard per yard.
const LOAD_SCALE: i64 = 100;

/// One location row.
struct Row {
    line: usize,
    id: String,
    /// Coordinates in hundredths of a foot.
    x: i64,
    y: i64,
    early: Duration,
    late: Duration,
    service: Duration,
    load: i64,
    kind: u8,
}

/// Parses the text of a Kim et al. (2006) file read from `path`.
///
/// # Errors
/// [`FormatError::Malformed`] with the line of the first bad value;
/// [`FormatError::Incomplete`] when the depot, a facility or the stops are missing.
pub fn parse(
    path: &Path,
    text: &str,
    options: ReadOptions,
) -> Result<BenchmarkInstance, FormatError> {
    let src = Source { path };
    let lines: Vec<(usize, &str)> = text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect();
    if lines.len() < 7 {
        return Err(src.incomplete(
            "expected 5 parameter lines, a header line and at least one location row",
        ));
    }
    let param = |i: usize, what: &str| -> Result<f64, FormatError> {
        let (ln, l) = lines[i];
        let token = l
            .split_whitespace()
            .next()
            .ok_or_else(|| src.malformed(ln, format!("expected {what} before `//`")))?;
        let v = src.parse_f64(ln, token, what)?;
        if v < 0.0 {
            return Err(src.malformed(ln, format!("{what} must not be negative")));
        }
        Ok(v)
    };
    let capacity = param(0, "vehicle capacity (yards)")?;
    let daily_load = param(1, "yards per vehicle per day")?;
    let max_stops = param(2, "stops per vehicle per day")?;
    let lunch = param(3, "lunch break (seconds)")?;
    let speed = param(4, "speed (mph)")?;
    for (i, v, what) in [(2, max_stops, "stops per day"), (4, speed, "speed (mph)")] {
        if v.fract() != 0.0 || v == 0.0 && i == 4 {
            return Err(src.malformed(
                lines[i].0,
                format!("{what} must be a positive whole number"),
            ));
        }
    }
    let speed = speed as i64;

    let mut rows: Vec<Row> = Vec::new();
    let mut warnings = Vec::new();
    for &(ln, l) in &lines[6..] {
        let t: Vec<&str> = l.split_whitespace().collect();
        if t.is_empty() {
            continue;
        }
        if t.len() != 8 {
            return Err(src.malformed(
                ln,
                format!(
                    "expected 8 fields `id x y early late service load type`, found {}",
                    t.len()
                ),
            ));
        }
        let kind: u8 = src.parse(ln, t[7], "Stop_Type")?;
        if kind > 2 {
            return Err(src.malformed(
                ln,
                format!("Stop_Type {kind}: expected 0 (depot), 1 (stop) or 2 (disposal facility)"),
            ));
        }
        let service: f64 = src.parse_f64(ln, t[5], "service time (seconds)")?;
        let load: f64 = src.parse_f64(ln, t[6], "load (yards)")?;
        if service < 0.0 || load < 0.0 {
            return Err(src.malformed(ln, "service time and load must not be negative"));
        }
        let row = Row {
            line: ln,
            id: t[0].to_string(),
            x: scaled(src.parse_f64(ln, t[1], "X (feet)")?, 100),
            y: scaled(src.parse_f64(ln, t[2], "Y (feet)")?, 100),
            early: hhmm(&src, ln, t[3], "Early_St_Time", &mut warnings)?,
            late: hhmm(&src, ln, t[4], "Late_St_Time", &mut warnings)?,
            service: Duration(scaled(service, TIME_SCALE)),
            load: scaled(load, LOAD_SCALE),
            kind,
        };
        if row.early > row.late {
            return Err(src.malformed(
                ln,
                format!("time window {}–{} ends before it starts", t[3], t[4]),
            ));
        }
        if rows.iter().any(|r| r.id == row.id) {
            return Err(src.malformed(ln, format!("Stop_ID {} is listed twice", row.id)));
        }
        rows.push(row);
    }
    let depots: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].kind == 0).collect();
    let depot = match depots.as_slice() {
        [d] => *d,
        [] => return Err(src.incomplete("no depot row (Stop_Type 0)")),
        [_, second, ..] => {
            return Err(src.malformed(
                rows[*second].line,
                "a second depot row: only one depot is supported",
            ));
        }
    };
    let facility_rows: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].kind == 2).collect();
    if facility_rows.is_empty() {
        return Err(
            src.incomplete("no disposal facility row (Stop_Type 2): trucks could never unload")
        );
    }
    let stop_rows: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].kind == 1).collect();
    if stop_rows.is_empty() {
        return Err(src.incomplete("no collection stop row (Stop_Type 1)"));
    }

    let (time, distance) = matrices(&rows, speed);
    let longest = max_entry(&distance);
    let window = |r: &Row| TimeWindow::new(r.early, r.late);
    let depot_window = window(&rows[depot]);
    let sites: Vec<Site> = stop_rows
        .iter()
        .map(|&i| Site {
            location: LocationIdx::new(i),
            demand: Loads::single(rows[i].load),
            service_time: rows[i].service,
            windows: vec![window(&rows[i])],
            stream: StreamIdx(0),
            allowed_vehicle_types: None,
            release_time: Duration::ZERO,
            prize: None,
        })
        .collect();
    let facilities: Vec<Facility> = facility_rows
        .iter()
        .map(|&i| Facility {
            location: LocationIdx::new(i),
            windows: vec![window(&rows[i])],
            unload_time: rows[i].service,
            accepts: StreamSet::ALL,
            daily_capacity: None,
        })
        .collect();
    let objective = options
        .objective
        .unwrap_or(ObjectiveKind::VehiclesThenDistance);
    let count = sites.len();
    let prices = pricing(objective, longest, sites.len(), count, path)?;
    let hours = |h: i64| Duration(h * 3600 * TIME_SCALE);
    let problem = src.problem(ProblemParts {
        profiles: vec![TravelMatrices { time, distance }],
        depots: vec![Depot {
            location: LocationIdx::new(depot),
            window: depot_window,
        }],
        facilities,
        sites,
        vehicle_types: vec![VehicleType {
            max_total_load: Loads::single(scaled(daily_load, LOAD_SCALE)),
            max_sites: max_stops as u32,
            break_rule: Some(BreakRule {
                duration: Duration(scaled(lunch, TIME_SCALE)),
                window: TimeWindow::new(hours(11), hours(12)),
            }),
            end_of_route: EndOfRoute::UnloadAtFacility,
            ..plain_vehicle_type(
                count as u32,
                Loads::single(scaled(capacity, LOAD_SCALE)),
                depot_window,
                prices,
            )
        }],
        objective: Objective {
            unassigned_penalty: prices.unassigned_penalty,
        },
    })?;
    Ok(BenchmarkInstance {
        name: crate::formats::common::stem(path),
        format: Format::Kim,
        problem,
        convention: CostConvention {
            objective,
            rounding: Rounding::ManhattanFeet,
            distance_per_unit: 5280,
            decimals: 2,
            sol_cost_in_problem_units: false,
        },
        site_ids: stop_rows.iter().map(|&i| rows[i].id.clone()).collect(),
        facility_ids: facility_rows.iter().map(|&i| rows[i].id.clone()).collect(),
        warnings,
        routes_are_vehicles: false,
    })
}

/// `HHMM` (leading zeros optional) as tenths of a second after midnight.
///
/// Some published files write clock times whose minutes pass 59 (`875`, `1675`). They are
/// read as hours × 60 + minutes (`875` = 8 h 75 min = 9:15), as the independent checker
/// reads them, with a warning naming the file and line: the published data is what it is.
fn hhmm(
    src: &Source<'_>,
    ln: usize,
    token: &str,
    what: &str,
    warnings: &mut Vec<String>,
) -> Result<Duration, FormatError> {
    let v: u32 = src.parse(ln, token, &format!("{what} (HHMM)"))?;
    let (h, m) = (v / 100, v % 100);
    let minutes = h * 60 + m;
    if h > 24 || minutes > 24 * 60 {
        return Err(src.malformed(
            ln,
            format!("{what} {token:?} is not a time HHMM between 0000 and 2400"),
        ));
    }
    if m >= 60 {
        warnings.push(format!(
            "{}:{ln}: {what} {token:?} has {m} minutes; read as {h} h {m} min = {:02}:{:02}",
            src.path.display(),
            minutes / 60,
            minutes % 60
        ));
    }
    Ok(Duration(i64::from(minutes) * 60 * TIME_SCALE))
}

/// Travel time (tenths of a second) and distance (feet) between all rows.
fn matrices(rows: &[Row], speed_mph: i64) -> (Matrix<Duration>, Matrix<Distance>) {
    let n = rows.len();
    let mut time = Matrix::filled(n, Duration::ZERO);
    let mut distance = Matrix::filled(n, Distance::ZERO);
    for (i, a) in rows.iter().enumerate() {
        for (j, b) in rows.iter().enumerate() {
            // Hundredths of a foot, exact.
            let h = (a.x - b.x).abs() + (a.y - b.y).abs();
            // Tenths of a second: h / 100 ft / 5280 ft/mi / v mph × 36000 = 3h / (44 v).
            let denominator = 44 * speed_mph;
            let tenths = (2 * 3 * h + denominator) / (2 * denominator);
            let feet = (h + 50) / 100;
            let (from, to) = (LocationIdx::new(i), LocationIdx::new(j));
            time.set(from, to, Duration(tenths));
            distance.set(from, to, Distance(feet));
        }
    }
    (time, distance)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str = "10.5 // capacity\n20 // daily\n5 // stops\n3600 // lunch\n40 // speed\nheader\n7 0 0 400 1500 0 9999 0\n9 5280 0 0000 2400 600 9999 2\n11 15387 0 700 2400 180 4.5 1\n";

    fn line_of(text: &str) -> Option<usize> {
        crate::formats::common::malformed_line(parse(
            Path::new("t.txt"),
            text,
            ReadOptions::default(),
        ))
    }

    #[test]
    fn out_of_range_numbers_are_rejected_at_their_line() {
        // Found by tests/fuzz_formats.rs: a capacity of `1e15` yards (1e17 hundredths)
        // and coordinates of `1e300` feet (saturated, then subtracted: overflow) were
        // accepted.
        assert_eq!(line_of(TINY), None);
        assert_eq!(line_of(&TINY.replace("10.5 //", "1e15 //")), Some(1));
        assert_eq!(line_of(&TINY.replace("11 15387 0", "11 1e300 0")), Some(9));
        assert_eq!(
            line_of(&TINY.replace("40 // speed", "1e18 // speed")),
            Some(5)
        );
    }
}
