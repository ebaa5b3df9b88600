//! The monitoring columns of `sites.csv`: how often a site is served, its containers, when
//! it was last emptied and how fast it fills without a sensor.
//!
//! All of them are optional. A row with a container volume for at least one stream is a
//! *monitored* site: tonight's decision (must, optional, skip) and the demand it brings
//! come from its forecast ([`crate::scenario::tonight`]). A row without one plans as before: every
//! stream with demand must be collected tonight. The cells are parsed by
//! [`crate::monitoring::site_params`]; this file places their messages at file, line and
//! column.
//!
//! | column | meaning |
//! |---|---|
//! | `frequency` | `daily`, `N/week`, `mon;wed;fri`, `every N days`, `on demand`; empty = `daily` |
//! | `container_m3` | volume of the container of the row's `stream` |
//! | `<stream>_container_m3` | volume of the site's container of that stream |
//! | `overflow_pct` | fill (percent of the volume) at which a container overflows; default 100 |
//! | `last_emptied` | ISO 8601 time with offset of the last emptying |
//! | `max_days` | most nights between two emptyings (hygiene), 1–60 |
//! | `kg_per_day`, `m3_per_day` | static fill estimate of the row's `stream` |
//! | `<stream>_kg_per_day`, `<stream>_m3_per_day` | static fill estimate of that stream |

use super::limits;
use super::streams::Streams;
use super::table::{Reported, Row, Table};
use crate::diagnostic::Diagnostics;
use crate::monitoring::site_params::{
    parse_container_m3, parse_fill_per_day, parse_frequency, parse_last_emptied, parse_overflow_pct,
};
use crate::monitoring::{Frequency, StaticEstimate};
use crate::problem::StreamIdx;
use chrono::{DateTime, FixedOffset};

/// Columns this file reads (`*_…` stand for per-stream columns).
pub const COLUMNS: &[&str] = &[
    "frequency",
    "container_m3",
    "*_container_m3",
    "overflow_pct",
    "last_emptied",
    "max_days",
    "kg_per_day",
    "m3_per_day",
    "*_kg_per_day",
    "*_m3_per_day",
];

/// The monitoring data of one site.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteMonitoring {
    /// How often the site is served.
    pub frequency: Frequency,
    /// Fill (percent of the volume) at which its containers overflow.
    pub overflow_pct: f64,
    /// The last emptying, when known.
    pub last_emptied: Option<DateTime<FixedOffset>>,
    /// Most nights between two emptyings, when limited.
    pub max_days: Option<u32>,
    /// One container per stream, in stream order; never empty.
    pub containers: Vec<StreamContainer>,
}

/// A site's container of one stream.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StreamContainer {
    /// The stream.
    pub stream: StreamIdx,
    /// Volume, m³.
    pub volume_m3: f64,
    /// How fast it fills without a sensor, when estimated.
    pub estimate: Option<StaticEstimate>,
}

/// True when the table has a column that makes a site monitored.
pub fn table_is_monitored(table: &Table, streams: &Streams) -> bool {
    table.has("container_m3")
        || streams
            .names()
            .iter()
            .any(|s| table.has(&format!("{s}_container_m3")))
}

/// Reads the monitoring cells of one row. `Ok(None)`: the row has no container (it plans
/// as an unmonitored site); `Err(Reported)`: a problem was pushed to `diags`.
/// `row_stream` is the stream of the row's `stream` cell, if any.
pub fn read_row(
    table: &Table,
    row: &Row,
    streams: &Streams,
    row_stream: Option<StreamIdx>,
    diags: &mut Diagnostics,
) -> Result<Option<SiteMonitoring>, Reported> {
    let mut ok = true;
    let frequency = report(
        table,
        row,
        "frequency",
        diags,
        &mut ok,
        parse_frequency(table.cell(row, "frequency")),
    );
    let overflow = report(
        table,
        row,
        "overflow_pct",
        diags,
        &mut ok,
        parse_overflow_pct(table.cell(row, "overflow_pct")),
    );
    let last = report(
        table,
        row,
        "last_emptied",
        diags,
        &mut ok,
        parse_last_emptied(table.cell(row, "last_emptied")),
    );
    let mut containers = Vec::new();
    for (i, name) in streams.names().iter().enumerate() {
        let s = StreamIdx(i as u8);
        let own = row_stream == Some(s);
        let columns = [
            format!("{name}_container_m3"),
            format!("{name}_kg_per_day"),
            format!("{name}_m3_per_day"),
        ];
        let pick = |per_stream: &str, row_column: &'static str| -> (String, String) {
            let v = table.cell(row, per_stream);
            if v.is_empty() && own {
                (
                    row_column.to_string(),
                    table.cell(row, row_column).to_string(),
                )
            } else {
                (per_stream.to_string(), v.to_string())
            }
        };
        let (vol_col, vol) = pick(&columns[0], "container_m3");
        let (kg_col, kg) = pick(&columns[1], "kg_per_day");
        let (m3_col, m3) = pick(&columns[2], "m3_per_day");
        let volume = report(
            table,
            row,
            &vol_col,
            diags,
            &mut ok,
            parse_container_m3(&vol),
        );
        let estimate = match parse_fill_per_day(&kg, &m3) {
            Ok(e) => Some(e),
            Err(e) => {
                let column = if e.starts_with("kg") { kg_col } else { m3_col };
                report::<()>(table, row, &column, diags, &mut ok, Err(e));
                None
            }
        };
        match (volume, estimate) {
            (Some(Some(volume_m3)), Some(estimate)) => containers.push(StreamContainer {
                stream: s,
                volume_m3,
                estimate,
            }),
            (Some(None), Some(Some(_))) => {
                ok = false;
                diags.push(
                    table
                        .error_at(
                            row,
                            &vol_col,
                            "missing_value",
                            format!("a fill estimate for `{name}` needs its container volume"),
                        )
                        .hint(format!("fill in `{vol_col}` in m³")),
                );
            }
            _ => {}
        }
    }
    let max_days = match table.integer(row, "max_days", limits::MAX_DAYS, diags) {
        Ok(v) => v.map(|d| d as u32),
        Err(_) => {
            ok = false;
            None
        }
    };
    if !ok {
        return Err(Reported);
    }
    if containers.is_empty() {
        return Ok(None);
    }
    Ok(Some(SiteMonitoring {
        frequency: frequency.unwrap_or(Frequency::Daily),
        overflow_pct: overflow.unwrap_or(crate::monitoring::site_params::DEFAULT_OVERFLOW_PCT),
        last_emptied: last.flatten(),
        max_days,
        containers,
    }))
}

/// The value of a parsed cell, or `None` with its message pushed at the cell.
fn report<T>(
    table: &Table,
    row: &Row,
    column: &str,
    diags: &mut Diagnostics,
    ok: &mut bool,
    parsed: Result<T, String>,
) -> Option<T> {
    match parsed {
        Ok(v) => Some(v),
        Err(e) => {
            *ok = false;
            diags.push(
                table
                    .error_at(row, column, "bad_value", e)
                    .hint("see the monitoring columns in data/README.md"),
            );
            None
        }
    }
}
