//! The planner's acts, above the scenario's inputs: planning one night ([`night`]), the
//! unattended nightly job ([`nightly`]), a horizon of several days ([`week`]: the periodic
//! VRP with intermediate facilities), and several weeks of nights simulated to measure a
//! policy ([`simulate`]).
//!
//! [`crate::scenario`] loads, validates and builds what a planner wrote; this module
//! decides what to do with it: solve, check, time and document a night, and string nights
//! together. It is the only layer that uses both the scenario and the output writers'
//! documents.

pub mod night;
pub mod nightly;
pub mod simulate;
pub mod violation_names;
pub mod week;
