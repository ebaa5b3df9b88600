//! Readers for published benchmark instances, and the CVRPLIB `.sol` form.
//!
//! Each reader turns one file into a [`BenchmarkInstance`]: a validated [`Problem`] in
//! exact scaled integers, the [`CostConvention`] that says how the benchmark measures a
//! solution, and the file's own numbering so that solutions can be written back in it.
//!
//! | format | files | distance unit in the problem | reported cost |
//! |---|---|---|---|
//! | [`vrplib`] CVRP (`EUC_2D`) | X set | Euclidean distance rounded to the nearest integer | that integer sum |
//! | [`vrplib`] VRPTW / MTVRPTWR | Gehring–Homberger 1000, Yang multi-trip | ⌊10·d⌋ (DIMACS: truncated to one decimal, ×10) | sum ÷ 10 |
//! | [`vrplib`] PCVRPTW (PyVRP's prize-collecting GH 1000) | `pcvrptw` | ⌊10·d⌋, prizes ×10 | (distance + prizes of the sites left out) ÷ 10 |
//! | [`vrplib`] MDVRPTW (PyVRP dialect) | Vidal et al. 2013 multi-depot | round(1000·d) per arc (PyVRP's `exact`) | sum ÷ 1000 |
//! | [`vrplib`] HFVRP (PyVRP dialect) | Pessoa et al. 2018 heterogeneous fleet | round(1000·d) per arc | (Σ 1000·fixed + Σ unit × distance) ÷ 10⁵: the file's costs are ×100 |
//! | [`solomon`] | Solomon 100, Gehring–Homberger 200/400 | ⌊10·d⌋ for the distance objective; round(10⁴·d) for the hierarchical one (unrounded BKS) | sum ÷ 10 or ÷ 10⁴ |
//! | [`kim`] | Kim et al. 2006 | Manhattan feet (rounded to the nearest foot per arc) | miles (sum ÷ 5280) |
//!
//! Travel time equals the distance in the VRPTW sets (same scale: time windows and
//! service times are multiplied by the same factor). Kim's times are tenths of a second.
//!
//! Objectives: [`ObjectiveKind::Distance`] charges distance only (fixed cost 0);
//! [`ObjectiveKind::VehiclesThenDistance`] adds a fixed cost per vehicle larger than any
//! total distance a solution can have, so fewer vehicles always wins;
//! [`ObjectiveKind::Cost`] charges the vehicle costs the instance gives (HFVRP: a fixed
//! cost per vehicle used and a cost per unit of distance that differ by vehicle type). In
//! all, the unassigned penalty is larger than the cost of any solution that serves
//! everything.

mod common;
pub mod kim;
pub mod sol;
pub mod solomon;
pub mod vrplib;

use crate::problem::{Problem, ProblemError};
use std::fmt;
use std::path::{Path, PathBuf};
use thiserror::Error;

pub use common::{MAX_INPUT, MAX_VEHICLES, Rounding};

/// The file formats the benchmark readers understand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// TSPLIB-style VRPLIB (`.vrp`): CVRP, VRPTW and the multi-trip MTVRPTWR variant.
    Vrplib,
    /// The Solomon text format (Solomon 1987, Gehring–Homberger 200/400).
    Solomon,
    /// The waste-collection format of Kim, Kim & Sahoo (2006).
    Kim,
}

impl Format {
    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Vrplib => "vrplib",
            Format::Solomon => "solomon",
            Format::Kim => "kim",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a benchmark minimises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ObjectiveKind {
    /// Total distance only (X set, DIMACS VRPTW tables, Yang multi-trip).
    Distance,
    /// Fewest vehicles first, then total distance (SINTEF hierarchical tables, Kim).
    VehiclesThenDistance,
    /// The instance's own vehicle costs: fixed cost per vehicle used plus unit distance
    /// cost × distance (heterogeneous fleet, HFVRP). Formats without vehicle costs read it
    /// as [`ObjectiveKind::Distance`] (every vehicle costs one unit per distance unit).
    Cost,
    /// Total distance plus the prizes of the optional sites left out (the prize-collecting
    /// VRP, PCVRPTW).
    Prizes,
}

impl ObjectiveKind {
    /// A short name (`distance`, `hierarchical`).
    pub fn name(self) -> &'static str {
        match self {
            ObjectiveKind::Distance => "distance",
            ObjectiveKind::VehiclesThenDistance => "hierarchical",
            ObjectiveKind::Cost => "cost",
            ObjectiveKind::Prizes => "distance_and_prizes",
        }
    }
}

/// How a benchmark measures a solution, and how the problem's integers map back to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CostConvention {
    /// What is minimised.
    pub objective: ObjectiveKind,
    /// How each arc's distance was turned into an integer.
    pub rounding: Rounding,
    /// Problem units per reported unit (1 for X, 10 for DIMACS, 5280 for Kim miles, 1000
    /// for MDVRPTW). For [`ObjectiveKind::Cost`] the measured quantity is the routing cost,
    /// so this is cost units per reported unit (10⁵ for HFVRP).
    pub distance_per_unit: i64,
    /// Decimals worth printing for a reported distance.
    pub decimals: u32,
    /// True when the benchmark's own `.sol` files state the cost in problem units rather
    /// than reported units (Yang's multi-trip files write the ×10 integer).
    pub sol_cost_in_problem_units: bool,
}

