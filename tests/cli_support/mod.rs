//! Running the `wasteroute` binary in the CLI tests: one way to start it (from the
//! package root, where the fixtures' relative paths start) and its output streams as text
//! for assertions and their messages. The exit code is `Output::status.code()`.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::process::{Command, Output};

/// The `wasteroute` binary built for these tests, to be run from the package root: for
/// runs whose arguments mix text and paths, added one by one.
pub fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wasteroute"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// Runs `wasteroute` with `args` to its end and returns its exit status and both streams.
pub fn run<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    binary()
        .args(args)
        .output()
        .expect("the wasteroute binary runs")
}

/// What the run wrote to stdout, as text (invalid UTF-8 replaced).
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What the run wrote to stderr, as text (invalid UTF-8 replaced).
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Both streams, labelled: the message of an assertion on the run's exit code.
pub fn streams(o: &Output) -> String {
    format!("stdout:\n{}\nstderr:\n{}", stdout(o), stderr(o))
}
