//! The visit patterns each site may get over the horizon.
//!
//! - A site's frequency gives its patterns ([`Frequency::patterns`]); a site without a
//!   `frequency` cell is `daily`.
//! - When the site's last emptying is known, `every N days` and `N/week` keep only the
//!   patterns whose first visit comes within the frequency's gap of it (N days; ⌈7 / N⌉
//!   for `N/week`), so the week continues the site's rhythm; when none does (the site is
//!   overdue), those with the earliest first visit.
//! - An `on demand` site has one pattern, computed from its fill rate: it is visited on
//!   the last night before any of its containers would cross its overflow threshold (or
//!   exceed `max_days` since its last emptying), so that it never overflows within the
//!   horizon. Its last emptying, when unknown, is taken as the night before the horizon.
//! - A frequency that cannot fit the horizon is refused: `N/week` needs at least 7 days,
//!   `every N days` at least N.

use super::{Horizon, WeekError};
use crate::monitoring::Frequency;
use crate::monitoring::VisitPattern;
use crate::monitoring::instant::night_of;
use crate::planner::simulate::containers::ContainerSpec;
use crate::scenario::{Scenario, units};

/// What a site may be given.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteOptions {
    /// Its frequency.
    pub frequency: Frequency,
    /// The patterns it may get, never empty, in increasing order of their masks.
    pub patterns: Vec<VisitPattern>,
    /// The night of its last emptying, in days from the first night (below 0 before the
    /// horizon), when known; for `on demand` sites the night assumed when unknown.
    pub last_night: Option<i64>,
}

/// The options of every site of `s`, in site order. `specs` are the containers of `s`
/// ([`crate::planner::simulate::containers::containers`]), which give `on demand` sites their fill
/// rates.
///
/// # Errors
/// [`WeekError::FrequencyDoesNotFit`] for the first site whose frequency cannot fit.
pub fn site_options(
    s: &Scenario,
    specs: &[ContainerSpec],
    h: &Horizon,
) -> Result<Vec<SiteOptions>, WeekError> {
    let mut out = Vec::with_capacity(s.sites.len());
    for (i, site) in s.sites.iter().enumerate() {
        let frequency = site.frequency;
        let misfit = |why: String| WeekError::FrequencyDoesNotFit {
            file: s.files.sites.display().to_string(),
            line: site.line,
            site: site.id.clone(),
            frequency: frequency.to_string(),
            days: h.days,
            why,
        };
        let last_night = site
            .monitoring
            .as_ref()
            .and_then(|m| m.last_emptied)
            .map(|t| (night_of(t) - h.first).num_days());
        match frequency {
            Frequency::PerWeek(_) if h.days < 7 => {
                return Err(misfit(
                    "a weekly frequency needs a horizon of at least 7 days (--days 7)".into(),
                ));
            }
            Frequency::EveryDays(n) if u32::from(n) > h.days => {
                return Err(misfit(format!(
                    "it needs a horizon of at least {n} days (--days {n})"
                )));
            }
            _ => {}
        }
        if frequency == Frequency::OnDemand {
            let last = last_night.unwrap_or(-1);
            // A container is emptied before it holds more than it overflows at, or more
            // than the largest truck that may serve the site carries.
            let mine: Vec<ContainerSpec> = specs
                .iter()
                .filter(|c| c.site == i)
                .map(|c| ContainerSpec {
                    overflow_pct: c.overflow_pct.min(most_carried_pct(s, c)),
                    ..c.clone()
                })
                .collect();
            let mine: Vec<&ContainerSpec> = mine.iter().collect();
            out.push(SiteOptions {
                frequency,
                patterns: vec![on_demand(&mine, last, h.days)],
                last_night: Some(last),
            });
            continue;
        }
        let all = frequency
            .patterns(h.days, h.first_weekday())
            .map_err(|e| misfit(e.to_string()))?;
        let patterns = match (frequency, last_night) {
            (Frequency::EveryDays(n), Some(last)) => after_last(all, last, i64::from(n)),
            (Frequency::PerWeek(n), Some(last)) => {
                after_last(all, last, (7 + i64::from(n) - 1) / i64::from(n))
            }
            _ => all,
        };
        out.push(SiteOptions {
            frequency,
            patterns,
            last_night,
        });
    }
    Ok(out)
}

