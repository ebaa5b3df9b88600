//! VRPLIB (TSPLIB-style) instances: `CVRP` (X set), `VRPTW` (Gehring–Homberger 1000),
//! `PCVRPTW` (PyVRP's prize-collecting Gehring–Homberger 1000) and `MTVRPTWR` (Yang's
//! multi-trip instances with depot reloads and release times).
//!
//! Conventions:
//! - `CVRP`: `EUC_2D` distances rounded to the nearest integer ([`Rounding::Nearest`]);
//!   no time windows; the fleet is unlimited, modelled as one vehicle per customer.
//! - `VRPTW` and `MTVRPTWR`: distances truncated to one decimal and stored ×10
//!   ([`Rounding::TruncatedTenths`]); travel time = distance; time windows, service and
//!   release times are multiplied by 10 so every time is in the same unit.
//! - `PCVRPTW`: as `VRPTW`, plus `PRIZE_SECTION` (`id prize`, one row per node, the
//!   depot's 0): every customer is optional, worth its prize ×10 (the distance scale), and
//!   a solution is measured by its distance plus the prizes of the customers it leaves out
//!   ([`ObjectiveKind::Prizes`]).
//! - `MTVRPTWR`: each vehicle may reload at the depot named in
//!   `VEHICLES_RELOAD_DEPOT_SECTION`: the depot is also a facility at the same location
//!   with zero unloading time, open during the depot's window. Routes end with
//!   [`EndOfRoute::DepotUnloads`](crate::problem::EndOfRoute::DepotUnloads); the site's `RELEASE_TIME` delays the departure of the
//!   trip that serves it.
//!
//! - `MDVRPTW` and `HFVRP` (PyVRP's dialect, read by `vrplib/fleet.rs`): the file lists its
//!   vehicles one by one (`VEHICLES_DEPOT_SECTION`, `CAPACITY_SECTION`,
//!   `VEHICLES_FIXED_COST_SECTION`, `VEHICLES_UNIT_DISTANCE_COST_SECTION`,
//!   `VEHICLES_MAX_DURATION_SECTION` or the scalar `CAPACITY` and `VEHICLES_MAX_DURATION`)
//!   and `DEPOT_SECTION` may name several depots. Distances are round(1000·d) per arc,
//!   PyVRP's `exact` rounding, and every time is ×1000 too.
//!
//! Numbering for `.sol` files: a node is written as its row position in
//! `NODE_COORD_SECTION` counted from 0 (the depot, first, is 0; customers 1..n), which is
//! CVRPLIB's numbering; a depot reload is written `0`. With several depots first (MDVRPTW)
//! the first customer is the number of depots.

use crate::formats::common::{
    Source, distance_matrix, max_entry, plain_vehicle_type, pricing, scaled,
};
use crate::formats::{
    BenchmarkInstance, CostConvention, Format, FormatError, ObjectiveKind, ReadOptions, Rounding,
};
use crate::problem::{
    Depot, Facility, FacilityIdx, Loads, LocationIdx, Objective, ProblemParts, Site, StreamIdx,
    StreamSet, TimeWindow, TravelMatrices, VehicleType,
};
use crate::units::{Distance, Duration};
use std::collections::BTreeMap;
use std::path::Path;

mod fleet;

/// The VRPLIB problem types this reader understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Cvrp,
    Vrptw,
    /// PyVRP's `PCVRPTW`: `VRPTW` with a prize per customer, every customer optional.
    PrizeTw,
    MultiTrip,
    /// PyVRP's `MDVRPTW`: several depots, vehicles per depot, time windows, maximum duration.
    MultiDepotTw,
    /// PyVRP's `HFVRP`: vehicle types with capacity, fixed and unit distance costs.
    HeteroFleet,
}

/// A per-vehicle section holding numbers (`vehicle value` rows).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum VehicleField {
    Capacity,
    FixedCost,
    UnitDistanceCost,
    MaxDuration,
}

impl VehicleField {
    fn section(self) -> &'static str {
        match self {
            VehicleField::Capacity => "CAPACITY_SECTION",
            VehicleField::FixedCost => "VEHICLES_FIXED_COST_SECTION",
            VehicleField::UnitDistanceCost => "VEHICLES_UNIT_DISTANCE_COST_SECTION",
            VehicleField::MaxDuration => "VEHICLES_MAX_DURATION_SECTION",
        }
    }
}

