//! Insertion primitives shared by greedy and regret recreate, construction, the fleet
//! phase and the local search: where a site can go ([`best_candidate`] over a [`Scope`]),
//! what it costs ([`Candidate`]), how the route is rebuilt ([`spliced`], [`apply`]), and the
//! facility re-pick after a change ([`improve_facilities`]). Greedy insertion opens a new
//! trip with a facility visit when the current trip is full or carries another stream, and
//! a new vehicle when that is cheaper.

use super::evaluate::{eval_insert_site, eval_replace};
use super::prechecks::alone_routes;
use super::state::{Env, NO_ROUTE, State};
use crate::problem::{EndOfRoute, SiteIdx};
use crate::solution::Visit;
use crate::units::Cost;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use smallvec::SmallVec;

/// Inserted visits of one candidate (a site, maybe a facility and a break).
pub type Inserted = SmallVec<[Visit; 4]>;

/// A place to put a site.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// Estimated cost change, stability included.
    pub cost: Cost,
    /// The route slot.
    pub slot: usize,
    /// Keep stops `..=i`.
    pub i: usize,
    /// What goes after stop `i` (nothing is removed).
    pub inserted: Inserted,
}

/// Probability of skipping a position (SISR's blinks).
pub const BLINK: f64 = 0.01;

/// Candidates kept for full verification at once. When every one of them fails and some
/// were left out, the scan runs again keeping all (see [`best_candidate`]); nearly always
/// the cheapest verifies, and keeping every feasible place of every route was the largest
/// cost of an insertion on instances with facility limits (where every candidate needs
/// verifying).
const PENDING_KEPT: usize = 8;

/// Collects candidates: the best one whose check was exact, and the cheaper ones that
/// must still be verified in full, cheapest first (ties in the order offered).
struct Sink {
    best: Option<Candidate>,
    pending: SmallVec<[Candidate; PENDING_KEPT]>,
    /// How many pending candidates to keep (`usize::MAX`: all).
    keep: usize,
    /// The cheapest candidate left out for `keep`, if any.
    left_out: Option<Cost>,
    /// What a candidate must cost less than to be taken at all: an optional site's prize
    /// (serving it must pay), [`Cost::INFINITE`] for a required site.
    cap: Cost,
    /// True when `cap` is the site's own (its prize, or none): only then do the
    /// [`Unfit`](super::state::Unfit) stamps, set by scans under that cap, apply.
    own_cap: bool,
}

impl Sink {
    fn new(env: &Env, site: SiteIdx, cap: Cost, keep: usize) -> Sink {
        Sink {
            best: None,
            pending: SmallVec::new(),
            keep,
            left_out: None,
            cap,
            own_cap: cap == env.problem.site(site).prize.unwrap_or(Cost::INFINITE),
        }
    }

    /// Cost a candidate must beat to matter.
    fn bound(&self) -> Cost {
        self.best.as_ref().map_or(self.cap, |b| b.cost)
    }

    /// The cheapest candidate that is exact or passes the full verification; `Err` when
    /// no kept candidate passed but some were left out (the caller then scans again
    /// keeping all).
    fn resolve(self, env: &Env, st: &State) -> Result<Option<Candidate>, ()> {
        let Sink {
            best,
            pending,
            left_out,
            cap,
            ..
        } = self;
        let bound = best.as_ref().map_or(cap, |b| b.cost);
        let verified = pending.into_iter().filter(|c| c.cost < bound).find(|c| {
            let visits = spliced(&st.routes[c.slot].visits, c.i, c.i + 1, &c.inserted);
            st.verify(env, c.slot, &visits)
        });
        match verified {
            Some(c) => Ok(Some(c)),
            // A candidate cheaper than `best` was left out: it may verify.
            None if left_out.is_some_and(|c| c < bound) => Err(()),
            None => Ok(best),
        }
    }

