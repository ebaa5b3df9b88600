//! Tonight's decision applied to a scenario: which monitored containers must be emptied,
//! which may be, which wait, and how much waste each brings.
//!
//! For every stream of every monitored site (a container volume in `sites.csv`) the
//! forecast is fitted from its readings, or its static estimate, at the plan's start (the
//! earliest shift start) and [`decide`](crate::monitoring::decision::decide) rules. Then
//! [`apply`] rewrites the sites the solver will see:
//!
//! - *must* and *optional* streams collect the forecast at the latest time the site can
//!   be served (the end of its last window, else the latest shift end): a container
//!   keeps filling while the truck is on its way, so the demand is never underestimated.
//!   Without a forecast, the demand in `sites.csv` is used, else a container full to
//!   its overflow threshold;
//! - *optional* streams carry their prize scale; the build turns it into a prize;
//! - *skip* streams are left out, and a site with nothing left is left out of tonight's
//!   problem (its decision stays in the plan's report).
//!
//! Unmonitored sites and streams are untouched: a scenario without monitoring columns
//! plans exactly as before.

use super::Scenario;
use super::limits;
use crate::monitoring::decision::{self, Decision, DecisionInput, Verdict};
use crate::monitoring::forecast::{Basis, Container, Forecast, ForecastInput, ServiceLevel};
use crate::monitoring::instant::night_of;
use crate::monitoring::{Readings, Sample};
use crate::problem::{Loads, StreamIdx};
use crate::units::Duration;
use chrono::{DateTime, FixedOffset, NaiveTime, TimeZone};

/// The decision of one stream of one monitored site.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteDecision {
    /// The site's id.
    pub site: String,
    /// The site's name.
    pub name: String,
    /// The stream.
    pub stream: StreamIdx,
    /// What was decided and why.
    pub decision: Decision,
    /// Where the forecast's rate came from; `None` without a forecast.
    pub basis: Option<Basis>,
    /// What the stream brings if emptied tonight (kg, litres).
    pub demand: Loads,
}

/// Every decision of tonight, by site (file order) then stream.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tonight {
    /// The decisions.
    pub decisions: Vec<SiteDecision>,
}

impl Tonight {
    /// How many decisions have `verdict`.
    pub fn count(&self, verdict: Verdict) -> usize {
        self.decisions
            .iter()
            .filter(|d| d.decision.verdict == verdict)
            .count()
    }

    /// One line for a planner: "tonight: 4 must, 1 optional, 3 skip (8 monitored
    /// containers)".
    pub fn summary(&self) -> String {
        format!(
            "tonight: {} must, {} optional, {} skip ({} monitored containers)",
            self.count(Verdict::Must),
            self.count(Verdict::Optional),
            self.count(Verdict::Skip),
            self.decisions.len()
        )
    }
}

/// The instant of a second on the plan's time line (0 = midnight starting the plan's
/// date, local time).
pub fn instant(s: &Scenario, t: Duration) -> DateTime<FixedOffset> {
    let offset =
        FixedOffset::east_opt(s.utc_offset_s).unwrap_or(FixedOffset::east_opt(0).expect("UTC"));
    let midnight = s.date.and_time(NaiveTime::MIN);
    offset
        .from_local_datetime(&midnight)
        .single()
        .unwrap_or_else(|| offset.from_utc_datetime(&midnight))
        + chrono::Duration::seconds(t.get())
}

/// When tonight's forecasts are made: the earliest shift start, or the start of the
/// plan's day without vehicles.
pub fn plan_start(s: &Scenario) -> DateTime<FixedOffset> {
    let t = s
        .vehicles
        .iter()
        .map(|v| v.shift.start)
        .min()
        .unwrap_or(s.anchor.horizon_start());
    instant(s, t)
}

/// Decides every monitored container of `s` from `readings`.
pub fn decide(s: &Scenario, readings: &Readings) -> Tonight {
    let origin = plan_start(s);
    let latest_shift_end = s
        .vehicles
        .iter()
        .map(|v| v.shift.end)
        .max()
        .unwrap_or(s.anchor.horizon_end());
    let level = ServiceLevel::new(s.monitoring.service_level)
        .unwrap_or_else(|_| ServiceLevel::new(0.9).expect("0.9 is a service level"));
    let mut decisions = Vec::new();
    for site in &s.sites {
        let Some(m) = &site.monitoring else { continue };
        let service_end = site
            .windows
            .iter()
            .map(|w| w.end)
            .max()
            .unwrap_or(latest_shift_end);
        let service_at = instant(s, service_end);
        for c in &m.containers {
            let stream_name = &s.streams.names()[c.stream.0 as usize];
            let container = Container {
                volume_m3: c.volume_m3,
                density_kg_per_m3: s.monitoring.density(stream_name),
                overflow_pct: m.overflow_pct,
            };
            let samples: &[Sample] = readings
                .series(&site.id, stream_name)
                .map_or(&[], |x| &x.samples);
            let forecast = Forecast::fit(&ForecastInput {
                samples,
                origin,
                last_emptied: m.last_emptied,
                static_estimate: c.estimate,
                container,
            });
            let last_emptied = forecast
                .as_ref()
                .filter(|f| f.cycle_start < f.origin)
                .map(|f| f.cycle_start)
                .or(m.last_emptied)
                .map(night_of);
            let d = decision::decide(&DecisionInput {
                frequency: m.frequency,
                overflow_pct: m.overflow_pct,
                max_days: m.max_days,
                last_emptied,
                tonight: s.date,
                service_at,
                forecast: forecast.as_ref(),
                service_level: level,
                optional_from_pct: s.monitoring.optional_from_pct,
            });
            let demand = match &forecast {
                Some(f) => {
                    // A forecast keeps rising past the brim; what a truck can pick up is
                    // at most an overfull container with bags beside it, the most a
                    // reading may say.
                    let p = f.predict(service_at, level);
                    let pct = p.fill_pct.min(limits::FILL_PCT.max);
                    loads(container.kg(pct), container.m3(pct))
                }
                None => site
                    .demands
                    .iter()
                    .find(|(st, _)| *st == c.stream)
                    .map(|(_, l)| *l)
                    .unwrap_or_else(|| {
                        loads(container.kg(m.overflow_pct), container.m3(m.overflow_pct))
                    }),
            };
            decisions.push(SiteDecision {
                site: site.id.clone(),
                name: site.name.clone(),
                stream: c.stream,
                decision: d,
                basis: forecast.as_ref().map(|f| f.basis),
                demand,
            });
        }
    }
    Tonight { decisions }
}

/// Rewrites the monitored sites of `s` as `tonight` decided (see the module
/// documentation); sites left with nothing to collect are removed.
pub fn apply(s: &mut Scenario, tonight: &Tonight) {
    let mut by_site = tonight.decisions.iter().peekable();
    for site in &mut s.sites {
        if site.monitoring.is_none() {
            continue;
        }
        while let Some(d) = by_site.next_if(|d| d.site == site.id) {
            site.demands.retain(|(st, _)| *st != d.stream);
            match d.decision.verdict {
                Verdict::Skip => {}
                Verdict::Must => site.demands.push((d.stream, d.demand)),
                Verdict::Optional => {
                    site.demands.push((d.stream, d.demand));
                    site.optional.push((d.stream, d.decision.prize_scale));
                }
            }
        }
        site.demands.sort_by_key(|(st, _)| *st);
    }
    s.sites.retain(|x| !x.demands.is_empty());
}

fn loads(kg: f64, m3: f64) -> Loads {
    super::sites::loads(kg.max(0.0), m3.max(0.0))
}