/// Everything read from the file, before the problem is built.
#[derive(Default)]
struct Raw {
    name: Option<String>,
    kind: Option<Kind>,
    dimension: Option<usize>,
    capacity: Option<f64>,
    vehicles: Option<usize>,
    service_time: Option<f64>,
    /// (line, id, x, y) in file order.
    coords: Vec<(usize, String, f64, f64)>,
    demand: BTreeMap<usize, f64>,
    windows: BTreeMap<usize, (f64, f64)>,
    service: BTreeMap<usize, f64>,
    release: BTreeMap<usize, f64>,
    /// node row → (line, prize) from `PRIZE_SECTION`.
    prize: BTreeMap<usize, (usize, f64)>,
    /// The line of the `PRIZE_SECTION` header.
    prize_line: Option<usize>,
    /// vehicle number → reload depot row.
    reload: BTreeMap<String, usize>,
    /// (line, row) of each `DEPOT_SECTION` entry, in file order.
    depots: Vec<(usize, usize)>,
    /// `VEHICLES_MAX_DURATION` (line, value).
    max_duration: Option<(usize, f64)>,
    /// `VEHICLES_DEPOT_SECTION` rows: (line, vehicle number, depot row).
    vehicle_depots: Vec<(usize, usize, usize)>,
    /// The other per-vehicle sections: (line, vehicle number, value).
    vehicle_values: BTreeMap<VehicleField, Vec<(usize, usize, f64)>>,
    /// The line of the first per-vehicle section or key, for an error when the type has none.
    vehicle_section_line: Option<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Header,
    Coords,
    Demand,
    Windows,
    Service,
    Release,
    Prize,
    Reload,
    VehicleDepots,
    Vehicle(VehicleField),
    Depots,
    End,
}

/// Parses the text of a VRPLIB file read from `path`.
///
/// # Errors
/// [`FormatError::Malformed`] with the line of the first bad row or key;
/// [`FormatError::Incomplete`] for a missing section or a count that does not match.
pub fn parse(
    path: &Path,
    text: &str,
    options: ReadOptions,
) -> Result<BenchmarkInstance, FormatError> {
    let src = Source { path };
    let raw = read_raw(&src, text)?;
    build(&src, raw, options)
}

