//! One search chain: ruin and recreate with simulated-annealing acceptance, keeping the
//! best solution seen. Chains are independent; [`parallel`](super::parallel) runs several.

use super::accept::Annealing;
use super::recreate::{BLINK, insert_site};
use super::ruin::{RuinParams, ruin};
use super::state::{Env, State};
use super::trip_moves::improve_trips;
use super::two_opt::two_opt;
use crate::problem::SiteIdx;
use crate::solution::Solution;
use crate::units::Cost;
use rand::Rng;
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use std::time::Instant;

/// How far through its budget a chain is, for the temperature.
#[derive(Clone, Copy, Debug)]
pub enum Budget {
    /// A fixed number of iterations (deterministic).
    Iterations(u64),
    /// Until this instant, started at `start`.
    Until {
        /// When the run started.
        start: Instant,
        /// When it must stop.
        deadline: Instant,
    },
}

/// One chain's search state.
pub struct Chain {
    /// The current solution.
    pub current: State,
    /// The best solution seen.
    pub best: Solution,
    /// Its cost.
    pub best_cost: Cost,
    /// Iterations done.
    pub iterations: u64,
    rng: ChaCha8Rng,
    annealing: Annealing,
    params: RuinParams,
    budget: Budget,
}

impl Chain {
    /// A chain starting from `initial`, seeded with `seed`.
    pub fn new(env: &Env, initial: &State, seed: u64, budget: Budget) -> Self {
        let served: usize = initial.routes.iter().map(|r| r.sites as usize).sum();
        let arcs = served + initial.routes.iter().filter(|r| !r.is_empty()).count();
        // Fixed costs are left out: they express "fewer vehicles first" and would make
        // the temperature blind to distance and time.
        let route_cost: Cost = initial
            .routes
            .iter()
            .filter(|r| !r.is_empty())
            .map(|r| r.cost - env.problem.vehicle_type(r.vt).fixed_cost)
            .sum();
        let arc_cost = route_cost.get() as f64 / arcs.max(1) as f64;
        Chain {
            current: initial.clone(),
            best: initial.to_solution(env),
            best_cost: initial.cost,
            iterations: 0,
            rng: ChaCha8Rng::seed_from_u64(seed),
            annealing: Annealing::scaled(arc_cost),
            params: RuinParams::default(),
            budget,
        }
    }

    /// True when the chain has used its budget.
    pub fn finished(&self) -> bool {
        match self.budget {
            Budget::Iterations(n) => self.iterations >= n,
            Budget::Until { deadline, .. } => Instant::now() >= deadline,
        }
    }

    fn fraction(&self) -> f64 {
        match self.budget {
            Budget::Iterations(n) => self.iterations as f64 / n.max(1) as f64,
            Budget::Until { start, deadline } => {
                let total = (deadline - start).as_secs_f64().max(1e-9);
                start.elapsed().as_secs_f64() / total
            }
        }
    }

    /// Runs up to `iterations` more iterations, stopping early at `deadline`.
    pub fn run(&mut self, env: &Env, iterations: u64, deadline: Option<Instant>) {
        for _ in 0..iterations {
            if self.finished() || deadline.is_some_and(|d| Instant::now() >= d) {
                return;
            }
            self.step(env);
        }
    }

    /// One ruin-and-recreate iteration.
    pub fn step(&mut self, env: &Env) {
        let fraction = self.fraction();
        let st = &mut self.current;
        let before = st.cost;
        st.begin();
        let mut removed = ruin(env, st, &self.params, &mut self.rng);
        order_for_insertion(env, &mut removed, &mut self.rng);
        for s in removed {
            if !insert_site(env, st, s, None, &mut self.rng, BLINK) {
                st.unassigned.push(s);
            }
        }
        let changed = st.changed_slots();
        for &slot in &changed {
            two_opt(env, st, slot);
        }
        improve_trips(env, st, &changed);
        st.recompute_cost(env);
        if !self
            .annealing
            .accept(st.cost, before, fraction, &mut self.rng)
        {
            st.rollback();
        } else if st.cost < self.best_cost {
            self.best = st.to_solution(env);
            self.best_cost = st.cost;
        }
        self.iterations += 1;
    }
}

/// SISR's insertion orders: random, largest demand first, farthest first, closest first.
pub fn order_for_insertion(env: &Env, sites: &mut [SiteIdx], rng: &mut ChaCha8Rng) {
    sites.shuffle(rng);
    let p = env.problem;
    let demand = |s: &SiteIdx| -> i64 { p.site(*s).demand.0.iter().map(|l| l.get()).sum() };
    match rng.random_range(0..11) {
        0..4 => {}
        4..8 => sites.sort_by_key(|s| std::cmp::Reverse(demand(s))),
        8..10 => sites.sort_by_key(|s| std::cmp::Reverse(env.ctx.depot_distance[s.index()])),
        _ => sites.sort_by_key(|s| env.ctx.depot_distance[s.index()]),
    }
}
