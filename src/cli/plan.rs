//! `wasteroute plan SCENARIO`: validate, snap, build matrices per profile, solve, check,
//! and write the plan files all or nothing.

use super::exit::{self, Outcome};
use super::values;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use wasteroute::output::write_plan_dir;
use wasteroute::planner::night as run;
use wasteroute::scenario::{self, build};
use wasteroute::solver::Progress;

/// Plans a scenario and writes routes.csv, plan.json, routes.geojson and report.html.
/// Exit 0: every site served; 1: written, with unassigned sites; 2: bad input; 3: internal.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The scenario TOML file.
    pub scenario: PathBuf,
    /// Folder to write the plan into (created when missing).
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Search time limit in seconds, above 0 (default: the scenario's `[solver]
    /// time_limit_s`).
    #[arg(long, value_parser = values::seconds, allow_hyphen_values = true)]
    pub time_limit: Option<f64>,
    /// Iteration budget (default: the scenario's `[solver] iterations`). With a budget the
    /// output is the same on every run, as long as the time limit is not reached first.
    #[arg(long, value_parser = values::iterations, allow_negative_numbers = true)]
    pub iterations: Option<u64>,
    /// Random seed (default: the scenario's `[solver] seed`).
    #[arg(long, value_parser = values::seed, allow_negative_numbers = true)]
    pub seed: Option<u64>,
    /// Worker threads; 0 = all cores (default: the scenario's `[solver] threads`, else all
    /// cores); more than the machine's cores are capped to them. The result does not
    /// depend on it.
    #[arg(long, value_parser = values::threads, allow_negative_numbers = true)]
    pub threads: Option<usize>,
}

/// Progress on stderr: a bar on a terminal, a plain line every few seconds otherwise.
pub struct Reporter {
    bar: Option<ProgressBar>,
    last_line: Instant,
}

impl Reporter {
    /// A reporter for the current stderr.
    pub fn new() -> Reporter {
        let bar = std::io::stderr().is_terminal().then(|| {
            let b = ProgressBar::new_spinner();
            b.set_style(
                ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            b.enable_steady_tick(Duration::from_millis(200));
            b
        });
        Reporter {
            bar,
            last_line: Instant::now(),
        }
    }

    /// One phase done.
    pub fn phase(&self, name: &str, secs: f64) {
        let line = format!("{name}: {secs:.2} s");
        match &self.bar {
            Some(b) => b.println(line),
            None => eprintln!("{line}"),
        }
    }

    /// A message line.
    pub fn line(&self, line: &str) {
        match &self.bar {
            Some(b) => b.println(line),
            None => eprintln!("{line}"),
        }
    }

    /// A solver snapshot.
    pub fn progress(&mut self, p: &Progress) {
        let msg = format!(
            "iteration {} · best cost {:.2} · unassigned {} · {:.1} s",
            p.iteration,
            run::money(p.best_cost),
            p.unassigned,
            p.elapsed.as_secs_f64()
        );
        match &self.bar {
            Some(b) => b.set_message(msg),
            None => {
                if self.last_line.elapsed() >= Duration::from_secs(2) {
                    self.last_line = Instant::now();
                    eprintln!("solve: {msg}");
                }
            }
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// Runs the command.
pub fn run(args: &PlanArgs) -> anyhow::Result<Outcome> {
    // A wrong --out fails now, not after the search.
    wasteroute::output::check_output_dir(&args.out).map_err(exit::bad_input)?;
    let loaded = super::load_scenario(&args.scenario, scenario::TonightMode::Decide, true)?;
    let s = &loaded.scenario;
    let mut reporter = Reporter::new();
    if let Some(t) = &s.tonight {
        reporter.line(&t.summary());
    }
    let built =
        build::build(s, &mut |name, secs| reporter.phase(name, secs)).map_err(|invalid| {
            reporter.finish();
            eprintln!("{}", invalid.0);
            exit::bad_input(anyhow::anyhow!(
                "{} cannot be planned",
                args.scenario.display()
            ))
        })?;
    for w in built.warnings.items() {
        reporter.line(&w.to_string());
    }
    let mut options = run::RunOptions {
        seed: args.seed,
        time_limit_s: args.time_limit,
        iterations: args.iterations,
        threads: args.threads,
        ..run::RunOptions::default()
    };
    options.threads = Some(super::capped_threads(
        run::threads(s, &options),
        if args.threads.is_some() {
            "--threads"
        } else {
            "[solver] threads"
        },
    ));
    let started = Instant::now();
    let result = run::run(s, &built, &options, &mut |p| reporter.progress(p));
    reporter.finish();
    let result = result?;
    eprintln!(
        "solve: {:.2} s, {} iterations",
        started.elapsed().as_secs_f64(),
        result.iterations
    );
    let writing = Instant::now();
    write_plan_dir(&args.out, &result.document)?;
    eprintln!("write: {:.2} s", writing.elapsed().as_secs_f64());
    let sum = &result.document.meta.summary;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}: {} of {} sites served by {} of {} vehicles in {} trips; {:.1} km, {:.1} h, {:.1} kg CO2, cost {:.2} {}",
        s.name,
        sum.sites_served,
        sum.sites_total,
        sum.vehicles_used,
        sum.vehicles_available,
        sum.trips,
        sum.distance_m as f64 / 1000.0,
        sum.duration_s as f64 / 3600.0,
        sum.co2_kg,
        scenario::units::to_money(wasteroute::units::Cost(sum.cost)),
        s.currency
    )?;
    const SHOWN: usize = 10;
    for u in result.document.unassigned.iter().take(SHOWN) {
        writeln!(out, "unassigned {} ({}): {}", u.id, u.reason, u.explanation)?;
    }
    if result.document.unassigned.len() > SHOWN {
        writeln!(
            out,
            "… and {} more unassigned (see plan.json)",
            result.document.unassigned.len() - SHOWN
        )?;
    }
    writeln!(out, "wrote {}", args.out.display())?;
    // Optional sites left out by choice do not make a plan incomplete.
    Ok(if result.document.serves_every_required_site() {
        Outcome::Done
    } else {
        Outcome::PlanWithUnassigned
    })
}