fn read_raw(src: &Source<'_>, text: &str) -> Result<Raw, FormatError> {
    let mut raw = Raw::default();
    let mut section = Section::Header;
    // Row ids are resolved against NODE_COORD_SECTION, so it must come first.
    let mut row_of: BTreeMap<String, usize> = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let ln = i + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let tokens: Vec<&str> = trimmed.split_whitespace().collect();
        if tokens.len() == 1 && (tokens[0].ends_with("_SECTION") || tokens[0] == "EOF") {
            section = match tokens[0] {
                "NODE_COORD_SECTION" => Section::Coords,
                "DEMAND_SECTION" => Section::Demand,
                "TIME_WINDOW_SECTION" => Section::Windows,
                "SERVICE_TIME_SECTION" => Section::Service,
                "RELEASE_TIME_SECTION" => Section::Release,
                "PRIZE_SECTION" => Section::Prize,
                "VEHICLES_RELOAD_DEPOT_SECTION" => Section::Reload,
                "VEHICLES_DEPOT_SECTION" => Section::VehicleDepots,
                "CAPACITY_SECTION" => Section::Vehicle(VehicleField::Capacity),
                "VEHICLES_FIXED_COST_SECTION" => Section::Vehicle(VehicleField::FixedCost),
                "VEHICLES_UNIT_DISTANCE_COST_SECTION" => {
                    Section::Vehicle(VehicleField::UnitDistanceCost)
                }
                "VEHICLES_MAX_DURATION_SECTION" => Section::Vehicle(VehicleField::MaxDuration),
                "DEPOT_SECTION" => Section::Depots,
                "EOF" => Section::End,
                other => {
                    return Err(src.malformed(
                        ln,
                        format!("unsupported section {other}: this reader knows NODE_COORD, DEMAND, TIME_WINDOW, SERVICE_TIME, RELEASE_TIME, PRIZE, VEHICLES_RELOAD_DEPOT, VEHICLES_DEPOT, CAPACITY, VEHICLES_FIXED_COST, VEHICLES_UNIT_DISTANCE_COST, VEHICLES_MAX_DURATION and DEPOT sections"),
                    ));
                }
            };
            if section == Section::Prize {
                raw.prize_line.get_or_insert(ln);
            }
            if matches!(section, Section::VehicleDepots | Section::Vehicle(_)) {
                raw.vehicle_section_line.get_or_insert(ln);
            }
            if section != Section::Coords && section != Section::End && row_of.is_empty() {
                return Err(src.malformed(
                    ln,
                    format!(
                        "{} before NODE_COORD_SECTION: node ids are defined there, put it first",
                        tokens[0]
                    ),
                ));
            }
            continue;
        }
        let row = |id: &str| -> Result<usize, FormatError> {
            row_of.get(id).copied().ok_or_else(|| {
                src.malformed(ln, format!("node {id:?} is not in NODE_COORD_SECTION"))
            })
        };
        let expect = |n: usize, what: &str| -> Result<(), FormatError> {
            if tokens.len() == n {
                Ok(())
            } else {
                Err(src.malformed(
                    ln,
                    format!("{what}: expected {n} fields, found {}", tokens.len()),
                ))
            }
        };
        match section {
            Section::Header => header_line(src, ln, trimmed, &mut raw)?,
            Section::Coords => {
                expect(3, "NODE_COORD_SECTION row `id x y`")?;
                let x = src.parse_f64(ln, tokens[1], "x coordinate")?;
                let y = src.parse_f64(ln, tokens[2], "y coordinate")?;
                let id = tokens[0].to_string();
                if row_of.insert(id.clone(), raw.coords.len()).is_some() {
                    return Err(src.malformed(ln, format!("node {id:?} is listed twice")));
                }
                raw.coords.push((ln, id, x, y));
            }
            Section::Demand => {
                expect(2, "DEMAND_SECTION row `id demand`")?;
                let r = row(tokens[0])?;
                let d = src.parse_f64(ln, tokens[1], "demand")?;
                if d < 0.0 {
                    return Err(src.malformed(ln, "demand must not be negative"));
                }
                if d.fract() != 0.0 {
                    return Err(
                        src.malformed(ln, format!("demand {d}: demands must be whole numbers"))
                    );
                }
                raw.demand.insert(r, d);
            }
            Section::Windows => {
                expect(3, "TIME_WINDOW_SECTION row `id earliest latest`")?;
                let r = row(tokens[0])?;
                let e = src.parse_f64(ln, tokens[1], "earliest time")?;
                let l = src.parse_f64(ln, tokens[2], "latest time")?;
                if e < 0.0 {
                    return Err(src.malformed(ln, "earliest time must not be negative"));
                }
                if e > l {
                    return Err(
                        src.malformed(ln, format!("time window [{e}, {l}] ends before it starts"))
                    );
                }
                raw.windows.insert(r, (e, l));
            }
            Section::Service => {
                expect(2, "SERVICE_TIME_SECTION row `id time`")?;
                let r = row(tokens[0])?;
                let s = src.parse_f64(ln, tokens[1], "service time")?;
                if s < 0.0 {
                    return Err(src.malformed(ln, "service time must not be negative"));
                }
                raw.service.insert(r, s);
            }
            Section::Release => {
                expect(2, "RELEASE_TIME_SECTION row `id time`")?;
                let r = row(tokens[0])?;
                let t = src.parse_f64(ln, tokens[1], "release time")?;
                if t < 0.0 {
                    return Err(src.malformed(ln, "release time must not be negative"));
                }
                raw.release.insert(r, t);
            }
            Section::Prize => {
                expect(2, "PRIZE_SECTION row `id prize`")?;
                let r = row(tokens[0])?;
                let p = src.parse_f64(ln, tokens[1], "prize")?;
                if p < 0.0 {
                    return Err(src.malformed(ln, format!("prize {p} must not be negative")));
                }
                if raw.prize.insert(r, (ln, p)).is_some() {
                    return Err(src.malformed(
                        ln,
                        format!("node {:?} has a second PRIZE_SECTION row", tokens[0]),
                    ));
                }
            }
            Section::Reload => {
                expect(2, "VEHICLES_RELOAD_DEPOT_SECTION row `vehicle depot`")?;
                let r = row(tokens[1])?;
                raw.reload.insert(tokens[0].to_string(), r);
            }
            Section::VehicleDepots => {
                expect(2, "VEHICLES_DEPOT_SECTION row `vehicle depot`")?;
                let k = vehicle_number(src, ln, tokens[0])?;
                raw.vehicle_depots.push((ln, k, row(tokens[1])?));
            }
            Section::Vehicle(field) => {
                expect(2, &format!("{} row `vehicle value`", field.section()))?;
                let k = vehicle_number(src, ln, tokens[0])?;
                let v = src.parse_f64(ln, tokens[1], field.section())?;
                if v < 0.0 {
                    return Err(
                        src.malformed(ln, format!("{}: {v} must not be negative", field.section()))
                    );
                }
                raw.vehicle_values
                    .entry(field)
                    .or_default()
                    .push((ln, k, v));
            }
            Section::Depots => {
                expect(1, "DEPOT_SECTION row `id` (or -1)")?;
                if tokens[0] == "-1" {
                    section = Section::End;
                } else {
                    raw.depots.push((ln, row(tokens[0])?));
                }
            }
            Section::End => {
                if tokens != ["EOF"] {
                    return Err(src.malformed(
                        ln,
                        format!("unexpected {trimmed:?} after the end of DEPOT_SECTION"),
                    ));
                }
            }
        }
    }
    Ok(raw)
}

