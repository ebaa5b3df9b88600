//! Scenarios: the files a planner edits (one TOML naming CSV tables), read into typed
//! records, validated all at once, and built into a [`Problem`](crate::problem::Problem).
//!
//! The flow is: [`load`] reads the TOML and every CSV table, checks each cell and the ids
//! between tables, and runs the checks of [`validate`] that need no road network; the
//! result is a [`Scenario`] plus warnings, or every problem at once. `data/README.md`
//! documents every key and column.
//!
//! ```no_run
//! let loaded = wasteroute::scenario::load("data/sample/scenario.toml".as_ref())
//!     .map_err(|invalid| invalid.to_string())?;
//! println!("{} sites", loaded.scenario.sites.len());
//! # Ok::<(), String>(())
//! ```

pub mod build;
pub mod decision_document;
pub mod depots;
pub mod document;
pub mod facilities;
pub mod ids;
pub mod limits;
pub mod location;
pub mod monitoring_setup;
pub mod nightly;
pub mod prize;
pub mod run;
pub mod site_monitoring;
pub mod sites;
pub mod streams;
pub mod table;
pub mod time_of_day;
pub mod toml_config;
pub mod tonight;
pub mod units;
pub mod validate;
pub mod vehicles;
pub mod violation_names;

pub use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
pub use depots::DepotRecord;
pub use facilities::{FacilityKind, FacilityRecord};
pub use location::Place;
pub use sites::SiteRecord;
pub use streams::Streams;
pub use time_of_day::{ClockTime, ClockWindow, DayAnchor};
pub use toml_config::{MonitoringSection, ObjectiveSection, ProfileSection, SolverSection};
pub use vehicles::VehicleRecord;

use ids::IdIndex;
use std::path::{Path, PathBuf};
use table::Table;
use thiserror::Error;

/// The road network files of a scenario, resolved against the TOML's folder.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkFiles {
    /// `nodes.csv`.
    pub nodes: PathBuf,
    /// `edges.csv`.
    pub edges: PathBuf,
    /// Optional speed table.
    pub speeds: Option<PathBuf>,
    /// Largest accepted snap distance, metres.
    pub max_snap_distance_m: f64,
}

/// The paths of the scenario's tables (for messages).
#[derive(Clone, Debug, PartialEq)]
pub struct TableFiles {
    /// The TOML itself.
    pub toml: PathBuf,
    /// `sites.csv`.
    pub sites: PathBuf,
    /// `depots.csv`.
    pub depots: PathBuf,
    /// `facilities.csv`.
    pub facilities: PathBuf,
    /// `vehicles.csv`.
    pub vehicles: PathBuf,
    /// `readings.csv` as named by `[monitoring] readings`; a `{date}` in it stands for the
    /// night's date (`YYYY-MM-DD`, see [`TableFiles::readings_for`]).
    pub readings: Option<PathBuf>,
}

impl TableFiles {
    /// The readings file of the night of `date`: [`TableFiles::readings`] with `{date}`
    /// replaced.
    pub fn readings_for(&self, date: chrono::NaiveDate) -> Option<PathBuf> {
        self.readings.as_ref().map(|p| {
            PathBuf::from(
                p.to_string_lossy()
                    .replace("{date}", &date.format("%Y-%m-%d").to_string()),
            )
        })
    }
}

/// A scenario read and checked: everything in user terms (ids, names, coordinates) and
/// on the plan's time line, ready to be built into a problem.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// Human name.
    pub name: String,
    /// The plan's date.
    pub date: chrono::NaiveDate,
    /// IANA time zone name (output only).
    pub time_zone: String,
    /// Currency of all costs (output only).
    pub currency: String,
    /// Local time minus UTC, seconds (from `utc_offset`).
    pub utc_offset_s: i32,
    /// How clock times map onto the time line.
    pub anchor: DayAnchor,
    /// Streams in index order.
    pub streams: Streams,
    /// Road network files.
    pub network: NetworkFiles,
    /// The table files.
    pub files: TableFiles,
    /// Road profiles in declaration order.
    pub profiles: Vec<ProfileSection>,
    /// Solver settings.
    pub solver: SolverSection,
    /// Objective settings.
    pub objective: ObjectiveSection,
    /// Depots in file order.
    pub depots: Vec<DepotRecord>,
    /// Facilities in file order.
    pub facilities: Vec<FacilityRecord>,
    /// Vehicle types in file order.
    pub vehicles: Vec<VehicleRecord>,
    /// Sites in file order: those with something to collect tonight (monitored sites
    /// that [`tonight`] skips are left out).
    pub sites: Vec<SiteRecord>,
    /// `[monitoring]` settings.
    pub monitoring: MonitoringSection,
    /// Tonight's decision for every monitored site; `None` when no site is monitored.
    pub tonight: Option<tonight::Tonight>,
    /// A fingerprint of every input file's bytes (FNV-1a 64, hex): two scenarios with the
    /// same fingerprint have the same input.
    pub fingerprint: String,
}

