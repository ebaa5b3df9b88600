//! The search state of one chain: a route per vehicle, where each site is, what each
//! facility receives, and the total cost.

use super::context::Context;
use super::route::RouteCache;
use crate::problem::{Loads, Problem, SiteIdx, VehicleTypeIdx};
use crate::solution::{Route, Solution, Unassigned, UnassignedReason, Visit};
use crate::units::Cost;

/// Marks a site that is in no route.
pub const NO_ROUTE: u32 = u32::MAX;

/// Everything every chain shares, read-only.
pub struct Env<'a> {
    /// The problem.
    pub problem: &'a Problem,
    /// Precomputed lookups.
    pub ctx: Context,
    /// Why each site cannot be served at all (`None`: it can).
    pub unservable: Vec<Option<UnassignedReason>>,
    /// `(vehicle type, vehicle number)` of each route slot, in order.
    pub slots: Vec<(VehicleTypeIdx, u32)>,
    /// The first slot of each vehicle type.
    pub first_slot: Vec<usize>,
    /// The slot that served each site in the warm start.
    pub warm_slot: Vec<Option<u32>>,
    /// Cost per site that leaves its warm-start vehicle.
    pub stability_weight: Cost,
    /// Limits of the local-search descent after each step (`None`: no local search
    /// beyond intra-route 2-opt).
    pub local_search: Option<super::local_search::Params>,
    /// What leaving each site out costs: the unassigned penalty for a required site, its
    /// prize for an optional one ([`Site::missing_cost`](crate::problem::Site::missing_cost)).
    pub missing_cost: Vec<Cost>,
    /// The missing cost of the sites no vehicle can serve (always out).
    pub unservable_cost: Cost,
    /// True when some site is optional (has a prize).
    pub has_prizes: bool,
}

impl<'a> Env<'a> {
    /// Builds the shared lookups. Vehicle types with many vehicles get at most one slot per
    /// servable site (more could never be used).
    pub fn new(
        problem: &'a Problem,
        ctx: Context,
        unservable: Vec<Option<UnassignedReason>>,
    ) -> Self {
        let servable = unservable.iter().filter(|r| r.is_none()).count().max(1);
        let mut slots = Vec::new();
        let mut first_slot = Vec::new();
        for (t, v) in problem.vehicle_types().iter().enumerate() {
            first_slot.push(slots.len());
            let count = (v.count as usize).min(servable);
            for k in 0..count {
                slots.push((VehicleTypeIdx::new(t), k as u32));
            }
        }
        let n = problem.sites().len();
        let missing_cost: Vec<Cost> = problem
            .sites()
            .iter()
            .map(|s| s.missing_cost(problem.objective()))
            .collect();
        let unservable_cost = missing_cost
            .iter()
            .zip(&unservable)
            .filter(|(_, r)| r.is_some())
            .map(|(c, _)| *c)
            .sum();
        Env {
            problem,
            ctx,
            unservable,
            slots,
            first_slot,
            warm_slot: vec![None; n],
            stability_weight: Cost::ZERO,
            local_search: Some(super::local_search::Params::default()),
            has_prizes: problem.sites().iter().any(|s| s.is_optional()),
            missing_cost,
            unservable_cost,
        }
    }

    /// The slot of vehicle `vehicle` of type `vt`, if it exists.
    pub fn slot_of(&self, vt: VehicleTypeIdx, vehicle: u32) -> Option<usize> {
        let first = *self.first_slot.get(vt.index())?;
        let slot = first + vehicle as usize;
        (slot < self.slots.len() && self.slots[slot] == (vt, vehicle)).then_some(slot)
    }

    /// Stability cost of serving `site` from `slot` (`None`: leaving it unassigned).
    #[inline]
    pub fn stability(&self, site: SiteIdx, slot: Option<usize>) -> Cost {
        match self.warm_slot[site.index()] {
            Some(w) if slot != Some(w as usize) => self.stability_weight,
            _ => Cost::ZERO,
        }
    }
}

