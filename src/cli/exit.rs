//! The exit codes every subcommand shares (documented in README.md).

use std::fmt;
use std::process::ExitCode;
use wasteroute::output::{OutputError, WriteError};

/// How a command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// 0: done; for planning commands, every site is served.
    Done,
    /// 1: a plan was written, but some sites are unassigned.
    PlanWithUnassigned,
    /// 1: `check` found the plan breaks rules (each listed).
    Violations,
}

/// 2: bad input or usage (a file, a field, an id); the message says what to fix.
pub const EXIT_BAD_INPUT: u8 = 2;
/// 3: an internal error (a bug, or the machine: disk full, permission denied on output).
pub const EXIT_INTERNAL: u8 = 3;

impl Outcome {
    /// The process exit code.
    pub fn code(self) -> ExitCode {
        match self {
            Outcome::Done => ExitCode::from(0),
            Outcome::PlanWithUnassigned | Outcome::Violations => ExitCode::from(1),
        }
    }
}

/// Marks an error as the user's input being wrong (exit code 2) rather than a failure of
/// the program (exit code 3).
#[derive(Debug)]
pub struct BadInput(pub anyhow::Error);

impl fmt::Display for BadInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The inner error's chain is printed by the caller with `{:#}`.
        write!(f, "{:#}", self.0)
    }
}

impl std::error::Error for BadInput {}

/// Wraps any error as bad input.
pub fn bad_input(e: impl Into<anyhow::Error>) -> anyhow::Error {
    anyhow::Error::new(BadInput(e.into()))
}

/// The exit code for an error returned by a subcommand. An output path that cannot be
/// used as given (a file where a folder must be) is bad input wherever it surfaces.
pub fn code_for(err: &anyhow::Error) -> u8 {
    let bad_output = |c: &(dyn std::error::Error + 'static)| {
        c.downcast_ref::<WriteError>()
            .is_some_and(WriteError::is_bad_input)
            || c.downcast_ref::<OutputError>()
                .is_some_and(OutputError::is_bad_input)
    };
    if err.chain().any(|c| c.is::<BadInput>() || bad_output(c)) {
        EXIT_BAD_INPUT
    } else {
        EXIT_INTERNAL
    }
}

/// True when the error is a closed pipe on stdout (`wasteroute … | head`), which is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
