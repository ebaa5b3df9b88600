//! Travel matrices between [`SnappedLocation`]s.
//!
//! A location enters the graph through its anchors: a trip *from* it starts at each
//! anchor's head with the anchor's `head_part` already travelled; a trip *to* it ends at
//! each anchor's tail with `tail_part` still to go. When two locations sit on the same
//! arc, with the origin before the destination, the trip may also go straight along that
//! arc. From a location to an identical one the trip is zero.
//!
//! Exact weights ([`ArcWeight`]: milliseconds and millimetres) are rounded only at the
//! end, to whole seconds and metres, half away from zero ([`rounded`]).

use super::ch::ContractionHierarchy;
use super::dijkstra::{CsrGraph, SearchSpace, Seed, one_to_all};
use super::{ArcWeight, SnappedLocation};
use crate::problem::{Matrix, TravelMatrices};
use crate::units::{Distance, Duration};

/// Rows computed together when streaming a matrix (bounds the working memory to
/// `ROW_BLOCK × targets × 16` bytes).
const ROW_BLOCK: usize = 256;

/// Where searches from `location` start: each anchor's head, after its `head_part`.
pub fn source_seeds(location: &SnappedLocation) -> Vec<Seed> {
    location
        .anchors
        .iter()
        .map(|a| (a.to, a.head_part))
        .collect()
}

/// Where searches into `location` end: each anchor's tail, before its `tail_part`.
pub fn target_seeds(location: &SnappedLocation) -> Vec<Seed> {
    location
        .anchors
        .iter()
        .map(|a| (a.from, a.tail_part))
        .collect()
}

/// The trip from `from` to `to` straight along an arc both lie on, when `from` lies
/// before (or at) `to` on it.
pub fn direct_weight(from: &SnappedLocation, to: &SnappedLocation) -> Option<ArcWeight> {
    let mut best: Option<ArcWeight> = None;
    for a in &from.anchors {
        for b in &to.anchors {
            let same_arc = a.from == b.from && a.to == b.to;
            let a_before_b = a.tail_part.time_ms <= b.tail_part.time_ms
                && a.tail_part.length_mm <= b.tail_part.length_mm;
            if same_arc && a_before_b {
                let along = ArcWeight {
                    time_ms: b.tail_part.time_ms - a.tail_part.time_ms,
                    length_mm: b.tail_part.length_mm - a.tail_part.length_mm,
                };
                best = Some(best.map_or(along, |w| w.min(along)));
            }
        }
    }
    best
}

/// An exact weight rounded to whole seconds and metres (half away from zero);
/// [`Duration::INFINITE`] and [`Distance::INFINITE`] when unreachable.
pub fn rounded(weight: ArcWeight) -> (Duration, Distance) {
    if weight.is_infinite() {
        return (Duration::INFINITE, Distance::INFINITE);
    }
    // Weights are never negative, so half away from zero is `(x + 500) / 1000`.
    let seconds = (weight.time_ms + 500) / 1000;
    let metres = (weight.length_mm + 500) / 1000;
    (Duration(seconds as i64), Distance(metres as i64))
}

/// A dense row-major matrix of exact weights between locations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeightMatrix {
    rows: usize,
    cols: usize,
    data: Vec<ArcWeight>,
}

impl WeightMatrix {
    /// Number of origins.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of destinations.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// From origin `i` to destination `j` ([`ArcWeight::INFINITE`] when unreachable).
    pub fn get(&self, i: usize, j: usize) -> ArcWeight {
        self.data[i * self.cols + j]
    }

    /// Origin `i`'s row.
    pub fn row(&self, i: usize) -> &[ArcWeight] {
        &self.data[i * self.cols..(i + 1) * self.cols]
    }

    /// Rounded to whole seconds and metres ([`rounded`]); must be square.
    pub fn to_travel_matrices(&self) -> Option<TravelMatrices> {
        if self.rows != self.cols {
            return None;
        }
        let (time, distance): (Vec<Duration>, Vec<Distance>) =
            self.data.iter().map(|&w| rounded(w)).unzip();
        Some(TravelMatrices {
            time: Matrix::from_row_major(self.rows, time)?,
            distance: Matrix::from_row_major(self.rows, distance)?,
        })
    }
}

