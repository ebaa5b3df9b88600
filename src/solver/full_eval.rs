//! The slow, obviously correct evaluation of a route and of a whole solution, written
//! straight from the route semantics (`semantics.md`): simulate the visits one by one.
//!
//! The search uses the incremental caches of [`route`](super::route) and the constant-time
//! checks of [`evaluate`](super::evaluate); tests compare those with this module.

use crate::problem::{FacilityIdx, Loads, Problem, StreamSet, TimeWindow, VehicleTypeIdx};
use crate::solution::{Solution, Visit};
use crate::units::{Cost, Distance, Duration};

/// Why a route breaks the rules (the first violation met).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Violation {
    /// Wrong number of breaks for the vehicle type.
    Breaks,
    /// A site the vehicle type may not serve or whose stream it may not carry.
    Eligibility,
    /// A trip over capacity.
    Capacity,
    /// Two streams in one trip, or a facility that does not accept the trip's stream or may
    /// not be used by the vehicle.
    Stream,
    /// Sites after the last facility when the truck must come home empty.
    NotEmptyAtEnd,
    /// A forbidden (unreachable) arc.
    Unreachable,
    /// A visit after its last window, a break after its window or a late return.
    Time,
    /// Longer than the vehicle's maximum duration.
    Duration,
    /// Longer than the vehicle's maximum distance.
    Distance,
    /// Over the per-driver total load or number of sites.
    DriverLimit,
}

/// What a full simulation of one route finds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteReport {
    /// Total travelled distance.
    pub distance: Distance,
    /// Duration with the latest start that keeps the earliest return.
    pub duration: Duration,
    /// fixed + per distance + per duration (zero for an empty route).
    pub cost: Cost,
    /// The load each facility visit unloads, in visit order.
    pub unloads: Vec<(FacilityIdx, Loads)>,
}

/// Service start at a place with `windows` when arriving at `arrival`: the arrival or the
/// start of the earliest window that has not ended yet; `None` when all have ended.
pub fn service_start(windows: &[TimeWindow], arrival: Duration) -> Option<Duration> {
    windows
        .iter()
        .find(|w| w.end >= arrival)
        .map(|w| arrival.max(w.start))
}