/// A vehicle number of a per-vehicle section: 1 to [`MAX_VEHICLES`](crate::formats::MAX_VEHICLES).
fn vehicle_number(src: &Source<'_>, ln: usize, token: &str) -> Result<usize, FormatError> {
    let k: usize = src.parse(ln, token, "vehicle number")?;
    if k == 0 || k > crate::formats::MAX_VEHICLES {
        return Err(src.malformed(
            ln,
            format!(
                "vehicle number {k}: vehicles are numbered 1 to VEHICLES (at most {})",
                crate::formats::MAX_VEHICLES
            ),
        ));
    }
    Ok(k)
}

fn header_line(src: &Source<'_>, ln: usize, line: &str, raw: &mut Raw) -> Result<(), FormatError> {
    let Some((key, value)) = line.split_once(':') else {
        return Err(src.malformed(
            ln,
            format!("expected `KEY : value` or a section name, found {line:?}"),
        ));
    };
    let (key, value) = (key.trim(), value.trim());
    match key {
        "NAME" => raw.name = Some(value.to_string()),
        "COMMENT" => {}
        "TYPE" => {
            raw.kind = Some(match value {
                "CVRP" => Kind::Cvrp,
                "VRPTW" => Kind::Vrptw,
                "PCVRPTW" => Kind::PrizeTw,
                "MTVRPTWR" => Kind::MultiTrip,
                "MDVRPTW" => Kind::MultiDepotTw,
                "HFVRP" => Kind::HeteroFleet,
                other => {
                    return Err(src.malformed(
                        ln,
                        format!(
                            "TYPE {other:?} is not supported: use CVRP, VRPTW, PCVRPTW, MTVRPTWR, MDVRPTW or HFVRP"
                        ),
                    ));
                }
            })
        }
        "DIMENSION" => raw.dimension = Some(src.parse(ln, value, "DIMENSION")?),
        "EDGE_WEIGHT_TYPE" => {
            if value != "EUC_2D" {
                return Err(src.malformed(
                    ln,
                    format!("EDGE_WEIGHT_TYPE {value:?} is not supported: only EUC_2D"),
                ));
            }
        }
        "CAPACITY" => raw.capacity = Some(src.parse_f64(ln, value, "CAPACITY")?),
        "VEHICLES" => {
            let count: usize = src.parse(ln, value, "VEHICLES")?;
            src.check_vehicles(ln, count)?;
            raw.vehicles = Some(count);
        }
        "SERVICE_TIME" => raw.service_time = Some(src.parse_f64(ln, value, "SERVICE_TIME")?),
        "VEHICLES_MAX_DURATION" => {
            let v = src.parse_f64(ln, value, "VEHICLES_MAX_DURATION")?;
            if v < 0.0 {
                return Err(src.malformed(ln, "VEHICLES_MAX_DURATION must not be negative"));
            }
            raw.vehicle_section_line.get_or_insert(ln);
            raw.max_duration = Some((ln, v));
        }
        other => {
            return Err(src.malformed(
                ln,
                format!(
                    "unsupported key {other:?}: it may change the problem, so it is not ignored"
                ),
            ));
        }
    }
    Ok(())
}

