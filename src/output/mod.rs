//! Writers of the plan: `routes.csv`, `plan.json`, `routes.geojson` and `report.html`,
//! all from one [`PlanDocument`], and the reader of `plan.json`. The human texts of the
//! HTML pages are in the plan's [`Language`] ([`lang`]).
//!
//! [`write_plan_dir`] renders every file in memory first, then writes them all or none
//! (see [`atomic`]): a failed or interrupted run never leaves a half-written plan, nor a
//! mix of old and new files from a failed run.

pub mod assemble;
/// All-or-nothing writing (kept here by its old name; it lives in [`crate::atomic`]).
pub use crate::atomic;
pub mod document;
pub mod geojson;
pub mod lang;
mod palette;
pub mod plan_json;
pub mod read_plan;
pub mod report_html;
pub mod routes_csv;
mod simplify;

pub use crate::atomic::{
    StagedFile, WriteError, check_output_dir, create_output_dir, write_all_or_nothing,
};
pub use assemble::{Place, PlanLabels, PlanSettings, VehicleLabel, assemble};
pub use document::{
    DepotInfo, Dimension, FacilityInfo, PlanDocument, PlanMeta, PlanSummary, RoadBackground,
    RoadLine, RoutePlan, RouteTotals, Stop, StopKind, StreamAmount, TimeLine, TripPlan,
    UnassignedSite, VehicleInfo,
};
pub use lang::Language;
pub use read_plan::{
    DecisionInput, IdMaps, PlanIds, PlanInput, PlanMappingError, ReadPlanError, input_to_solution,
    plan_to_solution, read_plan_file, read_plan_input_file,
};

use std::path::{Path, PathBuf};
use thiserror::Error;

/// File names written by [`write_plan_dir`].
pub const ROUTES_CSV: &str = "routes.csv";
/// See [`ROUTES_CSV`].
pub const PLAN_JSON: &str = "plan.json";
/// See [`ROUTES_CSV`].
pub const ROUTES_GEOJSON: &str = "routes.geojson";
/// See [`ROUTES_CSV`].
pub const REPORT_HTML: &str = "report.html";

/// Why the plan files could not be written.
#[derive(Debug, Error)]
pub enum OutputError {
    /// A writer failed to render its file (a bug); nothing was written.
    #[error("cannot render {file}: {message}")]
    Render {
        /// The file.
        file: &'static str,
        /// What went wrong.
        message: String,
    },
    /// Writing failed.
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl OutputError {
    /// True when the output path given is at fault (see [`WriteError::is_bad_input`]).
    pub fn is_bad_input(&self) -> bool {
        matches!(self, OutputError::Write(w) if w.is_bad_input())
    }
}

/// Renders `routes.csv`, `plan.json`, `routes.geojson` and `report.html` in memory, as
/// `(file name, bytes)` in that order, for a caller that writes them with others (a week
/// plan writes every day's files at once).
///
/// # Errors
/// [`OutputError::Render`] naming the file whose writer failed.
pub fn render_plan_files(doc: &PlanDocument) -> Result<Vec<(&'static str, Vec<u8>)>, OutputError> {
    let render = |file: &'static str, e: &dyn std::fmt::Display| OutputError::Render {
        file,
        message: e.to_string(),
    };
    let csv = routes_csv::render(doc).map_err(|e| render(ROUTES_CSV, &e))?;
    let json = plan_json::render(doc).map_err(|e| render(PLAN_JSON, &e))?;
    let geo = geojson::render(doc).map_err(|e| render(ROUTES_GEOJSON, &e))?;
    let html = report_html::render(doc);
    Ok(vec![
        (ROUTES_CSV, csv),
        (PLAN_JSON, json),
        (ROUTES_GEOJSON, geo),
        (REPORT_HTML, html),
    ])
}

/// Writes `routes.csv`, `plan.json`, `routes.geojson` and `report.html` into `dir`
/// (created when missing), all or nothing. Returns the paths written.
///
/// # Errors
/// [`OutputError`]; unless it is a [`WriteError::Commit`], no file in `dir` was changed.
pub fn write_plan_dir(dir: &Path, doc: &PlanDocument) -> Result<Vec<PathBuf>, OutputError> {
    let files = render_plan_files(doc)?;
    let files: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    Ok(write_all_or_nothing(dir, &files)?)
}
