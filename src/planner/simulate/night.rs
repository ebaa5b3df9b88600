//! One simulated night: the policy chooses the containers, the solver routes them on the
//! problem cut from the full build, and the timed plan says when each is emptied.

use super::containers::ContainerSpec;
use super::{City, Options, Policy};
use crate::monitoring::Frequency;
use crate::monitoring::decision::Verdict;
use crate::monitoring::instant::night_of;
use crate::plan::{StopRef, timed_plan};
use crate::problem::Loads;
use crate::problem::{Site, SiteIdx};
use crate::scenario::build::Built;
use crate::scenario::site_monitoring::{SiteMonitoring, StreamContainer};
use crate::scenario::{Scenario, prize, tonight};
use crate::solver::{self, SolverConfig};
use crate::units::Cost;
use chrono::{DateTime, FixedOffset};
use std::collections::BTreeMap;
use std::time::Duration as WallTime;

/// What a night's plan does.
#[derive(Clone, Debug, Default)]
pub struct NightPlan {
    /// Containers chosen as must.
    pub must: u32,
    /// Containers offered as optional.
    pub optional: u32,
    /// Must containers left unserved.
    pub must_unserved: u32,
    /// Kilometres.
    pub km: f64,
    /// Trucks used.
    pub trucks: u32,
    /// Driver hours.
    pub driver_hours: f64,
    /// Solver iterations.
    pub iterations: u64,
    /// When each emptied container (by position) is emptied.
    pub emptyings: Vec<(DateTime<FixedOffset>, usize)>,
}

/// Cuts nights out of the full build.
pub struct Planner<'a> {
    built: &'a Built,
    /// Container → problem site of the full build.
    job_of: Vec<SiteIdx>,
    /// Visit value of every problem site of the full build (for prizes).
    visit_value: Vec<Cost>,
}

