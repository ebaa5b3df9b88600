//! SISR's adjacent string removal (Christiaens & Vanden Berghe 2020): around a random seed
//! site, walk its nearest neighbours and cut, from each route met, a string of consecutive
//! sites that contains the neighbour, until enough routes are cut. Half the strings are
//! split strings, which keep a few sites in their middle.

use super::{RuinParams, assigned_sites, route_sites};
use crate::problem::SiteIdx;
use crate::solver::state::{Env, NO_ROUTE, State};
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

/// Picks the sites of a few strings near a random seed site.
pub fn choose(env: &Env, st: &State, params: &RuinParams, rng: &mut ChaCha8Rng) -> Vec<SiteIdx> {
    let assigned = assigned_sites(st);
    let Some(&seed) = assigned.choose(rng) else {
        return Vec::new();
    };
    let used = st.routes.iter().filter(|r| !r.is_empty()).count();
    let avg_sites = assigned.len() as f64 / used.max(1) as f64;
    let l_max = params.max_string.min(avg_sites);
    let k_max = (4.0 * params.avg_removed / (1.0 + l_max) - 1.0).max(1.0);
    let strings = rng.random_range(1..=k_max as usize);
    let mut cut_routes: Vec<u32> = Vec::new();
    let mut out = Vec::new();
    let candidates = std::iter::once(seed).chain(env.ctx.neighbours[seed.index()].iter().copied());
    for c in candidates {
        if cut_routes.len() >= strings {
            break;
        }
        let r = st.route_of[c.index()];
        if r == NO_ROUTE || cut_routes.contains(&r) {
            continue;
        }
        cut_routes.push(r);
        let sites = route_sites(st, r as usize);
        let len_max = l_max.min(sites.len() as f64).max(1.0) as usize;
        let len = rng.random_range(1..=len_max);
        // SISR's split string: sometimes a longer string keeps `kept` sites in its middle.
        let mut kept = 0;
        if len < sites.len() && rng.random::<f64>() < params.split_share {
            kept = 1;
            while len + kept < sites.len() && rng.random::<f64>() > params.split_depth {
                kept += 1;
            }
        }
        let span = len + kept;
        let pos = sites.iter().position(|&s| s == c).unwrap_or(0);
        // A string of `span` sites containing `pos`.
        let lo = pos.saturating_sub(span - 1);
        let hi = pos.min(sites.len() - span);
        let start = rng.random_range(lo..=hi.max(lo));
        let keep_from = start + rng.random_range(0..=len);
        for (j, &s) in sites[start..start + span].iter().enumerate() {
            if !(start + j >= keep_from && start + j < keep_from + kept) {
                out.push(s);
            }
        }
    }
    out
}
