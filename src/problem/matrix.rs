//! Square travel matrices, one pair (time, distance) per road profile: dense, or computed
//! from coordinates.

use crate::problem::LocationIdx;
use crate::problem::planar::PlanarMetric;
use crate::units::{Distance, Duration};
use std::sync::Arc;

/// A row-major `n × n` matrix.
///
/// Dense entries are kept as `i32` when every one fits (road times in seconds and distances
/// in metres always do): two profiles of 10,000 locations then take 1.6 GB instead of 3.2.
/// The infinite value is kept exactly (as `i32::MAX`); a matrix with an entry
/// that does not fit keeps every entry at full width. A matrix of an instance given as
/// points keeps only the points ([`Matrix::planar`]) and computes each entry when asked.
/// Which storage a matrix uses is invisible through this API, except for
/// [`Matrix::planar_metric`], which lets set-up code use the geometry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matrix<T> {
    n: usize,
    data: Storage<T>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Storage<T> {
    Narrow(Vec<i32>),
    Wide(Vec<T>),
    /// Entries computed from points; shared (a time matrix equal to the distance matrix
    /// holds the same metric).
    Planar(Arc<PlanarMetric>),
}

/// A matrix entry: an integer unit that converts to and from its raw `i64`.
pub trait MatrixEntry: Copy {
    /// The raw value.
    fn raw(self) -> i64;
    /// The entry of raw value `raw`.
    fn from_raw(raw: i64) -> Self;
}

impl MatrixEntry for Duration {
    fn raw(self) -> i64 {
        self.0
    }
    fn from_raw(raw: i64) -> Self {
        Duration(raw)
    }
}

impl MatrixEntry for Distance {
    fn raw(self) -> i64 {
        self.0
    }
    fn from_raw(raw: i64) -> Self {
        Distance(raw)
    }
}

/// The narrow value of the infinite entry ([`Duration::INFINITE`], the same raw value as
/// [`Distance::INFINITE`]).
pub const NARROW_INFINITE: i32 = i32::MAX;

#[inline]
fn narrow(raw: i64) -> Option<i32> {
    if raw == Duration::INFINITE.0 {
        return Some(NARROW_INFINITE);
    }
    i32::try_from(raw).ok().filter(|&x| x != NARROW_INFINITE)
}

#[inline(always)]
fn widen(x: i32) -> i64 {
    if x == NARROW_INFINITE {
        Duration::INFINITE.0
    } else {
        i64::from(x)
    }
}

impl<T: MatrixEntry> Matrix<T> {
    /// A matrix of size `n × n` filled with `value`.
    pub fn filled(n: usize, value: T) -> Self {
        let data = match narrow(value.raw()) {
            Some(x) => Storage::Narrow(vec![x; n * n]),
            None => Storage::Wide(vec![value; n * n]),
        };
        Self { n, data }
    }

    /// Wraps row-major data; `None` unless `data.len() == n * n`.
    pub fn from_row_major(n: usize, data: Vec<T>) -> Option<Self> {
        if data.len() != n * n {
            return None;
        }
        let packed: Option<Vec<i32>> = data.iter().map(|v| narrow(v.raw())).collect();
        let data = match packed {
            Some(p) => Storage::Narrow(p),
            None => Storage::Wide(data),
        };
        Some(Self { n, data })
    }

    /// The matrix whose entries `metric` computes from its points, in the problem's unit.
    pub fn planar(metric: Arc<PlanarMetric>) -> Self {
        Self {
            n: metric.size(),
            data: Storage::Planar(metric),
        }
    }

    /// The metric behind a matrix made by [`Matrix::planar`].
    pub fn planar_metric(&self) -> Option<&Arc<PlanarMetric>> {
        match &self.data {
            Storage::Planar(m) => Some(m),
            _ => None,
        }
    }