/// A scenario and the warnings found while reading it.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The scenario.
    pub scenario: Scenario,
    /// Warnings (no errors).
    pub warnings: Diagnostics,
}

/// The scenario has errors; every problem found (errors and warnings) is listed.
#[derive(Clone, Debug, Error)]
#[error("the scenario has problems:\n{0}")]
pub struct Invalid(pub Diagnostics);

/// Reads the scenario TOML at `path` and every file it names.
///
/// # Errors
/// [`Invalid`] with every problem found, when any is an error.
pub fn load(path: &Path) -> Result<Loaded, Invalid> {
    load_with(path, TonightMode::Decide)
}

/// Whether loading decides tonight for the monitored sites.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TonightMode {
    /// Read `readings.csv` and apply tonight's decision ([`tonight`]): what `plan`,
    /// `validate` and `nightly` do.
    Decide,
    /// Leave monitored sites as read (their demands may be empty) and do not read the
    /// readings: for callers that decide every night themselves (`simulate`).
    Leave,
}

/// As [`load`], deciding tonight or not.
///
/// # Errors
/// [`Invalid`] with every problem found, when any is an error.
pub fn load_with(path: &Path, mode: TonightMode) -> Result<Loaded, Invalid> {
    let mut diags = Diagnostics::new();
    let scenario = read_all(path, &mut diags, mode);
    if let Some(s) = &scenario {
        validate::static_checks(s, &mut diags);
    }
    diags.sort();
    match scenario {
        Some(scenario) if !diags.has_errors() => Ok(Loaded {
            scenario,
            warnings: diags,
        }),
        _ => Err(Invalid(diags)),
    }
}

