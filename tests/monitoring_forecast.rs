//! The fill forecast on synthetic containers whose truth is known: seeded series (ChaCha)
//! with a known rate, weekday pattern, normal sensor noise, gaps, outliers and emptyings.
//! Each test prints what it measured (`cargo test --release --test monitoring_forecast --
//! --nocapture`).

use chrono::{DateTime, Duration, FixedOffset, TimeZone};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use wasteroute::monitoring::profile::WeekdayProfile;
use wasteroute::monitoring::{
    Basis, Container, Forecast, ForecastInput, Sample, ServiceLevel, StaticEstimate,
};

/// 2 March 2026, a Monday, 02:00 in Hai Phong.
fn t0() -> DateTime<FixedOffset> {
    FixedOffset::east_opt(7 * 3600)
        .expect("offset")
        .with_ymd_and_hms(2026, 3, 2, 2, 0, 0)
        .single()
        .expect("instant")
}

fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let (u, v): (f64, f64) = (rng.random::<f64>().max(1e-300), rng.random());
    (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
}

/// How a synthetic container fills and how its sensor reports.
#[derive(Clone, Copy)]
struct Truth {
    /// Base rate, % per hour.
    rate: f64,
    /// Weekday multipliers (Monday first, mean 1).
    profile: [f64; 7],
    /// Sensor noise, standard deviation in %.
    noise: f64,
    /// Share of readings lost.
    gaps: f64,
    /// Share of readings that are outliers (a bag on the sensor: +40 %, or a 0 glitch).
    outliers: f64,
    /// Emptied every this many hours (at 02:00 when a multiple of 24).
    cycle_h: i64,
}

const FLAT: [f64; 7] = [1.0; 7];

/// Hourly readings from `t0()` for `hours` hours; the container is emptied at `t0()` and
/// every `cycle_h` hours after, to a level of 0–3 %.
fn simulate(seed: u64, truth: Truth, hours: i64) -> Vec<Sample> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let profile = WeekdayProfile {
        multipliers: truth.profile,
    };
    let mut out = Vec::new();
    let mut emptied = t0();
    let mut base = rng.random_range(0.0..3.0);
    for h in 0..hours {
        let t = t0() + Duration::hours(h);
        if h > 0 && h % truth.cycle_h == 0 {
            emptied = t;
            base = rng.random_range(0.0..3.0);
        }
        let level = base + truth.rate * profile.effective_hours(emptied, t);
        let mut y = level + truth.noise * normal(&mut rng);
        if rng.random::<f64>() < truth.gaps {
            continue;
        }
        if rng.random::<f64>() < truth.outliers {
            y = if rng.random::<bool>() { y + 40.0 } else { 0.0 };
        }
        out.push(Sample {
            time: t,
            fill_pct: y.clamp(0.0, 150.0),
            line: h as u64 + 2,
        });
    }
    out
}

fn fit(samples: &[Sample], origin: DateTime<FixedOffset>) -> Forecast {
    Forecast::fit(&ForecastInput {
        samples,
        origin,
        last_emptied: None,
        static_estimate: None,
        container: Container::new(1.1, 200.0),
    })
    .expect("readings give a forecast")
}

fn truth(rate: f64) -> Truth {
    Truth {
        rate,
        profile: FLAT,
        noise: 3.0,
        gaps: 0.05,
        outliers: 0.0,
        cycle_h: 10_000,
    }
}

