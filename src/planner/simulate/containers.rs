//! The containers a simulation follows, from a scenario: the monitored sites' containers
//! as `sites.csv` describes them, and for every other site one container per stream with
//! demand, sized from that demand.
//!
//! An unmonitored site's demand is what one night's collection picks up today, so it is
//! taken as one day's waste: its container fills at that rate, holds two days of it (in
//! whole 660-litre bins), and is served `daily`, as such a site is today.

use crate::monitoring::Frequency;
use crate::problem::StreamIdx;
use crate::scenario::{Scenario, units};

/// Volume of one standard bin, m³.
pub const BIN_M3: f64 = 0.66;
/// An unmonitored site's container holds this many days of its demand.
pub const DAYS_HELD: f64 = 2.0;
/// Rate of a monitored container with neither an estimate nor demand cells, percent per
/// day: full in about four days.
pub const FALLBACK_PCT_PER_DAY: f64 = 25.0;

/// One container of the simulated city.
#[derive(Clone, Debug, PartialEq)]
pub struct ContainerSpec {
    /// Position of its site in [`Scenario::sites`].
    pub site: usize,
    /// The stream.
    pub stream: StreamIdx,
    /// Volume, m³.
    pub volume_m3: f64,
    /// Density of its waste, kg per m³.
    pub density: f64,
    /// Fill at which it overflows, percent.
    pub overflow_pct: f64,
    /// How often the site is served under the fixed policy.
    pub frequency: Frequency,
    /// Most nights between two emptyings, if limited.
    pub max_days: Option<u32>,
    /// The rate the city knows (its estimate), percent of the volume per day.
    pub known_pct_per_day: f64,
}

impl ContainerSpec {
    /// The frequency the fixed policy serves it by: its own, but an `on demand` container
    /// (which has no days without a sensor) every N days, N the whole days its container
    /// holds at its known rate.
    pub fn fixed_frequency(&self) -> Frequency {
        match self.frequency {
            Frequency::OnDemand => {
                let days = (self.overflow_pct / self.known_pct_per_day.max(1e-9)).floor();
                Frequency::EveryDays(days.clamp(1.0, 60.0) as u16)
            }
            f => f,
        }
    }

    /// kg held at `pct` percent.
    pub fn kg(&self, pct: f64) -> f64 {
        pct / 100.0 * self.volume_m3 * self.density
    }
}

/// Every container of `s`, by site then stream.
pub fn containers(s: &Scenario) -> Vec<ContainerSpec> {
    let mut out = Vec::new();
    for (i, site) in s.sites.iter().enumerate() {
        match &site.monitoring {
            Some(m) => {
                for c in &m.containers {
                    let density = s.monitoring.density(s.streams.name(c.stream));
                    let container = crate::monitoring::Container {
                        volume_m3: c.volume_m3,
                        density_kg_per_m3: density,
                        overflow_pct: m.overflow_pct,
                    };
                    let from_demand =
                        site.demands
                            .iter()
                            .find(|(st, _)| *st == c.stream)
                            .map(|(_, l)| {
                                l.0[units::DIM_KG].get() as f64 / density / c.volume_m3 * 100.0
                            });
                    let rate = c
                        .estimate
                        .map(|e| container.static_pct_per_day(&e))
                        .filter(|r| *r > 0.0)
                        .or(from_demand.filter(|r| *r > 0.0))
                        .unwrap_or(FALLBACK_PCT_PER_DAY);
                    out.push(ContainerSpec {
                        site: i,
                        stream: c.stream,
                        volume_m3: c.volume_m3,
                        density,
                        overflow_pct: m.overflow_pct,
                        frequency: m.frequency,
                        max_days: m.max_days,
                        known_pct_per_day: rate,
                    });
                }
            }
            None => {
                for &(stream, demand) in &site.demands {
                    let kg = demand.0[units::DIM_KG].get() as f64;
                    let m3 = demand.0[units::DIM_LITRES].get() as f64 / 1000.0;
                    let density = if m3 > 0.0 && kg > 0.0 {
                        kg / m3
                    } else {
                        s.monitoring.density(s.streams.name(stream))
                    };
                    let m3_per_day = if m3 > 0.0 { m3 } else { kg / density };
                    let volume_m3 = (DAYS_HELD * m3_per_day / BIN_M3).ceil().max(1.0) * BIN_M3;
                    out.push(ContainerSpec {
                        site: i,
                        stream,
                        volume_m3,
                        density,
                        overflow_pct: 100.0,
                        frequency: Frequency::Daily,
                        max_days: None,
                        known_pct_per_day: m3_per_day / volume_m3 * 100.0,
                    });
                }
            }
        }
    }
    out
}

/// `s` with every container as a plain stream to collect (a full container's demand, no
/// monitoring): the problem every night's problem is cut from.
pub fn full_scenario(s: &Scenario, specs: &[ContainerSpec]) -> Scenario {
    let mut full = s.clone();
    for site in &mut full.sites {
        site.demands.clear();
        site.monitoring = None;
        site.optional.clear();
    }
    for c in specs {
        let kg = c.kg(100.0);
        full.sites[c.site]
            .demands
            .push((c.stream, crate::scenario::sites::loads(kg, c.volume_m3)));
    }
    for site in &mut full.sites {
        site.demands.sort_by_key(|(st, _)| *st);
    }
    full.tonight = None;
    full
}
