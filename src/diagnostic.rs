//! Problems found in input files (road network CSVs, scenario TOML and CSVs, speed
//! tables), each positioned (file, line, column), with a stable code and what to do.
//!
//! Readers and validation never stop at the first problem: they push every
//! [`Diagnostic`] into a [`Diagnostics`] list, so a user fixes a file in one pass. The list
//! keeps the first [`Diagnostics::KEPT`] and counts the rest, so that a file of garbage
//! cannot exhaust memory. Every layer uses this one type, so every command prints problems
//! the same way:
//!
//! ```text
//! error[bad_number]: nodes.csv:5 column `lat`: `abc` is not a number
//!   → write a decimal number with a dot, e.g. 12.5
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The plan can still be made; the finding says what will be left out or looks odd.
    Warning,
    /// The scenario cannot be planned until this is fixed.
    Error,
}

/// One problem, with its place and a suggested fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable snake_case code (for example `unknown_id`), listed in `data/README.md`.
    pub code: &'static str,
    /// The file at fault, as the user named it (relative to the working directory).
    pub file: PathBuf,
    /// 1-based line in the file, when known.
    pub line: Option<u64>,
    /// The column (CSV header name or TOML key), when known.
    pub column: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

impl Diagnostic {
    /// An error in `file`.
    pub fn error(code: &'static str, file: &Path, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.to_path_buf(),
            line: None,
            column: None,
            message: message.into(),
            hint: String::new(),
        }
    }

    /// A warning in `file`.
    pub fn warning(code: &'static str, file: &Path, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, message)
        }
    }

    /// True for an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Sets the 1-based line.
    pub fn at_line(mut self, line: u64) -> Diagnostic {
        self.line = Some(line);
        self
    }

    /// Sets the column name.
    pub fn in_column(mut self, column: impl Into<String>) -> Diagnostic {
        self.column = Some(column.into());
        self
    }

    /// Sets what to do.
    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = hint.into();
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}[{}]: {}", self.code, self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(col) = &self.column {
            write!(f, " column `{col}`")?;
        }
        write!(f, ": {}", self.message)?;
        if !self.hint.is_empty() {
            write!(f, "\n  → {}", self.hint)?;
        }
        Ok(())
    }
}

/// Every problem found so far, in the order found: the first [`Self::KEPT`] are stored,
/// the rest only counted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// Problems recorded, stored or not.
    total: usize,
    /// Errors among them, stored or not.
    errors: usize,
}

impl Diagnostics {
    /// How many diagnostics are stored; the rest are only counted.
    pub const KEPT: usize = 1000;

    /// An empty list.
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    /// Adds one problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.total += 1;
        if d.severity == Severity::Error {
            self.errors += 1;
        }
        if self.items.len() < Self::KEPT {
            self.items.push(d);
        }
    }

    /// Adds all problems of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        let (unstored, unstored_errors) = (
            other.total - other.items.len(),
            other.errors - other.items.iter().filter(|d| d.is_error()).count(),
        );
        for d in other.items {
            self.push(d);
        }
        self.total += unstored;
        self.errors += unstored_errors;
    }

    /// The stored problems.
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// The stored problems, by value.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    /// How many problems were recorded, stored or not.
    pub fn total(&self) -> usize {
        self.total
    }

    /// True when at least one problem is an error.
    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.errors
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.total - self.errors
    }

    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// Sorts the stored problems by `key`, keeping the order of equal keys.
    pub fn sort_by_key<K: Ord>(&mut self, key: impl FnMut(&Diagnostic) -> K) {
        self.items.sort_by_key(key);
    }

    /// Sorts by file, line and code so the listing reads top to bottom in each file.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.code, &a.message).cmp(&(&b.file, b.line, b.code, &b.message))
        });
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.items {
            writeln!(f, "{d}")?;
        }
        if self.total > self.items.len() {
            writeln!(f, "… and {} more", self.total - self.items.len())?;
        }
        write!(
            f,
            "{} error(s), {} warning(s)",
            self.error_count(),
            self.warning_count()
        )
    }
}
