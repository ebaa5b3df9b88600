//! Tonight's decision for one container: *must*, *optional* or *skip*, and why.
//!
//! The rules, in order (the first that holds decides):
//!
//! 1. **must, overflow**: the upper quantile of the forecast reaches the overflow threshold
//!    at the next chance (the same time of night on the next night the frequency allows);
//! 2. **must, frequency**: the frequency says tonight ([`Frequency::is_due`]);
//! 3. **must, max days**: waiting for the next chance would pass the site's most nights
//!    between two emptyings;
//! 4. **must, no forecast**: an `on demand` site with neither readings nor an estimate
//!    (nothing else would ever send a truck);
//! 5. **optional**: the expected fill at tonight's service reaches `optional_from_pct`:
//!    emptying it now saves part of a later visit. Its prize scale is that fill over the
//!    overflow threshold (at most 1): a nearly full container saves a whole visit, a
//!    half-full one half of it;
//! 6. **skip** otherwise.
//!
//! Pure: no scenario, no road network, no solver. [`crate::scenario::tonight`] applies it
//! to every monitored site.

use super::forecast::{Forecast, ServiceLevel};
use super::frequency::Frequency;
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate};

/// What happens to a container tonight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// It must be emptied tonight.
    Must,
    /// Emptying it tonight is worth a prize; the solver decides.
    Optional,
    /// It waits.
    Skip,
}

impl Verdict {
    /// Lower-case name, as written in plans.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Must => "must",
            Verdict::Optional => "optional",
            Verdict::Skip => "skip",
        }
    }
}

/// The rule that decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// The forecast overflows before the next chance.
    Overflow,
    /// The frequency says tonight.
    FrequencyDue,
    /// Waiting would pass `max_days`.
    MaxDays,
    /// `on demand` without readings or estimate.
    NoForecast,
    /// Full enough to be worth taking.
    WorthTaking,
    /// Not full enough, and not due.
    NotNeeded,
}

impl Rule {
    /// Snake-case name, as written in plans.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Overflow => "overflow",
            Rule::FrequencyDue => "frequency",
            Rule::MaxDays => "max_days",
            Rule::NoForecast => "no_forecast",
            Rule::WorthTaking => "worth_taking",
            Rule::NotNeeded => "not_needed",
        }
    }
}

/// What the decision of one container needs.
#[derive(Clone, Copy, Debug)]
pub struct DecisionInput<'a> {
    /// How often the site is served.
    pub frequency: Frequency,
    /// Fill (percent) at which the container overflows.
    pub overflow_pct: f64,
    /// Most nights between two emptyings, if limited.
    pub max_days: Option<u32>,
    /// The night of the last emptying, when known.
    pub last_emptied: Option<NaiveDate>,
    /// Tonight.
    pub tonight: NaiveDate,
    /// When tonight's service would take place (the latest it can: the demand it brings
    /// is then never underestimated).
    pub service_at: DateTime<FixedOffset>,
    /// The container's forecast, if it has one.
    pub forecast: Option<&'a Forecast>,
    /// Service level of the overflow test.
    pub service_level: ServiceLevel,
    /// Predicted fill (percent) from which a site that need not be served is optional.
    pub optional_from_pct: f64,
}

/// The decision of one container, with what it rests on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Decision {
    /// Must, optional or skip.
    pub verdict: Verdict,
    /// The rule that decided.
    pub rule: Rule,
    /// Expected fill at tonight's service, percent; `None` without a forecast.
    pub fill_now_pct: Option<f64>,
    /// Upper quantile of the fill at the next chance, percent; `None` without a forecast.
    pub predicted_pct: Option<f64>,
    /// The next night the site could be served after tonight.
    pub next_chance: NaiveDate,
    /// The instant the prediction is for: tonight's service time on the next chance.
    pub predicted_at: DateTime<FixedOffset>,
    /// Optional sites: the share of a visit's value emptying it tonight is worth (0–1).
    pub prize_scale: f64,
    /// The overflow threshold it was judged against, percent.
    pub overflow_pct: f64,
}