    fn offer(&mut self, c: Candidate, verify: bool) {
        if c.cost >= self.bound() {
            return;
        }
        if !verify {
            self.best = Some(c);
            return;
        }
        // Insert after every kept candidate of the same cost (stable order).
        let at = self.pending.partition_point(|p| p.cost <= c.cost);
        if self.pending.len() >= self.keep {
            let out = if at >= self.keep {
                c.cost
            } else {
                let dropped = self.pending.pop().expect("the cap is above zero");
                self.pending.insert(at, c);
                dropped.cost
            };
            self.left_out = Some(self.left_out.map_or(out, |l| l.min(out)));
            return;
        }
        self.pending.insert(at, c);
    }

    /// The cheapest candidate found so far, verified or not.
    fn cheapest(&self) -> Option<&Candidate> {
        self.pending
            .first()
            .into_iter()
            .chain(&self.best)
            .min_by_key(|c| c.cost)
    }
}

/// Which routes an insertion may use.
#[derive(Clone, Copy, Debug)]
pub enum Scope<'a> {
    /// Every route, empty ones included (granular first, see [`best_candidate`]).
    All,
    /// Only routes that already serve sites, among those of the site's nearest sites: no
    /// vehicle is opened (fleet minimisation).
    Used,
    /// Exactly these slots.
    Only(&'a [usize]),
}

/// Inserts `site` at its cheapest feasible place among the routes in `slots` (all routes
/// when `None`); returns false (and changes nothing) when there is none.
pub fn insert_site(
    env: &Env,
    st: &mut State,
    site: SiteIdx,
    slots: Option<&[usize]>,
    rng: &mut ChaCha8Rng,
    blink: f64,
) -> bool {
    let scope = slots.map_or(Scope::All, Scope::Only);
    insert_site_in(env, st, site, scope, rng, blink)
}

/// Inserts `site` at its cheapest feasible place in `scope`; returns false (and changes
/// nothing) when there is none.
pub fn insert_site_in(
    env: &Env,
    st: &mut State,
    site: SiteIdx,
    scope: Scope,
    rng: &mut ChaCha8Rng,
    blink: f64,
) -> bool {
    match best_candidate(env, st, site, scope, rng, blink) {
        Some(c) => {
            apply(env, st, &c);
            true
        }
        None => false,
    }
}

/// The cheapest feasible place for `site` in `scope`, verified in full when the problem
/// needs it (see [`Context::needs_verify`](super::context::Context::needs_verify)). An
/// optional site gets a place only where it costs less than its prize: serving it must
/// lower the objective (PyVRP inserts optional clients on the same rule).
pub fn best_candidate(
    env: &Env,
    st: &State,
    site: SiteIdx,
    scope: Scope,
    rng: &mut ChaCha8Rng,
    blink: f64,
) -> Option<Candidate> {
    let cap = env.problem.site(site).prize.unwrap_or(Cost::INFINITE);
    best_candidate_below(env, st, site, scope, rng, blink, cap)
}

/// [`best_candidate`] with an explicit cap: only places costing less than `cap` count
/// ([`Cost::INFINITE`]: any feasible place).
pub fn best_candidate_below(
    env: &Env,
    st: &State,
    site: SiteIdx,
    scope: Scope,
    rng: &mut ChaCha8Rng,
    blink: f64,
    cap: Cost,
) -> Option<Candidate> {
    // The scan keeps a few candidates to verify; in the rare case that none of them
    // passes and cheaper ones were left out, it runs again with the same blinks keeping
    // all, so the answer is the same as if all had been kept from the start.
    let replay = rng.clone();
    let mut sink = Sink::new(env, site, cap, PENDING_KEPT);
    scan(env, st, site, scope, &mut sink, rng, blink);
    match sink.resolve(env, st) {
        Ok(found) => found,
        Err(()) => {
            *rng = replay;
            let mut sink = Sink::new(env, site, cap, usize::MAX);
            scan(env, st, site, scope, &mut sink, rng, blink);
            sink.resolve(env, st).unwrap_or(None)
        }
    }
}

