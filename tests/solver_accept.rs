//! The annealing schedule: it runs from its start to its end temperature, always keeps an
//! improvement, and keeps a worsening about as often as `exp(−Δ/T)` says.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use wasteroute::solver::accept::Annealing;
use wasteroute::units::Cost;

#[test]
fn temperature_falls_from_start_to_end() {
    let a = Annealing::scaled(100.0);
    assert!((a.temperature(0.0) - a.start).abs() < 1e-9);
    assert!((a.temperature(1.0) - a.end).abs() < 1e-9);
    assert!(a.start > a.end && a.end > 0.0);
    let mut last = f64::INFINITY;
    for k in 0..=10 {
        let t = a.temperature(k as f64 / 10.0);
        assert!(t < last, "temperature must fall: {t} after {last}");
        last = t;
    }
    // Out-of-range fractions (a time budget overrun) stay at the ends.
    assert!((a.temperature(1.5) - a.end).abs() < 1e-9);
}

#[test]
fn scaled_schedule_is_proportional_to_the_arc_cost() {
    let small = Annealing::scaled(10.0);
    let large = Annealing::scaled(1000.0);
    assert!((large.start / small.start - 100.0).abs() < 1e-9);
    assert!((large.end / small.end - 100.0).abs() < 1e-9);
}

#[test]
fn improvements_are_always_kept() {
    let a = Annealing::scaled(100.0);
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    for k in 0..1000 {
        let fraction = k as f64 / 1000.0;
        assert!(a.accept(Cost(999), Cost(1000), fraction, &mut rng));
    }
}

#[test]
fn worsenings_are_kept_at_the_boltzmann_rate() {
    let a = Annealing::scaled(100.0);
    let t = a.temperature(0.0);
    let delta = t.round() as i64; // expected acceptance exp(−1) ≈ 0.368
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let n = 20_000;
    let kept = (0..n)
        .filter(|_| a.accept(Cost(1000 + delta), Cost(1000), 0.0, &mut rng))
        .count();
    let rate = kept as f64 / n as f64;
    let expected = (-(delta as f64) / t).exp();
    assert!(
        (rate - expected).abs() < 0.02,
        "rate {rate}, expected {expected}"
    );
    // At the end of the run the same worsening is (practically) never kept.
    let kept_late = (0..n)
        .filter(|_| a.accept(Cost(1000 + delta), Cost(1000), 1.0, &mut rng))
        .count();
    assert!(kept_late < n / 100, "{kept_late} of {n} kept at the end");
}