impl Decision {
    /// One line a planner reads, e.g. "62 % now, 81 % predicted Thu 02:00, next chance the
    /// night of Wed 04 Mar: skip, can wait".
    pub fn explain(&self) -> String {
        let chance = self.next_chance.format("%a %d %b");
        let why = match self.rule {
            Rule::Overflow => format!("would overflow ({:.0} %)", self.overflow_pct),
            Rule::FrequencyDue => "due by its frequency".to_string(),
            Rule::MaxDays => "would wait longer than its max_days".to_string(),
            Rule::NoForecast => "on demand with no readings and no estimate".to_string(),
            Rule::WorthTaking => "full enough to take on the way".to_string(),
            Rule::NotNeeded => "can wait".to_string(),
        };
        match (self.fill_now_pct, self.predicted_pct) {
            (Some(now), Some(then)) => format!(
                "{now:.0} % now, {then:.0} % predicted {}, next chance the night of {chance}: {}, {why}",
                self.predicted_at.format("%a %H:%M"),
                self.verdict.as_str()
            ),
            _ => format!(
                "no forecast, next chance the night of {chance}: {}, {why}",
                self.verdict.as_str()
            ),
        }
    }
}

/// The next night after `tonight` on which `frequency` lets the site be served: the next
/// listed weekday for a weekday frequency, else tomorrow night (a monitored site may be
/// served any night; its frequency only says when it is due).
pub fn next_chance(frequency: Frequency, tonight: NaiveDate) -> NaiveDate {
    let tomorrow = tonight + Duration::days(1);
    match frequency {
        Frequency::Weekdays(set) if !set.is_empty() => (1..=7)
            .map(|d| tonight + Duration::days(d))
            .find(|d| set.contains(d.weekday()))
            .unwrap_or(tomorrow),
        _ => tomorrow,
    }
}

