//! All-or-nothing writing of a set of files into one directory.
//!
//! Every file is first written completely to a temporary name in the target directory and
//! flushed to disk (`fsync`); only when all of them are staged are they renamed over the
//! old ones, and the directory itself is synced. A failure while staging (disk full, a
//! writer error, the process killed) leaves every previous output untouched: at worst a
//! hidden `.<name>.*.tmp` file stays behind, never a half-written output. Renames within
//! one directory are atomic on POSIX file systems, so each output is always either the old
//! file or the new one, whole.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why a set of files could not be written.
#[derive(Debug, Error)]
pub enum WriteError {
    /// The output directory could not be created.
    #[error("cannot create the output directory {path}: {source}")]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// A target exists but is not a regular file, so it cannot be replaced.
    #[error("{path} exists and is not a regular file; move it away and run again")]
    NotAFile {
        /// The target.
        path: PathBuf,
    },
    /// Staging a file failed; nothing was replaced.
    #[error("cannot write {path} (no output was replaced): {source}")]
    Stage {
        /// The file that failed.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// Moving a staged file into place failed.
    #[error("cannot move the new {path} into place: {source}")]
    Commit {
        /// The target.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
}

/// Writes each `(file name, contents)` into `dir`, all or nothing (see the module docs).
/// Creates `dir` when missing. Returns the paths written, in the given order.
///
/// # Errors
/// [`WriteError`] naming the file at fault; when it is not [`WriteError::Commit`], no
/// existing file was changed.
pub fn write_all_or_nothing(
    dir: &Path,
    files: &[(&str, &[u8])],
) -> Result<Vec<PathBuf>, WriteError> {
    fs::create_dir_all(dir).map_err(|source| WriteError::CreateDir {
        path: dir.to_path_buf(),
        source,
    })?;
    for (name, _) in files {
        let path = dir.join(name);
        if let Ok(meta) = fs::symlink_metadata(&path)
            && !meta.is_file()
        {
            return Err(WriteError::NotAFile { path });
        }
    }
    // Stage everything first; the temporary files delete themselves if we return early.
    let mut staged = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let path = dir.join(name);
        let stage = |path: &Path| -> io::Result<tempfile::NamedTempFile> {
            let parent = path.parent().unwrap_or(dir);
            let mut builder = tempfile::Builder::new();
            // Plans are read by other users and tools (a web server, the job runner):
            // the usual 0644 of a new file, not the 0600 of a temporary one.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                builder.permissions(fs::Permissions::from_mode(0o644));
            }
            let mut tmp = builder
                .prefix(&format!(
                    ".{}.",
                    path.file_name().unwrap_or_default().to_string_lossy()
                ))
                .suffix(".tmp")
                .tempfile_in(parent)?;
            tmp.write_all(bytes)?;
            tmp.as_file().sync_all()?;
            Ok(tmp)
        };
        let tmp = stage(&path).map_err(|source| WriteError::Stage {
            path: path.clone(),
            source,
        })?;
        staged.push((tmp, path));
    }
    let mut written = Vec::with_capacity(staged.len());
    for (tmp, path) in staged {
        tmp.persist(&path).map_err(|e| WriteError::Commit {
            path: path.clone(),
            source: e.error,
        })?;
        written.push(path);
    }
    // Make the renames themselves durable. Not every platform can open a directory for
    // syncing; the files are already whole either way.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(written)
}
