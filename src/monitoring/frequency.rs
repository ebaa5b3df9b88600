//! How often a site is served, and the visit patterns a frequency allows over a horizon.
//!
//! A week plan (the periodic VRP) gives each site one *visit pattern*: the days of the
//! horizon on which it is served. [`Frequency::patterns`] lists the patterns a frequency
//! allows; [`Frequency::is_due`] answers the nightly question "is tonight due, given the
//! last emptying".

use chrono::{Datelike, NaiveDate, Weekday};
use std::fmt;

/// Longest horizon [`Frequency::patterns`] plans over: a pattern is a 64-bit mask of days.
pub const MAX_HORIZON_DAYS: u32 = 64;

/// Longest interval of `every N days`.
pub const MAX_EVERY_DAYS: u16 = 366;

/// A set of weekdays, bit `i` for the `i`-th day from Monday.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WeekdaySet(u8);

impl WeekdaySet {
    /// The empty set.
    pub const EMPTY: WeekdaySet = WeekdaySet(0);

    /// The set with `days`.
    pub fn of(days: &[Weekday]) -> WeekdaySet {
        days.iter().fold(WeekdaySet::EMPTY, |s, &d| s.with(d))
    }

    /// This set and `day`.
    pub fn with(self, day: Weekday) -> WeekdaySet {
        WeekdaySet(self.0 | 1 << day.num_days_from_monday())
    }

    /// True when `day` is in the set.
    pub fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.num_days_from_monday()) != 0
    }

    /// Number of days in the set.
    pub fn len(self) -> u32 {
        self.0.count_ones()
    }

    /// True for the empty set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl fmt::Display for WeekdaySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = WEEKDAY_NAMES
            .iter()
            .enumerate()
            .filter(|&(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, n)| *n)
            .collect();
        f.write_str(&names.join(";"))
    }
}

/// Three-letter weekday names, Monday first, as `sites.csv` writes them.
pub const WEEKDAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// How often a site is served.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frequency {
    /// Every night (`daily`).
    Daily,
    /// `N/week` (1 to 7): N nights a week, spread as evenly as the week allows.
    PerWeek(u8),
    /// Fixed weekdays (`mon;wed;fri`).
    Weekdays(WeekdaySet),
    /// `every N days` (1 to [`MAX_EVERY_DAYS`]).
    EveryDays(u16),
    /// `on demand`: no fixed pattern; the forecast decides each night.
    OnDemand,
}

/// The days of a horizon on which a site is served: bit `d` for day `d` (day 0 is the
/// first night of the horizon).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VisitPattern(pub u64);

impl VisitPattern {
    /// True when the site is served on day `d` of the horizon.
    pub fn visits(self, d: u32) -> bool {
        d < 64 && self.0 & (1 << d) != 0
    }

    /// Number of visits.
    pub fn count(self) -> u32 {
        self.0.count_ones()
    }

    /// The visit days, in order.
    pub fn days(self) -> impl Iterator<Item = u32> {
        (0..64).filter(move |&d| self.visits(d))
    }
}

/// The horizon asked of [`Frequency::patterns`] is longer than [`MAX_HORIZON_DAYS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HorizonTooLong(pub u32);

impl fmt::Display for HorizonTooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a horizon of {} days is longer than {MAX_HORIZON_DAYS}",
            self.0
        )
    }
}

