//! Fleet minimisation, as in SISR (Christiaens & Vanden Berghe 2020, "fleet
//! minimisation"), in the spirit of Nagata & Bräysy's route elimination.
//!
//! When vehicles carry a fixed cost, a chain first spends part of its budget removing
//! vehicles: it takes one route out and leaves its sites unassigned, then runs ruin and
//! recreate without ever opening a vehicle. A candidate is accepted when it leaves fewer
//! sites unassigned, or when the sites it leaves out have a lower sum of *absence
//! counters* (how many iterations each site has been out so far), so sites that are hard
//! to place are put back first and the easy ones take turns outside. Once every site is
//! back in, the route is eliminated: the state is kept as the phase's best and the next
//! route is taken out.
//!
//! The phase starts only once the chain's plan serves every servable site (sites left
//! out because the fleet is too small are not a reason to shrink it), and its best only
//! ever serves every site too, so the chain never trades served sites for vehicles.

use super::insertion::{BLINK, Scope, insert_site_in, scans_every_route};
use super::local_search::two_opt::two_opt;
use super::recreate::order_for_insertion;
use super::ruin::{RuinParams, remove, route_sites, ruin};
use super::state::{Env, State};
use crate::problem::{Loads, SiteIdx};
use crate::units::{Cost, Load};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Share of a chain's budget (iterations, or time) spent minimising the fleet, when it is
/// wanted at all ([`FleetPhase::wanted`]).
pub const FLEET_SHARE: f64 = 0.5;

/// The phase also ends when this share of the budget passes without a route eliminated:
/// the rest is better spent on distance.
pub const FLEET_STALL: f64 = 0.15;

/// One chain's fleet-minimisation state.
#[derive(Clone, Debug)]
pub struct FleetPhase {
    /// The state with fewest routes seen that leaves no more sites unassigned than the
    /// start did.
    pub best: State,
    /// How many iterations each site has been unassigned.
    absence: Vec<u64>,
    /// Unassigned sites allowed for a state to count as complete (those at the start).
    allowed_unassigned: usize,
    /// No solution can use fewer routes.
    lower_bound: usize,
    /// Routes the working state may use: one fewer than the last complete state had.
    max_routes: usize,
    /// True when the phase has nothing left to do (lower bound reached or no route).
    done: bool,
    /// Budget fraction at the last route elimination (or the start).
    last_gain: f64,
}

impl FleetPhase {
    /// True when fewer vehicles are worth searching for: some usable vehicle type has a
    /// fixed cost, and there are at least two sites to serve.
    pub fn wanted(env: &Env) -> bool {
        let p = env.problem;
        let servable = env.unservable.iter().filter(|r| r.is_none()).count();
        servable >= 2
            && p.vehicle_types()
                .iter()
                .any(|v| v.count > 0 && v.fixed_cost > Cost::ZERO)
    }

    /// True when a phase may start from `st` at budget fraction `fraction`: early enough,
    /// and every servable site is served.
    pub fn may_start(st: &State, fraction: f64) -> bool {
        fraction < FLEET_SHARE && st.unassigned.is_empty()
    }

    /// A phase starting from `st` at budget fraction `fraction`.
    pub fn new(env: &Env, st: &State, fraction: f64) -> Self {
        FleetPhase {
            best: st.clone(),
            absence: vec![0; env.problem.sites().len()],
            allowed_unassigned: st.unassigned.len(),
            lower_bound: lower_bound(env),
            max_routes: used_routes(st),
            done: false,
            last_gain: fraction,
        }
    }

    /// True when the phase cannot remove any more routes.
    pub fn done(&self) -> bool {
        self.done
    }

    /// True while the phase should go on at budget fraction `fraction`: before
    /// [`FLEET_SHARE`], not done, and not stalled for [`FLEET_STALL`].
    pub fn running(&self, fraction: f64) -> bool {
        !self.done && fraction < FLEET_SHARE && fraction - self.last_gain < FLEET_STALL
    }

    /// Notes that a route was eliminated at budget fraction `fraction`.
    pub fn gained_at(&mut self, fraction: f64) {
        self.last_gain = fraction;
    }

    /// Routes used by the phase's best state.
    pub fn best_routes(&self) -> usize {
        used_routes(&self.best)
    }

