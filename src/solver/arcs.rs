//! A compact copy of a profile's travel matrices for the search's hot loops.
//!
//! The problem keeps times and distances as `i64` (8 MB per matrix at 1000 locations);
//! the constant-time move checks read a few scattered entries each, so most of their time
//! goes to cache misses. Here the same numbers are kept as `i32`, one value per pair when
//! time equals distance and an interleaved (distance, time) pair otherwise (one cache line
//! serves both). Every entry converts back exactly: a finite value must fit in an `i32`
//! (other than the sentinel), and the infinite value ([`Distance::INFINITE`], which equals
//! [`Duration::INFINITE`]) is stored as [`UNREACHABLE`]. When any entry does not fit, no
//! compact copy is made and [`Arcs`] reads the `i64` matrices, so nothing can overflow.
//! A planar profile (an instance given as points, see [`crate::problem::PlanarMetric`]) gets
//! no copy when its coordinates are whole or it is large: see [`PLANAR_TABLE_MAX`].

use crate::problem::{LocationIdx, TravelMatrices};
use crate::units::{Distance, Duration};

/// The stored value of an unreachable pair.
pub const UNREACHABLE: i32 = i32::MAX;

/// Raw value of an infinite time or distance (the same for both).
const INF: i64 = Distance::INFINITE.0;

/// The most locations of a planar profile (entries computed from points) that get a
/// table. With whole coordinates no table is made: one float square root computes an entry
/// as fast as a table of 1,000 locations serves it, and faster than a larger one, whose
/// reads miss the caches (measured with `--iterations 20000 --threads 1`: X-n957 4.56 s
/// computed against 4.49 s from the table, C1_10_1 6.0 s against 7.9 s, Leuven2 12.4 s
/// against 20.7 s). With fractional coordinates (MDVRPTW) computing costs 10–30 % more
/// than reading a small table, so those get one up to this size (100 MB of `i32`); above
/// it, or at 30,000 locations (3.6 GB), computing wins again.
pub const PLANAR_TABLE_MAX: usize = 5_000;

/// One profile's times and distances as `i32`, row-major; see the module docs.
#[derive(Clone, Debug)]
pub struct CompactArcs {
    n: usize,
    /// `log2` of the values per pair: 0 when time equals distance (one value serves both),
    /// 1 when each pair holds (distance, time). Also the offset of the time in a pair.
    shift: u32,
    data: Vec<i32>,
}

/// The compact value of `v`, or `None` when it would not convert back exactly.
#[inline]
pub fn pack(v: i64) -> Option<i32> {
    if v == INF {
        return Some(UNREACHABLE);
    }
    i32::try_from(v).ok().filter(|&x| x != UNREACHABLE)
}

/// The value [`pack`] stored as `x`.
#[inline(always)]
pub fn unpack(x: i32) -> i64 {
    if x == UNREACHABLE { INF } else { i64::from(x) }
}

impl CompactArcs {
    /// The compact copy of `m`, or `None` when some entry does not fit. With
    /// `time_is_distance` (every time equals its distance) one value per pair is kept.
    pub fn new(m: &TravelMatrices, time_is_distance: bool) -> Option<Self> {
        let n = m.size();
        if let Some(metric) = m.distance.planar_metric()
            && (metric.whole_coordinates() || n > PLANAR_TABLE_MAX)
        {
            return None;
        }
        let shift = u32::from(!time_is_distance);
        let mut data = Vec::with_capacity((n * n) << shift);
        for i in 0..n {
            let a = LocationIdx::new(i);
            let (d, t) = (m.distance.row(a), m.time.row(a));
            for (d, t) in d.zip(t) {
                if time_is_distance {
                    debug_assert_eq!(d.get(), t.get());
                    data.push(pack(d.get())?);
                } else {
                    data.push(pack(d.get())?);
                    data.push(pack(t.get())?);
                }
            }
        }
        Some(CompactArcs { n, shift, data })
    }

    /// Number of locations covered.
    pub fn size(&self) -> usize {
        self.n
    }

    #[inline(always)]
    fn at(&self, from: LocationIdx, to: LocationIdx) -> usize {
        (from.index() * self.n + to.index()) << self.shift
    }

    /// Distance from `from` to `to`.
    #[inline(always)]
    pub fn distance(&self, from: LocationIdx, to: LocationIdx) -> Distance {
        Distance(unpack(self.data[self.at(from, to)]))
    }

    /// Travel time from `from` to `to`.
    #[inline(always)]
    pub fn time(&self, from: LocationIdx, to: LocationIdx) -> Duration {
        Duration(unpack(self.data[self.at(from, to) + self.shift as usize]))
    }
}

/// Where the hot loops read arcs: the compact copy when there is one, else the problem's
/// matrices. Same values either way.
#[derive(Clone, Copy, Debug)]
pub enum Arcs<'a> {
    /// The compact copy.
    Compact(&'a CompactArcs),
    /// The problem's `i64` matrices; `same` when time equals distance (one lookup).
    Wide {
        /// The matrices.
        m: &'a TravelMatrices,
        /// Time equals distance entry by entry.
        same: bool,
    },
}

impl Arcs<'_> {
    /// Distance from `from` to `to`.
    #[inline(always)]
    pub fn distance(&self, from: LocationIdx, to: LocationIdx) -> Distance {
        match self {
            Arcs::Compact(c) => c.distance(from, to),
            Arcs::Wide { m, .. } => m.distance.get(from, to),
        }
    }

    /// Travel time from `from` to `to`.
    #[inline(always)]
    pub fn time(&self, from: LocationIdx, to: LocationIdx) -> Duration {
        match self {
            Arcs::Compact(c) => c.time(from, to),
            Arcs::Wide { m, same: true } => Duration(m.distance.get(from, to).get()),
            Arcs::Wide { m, same: false } => m.time.get(from, to),
        }
    }

    /// Distance and travel time from `from` to `to`.
    #[inline(always)]
    pub fn both(&self, from: LocationIdx, to: LocationIdx) -> (Distance, Duration) {
        match self {
            Arcs::Compact(c) => {
                let at = c.at(from, to);
                let d = unpack(c.data[at]);
                let t = unpack(c.data[at + c.shift as usize]);
                (Distance(d), Duration(t))
            }
            Arcs::Wide { m, same: true } => {
                let d = m.distance.get(from, to);
                (d, Duration(d.get()))
            }
            Arcs::Wide { m, same: false } => (m.distance.get(from, to), m.time.get(from, to)),
        }
    }
}