/// Routes that fleets of up to this many vehicles compare in full before a vehicle with a
/// fixed cost is opened; larger fleets compare the routes near the site only (a full scan
/// per insertion made construction quadratic: 80 s for 20,000 jobs on 450 vehicles).
pub const FULL_SCAN_ROUTES: usize = 100;

/// True when a failed insertion in [`Scope::All`] has looked at every route (so the site
/// may be marked as fitting nowhere, see `state::Unfit`).
pub fn scans_every_route(env: &Env) -> bool {
    env.slots.len() <= FULL_SCAN_ROUTES
}

/// Offers every candidate of `scope` to `sink`.
fn scan(
    env: &Env,
    st: &State,
    site: SiteIdx,
    scope: Scope,
    sink: &mut Sink,
    rng: &mut ChaCha8Rng,
    blink: f64,
) {
    match scope {
        Scope::Only(slots) => offer_routes(env, st, site, slots.iter().copied(), sink, rng, blink),
        Scope::Used => {
            // Granular only: the fleet phase calls this for every site still out at every
            // iteration, and a site that fits nowhere near would scan every route.
            let mut near = near_routes(env, st, site);
            near.retain(|&mut r| !st.routes[r].is_empty());
            offer_routes(env, st, site, near.iter().copied(), sink, rng, blink);
        }
        Scope::All => {
            // Granular first: the routes of the nearest sites and one empty vehicle per type;
            // more routes when none of those can take the site, or when the best place
            // found opens a vehicle that has a fixed cost (then the used vehicles are
            // compared before one is opened: this keeps fleets small) — every route in a
            // small fleet, the routes of the neighbours' neighbours in a large one.
            let near = near_routes(env, st, site);
            offer_routes(env, st, site, near.iter().copied(), sink, rng, blink);
            let opens_costly = |c: &Candidate| {
                let r = &st.routes[c.slot];
                r.is_empty() && env.problem.vehicle_type(r.vt).fixed_cost > Cost::ZERO
            };
            if sink.cheapest().is_none_or(opens_costly) {
                if scans_every_route(env) {
                    offer_routes(env, st, site, 0..st.routes.len(), sink, rng, blink);
                } else {
                    let wider = wider_routes(env, st, site, &near);
                    offer_routes(env, st, site, wider.iter().copied(), sink, rng, blink);
                }
            }
        }
    }
}

/// Applies candidate `c` to `st` and re-picks the facilities of its route.
pub fn apply(env: &Env, st: &mut State, c: &Candidate) {
    let visits = spliced(&st.routes[c.slot].visits, c.i, c.i + 1, &c.inserted);
    st.set_visits(env, c.slot, visits);
    improve_facilities(env, st, c.slot);
}

/// Sites whose routes are tried first when inserting a site.
pub const GRANULAR_NEIGHBOURS: usize = 64;

/// Route slots of one insertion scan, on the stack (no allocation per insertion).
type Slots = SmallVec<[usize; 128]>;