/// Simulates `visits` for vehicle type `vt`.
///
/// # Errors
/// The first [`Violation`] met.
pub fn evaluate_route(
    problem: &Problem,
    vt: VehicleTypeIdx,
    visits: &[Visit],
) -> Result<RouteReport, Violation> {
    if visits.is_empty() {
        return Ok(RouteReport {
            distance: Distance::ZERO,
            duration: Duration::ZERO,
            cost: Cost::ZERO,
            unloads: Vec::new(),
        });
    }
    let v = problem.vehicle_type(vt);
    let breaks = visits.iter().filter(|x| matches!(x, Visit::Break)).count();
    if breaks != usize::from(v.break_rule.is_some()) {
        return Err(Violation::Breaks);
    }
    // Trips: structure, loads, streams, release times.
    let mut releases = Vec::new(); // one per trip, in order
    let mut unloads = Vec::new();
    let mut load = Loads::ZERO;
    let mut streams = StreamSet::EMPTY;
    let mut release = Duration::ZERO;
    let mut has_sites = false;
    let mut total = Loads::ZERO;
    let mut sites = 0u32;
    for visit in visits {
        match *visit {
            Visit::Site(s) => {
                let site = problem.site(s);
                let allowed = site
                    .allowed_vehicle_types
                    .as_ref()
                    .is_none_or(|a| a.contains(&vt));
                if !allowed || !v.streams.contains(site.stream) {
                    return Err(Violation::Eligibility);
                }
                load = load.plus(site.demand);
                total = total.plus(site.demand);
                sites += 1;
                streams = streams.union(StreamSet::only(site.stream));
                release = release.max(site.release_time);
                has_sites = true;
            }
            Visit::Facility(f) => {
                let fac = problem.facility(f);
                if has_sites {
                    let usable = v.facilities.as_ref().is_none_or(|a| a.contains(&f));
                    if !usable || !streams.is_subset_of(fac.accepts) {
                        return Err(Violation::Stream);
                    }
                }
                if !load.fits_within(v.capacity) {
                    return Err(Violation::Capacity);
                }
                if streams.len() > 1 {
                    return Err(Violation::Stream);
                }
                unloads.push((f, load));
                releases.push(release);
                load = Loads::ZERO;
                streams = StreamSet::EMPTY;
                release = Duration::ZERO;
                has_sites = false;
            }
            Visit::Break => {}
        }
    }
    if !load.fits_within(v.capacity) {
        return Err(Violation::Capacity);
    }
    if streams.len() > 1 {
        return Err(Violation::Stream);
    }
    if has_sites && v.end_of_route == crate::problem::EndOfRoute::UnloadAtFacility {
        return Err(Violation::NotEmptyAtEnd);
    }
    releases.push(release);
    if !total.fits_within(v.max_total_load) || sites > v.max_sites {
        return Err(Violation::DriverLimit);
    }

    // Time: earliest schedule, then the latest start that keeps the earliest return.
    let start = problem.depot(v.start_depot);
    let t0_min = start.window.start.max(v.shift.start).max(releases[0]);
    let earliest_end = simulate_times(problem, vt, visits, &releases, t0_min)?;
    let end = problem.depot(v.end_depot);
    if earliest_end > end.window.end.min(v.shift.end) {
        return Err(Violation::Time);
    }
    // Arrival is non-decreasing in t0: binary search the latest t0 that keeps it.
    let (mut lo, mut hi) = (t0_min, earliest_end);
    while lo < hi {
        let mid = Duration(lo.get() + (hi.get() - lo.get() + 1) / 2);
        match simulate_times(problem, vt, visits, &releases, mid) {
            Ok(arrival) if arrival <= earliest_end => lo = mid,
            _ => hi = Duration(mid.get() - 1),
        }
    }
    let duration = earliest_end - lo;
    if duration > v.max_duration {
        return Err(Violation::Duration);
    }

    let m = problem.profile(v.profile);
    let mut distance = Distance::ZERO;
    let mut at = start.location;
    for visit in visits {
        let next = match *visit {
            Visit::Site(s) => problem.site(s).location,
            Visit::Facility(f) => problem.facility(f).location,
            Visit::Break => continue,
        };
        distance += m.distance.get(at, next);
        at = next;
    }
    distance += m.distance.get(at, end.location);
    if distance > v.max_distance {
        return Err(Violation::Distance);
    }
    let cost = v.fixed_cost
        + Cost(v.cost_per_distance.get() * distance.get())
        + Cost(v.cost_per_duration.get() * duration.get());
    Ok(RouteReport {
        distance,
        duration,
        cost,
        unloads,
    })
}

/// Arrival time at the end depot when leaving the start depot at `t0`.
fn simulate_times(
    problem: &Problem,
    vt: VehicleTypeIdx,
    visits: &[Visit],
    releases: &[Duration],
    t0: Duration,
) -> Result<Duration, Violation> {
    let v = problem.vehicle_type(vt);
    let m = problem.profile(v.profile);
    let mut at = problem.depot(v.start_depot).location;
    let mut time = t0;
    let mut trip = 0;
    let travel = |from, to| {
        let t = m.time.get(from, to);
        if t.is_infinite() {
            Err(Violation::Unreachable)
        } else {
            Ok(t)
        }
    };
    for visit in visits {
        match *visit {
            Visit::Site(s) => {
                let site = problem.site(s);
                let arrival = time + travel(at, site.location)?;
                let begin = service_start(&site.windows, arrival).ok_or(Violation::Time)?;
                time = begin + site.service_time;
                at = site.location;
            }
            Visit::Facility(f) => {
                let fac = problem.facility(f);
                let arrival = time + travel(at, fac.location)?;
                let begin = service_start(&fac.windows, arrival).ok_or(Violation::Time)?;
                trip += 1;
                time = (begin + fac.unload_time).max(releases[trip]);
                at = fac.location;
            }
            Visit::Break => {
                let rule = v.break_rule.ok_or(Violation::Breaks)?;
                let begin = time.max(rule.window.start);
                if begin > rule.window.end {
                    return Err(Violation::Time);
                }
                time = begin + rule.duration;
            }
        }
    }
    Ok(time + travel(at, problem.depot(v.end_depot).location)?)
}

