//! Clock times (`HH:MM`) and windows, unfolded onto the plan's absolute time line.
//!
//! The plan's time line counts seconds from midnight at the start of the scenario's
//! `date`. A plan covers the 24 hours that begin at the scenario's `day_start` (default
//! 12:00): a clock time earlier than `day_start` belongs to the next calendar day. So with
//! the default, a night shift `23:00-06:30` becomes `[23:00, 30:30]` and a site window
//! `01:00-03:00` becomes `[25:00, 27:00]`.
//!
//! A window whose end is earlier than its start crosses midnight (`22:00-02:00` lasts four
//! hours). `24:00` is accepted as an end. A window may not be empty (`06:00-06:00`).
//!
//! Recurring opening hours (facilities, depots) repeat every day: they are laid out over
//! the two days the plan can touch, so a facility open `06:00-22:00` is open both in the
//! evening before midnight and in the morning after it.

use crate::problem::TimeWindow;
use crate::units::Duration;
use std::fmt;

const DAY: i64 = 24 * 3600;

/// A time of day in whole minutes, `00:00` to `24:00`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime {
    seconds: i64,
}

impl ClockTime {
    /// Seconds since midnight (0 to 86,400).
    pub fn seconds(self) -> i64 {
        self.seconds
    }

    /// Parses `HH:MM` (or `H:MM`); `24:00` is allowed.
    ///
    /// # Errors
    /// A message saying what the text should look like.
    pub fn parse(text: &str) -> Result<ClockTime, String> {
        let t = text.trim();
        let bad = || format!("`{t}` is not a time of day; write HH:MM, for example 23:30");
        let (h, m) = t.split_once(':').ok_or_else(bad)?;
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if h.is_empty() || h.len() > 2 || m.len() != 2 || !digits(h) || !digits(m) {
            return Err(bad());
        }
        let h: i64 = h.parse().map_err(|_| bad())?;
        let m: i64 = m.parse().map_err(|_| bad())?;
        if h > 24 || m > 59 || (h == 24 && m != 0) {
            return Err(format!(
                "`{t}` is out of range; hours go from 00 to 23 (24:00 only as an end)"
            ));
        }
        Ok(ClockTime {
            seconds: h * 3600 + m * 60,
        })
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}:{:02}",
            self.seconds / 3600,
            self.seconds % 3600 / 60
        )
    }
}

/// A window of clock times, `HH:MM-HH:MM`; it crosses midnight when the end is earlier
/// than the start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClockWindow {
    /// Opening time.
    pub start: ClockTime,
    /// Closing time.
    pub end: ClockTime,
}

impl ClockWindow {
    /// Parses `HH:MM-HH:MM`.
    ///
    /// # Errors
    /// A message naming the bad part.
    pub fn parse(text: &str) -> Result<ClockWindow, String> {
        let t = text.trim();
        let not_a_window = || {
            format!(
                "`{t}` is not a window; write HH:MM-HH:MM with times from 00:00 to 24:00, for example 23:00-06:30"
            )
        };
        // Exactly one `-`: a negative time such as `-1:00-02:00` is not a window either.
        let (a, b) = t.split_once('-').ok_or_else(not_a_window)?;
        if a.trim().is_empty() || b.contains('-') {
            return Err(not_a_window());
        }
        let start = ClockTime::parse(a).map_err(|e| format!("in window `{t}`: {e}"))?;
        let end = ClockTime::parse(b).map_err(|e| format!("in window `{t}`: {e}"))?;
        if start.seconds == 24 * 3600 {
            return Err(format!(
                "`{t}`: a window cannot start at 24:00; write 00:00"
            ));
        }
        if start.seconds == end.seconds {
            return Err(format!(
                "`{t}` is empty; a whole day is 00:00-24:00, or leave the field empty"
            ));
        }
        Ok(ClockWindow { start, end })
    }

