//! The scenario prepared for a week: what every site may get, the full problem built once,
//! and how a day's problem is cut from it. Shared by planning ([`super::run`]) and checking
//! ([`super::check`]).

use super::assign::{self, AssignInput, AssignSite};
use super::patterns::{SiteOptions, site_options};
use super::{Horizon, WeekError, demands};
use crate::monitoring::VisitPattern;
use crate::planner::simulate::containers::{self, ContainerSpec};
use crate::problem::{Problem, Site, SiteIdx};
use crate::scenario::build::{self, Built, Job};
use crate::scenario::{Scenario, units};
use crate::solution::UnassignedReason;
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
    /// keeps its roads and network: [`crate::planner::night::run`] and the documents need them, and they are
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
