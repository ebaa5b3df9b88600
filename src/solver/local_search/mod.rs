//! Local search over granular neighbourhoods: after a ruin-and-recreate step, a descent
//! tries moves between each reinserted site `u` and its nearest neighbours `v` and applies
//! every move that lowers the cost (first improvement), until none does or the work cap
//! is reached.
//!
//! Each operator lives in its own file and, as in PyVRP, separates `evaluate` (an
//! estimate built from the route caches, one call per changed route, exact for
//! feasibility and distance) from `apply` (the new visits of the changed routes):
//! - [`relocate`]: a site, or a segment of 2–3 sites (or-opt), maybe reversed, after or
//!   before `v`, in the same or another route; [`eval_replace`] with the segment,
//!   constant time between routes, O(stops jumped over) within a route;
//! - [`swap`]: 1-1, 1-2, 2-1 and 2-2 exchanges of sites between two routes; constant time;
//! - [`swap_tails`]: 2-opt*, two routes exchange their tails after `u` and after `v` (or
//!   after `v`'s predecessor); constant time per side by
//!   [`eval_join`](crate::solver::evaluate::eval_join) when both routes have the same
//!   vehicle type, else O(tail length);
//! - [`two_opt`]: intra-route 2-opt, run on every route the descent changed; O(reversed
//!   length) per reversal.
//!
//! [`eval_replace`]: crate::solver::evaluate::eval_replace
//!
//! When the cost is distance alone, each operator's `quick` gives the exact cost change
//! from a few arcs first, and only moves that would gain are evaluated.
//!
//! A move is applied only when the exact route costs (a route left without sites is
//! cleared) fall, and, when [`Context::needs_verify`](crate::solver::context::Context)
//! is set, after [`State::verify_routes`] has checked the changed routes together. Then
//! [`improve_facilities`] re-picks each changed route's facilities.
//!
//! Bookkeeping keeps the descent cheap: sites wait in a queue (first the reinserted ones;
//! a site is queued again when a move involves it), and a pair `(u, v)` is tested again
//! only when the route of `u` or `v` changed since `u` was last tested.

pub mod relocate;
pub mod swap;
pub mod swap_tails;
pub mod two_opt;

use crate::problem::{SiteIdx, VehicleType};
use crate::solution::Visit;
use crate::solver::insertion::improve_facilities;
use crate::solver::route::RouteCache;
use crate::solver::state::{Env, NO_ROUTE, State};
use crate::units::Cost;
use relocate::Relocate;
use smallvec::SmallVec;
use std::collections::VecDeque;
use swap::Swap;
use swap_tails::SwapTails;

pub use crate::solver::evaluate::Delta;

/// A few consecutive visits moved as one.
pub type Segment = SmallVec<[Visit; 4]>;

/// Limits of one descent.
#[derive(Clone, Copy, Debug)]
pub struct Params {
    /// Nearest neighbours of each site that define its candidate moves.
    pub neighbours: usize,
    /// Most work per call, in stops looked at by evaluations (a hard cap).
    pub max_work: u64,
}

impl Default for Params {
    fn default() -> Self {
        Self {
            neighbours: 10,
            max_work: 200_000,
        }
    }
}

/// What a descent did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Moves applied.
    pub moves: u32,
    /// Work spent, in the unit of [`Params::max_work`].
    pub work: u64,
}

/// Any move of the descent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// See [`relocate`].
    Relocate(Relocate),
    /// See [`swap`].
    Swap(Swap),
    /// See [`swap_tails`].
    SwapTails(SwapTails),
}

impl Move {
    /// Estimated change of the objective, `None` when infeasible (or, for 2-opt* with a
    /// distance-only cost, when it cannot improve).
    pub fn evaluate(
        &self,
        env: &Env,
        st: &State,
        buf: &mut Vec<Visit>,
        work: &mut u64,
    ) -> Option<Delta> {
        match self {
            Move::Relocate(m) => relocate::evaluate(env, st, m, buf, work),
            Move::Swap(m) => swap::evaluate(env, st, m, work),
            Move::SwapTails(m) => swap_tails::evaluate(env, st, m, work),
        }
    }

