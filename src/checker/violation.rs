//! One broken rule of the route semantics, with where and by how much.

use crate::problem::{FacilityIdx, Loads, SiteIdx, StreamIdx, VehicleTypeIdx};
use crate::units::{Distance, Duration, Load};
use serde::Serialize;
use std::fmt;

/// A rule a solution breaks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// The route (its position in `Solution::routes`), `None` for solution-wide rules.
    pub route: Option<usize>,
    /// The visit's position in the route's `visits`, `None` for route-wide rules.
    pub position: Option<usize>,
    /// What is wrong and by how much.
    pub kind: ViolationKind,
}

/// What is wrong. Amounts are in the problem's integer units.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum ViolationKind {
    /// The route's vehicle type does not exist.
    UnknownVehicleType {
        /// The index given.
        vehicle_type: VehicleTypeIdx,
    },
    /// The vehicle number is not below the type's count.
    UnknownVehicle {
        /// The number given.
        vehicle: u32,
        /// How many vehicles the type has.
        count: u32,
    },
    /// Two routes use the same vehicle.
    VehicleUsedTwice {
        /// The type.
        vehicle_type: VehicleTypeIdx,
        /// The vehicle.
        vehicle: u32,
        /// The earlier route using it.
        first_route: usize,
    },
    /// A route without visits is written (unused vehicles have no route).
    EmptyRoute,
    /// A visit names a site that does not exist.
    UnknownSite {
        /// The index given.
        site: SiteIdx,
    },
    /// A visit names a facility that does not exist.
    UnknownFacility {
        /// The index given.
        facility: FacilityIdx,
    },
    /// A site is neither in a route nor unassigned.
    SiteMissing {
        /// The site.
        site: SiteIdx,
    },
    /// A site appears more than once (in routes and/or the unassigned list).
    SiteRepeated {
        /// The site.
        site: SiteIdx,
        /// How many times it appears in total.
        times: usize,
    },
    /// The vehicle type is not allowed at the site.
    VehicleNotAllowed {
        /// The site.
        site: SiteIdx,
    },
    /// The trip's load exceeds the vehicle capacity in some dimension.
    TripOverCapacity {
        /// The trip's number in the route, from 0.
        trip: usize,
        /// The trip's load.
        load: Loads,
        /// The capacity.
        capacity: Loads,
        /// Sum over dimensions of the excess.
        excess: Load,
    },
    /// `UnloadAtFacility`: sites after the last facility visit (the truck comes home full).
    NotUnloadedAtEnd {
        /// Number of sites after the last facility.
        sites: usize,
    },
    /// A site's stream differs from the stream of the trip's first site.
    MixedStreams {
        /// The site's stream.
        stream: StreamIdx,
        /// The trip's stream.
        trip_stream: StreamIdx,
    },
    /// The vehicle type may not carry the site's stream.
    StreamNotCarried {
        /// The stream.
        stream: StreamIdx,
    },
    /// The facility ending the trip does not accept the trip's stream.
    StreamNotAccepted {
        /// The facility.
        facility: FacilityIdx,
        /// The stream.
        stream: StreamIdx,
    },
    /// The vehicle type may not unload at this facility.
    FacilityNotAllowed {
        /// The facility.
        facility: FacilityIdx,
    },
    /// An arc the matrices mark unreachable.
    UnreachableArc,
    /// Arrival after the end of the site's last window.
    SiteTooLate {
        /// Arrival time.
        arrival: Duration,
        /// How much later than the last window's end.
        late_by: Duration,
    },
    /// Arrival after the end of the facility's last opening window.
    FacilityTooLate {
        /// Arrival time.
        arrival: Duration,
        /// How much later than the last window's end.
        late_by: Duration,
    },
    /// The vehicle type has a break rule but the route holds no break.
    BreakMissing,
    /// More than one break, or a break on a vehicle type without a break rule.
    BreakNotAllowed,
    /// The break would start after its window ends.
    BreakTooLate {
        /// When it could start at the earliest.
        start: Duration,
        /// How much later than the window's end.
        late_by: Duration,
    },
    /// Arrival at the end depot after `min(depot window end, shift end)`.
    ReturnTooLate {
        /// Arrival time.
        arrival: Duration,
        /// How much later than allowed.
        late_by: Duration,
    },
    /// The route lasts longer than `max_duration`.
    TooLong {
        /// The route's duration.
        duration: Duration,
        /// By how much it exceeds the limit.
        excess: Duration,
    },
    /// The route is longer than `max_distance`.
    TooFar {
        /// The route's distance.
        distance: Distance,
        /// By how much it exceeds the limit.
        excess: Distance,
    },
    /// The route collects more than `max_total_load` in some dimension.
    DailyLoadExceeded {
        /// Total collected.
        load: Loads,
        /// The limit.
        limit: Loads,
        /// Sum over dimensions of the excess.
        excess: Load,
    },
    /// The route serves more than `max_sites` sites.
    TooManySites {
        /// Number of site visits.
        sites: u32,
        /// The limit.
        limit: u32,
    },
    /// A figure of the plan (`distance`, `cost`, …) does not fit in 64 bits: the plan is
    /// not a plan of this problem (every real one fits; see `problem::objective_bound`).
    Overflow {
        /// The figure.
        what: &'static str,
    },
    /// The total intake of a facility exceeds its daily capacity.
    FacilityOverCapacity {
        /// The facility.
        facility: FacilityIdx,
        /// Its total intake.
        intake: Loads,
        /// Its capacity.
        capacity: Loads,
        /// Sum over dimensions of the excess.
        excess: Load,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.route, self.position) {
            (Some(r), Some(p)) => write!(f, "route {r}, visit {p}: ")?,
            (Some(r), None) => write!(f, "route {r}: ")?,
            _ => {}
        }
        use ViolationKind as K;
        match &self.kind {
            K::UnknownVehicleType { vehicle_type } => {
                write!(f, "vehicle type {} does not exist", vehicle_type.0)
            }
            K::UnknownVehicle { vehicle, count } => {
                write!(f, "vehicle {vehicle} does not exist (the type has {count})")
            }
            K::VehicleUsedTwice {
                vehicle_type,
                vehicle,
                first_route,
            } => write!(
                f,
                "vehicle {vehicle} of type {} is already used by route {first_route}",
                vehicle_type.0
            ),
            K::EmptyRoute => write!(f, "empty route written (an unused vehicle has no route)"),
            K::UnknownSite { site } => write!(f, "site {} does not exist", site.0),
            K::UnknownFacility { facility } => write!(f, "facility {} does not exist", facility.0),
            K::SiteMissing { site } => {
                write!(f, "site {} is neither routed nor unassigned", site.0)
            }
            K::SiteRepeated { site, times } => write!(f, "site {} appears {times} times", site.0),
            K::VehicleNotAllowed { site } => {
                write!(f, "the vehicle type is not allowed at site {}", site.0)
            }
            K::TripOverCapacity {
                trip,
                load,
                capacity,
                excess,
            } => write!(
                f,
                "trip {trip} carries {:?}, capacity {:?} (over by {excess})",
                load.0, capacity.0
            ),
            K::NotUnloadedAtEnd { sites } => write!(
                f,
                "{sites} site(s) after the last facility: the truck must come home empty"
            ),
            K::MixedStreams {
                stream,
                trip_stream,
            } => write!(
                f,
                "stream {} in a trip of stream {}",
                stream.0, trip_stream.0
            ),
            K::StreamNotCarried { stream } => {
                write!(f, "the vehicle type may not carry stream {}", stream.0)
            }
            K::StreamNotAccepted { facility, stream } => write!(
                f,
                "facility {} does not accept stream {}",
                facility.0, stream.0
            ),
            K::FacilityNotAllowed { facility } => write!(
                f,
                "the vehicle type may not unload at facility {}",
                facility.0
            ),
            K::UnreachableArc => write!(f, "the arc to this visit is unreachable"),
            K::SiteTooLate { arrival, late_by } => {
                write!(
                    f,
                    "arrives at {arrival}, {late_by} after the site's last window"
                )
            }
            K::FacilityTooLate { arrival, late_by } => write!(
                f,
                "arrives at {arrival}, {late_by} after the facility closes"
            ),
            K::BreakMissing => write!(f, "the vehicle type needs a break and the route has none"),
            K::BreakNotAllowed => write!(
                f,
                "break not allowed here (a second break, or no break rule)"
            ),
            K::BreakTooLate { start, late_by } => {
                write!(f, "break starts at {start}, {late_by} after its window")
            }
            K::ReturnTooLate { arrival, late_by } => {
                write!(f, "returns at {arrival}, {late_by} too late")
            }
            K::TooLong { duration, excess } => {
                write!(f, "lasts {duration}, {excess} over the maximum duration")
            }
            K::TooFar { distance, excess } => {
                write!(f, "drives {distance}, {excess} over the maximum distance")
            }
            K::DailyLoadExceeded {
                load,
                limit,
                excess,
            } => write!(
                f,
                "collects {:?} in the day, limit {:?} (over by {excess})",
                load.0, limit.0
            ),
            K::TooManySites { sites, limit } => {
                write!(f, "serves {sites} sites, limit {limit}")
            }
            K::Overflow { what } => write!(f, "its {what} overflows 64-bit arithmetic"),
            K::FacilityOverCapacity {
                facility,
                intake,
                capacity,
                excess,
            } => write!(
                f,
                "facility {} takes in {:?}, capacity {:?} (over by {excess})",
                facility.0, intake.0, capacity.0
            ),
        }
    }
}