    /// Parses a `;`-separated list of windows; an empty text is an empty list.
    ///
    /// # Errors
    /// The first bad window.
    pub fn parse_list(text: &str) -> Result<Vec<ClockWindow>, String> {
        text.split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(ClockWindow::parse)
            .collect()
    }

    /// Length in seconds (crossing midnight when the end is earlier than the start).
    pub fn length(self) -> i64 {
        let raw = self.end.seconds - self.start.seconds;
        if raw > 0 { raw } else { raw + DAY }
    }

    /// True for `00:00-24:00`.
    pub fn is_whole_day(self) -> bool {
        self.length() == DAY
    }
}

impl fmt::Display for ClockWindow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

/// Places clock times on the plan's time line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayAnchor {
    day_start: ClockTime,
}

impl DayAnchor {
    /// The plan covers 24 hours from `day_start` on the scenario's date.
    pub fn new(day_start: ClockTime) -> DayAnchor {
        DayAnchor { day_start }
    }

    /// The plan's first second.
    pub fn horizon_start(self) -> Duration {
        Duration(self.day_start.seconds)
    }

    /// The plan's last second a shift may reach: two days after the start of the first
    /// (a shift begins within the 24 hours and lasts at most 24 hours).
    pub fn horizon_end(self) -> Duration {
        Duration(self.day_start.seconds + 2 * DAY)
    }

    /// The time line position of a clock time: on the scenario's date when at or after
    /// `day_start`, else on the next day.
    pub fn place(self, t: ClockTime) -> Duration {
        let s = t.seconds % DAY;
        if s >= self.day_start.seconds {
            Duration(s)
        } else {
            Duration(s + DAY)
        }
    }

    /// One occurrence of a window: it starts at [`Self::place`] of its start.
    pub fn unfold(self, w: ClockWindow) -> TimeWindow {
        let start = self.place(w.start);
        TimeWindow::new(start, start + Duration(w.length()))
    }

    /// Sorted, disjoint occurrences of a list of windows; `None` when two overlap (the
    /// overlapping pair is returned for the message).
    pub fn unfold_list(
        self,
        ws: &[ClockWindow],
    ) -> Result<Vec<TimeWindow>, (ClockWindow, ClockWindow)> {
        let mut placed: Vec<(TimeWindow, ClockWindow)> =
            ws.iter().map(|w| (self.unfold(*w), *w)).collect();
        placed.sort_by_key(|(t, _)| (t.start, t.end));
        for pair in placed.windows(2) {
            if pair[1].0.start <= pair[0].0.end {
                return Err((pair[0].1, pair[1].1));
            }
        }
        Ok(placed.into_iter().map(|(t, _)| t).collect())
    }

    /// Daily opening hours over the whole horizon: every window repeated on the day
    /// before, the day of and the day after the plan, clipped to the horizon and merged
    /// where they touch or overlap. An empty list means always open.
    pub fn recurring(self, ws: &[ClockWindow]) -> Vec<TimeWindow> {
        let (h0, h1) = (self.horizon_start(), self.horizon_end());
        if ws.is_empty() || ws.iter().any(|w| w.is_whole_day()) {
            return vec![TimeWindow::new(h0, h1)];
        }
        let mut all: Vec<TimeWindow> = Vec::new();
        for day in -1..=2 {
            for w in ws {
                let s = Duration(w.start.seconds + day * DAY);
                let e = s + Duration(w.length());
                let (s, e) = (s.max(h0), e.min(h1));
                if s <= e {
                    all.push(TimeWindow::new(s, e));
                }
            }
        }
        all.sort_by_key(|w| (w.start, w.end));
        let mut merged: Vec<TimeWindow> = Vec::new();
        for w in all {
            match merged.last_mut() {
                Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
                _ => merged.push(w),
            }
        }
        merged
    }
}

/// Formats a time line position as `HH:MM` (with `+1` for the next day), for messages.
pub fn format_time(t: Duration) -> String {
    let s = t.get();
    let day = s.div_euclid(DAY);
    let r = s.rem_euclid(DAY);
    let hm = format!("{:02}:{:02}", r / 3600, r % 3600 / 60);
    if day == 0 { hm } else { format!("{hm}+{day}") }
}

