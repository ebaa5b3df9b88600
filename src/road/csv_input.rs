//! Reading `nodes.csv` and `edges.csv` into plain rows, collecting every problem.
//!
//! The format is that of `../shared/data/roads/README.md`:
//!
//! - `nodes.csv`: `node_id,lat,lon` (OSM ids, 64-bit, not dense; WGS84 degrees);
//! - `edges.csv`: `from,to,length_m,highway,oneway,maxspeed_kmh,name`, one row per
//!   **directed** arc, plus the optional columns `max_width_m`, `max_weight_t`,
//!   `max_height_m` and `access`. Optional cells may be empty.
//!
//! Columns are found by header name, in any order; unknown columns are ignored. Records are
//! read into one reused [`csv::ByteRecord`] and checked for UTF-8 once per record, which
//! keeps a 500,000-arc file well under a second.

use super::diagnostics::{Diagnostic, Diagnostics, RoadError};
use super::profile::{Access, ArcRestrictions};
use csv::ByteRecord;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// One row of `nodes.csv`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct NodeRow {
    pub id: i64,
    pub lat: f64,
    pub lon: f64,
    pub line: u64,
}

/// One row of `edges.csv`; strings are interned in [`EdgeStrings`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct EdgeRow {
    pub from: i64,
    pub to: i64,
    pub length_m: f64,
    pub highway: u32,
    pub oneway: bool,
    pub maxspeed_kmh: Option<f64>,
    pub name: u32,
    pub restrictions: ArcRestrictions,
    pub line: u64,
}

/// Distinct strings, numbered in order of first appearance.
#[derive(Clone, Debug, Default)]
pub(crate) struct Interner {
    index: HashMap<Box<str>, u32>,
    strings: Vec<String>,
}

impl Interner {
    pub fn intern(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.strings.len() as u32;
        self.index.insert(s.into(), i);
        self.strings.push(s.to_owned());
        i
    }

    pub fn into_strings(self) -> Vec<String> {
        self.strings
    }
}

/// The interned strings of `edges.csv`.
#[derive(Debug, Default)]
pub(crate) struct EdgeStrings {
    pub highways: Interner,
    pub names: Interner,
}

/// Header of `nodes.csv`.
pub const NODES_HEADER: [&str; 3] = ["node_id", "lat", "lon"];
/// Header of `edges.csv`: the seven columns every shared network has, then the optional
/// vehicle restrictions (see `data/README.md`).
pub const EDGES_HEADER: [&str; 11] = [
    "from",
    "to",
    "length_m",
    "highway",
    "oneway",
    "maxspeed_kmh",
    "name",
    "max_width_m",
    "max_weight_t",
    "max_height_m",
    "access",
];

/// Longest arc accepted, metres (1,000 km): one arc joins two neighbouring road nodes.
pub const MAX_LENGTH_M: f64 = 1_000_000.0;
/// Speed limits accepted (`maxspeed_kmh` and speed tables), km/h.
pub const SPEED_KMH: (f64, f64) = (1.0, 300.0);
/// Width limits accepted (`max_width_m`), metres.
pub const WIDTH_M: (f64, f64) = (0.1, 50.0);
/// Weight limits accepted (`max_weight_t`), tonnes.
pub const WEIGHT_T: (f64, f64) = (0.1, 1000.0);
/// Height limits accepted (`max_height_m`), metres.
pub const HEIGHT_M: (f64, f64) = (0.1, 50.0);

/// True when `v` lies in the closed range.
pub fn within(v: f64, (low, high): (f64, f64)) -> bool {
    v >= low && v <= high
}

const NODE_COLUMNS: &[&str] = &NODES_HEADER;
const EDGE_COLUMNS: &[&str] = EDGES_HEADER.split_at(7).0;
const OPTIONAL_EDGE_COLUMNS: &[&str] = EDGES_HEADER.split_at(7).1;

/// An opened CSV file with its columns located; `None` when the header is unusable (the
/// problems are already recorded).
struct Table {
    reader: csv::Reader<std::fs::File>,
    /// Column index per required column, in the order asked for.
    required: Vec<usize>,
    /// Column index per optional column, when present.
    optional: Vec<Option<usize>>,
    width: usize,
}

