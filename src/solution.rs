//! What the solver returns: routes as sequences of visits, and the sites left out.
//!
//! A solution says *what* each vehicle does in which order; the times follow from the
//! problem (the timed plan computes them for output, the checker recomputes them on its own).

use crate::problem::{FacilityIdx, SiteIdx, VehicleTypeIdx};
use serde::{Deserialize, Serialize};

/// One stop of a route between leaving the start depot and arriving at the end depot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Visit {
    /// Collect at a site.
    Site(SiteIdx),
    /// Unload at a facility; ends the current trip.
    Facility(FacilityIdx),
    /// The vehicle's break, taken where the vehicle is: right after the previous visit's
    /// service (or at the start depot when first), before driving on.
    Break,
}

/// The work of one vehicle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    /// Its type.
    pub vehicle_type: VehicleTypeIdx,
    /// Which vehicle of that type, `0..count`.
    pub vehicle: u32,
    /// Visits in order; depots are implicit at both ends.
    pub visits: Vec<Visit>,
}

/// Why a site is not in any route.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnassignedReason {
    /// No vehicle's road profile connects the site with a depot and a facility.
    UnreachableByRoad,
    /// No vehicle type may carry the site's stream (or is allowed to serve the site).
    NoVehicleForStream,
    /// No facility that accepts the site's stream can be used by a vehicle that could carry it.
    NoFacilityForStream,
    /// The demand exceeds the capacity of every vehicle that could serve it.
    DemandExceedsCapacity,
    /// No vehicle can arrive within the site's time windows, even on a route of its own.
    WindowUnreachable,
    /// A route serving only this site would not fit any vehicle's shift or duration limit.
    ShiftTooShort,
    /// The site could be served alone, but the heuristic found no room for it among the
    /// other routes (fleet too small or limits too tight).
    NoCapacityLeft,
    /// An optional site (one with a prize) left out because serving it would cost more
    /// than its prize: a choice, not a failure.
    NotWorthItsPrize,
}

impl UnassignedReason {
    /// Every reason, in declaration order.
    pub const ALL: [UnassignedReason; 8] = [
        Self::UnreachableByRoad,
        Self::NoVehicleForStream,
        Self::NoFacilityForStream,
        Self::DemandExceedsCapacity,
        Self::WindowUnreachable,
        Self::ShiftTooShort,
        Self::NoCapacityLeft,
        Self::NotWorthItsPrize,
    ];

    /// True when leaving the site out was a choice (an optional site), not a failure.
    pub fn is_choice(self) -> bool {
        self == Self::NotWorthItsPrize
    }

    /// A stable snake_case code, as written in `plan.json`.
    pub fn code(self) -> &'static str {
        match self {
            Self::UnreachableByRoad => "unreachable_by_road",
            Self::NoVehicleForStream => "no_vehicle_for_stream",
            Self::NoFacilityForStream => "no_facility_for_stream",
            Self::DemandExceedsCapacity => "demand_exceeds_capacity",
            Self::WindowUnreachable => "window_unreachable",
            Self::ShiftTooShort => "shift_too_short",
            Self::NoCapacityLeft => "no_capacity_left",
            Self::NotWorthItsPrize => "not_worth_prize",
        }
    }
}

/// A site left out of the plan and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unassigned {
    /// The site.
    pub site: SiteIdx,
    /// The reason.
    pub reason: UnassignedReason,
}

/// A complete answer: every site is either in exactly one route or unassigned.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Solution {
    /// Routes of the vehicles that are used; unused vehicles have no route.
    pub routes: Vec<Route>,
    /// Sites not served.
    pub unassigned: Vec<Unassigned>,
}
