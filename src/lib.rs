//! # wasteroute
//!
//! Plans the night-time collection of solid waste: which truck empties which gathering
//! point, in what order, when it drives to a transfer station or treatment site to unload,
//! and when it comes home.
//!
//! Data flows one way, and each module depends only on those to its left:
//!
//! ```text
//! CSV rows → road graph → snapped locations → travel matrices → Problem → solver
//!          → Solution → timed plan → writers
//! ```
//!
//! - [`road`]: CSV road graph, vehicle profiles, components, snapping, contraction
//!   hierarchy matrices, road paths, OpenStreetMap import (petgraph stays in here);
//! - [`units`]: integer measures (`Duration`, `Distance`, `Load`, `Cost`);
//! - [`problem`]: the immutable, validated routing problem (integers and indices only);
//! - [`solver`]: ruin-and-recreate with local search, deterministic for a seed and an
//!   iteration budget;
//! - [`solution`]: routes as visit sequences, and unassigned sites with a reason;
//! - [`checker`]: the independent checker (no code shared with the solver);
//! - [`plan`]: the timed plan (arrival, start, departure and load at every stop);
//! - [`output`]: the plan document and its writers (CSV, JSON, GeoJSON, HTML report);
//! - [`scenario`] and [`generate`]: scenario files, validation, building a problem, and the
//!   seeded sample generator;
//! - [`monitoring`]: sensor readings, site frequencies and fill forecasts, the foundation
//!   of planning the week;
//! - [`planner`]: planning a week ([`planner::week`]): a visit pattern per site, then each
//!   day routed;
//! - [`formats`] and [`benchmark`]: published benchmark instances and the benchmark runner.
//!
//! The route rules that the solver, the checker and the timed plan each implement are in
//! `docs/route-rules.md`; the command line is described in `README.md`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod atomic;
pub mod benchmark;
pub mod checker;
pub mod diagnostic;
pub mod formats;
pub mod generate;
pub mod limits;
pub mod monitoring;
pub mod output;
pub mod plan;
pub mod planner;
pub mod problem;
pub mod road;
pub mod scenario;
pub mod solution;
pub mod solver;
pub mod units;