/// One chain's current solution.
#[derive(Clone, Debug)]
pub struct State {
    /// One route per slot (empty when the vehicle is unused).
    pub routes: Vec<RouteCache>,
    /// The slot holding each site, or [`NO_ROUTE`].
    pub route_of: Vec<u32>,
    /// Servable sites that are in no route. Change it through [`State::leave_out`],
    /// [`State::take_unassigned`] and [`State::set_unassigned`], which keep
    /// [`State::missing`] in step.
    pub unassigned: Vec<SiteIdx>,
    /// The missing cost ([`Env::missing_cost`]) summed over `unassigned`: a running sum,
    /// so that the objective stays constant time to update whatever each site is worth.
    pub missing: Cost,
    /// Load unloaded at each facility over all routes.
    pub intake: Vec<Loads>,
    /// Total cost (routes, unassigned penalty, stability).
    pub cost: Cost,
    /// What to restore on [`State::rollback`]: old routes (first change per slot only),
    /// unassigned sites, intake and cost at [`State::begin`].
    undo: Option<Undo>,
    /// Memory the local-search descent reuses between calls (not part of the solution).
    pub descent_scratch: super::local_search::Scratch,
    /// What is known of where sites cannot go, so that a site no route could take is not
    /// tried again against routes that have not changed since (see [`Unfit`]).
    pub unfit: Unfit,
}

/// Change stamps that let insertion skip routes a site is known not to fit in.
///
/// A site that a scan of every route found no place for stays out of every route that has
/// not changed since: insertion feasibility depends on the route alone, except for facility
/// intake limits, which are global (so a drop of a nearly full limited facility's intake voids
/// every stamp). Without this, every iteration of a night whose fleet cannot serve every site
/// tried each unassigned site against each route: 2,568 sites × 400 routes per iteration
/// on a 10,000-site city (`benches/city_scaling.rs`), seconds per iteration.
#[derive(Clone, Debug, Default)]
pub struct Unfit {
    /// Counts route changes; each change takes the next value.
    clock: u64,
    /// Per slot, the clock value of its last change (0 = never changed).
    changed_at: Vec<u64>,
    /// Per site, the clock value when a scan of every route found no place (0 = none).
    since: Vec<u64>,
    /// The clock value when the intake of a nearly full facility with a daily limit last
    /// went down.
    intake_freed_at: u64,
    /// The largest demand of a site, per dimension.
    largest_demand: Loads,
}

impl Unfit {
    fn new(p: &Problem, slots: usize) -> Unfit {
        Unfit {
            clock: 0,
            changed_at: vec![0; slots],
            since: vec![0; p.sites().len()],
            intake_freed_at: 0,
            largest_demand: p.sites().iter().fold(Loads::ZERO, |m, s| m.max(s.demand)),
        }
    }

    fn route_changed(&mut self, slot: usize) {
        self.clock += 1;
        self.changed_at[slot] = self.clock;
    }

    /// Records that a scan of every route, as the state is now, found no place for `site`.
    pub fn found_nowhere(&mut self, site: SiteIdx) {
        self.since[site.index()] = self.clock.max(1);
    }

    /// True when `site` is known not to fit in route `slot`: no scan since the route's last
    /// change found a place for it, and no limited facility has freed intake since.
    pub fn known_not_to_fit(&self, site: SiteIdx, slot: usize) -> bool {
        let since = self.since[site.index()];
        since > 0 && since >= self.intake_freed_at && self.changed_at[slot] < since
    }
}

#[derive(Clone, Debug)]
struct Undo {
    routes: Vec<(usize, RouteCache)>,
    /// Route caches no longer needed (old routes after a commit, dropped ones after a
    /// rollback), whose memory the next changed route is built in.
    spare: Vec<RouteCache>,
    touched: Vec<bool>,
    unassigned: Vec<SiteIdx>,
    missing: Cost,
    intake: Vec<Loads>,
    cost: Cost,
}

