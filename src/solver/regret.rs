//! Regret insertion (Potvin & Rousseau 1993; Ropke & Pisinger 2006): put back first the
//! site that would lose most by waiting, measured as the sum of the differences between
//! its best place and its next `k − 1` best places in other routes. It looks further
//! ahead than greedy insertion and is used instead of it now and then.
//!
//! Places are found by [`best_candidate`] one route at a time, so regret insertion opens
//! trips with facility visits, places breaks and verifies moves in full exactly as greedy
//! insertion does. Each site's best place per route is cached; after an insertion only the
//! changed route is looked at again.

use super::insertion::{
    Candidate, Scope, apply, best_candidate, first_empty, near_routes, spliced,
};
use super::state::{Env, State};
use crate::problem::SiteIdx;
use crate::units::Cost;
use rand_chacha::ChaCha8Rng;

/// One site still to insert and its best place in each route it looks at.
struct Pending {
    site: SiteIdx,
    /// `(slot, best place in that route)`; `None` when the route cannot take the site.
    places: Vec<(usize, Option<Candidate>)>,
}

/// Inserts `sites` by regret-`k` (`k ≥ 2`) and returns those that fit nowhere, in the
/// order they were given. Each site looks at the routes of its nearest sites, one empty
/// vehicle per type and every route changed during the call.
pub fn regret_insert(
    env: &Env,
    st: &mut State,
    sites: &[SiteIdx],
    k: usize,
    rng: &mut ChaCha8Rng,
    blink: f64,
) -> Vec<SiteIdx> {
    let mut pending: Vec<Pending> = sites
        .iter()
        .map(|&site| {
            let places = near_routes(env, st, site)
                .into_iter()
                .map(|slot| (slot, place(env, st, site, slot, rng, blink)))
                .collect();
            Pending { site, places }
        })
        .collect();
    let mut unplaced = Vec::new();
    while !pending.is_empty() {
        let pick = (0..pending.len())
            .min_by_key(|&j| urgency(&pending[j], k))
            .expect("not empty");
        let Pending { site, places } = pending.swap_remove(pick);
        let best = places
            .into_iter()
            .filter_map(|(_, c)| c)
            .min_by_key(|c| (c.cost, c.slot));
        let Some(c) = best else {
            unplaced.push(site);
            continue;
        };
        if env.ctx.verify_always {
            // Facility daily capacities tie routes together: a place verified before
            // another route changed may no longer hold. Check again, and on failure look
            // at every route afresh (the new places are verified against today's state).
            let visits = spliced(&st.routes[c.slot].visits, c.i, c.i + 1, &c.inserted);
            if !st.verify(env, c.slot, &visits) {
                let places = near_routes(env, st, site)
                    .into_iter()
                    .map(|slot| (slot, place(env, st, site, slot, rng, blink)))
                    .collect();
                pending.push(Pending { site, places });
                continue;
            }
        }
        let opened = st.routes[c.slot].is_empty();
        apply(env, st, &c);
        let mut changed = vec![c.slot];
        if opened {
            changed.extend(first_empty(env, st, env.slots[c.slot].0));
        }
        for p in &mut pending {
            for &slot in &changed {
                let fresh = place(env, st, p.site, slot, rng, blink);
                match p.places.iter_mut().find(|(s, _)| *s == slot) {
                    Some(entry) => entry.1 = fresh,
                    None => p.places.push((slot, fresh)),
                }
            }
        }
    }
    // Keep the caller's order for what is left, so the result does not depend on the
    // order in which sites were found unplaceable.
    unplaced.sort_by_key(|s| sites.iter().position(|x| x == s));
    unplaced
}

/// Sort key, most urgent first: fewer places among the best `k`, then the larger regret,
/// then the cheaper best place, then the site index (so ties are deterministic).
fn urgency(p: &Pending, k: usize) -> (usize, std::cmp::Reverse<i64>, Cost, SiteIdx) {
    let mut costs: Vec<Cost> = p
        .places
        .iter()
        .filter_map(|(_, c)| c.as_ref().map(|c| c.cost))
        .collect();
    costs.sort_unstable();
    costs.truncate(k);
    let Some(&first) = costs.first() else {
        // Nowhere to go: handle it first (it is set aside at once).
        return (0, std::cmp::Reverse(0), Cost::ZERO, p.site);
    };
    let regret: i64 = costs[1..]
        .iter()
        .map(|c| c.get().saturating_sub(first.get()))
        .fold(0i64, i64::saturating_add);
    (k - costs.len(), std::cmp::Reverse(regret), first, p.site)
}

/// The best place for `site` in route `slot` alone.
fn place(
    env: &Env,
    st: &State,
    site: SiteIdx,
    slot: usize,
    rng: &mut ChaCha8Rng,
    blink: f64,
) -> Option<Candidate> {
    best_candidate(env, st, site, Scope::Only(&[slot]), rng, blink)
}
