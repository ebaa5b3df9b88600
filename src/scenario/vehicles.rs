//! `vehicles.csv`: the fleet, one row per kind of truck with a `count`.

use super::depots::non_empty_or;
use super::ids::IdIndex;
use super::limits;
use super::streams::Streams;
use super::table::{Row, Table, split_list};
use super::time_of_day::{ClockWindow, DayAnchor};
use super::units;
use crate::diagnostic::Diagnostics;
use crate::problem::{BreakRule, Loads, StreamSet, TimeWindow};
use crate::units::{Duration, Load};

/// Columns of `vehicles.csv`.
pub const COLUMNS: &[&str] = &[
    "id",
    "name",
    "depot",
    "end_depot",
    "count",
    "profile",
    "capacity_kg",
    "capacity_m3",
    "streams",
    "facilities",
    "shift",
    "max_shift_h",
    "break_min",
    "break_window",
    "fixed_cost",
    "cost_per_km",
    "cost_per_hour",
    "co2_kg_per_km",
    "max_stops",
    "max_total_kg",
    "max_total_m3",
    "max_km",
];

/// A vehicle type as read; ids are resolved to positions in the scenario's lists.
#[derive(Clone, Debug, PartialEq)]
pub struct VehicleRecord {
    /// User id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Start depot (position in the depot list).
    pub depot: usize,
    /// End depot (position in the depot list).
    pub end_depot: usize,
    /// How many identical trucks.
    pub count: u32,
    /// Road profile (position in the profile list).
    pub profile: usize,
    /// Capacity per trip (kg, litres).
    pub capacity: Loads,
    /// Streams it may carry.
    pub streams: StreamSet,
    /// Facilities it may unload at (positions); `None` = all.
    pub facilities: Option<Vec<usize>>,
    /// Shift on the plan's time line.
    pub shift: TimeWindow,
    /// Longest route duration.
    pub max_duration: Duration,
    /// Break, if any.
    pub break_rule: Option<BreakRule>,
    /// Fixed cost per used truck, in the scenario's currency.
    pub fixed_cost: f64,
    /// Cost per km, in the scenario's currency.
    pub cost_per_km: f64,
    /// Cost per hour, in the scenario's currency.
    pub cost_per_hour: f64,
    /// CO₂ emitted per km driven, kg.
    pub co2_kg_per_km: f64,
    /// Most sites per driver and day.
    pub max_stops: Option<u32>,
    /// Most load per driver and day (kg, litres).
    pub max_total_load: Loads,
    /// Longest route distance, metres.
    pub max_distance_m: Option<i64>,
    /// Line in the file.
    pub line: u64,
}

/// What vehicle rows refer to.
pub struct VehicleRefs<'a> {
    /// Depot ids.
    pub depots: &'a IdIndex,
    /// Facility ids.
    pub facilities: &'a IdIndex,
    /// Profile ids in order.
    pub profiles: &'a [String],
    /// Streams.
    pub streams: &'a Streams,
    /// Time line.
    pub anchor: DayAnchor,
}

fn resolve(
    table: &Table,
    row: &Row,
    column: &str,
    id: &str,
    index: &IdIndex,
    what: &str,
    diags: &mut Diagnostics,
) -> Option<usize> {
    if let Some((code, message, hint)) = index.reference_problem(id, what) {
        diags.push(table.error_at(row, column, code, message).hint(hint));
        return None;
    }
    index.get(id)
}

/// Reads every vehicle type; bad rows are reported and skipped.
pub fn read(
    table: &Table,
    refs: &VehicleRefs<'_>,
    ids: &mut IdIndex,
    diags: &mut Diagnostics,
) -> Vec<VehicleRecord> {
    let mut out = Vec::new();
    for row in &table.rows {
        if let Some(v) = read_row(table, row, refs, ids, diags) {
            ids.accept(&v.id, out.len());
            out.push(v);
        }
    }
    out
}

