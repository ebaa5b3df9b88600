//! The scenario TOML file: which CSV files make the scenario, and its settings.
//!
//! Paths are relative to the TOML file. Unknown keys are refused (a typo would otherwise
//! silently fall back to a default). See `data/README.md` for every key.

use crate::diagnostic::{Diagnostic, Diagnostics};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The whole TOML file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioToml {
    /// `[scenario]`: name, date, time zone, day start, streams.
    pub scenario: ScenarioSection,
    /// `[network]`: the road network files.
    pub network: NetworkSection,
    /// `[files]`: the scenario's CSV tables.
    pub files: FilesSection,
    /// `[solver]`: search settings.
    #[serde(default)]
    pub solver: SolverSection,
    /// `[objective]`: cost weights and the unassigned penalty.
    #[serde(default)]
    pub objective: ObjectiveSection,
    /// `[[profiles]]`: road profiles vehicles refer to.
    #[serde(default)]
    pub profiles: Vec<ProfileSection>,
    /// `[monitoring]`: sensor readings and how tonight's decision is made.
    #[serde(default)]
    pub monitoring: MonitoringSection,
}

/// `[scenario]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioSection {
    /// A human name for the scenario.
    pub name: String,
    /// The plan's date, `YYYY-MM-DD` (the night that starts on this date).
    pub date: String,
    /// IANA time zone name, for the output only (all times are local clock times).
    #[serde(default = "default_time_zone")]
    pub time_zone: String,
    /// The fixed UTC offset of local times, `+HH:MM` (for ISO times in the output).
    #[serde(default = "default_offset")]
    pub utc_offset: String,
    /// The plan covers 24 h from this clock time; earlier clock times are the next day.
    #[serde(default = "default_day_start")]
    pub day_start: String,
    /// The waste streams; default `recyclable`, `food`, `other`.
    #[serde(default = "default_streams")]
    pub streams: Vec<String>,
    /// The currency of every cost in the scenario (for the output only).
    #[serde(default = "default_currency")]
    pub currency: String,
    /// The language of the HTML pages' texts, `en` or `vi` (checked when the scenario is
    /// read, like `date`, so that a wrong value is reported with the others).
    #[serde(default = "default_language")]
    pub language: String,
}

/// `[network]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkSection {
    /// `nodes.csv`.
    pub nodes: PathBuf,
    /// `edges.csv`.
    pub edges: PathBuf,
    /// Optional table of default speeds per highway class.
    #[serde(default)]
    pub speeds: Option<PathBuf>,
    /// Largest distance from a location to its road, in metres.
    #[serde(default = "default_max_snap")]
    pub max_snap_distance_m: f64,
}

/// `[files]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilesSection {
    /// `sites.csv`.
    pub sites: PathBuf,
    /// `depots.csv`.
    pub depots: PathBuf,
    /// `facilities.csv`.
    pub facilities: PathBuf,
    /// `vehicles.csv`.
    pub vehicles: PathBuf,
}

/// `[solver]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SolverSection {
    /// Wall-clock limit in seconds.
    #[serde(default = "default_time_limit")]
    pub time_limit_s: f64,
    /// Iteration budget; `None` = until the time limit.
    #[serde(default)]
    pub iterations: Option<u64>,
    /// Random seed.
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// Worker threads; `None` = all cores.
    #[serde(default)]
    pub threads: Option<usize>,
}

impl Default for SolverSection {
    fn default() -> Self {
        SolverSection {
            time_limit_s: default_time_limit(),
            iterations: None,
            seed: default_seed(),
            threads: None,
        }
    }
}

/// `[objective]`: multipliers on the vehicles' costs, and the price of leaving a site out.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectiveSection {
    /// Multiplier on every vehicle's `fixed_cost`.
    #[serde(default = "one")]
    pub fixed_weight: f64,
    /// Multiplier on every vehicle's `cost_per_km`.
    #[serde(default = "one")]
    pub distance_weight: f64,
    /// Multiplier on every vehicle's `cost_per_hour`.
    #[serde(default = "one")]
    pub time_weight: f64,
    /// Cost of one unassigned site, in the scenario's currency.
    #[serde(default = "default_penalty")]
    pub unassigned_penalty: f64,
}

impl Default for ObjectiveSection {
    fn default() -> Self {
        ObjectiveSection {
            fixed_weight: 1.0,
            distance_weight: 1.0,
            time_weight: 1.0,
            unassigned_penalty: default_penalty(),
        }
    }
}