impl Frequency {
    /// Reads a `frequency` cell: `daily`, `N/week` (`3/week`), weekdays (`mon;wed;fri`),
    /// `every N days` (`every 1 day` too), `on demand`. Case and extra spaces are ignored.
    ///
    /// # Errors
    /// What is wrong, for a diagnostic message.
    pub fn parse(cell: &str) -> Result<Frequency, String> {
        let text = cell.trim().to_ascii_lowercase();
        let words: Vec<&str> = text.split_whitespace().collect();
        let allowed = "write `daily`, `N/week` (e.g. `3/week`), weekdays (e.g. `mon;wed;fri`), \
                       `every N days` or `on demand`";
        match words.as_slice() {
            [] => Err(format!("the frequency is empty; {allowed}")),
            ["daily"] => Ok(Frequency::Daily),
            ["on", "demand"] | ["on-demand"] | ["on_demand"] => Ok(Frequency::OnDemand),
            ["every", n, unit] if matches!(*unit, "days" | "day") => match n.parse::<u16>() {
                Ok(n) if (1..=MAX_EVERY_DAYS).contains(&n) => Ok(Frequency::EveryDays(n)),
                _ => Err(format!(
                    "`{}`: N in `every N days` must be a whole number from 1 to {MAX_EVERY_DAYS}",
                    cell.trim()
                )),
            },
            [one] if one.ends_with("/week") => {
                let n = &one[..one.len() - "/week".len()];
                match n.parse::<u8>() {
                    Ok(n) if (1..=7).contains(&n) => Ok(Frequency::PerWeek(n)),
                    _ => Err(format!(
                        "`{}`: N in `N/week` must be a whole number from 1 to 7",
                        cell.trim()
                    )),
                }
            }
            _ if text.contains(';') || WEEKDAY_NAMES.contains(&text.as_str()) => {
                parse_weekdays(&text).map(Frequency::Weekdays)
            }
            _ => Err(format!("`{}` is not a frequency; {allowed}", cell.trim())),
        }
    }

    /// The visit patterns this frequency allows over `days` nights starting on `first`,
    /// without repeats, in increasing order of their masks:
    ///
    /// - `daily`: one pattern, every night;
    /// - weekdays: one pattern, the nights on those weekdays;
    /// - `N/week`: every set of N weekdays spread evenly over the week (the gaps between
    ///   consecutive visits, around the week, differ by at most one day: `3/week` gives
    ///   Mon-Wed-Fri, Tue-Thu-Sat, … and Sat-Mon-Wed, 7 in all; `2/week` gives the 7
    ///   pairs 3 or 4 days apart), repeated every week;
    /// - `every N days`: one pattern per phase (day `p`, `p + N`, …) for `p` below N; the
    ///   phases that fall after the horizon give the empty pattern (once);
    /// - `on demand`: only the empty pattern (such sites are chosen night by night from
    ///   their forecast, not by a pattern).
    ///
    /// # Errors
    /// [`HorizonTooLong`] when `days` exceeds [`MAX_HORIZON_DAYS`].
    pub fn patterns(&self, days: u32, first: Weekday) -> Result<Vec<VisitPattern>, HorizonTooLong> {
        if days > MAX_HORIZON_DAYS {
            return Err(HorizonTooLong(days));
        }
        let on_weekdays = |set: WeekdaySet| {
            let mut mask = 0u64;
            let mut wd = first;
            for d in 0..days {
                if set.contains(wd) {
                    mask |= 1 << d;
                }
                wd = wd.succ();
            }
            VisitPattern(mask)
        };
        let mut out: Vec<VisitPattern> = match *self {
            Frequency::Daily => vec![on_weekdays(WeekdaySet(0x7f))],
            Frequency::Weekdays(set) => vec![on_weekdays(set)],
            Frequency::PerWeek(n) => even_weekly_sets(u32::from(n))
                .into_iter()
                .map(on_weekdays)
                .collect(),
            Frequency::EveryDays(n) => (0..u32::from(n))
                .map(|p| {
                    let mut mask = 0u64;
                    let mut d = p;
                    while d < days {
                        mask |= 1 << d;
                        d += u32::from(n);
                    }
                    VisitPattern(mask)
                })
                .collect(),
            Frequency::OnDemand => vec![VisitPattern(0)],
        };
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    /// Is the night of `tonight` due, given the night of the last emptying (see
    /// [`super::instant::night_of`]; `None` when unknown)?
    ///
    /// - `daily`: always;
    /// - weekdays: when tonight's weekday is listed (the last emptying does not matter);
    /// - `every N days`: when at least N nights have passed since the last emptying, or it
    ///   is unknown;
    /// - `N/week`: when at least ⌊7 / N⌋ nights have passed (the shortest gap of an even
    ///   spread: 2 for `3/week`, 3 for `2/week`), or the last emptying is unknown;
    /// - `on demand`: never by the calendar (the forecast decides).
    pub fn is_due(&self, tonight: NaiveDate, last_emptied: Option<NaiveDate>) -> bool {
        let gap_at_least =
            |n: i64| last_emptied.is_none_or(|last| (tonight - last).num_days() >= n);
        match *self {
            Frequency::Daily => true,
            Frequency::Weekdays(set) => set.contains(tonight.weekday()),
            Frequency::EveryDays(n) => gap_at_least(i64::from(n)),
            Frequency::PerWeek(n) => gap_at_least(7 / i64::from(n.max(1))),
            Frequency::OnDemand => false,
        }
    }
}

impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Frequency::Daily => f.write_str("daily"),
            Frequency::PerWeek(n) => write!(f, "{n}/week"),
            Frequency::Weekdays(set) => write!(f, "{set}"),
            Frequency::EveryDays(n) => write!(f, "every {n} days"),
            Frequency::OnDemand => f.write_str("on demand"),
        }
    }
}