    /// The exact cost change in O(length of the inserted visits) when distance alone
    /// decides it (cost by distance only, no stability term, no route emptied), `None`
    /// when that is not known so cheaply. Feasibility is not looked at: the descent skips
    /// a move whose quick cost is not negative before paying for [`Move::evaluate`].
    pub fn quick(&self, env: &Env, st: &State, buf: &mut Vec<Visit>) -> Option<Cost> {
        match self {
            Move::Relocate(m) => relocate::quick(env, st, m, buf),
            Move::Swap(m) => swap::quick(env, st, m),
            Move::SwapTails(m) => swap_tails::quick(env, st, m),
        }
    }

    /// The new visits of each changed route (a route left without sites is cleared when
    /// the move is committed).
    pub fn apply(&self, st: &State) -> Vec<(usize, Vec<Visit>)> {
        match self {
            Move::Relocate(m) => relocate::apply(st, m),
            Move::Swap(m) => swap::apply(st, m),
            Move::SwapTails(m) => swap_tails::apply(st, m),
        }
    }
}

/// True when every visit is a site.
pub fn sites_only(visits: &[Visit]) -> bool {
    visits.iter().all(|x| matches!(x, Visit::Site(_)))
}

/// The change of the stability term when the sites among `visits` leave route `from` for
/// route `to`.
pub fn moved_stability(env: &Env, visits: &[Visit], from: usize, to: usize) -> Cost {
    if env.stability_weight <= Cost::ZERO {
        return Cost::ZERO;
    }
    visits
        .iter()
        .filter_map(|x| match x {
            Visit::Site(s) => Some(env.stability(*s, Some(to)) - env.stability(*s, Some(from))),
            _ => None,
        })
        .sum()
}

/// The cost change of replacing stops `i+1..k` of `r` by `inserted` (read backwards when
/// `reversed`), as [`eval_replace`](crate::solver::evaluate::eval_replace) computes it,
/// when the vehicle type costs by distance only and there is no stability term; `None`
/// otherwise.
pub fn quick_splice(
    env: &Env,
    r: &RouteCache,
    i: usize,
    k: usize,
    inserted: &[Visit],
    reversed: bool,
) -> Option<Cost> {
    let p = env.problem;
    let v = priced_by_distance(env, r)?;
    let d = env.ctx.arcs(p, v.profile);
    // The break waits where the previous stop was: it adds no distance.
    let next = if matches!(r.visit(k), Some(Visit::Break)) {
        k + 1
    } else {
        k
    };
    let symmetric = env.ctx.symmetric[v.profile.index()];
    let mut at = r.loc[i];
    let mut dist = 0i64;
    let mut step = |x: &Visit| {
        let loc = match *x {
            Visit::Site(s) => p.site(s).location,
            Visit::Facility(f) => p.facility(f).location,
            Visit::Break => return,
        };
        // Read from the inserted visit's row when that is the same (see `eval_replace`).
        dist += if symmetric {
            d.distance(loc, at)
        } else {
            d.distance(at, loc)
        }
        .get();
        at = loc;
    };
    if reversed {
        inserted.iter().rev().for_each(&mut step);
    } else {
        inserted.iter().for_each(&mut step);
    }
    dist += d.distance(at, r.loc[next]).get() - (r.cum_dist[next] - r.cum_dist[i]).get();
    Some(Cost(v.cost_per_distance.get() * dist))
}

/// The vehicle type of `r` when a change to `r` costs exactly its distance change (no cost
/// per duration, no stability term, `r` not empty): the condition of the quick tests.
fn priced_by_distance<'p>(env: &Env<'p>, r: &RouteCache) -> Option<&'p VehicleType> {
    let v = env.problem.vehicle_type(r.vt);
    let by_distance = v.cost_per_duration == Cost::ZERO && env.stability_weight == Cost::ZERO;
    (by_distance && !r.is_empty()).then_some(v)
}

