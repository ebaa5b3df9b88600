//! 2-opt*: two routes exchange their tails. Route `u` keeps stops `..=i` and finishes with
//! what followed stop `j` in route `v`, and the other way round.
//!
//! Tails carry their facility visits along, so each trip's load, stream and closing
//! facility are checked against the receiving vehicle (its capacity, matrices,
//! eligibility, usable facilities and end-of-route rule). The break is the one thing a
//! tail must not take away or bring twice: each route must keep exactly as many breaks as
//! its vehicle type's rule asks for.
//!
//! Each side is evaluated by [`eval_join`]: in constant time from the routes' cached
//! prefix and suffix summaries when both routes have the same vehicle type (and the tail
//! has no stop with several time windows, when the type costs per duration); otherwise by
//! [`eval_replace`](crate::solver::evaluate::eval_replace) walking the other route's tail,
//! O(tail length). Which sides hold sites and breaks is read from the caches in O(1).
//! What stays linear: the stability term ([`moved_stability`], only when it has a weight)
//! and the departure from the kept head when the joined trip's release moves it
//! ([`departure_with_release`](crate::solver::evaluate::departure_with_release)). The
//! work counter still charges both routes' lengths, the unit the descent's cap is set in,
//! so that plans do not change with the evaluation's speed.

use super::{Delta, moved_stability, splice_cost};
use crate::solution::Visit;
use crate::solver::evaluate::eval_join;
use crate::solver::route::RouteCache;
use crate::solver::state::{Env, State};
use crate::units::{Cost, Distance};

/// Route `u` keeps stops `..=i` and takes the tail after stop `j` of route `v`; route `v`
/// keeps stops `..=j` and takes the tail after stop `i` of route `u`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SwapTails {
    /// The first route.
    pub u: usize,
    /// Its last kept stop.
    pub i: usize,
    /// The second route.
    pub v: usize,
    /// Its last kept stop.
    pub j: usize,
}

/// Whether stops `1..=i` of `r` (its head) and stops after `i` (its tail) hold a site, and
/// a break.
struct Split {
    head_site: bool,
    tail_site: bool,
    head_break: bool,
    tail_break: bool,
}

fn split(r: &RouteCache, i: usize) -> Split {
    Split {
        head_site: r.cum_sites[i] > 0,
        tail_site: r.sites > r.cum_sites[i],
        head_break: r.first_break <= i,
        tail_break: r.last_break > i,
    }
}

/// The first stop after `i` that is not the break (the next place driven to).
fn next_place(r: &RouteCache, i: usize) -> usize {
    if matches!(r.visit(i + 1), Some(Visit::Break)) {
        i + 2
    } else {
        i + 1
    }
}

/// The exact cost change in O(1) when it is a matter of distance alone (both routes cost
/// by distance only, share a matrix and an end depot, no stability term, both keep a
/// head); `None` otherwise. Feasibility is not looked at.
pub fn quick(env: &Env, st: &State, m: &SwapTails) -> Option<Cost> {
    let p = env.problem;
    let (ru, rv) = (&st.routes[m.u], &st.routes[m.v]);
    if m.u == m.v || m.i == 0 || m.j == 0 || m.i + 1 >= ru.num_stops() || m.j + 1 >= rv.num_stops()
    {
        return None;
    }
    let (vu, vv) = (p.vehicle_type(ru.vt), p.vehicle_type(rv.vt));
    let comparable = vu.profile == vv.profile
        && vu.end_depot == vv.end_depot
        && vu.cost_per_duration == Cost::ZERO
        && vv.cost_per_duration == Cost::ZERO
        && vu.cost_per_distance == vv.cost_per_distance
        && env.stability_weight == Cost::ZERO;
    if !comparable {
        return None;
    }
    let d = env.ctx.arcs(p, vu.profile);
    let (nu, nv) = (next_place(ru, m.i), next_place(rv, m.j));
    let (a, b) = (ru.loc[m.i], rv.loc[m.j]);
    let delta = d.distance(a, rv.loc[nv]).get() + d.distance(b, ru.loc[nu]).get()
        - (ru.cum_dist[nu] - ru.cum_dist[m.i]).get()
        - (rv.cum_dist[nv] - rv.cum_dist[m.j]).get();
    Some(Cost(delta * vu.cost_per_distance.get()))
}

/// The change of one side: `r` keeps stops `..=i` and takes the stops of `from` after
/// `j`; a side left without sites (`sites` false) is cleared.
fn side(
    env: &Env,
    r: &RouteCache,
    i: usize,
    from: &RouteCache,
    j: usize,
    sites: bool,
) -> Option<Delta> {
    if !sites {
        return Some(Delta {
            cost: Cost::ZERO - r.cost,
            distance: Distance::ZERO - r.distance,
        });
    }
    eval_join(env.problem, &env.ctx, r, i, from, j)
}

/// Estimated change of the objective, or `None` when the move breaks a rule or is not
/// well formed.
pub fn evaluate(env: &Env, st: &State, m: &SwapTails, work: &mut u64) -> Option<Delta> {
    if m.u == m.v {
        return None;
    }
    let p = env.problem;
    let (ru, rv) = (&st.routes[m.u], &st.routes[m.v]);
    if ru.is_empty() || rv.is_empty() || m.i + 1 >= ru.num_stops() || m.j + 1 >= rv.num_stops() {
        return None;
    }
    // Charged as when the tails were walked: the descent's work cap is set in stops.
    *work += (ru.visits.len() + rv.visits.len()) as u64;
    let (su, sv) = (split(ru, m.i), split(rv, m.j));
    // Each new route: a head of one and the tail of the other.
    let (sites_u, sites_v) = (su.head_site || sv.tail_site, sv.head_site || su.tail_site);
    let breaks_ok = |r: &RouteCache, head_break: bool, tail_break: bool, sites: bool| {
        let need = usize::from(p.vehicle_type(r.vt).break_rule.is_some());
        !sites || usize::from(head_break) + usize::from(tail_break) == need
    };
    if !breaks_ok(ru, su.head_break, sv.tail_break, sites_u)
        || !breaks_ok(rv, sv.head_break, su.tail_break, sites_v)
    {
        return None;
    }
    let du = side(env, ru, m.i, rv, m.j, sites_u)?;
    let dv = side(env, rv, m.j, ru, m.i, sites_v)?;
    let stability = if env.stability_weight > Cost::ZERO {
        moved_stability(env, &ru.visits[m.i..], m.u, m.v)
            + moved_stability(env, &rv.visits[m.j..], m.v, m.u)
    } else {
        Cost::ZERO
    };
    Some(splice_cost(du, dv, stability))
}

/// The new visits of both routes.
pub fn apply(st: &State, m: &SwapTails) -> Vec<(usize, Vec<Visit>)> {
    let (ru, rv) = (&st.routes[m.u], &st.routes[m.v]);
    if m.u == m.v || m.i > ru.visits.len() || m.j > rv.visits.len() {
        return Vec::new();
    }
    let (head_u, tail_u) = ru.visits.split_at(m.i);
    let (head_v, tail_v) = rv.visits.split_at(m.j);
    let u = [head_u, tail_v].concat();
    let v = [head_v, tail_u].concat();
    vec![(m.u, u), (m.v, v)]
}
