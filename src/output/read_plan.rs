//! Reading `plan.json` back: the document, and the [`Solution`] it describes.
//!
//! `wasteroute check` uses this to re-verify a written plan, also one a planner edited by
//! hand. Only what defines the solution is read: each route's vehicle type and number and
//! the kinds and ids of its stops in order (trips are flattened; depot stops at either end
//! are implicit), and the unassigned sites with their reason codes. Times, loads and
//! distances in the file are ignored, because the checker recomputes them.
//!
//! Ids are mapped to problem indices through [`PlanIds`], which whoever loaded the scenario
//! implements (or fills an [`IdMaps`]). Every mapping problem is reported at once, each
//! naming the vehicle, the stop's position (1-based, as `sequence` in `routes.csv`) and id.

use super::document::{PlanDocument, StopKind};
use crate::problem::{DepotIdx, FacilityIdx, Problem, SiteIdx, VehicleTypeIdx};
use crate::solution::{Route, Solution, Unassigned, UnassignedReason, Visit};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use thiserror::Error;

/// Maps the scenario's ids to the problem's indices.
pub trait PlanIds {
    /// The site with this id.
    fn site(&self, id: &str) -> Option<SiteIdx>;
    /// The facility with this id.
    fn facility(&self, id: &str) -> Option<FacilityIdx>;
    /// The depot with this id.
    fn depot(&self, id: &str) -> Option<DepotIdx>;
    /// The vehicle type with this id.
    fn vehicle_type(&self, id: &str) -> Option<VehicleTypeIdx>;
}

/// A plain [`PlanIds`]: one sorted map per kind of entity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IdMaps {
    /// Site ids.
    pub sites: BTreeMap<String, SiteIdx>,
    /// Facility ids.
    pub facilities: BTreeMap<String, FacilityIdx>,
    /// Depot ids.
    pub depots: BTreeMap<String, DepotIdx>,
    /// Vehicle type ids.
    pub vehicle_types: BTreeMap<String, VehicleTypeIdx>,
}

impl PlanIds for IdMaps {
    fn site(&self, id: &str) -> Option<SiteIdx> {
        self.sites.get(id).copied()
    }
    fn facility(&self, id: &str) -> Option<FacilityIdx> {
        self.facilities.get(id).copied()
    }
    fn depot(&self, id: &str) -> Option<DepotIdx> {
        self.depots.get(id).copied()
    }
    fn vehicle_type(&self, id: &str) -> Option<VehicleTypeIdx> {
        self.vehicle_types.get(id).copied()
    }
}

/// Why `plan.json` cannot be read.
#[derive(Debug, Error)]
pub enum ReadPlanError {
    /// The file cannot be opened or read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not a plan document.
    #[error("{path}, line {line}, column {column}: {message}")]
    Json {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// One id or entry of `plan.json` that does not fit the scenario.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum PlanMappingError {
    /// The route's vehicle type is not in `vehicles.csv`.
    #[error(
        "route {route} ({vehicle}): unknown vehicle type '{vehicle_type}'; use an id from vehicles.csv"
    )]
    UnknownVehicleType {
        /// 1-based route position.
        route: usize,
        /// The vehicle id.
        vehicle: String,
        /// The unknown type.
        vehicle_type: String,
    },
    /// The vehicle number is not below the type's count.
    #[error(
        "route {route} ({vehicle}): vehicle number {number} does not exist; type '{vehicle_type}' has {count} vehicle(s), numbered from 0"
    )]
    VehicleNumberOutOfRange {
        /// 1-based route position.
        route: usize,
        /// The vehicle id.
        vehicle: String,
        /// The vehicle type.
        vehicle_type: String,
        /// The number given.
        number: u32,
        /// How many exist.
        count: u32,
    },
    /// A site stop names an unknown site.
    #[error(
        "route {route} ({vehicle}), stop {stop}: unknown site '{id}'; use an id from sites.csv"
    )]
    UnknownSite {
        /// 1-based route position.
        route: usize,
        /// The vehicle id.
        vehicle: String,
        /// 1-based stop position within the route.
        stop: usize,
        /// The id.
        id: String,
    },
    /// A facility stop names an unknown facility.
    #[error(
        "route {route} ({vehicle}), stop {stop}: unknown facility '{id}'; use an id from facilities.csv"
    )]
    UnknownFacility {
        /// 1-based route position.
        route: usize,
        /// The vehicle id.
        vehicle: String,
        /// 1-based stop position within the route.
        stop: usize,
        /// The id.
        id: String,
    },
    /// A depot stop that is not the first or last stop, or not the vehicle's depot.
    #[error("route {route} ({vehicle}), stop {stop}: depot '{id}' {problem}")]
    BadDepotStop {
        /// 1-based route position.
        route: usize,
        /// The vehicle id.
        vehicle: String,
        /// 1-based stop position within the route.
        stop: usize,
        /// The id.
        id: String,
        /// What is wrong with it.
        problem: String,
    },
    /// An unassigned entry names an unknown site.
    #[error("unassigned site '{id}' is not in sites.csv")]
    UnknownUnassignedSite {
        /// The id.
        id: String,
    },
    /// An unassigned entry has an unknown reason code.
    #[error("unassigned site '{id}': unknown reason '{reason}'; use one of {known}")]
    UnknownReason {
        /// The site id.
        id: String,
        /// The code given.
        reason: String,
        /// The codes accepted.
        known: String,
    },
}

