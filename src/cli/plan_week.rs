//! `wasteroute plan-week SCENARIO --days 7 --out DIR`: a visit pattern per site, every
//! day routed, and the week written all or nothing (see [`wasteroute::planner::week`]).

use super::exit::{self, Outcome};
use super::plan::Reporter;
use super::values;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;
use wasteroute::planner::night as run;
use wasteroute::planner::week::run::{WeekOptions, plan_week};
use wasteroute::planner::week::setup::WeekSetup;
use wasteroute::planner::week::write::{render_week, write_week_dir};
use wasteroute::planner::week::{MAX_HORIZON_DAYS, WeekError};
use wasteroute::scenario::TonightMode;

/// Plans a week: DIR/<YYYY-MM-DD>/ (the four plan files) per day, DIR/week.csv,
/// DIR/week.json and DIR/week.html. Exit 0: every required site served every day; 1:
/// written, with unassigned sites; 2: bad input; 3: internal.
#[derive(Debug, Args)]
pub struct PlanWeekArgs {
    /// The scenario TOML file (its date is the first night).
    pub scenario: PathBuf,
    /// Nights to plan, 1 to 64.
    #[arg(long, default_value_t = 7, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_HORIZON_DAYS)))]
    pub days: u32,
    /// Folder to write the week into (created when missing).
    #[arg(long, default_value = "out-week")]
    pub out: PathBuf,
    /// Search time limit per day in seconds, above 0 (default: the scenario's `[solver]
    /// time_limit_s`).
    #[arg(long, value_parser = values::seconds, allow_hyphen_values = true)]
    pub time_limit: Option<f64>,
    /// Iteration budget per day (default: the scenario's `[solver] iterations`). With a
    /// budget the week is the same on every run, as long as no time limit is reached.
    #[arg(long, value_parser = values::iterations, allow_negative_numbers = true)]
    pub iterations: Option<u64>,
    /// Random seed of the assignment and, mixed with each day, of its solve (default: the
    /// scenario's `[solver] seed`).
    #[arg(long, value_parser = values::seed, allow_negative_numbers = true)]
    pub seed: Option<u64>,
    /// Worker threads of each day's solve; 0 = all cores. The result does not depend on it.
    #[arg(long, value_parser = values::threads, allow_negative_numbers = true)]
    pub threads: Option<usize>,
}

/// Runs the command.
pub fn run(args: &PlanWeekArgs) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    wasteroute::output::check_output_dir(&args.out).map_err(exit::bad_input)?;
    let loaded = super::load_scenario(&args.scenario, TonightMode::Leave, true)?;
    let s = &loaded.scenario;
    let reporter = Reporter::new();
    let week_error = |e: WeekError| {
        if e.is_bad_input() {
            exit::bad_input(e)
        } else {
            anyhow::Error::new(e)
        }
    };
    let mut setup = WeekSetup::new(s, args.days, &mut |name, secs| reporter.phase(name, secs))
        .map_err(|e| {
            reporter.finish();
            week_error(e)
        })?;
    for w in setup.built.warnings.items() {
        reporter.line(&w.to_string());
    }
    let mut options = WeekOptions {
        run: run::RunOptions {
            seed: args.seed,
            time_limit_s: args.time_limit,
            iterations: args.iterations,
            threads: args.threads,
            ..run::RunOptions::default()
        },
    };
    options.run.threads = Some(super::capped_threads(
        run::threads(s, &options.run),
        if args.threads.is_some() {
            "--threads"
        } else {
            "[solver] threads"
        },
    ));
    let week = {
        let mut on_day = |d: u32, p: &wasteroute::planner::week::run::DayPlan| {
            reporter.line(&format!(
                "day {}: {} sites due, {} trucks, {:.1} km, {:.2} t, {:.1} h, {} unassigned",
                d + 1,
                p.sites_due,
                p.trucks,
                p.km,
                p.tonnes,
                p.hours,
                p.required_unassigned
            ));
        };
        let mut progress = |_: &wasteroute::solver::Progress| {};
        plan_week(&mut setup, &options, &mut on_day, &mut progress)
    };
    reporter.finish();
    let week = week.map_err(week_error)?;
    let files = render_week(&setup.scenario, &week).map_err(week_error)?;
    write_week_dir(&args.out, &files)?;
    let mut out = std::io::stdout().lock();
    let a = &week.assignment;
    writeln!(
        out,
        "{}: {} sites over {} days; assignment: neighbour disagreement {:.3} → {:.3}, max/min day hours {:.3} → {:.3}",
        s.name,
        s.sites.len(),
        week.horizon.days,
        a.construction_disagreement,
        a.disagreement,
        a.construction_max_over_min,
        a.max_over_min
    )?;
    writeln!(
        out,
        "date        due trucks       km  tonnes  hours unassigned"
    )?;
    for (d, p) in week.days.iter().enumerate() {
        writeln!(
            out,
            "{} {:>4} {:>6} {:>8.1} {:>7.2} {:>6.1} {:>10}",
            week.horizon.label(d as u32),
            p.sites_due,
            p.trucks,
            p.km,
            p.tonnes,
            p.hours,
            p.required_unassigned
        )?;
    }
    let sum = |f: fn(&wasteroute::planner::week::run::DayPlan) -> f64| -> f64 {
        week.days.iter().map(f).sum()
    };
    writeln!(
        out,
        "week: {:.1} km, {:.2} t, {:.1} driver hours, {} truck-days; {:.1} s",
        sum(|p| p.km),
        sum(|p| p.tonnes),
        sum(|p| p.hours),
        week.days.iter().map(|p| p.trucks).sum::<u32>(),
        started.elapsed().as_secs_f64()
    )?;
    writeln!(out, "wrote {}", args.out.display())?;
    Ok(if week.serves_every_required_site() {
        Outcome::Done
    } else {
        Outcome::PlanWithUnassigned
    })
}
