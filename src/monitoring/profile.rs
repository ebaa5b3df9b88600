//! The weekday profile of a container's fill rate, and time measured in "effective hours".
//!
//! Markets, offices and weekends make some days fill faster than others. The profile is
//! seven multipliers (Monday first, mean 1) on the container's base rate; an effective
//! hour on a day with multiplier 1.3 counts 1.3 hours. With the profile, the fill level is
//! a straight line in effective hours, which the forecast fits.

use super::robust::{median, theil_sen};
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate};

/// History needed before a weekday profile is estimated (two weeks); less gives a flat
/// profile.
pub const MIN_HISTORY_DAYS: i64 = 14;

/// Each weekday needs this many day-slopes (see [`WeekdayProfile::estimate`]).
pub const MIN_DAYS_PER_WEEKDAY: usize = 2;

/// A day-slope needs this many readings on one local day within one cycle …
pub const MIN_READINGS_PER_DAY: usize = 3;

/// … spanning at least this many hours.
pub const MIN_SPAN_PER_DAY_H: f64 = 3.0;

/// Seven multipliers on the base fill rate, Monday first, with mean 1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WeekdayProfile {
    /// Monday first; each ≥ 0; their mean is 1.
    pub multipliers: [f64; 7],
}

impl Default for WeekdayProfile {
    fn default() -> WeekdayProfile {
        WeekdayProfile::FLAT
    }
}

impl WeekdayProfile {
    /// Every day alike.
    pub const FLAT: WeekdayProfile = WeekdayProfile {
        multipliers: [1.0; 7],
    };

    /// True for the flat profile.
    pub fn is_flat(&self) -> bool {
        *self == WeekdayProfile::FLAT
    }

    /// The multiplier of the local weekday of `t`.
    pub fn at(&self, t: DateTime<FixedOffset>) -> f64 {
        self.multipliers[t.weekday().num_days_from_monday() as usize]
    }

    /// Estimates the profile from readings `(instant, fill %)`, oldest first, cut into
    /// cycles at `starts` (see [`super::cycles::cycle_starts`]), with weekdays in the local
    /// time of `offset`.
    ///
    /// Flat unless the readings span at least [`MIN_HISTORY_DAYS`]. Otherwise: the readings
    /// of each local calendar day within one cycle (at least [`MIN_READINGS_PER_DAY`],
    /// spanning [`MIN_SPAN_PER_DAY_H`] hours) give one *day-slope*, their Theil–Sen slope;
    /// the rate of a weekday is the median of its day-slopes (at least
    /// [`MIN_DAYS_PER_WEEKDAY`], else the profile is flat), negative rates count as 0, and
    /// the multipliers are the seven rates divided by their mean (flat if the mean is 0).
    pub fn estimate(
        samples: &[(DateTime<FixedOffset>, f64)],
        starts: &[usize],
        offset: FixedOffset,
    ) -> WeekdayProfile {
        let (Some(first), Some(last)) = (samples.first(), samples.last()) else {
            return WeekdayProfile::FLAT;
        };
        if (last.0 - first.0).num_days() < MIN_HISTORY_DAYS {
            return WeekdayProfile::FLAT;
        }
        let mut day_slopes: [Vec<f64>; 7] = Default::default();
        let mut bounds: Vec<usize> = starts.to_vec();
        bounds.push(samples.len());
        for w in bounds.windows(2) {
            let cycle = &samples[w[0].min(samples.len())..w[1].min(samples.len())];
            let mut i = 0;
            while i < cycle.len() {
                let day: NaiveDate = cycle[i].0.with_timezone(&offset).date_naive();
                let mut j = i;
                while j < cycle.len() && cycle[j].0.with_timezone(&offset).date_naive() == day {
                    j += 1;
                }
                let seg = &cycle[i..j];
                let span_h = hours(seg[seg.len() - 1].0 - seg[0].0);
                if seg.len() >= MIN_READINGS_PER_DAY && span_h >= MIN_SPAN_PER_DAY_H {
                    let pts: Vec<(f64, f64)> =
                        seg.iter().map(|&(t, y)| (hours(t - seg[0].0), y)).collect();
                    if let Some(line) = theil_sen(&pts) {
                        let wd = day.weekday().num_days_from_monday() as usize;
                        day_slopes[wd].push(line.slope);
                    }
                }
                i = j;
            }
        }
        let mut rates = [0.0; 7];
        for (r, slopes) in rates.iter_mut().zip(&day_slopes) {
            if slopes.len() < MIN_DAYS_PER_WEEKDAY {
                return WeekdayProfile::FLAT;
            }
            *r = median(slopes).unwrap_or(0.0).max(0.0);
        }
        let mean = rates.iter().sum::<f64>() / 7.0;
        if !(mean > 0.0 && mean.is_finite()) {
            return WeekdayProfile::FLAT;
        }
        WeekdayProfile {
            multipliers: rates.map(|r| r / mean),
        }
    }