fn read_all(path: &Path, diags: &mut Diagnostics, decide: TonightMode) -> Option<Scenario> {
    let cfg = toml_config::read(path, diags)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let resolve = |p: &Path| dir.join(p);
    let date = match chrono::NaiveDate::parse_from_str(&cfg.scenario.date, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            diags.push(
                Diagnostic::error(
                    "bad_date",
                    path,
                    format!("[scenario] date `{}` is not a date", cfg.scenario.date),
                )
                .in_column("date")
                .hint("write YYYY-MM-DD, for example 2026-03-02"),
            );
            None
        }
    };
    let anchor = match ClockTime::parse(&cfg.scenario.day_start) {
        Ok(t) if t.seconds() < 86_400 => DayAnchor::new(t),
        Ok(_) | Err(_) => {
            diags.push(
                Diagnostic::error(
                    "bad_time",
                    path,
                    format!(
                        "[scenario] day_start `{}` is not a time of day",
                        cfg.scenario.day_start
                    ),
                )
                .in_column("day_start")
                .hint("write HH:MM, for example 12:00"),
            );
            DayAnchor::new(ClockTime::parse("12:00").expect("valid literal"))
        }
    };
    let utc_offset_s = match document::parse_offset(&cfg.scenario.utc_offset) {
        Some(o) => o,
        None => {
            diags.push(
                Diagnostic::error(
                    "bad_time",
                    path,
                    format!(
                        "[scenario] utc_offset `{}` is not an offset",
                        cfg.scenario.utc_offset
                    ),
                )
                .in_column("utc_offset")
                .hint("write +HH:MM or -HH:MM, for example +07:00"),
            );
            0
        }
    };
    let streams = match Streams::new(cfg.scenario.streams.clone()) {
        Ok(s) => s,
        Err(e) => {
            diags.push(
                Diagnostic::error("bad_stream", path, e)
                    .in_column("streams")
                    .hint("list stream names such as [\"recyclable\", \"food\", \"other\"]"),
            );
            Streams::new(
                streams::DEFAULT_STREAMS
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            )
            .expect("default streams are valid")
        }
    };
    let profiles = check_profiles(&cfg.profiles, path, diags);
    check_settings(&cfg, path, diags);

    let files = TableFiles {
        toml: path.to_path_buf(),
        sites: resolve(&cfg.files.sites),
        depots: resolve(&cfg.files.depots),
        facilities: resolve(&cfg.files.facilities),
        vehicles: resolve(&cfg.files.vehicles),
        readings: cfg.monitoring.readings.as_deref().map(resolve),
    };
    let network = NetworkFiles {
        nodes: resolve(&cfg.network.nodes),
        edges: resolve(&cfg.network.edges),
        speeds: cfg.network.speeds.as_deref().map(resolve),
        max_snap_distance_m: cfg.network.max_snap_distance_m,
    };
    for p in [&network.nodes, &network.edges]
        .into_iter()
        .chain(&network.speeds)
    {
        if !p.is_file() {
            diags.push(
                Diagnostic::error(
                    "file_unreadable",
                    path,
                    format!("{} does not exist", p.display()),
                )
                .in_column("network")
                .hint("paths in the TOML are relative to the TOML file"),
            );
        }
    }

    let depot_table = Table::read(&files.depots, depots::COLUMNS, &["id"], diags);
    let facility_table = Table::read(
        &files.facilities,
        facilities::COLUMNS,
        &["id", "kind", "streams"],
        diags,
    );
    let vehicle_table = Table::read(
        &files.vehicles,
        vehicles::COLUMNS,
        &["id", "depot", "capacity_kg", "shift"],
        diags,
    );
    let site_table = Table::read(&files.sites, &sites::all_columns(), &["id"], diags);

    // An empty sites.csv or facilities.csv is reported by `validate::static_checks`
    // (`no_sites`, `no_facilities`); depots and vehicles are checked here.
    for (table, what) in [(&depot_table, "depot"), (&vehicle_table, "vehicle")] {
        if let Some(t) = table
            && t.rows.is_empty()
        {
            diags.push(
                Diagnostic::error(
                    "empty_table",
                    &t.path,
                    format!("{} has no {what} row, only its header", t.path.display()),
                )
                .at_line(1)
                .hint(format!(
                    "add at least one {what} row under the header (see data/README.md)"
                )),
            );
        }
    }
    let mut depot_ids = IdIndex::new(&files.depots);
    let mut facility_ids = IdIndex::new(&files.facilities);
    let mut vehicle_ids = IdIndex::new(&files.vehicles);
    let mut site_ids = IdIndex::new(&files.sites);
    let depots = depot_table
        .as_ref()
        .map(|t| depots::read(t, anchor, &mut depot_ids, diags));
    let facilities = facility_table
        .as_ref()
        .map(|t| facilities::read(t, anchor, &streams, &mut facility_ids, diags));
    let profile_ids: Vec<String> = cfg.profiles.iter().map(|p| p.id.clone()).collect();
    let vehicles = vehicle_table.as_ref().map(|t| {
        let refs = vehicles::VehicleRefs {
            depots: &depot_ids,
            facilities: &facility_ids,
            profiles: &profile_ids,
            streams: &streams,
            anchor,
        };
        vehicles::read(t, &refs, &mut vehicle_ids, diags)
    });
    let sites = site_table
        .as_ref()
        .map(|t| sites::read(t, anchor, &streams, &vehicle_ids, &mut site_ids, diags));
    let readings_file = date.and_then(|d| files.readings_for(d));

    let fingerprint = fingerprint(
        &[
            path,
            &files.sites,
            &files.depots,
            &files.facilities,
            &files.vehicles,
            &network.nodes,
            &network.edges,
        ]
        .into_iter()
        .chain(network.speeds.as_deref())
        .chain(readings_file.as_deref())
        .collect::<Vec<_>>(),
    );
    let mut scenario = Scenario {
        name: cfg.scenario.name,
        date: date?,
        time_zone: cfg.scenario.time_zone,
        currency: cfg.scenario.currency,
        utc_offset_s,
        anchor,
        streams,
        network,
        files,
        profiles: profiles?,
        solver: cfg.solver,
        objective: cfg.objective,
        depots: depots?,
        facilities: facilities?,
        vehicles: vehicles?,
        sites: sites?,
        monitoring: cfg.monitoring,
        tonight: None,
        fingerprint,
    };
    monitoring_setup::check_settings(&scenario, path, diags);
    if decide == TonightMode::Decide {
        monitoring_setup::decide_tonight(&mut scenario, diags);
    }
    Some(scenario)
}

