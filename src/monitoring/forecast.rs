//! The fill forecast of one container (one site, one stream): level, rate, weekday
//! profile and an upper quantile, from its readings or, without them, from the site's
//! static estimate. The method, its formulas and its limits are in `docs/forecast.md`.
//!
//! Units: fill in percent of the container volume (`f64`), rates in percent per day,
//! volumes in m³, masses in kg, times as [`DateTime<FixedOffset>`]; weekdays are those of
//! the forecast's origin offset (the city's).

use super::cycles::cycle_starts;
use super::profile::WeekdayProfile;
use super::readings::Sample;
use super::robust::{Line, mad_sigma, median, normal_quantile, t_quantile, theil_sen};
use super::site_params::{DEFAULT_OVERFLOW_PCT, StaticEstimate};
use chrono::{DateTime, Duration, FixedOffset, Weekday};

/// The current cycle gives the rate when it has at least this many readings …
pub const MIN_CYCLE_READINGS: usize = 3;

/// … spanning at least this many hours.
pub const MIN_CYCLE_SPAN_H: f64 = 6.0;

/// Relative standard deviation assumed for a rate that does not come from the current
/// cycle's readings: the static estimate, or the earlier cycles when there are fewer than
/// three of them. An assumption, not a measurement (see `docs/forecast.md`).
pub const ASSUMED_RELATIVE_SD: f64 = 0.25;

/// Efficiency of the MAD scale for normal data relative to the standard deviation: a σ
/// from n residuals by the MAD is as uncertain as a standard deviation from 0.37·n, so
/// the quantile uses Student's t with 0.37·(n − 2) degrees of freedom.
pub const MAD_EFFICIENCY: f64 = 0.37;

/// A container as the forecast needs it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Container {
    /// Volume, m³ (above 0).
    pub volume_m3: f64,
    /// Density of the waste in it, kg per m³ (converts percent to kg).
    pub density_kg_per_m3: f64,
    /// Fill level at which it overflows, percent (50–150).
    pub overflow_pct: f64,
}

impl Container {
    /// A container overflowing at [`DEFAULT_OVERFLOW_PCT`].
    pub fn new(volume_m3: f64, density_kg_per_m3: f64) -> Container {
        Container {
            volume_m3,
            density_kg_per_m3,
            overflow_pct: DEFAULT_OVERFLOW_PCT,
        }
    }

    /// m³ held at `pct` percent.
    pub fn m3(&self, pct: f64) -> f64 {
        pct / 100.0 * self.volume_m3
    }

    /// kg held at `pct` percent.
    pub fn kg(&self, pct: f64) -> f64 {
        self.m3(pct) * self.density_kg_per_m3
    }

    /// The static estimate as percent per day: from m³ per day when given, else from kg
    /// per day and the density; 0 when neither converts.
    pub fn static_pct_per_day(&self, e: &StaticEstimate) -> f64 {
        let pct = if e.m3_per_day > 0.0 {
            e.m3_per_day / self.volume_m3 * 100.0
        } else {
            e.kg_per_day / self.density_kg_per_m3 / self.volume_m3 * 100.0
        };
        if pct.is_finite() && pct > 0.0 {
            pct
        } else {
            0.0
        }
    }
}

/// A service level `q`: the share of outcomes the upper quantile should cover.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct ServiceLevel(f64);

impl ServiceLevel {
    /// `q` from 0.5 (the median forecast) to below 1.
    ///
    /// # Errors
    /// `q` outside [0.5, 1).
    pub fn new(q: f64) -> Result<ServiceLevel, String> {
        if (0.5..1.0).contains(&q) {
            Ok(ServiceLevel(q))
        } else {
            Err(format!("service level {q} is outside 0.5 to below 1"))
        }
    }

    /// The share `q`.
    pub fn get(self) -> f64 {
        self.0
    }

    /// The standard normal quantile of `q`.
    pub fn z(self) -> f64 {
        normal_quantile(self.0)
    }
}

/// Where the forecast's rate comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// The readings since the last emptying.
    CurrentCycle,
    /// Earlier cycles (the current one is too short); the level from the current
    /// cycle's readings, or 0 at the emptying.
    EarlierCycles,
    /// The site's static estimate (no usable readings).
    Static,
}

/// What the forecast of one container is made from.
#[derive(Clone, Copy, Debug)]
pub struct ForecastInput<'a> {
    /// Its readings (any order; those after `origin` are ignored).
    pub samples: &'a [Sample],
    /// When the forecast is made (the plan's start); its offset gives the weekdays.
    pub origin: DateTime<FixedOffset>,
    /// The last emptying known from the site table, if any.
    pub last_emptied: Option<DateTime<FixedOffset>>,
    /// The site's static estimate for this stream, if any.
    pub static_estimate: Option<StaticEstimate>,
    /// The container.
    pub container: Container,
}