    /// True when both matrices compute their entries from the same metric (so they are
    /// equal entry by entry without reading any).
    pub fn shares_metric<U>(&self, other: &Matrix<U>) -> bool {
        match (&self.data, &other.data) {
            (Storage::Planar(a), Storage::Planar(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// Number of rows (and columns).
    #[inline]
    pub fn size(&self) -> usize {
        self.n
    }

    /// The entry from `from` to `to`.
    #[inline]
    pub fn get(&self, from: LocationIdx, to: LocationIdx) -> T {
        match &self.data {
            Storage::Narrow(d) => T::from_raw(widen(d[from.index() * self.n + to.index()])),
            Storage::Wide(d) => d[from.index() * self.n + to.index()],
            Storage::Planar(m) => T::from_raw(m.distance(from.index(), to.index())),
        }
    }

    /// The largest finite entry (zero for an empty matrix or one with none): a scan of
    /// every entry, or the farthest pair of points of a planar matrix.
    pub fn longest_finite(&self) -> T {
        let raw = match &self.data {
            Storage::Planar(m) => m.longest(),
            _ => self
                .entries()
                .map(MatrixEntry::raw)
                .filter(|&v| v < Duration::INFINITE.0)
                .max()
                .unwrap_or(0)
                .max(0),
        };
        T::from_raw(raw)
    }

    /// Sets the entry from `from` to `to` (a value that does not fit in 32 bits widens
    /// the whole matrix; a planar matrix becomes dense).
    pub fn set(&mut self, from: LocationIdx, to: LocationIdx, value: T) {
        if let Storage::Planar(m) = &self.data {
            let n = self.n;
            let dense: Vec<T> = (0..n * n)
                .map(|k| T::from_raw(m.distance(k / n, k % n)))
                .collect();
            *self = Self::from_row_major(n, dense).expect("n rows of n");
        }
        let k = from.index() * self.n + to.index();
        if let Storage::Narrow(d) = &mut self.data {
            match narrow(value.raw()) {
                Some(x) => {
                    d[k] = x;
                    return;
                }
                None => {
                    let wide = d.iter().map(|&x| T::from_raw(widen(x))).collect();
                    self.data = Storage::Wide(wide);
                }
            }
        }
        if let Storage::Wide(d) = &mut self.data {
            d[k] = value;
        }
    }

    /// Every entry, row after row.
    pub fn entries(&self) -> impl Iterator<Item = T> + '_ {
        (0..self.n).flat_map(|i| self.row(LocationIdx::new(i)))
    }

    /// One row, indexed by destination.
    pub fn row(&self, from: LocationIdx) -> impl ExactSizeIterator<Item = T> + '_ {
        let range = from.index() * self.n..(from.index() + 1) * self.n;
        let (narrow, wide, planar): (&[i32], &[T], _) = match &self.data {
            Storage::Narrow(d) => (&d[range], &[], None),
            Storage::Wide(d) => (&[], &d[range], None),
            Storage::Planar(m) => (&[], &[], Some((m.as_ref(), from.index(), 0..self.n))),
        };
        RowIter {
            narrow: narrow.iter(),
            wide: wide.iter(),
            planar,
        }
    }
}

/// The entries of one row, whichever the storage (at most one source is not empty).
struct RowIter<'a, T> {
    narrow: std::slice::Iter<'a, i32>,
    wide: std::slice::Iter<'a, T>,
    /// The metric, the row's point and the columns still to compute.
    planar: Option<(&'a PlanarMetric, usize, std::ops::Range<usize>)>,
}

impl<T: MatrixEntry> Iterator for RowIter<'_, T> {
    type Item = T;
    #[inline]
    fn next(&mut self) -> Option<T> {
        if let Some(&x) = self.narrow.next() {
            return Some(T::from_raw(widen(x)));
        }
        if let Some(&x) = self.wide.next() {
            return Some(x);
        }
        let (metric, from, columns) = self.planar.as_mut()?;
        columns
            .next()
            .map(|to| T::from_raw(metric.distance(*from, to)))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.narrow.len()
            + self.wide.len()
            + self.planar.as_ref().map_or(0, |(_, _, c)| c.len());
        (n, Some(n))
    }
}

impl<T: MatrixEntry> ExactSizeIterator for RowIter<'_, T> {}

/// Travel time and distance between all locations for one road profile.
///
/// Unreachable pairs hold [`Duration::INFINITE`] and [`Distance::INFINITE`]; the solver
/// treats them as forbidden arcs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TravelMatrices {
    /// Travel time, in the problem's time unit.
    pub time: Matrix<Duration>,
    /// Travel distance, in the problem's distance unit.
    pub distance: Matrix<Distance>,
}

impl TravelMatrices {
    /// Number of locations covered.
    pub fn size(&self) -> usize {
        self.time.size()
    }

    /// True when `to` can be reached from `from`.
    #[inline]
    pub fn reachable(&self, from: LocationIdx, to: LocationIdx) -> bool {
        !self.time.get(from, to).is_infinite()
    }
}
