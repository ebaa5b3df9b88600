//! `sites.csv`: the gathering points to empty tonight.
//!
//! Demand is given either as one stream per row (`stream`, `demand_kg`, `demand_m3`) or
//! per stream in columns named after the streams (`food_kg`, `food_m3`, `other_kg`, …).
//! A site with several streams becomes one job per stream in the problem: each stream is
//! collected by its own trip.

use super::depots::non_empty_or;
use super::ids::IdIndex;
use super::limits;
use super::location::{Place, read_place};
use super::site_monitoring::SiteMonitoring;
use super::streams::Streams;
use super::table::{Row, Table, split_list};
use super::time_of_day::{ClockWindow, DayAnchor};
use super::units;
use crate::diagnostic::Diagnostics;
use crate::problem::{Loads, StreamIdx, TimeWindow};
use crate::units::Duration;

/// Columns of `sites.csv` (`*_kg` and `*_m3` stand for per-stream columns).
pub const COLUMNS: &[&str] = &[
    "id",
    "name",
    "lat",
    "lon",
    "node_id",
    "stream",
    "demand_kg",
    "demand_m3",
    "*_kg",
    "*_m3",
    "service_min",
    "windows",
    "vehicles",
];

/// Every column `sites.csv` may have: [`COLUMNS`] and the monitoring columns of
/// [`super::site_monitoring::COLUMNS`].
pub fn all_columns() -> Vec<&'static str> {
    COLUMNS
        .iter()
        .chain(super::site_monitoring::COLUMNS)
        .copied()
        .collect()
}

/// A site as read.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteRecord {
    /// User id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Location.
    pub place: Place,
    /// Demand per stream (kg, litres), in stream order. Never empty once the scenario is
    /// loaded; while reading, a monitored site may have none (its forecast gives them,
    /// [`crate::scenario::tonight`]).
    pub demands: Vec<(StreamIdx, Loads)>,
    /// Monitoring data (frequency, containers, last emptying), when the row has a
    /// container volume.
    pub monitoring: Option<SiteMonitoring>,
    /// How often the site is served (the `frequency` cell; `daily` when empty or absent).
    /// Read for every row, monitored or not: a week plan (`plan-week`) needs it even for
    /// a site without a container volume.
    pub frequency: crate::monitoring::Frequency,
    /// Streams that are optional tonight, each with the share of a visit's value its
    /// collection is worth (its prize scale, from the forecast; [`crate::scenario::tonight`]).
    /// Empty: every stream must be collected.
    pub optional: Vec<(StreamIdx, f64)>,
    /// Time spent at the site (per stream collected).
    pub service_time: Duration,
    /// Windows on the plan's time line; empty = any time.
    pub windows: Vec<TimeWindow>,
    /// Vehicle types allowed (positions); `None` = all.
    pub vehicles: Option<Vec<usize>>,
    /// Line in the file.
    pub line: u64,
}

