//! Numbers, durations and dates in a language's conventions.
//!
//! English keeps exactly the formats the pages always used (integers grouped with a
//! narrow no-break space, decimals with `.` and not grouped, dates as `YYYY-MM-DD`).
//! Vietnamese groups thousands with `.` and writes decimals after `,` (`1.234,5`), dates
//! as `Thứ Hai, 02/03/2026`, durations as `2 giờ 15 phút`.

use super::Language;
use chrono::{DateTime, Datelike, NaiveDate, Weekday};

impl Language {
    /// The decimal separator: `.` in English, `,` in Vietnamese.
    pub(crate) fn decimal_separator(self) -> char {
        match self {
            Language::En => '.',
            Language::Vi => ',',
        }
    }

    /// An integer with thousands separators (`1 234 567` with narrow no-break spaces in
    /// English, `1.234.567` in Vietnamese).
    pub(crate) fn integer(self, v: i64) -> String {
        let sep = match self {
            Language::En => '\u{202f}',
            Language::Vi => '.',
        };
        let grouped = group_digits(&v.unsigned_abs().to_string(), sep);
        if v < 0 {
            format!("-{grouped}")
        } else {
            grouped
        }
    }

    /// A number with `places` decimals: English as Rust prints it (`1234.5`, no groups),
    /// Vietnamese grouped (`1.234,5`). Not-a-number and infinities print as Rust does.
    pub(crate) fn decimal(self, v: f64, places: usize) -> String {
        let plain = format!("{v:.places$}");
        if self == Language::En || !v.is_finite() {
            return plain;
        }
        let (sign, digits) = match plain.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", plain.as_str()),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let mut out = format!("{sign}{}", group_digits(whole, '.'));
        if !fraction.is_empty() {
            out.push(self.decimal_separator());
            out.push_str(fraction);
        }
        out
    }

    /// Metres as kilometres with one decimal, without the unit.
    pub(crate) fn km(self, metres: i64) -> String {
        self.decimal(metres as f64 / 1000.0, 1)
    }

    /// A span of time for a sentence or a key figure, rounded to the minute: `3:25 h` in
    /// English, `3 giờ 25 phút` in Vietnamese.
    pub(crate) fn duration(self, seconds: i64) -> String {
        let minutes = (seconds.max(0) + 30) / 60;
        let (h, m) = (minutes / 60, minutes % 60);
        match self {
            Language::En => format!("{h}:{m:02} h"),
            Language::Vi if h == 0 => format!("{m} phút"),
            Language::Vi if m == 0 => format!("{h} giờ"),
            Language::Vi => format!("{h} giờ {m} phút"),
        }
    }

