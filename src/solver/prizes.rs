//! Optional sites (the prize-collecting VRP): taking out of a route the optional sites
//! that cost more to serve than they are worth.
//!
//! The other half, putting an optional site in only where its insertion costs less than
//! its prize, lives in [`super::insertion`] (the prize caps the insertion cost), so that
//! construction, greedy and regret recreate and the fleet phase all obey it. What
//! insertion cannot see is that a site which was worth its place when it went in may no
//! longer be once the route around it changed (a neighbour left, the local search moved
//! the route away). PyVRP's local search handles this with a "remove optional client"
//! move; here [`drop_unprofitable`] runs on the routes a step changed. And what one-site
//! insertion never does, opening a vehicle for a group of optional sites that pays only as
//! a group, [`open_route`] tries now and then; and what no one-site move does, closing a
//! route that no longer pays, [`route_ruin`] does. Exchanging a served site with a
//! left-out one is [`super::prize_swap`]; which left-out sites a step tries again is
//! [`super::prize_retry`].

use super::evaluate::eval_replace;
use super::insertion::{Scope, apply, best_candidate_below, insert_site};
use super::state::{Env, NO_ROUTE, State, tidy};
use crate::problem::SiteIdx;
use crate::solution::Visit;
use crate::units::Cost;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Takes out of the routes `slots` every optional site whose removal saves more than its
/// prize (stability included), the most profitable first, and leaves it out. Returns how
/// many sites were dropped.
///
/// Each candidate is estimated in constant time ([`eval_replace`]) and, when worth it,
/// checked exactly by rebuilding the route: O(route length) per site on the route, and
/// only for optional sites.
pub fn drop_unprofitable(env: &Env, st: &mut State, slots: &[usize]) -> usize {
    if !env.has_prizes {
        return 0;
    }
    let p = env.problem;
    let mut dropped = 0;
    for &slot in slots {
        loop {
            let r = &st.routes[slot];
            // The largest estimated net gain of leaving one optional site out.
            let mut best: Option<(Cost, usize)> = None;
            for j in 1..r.num_stops().saturating_sub(1) {
                let Some(Visit::Site(s)) = r.visit(j) else {
                    continue;
                };
                let Some(prize) = p.site(s).prize else {
                    continue;
                };
                let Some(d) = eval_replace(p, &env.ctx, r, j - 1, j + 1, &[]) else {
                    continue;
                };
                let stability = env.stability(s, None) - env.stability(s, Some(slot));
                let gain = -d.cost - prize - stability;
                if gain > Cost::ZERO && best.is_none_or(|(g, _)| gain > g) {
                    best = Some((gain, j));
                }
            }
            let Some((_, j)) = best else {
                break;
            };
            if !drop_at(env, st, slot, j) {
                break;
            }
            dropped += 1;
        }
    }
    dropped
}

/// Leaves out the site at stop `j` of route `slot` when the exact new route is feasible
/// and cheaper by more than the site's prize; returns whether it did.
fn drop_at(env: &Env, st: &mut State, slot: usize, j: usize) -> bool {
    let p = env.problem;
    let r = &st.routes[slot];
    let Some(Visit::Site(site)) = r.visit(j) else {
        return false;
    };
    let prize = p.site(site).prize.unwrap_or(Cost::INFINITE);
    // Stop j is visit j - 1 (stop 0 is the start depot).
    let mut visits = r.visits.clone();
    visits.remove(j - 1);
    tidy(&mut visits);
    let mut trial = r.clone();
    trial.visits.clone_from(&visits);
    trial.update_with(p, env.ctx.arcs(p, p.vehicle_type(trial.vt).profile));
    let stability = env.stability(site, None) - env.stability(site, Some(slot));
    let worth = trial.feasible && trial.cost + prize + stability < r.cost;
    if !worth || (env.ctx.needs_verify && !st.verify(env, slot, &visits)) {
        return false;
    }
    st.set_visits(env, slot, visits);
    st.leave_out(env, site);
    true
}

/// Probability that a step also tries [`open_route`].
pub const OPEN_SHARE: f64 = 0.5;

/// How many of its nearest sites each site that joins the new route of [`open_route`]
/// offers to it (the seed offers [`SEED_NEIGHBOURS`]).
const JOIN_NEIGHBOURS: usize = 8;

/// How many of the seed's nearest sites [`open_route`] offers first.
const SEED_NEIGHBOURS: usize = 32;

/// Most insertions [`open_route`] tries for one route.
const MAX_TRIES: usize = 256;

