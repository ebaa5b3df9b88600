//! Every per-route rule: vehicle, visits, trips and loads, streams, breaks, distance,
//! times, duration, daily limits and cost.

use crate::checker::RouteStats;
use crate::checker::timeline::{Timeline, simulate};
use crate::checker::violation::{Violation, ViolationKind};
use crate::problem::{FacilityIdx, Loads, Problem, StreamIdx, VehicleType};
use crate::solution::{Route, Visit};
use crate::units::{Cost, Distance, Duration};

/// What checking one route yields.
pub(crate) struct RouteOutcome {
    /// Statistics; `None` when the route cannot be evaluated (unknown vehicle type) or
    /// is empty.
    pub stats: Option<RouteStats>,
    /// The loads delivered to each facility by this route, in visit order.
    pub intake: Vec<(FacilityIdx, Loads)>,
}

/// Checks route number `r` and appends its violations to `out`.
pub(crate) fn check_route(
    problem: &Problem,
    r: usize,
    route: &Route,
    out: &mut Vec<Violation>,
) -> RouteOutcome {
    let mut flag = |position: Option<usize>, kind: ViolationKind| {
        out.push(Violation {
            route: Some(r),
            position,
            kind,
        });
    };
    let nothing = RouteOutcome {
        stats: None,
        intake: Vec::new(),
    };
    let Some(v) = problem.vehicle_types().get(route.vehicle_type.index()) else {
        flag(
            None,
            ViolationKind::UnknownVehicleType {
                vehicle_type: route.vehicle_type,
            },
        );
        return nothing;
    };
    if route.vehicle >= v.count {
        flag(
            None,
            ViolationKind::UnknownVehicle {
                vehicle: route.vehicle,
                count: v.count,
            },
        );
    }
    if route.visits.is_empty() {
        flag(None, ViolationKind::EmptyRoute);
        return nothing;
    }

    // Visits whose indices exist; the others are reported and left out of the evaluation.
    let mut visits = Vec::with_capacity(route.visits.len());
    for (pos, &visit) in route.visits.iter().enumerate() {
        match visit {
            Visit::Site(s) if s.index() >= problem.sites().len() => {
                flag(Some(pos), ViolationKind::UnknownSite { site: s });
            }
            Visit::Facility(f) if f.index() >= problem.facilities().len() => {
                flag(Some(pos), ViolationKind::UnknownFacility { facility: f });
            }
            _ => visits.push((pos, visit)),
        }
    }

    check_breaks(v, &visits, &mut flag);
    let (total_load, intake) = check_trips(problem, route, v, &visits, &mut flag);
    let distance = route_distance(problem, v, &visits, route.visits.len(), &mut flag);

    // Earliest schedule, then the latest departure that keeps its arrival (and adds no
    // lateness): the route's duration is measured on that schedule.
    let earliest_departure = problem.depot(v.start_depot).window.start.max(v.shift.start);
    let early = simulate(problem, v, &visits, earliest_departure);
    for (pos, kind) in &early.late {
        flag(Some(*pos), kind.clone());
    }
    let return_limit = problem.depot(v.end_depot).window.end.min(v.shift.end);
    if early.end_arrival > return_limit {
        flag(
            Some(route.visits.len()),
            ViolationKind::ReturnTooLate {
                arrival: early.end_arrival,
                late_by: early.end_arrival - return_limit,
            },
        );
    }
    let (departure, timeline) = latest_departure(problem, v, &visits, earliest_departure, early);
    let duration = timeline.end_arrival - departure;
    if duration > v.max_duration {
        flag(
            None,
            ViolationKind::TooLong {
                duration,
                excess: duration - v.max_duration,
            },
        );
    }
    if distance > v.max_distance {
        flag(
            None,
            ViolationKind::TooFar {
                distance,
                excess: distance - v.max_distance,
            },
        );
    }
    if !total_load.fits_within(v.max_total_load) {
        flag(
            None,
            ViolationKind::DailyLoadExceeded {
                load: total_load,
                limit: v.max_total_load,
                excess: total_load.excess_over(v.max_total_load),
            },
        );
    }
    let sites = visits
        .iter()
        .filter(|(_, x)| matches!(x, Visit::Site(_)))
        .count() as u32;
    if sites > v.max_sites {
        flag(
            None,
            ViolationKind::TooManySites {
                sites,
                limit: v.max_sites,
            },
        );
    }
    let cost = route_cost(v, distance, duration).unwrap_or_else(|| {
        flag(None, ViolationKind::Overflow { what: "cost" });
        Cost::INFINITE
    });
    RouteOutcome {
        stats: Some(RouteStats {
            route: r,
            vehicle_type: route.vehicle_type,
            vehicle: route.vehicle,
            sites,
            trips: intake.len() as u32 + u32::from(ends_with_load(&visits)),
            load: total_load,
            distance,
            departure,
            arrival: timeline.end_arrival,
            duration,
            cost,
            schedule: timeline.visits,
        }),
        intake,
    }
}

