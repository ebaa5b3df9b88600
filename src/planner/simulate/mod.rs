//! `wasteroute simulate`: several weeks of nights on a seeded city, to measure a
//! collection policy honestly.
//!
//! A seeded ground truth says how every container fills ([`truth`]); sensors read it every
//! [`READING_EVERY_H`] hours with noise and gaps; every evening the chosen [`Policy`]
//! decides from what it knows which containers to empty, the night is routed by the
//! solver, and the plan is executed: each container is emptied at its planned service
//! time, and what it really held is collected. Overflow is counted on the truth.
//!
//! - [`Policy::Fixed`]: every container on the nights its frequency gives (the baseline
//!   cities run today; an `on demand` one every few days, as long as its container lasts at
//!   its known rate, [`ContainerSpec::fixed_frequency`]); the demand planned is what the
//!   known rate says has gathered.
//! - [`Policy::Sensor`]: tonight's must / optional / skip from the forecasts of the
//!   readings ([`crate::scenario::tonight`]), with prizes for the optional ones.
//!
//! Both policies of one seed meet the same city: the truth's draws do not depend on what
//! is emptied when. Before the first counted night, [`WARM_UP_DAYS`] days are simulated
//! under the fixed policy (emptied at the plan's start + 3 h, not routed) so that the
//! sensors have a history. Deterministic for a seed and an iteration budget.

pub mod containers;
pub mod night;
pub mod report;
pub mod truth;

use crate::monitoring::{Readings, Sample};
use crate::scenario::build;
use crate::scenario::{Invalid, Scenario, tonight};
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Timelike};
use containers::ContainerSpec;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use thiserror::Error;
use truth::ContainerTruth;

/// Days simulated before the first counted night, so that sensors have a history (the
/// forecast's weekday profile needs 14).
pub const WARM_UP_DAYS: u32 = 14;
/// Hours between two readings of a sensor.
pub const READING_EVERY_H: u32 = 2;
/// Standard deviation of a reading around the true fill, percent.
pub const READING_NOISE_PCT: f64 = 3.0;
/// Share of readings lost (flat battery, no network).
pub const READING_LOSS: f64 = 0.05;
/// What is left in a container after emptying, percent.
pub const RESIDUE_PCT: f64 = 1.0;
/// Most a truck takes from one container, percent of the volume (an overfull container
/// with bags beside it); the rest is lost as litter.
pub const MOST_COLLECTED_PCT: f64 = 150.0;

/// How each night's containers are chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Policy {
    /// Every container on its frequency's nights.
    Fixed,
    /// Must / optional / skip from the sensors' forecasts.
    Sensor,
}

impl Policy {
    /// Its name on the command line and in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Policy::Fixed => "fixed",
            Policy::Sensor => "sensor",
        }
    }
}

/// Settings of a simulation.
#[derive(Clone, Debug)]
pub struct Options {
    /// Nights counted.
    pub nights: u32,
    /// The policy.
    pub policy: Policy,
    /// Seed of the truth, the sensors and the solver.
    pub seed: u64,
    /// Solver iterations per night.
    pub iterations: u64,
    /// Wall-clock limit of each night's solve, seconds (the only source of variation).
    pub time_limit_s: f64,
    /// Solver threads.
    pub threads: usize,
}

/// What happened in one night and the day after it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct NightRow {
    /// The night, named by the date it starts on.
    pub night: String,
    /// Containers planned as must.
    pub must: u32,
    /// Containers offered as optional.
    pub optional: u32,
    /// Containers emptied.
    pub emptied: u32,
    /// Must containers the plan could not serve.
    pub must_unserved: u32,
    /// Kilometres driven.
    pub km: f64,
    /// Trucks used.
    pub trucks: u32,
    /// Driver hours (route durations).
    pub driver_hours: f64,
    /// kg collected (the truth, not the forecast).
    pub kg_collected: f64,
    /// Sites with a container above 100 % at some hour of this night's day.
    pub overflow_sites: u32,
    /// Container-hours above 100 %.
    pub overflow_container_hours: u32,
    /// kg that went above the brim.
    pub kg_overflowed: f64,
    /// Solver iterations.
    pub iterations: u64,
}

