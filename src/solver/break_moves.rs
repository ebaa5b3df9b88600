//! Break placement: moves a route's break to the place where the route costs least.
//!
//! A break adds no distance (it is taken where the truck is), so where it sits changes only
//! the route's duration, and that only through waiting: a break taken before its window
//! opens makes the truck wait, while a break taken where the truck would wait anyway (for
//! a site's window, a facility's opening, a trip's release) costs nothing. Insertion puts
//! the break in its best place when a route is opened, but afterwards the break moves only
//! as sites are inserted or removed around it; this operator moves the break itself.
//!
//! For one route the operator:
//! 1. skips the route when its vehicle has no cost per hour (no place can be cheaper) or
//!    when its duration already equals its busy time (driving, service, unloading and the
//!    break itself): then there is no waiting to save;
//! 2. finds every other place where the break's window and every later stop still hold, in
//!    O(route) for all places together ([`break_places`]): a forward pass for the places
//!    after the break and a backward pass of latest arrivals for those before it, the
//!    same checks as [`eval_replace`](super::evaluate::eval_replace);
//! 3. the cheap pre-test: keeps the places that do not delay the first stop after both the
//!    old and the new place (a delay there delays the return home), ordered by how much
//!    they advance it, and computes the exact cost ([`RouteCache::update`]) of the first
//!    [`MAX_EXACT`] of them;
//! 4. applies the cheapest through [`State::set_visits`] (so undo and rollback work) when
//!    it is strictly cheaper than the route as it is.
//!
//! Everything runs in a fixed order with no randomness, so the result does not depend on
//! threads. A move never changes which sites a route serves, its trips or what they
//! unload, so facility daily capacities and stability costs are untouched.

use super::full_eval::service_start;
use super::route::{NEVER, RouteCache};
use super::state::{Env, State};
use crate::problem::{BreakRule, Problem};
use crate::solution::Visit;
use crate::units::{Cost, Duration};

/// Most places per route whose exact cost is computed (each is an O(route) update).
pub const MAX_EXACT: usize = 4;

/// A feasible new place for a route's break, found by [`break_places`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BreakPlace {
    /// The break goes right after this stop of the route as it is now (stop `0` is the
    /// start depot, so `0` means "first, at the depot").
    pub after: usize,
    /// Change of the earliest departure from the first stop after both the old and the new
    /// place (of the arrival when that stop is the end depot): negative when the move lets
    /// the rest of the route start earlier. The pre-test's estimate of what the move gains.
    pub shift: Duration,
}

/// Moves the break of every route in `slots`, where that makes the route cheaper.
pub fn improve_breaks(env: &Env, st: &mut State, slots: &[usize]) {
    for &slot in slots {
        move_break(env, st, slot);
    }
}

/// [`improve_breaks`] on the routes changed since [`State::begin`].
pub fn improve_changed_breaks(env: &Env, st: &mut State) {
    let slots = st.changed_slots();
    improve_breaks(env, st, &slots);
}

/// Moves the break of route `slot` to its cheapest place when that is strictly cheaper
/// than where it is (see the module docs). Returns whether the route changed.
pub fn move_break(env: &Env, st: &mut State, slot: usize) -> bool {
    let p = env.problem;
    let r = &st.routes[slot];
    let v = p.vehicle_type(r.vt);
    if v.cost_per_duration <= Cost::ZERO || v.break_rule.is_none() || r.is_empty() {
        return false;
    }
    if !r.feasible || r.duration <= busy_time(p, r) {
        return false;
    }
    let Some(at) = break_stop(r) else {
        return false;
    };
    let mut places = break_places(p, r);
    places.retain(|c| c.shift <= Duration::ZERO);
    places.sort_by_key(|c| (c.shift, c.after));
    let mut trial = r.clone();
    let mut best: Option<(Cost, Vec<Visit>)> = None;
    for c in places.iter().take(MAX_EXACT) {
        trial.visits = moved(&r.visits, at, c.after);
        trial.update(p);
        let bound = best.as_ref().map_or(r.cost, |b| b.0);
        if trial.feasible && trial.cost < bound {
            best = Some((trial.cost, trial.visits.clone()));
        }
    }
    let Some((_, visits)) = best else {
        return false;
    };
    st.set_visits(env, slot, visits);
    debug_assert!(st.routes[slot].feasible, "break move broke route {slot}");
    true
}

/// The stop holding the break of `r`, if it has one.
pub fn break_stop(r: &RouteCache) -> Option<usize> {
    r.visits
        .iter()
        .position(|x| matches!(x, Visit::Break))
        .map(|i| i + 1)
}

/// `visits` with the break taken out of stop `at` and put right after stop `after` (both
/// numbered as in the route before the move).
pub fn moved(visits: &[Visit], at: usize, after: usize) -> Vec<Visit> {
    let mut out = visits.to_vec();
    out.remove(at - 1);
    let pos = if after < at { after } else { after - 1 };
    out.insert(pos, Visit::Break);
    out
}

/// Time the route cannot do without: travel, service, unloading and the break. Its
/// duration is never shorter, whatever the break's place.
fn busy_time(p: &Problem, r: &RouteCache) -> Duration {
    let v = p.vehicle_type(r.vt);
    let mut busy = Duration::ZERO;
    for j in 1..r.num_stops() {
        busy += r.arr[j] - r.dep[j - 1];
        busy += match r.visit(j) {
            Some(Visit::Site(s)) => p.site(s).service_time,
            Some(Visit::Facility(f)) => p.facility(f).unload_time,
            Some(Visit::Break) => v.break_rule.map_or(Duration::ZERO, |b| b.duration),
            None => Duration::ZERO,
        };
    }
    busy
}