/// Predicted fill at one instant.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prediction {
    /// The instant.
    pub time: DateTime<FixedOffset>,
    /// Expected fill, percent (≥ 0).
    pub fill_pct: f64,
    /// Upper quantile of the fill at the service level asked, percent.
    pub upper_pct: f64,
    /// Expected fill, m³.
    pub fill_m3: f64,
    /// Upper quantile, m³.
    pub upper_m3: f64,
    /// Expected fill, kg.
    pub fill_kg: f64,
    /// Upper quantile, kg.
    pub upper_kg: f64,
}

/// The fill forecast of one container.
#[derive(Clone, Debug, PartialEq)]
pub struct Forecast {
    /// Where the rate comes from.
    pub basis: Basis,
    /// When the forecast was made.
    pub origin: DateTime<FixedOffset>,
    /// Start of the current cycle: the last emptying found in the readings, or
    /// `last_emptied` when later, or the origin when nothing is known.
    pub cycle_start: DateTime<FixedOffset>,
    /// Emptyings found in the readings (first reading of each new cycle).
    pub resets: Vec<DateTime<FixedOffset>>,
    /// Readings in the current cycle.
    pub cycle_readings: usize,
    /// Weekday profile (flat with less than two weeks of readings).
    pub profile: WeekdayProfile,
    /// The container.
    pub container: Container,
    /// Fill in percent over effective hours since `cycle_start`.
    line: Line,
    /// Robust standard deviation of a reading around the line, percent.
    sigma_pct: f64,
    /// Standard deviation of the fitted level at `tau_mean`, percent.
    level_sd: f64,
    /// Standard deviation of the slope, percent per effective hour.
    slope_sd: f64,
    /// Degrees of freedom of the quantile ([`MAD_EFFICIENCY`] · (readings − 2)); infinite
    /// when the rate does not come from the current cycle.
    dof: f64,
    /// Mean effective hour of the readings the level rests on.
    tau_mean: f64,
    /// Relative standard deviation of the fill (static basis only).
    relative_sd: f64,
    /// Relative standard deviation of one day's fill from day to day (the waste thrown in
    /// varies with the day, not only the readings), from the spread of the earlier
    /// cycles' rates; 0 with fewer than three earlier cycles.
    day_cv: f64,
}

impl Forecast {
    /// Fits the forecast; `None` without readings and without a static estimate.
    pub fn fit(input: &ForecastInput<'_>) -> Option<Forecast> {
        let offset = *input.origin.offset();
        let mut pts: Vec<(DateTime<FixedOffset>, f64)> = input
            .samples
            .iter()
            .filter(|s| s.time <= input.origin && s.fill_pct.is_finite())
            .map(|s| (s.time.with_timezone(&offset), s.fill_pct))
            .collect();
        pts.sort_by_key(|p| p.0);
        let levels: Vec<f64> = pts.iter().map(|p| p.1).collect();
        let starts = cycle_starts(&levels);
        let resets = starts.iter().skip(1).map(|&i| pts[i].0).collect();
        let profile = WeekdayProfile::estimate(&pts, &starts, offset);
        let last_start = starts.last().copied().unwrap_or(pts.len());
        let mut cycle_start = pts.get(last_start).map(|p| p.0);
        if let Some(e) = input.last_emptied.filter(|&e| e <= input.origin) {
            if cycle_start.is_none_or(|c| e > c) {
                cycle_start = Some(e.with_timezone(&offset));
            }
        }
        let cycle_start = cycle_start.unwrap_or(input.origin);
        let current: Vec<(f64, f64)> = pts
            .iter()
            .filter(|p| p.0 >= cycle_start)
            .map(|&(t, y)| (profile.effective_hours(cycle_start, t), y))
            .collect();
        let mut f = Forecast {
            basis: Basis::CurrentCycle,
            origin: input.origin,
            cycle_start,
            resets,
            cycle_readings: current.len(),
            profile,
            container: input.container,
            line: Line {
                intercept: 0.0,
                slope: 0.0,
            },
            sigma_pct: 0.0,
            level_sd: 0.0,
            slope_sd: 0.0,
            dof: f64::INFINITY,
            tau_mean: 0.0,
            relative_sd: 0.0,
            day_cv: 0.0,
        };
        let earlier = earlier_cycles(&pts, &starts, &profile, cycle_start);
        f.day_cv = day_cv(&earlier);
        if let Some(fit) = fit_cycle(&current) {
            f.line = fit.line;
            f.sigma_pct = fit.sigma;
            f.level_sd = fit.sigma / (current.len() as f64).sqrt();
            f.slope_sd = fit.slope_sd;
            f.tau_mean = fit.tau_mean;
            f.dof = MAD_EFFICIENCY * (current.len() - 2) as f64;
            return Some(f);
        }
        let slope = if let Some(slope) =
            median(&earlier.iter().map(|c| c.line.slope).collect::<Vec<_>>())
        {
            f.basis = Basis::EarlierCycles;
            f.sigma_pct =
                median(&earlier.iter().map(|c| c.sigma).collect::<Vec<_>>()).unwrap_or(0.0);
            let slopes: Vec<f64> = earlier.iter().map(|c| c.line.slope).collect();
            f.slope_sd = if slopes.len() >= 3 {
                mad_sigma(&slopes, slope).unwrap_or(0.0)
            } else {
                ASSUMED_RELATIVE_SD * slope
            };
            slope
        } else {
            let e = input.static_estimate?;
            f.basis = Basis::Static;
            f.relative_sd = ASSUMED_RELATIVE_SD;
            input.container.static_pct_per_day(&e) / 24.0
        };
        f.line.slope = slope.max(0.0);
        // The level: through the current cycle's readings, else 0 at the emptying.
        let offsets: Vec<f64> = current.iter().map(|&(x, y)| y - f.line.slope * x).collect();
        f.line.intercept = median(&offsets).unwrap_or(0.0);
        if !current.is_empty() {
            f.tau_mean = current.iter().map(|p| p.0).sum::<f64>() / current.len() as f64;
            f.level_sd = f.sigma_pct / (current.len() as f64).sqrt();
        }
        Some(f)
    }