/// Applies the same-arc direct trips of `sources[first_row..]` × `targets` to `block`.
fn apply_direct(
    sources: &[SnappedLocation],
    targets: &[SnappedLocation],
    first_row: usize,
    block: &mut [ArcWeight],
) {
    for (k, row) in block.chunks_mut(targets.len()).enumerate() {
        let from = &sources[first_row + k];
        for (cell, to) in row.iter_mut().zip(targets) {
            if let Some(direct) = direct_weight(from, to)
                && direct < *cell
            {
                *cell = direct;
            }
        }
    }
}

/// Computes the matrix from `sources` to `targets` block by block, calling
/// `sink(first_row, rows)` in row order with whole rows (row-major, `targets.len()` wide).
/// Only one block is held at a time, so memory stays small however many rows there are.
pub fn stream_rows(
    ch: &ContractionHierarchy,
    sources: &[SnappedLocation],
    targets: &[SnappedLocation],
    mut sink: impl FnMut(usize, &[ArcWeight]),
) {
    if targets.is_empty() {
        return;
    }
    let target_seeds: Vec<Vec<Seed>> = targets.iter().map(target_seeds).collect();
    let buckets = ch.target_buckets(&target_seeds);
    let mut block = Vec::new();
    for first_row in (0..sources.len()).step_by(ROW_BLOCK) {
        let chunk = &sources[first_row..(first_row + ROW_BLOCK).min(sources.len())];
        let seeds: Vec<Vec<Seed>> = chunk.iter().map(source_seeds).collect();
        block.resize(chunk.len() * targets.len(), ArcWeight::ZERO);
        ch.fill_rows(&buckets, &seeds, &mut block);
        apply_direct(sources, targets, first_row, &mut block);
        sink(first_row, &block);
    }
}

/// The exact matrix from `sources` to `targets`.
pub fn weight_matrix(
    ch: &ContractionHierarchy,
    sources: &[SnappedLocation],
    targets: &[SnappedLocation],
) -> WeightMatrix {
    let mut data = Vec::with_capacity(sources.len() * targets.len());
    stream_rows(ch, sources, targets, |_, rows| data.extend_from_slice(rows));
    WeightMatrix {
        rows: sources.len(),
        cols: targets.len(),
        data,
    }
}

/// Time and distance matrices between all `locations`, rounded to whole seconds and
/// metres, built without holding the exact matrix (16 bytes per pair in all).
pub fn travel_matrices(ch: &ContractionHierarchy, locations: &[SnappedLocation]) -> TravelMatrices {
    let n = locations.len();
    let mut time = Vec::with_capacity(n * n);
    let mut distance = Vec::with_capacity(n * n);
    stream_rows(ch, locations, locations, |_, rows| {
        for &w in rows {
            let (t, d) = rounded(w);
            time.push(t);
            distance.push(d);
        }
    });
    TravelMatrices {
        time: Matrix::from_row_major(n, time).expect("n rows of n"),
        distance: Matrix::from_row_major(n, distance).expect("n rows of n"),
    }
}

/// One row by plain Dijkstra on the forward graph: the oracle for [`weight_matrix`].
pub fn dijkstra_row(
    graph: &CsrGraph,
    space: &mut SearchSpace,
    source: &SnappedLocation,
    targets: &[SnappedLocation],
) -> Vec<ArcWeight> {
    one_to_all(graph, &source_seeds(source), space);
    targets
        .iter()
        .map(|to| {
            let via_nodes = to
                .anchors
                .iter()
                .filter(|b| !space.weight(b.from.0).is_infinite())
                .map(|b| space.weight(b.from.0) + b.tail_part)
                .min()
                .unwrap_or(ArcWeight::INFINITE);
            match direct_weight(source, to) {
                Some(direct) => direct.min(via_nodes),
                None => via_nodes,
            }
        })
        .collect()
}
