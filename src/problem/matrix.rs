//! Dense square travel matrices, one pair (time, distance) per road profile.

use crate::problem::LocationIdx;
use crate::units::{Distance, Duration};

/// A dense row-major `n × n` matrix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matrix<T> {
    n: usize,
    data: Vec<T>,
}

impl<T: Copy> Matrix<T> {
    /// A matrix of size `n × n` filled with `value`.
    pub fn filled(n: usize, value: T) -> Self {
        Self {
            n,
            data: vec![value; n * n],
        }
    }

    /// Wraps row-major data; `None` unless `data.len() == n * n`.
    pub fn from_row_major(n: usize, data: Vec<T>) -> Option<Self> {
        (data.len() == n * n).then_some(Self { n, data })
    }

    /// Number of rows (and columns).
    #[inline]
    pub fn size(&self) -> usize {
        self.n
    }

    /// The entry from `from` to `to`.
    #[inline]
    pub fn get(&self, from: LocationIdx, to: LocationIdx) -> T {
        self.data[from.index() * self.n + to.index()]
    }

    /// Sets the entry from `from` to `to`.
    #[inline]
    pub fn set(&mut self, from: LocationIdx, to: LocationIdx, value: T) {
        self.data[from.index() * self.n + to.index()] = value;
    }

    /// Every entry, row after row.
    #[inline]
    pub fn row_major(&self) -> &[T] {
        &self.data
    }

    /// One row, as a slice indexed by destination.
    #[inline]
    pub fn row(&self, from: LocationIdx) -> &[T] {
        &self.data[from.index() * self.n..(from.index() + 1) * self.n]
    }
}

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
