//! A CSV file read as a table of named columns, with positions for messages.
//!
//! Every reader of the scenario goes through [`Table`]: columns are found by header name
//! (in any order), unknown columns are reported (a typo in a header would otherwise
//! silently drop data), and each cell parser reports file, line and column.

use super::limits::Plausible;
use crate::diagnostic::{Diagnostic, Diagnostics};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A cell could not be read; the problem is already in the diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reported;

/// One data row: its 1-based line and its cells.
#[derive(Clone, Debug)]
pub struct Row {
    /// Line in the file (the header is line 1).
    pub line: u64,
    cells: Vec<String>,
}

/// A whole CSV file with a header.
#[derive(Clone, Debug)]
pub struct Table {
    /// The file, as the user named it.
    pub path: PathBuf,
    columns: BTreeMap<String, usize>,
    /// Data rows in file order.
    pub rows: Vec<Row>,
}

impl Table {
    /// Reads `path`; `known` lists the columns the reader understands (others get a
    /// warning), `required` those that must be present (missing ones are errors).
    /// Returns `None` (with the problems in `diags`) when the file cannot be read at all.
    pub fn read(
        path: &Path,
        known: &[&str],
        required: &[&str],
        diags: &mut Diagnostics,
    ) -> Option<Table> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                diags.push(
                    Diagnostic::error("file_unreadable", path, format!("cannot read: {e}"))
                        .hint("check the path in the scenario TOML (relative to the TOML file)"),
                );
                return None;
            }
        };
        Table::from_bytes(path, &bytes, known, required, diags)
    }

    /// As [`Table::read`], on the bytes of a file already read; `path` names it in
    /// messages.
    pub fn from_bytes(
        path: &Path,
        bytes: &[u8],
        known: &[&str],
        required: &[&str],
        diags: &mut Diagnostics,
    ) -> Option<Table> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(true)
            .comment(Some(b'#'))
            .from_reader(bytes);
        let headers = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                diags.push(
                    Diagnostic::error("bad_csv", path, format!("cannot read the header: {e}"))
                        .at_line(1)
                        .hint("save the file as UTF-8 CSV with a header row"),
                );
                return None;
            }
        };
        let mut columns = BTreeMap::new();
        for (i, h) in headers.iter().enumerate() {
            if columns.insert(h.to_string(), i).is_some() {
                diags.push(
                    Diagnostic::error(
                        "duplicate_column",
                        path,
                        format!("column `{h}` appears twice"),
                    )
                    .at_line(1)
                    .hint("keep one of the two columns"),
                );
            } else if !known.contains(&h) && !is_pattern_column(h, known) {
                diags.push(
                    Diagnostic::warning(
                        "unknown_column",
                        path,
                        format!("column `{h}` is not used"),
                    )
                    .at_line(1)
                    .in_column(h)
                    .hint(format!(
                        "check its spelling; known columns: {}",
                        known.join(", ")
                    )),
                );
            }
        }
        let mut missing = false;
        for r in required {
            if !columns.contains_key(*r) {
                missing = true;
                diags.push(
                    Diagnostic::error("missing_column", path, format!("column `{r}` is missing"))
                        .at_line(1)
                        .in_column(*r)
                        .hint("add the column to the header row (see data/README.md)"),
                );
            }
        }
        let mut rows = Vec::new();
        let width = headers.len();
        for record in reader.records() {
            match record {
                Ok(rec) => {
                    let line = rec.position().map_or(0, |p| p.line());
                    if rec.iter().all(str::is_empty) {
                        continue;
                    }
                    if rec.len() != width {
                        diags.push(
                            Diagnostic::error(
                                "bad_csv",
                                path,
                                format!("{} fields, the header has {width}", rec.len()),
                            )
                            .at_line(line)
                            .hint("quote fields that contain commas"),
                        );
                        continue;
                    }
                    rows.push(Row {
                        line,
                        cells: rec.iter().map(str::to_string).collect(),
                    });
                }
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    diags.push(
                        Diagnostic::error("bad_csv", path, format!("unreadable row: {e}"))
                            .at_line(line)
                            .hint("save the file as UTF-8 CSV"),
                    );
                }
            }
        }
        if missing {
            return None;
        }
        Some(Table {
            path: path.to_path_buf(),
            columns,
            rows,
        })
    }

    /// True when the header has `column`.
    pub fn has(&self, column: &str) -> bool {
        self.columns.contains_key(column)
    }

    /// The cell of `row` in `column`; empty when the column is absent.
    pub fn cell<'a>(&self, row: &'a Row, column: &str) -> &'a str {
        self.columns
            .get(column)
            .and_then(|&i| row.cells.get(i))
            .map_or("", String::as_str)
    }

    /// A diagnostic positioned at a cell.
    pub fn error_at(&self, row: &Row, column: &str, code: &'static str, msg: String) -> Diagnostic {
        Diagnostic::error(code, &self.path, msg)
            .at_line(row.line)
            .in_column(column)
    }

    /// A warning positioned at a cell.
    pub fn warning_at(
        &self,
        row: &Row,
        column: &str,
        code: &'static str,
        msg: String,
    ) -> Diagnostic {
        Diagnostic::warning(code, &self.path, msg)
            .at_line(row.line)
            .in_column(column)
    }

    /// A required non-empty text cell.
    pub fn text(&self, row: &Row, column: &str, diags: &mut Diagnostics) -> Option<String> {
        let v = self.cell(row, column);
        if v.is_empty() {
            diags.push(
                self.error_at(row, column, "missing_value", format!("`{column}` is empty"))
                    .hint("fill in the cell (see data/README.md)"),
            );
            None
        } else {
            Some(v.to_string())
        }
    }

    /// An optional number: `Ok(None)` when empty; an error (pushed) when unparsable,
    /// not finite, or outside `range`.
    pub fn number(
        &self,
        row: &Row,
        column: &str,
        range: Plausible,
        diags: &mut Diagnostics,
    ) -> Result<Option<f64>, Reported> {
        let v = self.cell(row, column);
        if v.is_empty() {
            return Ok(None);
        }
        match v.parse::<f64>() {
            Ok(x) if range.contains(x) => Ok(Some(x)),
            Ok(x) if x.is_finite() => {
                let side = if x < range.min { "below" } else { "above" };
                let bound = if x < range.min { range.min } else { range.max };
                diags.push(
                    self.error_at(
                        row,
                        column,
                        "out_of_range",
                        format!("`{v}` is {side} {bound}"),
                    )
                    .hint(format!("`{column}` takes {}", range.describe())),
                );
                Err(Reported)
            }
            _ => {
                diags.push(
                    self.error_at(row, column, "bad_number", format!("`{v}` is not a number"))
                        .hint(format!(
                            "write a plain decimal number with a dot, for example 12.5 ({})",
                            range.describe()
                        )),
                );
                Err(Reported)
            }
        }
    }

    /// A number that must be present.
    pub fn required_number(
        &self,
        row: &Row,
        column: &str,
        range: Plausible,
        diags: &mut Diagnostics,
    ) -> Option<f64> {
        match self.number(row, column, range, diags) {
            Ok(Some(x)) => Some(x),
            Ok(None) => {
                diags.push(
                    self.error_at(row, column, "missing_value", format!("`{column}` is empty"))
                        .hint(format!("fill in the number ({})", range.describe())),
                );
                None
            }
            Err(Reported) => None,
        }
    }

    /// An optional whole number inside `range`.
    pub fn integer(
        &self,
        row: &Row,
        column: &str,
        range: Plausible,
        diags: &mut Diagnostics,
    ) -> Result<Option<u64>, Reported> {
        let v = self.cell(row, column);
        if v.is_empty() {
            return Ok(None);
        }
        match v.parse::<u64>() {
            Ok(x) if range.contains(x as f64) => Ok(Some(x)),
            _ => {
                diags.push(
                    self.error_at(
                        row,
                        column,
                        "bad_number",
                        format!(
                            "`{v}` is not a whole number from {} to {}",
                            range.min, range.max
                        ),
                    )
                    .hint(format!(
                        "write digits only, for example 3 ({})",
                        range.describe()
                    )),
                );
                Err(Reported)
            }
        }
    }
}

/// Splits a `;`-separated list cell into trimmed non-empty parts.
pub fn split_list(cell: &str) -> Vec<String> {
    cell.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Columns like `food_kg` are known when `known` holds the pattern `*_kg`.
fn is_pattern_column(h: &str, known: &[&str]) -> bool {
    known
        .iter()
        .filter_map(|k| k.strip_prefix('*'))
        .any(|suffix| h.len() > suffix.len() && h.ends_with(suffix))
}