    /// The weekday's name in Vietnamese (`Thứ Hai` … `Chủ Nhật`), in English its short
    /// name (`Mon`).
    pub(crate) fn weekday(self, day: Weekday) -> &'static str {
        const VI: [&str; 7] = [
            "Thứ Hai",
            "Thứ Ba",
            "Thứ Tư",
            "Thứ Năm",
            "Thứ Sáu",
            "Thứ Bảy",
            "Chủ Nhật",
        ];
        const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        let i = day.num_days_from_monday() as usize;
        match self {
            Language::En => EN[i],
            Language::Vi => VI[i],
        }
    }

    /// A plan's night (`YYYY-MM-DD`) for the page: unchanged in English, `Thứ Hai,
    /// 02/03/2026` in Vietnamese. Text that is not a date is shown as written.
    pub(crate) fn night(self, date: &str) -> String {
        match (self, NaiveDate::parse_from_str(date, "%Y-%m-%d")) {
            (Language::Vi, Ok(d)) => {
                format!("{}, {}", self.weekday(d.weekday()), d.format("%d/%m/%Y"))
            }
            _ => date.to_string(),
        }
    }

    /// A date in a table's column head: `2026-03-02` in English, `02/03` in Vietnamese
    /// (the weekday is shown above it).
    pub(crate) fn date_label(self, d: NaiveDate) -> String {
        match self {
            Language::En => d.format("%Y-%m-%d").to_string(),
            Language::Vi => d.format("%d/%m").to_string(),
        }
    }

    /// A night in a sentence, without the year: `Thứ Ba, 03/03` (Vietnamese), `Tue 03 Mar`
    /// (English). Text that is not a date is shown as written.
    pub(crate) fn short_night(self, date: &str) -> String {
        match NaiveDate::parse_from_str(date, "%Y-%m-%d") {
            Ok(d) if self == Language::Vi => {
                format!("{}, {}", self.weekday(d.weekday()), d.format("%d/%m"))
            }
            Ok(d) => d.format("%a %d %b").to_string(),
            Err(_) => date.to_string(),
        }
    }

    /// A local ISO time (`2026-03-04T02:00:00+02:00`) as clock and weekday: `02:00 Thứ
    /// Tư`, `Wed 02:00`. Text that is not such a time is shown as written.
    pub(crate) fn clock_and_weekday(self, iso: &str) -> String {
        match DateTime::parse_from_rfc3339(iso) {
            Ok(t) if self == Language::Vi => {
                format!("{} {}", t.format("%H:%M"), self.weekday(t.weekday()))
            }
            Ok(t) => t.format("%a %H:%M").to_string(),
            Err(_) => iso.to_string(),
        }
    }

    /// A local ISO time for a tooltip: unchanged in English; `23:15, 02/03/2026` in
    /// Vietnamese.
    pub(crate) fn local_time(self, iso: &str) -> String {
        match (self, DateTime::parse_from_rfc3339(iso)) {
            (Language::Vi, Ok(t)) => t.format("%H:%M, %d/%m/%Y").to_string(),
            _ => iso.to_string(),
        }
    }
}

/// Puts `sep` between groups of three digits, from the right.
fn group_digits(digits: &str, sep: char) -> String {
    let n = digits.chars().count();
    let mut out = String::with_capacity(digits.len() + n / 3 * sep.len_utf8());
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Language::{En, Vi};

    #[test]
    fn numbers() {
        assert_eq!(En.integer(1_234_567), "1\u{202f}234\u{202f}567");
        assert_eq!(Vi.integer(1_234_567), "1.234.567");
        assert_eq!(Vi.integer(-12), "-12");
        assert_eq!(Vi.integer(999), "999");
        assert_eq!(En.decimal(1234.56, 1), "1234.6");
        assert_eq!(Vi.decimal(1234.56, 1), "1.234,6");
        assert_eq!(Vi.decimal(-1234.5, 2), "-1.234,50");
        assert_eq!(Vi.decimal(12.0, 0), "12");
        assert_eq!(Vi.decimal(f64::NAN, 1), "NaN");
        assert_eq!(Vi.km(15_550), "15,6");
        assert_eq!(En.km(15_550), "15.6");
    }

    #[test]
    fn durations() {
        assert_eq!(En.duration(3 * 3600 + 25 * 60), "3:25 h");
        assert_eq!(Vi.duration(2 * 3600 + 15 * 60), "2 giờ 15 phút");
        assert_eq!(Vi.duration(7 * 3600), "7 giờ");
        assert_eq!(Vi.duration(45 * 60 + 10), "45 phút");
    }

    #[test]
    fn dates() {
        assert_eq!(Vi.night("2026-03-03"), "Thứ Ba, 03/03/2026");
        assert_eq!(Vi.night("2026-03-08"), "Chủ Nhật, 08/03/2026");
        assert_eq!(En.night("2026-03-03"), "2026-03-03");
        assert_eq!(Vi.night("someday"), "someday");
        assert_eq!(Vi.short_night("2026-03-03"), "Thứ Ba, 03/03");
        assert_eq!(En.short_night("2026-03-03"), "Tue 03 Mar");
        let iso = "2026-03-04T02:00:00+02:00";
        assert_eq!(Vi.clock_and_weekday(iso), "02:00 Thứ Tư");
        assert_eq!(En.clock_and_weekday(iso), "Wed 02:00");
        assert_eq!(Vi.local_time(iso), "02:00, 04/03/2026");
        assert_eq!(En.local_time(iso), iso);
    }
}
