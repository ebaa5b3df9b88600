//! User ids of one table: unique, and looked up by other tables.

use super::table::{Row, Table};
use crate::diagnostic::Diagnostics;
use std::collections::BTreeMap;

/// The ids of one table, each with the row position it was read into.
#[derive(Clone, Debug, Default)]
pub struct IdIndex {
    map: BTreeMap<String, (usize, u64)>,
}

impl IdIndex {
    /// Reads the `id` cell of `row`; reports an empty or duplicate id. `position` is the
    /// index the entity will have in its list.
    pub fn read(
        &mut self,
        table: &Table,
        row: &Row,
        position: usize,
        diags: &mut Diagnostics,
    ) -> Option<String> {
        let id = table.text(row, "id", diags)?;
        if let Some((_, first)) = self.map.get(&id) {
            diags.push(
                table
                    .error_at(
                        row,
                        "id",
                        "duplicate_id",
                        format!("id `{id}` is used twice"),
                    )
                    .hint(format!("ids must be unique; the first is on line {first}")),
            );
            return None;
        }
        self.map.insert(id.clone(), (position, row.line));
        Some(id)
    }

    /// The position of an id.
    pub fn get(&self, id: &str) -> Option<usize> {
        self.map.get(id).map(|(p, _)| *p)
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
}