/// Cost of a whole solution, from scratch: the sum of its route costs plus, per site left
/// out, the unassigned penalty (a required site) or its prize (an optional one). Infeasible routes are costed as if feasible would be
/// meaningless, so they count as `Cost::INFINITE`; use [`check_solution`] to learn why.
pub fn solution_cost(problem: &Problem, solution: &Solution) -> Cost {
    let mut total = Cost::ZERO;
    for r in &solution.routes {
        match evaluate_route(problem, r.vehicle_type, &r.visits) {
            Ok(rep) => total += rep.cost,
            Err(_) => return Cost::INFINITE,
        }
    }
    let objective = problem.objective();
    let missing: Cost = solution
        .unassigned
        .iter()
        .map(|u| match problem.sites().get(u.site.index()) {
            Some(site) => site.missing_cost(objective),
            None => objective.unassigned_penalty,
        })
        .sum();
    total + missing
}

/// What is wrong with a whole solution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SolutionFault {
    /// Route `route` (position in `routes`) breaks a rule.
    Route {
        /// Position in `Solution::routes`.
        route: usize,
        /// The violation.
        violation: Violation,
    },
    /// A site is missing, served twice, or both served and unassigned.
    Coverage {
        /// The site index.
        site: usize,
    },
    /// A vehicle number used twice, out of range, or an empty route written.
    Vehicle {
        /// Position in `Solution::routes`.
        route: usize,
    },
    /// A facility receives more than its daily capacity.
    FacilityCapacity {
        /// The facility index.
        facility: usize,
    },
}

/// Checks a whole solution against every rule (the solver's own check; the independent
/// checker lives elsewhere and shares no code with this).
///
/// # Errors
/// The first fault found.
pub fn check_solution(problem: &Problem, solution: &Solution) -> Result<(), SolutionFault> {
    let mut seen = vec![0u32; problem.sites().len()];
    let mut vehicles = std::collections::BTreeSet::new();
    let mut intake = vec![Loads::ZERO; problem.facilities().len()];
    for (i, r) in solution.routes.iter().enumerate() {
        let bad_vehicle = r.vehicle_type.index() >= problem.vehicle_types().len()
            || r.vehicle >= problem.vehicle_type(r.vehicle_type).count
            || !vehicles.insert((r.vehicle_type, r.vehicle))
            || r.visits.is_empty();
        if bad_vehicle {
            return Err(SolutionFault::Vehicle { route: i });
        }
        for visit in &r.visits {
            if let Visit::Site(s) = visit {
                if s.index() >= seen.len() {
                    return Err(SolutionFault::Coverage { site: s.index() });
                }
                seen[s.index()] += 1;
            }
        }
        let rep = evaluate_route(problem, r.vehicle_type, &r.visits).map_err(|violation| {
            SolutionFault::Route {
                route: i,
                violation,
            }
        })?;
        for (f, l) in rep.unloads {
            intake[f.index()] = intake[f.index()].plus(l);
        }
    }
    for u in &solution.unassigned {
        if u.site.index() >= seen.len() {
            return Err(SolutionFault::Coverage {
                site: u.site.index(),
            });
        }
        seen[u.site.index()] += 1;
    }
    if let Some(site) = seen.iter().position(|&c| c != 1) {
        return Err(SolutionFault::Coverage { site });
    }
    for (f, fac) in problem.facilities().iter().enumerate() {
        if let Some(cap) = fac.daily_capacity
            && !intake[f].fits_within(cap)
        {
            return Err(SolutionFault::FacilityCapacity { facility: f });
        }
    }
    Ok(())
}
