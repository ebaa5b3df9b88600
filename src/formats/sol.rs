//! The CVRPLIB `.sol` form: one `Route #k: id id …` line per used vehicle, then
//! `Cost c`. Ids are the instance's own numbering ([`BenchmarkInstance::site_ids`] and
//! [`BenchmarkInstance::facility_ids`]): a Kim route lists its disposal visits by the
//! facility's `Stop_ID`; a multi-trip depot reload is written `0`. Breaks are not written
//! (the form has no token for them); [`read`] leaves them out and the caller may place
//! them (see `crate::benchmark`).
//!
//! Instances in PyVRP's dialect ([`BenchmarkInstance::routes_are_vehicles`]: MDVRPTW,
//! HFVRP) number a route by its vehicle, `Route #k` being the file's k-th vehicle, so the
//! vehicle (and its depot, capacity and costs) is unambiguous; their files also list the
//! unused vehicles as empty routes. [`write()`] writes the used vehicles only, each under its
//! own number; [`parse()`] reads both.

use crate::formats::common::Source;
use crate::formats::{BenchmarkInstance, FormatError};
use crate::problem::{FacilityIdx, SiteIdx, VehicleTypeIdx};
use crate::solution::{Route, Solution, Unassigned, UnassignedReason, Visit};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// A `.sol` file as read.
#[derive(Clone, Debug, PartialEq)]
pub struct SolFile {
    /// The routes, vehicles numbered in file order within their type; sites missing from
    /// every route are listed as unassigned.
    pub solution: Solution,
    /// The `Cost` line's value, as written.
    pub cost: Option<String>,
}

/// Writes `solution` in `.sol` form with the instance's numbering; `cost` is the text
/// written after `Cost` (the benchmark's own unit, see [`cost_text`]).
pub fn write(instance: &BenchmarkInstance, solution: &Solution, cost: &str) -> String {
    let mut out = String::new();
    let routes = solution.routes.iter().filter(|r| {
        r.visits
            .iter()
            .any(|v| matches!(v, Visit::Site(_) | Visit::Facility(_)))
    });
    let offsets = vehicle_offsets(instance);
    for (k, route) in routes.enumerate() {
        let number = if instance.routes_are_vehicles {
            offsets[route.vehicle_type.index()] + route.vehicle as usize + 1
        } else {
            k + 1
        };
        let _ = write!(out, "Route #{number}:");
        for v in &route.visits {
            match v {
                Visit::Site(s) => {
                    let _ = write!(out, " {}", instance.site_ids[s.index()]);
                }
                Visit::Facility(f) => {
                    let _ = write!(out, " {}", instance.facility_ids[f.index()]);
                }
                Visit::Break => {}
            }
        }
        out.push('\n');
    }
    let _ = writeln!(out, "Cost {cost}");
    out
}

/// The cost as the benchmark's own `.sol` files write it, for a total `distance`.
pub fn cost_text(instance: &BenchmarkInstance, distance: crate::units::Distance) -> String {
    value_text(instance, distance.get())
}

/// The cost as the benchmark's own `.sol` files write it, for a measured `value` (see
/// [`CostConvention::measure`](crate::formats::CostConvention::measure): the distance, or
/// the routing cost for HFVRP).
pub fn value_text(instance: &BenchmarkInstance, value: i64) -> String {
    if instance.convention.sol_cost_in_problem_units {
        value.to_string()
    } else {
        instance.convention.format_value(value)
    }
}

/// For each vehicle type, how many vehicles of the file come before its first one.
fn vehicle_offsets(instance: &BenchmarkInstance) -> Vec<usize> {
    let mut offsets = Vec::new();
    let mut before = 0usize;
    for t in instance.problem.vehicle_types() {
        offsets.push(before);
        before += t.count as usize;
    }
    offsets
}

