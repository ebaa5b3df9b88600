//! Vehicle-type moves for fleets whose types differ in capacity (heterogeneous fleets):
//! the other operators move sites between vehicles but never change the vehicle a route
//! runs on, and a recreate opens the type that is cheapest for the first site it places —
//! often the smallest, which then fills up while a larger one would have served two
//! routes' worth of sites for less. After each step's descent, for each changed route:
//!
//! - **retype**: the whole route moves to a free vehicle of another type when that costs
//!   less (a smaller or cheaper vehicle that still fits, or one with a lower unit cost);
//! - **merge**: the route and a neighbouring route (one serving a nearest neighbour of one
//!   of its sites) become one route on a vehicle large enough for both — a free vehicle
//!   of a type that fits, or one of the two — joined at the end that adds the least
//!   distance (Clarke–Wright savings), when that costs less than the two routes.
//!
//! Moves are applied through [`commit`] after a full verification, so they are exact and
//! never make the plan worse. Only routes made of sites alone (no facility visit, no
//! break) are considered. Before any verification, a move is skipped when a lower bound
//! of its cost (the new vehicle's fixed cost plus its unit cost times the new distance,
//! when the type charges no duration) already reaches the cost it would replace: most
//! candidates end there in constant time.

use super::local_search::{commit, two_opt::two_opt};
use super::state::{Env, NO_ROUTE, State};
use crate::problem::{LocationIdx, VehicleTypeIdx};
use crate::solution::Visit;
use crate::units::Cost;

/// Nearest neighbours of each site looked at for merge partners.
const PARTNER_NEIGHBOURS: usize = 4;

/// Merge partners tried per route.
const MAX_PARTNERS: usize = 3;

/// True when the usable vehicle types differ in capacity: the moves can matter.
pub fn wanted(env: &Env) -> bool {
    let p = env.problem;
    let mut caps = p
        .vehicle_types()
        .iter()
        .filter(|v| v.count > 0)
        .map(|v| v.capacity);
    let Some(first) = caps.next() else {
        return false;
    };
    caps.any(|c| c != first)
}

/// Tries the retype and merge moves on the routes in `slots`; returns the number applied.
pub fn improve_types(env: &Env, st: &mut State, slots: &[usize]) -> usize {
    let mut applied = 0;
    for &slot in slots {
        if slot >= st.routes.len() || !sites_only(st, slot) {
            continue;
        }
        if retype(env, st, slot) {
            applied += 1;
            continue;
        }
        if merge(env, st, slot) {
            applied += 1;
        }
    }
    applied
}

/// True when route `slot` serves sites and holds nothing else.
fn sites_only(st: &State, slot: usize) -> bool {
    let r = &st.routes[slot];
    !r.is_empty() && r.visits.iter().all(|v| matches!(v, Visit::Site(_)))
}

/// An empty route slot of vehicle type `vt`, if any.
fn free_slot(env: &Env, st: &State, vt: VehicleTypeIdx) -> Option<usize> {
    let first = env.first_slot[vt.index()];
    (first..env.slots.len())
        .take_while(|&s| env.slots[s].0 == vt)
        .find(|&s| st.routes[s].is_empty())
}

/// Moves route `slot` whole to a free vehicle of another type when that costs less.
fn retype(env: &Env, st: &mut State, slot: usize) -> bool {
    let p = env.problem;
    let own = st.routes[slot].vt;
    let load = st.routes[slot].total_load;
    for t in 0..p.vehicle_types().len() {
        let vt = VehicleTypeIdx::new(t);
        if vt == own || !load.fits_within(p.vehicle_type(vt).capacity) {
            continue;
        }
        let r = &st.routes[slot];
        let same_depots = {
            let (a, b) = (p.vehicle_type(own), p.vehicle_type(vt));
            a.start_depot == b.start_depot && a.end_depot == b.end_depot && a.profile == b.profile
        };
        if same_depots && cost_bound(env, vt, r.distance.get()) >= r.cost {
            continue;
        }
        let Some(target) = free_slot(env, st, vt) else {
            continue;
        };
        let visits = st.routes[slot].visits.clone();
        if !st.verify(env, target, &visits) {
            continue;
        }
        if commit(env, st, vec![(slot, Vec::new()), (target, visits)]) {
            return true;
        }
    }
    false
}

