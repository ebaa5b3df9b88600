//! `facilities.csv`: where trucks unload (transfer stations, landfills, incinerators,
//! composting and recycling plants).

use super::depots::non_empty_or;
use super::ids::IdIndex;
use super::limits;
use super::location::{Place, read_place};
use super::streams::Streams;
use super::table::Table;
use super::time_of_day::{ClockWindow, DayAnchor};
use super::units;
use crate::diagnostic::Diagnostics;
use crate::problem::{Loads, StreamSet, TimeWindow};
use crate::units::Duration;
use serde::{Deserialize, Serialize};

/// Columns of `facilities.csv`.
pub const COLUMNS: &[&str] = &[
    "id",
    "name",
    "kind",
    "lat",
    "lon",
    "node_id",
    "hours",
    "unload_min",
    "streams",
    "daily_limit_t",
    "daily_limit_m3",
];

/// What a facility does with the waste.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FacilityKind {
    /// Waste is moved on to a treatment site.
    TransferStation,
    /// Sanitary landfill.
    Landfill,
    /// Incinerator, waste-to-energy plant.
    Incinerator,
    /// Composting of food and garden waste.
    Composting,
    /// Sorting and recycling.
    Recycling,
}

impl FacilityKind {
    /// The snake_case name used in the CSV.
    pub fn name(self) -> &'static str {
        match self {
            Self::TransferStation => "transfer_station",
            Self::Landfill => "landfill",
            Self::Incinerator => "incinerator",
            Self::Composting => "composting",
            Self::Recycling => "recycling",
        }
    }

    /// Parses the CSV name.
    pub fn parse(s: &str) -> Option<FacilityKind> {
        [
            Self::TransferStation,
            Self::Landfill,
            Self::Incinerator,
            Self::Composting,
            Self::Recycling,
        ]
        .into_iter()
        .find(|k| k.name() == s)
    }
}

/// A facility as read.
#[derive(Clone, Debug, PartialEq)]
pub struct FacilityRecord {
    /// User id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: FacilityKind,
    /// Location.
    pub place: Place,
    /// Opening hours (daily), laid out over the plan's horizon.
    pub windows: Vec<TimeWindow>,
    /// The opening hours as written, for output.
    pub hours_text: String,
    /// Time to unload one truck.
    pub unload_time: Duration,
    /// Accepted streams.
    pub accepts: StreamSet,
    /// Daily intake limit (kg, litres); `None` = unlimited.
    pub daily_limit: Option<Loads>,
    /// Line in the file.
    pub line: u64,
}

/// Reads every facility; bad rows are reported and skipped.
pub fn read(
    table: &Table,
    anchor: DayAnchor,
    streams: &Streams,
    ids: &mut IdIndex,
    diags: &mut Diagnostics,
) -> Vec<FacilityRecord> {
    let mut out = Vec::new();
    for row in &table.rows {
        let id = ids.read(table, row, diags);
        let place = read_place(table, row, diags);
        let kind_text = table.cell(row, "kind");
        let kind = match FacilityKind::parse(kind_text) {
            Some(k) => Some(k),
            None => {
                diags.push(
                    table
                        .error_at(
                            row,
                            "kind",
                            "bad_kind",
                            format!("unknown kind `{kind_text}`"),
                        )
                        .hint(
                            "use transfer_station, landfill, incinerator, composting or recycling",
                        ),
                );
                None
            }
        };
        let hours_text = table.cell(row, "hours").to_string();
        let windows = match ClockWindow::parse_list(&hours_text) {
            Ok(ws) => Some(anchor.recurring(&ws)),
            Err(e) => {
                diags.push(
                    table
                        .error_at(row, "hours", "bad_time", e)
                        .hint("write HH:MM-HH:MM;HH:MM-HH:MM, or leave empty for always open"),
                );
                None
            }
        };
        let unload = table.number(row, "unload_min", limits::TASK_MINUTES, diags);
        let accepts = match table
            .text(row, "streams", diags)
            .map(|c| streams.parse_set(&c))
        {
            Some(Ok(s)) => Some(s),
            Some(Err(e)) => {
                diags.push(
                    table
                        .error_at(row, "streams", "unknown_stream", e)
                        .hint("name streams from [scenario] streams, `;`-separated"),
                );
                None
            }
            None => None,
        };
        let limit_t = table.number(row, "daily_limit_t", limits::DAILY_TONNES, diags);
        let limit_m3 = table.number(row, "daily_limit_m3", limits::DAILY_M3, diags);
        let (Some(id), Some(place), Some(kind), Some(windows), Ok(unload), Some(accepts)) =
            (id, place, kind, windows, unload, accepts)
        else {
            continue;
        };
        let (Ok(limit_t), Ok(limit_m3)) = (limit_t, limit_m3) else {
            continue;
        };
        let daily_limit = (limit_t.is_some() || limit_m3.is_some()).then(|| {
            let mut l = Loads::INFINITE;
            if let Some(t) = limit_t {
                l.0[units::DIM_KG] = units::tonnes_to_kg(t);
            }
            if let Some(m) = limit_m3 {
                l.0[units::DIM_LITRES] = units::m3_to_litres(m);
            }
            l
        });
        let name = non_empty_or(table.cell(row, "name"), &id);
        ids.accept(&id, out.len());
        out.push(FacilityRecord {
            id,
            name,
            kind,
            place,
            windows,
            hours_text,
            unload_time: units::minutes(unload.unwrap_or(0.0)),
            accepts,
            daily_limit,
            line: row.line,
        });
    }
    out
}
