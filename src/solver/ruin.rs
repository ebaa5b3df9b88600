//! Ruin: take sites out of the current solution.
//!
//! The main ruin is SISR's adjacent string removal (Christiaens & Vanden Berghe 2020):
//! around a random seed site, walk its nearest neighbours and cut, from each route met, a
//! string of consecutive sites that contains the neighbour, until enough routes are cut.
//! Sometimes a random removal is used instead, to jump further.

use super::state::{Env, NO_ROUTE, State, tidy};
use crate::problem::SiteIdx;
use crate::solution::Visit;
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

/// SISR parameters.
#[derive(Clone, Copy, Debug)]
pub struct RuinParams {
    /// Average number of sites removed (SISR's c̄).
    pub avg_removed: f64,
    /// Longest string (SISR's L^max).
    pub max_string: f64,
    /// Probability of a random removal instead of string removal.
    pub random_share: f64,
    /// Probability that a string is a split string (SISR: 0.5).
    pub split_share: f64,
    /// Chance to stop growing the kept part of a split string at each step.
    pub split_depth: f64,
}

impl Default for RuinParams {
    fn default() -> Self {
        Self {
            avg_removed: 10.0,
            max_string: 10.0,
            random_share: 0.05,
            split_share: 0.5,
            split_depth: 0.5,
        }
    }
}

/// Removes sites from `st` and returns them (the previously unassigned ones first).
pub fn ruin(env: &Env, st: &mut State, params: &RuinParams, rng: &mut ChaCha8Rng) -> Vec<SiteIdx> {
    let mut removed: Vec<SiteIdx> = std::mem::take(&mut st.unassigned);
    let assigned: Vec<SiteIdx> = (0..st.route_of.len())
        .filter(|&s| st.route_of[s] != NO_ROUTE)
        .map(SiteIdx::new)
        .collect();
    let Some(&seed) = assigned.choose(rng) else {
        return removed;
    };
    let used: Vec<usize> = (0..st.routes.len())
        .filter(|&r| !st.routes[r].is_empty())
        .collect();
    let mut per_route: Vec<Vec<SiteIdx>> = vec![Vec::new(); st.routes.len()];
    if rng.random::<f64>() < params.random_share {
        let count = rng
            .random_range(1..=(2.0 * params.avg_removed) as usize)
            .min(assigned.len());
        for &s in assigned.choose_multiple(rng, count) {
            per_route[st.route_of[s.index()] as usize].push(s);
        }
    } else {
        let avg_sites = assigned.len() as f64 / used.len().max(1) as f64;
        let l_max = params.max_string.min(avg_sites);
        let k_max = (4.0 * params.avg_removed / (1.0 + l_max) - 1.0).max(1.0);
        let strings = rng.random_range(1..=k_max as usize);
        let mut cut = 0;
        let candidates =
            std::iter::once(seed).chain(env.ctx.neighbours[seed.index()].iter().copied());
        for c in candidates {
            if cut >= strings {
                break;
            }
            let r = st.route_of[c.index()];
            if r == NO_ROUTE || !per_route[r as usize].is_empty() {
                continue;
            }
            let r = r as usize;
            let sites: Vec<SiteIdx> = st.routes[r]
                .visits
                .iter()
                .filter_map(|v| match v {
                    Visit::Site(s) => Some(*s),
                    _ => None,
                })
                .collect();
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
                    per_route[r].push(s);
                }
            }
            cut += 1;
        }
    }
    for (r, gone) in per_route.into_iter().enumerate() {
        if gone.is_empty() {
            continue;
        }
        let mut visits = st.routes[r].visits.clone();
        visits.retain(|v| !matches!(v, Visit::Site(s) if gone.contains(s)));
        tidy(&mut visits);
        removed.extend_from_slice(&gone);
        st.set_visits(env, r, visits);
        if !st.routes[r].feasible {
            // Possible when travel times break the triangle inequality: empty the route.
            removed.extend(st.routes[r].visits.iter().filter_map(|v| match v {
                Visit::Site(s) => Some(*s),
                _ => None,
            }));
            st.set_visits(env, r, Vec::new());
        }
    }
    removed
}