fn build(
    src: &Source<'_>,
    raw: Raw,
    options: ReadOptions,
) -> Result<BenchmarkInstance, FormatError> {
    let kind = raw.kind.ok_or_else(|| {
        src.incomplete("no TYPE line (CVRP, VRPTW, PCVRPTW, MTVRPTWR, MDVRPTW or HFVRP)")
    })?;
    let n = raw.coords.len();
    if n == 0 {
        return Err(src.incomplete("no NODE_COORD_SECTION rows"));
    }
    if let Some(d) = raw.dimension
        && d != n
    {
        return Err(src.incomplete(format!(
            "DIMENSION is {d} but NODE_COORD_SECTION has {n} rows"
        )));
    }
    if raw.demand.len() != n {
        return Err(src.incomplete(format!(
            "DEMAND_SECTION has {} rows, expected one per node ({n})",
            raw.demand.len()
        )));
    }
    if let Some(line) = raw.prize_line
        && kind != Kind::PrizeTw
    {
        return Err(src.malformed(line, "PRIZE_SECTION is read for TYPE PCVRPTW only"));
    }
    if matches!(kind, Kind::MultiDepotTw | Kind::HeteroFleet) {
        return fleet::build(src, raw, kind, options);
    }
    if let Some(line) = raw.vehicle_section_line {
        return Err(src.malformed(
            line,
            "per-vehicle sections and VEHICLES_MAX_DURATION are read for TYPE MDVRPTW and HFVRP only",
        ));
    }
    let capacity = raw
        .capacity
        .ok_or_else(|| src.incomplete("no CAPACITY line"))?;
    let depot_row = match raw.depots.as_slice() {
        [(_, d)] => *d,
        [] => return Err(src.incomplete("DEPOT_SECTION names no depot")),
        more => {
            return Err(src.incomplete(format!(
                "DEPOT_SECTION names {} depots; several depots are read for TYPE MDVRPTW and HFVRP only",
                more.len()
            )));
        }
    };
    let timed = kind != Kind::Cvrp;
    if timed && raw.windows.len() != n {
        return Err(src.incomplete(format!(
            "TIME_WINDOW_SECTION has {} rows, expected one per node ({n})",
            raw.windows.len()
        )));
    }
    if kind == Kind::MultiTrip && raw.reload.is_empty() {
        return Err(src.incomplete(
            "TYPE MTVRPTWR needs VEHICLES_RELOAD_DEPOT_SECTION (the depot each vehicle reloads at)",
        ));
    }

    let rounding = if timed {
        Rounding::TruncatedTenths
    } else {
        Rounding::Nearest
    };
    let scale = rounding.scale();
    let time = |v: f64| Duration(scaled(v, scale));
    let points: Vec<(f64, f64)> = raw.coords.iter().map(|c| (c.2, c.3)).collect();
    let distance = distance_matrix(&points, rounding);
    let longest = max_entry(&distance);
    let travel_time = time_equal_to_distance(&distance);

    let depot_window = window_of(&raw, depot_row, time);
    let depots = vec![Depot {
        location: LocationIdx::new(depot_row),
        window: depot_window,
    }];

    let prizes = if kind == Kind::PrizeTw {
        Some(prizes(src, &raw, depot_row, scale)?)
    } else {
        None
    };
    let mut sites = Vec::with_capacity(n - 1);
    let mut site_ids = Vec::with_capacity(n - 1);
    for row in (0..n).filter(|&r| r != depot_row) {
        sites.push(Site {
            prize: prizes.as_ref().map(|p| p[row]),
            ..customer(&raw, row, time)
        });
        site_ids.push(row.to_string());
    }
    if raw.demand.values().any(|d| d.fract() != 0.0) {
        let line = raw.coords[0].0;
        return Err(src.malformed(line, "demands must be whole numbers"));
    }

    // One facility per reload depot; vehicles grouped by the depot they reload at.
    let mut facilities = Vec::new();
    let mut facility_ids = Vec::new();
    let mut groups: BTreeMap<Option<usize>, usize> = BTreeMap::new();
    let total = raw.vehicles.unwrap_or(sites.len().max(1));
    if kind == Kind::MultiTrip {
        if raw.reload.len() != total {
            return Err(src.incomplete(format!(
                "VEHICLES_RELOAD_DEPOT_SECTION has {} rows but VEHICLES is {total}",
                raw.reload.len()
            )));
        }
        for &r in raw.reload.values() {
            if r != depot_row {
                return Err(src.incomplete(format!(
                    "a vehicle reloads at node {} which is not the depot",
                    raw.coords[r].1
                )));
            }
            *groups.entry(Some(r)).or_default() += 1;
        }
        for &r in groups.keys().flatten() {
            facilities.push(Facility {
                location: LocationIdx::new(r),
                windows: vec![window_of(&raw, r, time)],
                unload_time: Duration::ZERO,
                accepts: StreamSet::ALL,
                daily_capacity: None,
            });
            // A reload is written `0` in the multi-trip `.sol` files (the depot's number).
            facility_ids.push("0".to_string());
        }
    } else {
        groups.insert(None, total);
    }

    let objective = match (kind, options.objective) {
        (Kind::PrizeTw, None | Some(ObjectiveKind::Prizes)) => ObjectiveKind::Prizes,
        (Kind::PrizeTw, Some(other)) => {
            return Err(src.incomplete(format!(
                "TYPE PCVRPTW is measured by distance plus the prizes left out (objective {}), not {}",
                ObjectiveKind::Prizes.name(),
                other.name()
            )));
        }
        (_, objective) => objective.unwrap_or(ObjectiveKind::Distance),
    };
    let prices = pricing(objective, longest, sites.len(), total, src.path)?;
    let vehicle_types = groups
        .iter()
        .map(|(reload, &count)| VehicleType {
            facilities: reload.map(|r| {
                let k = groups.keys().flatten().position(|&x| x == r).unwrap_or(0);
                vec![FacilityIdx::new(k)]
            }),
            ..plain_vehicle_type(
                count as u32,
                Loads::single(scaled(capacity, 1)),
                depot_window,
                prices,
            )
        })
        .collect();

    let problem = src.problem(ProblemParts {
        profiles: vec![TravelMatrices {
            time: travel_time,
            distance,
        }],
        depots,
        facilities,
        sites,
        vehicle_types,
        objective: Objective {
            unassigned_penalty: prices.unassigned_penalty,
        },
    })?;
    let name = raw
        .name
        .unwrap_or_else(|| crate::formats::common::stem(src.path));
    Ok(BenchmarkInstance {
        name,
        format: Format::Vrplib,
        problem,
        convention: CostConvention {
            objective,
            rounding,
            distance_per_unit: scale,
            decimals: if scale == 1 { 0 } else { 1 },
            // Yang's multi-trip files and PyVRP's PCVRPTW files write the ×10 integer.
            sol_cost_in_problem_units: matches!(kind, Kind::MultiTrip | Kind::PrizeTw),
        },
        site_ids,
        facility_ids,
        warnings: Vec::new(),
        routes_are_vehicles: false,
    })
}

