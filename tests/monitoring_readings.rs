//! `readings.csv`: the valid fixture reads cleanly into series a forecast can use, and
//! mutated copies of it (bytes, cells, rows, encodings; see `tests/fuzz_support`) never
//! make the reader or the forecast panic: every case either reads, or reports errors that
//! each name the file and a line or a column.
//!
//! `FUZZ_CASES=100000 cargo test --release --test monitoring_readings` runs more cases.

mod fuzz_support;

use fuzz_support::{Sep, apply, describe, mutations, no_panic, run};
use proptest::test_runner::TestCaseError;
use std::path::Path;
use wasteroute::diagnostic::Diagnostics;
use wasteroute::monitoring::instant::parse_instant;
use wasteroute::monitoring::readings::{self, ReadingsOptions};
use wasteroute::monitoring::{Basis, Container, Forecast, ForecastInput, ServiceLevel};

fn fixture() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/monitoring/readings.csv");
    std::fs::read(path).expect("the readings fixture")
}

fn options() -> ReadingsOptions {
    ReadingsOptions::new(
        ["P1", "P2", "P3"].map(String::from),
        ["recyclable", "food", "other"].map(String::from),
        parse_instant("2026-03-02T23:00:00+07:00").expect("a valid instant"),
    )
}

fn forecast_all(
    r: &readings::Readings,
    origin: chrono::DateTime<chrono::FixedOffset>,
) -> Vec<Forecast> {
    r.iter()
        .filter_map(|s| {
            Forecast::fit(&ForecastInput {
                samples: &s.samples,
                origin,
                last_emptied: None,
                static_estimate: None,
                container: Container::new(1.1, 200.0),
            })
        })
        .collect()
}

#[test]
fn the_fixture_reads_cleanly_and_forecasts() {
    let mut d = Diagnostics::new();
    let o = options();
    let r = readings::parse(Path::new("readings.csv"), &fixture(), &o, &mut d)
        .expect("the fixture is a table");
    assert!(d.is_empty(), "{d}");
    assert_eq!(r.len(), 3);
    let p1 = r.series("P1", "food").expect("P1 food");
    assert_eq!(p1.samples.len(), 18);
    let f = forecast_all(&r, o.plan_start);
    assert_eq!(f.len(), 3);
    // P1 food was emptied at 02:00 on 2 March and fills about 4 % an hour.
    let p1f = &f[0];
    assert_eq!(p1f.resets.len(), 1);
    assert_eq!(p1f.cycle_start.to_rfc3339(), "2026-03-02T02:00:00+07:00");
    assert_eq!(p1f.basis, Basis::CurrentCycle);
    let rate = p1f.rate_pct_per_day();
    assert!((rate - 96.0).abs() < 10.0, "rate {rate} %/day");
    let q = ServiceLevel::new(0.9).expect("q");
    let when = p1f
        .first_overflow(q, o.plan_start + chrono::Duration::days(3))
        .expect("it overflows within three days");
    assert!(when > o.plan_start && p1f.overflows_by(when, q));
}

#[test]
fn fuzz_readings_csv() {
    let original = fixture();
    let o = options();
    run("readings.csv", mutations(), |muts| {
        let bytes = apply(&original, &muts, Sep::Comma);
        let input = || format!("readings.csv: {}", describe(&muts, &bytes));
        let mut d = Diagnostics::new();
        let read = no_panic(input, || {
            readings::parse(Path::new("readings.csv"), &bytes, &o, &mut d)
        })?;
        for e in d.items() {
            let positioned = e.line.is_some() || e.column.is_some();
            if e.file.as_os_str().is_empty() || e.message.is_empty() || !positioned {
                return Err(TestCaseError::fail(format!(
                    "unpositioned: {e}\n{}",
                    input()
                )));
            }
        }
        if read.is_none() && !d.has_errors() {
            return Err(TestCaseError::fail(format!(
                "refused without an error\n{}",
                input()
            )));
        }
        if let Some(r) = read {
            for s in r.iter() {
                let sorted = s.samples.windows(2).all(|w| w[0].time < w[1].time);
                let in_range = s
                    .samples
                    .iter()
                    .all(|x| x.time <= o.plan_start && (0.0..=150.0).contains(&x.fill_pct));
                if !(sorted && in_range) {
                    return Err(TestCaseError::fail(format!(
                        "bad series {s:?}\n{}",
                        input()
                    )));
                }
            }
            let q = ServiceLevel::new(0.95).expect("q");
            let until = o.plan_start + chrono::Duration::days(7);
            no_panic(input, || {
                for f in forecast_all(&r, o.plan_start) {
                    let p = f.predict(until, q);
                    assert!(p.fill_pct.is_finite() && p.upper_pct >= p.fill_pct);
                    let _ = f.first_overflow(q, until);
                }
            })?;
        }
        Ok(())
    });
}
