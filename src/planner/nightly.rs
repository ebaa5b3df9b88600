//! The nightly job's building blocks: its TOML, the seed from the date, the lock, the
//! `latest` pointer, and the warm start from the previous night's `plan.json`.
//!
//! ## Folder layout under `output_root`
//! ```text
//! plans/
//!   .nightly.lock        held while a run works (two runs cannot write at once)
//!   2026-03-01/          one folder per night: routes.csv, plan.json, routes.geojson, report.html
//!   2026-03-02/
//!   latest -> 2026-03-02 a symlink (a text file holding the folder name where symlinks
//!                        are unavailable), moved only after a plan was written whole
//! ```

use crate::output::{PlanDocument, StopKind};
use crate::problem::{FacilityIdx, VehicleTypeIdx};
use crate::scenario::Scenario;
use crate::scenario::build::Job;
use crate::scenario::job_ids::{JobIds, job_id};
use crate::solution::{Route, Solution, Visit};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Name of the lock file in the output root.
pub const LOCK_FILE: &str = ".nightly.lock";
/// Name of the pointer to the last whole plan.
pub const LATEST: &str = "latest";

/// The job TOML.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobToml {
    /// The scenario TOML; `{date}` is replaced by the night's date. Relative to the job TOML.
    pub scenario: String,
    /// Where dated plan folders go. Relative to the job TOML.
    pub output_root: PathBuf,
    /// Search time budget, seconds; default the scenario's.
    #[serde(default)]
    pub time_limit_s: Option<f64>,
    /// Iteration budget; default the scenario's.
    #[serde(default)]
    pub iterations: Option<u64>,
    /// `"date"` (default): the seed is the date as the number YYYYMMDD; `"scenario"`: the
    /// scenario's `[solver] seed`; or a fixed number.
    #[serde(default)]
    pub seed: SeedPolicy,
    /// Cost, in the scenario's currency, per site that moves to another vehicle than in the
    /// previous night's plan (0 = no warm start preference).
    #[serde(default)]
    pub stability_weight: f64,
    /// Worker threads; default all cores.
    #[serde(default)]
    pub threads: Option<usize>,
}

/// How the nightly job picks its seed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum SeedPolicy {
    /// `"date"` or `"scenario"`.
    Named(String),
    /// A fixed seed.
    Fixed(u64),
    /// The default: from the date.
    #[default]
    #[serde(skip)]
    FromDate,
}

/// A job file resolved against its folder.
#[derive(Clone, Debug)]
pub struct NightlyJob {
    /// The settings.
    pub toml: JobToml,
    /// The job file's folder.
    pub dir: PathBuf,
}