fn parse_weekdays(text: &str) -> Result<WeekdaySet, String> {
    let mut set = WeekdaySet::EMPTY;
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let Some(i) = WEEKDAY_NAMES.iter().position(|n| *n == part) else {
            return Err(format!(
                "`{part}` is not a weekday; use mon, tue, wed, thu, fri, sat, sun separated by `;`"
            ));
        };
        let day = Weekday::try_from(i as u8).map_err(|_| "weekday index".to_string())?;
        if set.contains(day) {
            return Err(format!("`{part}` is listed twice"));
        }
        set = set.with(day);
    }
    if set.is_empty() {
        return Err("no weekday listed; write e.g. `mon;wed;fri`".into());
    }
    Ok(set)
}

/// Every set of `n` weekdays whose cyclic gaps differ by at most one day.
fn even_weekly_sets(n: u32) -> Vec<WeekdaySet> {
    (1u8..128)
        .filter(|m| m.count_ones() == n)
        .filter(|&m| {
            let days: Vec<u32> = (0..7).filter(|i| m & (1 << i) != 0).collect();
            let gaps: Vec<u32> = days
                .iter()
                .zip(days.iter().cycle().skip(1))
                .map(|(a, b)| (b + 7 - a - 1) % 7 + 1)
                .collect();
            let (lo, hi) = (gaps.iter().min(), gaps.iter().max());
            matches!((lo, hi), (Some(lo), Some(hi)) if hi - lo <= 1)
        })
        .map(WeekdaySet)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Weekday::*;

    #[test]
    fn parses_every_spelling_and_explains_errors() {
        assert_eq!(Frequency::parse("daily"), Ok(Frequency::Daily));
        assert_eq!(Frequency::parse(" Daily "), Ok(Frequency::Daily));
        assert_eq!(Frequency::parse("3/week"), Ok(Frequency::PerWeek(3)));
        assert_eq!(
            Frequency::parse("mon;wed;fri"),
            Ok(Frequency::Weekdays(WeekdaySet::of(&[Mon, Wed, Fri])))
        );
        assert_eq!(
            Frequency::parse("sun"),
            Ok(Frequency::Weekdays(WeekdaySet::of(&[Sun])))
        );
        assert_eq!(
            Frequency::parse("every 4 days"),
            Ok(Frequency::EveryDays(4))
        );
        assert_eq!(Frequency::parse("every 1 day"), Ok(Frequency::EveryDays(1)));
        assert_eq!(Frequency::parse("on demand"), Ok(Frequency::OnDemand));
        for bad in [
            "",
            "8/week",
            "0/week",
            "x/week",
            "mon;mon",
            "mon;funday",
            "every 0 days",
            "every -1 days",
            "weekly",
            "every 9999 days",
            ";",
        ] {
            let e = Frequency::parse(bad).unwrap_err();
            assert!(!e.is_empty(), "{bad}");
        }
        for f in [
            "daily",
            "3/week",
            "mon;wed;fri",
            "every 4 days",
            "on demand",
        ] {
            assert_eq!(Frequency::parse(f).unwrap().to_string(), f);
        }
    }

    #[test]
    fn three_a_week_gives_seven_even_spreads() {
        let p = Frequency::PerWeek(3).patterns(7, Mon).unwrap();
        assert_eq!(p.len(), 7);
        // Mon-Wed-Fri and Tue-Thu-Sat are among them.
        assert!(p.contains(&VisitPattern(0b001_0101)));
        assert!(p.contains(&VisitPattern(0b010_1010)));
        assert!(p.iter().all(|x| x.count() == 3));
        assert_eq!(Frequency::PerWeek(2).patterns(7, Mon).unwrap().len(), 7);
        assert_eq!(Frequency::PerWeek(7).patterns(14, Mon).unwrap().len(), 1);
        // Two weeks: the weekly set repeats.
        let two = Frequency::PerWeek(3).patterns(14, Wed).unwrap();
        assert!(two.iter().all(|x| x.count() == 6));
    }

    #[test]
    fn weekday_patterns_follow_the_first_day() {
        let f = Frequency::parse("mon;thu").unwrap();
        // Starting on a Wednesday: Thu is day 1, Mon day 5, Thu day 8.
        assert_eq!(
            f.patterns(9, Wed).unwrap(),
            vec![VisitPattern(0b1_0010_0010)]
        );
        assert_eq!(
            Frequency::Daily.patterns(3, Sun).unwrap(),
            vec![VisitPattern(0b111)]
        );
    }

    #[test]
    fn every_n_days_has_one_pattern_per_phase() {
        let p = Frequency::EveryDays(3).patterns(7, Mon).unwrap();
        assert_eq!(
            p,
            vec![
                VisitPattern(0b010_0100),
                VisitPattern(0b100_1001),
                VisitPattern(0b001_0010)
            ]
            .into_iter()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
        );
        // Longer than the horizon: some phases never visit.
        let p = Frequency::EveryDays(10).patterns(3, Mon).unwrap();
        assert_eq!(p.len(), 4);
        assert!(p.contains(&VisitPattern(0)));
        assert_eq!(
            Frequency::OnDemand.patterns(7, Mon).unwrap(),
            vec![VisitPattern(0)]
        );
        assert_eq!(Frequency::Daily.patterns(65, Mon), Err(HorizonTooLong(65)));
        assert_eq!(Frequency::Daily.patterns(64, Mon).unwrap()[0].count(), 64);
    }

    #[test]
    fn due_tonight_depends_on_the_last_emptying() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap(); // 2 March 2026 is a Monday
        assert!(Frequency::Daily.is_due(day(2), Some(day(1))));
        let mwf = Frequency::parse("mon;wed;fri").unwrap();
        assert!(mwf.is_due(day(2), Some(day(1))));
        assert!(!mwf.is_due(day(3), None));
        let every3 = Frequency::EveryDays(3);
        assert!(!every3.is_due(day(4), Some(day(2))));
        assert!(every3.is_due(day(5), Some(day(2))));
        assert!(every3.is_due(day(5), None));
        let three = Frequency::PerWeek(3);
        assert!(!three.is_due(day(3), Some(day(2))));
        assert!(three.is_due(day(4), Some(day(2))));
        assert!(!Frequency::OnDemand.is_due(day(9), Some(day(1))));
    }
}