    /// Base fill rate, percent per day (the mean over the weekdays).
    pub fn rate_pct_per_day(&self) -> f64 {
        self.line.slope * 24.0
    }

    /// Fill rate on `day`, percent per day (base rate × the day's multiplier).
    pub fn rate_pct_per_day_on(&self, day: Weekday) -> f64 {
        self.rate_pct_per_day() * self.profile.multipliers[day.num_days_from_monday() as usize]
    }

    /// Robust standard deviation of a reading around the fitted line, percent (0 for
    /// the static basis).
    pub fn sigma_pct(&self) -> f64 {
        self.sigma_pct
    }

    /// Expected fill at `t`, percent (never below 0).
    pub fn fill_pct(&self, t: DateTime<FixedOffset>) -> f64 {
        self.line.at(self.tau(t)).max(0.0)
    }

    /// Standard deviation of the fill at `t`, percent:
    /// `√(σ² + s_a² + (s_b · (τ − τ̄))² + (cv_d · r · √d)²)` (reading noise, level and slope
    /// uncertainty, and the day-to-day variation of the `d` days ahead at rate `r`) for a
    /// rate from readings, plus `ASSUMED_RELATIVE_SD · fill` for the static basis.
    pub fn sd_pct(&self, t: DateTime<FixedOffset>) -> f64 {
        let tau = self.tau(t);
        let drift = self.slope_sd * (tau - self.tau_mean).max(0.0);
        // Days still to come vary independently: their spread grows with √days.
        let days_ahead = ((tau - self.tau(self.origin)) / 24.0).max(0.0);
        let process = self.day_cv * self.rate_pct_per_day() * days_ahead.sqrt();
        (self.sigma_pct.powi(2) + self.level_sd.powi(2) + drift.powi(2) + process.powi(2)).sqrt()
            + self.relative_sd * self.fill_pct(t)
    }

    /// Upper `q`-quantile of the fill at `t`, percent: expected fill + t_q · sd, with
    /// Student's t quantile for [`MAD_EFFICIENCY`] · (readings − 2) degrees of freedom when
    /// the current cycle gave the fit (the normal quantile otherwise).
    pub fn upper_pct(&self, t: DateTime<FixedOffset>, q: ServiceLevel) -> f64 {
        self.fill_pct(t) + t_quantile(q.get(), self.dof) * self.sd_pct(t)
    }

    /// Expected fill and its upper quantile at `t`, in percent, m³ and kg.
    pub fn predict(&self, t: DateTime<FixedOffset>, q: ServiceLevel) -> Prediction {
        let (fill, upper) = (self.fill_pct(t), self.upper_pct(t, q));
        let c = &self.container;
        Prediction {
            time: t,
            fill_pct: fill,
            upper_pct: upper,
            fill_m3: c.m3(fill),
            upper_m3: c.m3(upper),
            fill_kg: c.kg(fill),
            upper_kg: c.kg(upper),
        }
    }

    /// Will the container overflow by `t` at service level `q`: does the upper
    /// quantile reach `overflow_pct`?
    pub fn overflows_by(&self, t: DateTime<FixedOffset>, q: ServiceLevel) -> bool {
        self.upper_pct(t, q) >= self.container.overflow_pct
    }

