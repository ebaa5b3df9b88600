//! The planner's acts beyond one night: [`week`] plans a horizon of several days (the
//! periodic VRP with intermediate facilities).
//!
//! Planning one night (`crate::scenario::run`) and the simulation (`crate::simulate`)
//! still live where they were; they are expected to move here.

pub mod week;
