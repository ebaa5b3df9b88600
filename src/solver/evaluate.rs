//! Evaluation of a local change to a route from its caches: keep stops `0..=i`, drop stops
//! `i+1..k`, put `inserted` in their place, and keep stops `k..` ([`eval_replace`],
//! O(|inserted|)). Insertion, removal, facility replacement, trip merges and relocation or
//! exchange of short segments between routes are all of this form, so they are constant
//! time. A head of one route followed by the tail of another (2-opt*) is [`eval_join`]:
//! constant time from the tail's cached suffix summaries when both routes have the same
//! vehicle type, as PyVRP concatenates segments (see [`join_is_constant_time`] for when it
//! falls back to walking the tail).
//!
//! What is not constant time: an intra-route relocation re-inserts the stops it jumps over
//! (O(span), capped by the relocate operator); a join across vehicle types, or into a tail
//! holding a stop with several time windows when the type costs per duration, walks the
//! tail; a binding maximum duration is verified by a full simulation (below); and the
//! departure from the kept head is simulated again when the changed trip's release moves
//! it ([`departure_with_release`]).
//!
//! The cost it returns is exact for distance and fixed cost; the duration part is the shift
//! of the earliest arrival at the first kept stop, an estimate (the exact duration is known
//! after [`RouteCache::update`]). Feasibility is exact for time windows, breaks, loads,
//! streams, release times, the return time and per-driver limits. A binding maximum
//! duration and facility daily capacities are not looked at here: when the problem has
//! either, [`Context::needs_verify`] is set and chosen moves are verified in full first.
//!
//! Release times: a trip leaves its opener (the start depot or the facility before it) at
//! the latest of the moment it is ready and the trip's release time (the latest release of
//! its sites). The caches keep, per stop, the latest release of the trip's sites before and
//! after it, so the changed trips' releases are known in constant time. When a move changes
//! the release of the trip holding stop `i`, the kept stops from its opener up to `i` are
//! simulated again ([`departure_with_release`]): O(length of that part of the trip), and
//! only then.

use super::context::Context;
use super::full_eval::service_start;
use super::route::RouteCache;
use crate::problem::{EndOfRoute, Loads, Problem, StreamSet};
use crate::solution::Visit;
use crate::units::{Cost, Distance, Duration};

/// Changes caused by a move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Delta {
    /// Estimated cost change (exact when the vehicle type has no cost per duration).
    pub cost: Cost,
    /// Exact distance change.
    pub distance: Distance,
}

/// Evaluates replacing stops `i+1..k` of `route` by `inserted` (see the module docs).
/// Returns `None` when the result would break a rule.
///
/// Requires `i < k < route.num_stops()`; the replaced stops must not hold the break.
pub fn eval_replace(
    problem: &Problem,
    ctx: &Context,
    route: &RouteCache,
    i: usize,
    k: usize,
    inserted: &[Visit],
) -> Option<Delta> {
    eval_replace_timed(problem, ctx, route, i, k, inserted).map(|(d, _)| d)
}