/// [`quick_splice`] where the inserted visits are stops `first..first + len` of route
/// `src` (all sites, as [`site_run`] checks): their inner distance is a difference of
/// `src`'s prefix sums, so the cost is known in O(1) instead of a walk along the stretch
/// (read backwards when `reversed`, which needs symmetric matrices). Same result as
/// [`quick_splice`].
#[allow(clippy::too_many_arguments)]
pub fn quick_splice_run(
    env: &Env,
    r: &RouteCache,
    i: usize,
    k: usize,
    src: &RouteCache,
    first: usize,
    len: usize,
    reversed: bool,
) -> Option<Cost> {
    let p = env.problem;
    let v = priced_by_distance(env, r)?;
    let profile = v.profile;
    if len == 0
        || p.vehicle_type(src.vt).profile != profile
        || (reversed && !env.ctx.symmetric[profile.index()])
    {
        let run = src.visits.get(first.checked_sub(1)?..first - 1 + len)?;
        return quick_splice(env, r, i, k, run, reversed);
    }
    let d = env.ctx.arcs(p, profile);
    let next = if matches!(r.visit(k), Some(Visit::Break)) {
        k + 1
    } else {
        k
    };
    let last = first + len - 1;
    let (head, tail) = if reversed {
        (src.loc[last], src.loc[first])
    } else {
        (src.loc[first], src.loc[last])
    };
    let inner = (src.cum_dist[last] - src.cum_dist[first]).get();
    // With symmetric matrices the arc into the run is read from its head's row, which
    // stays in cache while the same run is tried at many places.
    let into = if env.ctx.symmetric[profile.index()] {
        d.distance(head, r.loc[i])
    } else {
        d.distance(r.loc[i], head)
    };
    let dist = into.get() + inner + d.distance(tail, r.loc[next]).get()
        - (r.cum_dist[next] - r.cum_dist[i]).get();
    Some(Cost(v.cost_per_distance.get() * dist))
}

/// Stops `first..first + len` of route `slot` when they are all sites.
pub fn site_run(st: &State, slot: usize, first: usize, len: usize) -> Option<&[Visit]> {
    let run = st.routes[slot]
        .visits
        .get(first.checked_sub(1)?..first - 1 + len)?;
    sites_only(run).then_some(run)
}

/// The total of two routes' changes and a stability change.
pub fn splice_cost(a: Delta, b: Delta, stability: Cost) -> Delta {
    Delta {
        cost: a.cost + b.cost + stability,
        distance: a.distance + b.distance,
    }
}

/// Applies `changes` (new visits per route; slots differ) when every
/// changed route is feasible (verified in full when the context asks for it, facility
/// capacities over all changed routes together) and the exact cost of the changed routes,
/// stability included, falls. Returns whether it did; nothing changes otherwise.
pub fn commit(env: &Env, st: &mut State, mut changes: Vec<(usize, Vec<Visit>)>) -> bool {
    if changes.is_empty() {
        return false;
    }
    // Only a route left without sites is tidied (cleared). Facility visits that now close
    // empty trips stay: dropping one can move the break's place (it waits where the
    // previous stop was) and so break a window; `improve_facilities` drops them when the
    // exact check allows.
    for (_, visits) in &mut changes {
        if !visits.iter().any(|x| matches!(x, Visit::Site(_))) {
            visits.clear();
        }
    }
    if env.ctx.needs_verify {
        let refs: Vec<(usize, &[Visit])> =
            changes.iter().map(|(s, v)| (*s, v.as_slice())).collect();
        if !st.verify_routes(env, &refs) {
            return false;
        }
    }
    let slots: SmallVec<[usize; 2]> = changes.iter().map(|(s, _)| *s).collect();
    let before = exact_cost(env, st, &slots);
    let old: Vec<(usize, Vec<Visit>)> = slots
        .iter()
        .map(|&s| (s, st.routes[s].visits.clone()))
        .collect();
    set_all(env, st, changes);
    let feasible = slots.iter().all(|&s| st.routes[s].feasible);
    debug_assert!(
        feasible,
        "a local-search move the checks passed is infeasible: {old:?}"
    );
    if !feasible || exact_cost(env, st, &slots) >= before {
        set_all(env, st, old);
        return false;
    }
    for &slot in &slots {
        improve_facilities(env, st, slot);
    }
    true
}