impl CostConvention {
    /// A problem distance expressed in the benchmark's reporting unit.
    pub fn reported(&self, distance: crate::units::Distance) -> f64 {
        self.reported_value(distance.get())
    }

    /// A reported distance as text with the convention's decimals.
    pub fn format_reported(&self, distance: crate::units::Distance) -> String {
        self.format_value(distance.get())
    }

    /// The integer the benchmark measures a solution by: its total distance; for
    /// [`ObjectiveKind::Cost`] its routing cost (fixed and distance costs of the routes,
    /// without unassigned penalties); for [`ObjectiveKind::Prizes`] its distance plus
    /// `left_out`, the prizes of the optional sites it does not serve.
    pub fn measure(
        &self,
        distance: crate::units::Distance,
        routing_cost: crate::units::Cost,
        left_out: crate::units::Cost,
    ) -> i64 {
        match self.objective {
            ObjectiveKind::Cost => routing_cost.get(),
            ObjectiveKind::Prizes => distance.get().saturating_add(left_out.get()),
            ObjectiveKind::Distance | ObjectiveKind::VehiclesThenDistance => distance.get(),
        }
    }

    /// A measured value (see [`CostConvention::measure`]) in the reporting unit.
    pub fn reported_value(&self, value: i64) -> f64 {
        value as f64 / self.distance_per_unit as f64
    }

    /// A measured value as text with the convention's decimals.
    pub fn format_value(&self, value: i64) -> String {
        format!("{:.*}", self.decimals as usize, self.reported_value(value))
    }
}

/// One benchmark instance, ready for the solver.
#[derive(Clone, Debug)]
pub struct BenchmarkInstance {
    /// The instance name (from the file's `NAME`, first line, or file stem).
    pub name: String,
    /// The format it was read from.
    pub format: Format,
    /// The routing problem, in exact scaled integers.
    pub problem: Problem,
    /// How the benchmark measures a solution.
    pub convention: CostConvention,
    /// For each site (by `SiteIdx`), its number in the benchmark's `.sol` files.
    pub site_ids: Vec<String>,
    /// For each facility (by `FacilityIdx`), how a visit to it is written in `.sol` files
    /// (`0` for a depot reload, the `Stop_ID` of a Kim disposal facility).
    pub facility_ids: Vec<String>,
    /// What the reader accepted but the user should know, each `file:line: message`
    /// (for example a Kim clock time whose minutes pass 59).
    pub warnings: Vec<String>,
    /// True when the file lists its vehicles one by one (PyVRP's dialect: MDVRPTW, HFVRP)
    /// and `.sol` files number a route by its vehicle: `Route #k` is the k-th vehicle of
    /// the file, that is vehicle `k − 1 − (vehicles of earlier types)` of the vehicle type
    /// holding it (types follow the file's vehicle order). False: routes are numbered
    /// 1, 2, … in the order written and go to any vehicle.
    pub routes_are_vehicles: bool,
}

/// Why a benchmark file could not be read. Every variant names the file; those about the
/// content name the line too (1-based).
#[derive(Debug, Error)]
pub enum FormatError {
    /// The file could not be opened or read.
    #[error("{}: cannot read the file: {source}", file.display())]
    Io {
        /// The file.
        file: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A line does not have the expected form.
    #[error("{}:{line}: {message}", file.display())]
    Malformed {
        /// The file.
        file: PathBuf,
        /// The line, 1-based.
        line: usize,
        /// What is wrong and what was expected.
        message: String,
    },
    /// Something the whole file lacks or contradicts (a missing section, a count mismatch).
    #[error("{}: {message}", file.display())]
    Incomplete {
        /// The file.
        file: PathBuf,
        /// What is missing.
        message: String,
    },
    /// The data read fine but does not form a valid problem.
    #[error("{}: the instance is not a valid problem: {source}", file.display())]
    Problem {
        /// The file.
        file: PathBuf,
        /// Why.
        source: ProblemError,
    },
}

/// Options shared by the readers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Force an objective; `None` = the format's usual one (distance, except Kim).
    pub objective: Option<ObjectiveKind>,
}

/// Reads `path` in `format`.
///
/// # Errors
/// A [`FormatError`] naming the file (and the line for malformed content).
pub fn read(
    path: &Path,
    format: Format,
    options: ReadOptions,
) -> Result<BenchmarkInstance, FormatError> {
    let text = common::read_text(path)?;
    match format {
        Format::Vrplib => vrplib::parse(path, &text, options),
        Format::Solomon => solomon::parse(path, &text, options),
        Format::Kim => kim::parse(path, &text, options),
    }
}
