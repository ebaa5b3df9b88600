//! `check-week`: re-verifies a written week.
//!
//! - Every day's `plan.json` is re-verified by the independent checker
//!   ([`crate::checker::check`]) on that day's problem, cut from one full build as
//!   `plan-week` cuts it (so facility intake limits are checked per day).
//! - Every site's days, as the day plans actually have it (served, or listed unassigned),
//!   must be one pattern its frequency allows over the horizon
//!   ([`super::patterns::site_options`]): a site moved to another day, dropped from a due
//!   day or added to a day it is not due is reported.
//! - A site left unassigned on one of its days is listed with its reason (a note, as
//!   `check` reports unassigned sites: the plan still holds the rules).
//!
//! The demand each day's problem gives a site is computed from the days the plans give it,
//! as `plan-week` computed it from its pattern. Only `week.json`'s dates are read from it.
//! Violations are named in ids and units as `check` names them
//! ([`ViolationNames`]).

use super::setup::WeekSetup;
use super::week_json::{WEEK_JSON, WeekJson};
use super::{WeekError, week_csv::pattern_text};
use crate::checker;
use crate::monitoring::VisitPattern;
use crate::output::{PLAN_JSON, StopKind, input_to_solution, read_plan_input_file};
use crate::planner::night::document::ScenarioIds;
use crate::planner::violation_names::ViolationNames;
use crate::scenario::Scenario;
use crate::scenario::build::PhaseLog;
use std::path::Path;
use thiserror::Error;

/// What `check-week` found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WeekCheck {
    /// Per day: its date and the checker's violations, each in a sentence.
    pub days: Vec<(String, Vec<String>)>,
    /// Sites whose days do not match their frequency.
    pub pattern_problems: Vec<String>,
    /// Sites left unassigned on one of their days, with the reason.
    pub unassigned: Vec<String>,
    /// Routes, km over the week (as recomputed).
    pub routes: usize,
    /// Kilometres over the week, recomputed.
    pub km: f64,
}

impl WeekCheck {
    /// True when every day holds the rules and every site's days match its frequency.
    pub fn is_valid(&self) -> bool {
        self.pattern_problems.is_empty() && self.days.iter().all(|(_, v)| v.is_empty())
    }
}

/// Why a week could not be checked.
#[derive(Debug, Error)]
pub enum CheckWeekError {
    /// A file of the week cannot be read, or names what the scenario does not have.
    #[error("{0}")]
    Read(String),
    /// The scenario cannot be prepared for the week.
    #[error(transparent)]
    Week(#[from] WeekError),
}

impl CheckWeekError {
    /// True when the input is at fault (exit code 2).
    pub fn is_bad_input(&self) -> bool {
        match self {
            CheckWeekError::Read(_) => true,
            CheckWeekError::Week(w) => w.is_bad_input(),
        }
    }
}

/// Checks the week written in `dir` against `s` (loaded with
/// [`crate::scenario::TonightMode::Leave`]).
///
/// # Errors
/// [`CheckWeekError`] when the week cannot be read or the scenario cannot be built.
pub fn check_week(
    s: &Scenario,
    dir: &Path,
    log: PhaseLog<'_>,
) -> Result<WeekCheck, CheckWeekError> {
    let path = dir.join(WEEK_JSON);
    let text = std::fs::read(&path)
        .map_err(|e| CheckWeekError::Read(format!("cannot read {}: {e}", path.display())))?;
    let week: WeekJson = serde_json::from_slice(&text)
        .map_err(|e| CheckWeekError::Read(format!("{}: {e}", path.display())))?;
    let h = week
        .horizon()
        .map_err(|e| CheckWeekError::Read(format!("{}: {e}", path.display())))?;
    if h.first != s.date {
        return Err(CheckWeekError::Read(format!(
            "{} starts on {}, but the scenario's date is {}: check the week against the scenario it was planned from",
            path.display(),
            h.label(0),
            s.date
        )));
    }
    let mut setup = WeekSetup::new(s, h.days, log)?;
    let ids = ScenarioIds::new(&setup.full, &setup.built.jobs);
    // Per day, its plan; per site, the days the plans give it.
    let mut plans = Vec::with_capacity(h.days as usize);
    let mut masks = vec![0u64; s.sites.len()];
    for d in 0..h.days {
        let plan_path = dir.join(h.label(d)).join(PLAN_JSON);
        let doc =
            read_plan_input_file(&plan_path).map_err(|e| CheckWeekError::Read(e.to_string()))?;
        let named = doc
            .routes
            .iter()
            .flat_map(|r| &r.trips)
            .flat_map(|t| &t.stops)
            .filter(|st| st.kind == StopKind::Site)
            .map(|st| st.id.as_str())
            .chain(doc.unassigned.iter().map(|u| u.id.as_str()));
        for id in named {
            let job = ids.jobs.by_id.get(id).ok_or_else(|| {
                CheckWeekError::Read(format!(
                    "{}: site `{id}` is not in the scenario",
                    plan_path.display()
                ))
            })?;
            masks[setup.built.jobs[job.index()].site] |= 1 << d;
        }
        plans.push((plan_path, doc));
    }
    let mut out = WeekCheck::default();
    for (i, site) in s.sites.iter().enumerate() {
        let days = VisitPattern(masks[i]);
        let allowed = &setup.options[i].patterns;
        if !allowed.contains(&days) {
            let shown: Vec<String> = allowed.iter().take(4).map(|p| pattern_text(*p)).collect();
            let dates: Vec<String> = days.days().map(|d| h.label(d)).collect();
            out.pattern_problems.push(format!(
                "site {}: its days in the plans ({}) are not a pattern `{}` allows over {} days (days numbered from 1: {}{})",
                site.id,
                if dates.is_empty() { "none".to_string() } else { dates.join(", ") },
                site.frequency,
                h.days,
                shown.iter().map(|p| if p.is_empty() { "none".to_string() } else { p.clone() }).collect::<Vec<_>>().join(" or "),
                if allowed.len() > shown.len() { " or …" } else { "" }
            ));
        }
    }
    for (d, (plan_path, doc)) in plans.iter().enumerate() {
        let d = d as u32;
        let due: Vec<(usize, VisitPattern)> = masks
            .iter()
            .enumerate()
            .filter(|(_, m)| *m & (1 << d) != 0)
            .map(|(i, m)| (i, VisitPattern(*m)))
            .collect();
        let (problem, jobs) = setup.day_problem(&due, d).map_err(|e| WeekError::Day {
            day: h.label(d),
            message: e,
        })?;
        let ((mapped, day_jobs, names), problem) =
            setup.with_day(problem, &jobs, h.date(d), |day, built| {
                let ids = ScenarioIds::new(day, &built.jobs);
                (
                    input_to_solution(doc, &ids, &built.problem),
                    built.jobs.clone(),
                    ViolationNames::new(day, doc, &ids),
                )
            });
        let solution = mapped.map_err(|errors| {
            CheckWeekError::Read(format!(
                "{}: {}",
                plan_path.display(),
                errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")
            ))
        })?;
        let report = checker::check(&problem, &solution);
        out.routes += report.vehicles;
        out.km += report.distance.get() as f64 / 1000.0;
        for u in &solution.unassigned {
            let job = day_jobs[u.site.index()];
            out.unassigned.push(format!(
                "{}: site {} left unassigned ({})",
                h.label(d),
                crate::scenario::job_ids::job_id(&setup.full, job),
                u.reason.code()
            ));
        }
        out.days.push((
            h.label(d),
            report
                .violations
                .iter()
                .map(|v| names.describe(v))
                .collect(),
        ));
    }
    Ok(out)
}
