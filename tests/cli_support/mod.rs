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

/// Copies the scenario fixtures (`tests/fixtures/scenario/*`) into `dir`, so that the
/// paths between their folders still hold, and writes `[scenario] language = "<language>"`
/// into fixture `name`'s `scenario.toml`. Returns the path of that TOML.
pub fn fixture_in_language(
    name: &str,
    language: &str,
    dir: &std::path::Path,
) -> std::path::PathBuf {
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenario");
    copy_tree(&from, dir);
    let toml = dir.join(name).join("scenario.toml");
    let text = std::fs::read_to_string(&toml).expect("fixture TOML");
    assert!(
        text.contains("[scenario]\n"),
        "{name} has a [scenario] section"
    );
    let text = text.replacen(
        "[scenario]\n",
        &format!("[scenario]\nlanguage = \"{language}\"\n"),
        1,
    );
    std::fs::write(&toml, text).expect("write the TOML");
    toml
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("create the copy");
    for entry in std::fs::read_dir(from).expect("read the fixtures") {
        let entry = entry.expect("a fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("its type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a fixture");
        }
    }
}

/// The text a reader sees in an HTML page: without the `<style>` block and the tags
/// (attribute values are left out; `<title>` texts stay), with the entities the writers
/// use decoded.
pub fn visible_text(html: &str) -> String {
    let body = match (html.find("<style>"), html.find("</style>")) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &html[..a], &html[b..]),
        _ => html.to_string(),
    };
    let mut out = String::with_capacity(body.len());
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