    /// One iteration on `st` (the chain's current state). Returns true when `st` became
    /// complete with fewer routes (it is then also [`FleetPhase::best`]).
    pub fn step(
        &mut self,
        env: &Env,
        st: &mut State,
        params: &RuinParams,
        rng: &mut ChaCha8Rng,
    ) -> bool {
        if self.done {
            return false;
        }
        if st.unassigned.len() <= self.allowed_unassigned {
            // Complete: take the next route out, or stop at the lower bound.
            if used_routes(st) <= self.lower_bound.max(1) {
                self.done = true;
                return false;
            }
            let slot = pick_route(st, rng);
            self.max_routes = used_routes(st) - 1;
            let sites = route_sites(st, slot);
            let out = remove(env, st, &sites);
            st.set_unassigned(env, out);
            st.recompute_cost(env);
        }
        let before_count = st.unassigned.len();
        let before_absence = self.absence_sum(&st.unassigned);
        let before_cost = st.cost;
        st.begin();
        let mut removed = ruin(env, st, params, rng);
        order_for_insertion(env, &mut removed, rng);
        let mut routes = used_routes(st);
        for s in removed {
            // A route emptied by the ruin may be opened again, but no more than that.
            let scope = if routes < self.max_routes {
                Scope::All
            } else {
                Scope::Used
            };
            if insert_site_in(env, st, s, scope, rng, BLINK) {
                routes = used_routes(st);
            } else {
                if matches!(scope, Scope::All) && scans_every_route(env) {
                    st.unfit.found_nowhere(s);
                }
                st.leave_out(env, s);
            }
        }
        for slot in st.changed_slots() {
            two_opt(env, st, slot);
        }
        st.recompute_cost(env);
        // SISR's rule, plus sideways moves that do not raise the cost: they shorten
        // routes, which leaves room for the sites still out.
        let absence = self.absence_sum(&st.unassigned);
        let better = st.unassigned.len() < before_count
            || absence < before_absence
            || (st.unassigned.len() == before_count
                && absence == before_absence
                && st.cost <= before_cost);
        if !better {
            st.rollback();
        }
        for s in &st.unassigned {
            self.absence[s.index()] += 1;
        }
        if st.unassigned.len() <= self.allowed_unassigned
            && (used_routes(st), st.cost) < (used_routes(&self.best), self.best.cost)
        {
            self.best = st.clone();
            return true;
        }
        false
    }

    fn absence_sum(&self, sites: &[SiteIdx]) -> u64 {
        sites.iter().map(|s| self.absence[s.index()]).sum()
    }
}

/// Number of routes that serve sites.
pub fn used_routes(st: &State) -> usize {
    st.routes.iter().filter(|r| !r.is_empty()).count()
}

/// The route to take out: the smaller of two random used routes (fewer sites to place).
fn pick_route(st: &State, rng: &mut ChaCha8Rng) -> usize {
    let used: Vec<usize> = (0..st.routes.len())
        .filter(|&r| !st.routes[r].is_empty())
        .collect();
    let a = used[rng.random_range(0..used.len())];
    let b = used[rng.random_range(0..used.len())];
    std::cmp::min_by_key(a, b, |&r| (st.routes[r].sites, r))
}

/// A lower bound on the number of vehicles: with one vehicle type, total demand over what
/// one vehicle can collect in a day (its capacity when it cannot unload on the way, its
/// daily limit otherwise); 1 otherwise.
fn lower_bound(env: &Env) -> usize {
    let p = env.problem;
    let types: Vec<usize> = (0..p.vehicle_types().len())
        .filter(|&t| p.vehicle_types()[t].count > 0)
        .collect();
    let [t] = types[..] else {
        return 1;
    };
    let v = &p.vehicle_types()[t];
    let reloads = env.ctx.facilities[t].iter().any(|f| !f.is_empty());
    let per_vehicle = if reloads {
        v.max_total_load
    } else {
        Loads(std::array::from_fn(|d| {
            v.capacity.0[d].min(v.max_total_load.0[d])
        }))
    };
    let servable = env.unservable.iter().filter(|r| r.is_none()).count();
    let total = (0..p.sites().len())
        .filter(|&s| env.unservable[s].is_none())
        .fold(Loads::ZERO, |acc, s| {
            acc.plus(p.site(SiteIdx::new(s)).demand)
        });
    (0..total.0.len())
        .filter(|&d| per_vehicle.0[d] > Load::ZERO && !per_vehicle.0[d].is_infinite())
        .map(|d| (total.0[d].get().max(0) as u64).div_ceil(per_vehicle.0[d].get() as u64) as usize)
        .chain(std::iter::once(
            servable.div_ceil(v.max_sites.max(1) as usize),
        ))
        .max()
        .unwrap_or(1)
        .max(1)
}
