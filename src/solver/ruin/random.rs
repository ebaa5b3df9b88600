//! Random removal: `count` assigned sites picked uniformly, to jump further than strings.

use super::assigned_sites;
use crate::problem::SiteIdx;
use crate::solver::state::State;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

/// Picks `count` distinct assigned sites (all of them when there are fewer).
pub fn choose(st: &State, count: usize, rng: &mut ChaCha8Rng) -> Vec<SiteIdx> {
    let assigned = assigned_sites(st);
    let count = count.min(assigned.len());
    assigned.choose_multiple(rng, count).copied().collect()
}
