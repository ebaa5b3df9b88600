//! `wasteroute matrix`: travel times and distances between points on a road network.
//!
//! Reads `points.csv` (`id,lat,lon`), snaps every point for the chosen vehicle profile,
//! builds a contraction hierarchy and writes one row per ordered pair:
//! `from,to,time_s,distance_m` (whole seconds and metres, rounded half away from zero;
//! both cells empty when the pair is unreachable). The file is written under a temporary
//! name and renamed at the end, so a reader never sees half a matrix.

use super::exit::{self, Outcome};
use super::network::{NetworkSource, resolve_profile};
use super::values;
use anyhow::{Context, anyhow};
use clap::Args;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;
use wasteroute::diagnostic::{Diagnostic, Diagnostics};
use wasteroute::output::StagedFile;
use wasteroute::road::ch::ContractionHierarchy;
use wasteroute::road::dijkstra::{CsrGraph, SearchSpace};
use wasteroute::road::location_matrix::{dijkstra_row, rounded, stream_rows};
use wasteroute::road::snap::DEFAULT_MAX_SNAP_M;
use wasteroute::road::{ArcWeight, SnappedLocation, Snapper};

/// Flags of `wasteroute matrix`.
#[derive(Debug, Args)]
pub struct MatrixArgs {
    #[command(flatten)]
    source: NetworkSource,
    /// The points: a CSV file with header `id,lat,lon` (WGS84 degrees).
    #[arg(long, value_name = "FILE")]
    points: PathBuf,
    /// A built-in vehicle profile (car, cart, small_truck, compactor_16t) or a TOML file
    /// describing one.
    #[arg(long, default_value = "car")]
    profile: String,
    /// Where to write the matrix CSV.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Refuse points farther than this from a usable road, metres (above 0).
    #[arg(long, value_name = "M", default_value_t = DEFAULT_MAX_SNAP_M, value_parser = values::metres, allow_hyphen_values = true)]
    max_snap_m: f64,
    /// Check the rows of N evenly spread sources against plain Dijkstra (exit 3 on any
    /// difference); for CI.
    #[arg(long, value_name = "N", hide = true, value_parser = values::count)]
    verify_sources: Option<usize>,
}

/// One row of the points file.
struct Point {
    id: String,
    lat: f64,
    lon: f64,
}

/// Runs `wasteroute matrix`.
pub fn run(a: MatrixArgs) -> anyhow::Result<Outcome> {
    // The matrix's folder is made (or found to be a file) before the work.
    let mut staged = StagedFile::new(&a.out).map_err(|e| anyhow::Error::new(e).context("--out"))?;
    let profile = resolve_profile(&a.profile)?;
    let points = read_points(&a.points).map_err(exit::bad_input)?;
    let (network, _warnings) = a.source.load()?;
    let arcs = network.arc_list(&profile);

    let snapper = Snapper::new(&network, &arcs).with_max_distance_m(a.max_snap_m);
    let locations = snapper
        .snap_all(points.iter().map(|p| (p.id.as_str(), p.lat, p.lon)))
        .map_err(|e| exit::bad_input(anyhow!("{}: {e}", a.points.display())))?;

    let started = Instant::now();
    let (ch, cached) = ContractionHierarchy::build_cached(&arcs, &a.source.ch_cache());
    let preprocessing = started.elapsed();
    eprintln!(
        "hierarchy: {cached} in {:.2} s",
        preprocessing.as_secs_f64()
    );

    let verify = verified_rows(a.verify_sources, locations.len());
    let started = Instant::now();
    let kept = write_matrix(&mut staged, &points, &ch, &locations, &verify)?;
    staged.commit()?;
    eprintln!(
        "{} points, profile {}: hierarchy ready in {:.2} s, {}×{} matrix computed and written in {:.2} s",
        points.len(),
        profile.name,
        preprocessing.as_secs_f64(),
        points.len(),
        points.len(),
        started.elapsed().as_secs_f64(),
    );
    if !verify.is_empty() {
        check_against_dijkstra(&arcs, &locations, &points, &kept)?;
        eprintln!(
            "verified {} source rows against plain Dijkstra: identical in time and length",
            kept.len()
        );
    }
    Ok(Outcome::Done)
}

