//! Integer measures used everywhere after the input boundary.
//!
//! Every quantity the solver touches is an integer in a unit chosen by whoever builds the
//! [`Problem`](crate::problem::Problem): the road planner uses seconds, metres and the
//! scenario's cost unit; benchmark readers pick the scale their convention needs (for
//! example tenths of a distance unit for Solomon's one-decimal truncation). Floats are
//! converted once, at the boundary, and the rounding rule is documented there.
//!
//! The newtypes never mix silently: adding a [`Duration`] to a [`Distance`] does not compile.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

macro_rules! measure {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl $name {
            /// The zero of this measure.
            pub const ZERO: $name = $name(0);
            /// A value larger than any sum the solver forms, used for "unreachable" or
            /// "no limit"; adding a few of them does not overflow.
            pub const INFINITE: $name = $name(i64::MAX / 8);

            /// The raw integer.
            #[inline]
            pub const fn get(self) -> i64 {
                self.0
            }

            /// True for [`Self::INFINITE`] and anything at least as large.
            #[inline]
            pub const fn is_infinite(self) -> bool {
                self.0 >= Self::INFINITE.0
            }

            /// Subtraction clamped at zero.
            #[inline]
            pub fn saturating_sub_zero(self, other: Self) -> Self {
                $name((self.0 - other.0).max(0))
            }
        }

        impl Add for $name {
            type Output = $name;
            #[inline]
            fn add(self, rhs: $name) -> $name {
                $name(self.0 + rhs.0)
            }
        }

        impl AddAssign for $name {
            #[inline]
            fn add_assign(&mut self, rhs: $name) {
                self.0 += rhs.0;
            }
        }

        impl Sub for $name {
            type Output = $name;
            #[inline]
            fn sub(self, rhs: $name) -> $name {
                $name(self.0 - rhs.0)
            }
        }

        impl SubAssign for $name {
            #[inline]
            fn sub_assign(&mut self, rhs: $name) {
                self.0 -= rhs.0;
            }
        }

        impl Neg for $name {
            type Output = $name;
            #[inline]
            fn neg(self) -> $name {
                $name(-self.0)
            }
        }

        impl Sum for $name {
            fn sum<I: Iterator<Item = $name>>(iter: I) -> $name {
                $name(iter.map(|v| v.0).sum())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

measure!(
    /// A span or a point on the plan's time line, in the problem's time unit
    /// (seconds for road-based plans; night shifts run past 24 h on one absolute line).
    Duration
);
measure!(
    /// A travelled distance in the problem's distance unit (metres for road-based plans).
    Distance
);
measure!(
    /// An amount in one capacity dimension (kg, litres, bins, …), in the problem's unit.
    Load
);
measure!(
    /// Money or any other objective value, in the problem's cost unit.
    Cost
);

impl Duration {
    /// Whole hours, minutes and seconds as one duration, for the road planner's seconds.
    pub const fn hms(hours: i64, minutes: i64, seconds: i64) -> Duration {
        Duration(hours * 3600 + minutes * 60 + seconds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_add_and_compare() {
        let a = Duration(30) + Duration(12);
        assert_eq!(a, Duration(42));
        assert!(Duration::INFINITE.is_infinite());
        assert!(!Duration(5).is_infinite());
        assert_eq!(Duration(3).saturating_sub_zero(Duration(5)), Duration::ZERO);
        assert_eq!(Duration::hms(1, 2, 3), Duration(3723));
        let total: Distance = [Distance(1), Distance(2)].into_iter().sum();
        assert_eq!(total, Distance(3));
    }
}
