//! Intra-route 2-opt: reverse a stretch of a route when that shortens it. Run on the
//! routes a ruin-and-recreate step changed, so that greedy insertion does not leave
//! crossings for later iterations to untangle.
//!
//! The distance change of a reversal is computed in O(1) (symmetric matrices only); a
//! shorter candidate is then simulated in full and kept only when it is feasible and its
//! exact cost is lower, so time windows, trips and breaks are always respected.

use crate::solution::Visit;
use crate::solver::route::RouteCache;
use crate::solver::state::{Env, State};

/// Most reversals verified in full per route and call (bounds the work on tight routes).
const MAX_VERIFIED: usize = 50;

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
    let m = &p.profile(v.profile).distance;
    let mut verified = 0;
    'outer: loop {
        let r = &st.routes[slot];
        let n = r.num_stops();
        // Reverse stops lo..=hi (1 <= lo < hi <= n - 2); no break inside or right after.
        for lo in 1..n - 2 {
            if matches!(r.visit(lo), Some(Visit::Break)) {
                continue;
            }
            let a = r.loc[lo - 1];
            let first = r.loc[lo];
            for hi in lo + 1..n - 1 {
                if matches!(r.visit(hi), Some(Visit::Break)) {
                    break;
                }
                if matches!(r.visit(hi + 1), Some(Visit::Break)) {
                    continue;
                }
                let last = r.loc[hi];
                let b = r.loc[hi + 1];
                let delta = m.get(a, last).get() + m.get(first, b).get()
                    - m.get(a, first).get()
                    - m.get(last, b).get();
                if delta >= 0 {
                    continue;
                }
                if verified >= MAX_VERIFIED {
                    break 'outer;
                }
                verified += 1;
                let mut visits = r.visits.clone();
                visits[lo - 1..hi].reverse();
                let mut trial: RouteCache = r.clone();
                trial.visits = visits;
                trial.update(p);
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
