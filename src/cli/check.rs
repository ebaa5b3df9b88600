//! `wasteroute check SCENARIO PLAN.json`: re-verifies a plan — also one a planner edited
//! by hand — with the independent checker, and lists every rule it breaks.
//!
//! Exit 0: the plan holds every rule; 1: it breaks some (each listed on stdout); 2: the
//! scenario or the plan cannot be read, or the plan names ids the scenario does not have.
//! Only what defines the plan is read from `plan.json` ([`PlanInput`]: vehicle type and
//! number of each route, kind and id of each stop, unassigned ids and reasons); its
//! times, loads and totals are recomputed from the scenario.

use super::exit::{self, Outcome};
use anyhow::anyhow;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use wasteroute::checker;
use wasteroute::output::{PlanInput, input_to_solution, read_plan_input_file};
use wasteroute::planner::night::{self, document::ScenarioIds, money};
use wasteroute::planner::violation_names::ViolationNames;
use wasteroute::scenario::{self, build};

/// Re-verifies a plan.json against its scenario. Exit 0: feasible; 1: violations; 2: bad input.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The scenario TOML file the plan was made for.
    pub scenario: PathBuf,
    /// The plan to check (a `plan.json` written by `wasteroute plan`, possibly edited).
    pub plan: PathBuf,
}

/// Runs the command.
pub fn run(args: &CheckArgs) -> anyhow::Result<Outcome> {
    let loaded = super::load_scenario(&args.scenario, scenario::TonightMode::Decide, false)?;
    let s = &loaded.scenario;
    let built = build::build(s, &mut |_, _| {}).map_err(|invalid| {
        eprintln!("{}", invalid.0);
        exit::bad_input(anyhow!("{} cannot be built", args.scenario.display()))
    })?;
    let doc = read_plan_input_file(&args.plan).map_err(exit::bad_input)?;
    let meta = doc.meta.clone().unwrap_or_default();
    if let Some(fingerprint) = &meta.scenario_fingerprint
        && *fingerprint != s.fingerprint
    {
        eprintln!(
            "note: {} was made from other inputs (fingerprint {}, the scenario's is {}); checking it against the scenario as it is now",
            args.plan.display(),
            fingerprint,
            s.fingerprint
        );
    }
    let ids = ScenarioIds::new(s, &built.jobs);
    let solution = input_to_solution(&doc, &ids, &built.problem).map_err(|errors| {
        for e in &errors {
            eprintln!("{}: {e}", args.plan.display());
        }
        exit::bad_input(anyhow!(
            "{} names {} thing(s) the scenario does not have; fix them and check again",
            args.plan.display(),
            errors.len()
        ))
    })?;

    let report = checker::check(&built.problem, &solution);
    let names = ViolationNames::new(s, &doc, &ids);
    let written_cost = meta.summary.and_then(|m| m.cost);
    let mut out = std::io::stdout().lock();
    for v in &report.violations {
        writeln!(out, "{}", names.describe(v))?;
    }
    // The recomputed figures replace the written ones, but a written figure below zero
    // means whatever wrote the file overflowed its arithmetic: that plan is not to be
    // trusted even when its stops are feasible.
    let mut problems = negative_written_totals(&doc);
    for n in &problems {
        writeln!(
            out,
            "{}: {n} is negative: the arithmetic that wrote it overflowed",
            args.plan.display()
        )?;
    }
    // Tonight's decisions, when written, must be the scenario's own, prizes included.
    for line in night::decisions::check_written(&doc.decisions, s, &built) {
        writeln!(out, "{}: {line}", args.plan.display())?;
        problems.push(line);
    }
    // Only an optional site (one with a prize tonight) may be left out by choice; a
    // must-site left out needs a real reason.
    for u in &solution.unassigned {
        if u.reason.is_choice() && !built.problem.site(u.site).is_optional() {
            let line = format!(
                "site {}: left out as `{}`, but it must be served tonight (it has no prize); serve it or give the reason it cannot be",
                names.site(u.site),
                u.reason.code()
            );
            writeln!(out, "{line}")?;
            problems.push(line);
        }
    }
    if let Some(written) = written_cost
        && report.is_feasible()
        && report.cost.get() != written
    {
        // Expected after a hand edit (the file's totals are not updated by hand); on an
        // unedited plan it would mean the writer and the checker disagree.
        eprintln!(
            "note: the recomputed cost {:.2} {} differs from the {:.2} written in {}; its times and totals are stale",
            money(report.cost),
            s.currency,
            money(wasteroute::units::Cost(written)),
            args.plan.display()
        );
    }
    if report.is_feasible() && problems.is_empty() {
        writeln!(
            out,
            "{}: feasible: {} route(s), {} unassigned site(s), {:.1} km, cost {:.2} {}",
            args.plan.display(),
            report.vehicles,
            report.unassigned,
            report.distance.get() as f64 / 1000.0,
            money(report.cost),
            s.currency
        )?;
        Ok(Outcome::Done)
    } else {
        writeln!(
            out,
            "{}: {} violation(s)",
            args.plan.display(),
            report.violations.len() + problems.len()
        )?;
        Ok(Outcome::Violations)
    }
}

/// The integer figures written in `doc`'s summary and route totals that are below zero,
/// named by where they are.
fn negative_written_totals(doc: &PlanInput) -> Vec<String> {
    let mut found = Vec::new();
    let mut note = |name: String, v: &serde_json::Value| {
        if let Some(n) = v.as_i64()
            && n < 0
        {
            found.push(format!("{name} ({n})"));
        }
    };
    if let Some(summary) = doc.meta.as_ref().and_then(|m| m.summary.as_ref()) {
        if let Some(cost) = summary.cost {
            note("summary.cost".into(), &cost.into());
        }
        for (field, v) in &summary.figures {
            match v {
                serde_json::Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        note(format!("summary.{field}[{i}]"), item);
                    }
                }
                v => note(format!("summary.{field}"), v),
            }
        }
    }
    for (r, route) in doc.routes.iter().enumerate() {
        for (field, v) in &route.totals {
            note(
                format!("routes[{r}] ({}) totals.{field}", route.vehicle_id()),
                v,
            );
        }
    }
    found
}
