//! `generate --monitoring`: frequencies, containers, last emptyings and 14 days of sensor
//! readings for a generated city.
//!
//! A generated site's demand is taken as one day's waste. Its frequency is drawn (daily
//! 30 %, `3/week` 40 %, `2/week` 20 %, `on demand` 10 %), and each stream's container is
//! sized, in whole 660-litre bins, to hold the longest gap its frequency allows at the 95th
//! percentile of the containers' rates ([`SIZING_MARGIN`]), as a city sizes containers so
//! that its schedule rarely overflows. The static estimate in
//! `sites.csv` is that nominal rate; the readings come from each container's own rate (the
//! nominal one × a log-normal draw, σ 0.3): some fill faster than the city thinks, most
//! slower. Over the 14 days before the plan's start the containers are emptied at 02:00
//! on the nights their frequency is due (an `on demand` one once its sensor passes 70 %),
//! and read every 3 hours with noise (σ 3 %) and 5 % of readings lost.

use super::{DENSITY, GenSite, STREAMS};
use crate::monitoring::Frequency;
use crate::monitoring::instant::night_of;
use crate::planner::simulate::truth::{lognormal, normal};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Timelike};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::fmt::Write;

/// Days of readings before the plan's start.
pub const HISTORY_DAYS: i64 = 14;
use crate::planner::simulate::containers::BIN_M3;
/// Containers hold the longest gap of their frequency at this multiple of the nominal
/// rate: the 95th percentile of the containers' rates (log-normal, σ 0.3: e^{1.645 × 0.3}),
/// as a city sizes containers so that its schedule rarely overflows.
pub const SIZING_MARGIN: f64 = 1.64;

/// The monitoring columns and readings of a generated city.
#[derive(Clone, Debug)]
pub(crate) struct Monitoring {
    /// Per site: frequency, last emptied, and per stream (container m³, kg per day).
    pub sites: Vec<SiteColumns>,
    /// `readings.csv`.
    pub readings_csv: String,
}

/// The monitoring cells of one site.
#[derive(Clone, Debug)]
pub(crate) struct SiteColumns {
    pub frequency: Frequency,
    pub last_emptied: Option<DateTime<FixedOffset>>,
    /// Per stream: `Some((container m³, kg per day))` when the site has that stream.
    pub streams: [Option<(f64, f64)>; 3],
}

/// The columns the sites table gains, in order.
pub(crate) fn header() -> Vec<String> {
    let mut h = vec!["frequency".to_string(), "last_emptied".to_string()];
    for s in STREAMS {
        h.push(format!("{s}_container_m3"));
        h.push(format!("{s}_kg_per_day"));
    }
    h
}

impl SiteColumns {
    /// The cells of [`header`].
    pub fn cells(&self) -> Vec<String> {
        let mut r = vec![
            self.frequency.to_string(),
            self.last_emptied
                .map(|t| t.format("%Y-%m-%dT%H:%M:%S%:z").to_string())
                .unwrap_or_default(),
        ];
        for s in &self.streams {
            match s {
                Some((m3, kg)) => {
                    r.push(format!("{m3:.2}"));
                    r.push(format!("{kg:.1}"));
                }
                None => {
                    r.push(String::new());
                    r.push(String::new());
                }
            }
        }
        r
    }
}

/// Draws the monitoring of `sites` for a plan on `date` starting at 22:00 local time.
pub(crate) fn generate(
    sites: &[GenSite],
    seed: u64,
    date: NaiveDate,
    utc_offset_s: i32,
) -> Monitoring {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x6d6f_6e69);
    let offset =
        FixedOffset::east_opt(utc_offset_s).unwrap_or(FixedOffset::east_opt(0).expect("UTC"));
    let at = |d: NaiveDate, h: u32| {
        offset
            .from_local_datetime(&d.and_hms_opt(h, 0, 0).expect("valid hour"))
            .single()
            .expect("a fixed offset has no gaps")
    };
    let plan_start = at(date, 22);
    let first = plan_start - Duration::days(HISTORY_DAYS);
    let mut readings = String::from("site_id,stream,time,fill_pct\n");
    let mut out = Vec::with_capacity(sites.len());
    for site in sites {
        let frequency = match rng.random::<f64>() {
            x if x < 0.3 => Frequency::Daily,
            x if x < 0.7 => Frequency::PerWeek(3),
            x if x < 0.9 => Frequency::PerWeek(2),
            _ => Frequency::OnDemand,
        };
        let longest_gap = match frequency {
            Frequency::Daily => 1.0,
            Frequency::PerWeek(2) => 4.0,
            _ => 3.0,
        };
        let mut streams = [None; 3];
        let mut last_emptied: Option<DateTime<FixedOffset>> = None;
        for (k, stream) in STREAMS.iter().enumerate() {
            let kg_per_day = site.kg[k];
            if kg_per_day <= 0.0 {
                continue;
            }
            let m3 = (longest_gap * SIZING_MARGIN * kg_per_day / DENSITY[k] / BIN_M3)
                .ceil()
                .max(1.0)
                * BIN_M3;
            streams[k] = Some((m3, kg_per_day));
            let pct_per_hour =
                kg_per_day / DENSITY[k] / m3 * 100.0 / 24.0 * lognormal(&mut rng, 0.3);
            let mut fill = rng.random::<f64>() * 30.0;
            let mut last: Option<NaiveDate> = None;
            let mut t = first;
            while t < plan_start {
                // Emptied at 02:00 on a due night (the night before the date of 02:00).
                if t.hour() == 2 {
                    let night = night_of(t);
                    let due = match frequency {
                        Frequency::OnDemand => fill > 70.0,
                        f => f.is_due(night, last),
                    };
                    if due {
                        fill = 1.0;
                        last = Some(night);
                        last_emptied = last_emptied.max(Some(t));
                    }
                }
                fill += pct_per_hour;
                t += Duration::hours(1);
                let hour = (t - first).num_hours();
                if hour % 3 == 0 && rng.random::<f64>() >= 0.05 {
                    let level = (fill + normal(&mut rng) * 3.0).clamp(0.0, 150.0);
                    let _ = writeln!(
                        readings,
                        "{},{stream},{},{level:.1}",
                        site.id,
                        t.format("%Y-%m-%dT%H:%M:%S%:z")
                    );
                }
            }
        }
        out.push(SiteColumns {
            frequency,
            last_emptied,
            streams,
        });
    }
    Monitoring {
        sites: out,
        readings_csv: readings,
    }
}
