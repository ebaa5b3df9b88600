//! `readings.csv`: fill levels of containers as sensor platforms export them.
//!
//! One row per reading, `site_id,stream,time,fill_pct`, many rows per site and stream, in
//! any order. Real exports are noisy (compaction, a bag under the sensor), have gaps (a
//! flat battery, no network), and drop to near zero when a container is emptied; the
//! reader keeps all of that for the forecast ([`super::forecast`]) and only refuses what
//! cannot be a reading. Like every scenario table it reports every problem at once, each
//! with file, line and column:
//!
//! - errors: `unknown_id` (a site not in `sites.csv`), `unknown_stream`, `bad_time` (not an
//!   ISO 8601 time with offset), `bad_number`, `out_of_range` (fill outside 0–150 %),
//!   `missing_value`, and the CSV errors of [`Table`];
//! - warnings: `reading_after_start` (a reading after the plan's start; it is left out, a
//!   plan cannot know the future), `duplicate_reading` (same site, stream and instant; the
//!   first is kept), `sensor_silent` (a series whose last reading is more than
//!   [`ReadingsOptions::silent_after_h`] hours before the plan's start).

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::scenario::limits;
use crate::scenario::table::{Row, Table};
use chrono::{DateTime, Duration, FixedOffset};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::instant::{INSTANT_HINT, parse_instant};

/// Columns of `readings.csv`, all required.
pub const COLUMNS: &[&str] = &["site_id", "stream", "time", "fill_pct"];

/// Default of [`ReadingsOptions::silent_after_h`]: two days without a reading.
pub const DEFAULT_SILENT_AFTER_H: u32 = 48;

/// What the reader checks the readings against.
#[derive(Clone, Debug)]
pub struct ReadingsOptions {
    /// Site ids of `sites.csv`.
    pub sites: BTreeSet<String>,
    /// Stream names of the scenario.
    pub streams: BTreeSet<String>,
    /// The plan's start: later readings are warned about and left out.
    pub plan_start: DateTime<FixedOffset>,
    /// A series whose last reading is older than this many hours before `plan_start` gets a
    /// `sensor_silent` warning.
    pub silent_after_h: u32,
}

impl ReadingsOptions {
    /// Options with the default silence threshold ([`DEFAULT_SILENT_AFTER_H`]).
    pub fn new(
        sites: impl IntoIterator<Item = String>,
        streams: impl IntoIterator<Item = String>,
        plan_start: DateTime<FixedOffset>,
    ) -> ReadingsOptions {
        ReadingsOptions {
            sites: sites.into_iter().collect(),
            streams: streams.into_iter().collect(),
            plan_start,
            silent_after_h: DEFAULT_SILENT_AFTER_H,
        }
    }
}

/// One reading of one container.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    /// When the sensor measured, with the offset it was written with.
    pub time: DateTime<FixedOffset>,
    /// Fill level, percent of the container volume (0–150).
    pub fill_pct: f64,
    /// Line in `readings.csv`.
    pub line: u64,
}

/// The readings of one site and stream, oldest first.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Site id.
    pub site: String,
    /// Stream name.
    pub stream: String,
    /// Readings up to the plan's start, sorted by instant, without duplicates.
    pub samples: Vec<Sample>,
}

/// Every series of a `readings.csv`, by site then stream.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Readings {
    series: BTreeMap<(String, String), Series>,
}

impl Readings {
    /// The readings of `site` in `stream`, oldest first; `None` when there are none.
    pub fn series(&self, site: &str, stream: &str) -> Option<&Series> {
        self.series.get(&(site.to_string(), stream.to_string()))
    }

    /// Every series, by site then stream.
    pub fn iter(&self) -> impl Iterator<Item = &Series> {
        self.series.values()
    }

    /// Number of series.
    pub fn len(&self) -> usize {
        self.series.len()
    }

    /// True when no reading was kept.
    pub fn is_empty(&self) -> bool {
        self.series.is_empty()
    }

    /// Adds a reading of `site` in `stream`, for callers that make readings rather than
    /// read them (the simulation). Readings must come in time order per series.
    pub fn push(&mut self, site: &str, stream: &str, sample: Sample) {
        let key = (site.to_string(), stream.to_string());
        let series = self.series.entry(key).or_insert_with(|| Series {
            site: site.to_string(),
            stream: stream.to_string(),
            samples: Vec::new(),
        });
        debug_assert!(series.samples.last().is_none_or(|l| l.time <= sample.time));
        series.samples.push(sample);
    }

