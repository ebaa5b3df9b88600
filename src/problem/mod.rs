//! The immutable routing problem the solver works on.
//!
//! A [`Problem`] is built once (by a benchmark reader or by the scenario planner),
//! validated by [`Problem::new`], and never changed afterwards. It holds only integer
//! matrices, integer measures and dense indices.

mod ids;
mod matrix;
mod model;
mod objective_bound;
mod planar;

pub use ids::{DepotIdx, FacilityIdx, LocationIdx, ProfileIdx, SiteIdx, VehicleTypeIdx};
pub use matrix::{Matrix, MatrixEntry, TravelMatrices};
pub use model::{
    BreakRule, Depot, EndOfRoute, Facility, Loads, MAX_DIMS, Objective, Site, StreamIdx, StreamSet,
    TimeWindow, VehicleType,
};

pub use objective_bound::{MAX_OBJECTIVE, ObjectiveBound, objective_bound};
pub use planar::{PlanarMetric, Rounding};
use thiserror::Error;

/// A routing problem: locations, travel matrices per profile, and what must be done.
#[derive(Clone, Debug)]
pub struct Problem {
    profiles: Vec<TravelMatrices>,
    depots: Vec<Depot>,
    facilities: Vec<Facility>,
    sites: Vec<Site>,
    vehicle_types: Vec<VehicleType>,
    objective: Objective,
}

/// The parts of a problem before validation.
#[derive(Clone, Debug)]
pub struct ProblemParts {
    /// One pair of matrices per road profile, all of the same size.
    pub profiles: Vec<TravelMatrices>,
    /// Depots.
    pub depots: Vec<Depot>,
    /// Disposal facilities.
    pub facilities: Vec<Facility>,
    /// Collection sites.
    pub sites: Vec<Site>,
    /// Vehicle types.
    pub vehicle_types: Vec<VehicleType>,
    /// Objective settings.
    pub objective: Objective,
}

/// Why a set of [`ProblemParts`] is not a valid problem. Each names the entity at fault.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum ProblemError {
    /// No profile matrices were given.
    #[error("the problem has no travel matrices")]
    NoProfiles,
    /// Matrices of different sizes.
    #[error("profile {profile}: matrices are {found}×{found}, expected {expected}×{expected}")]
    MatrixSize {
        /// The profile at fault.
        profile: usize,
        /// Its size.
        found: usize,
        /// The size of profile 0.
        expected: usize,
    },
    /// An entity points at a location, depot, facility, profile or vehicle type that does not exist.
    #[error("{entity}: {field} index {index} is out of range (there are {len})")]
    IndexOutOfRange {
        /// For example `site 12`.
        entity: String,
        /// The field holding the bad index.
        field: &'static str,
        /// The index.
        index: usize,
        /// How many exist.
        len: usize,
    },
    /// A window whose end is before its start, or windows out of order.
    #[error("{entity}: time windows must be sorted, disjoint and have start <= end")]
    BadWindows {
        /// For example `facility 2`.
        entity: String,
    },
    /// A negative demand, service time, prize, capacity or cost.
    #[error("{entity}: {field} must not be negative")]
    Negative {
        /// The entity at fault.
        entity: String,
        /// The field.
        field: &'static str,
    },
    /// No vehicle at all.
    #[error("the problem has no vehicles")]
    NoVehicles,
    /// Costs, weights and sizes together could make an objective that 64-bit sums cannot
    /// hold (see [`objective_bound`]).
    #[error(
        "the objective could reach {total:.3e} cost units (fixed {fixed:.3e}, distance {distance:.3e}, \
         duration {duration:.3e}, unassigned {unassigned:.3e}), above the {max:.3e} that sums can hold"
    )]
    ObjectiveTooLarge {
        /// The bound.
        total: f64,
        /// Its fixed-cost part.
        fixed: f64,
        /// Its distance part.
        distance: f64,
        /// Its duration part.
        duration: f64,
        /// Its unassigned-penalty part.
        unassigned: f64,
        /// [`MAX_OBJECTIVE`].
        max: f64,
    },
}

impl Problem {
    /// Validates `parts` and freezes them into a problem.
    ///
    /// # Errors
    /// The first [`ProblemError`] found. Builders that read user files validate their own
    /// input first and report every problem at once with file and line; this check is the
    /// last line of defence and guards the solver's invariants.
    pub fn new(parts: ProblemParts) -> Result<Problem, ProblemError> {
        validate(&parts)?;
        let ProblemParts {
            profiles,
            depots,
            facilities,
            sites,
            vehicle_types,
            objective,
        } = parts;
        Ok(Problem {
            profiles,
            depots,
            facilities,
            sites,
            vehicle_types,
            objective,
        })
    }

