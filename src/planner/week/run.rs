//! Planning the week: patterns, assignment, then every day cut from one full build and
//! routed with the existing night run ([`crate::planner::night::run`]).

use super::assign::{self, DayLoads};
use super::setup::WeekSetup;
use super::{Horizon, WeekError};
use crate::monitoring::VisitPattern;
use crate::output::PlanDocument;
use crate::planner::night::{self as run, RunOptions};
use crate::problem::{Problem, SiteIdx};
use crate::scenario::build::Job;
use crate::scenario::units;
use crate::solution::{Solution, Visit};
use crate::solver::Progress;

/// How the week's days are routed.
#[derive(Clone, Debug, Default)]
pub struct WeekOptions {
    /// Solver options of every day (its seed is the week's; each day derives its own).
    pub run: RunOptions,
}

/// One site's week.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteWeek {
    /// Its days.
    pub pattern: VisitPattern,
    /// Per day: kg collected (`None` when not due or not served).
    pub kg: Vec<Option<f64>>,
    /// Per day: the reason it was left unassigned on a due day.
    pub unassigned: Vec<Option<String>>,
}

/// One routed day.
#[derive(Clone, Debug)]
pub struct DayPlan {
    /// The plan of the day, as `plan` documents a night.
    pub document: PlanDocument,
    /// Trucks used.
    pub trucks: u32,
    /// Kilometres driven.
    pub km: f64,
    /// Tonnes collected.
    pub tonnes: f64,
    /// Driver hours (route durations).
    pub hours: f64,
    /// Sites due.
    pub sites_due: u32,
    /// Required stops left unassigned.
    pub required_unassigned: u32,
    /// Solver iterations.
    pub iterations: u64,
}

/// What the assignment achieved (construction → local search).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct AssignStats {
    /// Measure of the construction.
    pub construction_score: f64,
    /// Measure after the local search.
    pub score: f64,
    /// Mean neighbour disagreement, construction.
    pub construction_disagreement: f64,
    /// Mean neighbour disagreement after the search.
    pub disagreement: f64,
    /// Most estimated day hours over fewest, construction.
    pub construction_max_over_min: f64,
    /// Most estimated day hours over fewest, after the search.
    pub max_over_min: f64,
}

/// A planned week.
#[derive(Clone, Debug)]
pub struct WeekPlan {
    /// The horizon.
    pub horizon: Horizon,
    /// The seed used.
    pub seed: u64,
    /// The iteration budget per day, if any.
    pub iterations: Option<u64>,
    /// Per scenario site.
    pub sites: Vec<SiteWeek>,
    /// Per day.
    pub days: Vec<DayPlan>,
    /// The assignment's figures.
    pub assignment: AssignStats,
}

impl WeekPlan {
    /// True when every required stop of every day is served.
    pub fn serves_every_required_site(&self) -> bool {
        self.days.iter().all(|d| d.required_unassigned == 0)
    }
}