/// The totals of a simulation (`summary.json`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// `fixed` or `sensor`.
    pub policy: Policy,
    /// Nights counted.
    pub nights: u32,
    /// The seed.
    pub seed: u64,
    /// Solver iterations per night.
    pub iterations_per_night: u64,
    /// Sites of the scenario.
    pub sites: usize,
    /// Containers followed.
    pub containers: usize,
    /// Kilometres driven.
    pub km: f64,
    /// Truck-nights (trucks used, summed over nights).
    pub truck_nights: u32,
    /// Driver hours.
    pub driver_hours: f64,
    /// kg collected.
    pub kg_collected: f64,
    /// Site-days with a container above 100 %.
    pub overflow_site_days: u32,
    /// Container-hours above 100 %.
    pub overflow_container_hours: u32,
    /// kg that went above the brim.
    pub kg_overflowed: f64,
    /// Must containers left unserved, summed over nights.
    pub must_unserved: u32,
}

/// A simulation's result.
#[derive(Clone, Debug)]
pub struct Simulation {
    /// Totals.
    pub summary: Summary,
    /// One row per night.
    pub nights: Vec<NightRow>,
}

/// Why a simulation could not run.
#[derive(Debug, Error)]
pub enum SimulateError {
    /// The scenario cannot be built into a problem.
    #[error("the scenario cannot be planned:\n{0}")]
    Build(Invalid),
    /// A night's problem or plan failed (a bug, never the input).
    #[error("night {night}: {message}")]
    Night {
        /// The night.
        night: NaiveDate,
        /// What failed.
        message: String,
    },
}

/// The state of the simulated city.
struct City {
    specs: Vec<ContainerSpec>,
    truth: Vec<ContainerTruth>,
    last_emptied: Vec<Option<DateTime<FixedOffset>>>,
    readings: Readings,
    truth_rng: ChaCha8Rng,
    sensor_rng: ChaCha8Rng,
}