/// What `wasteroute check` reads of `plan.json`: only what defines the plan, as
/// `docs/outputs.md` ("Editing by hand") says. Every other field of the file (times,
/// loads, names, totals, paths) is ignored, so a stop added by hand needs only its `kind`
/// and `id`, and a route only its `vehicle_type`, `vehicle_number` and `trips`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct PlanInput {
    /// The routes, in order.
    #[serde(default)]
    pub routes: Vec<RouteInput>,
    /// The sites left out.
    #[serde(default)]
    pub unassigned: Vec<UnassignedInput>,
    /// `meta`, when present: only to tell whether the plan was made from other inputs.
    #[serde(default)]
    pub meta: Option<MetaInput>,
    /// Tonight's decisions, when the plan has monitored sites: `check` compares each with
    /// the one the scenario gives.
    #[serde(default)]
    pub decisions: Vec<DecisionInput>,
}

/// The fields of one written decision that `check` verifies.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct DecisionInput {
    /// The stop id of the container.
    pub stop_id: String,
    /// `must`, `optional` or `skip`.
    pub decision: String,
    /// Its prize in the scenario's currency (optional containers).
    #[serde(default)]
    pub prize: Option<f64>,
}

/// The optional `meta` fields `check` looks at (for notes, never for the verdict).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct MetaInput {
    /// The fingerprint of the scenario the plan was made from.
    #[serde(default)]
    pub scenario_fingerprint: Option<String>,
    /// The totals written; only `cost` is read.
    #[serde(default)]
    pub summary: Option<SummaryInput>,
}

/// The written total cost, compared with the recomputed one for a note.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct SummaryInput {
    /// Cost in the plan's integer units.
    #[serde(default)]
    pub cost: Option<i64>,
    /// Every other summary figure as written, only looked at for values below zero
    /// (which mean the writer's arithmetic overflowed).
    #[serde(flatten)]
    pub figures: BTreeMap<String, serde_json::Value>,
}

/// One route as `check` reads it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct RouteInput {
    /// Vehicle id for messages; default `<vehicle_type>-<vehicle_number + 1>`.
    #[serde(default)]
    pub vehicle: Option<String>,
    /// The vehicle type id.
    pub vehicle_type: String,
    /// The vehicle's number within its type, from 0.
    pub vehicle_number: u32,
    /// The trips, whose stops are joined in order.
    #[serde(default)]
    pub trips: Vec<TripInput>,
    /// The route's totals as written, only looked at for values below zero.
    #[serde(default)]
    pub totals: BTreeMap<String, serde_json::Value>,
}

impl RouteInput {
    /// The vehicle id for messages.
    pub fn vehicle_id(&self) -> String {
        self.vehicle.clone().unwrap_or_else(|| {
            format!(
                "{}-{}",
                self.vehicle_type,
                u64::from(self.vehicle_number) + 1
            )
        })
    }
}

/// One trip: its stops.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct TripInput {
    /// The stops in order.
    #[serde(default)]
    pub stops: Vec<StopInput>,
}

/// One stop: what happens and where.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct StopInput {
    /// `depot`, `site`, `facility` or `break`.
    pub kind: StopKind,
    /// The depot, site or facility id (for a break, the place; not read, and may be left
    /// out).
    #[serde(default)]
    pub id: String,
}

/// One unassigned site: its id and reason code.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct UnassignedInput {
    /// The site (job) id.
    pub id: String,
    /// The reason code.
    pub reason: String,
}