/// The seed of day `d` of a week planned with `seed`: mixed so that neighbouring seeds and
/// days do not share streams.
pub fn day_seed(seed: u64, d: u32) -> u64 {
    seed ^ (u64::from(d) + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Plans the week of `setup`: assigns the patterns, then routes every day in order.
/// `on_day` sees each day as it is done.
///
/// # Errors
/// [`WeekError::Day`] when a day's plan fails (a bug).
pub fn plan_week(
    setup: &mut WeekSetup,
    options: &WeekOptions,
    on_day: &mut dyn FnMut(u32, &DayPlan),
    on_progress: &mut dyn FnMut(&Progress),
) -> Result<WeekPlan, WeekError> {
    let seed = run::solver_config(&setup.scenario, &options.run).seed;
    let input = setup.assign_input();
    let adj = assign::neighbours(&input);
    let first = assign::construct(&input);
    let chosen = assign::improve(&input, &adj, first.clone(), seed);
    let assignment = AssignStats {
        construction_score: assign::score(&input, &adj, &first),
        score: assign::score(&input, &adj, &chosen),
        construction_disagreement: assign::neighbour_disagreement(&input, &adj, &first),
        disagreement: assign::neighbour_disagreement(&input, &adj, &chosen),
        construction_max_over_min: DayLoads::of(&input, &first).max_over_min_hours(),
        max_over_min: DayLoads::of(&input, &chosen).max_over_min_hours(),
    };
    let h = setup.horizon;
    let patterns: Vec<VisitPattern> = chosen
        .iter()
        .zip(&setup.options)
        .map(|(&c, o)| o.patterns[c])
        .collect();
    let mut sites: Vec<SiteWeek> = patterns
        .iter()
        .map(|&pattern| SiteWeek {
            pattern,
            kg: vec![None; h.days as usize],
            unassigned: vec![None; h.days as usize],
        })
        .collect();
    let mut days = Vec::with_capacity(h.days as usize);
    for d in 0..h.days {
        let due: Vec<(usize, VisitPattern)> = patterns
            .iter()
            .enumerate()
            .filter(|(_, p)| p.visits(d))
            .map(|(i, p)| (i, *p))
            .collect();
        let fail = |message: String| WeekError::Day {
            day: h.label(d),
            message,
        };
        let (problem, jobs) = setup.day_problem(&due, d).map_err(fail)?;
        let run_options = RunOptions {
            seed: Some(day_seed(seed, d)),
            ..options.run.clone()
        };
        let (result, problem) = setup.with_day(problem, &jobs, h.date(d), |s, built| {
            run::run(s, built, &run_options, on_progress)
        });
        let result = result.map_err(|e| fail(e.to_string()))?;
        record_day(
            &mut sites,
            &setup.built.jobs,
            &jobs,
            &problem,
            &result.solution,
            d,
        );
        let sum = &result.document.meta.summary;
        let plan = DayPlan {
            trucks: sum.vehicles_used,
            km: sum.distance_m as f64 / 1000.0,
            tonnes: kg_served(&problem, &result.solution) / 1000.0,
            hours: sum.duration_s as f64 / 3600.0,
            sites_due: due.len() as u32,
            required_unassigned: result
                .solution
                .unassigned
                .iter()
                .filter(|u| !problem.site(u.site).is_optional())
                .count() as u32,
            iterations: result.iterations,
            document: result.document,
        };
        on_day(d, &plan);
        days.push(plan);
    }
    Ok(WeekPlan {
        horizon: h,
        seed,
        iterations: options.run.iterations.or(setup.scenario.solver.iterations),
        sites,
        days,
        assignment,
    })
}

/// kg of the served stops of `solution`.
fn kg_served(problem: &Problem, solution: &Solution) -> f64 {
    solution
        .routes
        .iter()
        .flat_map(|r| &r.visits)
        .filter_map(|v| match v {
            Visit::Site(x) => Some(problem.site(*x).demand.0[units::DIM_KG].get() as f64),
            _ => None,
        })
        // From +0.0: an empty `sum` of floats is -0.0, printed "-0.00".
        .fold(0.0, |a, b| a + b)
}

/// Notes in `sites` what day `d` served (kg per site) and left out.
fn record_day(
    sites: &mut [SiteWeek],
    full_jobs: &[Job],
    jobs: &[SiteIdx],
    problem: &Problem,
    solution: &Solution,
    d: u32,
) {
    let d = d as usize;
    for v in solution.routes.iter().flat_map(|r| &r.visits) {
        if let Visit::Site(x) = v {
            let site = full_jobs[jobs[x.index()].index()].site;
            let kg = problem.site(*x).demand.0[units::DIM_KG].get() as f64;
            *sites[site].kg[d].get_or_insert(0.0) += kg;
        }
    }
    for u in &solution.unassigned {
        let site = full_jobs[jobs[u.site.index()].index()].site;
        sites[site].unassigned[d] = Some(u.reason.code().to_string());
    }
}
