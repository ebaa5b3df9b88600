//! Shared helpers of the OSM import tests.
#![allow(dead_code, unused_imports)] // each test file uses a different part

pub mod compare;
pub mod pbf;

pub use pbf::{node, way, write_pbf};