/// Rate errors (relative) of 100 containers with rates of 0.5–3 %/h, 36 hourly
/// readings, noise σ = 3 %, 5 % gaps.
fn rate_errors(outliers: f64) -> Vec<f64> {
    (0..100)
        .map(|seed| {
            let rate = 0.5 + 2.5 * (seed as f64 / 99.0);
            let mut t = truth(rate);
            t.outliers = outliers;
            let s = simulate(seed, t, 36);
            let f = fit(&s, t0() + Duration::hours(36));
            assert_eq!(
                f.basis,
                Basis::CurrentCycle,
                "seed {seed}: resets {:?} in {:?}",
                f.resets,
                s.iter().map(|x| x.fill_pct.round()).collect::<Vec<_>>()
            );
            (f.rate_pct_per_day() - rate * 24.0).abs() / (rate * 24.0)
        })
        .collect()
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

fn max(xs: &[f64]) -> f64 {
    xs.iter().copied().fold(0.0, f64::max)
}

#[test]
fn rate_is_recovered_within_tolerance() {
    let e = rate_errors(0.0);
    println!(
        "rate error, no outliers: mean {:.2} %, max {:.2} %",
        100.0 * mean(&e),
        100.0 * max(&e)
    );
    assert!(mean(&e) < 0.05, "mean relative error {}", mean(&e));
    assert!(max(&e) < 0.20, "max relative error {}", max(&e));
}

#[test]
fn outliers_do_not_move_the_rate_much() {
    let clean = rate_errors(0.0);
    let dirty = rate_errors(0.10);
    println!(
        "rate error with 10 % outliers (+40 % or 0): mean {:.2} % (clean {:.2} %), max {:.2} %",
        100.0 * mean(&dirty),
        100.0 * mean(&clean),
        100.0 * max(&dirty)
    );
    assert!(mean(&dirty) < 0.08, "mean relative error {}", mean(&dirty));
    assert!(mean(&dirty) < mean(&clean) + 0.04);
    assert!(max(&dirty) < 0.30, "max relative error {}", max(&dirty));
}

#[test]
fn resets_are_found() {
    let (mut found, mut missed, mut false_resets) = (0, 0, 0);
    let (mut earliest, mut worst_late) = (0, 0);
    for seed in 0..50 {
        // Emptied every 48 hours, filling 1.2 %/h: about 58 % before each emptying.
        let mut t = truth(1.2);
        t.cycle_h = 48;
        t.outliers = 0.03;
        let s = simulate(seed, t, 7 * 24);
        let f = fit(&s, t0() + Duration::hours(7 * 24));
        let truth_resets: Vec<_> = (1..4).map(|k| t0() + Duration::hours(48 * k)).collect();
        // A reset counts as found when it is detected from one reading before (a 0 glitch
        // just before the emptying) to a day after the truth (the emptying reading may be
        // a gap, the next ones outliers); anything else is false.
        let near = |x: &DateTime<FixedOffset>, r: &DateTime<FixedOffset>| {
            (-1..24).contains(&(*x - *r).num_hours())
        };
        for r in &truth_resets {
            match f.resets.iter().find(|x| near(x, r)) {
                Some(x) => {
                    found += 1;
                    worst_late = worst_late.max((*x - *r).num_hours());
                    earliest = earliest.min((*x - *r).num_hours());
                }
                None => missed += 1,
            }
        }
        for x in f
            .resets
            .iter()
            .filter(|x| !truth_resets.iter().any(|r| near(x, r)))
        {
            false_resets += 1;
            let around: Vec<_> = s
                .iter()
                .filter(|y| (y.time - *x).num_hours().abs() <= 6)
                .map(|y| (y.time.format("%d %H").to_string(), y.fill_pct.round()))
                .collect();
            println!("seed {seed}: false emptying at {x}: {around:?}");
        }
    }
    println!(
        "emptyings (50 series × 3, 3 % outliers): {found} found ({earliest} to {worst_late} h \
         from the truth), {missed} missed, {false_resets} false"
    );
    assert_eq!(false_resets, 0);
    assert!(missed <= 3, "{missed} of 150 emptyings missed");
    assert!(worst_late <= 6, "found {worst_late} h late");
}

#[test]
fn weekday_profile_is_recovered_from_28_days() {
    let pattern = [0.8, 0.9, 1.0, 1.0, 1.2, 1.4, 0.7];
    let mut worst: f64 = 0.0;
    for seed in 0..10 {
        let t = Truth {
            rate: 2.5,
            profile: pattern,
            noise: 2.0,
            gaps: 0.05,
            outliers: 0.02,
            cycle_h: 24,
        };
        let s = simulate(seed, t, 28 * 24);
        let f = fit(&s, t0() + Duration::hours(28 * 24));
        assert!(!f.profile.is_flat(), "seed {seed}");
        for (got, want) in f.profile.multipliers.iter().zip(pattern) {
            worst = worst.max((got - want).abs());
        }
        // Ten days of the same container: too short, flat.
        let short = fit(&s[..240], t0() + Duration::hours(240));
        assert!(short.profile.is_flat(), "seed {seed}");
    }
    println!("weekday multipliers after 28 days: largest error {worst:.3} over 10 series");
    assert!(worst < 0.1, "largest multiplier error {worst}");
}

#[test]
fn upper_quantile_covers_the_stated_share_of_held_out_points() {
    for q in [0.8, 0.9, 0.95] {
        let level = ServiceLevel::new(q).expect("q");
        let (mut covered, mut total) = (0usize, 0usize);
        for seed in 0..300 {
            let rate = 0.5 + 2.5 * ((seed % 50) as f64 / 49.0);
            let mut t = truth(rate);
            t.gaps = 0.0;
            // 24 hourly readings to fit, 12 held out.
            let s = simulate(1000 + seed, t, 36);
            let origin = t0() + Duration::minutes(23 * 60 + 30);
            let f = fit(&s[..24], origin);
            for x in &s[24..] {
                total += 1;
                if x.fill_pct <= f.upper_pct(x.time, level) {
                    covered += 1;
                }
            }
        }
        let share = covered as f64 / total as f64;
        println!(
            "q = {q}: {covered} of {total} held-out readings covered ({:.1} %)",
            100.0 * share
        );
        assert!((share - q).abs() < 0.04, "q {q}: coverage {share}");
    }
}

#[test]
fn first_overflow_is_where_the_upper_quantile_crosses() {
    let t = Truth {
        noise: 0.0,
        ..truth(2.0)
    };
    let s = simulate(7, t, 20);
    let origin = t0() + Duration::hours(20);
    let mut f = fit(&s, origin);
    f.container.overflow_pct = 90.0;
    let q = ServiceLevel::new(0.9).expect("q");
    let when = f
        .first_overflow(q, origin + Duration::days(2))
        .expect("overflows within two days");
    // Without noise the quantile is the line: level ≈ base + 2 %/h, 90 % after ~44 h.
    let hours = (when - t0()).num_minutes() as f64 / 60.0;
    assert!((42.0..46.0).contains(&hours), "{hours} h");
    assert!(f.overflows_by(when, q));
    assert!(!f.overflows_by(when - Duration::minutes(2), q));
    assert_eq!(f.first_overflow(q, origin + Duration::hours(1)), None);
    let p = f.predict(when, q);
    assert!((p.fill_m3 - 1.1 * p.fill_pct / 100.0).abs() < 1e-9);
    assert!((p.fill_kg - p.fill_m3 * 200.0).abs() < 1e-9);
}

#[test]
fn falls_back_to_the_static_estimate_without_readings() {
    let origin = t0() + Duration::hours(48);
    let input = ForecastInput {
        samples: &[],
        origin,
        last_emptied: Some(t0()),
        // 0.22 m³ a day in a 1.1 m³ container: 20 % a day.
        static_estimate: Some(StaticEstimate {
            kg_per_day: 0.0,
            m3_per_day: 0.22,
        }),
        container: Container::new(1.1, 200.0),
    };
    let f = Forecast::fit(&input).expect("a static forecast");
    assert_eq!(f.basis, Basis::Static);
    assert!((f.rate_pct_per_day() - 20.0).abs() < 1e-9);
    assert!((f.fill_pct(origin) - 40.0).abs() < 1e-9);
    let q = ServiceLevel::new(0.9).expect("q");
    assert!(f.upper_pct(origin, q) > 40.0);
    // kg per day only: 44 kg at 200 kg/m³ is the same 0.22 m³.
    let by_kg = Forecast::fit(&ForecastInput {
        static_estimate: Some(StaticEstimate {
            kg_per_day: 44.0,
            m3_per_day: 0.0,
        }),
        ..input
    })
    .expect("a static forecast");
    assert!((by_kg.rate_pct_per_day() - 20.0).abs() < 1e-9);
    // Nothing to go on: no forecast.
    assert!(
        Forecast::fit(&ForecastInput {
            static_estimate: None,
            ..input
        })
        .is_none()
    );
}

#[test]
fn a_short_current_cycle_borrows_the_rate_of_earlier_cycles() {
    // Emptied daily at 02:00, 2 %/h; the forecast is made at 03:30, one reading into
    // the new cycle.
    let mut t = truth(2.0);
    t.cycle_h = 24;
    let s = simulate(3, t, 5 * 24 + 2);
    let f = fit(&s, t0() + Duration::minutes((5 * 24 + 1) * 60 + 30));
    assert_eq!(f.basis, Basis::EarlierCycles);
    assert!(f.cycle_readings <= 2);
    let err = (f.rate_pct_per_day() - 48.0).abs() / 48.0;
    println!(
        "rate from earlier cycles: {:.2} %/day (truth 48), error {:.1} %",
        f.rate_pct_per_day(),
        100.0 * err
    );
    assert!(err < 0.1);
}