    /// The first instant from the origin up to `until` at which the upper `q`-quantile
    /// reaches `overflow_pct`, to the minute (the origin itself when it already has);
    /// `None` when it does not by `until`. The upper quantile never decreases after the
    /// origin, so a bisection finds it.
    pub fn first_overflow(
        &self,
        q: ServiceLevel,
        until: DateTime<FixedOffset>,
    ) -> Option<DateTime<FixedOffset>> {
        let mut lo = self.origin;
        if self.overflows_by(lo, q) {
            return Some(lo);
        }
        if until <= lo || !self.overflows_by(until, q) {
            return None;
        }
        let mut hi = until;
        while hi - lo > Duration::minutes(1) {
            let mid = lo + (hi - lo) / 2;
            if self.overflows_by(mid, q) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Some(hi)
    }

    fn tau(&self, t: DateTime<FixedOffset>) -> f64 {
        self.profile.effective_hours(self.cycle_start, t)
    }
}

/// The day-to-day relative variation of a container's fill, from its earlier cycles: the
/// robust relative spread of their rates, less what the readings' noise explains (each
/// cycle's slope uncertainty), × √(their mean length in days) (a cycle's rate averages its
/// days' rates); 0 with fewer than three cycles, at most 1.
fn day_cv(earlier: &[CycleFit]) -> f64 {
    if earlier.len() < 3 {
        return 0.0;
    }
    let slopes: Vec<f64> = earlier.iter().map(|c| c.line.slope).collect();
    let Some(mid) = median(&slopes).filter(|m| *m > 0.0) else {
        return 0.0;
    };
    let spread = mad_sigma(&slopes, mid).unwrap_or(0.0);
    let noise = earlier.iter().map(|c| c.slope_sd.powi(2)).sum::<f64>() / earlier.len() as f64;
    let spread = (spread.powi(2) - noise).max(0.0).sqrt() / mid;
    let days = earlier.iter().map(|c| c.span_h).sum::<f64>() / earlier.len() as f64 / 24.0;
    (spread * days.max(0.0).sqrt()).clamp(0.0, 1.0)
}

/// A line fitted to one cycle.
struct CycleFit {
    line: Line,
    sigma: f64,
    slope_sd: f64,
    tau_mean: f64,
    /// Effective hours from the first reading to the last.
    span_h: f64,
}

/// Theil–Sen over `(effective hour, fill %)` of one cycle, if it has enough readings; the
/// slope is clamped at 0 (a container does not empty itself; the level then is the
/// median reading).
fn fit_cycle(points: &[(f64, f64)]) -> Option<CycleFit> {
    let span = match (points.first(), points.last()) {
        (Some(a), Some(b)) => b.0 - a.0,
        _ => return None,
    };
    if points.len() < MIN_CYCLE_READINGS || span < MIN_CYCLE_SPAN_H {
        return None;
    }
    let mut line = theil_sen(points)?;
    if line.slope < 0.0 {
        line = Line {
            intercept: median(&points.iter().map(|p| p.1).collect::<Vec<_>>())?,
            slope: 0.0,
        };
    }
    let residuals: Vec<f64> = points.iter().map(|&(x, y)| y - line.at(x)).collect();
    let n = points.len() as f64;
    // Residuals of a fitted line spread less than the noise: √(n / (n − 2)) undoes it.
    let sigma = mad_sigma(&residuals, 0.0)? * (n / (n - 2.0)).sqrt();
    let tau_mean = points.iter().map(|p| p.0).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - tau_mean).powi(2)).sum();
    let slope_sd = if sxx > 0.0 { sigma / sxx.sqrt() } else { 0.0 };
    Some(CycleFit {
        line,
        sigma,
        slope_sd,
        tau_mean,
        span_h: span,
    })
}

/// Fits of the cycles that end before `cycle_start`, each in effective hours from its
/// first reading.
fn earlier_cycles(
    pts: &[(DateTime<FixedOffset>, f64)],
    starts: &[usize],
    profile: &WeekdayProfile,
    cycle_start: DateTime<FixedOffset>,
) -> Vec<CycleFit> {
    let mut bounds = starts.to_vec();
    bounds.push(pts.len());
    bounds
        .windows(2)
        .filter_map(|w| {
            let cycle: Vec<_> = pts[w[0]..w[1]]
                .iter()
                .filter(|p| p.0 < cycle_start)
                .collect();
            let first = cycle.first()?.0;
            let xy: Vec<(f64, f64)> = cycle
                .iter()
                .map(|&&(t, y)| (profile.effective_hours(first, t), y))
                .collect();
            fit_cycle(&xy)
        })
        .collect()
}