    /// Effective hours from `a` to `b` (negative when `b` is before `a`): each stretch of
    /// time weighted by the multiplier of its local weekday (in `a`'s offset).
    pub fn effective_hours(&self, a: DateTime<FixedOffset>, b: DateTime<FixedOffset>) -> f64 {
        if b < a {
            return -self.effective_hours(b, a);
        }
        if self.is_flat() {
            return hours(b - a);
        }
        let b = b.with_timezone(a.offset());
        let mut t = a;
        let mut acc = 0.0;
        // Any 7 × 24 hours hold each weekday for 24 hours: skip whole weeks at once.
        let weeks = (b - t).num_days() / 7;
        if weeks > 1 {
            let skip = weeks - 1;
            acc += skip as f64 * 24.0 * self.multipliers.iter().sum::<f64>();
            t += Duration::days(7 * skip);
        }
        while t < b {
            let next_midnight = t
                .date_naive()
                .succ_opt()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .and_then(|n| n.and_local_timezone(*a.offset()).single());
            let end = next_midnight.map_or(b, |m| m.min(b));
            if end <= t {
                break;
            }
            acc += self.at(t) * hours(end - t);
            t = end;
        }
        acc
    }
}

/// A duration in hours.
pub fn hours(d: Duration) -> f64 {
    d.num_milliseconds() as f64 / 3_600_000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(d: u32, h: u32) -> DateTime<FixedOffset> {
        let tz = FixedOffset::east_opt(7 * 3600).unwrap();
        // 2 March 2026 is a Monday.
        tz.with_ymd_and_hms(2026, 3, d, h, 0, 0).unwrap()
    }

    #[test]
    fn effective_hours_weigh_each_weekday() {
        let mut p = WeekdayProfile::FLAT;
        p.multipliers = [2.0, 0.5, 1.0, 1.0, 1.0, 0.5, 1.0];
        // Monday 18:00 → Tuesday 06:00: 6 h × 2 + 6 h × 0.5.
        assert!((p.effective_hours(at(2, 18), at(3, 6)) - 15.0).abs() < 1e-9);
        assert!((p.effective_hours(at(3, 6), at(2, 18)) + 15.0).abs() < 1e-9);
        // Three weeks are 3 × 24 × 7 effective hours whatever the profile.
        let three_weeks = p.effective_hours(at(2, 5), at(23, 5));
        assert!(
            (three_weeks - 3.0 * 24.0 * 7.0).abs() < 1e-9,
            "{three_weeks}"
        );
        assert_eq!(
            WeekdayProfile::FLAT.effective_hours(at(2, 0), at(3, 0)),
            24.0
        );
    }

    #[test]
    fn short_history_gives_a_flat_profile() {
        let s: Vec<_> = (0..13 * 24)
            .map(|h| (at(2, 0) + Duration::hours(h), 0.1 * h as f64))
            .collect();
        assert!(WeekdayProfile::estimate(&s, &[0], *at(2, 0).offset()).is_flat());
        assert!(WeekdayProfile::estimate(&[], &[], *at(2, 0).offset()).is_flat());
    }
}
