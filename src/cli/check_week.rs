//! `wasteroute check-week SCENARIO DIR`: re-verifies a week written by `plan-week` (see
//! [`wasteroute::planner::week::check`]).
//!
//! Exit 0: every day holds the rules and every site's days match its frequency; 1: some
//! do not (each listed on stdout); 2: the scenario or the week cannot be read.

use super::exit::{self, Outcome};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use wasteroute::planner::week::check::check_week;
use wasteroute::scenario::TonightMode;

/// Re-verifies a week folder against its scenario. Exit 0: valid; 1: violations; 2: bad input.
#[derive(Debug, Args)]
pub struct CheckWeekArgs {
    /// The scenario TOML file the week was planned from.
    pub scenario: PathBuf,
    /// The week's folder (with week.json and one folder per date).
    pub dir: PathBuf,
}

/// Runs the command.
pub fn run(args: &CheckWeekArgs) -> anyhow::Result<Outcome> {
    let loaded = super::load_scenario(&args.scenario, TonightMode::Leave, false)?;
    let s = &loaded.scenario;
    let report = check_week(s, &args.dir, &mut |_, _| {}).map_err(|e| {
        if e.is_bad_input() {
            exit::bad_input(e)
        } else {
            anyhow::Error::new(e)
        }
    })?;
    let mut out = std::io::stdout().lock();
    let mut count = 0;
    for (date, violations) in &report.days {
        for v in violations {
            writeln!(out, "{date}: {v}")?;
            count += 1;
        }
    }
    for p in &report.pattern_problems {
        writeln!(out, "{p}")?;
        count += 1;
    }
    for u in &report.unassigned {
        writeln!(out, "note: {u}")?;
    }
    if report.is_valid() {
        writeln!(
            out,
            "{}: valid: {} days, {} route(s), {:.1} km, {} unassigned stop-day(s); every site's days match its frequency",
            args.dir.display(),
            report.days.len(),
            report.routes,
            report.km,
            report.unassigned.len()
        )?;
        Ok(Outcome::Done)
    } else {
        writeln!(out, "{}: {count} violation(s)", args.dir.display())?;
        Ok(Outcome::Violations)
    }
}