fn open_table(
    path: &Path,
    required: &[&str],
    optional: &[&str],
    errors: &mut Diagnostics,
) -> Result<Option<Table>, RoadError> {
    let io = |source| RoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    if file.metadata().map_err(io)?.len() == 0 {
        errors.push(
            Diagnostic::error("bad_csv", path, "the file is empty").hint(format!(
                "expected a header line `{}` and rows",
                required.join(",")
            )),
        );
        return Ok(None);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(file);
    let header = reader.byte_headers().map_err(|e| csv_io(path, e))?.clone();
    let mut names = Vec::with_capacity(header.len());
    for (i, raw) in header.iter().enumerate() {
        // A UTF-8 byte-order mark is not part of the first column's name.
        let raw = if i == 0 {
            raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw)
        } else {
            raw
        };
        match std::str::from_utf8(raw) {
            Ok(s) => names.push(s.trim().to_owned()),
            Err(_) => {
                errors.push(
                    Diagnostic::error(
                        "bad_csv",
                        path,
                        format!("header field {} is not valid UTF-8", i + 1),
                    )
                    .at_line(1)
                    .hint("save the file as UTF-8"),
                );
                names.push(String::new());
            }
        }
    }
    let find = |c: &str| names.iter().position(|n| n == c);
    let mut req = Vec::with_capacity(required.len());
    let mut missing = false;
    for &c in required {
        match find(c) {
            Some(i) => req.push(i),
            None => {
                missing = true;
                errors.push(
                    Diagnostic::error(
                        "missing_column",
                        path,
                        format!("missing column `{c}` (header is `{}`)", names.join(",")),
                    )
                    .at_line(1)
                    .in_column(c)
                    .hint(format!(
                        "the header must name the columns {}",
                        required.join(",")
                    )),
                );
            }
        }
    }
    if missing {
        return Ok(None);
    }
    let optional = optional.iter().map(|c| find(c)).collect();
    Ok(Some(Table {
        reader,
        required: req,
        optional,
        width: names.len(),
    }))
}

fn csv_io(path: &Path, e: csv::Error) -> RoadError {
    let source = match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    };
    RoadError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Reads the next record, or `None` at the end. Only I/O failures are errors: the CSV
/// itself cannot be malformed for a flexible reader of bytes.
fn next_record(table: &mut Table, path: &Path, record: &mut ByteRecord) -> Result<bool, RoadError> {
    table
        .reader
        .read_byte_record(record)
        .map_err(|e| csv_io(path, e))
}

/// The fields of one record, with the file and line to blame.
struct Row<'a> {
    path: &'a Path,
    line: u64,
    record: &'a ByteRecord,
    errors: &'a mut Diagnostics,
    ok: bool,
}

impl<'a> Row<'a> {
    fn fail(&mut self, code: &'static str, column: &str, message: String, hint: &str) {
        self.ok = false;
        self.errors.push(
            Diagnostic::error(code, self.path, message)
                .at_line(self.line)
                .in_column(column)
                .hint(hint),
        );
    }

    /// The text of a field (UTF-8 was checked for the whole record already).
    fn text(&self, idx: usize) -> &'a str {
        let record: &'a ByteRecord = self.record;
        std::str::from_utf8(record.get(idx).unwrap_or(b"")).unwrap_or("")
    }

    fn required_text(&mut self, column: &str, idx: usize) -> Option<&'a str> {
        let s = self.text(idx).trim();
        if s.is_empty() {
            self.fail(
                "missing_value",
                column,
                "empty value".into(),
                "fill in this required field",
            );
            None
        } else {
            Some(s)
        }
    }

    fn id(&mut self, column: &str, idx: usize) -> Option<i64> {
        let s = self.required_text(column, idx)?;
        match s.parse::<i64>() {
            Ok(v) => Some(v),
            Err(_) => {
                self.fail(
                    "bad_number",
                    column,
                    format!("`{s}` is not an integer node id"),
                    "node ids are whole numbers (OSM ids)",
                );
                None
            }
        }
    }

    fn number(&mut self, column: &str, s: &str) -> Option<f64> {
        match s.parse::<f64>() {
            Ok(v) if v.is_finite() => Some(v),
            Ok(_) => {
                self.fail(
                    "bad_number",
                    column,
                    format!("`{s}` is not a finite number"),
                    "NaN and infinity are not allowed; give a real value",
                );
                None
            }
            Err(_) => {
                self.fail(
                    "bad_number",
                    column,
                    format!("`{s}` is not a number"),
                    "write a decimal number with a dot, e.g. 12.5",
                );
                None
            }
        }
    }

    fn required_number(&mut self, column: &str, idx: usize) -> Option<f64> {
        let s = self.required_text(column, idx)?;
        self.number(column, s)
    }

    /// An optional number in `range` (`unit` names it in the message): empty is `None`;
    /// a value outside the range or garbage is an error.
    fn optional_in(
        &mut self,
        column: &str,
        idx: Option<usize>,
        range: (f64, f64),
        unit: &str,
    ) -> Option<f64> {
        let s = self.text(idx?).trim();
        if s.is_empty() {
            return None;
        }
        let v = self.number(column, s)?;
        if !within(v, range) {
            self.fail(
                "out_of_range",
                column,
                format!(
                    "{s} is out of range: give {} to {} {unit}",
                    range.0, range.1
                ),
                "check the unit; leave the cell empty when there is no limit or it is unknown",
            );
            return None;
        }
        Some(v)
    }

    fn in_range(&mut self, column: &str, v: f64, limit: f64) -> Option<f64> {
        if v.abs() <= limit {
            Some(v)
        } else {
            self.fail(
                "out_of_range",
                column,
                format!("{v} is out of range [-{limit}, {limit}]"),
                "use WGS84 degrees; check that lat and lon are not swapped",
            );
            None
        }
    }
}