    /// Drops every reading before `from` (a simulation keeps a bounded history).
    pub fn forget_before(&mut self, from: DateTime<FixedOffset>) {
        for s in self.series.values_mut() {
            let keep = s.samples.partition_point(|x| x.time < from);
            s.samples.drain(..keep);
        }
    }
}

/// Reads `path`. Returns `None` (with the problems in `diags`) when the file cannot be
/// read as a table; otherwise the valid rows, with every problem of the others in `diags`.
pub fn read(path: &Path, options: &ReadingsOptions, diags: &mut Diagnostics) -> Option<Readings> {
    let table = Table::read(path, COLUMNS, COLUMNS, diags)?;
    Some(read_table(&table, options, diags))
}

/// As [`read`], on the bytes of a file already in memory (`path` names it in messages).
pub fn parse(
    path: &Path,
    bytes: &[u8],
    options: &ReadingsOptions,
    diags: &mut Diagnostics,
) -> Option<Readings> {
    let table = Table::from_bytes(path, bytes, COLUMNS, COLUMNS, diags)?;
    Some(read_table(&table, options, diags))
}

/// Reads every row of a table with the [`COLUMNS`].
pub fn read_table(table: &Table, options: &ReadingsOptions, diags: &mut Diagnostics) -> Readings {
    let mut series: BTreeMap<(String, String), Series> = BTreeMap::new();
    for row in &table.rows {
        let Some((site, stream, sample)) = read_row(table, row, options, diags) else {
            continue;
        };
        if sample.time > options.plan_start {
            diags.push(
                table
                    .warning_at(
                        row,
                        "time",
                        "reading_after_start",
                        format!(
                            "reading at {} is after the plan's start {}; it is left out",
                            sample.time.to_rfc3339(),
                            options.plan_start.to_rfc3339()
                        ),
                    )
                    .hint("check the sensor's clock and the offset of its times"),
            );
            continue;
        }
        series
            .entry((site.clone(), stream.clone()))
            .or_insert_with(|| Series {
                site,
                stream,
                samples: Vec::new(),
            })
            .samples
            .push(sample);
    }
    for s in series.values_mut() {
        // Stable: of two readings at one instant the earlier line comes first and is kept.
        s.samples.sort_by_key(|x| (x.time, x.line));
        let mut kept: Vec<Sample> = Vec::with_capacity(s.samples.len());
        for x in &s.samples {
            match kept.last() {
                Some(prev) if prev.time == x.time => diags.push(
                    Diagnostic::warning(
                        "duplicate_reading",
                        &table.path,
                        format!(
                            "site `{}` stream `{}` has a reading at {} already on line {}; \
                             this one ({} %) is left out",
                            s.site,
                            s.stream,
                            x.time.to_rfc3339(),
                            prev.line,
                            x.fill_pct
                        ),
                    )
                    .at_line(x.line)
                    .in_column("time")
                    .hint("remove one of the two rows"),
                ),
                _ => kept.push(*x),
            }
        }
        s.samples = kept;
        warn_if_silent(table, s, options, diags);
    }
    Readings { series }
}

fn warn_if_silent(table: &Table, s: &Series, options: &ReadingsOptions, diags: &mut Diagnostics) {
    let Some(last) = s.samples.last() else {
        return;
    };
    let limit = Duration::hours(i64::from(options.silent_after_h));
    let silence = options.plan_start - last.time;
    if silence > limit {
        diags.push(
            Diagnostic::warning(
                "sensor_silent",
                &table.path,
                format!(
                    "site `{}` stream `{}`: no reading in the {} hours before the plan's \
                     start; the last one is {} ({} h before)",
                    s.site,
                    s.stream,
                    options.silent_after_h,
                    last.time.to_rfc3339(),
                    silence.num_hours()
                ),
            )
            .at_line(last.line)
            .in_column("time")
            .hint("check the sensor (battery, network); its forecast rests on old readings"),
        );
    }
}