/// Reads `id,lat,lon`, collecting every problem with its line.
fn read_points(path: &Path) -> anyhow::Result<Vec<Point>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .with_context(|| format!("cannot open points file {}", path.display()))?;
    let headers = reader
        .headers()
        .with_context(|| format!("{}: cannot read the header", path.display()))?
        .clone();
    let column = |name: &str| {
        headers.iter().position(|h| h == name).ok_or_else(|| {
            let d = Diagnostic::error("missing_column", path, format!("missing column `{name}`"))
                .at_line(1)
                .hint("the header must name id, lat and lon");
            anyhow!("{d}")
        })
    };
    let (id_col, lat_col, lon_col) = (column("id")?, column("lat")?, column("lon")?);
    let mut points = Vec::new();
    let mut problems = Diagnostics::new();
    let mut first_line: BTreeMap<String, u64> = BTreeMap::new();
    for record in reader.records() {
        let record = record.with_context(|| format!("{}: cannot read a record", path.display()))?;
        let line = record.position().map_or(0, |p| p.line());
        let field = |col: usize| record.get(col).unwrap_or("");
        let id = field(id_col).to_owned();
        let number = |col: usize, name: &str, problems: &mut Diagnostics| {
            let text = field(col);
            match text.parse::<f64>() {
                Ok(v) if v.is_finite() => Some(v),
                _ => {
                    problems.push(
                        Diagnostic::error(
                            "bad_number",
                            path,
                            format!("`{text}` is not a number of degrees"),
                        )
                        .at_line(line)
                        .in_column(name)
                        .hint("write WGS84 degrees with a dot, e.g. 60.17"),
                    );
                    None
                }
            }
        };
        let lat = number(lat_col, "lat", &mut problems);
        let lon = number(lon_col, "lon", &mut problems);
        if id.is_empty() {
            problems.push(
                Diagnostic::error("missing_value", path, "empty id")
                    .at_line(line)
                    .in_column("id")
                    .hint("give every point a unique id"),
            );
        } else if let Some(first) = first_line.get(&id) {
            problems.push(
                Diagnostic::error(
                    "duplicate_id",
                    path,
                    format!("duplicate id `{id}` (first on line {first})"),
                )
                .at_line(line)
                .in_column("id")
                .hint("give every point a unique id"),
            );
        } else {
            first_line.insert(id.clone(), line);
        }
        if let (Some(lat), Some(lon)) = (lat, lon) {
            points.push(Point { id, lat, lon });
        }
    }
    if !problems.is_empty() {
        return Err(anyhow!("the points file has problems:\n{problems}"));
    }
    if points.is_empty() {
        return Err(anyhow!(
            "{}: no points (add rows `id,lat,lon` after the header)",
            path.display()
        ));
    }
    Ok(points)
}

/// The source rows to keep for verification: `count` rows spread evenly.
fn verified_rows(count: Option<usize>, n: usize) -> Vec<usize> {
    let count = count.unwrap_or(0).min(n);
    let mut rows: Vec<usize> = (0..count).map(|k| k * n / count).collect();
    rows.dedup();
    rows
}

/// Streams the matrix into the staged file (the caller commits it); returns the exact
/// rows listed in `keep`.
fn write_matrix(
    staged: &mut StagedFile,
    points: &[Point],
    ch: &ContractionHierarchy,
    locations: &[SnappedLocation],
    keep: &[usize],
) -> anyhow::Result<Vec<(usize, Vec<ArcWeight>)>> {
    let out = staged.target().to_path_buf();
    let mut writer = csv::Writer::from_writer(std::io::BufWriter::new(staged));
    writer.write_record(["from", "to", "time_s", "distance_m"])?;
    let width = locations.len();
    let mut kept = Vec::new();
    let mut failure: Option<anyhow::Error> = None;
    let (mut time, mut distance) = (String::new(), String::new());
    stream_rows(ch, locations, locations, |first_row, rows| {
        if failure.is_some() {
            return;
        }
        for (k, row) in rows.chunks(width).enumerate() {
            let i = first_row + k;
            if keep.binary_search(&i).is_ok() {
                kept.push((i, row.to_vec()));
            }
            for (j, &w) in row.iter().enumerate() {
                // Two reused buffers: a million rows should not mean two million allocations.
                time.clear();
                distance.clear();
                if !w.is_infinite() {
                    let (t, d) = rounded(w);
                    let _ = write!(time, "{}", t.get());
                    let _ = write!(distance, "{}", d.get());
                }
                if let Err(e) = writer.write_record([
                    points[i].id.as_str(),
                    points[j].id.as_str(),
                    &time,
                    &distance,
                ]) {
                    failure = Some(e.into());
                    return;
                }
            }
        }
    });
    if let Some(e) = failure {
        return Err(e.context(format!("cannot write {}", out.display())));
    }
    let buffered = writer
        .into_inner()
        .map_err(|e| anyhow!("cannot write {}: {}", out.display(), e.error()))?;
    buffered
        .into_inner()
        .map_err(|e| anyhow!("cannot write {}: {}", out.display(), e.error()))?;
    Ok(kept)
}

/// Recomputes the kept rows by plain Dijkstra and fails on the first difference.
fn check_against_dijkstra(
    arcs: &wasteroute::road::ArcList,
    locations: &[SnappedLocation],
    points: &[Point],
    kept: &[(usize, Vec<ArcWeight>)],
) -> anyhow::Result<()> {
    let graph = CsrGraph::from_arcs(arcs, false);
    let mut space = SearchSpace::new(graph.num_nodes());
    for (i, row) in kept {
        let oracle = dijkstra_row(&graph, &mut space, &locations[*i], locations);
        if let Some(j) = (0..row.len()).find(|&j| row[j] != oracle[j]) {
            return Err(anyhow!(
                "matrix check failed: from `{}` to `{}` the hierarchy gives {:?}, plain Dijkstra {:?}",
                points[*i].id,
                points[j].id,
                row[j],
                oracle[j]
            ));
        }
    }
    Ok(())
}