/// Checks the record's UTF-8 and width; records problems and returns false if unusable.
fn check_shape(
    path: &Path,
    line: u64,
    record: &ByteRecord,
    width: usize,
    header: &[&str],
    errors: &mut Diagnostics,
) -> bool {
    let mut ok = true;
    if std::str::from_utf8(record.as_slice()).is_err() {
        for (i, field) in record.iter().enumerate() {
            if let Err(e) = std::str::from_utf8(field) {
                errors.push(
                    Diagnostic::error(
                        "bad_csv",
                        path,
                        format!(
                            "field {} is not valid UTF-8 (bad byte 0x{:02X} at byte {})",
                            i + 1,
                            field[e.valid_up_to()],
                            e.valid_up_to() + 1
                        ),
                    )
                    .at_line(line)
                    .hint("save the file as UTF-8 (e.g. `iconv -f CP1258 -t UTF-8`)"),
                );
            }
        }
        ok = false;
    }
    if record.len() != width {
        errors.push(
            Diagnostic::error(
                "bad_csv",
                path,
                format!("{} fields, but the header has {width}", record.len()),
            )
            .at_line(line)
            .hint(format!(
                "each row needs the columns {}; quote names that contain commas",
                header.join(",")
            )),
        );
        ok = false;
    }
    ok
}

/// The usable rows of `nodes.csv`, and the ids of rows left out for a problem in another
/// field (so that arcs to them are not reported a second time).
#[derive(Debug, Default)]
pub(crate) struct NodeRows {
    pub rows: Vec<NodeRow>,
    pub rejected_ids: std::collections::HashSet<i64>,
    /// False when the file itself is unusable (empty, missing columns): arcs are then not
    /// checked against it, which would only repeat the same problem for every arc.
    pub readable: bool,
}

