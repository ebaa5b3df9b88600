//! Optional sites: exchanging a left-out site with a served one in place (PyVRP's
//! "replace" move on the null route, Vidal's HGS for prize-collecting variants).
//!
//! Why: when the routes are full (type-2 Gehring–Homberger instances: few long routes
//! whose capacity binds), neither one-site insertion (no room) nor
//! [`drop_unprofitable`](super::prizes::drop_unprofitable) (the site pays its detour) can
//! change which sites fill the capacity. Swapping a site for a left-out neighbour with a
//! better prize for the same room is the knapsack step they miss.

use super::evaluate::eval_replace;
use super::state::{Env, NO_ROUTE, State};
use crate::problem::SiteIdx;
use crate::solution::Visit;
use crate::units::Cost;

/// How many of each left-out site's nearest sites are tried as the site it replaces.
pub const SWAP_NEIGHBOURS: usize = 16;

/// A left-out site `out` taking the place of the served site at stop `stop` of route
/// `slot`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exchange {
    /// The left-out site that goes in.
    pub out: SiteIdx,
    /// The route.
    pub slot: usize,
    /// The stop (1-based as in [`RouteCache`](super::route::RouteCache)) of the site that
    /// leaves.
    pub stop: usize,
}

/// The estimated change of the objective when `m` is applied: the route's cost change,
/// plus the missing cost of the site that leaves, less that of the site that comes in,
/// plus the stability change. `None` when the new route would break a rule.
pub fn gain_of(env: &Env, st: &State, m: &Exchange) -> Option<Cost> {
    let p = env.problem;
    let r = &st.routes[m.slot];
    let Some(Visit::Site(leaving)) = r.visit(m.stop) else {
        return None;
    };
    if !env.ctx.eligible[m.out.index()][r.vt.index()] {
        return None;
    }
    let d = eval_replace(
        p,
        &env.ctx,
        r,
        m.stop - 1,
        m.stop + 1,
        &[Visit::Site(m.out)],
    )?;
    let stability = env.stability(m.out, Some(m.slot)) - env.stability(m.out, None)
        + env.stability(leaving, None)
        - env.stability(leaving, Some(m.slot));
    Some(d.cost + env.missing_cost[leaving.index()] - env.missing_cost[m.out.index()] + stability)
}

/// For each left-out site (in the order of `st.unassigned`), the best in-place exchange
/// with one of its [`SWAP_NEIGHBOURS`] nearest served sites that lowers the objective,
/// applied after an exact check. Returns how many exchanges were made.
///
/// O(served sites) to note every site's stop, then O(left-out sites ×
/// [`SWAP_NEIGHBOURS`]) constant-time evaluations, plus a route rebuild per exchange.
pub fn swap_left_out(env: &Env, st: &mut State) -> usize {
    if !env.has_prizes || st.unassigned.is_empty() {
        return 0;
    }
    let mut stops = vec![0u32; env.problem.sites().len()];
    for r in &st.routes {
        note_stops(r, &mut stops);
    }
    let mut done = 0;
    let candidates = st.unassigned.clone();
    for out in candidates {
        if st.route_of[out.index()] != NO_ROUTE {
            continue;
        }
        let Some(m) = best_exchange(env, st, out, &stops) else {
            continue;
        };
        if apply(env, st, &m) {
            // The site that came in takes the stop of the one that left; no other moves.
            stops[out.index()] = m.stop as u32;
            done += 1;
        }
    }
    done
}

/// Notes in `stops` the stop of every site of route `r` (1-based, as in
/// [`RouteCache::visit`](super::route::RouteCache::visit)).
pub fn note_stops(r: &super::route::RouteCache, stops: &mut [u32]) {
    for (j, x) in r.visits.iter().enumerate() {
        if let Visit::Site(s) = x {
            stops[s.index()] = (j + 1) as u32;
        }
    }
}

/// The exchange for left-out site `out` with the largest estimated gain, if one gains;
/// `stops` holds the stop of every served site ([`note_stops`]).
pub fn best_exchange(env: &Env, st: &State, out: SiteIdx, stops: &[u32]) -> Option<Exchange> {
    let mut best: Option<(Cost, Exchange)> = None;
    for &v in env.ctx.neighbours[out.index()].iter().take(SWAP_NEIGHBOURS) {
        let slot = st.route_of[v.index()];
        if slot == NO_ROUTE {
            continue;
        }
        let m = Exchange {
            out,
            slot: slot as usize,
            stop: stops[v.index()] as usize,
        };
        if st.routes[m.slot].visit(m.stop) != Some(Visit::Site(v)) {
            debug_assert!(false, "stale stop of {v:?}");
            continue;
        }
        if let Some(g) = gain_of(env, st, &m)
            && g < Cost::ZERO
            && best.is_none_or(|(b, _)| g < b)
        {
            best = Some((g, m));
        }
    }
    best.map(|(_, m)| m)
}

/// Applies `m` when the exact new route is feasible and the objective falls; returns
/// whether it did.
pub fn apply(env: &Env, st: &mut State, m: &Exchange) -> bool {
    let p = env.problem;
    let r = &st.routes[m.slot];
    let Some(Visit::Site(leaving)) = r.visit(m.stop) else {
        return false;
    };
    let mut visits = r.visits.clone();
    visits[m.stop - 1] = Visit::Site(m.out);
    let mut trial = r.clone();
    trial.visits.clone_from(&visits);
    trial.update_with(p, env.ctx.arcs(p, p.vehicle_type(trial.vt).profile));
    let stability = env.stability(m.out, Some(m.slot)) - env.stability(m.out, None)
        + env.stability(leaving, None)
        - env.stability(leaving, Some(m.slot));
    let change = trial.cost - r.cost + env.missing_cost[leaving.index()]
        - env.missing_cost[m.out.index()]
        + stability;
    if !trial.feasible
        || change >= Cost::ZERO
        || (env.ctx.needs_verify && !st.verify(env, m.slot, &visits))
    {
        return false;
    }
    st.set_visits(env, m.slot, visits);
    st.take_back(env, m.out);
    st.leave_out(env, leaving);
    true
}
