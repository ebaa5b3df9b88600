//! Trip-level moves for multi-trip routes: move a whole trip to another vehicle, reorder
//! the trips of a route, and shift a trip boundary (a facility visit) by a few sites.
//! Facility re-picking is [`improve_facilities`](super::insertion::improve_facilities).
//!
//! Candidates are screened with the constant-time [`eval_replace`]; the chosen one is then
//! applied and its exact cost (and feasibility, and facility daily capacities) checked, and
//! it is undone when it does not pay. Every loop runs in a fixed order with no randomness,
//! so the result does not depend on threads.
//!
//! When trips start and end at the same place (Yang's reloads at the depot), where a trip
//! sits does not change the distance; it only changes how much time the vehicles have
//! left. Such a zero-cost move is taken when it frees time: a trip leaves a vehicle with
//! several trips for an idle vehicle, or the trips of a route are reordered so that it
//! comes home earlier. That leaves room for later insertions (recreate is greedy and
//! cannot move a trip out of the way).
//!
//! The break is carried along: sites that cross a facility visit take the break between
//! them with them, and a trip moved to another vehicle leaves the break behind where the
//! trip was (removing a trip only makes the route earlier, so the break still starts in
//! its window, waiting if need be). Routes with a break are not reordered.

use super::evaluate::{eval_replace, eval_replace_timed};
use super::route::RouteCache;
use super::state::{Env, State};
use crate::problem::{EndOfRoute, FacilityIdx};
use crate::solution::Visit;
use crate::units::{Cost, Duration};

/// Most boundary shift (sites moved across a facility visit).
const MAX_SHIFT: usize = 3;

/// Most trip moves applied per call (bounds the work of one search step).
const MAX_APPLIED: usize = 8;

/// A trip of a route: visits at stops `first..=last` (sites, maybe the break), closed by
/// stop `close` (a facility visit or the end depot).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Trip {
    first: usize,
    last: usize,
    close: usize,
}

/// The trips of `r` that hold at least one site, in order.
fn trips(r: &RouteCache) -> Vec<Trip> {
    let n = r.num_stops();
    let mut out = Vec::new();
    let mut first = 1;
    for j in 1..n {
        let closes = j == n - 1 || matches!(r.visit(j), Some(Visit::Facility(_)));
        if !closes {
            continue;
        }
        let has_site = (first..j).any(|x| matches!(r.visit(x), Some(Visit::Site(_))));
        if has_site {
            out.push(Trip {
                first,
                last: j - 1,
                close: j,
            });
        }
        first = j + 1;
    }
    out
}

/// Runs the trip moves on the routes in `slots` (the ones a search step changed).
pub fn improve_trips(env: &Env, st: &mut State, slots: &[usize]) {
    if env.problem.facilities().is_empty() {
        return; // one trip per route: nothing to move
    }
    let mut applied = 0;
    for &slot in slots {
        while applied < MAX_APPLIED && shift_boundaries(env, st, slot) {
            applied += 1;
        }
        if applied < MAX_APPLIED && reorder_trips(env, st, slot) {
            applied += 1;
        }
        while applied < MAX_APPLIED && move_trip_out(env, st, slot) {
            applied += 1;
        }
    }
}

/// Applies `changes` (new visits per slot) when every changed route stays feasible, no
/// facility takes more than its daily capacity, and the exact cost (routes and stability)
/// goes down, or stays equal while `frees_time` holds for the new routes; else undoes
/// them. Returns whether they were kept.
fn apply_if_better(
    env: &Env,
    st: &mut State,
    changes: Vec<(usize, Vec<Visit>)>,
    frees_time: impl Fn(&State) -> bool,
) -> bool {
    let cost_of = |st: &State| -> Cost {
        changes
            .iter()
            .map(|(s, _)| st.routes[*s].cost + stability_of(env, st, *s))
            .sum()
    };
    let before = cost_of(st);
    let old: Vec<(usize, Vec<Visit>)> = changes
        .iter()
        .map(|(s, _)| (*s, st.routes[*s].visits.clone()))
        .collect();
    for (s, v) in &changes {
        st.set_visits(env, *s, v.clone());
    }
    let feasible = changes.iter().all(|(s, _)| st.routes[*s].feasible);
    let capacities = env
        .problem
        .facilities()
        .iter()
        .zip(&st.intake)
        .all(|(f, got)| f.daily_capacity.is_none_or(|cap| got.fits_within(cap)));
    let after = cost_of(st);
    let keep = feasible && capacities && (after < before || (after == before && frees_time(st)));
    if !keep {
        for (s, v) in old.into_iter().rev() {
            st.set_visits(env, s, v);
        }
    }
    keep
}