/// Reads every record of `table`, reports rows of the wrong shape or encoding, and hands
/// each well-formed one to `each` as a [`Row`]. Returns whether the file had any row at all.
fn for_each_row(
    table: &mut Table,
    path: &Path,
    header: &[&str],
    errors: &mut Diagnostics,
    mut each: impl FnMut(&mut Row<'_>),
) -> Result<bool, RoadError> {
    let mut record = ByteRecord::new();
    let mut any_row = false;
    while next_record(table, path, &mut record)? {
        any_row = true;
        let line = record.position().map_or(0, |p| p.line());
        if !check_shape(path, line, &record, table.width, header, errors) {
            continue;
        }
        each(&mut Row {
            path,
            line,
            record: &record,
            errors,
            ok: true,
        });
    }
    Ok(any_row)
}

/// Reads `nodes.csv`; problems go to `errors`, and rows with problems are left out.
pub(crate) fn read_nodes(path: &Path, errors: &mut Diagnostics) -> Result<NodeRows, RoadError> {
    let mut out = NodeRows::default();
    let Some(mut table) = open_table(path, NODE_COLUMNS, &[], errors)? else {
        return Ok(out);
    };
    out.readable = true;
    let [c_id, c_lat, c_lon] = [table.required[0], table.required[1], table.required[2]];
    let any_row = for_each_row(&mut table, path, NODE_COLUMNS, errors, |row| {
        let line = row.line;
        let id = row.id("node_id", c_id);
        let lat = row
            .required_number("lat", c_lat)
            .and_then(|v| row.in_range("lat", v, 90.0));
        let lon = row
            .required_number("lon", c_lon)
            .and_then(|v| row.in_range("lon", v, 180.0));
        match (id, lat, lon, row.ok) {
            (Some(id), Some(lat), Some(lon), true) => out.rows.push(NodeRow { id, lat, lon, line }),
            (Some(id), ..) => {
                out.rejected_ids.insert(id);
            }
            _ => {}
        }
    })?;
    if !any_row {
        out.readable = false;
        errors.push(
            Diagnostic::error("no_nodes", path, "the file has a header but no nodes")
                .at_line(1)
                .hint("add one row per road node: node_id,lat,lon"),
        );
    }
    Ok(out)
}

/// Reads `edges.csv`, handing each good row to `sink` as it is read (with `errors`, for
/// problems the sink finds); problems go to `errors` and warnings to `warnings`, and rows
/// with problems are left out.
pub(crate) fn read_edges(
    path: &Path,
    errors: &mut Diagnostics,
    warnings: &mut Diagnostics,
    mut sink: impl FnMut(&EdgeRow, &mut Diagnostics),
) -> Result<EdgeStrings, RoadError> {
    let mut out = EdgeStrings::default();
    let Some(mut table) = open_table(path, EDGE_COLUMNS, OPTIONAL_EDGE_COLUMNS, errors)? else {
        return Ok(out);
    };
    let r = table.required.clone();
    let o = table.optional.clone();
    // Unknown `access` values: first line and count per value, reported once each.
    let mut unknown_access: BTreeMap<String, (u64, usize)> = BTreeMap::new();
    let any_row = for_each_row(&mut table, path, EDGE_COLUMNS, errors, |row| {
        let line = row.line;
        let from = row.id("from", r[0]);
        let to = row.id("to", r[1]);
        // A zero length is checked against the nodes' positions once they are known.
        let length_m = row.required_number("length_m", r[2]).and_then(|v| {
            if (0.0..=MAX_LENGTH_M).contains(&v) {
                Some(v)
            } else {
                row.fail(
                    "out_of_range",
                    "length_m",
                    format!("length {v} m is out of range: give 0 to {MAX_LENGTH_M} m"),
                    "give the arc's length in metres along the road (split longer roads at nodes)",
                );
                None
            }
        });
        let highway = row.required_text("highway", r[3]);
        let oneway = match row.text(r[4]).trim() {
            "" | "0" | "no" | "false" => Some(false),
            "1" | "yes" | "true" => Some(true),
            other => {
                row.fail(
                    "bad_value",
                    "oneway",
                    format!("`{other}` is not 0 or 1"),
                    "write 1 for a one-way street, 0 (or nothing) otherwise",
                );
                None
            }
        };
        let maxspeed = row.optional_in("maxspeed_kmh", Some(r[5]), SPEED_KMH, "km/h");
        let name = row.text(r[6]).trim();
        let max_width_m = row.optional_in("max_width_m", o[0], WIDTH_M, "m");
        let max_weight_t = row.optional_in("max_weight_t", o[1], WEIGHT_T, "t");
        let max_height_m = row.optional_in("max_height_m", o[2], HEIGHT_M, "m");
        let access_text = o[3].map_or("", |i| row.text(i).trim());
        let access = Access::parse(access_text).unwrap_or_else(|| {
            let e = unknown_access
                .entry(access_text.to_owned())
                .or_insert((line, 0));
            e.1 += 1;
            Access::Closed
        });
        if let (Some(from), Some(to), Some(length_m), Some(highway), Some(oneway), true) =
            (from, to, length_m, highway, oneway, row.ok)
        {
            let highway = out.highways.intern(highway);
            let name = out.names.intern(name);
            let edge = EdgeRow {
                from,
                to,
                length_m,
                highway,
                oneway,
                maxspeed_kmh: maxspeed,
                name,
                restrictions: ArcRestrictions {
                    max_width_m,
                    max_weight_t,
                    max_height_m,
                    access,
                },
                line,
            };
            sink(&edge, row.errors);
        }
    })?;
    if !any_row {
        errors.push(Diagnostic::error("no_arcs", path, "the file has a header but no arcs").at_line(1).hint("add one row per directed arc: from,to,length_m,highway,oneway,maxspeed_kmh,name"));
    }
    for (value, (line, count)) in unknown_access {
        warnings.push(
            Diagnostic::warning(
                "unknown_access",
                path,
                format!(
                    "unknown access value `{value}` on {count} arc{}; treated as closed",
                    if count == 1 { "" } else { "s" }
                ),
            )
            .at_line(line)
            .in_column("access")
            .hint("use yes, destination, delivery, private or no"),
        );
    }
    Ok(out)
}
