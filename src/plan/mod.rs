//! The timed plan: when each vehicle arrives, starts, leaves, and what it carries.
//!
//! [`timed_plan`] turns a [`Solution`] (visits in order) into times, loads and legs for
//! output, following the route semantics every part of wasteroute shares (the solver and the
//! independent checker implement the same rules on their own). It does not judge the plan:
//! a window that cannot be met is reported as a [`TimingNote`] on the route and the times
//! carry on from the arrival, so that even a hand-edited, infeasible plan can be shown.
//! Only a leg the road network cannot drive at all is an error.

mod timing;

pub use timing::{TimingError, timed_route};

use crate::problem::{DepotIdx, FacilityIdx, Loads, LocationIdx, Problem, SiteIdx, VehicleTypeIdx};
use crate::solution::Solution;
use crate::units::{Cost, Distance, Duration};

/// What a timed stop is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopRef {
    /// Leaving the start depot.
    StartDepot(DepotIdx),
    /// Collecting at a site.
    Site(SiteIdx),
    /// Unloading at a facility.
    Facility(FacilityIdx),
    /// The break, taken where the vehicle stands.
    Break,
    /// Coming back to the end depot.
    EndDepot(DepotIdx),
}

/// One stop of a timed route.
///
/// Time at a stop runs `arrival ≤ start ≤ departure`: waiting for a window from `arrival`
/// to `start`, then the work (`service`: collecting, unloading or the break), then, only
/// where a trip starts, waiting for the next trip's release time until `departure`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimedStop {
    /// What happens here.
    pub what: StopRef,
    /// Where the vehicle stands (for a break: where the previous stop was).
    pub location: LocationIdx,
    /// The 1-based trip the stop belongs to.
    pub trip: u32,
    /// Arrival.
    pub arrival: Duration,
    /// Start of service, unloading or the break.
    pub start: Duration,
    /// Length of the work: service time, unloading time or break length (zero at depots).
    pub service: Duration,
    /// Departure.
    pub departure: Duration,
    /// Time waited here: `(start − arrival) + (departure − start − service)`.
    pub waiting: Duration,
    /// Load on board after the stop (zero after a facility, and at the end depot when
    /// the depot takes the load).
    pub load_after: Loads,
    /// Where the leg to this stop starts (equal to `location` for the start depot and a break).
    pub leg_from: LocationIdx,
    /// Distance of that leg.
    pub distance_from_previous: Distance,
    /// Driving time of that leg.
    pub time_from_previous: Duration,
}

/// Something in a route that breaks the route rules, found while timing it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimingNote {
    /// The site at this position of the route's visits is reached after all its windows;
    /// service is shown as starting on arrival.
    SiteWindowMissed {
        /// Position in `Route::visits`.
        position: usize,
        /// The site.
        site: SiteIdx,
        /// When the vehicle arrives.
        arrival: Duration,
    },
    /// The facility is reached after it closes; unloading is shown as starting on arrival.
    FacilityClosed {
        /// Position in `Route::visits`.
        position: usize,
        /// The facility.
        facility: FacilityIdx,
        /// When the vehicle arrives.
        arrival: Duration,
    },
    /// The break would start after its window ends.
    BreakWindowMissed {
        /// Position in `Route::visits`.
        position: usize,
        /// When the break starts.
        start: Duration,
    },
    /// A break visit on a vehicle type without a break rule; shown as a zero-length stop.
    BreakWithoutRule {
        /// Position in `Route::visits`.
        position: usize,
    },
}

/// Totals of one timed route.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TimedTotals {
    /// Departure from the start depot.
    pub departure: Duration,
    /// Arrival at the end depot.
    pub arrival: Duration,
    /// Distance driven.
    pub distance: Distance,
    /// `arrival − departure`.
    pub duration: Duration,
    /// Driving time.
    pub driving: Duration,
    /// Collecting at sites.
    pub service: Duration,
    /// Unloading at facilities.
    pub unloading: Duration,
    /// The break.
    pub break_time: Duration,
    /// Waiting (windows and release times).
    pub waiting: Duration,
    /// Sites served.
    pub sites: u32,
    /// Trips (see [`TimedStop::trip`]).
    pub trips: u32,
    /// Total collected.
    pub collected: Loads,
    /// The largest load of one trip, per dimension.
    pub peak_trip_load: Loads,
    /// Fixed + per-distance + per-duration cost.
    pub cost: Cost,
}

/// One vehicle's route with times.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimedRoute {
    /// Vehicle type.
    pub vehicle_type: VehicleTypeIdx,
    /// Vehicle number within the type.
    pub vehicle: u32,
    /// Stops from the start depot to the end depot.
    pub stops: Vec<TimedStop>,
    /// Totals.
    pub totals: TimedTotals,
    /// Rule breaks met while timing (empty for a feasible route).
    pub notes: Vec<TimingNote>,
}

/// Every route of a solution with times, and the solution's cost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimedPlan {
    /// Non-empty routes, in the solution's order.
    pub routes: Vec<TimedRoute>,
    /// Sum of route costs plus, for each site left out, the unassigned penalty (required
    /// sites) or its prize (optional ones).
    pub cost: Cost,
}

/// Times every non-empty route of `solution`.
///
/// # Errors
/// [`TimingError`] when a route names an index the problem does not have or drives a leg
/// the road network cannot connect.
pub fn timed_plan(problem: &Problem, solution: &Solution) -> Result<TimedPlan, TimingError> {
    let routes = solution
        .routes
        .iter()
        .filter(|r| !r.visits.is_empty())
        .map(|r| timed_route(problem, r))
        .collect::<Result<Vec<_>, _>>()?;
    let penalty: Cost = solution
        .unassigned
        .iter()
        .map(|u| match problem.sites().get(u.site.index()) {
            Some(site) => site.missing_cost(problem.objective()),
            None => problem.objective().unassigned_penalty,
        })
        .sum();
    let cost = routes.iter().map(|r| r.totals.cost).sum::<Cost>() + penalty;
    Ok(TimedPlan { routes, cost })
}