/// Sets the visits of several routes. [`State::set_visits`] marks the sites of a route's
/// old visits as unassigned, so sites that moved into a route set earlier are marked again.
fn set_all(env: &Env, st: &mut State, changes: Vec<(usize, Vec<Visit>)>) {
    let slots: SmallVec<[usize; 2]> = changes.iter().map(|(s, _)| *s).collect();
    for (slot, visits) in changes {
        st.set_visits(env, slot, visits);
    }
    for &slot in &slots {
        for x in &st.routes[slot].visits {
            if let Visit::Site(s) = x {
                st.route_of[s.index()] = slot as u32;
            }
        }
    }
}

/// Cost of routes `slots` plus the stability term of their sites.
fn exact_cost(env: &Env, st: &State, slots: &[usize]) -> Cost {
    let mut cost = Cost::ZERO;
    for &slot in slots {
        let r = &st.routes[slot];
        cost += r.cost;
        if env.stability_weight > Cost::ZERO {
            for x in &r.visits {
                if let Visit::Site(s) = x {
                    cost += env.stability(*s, Some(slot));
                }
            }
        }
    }
    cost
}

/// Runs one descent from the sites `focus` (those a step reinserted, say; every site
/// for a descent from scratch), with routes `changed` counting as changed, then
/// intra-route 2-opt on those routes and on every route the descent changed.
pub fn descend(
    env: &Env,
    st: &mut State,
    focus: &[SiteIdx],
    changed: &[usize],
    params: &Params,
) -> Outcome {
    let mut d = Descent::new(env, st, changed, *params);
    for &s in focus {
        d.push(s);
    }
    d.run(st);
    for slot in 0..st.routes.len() {
        if d.mem.modified[slot] >= d.base {
            two_opt::two_opt(env, st, slot);
        }
    }
    let outcome = Outcome {
        moves: d.moves,
        work: d.work,
    };
    st.descent_scratch = d.into_scratch();
    outcome
}

/// The memory of the descent's bookkeeping, kept in the [`State`] from one descent to the
/// next so that each descent costs what it looks at, not the size of the problem. Entries
/// left from earlier descents are told apart by a counter that only grows: any count
/// below the current descent's `base` means "not in this descent".
#[derive(Debug, Default)]
pub struct Scratch {
    /// Stop of each assigned site in its route (valid for the routes noted in this
    /// descent, see `pos_noted`).
    pos: Vec<u32>,
    /// The update count when each route's positions were last noted.
    pos_noted: Vec<u64>,
    /// The update count when each route last changed (below `base`: not in this descent).
    modified: Vec<u64>,
    /// The update count when each site's pairs were last tested (below `base`: not yet).
    tested: Vec<u64>,
    /// Sites whose pairs are to be tested, first in first out.
    queue: VecDeque<SiteIdx>,
    queued: Vec<bool>,
    /// The update count: one more for every applied move, never reset.
    counter: u64,
    buf: Vec<Visit>,
}

impl Clone for Scratch {
    /// Scratch memory is not part of the state: a copy starts empty.
    fn clone(&self) -> Self {
        Scratch::default()
    }
}

/// The bookkeeping of one descent.
struct Descent<'e, 'a> {
    env: &'e Env<'a>,
    params: Params,
    /// The first update count of this descent; smaller counts are from earlier ones.
    base: u64,
    /// The memory lent by the state for this descent.
    mem: Scratch,
    work: u64,
    moves: u32,
}

impl<'e, 'a> Descent<'e, 'a> {
    fn new(env: &'e Env<'a>, st: &mut State, changed: &[usize], params: Params) -> Self {
        let n = env.problem.sites().len();
        let slots = st.routes.len();
        let mut s = std::mem::take(&mut st.descent_scratch);
        s.pos.resize(n, 0);
        s.tested.resize(n, 0);
        s.queued.resize(n, false);
        s.pos_noted.resize(slots, 0);
        s.modified.resize(slots, 0);
        // A descent stopped by its work cap leaves sites queued.
        while let Some(u) = s.queue.pop_front() {
            s.queued[u.index()] = false;
        }
        let base = s.counter + 1;
        s.counter = base;
        let mut d = Descent {
            env,
            params,
            base,
            mem: s,
            work: 0,
            moves: 0,
        };
        for &slot in changed {
            d.mem.modified[slot] = base;
        }
        d
    }

    /// Gives the memory back for the next descent.
    fn into_scratch(self) -> Scratch {
        self.mem
    }

