//! All-or-nothing writing of files, and the one place output folders are created. Every
//! command writes through here: plans, generated scenarios, matrices, imported road
//! networks, benchmark solutions and the nightly job's folders.
//!
//! Every file is first written completely to a temporary name in the target directory and
//! flushed to disk (`fsync`); only then is it renamed over the old one (for a set of
//! files, only when all of them are staged), and the directory itself is synced. A failure
//! while staging (disk full, a writer error, the process killed) leaves every previous
//! output untouched: at worst a hidden `.<name>.*.tmp` file stays behind, never a
//! half-written output. Renames within one directory are atomic on POSIX file systems, so
//! each output is always either the old file or the new one, whole.
//!
//! New files get the mode an ordinary tool gives them: `0666` minus the process umask
//! (`0644` under the usual umask 022), whatever command writes them.
//!
//! Output folders are made by [`create_output_dir`], which tells a path that cannot be a
//! folder (a regular file is in the way: the user's mistake) from a failure of the machine.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why a file or a set of files could not be written.
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
    /// The output folder, or a folder on its way, exists as something else (a file).
    #[error(
        "{path} is not a folder (it is a file or another non-folder); give an output folder that does not exist yet or is a folder, or move {path} away"
    )]
    NotADirectory {
        /// The path that exists but is not a folder.
        path: PathBuf,
    },
    /// A target exists but is not a regular file, so it cannot be replaced.
    #[error("{path} exists and is not a regular file; move it away or choose another name")]
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

impl WriteError {
    /// True when the path given is at fault (exit code 2): something that is not a folder
    /// where a folder must be, or not a file where a file is to be replaced. Everything
    /// else is a failure of the machine (rights, disk).
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            WriteError::NotADirectory { .. } | WriteError::NotAFile { .. }
        )
    }
}

/// The first existing path among `dir` and its ancestors that is not a folder, if any.
/// Symbolic links are followed (a link to a folder is a folder).
fn blocking_ancestor(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .filter(|p| !p.as_os_str().is_empty())
        .find_map(|p| match fs::metadata(p) {
            Ok(meta) if meta.is_dir() => Some(None),
            Ok(_) => Some(Some(p.to_path_buf())),
            // Missing, or a path through a file (`ENOTDIR`): look further up.
            Err(_) => None,
        })
        .flatten()
}

/// Checks, without creating anything, that `dir` is a folder or could be created as one:
/// neither it nor any folder on its way exists as a file. Commands call it before long
/// work so that a wrong `--out` fails at once.
///
/// # Errors
/// [`WriteError::NotADirectory`] naming the path in the way.
pub fn check_output_dir(dir: &Path) -> Result<(), WriteError> {
    match blocking_ancestor(dir) {
        Some(path) => Err(WriteError::NotADirectory { path }),
        None => Ok(()),
    }
}

/// Creates the output folder `dir` and its missing parents; the one place every command
/// makes its output folders.
///
/// # Errors
/// [`WriteError::NotADirectory`] when `dir` or a folder on its way exists as a file (bad
/// input); [`WriteError::CreateDir`] for other failures (rights, disk).
pub fn create_output_dir(dir: &Path) -> Result<(), WriteError> {
    check_output_dir(dir)?;
    fs::create_dir_all(dir).map_err(|source| match blocking_ancestor(dir) {
        // Lost a race with someone making a file there: still the path's fault.
        Some(path) => WriteError::NotADirectory { path },
        None => WriteError::CreateDir {
            path: dir.to_path_buf(),
            source,
        },
    })
}