/// Reads a `.sol` file for `instance`.
///
/// Routes go to vehicle type 0 while it has vehicles left, then to the next type; when the
/// instance numbers routes by vehicle ([`BenchmarkInstance::routes_are_vehicles`]),
/// `Route #k` goes to the file's k-th vehicle instead and empty routes are skipped. Every
/// site not listed is unassigned. Lines other than `Route #…` and `Cost …` (such as
/// `Optimal: True` or `Time …`) are ignored.
///
/// # Errors
/// [`FormatError::Malformed`] for an id the instance does not know, more routes than
/// vehicles, or (numbered by vehicle) a route number that is not a vehicle of the instance
/// or appears twice.
pub fn parse(
    path: &Path,
    text: &str,
    instance: &BenchmarkInstance,
) -> Result<SolFile, FormatError> {
    let src = Source { path };
    let mut by_id: BTreeMap<&str, Visit> = BTreeMap::new();
    for (i, id) in instance.site_ids.iter().enumerate() {
        by_id.insert(id, Visit::Site(SiteIdx::new(i)));
    }
    for (i, id) in instance.facility_ids.iter().enumerate() {
        by_id.insert(id, Visit::Facility(FacilityIdx::new(i)));
    }
    let types = instance.problem.vehicle_types();
    let offsets = vehicle_offsets(instance);
    let total = instance.problem.num_vehicles();
    let mut taken = vec![
        false;
        if instance.routes_are_vehicles {
            total
        } else {
            0
        }
    ];
    let mut next_vehicle = vec![0u32; types.len()];
    let mut routes = Vec::new();
    let mut cost = None;
    for (i, line) in text.lines().enumerate() {
        let ln = i + 1;
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("Route") {
            let Some((number, ids)) = rest.split_once(':') else {
                return Err(src.malformed(ln, "expected `Route #k: id id …`"));
            };
            let mut visits = Vec::new();
            for token in ids.split_whitespace() {
                let v = by_id.get(token).copied().ok_or_else(|| {
                    src.malformed(
                        ln,
                        format!("{token:?} is not a site or facility of {}", instance.name),
                    )
                })?;
                visits.push(v);
            }
            if instance.routes_are_vehicles {
                let k = number
                    .trim()
                    .trim_start_matches('#')
                    .trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|k| (1..=total).contains(k))
                    .ok_or_else(|| {
                        src.malformed(
                            ln,
                            format!(
                                "route number {:?} is not a vehicle of {} (1 to {total}): \
                                 `Route #k` is the k-th vehicle of the instance",
                                number.trim(),
                                instance.name
                            ),
                        )
                    })?;
                if std::mem::replace(&mut taken[k - 1], true) {
                    return Err(src.malformed(ln, format!("vehicle {k} has a second route")));
                }
                if visits.is_empty() {
                    continue;
                }
                // The last type whose first vehicle is at or before k − 1.
                let t = offsets.partition_point(|&o| o < k) - 1;
                routes.push(Route {
                    vehicle_type: VehicleTypeIdx::new(t),
                    vehicle: (k - 1 - offsets[t]) as u32,
                    visits,
                });
                continue;
            }
            let Some(t) = (0..types.len()).find(|&t| next_vehicle[t] < types[t].count) else {
                return Err(src.malformed(
                    ln,
                    format!(
                        "more routes than the {} vehicles of the instance",
                        instance.problem.num_vehicles()
                    ),
                ));
            };
            routes.push(Route {
                vehicle_type: VehicleTypeIdx::new(t),
                vehicle: next_vehicle[t],
                visits,
            });
            next_vehicle[t] += 1;
        } else if let Some(rest) = line.strip_prefix("Cost") {
            cost = Some(rest.trim_start_matches(':').trim().to_string());
        }
    }
    let mut served = vec![false; instance.problem.sites().len()];
    for v in routes.iter().flat_map(|r| &r.visits) {
        if let Visit::Site(s) = v {
            served[s.index()] = true;
        }
    }
    let unassigned = (0..served.len())
        .filter(|&i| !served[i])
        .map(|i| Unassigned {
            site: SiteIdx::new(i),
            reason: UnassignedReason::NoCapacityLeft,
        })
        .collect();
    Ok(SolFile {
        solution: Solution { routes, unassigned },
        cost,
    })
}

/// Reads the `.sol` file at `path` for `instance`.
///
/// # Errors
/// [`FormatError::Io`] or the errors of [`parse`].
pub fn read(path: &Path, instance: &BenchmarkInstance) -> Result<SolFile, FormatError> {
    let text = crate::formats::common::read_text(path)?;
    parse(path, &text, instance)
}
