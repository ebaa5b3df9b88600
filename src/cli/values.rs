//! Value parsers for numeric and typed flags: each turns the text into a value of the
//! right type and range at the command line, or says what a valid value looks like.
//! clap prints the flag and the value before the message, exits 2, and accepts a leading
//! `-` for flags that use these parsers (`allow_negative_numbers`), so `--seed -1` is
//! explained rather than taken for an unknown flag.

use chrono::NaiveDate;
use wasteroute::limits::MAX_TIME_LIMIT_S;

fn whole<T: std::str::FromStr>(text: &str, range: &str) -> Result<T, String> {
    text.trim()
        .parse::<T>()
        .map_err(|_| format!("`{text}` is not valid; give {range}"))
}

/// A seed: any whole number from 0 to 2⁶⁴ − 1.
pub fn seed(text: &str) -> Result<u64, String> {
    whole(text, &format!("a whole number from 0 to {}", u64::MAX))
}

/// An iteration budget: a whole number from 0.
pub fn iterations(text: &str) -> Result<u64, String> {
    whole(text, &format!("a whole number from 0 to {}", u64::MAX))
}

/// A thread count: 0 (all cores) or more; larger than the machine's cores is capped later.
pub fn threads(text: &str) -> Result<usize, String> {
    whole(
        text,
        &format!("a whole number from 0 (all cores) to {}", usize::MAX),
    )
}

/// Most gathering points `generate` makes.
pub const MAX_SITES: usize = 100_000;

/// A number of gathering points for `generate`.
pub fn sites(text: &str) -> Result<usize, String> {
    let range = format!("a whole number from 1 to {MAX_SITES}");
    match whole::<usize>(text, &range)? {
        n @ 1..=MAX_SITES => Ok(n),
        _ => Err(format!("`{text}` is not valid; give {range}")),
    }
}

/// A count for a hidden test flag (a whole number from 0).
pub fn count(text: &str) -> Result<usize, String> {
    whole(text, &format!("a whole number from 0 to {}", usize::MAX))
}

/// A time limit in seconds: finite, above 0, at most [`MAX_TIME_LIMIT_S`].
pub fn seconds(text: &str) -> Result<f64, String> {
    let range = format!("a number of seconds above 0 and at most {MAX_TIME_LIMIT_S}, e.g. 30");
    match text.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= MAX_TIME_LIMIT_S => Ok(v),
        _ => Err(format!("`{text}` is not valid; give {range}")),
    }
}

/// Largest snapping distance accepted, metres.
pub const MAX_SNAP_M: f64 = 100_000.0;

/// A distance in metres: finite, above 0, at most [`MAX_SNAP_M`].
pub fn metres(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= MAX_SNAP_M => Ok(v),
        _ => Err(format!(
            "`{text}` is not valid; give a number of metres above 0 and at most {MAX_SNAP_M}, e.g. 300"
        )),
    }
}

/// A calendar date `YYYY-MM-DD`.
pub fn date(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    let shaped = t.len() == 10
        && t.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    match NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        Ok(d) if shaped => Ok(d),
        _ => Err(format!(
            "`{text}` is not a date; write YYYY-MM-DD with a real month and day, e.g. 2026-03-02"
        )),
    }
}

/// A UTC offset `±HH:MM` (at most ±14:00), as seconds east of UTC; the scenario's own
/// parser, so what passes here passes `validate`.
pub fn utc_offset(text: &str) -> Result<i32, String> {
    match wasteroute::scenario::time_of_day::parse_offset(text) {
        Some(s) => Ok(s),
        _ => Err(format!(
            "`{text}` is not a UTC offset; write +HH:MM or -HH:MM up to 14:00, e.g. +07:00"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_named() {
        assert!(
            seed("-1")
                .unwrap_err()
                .contains("0 to 18446744073709551615")
        );
        assert_eq!(seed("18446744073709551615"), Ok(u64::MAX));
        assert!(sites("0").is_err() && sites("100001").is_err());
        assert_eq!(sites("20"), Ok(20));
        for bad in ["0", "-1", "nan", "inf", "1e300"] {
            assert!(seconds(bad).is_err(), "{bad}");
        }
        assert_eq!(seconds("2.5"), Ok(2.5));
        assert!(date("2026-13-01").is_err() && date("2026-2-01").is_err());
        assert!(date("2028-02-29").is_ok() && date("2027-02-29").is_err());
        assert_eq!(utc_offset("-09:30"), Ok(-(9 * 3600 + 30 * 60)));
        for bad in ["banana", "+25:00", "+02:61", "2:00", "", "++1:00", "+1:00"] {
            assert!(utc_offset(bad).is_err(), "{bad}");
        }
    }
}
