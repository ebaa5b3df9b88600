//! `depots.csv`: where vehicles start and end.

use super::ids::IdIndex;
use super::location::{Place, read_place};
use super::table::Table;
use super::time_of_day::{ClockWindow, DayAnchor};
use crate::diagnostic::Diagnostics;
use crate::problem::TimeWindow;

/// Columns of `depots.csv`.
pub const COLUMNS: &[&str] = &["id", "name", "lat", "lon", "node_id", "hours"];

/// A depot as read.
#[derive(Clone, Debug, PartialEq)]
pub struct DepotRecord {
    /// User id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Location.
    pub place: Place,
    /// Opening hours tonight on the plan's time line (the whole horizon when the
    /// `hours` cell is empty).
    pub window: TimeWindow,
    /// Line in the file.
    pub line: u64,
}

/// Reads every depot; bad rows are reported and skipped.
pub fn read(
    table: &Table,
    anchor: DayAnchor,
    ids: &mut IdIndex,
    diags: &mut Diagnostics,
) -> Vec<DepotRecord> {
    let mut out = Vec::new();
    for row in &table.rows {
        let id = ids.read(table, row, diags);
        let place = read_place(table, row, diags);
        let hours = match ClockWindow::parse_list(table.cell(row, "hours")) {
            Ok(ws) if ws.len() <= 1 => Some(match ws.first() {
                Some(w) => anchor.unfold(*w),
                None => TimeWindow::new(anchor.horizon_start(), anchor.horizon_end()),
            }),
            Ok(_) => {
                diags.push(
                    table
                        .error_at(
                            row,
                            "hours",
                            "bad_time",
                            "a depot is open in one stretch over the night".into(),
                        )
                        .hint("give one window, for example 21:00-08:00, or leave empty"),
                );
                None
            }
            Err(e) => {
                diags.push(
                    table
                        .error_at(row, "hours", "bad_time", e)
                        .hint("write HH:MM-HH:MM, or leave empty for always open"),
                );
                None
            }
        };
        let (Some(id), Some(place), Some(hours)) = (id, place, hours) else {
            continue;
        };
        let name = non_empty_or(table.cell(row, "name"), &id);
        ids.accept(&id, out.len());
        out.push(DepotRecord {
            id,
            name,
            place,
            window: hours,
            line: row.line,
        });
    }
    out
}

/// `cell`, or `fallback` when the cell is empty.
pub fn non_empty_or(cell: &str, fallback: &str) -> String {
    if cell.is_empty() {
        fallback.to_string()
    } else {
        cell.to_string()
    }
}
