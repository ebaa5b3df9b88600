//! `wasteroute nightly --config JOB.toml --date YYYY-MM-DD`: the unattended night run.
//!
//! One JSON line per phase on stderr (`{"phase":"solve","status":"ok",...}`) for the job
//! runner; the plan goes into `<output_root>/<date>/` all or nothing, and `latest` moves
//! only after the whole plan is written. A failed run leaves the last good plan as it was.

use super::exit::{self, Outcome};
use super::values;
use clap::Args;
use serde_json::{Value, json};
use std::path::PathBuf;
use std::time::Instant;
use wasteroute::output::{PlanDocument, write_plan_dir};
use wasteroute::planner::night as run;
use wasteroute::planner::nightly::{self, NightlyJob};
use wasteroute::scenario::{self, build};

/// Plans one night unattended: dated folder, seed from the date, lock, warm start from the
/// previous night, `latest` pointer. Exit codes as for `plan`.
#[derive(Debug, Args)]
pub struct NightlyArgs {
    /// The job TOML (scenario path, output root, time budget, seed policy, stability weight).
    #[arg(long)]
    pub config: PathBuf,
    /// The night to plan, YYYY-MM-DD (checked in the run, so that a bad date is logged as
    /// a `job` error line like every other problem of the job).
    #[arg(long, allow_hyphen_values = true)]
    pub date: String,
    /// Overrides the job's seed policy.
    #[arg(long, value_parser = values::seed, allow_negative_numbers = true)]
    pub seed: Option<u64>,
}

