//! The ground truth of a simulation: how every container really fills, hour by hour.
//!
//! Each container has its own mean rate (the scenario's rate × a log-normal draw, σ =
//! [`RATE_SPREAD`]), a weekday pattern (busier weekends, [`WEEKDAY`] with a per-container
//! jitter), a day-heavy hourly shape ([`hour_weight`]) and day-to-day noise (a log-normal
//! factor per day, σ = [`DAILY_NOISE`]). Everything is drawn from one seeded generator, so
//! a seed gives one city, whatever the policy run on it: both policies of a comparison
//! meet the same waste.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Spread of the containers' rates around the scenario's rate (σ of the log).
pub const RATE_SPREAD: f64 = 0.3;
/// Day-to-day noise of a container's fill (σ of the log of the day's factor).
pub const DAILY_NOISE: f64 = 0.25;
/// Mean weekday factors, Monday first: more waste after the weekend's markets and meals.
pub const WEEKDAY: [f64; 7] = [1.05, 0.95, 0.95, 0.95, 1.0, 1.05, 1.05];

/// How one container fills.
#[derive(Clone, Debug)]
pub struct ContainerTruth {
    /// Mean fill rate, percent of the volume per day.
    pub rate_pct_per_day: f64,
    /// This container's weekday factors, Monday first (mean 1).
    pub weekday: [f64; 7],
    /// Fill now, percent of the volume (may pass 100: bags beside it).
    pub fill_pct: f64,
    /// Today's noise factor.
    day_factor: f64,
}

impl ContainerTruth {
    /// A container with mean rate `mean_pct_per_day` before the draws, starting at a fill
    /// drawn between 0 and `start_max_pct`.
    pub fn draw(mean_pct_per_day: f64, start_max_pct: f64, rng: &mut ChaCha8Rng) -> ContainerTruth {
        let rate = mean_pct_per_day * lognormal(rng, RATE_SPREAD);
        let mut weekday = WEEKDAY;
        for w in &mut weekday {
            *w *= lognormal(rng, 0.05);
        }
        let mean = weekday.iter().sum::<f64>() / 7.0;
        for w in &mut weekday {
            *w /= mean;
        }
        ContainerTruth {
            rate_pct_per_day: rate,
            weekday,
            fill_pct: rng.random::<f64>() * start_max_pct,
            day_factor: 1.0,
        }
    }

    /// Draws the noise of a new day.
    pub fn new_day(&mut self, rng: &mut ChaCha8Rng) {
        self.day_factor = lognormal(rng, DAILY_NOISE);
    }

    /// What the container gains in the hour starting at `hour` (0–23) of a day with
    /// weekday index `weekday` (Monday 0), percent.
    pub fn gain(&self, weekday: usize, hour: u32) -> f64 {
        self.rate_pct_per_day / 24.0
            * self.weekday[weekday % 7]
            * hour_weight(hour)
            * self.day_factor
    }
}

/// The share of a day's waste thrown in the hour starting at `hour`, × 24 (mean 1 over
/// the day): most by day, little at night.
pub fn hour_weight(hour: u32) -> f64 {
    // 16 day hours at 1.3 and 8 night hours at 0.4: (16 × 1.3 + 8 × 0.4) / 24 = 1.
    if (7..23).contains(&hour) { 1.3 } else { 0.4 }
}

/// A log-normal factor with median 1 and log-σ `sigma`.
pub fn lognormal(rng: &mut ChaCha8Rng, sigma: f64) -> f64 {
    (normal(rng) * sigma).exp()
}

/// A standard normal draw (Box–Muller).
pub fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = rng.random::<f64>().max(f64::MIN_POSITIVE);
    let u2: f64 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn hour_weights_average_one_over_a_day() {
        let mean = (0..24).map(hour_weight).sum::<f64>() / 24.0;
        assert!((mean - 1.0).abs() < 1e-12);
    }

    #[test]
    fn a_container_gains_its_rate_on_average() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let mut c = ContainerTruth::draw(20.0, 0.0, &mut rng);
        let mut total = 0.0;
        let days = 2000;
        for d in 0..days {
            c.new_day(&mut rng);
            total += (0..24).map(|h| c.gain(d % 7, h)).sum::<f64>();
        }
        // E[lognormal(0.25)] = e^{0.03125}: the daily noise lifts the mean by 3 %.
        let expected = c.rate_pct_per_day * (DAILY_NOISE * DAILY_NOISE / 2.0).exp();
        let mean = total / days as f64;
        assert!((mean / expected - 1.0).abs() < 0.03, "{mean} vs {expected}");
    }
}