/// [`eval_replace`], also returning the new earliest arrival at the first kept stop after
/// the change that is not the break (the end depot's when `k` is the last stop: the time
/// the truck comes home).
pub fn eval_replace_timed(
    problem: &Problem,
    ctx: &Context,
    route: &RouteCache,
    i: usize,
    k: usize,
    inserted: &[Visit],
) -> Option<(Delta, Duration)> {
    let vt = route.vt;
    let v = problem.vehicle_type(vt);
    let n = route.num_stops();
    debug_assert!(i < k && k < n);

    // Loads and streams, trip by trip.
    let mut load = route.fwd_load[i];
    let mut streams = route.fwd_streams[i];
    let mut added = Loads::ZERO;
    let mut added_sites = 0u32;
    let close_trip = |load: Loads, streams: StreamSet, at: Option<Visit>| -> bool {
        if !load.fits_within(v.capacity) || streams.len() > 1 {
            return false;
        }
        if streams.is_empty() {
            return true;
        }
        match at {
            Some(Visit::Facility(f)) => {
                v.facilities.as_ref().is_none_or(|a| a.contains(&f))
                    && streams.is_subset_of(problem.facility(f).accepts)
            }
            _ => v.end_of_route == EndOfRoute::DepotUnloads,
        }
    };
    for &x in inserted {
        match x {
            Visit::Site(s) => {
                if !ctx.eligible[s.index()][vt.index()] {
                    return None;
                }
                let site = problem.site(s);
                load = load.plus(site.demand);
                added = added.plus(site.demand);
                added_sites += 1;
                streams = streams.union(StreamSet::only(site.stream));
            }
            Visit::Facility(_) => {
                if !close_trip(load, streams, Some(x)) {
                    return None;
                }
                load = Loads::ZERO;
                streams = StreamSet::EMPTY;
            }
            Visit::Break => {}
        }
    }
    let closing = route.close[k];
    if !close_trip(
        load.plus(route.bwd_load[k]),
        streams.union(route.bwd_streams[k]),
        route.visit(closing),
    ) {
        return None;
    }
    // Per-driver limits. The removed sites only lower the totals: they are summed (a walk
    // over the removed stretch) only when the totals without them would break a limit.
    let total = route.total_load.plus(added);
    let sites = route.sites + added_sites;
    if !total.fits_within(v.max_total_load) || sites > v.max_sites {
        let mut removed = Loads::ZERO;
        let mut removed_sites = 0u32;
        for s in (i + 1..k).filter_map(|j| match route.visit(j) {
            Some(Visit::Site(s)) => Some(s),
            _ => None,
        }) {
            removed = removed.plus(problem.site(s).demand);
            removed_sites += 1;
        }
        let mut total = total;
        for (t, r) in total.0.iter_mut().zip(removed.0) {
            *t -= r;
        }
        if !total.fits_within(v.max_total_load) || sites - removed_sites > v.max_sites {
            return None;
        }
    }

    // Release time of each trip the move touches: the one holding stop `i` (closed by the
    // first inserted facility, else it runs on into stop `k`'s trip), and one per inserted
    // facility (the last runs on into stop `k`'s trip).
    let mut release = route.fwd_release[i];
    for &x in inserted {
        match x {
            Visit::Site(s) => release = release.max(problem.site(s).release_time),
            Visit::Facility(_) => break,
            Visit::Break => {}
        }
    }
    let mut facilities_left = inserted
        .iter()
        .filter(|x| matches!(x, Visit::Facility(_)))
        .count();
    if facilities_left == 0 {
        release = release.max(route.bwd_release[k]);
    }

    // Time and distance together. With symmetric matrices an arc that touches an inserted
    // visit is read from that visit's row: the same rows serve every position tried for
    // it, so they stay in cache. When time equals distance, one lookup serves both.
    let symmetric = ctx.symmetric[v.profile.index()];
    let arcs = ctx.arcs(problem, v.profile);
    let arc = |from, to| {
        let (from, to) = if symmetric { (to, from) } else { (from, to) };
        arcs.both(from, to)
    };
    let mut time = departure_with_release(problem, route, i, release)?;
    let mut at = route.loc[i];
    let mut dist = route.cum_dist[i];
    for (pos, &x) in inserted.iter().enumerate() {
        let (loc, windows, service) = match x {
            Visit::Site(s) => {
                let site = problem.site(s);
                (site.location, &site.windows, site.service_time)
            }
            Visit::Facility(f) => {
                let fac = problem.facility(f);
                (fac.location, &fac.windows, fac.unload_time)
            }
            Visit::Break => {
                let rule = v.break_rule?;
                let begin = time.max(rule.window.start);
                if begin > rule.window.end {
                    return None;
                }
                time = begin + rule.duration;
                continue;
            }
        };
        let (d, t) = arc(at, loc);
        if t.is_infinite() {
            return None;
        }
        dist += d;
        time = service_start(windows, time + t)? + service;
        if let Visit::Facility(_) = x {
            // The trip this facility opens waits for its sites' releases.
            facilities_left -= 1;
            let mut release = Duration::ZERO;
            for &y in &inserted[pos + 1..] {
                match y {
                    Visit::Site(s) => release = release.max(problem.site(s).release_time),
                    Visit::Facility(_) => break,
                    Visit::Break => {}
                }
            }
            if facilities_left == 0 {
                release = release.max(route.bwd_release[k]);
            }
            time = time.max(release);
        }
        at = loc;
    }
    let mut next = k;
    if matches!(route.visit(k), Some(Visit::Break)) {
        let rule = v.break_rule?;
        let begin = time.max(rule.window.start);
        if begin > rule.window.end {
            return None;
        }
        time = begin + rule.duration;
        next = k + 1;
    }
    let (d, t) = arcs.both(at, route.loc[next]);
    if t.is_infinite() {
        return None;
    }
    let arrival = time + t;
    if arrival > route.latest[next] {
        return None;
    }
    dist += d + (route.distance - route.cum_dist[next]);
    if dist > v.max_distance {
        return None;
    }
    let distance = dist - route.distance;
    let shift: Duration = arrival - route.arr[next];
    let mut cost = Cost(v.cost_per_distance.get() * distance.get())
        + Cost(v.cost_per_duration.get() * shift.get());
    if route.is_empty() {
        cost += v.fixed_cost;
    }
    Some((Delta { cost, distance }, arrival))
}