/// Reads every site; bad rows are reported and skipped.
pub fn read(
    table: &Table,
    anchor: DayAnchor,
    streams: &Streams,
    vehicles: &IdIndex,
    ids: &mut IdIndex,
    diags: &mut Diagnostics,
) -> Vec<SiteRecord> {
    let per_stream_columns = streams
        .names()
        .iter()
        .any(|s| table.has(&format!("{s}_kg")) || table.has(&format!("{s}_m3")));
    let monitored = super::site_monitoring::table_is_monitored(table, streams);
    if !table.has("stream") && !per_stream_columns && !monitored {
        diags.push(
            crate::diagnostic::Diagnostic::error(
                "missing_column",
                &table.path,
                "no demand columns: neither `stream` nor per-stream columns like `food_kg`",
            )
            .at_line(1)
            .hint("add `stream,demand_kg` or one `<stream>_kg` column per stream"),
        );
        return Vec::new();
    }
    let mut out = Vec::new();
    for row in &table.rows {
        if let Some(s) = read_row(table, row, anchor, streams, vehicles, ids, diags) {
            ids.accept(&s.id, out.len());
            out.push(s);
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn read_row(
    table: &Table,
    row: &Row,
    anchor: DayAnchor,
    streams: &Streams,
    vehicles: &IdIndex,
    ids: &mut IdIndex,
    diags: &mut Diagnostics,
) -> Option<SiteRecord> {
    let id = ids.read(table, row, diags).filter(|id| {
        // A site with demand in several streams becomes one stop per stream, `<id>/<stream>`
        // (`scenario::job_ids::job_id`); a `/` in the id itself could name another
        // site's stop.
        let ok = !id.contains('/');
        if !ok {
            diags.push(
                table
                    .error_at(
                        row,
                        "id",
                        "reserved_character",
                        format!("site id `{id}` contains `/`, which separates a site from its stream in stop ids"),
                    )
                    .hint("use another character, for example `-` or `_`"),
            );
        }
        ok
    });
    let place = read_place(table, row, diags);
    let row_stream = streams.find(table.cell(row, "stream"));
    let monitoring = super::site_monitoring::read_row(table, row, streams, row_stream, diags);
    let demands = read_demands(
        table,
        row,
        streams,
        monitoring.as_ref().is_ok_and(Option::is_some),
        diags,
    );
    let service = table.number(row, "service_min", limits::TASK_MINUTES, diags);
    let windows = match ClockWindow::parse_list(table.cell(row, "windows")) {
        Ok(ws) => match anchor.unfold_list(&ws) {
            Ok(placed) => Some(placed),
            Err((a, b)) => {
                diags.push(
                    table
                        .error_at(
                            row,
                            "windows",
                            "overlapping_windows",
                            format!("windows {a} and {b} overlap"),
                        )
                        .hint("merge them into one window"),
                );
                None
            }
        },
        Err(e) => {
            diags.push(
                table
                    .error_at(row, "windows", "bad_time", e)
                    .hint("write HH:MM-HH:MM;HH:MM-HH:MM, or leave empty for any time"),
            );
            None
        }
    };
    let allowed = match table.cell(row, "vehicles") {
        "" => Some(None),
        c => {
            let mut list = Vec::new();
            let mut ok = true;
            for v in split_list(c) {
                match vehicles.reference_problem(&v, "vehicle") {
                    None => list.extend(vehicles.get(&v)),
                    Some((code, message, hint)) => {
                        ok = false;
                        diags.push(table.error_at(row, "vehicles", code, message).hint(hint));
                    }
                }
            }
            list.sort_unstable();
            list.dedup();
            ok.then_some(Some(list))
        }
    };
    let (
        Some(id),
        Some(place),
        Some(demands),
        Ok(service),
        Some(windows),
        Some(vehicles),
        Ok(monitoring),
    ) = (id, place, demands, service, windows, allowed, monitoring)
    else {
        return None;
    };
    let name = non_empty_or(table.cell(row, "name"), &id);
    // A monitored row's cell was read (and reported) with its monitoring; an unmonitored
    // row's cell was read there too and was valid, or the row would be rejected.
    let frequency = match &monitoring {
        Some(m) => m.frequency,
        None => crate::monitoring::site_params::parse_frequency(table.cell(row, "frequency"))
            .unwrap_or(crate::monitoring::Frequency::Daily),
    };
    Some(SiteRecord {
        id,
        name,
        place,
        demands,
        service_time: units::minutes(service.unwrap_or(0.0)),
        windows,
        vehicles,
        monitoring,
        frequency,
        optional: Vec::new(),
        line: row.line,
    })
}

/// The demand cells of a row. A `monitored` row may leave them empty: its forecast gives
/// the demand of every stream it has a container for.
fn read_demands(
    table: &Table,
    row: &Row,
    streams: &Streams,
    monitored: bool,
    diags: &mut Diagnostics,
) -> Option<Vec<(StreamIdx, Loads)>> {
    let stream_cell = table.cell(row, "stream");
    if !stream_cell.is_empty() {
        let Some(s) = streams.find(stream_cell) else {
            diags.push(
                table
                    .error_at(
                        row,
                        "stream",
                        "unknown_stream",
                        format!("unknown stream `{stream_cell}`"),
                    )
                    .hint(format!(
                        "use one of {} or add it to [scenario] streams",
                        streams.names().join(", ")
                    )),
            );
            return None;
        };
        if monitored && table.cell(row, "demand_kg").is_empty() {
            return Some(Vec::new());
        }
        let kg = table.required_number(row, "demand_kg", limits::MASS_KG, diags);
        let m3 = table.number(row, "demand_m3", limits::VOLUME_M3, diags);
        let (Some(kg), Ok(m3)) = (kg, m3) else {
            return None;
        };
        return Some(vec![(s, loads(kg, m3.unwrap_or(0.0)))]);
    }
    let mut out = Vec::new();
    let mut ok = true;
    for (i, name) in streams.names().iter().enumerate() {
        let kg = table.number(row, &format!("{name}_kg"), limits::MASS_KG, diags);
        let m3 = table.number(row, &format!("{name}_m3"), limits::VOLUME_M3, diags);
        match (kg, m3) {
            (Ok(kg), Ok(m3)) => {
                let (kg, m3) = (kg.unwrap_or(0.0), m3.unwrap_or(0.0));
                if kg > 0.0 || m3 > 0.0 {
                    out.push((StreamIdx(i as u8), loads(kg, m3)));
                }
            }
            _ => ok = false,
        }
    }
    if !ok {
        return None;
    }
    if out.is_empty() && !monitored {
        diags.push(
            table
                .error_at(row, "stream", "no_demand", "the site has no demand in any stream".into())
                .hint("fill in `stream` and `demand_kg`, or a `<stream>_kg` column; remove the row if nothing is to be collected"),
        );
        return None;
    }
    Some(out)
}

/// A demand of `kg` and `m3` in the scenario's load dimensions.
pub(crate) fn loads(kg: f64, m3: f64) -> Loads {
    let mut l = Loads::ZERO;
    l.0[units::DIM_KG] = units::kg(kg);
    l.0[units::DIM_LITRES] = units::m3_to_litres(m3);
    l
}