/// Opens an unused vehicle for a cluster of left-out optional sites: a random one of them
/// goes in alone, whatever its insertion costs, then left-out optional sites join where
/// each costs less than its prize, nearest first: the seed's nearest, then the nearest
/// of each site that joined (the cluster grows along the sites the route reaches, so a
/// long route with wide windows fills up beyond the seed's neighbourhood). Returns the
/// sites it serves (empty when no vehicle could be opened).
///
/// Why: inserting one site at a time never opens a route to a group of optional sites
/// far from every route, since the trip there costs more than any one prize, though the
/// group together may be well worth it (on PyVRP's PCVRPTW instances the best solutions
/// use several times more vehicles than site-by-site insertion ends up with).
///
/// The new route is kept whatever it costs against its prizes: the step's acceptance
/// judges it after the local search has shortened it, the exchanges with left-out sites
/// have improved its choice and [`drop_unprofitable`] has taken out the sites that do
/// not pay. Judging the greedy route on its own here, as this did at first, closed nearly
/// every route it opened on the type-2 instances (R2_10_6: 8 routes at 20,000 iterations
/// against 11 without the check, and a gap of 5.9 % against 3.9 %); [`route_ruin`]
/// closes the routes that do not pay.
pub fn open_route(env: &Env, st: &mut State, rng: &mut ChaCha8Rng) -> Vec<SiteIdx> {
    let p = env.problem;
    let out: Vec<SiteIdx> = st
        .unassigned
        .iter()
        .copied()
        .filter(|s| p.site(*s).is_optional())
        .collect();
    if out.is_empty() {
        return Vec::new();
    }
    let seed = out[rng.random_range(0..out.len())];
    let Some(slot) = (0..st.routes.len()).find(|&r| {
        st.routes[r].is_empty() && env.ctx.eligible[seed.index()][st.routes[r].vt.index()]
    }) else {
        return Vec::new();
    };
    let Some(c) = best_candidate_below(
        env,
        st,
        seed,
        Scope::Only(&[slot]),
        rng,
        0.0,
        Cost::INFINITE,
    ) else {
        return Vec::new();
    };
    apply(env, st, &c);
    st.take_back(env, seed);
    let mut served = vec![seed];
    let mut offered = vec![false; p.sites().len()];
    offered[seed.index()] = true;
    let mut queue = std::collections::VecDeque::new();
    let mut offer = |queue: &mut std::collections::VecDeque<SiteIdx>, s: SiteIdx, k: usize| {
        for &n in env.ctx.neighbours[s.index()].iter().take(k) {
            if !std::mem::replace(&mut offered[n.index()], true) {
                queue.push_back(n);
            }
        }
    };
    offer(&mut queue, seed, SEED_NEIGHBOURS);
    let mut tries = 0;
    while let Some(n) = queue.pop_front() {
        let left_out = st.route_of[n.index()] == NO_ROUTE
            && env.unservable[n.index()].is_none()
            && p.site(n).is_optional();
        if !left_out {
            continue;
        }
        tries += 1;
        if insert_site(env, st, n, Some(&[slot]), rng, 0.0) {
            st.take_back(env, n);
            served.push(n);
            offer(&mut queue, n, JOIN_NEIGHBOURS);
        }
        if tries >= MAX_TRIES {
            break;
        }
    }
    served
}

/// Probability that a step's ruin empties a whole route instead ([`route_ruin`]).
pub const ROUTE_RUIN_SHARE: f64 = 0.05;

/// Takes every site out of one used route, picked at random, and returns them after the
/// sites that were already out (as [`remove`](super::ruin::remove) does).
///
/// Why: with optional sites a route may stop paying for itself (its sites are worth
/// less than the trip, or the other routes could take the valuable ones), yet no
/// one-site move closes it: each of its sites pays its own detour, and string ruins cut
/// only part of a long route. The recreate puts the sites back where they pay, the rest
/// stay out, and the acceptance judges the smaller fleet.
pub fn route_ruin(env: &Env, st: &mut State, rng: &mut ChaCha8Rng) -> Vec<SiteIdx> {
    let used: Vec<usize> = (0..st.routes.len())
        .filter(|&r| !st.routes[r].is_empty())
        .collect();
    let chosen = match used.len() {
        0 => Vec::new(),
        n => super::ruin::route_sites(st, used[rng.random_range(0..n)]),
    };
    super::ruin::remove(env, st, &chosen)
}