/// The common case of [`eval_replace`], written out for speed: insert site `site` right
/// after stop `i`. Returns `None` when infeasible, and also when the vehicle type has no
/// cost per duration and the (then exact) cost change is not below `bound`.
pub fn eval_insert_site(
    problem: &Problem,
    ctx: &Context,
    route: &RouteCache,
    i: usize,
    site: crate::problem::SiteIdx,
    bound: Cost,
) -> Option<Delta> {
    let v = problem.vehicle_type(route.vt);
    let arcs = ctx.arcs(problem, v.profile);
    let s = problem.site(site);
    let k = i + 1;
    let next = if matches!(route.visit(k), Some(Visit::Break)) {
        k + 1
    } else {
        k
    };
    let a = route.loc[i];
    let b = route.loc[next];
    // d(a, b) is already in the route's prefix sums; with symmetric matrices d(a, u) is
    // read from u's row, which stays in cache during one site's insertion.
    let symmetric = ctx.symmetric[v.profile.index()];
    let (row, col) = if symmetric {
        (s.location, a)
    } else {
        (a, s.location)
    };
    let to_u = arcs.distance(row, col);
    let from_u = arcs.distance(s.location, b);
    let distance = to_u + from_u - (route.cum_dist[next] - route.cum_dist[i]);
    let mut cost = Cost(v.cost_per_distance.get() * distance.get());
    if route.is_empty() {
        cost += v.fixed_cost;
    }
    if v.cost_per_duration == Cost::ZERO && cost >= bound {
        return None;
    }
    if !ctx.eligible[site.index()][route.vt.index()] {
        return None;
    }
    let load = route.fwd_load[i].plus(s.demand).plus(route.bwd_load[k]);
    if !load.fits_within(v.capacity) {
        return None;
    }
    let only = StreamSet::only(s.stream);
    let streams = route.fwd_streams[i].union(route.bwd_streams[k]);
    if streams != only {
        let all = streams.union(only);
        if all.len() > 1 {
            return None;
        }
        // The trip had no site: its closing stop must take this stream.
        match route.visit(route.close[k]) {
            Some(Visit::Facility(f)) => {
                let usable = v.facilities.as_ref().is_none_or(|x| x.contains(&f));
                if !usable || !problem.facility(f).accepts.contains(s.stream) {
                    return None;
                }
            }
            _ => {
                if v.end_of_route != EndOfRoute::DepotUnloads {
                    return None;
                }
            }
        }
    }
    if !route
        .total_load
        .plus(s.demand)
        .fits_within(v.max_total_load)
        || route.sites + 1 > v.max_sites
        || route.distance + distance > v.max_distance
    {
        return None;
    }
    // Read after the cheap checks; the time shares the distance's cache line.
    let t = arcs.time(row, col);
    if t.is_infinite() {
        return None;
    }
    let leave = if s.release_time > route.gap_release[i] {
        departure_with_release(problem, route, i, s.release_time)?
    } else {
        route.dep[i]
    };
    let mut time = service_start(&s.windows, leave + t)? + s.service_time;
    if next != k {
        let rule = v.break_rule?;
        let begin = time.max(rule.window.start);
        if begin > rule.window.end {
            return None;
        }
        time = begin + rule.duration;
    }
    let t = arcs.time(s.location, b);
    if t.is_infinite() {
        return None;
    }
    let arrival = time + t;
    if arrival > route.latest[next] {
        return None;
    }
    cost += Cost(v.cost_per_duration.get() * (arrival - route.arr[next]).get());
    Some(Delta { cost, distance })
}

