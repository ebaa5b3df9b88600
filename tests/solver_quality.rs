//! Solution quality on published instances (slow; run by hand in release mode):
//!
//! ```text
//! SOLVER_BENCH=vrplib:../shared/instances/cvrplib_X/X-n106-k14.vrp,solomon:... \
//! SOLVER_SECONDS=10 cargo test --release --test solver_quality -- --ignored --nocapture
//! ```
//! Prints per instance the cost in the benchmark's convention, vehicles, feasibility by
//! the independent checker, and the gap to the best-known solution in `bks.csv`.

use std::path::Path;
use std::time::Duration;
use wasteroute::formats::{self, Format, ObjectiveKind, ReadOptions};
use wasteroute::solver::{SolverConfig, solve};

fn bks(name: &str, objective: ObjectiveKind) -> Option<f64> {
    let text = std::fs::read_to_string("../shared/instances/bks.csv").ok()?;
    text.lines().skip(1).find_map(|line| {
        let f: Vec<&str> = line.splitn(6, ',').collect();
        let hier = f[0].ends_with("_hier");
        let wanted =
            hier == (objective == ObjectiveKind::VehiclesThenDistance) || f[0].starts_with("kim");
        (f.get(1) == Some(&name) && wanted)
            .then(|| f[3].parse().ok())
            .flatten()
    })
}

#[test]
#[ignore = "slow: reads ../shared instances; run by hand in release mode"]
fn quality_on_published_instances() {
    let Ok(list) = std::env::var("SOLVER_BENCH") else {
        eprintln!("set SOLVER_BENCH=format:path,...");
        return;
    };
    let seconds: f64 = std::env::var("SOLVER_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10.0);
    let mut gaps = Vec::new();
    for item in list.split(',') {
        let (fmt, path) = item.split_once(':').expect("format:path");
        let format = match fmt {
            "vrplib" => Format::Vrplib,
            "solomon" => Format::Solomon,
            "kim" => Format::Kim,
            other => panic!("unknown format {other}"),
        };
        let inst =
            formats::read(Path::new(path), format, ReadOptions::default()).expect("readable");
        let mut config = SolverConfig::with_time_limit(1, Duration::from_secs_f64(seconds));
        config.threads = 2;
        let res = solve(&inst.problem, &config, &mut |_| {});
        let report = wasteroute::checker::check(&inst.problem, &res.solution);
        let cost = inst.convention.reported(report.distance);
        let best = bks(&inst.name, inst.convention.objective);
        let gap = best.map(|b| 100.0 * (cost - b) / b);
        if let Some(g) = gap {
            gaps.push(g);
        }
        println!(
            "{} cost {:.2} vehicles {} unassigned {} feasible {} iterations {} bks {:?} gap {}",
            inst.name,
            cost,
            report.vehicles,
            report.unassigned,
            report.is_feasible(),
            res.iterations,
            best,
            gap.map_or("-".into(), |g| format!("{g:.2}%")),
        );
        assert!(report.is_feasible(), "{:?}", report.violations);
    }
    if !gaps.is_empty() {
        println!(
            "average gap {:.2}% over {}",
            gaps.iter().sum::<f64>() / gaps.len() as f64,
            gaps.len()
        );
    }
}
