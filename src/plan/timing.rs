//! Timing one route: a forward pass from a depot departure `t0`, and the choice of `t0`.
//!
//! ## Choosing the depot departure
//! The vehicle leaves as late as it can without coming home later than the earliest
//! possible return (the route semantics' "latest departure that keeps the earliest
//! arrival"). The arrival at the end depot is a non-decreasing function of `t0` (every
//! step is `max(arrival, window start)` or a sum), and it can only stay put while `t0`
//! moves by at most the waiting of the earliest schedule. So the latest such `t0` is found
//! by bisection over `[earliest, earliest + waiting]` with the plain forward pass as the
//! oracle: obviously right, and about 20 passes per route, which is nothing next to solving.

use super::{StopRef, TimedRoute, TimedStop, TimedTotals, TimingNote};
use crate::problem::{Loads, LocationIdx, Problem, TimeWindow, VehicleType};
use crate::solution::{Route, Visit};
use crate::units::{Cost, Distance, Duration};
use thiserror::Error;

/// Why a route cannot be timed at all.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum TimingError {
    /// The route names a vehicle type, site or facility the problem does not have.
    #[error(
        "route of vehicle type {vehicle_type} vehicle {vehicle}: {what} {index} does not exist in the problem"
    )]
    UnknownIndex {
        /// Vehicle type index of the route.
        vehicle_type: u32,
        /// Vehicle number of the route.
        vehicle: u32,
        /// `vehicle type`, `site` or `facility`.
        what: &'static str,
        /// The index.
        index: u32,
    },
    /// A leg the vehicle's road profile cannot drive.
    #[error(
        "route of vehicle type {vehicle_type} vehicle {vehicle}: no road from location {from} to location {to} for this vehicle's road profile"
    )]
    Unreachable {
        /// Vehicle type index of the route.
        vehicle_type: u32,
        /// Vehicle number of the route.
        vehicle: u32,
        /// Matrix location the leg starts at.
        from: u32,
        /// Matrix location the leg ends at.
        to: u32,
    },
}

/// Times one route; see the [module docs](super) for the rules.
///
/// # Errors
/// [`TimingError`] when the route names an unknown index or drives an unreachable leg.
pub fn timed_route(problem: &Problem, route: &Route) -> Result<TimedRoute, TimingError> {
    let shape = Shape::new(problem, route)?;
    let earliest = {
        let v = shape.vehicle;
        problem.depot(v.start_depot).window.start.max(v.shift.start)
    };
    let t0 = match shape.simulate(earliest, true) {
        Some(first) => latest_equivalent_departure(&shape, earliest, &first),
        None => earliest,
    };
    let pass = shape
        .simulate(t0, false)
        .expect("the lenient pass always completes");
    Ok(shape.finish(pass))
}

/// The largest `t0` in `[earliest, earliest + waiting]` whose strict pass arrives home
/// exactly when the earliest one does.
fn latest_equivalent_departure(shape: &Shape<'_>, earliest: Duration, first: &Pass) -> Duration {
    let target = first.home_arrival();
    let keeps = |t0: Duration| {
        shape
            .simulate(t0, true)
            .is_some_and(|p| p.home_arrival() == target)
    };
    // Invariant: keeps(lo) holds; every t0 > hi fails.
    let (mut lo, mut hi) = (earliest, earliest + first.waiting());
    while lo < hi {
        let mid = Duration(lo.get() + (hi.get() - lo.get() + 1) / 2);
        if keeps(mid) {
            lo = mid;
        } else {
            hi = mid - Duration(1);
        }
    }
    lo
}

/// What does not depend on `t0`: trips, release times and legs.
struct Shape<'a> {
    problem: &'a Problem,
    route: &'a Route,
    vehicle: &'a VehicleType,
    /// 1-based trip of each visit.
    trip_of_visit: Vec<u32>,
    /// Trip of the end depot.
    home_trip: u32,
    /// Number of trips.
    trips: u32,
    /// `release[k]`: latest release time of the sites of trip `k` (index 0 unused).
    release: Vec<Duration>,
}

/// The result of one forward pass.
struct Pass {
    stops: Vec<TimedStop>,
    notes: Vec<TimingNote>,
}

impl Pass {
    fn home_arrival(&self) -> Duration {
        self.stops
            .last()
            .expect("a pass has the two depots")
            .arrival
    }

    fn waiting(&self) -> Duration {
        self.stops.iter().map(|s| s.waiting).sum()
    }
}

impl<'a> Shape<'a> {
    fn new(problem: &'a Problem, route: &'a Route) -> Result<Shape<'a>, TimingError> {
        let unknown = |what, index| TimingError::UnknownIndex {
            vehicle_type: route.vehicle_type.0,
            vehicle: route.vehicle,
            what,
            index,
        };
        let vehicle = problem
            .vehicle_types()
            .get(route.vehicle_type.index())
            .ok_or_else(|| unknown("vehicle type", route.vehicle_type.0))?;
        for visit in &route.visits {
            match *visit {
                Visit::Site(s) if s.index() >= problem.sites().len() => {
                    return Err(unknown("site", s.0));
                }
                Visit::Facility(f) if f.index() >= problem.facilities().len() => {
                    return Err(unknown("facility", f.0));
                }
                _ => {}
            }
        }