/// Earliest departure from stop `i` of `route` when the trip holding it must wait for
/// `release` at its opener instead of its current release time; `None` when some kept
/// stop between the opener and `i` is then missed.
///
/// Constant time when the opener's departure does not change; otherwise the stops after
/// the opener are simulated again up to `i`, stopping early once the times meet the cached
/// ones again.
pub fn departure_with_release(
    problem: &Problem,
    route: &RouteCache,
    i: usize,
    release: Duration,
) -> Option<Duration> {
    let o = route.opener[i];
    let mut time = route.ready[o].max(release);
    if time == route.dep[o] {
        return Some(route.dep[i]);
    }
    let v = problem.vehicle_type(route.vt);
    for j in o + 1..=i {
        let into = route.arr[j] - route.dep[j - 1];
        if into.is_infinite() {
            return None;
        }
        let arrival = time + into;
        time = match route.visit(j) {
            Some(Visit::Site(s)) => {
                let site = problem.site(s);
                service_start(&site.windows, arrival)? + site.service_time
            }
            Some(Visit::Break) => {
                let rule = v.break_rule?;
                let begin = arrival.max(rule.window.start);
                if begin > rule.window.end {
                    return None;
                }
                begin + rule.duration
            }
            // Stops after an opener and up to `i` are sites and the break only.
            _ => return None,
        };
        if time == route.dep[j] {
            return Some(route.dep[i]);
        }
    }
    Some(time)
}

/// Evaluates keeping stops `0..=i` of `head` and driving on through the stops after `j` of
/// `tail` (the tail's end depot becomes `head`'s), as 2-opt* does: exactly what
/// `eval_replace(problem, ctx, head, i, head.num_stops() - 1, &tail.visits[j..])` returns.
///
/// Constant time when [`join_is_constant_time`] says so, from the two routes' caches (the
/// joined trip's load, streams and release; per-driver totals from prefix sums; distance
/// from `cum_dist`; feasibility of the tail's times from its `latest`; the arrival home
/// from its end-arrival summary); otherwise [`eval_replace`] walks the tail. The departure
/// from stop `i` is [`departure_with_release`]'s, constant time unless the joined trip's
/// release moves its opener's departure.
///
/// Requires `i + 1 < head.num_stops()` and `j + 1 < tail.num_stops()`; `head` and `tail`
/// may be the same route.
pub fn eval_join(
    problem: &Problem,
    ctx: &Context,
    head: &RouteCache,
    i: usize,
    tail: &RouteCache,
    j: usize,
) -> Option<Delta> {
    if join_is_constant_time(problem, head, tail, j) {
        eval_join_cached(problem, ctx, head, i, tail, j)
    } else {
        eval_replace(
            problem,
            ctx,
            head,
            i,
            head.num_stops() - 1,
            &tail.visits[j..],
        )
    }
}

/// The first stop after `j` of `tail` that is not a break it starts with: where the joined
/// route drives to from the head.
#[inline]
fn first_place_after(tail: &RouteCache, j: usize) -> usize {
    if matches!(tail.visit(j + 1), Some(Visit::Break)) {
        j + 2
    } else {
        j + 1
    }
}

