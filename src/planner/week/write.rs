//! Writing a week all or nothing.
//!
//! Every file (four per day, plus `week.csv`, `week.json` and `week.html`) is rendered in
//! memory first. Then:
//!
//! - when `--out` does not exist yet, or is an empty folder, everything is written into a
//!   temporary sibling folder (`.<name>.*.tmp`), synced, and that folder is renamed into
//!   place: the week appears whole or not at all;
//! - when `--out` already holds files (an earlier week), every file is staged beside its
//!   target and the old files are replaced only once all are staged
//!   ([`crate::atomic::write_all_or_nothing`], as `plan` does): a failure leaves the
//!   earlier week as it was. Files of the earlier week that this one does not write (the
//!   folders of dates it does not cover) stay.

use super::WeekError;
use super::run::WeekPlan;
use super::week_html;
use super::{week_csv, week_json};
use crate::atomic::{WriteError, check_output_dir, create_output_dir, write_all_or_nothing};
use crate::output::{OutputError, render_plan_files};
use crate::scenario::Scenario;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Every file of the week, as `(path relative to the output folder, bytes)`: each day's
/// four plan files under `<YYYY-MM-DD>/`, then `week.csv`, `week.json`, `week.html`.
///
/// # Errors
/// [`WeekError::Output`] when a writer fails (a bug).
pub fn render_week(s: &Scenario, week: &WeekPlan) -> Result<Vec<(String, Vec<u8>)>, WeekError> {
    let mut files = Vec::new();
    for (d, day) in week.days.iter().enumerate() {
        let folder = week.horizon.label(d as u32);
        for (name, bytes) in render_plan_files(&day.document)? {
            files.push((format!("{folder}/{name}"), bytes));
        }
    }
    let render = |file: &'static str, e: &dyn std::fmt::Display| {
        WeekError::Output(OutputError::Render {
            file,
            message: e.to_string(),
        })
    };
    files.push((
        week_csv::WEEK_CSV.to_string(),
        week_csv::render(s, week).map_err(|e| render(week_csv::WEEK_CSV, &e))?,
    ));
    files.push((
        week_json::WEEK_JSON.to_string(),
        week_json::WeekJson::new(s, week)
            .render()
            .map_err(|e| render(week_json::WEEK_JSON, &e))?,
    ));
    files.push((week_html::WEEK_HTML.to_string(), week_html::render(s, week)));
    Ok(files)
}

/// Writes `files` (relative paths, one folder deep at most) into `dir`, all or nothing
/// (see the module docs). Returns the paths written.
///
/// # Errors
/// [`WriteError`]; unless it is a [`WriteError::Commit`], nothing in `dir` was changed.
pub fn write_week_dir(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<Vec<PathBuf>, WriteError> {
    check_output_dir(dir)?;
    let empty = match fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_none(),
        Err(_) => !dir.exists(),
    };
    if empty {
        write_by_rename(dir, files)
    } else {
        write_beside(dir, files)
    }
}

fn folders(files: &[(String, Vec<u8>)]) -> Vec<&str> {
    let mut out: Vec<&str> = files
        .iter()
        .filter_map(|(name, _)| name.rsplit_once('/').map(|(f, _)| f))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Into a temporary sibling folder, then one rename.
fn write_by_rename(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<Vec<PathBuf>, WriteError> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    create_output_dir(parent)?;
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    let stage = |path: &Path, source: std::io::Error| WriteError::Stage {
        path: path.to_path_buf(),
        source,
    };
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempdir_in(parent)
        .map_err(|e| stage(dir, e))?;
    for f in folders(files) {
        let p = tmp.path().join(f);
        fs::create_dir_all(&p).map_err(|e| stage(&dir.join(f), e))?;
    }
    for (name, bytes) in files {
        let p = tmp.path().join(name);
        let mut file = fs::File::create(&p).map_err(|e| stage(&dir.join(name), e))?;
        file.write_all(bytes)
            .and_then(|()| file.sync_all())
            .map_err(|e| stage(&dir.join(name), e))?;
    }
    // Folders made by the temporary-folder builder are private (0700); give the week the
    // mode an ordinary folder gets.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o755));
    }
    let staged = tmp.keep();
    // An empty folder in the way is replaced by the rename itself (POSIX).
    if let Err(source) = fs::rename(&staged, dir) {
        let _ = fs::remove_dir_all(&staged);
        return Err(WriteError::Commit {
            path: dir.to_path_buf(),
            source,
        });
    }
    if let Ok(d) = fs::File::open(parent) {
        let _ = d.sync_all();
    }
    Ok(files.iter().map(|(n, _)| dir.join(n)).collect())
}

/// Staged beside the earlier files, replaced once all are staged.
fn write_beside(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<Vec<PathBuf>, WriteError> {
    let mut made = Vec::new();
    let result = (|| {
        for f in folders(files) {
            let p = dir.join(f);
            if !p.exists() {
                create_output_dir(&p)?;
                made.push(p);
            }
        }
        let refs: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        write_all_or_nothing(dir, &refs)
    })();
    if matches!(&result, Err(e) if !matches!(e, WriteError::Commit { .. })) {
        // Nothing was replaced: take away the empty folders made for it.
        for p in made.iter().rev() {
            let _ = fs::remove_dir(p);
        }
    }
    result
}