/// Decides one container (the rules are in the module documentation).
pub fn decide(input: &DecisionInput<'_>) -> Decision {
    let chance = next_chance(input.frequency, input.tonight);
    let predicted_at = input.service_at + (chance - input.tonight);
    let now = input
        .forecast
        .map(|f| f.predict(input.service_at, input.service_level).fill_pct);
    let then = input
        .forecast
        .map(|f| f.predict(predicted_at, input.service_level).upper_pct);
    let waits_too_long = match (input.max_days, input.last_emptied) {
        (Some(max), Some(last)) => (chance - last).num_days() > i64::from(max),
        _ => false,
    };
    let (verdict, rule) = if then.is_some_and(|p| p >= input.overflow_pct) {
        (Verdict::Must, Rule::Overflow)
    } else if input.frequency.is_due(input.tonight, input.last_emptied) {
        (Verdict::Must, Rule::FrequencyDue)
    } else if waits_too_long {
        (Verdict::Must, Rule::MaxDays)
    } else if input.forecast.is_none() && input.frequency == Frequency::OnDemand {
        (Verdict::Must, Rule::NoForecast)
    } else if now.is_some_and(|p| p >= input.optional_from_pct) {
        (Verdict::Optional, Rule::WorthTaking)
    } else {
        (Verdict::Skip, Rule::NotNeeded)
    };
    let prize_scale = match (verdict, now) {
        (Verdict::Optional, Some(p)) => (p / input.overflow_pct).clamp(0.0, 1.0),
        _ => 0.0,
    };
    Decision {
        verdict,
        rule,
        fill_now_pct: now,
        predicted_pct: then,
        next_chance: chance,
        predicted_at,
        prize_scale,
        overflow_pct: input.overflow_pct,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::monitoring::forecast::{Container, ForecastInput};
    use crate::monitoring::{Sample, StaticEstimate};

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    /// A container emptied at `emptied`, filling `pct_per_day` by its static estimate.
    fn forecast(pct_per_day: f64, emptied: &str) -> Forecast {
        let c = Container::new(1.0, 100.0);
        Forecast::fit(&ForecastInput {
            samples: &[] as &[Sample],
            origin: at("2026-03-02T22:00:00+07:00"),
            last_emptied: Some(at(emptied)),
            static_estimate: Some(StaticEstimate {
                kg_per_day: 0.0,
                m3_per_day: pct_per_day / 100.0,
            }),
            container: c,
        })
        .unwrap()
    }

    fn input<'a>(f: Option<&'a Forecast>, frequency: Frequency) -> DecisionInput<'a> {
        DecisionInput {
            frequency,
            overflow_pct: 100.0,
            max_days: None,
            last_emptied: Some(NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()),
            tonight: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            service_at: at("2026-03-03T05:00:00+07:00"),
            forecast: f,
            service_level: ServiceLevel::new(0.9).unwrap(),
            optional_from_pct: 40.0,
        }
    }

    #[test]
    fn a_container_that_overflows_before_the_next_chance_is_must() {
        // Emptied 2 days 7 h before tonight's service at 30 %/day: 68 % now, ~98 %
        // expected tomorrow, and the upper quantile passes 100 %.
        let f = forecast(30.0, "2026-02-28T22:00:00+07:00");
        let d = decide(&input(Some(&f), Frequency::OnDemand));
        assert_eq!((d.verdict, d.rule), (Verdict::Must, Rule::Overflow));
        assert!(d.predicted_pct.unwrap() >= 100.0);
        assert!(
            d.explain().contains("next chance the night of Tue 03 Mar"),
            "{}",
            d.explain()
        );
    }

    #[test]
    fn a_half_full_container_is_optional_with_its_fill_as_prize_scale() {
        let f = forecast(20.0, "2026-02-28T22:00:00+07:00");
        let d = decide(&input(Some(&f), Frequency::OnDemand));
        assert_eq!((d.verdict, d.rule), (Verdict::Optional, Rule::WorthTaking));
        let now = d.fill_now_pct.unwrap();
        assert!((40.0..60.0).contains(&now), "{now}");
        assert!((d.prize_scale - now / 100.0).abs() < 1e-9);
    }

    #[test]
    fn a_nearly_empty_container_is_skipped() {
        let f = forecast(5.0, "2026-02-28T22:00:00+07:00");
        let d = decide(&input(Some(&f), Frequency::OnDemand));
        assert_eq!((d.verdict, d.rule), (Verdict::Skip, Rule::NotNeeded));
        assert_eq!(d.prize_scale, 0.0);
        assert!(d.explain().contains(": skip"), "{}", d.explain());
    }

    #[test]
    fn frequency_and_max_days_make_a_site_must_whatever_its_fill() {
        let f = forecast(5.0, "2026-02-28T22:00:00+07:00");
        let d = decide(&input(Some(&f), Frequency::Daily));
        assert_eq!((d.verdict, d.rule), (Verdict::Must, Rule::FrequencyDue));
        // Last emptied the night of 28 Feb; the next chance (3 Mar) is 3 nights later.
        let mut i = input(Some(&f), Frequency::OnDemand);
        i.max_days = Some(2);
        assert_eq!(decide(&i).rule, Rule::MaxDays);
        i.max_days = Some(3);
        assert_eq!(decide(&i).verdict, Verdict::Skip);
    }

    #[test]
    fn without_a_forecast_only_the_calendar_decides() {
        let i = input(None, Frequency::EveryDays(3));
        assert_eq!(decide(&i).verdict, Verdict::Skip, "2 nights since the last");
        let i = input(None, Frequency::EveryDays(2));
        assert_eq!(decide(&i).rule, Rule::FrequencyDue);
        let i = input(None, Frequency::OnDemand);
        assert_eq!(decide(&i).rule, Rule::NoForecast);
        assert!(decide(&i).explain().starts_with("no forecast"));
    }

    #[test]
    fn the_next_chance_of_a_weekday_site_is_its_next_listed_day() {
        let mon = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let f = Frequency::parse("mon;thu").unwrap();
        assert_eq!(next_chance(f, mon), mon + Duration::days(3));
        assert_eq!(
            next_chance(Frequency::PerWeek(2), mon),
            mon + Duration::days(1)
        );
        let thu = mon + Duration::days(3);
        assert_eq!(next_chance(f, thu), mon + Duration::days(7));
    }
}
