//! Optional sites: which left-out sites a step tries to put back.
//!
//! Every ruin hands the recreate the sites that were left out before it (see
//! [`remove`](super::ruin::remove)), so each step tried every left-out site against every
//! route the step changed: on PyVRP's PCVRPTW instances, where most sites are left out
//! (R2_10_1: about 850 of 1,000), that scan was most of a step's time. An optional site's
//! best place changes only where the routes near it changed; the routes near it change
//! when the ruin takes out sites near it. So a left-out optional site is tried again only
//! when it is among the [`RETRY_NEIGHBOURS`] nearest sites of a site the ruin removed;
//! required sites are always tried.

use super::state::{Env, State};
use crate::problem::SiteIdx;

/// How many of each removed site's nearest sites are tried again when left out.
pub const RETRY_NEIGHBOURS: usize = 16;

/// Splits `removed` (the ruin's result: the `left_out` sites that were already out
/// first, then the sites the ruin took from routes) into the sites the recreate should
/// try, returned, and the optional ones left out as they were, which go straight back to
/// `st.unassigned` (their missing cost with them).
pub fn near_the_change(
    env: &Env,
    st: &mut State,
    removed: Vec<SiteIdx>,
    left_out: usize,
) -> Vec<SiteIdx> {
    if !env.has_prizes || left_out == 0 {
        return removed;
    }
    let p = env.problem;
    let mut near = vec![false; p.sites().len()];
    for &s in &removed[left_out.min(removed.len())..] {
        near[s.index()] = true;
        for &n in env.ctx.neighbours[s.index()].iter().take(RETRY_NEIGHBOURS) {
            near[n.index()] = true;
        }
    }
    let mut out = Vec::with_capacity(removed.len());
    for (k, s) in removed.into_iter().enumerate() {
        if k < left_out && p.site(s).is_optional() && !near[s.index()] {
            st.leave_out(env, s);
        } else {
            out.push(s);
        }
    }
    out
}
