//! The table of best-known solutions (`../shared/instances/bks.csv`):
//! `set,instance,n,bks_cost,bks_vehicles,source`.

use crate::formats::ObjectiveKind;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// One best-known solution.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct BksRow {
    /// The table it belongs to (`cvrplib_X`, `solomon_100_dimacs`, `gh_200_400_hier`, …).
    pub set: String,
    /// Instance name as in the files.
    pub instance: String,
    /// Number of customers.
    pub n: Option<u32>,
    /// Best-known cost in the benchmark's unit; empty when unknown.
    pub bks_cost: Option<f64>,
    /// Vehicles of that solution; empty when unknown.
    pub bks_vehicles: Option<u32>,
    /// Where the value comes from; `UNCERTAIN…` marks values not to be trusted.
    pub source: String,
}

impl BksRow {
    /// The objective the set is measured by: SINTEF hierarchical tables and Kim rank
    /// vehicles first; the heterogeneous-fleet set (`hfvrp`) by its vehicle costs; the
    /// prize-collecting set (`pcvrptw_dimacs`) by distance plus the prizes left out; every
    /// other set (X, DIMACS tables, Yang, `mdvrptw`) distance only.
    pub fn objective(&self) -> ObjectiveKind {
        if self.set.contains("hier") || self.set.starts_with("kim") {
            ObjectiveKind::VehiclesThenDistance
        } else if self.set.starts_with("hfvrp") {
            ObjectiveKind::Cost
        } else if self.set.starts_with("pcvrptw") {
            ObjectiveKind::Prizes
        } else {
            ObjectiveKind::Distance
        }
    }

    /// True when the source marks the value as untrustworthy.
    pub fn uncertain(&self) -> bool {
        self.source.starts_with("UNCERTAIN")
    }
}

/// Why the table could not be read.
#[derive(Debug, Error)]
pub enum BksError {
    /// The file could not be opened.
    #[error("{}: cannot read the BKS table: {source}", file.display())]
    Io {
        /// The file.
        file: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A row does not parse.
    #[error("{}:{line}: {message} (expected set,instance,n,bks_cost,bks_vehicles,source)", file.display())]
    Row {
        /// The file.
        file: PathBuf,
        /// The line, 1-based.
        line: u64,
        /// What is wrong.
        message: String,
    },
}

/// All rows of a BKS table.
#[derive(Clone, Debug, Default)]
pub struct BksTable {
    rows: Vec<BksRow>,
}

impl BksTable {
    /// Reads the table at `path`.
    ///
    /// # Errors
    /// [`BksError`] naming the file (and line for a bad row).
    pub fn read(path: &Path) -> Result<BksTable, BksError> {
        let mut reader = csv::Reader::from_path(path).map_err(|e| BksError::Io {
            file: path.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?;
        let row_error = |line: u64, message: String| BksError::Row {
            file: path.to_path_buf(),
            line,
            message,
        };
        let headers = reader
            .headers()
            .map_err(|e| row_error(1, e.to_string()))?
            .clone();
        let mut rows = Vec::new();
        let mut record = csv::StringRecord::new();
        loop {
            // The line of the record about to be read: a CSV error may carry none.
            let next_line = reader.position().line();
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    let line = e.position().map_or(next_line, |p| p.line());
                    return Err(row_error(line.max(1), e.to_string()));
                }
            }
            let line = record.position().map_or(next_line, |p| p.line()).max(1);
            let row: BksRow = record
                .deserialize(Some(&headers))
                .map_err(|e| row_error(line, e.to_string()))?;
            if let Some(cost) = row.bks_cost
                && !(cost.is_finite() && cost >= 0.0)
            {
                return Err(row_error(
                    line,
                    format!(
                        "bks_cost {cost} is not a cost: write a non-negative number or leave it empty"
                    ),
                ));
            }
            rows.push(row);
        }
        Ok(BksTable { rows })
    }

    /// The rows for an instance name (exact match first, else case-insensitive).
    pub fn rows_for(&self, instance: &str) -> Vec<&BksRow> {
        let exact: Vec<&BksRow> = self
            .rows
            .iter()
            .filter(|r| r.instance == instance)
            .collect();
        if !exact.is_empty() {
            return exact;
        }
        self.rows
            .iter()
            .filter(|r| r.instance.eq_ignore_ascii_case(instance))
            .collect()
    }

    /// The row for `instance` measured by `objective`, if any.
    pub fn lookup(&self, instance: &str, objective: ObjectiveKind) -> Option<&BksRow> {
        self.rows_for(instance)
            .into_iter()
            .find(|r| r.objective() == objective)
    }

    /// The objective of the instance's table: `own` (the objective the file itself
    /// implies) when a table measures the instance by it, so that a name two sets share
    /// (the PCVRPTW files reuse the Gehring–Homberger names) finds its own set; else
    /// distance when it appears in a distance table (Solomon instances appear in both);
    /// else the objective of its only table.
    pub fn objective_for(&self, instance: &str, own: ObjectiveKind) -> Option<ObjectiveKind> {
        let rows = self.rows_for(instance);
        if rows.iter().any(|r| r.objective() == own) {
            return Some(own);
        }
        if rows
            .iter()
            .any(|r| r.objective() == ObjectiveKind::Distance)
        {
            Some(ObjectiveKind::Distance)
        } else {
            rows.first().map(|r| r.objective())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> Result<BksTable, BksError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bks.csv");
        std::fs::write(&path, text).unwrap();
        BksTable::read(&path)
    }

    #[test]
    fn negative_or_non_finite_costs_are_rejected_with_their_line() {
        // Found by tests/fuzz_formats.rs: `-1e18` (and `inf`, `NaN`) were accepted as
        // best-known costs, which makes every gap meaningless.
        for bad in ["-1e18", "inf", "NaN", "-0.5"] {
            let text = format!(
                "set,instance,n,bks_cost,bks_vehicles,source\nx,A,2,10,1,s\nx,B,2,{bad},1,s\n"
            );
            match read_text(&text) {
                Err(BksError::Row { line, message, .. }) => {
                    assert_eq!(line, 3, "{bad}: {message}");
                    assert!(message.contains("bks_cost"), "{message}");
                }
                other => panic!("{bad}: {other:?}"),
            }
        }
        let ok = read_text("set,instance,n,bks_cost,bks_vehicles,source\nx,A,2,,,s\nx,B,2,0,1,s\n");
        assert_eq!(ok.unwrap().rows.len(), 2);
    }

    #[test]
    fn a_bad_cell_names_its_line() {
        let text = "set,instance,n,bks_cost,bks_vehicles,source\nx,A,2,10,1,s\nx,B,two,10,1,s\n";
        match read_text(text) {
            Err(BksError::Row { line: 3, .. }) => {}
            other => panic!("{other:?}"),
        }
    }
}
