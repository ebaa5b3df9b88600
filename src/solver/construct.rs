//! The starting solution: the warm start's routes where they still hold, then greedy
//! insertion of every other site, farthest from the depot first (big, awkward sites early);
//! optional sites come after the required ones, the most valuable first, and go in only
//! where they cost less than their prize.

use super::insertion::{insert_site, scans_every_route};
use super::route::RouteCache;
use super::state::{Env, NO_ROUTE, State, tidy};
use crate::problem::SiteIdx;
use crate::solution::{Solution, Visit};
use crate::units::Cost;
use rand_chacha::ChaCha8Rng;

/// Records in `env.warm_slot` which vehicle served each site in `warm`.
pub fn note_warm_vehicles(env: &mut Env, warm: &Solution) {
    let n = env.problem.sites().len();
    for r in &warm.routes {
        let Some(slot) = env.slot_of(r.vehicle_type, r.vehicle) else {
            continue;
        };
        for visit in &r.visits {
            if let Visit::Site(s) = visit
                && s.index() < n
                && env.warm_slot[s.index()].is_none()
            {
                env.warm_slot[s.index()] = Some(slot as u32);
            }
        }
    }
}

/// Builds the starting state.
pub fn initial_state(env: &Env, warm: Option<&Solution>, rng: &mut ChaCha8Rng) -> State {
    let mut st = State::empty(env);
    if let Some(warm) = warm {
        keep_warm_routes(env, &mut st, warm, rng);
    }
    let mut rest: Vec<SiteIdx> = st
        .take_unassigned()
        .into_iter()
        .filter(|s| st.route_of[s.index()] == NO_ROUTE)
        .collect();
    rest.sort_by_key(|s| std::cmp::Reverse((env.ctx.depot_distance[s.index()], s.index())));
    if env.has_prizes {
        // Required sites first: they must find room. Then optional sites by prize, so the
        // valuable ones get the cheap places (the sort is stable: ties keep the order above).
        rest.sort_by_key(|s| {
            std::cmp::Reverse(env.problem.site(*s).prize.unwrap_or(Cost::INFINITE))
        });
    }
    for s in rest {
        if !insert_site(env, &mut st, s, None, rng, 0.0) {
            if scans_every_route(env) {
                st.unfit.found_nowhere(s);
            }
            st.leave_out(env, s);
        }
    }
    st.recompute_cost(env);
    st
}

fn keep_warm_routes(env: &Env, st: &mut State, warm: &Solution, rng: &mut ChaCha8Rng) {
    let p = env.problem;
    let mut seen = vec![false; p.sites().len()];
    let mut used = vec![false; env.slots.len()];
    for r in &warm.routes {
        let Some(slot) = env.slot_of(r.vehicle_type, r.vehicle) else {
            continue;
        };
        if std::mem::replace(&mut used[slot], true) {
            continue;
        }
        let vt = r.vehicle_type;
        let has_break = p.vehicle_type(vt).break_rule.is_some();
        let mut with_break = false;
        let mut visits: Vec<Visit> = Vec::new();
        let mut sites = Vec::new();
        for &visit in &r.visits {
            match visit {
                Visit::Site(s) => {
                    let ok = s.index() < seen.len()
                        && env.unservable[s.index()].is_none()
                        && env.ctx.eligible[s.index()][vt.index()]
                        && !seen[s.index()];
                    if ok {
                        seen[s.index()] = true;
                        visits.push(visit);
                        sites.push(s);
                    }
                }
                Visit::Facility(f) if f.index() < p.facilities().len() => visits.push(visit),
                Visit::Facility(_) => {}
                Visit::Break => {
                    if has_break && !with_break {
                        with_break = true;
                        visits.push(visit);
                    }
                }
            }
        }
        tidy(&mut visits);
        if has_break && !with_break && !visits.is_empty() {
            visits = best_break_place(env, st, slot, &visits);
        }
        if st.verify(env, slot, &visits) {
            st.set_visits(env, slot, visits);
        } else {
            // Rebuild the vehicle's route from its own sites, in their old order.
            for s in sites {
                insert_site(env, st, s, Some(&[slot]), rng, 0.0);
            }
        }
    }
}

/// `visits` with the break put where the route costs least (first place if none is feasible).
fn best_break_place(env: &Env, st: &State, slot: usize, visits: &[Visit]) -> Vec<Visit> {
    let mut best: Option<(crate::units::Cost, Vec<Visit>)> = None;
    for p in 0..=visits.len() {
        let mut v = visits.to_vec();
        v.insert(p, Visit::Break);
        let mut r: RouteCache = st.routes[slot].clone();
        r.visits = v.clone();
        r.update(env.problem);
        if r.feasible && best.as_ref().is_none_or(|b| r.cost < b.0) {
            best = Some((r.cost, v));
        }
    }
    best.map(|b| b.1).unwrap_or_else(|| {
        let mut v = visits.to_vec();
        v.insert(0, Visit::Break);
        v
    })
}
