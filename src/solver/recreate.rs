//! Recreate: put the sites of a ruin back, greedily one by one at their cheapest feasible
//! place with blinks in one of SISR's orders, or now and then by regret insertion. The
//! places themselves come from [`super::insertion`].

use super::insertion::{BLINK, insert_site, scans_every_route};
use super::state::{Env, State};
use crate::problem::SiteIdx;
use rand::Rng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

/// Probability that a recreate uses regret insertion instead of greedy insertion.
pub const REGRET_SHARE: f64 = 0.1;

/// Puts `sites` back: by regret-2 or regret-3 insertion with probability
/// [`REGRET_SHARE`], else greedily with blinks in one of SISR's orders. Sites that fit
/// nowhere join `st.unassigned`.
pub fn recreate(env: &Env, st: &mut State, mut sites: Vec<SiteIdx>, rng: &mut ChaCha8Rng) {
    if rng.random::<f64>() < REGRET_SHARE {
        let k = rng.random_range(2..=3);
        sites = super::regret::regret_insert(env, st, &sites, k, rng, BLINK);
    } else {
        order_for_insertion(env, &mut sites, rng);
    }
    for s in sites {
        if !insert_site(env, st, s, None, rng, BLINK) {
            if scans_every_route(env) {
                st.unfit.found_nowhere(s);
            }
            st.leave_out(env, s);
        }
    }
}

/// SISR's insertion orders: random, largest demand first, farthest first, closest first;
/// with optional sites, also highest missing cost first (required sites, then optional
/// ones by prize), one time in twelve.
pub fn order_for_insertion(env: &Env, sites: &mut [SiteIdx], rng: &mut ChaCha8Rng) {
    sites.shuffle(rng);
    let p = env.problem;
    let demand = |s: &SiteIdx| -> i64 { p.site(*s).demand.0.iter().map(|l| l.get()).sum() };
    // Without prizes the draw is SISR's, unchanged (same plans as before prizes existed).
    let orders = if env.has_prizes { 12 } else { 11 };
    match rng.random_range(0..orders) {
        0..4 => {}
        4..8 => sites.sort_by_key(|s| std::cmp::Reverse(demand(s))),
        8..10 => sites.sort_by_key(|s| std::cmp::Reverse(env.ctx.depot_distance[s.index()])),
        10 => sites.sort_by_key(|s| env.ctx.depot_distance[s.index()]),
        _ => sites.sort_by_key(|s| std::cmp::Reverse(env.missing_cost[s.index()])),
    }
}
