//! Related (Shaw) removal: starting from a random site, repeatedly take a site that is
//! close, in distance and in time window, to one already taken (Shaw 1998; Ropke &
//! Pisinger 2006). Sites served together are often best re-planned together.

use super::assigned_sites;
use crate::problem::SiteIdx;
use crate::solver::state::{Env, NO_ROUTE, State};
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

/// Skew of the rank choice (Ropke & Pisinger's p = 6: nearly always a very related site).
const SKEW: i32 = 6;

/// Picks `count` distinct assigned sites (all of them when there are fewer).
pub fn choose(env: &Env, st: &State, count: usize, rng: &mut ChaCha8Rng) -> Vec<SiteIdx> {
    let assigned = assigned_sites(st);
    let count = count.min(assigned.len());
    let Some(&seed) = assigned.choose(rng) else {
        return Vec::new();
    };
    let mut taken = vec![false; st.route_of.len()];
    taken[seed.index()] = true;
    let mut out = vec![seed];
    while out.len() < count {
        let from = *out.choose(rng).expect("not empty");
        let pool: Vec<SiteIdx> = env.ctx.neighbours[from.index()]
            .iter()
            .copied()
            .filter(|s| st.route_of[s.index()] != NO_ROUTE && !taken[s.index()])
            .collect();
        let next = if pool.is_empty() {
            // Every near site is taken: restart from a random one still in place.
            let rest: Vec<SiteIdx> = assigned
                .iter()
                .copied()
                .filter(|s| !taken[s.index()])
                .collect();
            *rest.choose(rng).expect("fewer taken than assigned")
        } else {
            let ranked = by_relatedness(env, from, pool);
            let y: f64 = rng.random();
            ranked[((y.powi(SKEW) * ranked.len() as f64) as usize).min(ranked.len() - 1)]
        };
        taken[next.index()] = true;
        out.push(next);
    }
    out
}

/// `pool` sorted by relatedness to `from`, most related first: distance (both ways) over
/// the pool's largest plus the gap between window starts over the pool's largest.
fn by_relatedness(env: &Env, from: SiteIdx, pool: Vec<SiteIdx>) -> Vec<SiteIdx> {
    let p = env.problem;
    let m = &p.profiles()[0].distance;
    let a = p.site(from);
    let start = |s: &crate::problem::Site| s.windows.first().map_or(0, |w| w.start.get());
    let raw: Vec<(f64, f64, SiteIdx)> = pool
        .into_iter()
        .map(|s| {
            let b = p.site(s);
            let d = m.get(a.location, b.location).get().min(INF) as f64
                + m.get(b.location, a.location).get().min(INF) as f64;
            let t = (start(a) - start(b)).abs() as f64;
            (d, t, s)
        })
        .collect();
    let dmax = raw.iter().map(|r| r.0).fold(1.0, f64::max);
    let tmax = raw.iter().map(|r| r.1).fold(1.0, f64::max);
    let mut scored: Vec<(f64, SiteIdx)> = raw
        .into_iter()
        .map(|(d, t, s)| (d / dmax + t / tmax, s))
        .collect();
    scored.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
    scored.into_iter().map(|(_, s)| s).collect()
}

/// Raw value of an infinite distance, to keep sums finite.
const INF: i64 = crate::units::Distance::INFINITE.0;