/// Why the nightly job could not do its work.
#[derive(Debug, Error)]
pub enum NightlyError {
    /// The job file is unreadable or wrong (exit 2).
    #[error("{path}: {message}")]
    BadJob {
        /// The job file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Another run holds the lock (exit 3: try again later).
    #[error("another nightly run holds {0}; try again when it has finished")]
    Locked(PathBuf),
    /// The output root cannot be made (a file in the way is bad input, exit 2).
    #[error("output_root: {0}")]
    Output(crate::output::WriteError),
    /// The file system failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

impl NightlyError {
    /// True when the job's input is at fault (exit 2): the job file, or an output root
    /// that cannot be a folder.
    pub fn is_bad_input(&self) -> bool {
        match self {
            NightlyError::BadJob { .. } => true,
            NightlyError::Output(w) => w.is_bad_input(),
            NightlyError::Locked(_) | NightlyError::Io { .. } => false,
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> NightlyError + '_ {
    move |source| NightlyError::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl NightlyJob {
    /// Reads a job TOML.
    ///
    /// # Errors
    /// [`NightlyError::BadJob`] naming the line.
    pub fn read(path: &Path) -> Result<NightlyJob, NightlyError> {
        let bad = |message: String| NightlyError::BadJob {
            path: path.to_path_buf(),
            message,
        };
        let text = std::fs::read_to_string(path).map_err(|e| bad(format!("cannot read: {e}")))?;
        let toml: JobToml = toml::from_str(&text).map_err(|e| {
            let line = e
                .span()
                .map(|s| crate::scenario::toml_config::line_of(&text, s.start))
                .unwrap_or(0);
            bad(format!("line {line}: {}", e.message()))
        })?;
        if let SeedPolicy::Named(n) = &toml.seed
            && n != "date"
            && n != "scenario"
        {
            return Err(bad(format!(
                "seed = \"{n}\": use \"date\", \"scenario\" or a number"
            )));
        }
        if !crate::scenario::limits::STABILITY.contains(toml.stability_weight) {
            return Err(bad(format!(
                "stability_weight = {} is outside {}",
                toml.stability_weight,
                crate::scenario::limits::STABILITY.describe()
            )));
        }
        if let Some(t) = toml.time_limit_s
            && !(crate::scenario::limits::TIME_LIMIT_S.contains(t) && t > 0.0)
        {
            return Err(bad(format!(
                "time_limit_s = {t} must be above 0 and at most {} s",
                crate::scenario::limits::TIME_LIMIT_S.max
            )));
        }
        Ok(NightlyJob {
            toml,
            dir: path.parent().unwrap_or(Path::new(".")).to_path_buf(),
        })
    }

    /// The scenario path for a date.
    pub fn scenario_path(&self, date: NaiveDate) -> PathBuf {
        self.dir.join(
            self.toml
                .scenario
                .replace("{date}", &date.format("%Y-%m-%d").to_string()),
        )
    }

    /// The output root.
    pub fn output_root(&self) -> PathBuf {
        self.dir.join(&self.toml.output_root)
    }

    /// The seed for a date under the job's policy.
    pub fn seed(&self, date: NaiveDate, scenario_seed: u64) -> u64 {
        match &self.toml.seed {
            SeedPolicy::Fixed(n) => *n,
            SeedPolicy::Named(n) if n == "scenario" => scenario_seed,
            _ => seed_from_date(date),
        }
    }
}

/// The seed of a night: its date as the number YYYYMMDD (2026-03-02 → 20260302), so a
/// rerun of the same night gives the same plan and every night differs.
pub fn seed_from_date(date: NaiveDate) -> u64 {
    date.year() as u64 * 10_000 + u64::from(date.month()) * 100 + u64::from(date.day())
}

/// The folder of one night.
pub fn dated_dir(root: &Path, date: NaiveDate) -> PathBuf {
    root.join(date.format("%Y-%m-%d").to_string())
}

/// An exclusive lock on the output root, released when dropped.
#[derive(Debug)]
pub struct RootLock {
    _file: File,
}

/// Takes the lock without waiting.
///
/// # Errors
/// [`NightlyError::Locked`] when another process holds it; I/O errors otherwise.
pub fn lock_root(root: &Path) -> Result<RootLock, NightlyError> {
    crate::output::create_output_dir(root).map_err(NightlyError::Output)?;
    let path = root.join(LOCK_FILE);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(io(&path))?;
    match fs4::FileExt::try_lock(&file) {
        Ok(()) => Ok(RootLock { _file: file }),
        Err(fs4::TryLockError::WouldBlock) => Err(NightlyError::Locked(path)),
        Err(fs4::TryLockError::Error(e)) => Err(NightlyError::Io { path, source: e }),
    }
}

/// Points `latest` at the night's folder, atomically (a new link or file under a
/// temporary name, then a rename over the old one).
///
/// # Errors
/// I/O errors; the old pointer is then unchanged.
pub fn move_latest(root: &Path, date: NaiveDate) -> Result<(), NightlyError> {
    let name = date.format("%Y-%m-%d").to_string();
    let tmp = root.join(format!(".{LATEST}.tmp"));
    let _ = std::fs::remove_file(&tmp);
    #[cfg(unix)]
    std::os::unix::fs::symlink(&name, &tmp).map_err(io(&tmp))?;
    #[cfg(not(unix))]
    std::fs::write(&tmp, format!("{name}\n")).map_err(io(&tmp))?;
    let latest = root.join(LATEST);
    std::fs::rename(&tmp, &latest).map_err(io(&latest))
}

/// The date `latest` points at, if any.
pub fn read_latest(root: &Path) -> Option<NaiveDate> {
    let latest = root.join(LATEST);
    let name = match std::fs::read_link(&latest) {
        Ok(target) => target.to_string_lossy().into_owned(),
        Err(_) => std::fs::read_to_string(&latest).ok()?.trim().to_string(),
    };
    NaiveDate::parse_from_str(name.trim_end_matches('/'), "%Y-%m-%d").ok()
}

/// The previous night's plan: the night before `date` when it exists, else the plan
/// `latest` points at when it is an earlier night.
pub fn previous_plan(root: &Path, date: NaiveDate) -> Option<(NaiveDate, PathBuf)> {
    let before = date.pred_opt()?;
    let candidate = dated_dir(root, before).join(crate::output::PLAN_JSON);
    if candidate.is_file() {
        return Some((before, candidate));
    }
    let latest = read_latest(root).filter(|d| *d < date)?;
    let p = dated_dir(root, latest).join(crate::output::PLAN_JSON);
    p.is_file().then_some((latest, p))
}

/// A warm start made from a previous plan, and what could not be carried over.
#[derive(Clone, Debug, Default)]
pub struct WarmStart {
    /// Routes of the previous plan in tonight's indices.
    pub solution: Solution,
    /// Vehicle of each job id in the previous plan (`<type>-<n>`).
    pub vehicle_of: BTreeMap<String, String>,
    /// Stops whose id is not in tonight's scenario (dropped).
    pub dropped_stops: usize,
}

/// Maps a previous plan onto tonight's problem by ids: routes of vehicle types that still
/// exist, with the sites and facilities that still exist, in the same order. Breaks are
/// kept where they were; the solver repairs whatever no longer fits.
pub fn warm_start(s: &Scenario, jobs: &[Job], previous: &PlanDocument) -> WarmStart {
    let ids = JobIds::new(s, jobs);
    let types: BTreeMap<&str, usize> = s
        .vehicles
        .iter()
        .enumerate()
        .map(|(i, v)| (v.id.as_str(), i))
        .collect();
    let facilities: BTreeMap<&str, usize> = s
        .facilities
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    let mut out = WarmStart::default();
    let mut used = std::collections::BTreeSet::new();
    for r in &previous.routes {
        let stops = r.trips.iter().flat_map(|t| &t.stops);
        for st in stops.clone().filter(|s| s.kind == StopKind::Site) {
            out.vehicle_of.insert(st.id.clone(), r.vehicle.clone());
        }
        let Some(&vt) = types.get(r.vehicle_type.as_str()) else {
            out.dropped_stops += stops.filter(|s| s.kind != StopKind::Depot).count();
            continue;
        };
        if r.vehicle_number >= s.vehicles[vt].count || !used.insert((vt, r.vehicle_number)) {
            continue;
        }
        let mut visits = Vec::new();
        for st in stops {
            match st.kind {
                StopKind::Depot => {}
                StopKind::Break => visits.push(Visit::Break),
                StopKind::Site => match ids.by_id.get(&st.id) {
                    Some(&x) => visits.push(Visit::Site(x)),
                    None => out.dropped_stops += 1,
                },
                StopKind::Facility => match facilities.get(st.id.as_str()) {
                    Some(&f) => visits.push(Visit::Facility(FacilityIdx::new(f))),
                    None => out.dropped_stops += 1,
                },
            }
        }
        out.solution.routes.push(Route {
            vehicle_type: VehicleTypeIdx::new(vt),
            vehicle: r.vehicle_number,
            visits,
        });
    }
    out
}

/// Sites (job ids) served tonight by another vehicle than in the previous plan; sites
/// new tonight, or not served in one of the two plans, do not count.
pub fn changed_vehicle(previous: &BTreeMap<String, String>, tonight: &PlanDocument) -> usize {
    tonight
        .routes
        .iter()
        .flat_map(|r| {
            r.trips
                .iter()
                .flat_map(|t| &t.stops)
                .filter(|s| s.kind == StopKind::Site)
                .map(move |s| (s.id.as_str(), r.vehicle.as_str()))
        })
        .filter(|(id, v)| previous.get(*id).is_some_and(|p| p != v))
        .count()
}

/// A job id of a scenario site (re-exported for callers that print them).
pub fn site_job_id(s: &Scenario, job: Job) -> String {
    job_id(s, job)
}