/// Exactly one break when the type has a rule, none otherwise.
fn check_breaks(
    v: &VehicleType,
    visits: &[(usize, Visit)],
    flag: &mut impl FnMut(Option<usize>, ViolationKind),
) {
    let breaks: Vec<usize> = visits
        .iter()
        .filter(|(_, x)| matches!(x, Visit::Break))
        .map(|(p, _)| *p)
        .collect();
    let allowed = usize::from(v.break_rule.is_some());
    if allowed == 1 && breaks.is_empty() {
        flag(None, ViolationKind::BreakMissing);
    }
    for &p in breaks.iter().skip(allowed) {
        flag(Some(p), ViolationKind::BreakNotAllowed);
    }
}

/// True when sites follow the last facility visit (or there is no facility at all).
fn ends_with_load(visits: &[(usize, Visit)]) -> bool {
    visits
        .iter()
        .rev()
        .take_while(|(_, x)| !matches!(x, Visit::Facility(_)))
        .any(|(_, x)| matches!(x, Visit::Site(_)))
}

/// Trip loads against capacity, streams, site eligibility and facility permissions.
/// Returns the route's total load and the load delivered at each facility visit.
fn check_trips(
    problem: &Problem,
    route: &Route,
    v: &VehicleType,
    visits: &[(usize, Visit)],
    flag: &mut impl FnMut(Option<usize>, ViolationKind),
) -> (Loads, Vec<(FacilityIdx, Loads)>) {
    let mut total = Loads::ZERO;
    let mut intake = Vec::new();
    let mut trip = 0;
    let mut load = Loads::ZERO;
    let mut stream: Option<StreamIdx> = None;
    let mut trip_sites = 0;
    for &(pos, visit) in visits {
        match visit {
            Visit::Site(s) => {
                let site = problem.site(s);
                if let Some(allowed) = &site.allowed_vehicle_types
                    && !allowed.contains(&route.vehicle_type)
                {
                    flag(Some(pos), ViolationKind::VehicleNotAllowed { site: s });
                }
                if !v.streams.contains(site.stream) {
                    flag(
                        Some(pos),
                        ViolationKind::StreamNotCarried {
                            stream: site.stream,
                        },
                    );
                }
                match stream {
                    None => stream = Some(site.stream),
                    Some(t) if t != site.stream => flag(
                        Some(pos),
                        ViolationKind::MixedStreams {
                            stream: site.stream,
                            trip_stream: t,
                        },
                    ),
                    Some(_) => {}
                }
                load = load.plus(site.demand);
                total = total.plus(site.demand);
                trip_sites += 1;
            }
            Visit::Facility(f) => {
                let facility = problem.facility(f);
                if let Some(allowed) = &v.facilities
                    && !allowed.contains(&f)
                {
                    flag(Some(pos), ViolationKind::FacilityNotAllowed { facility: f });
                }
                if let Some(t) = stream
                    && !facility.accepts.contains(t)
                {
                    flag(
                        Some(pos),
                        ViolationKind::StreamNotAccepted {
                            facility: f,
                            stream: t,
                        },
                    );
                }
                over_capacity(v, trip, load, Some(pos), flag);
                intake.push((f, load));
                trip += 1;
                load = Loads::ZERO;
                stream = None;
                trip_sites = 0;
            }
            Visit::Break => {}
        }
    }
    if trip_sites > 0 {
        over_capacity(v, trip, load, None, flag);
        if v.end_of_route == crate::problem::EndOfRoute::UnloadAtFacility {
            flag(None, ViolationKind::NotUnloadedAtEnd { sites: trip_sites });
        }
    }
    (total, intake)
}

