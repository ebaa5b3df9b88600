//! PyVRP's VRPLIB dialect for fleets listed vehicle by vehicle: `MDVRPTW` (Vidal et al.
//! 2013 multi-depot VRPTW) and `HFVRP` (Pessoa et al. 2018 heterogeneous fleet).
//!
//! - Every node not in `DEPOT_SECTION` is a customer; `DEPOT_SECTION` may name several
//!   depots, each with the time window of its row (unbounded without
//!   `TIME_WINDOW_SECTION`).
//! - `VEHICLES` vehicles, numbered 1..=VEHICLES; per vehicle: its depot
//!   (`VEHICLES_DEPOT_SECTION`, else the first depot), capacity (`CAPACITY_SECTION`, else
//!   `CAPACITY`), fixed cost (`VEHICLES_FIXED_COST_SECTION`, else 0), unit distance cost
//!   (`VEHICLES_UNIT_DISTANCE_COST_SECTION`, else 1) and maximum duration
//!   (`VEHICLES_MAX_DURATION_SECTION`, else `VEHICLES_MAX_DURATION`, else none). Runs of
//!   consecutive vehicles with the same values become one vehicle type, in file order, so
//!   `Route #k` of a `.sol` file names the k-th vehicle unambiguously. Unlimited fleets
//!   are already expanded by the files (one vehicle per customer and type).
//! - Distances are round(1000·d) per arc (PyVRP's `exact` rounding); travel time equals
//!   distance and every time (windows, service, maximum duration) is ×1000.
//! - `MDVRPTW` minimises distance: the reported cost is the sum ÷ 1000 and `.sol` files
//!   state the integer sum.
//! - `HFVRP` minimises cost: the file's fixed and unit costs are the original ones ×100
//!   (PyVRP's README), unit costs are not rounded, so a route costs
//!   `1000 · fixed + unit · Σ round(1000·d)` — PyVRP's own integer, which its `.sol` files
//!   state for the solutions it found. The reported cost is that ÷ 10⁵ (original units)
//!   with two decimals, the precision of the published (Pessoa et al.) costs; those are
//!   computed on unrounded distances, so a published solution may differ from its stated
//!   cost by the arcs' rounding (at most 0.0005 × unit cost ÷ 100 per arc).

use super::{Kind, Raw, VehicleField, customer, time_equal_to_distance, window_of};
use crate::formats::common::{Pricing, Source, distance_matrix, max_entry, pricing, scaled, stem};
use crate::formats::{
    BenchmarkInstance, CostConvention, Format, FormatError, ObjectiveKind, ReadOptions, Rounding,
};
use crate::problem::{
    Depot, DepotIdx, Loads, LocationIdx, Objective, ProblemParts, TravelMatrices, VehicleType,
};
use crate::units::{Cost, Duration};
use std::collections::BTreeMap;

/// PyVRP's `exact` rounding: distances and times ×1000.
const ROUNDING: Rounding = Rounding::NearestThousandths;

/// The values of one vehicle, in the problem's units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Vehicle {
    depot: usize,
    capacity: i64,
    fixed: i64,
    unit: i64,
    max_duration: Duration,
}