/// `[monitoring]`: where the sensor readings are and how the forecasts decide tonight.
/// Only monitored sites (a container volume in `sites.csv`) are concerned.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonitoringSection {
    /// `readings.csv` (relative to the TOML); `None` = forecasts from the static
    /// estimates of `sites.csv` only.
    #[serde(default)]
    pub readings: Option<PathBuf>,
    /// Share of outcomes the overflow test covers (0.5 to below 1): a site is *must*
    /// when the upper quantile of its forecast at this level overflows before its next
    /// chance.
    #[serde(default = "default_service_level")]
    pub service_level: f64,
    /// A site that need not be served tonight is *optional* from this predicted fill
    /// (percent of the volume) on, and *skip* below it.
    #[serde(default = "default_optional_from")]
    pub optional_from_pct: f64,
    /// Density of each stream's waste in its container, kg per m³ (converts fill to
    /// kg); streams not listed use [`DEFAULT_DENSITY_KG_PER_M3`].
    #[serde(default)]
    pub density_kg_per_m3: std::collections::BTreeMap<String, f64>,
    /// A sensor silent for longer than this many hours before the plan gets a warning.
    #[serde(default = "default_silent_after")]
    pub silent_after_h: u32,
}

/// Density of a stream not listed in `[monitoring] density_kg_per_m3`: loose mixed
/// household waste in a street container.
pub const DEFAULT_DENSITY_KG_PER_M3: f64 = 200.0;

impl Default for MonitoringSection {
    fn default() -> Self {
        MonitoringSection {
            readings: None,
            service_level: default_service_level(),
            optional_from_pct: default_optional_from(),
            density_kg_per_m3: Default::default(),
            silent_after_h: default_silent_after(),
        }
    }
}

impl MonitoringSection {
    /// Density of `stream`'s waste, kg per m³.
    pub fn density(&self, stream: &str) -> f64 {
        self.density_kg_per_m3
            .get(stream)
            .copied()
            .unwrap_or(DEFAULT_DENSITY_KG_PER_M3)
    }
}

fn default_service_level() -> f64 {
    0.9
}
fn default_optional_from() -> f64 {
    40.0
}
fn default_silent_after() -> u32 {
    crate::monitoring::readings::DEFAULT_SILENT_AFTER_H
}

/// `[[profiles]]`: what roads a kind of truck may use, and how fast it drives.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileSection {
    /// Name vehicles use in their `profile` column.
    pub id: String,
    /// Vehicle width in metres (roads with a smaller `max_width_m` are closed to it).
    #[serde(default)]
    pub width_m: Option<f64>,
    /// Gross weight in tonnes (roads with a smaller `max_weight_t` are closed).
    #[serde(default)]
    pub weight_t: Option<f64>,
    /// Height in metres (roads with a smaller `max_height_m` are closed).
    #[serde(default)]
    pub height_m: Option<f64>,
    /// Multiplier on road speeds (a loaded compactor drives slower than the limit).
    #[serde(default = "one")]
    pub speed_factor: f64,
    /// Highway classes the profile may use; `None` = every drivable class.
    #[serde(default)]
    pub highways: Option<Vec<String>>,
}

fn default_time_zone() -> String {
    "UTC".into()
}
fn default_offset() -> String {
    "+00:00".into()
}
fn default_day_start() -> String {
    "12:00".into()
}
fn default_streams() -> Vec<String> {
    vec!["recyclable".into(), "food".into(), "other".into()]
}
fn default_currency() -> String {
    "EUR".into()
}
fn default_language() -> String {
    crate::output::Language::default().code().into()
}
fn default_max_snap() -> f64 {
    300.0
}
fn default_time_limit() -> f64 {
    30.0
}
fn default_seed() -> u64 {
    1
}
fn one() -> f64 {
    1.0
}
fn default_penalty() -> f64 {
    100_000.0
}

/// Reads and parses the TOML file; problems go to `diags` with their line.
pub fn read(path: &Path, diags: &mut Diagnostics) -> Option<ScenarioToml> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            diags.push(
                Diagnostic::error("file_unreadable", path, format!("cannot read: {e}"))
                    .hint("check the scenario path"),
            );
            return None;
        }
    };
    match toml::from_str::<ScenarioToml>(&text) {
        Ok(t) => Some(t),
        Err(e) => {
            let mut d = Diagnostic::error("bad_toml", path, e.message().to_string())
                .hint("see data/README.md for the scenario keys");
            if let Some(span) = e.span() {
                d = d.at_line(line_of(&text, span.start));
            }
            diags.push(d);
            None
        }
    }
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> u64 {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
        + 1
}
