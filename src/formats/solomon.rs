//! The Solomon text format (Solomon 1987; Gehring–Homberger 200/400).
//!
//! ```text
//! C101
//!
//! VEHICLE
//! NUMBER     CAPACITY
//!   25         200
//!
//! CUSTOMER
//! CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME
//!
//!     0      40         50          0          0       1236          0
//!     1      45         68         10        912        967         90
//! ```
//!
//! The first customer row is the depot; its window is the planning horizon. Travel time
//! equals distance. With the distance objective (the DIMACS tables) distances are
//! truncated to one decimal and stored ×10 ([`Rounding::TruncatedTenths`]); with the
//! hierarchical objective (the SINTEF tables, which use unrounded distances) they are
//! stored ×10⁴ rounded to the nearest ([`Rounding::NearestTenThousandths`]). All times
//! are scaled by the same factor. Sites are numbered in `.sol` files by `CUST NO.`.

use crate::formats::common::{
    Source, distance_matrix, max_entry, plain_vehicle_type, pricing, scaled,
};
use crate::formats::vrplib::time_equal_to_distance;
use crate::formats::{
    BenchmarkInstance, CostConvention, Format, FormatError, ObjectiveKind, ReadOptions, Rounding,
};
use crate::problem::{
    Depot, Loads, LocationIdx, Objective, ProblemParts, Site, StreamIdx, TimeWindow, TravelMatrices,
};
use crate::units::Duration;
use std::path::Path;

/// One customer row as read.
struct Row {
    line: usize,
    id: String,
    x: f64,
    y: f64,
    demand: i64,
    ready: f64,
    due: f64,
    service: f64,
}

/// Parses the text of a Solomon-format file read from `path`.
///
/// # Errors
/// [`FormatError::Malformed`] with the line of the first bad row;
/// [`FormatError::Incomplete`] when the vehicle block or the customer rows are missing.
pub fn parse(
    path: &Path,
    text: &str,
    options: ReadOptions,
) -> Result<BenchmarkInstance, FormatError> {
    let src = Source { path };
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty());
    let (_, name) = lines
        .next()
        .ok_or_else(|| src.incomplete("the file is empty"))?;
    let name = name.to_string();

    expect_word(&src, &mut lines, "VEHICLE")?;
    expect_word(&src, &mut lines, "NUMBER")?;
    let (ln, fleet) = lines
        .next()
        .ok_or_else(|| src.incomplete("the file ends before the vehicle number and capacity"))?;
    let fleet: Vec<&str> = fleet.split_whitespace().collect();
    if fleet.len() != 2 {
        return Err(src.malformed(
            ln,
            format!("expected `NUMBER CAPACITY`, found {} fields", fleet.len()),
        ));
    }
    let vehicles: usize = src.parse(ln, fleet[0], "vehicle NUMBER")?;
    let vehicles = src.check_vehicles(ln, vehicles)?;
    let capacity: i64 = src.parse_int(ln, fleet[1], "vehicle CAPACITY")?;
    if vehicles == 0 || capacity < 0 {
        return Err(src.malformed(
            ln,
            "vehicle NUMBER must be positive and CAPACITY non-negative",
        ));
    }
    expect_word(&src, &mut lines, "CUSTOMER")?;
    expect_word(&src, &mut lines, "CUST")?;

    let mut rows = Vec::new();
    for (ln, l) in lines {
        let t: Vec<&str> = l.split_whitespace().collect();
        if t.len() != 7 {
            return Err(src.malformed(
                ln,
                format!(
                    "expected 7 fields `CUST_NO X Y DEMAND READY DUE SERVICE`, found {}",
                    t.len()
                ),
            ));
        }
        let row = Row {
            line: ln,
            id: t[0].to_string(),
            x: src.parse_f64(ln, t[1], "XCOORD")?,
            y: src.parse_f64(ln, t[2], "YCOORD")?,
            demand: src.parse_int(ln, t[3], "DEMAND (a whole number)")?,
            ready: src.parse_f64(ln, t[4], "READY TIME")?,
            due: src.parse_f64(ln, t[5], "DUE DATE")?,
            service: src.parse_f64(ln, t[6], "SERVICE TIME")?,
        };
        if row.demand < 0 || row.service < 0.0 || row.ready < 0.0 {
            return Err(src.malformed(
                ln,
                "DEMAND, READY TIME and SERVICE TIME must not be negative",
            ));
        }
        if row.ready > row.due {
            return Err(src.malformed(
                ln,
                format!("READY TIME {} is after DUE DATE {}", row.ready, row.due),
            ));
        }
        if rows.iter().any(|r: &Row| r.id == row.id) {
            return Err(src.malformed(ln, format!("customer {} is listed twice", row.id)));
        }
        rows.push(row);
    }
    if rows.len() < 2 {
        return Err(src.incomplete(
            "expected the depot row and at least one customer row after the CUSTOMER header",
        ));
    }
    if rows[0].demand != 0 {
        return Err(src.malformed(
            rows[0].line,
            "the first row is the depot: its DEMAND must be 0",
        ));
    }

    let objective = options.objective.unwrap_or(ObjectiveKind::Distance);
    let rounding = match objective {
        ObjectiveKind::Distance | ObjectiveKind::Cost | ObjectiveKind::Prizes => {
            Rounding::TruncatedTenths
        }
        ObjectiveKind::VehiclesThenDistance => Rounding::NearestTenThousandths,
    };
    let scale = rounding.scale();
    let time = |v: f64| Duration(scaled(v, scale));
    let points: Vec<(f64, f64)> = rows.iter().map(|r| (r.x, r.y)).collect();
    let distance = distance_matrix(&points, rounding);
    let longest = max_entry(&distance);
    let depot_window = TimeWindow::new(time(rows[0].ready), time(rows[0].due));
    let sites: Vec<Site> = rows
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, r)| Site {
            location: LocationIdx::new(i),
            demand: Loads::single(r.demand),
            service_time: time(r.service),
            windows: vec![TimeWindow::new(time(r.ready), time(r.due))],
            stream: StreamIdx(0),
            allowed_vehicle_types: None,
            release_time: Duration::ZERO,
            prize: None,
        })
        .collect();
    let prices = pricing(objective, longest, sites.len(), vehicles as usize, path)?;
    let problem = src.problem(ProblemParts {
        profiles: vec![TravelMatrices {
            time: time_equal_to_distance(&distance),
            distance,
        }],
        depots: vec![Depot {
            location: LocationIdx(0),
            window: depot_window,
        }],
        facilities: Vec::new(),
        sites,
        vehicle_types: vec![plain_vehicle_type(
            vehicles,
            Loads::single(capacity),
            depot_window,
            prices,
        )],
        objective: Objective {
            unassigned_penalty: prices.unassigned_penalty,
        },
    })?;
    Ok(BenchmarkInstance {
        name,
        format: Format::Solomon,
        problem,
        convention: CostConvention {
            objective,
            rounding,
            distance_per_unit: scale,
            decimals: match rounding {
                Rounding::TruncatedTenths => 1,
                _ => 4,
            },
            sol_cost_in_problem_units: false,
        },
        site_ids: rows.iter().skip(1).map(|r| r.id.clone()).collect(),
        facility_ids: Vec::new(),
        warnings: Vec::new(),
        routes_are_vehicles: false,
    })
}