/// The routes holding the nearest sites of `site`, plus every empty route (one per type is
/// tried), in slot order.
pub(super) fn near_routes(env: &Env, st: &State, site: SiteIdx) -> Slots {
    let mut out: Slots = env.ctx.neighbours[site.index()]
        .iter()
        .take(GRANULAR_NEIGHBOURS)
        .map(|s| st.route_of[s.index()])
        .filter(|&r| r != NO_ROUTE)
        .map(|r| r as usize)
        .collect();
    if let Some(w) = env.warm_slot[site.index()] {
        out.push(w as usize);
    }
    for t in 0..env.first_slot.len() {
        out.extend(first_empty(env, st, crate::problem::VehicleTypeIdx::new(t)));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The first empty route of vehicle type `vt`, if any.
pub(super) fn first_empty(
    env: &Env,
    st: &State,
    vt: crate::problem::VehicleTypeIdx,
) -> Option<usize> {
    let first = *env.first_slot.get(vt.index())?;
    (first..st.routes.len())
        .take_while(|&r| env.slots[r].0 == vt)
        .find(|&r| st.routes[r].is_empty())
}

/// The used routes holding a nearest site of one of `site`'s nearest sites, less those in
/// `near` (sorted), in slot order: where a site goes in a large fleet when the routes next
/// to it are full.
fn wider_routes(env: &Env, st: &State, site: SiteIdx, near: &[usize]) -> Slots {
    let hood = &env.ctx.neighbours;
    let mut out: Slots = hood[site.index()]
        .iter()
        .take(GRANULAR_NEIGHBOURS)
        .flat_map(|n| hood[n.index()].iter().take(GRANULAR_NEIGHBOURS))
        .map(|s| st.route_of[s.index()])
        .filter(|&r| r != NO_ROUTE && near.binary_search(&(r as usize)).is_err())
        .map(|r| r as usize)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn offer_routes(
    env: &Env,
    st: &State,
    site: SiteIdx,
    slots: impl IntoIterator<Item = usize>,
    sink: &mut Sink,
    rng: &mut ChaCha8Rng,
    blink: f64,
) {
    let mut tried_empty: SmallVec<[bool; 8]> =
        smallvec::smallvec![false; env.problem.vehicle_types().len()];
    for slot in slots {
        let r = &st.routes[slot];
        let t = r.vt.index();
        // A route that has not changed since a scan found no place for the site anywhere
        // cannot take it now either (see `state::Unfit`).
        if !env.ctx.eligible[site.index()][t]
            || (sink.own_cap && st.unfit.known_not_to_fit(site, slot))
        {
            continue;
        }
        let stability = env.stability(site, Some(slot));
        if r.is_empty() {
            // One empty vehicle per type is enough, except the site's own warm vehicle.
            let warm = env.warm_slot[site.index()] == Some(slot as u32);
            if tried_empty[t] && !warm {
                continue;
            }
            if !warm {
                tried_empty[t] = true;
            }
            for (cost, inserted) in empty_route_candidates(env, st, site, slot) {
                let c = Candidate {
                    cost: cost + stability,
                    slot,
                    i: 0,
                    inserted,
                };
                sink.offer(c, env.ctx.needs_verify);
            }
            continue;
        }
        route_candidates(env, st, site, slot, stability, sink, rng, blink);
    }
}

/// The visits after replacing stops `i+1..k` by `inserted`.
pub fn spliced(visits: &[Visit], i: usize, k: usize, inserted: &[Visit]) -> Vec<Visit> {
    let mut out = Vec::with_capacity(visits.len() + inserted.len());
    out.extend_from_slice(&visits[..i]);
    out.extend_from_slice(inserted);
    out.extend_from_slice(&visits[k - 1..]);
    out
}

fn empty_route_candidates(
    env: &Env,
    st: &State,
    site: SiteIdx,
    slot: usize,
) -> Vec<(Cost, Inserted)> {
    let p = env.problem;
    let r = &st.routes[slot];
    let v = p.vehicle_type(r.vt);
    let stream = usize::from(p.site(site).stream.0);
    let tails: Vec<Vec<Visit>> = if v.end_of_route == EndOfRoute::UnloadAtFacility {
        env.ctx.facilities[r.vt.index()][stream]
            .iter()
            .map(|&f| vec![Visit::Site(site), Visit::Facility(f)])
            .collect()
    } else {
        vec![vec![Visit::Site(site)]]
    };
    let mut out = Vec::new();
    for tail in tails {
        for visits in alone_routes(&tail, v.break_rule.is_some()) {
            if let Some(d) = eval_replace(p, &env.ctx, r, 0, 1, &visits) {
                out.push((d.cost, visits.into_iter().collect()));
            }
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn route_candidates(
    env: &Env,
    st: &State,
    site: SiteIdx,
    slot: usize,
    stability: Cost,
    sink: &mut Sink,
    rng: &mut ChaCha8Rng,
    blink: f64,
) {
    let p = env.problem;
    let r = &st.routes[slot];
    let v = p.vehicle_type(r.vt);
    let s = p.site(site);
    let facilities = &env.ctx.facilities[r.vt.index()][usize::from(s.stream.0)];
    let n = r.num_stops();
    // A plain insertion is checked exactly unless the site delays its trip's release.
    let release = s.release_time;
    let offer = |sink: &mut Sink, cost: Cost, i: usize, inserted: Inserted| {
        let verify = env.ctx.verify_always
            || (env.ctx.needs_verify && (inserted.len() > 1 || release > r.gap_release[i]));
        let c = Candidate {
            cost: cost + stability,
            slot,
            i,
            inserted,
        };
        sink.offer(c, verify);
    };
    for i in 0..n - 1 {
        if blink > 0.0 && rng.random::<f64>() < blink {
            continue;
        }
        let k = i + 1;
        let bound = sink.bound() - stability;
        if let Some(d) = eval_insert_site(p, &env.ctx, r, i, site, bound) {
            offer(sink, d.cost, i, smallvec::smallvec![Visit::Site(site)]);
            continue;
        }
        if facilities.is_empty() {
            continue;
        }
        // The trip cannot take the site: try splitting it with a new facility visit.
        let merged = r.fwd_load[i].plus(s.demand).plus(r.bwd_load[k]);
        let streams = r.fwd_streams[i]
            .union(r.bwd_streams[k])
            .union(crate::problem::StreamSet::only(s.stream));
        let open_end = r.close[k] == n - 1 && v.end_of_route == EndOfRoute::UnloadAtFacility;
        if merged.fits_within(v.capacity) && streams.len() <= 1 && !open_end {
            continue;
        }
        for &f in facilities {
            let after: Inserted = smallvec::smallvec![Visit::Site(site), Visit::Facility(f)];
            if let Some(d) = eval_replace(p, &env.ctx, r, i, k, &after) {
                offer(sink, d.cost, i, after);
            }
        }
        if !r.fwd_streams[i].is_empty() {
            let prev = usize::from(r.fwd_streams[i].0.trailing_zeros() as u8);
            for &f in &env.ctx.facilities[r.vt.index()][prev] {
                let before: Inserted = smallvec::smallvec![Visit::Facility(f), Visit::Site(site)];
                if let Some(d) = eval_replace(p, &env.ctx, r, i, k, &before) {
                    offer(sink, d.cost, i, before);
                }
            }
        }
    }
}

/// Re-picks the facility of every trip of route `slot` and drops facility visits whose
/// trips can merge, whenever that lowers the cost.
pub fn improve_facilities(env: &Env, st: &mut State, slot: usize) {
    let p = env.problem;
    let mut j = 1;
    while j + 1 < st.routes[slot].num_stops() {
        let r = &st.routes[slot];
        let Some(Visit::Facility(cur)) = r.visit(j) else {
            j += 1;
            continue;
        };
        let mut best: Option<(Cost, Inserted)> = None;
        if let Some(d) = eval_replace(p, &env.ctx, r, j - 1, j + 1, &[]) {
            best = Some((d.cost, Inserted::new()));
        }
        let streams = r.fwd_streams[j - 1];
        if !streams.is_empty() {
            let st_idx = streams.0.trailing_zeros() as usize;
            for &f in &env.ctx.facilities[r.vt.index()][st_idx] {
                if f == cur {
                    continue;
                }
                let ins: Inserted = smallvec::smallvec![Visit::Facility(f)];
                if let Some(d) = eval_replace(p, &env.ctx, r, j - 1, j + 1, &ins)
                    && best.as_ref().is_none_or(|b| d.cost < b.0)
                {
                    best = Some((d.cost, ins));
                }
            }
        }
        if let Some((cost, ins)) = best
            && cost < Cost::ZERO
        {
            let visits = spliced(&r.visits, j - 1, j + 1, &ins);
            if !env.ctx.needs_verify || st.verify(env, slot, &visits) {
                st.set_visits(env, slot, visits);
                if ins.is_empty() {
                    continue; // the stop at j is new: look at it again
                }
            }
        }
        j += 1;
    }
}