impl From<&PlanDocument> for PlanInput {
    fn from(doc: &PlanDocument) -> PlanInput {
        PlanInput {
            routes: doc
                .routes
                .iter()
                .map(|r| RouteInput {
                    vehicle: Some(r.vehicle.clone()),
                    vehicle_type: r.vehicle_type.clone(),
                    vehicle_number: r.vehicle_number,
                    totals: serde_json::to_value(&r.totals)
                        .ok()
                        .and_then(|v| serde_json::from_value(v).ok())
                        .unwrap_or_default(),
                    trips: r
                        .trips
                        .iter()
                        .map(|t| TripInput {
                            stops: t
                                .stops
                                .iter()
                                .map(|s| StopInput {
                                    kind: s.kind,
                                    id: s.id.clone(),
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
            unassigned: doc
                .unassigned
                .iter()
                .map(|u| UnassignedInput {
                    id: u.id.clone(),
                    reason: u.reason.clone(),
                })
                .collect(),
            meta: Some(MetaInput {
                scenario_fingerprint: Some(doc.meta.scenario_fingerprint.clone()),
                summary: serde_json::to_value(&doc.meta.summary)
                    .ok()
                    .and_then(|v| serde_json::from_value(v).ok()),
            }),
            decisions: doc
                .decisions
                .iter()
                .map(|d| DecisionInput {
                    stop_id: d.stop_id.clone(),
                    decision: d.decision.clone(),
                    prize: d.prize,
                })
                .collect(),
        }
    }
}

/// Reads the parts of a `plan.json` file that `check` uses ([`PlanInput`]).
///
/// # Errors
/// [`ReadPlanError`] naming the file, and the line and column for malformed JSON or a
/// missing field that is read.
pub fn read_plan_input_file(path: &Path) -> Result<PlanInput, ReadPlanError> {
    let text = read_utf8(path)?;
    parse_plan_input(&text, &path.display().to_string())
}

/// Parses [`PlanInput`] from `plan.json` text; `origin` names it in errors.
///
/// # Errors
/// [`ReadPlanError::Json`] with line and column.
pub fn parse_plan_input(text: &str, origin: &str) -> Result<PlanInput, ReadPlanError> {
    serde_json::from_str(text).map_err(|e| ReadPlanError::Json {
        path: origin.to_string(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

/// Reads and parses a whole `plan.json` file (every field required).
///
/// # Errors
/// [`ReadPlanError`] naming the file, and the line and column for malformed JSON.
pub fn read_plan_file(path: &Path) -> Result<PlanDocument, ReadPlanError> {
    let text = read_utf8(path)?;
    parse_plan(&text, &path.display().to_string())
}

/// The file's text; bytes that are not UTF-8 are a [`ReadPlanError::Json`] at their line
/// and column (the file was saved in another encoding), not an I/O error.
fn read_utf8(path: &Path) -> Result<String, ReadPlanError> {
    let bytes = std::fs::read(path).map_err(|source| ReadPlanError::Io {
        path: path.display().to_string(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        ReadPlanError::Json {
            path: path.display().to_string(),
            line,
            column,
            message: "the file is not UTF-8 text; save it as UTF-8".into(),
        }
    })
}

/// Parses `plan.json` text; `origin` names it in errors.
///
/// # Errors
/// [`ReadPlanError::Json`] with line and column.
pub fn parse_plan(text: &str, origin: &str) -> Result<PlanDocument, ReadPlanError> {
    serde_json::from_str(text).map_err(|e| ReadPlanError::Json {
        path: origin.to_string(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

const REASONS: [UnassignedReason; 8] = [
    UnassignedReason::UnreachableByRoad,
    UnassignedReason::NoVehicleForStream,
    UnassignedReason::NoFacilityForStream,
    UnassignedReason::DemandExceedsCapacity,
    UnassignedReason::WindowUnreachable,
    UnassignedReason::ShiftTooShort,
    UnassignedReason::NoCapacityLeft,
    UnassignedReason::NotWorthItsPrize,
];

fn reason_from_code(code: &str) -> Option<UnassignedReason> {
    REASONS.into_iter().find(|r| r.code() == code)
}

/// The [`Solution`] a plan document describes, with ids mapped through `ids`.
///
/// On success, `solution.routes[i]` is `doc.routes[i]` and its visits are the route's
/// stops without the depots, in order, so a checker's route and visit positions point
/// straight back into the document. A route left with no visit stays (the checker reports
/// it as an empty route). Whether the solution is feasible — every site once, windows,
/// capacities — is the checker's question, not this function's.
///
/// # Errors
/// Every [`PlanMappingError`] found, in document order.
pub fn plan_to_solution(
    doc: &PlanDocument,
    ids: &dyn PlanIds,
    problem: &Problem,
) -> Result<Solution, Vec<PlanMappingError>> {
    input_to_solution(&PlanInput::from(doc), ids, problem)
}

/// [`plan_to_solution`] for the parts of a plan `check` reads ([`PlanInput`]).
///
/// # Errors
/// Every [`PlanMappingError`] found, in document order.
pub fn input_to_solution(
    doc: &PlanInput,
    ids: &dyn PlanIds,
    problem: &Problem,
) -> Result<Solution, Vec<PlanMappingError>> {
    let mut errors = Vec::new();
    let mut solution = Solution::default();
    for (r, route) in doc.routes.iter().enumerate() {
        let route_no = r + 1;
        let Some(vt) = ids.vehicle_type(&route.vehicle_type) else {
            errors.push(PlanMappingError::UnknownVehicleType {
                route: route_no,
                vehicle: route.vehicle_id(),
                vehicle_type: route.vehicle_type.clone(),
            });
            continue;
        };
        let Some(v) = problem.vehicle_types().get(vt.index()) else {
            errors.push(PlanMappingError::UnknownVehicleType {
                route: route_no,
                vehicle: route.vehicle_id(),
                vehicle_type: route.vehicle_type.clone(),
            });
            continue;
        };
        if route.vehicle_number >= v.count {
            errors.push(PlanMappingError::VehicleNumberOutOfRange {
                route: route_no,
                vehicle: route.vehicle_id(),
                vehicle_type: route.vehicle_type.clone(),
                number: route.vehicle_number,
                count: v.count,
            });
        }
        let stops: Vec<_> = route.trips.iter().flat_map(|t| t.stops.iter()).collect();
        let mut visits = Vec::with_capacity(stops.len());
        for (i, stop) in stops.iter().enumerate() {
            let position = i + 1;
            match stop.kind {
                StopKind::Site => match ids.site(&stop.id) {
                    Some(s) => visits.push(Visit::Site(s)),
                    None => errors.push(PlanMappingError::UnknownSite {
                        route: route_no,
                        vehicle: route.vehicle_id(),
                        stop: position,
                        id: stop.id.clone(),
                    }),
                },
                StopKind::Facility => match ids.facility(&stop.id) {
                    Some(f) => visits.push(Visit::Facility(f)),
                    None => errors.push(PlanMappingError::UnknownFacility {
                        route: route_no,
                        vehicle: route.vehicle_id(),
                        stop: position,
                        id: stop.id.clone(),
                    }),
                },
                StopKind::Break => visits.push(Visit::Break),
                StopKind::Depot => {
                    let first = i == 0;
                    let last = i + 1 == stops.len();
                    let expected = if first { v.start_depot } else { v.end_depot };
                    let problem_text = if !first && !last {
                        Some("may only be the first or the last stop of a route".to_string())
                    } else {
                        match ids.depot(&stop.id) {
                            None => Some("is not in depots.csv".to_string()),
                            Some(d) if d != expected => Some(format!(
                                "is not this vehicle type's {} depot",
                                if first { "start" } else { "end" }
                            )),
                            Some(_) => None,
                        }
                    };
                    if let Some(problem_text) = problem_text {
                        errors.push(PlanMappingError::BadDepotStop {
                            route: route_no,
                            vehicle: route.vehicle_id(),
                            stop: position,
                            id: stop.id.clone(),
                            problem: problem_text,
                        });
                    }
                }
            }
        }
        solution.routes.push(Route {
            vehicle_type: vt,
            vehicle: route.vehicle_number,
            visits,
        });
    }
    for u in &doc.unassigned {
        let site = ids.site(&u.id);
        let reason = reason_from_code(&u.reason);
        if site.is_none() {
            errors.push(PlanMappingError::UnknownUnassignedSite { id: u.id.clone() });
        }
        if reason.is_none() {
            errors.push(PlanMappingError::UnknownReason {
                id: u.id.clone(),
                reason: u.reason.clone(),
                known: REASONS.map(|r| r.code()).join(", "),
            });
        }
        if let (Some(site), Some(reason)) = (site, reason) {
            solution.unassigned.push(Unassigned { site, reason });
        }
    }
    if errors.is_empty() {
        Ok(solution)
    } else {
        Err(errors)
    }
}
