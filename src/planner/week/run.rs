//! Planning the week: patterns, assignment, then every day cut from one full build and
//! routed with the existing night run ([`crate::planner::night::run`]).

use super::assign::{self, AssignInput, AssignSite, DayLoads};
use super::patterns::{SiteOptions, site_options};
use super::{Horizon, WeekError, demands};
use crate::monitoring::VisitPattern;
use crate::output::PlanDocument;
use crate::planner::night::{self as run, RunOptions};
use crate::planner::simulate::containers::{self, ContainerSpec};
use crate::problem::{Problem, Site, SiteIdx};
use crate::scenario::build::{self, Built, Job};
use crate::scenario::{Scenario, units};
use crate::solution::{Solution, UnassignedReason, Visit};
use crate::solver::Progress;
use crate::units::Duration;
use std::collections::BTreeMap;

/// The scenario prepared for a week: what every site may get, and the full problem every
/// day is cut from. Shared by planning and checking.
#[derive(Debug)]
pub struct WeekSetup {
    /// The horizon.
    pub horizon: Horizon,
    /// The scenario as loaded (its monitoring data gives the demands).
    pub scenario: Scenario,
    /// The scenario with every container a plain stream: the one built, and the one the
    /// day documents name sites by.
    pub full: Scenario,
    /// Every container, by site then stream.
    pub specs: Vec<ContainerSpec>,
    /// What each site may get, in site order.
    pub options: Vec<SiteOptions>,
    /// The full build.
    pub built: Built,
    /// Per site, its problem sites (jobs) in the full build.
    pub jobs_of_site: Vec<Vec<SiteIdx>>,
    /// Per job of the full build, its container in [`WeekSetup::specs`].
    pub spec_of_job: Vec<usize>,
}

impl WeekSetup {
    /// Prepares `s` (loaded with [`crate::scenario::TonightMode::Leave`]) for `days` nights
    /// from its date; `log` sees the build's phases.
    ///
    /// # Errors
    /// [`WeekError`]: a bad horizon, a frequency that cannot fit, a scenario that cannot be
    /// built.
    pub fn new(s: &Scenario, days: u32, log: build::PhaseLog<'_>) -> Result<WeekSetup, WeekError> {
        let horizon = Horizon::new(s.date, days)?;
        let specs = containers::containers(s);
        let options = site_options(s, &specs, &horizon)?;
        let full = containers::full_scenario(s, &specs);
        let built = build::build(&full, log).map_err(|e| WeekError::Build(e.0))?;
        let spec_by_key: BTreeMap<(usize, u8), usize> = specs
            .iter()
            .enumerate()
            .map(|(k, c)| ((c.site, c.stream.0), k))
            .collect();
        let mut jobs_of_site = vec![Vec::new(); s.sites.len()];
        let mut spec_of_job = Vec::with_capacity(built.jobs.len());
        for (i, j) in built.jobs.iter().enumerate() {
            jobs_of_site[j.site].push(SiteIdx::new(i));
            spec_of_job.push(spec_by_key[&(j.site, j.stream.0)]);
        }
        Ok(WeekSetup {
            horizon,
            scenario: s.clone(),
            full,
            specs,
            options,
            built,
            jobs_of_site,
            spec_of_job,
        })
    }

    /// What the visit of night `d` collects at job `job` of a site whose days are `pattern`.
    pub fn demand(&self, job: SiteIdx, pattern: VisitPattern, d: u32) -> crate::problem::Loads {
        let spec = &self.specs[self.spec_of_job[job.index()]];
        demands::visit_demand(
            &self.scenario,
            spec,
            pattern,
            d,
            &self.horizon,
            self.options[spec.site].last_night,
        )
    }