/// True when [`eval_join`] answers from the caches alone: both routes have the same vehicle
/// type (so capacity, eligibility, usable facilities, matrices, end depot, shift and break
/// rule are shared and the tail's summaries hold in the joined route), the tail holds no
/// site the type may not serve and no trip after its first that breaks a load rule, it
/// does not start with two breaks, and, when the type costs per duration, no stop the
/// joined route drives to in the tail has several time windows (the arrival home is then
/// not a `max` of the entry time: see [`RouteCache::to_end_floor`]).
pub fn join_is_constant_time(
    problem: &Problem,
    head: &RouteCache,
    tail: &RouteCache,
    j: usize,
) -> bool {
    let p = first_place_after(tail, j);
    head.vt == tail.vt
        && tail.last_ineligible <= j
        && tail.last_bad_close <= tail.close[j + 1]
        && !matches!(tail.visit(p), Some(Visit::Break))
        && (problem.vehicle_type(head.vt).cost_per_duration == Cost::ZERO
            || tail.last_multi_window < p)
}

/// `a - b`, dimension by dimension.
fn less(a: Loads, b: Loads) -> Loads {
    Loads(std::array::from_fn(|d| a.0[d] - b.0[d]))
}

/// The constant-time body of [`eval_join`], when [`join_is_constant_time`] holds. Each
/// check mirrors the one [`eval_replace`] makes with the tail as `inserted`.
fn eval_join_cached(
    problem: &Problem,
    ctx: &Context,
    head: &RouteCache,
    i: usize,
    tail: &RouteCache,
    j: usize,
) -> Option<Delta> {
    let v = problem.vehicle_type(head.vt);
    let first = j + 1;
    debug_assert!(i + 1 < head.num_stops() && first < tail.num_stops());

    // The joined trip: the head's open trip and the tail's first, closed where the tail's
    // first trip closes. The tail's later trips are its own, and keep the rules.
    let load = head.fwd_load[i].plus(tail.bwd_load[first]);
    let streams = head.fwd_streams[i].union(tail.bwd_streams[first]);
    if !load.fits_within(v.capacity) || streams.len() > 1 {
        return None;
    }
    if !streams.is_empty() {
        let closes = match tail.visit(tail.close[first]) {
            Some(Visit::Facility(f)) => {
                v.facilities.as_ref().is_none_or(|a| a.contains(&f))
                    && streams.is_subset_of(problem.facility(f).accepts)
            }
            _ => v.end_of_route == EndOfRoute::DepotUnloads,
        };
        if !closes {
            return None;
        }
    }

    // Per-driver limits, as `eval_replace` checks them: first with the head's whole day
    // plus the tail, then without the head's own tail.
    let total = head
        .total_load
        .plus(less(tail.total_load, tail.cum_load[j]));
    let sites = head.sites + (tail.sites - tail.cum_sites[j]);
    if !total.fits_within(v.max_total_load) || sites > v.max_sites {
        let removed = less(head.total_load, head.cum_load[i]);
        let removed_sites = head.sites - head.cum_sites[i];
        if !less(total, removed).fits_within(v.max_total_load)
            || sites - removed_sites > v.max_sites
        {
            return None;
        }
    }

    // Leave the head when the joined trip's sites are released; a break the tail starts
    // with is taken where the head ends.
    let release = head.fwd_release[i].max(tail.bwd_release[first]);
    let mut time = departure_with_release(problem, head, i, release)?;
    let p = first_place_after(tail, j);
    if p != first {
        let rule = v.break_rule?;
        let begin = time.max(rule.window.start);
        if begin > rule.window.end {
            return None;
        }
        time = begin + rule.duration;
    }
    let arcs = ctx.arcs(problem, v.profile);
    let (d, t) = arcs.both(head.loc[i], tail.loc[p]);
    if t.is_infinite() {
        return None;
    }
    let arrival = time + t;
    if arrival > tail.latest[p] {
        return None;
    }
    let dist = head.cum_dist[i] + d + (tail.distance - tail.cum_dist[p]);
    if dist > v.max_distance {
        return None;
    }
    let distance = dist - head.distance;
    let mut cost = Cost(v.cost_per_distance.get() * distance.get());
    if v.cost_per_duration != Cost::ZERO {
        let home = tail.end_arrival_from(p, arrival);
        let shift = home - head.arr[head.num_stops() - 1];
        cost += Cost(v.cost_per_duration.get() * shift.get());
    }
    if head.is_empty() {
        cost += v.fixed_cost;
    }
    Some(Delta { cost, distance })
}