/// Consumes the next non-empty line, which must start with `word`.
fn expect_word<'a>(
    src: &Source<'_>,
    lines: &mut impl Iterator<Item = (usize, &'a str)>,
    word: &str,
) -> Result<(), FormatError> {
    match lines.next() {
        Some((_, l)) if l.split_whitespace().next() == Some(word) => Ok(()),
        Some((ln, l)) => Err(src.malformed(ln, format!("expected {word:?}, found {l:?}"))),
        None => Err(src.incomplete(format!("the file ends before {word:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str =
        "T\nVEHICLE\nNUMBER CAPACITY\n2 10\nCUSTOMER\nCUST NO.\n0 0 0 0 0 100 0\n1 3 4 4 0 50 10\n";

    fn line_of(text: &str) -> Option<usize> {
        crate::formats::common::malformed_line(parse(
            Path::new("t.txt"),
            text,
            ReadOptions::default(),
        ))
    }

    #[test]
    fn out_of_range_numbers_are_rejected_at_their_line() {
        // Found by tests/fuzz_formats.rs: a `1e18` due date saturated to i64::MAX, a
        // `-1` ready time made a negative window, and 4294967295 vehicles were accepted.
        assert_eq!(line_of(TINY), None);
        assert_eq!(line_of(&TINY.replace("0 50 10", "0 1e18 10")), Some(8));
        assert_eq!(line_of(&TINY.replace("4 0 50", "4 -1 50")), Some(8));
        assert_eq!(
            line_of(&TINY.replace("3 4 4", "3 4 9223372036854775807")),
            Some(8)
        );
        assert_eq!(line_of(&TINY.replace("2 10", "4294967295 10")), Some(4));
        assert_eq!(line_of(&TINY.replace("2 10", "2 1e300")), Some(4));
    }
}