/// Stability cost of the sites on route `slot`.
fn stability_of(env: &Env, st: &State, slot: usize) -> Cost {
    if env.stability_weight <= Cost::ZERO {
        return Cost::ZERO;
    }
    st.routes[slot]
        .visits
        .iter()
        .filter_map(|v| match v {
            Visit::Site(s) => Some(env.stability(*s, Some(slot))),
            _ => None,
        })
        .sum()
}

/// Earliest return of a route (zero when empty).
fn end_time(r: &RouteCache) -> Duration {
    if r.is_empty() {
        Duration::ZERO
    } else {
        r.arr[r.num_stops() - 1]
    }
}

/// Moves a facility visit of route `slot` one to [`MAX_SHIFT`] sites earlier or later
/// when that lowers the cost (the sites change trips). First improvement.
fn shift_boundaries(env: &Env, st: &mut State, slot: usize) -> bool {
    let p = env.problem;
    let r = &st.routes[slot];
    let n = r.num_stops();
    for c in 1..n - 1 {
        let Some(f @ Visit::Facility(_)) = r.visit(c) else {
            continue;
        };
        let before = sites_beside(r, c, false);
        let after = sites_beside(r, c, true);
        for d in 1..=MAX_SHIFT {
            // Earlier: the last d sites before c (and the break among them) move into
            // the next trip.
            if let Some(&lo) = before.get(d - 1) {
                let (i, k) = (lo - 1, c + 1);
                let mut ins = vec![f];
                ins.extend((lo..c).filter_map(|j| r.visit(j)));
                if let Some(delta) = eval_replace(p, &env.ctx, r, i, k, &ins)
                    && delta.cost < Cost::ZERO
                {
                    let visits = super::insertion::spliced(&r.visits, i, k, &ins);
                    return apply_if_better(env, st, vec![(slot, visits)], |_| false);
                }
            }
            // Later: the first d sites after c (and the break among them) move into the
            // previous trip.
            if let Some(&hi) = after.get(d - 1) {
                let (i, k) = (c - 1, hi + 1);
                let mut ins: Vec<Visit> = (c + 1..=hi).filter_map(|j| r.visit(j)).collect();
                ins.push(f);
                if let Some(delta) = eval_replace(p, &env.ctx, r, i, k, &ins)
                    && delta.cost < Cost::ZERO
                {
                    let visits = super::insertion::spliced(&r.visits, i, k, &ins);
                    return apply_if_better(env, st, vec![(slot, visits)], |_| false);
                }
            }
        }
    }
    false
}

/// The stops of the first [`MAX_SHIFT`] sites on one side of stop `c`, nearest first,
/// walking over sites and the break only (a site beyond the break is still listed: the
/// break moves with the sites). Going `forward` stops at the end depot; going back at
/// the start depot.
fn sites_beside(r: &RouteCache, c: usize, forward: bool) -> Vec<usize> {
    let mut out = Vec::new();
    let mut j = c;
    while out.len() < MAX_SHIFT {
        j = if forward { j + 1 } else { j - 1 };
        match r.visit(j) {
            Some(Visit::Site(_)) => out.push(j),
            Some(Visit::Break) => {}
            _ => break,
        }
    }
    out
}

/// The visits of `r` with its trips in `order` (indices into `trips`), each trip keeping
/// the facility that closed it. A trip that was last and unloaded at the end depot gets
/// `reload` when it moves forward; the new last trip drops its facility when the depot
/// unloads. `None` when a trip has no facility to close it.
fn reordered(
    r: &RouteCache,
    trips: &[Trip],
    order: &[usize],
    reload: Option<FacilityIdx>,
    depot_unloads: bool,
) -> Option<Vec<Visit>> {
    let mut out = Vec::with_capacity(r.visits.len() + 1);
    for (pos, &t) in order.iter().enumerate() {
        let trip = trips[t];
        out.extend((trip.first..=trip.last).filter_map(|j| r.visit(j)));
        let last = pos + 1 == order.len();
        if last && depot_unloads {
            continue;
        }
        match r.visit(trip.close) {
            Some(f @ Visit::Facility(_)) => out.push(f),
            _ => out.push(Visit::Facility(reload?)),
        }
    }
    Some(out)
}

