//! Intra-route 2-opt: reverse a stretch of a route when that shortens it. Run on the
//! routes a ruin-and-recreate step changed, so that greedy insertion does not leave
//! crossings for later iterations to untangle.
//!
//! The distance change of a reversal is computed in O(1) (symmetric matrices only); a
//! shorter candidate is then checked by [`eval_reversal`] in O(reversed length): exact for
//! feasibility (time windows, trips, breaks, release times) and, when the vehicle type has
//! no cost per duration, for the cost. Only where that check is not the whole truth (a
//! cost per duration, or a context that [needs verifying](crate::solver::context::Context))
//! is the candidate also simulated in full before it is kept.

use crate::problem::{LocationIdx, Problem};
use crate::solution::Visit;
use crate::solver::arcs::Arcs;
use crate::solver::context::Context;
use crate::solver::evaluate::{Delta, eval_replace};
use crate::solver::route::RouteCache;
use crate::solver::state::{Env, State};
use crate::units::{Cost, Distance};

/// Most shorter reversals checked per route and call (bounds the work on tight routes).
const MAX_VERIFIED: usize = 50;

/// The change of reversing stops `lo..=hi` of `r` (`1 <= lo < hi <= n - 2`, no break
/// among them), as [`eval_replace`] computes it, or `None` when the result breaks a rule.
/// `buf` is scratch space for the reversed stretch.
pub fn eval_reversal(
    problem: &Problem,
    ctx: &Context,
    r: &RouteCache,
    lo: usize,
    hi: usize,
    buf: &mut Vec<Visit>,
) -> Option<Delta> {
    buf.clear();
    buf.extend(r.visits[lo - 1..hi].iter().rev().copied());
    eval_replace(problem, ctx, r, lo - 1, hi + 1, buf)
}

/// Pushes onto `gains`, for each `hi` in `lo + 1..end`, the length of the two arcs that
/// reversing stops `lo..=hi` adds minus the arc out of `hi` it removes. Generic over the
/// lookup so that each matrix layout gets a loop without branches.
fn gather(
    gains: &mut Vec<i64>,
    r: &RouteCache,
    lo: usize,
    end: usize,
    d: impl Fn(LocationIdx, LocationIdx) -> Distance,
) {
    let (a, first) = (r.loc[lo - 1], r.loc[lo]);
    gains.extend((lo + 1..end).map(|hi| {
        let arc_out = r.cum_dist[hi + 1].get() - r.cum_dist[hi].get();
        d(a, r.loc[hi]).get() + d(first, r.loc[hi + 1]).get() - arc_out
    }));
}

/// Improves route `slot` by first-improvement 2-opt until no reversal helps.
pub fn two_opt(env: &Env, st: &mut State, slot: usize) {
    let p = env.problem;
    let r = &st.routes[slot];
    if r.visits.len() < 3 {
        return;
    }
    let v = p.vehicle_type(r.vt);
    if !env.ctx.symmetric[v.profile.index()] || v.cost_per_distance.get() <= 0 {
        return;
    }
    // Without a cost per duration the fast check's cost is exact; otherwise, or when the
    // context asks for it, a candidate the fast check passes is simulated in full.
    let fast_is_exact = v.cost_per_duration == Cost::ZERO && !env.ctx.needs_verify;
    let arcs = env.ctx.arcs(p, v.profile);
    let mut verified = 0;
    let mut buf = Vec::new();
    let mut gains: Vec<i64> = Vec::new();
    'outer: loop {
        let r = &st.routes[slot];
        let n = r.num_stops();
        // Reverse stops lo..=hi (1 <= lo < hi <= n - 2); no break inside or right after.
        for lo in 1..n - 2 {
            if matches!(r.visit(lo), Some(Visit::Break)) {
                continue;
            }
            // The reversal stops before the next break and must not end right before it.
            let end = match (lo + 1..n - 1).find(|&j| matches!(r.visit(j), Some(Visit::Break))) {
                Some(brk) => brk - 1,
                None => n - 1,
            };
            // Arcs of the route come from its prefix sums (stop `lo` is not the break, so
            // the arc into it starts at `loc[lo - 1]`); only the two new arcs are looked
            // up, in the rows of stops `lo - 1` and `lo`. They are gathered first, in a loop
            // without branches, so that the processor overlaps the cache misses.
            let arc_in = r.cum_dist[lo].get() - r.cum_dist[lo - 1].get();
            gains.clear();
            match arcs {
                Arcs::Compact(c) => gather(&mut gains, r, lo, end, |x, y| c.distance(x, y)),
                Arcs::Wide { m, .. } => gather(&mut gains, r, lo, end, |x, y| m.distance.get(x, y)),
            }
            for (hi, gain) in (lo + 1..end).zip(gains.iter()) {
                let delta = gain - arc_in;
                if delta >= 0 {
                    continue;
                }
                if verified >= MAX_VERIFIED {
                    break 'outer;
                }
                verified += 1;
                let Some(d) = eval_reversal(p, &env.ctx, r, lo, hi, &mut buf) else {
                    continue;
                };
                if fast_is_exact {
                    if d.cost < Cost::ZERO {
                        let mut visits = r.visits.clone();
                        visits[lo - 1..hi].reverse();
                        st.set_visits(env, slot, visits);
                        continue 'outer;
                    }
                    continue;
                }
                let mut visits = r.visits.clone();
                visits[lo - 1..hi].reverse();
                let mut trial: RouteCache = r.clone();
                trial.visits = visits;
                trial.update_with(p, arcs);
                if trial.feasible
                    && trial.cost < r.cost
                    && (!env.ctx.needs_verify || st.verify(env, slot, &trial.visits))
                {
                    st.set_visits(env, slot, trial.visits);
                    continue 'outer;
                }
            }
        }
        break;
    }
}
