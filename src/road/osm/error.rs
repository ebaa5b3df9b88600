//! Why an OpenStreetMap import failed, with what the user can do about it.

use std::path::PathBuf;

/// An import failure. Every variant names the file concerned; [`is_bad_input`] tells the
/// user's input (fix the file or the command) from a failure of the machine (disk, rights).
///
/// [`is_bad_input`]: OsmImportError::is_bad_input
#[derive(Debug, thiserror::Error)]
pub enum OsmImportError {
    /// The input file cannot be opened or read.
    #[error("cannot read {path}: {reason}; check the path and that the file is readable")]
    Open {
        /// The input file.
        path: PathBuf,
        /// The operating system's reason (part of the message, so not also a `source`).
        reason: std::io::Error,
    },
    /// The input is OSM XML rather than PBF.
    #[error(
        "{path} is OpenStreetMap XML, not PBF; convert it first, e.g. `osmium cat {path} -o FILE.osm.pbf`"
    )]
    XmlNotPbf {
        /// The input file.
        path: PathBuf,
    },
    /// The input is not a valid PBF file (wrong format, truncated, corrupt).
    #[error(
        "{path} is not a readable OpenStreetMap PBF file ({detail}); pass an `.osm.pbf` extract, e.g. from download.geofabrik.de"
    )]
    NotPbf {
        /// The input file.
        path: PathBuf,
        /// What the PBF decoder reported.
        detail: String,
    },
    /// The file holds no way with a drivable `highway` tag.
    #[error(
        "{path} holds no drivable road ({ways} ways read, none a drivable highway without access=no/private); check that the extract covers streets"
    )]
    NoDrivableWays {
        /// The input file.
        path: PathBuf,
        /// How many ways the file holds.
        ways: u64,
    },
    /// Drivable ways exist, but none of their segments has both nodes in the file.
    #[error(
        "{path} has {ways} drivable ways but none of their nodes; extract with complete ways (e.g. `osmium extract --strategy complete_ways`)"
    )]
    NoNodes {
        /// The input file.
        path: PathBuf,
        /// How many drivable ways were found.
        ways: usize,
    },
    /// A node of a drivable way lies outside WGS84 (latitude beyond ±90° or longitude
    /// beyond ±180°): the file is corrupt, and the CSVs written from it would not load.
    #[error(
        "{path}: node {node} of a drivable way has latitude {lat} and longitude {lon}, outside WGS84 (±90°, ±180°); the extract is corrupt, download it again"
    )]
    BadCoordinate {
        /// The input file.
        path: PathBuf,
        /// The OSM id of the node.
        node: i64,
        /// Its latitude, degrees.
        lat: f64,
        /// Its longitude, degrees.
        lon: f64,
    },
    /// The output folder cannot be made or a file in it cannot be written; a file where
    /// the folder should be is bad input.
    #[error(transparent)]
    Output(#[from] crate::atomic::WriteError),
    /// The output directory or a CSV in it cannot be written.
    #[error("cannot write {path}: {reason}; check that --out names a writable directory")]
    Write {
        /// The file or directory being written.
        path: PathBuf,
        /// The operating system's reason (part of the message, so not also a `source`).
        reason: std::io::Error,
    },
}

impl OsmImportError {
    /// True when the input is at fault (exit code 2); false for output failures (exit 3).
    pub fn is_bad_input(&self) -> bool {
        match self {
            OsmImportError::Write { .. } => false,
            OsmImportError::Output(w) => w.is_bad_input(),
            _ => true,
        }
    }
}
