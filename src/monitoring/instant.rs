//! Instants with a UTC offset, as sensor platforms and planners write them, and the
//! night an instant belongs to.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};

/// The hint shown for an unreadable instant.
pub const INSTANT_HINT: &str = "write an ISO 8601 time with its UTC offset, e.g. 2026-03-01T22:00:00+07:00, \
     2026-03-01 22:00:00+07:00 or 2026-03-01T15:00:00Z";

/// Reads an instant: RFC 3339 (`2026-03-01T22:00:00+07:00`, `…Z`, optional fraction of a
/// second), or the same with a space instead of the `T` (`2026-03-01 22:00:00+07:00`).
/// A time without an offset is refused: a sensor's clock may be in UTC or local time and
/// guessing would shift every reading by hours.
///
/// # Errors
/// What is wrong, for a diagnostic message.
pub fn parse_instant(text: &str) -> Result<DateTime<FixedOffset>, String> {
    let t = text.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Ok(d);
    }
    // `YYYY-MM-DD HH:MM:SS±HH:MM`: the date part is ten ASCII bytes, then one space.
    if t.len() > 11 && t.is_char_boundary(10) && t.is_char_boundary(11) && &t[10..11] == " " {
        let joined = format!("{}T{}", &t[..10], &t[11..]);
        if let Ok(d) = DateTime::parse_from_rfc3339(&joined) {
            return Ok(d);
        }
    }
    let has_offset = t.ends_with('Z')
        || t.ends_with('z')
        || t.get(t.len().saturating_sub(6)..)
            .is_some_and(|tail| tail.starts_with('+') || tail.starts_with('-'));
    if !has_offset && t.len() >= 19 {
        return Err(format!("`{t}` has no UTC offset"));
    }
    Err(format!("`{t}` is not an ISO 8601 time with offset"))
}

/// The night an instant belongs to, named by the date on which it starts: the local date
/// of the instant 12 hours earlier (12:00 is the scenario's default `day_start`, so
/// 01:30 on 3 March belongs to the night of 2 March, 23:00 on 2 March too).
pub fn night_of(t: DateTime<FixedOffset>) -> NaiveDate {
    (t - Duration::hours(12)).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_three_spellings_and_refuses_naive_times() {
        let a = parse_instant("2026-03-01T22:00:00+07:00").unwrap();
        let b = parse_instant("2026-03-01 22:00:00+07:00").unwrap();
        let c = parse_instant("2026-03-01T15:00:00Z").unwrap();
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert!(parse_instant("2026-03-01T22:00:00.5+07:00").is_ok());
        let e = parse_instant("2026-03-01 22:00:00").unwrap_err();
        assert!(e.contains("no UTC offset"), "{e}");
        assert!(parse_instant("yesterday").is_err());
        assert!(parse_instant("2026-02-30T22:00:00+07:00").is_err());
        assert!(parse_instant("2026-03-01é22:00:00+07:00").is_err());
        assert!(parse_instant("").is_err());
    }

    #[test]
    fn a_night_runs_from_noon_to_noon() {
        let d = |s| night_of(parse_instant(s).unwrap());
        let march_2 = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        assert_eq!(d("2026-03-02T23:00:00+07:00"), march_2);
        assert_eq!(d("2026-03-03T01:30:00+07:00"), march_2);
        assert_eq!(d("2026-03-03T11:59:00+07:00"), march_2);
        assert_eq!(d("2026-03-03T12:00:00+07:00"), march_2.succ_opt().unwrap());
    }
}