pub(super) fn build(
    src: &Source<'_>,
    raw: Raw,
    kind: Kind,
    options: ReadOptions,
) -> Result<BenchmarkInstance, FormatError> {
    let type_name = if kind == Kind::HeteroFleet {
        "HFVRP"
    } else {
        "MDVRPTW"
    };
    let n = raw.coords.len();
    let total = raw.vehicles.ok_or_else(|| {
        src.incomplete(format!(
            "no VEHICLES line: TYPE {type_name} lists its vehicles one by one and needs their number"
        ))
    })?;
    if total == 0 {
        return Err(src.incomplete("VEHICLES is 0: the instance has no vehicle"));
    }
    if kind == Kind::MultiDepotTw && raw.windows.len() != n {
        return Err(src.incomplete(format!(
            "TIME_WINDOW_SECTION has {} rows, expected one per node ({n})",
            raw.windows.len()
        )));
    }
    if !raw.windows.is_empty() && raw.windows.len() != n {
        return Err(src.incomplete(format!(
            "TIME_WINDOW_SECTION has {} rows, expected one per node ({n}) or none",
            raw.windows.len()
        )));
    }
    if kind != Kind::HeteroFleet {
        for field in [VehicleField::FixedCost, VehicleField::UnitDistanceCost] {
            if let Some(&(line, _, _)) = raw.vehicle_values.get(&field).and_then(|r| r.first()) {
                return Err(src.malformed(
                    line,
                    format!(
                        "{} is read for TYPE HFVRP only: TYPE {type_name} minimises distance",
                        field.section()
                    ),
                ));
            }
        }
    }
    if !raw.reload.is_empty() || !raw.release.is_empty() {
        return Err(src.incomplete(format!(
            "VEHICLES_RELOAD_DEPOT_SECTION and RELEASE_TIME_SECTION are read for TYPE MTVRPTWR only, not {type_name}"
        )));
    }

    // Depots, in DEPOT_SECTION order.
    if raw.depots.is_empty() {
        return Err(src.incomplete("DEPOT_SECTION names no depot"));
    }
    let mut depot_of_row: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, &(line, r)) in raw.depots.iter().enumerate() {
        if depot_of_row.insert(r, i).is_some() {
            return Err(src.malformed(
                line,
                format!("node {} is named twice in DEPOT_SECTION", raw.coords[r].1),
            ));
        }
    }
    let scale = ROUNDING.scale();
    let time = |v: f64| Duration(scaled(v, scale));
    let depots: Vec<Depot> = raw
        .depots
        .iter()
        .map(|&(_, r)| Depot {
            location: LocationIdx::new(r),
            window: window_of(&raw, r, time),
        })
        .collect();

    // Customers (demands are whole: checked at their line).
    let mut sites = Vec::new();
    let mut site_ids = Vec::new();
    for row in (0..n).filter(|r| !depot_of_row.contains_key(r)) {
        sites.push(customer(&raw, row, time));
        site_ids.push(row.to_string());
    }
    if sites.is_empty() {
        return Err(src.incomplete("every node is a depot: the instance has no customer"));
    }

    // Vehicles, one by one.
    let values = |field: VehicleField| per_vehicle(src, &raw, field, total);
    let capacities = match values(VehicleField::Capacity)? {
        Some(v) => v,
        None => {
            let c = raw
                .capacity
                .ok_or_else(|| src.incomplete("no CAPACITY line and no CAPACITY_SECTION"))?;
            vec![(0, c); total]
        }
    };
    let fixed = values(VehicleField::FixedCost)?.unwrap_or_else(|| vec![(0, 0.0); total]);
    let unit = values(VehicleField::UnitDistanceCost)?.unwrap_or_else(|| vec![(0, 1.0); total]);
    let durations = match values(VehicleField::MaxDuration)? {
        Some(v) => v,
        None => vec![(0, raw.max_duration.map_or(f64::INFINITY, |(_, d)| d)); total],
    };
    let mut vehicle_depot = vec![0usize; total];
    let mut seen = vec![false; total];
    for &(line, k, r) in &raw.vehicle_depots {
        if k > total {
            return Err(src.malformed(
                line,
                format!("vehicle {k} is not one of the {total} vehicles (VEHICLES)"),
            ));
        }
        if std::mem::replace(&mut seen[k - 1], true) {
            return Err(src.malformed(line, format!("vehicle {k} is listed twice")));
        }
        vehicle_depot[k - 1] = *depot_of_row.get(&r).ok_or_else(|| {
            src.malformed(
                line,
                format!("node {} is not a depot (DEPOT_SECTION)", raw.coords[r].1),
            )
        })?;
    }
    if !raw.vehicle_depots.is_empty() && raw.vehicle_depots.len() != total {
        return Err(src.incomplete(format!(
            "VEHICLES_DEPOT_SECTION has {} rows, expected one per vehicle ({total})",
            raw.vehicle_depots.len()
        )));
    }
    let whole = |(line, v): (usize, f64), what: &str| -> Result<i64, FormatError> {
        if v.fract() == 0.0 {
            Ok(v as i64)
        } else if line == 0 {
            Err(src.incomplete(format!("{what} must be a whole number, found {v}")))
        } else {
            Err(src.malformed(line, format!("{what} must be a whole number, found {v}")))
        }
    };
    let mut vehicles = Vec::with_capacity(total);
    for k in 0..total {
        vehicles.push(Vehicle {
            depot: vehicle_depot[k],
            capacity: whole(capacities[k], "a capacity")?,
            fixed: whole(fixed[k], "a fixed cost")? * scale,
            unit: whole(unit[k], "a unit distance cost")?,
            max_duration: if durations[k].1.is_finite() {
                time(durations[k].1)
            } else {
                Duration::INFINITE
            },
        });
    }

    // Costs and objective.
    let points: Vec<(f64, f64)> = raw.coords.iter().map(|c| (c.2, c.3)).collect();
    let distance = distance_matrix(&points, ROUNDING);
    let longest = max_entry(&distance);
    let travel_time = time_equal_to_distance(&distance);
    let objective = match (kind, options.objective) {
        (Kind::HeteroFleet, None | Some(ObjectiveKind::Cost)) => ObjectiveKind::Cost,
        (Kind::HeteroFleet, Some(other)) => {
            return Err(src.incomplete(format!(
                "TYPE HFVRP is measured by its vehicle costs (objective cost), not {}",
                other.name()
            )));
        }
        (_, Some(ObjectiveKind::VehiclesThenDistance)) => ObjectiveKind::VehiclesThenDistance,
        _ => ObjectiveKind::Distance,
    };
    let prices = if objective == ObjectiveKind::Cost {
        cost_pricing(src, &vehicles, longest.get(), sites.len())?
    } else {
        pricing(objective, longest, sites.len(), total, src.path)?
    };

    // Runs of equal consecutive vehicles become vehicle types.
    let mut vehicle_types: Vec<VehicleType> = Vec::new();
    let mut last: Option<Vehicle> = None;
    for v in &vehicles {
        if last == Some(*v)
            && let Some(t) = vehicle_types.last_mut()
        {
            t.count += 1;
            continue;
        }
        last = Some(*v);
        let (fixed_cost, per_distance) = if objective == ObjectiveKind::Cost {
            (Cost(v.fixed), Cost(v.unit))
        } else {
            (prices.fixed_cost, Cost(1))
        };
        vehicle_types.push(VehicleType {
            start_depot: DepotIdx(v.depot as u32),
            end_depot: DepotIdx(v.depot as u32),
            max_duration: v.max_duration,
            fixed_cost,
            cost_per_distance: per_distance,
            ..VehicleType::plain(1, Loads::single(v.capacity), depots[v.depot].window)
        });
    }

    let problem = src.problem(ProblemParts {
        profiles: vec![TravelMatrices {
            time: travel_time,
            distance,
        }],
        depots,
        facilities: Vec::new(),
        sites,
        vehicle_types,
        objective: Objective {
            unassigned_penalty: prices.unassigned_penalty,
        },
    })?;
    let (per_unit, decimals) = if objective == ObjectiveKind::Cost {
        // The file's costs are ×100 and distances ×1000: original units are ÷10⁵.
        (100 * scale, 2)
    } else {
        (scale, 3)
    };
    Ok(BenchmarkInstance {
        name: raw.name.clone().unwrap_or_else(|| stem(src.path)),
        format: Format::Vrplib,
        problem,
        convention: CostConvention {
            objective,
            rounding: ROUNDING,
            distance_per_unit: per_unit,
            decimals,
            sol_cost_in_problem_units: true,
        },
        site_ids,
        facility_ids: Vec::new(),
        warnings: Vec::new(),
        routes_are_vehicles: true,
    })
}