fn read_row(
    table: &Table,
    row: &Row,
    options: &ReadingsOptions,
    diags: &mut Diagnostics,
) -> Option<(String, String, Sample)> {
    let site = table.text(row, "site_id", diags).filter(|id| {
        let known = options.sites.contains(id);
        if !known {
            diags.push(
                table
                    .error_at(row, "site_id", "unknown_id", format!("unknown site `{id}`"))
                    .hint("use an `id` of sites.csv, or add the site there"),
            );
        }
        known
    });
    let stream = table.text(row, "stream", diags).filter(|s| {
        let known = options.streams.contains(s);
        if !known {
            let names: Vec<&str> = options.streams.iter().map(String::as_str).collect();
            diags.push(
                table
                    .error_at(
                        row,
                        "stream",
                        "unknown_stream",
                        format!("unknown stream `{s}`"),
                    )
                    .hint(format!(
                        "use one of {} or add it to [scenario] streams",
                        names.join(", ")
                    )),
            );
        }
        known
    });
    let time = table
        .text(row, "time", diags)
        .and_then(|t| match parse_instant(&t) {
            Ok(d) => Some(d),
            Err(e) => {
                diags.push(
                    table
                        .error_at(row, "time", "bad_time", e)
                        .hint(INSTANT_HINT),
                );
                None
            }
        });
    let fill = table.required_number(row, "fill_pct", limits::FILL_PCT, diags);
    let (Some(site), Some(stream), Some(time), Some(fill_pct)) = (site, stream, time, fill) else {
        return None;
    };
    Some((
        site,
        stream,
        Sample {
            time,
            fill_pct,
            line: row.line,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> ReadingsOptions {
        ReadingsOptions::new(
            ["P1".to_string(), "P2".to_string()],
            ["food".to_string(), "other".to_string()],
            parse_instant("2026-03-02T23:00:00+07:00").unwrap(),
        )
    }

    fn run(text: &str) -> (Option<Readings>, Diagnostics) {
        let mut d = Diagnostics::new();
        let r = parse(
            Path::new("readings.csv"),
            text.as_bytes(),
            &options(),
            &mut d,
        );
        (r, d)
    }

    #[test]
    fn reads_sorts_and_keeps_valid_rows() {
        let (r, d) = run("site_id,stream,time,fill_pct\n\
             P1,food,2026-03-02T20:00:00+07:00,40\n\
             P1,food,2026-03-02 10:00:00+07:00,20.5\n\
             P2,other,2026-03-02T12:00:00Z,3\n");
        assert!(d.is_empty(), "{d}");
        let r = r.unwrap();
        let s = r.series("P1", "food").unwrap();
        assert_eq!(s.samples.len(), 2);
        assert_eq!(s.samples[0].fill_pct, 20.5);
        assert_eq!(s.samples[0].line, 3);
        assert_eq!(r.len(), 2);
        assert!(r.series("P2", "food").is_none());
    }

    #[test]
    fn reports_every_error_with_line_and_column() {
        let (_, d) = run("site_id,stream,time,fill_pct\n\
             P9,food,2026-03-02T20:00:00+07:00,40\n\
             P1,glass,2026-03-02T20:00:00+07:00,40\n\
             P1,food,2026-03-02 20:00,40\n\
             P1,food,2026-03-02T20:00:00+07:00,151\n\
             P1,food,2026-03-02T21:00:00+07:00,abc\n\
             P1,food,2026-03-02T21:00:00+07:00,-1\n");
        let codes: Vec<(&str, Option<u64>, Option<&str>)> = d
            .items()
            .iter()
            .map(|x| (x.code, x.line, x.column.as_deref()))
            .collect();
        assert_eq!(
            codes,
            vec![
                ("unknown_id", Some(2), Some("site_id")),
                ("unknown_stream", Some(3), Some("stream")),
                ("bad_time", Some(4), Some("time")),
                ("out_of_range", Some(5), Some("fill_pct")),
                ("bad_number", Some(6), Some("fill_pct")),
                ("out_of_range", Some(7), Some("fill_pct")),
            ]
        );
        assert_eq!(d.error_count(), 6);
    }

    #[test]
    fn warns_about_future_duplicate_and_silent_readings() {
        let (r, d) = run("site_id,stream,time,fill_pct\n\
             P1,food,2026-03-02T20:00:00+07:00,40\n\
             P1,food,2026-03-02T13:00:00Z,41\n\
             P1,food,2026-03-03T01:00:00+07:00,60\n\
             P2,food,2026-02-27T20:00:00+07:00,10\n");
        assert!(!d.has_errors(), "{d}");
        let codes: Vec<(&str, Option<u64>)> = d.items().iter().map(|x| (x.code, x.line)).collect();
        assert_eq!(
            codes,
            vec![
                ("reading_after_start", Some(4)),
                ("duplicate_reading", Some(3)),
                ("sensor_silent", Some(5)),
            ]
        );
        let r = r.unwrap();
        assert_eq!(r.series("P1", "food").unwrap().samples.len(), 1);
        assert_eq!(r.series("P2", "food").unwrap().samples.len(), 1);
    }

    #[test]
    fn a_missing_column_refuses_the_table() {
        let (r, d) = run("site_id,time,fill_pct\nP1,2026-03-02T20:00:00+07:00,40\n");
        assert!(r.is_none());
        assert_eq!(d.items()[0].code, "missing_column");
    }
}