/// The UTC offset of the scenario, `+HH:MM`, as seconds east of UTC.
pub fn parse_offset(text: &str) -> Option<i32> {
    let t = text.trim();
    // Exactly `±HH:MM`: `++1:00` or `+1:5` would parse below but are not offsets.
    let shaped = t.len() == 6
        && t.bytes().enumerate().all(|(i, b)| match i {
            0 => b == b'+' || b == b'-',
            3 => b == b':',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return None;
    }
    let (sign, rest) = match t.as_bytes().first()? {
        b'+' => (1, &t[1..]),
        b'-' => (-1, &t[1..]),
        _ => return None,
    };
    let (h, m) = rest.split_once(':')?;
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 14 && m < 60 && h >= 0 && m >= 0).then_some(sign * (h * 3600 + m * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> ClockWindow {
        ClockWindow::parse(s).unwrap()
    }

    #[test]
    fn parses_and_rejects_clock_times() {
        assert_eq!(
            ClockTime::parse("06:30").unwrap().seconds(),
            6 * 3600 + 1800
        );
        assert_eq!(ClockTime::parse("7:05").unwrap().seconds(), 7 * 3600 + 300);
        assert!(ClockTime::parse("24:00").is_ok());
        for bad in ["24:30", "12:60", "1230", "12:5", "ab:cd", ""] {
            assert!(ClockTime::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn night_shift_unfolds_across_midnight() {
        let a = DayAnchor::new(ClockTime::parse("12:00").unwrap());
        let shift = a.unfold(w("23:00-06:30"));
        assert_eq!(shift.start, Duration::hms(23, 0, 0));
        assert_eq!(shift.end, Duration::hms(30, 30, 0));
        let after_midnight = a.unfold(w("01:00-03:00"));
        assert_eq!(after_midnight.start, Duration::hms(25, 0, 0));
        assert_eq!(after_midnight.end, Duration::hms(27, 0, 0));
    }

    #[test]
    fn empty_and_overlapping_windows_are_refused() {
        assert!(ClockWindow::parse("06:00-06:00").is_err());
        let a = DayAnchor::new(ClockTime::parse("12:00").unwrap());
        let ws = ClockWindow::parse_list("22:00-01:00; 00:30-02:00").unwrap();
        assert!(a.unfold_list(&ws).is_err());
        let ok = ClockWindow::parse_list("02:00-03:00;22:00-01:00").unwrap();
        let placed = a.unfold_list(&ok).unwrap();
        assert_eq!(placed[0].start, Duration::hms(22, 0, 0));
        assert_eq!(placed[1].start, Duration::hms(26, 0, 0));
    }

    #[test]
    fn recurring_hours_cover_both_sides_of_midnight() {
        let a = DayAnchor::new(ClockTime::parse("12:00").unwrap());
        let open = a.recurring(&[w("06:00-22:00")]);
        // 12:00-22:00 on the day, 06:00-22:00 next day, 06:00-12:00 the day after.
        assert_eq!(
            open,
            vec![
                TimeWindow::new(Duration::hms(12, 0, 0), Duration::hms(22, 0, 0)),
                TimeWindow::new(Duration::hms(30, 0, 0), Duration::hms(46, 0, 0)),
                TimeWindow::new(Duration::hms(54, 0, 0), Duration::hms(60, 0, 0)),
            ]
        );
        let night = a.recurring(&[w("20:00-04:00")]);
        // The previous day's 20:00-04:00 ends before the plan starts at 12:00.
        assert_eq!(night[0].start, Duration::hms(20, 0, 0));
        assert_eq!(night[0].end, Duration::hms(28, 0, 0));
        assert_eq!(night[1].start, Duration::hms(44, 0, 0));
        assert_eq!(a.recurring(&[]).len(), 1);
        assert_eq!(format_time(Duration::hms(25, 5, 0)), "01:05+1");
    }
}
