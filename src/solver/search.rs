//! One search chain: ruin and recreate with simulated-annealing acceptance, keeping the
//! best solution seen. Chains are independent; [`parallel`](super::parallel) runs several.

use super::accept::Annealing;
use super::fleet::FleetPhase;
use super::local_search::{descend, two_opt::two_opt};
use super::recreate::recreate;
use super::ruin::{RuinParams, ruin};
use super::state::{Env, State};
use super::trip_moves::improve_trips;
use crate::solution::Solution;
use crate::units::Cost;
use rand::{Rng, SeedableRng};
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
    /// Fleet minimisation, while it runs (see [`FleetPhase::running`]).
    fleet: Option<FleetPhase>,
    /// True until the fleet phase has had its chance (it is wanted, and starts once the
    /// current plan serves every servable site).
    fleet_pending: bool,
    /// Budget fraction at which distance minimisation started (for the temperature).
    distance_from: f64,
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
        let timed = has_time_windows(env);
        let servable = env.unservable.iter().filter(|r| r.is_none()).count();
        Chain {
            current: initial.clone(),
            best: initial.to_solution(env),
            best_cost: initial.cost,
            iterations: 0,
            rng: ChaCha8Rng::seed_from_u64(seed),
            annealing: Annealing::for_instance(arc_cost, servable, timed),
            params: RuinParams::for_instance(servable, timed),
            budget,
            fleet: None,
            fleet_pending: FleetPhase::wanted(env),
            distance_from: 0.0,
        }
    }

    /// True once fleet minimisation is over (or was never wanted): the chain minimises
    /// distance and time with the fleet it has.
    pub fn in_distance_phase(&self) -> bool {
        self.fleet.is_none() && !self.fleet_pending
    }

    /// Goes on from `leader`'s current state, best solution and phase, keeping its own
    /// random generator and budget (so the two chains part again at once). Used by
    /// [`run_chains`](super::parallel::run_chains) to pull a lagging chain to the leader.
    pub fn follow(&mut self, leader: &Chain) {
        self.current.clone_from(&leader.current);
        self.best.clone_from(&leader.best);
        self.best_cost = leader.best_cost;
        self.fleet.clone_from(&leader.fleet);
        self.fleet_pending = leader.fleet_pending;
        self.distance_from = leader.distance_from;
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

    /// One ruin-and-recreate iteration, followed by a local-search descent around the
    /// reinserted sites (or intra-route 2-opt alone when local search is off).
    pub fn step(&mut self, env: &Env) {
        let Some(fraction) = self.fleet_step(env) else {
            self.iterations += 1;
            return;
        };
        let st = &mut self.current;
        let before = st.cost;
        st.begin();
        let left_out = st.unassigned.len();
        let mut removed =
            if env.has_prizes && self.rng.random::<f64>() < super::prizes::ROUTE_RUIN_SHARE {
                super::prizes::route_ruin(env, st, &mut self.rng)
            } else {
                ruin(env, st, &self.params, &mut self.rng)
            };
        removed = super::prize_retry::near_the_change(env, st, removed, left_out);
        recreate(env, st, removed.clone(), &mut self.rng);
        if env.has_prizes && self.rng.random::<f64>() < super::prizes::OPEN_SHARE {
            removed.extend(super::prizes::open_route(env, st, &mut self.rng));
        }
        let changed = st.changed_slots();
        match &env.local_search {
            Some(params) => {
                descend(env, st, &removed, &changed, params);
            }
            None => {
                for slot in changed {
                    two_opt(env, st, slot);
                }
            }
        }
        // The descent may have changed more routes than the recreate did.
        let mut changed = st.changed_slots();
        if super::retype::wanted(env) && super::retype::improve_types(env, st, &changed) > 0 {
            changed = st.changed_slots();
        }
        improve_trips(env, st, &changed);
        super::break_moves::improve_changed_breaks(env, st);
        if env.has_prizes {
            super::prize_swap::swap_left_out(env, st);
            super::prizes::drop_unprofitable(env, st, &st.changed_slots());
        }
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

    /// Runs one fleet-minimisation iteration while that phase lasts and returns `None`;
    /// afterwards returns the budget fraction for the annealing temperature, counted from
    /// where distance minimisation began.
    fn fleet_step(&mut self, env: &Env) -> Option<f64> {
        let fraction = self.fraction();
        if self.fleet_pending && FleetPhase::may_start(&self.current, fraction) {
            self.fleet_pending = false;
            self.fleet = Some(FleetPhase::new(env, &self.current, fraction));
        }
        if let Some(fleet) = &mut self.fleet {
            if fleet.running(fraction) {
                if fleet.step(env, &mut self.current, &self.params, &mut self.rng) {
                    fleet.gained_at(fraction);
                    if fleet.best.cost < self.best_cost {
                        self.best = fleet.best.to_solution(env);
                        self.best_cost = fleet.best.cost;
                    }
                }
                return None;
            }
            // Distance minimisation goes on from the smallest complete fleet found.
            self.current = self.fleet.take().expect("fleet phase").best;
            self.distance_from = fraction;
        }
        Some((fraction - self.distance_from) / (1.0 - self.distance_from).max(1e-9))
    }
}

/// True when at least half the servable sites have a time window narrower than the
/// longest vehicle shift. The search is then tuned for time windows: from 200 sites a
/// hotter annealing ([`Annealing::for_instance`]) and, from 500, larger ruins
/// ([`RuinParams::for_instance`]); both were measured to help on Gehring–Homberger and
/// not on CVRPLIB X.
pub fn has_time_windows(env: &Env) -> bool {
    let p = env.problem;
    let longest = p
        .vehicle_types()
        .iter()
        .map(|v| v.shift.end.get().saturating_sub(v.shift.start.get()))
        .max()
        .unwrap_or(0);
    let mut servable = 0usize;
    let mut windowed = 0usize;
    for (s, site) in p.sites().iter().enumerate() {
        if env.unservable[s].is_some() {
            continue;
        }
        servable += 1;
        // The span from the first window's opening to the last one's closing.
        if let (Some(first), Some(last)) = (site.windows.first(), site.windows.last())
            && last.end.get().saturating_sub(first.start.get()) < longest
        {
            windowed += 1;
        }
    }
    servable > 0 && 2 * windowed >= servable
}