/// Reorders the trips of route `slot` (trips sorted by release time, then each trip moved
/// to each other place) when the route gets cheaper or, at the same cost, comes home
/// earlier. Applies the best order found.
fn reorder_trips(env: &Env, st: &mut State, slot: usize) -> bool {
    let p = env.problem;
    let r = &st.routes[slot];
    let ts = trips(r);
    // Routes with a break are not reordered: carrying the break with its trip worked,
    // but on Kim 1051 (15,000 iterations, 4 seeds) it gave longer routes on every seed and
    // it took about 5 % of the time on the sample scenario, for no measurable gain there.
    if ts.len() < 2 || r.visits.contains(&Visit::Break) {
        return false;
    }
    // Only routes that are nothing but trips (no stray facility visits) are reordered.
    let sites_and_closers: usize = ts.iter().map(|t| t.last + 2 - t.first).sum();
    let v = p.vehicle_type(r.vt);
    let depot_unloads = v.end_of_route == EndOfRoute::DepotUnloads;
    let open_last = ts.last().is_some_and(|t| t.close == r.num_stops() - 1);
    if sites_and_closers != r.visits.len() + usize::from(open_last) {
        return false;
    }
    // The facility an open last trip uses when it moves forward: the one the trip
    // before it used (it takes that trip's stream when streams agree; eval checks).
    let reload = ts.iter().rev().find_map(|t| match r.visit(t.close) {
        Some(Visit::Facility(f)) => Some(f),
        _ => None,
    });
    let release = |t: &Trip| r.fwd_release[t.last];
    let m = ts.len();
    let mut orders: Vec<Vec<usize>> = Vec::new();
    let mut by_release: Vec<usize> = (0..m).collect();
    by_release.sort_by_key(|&t| release(&ts[t]));
    orders.push(by_release);
    for from in 0..m {
        for to in 0..m {
            if from == to {
                continue;
            }
            let mut o: Vec<usize> = (0..m).filter(|&t| t != from).collect();
            o.insert(to, from);
            orders.push(o);
        }
    }
    let identity: Vec<usize> = (0..m).collect();
    let n = r.num_stops();
    let mut best: Option<((Cost, Duration), Vec<Visit>)> = None;
    let now = (Cost::ZERO, end_time(r));
    for order in orders {
        if order == identity {
            continue;
        }
        let Some(visits) = reordered(r, &ts, &order, reload, depot_unloads) else {
            continue;
        };
        // Trips are whole, so the full stretch is replaced: an O(route) check.
        let Some((d, home)) = eval_replace_timed(p, &env.ctx, r, 0, n - 1, &visits) else {
            continue;
        };
        let key = (d.cost, home);
        if key < now && best.as_ref().is_none_or(|b| key < b.0) {
            best = Some((key, visits));
        }
    }
    let Some((_, visits)) = best else {
        return false;
    };
    let end_before = end_time(&st.routes[slot]);
    apply_if_better(env, st, vec![(slot, visits)], |st| {
        end_time(&st.routes[slot]) < end_before
    })
}

/// A trip move found: (cost change, target's return time, minus the trip's release), target
/// slot, the source route's new visits, the target's new visits.
type TripMove = ((Cost, Duration, Duration), usize, Vec<Visit>, Vec<Visit>);