/// The time window of node `row` (unbounded when the file gives none), times scaled by
/// `time`.
fn window_of(raw: &Raw, row: usize, time: impl Fn(f64) -> Duration) -> TimeWindow {
    raw.windows
        .get(&row)
        .map(|&(e, l)| TimeWindow::new(time(e), time(l)))
        .unwrap_or(TimeWindow::UNBOUNDED)
}

/// The prize of every node from `PRIZE_SECTION`, by row, in problem cost units (×`scale`,
/// the distance scale). Every node needs a row, and the depot's prize must be 0.
fn prizes(
    src: &Source<'_>,
    raw: &Raw,
    depot_row: usize,
    scale: i64,
) -> Result<Vec<crate::units::Cost>, FormatError> {
    let Some(section) = raw.prize_line else {
        return Err(
            src.incomplete("TYPE PCVRPTW needs PRIZE_SECTION (`id prize`, one row per node)")
        );
    };
    let mut out = Vec::with_capacity(raw.coords.len());
    for (row, (_, id, _, _)) in raw.coords.iter().enumerate() {
        let Some(&(line, p)) = raw.prize.get(&row) else {
            return Err(src.malformed(
                section,
                format!(
                    "PRIZE_SECTION has {} rows and none for node {id:?}: give one `id prize` row per node",
                    raw.prize.len()
                ),
            ));
        };
        if row == depot_row && p != 0.0 {
            return Err(src.malformed(
                line,
                format!("the depot (node {id:?}) has prize {p}: a depot's prize must be 0"),
            ));
        }
        out.push(crate::units::Cost(scaled(p, scale)));
    }
    Ok(out)
}

