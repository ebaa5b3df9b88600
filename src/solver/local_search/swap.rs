//! Swap and segment exchange: two routes trade a segment of one or two consecutive sites
//! each (1-1, 1-2, 2-1 and 2-2 exchanges), each segment taking the other's place.

use super::{Delta, Segment, moved_stability, quick_splice_run, site_run, splice_cost};
use crate::solution::Visit;
use crate::solver::evaluate::eval_replace;
use crate::solver::insertion::spliced;
use crate::solver::state::{Env, State};
use crate::units::Cost;

/// Longest segment exchanged.
pub const MAX_SEGMENT: usize = 2;

/// Exchange stops `a..a + len_a` of route `u` with stops `b..b + len_b` of route `v`
/// (different routes, sites only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Swap {
    /// The first route.
    pub u: usize,
    /// First stop of its segment.
    pub a: usize,
    /// Length of its segment.
    pub len_a: usize,
    /// The second route.
    pub v: usize,
    /// First stop of its segment.
    pub b: usize,
    /// Length of its segment.
    pub len_b: usize,
}

fn segment(st: &State, slot: usize, first: usize, len: usize) -> Option<Segment> {
    Some(site_run(st, slot, first, len)?.iter().copied().collect())
}

/// The exact cost change when distance alone decides it (see [`super::quick_splice`]), else
/// `None`. Feasibility is not looked at.
pub fn quick(env: &Env, st: &State, m: &Swap) -> Option<Cost> {
    if m.u == m.v {
        return None;
    }
    site_run(st, m.u, m.a, m.len_a)?;
    site_run(st, m.v, m.b, m.len_b)?;
    let (ru, rv) = (&st.routes[m.u], &st.routes[m.v]);
    Some(
        quick_splice_run(env, ru, m.a - 1, m.a + m.len_a, rv, m.b, m.len_b, false)?
            + quick_splice_run(env, rv, m.b - 1, m.b + m.len_b, ru, m.a, m.len_a, false)?,
    )
}

/// Estimated change of the objective, or `None` when the move breaks a rule or is not
/// well formed.
pub fn evaluate(env: &Env, st: &State, m: &Swap, work: &mut u64) -> Option<Delta> {
    if m.u == m.v || m.len_a == 0 || m.len_b == 0 {
        return None;
    }
    let p = env.problem;
    let seg_a = segment(st, m.u, m.a, m.len_a)?;
    let seg_b = segment(st, m.v, m.b, m.len_b)?;
    *work += 2 + (m.len_a + m.len_b) as u64;
    let (ru, rv) = (&st.routes[m.u], &st.routes[m.v]);
    let du = eval_replace(p, &env.ctx, ru, m.a - 1, m.a + m.len_a, &seg_b)?;
    let dv = eval_replace(p, &env.ctx, rv, m.b - 1, m.b + m.len_b, &seg_a)?;
    let stability = moved_stability(env, &seg_a, m.u, m.v) + moved_stability(env, &seg_b, m.v, m.u);
    Some(splice_cost(du, dv, stability))
}

/// The new visits of both routes.
pub fn apply(st: &State, m: &Swap) -> Vec<(usize, Vec<Visit>)> {
    if m.u == m.v {
        return Vec::new();
    }
    let (Some(seg_a), Some(seg_b)) = (
        segment(st, m.u, m.a, m.len_a),
        segment(st, m.v, m.b, m.len_b),
    ) else {
        return Vec::new();
    };
    let u = spliced(&st.routes[m.u].visits, m.a - 1, m.a + m.len_a, &seg_b);
    let v = spliced(&st.routes[m.v].visits, m.b - 1, m.b + m.len_b, &seg_a);
    vec![(m.u, u), (m.v, v)]
}