/// Moves one trip of route `from` to another vehicle: the cheapest place over every route
/// and trip boundary, taken when the total cost goes down, or stays equal while the trip
/// leaves a vehicle with several trips for an idle one.
fn move_trip_out(env: &Env, st: &mut State, from: usize) -> bool {
    let p = env.problem;
    let r = &st.routes[from];
    let ts = trips(r);
    let n = r.num_stops();
    let mut best: Option<TripMove> = None;
    for trip in &ts {
        // Remove the trip's visits and its closing facility; an open last trip takes the
        // facility before it instead. The break, if there, stays behind in their place.
        let (i, k) = if trip.close < n - 1 {
            (trip.first - 1, trip.close + 1)
        } else if trip.first >= 2 {
            (trip.first - 2, n - 1)
        } else {
            (0, n - 1)
        };
        let left: &[Visit] = if (i + 1..k).any(|j| matches!(r.visit(j), Some(Visit::Break))) {
            &[Visit::Break]
        } else {
            &[]
        };
        let empties = i == 0 && k == n - 1;
        let removal = if empties {
            -r.cost
        } else {
            match eval_replace(p, &env.ctx, r, i, k, left) {
                Some(d) => d.cost,
                None => continue,
            }
        };
        let sites: Vec<Visit> = (trip.first..=trip.last)
            .filter_map(|j| r.visit(j))
            .filter(|x| matches!(x, Visit::Site(_)))
            .collect();
        let trip_release = r.fwd_release[trip.last];
        let stream = r.fwd_streams[trip.last];
        if stream.len() != 1 {
            continue;
        }
        let stream = stream.0.trailing_zeros() as usize;
        let old = super::insertion::spliced(&r.visits, i, k, left);
        let mut tried_empty = vec![false; p.vehicle_types().len()];
        for (to, rb) in st.routes.iter().enumerate() {
            if to == from {
                continue;
            }
            let t = rb.vt.index();
            if rb.is_empty() {
                // One idle vehicle per type; an idle vehicle needs the trip to be a route.
                if tried_empty[t] || empties || p.vehicle_type(rb.vt).break_rule.is_some() {
                    continue;
                }
                tried_empty[t] = true;
            }
            let vb = p.vehicle_type(rb.vt);
            let depot_unloads = vb.end_of_route == EndOfRoute::DepotUnloads;
            let facilities = &env.ctx.facilities[t][stream];
            let nb = rb.num_stops();
            let mut offer = |j: usize, kb: usize, ins: Vec<Visit>| {
                if let Some(d) = eval_replace(p, &env.ctx, rb, j, kb, &ins) {
                    let total = removal + d.cost;
                    let idle_gain = total == Cost::ZERO && rb.is_empty() && !empties;
                    // Ties: the vehicle that comes home earliest (an idle one first), then
                    // the trip released last (it holds its vehicle back most).
                    let key = (total, end_time(rb), -trip_release);
                    if (total < Cost::ZERO || idle_gain) && best.as_ref().is_none_or(|b| key < b.0)
                    {
                        let new = super::insertion::spliced(&rb.visits, j, kb, &ins);
                        best = Some((key, to, old.clone(), new));
                    }
                }
            };
            for j in 0..nb - 1 {
                let opens = j == 0 || matches!(rb.visit(j), Some(Visit::Facility(_)));
                if !opens {
                    continue;
                }
                if depot_unloads && j + 1 == nb - 1 {
                    // After the last stop: the trip unloads at the end depot.
                    offer(j, j + 1, sites.clone());
                    continue;
                }
                for &f in facilities {
                    let mut ins = sites.clone();
                    ins.push(Visit::Facility(f));
                    offer(j, j + 1, ins);
                }
            }
            // After an open last trip: a reload first.
            let last = nb - 2;
            if depot_unloads && !rb.is_empty() && matches!(rb.visit(last), Some(Visit::Site(_))) {
                let prev = rb.fwd_streams[last];
                if prev.len() == 1 {
                    let prev = prev.0.trailing_zeros() as usize;
                    for &f in &env.ctx.facilities[t][prev] {
                        let mut ins = vec![Visit::Facility(f)];
                        ins.extend_from_slice(&sites);
                        offer(last, nb - 1, ins);
                    }
                }
            }
        }
    }
    let Some((_, to, old_visits, new_visits)) = best else {
        return false;
    };
    let mut old_visits = old_visits;
    super::state::tidy(&mut old_visits);
    let to_was_empty = st.routes[to].is_empty();
    apply_if_better(env, st, vec![(from, old_visits), (to, new_visits)], |_| {
        to_was_empty
    })
}