fn check_profiles(
    profiles: &[ProfileSection],
    path: &Path,
    diags: &mut Diagnostics,
) -> Option<Vec<ProfileSection>> {
    let before = diags.error_count();
    if profiles.is_empty() {
        diags.push(
            Diagnostic::error("missing_profile", path, "no [[profiles]] defined")
                .hint("add at least one [[profiles]] table with an `id` (see data/README.md)"),
        );
    }
    for (i, p) in profiles.iter().enumerate() {
        if profiles[..i].iter().any(|q| q.id == p.id) {
            diags.push(
                Diagnostic::error(
                    "duplicate_id",
                    path,
                    format!("profile `{}` is defined twice", p.id),
                )
                .in_column("profiles.id")
                .hint("give each profile its own id"),
            );
        }
        if !(limits::SPEED_FACTOR.contains(p.speed_factor) && p.speed_factor > 0.0) {
            diags.push(
                Diagnostic::error(
                    "out_of_range",
                    path,
                    format!(
                        "profile `{}`: speed_factor must be above 0 and at most {}",
                        p.id,
                        limits::SPEED_FACTOR.max
                    ),
                )
                .in_column("profiles.speed_factor")
                .hint("use for example 0.8 for trucks a fifth slower than the limit"),
            );
        }
        for (name, v, range) in [
            ("width_m", p.width_m, limits::SIZE_M),
            ("weight_t", p.weight_t, limits::WEIGHT_T),
            ("height_m", p.height_m, limits::SIZE_M),
        ] {
            if v.is_some_and(|x| !(range.contains(x) && x > 0.0)) {
                diags.push(
                    Diagnostic::error(
                        "out_of_range",
                        path,
                        format!(
                            "profile `{}`: {name} must be above 0 and at most {} {}",
                            p.id, range.max, range.unit
                        ),
                    )
                    .in_column(format!("profiles.{name}"))
                    .hint("leave the key out when it does not matter"),
                );
            }
        }
    }
    (diags.error_count() == before).then(|| profiles.to_vec())
}

fn check_settings(cfg: &toml_config::ScenarioToml, path: &Path, diags: &mut Diagnostics) {
    let o = &cfg.objective;
    let settings = [
        (
            "[objective]",
            "fixed_weight",
            o.fixed_weight,
            limits::WEIGHT,
        ),
        (
            "[objective]",
            "distance_weight",
            o.distance_weight,
            limits::WEIGHT,
        ),
        ("[objective]", "time_weight", o.time_weight, limits::WEIGHT),
        (
            "[objective]",
            "unassigned_penalty",
            o.unassigned_penalty,
            limits::PENALTY,
        ),
        (
            "[solver]",
            "time_limit_s",
            cfg.solver.time_limit_s,
            limits::TIME_LIMIT_S,
        ),
        (
            "[network]",
            "max_snap_distance_m",
            cfg.network.max_snap_distance_m,
            limits::SNAP_DISTANCE_M,
        ),
    ];
    for (section, name, v, range) in settings {
        // A time limit or snap distance of 0 is no setting at all.
        let above_zero = matches!(name, "time_limit_s" | "max_snap_distance_m");
        if !range.contains(v) || (above_zero && v <= 0.0) {
            let from = if above_zero {
                format!("above 0 up to {} {}", range.max, range.unit)
            } else {
                range.describe()
            };
            diags.push(
                Diagnostic::error(
                    "out_of_range",
                    path,
                    format!("{section} {name} = {v} is outside {from}"),
                )
                .in_column(name)
                .hint(format!("give {name} a value from {from}")),
            );
        }
    }
}

/// FNV-1a 64 over each file's name and bytes, in the given order. Not cryptographic: it
/// tells whether two runs had the same input.
fn fingerprint(paths: &[&Path]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for p in paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        eat(name.as_bytes());
        let bytes = std::fs::read(p).unwrap_or_default();
        eat(&(bytes.len() as u64).to_le_bytes());
        eat(&bytes);
    }
    format!("{h:016x}")
}