/// Merges route `slot` with a neighbouring route onto one vehicle when that costs less.
fn merge(env: &Env, st: &mut State, slot: usize) -> bool {
    let p = env.problem;
    let mut partners: Vec<usize> = Vec::new();
    for v in &st.routes[slot].visits {
        let Visit::Site(s) = v else { continue };
        for n in env.ctx.neighbours[s.index()]
            .iter()
            .take(PARTNER_NEIGHBOURS)
        {
            let r = st.route_of[n.index()];
            if r != NO_ROUTE && r as usize != slot && !partners.contains(&(r as usize)) {
                partners.push(r as usize);
            }
        }
        if partners.len() >= MAX_PARTNERS {
            break;
        }
    }
    for other in partners.into_iter().take(MAX_PARTNERS) {
        if !sites_only(st, other) {
            continue;
        }
        let need = st.routes[slot].total_load.plus(st.routes[other].total_load);
        for t in 0..p.vehicle_types().len() {
            let vt = VehicleTypeIdx::new(t);
            if !need.fits_within(p.vehicle_type(vt).capacity) {
                continue;
            }
            let target = if st.routes[slot].vt == vt {
                Some(slot)
            } else if st.routes[other].vt == vt {
                Some(other)
            } else {
                free_slot(env, st, vt)
            };
            let Some(target) = target else { continue };
            let (visits, distance) = joined(env, st, slot, other, vt);
            if cost_bound(env, vt, distance) >= st.routes[slot].cost + st.routes[other].cost {
                continue;
            }
            if !st.verify(env, target, &visits) {
                continue;
            }
            let mut changes = Vec::with_capacity(3);
            for s in [slot, other] {
                if s != target {
                    changes.push((s, Vec::new()));
                }
            }
            changes.push((target, visits));
            if commit(env, st, changes) {
                two_opt(env, st, target);
                return true;
            }
        }
    }
    false
}

/// A lower bound of the cost of a route of type `vt` driving `distance`: exact when the
/// type charges no duration, else just the fixed and distance parts.
fn cost_bound(env: &Env, vt: VehicleTypeIdx, distance: i64) -> Cost {
    let v = env.problem.vehicle_type(vt);
    Cost(
        v.fixed_cost
            .get()
            .saturating_add(v.cost_per_distance.get().saturating_mul(distance)),
    )
}

/// The sites of routes `a` and `b` as one route of type `vt`, in the order (`a` then `b`,
/// `b` then `a`, either reversed) whose junction adds the least distance, and its distance
/// (the two routes' inner arcs as they are; a reversed part is counted as driven forward,
/// exact on symmetric matrices).
fn joined(env: &Env, st: &State, a: usize, b: usize, vt: VehicleTypeIdx) -> (Vec<Visit>, i64) {
    let p = env.problem;
    let v = p.vehicle_type(vt);
    let m = &p.profile(v.profile).distance;
    let (start, end) = (
        p.depot(v.start_depot).location,
        p.depot(v.end_depot).location,
    );
    let loc = |x: &Visit| match x {
        Visit::Site(s) => p.site(*s).location,
        _ => start,
    };
    let (ra, rb) = (&st.routes[a].visits, &st.routes[b].visits);
    let ends = |r: &[Visit]| (loc(&r[0]), loc(&r[r.len() - 1]));
    let (a0, a1) = ends(ra);
    let (b0, b1) = ends(rb);
    let d = |x: LocationIdx, y: LocationIdx| m.get(x, y).get();
    // Distance of start → first … last → end, given each part's first and last stop.
    let cost = |f1: LocationIdx, l1: LocationIdx, f2: LocationIdx, l2: LocationIdx| {
        d(start, f1) + d(l1, f2) + d(l2, end)
    };
    let options = [
        (cost(a0, a1, b0, b1), false, false, false),
        (cost(b0, b1, a0, a1), true, false, false),
        (cost(a0, a1, b1, b0), false, false, true),
        (cost(a1, a0, b0, b1), false, true, false),
    ];
    let inner = |r: usize| {
        let c = &st.routes[r];
        let (f, l) = ends(&c.visits);
        let own = p.vehicle_type(c.vt);
        let m = &p.profile(own.profile).distance;
        c.distance.get()
            - m.get(p.depot(own.start_depot).location, f).get()
            - m.get(l, p.depot(own.end_depot).location).get()
    };
    let &(junction, b_first, rev_a, rev_b) =
        options.iter().min_by_key(|o| o.0).expect("four options");
    let mut first: Vec<Visit> = ra.clone();
    let mut second: Vec<Visit> = rb.clone();
    if rev_a {
        first.reverse();
    }
    if rev_b {
        second.reverse();
    }
    if b_first {
        std::mem::swap(&mut first, &mut second);
    }
    first.extend(second);
    (first, junction + inner(a) + inner(b))
}