/// Every place other than its own where the break of the feasible route `r` could go with
/// every time rule still holding (break window, windows, releases, the return), in stop
/// order. Empty when `r` has no break. O(route) for the places after the break; the
/// estimates of the places before it need the stretch up to the break simulated again.
///
/// A binding maximum duration is not looked at (the exact update is).
pub fn break_places(p: &Problem, r: &RouteCache) -> Vec<BreakPlace> {
    let (Some(at), Some(rule)) = (break_stop(r), p.vehicle_type(r.vt).break_rule) else {
        return Vec::new();
    };
    let mut out = earlier_places(p, r, at, rule);
    out.reverse();
    out.extend(later_places(p, r, at, rule));
    out
}

/// Travel time into stop `j` from the stop before it (from the stop before the break when
/// stop `j - 1` is the break, which sits at that stop's location).
#[inline]
fn into(r: &RouteCache, j: usize) -> Duration {
    r.arr[j] - r.dep[j - 1]
}

/// Earliest departure from stop `j` (not the break) when arriving at `arrival`; for the end
/// depot, the arrival. `None` when every window has closed.
fn depart(p: &Problem, r: &RouteCache, j: usize, arrival: Duration) -> Option<Duration> {
    match r.visit(j) {
        None => Some(arrival),
        Some(Visit::Site(s)) => {
            let site = p.site(s);
            Some(service_start(&site.windows, arrival)? + site.service_time)
        }
        Some(Visit::Facility(f)) => {
            let fac = p.facility(f);
            let ready = service_start(&fac.windows, arrival)? + fac.unload_time;
            Some(ready.max(r.gap_release[j]))
        }
        Some(Visit::Break) => None,
    }
}

/// The break taken when leaving at `time`: when it ends, or `None` past its window.
#[inline]
fn take_break(rule: BreakRule, time: Duration) -> Option<Duration> {
    let begin = time.max(rule.window.start);
    (begin <= rule.window.end).then_some(begin + rule.duration)
}

/// The shift at stop `j` when arriving there at `arrival` (see [`BreakPlace::shift`]).
fn shift_at(p: &Problem, r: &RouteCache, j: usize, arrival: Duration) -> Option<Duration> {
    if j == r.num_stops() - 1 {
        return Some(arrival - r.arr[j]);
    }
    Some(depart(p, r, j, arrival)? - r.dep[j])
}

/// Places after the break (stop `at`): without the break, the stops after it are reached
/// earlier (or at the same time), so they stay feasible; the break then goes after stop
/// `j`, and the stop after `j` must be reached by its latest arrival.
fn later_places(p: &Problem, r: &RouteCache, at: usize, rule: BreakRule) -> Vec<BreakPlace> {
    let n = r.num_stops();
    let mut out = Vec::new();
    let mut time = r.dep[at - 1];
    for j in at + 1..n - 1 {
        let Some(t) = depart(p, r, j, time + into(r, j)) else {
            break;
        };
        time = t;
        // Departures only grow along the route: once past the window, always past it.
        let Some(end) = take_break(rule, time) else {
            break;
        };
        let arrival = end + into(r, j + 1);
        if arrival > r.latest[j + 1] {
            continue;
        }
        if let Some(shift) = shift_at(p, r, j + 1, arrival) {
            out.push(BreakPlace { after: j, shift });
        }
    }
    out
}

/// Places before the break (stop `at`), nearest first. A backward pass keeps the latest
/// arrival at each stop before the break were the break not there; the break after stop
/// `q` fits when the arrival at `q + 1` after it is no later than that.
fn earlier_places(p: &Problem, r: &RouteCache, at: usize, rule: BreakRule) -> Vec<BreakPlace> {
    let mut out = Vec::new();
    if at < 2 {
        return out;
    }
    // Latest arrival at the stop after the break, and the travel into it from stop at - 1.
    let mut next_latest = r.latest[at + 1];
    let mut next_into = into(r, at + 1);
    for j in (1..at).rev() {
        // Stop `j` is before the break, so never the break itself.
        let latest = r.latest_given(p, j, next_latest, next_into);
        if latest == NEVER {
            break;
        }
        let q = j - 1;
        if let Some(end) = take_break(rule, r.dep[q]) {
            let arrival = end + into(r, j);
            if arrival <= latest
                && let Some(shift) = shift_after_earlier(p, r, at, j, arrival)
            {
                out.push(BreakPlace { after: q, shift });
            }
        }
        next_latest = latest;
        next_into = into(r, j);
    }
    out
}

/// The shift at the stop after the old break when the break moves before stop `j` and
/// stop `j` is then reached at `arrival`: stops `j..at` are simulated again.
fn shift_after_earlier(
    p: &Problem,
    r: &RouteCache,
    at: usize,
    j: usize,
    arrival: Duration,
) -> Option<Duration> {
    let mut time = depart(p, r, j, arrival)?;
    for x in j + 1..at {
        time = depart(p, r, x, time + into(r, x))?;
    }
    shift_at(p, r, at + 1, time + into(r, at + 1))
}
