//! The times of one route for a given departure, straight from the semantics: arrive =
//! previous departure + travel; start at the earliest window that is still open; wait
//! whenever early; release times hold a trip at its start; a break is taken where the
//! vehicle stands.
//!
//! Late arrivals are recorded and the simulation goes on as if service started on
//! arrival, so every lateness of a route is reported, not only the first.

use crate::checker::violation::ViolationKind;
use crate::problem::{Problem, TimeWindow, VehicleType};
use crate::solution::Visit;
use crate::units::Duration;
use serde::Serialize;

/// When a vehicle reaches, starts and leaves one visit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct VisitTimes {
    /// Arrival (for a break: when the previous visit was left).
    pub arrival: Duration,
    /// Service, unloading or break start.
    pub start: Duration,
    /// Departure (after a facility that starts a trip: after any release wait).
    pub departure: Duration,
}

/// The schedule of a route for one departure time.
#[derive(Clone, Debug)]
pub(crate) struct Timeline {
    /// Times per visit, in the order of the checked visits.
    pub visits: Vec<VisitTimes>,
    /// Arrival at the end depot.
    pub end_arrival: Duration,
    /// Late arrivals and breaks: (position in the route, what).
    pub late: Vec<(usize, ViolationKind)>,
}

/// Simulates `visits` (position in the route, visit; all indices valid) for vehicle type
/// `v` leaving its start depot at `t0`. Travel over unreachable arcs counts as zero time
/// (the arc is reported elsewhere).
pub(crate) fn simulate(
    problem: &Problem,
    v: &VehicleType,
    visits: &[(usize, Visit)],
    t0: Duration,
) -> Timeline {
    let m = problem.profile(v.profile);
    let travel = |a, b| {
        let t = m.time.get(a, b);
        if t.is_infinite() { Duration::ZERO } else { t }
    };
    let releases = trip_releases(problem, visits);
    let mut trip = 0;
    let mut here = problem.depot(v.start_depot).location;
    let mut departure = t0.max(releases[0]);
    let mut out = Vec::with_capacity(visits.len());
    let mut late = Vec::new();
    for &(pos, visit) in visits {
        let times = match visit {
            Visit::Break => {
                let Some(rule) = v.break_rule else {
                    // Not allowed; reported by the route check. It takes no time.
                    out.push(VisitTimes {
                        arrival: departure,
                        start: departure,
                        departure,
                    });
                    continue;
                };
                let start = departure.max(rule.window.start);
                if start > rule.window.end {
                    late.push((
                        pos,
                        ViolationKind::BreakTooLate {
                            start,
                            late_by: start - rule.window.end,
                        },
                    ));
                }
                VisitTimes {
                    arrival: departure,
                    start,
                    departure: start + rule.duration,
                }
            }
            Visit::Site(s) => {
                let site = problem.site(s);
                let arrival = departure + travel(here, site.location);
                here = site.location;
                let start = match open_window(&site.windows, arrival) {
                    Some(start) => start,
                    None => {
                        late.push((
                            pos,
                            ViolationKind::SiteTooLate {
                                arrival,
                                late_by: lateness(&site.windows, arrival),
                            },
                        ));
                        arrival
                    }
                };
                VisitTimes {
                    arrival,
                    start,
                    departure: start + site.service_time,
                }
            }
            Visit::Facility(f) => {
                let facility = problem.facility(f);
                let arrival = departure + travel(here, facility.location);
                here = facility.location;
                let start = match open_window(&facility.windows, arrival) {
                    Some(start) => start,
                    None => {
                        late.push((
                            pos,
                            ViolationKind::FacilityTooLate {
                                arrival,
                                late_by: lateness(&facility.windows, arrival),
                            },
                        ));
                        arrival
                    }
                };
                trip += 1;
                VisitTimes {
                    arrival,
                    start,
                    departure: (start + facility.unload_time).max(releases[trip]),
                }
            }
        };
        departure = times.departure;
        out.push(times);
    }
    let end_arrival = departure + travel(here, problem.depot(v.end_depot).location);
    Timeline {
        visits: out,
        end_arrival,
        late,
    }
}

/// For each trip (the one leaving the start depot, then one after each facility), the
/// latest release time of its sites.
fn trip_releases(problem: &Problem, visits: &[(usize, Visit)]) -> Vec<Duration> {
    let mut releases = vec![Duration::ZERO];
    for &(_, visit) in visits {
        match visit {
            Visit::Site(s) => {
                let last = releases.last_mut().expect("never empty");
                *last = (*last).max(problem.site(s).release_time);
            }
            Visit::Facility(_) => releases.push(Duration::ZERO),
            Visit::Break => {}
        }
    }
    releases
}

/// The service start for an arrival: in the earliest window whose end is not before the
/// arrival, waiting for it to open; `None` when every window has closed.
fn open_window(windows: &[TimeWindow], arrival: Duration) -> Option<Duration> {
    windows
        .iter()
        .find(|w| w.end >= arrival)
        .map(|w| w.start.max(arrival))
}

/// How much later than the last window's end an arrival is (0 when there is no window).
fn lateness(windows: &[TimeWindow], arrival: Duration) -> Duration {
    windows
        .iter()
        .map(|w| w.end)
        .max()
        .map_or(Duration::ZERO, |end| arrival - end)
}