impl State {
    /// All routes empty, every servable site unassigned.
    pub fn empty(env: &Env) -> Self {
        let p = env.problem;
        let routes = env
            .slots
            .iter()
            .map(|&(vt, k)| RouteCache::empty(p, vt, k))
            .collect();
        let unassigned: Vec<SiteIdx> = (0..p.sites().len())
            .filter(|&s| env.unservable[s].is_none())
            .map(SiteIdx::new)
            .collect();
        let missing = unassigned.iter().map(|s| env.missing_cost[s.index()]).sum();
        let mut st = State {
            routes,
            route_of: vec![NO_ROUTE; p.sites().len()],
            unassigned,
            missing,
            intake: vec![Loads::ZERO; p.facilities().len()],
            cost: Cost::ZERO,
            undo: None,
            descent_scratch: Default::default(),
            unfit: Unfit::new(p, env.slots.len()),
        };
        st.recompute_cost(env);
        st
    }

    /// Leaves `site` (in no route) out of the plan: it joins `unassigned` and its missing
    /// cost joins [`State::missing`].
    pub fn leave_out(&mut self, env: &Env, site: SiteIdx) {
        self.unassigned.push(site);
        self.missing += env.missing_cost[site.index()];
    }

    /// Takes `site` out of `unassigned` (the caller puts it in a route). O(unassigned).
    pub fn take_back(&mut self, env: &Env, site: SiteIdx) {
        if let Some(k) = self.unassigned.iter().position(|&s| s == site) {
            self.unassigned.swap_remove(k);
            self.missing -= env.missing_cost[site.index()];
        }
    }

    /// Empties `unassigned` and returns what it held (the caller places them or leaves
    /// them out again).
    pub fn take_unassigned(&mut self) -> Vec<SiteIdx> {
        self.missing = Cost::ZERO;
        std::mem::take(&mut self.unassigned)
    }

    /// Replaces `unassigned` by `sites` (each in no route) and sums their missing cost
    /// afresh. O(sites listed).
    pub fn set_unassigned(&mut self, env: &Env, sites: Vec<SiteIdx>) {
        self.missing = sites.iter().map(|s| env.missing_cost[s.index()]).sum();
        self.unassigned = sites;
    }

    /// Recomputes `cost` from the route caches and the running missing cost. O(slots),
    /// plus O(sites) with a warm start's stability term.
    pub fn recompute_cost(&mut self, env: &Env) {
        let routes: Cost = self.routes.iter().map(|r| r.cost).sum();
        debug_assert_eq!(
            self.missing,
            self.unassigned
                .iter()
                .map(|s| env.missing_cost[s.index()])
                .sum::<Cost>(),
            "the running missing cost left the unassigned list"
        );
        let mut stability = Cost::ZERO;
        if env.stability_weight > Cost::ZERO {
            for (s, w) in env.warm_slot.iter().enumerate() {
                if w.is_some() && self.route_of[s] != w.unwrap() {
                    stability += env.stability_weight;
                }
            }
        }
        self.cost = routes + self.missing + env.unservable_cost + stability;
    }

    /// Starts recording changes so that [`State::rollback`] can undo them.
    pub fn begin(&mut self) {
        let mut undo = self.undo.take().unwrap_or_else(|| Undo {
            routes: Vec::new(),
            spare: Vec::new(),
            touched: vec![false; self.routes.len()],
            unassigned: Vec::new(),
            missing: Cost::ZERO,
            intake: Vec::new(),
            cost: Cost::ZERO,
        });
        for (slot, old) in undo.routes.drain(..) {
            undo.touched[slot] = false;
            undo.spare.push(old);
        }
        undo.unassigned.clone_from(&self.unassigned);
        undo.missing = self.missing;
        undo.intake.clone_from(&self.intake);
        undo.cost = self.cost;
        self.undo = Some(undo);
    }

    /// Slots changed since [`State::begin`].
    pub fn changed_slots(&self) -> Vec<usize> {
        self.undo
            .as_ref()
            .map(|u| u.routes.iter().map(|(s, _)| *s).collect())
            .unwrap_or_default()
    }