    /// Travel matrices, one pair per profile.
    pub fn profiles(&self) -> &[TravelMatrices] {
        &self.profiles
    }
    /// The matrices of one profile.
    pub fn profile(&self, p: ProfileIdx) -> &TravelMatrices {
        &self.profiles[p.index()]
    }
    /// Depots.
    pub fn depots(&self) -> &[Depot] {
        &self.depots
    }
    /// One depot.
    pub fn depot(&self, d: DepotIdx) -> &Depot {
        &self.depots[d.index()]
    }
    /// Disposal facilities.
    pub fn facilities(&self) -> &[Facility] {
        &self.facilities
    }
    /// One facility.
    pub fn facility(&self, f: FacilityIdx) -> &Facility {
        &self.facilities[f.index()]
    }
    /// Collection sites.
    pub fn sites(&self) -> &[Site] {
        &self.sites
    }
    /// One site.
    pub fn site(&self, s: SiteIdx) -> &Site {
        &self.sites[s.index()]
    }
    /// Vehicle types.
    pub fn vehicle_types(&self) -> &[VehicleType] {
        &self.vehicle_types
    }
    /// One vehicle type.
    pub fn vehicle_type(&self, v: VehicleTypeIdx) -> &VehicleType {
        &self.vehicle_types[v.index()]
    }
    /// Objective settings.
    pub fn objective(&self) -> &Objective {
        &self.objective
    }
    /// Number of matrix locations.
    pub fn num_locations(&self) -> usize {
        self.profiles[0].size()
    }
    /// Total number of vehicles over all types.
    pub fn num_vehicles(&self) -> usize {
        self.vehicle_types.iter().map(|v| v.count as usize).sum()
    }
}

fn validate(p: &ProblemParts) -> Result<(), ProblemError> {
    let Some(first) = p.profiles.first() else {
        return Err(ProblemError::NoProfiles);
    };
    let n = first.size();
    for (i, m) in p.profiles.iter().enumerate() {
        if m.time.size() != n || m.distance.size() != n {
            return Err(ProblemError::MatrixSize {
                profile: i,
                found: m.time.size().max(m.distance.size()),
                expected: n,
            });
        }
    }
    let check = |entity: &dyn Fn() -> String,
                 field: &'static str,
                 index: usize,
                 len: usize|
     -> Result<(), ProblemError> {
        if index >= len {
            Err(ProblemError::IndexOutOfRange {
                entity: entity(),
                field,
                index,
                len,
            })
        } else {
            Ok(())
        }
    };
    let windows_ok = |ws: &[TimeWindow]| {
        ws.iter().all(|w| w.start <= w.end) && ws.windows(2).all(|p| p[0].end < p[1].start)
    };
    for (i, d) in p.depots.iter().enumerate() {
        let e = || format!("depot {i}");
        check(&e, "location", d.location.index(), n)?;
        if !windows_ok(std::slice::from_ref(&d.window)) {
            return Err(ProblemError::BadWindows { entity: e() });
        }
    }
    for (i, f) in p.facilities.iter().enumerate() {
        let e = || format!("facility {i}");
        check(&e, "location", f.location.index(), n)?;
        if !windows_ok(&f.windows) {
            return Err(ProblemError::BadWindows { entity: e() });
        }
        if f.unload_time.get() < 0 {
            return Err(ProblemError::Negative {
                entity: e(),
                field: "unload_time",
            });
        }
    }
    for (i, s) in p.sites.iter().enumerate() {
        let e = || format!("site {i}");
        check(&e, "location", s.location.index(), n)?;
        if !windows_ok(&s.windows) {
            return Err(ProblemError::BadWindows { entity: e() });
        }
        if s.demand.0.iter().any(|l| l.get() < 0) {
            return Err(ProblemError::Negative {
                entity: e(),
                field: "demand",
            });
        }
        if s.service_time.get() < 0 {
            return Err(ProblemError::Negative {
                entity: e(),
                field: "service_time",
            });
        }
        if s.prize.is_some_and(|p| p.get() < 0) {
            return Err(ProblemError::Negative {
                entity: e(),
                field: "prize",
            });
        }
        for v in s.allowed_vehicle_types.iter().flatten() {
            check(
                &e,
                "allowed_vehicle_types",
                v.index(),
                p.vehicle_types.len(),
            )?;
        }
    }
    if p.vehicle_types.iter().all(|v| v.count == 0) {
        return Err(ProblemError::NoVehicles);
    }
    for (i, v) in p.vehicle_types.iter().enumerate() {
        let e = || format!("vehicle type {i}");
        check(&e, "start_depot", v.start_depot.index(), p.depots.len())?;
        check(&e, "end_depot", v.end_depot.index(), p.depots.len())?;
        check(&e, "profile", v.profile.index(), p.profiles.len())?;
        for f in v.facilities.iter().flatten() {
            check(&e, "facilities", f.index(), p.facilities.len())?;
        }
        if !windows_ok(std::slice::from_ref(&v.shift)) {
            return Err(ProblemError::BadWindows { entity: e() });
        }
        if let Some(b) = &v.break_rule
            && !windows_ok(std::slice::from_ref(&b.window))
        {
            return Err(ProblemError::BadWindows { entity: e() });
        }
        let negatives = [
            ("capacity", v.capacity.0.iter().any(|l| l.get() < 0)),
            ("fixed_cost", v.fixed_cost.get() < 0),
            ("cost_per_distance", v.cost_per_distance.get() < 0),
            ("cost_per_duration", v.cost_per_duration.get() < 0),
            ("max_duration", v.max_duration.get() < 0),
        ];
        if let Some((field, _)) = negatives.iter().find(|(_, bad)| *bad) {
            return Err(ProblemError::Negative { entity: e(), field });
        }
    }
    let bound = objective_bound(p);
    if !bound.fits() {
        return Err(ProblemError::ObjectiveTooLarge {
            total: bound.total(),
            fixed: bound.fixed,
            distance: bound.distance,
            duration: bound.duration,
            unassigned: bound.unassigned,
            max: MAX_OBJECTIVE as f64,
        });
    }
    Ok(())
}