/// The route's distance; unreachable arcs are reported (at the visit they lead to, or at
/// position `visits.len()` for the return to the end depot) and count as zero.
fn route_distance(
    problem: &Problem,
    v: &VehicleType,
    visits: &[(usize, Visit)],
    route_len: usize,
    flag: &mut impl FnMut(Option<usize>, ViolationKind),
) -> Distance {
    let m = problem.profile(v.profile);
    let mut here = problem.depot(v.start_depot).location;
    let mut total = Distance::ZERO;
    let stops = visits
        .iter()
        .filter_map(|&(pos, x)| match x {
            Visit::Site(s) => Some((pos, problem.site(s).location)),
            Visit::Facility(f) => Some((pos, problem.facility(f).location)),
            Visit::Break => None,
        })
        .chain(std::iter::once((
            route_len,
            problem.depot(v.end_depot).location,
        )));
    for (pos, to) in stops {
        let d = m.distance.get(here, to);
        if m.time.get(here, to).is_infinite() || d.is_infinite() {
            flag(Some(pos), ViolationKind::UnreachableArc);
        } else if let Some(sum) = total.get().checked_add(d.get()) {
            total = Distance(sum);
        } else {
            flag(Some(pos), ViolationKind::Overflow { what: "distance" });
            return Distance::INFINITE;
        }
        here = to;
    }
    total
}

/// The latest departure `t ≥ earliest` whose schedule arrives no later than the earliest
/// schedule and adds no late visit. Arrival and lateness never decrease when departing
/// later, so the departures that qualify form an interval and a binary search finds its end.
fn latest_departure(
    problem: &Problem,
    v: &VehicleType,
    visits: &[(usize, Visit)],
    earliest: Duration,
    early: Timeline,
) -> (Duration, Timeline) {
    let target = early.end_arrival;
    let base_late = early.late.len();
    let (mut lo, mut hi) = (earliest, target.max(earliest));
    let mut best = early;
    while lo < hi {
        let mid = Duration(lo.get() + (hi.get() - lo.get() + 1) / 2);
        let t = simulate(problem, v, visits, mid);
        if t.end_arrival <= target && t.late.len() <= base_late {
            lo = mid;
            best = t;
        } else {
            hi = Duration(mid.get() - 1);
        }
    }
    (lo, best)
}

/// Reports a trip whose load does not fit the vehicle.
fn over_capacity(
    v: &VehicleType,
    trip: usize,
    load: Loads,
    position: Option<usize>,
    flag: &mut impl FnMut(Option<usize>, ViolationKind),
) {
    if !load.fits_within(v.capacity) {
        flag(
            position,
            ViolationKind::TripOverCapacity {
                trip,
                load,
                capacity: v.capacity,
                excess: load.excess_over(v.capacity),
            },
        );
    }
}

/// `fixed + per_distance × distance + per_duration × duration`, or `None` when it does not
/// fit in 64 bits (a hand-made plan can hold any number of stops).
fn route_cost(v: &VehicleType, distance: Distance, duration: Duration) -> Option<Cost> {
    let by_distance = v.cost_per_distance.get().checked_mul(distance.get())?;
    let by_duration = v.cost_per_duration.get().checked_mul(duration.get())?;
    let sum = v
        .fixed_cost
        .get()
        .checked_add(by_distance)?
        .checked_add(by_duration)?;
    Some(Cost(sum))
}