    /// Night `d`'s problem: the jobs of `sites` (each with its days), with their demands.
    /// Returns the problem and, per problem site, its job in the full build.
    ///
    /// # Errors
    /// A message when the cut problem is invalid (a bug).
    pub fn day_problem(
        &self,
        sites: &[(usize, VisitPattern)],
        d: u32,
    ) -> Result<(Problem, Vec<SiteIdx>), String> {
        let full = &self.built.problem;
        let mut cut_sites: Vec<Site> = Vec::new();
        let mut jobs = Vec::new();
        for &(site, pattern) in sites {
            for &job in &self.jobs_of_site[site] {
                let mut x = full.site(job).clone();
                x.demand = self.demand(job, pattern, d);
                cut_sites.push(x);
                jobs.push(job);
            }
        }
        let problem = build::cut(full, cut_sites).map_err(|e| e.to_string())?;
        Ok((problem, jobs))
    }

    /// Runs `f` on the full build with its problem, jobs and known unassigned replaced by
    /// those of a day (`jobs`: the day's problem sites' jobs in the full build). The build
    /// keeps its roads and network: [`run::run`] and the documents need them, and they are
    /// the same every day. Returns `f`'s result and the day's problem.
    pub fn with_day<T>(
        &mut self,
        problem: Problem,
        jobs: &[SiteIdx],
        date: chrono::NaiveDate,
        f: impl FnOnce(&Scenario, &Built) -> T,
    ) -> (T, Problem) {
        let day_jobs: Vec<Job> = jobs.iter().map(|j| self.built.jobs[j.index()]).collect();
        let known: BTreeMap<SiteIdx, UnassignedReason> = jobs
            .iter()
            .enumerate()
            .filter_map(|(i, j)| {
                self.built
                    .known_unassigned
                    .get(j)
                    .map(|r| (SiteIdx::new(i), *r))
            })
            .collect();
        let full_problem = std::mem::replace(&mut self.built.problem, problem);
        let full_jobs = std::mem::replace(&mut self.built.jobs, day_jobs);
        let full_known = std::mem::replace(&mut self.built.known_unassigned, known);
        let mut day = self.full.clone();
        day.date = date;
        let out = f(&day, &self.built);
        let problem = std::mem::replace(&mut self.built.problem, full_problem);
        self.built.jobs = full_jobs;
        self.built.known_unassigned = full_known;
        (out, problem)
    }

    /// The assignment's view of the sites: coordinates, patterns, work and kg per visit.
    pub fn assign_input(&self) -> AssignInput {
        let p = &self.built.problem;
        let coord_of = |site: usize| {
            self.jobs_of_site[site]
                .first()
                .map_or(self.built.coords[0], |j| {
                    self.built.coords[p.site(*j).location.index()]
                })
        };
        let mut input = AssignInput {
            days: self.horizon.days,
            depot: self.built.coords[0],
            sites: Vec::with_capacity(self.options.len()),
        };
        for (i, o) in self.options.iter().enumerate() {
            let service: i64 = self.jobs_of_site[i]
                .iter()
                .map(|j| p.site(*j).service_time.get())
                .sum();
            let kg = o
                .patterns
                .iter()
                .map(|&pat| {
                    pat.days()
                        .map(|d| {
                            let kg: i64 = self.jobs_of_site[i]
                                .iter()
                                .map(|&j| self.demand(j, pat, d).0[units::DIM_KG].get())
                                .sum();
                            (d, kg as f64)
                        })
                        .collect()
                })
                .collect();
            input.sites.push(AssignSite {
                coord: coord_of(i),
                patterns: o.patterns.clone(),
                work_s: service as f64,
                kg,
            });
        }
        // The driving a visit adds: about the travel time to its nearest neighbour.
        let adj = assign::neighbours(&input);
        let time = &p.profiles()[0].time;
        for (i, nbs) in adj.iter().enumerate() {
            let (Some(a), true) = (self.jobs_of_site[i].first(), !nbs.is_empty()) else {
                continue;
            };
            let from = p.site(*a).location;
            let nearest = nbs
                .iter()
                .filter_map(|&j| self.jobs_of_site[j as usize].first())
                .map(|b| time.get(from, p.site(*b).location))
                .filter(|t| *t < Duration::INFINITE)
                .min();
            if let Some(t) = nearest {
                input.sites[i].work_s += t.get() as f64;
            }
        }
        input
    }
}

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