fn read_row(
    table: &Table,
    row: &Row,
    refs: &VehicleRefs<'_>,
    ids: &mut IdIndex,
    diags: &mut Diagnostics,
) -> Option<VehicleRecord> {
    let mut ok = true;
    let id = ids.read(table, row, diags);
    let depot = table
        .text(row, "depot", diags)
        .and_then(|d| resolve(table, row, "depot", &d, refs.depots, "depot", diags));
    let end_depot = match table.cell(row, "end_depot") {
        "" => depot,
        e => resolve(table, row, "end_depot", e, refs.depots, "depot", diags),
    };
    let profile_name = table.cell(row, "profile");
    let profile = if profile_name.is_empty() {
        if refs.profiles.len() == 1 {
            Some(0)
        } else {
            diags.push(
                table
                    .error_at(row, "profile", "missing_value", "`profile` is empty".into())
                    .hint("name one of the [[profiles]] of the scenario TOML"),
            );
            None
        }
    } else {
        let p = refs.profiles.iter().position(|p| p == profile_name);
        if p.is_none() {
            diags.push(
                table
                    .error_at(
                        row,
                        "profile",
                        "unknown_id",
                        format!("no road profile has id `{profile_name}`"),
                    )
                    .hint(format!(
                        "define it under [[profiles]] in the scenario TOML, or use one of: {}",
                        refs.profiles.join(", ")
                    )),
            );
        }
        p
    };
    let count = table
        .integer(row, "count", limits::VEHICLE_COUNT, diags)
        .ok()
        .map(|c| c.unwrap_or(1));
    let cap_kg = table.required_number(row, "capacity_kg", limits::MASS_KG, diags);
    let cap_m3 = table.number(row, "capacity_m3", limits::VOLUME_M3, diags);
    let streams = match table.cell(row, "streams") {
        "" => Some(refs.streams.all()),
        c => match refs.streams.parse_set(c) {
            Ok(s) => Some(s),
            Err(e) => {
                diags.push(
                    table
                        .error_at(row, "streams", "unknown_stream", e)
                        .hint("name streams from [scenario] streams, `;`-separated"),
                );
                None
            }
        },
    };
    let facilities = match table.cell(row, "facilities") {
        "" => Some(None),
        c => {
            let list: Vec<Option<usize>> = split_list(c)
                .iter()
                .map(|f| {
                    resolve(
                        table,
                        row,
                        "facilities",
                        f,
                        refs.facilities,
                        "facility",
                        diags,
                    )
                })
                .collect();
            list.into_iter().collect::<Option<Vec<_>>>().map(Some)
        }
    };
    let shift = match table
        .text(row, "shift", diags)
        .map(|s| ClockWindow::parse(&s))
    {
        Some(Ok(w)) => Some(refs.anchor.unfold(w)),
        Some(Err(e)) => {
            diags.push(
                table
                    .error_at(row, "shift", "bad_time", e)
                    .hint("write the shift as HH:MM-HH:MM, for example 23:00-06:30"),
            );
            None
        }
        None => None,
    };
    let max_shift_h = table.number(row, "max_shift_h", limits::SHIFT_HOURS, diags);
    let break_min = table.number(row, "break_min", limits::TASK_MINUTES, diags);
    let break_rule = match (break_min, table.cell(row, "break_window"), shift) {
        (Ok(None | Some(0.0)), "", _) => Some(None),
        (Ok(Some(m)), "", _) if m > 0.0 => {
            diags.push(
                table
                    .error_at(
                        row,
                        "break_window",
                        "missing_value",
                        "a break needs the window in which it must start".into(),
                    )
                    .hint("write it as HH:MM-HH:MM inside the shift, for example 02:00-03:30"),
            );
            None
        }
        (Ok(m), w, Some(shift)) => match ClockWindow::parse(w) {
            Ok(w) => {
                let window = place_inside(refs.anchor, w, shift);
                Some(Some(BreakRule {
                    duration: units::minutes(m.unwrap_or(0.0)),
                    window,
                }))
            }
            Err(e) => {
                diags.push(
                    table
                        .error_at(row, "break_window", "bad_time", e)
                        .hint("write HH:MM-HH:MM, for example 02:00-03:30"),
                );
                None
            }
        },
        _ => None,
    };
    let mut money = |c: &str, range| table.number(row, c, range, diags).map(|x| x.unwrap_or(0.0));
    let fixed_cost = money("fixed_cost", limits::MONEY);
    let cost_per_km = money("cost_per_km", limits::MONEY);
    let cost_per_hour = money("cost_per_hour", limits::MONEY);
    let co2 = money("co2_kg_per_km", limits::CO2_KG_PER_KM);
    let max_stops = table.integer(row, "max_stops", limits::STOPS, diags);
    let max_total_kg = table.number(row, "max_total_kg", limits::DAILY_KG, diags);
    let max_total_m3 = table.number(row, "max_total_m3", limits::DAILY_M3, diags);
    let max_km = table.number(row, "max_km", limits::DAILY_KM, diags);

    let (Some(id), Some(depot), Some(end_depot), Some(profile), Some(count), Some(cap_kg)) =
        (id, depot, end_depot, profile, count, cap_kg)
    else {
        return None;
    };
    let (Some(streams), Some(facilities), Some(shift), Some(break_rule)) =
        (streams, facilities, shift, break_rule)
    else {
        return None;
    };
    let (Ok(cap_m3), Ok(max_shift_h), Ok(fixed_cost), Ok(cost_per_km), Ok(cost_per_hour)) =
        (cap_m3, max_shift_h, fixed_cost, cost_per_km, cost_per_hour)
    else {
        return None;
    };
    let (Ok(co2), Ok(max_stops), Ok(max_total_kg), Ok(max_total_m3), Ok(max_km)) =
        (co2, max_stops, max_total_kg, max_total_m3, max_km)
    else {
        return None;
    };
    if let Some(b) = &break_rule
        && (b.window.start < shift.start || b.window.start > shift.end)
    {
        ok = false;
        diags.push(
            table
                .error_at(
                    row,
                    "break_window",
                    "break_outside_shift",
                    "the break window does not start inside the shift".into(),
                )
                .hint("move the break window inside the shift"),
        );
    }
    let shift_len = shift.end - shift.start;
    let max_duration = max_shift_h.map_or(shift_len, |h| units::hours(h).min(shift_len));
    if count > u64::from(u32::MAX) {
        ok = false;
    }
    if !ok {
        return None;
    }
    let mut capacity = Loads::ZERO;
    capacity.0[units::DIM_KG] = units::kg(cap_kg);
    capacity.0[units::DIM_LITRES] = cap_m3.map_or(Load::INFINITE, units::m3_to_litres);
    capacity.0[2] = Load::INFINITE;
    let mut max_total_load = Loads::INFINITE;
    if let Some(t) = max_total_kg {
        max_total_load.0[units::DIM_KG] = units::kg(t);
    }
    if let Some(m) = max_total_m3 {
        max_total_load.0[units::DIM_LITRES] = units::m3_to_litres(m);
    }
    let name = non_empty_or(table.cell(row, "name"), &id);
    Some(VehicleRecord {
        id,
        name,
        depot,
        end_depot,
        count: count as u32,
        profile,
        capacity,
        streams,
        facilities,
        shift,
        max_duration,
        break_rule,
        fixed_cost,
        cost_per_km,
        cost_per_hour,
        co2_kg_per_km: co2,
        max_stops: max_stops.map(|m| m as u32),
        max_total_load,
        max_distance_m: max_km.map(|k| (k * 1000.0).round() as i64),
        line: row.line,
    })
}

/// Places a window (a break) in the occurrence that starts inside `shift` when there is
/// one, else where the day anchor puts it (validation then reports it).
fn place_inside(anchor: DayAnchor, w: ClockWindow, shift: TimeWindow) -> TimeWindow {
    let base = anchor.unfold(w);
    for day in [-1i64, 0, 1] {
        let shifted = TimeWindow::new(
            base.start + Duration(day * 86_400),
            base.end + Duration(day * 86_400),
        );
        if shifted.start >= shift.start && shifted.start <= shift.end {
            return shifted;
        }
    }
    base
}