impl<'a> Planner<'a> {
    /// A planner over `built`, the build of the full scenario (every container a job).
    pub fn new(built: &'a Built, specs: &[ContainerSpec]) -> Planner<'a> {
        let by_job: BTreeMap<(usize, u8), SiteIdx> = built
            .jobs
            .iter()
            .enumerate()
            .map(|(i, j)| ((j.site, j.stream.0), SiteIdx::new(i)))
            .collect();
        let job_of = specs
            .iter()
            .map(|c| by_job[&(c.site, c.stream.0)])
            .collect();
        let p = &built.problem;
        let locations: Vec<_> = p.sites().iter().map(|x| x.location).collect();
        let visit_value = p
            .sites()
            .iter()
            .map(|x| {
                let allowed = prize::allowed_with_matrices(x, p.vehicle_types(), p.profiles());
                prize::visit_value(x.location, x.service_time, &locations, &allowed)
            })
            .collect();
        Planner {
            built,
            job_of,
            visit_value,
        }
    }

    /// Plans night `n` (`scenario` dated to it).
    pub(super) fn plan_night(
        &self,
        scenario: &Scenario,
        city: &City,
        options: &Options,
        n: u32,
    ) -> Result<NightPlan, String> {
        let chosen = match options.policy {
            Policy::Fixed => fixed(scenario, city),
            Policy::Sensor => sensor(scenario, city),
        };
        let full = &self.built.problem;
        let mut sites: Vec<Site> = Vec::with_capacity(chosen.len());
        let mut out = NightPlan::default();
        for c in &chosen {
            let mut site = full.site(self.job_of[c.container]).clone();
            site.demand = c.demand;
            site.prize = c.prize_scale.map(|scale| {
                prize::prize(self.visit_value[self.job_of[c.container].index()], scale)
            });
            match c.verdict {
                Verdict::Must => out.must += 1,
                _ => out.optional += 1,
            }
            sites.push(site);
        }
        if sites.is_empty() {
            return Ok(out);
        }
        let problem = crate::scenario::build::cut(full, sites).map_err(|e| e.to_string())?;
        let config = SolverConfig {
            seed: options.seed.wrapping_add(u64::from(n)),
            time_limit: Some(WallTime::from_secs_f64(options.time_limit_s)),
            max_iterations: Some(options.iterations),
            threads: options.threads,
            warm_start: None,
            stability_weight: Cost(0),
            local_search: true,
        };
        let result = solver::solve(&problem, &config, &mut |_| {});
        out.iterations = result.iterations;
        let timed = timed_plan(&problem, &result.solution).map_err(|e| e.to_string())?;
        for u in &result.solution.unassigned {
            if chosen[u.site.index()].verdict == Verdict::Must {
                out.must_unserved += 1;
            }
        }
        for r in &timed.routes {
            out.trucks += 1;
            out.km += r.totals.distance.get() as f64 / 1000.0;
            out.driver_hours += r.totals.duration.get() as f64 / 3600.0;
            for stop in &r.stops {
                if let StopRef::Site(x) = stop.what {
                    out.emptyings.push((
                        tonight::instant(scenario, stop.start),
                        chosen[x.index()].container,
                    ));
                }
            }
        }
        Ok(out)
    }
}

/// A container chosen tonight.
struct Chosen {
    container: usize,
    verdict: Verdict,
    demand: Loads,
    /// `Some` for optional containers.
    prize_scale: Option<f64>,
}

/// Every container due by its frequency, with what its known rate says it holds at the
/// end of the night (capped at 150 %; full when its last emptying is unknown).
fn fixed(s: &Scenario, city: &City) -> Vec<Chosen> {
    let end = tonight::instant(s, latest_shift_end(s));
    city.specs
        .iter()
        .enumerate()
        .filter(|(k, c)| {
            c.fixed_frequency()
                .is_due(s.date, city.last_emptied[*k].map(night_of))
        })
        .map(|(k, c)| {
            let pct = city.last_emptied[k].map_or(100.0, |t| {
                (end - t).num_seconds() as f64 / 86_400.0 * c.known_pct_per_day
            });
            let pct = pct.clamp(0.0, super::MOST_COLLECTED_PCT);
            Chosen {
                container: k,
                verdict: Verdict::Must,
                demand: crate::scenario::sites::loads(c.kg(pct), c.volume_m3 * pct / 100.0),
                prize_scale: None,
            }
        })
        .collect()
}

/// Tonight's decision of [`tonight::decide`] on the readings so far: every container is
/// monitored and `on demand` (its frequency no longer forces a visit), its known rate its
/// static estimate, its `max_days` kept.
fn sensor(s: &Scenario, city: &City) -> Vec<Chosen> {
    let mut monitored = s.clone();
    for site in &mut monitored.sites {
        site.monitoring = None;
    }
    for (k, c) in city.specs.iter().enumerate() {
        let site = &mut monitored.sites[c.site];
        let m = site.monitoring.get_or_insert_with(|| SiteMonitoring {
            frequency: Frequency::OnDemand,
            overflow_pct: c.overflow_pct,
            last_emptied: None,
            max_days: c.max_days,
            containers: Vec::new(),
        });
        m.last_emptied = m.last_emptied.max(city.last_emptied[k]);
        m.containers.push(StreamContainer {
            stream: c.stream,
            volume_m3: c.volume_m3,
            estimate: Some(crate::monitoring::StaticEstimate {
                kg_per_day: 0.0,
                m3_per_day: c.known_pct_per_day / 100.0 * c.volume_m3,
            }),
        });
    }
    let decided = tonight::decide(&monitored, &city.readings);
    let by_key: BTreeMap<(&str, u8), usize> = city
        .specs
        .iter()
        .enumerate()
        .map(|(k, c)| ((s.sites[c.site].id.as_str(), c.stream.0), k))
        .collect();
    decided
        .decisions
        .iter()
        .filter(|d| d.decision.verdict != Verdict::Skip)
        .map(|d| Chosen {
            container: by_key[&(d.site.as_str(), d.stream.0)],
            verdict: d.decision.verdict,
            demand: d.demand,
            prize_scale: (d.decision.verdict == Verdict::Optional)
                .then_some(d.decision.prize_scale),
        })
        .collect()
}

fn latest_shift_end(s: &Scenario) -> crate::units::Duration {
    s.vehicles
        .iter()
        .map(|v| v.shift.end)
        .max()
        .unwrap_or(s.anchor.horizon_end())
}
