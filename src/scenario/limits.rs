//! The plausible range of every number a scenario holds.
//!
//! A value outside its range is an error with file, line and column, not a clamp: a
//! service time of 10¹⁸ minutes is a typo or an attack, and letting it through would
//! overflow the integer arithmetic the planner relies on (seconds, metres and micro-units
//! of currency in 64 bits). The ranges are generous for any real city and documented in
//! `data/README.md`; together with the objective check in
//! [`Problem::new`](crate::problem::Problem::new) they keep every sum the solver forms
//! inside 64 bits.

/// A closed range of plausible values for one kind of quantity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plausible {
    /// Smallest accepted value.
    pub min: f64,
    /// Largest accepted value.
    pub max: f64,
    /// Unit and meaning, for messages (`minutes`, `currency units per km`).
    pub unit: &'static str,
}

impl Plausible {
    const fn new(min: f64, max: f64, unit: &'static str) -> Plausible {
        Plausible { min, max, unit }
    }

    /// True when `x` is finite and inside the range.
    pub fn contains(&self, x: f64) -> bool {
        x.is_finite() && x >= self.min && x <= self.max
    }

    /// The same range with another lower bound (for example "above 0").
    pub const fn from(self, min: f64) -> Plausible {
        Plausible { min, ..self }
    }

    /// `from … to unit`, for hints.
    pub fn describe(&self) -> String {
        format!("{} to {} {}", self.min, self.max, self.unit)
    }
}

/// Latitude, WGS84 degrees.
pub const LATITUDE: Plausible = Plausible::new(-90.0, 90.0, "degrees");
/// Longitude, WGS84 degrees.
pub const LONGITUDE: Plausible = Plausible::new(-180.0, 180.0, "degrees");
/// A service, unloading or break time: at most a day.
pub const TASK_MINUTES: Plausible = Plausible::new(0.0, 1440.0, "minutes");
/// A driver's longest shift: two days.
pub const SHIFT_HOURS: Plausible = Plausible::new(0.0, 48.0, "hours");
/// Waste at one site in one stream, or a vehicle's capacity: 1,000 t.
pub const MASS_KG: Plausible = Plausible::new(0.0, 1.0e6, "kg");
/// Volume at one site in one stream, or a vehicle's capacity: 100,000 m³.
pub const VOLUME_M3: Plausible = Plausible::new(0.0, 1.0e5, "m³");
/// What a driver or a facility handles in a day: 1,000,000 t.
pub const DAILY_TONNES: Plausible = Plausible::new(0.0, 1.0e6, "t");
/// What a driver collects in a day, in kg (`max_total_kg`).
pub const DAILY_KG: Plausible = Plausible::new(0.0, 1.0e9, "kg");
/// What a driver or a facility handles in a day, in m³.
pub const DAILY_M3: Plausible = Plausible::new(0.0, 1.0e7, "m³");
/// A driver's daily distance.
pub const DAILY_KM: Plausible = Plausible::new(0.0, 1.0e5, "km");
/// A cost per vehicle, per km or per hour, in the scenario's currency (10⁹ leaves room
/// for currencies such as VND).
pub const MONEY: Plausible = Plausible::new(0.0, 1.0e9, "currency units");
/// Emissions per km.
pub const CO2_KG_PER_KM: Plausible = Plausible::new(0.0, 1.0e3, "kg CO₂ per km");
/// Vehicles of one type.
pub const VEHICLE_COUNT: Plausible = Plausible::new(0.0, 10_000.0, "vehicles");
/// Stops of one driver in a night.
pub const STOPS: Plausible = Plausible::new(1.0, 1.0e6, "stops");
/// An `[objective]` weight.
pub const WEIGHT: Plausible = Plausible::new(0.0, 1.0e6, "(a factor)");
/// The penalty for a site left unassigned, in the scenario's currency.
pub const PENALTY: Plausible = Plausible::new(0.0, 1.0e9, "currency units");
/// The nightly job's cost per site that changes vehicle from the previous night.
pub const STABILITY: Plausible = Plausible::new(0.0, 1.0e6, "currency units per site");
/// The solver's wall-clock limit, as for the command-line flags
/// ([`crate::limits::MAX_TIME_LIMIT_S`]).
pub const TIME_LIMIT_S: Plausible = Plausible::new(0.0, crate::limits::MAX_TIME_LIMIT_S, "seconds");
/// How far a point may lie from the road it is snapped to.
pub const SNAP_DISTANCE_M: Plausible = Plausible::new(0.0, 100_000.0, "m");
/// A profile's factor on road speeds.
pub const SPEED_FACTOR: Plausible = Plausible::new(0.0, 10.0, "(a factor)");
/// A profile's width or height.
pub const SIZE_M: Plausible = Plausible::new(0.0, 100.0, "m");
/// A profile's weight.
pub const WEIGHT_T: Plausible = Plausible::new(0.0, 1000.0, "t");
/// A fill-level reading of a container sensor (`readings.csv`): above 100 % is an
/// overfull container (a lid propped open, bags beside it), above 150 % a broken sensor.
pub const FILL_PCT: Plausible = Plausible::new(0.0, 150.0, "% of the container volume");
/// The fill level at which a container counts as overflowing (`overflow_pct`).
pub const OVERFLOW_PCT: Plausible = Plausible::new(50.0, 150.0, "% of the container volume");
/// Most nights between two emptyings of a site (`max_days`).
pub const MAX_DAYS: Plausible = Plausible::new(1.0, 60.0, "nights");
/// Density of a stream's waste in its container (`[monitoring] density_kg_per_m3`).
pub const DENSITY: Plausible = Plausible::new(1.0, 2000.0, "kg per m³");
/// Hours without a reading before a sensor is called silent (`silent_after_h`).
pub const SILENT_AFTER_H: Plausible = Plausible::new(1.0, 8760.0, "hours");
/// The volume of one site's containers for one stream (`container_m3`).
pub const CONTAINER_M3: Plausible = Plausible::new(0.0, 1000.0, "m³");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_closed_and_reject_non_finite_values() {
        assert!(TASK_MINUTES.contains(0.0));
        assert!(TASK_MINUTES.contains(1440.0));
        assert!(!TASK_MINUTES.contains(1440.5));
        assert!(!TASK_MINUTES.contains(-0.1));
        assert!(!MONEY.contains(f64::INFINITY));
        assert!(!MONEY.contains(f64::NAN));
        assert!(!STOPS.from(2.0).contains(1.0));
        assert_eq!(TASK_MINUTES.describe(), "0 to 1440 minutes");
    }
}
