//! Parsers of the monitoring columns of `sites.csv`, one cell at a time.
//!
//! They are pure functions of the cell text, each returning the value or a message that
//! says what is wrong and what to write instead, so that the `sites.csv` reader (and any
//! other table) can position the message at its file, line and column. The columns:
//!
//! | column | parser | unit | default |
//! |---|---|---|---|
//! | `frequency` | [`Frequency::parse`] | | `daily` |
//! | `container_m3`, `<stream>_container_m3` | [`parse_container_m3`] | m³ | none |
//! | `overflow_pct` | [`parse_overflow_pct`] | % of the container volume | 100 |
//! | `last_emptied` | [`parse_last_emptied`] | ISO 8601 with offset | unknown |
//! | `kg_per_day`, `m3_per_day` (or `<stream>_…`) | [`parse_fill_per_day`] | kg/day, m³/day | none |

pub use super::frequency::{Frequency, VisitPattern, WeekdaySet};
use super::instant::{INSTANT_HINT, parse_instant};
use crate::scenario::limits::{self, Plausible};
use chrono::{DateTime, FixedOffset};

/// Default of `overflow_pct`: a container overflows when it is full.
pub const DEFAULT_OVERFLOW_PCT: f64 = 100.0;

/// A site's own estimate of how much waste it gathers per day in one stream, used when
/// there are no readings.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StaticEstimate {
    /// kg per day (0 when unknown).
    pub kg_per_day: f64,
    /// m³ per day (0 when unknown).
    pub m3_per_day: f64,
}

/// Reads `frequency`; an empty cell is `daily` (the rule in inner-city districts).
///
/// # Errors
/// As [`Frequency::parse`].
pub fn parse_frequency(cell: &str) -> Result<Frequency, String> {
    if cell.trim().is_empty() {
        return Ok(Frequency::Daily);
    }
    Frequency::parse(cell)
}

/// Reads a container volume in m³ (`container_m3`): a number above 0 and at most
/// 1,000 m³; `Ok(None)` when empty.
///
/// # Errors
/// Not a number, zero or negative, or too large.
pub fn parse_container_m3(cell: &str) -> Result<Option<f64>, String> {
    match number(cell, limits::CONTAINER_M3)? {
        Some(x) if x <= 0.0 => Err(format!(
            "`{}`: a container holds more than 0 m³",
            cell.trim()
        )),
        v => Ok(v),
    }
}

/// Reads `overflow_pct`, the fill level (percent of the container volume) at which a
/// container counts as overflowing: 50 to 150, [`DEFAULT_OVERFLOW_PCT`] when empty.
///
/// # Errors
/// Not a number, or outside 50–150.
pub fn parse_overflow_pct(cell: &str) -> Result<f64, String> {
    Ok(number(cell, limits::OVERFLOW_PCT)?.unwrap_or(DEFAULT_OVERFLOW_PCT))
}

/// Reads `last_emptied`, the instant the container was last emptied (ISO 8601 with
/// offset, as [`parse_instant`]); `Ok(None)` when empty.
///
/// # Errors
/// Not a time with an offset.
pub fn parse_last_emptied(cell: &str) -> Result<Option<DateTime<FixedOffset>>, String> {
    if cell.trim().is_empty() {
        return Ok(None);
    }
    parse_instant(cell)
        .map(Some)
        .map_err(|e| format!("{e}; {INSTANT_HINT}"))
}

/// Reads the static estimate of one stream from its two cells (`kg_per_day`,
/// `m3_per_day`, each 0 … the range of a site's demand); `Ok(None)` when both are
/// empty.
///
/// # Errors
/// A cell that is not a number in range, with the column's name.
pub fn parse_fill_per_day(kg_cell: &str, m3_cell: &str) -> Result<Option<StaticEstimate>, String> {
    let kg = number(kg_cell, limits::MASS_KG).map_err(|e| format!("kg per day: {e}"))?;
    let m3 = number(m3_cell, limits::VOLUME_M3).map_err(|e| format!("m³ per day: {e}"))?;
    if kg.is_none() && m3.is_none() {
        return Ok(None);
    }
    Ok(Some(StaticEstimate {
        kg_per_day: kg.unwrap_or(0.0),
        m3_per_day: m3.unwrap_or(0.0),
    }))
}

/// An optional number inside `range`.
fn number(cell: &str, range: Plausible) -> Result<Option<f64>, String> {
    let t = cell.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(x) if range.contains(x) => Ok(Some(x)),
        Ok(x) if x.is_finite() => Err(format!(
            "`{t}` is outside the range; write a number from {}",
            range.describe()
        )),
        _ => Err(format!(
            "`{t}` is not a number; write a plain decimal number with a dot ({})",
            range.describe()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequency_defaults_to_daily() {
        assert_eq!(parse_frequency(""), Ok(Frequency::Daily));
        assert_eq!(parse_frequency("2/week"), Ok(Frequency::PerWeek(2)));
        assert!(parse_frequency("often").is_err());
    }

    #[test]
    fn container_volume_is_positive_and_bounded() {
        assert_eq!(parse_container_m3("1.1"), Ok(Some(1.1)));
        assert_eq!(parse_container_m3(" "), Ok(None));
        assert!(parse_container_m3("0").unwrap_err().contains("more than 0"));
        assert!(parse_container_m3("-1").unwrap_err().contains("outside"));
        assert!(parse_container_m3("1e9").unwrap_err().contains("outside"));
        assert!(
            parse_container_m3("NaN")
                .unwrap_err()
                .contains("not a number")
        );
        assert!(
            parse_container_m3("1,1")
                .unwrap_err()
                .contains("not a number")
        );
    }

    #[test]
    fn overflow_threshold_defaults_to_100_and_stays_in_50_to_150() {
        assert_eq!(parse_overflow_pct(""), Ok(100.0));
        assert_eq!(parse_overflow_pct("90"), Ok(90.0));
        assert_eq!(parse_overflow_pct("150"), Ok(150.0));
        assert!(parse_overflow_pct("49.9").is_err());
        assert!(parse_overflow_pct("151").is_err());
        assert!(parse_overflow_pct("inf").is_err());
    }

    #[test]
    fn last_emptied_needs_an_offset() {
        assert_eq!(parse_last_emptied(""), Ok(None));
        let t = parse_last_emptied("2026-03-02T01:30:00+07:00")
            .unwrap()
            .unwrap();
        assert_eq!(t.to_rfc3339(), "2026-03-02T01:30:00+07:00");
        let e = parse_last_emptied("2026-03-02 01:30").unwrap_err();
        assert!(e.contains("offset"), "{e}");
    }

    #[test]
    fn static_estimate_reads_both_cells() {
        assert_eq!(parse_fill_per_day("", ""), Ok(None));
        assert_eq!(
            parse_fill_per_day("120", ""),
            Ok(Some(StaticEstimate {
                kg_per_day: 120.0,
                m3_per_day: 0.0
            }))
        );
        assert_eq!(
            parse_fill_per_day("", "0.4").unwrap().unwrap().m3_per_day,
            0.4
        );
        assert!(
            parse_fill_per_day("-3", "")
                .unwrap_err()
                .starts_with("kg per day")
        );
        assert!(
            parse_fill_per_day("", "x")
                .unwrap_err()
                .starts_with("m³ per day")
        );
    }
}