/// Customer node `row` as a site: its demand, service time (its own or the file's
/// default), window and release time, times scaled by `time`.
fn customer(raw: &Raw, row: usize, time: impl Fn(f64) -> Duration + Copy) -> Site {
    let service = raw
        .service
        .get(&row)
        .copied()
        .or(raw.service_time)
        .unwrap_or(0.0);
    Site {
        location: LocationIdx::new(row),
        demand: Loads::single(scaled(raw.demand[&row], 1)),
        service_time: time(service),
        windows: vec![window_of(raw, row, time)],
        stream: StreamIdx(0),
        allowed_vehicle_types: None,
        release_time: time(raw.release.get(&row).copied().unwrap_or(0.0)),
        prize: None,
    }
}

/// A time matrix equal to the distance matrix (time = distance in these benchmarks).
pub(crate) fn time_equal_to_distance(
    distance: &crate::problem::Matrix<Distance>,
) -> crate::problem::Matrix<Duration> {
    if let Some(metric) = distance.planar_metric() {
        return crate::problem::Matrix::planar(metric.clone());
    }
    let n = distance.size();
    let data = (0..n)
        .flat_map(|i| distance.row(LocationIdx::new(i)).map(|d| Duration(d.get())))
        .collect();
    crate::problem::Matrix::from_row_major(n, data).expect("same size as the distance matrix")
}

#[cfg(test)]
mod tests {
    use super::*;

    const CVRP: &str = "TYPE : CVRP\nCAPACITY : 10\nNODE_COORD_SECTION\n1 0 0\n2 3 4\nDEMAND_SECTION\n1 0\n2 4\nDEPOT_SECTION\n1\n-1\n";

    fn line_of(text: &str) -> Option<usize> {
        crate::formats::common::malformed_line(parse(
            Path::new("t.vrp"),
            text,
            ReadOptions::default(),
        ))
    }

    #[test]
    fn out_of_range_numbers_are_rejected_at_their_line() {
        // Found by tests/fuzz_formats.rs: `1e18` coordinates, demands or release times
        // were accepted and saturated to i64::MAX once scaled; a negative earliest time
        // became a window starting before the time line.
        assert_eq!(line_of(CVRP), None);
        assert_eq!(line_of(&CVRP.replace("2 3 4", "2 1e18 4")), Some(5));
        assert_eq!(line_of(&CVRP.replace("2 4\n", "2 1e300\n")), Some(8));
        assert_eq!(
            line_of(&CVRP.replace("CAPACITY : 10", "CAPACITY : 9007199254740993")),
            Some(2)
        );
        assert_eq!(line_of(&format!("VEHICLES : 4294967297\n{CVRP}")), Some(1));
        let tw = CVRP.replace("CVRP", "VRPTW").replace(
            "DEPOT_SECTION",
            "TIME_WINDOW_SECTION\n1 0 100\n2 -1 50\nDEPOT_SECTION",
        );
        assert_eq!(line_of(&tw), Some(11));
    }
}
