//! Worst removal (Ropke & Pisinger 2006): the sites whose removal saves the most, with a
//! random skew so the same sites are not taken every time. A site alone in a vehicle with a
//! fixed cost saves that cost, so this ruin also empties small routes.

use super::route_sites;
use crate::problem::SiteIdx;
use crate::solution::Visit;
use crate::solver::evaluate::eval_replace;
use crate::solver::state::{Env, State};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Skew of the rank choice: rank `⌊y^P · n⌋` for a uniform `y`, so small ranks (large
/// savings) are likely (Ropke & Pisinger's p_worst).
const SKEW: i32 = 3;

/// Picks `count` distinct assigned sites (all of them when there are fewer), large
/// savings first.
pub fn choose(env: &Env, st: &State, count: usize, rng: &mut ChaCha8Rng) -> Vec<SiteIdx> {
    let mut ranked = savings(env, st);
    // Largest saving first; site index breaks ties so the order is deterministic.
    ranked.sort_unstable_by_key(|&(saving, s)| (std::cmp::Reverse(saving), s));
    let mut out = Vec::with_capacity(count.min(ranked.len()));
    while out.len() < count && !ranked.is_empty() {
        let y: f64 = rng.random();
        let k = ((y.powi(SKEW) * ranked.len() as f64) as usize).min(ranked.len() - 1);
        out.push(ranked.remove(k).1);
    }
    out
}

/// `(saving, site)` for every assigned site: the cost change of taking it out of its
/// route, negated. A removal the constant-time check rejects (possible when travel times
/// break the triangle inequality) saves `i64::MIN`, the least.
pub fn savings(env: &Env, st: &State) -> Vec<(i64, SiteIdx)> {
    let mut out = Vec::new();
    for (slot, r) in st.routes.iter().enumerate() {
        if r.is_empty() {
            continue;
        }
        let sites = route_sites(st, slot);
        if sites.len() == 1 {
            // Alone in the route: removing it empties the route (see `tidy`).
            out.push((r.cost.get(), sites[0]));
            continue;
        }
        for (j, v) in r.visits.iter().enumerate() {
            let Visit::Site(s) = *v else { continue };
            let i = j + 1; // stop number
            let saving = eval_replace(env.problem, &env.ctx, r, i - 1, i + 1, &[])
                .map_or(i64::MIN, |d| -d.cost.get());
            out.push((saving, s));
        }
    }
    out
}