    /// Undoes every change since [`State::begin`].
    pub fn rollback(&mut self) {
        let Some(mut undo) = self.undo.take() else {
            return;
        };
        for (slot, _) in &undo.routes {
            for visit in &self.routes[*slot].visits {
                if let Visit::Site(s) = visit {
                    self.route_of[s.index()] = NO_ROUTE;
                }
            }
        }
        for (slot, old) in undo.routes.drain(..) {
            undo.touched[slot] = false;
            // The restored route differs from the one sites were last scanned against.
            self.unfit.route_changed(slot);
            for visit in &old.visits {
                if let Visit::Site(s) = visit {
                    self.route_of[s.index()] = slot as u32;
                }
            }
            let dropped = std::mem::replace(&mut self.routes[slot], old);
            undo.spare.push(dropped);
        }
        std::mem::swap(&mut self.unassigned, &mut undo.unassigned);
        self.missing = undo.missing;
        std::mem::swap(&mut self.intake, &mut undo.intake);
        self.unfit.intake_freed_at = self.unfit.clock;
        self.cost = undo.cost;
        self.undo = Some(undo);
    }

    /// Replaces the visits of route `slot`, keeping `route_of` and `intake` in step.
    pub fn set_visits(&mut self, env: &Env, slot: usize, visits: Vec<Visit>) {
        let p = env.problem;
        self.unfit.route_changed(slot);
        let limited_before: smallvec::SmallVec<[i64; 12]> =
            nearly_full_intake(p, &self.intake, self.unfit.largest_demand).collect();
        add_unloads(&self.routes[slot], &mut self.intake, false);
        for visit in &self.routes[slot].visits {
            if let Visit::Site(s) = visit {
                self.route_of[s.index()] = NO_ROUTE;
            }
        }
        if let Some(undo) = self.undo.as_mut()
            && !undo.touched[slot]
        {
            // Keep the old route as it is for a rollback and build the new one in a spare
            // cache's memory: no copy of the old route's caches.
            undo.touched[slot] = true;
            let (vt, vehicle) = (self.routes[slot].vt, self.routes[slot].vehicle);
            let mut fresh = undo
                .spare
                .pop()
                .unwrap_or_else(|| RouteCache::empty(p, vt, vehicle));
            fresh.vt = vt;
            fresh.vehicle = vehicle;
            std::mem::swap(&mut self.routes[slot], &mut fresh);
            undo.routes.push((slot, fresh));
        }
        let r = &mut self.routes[slot];
        r.visits = visits;
        r.update_with(p, env.ctx.arcs(p, p.vehicle_type(r.vt).profile));
        for visit in &r.visits {
            if let Visit::Site(s) = visit {
                self.route_of[s.index()] = slot as u32;
            }
        }
        add_unloads(&self.routes[slot], &mut self.intake, true);
        if nearly_full_intake(p, &self.intake, self.unfit.largest_demand)
            .zip(limited_before)
            .any(|(after, before)| after < before)
        {
            self.unfit.intake_freed_at = self.unfit.clock;
        }
    }

    /// True when `visits` for route `slot` would be feasible, facility capacities included.
    pub fn verify(&self, env: &Env, slot: usize, visits: &[Visit]) -> bool {
        self.verify_routes(env, &[(slot, visits)])
    }

    /// True when replacing the visits of every listed route at once would leave each of
    /// them feasible and every facility within its daily capacity (counted over all the
    /// changed routes together, as a move between two routes needs). Slots must differ.
    pub fn verify_routes(&self, env: &Env, changes: &[(usize, &[Visit])]) -> bool {
        let p = env.problem;
        let mut trials = Vec::with_capacity(changes.len());
        for &(slot, visits) in changes {
            let mut r = self.routes[slot].clone();
            r.visits = visits.to_vec();
            r.update_with(p, env.ctx.arcs(p, p.vehicle_type(r.vt).profile));
            if !r.feasible {
                return false;
            }
            trials.push((slot, r));
        }
        if p.facilities().iter().all(|f| f.daily_capacity.is_none()) {
            return true;
        }
        let mut intake = self.intake.clone();
        for (slot, r) in &trials {
            add_unloads(&self.routes[*slot], &mut intake, false);
            add_unloads(r, &mut intake, true);
        }
        p.facilities()
            .iter()
            .zip(&intake)
            .all(|(f, got)| f.daily_capacity.is_none_or(|cap| got.fits_within(cap)))
    }

