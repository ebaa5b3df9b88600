//! Simulated-annealing acceptance as in SISR: a candidate is kept when its cost is below
//! `current − T·ln U` for a uniform `U`; the temperature falls exponentially from `start`
//! to `end` over the run.

use crate::units::Cost;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// The temperature schedule.
#[derive(Clone, Copy, Debug)]
pub struct Annealing {
    /// Temperature at the start of the run.
    pub start: f64,
    /// Temperature at the end of the run.
    pub end: f64,
}

impl Annealing {
    /// A schedule scaled to a typical route arc cost: hot enough at first to cross small
    /// hills, nearly greedy at the end.
    pub fn scaled(arc_cost: f64) -> Self {
        let a = arc_cost.max(1e-9);
        Self {
            start: 1.0 * a,
            end: 0.01 * a,
        }
    }

    /// The temperature after `fraction` (0..=1) of the run.
    pub fn temperature(&self, fraction: f64) -> f64 {
        self.start * (self.end / self.start).powf(fraction.clamp(0.0, 1.0))
    }

    /// True when a candidate of cost `candidate` replaces one of cost `current`.
    pub fn accept(
        &self,
        candidate: Cost,
        current: Cost,
        fraction: f64,
        rng: &mut ChaCha8Rng,
    ) -> bool {
        let u: f64 = rng.random::<f64>().max(1e-300);
        let threshold = current.get() as f64 - self.temperature(fraction) * u.ln();
        (candidate.get() as f64) < threshold
    }
}
