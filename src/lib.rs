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
//! - [`units`]: integer measures (`Duration`, `Distance`, `Load`, `Cost`);
//! - [`problem`]: the immutable, validated routing problem (integers and indices only);
//! - [`solution`]: routes as visit sequences, and unassigned sites with a reason.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod benchmark;
pub mod checker;
pub mod formats;
pub mod generate;
pub mod output;
pub mod plan;
pub mod problem;
pub mod road;
pub mod scenario;
pub mod solution;
pub mod solver;
pub mod units;