/// The folder a file path lives in (`.` for a bare file name).
fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A file being written under a temporary name beside its target: write into it (it is
/// [`Write`], buffered by the caller as needed), then [`StagedFile::commit`] moves it into
/// place; dropped without committing, it deletes itself and the target is untouched.
#[derive(Debug)]
pub struct StagedFile {
    tmp: tempfile::NamedTempFile,
    target: PathBuf,
}

impl StagedFile {
    /// Starts writing `target`. Its folder is created when missing; an existing `target`
    /// must be a regular file (it is replaced on commit).
    ///
    /// # Errors
    /// [`WriteError::NotADirectory`], [`WriteError::NotAFile`] (bad input), or
    /// [`WriteError::CreateDir`] / [`WriteError::Stage`].
    pub fn new(target: &Path) -> Result<StagedFile, WriteError> {
        let dir = parent_of(target);
        create_output_dir(dir)?;
        Self::in_existing_dir(target, dir)
    }

    fn in_existing_dir(target: &Path, dir: &Path) -> Result<StagedFile, WriteError> {
        if let Ok(meta) = fs::symlink_metadata(target)
            && !meta.is_file()
        {
            return Err(WriteError::NotAFile {
                path: target.to_path_buf(),
            });
        }
        let mut builder = tempfile::Builder::new();
        // 0666 here; the kernel takes the umask off, as for any new file (tempfile's own
        // default would be 0600).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let tmp = builder
            .prefix(&format!(
                ".{}.",
                target.file_name().unwrap_or_default().to_string_lossy()
            ))
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|source| WriteError::Stage {
                path: target.to_path_buf(),
                source,
            })?;
        Ok(StagedFile {
            tmp,
            target: target.to_path_buf(),
        })
    }

    /// The file it will become.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Flushes the data to disk; after this, [`Self::persist`] only renames.
    fn sync(&mut self) -> Result<(), WriteError> {
        self.tmp
            .flush()
            .and_then(|()| self.tmp.as_file().sync_all())
            .map_err(|source| WriteError::Stage {
                path: self.target.clone(),
                source,
            })
    }

    /// Renames the (synced) temporary file over the target.
    fn persist(self) -> Result<PathBuf, WriteError> {
        let StagedFile { tmp, target } = self;
        tmp.persist(&target).map_err(|e| WriteError::Commit {
            path: target.clone(),
            source: e.error,
        })?;
        Ok(target)
    }

    /// Syncs the file, moves it over the target and syncs the folder. Returns the target.
    ///
    /// # Errors
    /// [`WriteError::Stage`] (the target is untouched) or [`WriteError::Commit`].
    pub fn commit(mut self) -> Result<PathBuf, WriteError> {
        self.sync()?;
        let dir = parent_of(&self.target).to_path_buf();
        let target = self.persist()?;
        sync_dir(&dir);
        Ok(target)
    }
}

impl Write for StagedFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.tmp.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.tmp.flush()
    }
}

/// Makes renames in `dir` durable. Not every platform can open a directory for syncing;
/// the files are already whole either way.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Writes each `(file name, contents)` into `dir`, all or nothing (see the module docs).
/// Creates `dir` when missing. Returns the paths written, in the given order.
///
/// # Errors
/// [`WriteError`] naming the file or folder at fault; when it is not
/// [`WriteError::Commit`], no existing file was changed.
pub fn write_all_or_nothing(
    dir: &Path,
    files: &[(&str, &[u8])],
) -> Result<Vec<PathBuf>, WriteError> {
    create_output_dir(dir)?;
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
        // Staged beside its target (a name may hold a sub-folder), so the rename below
        // stays within one folder.
        let mut file = StagedFile::in_existing_dir(&path, path.parent().unwrap_or(dir))?;
        file.write_all(bytes).map_err(|source| WriteError::Stage {
            path: path.clone(),
            source,
        })?;
        file.sync()?;
        staged.push(file);
    }
    let mut written = Vec::with_capacity(staged.len());
    for file in staged {
        written.push(file.persist()?);
    }
    sync_dir(dir);
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_in_the_way_is_named() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("f");
        fs::write(&file, "x").unwrap();
        for dir in [file.clone(), file.join("sub"), file.join("sub/deeper")] {
            let err = create_output_dir(&dir).unwrap_err();
            assert!(err.is_bad_input(), "{err}");
            assert!(
                matches!(&err, WriteError::NotADirectory { path } if *path == file),
                "{err}"
            );
            let err = write_all_or_nothing(&dir, &[("a.txt", b"a")]).unwrap_err();
            assert!(err.to_string().contains("is not a folder"), "{err}");
        }
        assert_eq!(fs::read(&file).unwrap(), b"x");
        create_output_dir(&tmp.path().join("new/inner")).unwrap();
        assert!(tmp.path().join("new/inner").is_dir());
    }

    #[test]
    fn staged_file_replaces_its_target_only_on_commit() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("sub/out.csv");
        let mut f = StagedFile::new(&target).unwrap();
        f.write_all(b"new").unwrap();
        assert!(!target.exists());
        f.commit().unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new");
        let mut f = StagedFile::new(&target).unwrap();
        f.write_all(b"half").unwrap();
        drop(f);
        assert_eq!(fs::read(&target).unwrap(), b"new");
        let err = StagedFile::new(tmp.path()).unwrap_err();
        assert!(matches!(err, WriteError::NotAFile { .. }), "{err}");
    }
}