    fn push(&mut self, s: SiteIdx) {
        if !std::mem::replace(&mut self.mem.queued[s.index()], true) {
            self.mem.queue.push_back(s);
        }
    }

    fn note_positions(&mut self, st: &State, slot: usize) {
        self.mem.pos_noted[slot] = self.mem.counter;
        for (j, x) in st.routes[slot].visits.iter().enumerate() {
            if let Visit::Site(s) = x {
                self.mem.pos[s.index()] = (j + 1) as u32;
            }
        }
    }

    /// Notes the positions in route `slot` unless this descent already has.
    fn ensure_positions(&mut self, st: &State, slot: usize) {
        if self.mem.pos_noted[slot] < self.base {
            self.note_positions(st, slot);
        }
    }

    /// Tests the queued sites' pairs until the queue is empty or the work cap is reached.
    /// A pair is tested again only when the route of either site changed since its first
    /// site was last tested; a site is queued again when a move involves it.
    fn run(&mut self, st: &mut State) {
        while let Some(u) = self.mem.queue.pop_front() {
            self.mem.queued[u.index()] = false;
            if st.route_of[u.index()] == NO_ROUTE {
                continue;
            }
            let last = std::mem::replace(&mut self.mem.tested[u.index()], self.mem.counter)
                .max(self.base - 1);
            let near = &self.env.ctx.neighbours[u.index()];
            for &v in near.iter().take(self.params.neighbours) {
                if self.work >= self.params.max_work {
                    return;
                }
                let (ru, rv) = (st.route_of[u.index()], st.route_of[v.index()]);
                if rv == NO_ROUTE
                    || self.mem.modified[ru as usize].max(self.mem.modified[rv as usize]) <= last
                {
                    continue;
                }
                if self.try_pair(st, u, v) {
                    self.push(u);
                    self.push(v);
                }
            }
        }
    }

    /// Tries the moves of pair `(u, v)` in a fixed order; applies the first that lowers
    /// the cost.
    fn try_pair(&mut self, st: &mut State, u: SiteIdx, v: SiteIdx) -> bool {
        let (ru, rv) = (
            st.route_of[u.index()] as usize,
            st.route_of[v.index()] as usize,
        );
        self.ensure_positions(st, ru);
        self.ensure_positions(st, rv);
        let (pu, pv) = (
            self.mem.pos[u.index()] as usize,
            self.mem.pos[v.index()] as usize,
        );
        let mut moves: SmallVec<[Move; 24]> = SmallVec::new();
        for len in 1..=relocate::MAX_SEGMENT {
            for reversed in [false, true] {
                if reversed && len == 1 {
                    continue;
                }
                for after in [pv, pv - 1] {
                    moves.push(Move::Relocate(Relocate {
                        from: ru,
                        first: pu,
                        len,
                        reversed,
                        to: rv,
                        after,
                    }));
                }
            }
        }
        if ru != rv {
            for len_a in 1..=swap::MAX_SEGMENT {
                for len_b in 1..=swap::MAX_SEGMENT {
                    moves.push(Move::Swap(Swap {
                        u: ru,
                        a: pu,
                        len_a,
                        v: rv,
                        b: pv,
                        len_b,
                    }));
                }
            }
            for j in [pv, pv - 1] {
                moves.push(Move::SwapTails(SwapTails {
                    u: ru,
                    i: pu,
                    v: rv,
                    j,
                }));
            }
        }
        for m in moves {
            self.work += 1;
            if m.quick(self.env, st, &mut self.mem.buf)
                .is_some_and(|c| c >= Cost::ZERO)
            {
                continue;
            }
            let Some(delta) = m.evaluate(self.env, st, &mut self.mem.buf, &mut self.work) else {
                continue;
            };
            if delta.cost >= Cost::ZERO {
                continue;
            }
            let changes = m.apply(st);
            let slots: SmallVec<[usize; 2]> = changes.iter().map(|(s, _)| *s).collect();
            self.work += changes.iter().map(|(_, v)| v.len() as u64).sum::<u64>();
            if commit(self.env, st, changes) {
                self.mem.counter += 1;
                self.moves += 1;
                for &slot in &slots {
                    self.mem.modified[slot] = self.mem.counter;
                    self.note_positions(st, slot);
                }
                return true;
            }
        }
        false
    }
}