/// Runs the simulation of `s` (loaded with
/// [`TonightMode::Leave`](crate::scenario::TonightMode::Leave)); `on_night` sees every
/// counted night as it ends.
///
/// # Errors
/// [`SimulateError`].
pub fn run(
    s: &Scenario,
    options: &Options,
    on_night: &mut dyn FnMut(&NightRow),
) -> Result<Simulation, SimulateError> {
    let specs = containers::containers(s);
    let full = containers::full_scenario(s, &specs);
    let built = build::build(&full, &mut |_, _| {}).map_err(SimulateError::Build)?;
    let plan = night::Planner::new(&built, &specs);
    let mut truth_rng = ChaCha8Rng::seed_from_u64(options.seed);
    let truth: Vec<ContainerTruth> = specs
        .iter()
        .map(|c| ContainerTruth::draw(c.known_pct_per_day, 50.0, &mut truth_rng))
        .collect();
    let mut city = City {
        last_emptied: vec![None; specs.len()],
        specs,
        truth,
        readings: Readings::default(),
        truth_rng,
        sensor_rng: ChaCha8Rng::seed_from_u64(options.seed ^ 0x5e45_0125),
    };
    let first_night = s.date;
    let mut rows = Vec::new();
    let mut night_s = s.clone();
    // Hour by hour from the warm-up's first plan start to the day after the last night.
    let mut start = |d: NaiveDate| {
        night_s.date = d;
        tonight::plan_start(&night_s)
    };
    let warm_up_start = start(first_night - Duration::days(i64::from(WARM_UP_DAYS)));
    let mut row = NightRow::default();
    let mut overflowing_sites = std::collections::BTreeSet::new();
    let total_nights = WARM_UP_DAYS + options.nights;
    for n in 0..total_nights {
        let date =
            first_night - Duration::days(i64::from(WARM_UP_DAYS)) + Duration::days(i64::from(n));
        let t0 = start(date);
        let t1 = start(date + Duration::days(1));
        let counted = n >= WARM_UP_DAYS;
        let events = if counted {
            city.readings.forget_before(t0 - Duration::days(28));
            row = NightRow {
                night: date.format("%Y-%m-%d").to_string(),
                ..NightRow::default()
            };
            let mut scenario = s.clone();
            scenario.date = date;
            let night_plan = plan
                .plan_night(&scenario, &city, options, n)
                .map_err(|message| SimulateError::Night {
                    night: date,
                    message,
                })?;
            row.must = night_plan.must;
            row.optional = night_plan.optional;
            row.must_unserved = night_plan.must_unserved;
            row.km = night_plan.km;
            row.trucks = night_plan.trucks;
            row.driver_hours = night_plan.driver_hours;
            row.iterations = night_plan.iterations;
            night_plan.emptyings
        } else {
            warm_up_emptyings(&city, date, t0)
        };
        let mut events = events;
        events.sort();
        // The hours of this night and the day after it.
        let mut t = t0;
        let mut next_event = 0;
        while t < t1 {
            let hour_end = t + Duration::hours(1);
            while next_event < events.len() && events[next_event].0 < hour_end {
                let k = events[next_event].1;
                let c = &mut city.truth[k];
                let kg = city.specs[k].kg(c.fill_pct.min(MOST_COLLECTED_PCT));
                c.fill_pct = RESIDUE_PCT;
                city.last_emptied[k] = Some(events[next_event].0);
                if counted {
                    row.emptied += 1;
                    row.kg_collected += kg;
                }
                next_event += 1;
            }
            let local = t;
            if local.hour() == 0 || t == warm_up_start {
                for c in &mut city.truth {
                    c.new_day(&mut city.truth_rng);
                }
            }
            let weekday = local.weekday().num_days_from_monday() as usize;
            for (k, c) in city.truth.iter_mut().enumerate() {
                let before = (c.fill_pct - 100.0).max(0.0);
                c.fill_pct += c.gain(weekday, local.hour());
                let after = (c.fill_pct - 100.0).max(0.0);
                if counted && c.fill_pct > 100.0 {
                    row.overflow_container_hours += 1;
                    row.kg_overflowed += city.specs[k].kg(after - before);
                    overflowing_sites.insert(city.specs[k].site);
                }
            }
            if local.hour() % READING_EVERY_H == 0 {
                read_sensors(&mut city, s, hour_end);
            }
            t = hour_end;
        }
        if counted {
            row.overflow_sites = overflowing_sites.len() as u32;
            overflowing_sites.clear();
            on_night(&row);
            rows.push(std::mem::take(&mut row));
        }
    }
    let summary = Summary {
        policy: options.policy,
        nights: options.nights,
        seed: options.seed,
        iterations_per_night: options.iterations,
        sites: s.sites.len(),
        containers: city.specs.len(),
        km: rows.iter().map(|r| r.km).sum(),
        truck_nights: rows.iter().map(|r| r.trucks).sum(),
        driver_hours: rows.iter().map(|r| r.driver_hours).sum(),
        kg_collected: rows.iter().map(|r| r.kg_collected).sum(),
        overflow_site_days: rows.iter().map(|r| r.overflow_sites).sum(),
        overflow_container_hours: rows.iter().map(|r| r.overflow_container_hours).sum(),
        kg_overflowed: rows.iter().map(|r| r.kg_overflowed).sum(),
        must_unserved: rows.iter().map(|r| r.must_unserved).sum(),
    };
    Ok(Simulation {
        summary,
        nights: rows,
    })
}

/// The warm-up's nights: every container due by its frequency is emptied 3 h after the
/// plan's start, without routing.
fn warm_up_emptyings(
    city: &City,
    date: NaiveDate,
    t0: DateTime<FixedOffset>,
) -> Vec<(DateTime<FixedOffset>, usize)> {
    city.specs
        .iter()
        .enumerate()
        .filter(|(k, c)| {
            c.fixed_frequency().is_due(
                date,
                city.last_emptied[*k].map(crate::monitoring::instant::night_of),
            )
        })
        .map(|(k, _)| (t0 + Duration::hours(3), k))
        .collect()
}

/// Every sensor reads its container at `t` (some readings are lost).
fn read_sensors(city: &mut City, s: &Scenario, t: DateTime<FixedOffset>) {
    for (k, c) in city.truth.iter().enumerate() {
        let noise = truth::normal(&mut city.sensor_rng) * READING_NOISE_PCT;
        let lost = city.sensor_rng.random::<f64>() < READING_LOSS;
        if lost {
            continue;
        }
        let spec = &city.specs[k];
        city.readings.push(
            &s.sites[spec.site].id,
            s.streams.name(spec.stream),
            Sample {
                time: t,
                fill_pct: (c.fill_pct + noise).clamp(0.0, 150.0),
                line: 0,
            },
        );
    }
}
