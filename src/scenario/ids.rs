//! User ids of one table: unique, and looked up by other tables.
//!
//! An id is *claimed* when its row is read (so a second row with the same id is a
//! duplicate even when the first row had other errors) and *accepted* with a position only
//! when its row made it into the table's list. A row rejected for any reason therefore
//! never lends its id a position that belongs to another row: other tables that name it get
//! an error that points at the rejected row instead of an index out of range.

use super::table::{Row, Table};
use crate::diagnostic::Diagnostics;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What is known of an id in one table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// The row was read and is at this position in the table's list.
    Accepted(usize),
    /// The row has errors (already reported) and is not in the list; its line.
    Rejected(u64),
    /// No row has this id.
    Unknown,
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    line: u64,
    position: Option<usize>,
}

/// The ids of one table, each with the line it was read from and, once its row was
/// accepted, the position the row has in its list.
#[derive(Clone, Debug, Default)]
pub struct IdIndex {
    file: PathBuf,
    map: BTreeMap<String, Entry>,
}

impl IdIndex {
    /// An empty index for the table in `file` (named in messages about references).
    pub fn new(file: &Path) -> IdIndex {
        IdIndex {
            file: file.to_path_buf(),
            map: BTreeMap::new(),
        }
    }

    /// Reads and claims the `id` cell of `row`; reports an empty or duplicate id. The id
    /// has no position until [`IdIndex::accept`] is called for it.
    pub fn read(&mut self, table: &Table, row: &Row, diags: &mut Diagnostics) -> Option<String> {
        let id = table.text(row, "id", diags)?;
        if let Some(first) = self.map.get(&id) {
            diags.push(
                table
                    .error_at(
                        row,
                        "id",
                        "duplicate_id",
                        format!("id `{id}` is used twice"),
                    )
                    .hint(format!(
                        "ids must be unique; the first is on line {}",
                        first.line
                    )),
            );
            return None;
        }
        self.map.insert(
            id.clone(),
            Entry {
                line: row.line,
                position: None,
            },
        );
        Some(id)
    }

    /// Records that the row of `id` was accepted at `position` in its list.
    pub fn accept(&mut self, id: &str, position: usize) {
        if let Some(e) = self.map.get_mut(id) {
            e.position = Some(position);
        }
    }

    /// What is known of `id`.
    pub fn lookup(&self, id: &str) -> Lookup {
        match self.map.get(id) {
            Some(Entry {
                position: Some(p), ..
            }) => Lookup::Accepted(*p),
            Some(Entry {
                line,
                position: None,
            }) => Lookup::Rejected(*line),
            None => Lookup::Unknown,
        }
    }

    /// The position of an accepted id.
    pub fn get(&self, id: &str) -> Option<usize> {
        match self.lookup(id) {
            Lookup::Accepted(p) => Some(p),
            _ => None,
        }
    }

    /// Some ids, for hints (at most eight).
    pub fn sample(&self) -> String {
        let v: Vec<&str> = self.map.keys().take(8).map(String::as_str).collect();
        if self.map.len() > 8 {
            format!("{}, …", v.join(", "))
        } else {
            v.join(", ")
        }
    }

    /// The error for a reference from another table to `id` that is not accepted, or
    /// `None` when it is: its code, message and hint. `what` names the referenced kind
    /// (`depot`, `vehicle`, …).
    pub fn reference_problem(
        &self,
        id: &str,
        what: &str,
    ) -> Option<(&'static str, String, String)> {
        let file = &self.file;
        match self.lookup(id) {
            Lookup::Accepted(_) => None,
            Lookup::Rejected(line) => Some((
                "rejected_reference",
                format!(
                    "{what} `{id}` (line {line} of {}) has errors of its own",
                    file.display()
                ),
                format!("fix line {line} of {} first", file.display()),
            )),
            Lookup::Unknown => Some((
                "unknown_id",
                format!("no {what} has id `{id}`"),
                format!("use one of: {}", self.sample()),
            )),
        }
    }
}