/// One value per vehicle from a per-vehicle section, with the line it came from; `None`
/// when the file has no such section.
fn per_vehicle(
    src: &Source<'_>,
    raw: &Raw,
    field: VehicleField,
    total: usize,
) -> Result<Option<Vec<(usize, f64)>>, FormatError> {
    let Some(rows) = raw.vehicle_values.get(&field) else {
        return Ok(None);
    };
    let mut out: Vec<Option<(usize, f64)>> = vec![None; total];
    for &(line, k, v) in rows {
        if k > total {
            return Err(src.malformed(
                line,
                format!("vehicle {k} is not one of the {total} vehicles (VEHICLES)"),
            ));
        }
        if out[k - 1].replace((line, v)).is_some() {
            return Err(src.malformed(line, format!("vehicle {k} is listed twice")));
        }
    }
    if rows.len() != total {
        return Err(src.incomplete(format!(
            "{} has {} rows, expected one per vehicle ({total})",
            field.section(),
            rows.len()
        )));
    }
    Ok(Some(out.into_iter().flatten().collect()))
}

/// The unassigned penalty for the cost objective: above the cost of any solution that
/// serves every customer (at most one used vehicle per customer, each at the highest fixed
/// cost, and every arc of the distance bound of [`pricing`] at the highest unit cost).
fn cost_pricing(
    src: &Source<'_>,
    vehicles: &[Vehicle],
    longest_arc: i64,
    num_sites: usize,
) -> Result<Pricing, FormatError> {
    let max_fixed = vehicles.iter().map(|v| v.fixed).max().unwrap_or(0) as i128;
    let max_unit = vehicles.iter().map(|v| v.unit).max().unwrap_or(0) as i128;
    let arcs = 3 * (num_sites as i128 + 1) + 1;
    let used = num_sites.min(vehicles.len()) as i128;
    let bound = used * max_fixed + max_unit * arcs * longest_arc.max(1) as i128;
    let penalty = bound + 1;
    let limit = Cost::INFINITE.get() as i128 / (4 * (num_sites as i128 + 1));
    if penalty > limit {
        return Err(src.incomplete(format!(
            "costs are too large for exact integer sums ({num_sites} customers, highest fixed cost {max_fixed}, highest unit distance cost {max_unit}, longest arc {longest_arc})"
        )));
    }
    Ok(Pricing {
        fixed_cost: Cost(0),
        unassigned_penalty: Cost(penalty as i64),
    })
}
