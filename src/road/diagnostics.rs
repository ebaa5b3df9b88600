//! The error that carries the problems found in road network input.
//!
//! Validation never stops at the first problem: it collects a [`Diagnostic`] (the one
//! type every input layer uses, see [`crate::diagnostic`]) for each one so that a user
//! fixes a file in one go. Warnings use the same type and travel beside a successfully
//! loaded network.

pub use crate::diagnostic::{Diagnostic, Diagnostics};
use std::path::PathBuf;

/// How many problems [`RoadError`]'s `Display` prints (the rest are counted).
pub const SHOWN: usize = 50;

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
    for d in diagnostics.iter().take(SHOWN) {
        for line in d.to_string().lines() {
            s.push_str("\n  ");
            s.push_str(line);
        }
    }
    let shown = diagnostics.len().min(SHOWN);
    if total > shown {
        s.push_str(&format!("\n  … and {} more", total - shown));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::path::Path;

    fn diag(i: u64) -> Diagnostic {
        Diagnostic::error("bad_number", Path::new("e.csv"), "bad")
            .at_line(i)
            .in_column("lat")
    }

    #[test]
    fn error_shows_fifty_and_counts_the_rest() {
        let mut d = Diagnostics::default();
        for i in 0..(Diagnostics::KEPT as u64 + 5) {
            d.push(diag(i));
        }
        assert_eq!(d.items().len(), Diagnostics::KEPT);
        let text = RoadError::invalid(d).to_string();
        assert!(text.starts_with("the road network has 1005 problems:"));
        assert!(text.contains("\n  error[bad_number]: e.csv:0 column `lat`: bad\n"));
        assert_eq!(text.lines().count(), 1 + SHOWN + 1);
        assert!(text.ends_with("… and 955 more"));
    }
}
