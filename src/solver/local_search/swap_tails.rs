//! 2-opt*: two routes exchange their tails. Route `u` keeps stops `..=i` and finishes with
//! what followed stop `j` in route `v`, and the other way round.
//!
//! Tails carry their facility visits along, so each trip's load, stream and closing
//! facility are checked by [`eval_replace`] against the receiving vehicle (its capacity,
//! matrices, eligibility, usable facilities and end-of-route rule). The break is the one
//! thing a tail must not take away or bring twice: each route must keep exactly as many
//! breaks as its vehicle type's rule asks for.

use super::{Delta, moved_stability, splice_cost};
use crate::solution::Visit;
use crate::solver::evaluate::eval_replace;
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

fn has_break(visits: &[Visit]) -> bool {
    visits.iter().any(|x| matches!(x, Visit::Break))
}

fn has_site(visits: &[Visit]) -> bool {
    visits.iter().any(|x| matches!(x, Visit::Site(_)))
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

/// The change of one side: keep `head`, append `tail`; a side left without sites is
/// cleared.
fn side(env: &Env, r: &RouteCache, i: usize, head_has_site: bool, tail: &[Visit]) -> Option<Delta> {
    if !head_has_site && !has_site(tail) {
        return Some(Delta {
            cost: Cost::ZERO - r.cost,
            distance: Distance::ZERO - r.distance,
        });
    }
    eval_replace(env.problem, &env.ctx, r, i, r.num_stops() - 1, tail)
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
    let (head_u, tail_u) = ru.visits.split_at(m.i);
    let (head_v, tail_v) = rv.visits.split_at(m.j);
    *work += (ru.visits.len() + rv.visits.len()) as u64;
    let (hu, tu, hv, tv) = (
        has_site(head_u),
        has_site(tail_u),
        has_site(head_v),
        has_site(tail_v),
    );
    let breaks_ok = |r: &RouteCache, head: &[Visit], tail: &[Visit], sites: bool| {
        let need = usize::from(p.vehicle_type(r.vt).break_rule.is_some());
        !sites || usize::from(has_break(head)) + usize::from(has_break(tail)) == need
    };
    if !breaks_ok(ru, head_u, tail_v, hu || tv) || !breaks_ok(rv, head_v, tail_u, hv || tu) {
        return None;
    }
    let du = side(env, ru, m.i, hu, tail_v)?;
    let dv = side(env, rv, m.j, hv, tail_u)?;
    let stability = moved_stability(env, tail_u, m.u, m.v) + moved_stability(env, tail_v, m.v, m.u);
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
