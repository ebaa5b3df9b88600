//! Positioned problems found in road network input, and the error that carries them.
//!
//! Validation never stops at the first problem: it collects a [`Diagnostic`] for each one
//! (up to [`Diagnostics::KEPT`], counting the rest) so that a user fixes a file in one go.
//! Warnings use the same type and travel beside a successfully loaded network.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in an input file: where it is, what is wrong, and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// The file, as given by the user.
    pub file: PathBuf,
    /// 1-based line number in the file, when the problem has one.
    pub line: Option<u64>,
    /// The column (header name), when the problem is in one field.
    pub column: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

impl Diagnostic {
    /// A problem in `file` at `line` (1-based) and `column`.
    pub fn at(
        file: &Path,
        line: Option<u64>,
        column: Option<&str>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            file: file.to_path_buf(),
            line,
            column: column.map(str::to_owned),
            message: message.into(),
            hint: hint.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column `{column}`")?;
        }
        write!(f, ": {}", self.message)?;
        if !self.hint.is_empty() {
            write!(f, " ({})", self.hint)?;
        }
        Ok(())
    }
}

/// A bounded list of diagnostics: keeps the first [`Self::KEPT`] and counts the others, so
/// that a file of garbage cannot exhaust memory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics {
    kept: Vec<Diagnostic>,
    total: usize,
}

impl Diagnostics {
    /// How many diagnostics are stored; the rest are only counted.
    pub const KEPT: usize = 1000;
    /// How many are printed by [`RoadError`]'s `Display`.
    pub const SHOWN: usize = 50;

    /// Records one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.total += 1;
        if self.kept.len() < Self::KEPT {
            self.kept.push(d);
        }
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// How many were recorded, stored or not.
    pub fn total(&self) -> usize {
        self.total
    }

    /// The stored diagnostics, in the order found.
    pub fn as_slice(&self) -> &[Diagnostic] {
        &self.kept
    }

    /// The stored diagnostics.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.kept
    }

    /// Sorts the stored diagnostics by `key`, keeping the order of equal keys.
    pub fn sort_by_key<K: Ord>(&mut self, key: impl FnMut(&Diagnostic) -> K) {
        self.kept.sort_by_key(key);
    }
}

/// Why a road network could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum RoadError {
    /// A file could not be opened or read.
    #[error("cannot read {}: {source} (check that the path exists and is readable)", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The files were read but their content is wrong; every problem found is listed.
    #[error("{}", render_invalid(.diagnostics, *.total))]
    Invalid {
        /// The problems (the first [`Diagnostics::KEPT`]).
        diagnostics: Vec<Diagnostic>,
        /// How many problems there are in all.
        total: usize,
    },
}

impl RoadError {
    /// Wraps a non-empty list of diagnostics.
    pub fn invalid(d: Diagnostics) -> RoadError {
        let total = d.total();
        RoadError::Invalid {
            diagnostics: d.into_vec(),
            total,
        }
    }

    /// The diagnostics of an [`RoadError::Invalid`]; empty for I/O errors.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            RoadError::Invalid { diagnostics, .. } => diagnostics,
            RoadError::Io { .. } => &[],
        }
    }
}

fn render_invalid(diagnostics: &[Diagnostic], total: usize) -> String {
    let mut s = format!(
        "the road network has {total} problem{}:",
        if total == 1 { "" } else { "s" }
    );
    for d in diagnostics.iter().take(Diagnostics::SHOWN) {
        s.push_str("\n  - ");
        s.push_str(&d.to_string());
    }
    let shown = diagnostics.len().min(Diagnostics::SHOWN);
    if total > shown {
        s.push_str(&format!("\n  … and {} more", total - shown));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(i: u64) -> Diagnostic {
        Diagnostic::at(Path::new("e.csv"), Some(i), Some("lat"), "bad", "fix it")
    }

    #[test]
    fn display_names_file_line_column_and_hint() {
        assert_eq!(
            diag(7).to_string(),
            "e.csv, line 7, column `lat`: bad (fix it)"
        );
    }

    #[test]
    fn error_shows_fifty_and_counts_the_rest() {
        let mut d = Diagnostics::default();
        for i in 0..(Diagnostics::KEPT as u64 + 5) {
            d.push(diag(i));
        }
        assert_eq!(d.as_slice().len(), Diagnostics::KEPT);
        let text = RoadError::invalid(d).to_string();
        assert!(text.starts_with("the road network has 1005 problems:"));
        assert_eq!(text.lines().count(), 1 + Diagnostics::SHOWN + 1);
        assert!(text.ends_with("… and 955 more"));
    }
}