/// The most of container `c` (percent of its volume) that one truck allowed at its site
/// and carrying its stream can take; unlimited when no truck says.
pub fn most_carried_pct(s: &Scenario, c: &ContainerSpec) -> f64 {
    let site = &s.sites[c.site];
    s.vehicles
        .iter()
        .enumerate()
        .filter(|(v, r)| {
            r.streams.contains(c.stream) && site.vehicles.as_ref().is_none_or(|a| a.contains(v))
        })
        .map(|(_, r)| {
            let kg = r.capacity.0[units::DIM_KG].get() as f64;
            let litres = r.capacity.0[units::DIM_LITRES].get() as f64;
            let by_kg = if kg > 0.0 {
                kg / c.kg(1.0)
            } else {
                f64::INFINITY
            };
            let by_m3 = if litres > 0.0 {
                litres / 1000.0 / (c.volume_m3 / 100.0)
            } else {
                f64::INFINITY
            };
            by_kg.min(by_m3)
        })
        .fold(0.0, f64::max)
        .max(f64::MIN_POSITIVE)
}

/// The patterns whose first visit is at most `gap` nights after `last`; when none is, those
/// with the earliest first visit.
fn after_last(all: Vec<VisitPattern>, last: i64, gap: i64) -> Vec<VisitPattern> {
    let first = |p: &VisitPattern| p.days().next().map_or(i64::MAX, i64::from);
    let kept: Vec<VisitPattern> = all
        .iter()
        .copied()
        .filter(|p| first(p) <= last + gap)
        .collect();
    if !kept.is_empty() {
        return kept;
    }
    let earliest = all.iter().map(first).min().unwrap_or(i64::MAX);
    all.into_iter().filter(|p| first(p) == earliest).collect()
}

/// The nights an `on demand` site with these containers is emptied, its last emptying on
/// night `last` (days from the first night).
pub fn on_demand(containers: &[&ContainerSpec], last: i64, days: u32) -> VisitPattern {
    let mut mask = 0u64;
    let mut since = (-last).max(0) as f64;
    for d in 0..days {
        // Tomorrow night is the next chance: visit tonight if any container would have
        // crossed its threshold by then.
        let due = containers.iter().any(|c| {
            c.known_pct_per_day * (since + 1.0) > c.overflow_pct
                || c.max_days.is_some_and(|m| since + 1.0 > f64::from(m))
        });
        if due {
            mask |= 1 << d;
            since = 1.0;
        } else {
            since += 1.0;
        }
    }
    VisitPattern(mask)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::StreamIdx;

    fn spec(rate: f64) -> ContainerSpec {
        ContainerSpec {
            site: 0,
            stream: StreamIdx(0),
            volume_m3: 1.0,
            density: 100.0,
            overflow_pct: 100.0,
            frequency: Frequency::OnDemand,
            max_days: None,
            known_pct_per_day: rate,
        }
    }

    #[test]
    fn on_demand_visits_on_the_last_night_before_overflow() {
        // 30 %/day, emptied the night before: 30, 60, 90 on nights 0..2; 120 by night 3.
        let c = spec(30.0);
        assert_eq!(on_demand(&[&c], -1, 7), VisitPattern(0b010_0100));
        // Never overflows: at every night it holds at most 100 % before the next visit.
        let slow = spec(0.0);
        assert_eq!(on_demand(&[&slow], -1, 7), VisitPattern(0));
        let mut limited = spec(1.0);
        limited.max_days = Some(3);
        assert_eq!(on_demand(&[&limited], -1, 7), VisitPattern(0b010_0100));
    }

    #[test]
    fn the_last_emptying_narrows_the_first_visit() {
        let all = Frequency::EveryDays(3)
            .patterns(7, chrono::Weekday::Mon)
            .unwrap();
        // Emptied two nights before the first: due on night 0 or 1 at the latest.
        let kept = after_last(all.clone(), -2, 3);
        assert!(kept.iter().all(|p| p.days().next().unwrap() <= 1));
        assert_eq!(kept.len(), 2);
        // Long overdue: the earliest.
        let kept = after_last(all, -30, 3);
        assert_eq!(kept, vec![VisitPattern(0b100_1001)]);
    }

    #[test]
    fn a_frequency_that_cannot_fit_names_its_line() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/scenario/week/scenario.toml");
        let s = crate::scenario::load_with(&path, crate::scenario::TonightMode::Leave)
            .unwrap()
            .scenario;
        let specs = crate::planner::simulate::containers::containers(&s);
        let h = super::super::Horizon::new(s.date, 3).unwrap();
        let e = site_options(&s, &specs, &h).unwrap_err();
        assert!(e.is_bad_input());
        assert!(e.to_string().contains("line 3, column frequency"), "{e}");
        let h = super::super::Horizon::new(s.date, 7).unwrap();
        let o = site_options(&s, &specs, &h).unwrap();
        assert_eq!(o.len(), s.sites.len());
        assert!(o.iter().all(|x| !x.patterns.is_empty()));
        assert!(matches!(
            super::super::Horizon::new(s.date, 65),
            Err(super::super::WeekError::BadHorizon(65))
        ));
    }
}