/// Writes one JSON log line.
fn log(phase: &str, status: &str, started: Instant, extra: Value) {
    let mut line = json!({
        "phase": phase,
        "status": status,
        "seconds": (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
    });
    if let (Some(obj), Value::Object(more)) = (line.as_object_mut(), extra) {
        obj.extend(more);
    }
    eprintln!("{line}");
}

/// Runs the command.
pub fn run(args: &NightlyArgs) -> anyhow::Result<Outcome> {
    let t = Instant::now();
    let fail = |phase: &str, e: anyhow::Error, t: Instant| {
        let code = exit::code_for(&e);
        log(
            phase,
            "error",
            t,
            json!({ "error": format!("{e:#}"), "exit_code": code }),
        );
        e
    };
    let date = values::date(&args.date)
        .map_err(|e| fail("job", exit::bad_input(anyhow::anyhow!("--date: {e}")), t))?;
    let date_text = date.format("%Y-%m-%d").to_string();
    let job = NightlyJob::read(&args.config).map_err(|e| fail("job", exit::bad_input(e), t))?;
    let root = job.output_root();
    let _lock = nightly::lock_root(&root).map_err(|e| {
        let bad = e.is_bad_input();
        let e = anyhow::Error::new(e).context(args.config.display().to_string());
        fail("lock", if bad { exit::bad_input(e) } else { e }, t)
    })?;
    log(
        "job",
        "ok",
        t,
        json!({ "date": date_text, "output_root": root }),
    );

    let t = Instant::now();
    let scenario_path = job.scenario_path(date);
    // Tonight's decision waits for the night's date (a reused scenario file names another).
    let loaded =
        scenario::load_with(&scenario_path, scenario::TonightMode::Leave).and_then(|mut l| {
            l.scenario.date = date;
            let mut diags = scenario::Diagnostics::new();
            scenario::monitoring_setup::decide_tonight(&mut l.scenario, &mut diags);
            if diags.has_errors() {
                return Err(scenario::Invalid(diags));
            }
            for d in diags.items() {
                l.warnings.push(d.clone());
            }
            Ok(l)
        });
    let loaded = loaded.map_err(|invalid| {
        // The full listing goes into the log line; the final error line stays one line.
        log(
            "load",
            "error",
            t,
            json!({ "error": format!("{}:\n{}", scenario_path.display(), invalid.0), "exit_code": exit::EXIT_BAD_INPUT }),
        );
        exit::bad_input(anyhow::anyhow!(
            "{}: {} error(s), listed in the `load` log line",
            scenario_path.display(),
            invalid.0.error_count()
        ))
    })?;
    let s = &loaded.scenario;
    log(
        "load",
        "ok",
        t,
        json!({ "scenario": scenario_path, "sites": s.sites.len(), "warnings": loaded.warnings.warning_count(), "fingerprint": s.fingerprint, "tonight": s.tonight.as_ref().map(|t| t.summary()) }),
    );

    let t = Instant::now();
    let built = build::build(s, &mut |_, _| {}).map_err(|invalid| {
        log(
            "build",
            "error",
            t,
            json!({ "error": invalid.0.to_string(), "exit_code": exit::EXIT_BAD_INPUT }),
        );
        exit::bad_input(anyhow::anyhow!(
            "{}: {} error(s), listed in the `build` log line",
            scenario_path.display(),
            invalid.0.error_count()
        ))
    })?;
    log(
        "build",
        "ok",
        t,
        json!({ "locations": built.problem.num_locations(), "jobs": built.problem.sites().len(), "warnings": built.warnings.warning_count() }),
    );

    let t = Instant::now();
    let previous = nightly::previous_plan(&root, date).and_then(|(d, path)| {
        let text = std::fs::read_to_string(&path).ok()?;
        match serde_json::from_str::<PlanDocument>(&text) {
            Ok(doc) => Some((d, doc)),
            Err(e) => {
                log(
                    "warm_start",
                    "skipped",
                    t,
                    json!({ "plan": path, "error": e.to_string() }),
                );
                None
            }
        }
    });
    let warm = previous
        .as_ref()
        .map(|(_, doc)| nightly::warm_start(s, &built.jobs, doc));
    log(
        "warm_start",
        if warm.is_some() { "ok" } else { "none" },
        t,
        json!({
            "previous": previous.as_ref().map(|(d, _)| d.format("%Y-%m-%d").to_string()),
            "routes": warm.as_ref().map(|w| w.solution.routes.len()),
            "dropped_stops": warm.as_ref().map(|w| w.dropped_stops),
        }),
    );

    let t = Instant::now();
    let seed = args.seed.unwrap_or_else(|| job.seed(date, s.solver.seed));
    let options = run::RunOptions {
        seed: Some(seed),
        time_limit_s: job.toml.time_limit_s,
        iterations: job.toml.iterations,
        threads: Some(super::capped_threads(
            job.toml.threads.or(s.solver.threads).unwrap_or(0),
            "threads",
        )),
        warm_start: warm.as_ref().map(|w| w.solution.clone()),
        stability_weight: job.toml.stability_weight,
    };
    let result = run::run(s, &built, &options, &mut |_| {})
        .map_err(|e| fail("solve", anyhow::Error::new(e), t))?;
    let sum = &result.document.meta.summary;
    let changed = warm
        .as_ref()
        .map(|w| nightly::changed_vehicle(&w.vehicle_of, &result.document));
    log(
        "solve",
        "ok",
        t,
        json!({
            "seed": seed,
            "iterations": result.iterations,
            "sites_served": sum.sites_served,
            "sites_unassigned": sum.sites_unassigned,
            "vehicles_used": sum.vehicles_used,
            "distance_m": sum.distance_m,
            "cost": scenario::units::to_money(wasteroute::units::Cost(sum.cost)),
            "sites_changed_vehicle": changed,
        }),
    );

    let t = Instant::now();
    let dir = nightly::dated_dir(&root, date);
    write_plan_dir(&dir, &result.document).map_err(|e| fail("write", anyhow::Error::new(e), t))?;
    nightly::move_latest(&root, date).map_err(|e| fail("write", anyhow::Error::new(e), t))?;
    log("write", "ok", t, json!({ "dir": dir, "latest": date_text }));
    // Optional sites left out by choice do not make a plan incomplete.
    Ok(if result.document.serves_every_required_site() {
        Outcome::Done
    } else {
        Outcome::PlanWithUnassigned
    })
}
