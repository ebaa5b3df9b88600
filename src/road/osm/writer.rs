//! Writes `nodes.csv` and `edges.csv` in the format of `../shared/data/roads/README.md`,
//! plus the optional restriction columns the loader accepts.
//!
//! Each file is written to a temporary file in the output directory and renamed into place
//! only when complete, so a reader never sees half a CSV.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::OsmImportError;
use super::reader::{OsmNode, OsmRoads};
use crate::atomic::StagedFile;
use crate::road::csv_input::{EDGES_HEADER, NODES_HEADER};

/// The two files written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrittenFiles {
    /// Path of `nodes.csv`.
    pub nodes: PathBuf,
    /// Path of `edges.csv`.
    pub edges: PathBuf,
}

/// Writes `out_dir/nodes.csv` and `out_dir/edges.csv`, creating `out_dir` if needed.
///
/// # Errors
/// [`OsmImportError::Output`] when `out_dir` cannot be a folder or a file cannot be
/// written; [`OsmImportError::Write`] naming the file a CSV writer failed on.
pub fn write_csvs(roads: &OsmRoads, out_dir: &Path) -> Result<WrittenFiles, OsmImportError> {
    crate::atomic::create_output_dir(out_dir)?;
    let nodes_path = out_dir.join("nodes.csv");
    let edges_path = out_dir.join("edges.csv");
    let nodes_tmp = write_temp(&nodes_path, |w| write_nodes(w, &roads.nodes))?;
    let edges_tmp = write_temp(&edges_path, |w| write_edges(w, roads))?;
    nodes_tmp.commit()?;
    edges_tmp.commit()?;
    Ok(WrittenFiles {
        nodes: nodes_path,
        edges: edges_path,
    })
}

/// Writes one CSV under a temporary name beside `target` (mode from the umask, as every
/// output: [`StagedFile`]); the caller commits it.
fn write_temp(
    target: &Path,
    fill: impl FnOnce(&mut csv::Writer<&mut std::io::BufWriter<&mut StagedFile>>) -> csv::Result<()>,
) -> Result<StagedFile, OsmImportError> {
    let err = |reason| OsmImportError::Write {
        path: target.to_owned(),
        reason,
    };
    let mut staged = StagedFile::new(target)?;
    let mut buf = std::io::BufWriter::new(&mut staged);
    {
        let mut w = csv::Writer::from_writer(&mut buf);
        fill(&mut w).map_err(|e| err(e.into()))?;
        w.flush().map_err(err)?;
    }
    buf.flush().map_err(err)?;
    drop(buf);
    Ok(staged)
}

fn write_nodes<W: Write>(w: &mut csv::Writer<W>, nodes: &[OsmNode]) -> csv::Result<()> {
    w.write_record(NODES_HEADER)?;
    for n in nodes {
        w.write_record([n.id.to_string(), fixed7(n.lat_e7), fixed7(n.lon_e7)])?;
    }
    Ok(())
}

fn write_edges<W: Write>(w: &mut csv::Writer<W>, roads: &OsmRoads) -> csv::Result<()> {
    w.write_record(EDGES_HEADER)?;
    for arc in &roads.arcs {
        let way = &roads.ways[arc.way as usize];
        let maxspeed = if arc.along_way {
            way.maxspeed_forward_kmh
        } else {
            way.maxspeed_backward_kmh
        };
        w.write_record([
            arc.from.to_string().as_str(),
            arc.to.to_string().as_str(),
            format!("{:.2}", arc.length_m).as_str(),
            way.highway,
            if way.direction.is_oneway() { "1" } else { "0" },
            &maxspeed.map(|v| trimmed(v, 1)).unwrap_or_default(),
            &way.name,
            &way.max_width_m.map(|v| trimmed(v, 2)).unwrap_or_default(),
            &way.max_weight_t.map(|v| trimmed(v, 2)).unwrap_or_default(),
            &way.max_height_m.map(|v| trimmed(v, 2)).unwrap_or_default(),
            way.access.as_deref().unwrap_or_default(),
        ])?;
    }
    Ok(())
}

/// `601643249` → `"60.1643249"`: degrees with the 7 decimals OSM stores, from the exact
/// integer so no float rounding creeps in.
fn fixed7(e7: i32) -> String {
    let sign = if e7 < 0 { "-" } else { "" };
    let abs = e7.unsigned_abs();
    format!("{sign}{}.{:07}", abs / 10_000_000, abs % 10_000_000)
}

/// At most `decimals` decimals, without trailing zeros: `48.28 → "48.3"` (1), `8.05 → "8"`.
fn trimmed(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::{fixed7, trimmed};

    #[test]
    fn coordinates_keep_seven_decimals() {
        assert_eq!(fixed7(601_643_490), "60.1643490");
        assert_eq!(fixed7(-81_234_567), "-8.1234567");
        assert_eq!(fixed7(-5), "-0.0000005");
        assert_eq!(fixed7(0), "0.0000000");
    }

    #[test]
    fn numbers_lose_trailing_zeros() {
        assert_eq!(trimmed(48.280_32, 1), "48.3");
        assert_eq!(trimmed(8.046_72, 1), "8");
        assert_eq!(trimmed(50.0, 1), "50");
        assert_eq!(trimmed(2.286, 2), "2.29");
        assert_eq!(trimmed(7.5, 2), "7.5");
    }
}