    /// The plan as a [`Solution`]: used vehicles in slot order, unassigned sites by index.
    pub fn to_solution(&self, env: &Env) -> Solution {
        let routes = self
            .routes
            .iter()
            .filter(|r| !r.is_empty())
            .map(|r| Route {
                vehicle_type: r.vt,
                vehicle: r.vehicle,
                visits: r.visits.clone(),
            })
            .collect();
        let mut unassigned: Vec<Unassigned> = env
            .unservable
            .iter()
            .enumerate()
            .filter_map(|(s, r)| {
                r.map(|reason| Unassigned {
                    site: SiteIdx::new(s),
                    reason,
                })
            })
            .chain(self.unassigned.iter().map(|&site| Unassigned {
                site,
                reason: UnassignedReason::NoCapacityLeft,
            }))
            .collect();
        unassigned.sort_by_key(|u| u.site);
        Solution { routes, unassigned }
    }
}

/// Adds (or subtracts) what each facility visit of `r` unloads to `intake`.
fn add_unloads(r: &RouteCache, intake: &mut [Loads], add: bool) {
    for (j, visit) in r.visits.iter().enumerate() {
        if let Visit::Facility(f) = visit {
            let l = r.fwd_load[j]; // stop j + 1's predecessor is stop j
            let slot = &mut intake[f.index()];
            for (a, b) in slot.0.iter_mut().zip(l.0) {
                if add {
                    *a += b;
                } else {
                    *a -= b;
                }
            }
        }
    }
}

/// Removes facility visits that close a trip without sites, and everything (the break
/// too) when no site is left.
pub fn tidy(visits: &mut Vec<Visit>) {
    let mut seen_site = false;
    visits.retain(|v| match v {
        Visit::Site(_) => {
            seen_site = true;
            true
        }
        Visit::Facility(_) => std::mem::replace(&mut seen_site, false),
        Visit::Break => true,
    });
    if !visits.iter().any(|v| matches!(v, Visit::Site(_))) {
        visits.clear();
    }
}

/// The intake of each facility with a daily limit, dimension by dimension, where the room
/// left is smaller than the largest demand of a site (elsewhere `i64::MIN`): only there can
/// the limit have kept a site out, so only a drop there can let one in.
fn nearly_full_intake<'a>(
    p: &'a Problem,
    intake: &'a [Loads],
    largest_demand: Loads,
) -> impl Iterator<Item = i64> + 'a {
    p.facilities()
        .iter()
        .zip(intake)
        .filter_map(|(f, l)| f.daily_capacity.map(|cap| (cap, l)))
        .flat_map(move |(cap, l)| {
            (0..l.0.len()).map(move |d| {
                let room = cap.0[d].get().saturating_sub(l.0[d].get());
                if room < largest_demand.0[d].get() {
                    l.0[d].get()
                } else {
                    i64::MIN
                }
            })
        })
}

#[cfg(test)]
mod unfit_tests {
    use super::*;

    fn stamps(slots: usize, sites: usize) -> Unfit {
        Unfit {
            changed_at: vec![0; slots],
            since: vec![0; sites],
            ..Unfit::default()
        }
    }

    #[test]
    fn a_site_found_nowhere_skips_only_the_routes_unchanged_since() {
        let mut u = stamps(3, 2);
        let site = SiteIdx::new(1);
        u.route_changed(0);
        u.route_changed(1);
        assert!(!u.known_not_to_fit(site, 0), "no scan yet");
        u.found_nowhere(site);
        assert!(u.known_not_to_fit(site, 0));
        assert!(u.known_not_to_fit(site, 2), "a route never changed");
        u.route_changed(1);
        assert!(!u.known_not_to_fit(site, 1), "changed after the scan");
        assert!(u.known_not_to_fit(site, 0));
        assert!(!u.known_not_to_fit(SiteIdx::new(0), 0), "another site");
    }

    #[test]
    fn freed_intake_voids_every_stamp() {
        let mut u = stamps(2, 1);
        let site = SiteIdx::new(0);
        u.route_changed(0);
        u.found_nowhere(site);
        assert!(u.known_not_to_fit(site, 1));
        u.route_changed(0);
        u.intake_freed_at = u.clock;
        assert!(!u.known_not_to_fit(site, 1));
    }
}
