//! Integer arc weights with a lexicographic order: time first, then length.
//!
//! Ordering by `(time, length)` makes shortest paths unique in value, so every algorithm
//! (plain Dijkstra, contraction hierarchies, Floyd–Warshall) returns exactly the same
//! time *and* distance for a pair, whatever ties exist in travel time.

use std::ops::Add;

/// A dense node index of the road network.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeIdx(pub u32);

impl NodeIdx {
    /// As a `usize`, for slicing.
    #[inline]
    pub const fn index(self) -> usize {
        self.0 as usize
    }
}

/// Travel time in milliseconds and length in millimetres; ordered by time, then length.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArcWeight {
    /// Milliseconds.
    pub time_ms: u64,
    /// Millimetres.
    pub length_mm: u64,
}

impl ArcWeight {
    /// Nothing travelled.
    pub const ZERO: ArcWeight = ArcWeight {
        time_ms: 0,
        length_mm: 0,
    };

    /// Unreachable: larger than any real path, and safe to add a few times.
    pub const INFINITE: ArcWeight = ArcWeight {
        time_ms: u64::MAX / 8,
        length_mm: u64::MAX / 8,
    };

    /// The weight of `length_m` metres driven at `speed_kmh`, each rounded to the nearest
    /// integer unit (half away from zero). `speed_kmh` must be positive.
    pub fn from_metres(length_m: f64, speed_kmh: f64) -> ArcWeight {
        let time_s = length_m / (speed_kmh / 3.6);
        ArcWeight {
            time_ms: (time_s * 1000.0).round() as u64,
            length_mm: (length_m * 1000.0).round() as u64,
        }
    }

    /// True for [`Self::INFINITE`] and above.
    #[inline]
    pub fn is_infinite(self) -> bool {
        self.time_ms >= Self::INFINITE.time_ms
    }
}

impl Add for ArcWeight {
    type Output = ArcWeight;
    #[inline]
    fn add(self, rhs: ArcWeight) -> ArcWeight {
        ArcWeight {
            time_ms: self.time_ms + rhs.time_ms,
            length_mm: self.length_mm + rhs.length_mm,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_time_then_length() {
        let fast_long = ArcWeight {
            time_ms: 10,
            length_mm: 500,
        };
        let slow_short = ArcWeight {
            time_ms: 11,
            length_mm: 1,
        };
        let fast_short = ArcWeight {
            time_ms: 10,
            length_mm: 400,
        };
        assert!(fast_long < slow_short);
        assert!(fast_short < fast_long);
    }

    #[test]
    fn from_metres_rounds_once() {
        // 100 m at 36 km/h = 10 s exactly.
        let w = ArcWeight::from_metres(100.0, 36.0);
        assert_eq!(
            w,
            ArcWeight {
                time_ms: 10_000,
                length_mm: 100_000
            }
        );
        // 4.17 m at 30 km/h = 0.5004 s → 500 ms.
        assert_eq!(ArcWeight::from_metres(4.17, 30.0).time_ms, 500);
    }
}