        let facilities = route
            .visits
            .iter()
            .filter(|v| matches!(v, Visit::Facility(_)))
            .count() as u32;
        let last_facility = route
            .visits
            .iter()
            .rposition(|v| matches!(v, Visit::Facility(_)));
        let sites_after_last = route.visits[last_facility.map_or(0, |p| p + 1)..]
            .iter()
            .any(|v| matches!(v, Visit::Site(_)));
        let trips = (facilities + u32::from(sites_after_last)).max(1);

        let mut trip_of_visit = Vec::with_capacity(route.visits.len());
        let mut release = vec![Duration::ZERO; trips as usize + 2];
        let mut trip = 1;
        for visit in &route.visits {
            // Stops after the last trip's facility that collect nothing (a break on the way
            // home) belong to the last trip.
            trip_of_visit.push(trip.min(trips));
            match *visit {
                Visit::Site(s) => {
                    let r = &mut release[trip as usize];
                    *r = (*r).max(problem.site(s).release_time);
                }
                Visit::Facility(_) => trip += 1,
                Visit::Break => {}
            }
        }

        let shape = Shape {
            problem,
            route,
            vehicle,
            trip_of_visit,
            home_trip: trips,
            trips,
            release,
        };
        shape.check_legs()?;
        Ok(shape)
    }

    fn location(&self, visit: Visit, current: LocationIdx) -> LocationIdx {
        match visit {
            Visit::Site(s) => self.problem.site(s).location,
            Visit::Facility(f) => self.problem.facility(f).location,
            Visit::Break => current,
        }
    }

    fn check_legs(&self) -> Result<(), TimingError> {
        let matrices = self.problem.profile(self.vehicle.profile);
        let mut at = self.problem.depot(self.vehicle.start_depot).location;
        let end = self.problem.depot(self.vehicle.end_depot).location;
        // A break is not a leg; every other visit is a place to drive to.
        let targets: Vec<LocationIdx> = self
            .route
            .visits
            .iter()
            .filter(|v| !matches!(v, Visit::Break))
            .map(|&v| self.location(v, at))
            .chain(std::iter::once(end))
            .collect();
        for to in targets {
            if !matrices.reachable(at, to) {
                return Err(TimingError::Unreachable {
                    vehicle_type: self.route.vehicle_type.0,
                    vehicle: self.route.vehicle,
                    from: at.0,
                    to: to.0,
                });
            }
            at = to;
        }
        Ok(())
    }

    /// The forward pass from depot departure `t0`. In strict mode any rule break ends the
    /// pass with `None`; otherwise it is noted and the times carry on from the arrival.
    fn simulate(&self, t0: Duration, strict: bool) -> Option<Pass> {
        let p = self.problem;
        let v = self.vehicle;
        let matrices = p.profile(v.profile);
        let mut notes = Vec::new();
        let mut note = |n: TimingNote| {
            if strict {
                None
            } else {
                notes.push(n);
                Some(())
            }
        };

        let depot = p.depot(v.start_depot);
        let mut at = depot.location;
        let mut load = Loads::ZERO;
        let leave = t0.max(self.release[1]);
        let mut stops = vec![TimedStop {
            what: StopRef::StartDepot(v.start_depot),
            location: at,
            trip: 1,
            arrival: t0,
            start: t0,
            service: Duration::ZERO,
            departure: leave,
            waiting: leave - t0,
            load_after: load,
            leg_from: at,
            distance_from_previous: Distance::ZERO,
            time_from_previous: Duration::ZERO,
        }];
        let mut now = leave;

        for (position, &visit) in self.route.visits.iter().enumerate() {
            let trip = self.trip_of_visit[position];
            let to = self.location(visit, at);
            let (leg_time, leg_distance) = if visit == Visit::Break {
                (Duration::ZERO, Distance::ZERO)
            } else {
                (matrices.time.get(at, to), matrices.distance.get(at, to))
            };
            let arrival = now + leg_time;
            let (what, start, service, departure) = match visit {
                Visit::Site(s) => {
                    let site = p.site(s);
                    let start = match window_start(&site.windows, arrival) {
                        Some(start) => start,
                        None => {
                            note(TimingNote::SiteWindowMissed {
                                position,
                                site: s,
                                arrival,
                            })?;
                            arrival
                        }
                    };
                    load = load.plus(site.demand);
                    let end = start + site.service_time;
                    (StopRef::Site(s), start, site.service_time, end)
                }
                Visit::Facility(f) => {
                    let facility = p.facility(f);
                    let start = match window_start(&facility.windows, arrival) {
                        Some(start) => start,
                        None => {
                            note(TimingNote::FacilityClosed {
                                position,
                                facility: f,
                                arrival,
                            })?;
                            arrival
                        }
                    };
                    load = Loads::ZERO;
                    let end = start + facility.unload_time;
                    // The next trip cannot leave before its sites are released.
                    let next_release = self.release[trip as usize + 1];
                    (
                        StopRef::Facility(f),
                        start,
                        facility.unload_time,
                        end.max(next_release),
                    )
                }
                Visit::Break => {
                    let rule = match v.break_rule {
                        Some(rule) => rule,
                        None => {
                            note(TimingNote::BreakWithoutRule { position })?;
                            crate::problem::BreakRule {
                                duration: Duration::ZERO,
                                window: TimeWindow::UNBOUNDED,
                            }
                        }
                    };
                    let start = arrival.max(rule.window.start);
                    if start > rule.window.end {
                        note(TimingNote::BreakWindowMissed { position, start })?;
                    }
                    (StopRef::Break, start, rule.duration, start + rule.duration)
                }
            };
            stops.push(TimedStop {
                what,
                location: to,
                trip,
                arrival,
                start,
                service,
                departure,
                waiting: (start - arrival) + (departure - start - service),
                load_after: load,
                leg_from: at,
                distance_from_previous: leg_distance,
                time_from_previous: leg_time,
            });
            at = to;
            now = departure;
        }

        let end = p.depot(v.end_depot);
        let leg_time = matrices.time.get(at, end.location);
        let arrival = now + leg_time;
        if v.end_of_route == crate::problem::EndOfRoute::DepotUnloads {
            load = Loads::ZERO;
        }
        stops.push(TimedStop {
            what: StopRef::EndDepot(v.end_depot),
            location: end.location,
            trip: self.home_trip,
            arrival,
            start: arrival,
            service: Duration::ZERO,
            departure: arrival,
            waiting: Duration::ZERO,
            load_after: load,
            leg_from: at,
            distance_from_previous: matrices.distance.get(at, end.location),
            time_from_previous: leg_time,
        });
        Some(Pass { stops, notes })
    }

    fn finish(&self, pass: Pass) -> TimedRoute {
        let v = self.vehicle;
        let first = pass.stops.first().expect("start depot");
        let last = pass.stops.last().expect("end depot");
        let mut t = TimedTotals {
            departure: first.departure,
            arrival: last.arrival,
            duration: last.arrival - first.departure,
            trips: self.trips,
            ..TimedTotals::default()
        };
        let mut trip_load = Loads::ZERO;
        for s in &pass.stops {
            t.distance += s.distance_from_previous;
            t.driving += s.time_from_previous;
            t.waiting += s.waiting;
            match s.what {
                StopRef::Site(site) => {
                    let demand = self.problem.site(site).demand;
                    t.sites += 1;
                    t.service += s.service;
                    t.collected = t.collected.plus(demand);
                    trip_load = trip_load.plus(demand);
                    t.peak_trip_load = t.peak_trip_load.max(trip_load);
                }
                StopRef::Facility(_) => {
                    t.unloading += s.service;
                    trip_load = Loads::ZERO;
                }
                StopRef::Break => t.break_time += s.service,
                StopRef::StartDepot(_) | StopRef::EndDepot(_) => {}
            }
        }
        // The first stop's waiting (for a release time) lies before the departure, so it is
        // not part of the route's duration.
        t.waiting -= first.waiting;
        t.cost = v.fixed_cost
            + Cost(v.cost_per_distance.get() * t.distance.get())
            + Cost(v.cost_per_duration.get() * t.duration.get());
        TimedRoute {
            vehicle_type: self.route.vehicle_type,
            vehicle: self.route.vehicle,
            stops: pass.stops,
            totals: t,
            notes: pass.notes,
        }
    }
}

/// Service start for an arrival: the arrival itself, or the start of the earliest window
/// that ends no earlier than the arrival; `None` when every window has ended.
fn window_start(windows: &[TimeWindow], arrival: Duration) -> Option<Duration> {
    windows
        .iter()
        .find(|w| w.end >= arrival)
        .map(|w| arrival.max(w.start))
}

#[cfg(test)]
mod tests {
    use super::window_start;
    use crate::problem::TimeWindow;
    use crate::units::Duration;

    #[test]
    fn window_start_picks_the_earliest_open_window() {
        let ws = [
            TimeWindow::new(Duration(10), Duration(20)),
            TimeWindow::new(Duration(40), Duration(50)),
        ];
        assert_eq!(window_start(&ws, Duration(5)), Some(Duration(10)));
        assert_eq!(window_start(&ws, Duration(15)), Some(Duration(15)));
        assert_eq!(window_start(&ws, Duration(20)), Some(Duration(20)));
        assert_eq!(window_start(&ws, Duration(21)), Some(Duration(40)));
        assert_eq!(window_start(&ws, Duration(51)), None);
        assert_eq!(window_start(&[], Duration(0)), None);
    }
}
