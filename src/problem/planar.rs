//! Distances computed from coordinates on demand, for instances given as points.
//!
//! A benchmark of 30,000 customers would need 3.6 GB per dense `i32` matrix; its distances
//! are a rounding rule applied to Euclidean (or Manhattan) distances between points, so a
//! [`PlanarMetric`] keeps the points (16 bytes each) and computes an entry when it is
//! asked for, exactly as the dense matrix would have held it. Nearest-neighbour lists come
//! from a k-d tree ([`PlanarMetric::nearest`]) and the longest arc from the convex hull
//! ([`PlanarMetric::longest`]), so nothing is quadratic in the number of points.

use rstar::RTree;
use rstar::primitives::GeomWithData;

/// How one arc's real-valued distance becomes an integer of the problem's distance unit.
///
/// With integer coordinates every rule is computed exactly with an integer square root,
/// so no float rounding can move a value across an integer boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    /// `nint(d)`: Euclidean distance rounded to the nearest integer (TSPLIB `EUC_2D`, X set).
    Nearest,
    /// `⌊10·d⌋`: truncated to one decimal and stored in tenths (DIMACS VRPTW convention).
    TruncatedTenths,
    /// `round(10³·d)`: PyVRP's `exact` rounding (its MDVRPTW and HFVRP `.sol` files).
    NearestThousandths,
    /// `round(10⁴·d)`: practically unrounded, for tables of unrounded distances.
    NearestTenThousandths,
    /// Manhattan distance in feet, rounded to the nearest foot (Kim et al. 2006).
    ManhattanFeet,
}

impl Rounding {
    /// Problem distance units per unit of the original coordinates' distance.
    pub fn scale(self) -> i64 {
        match self {
            Rounding::Nearest | Rounding::ManhattanFeet => 1,
            Rounding::TruncatedTenths => 10,
            Rounding::NearestThousandths => 1_000,
            Rounding::NearestTenThousandths => 10_000,
        }
    }

    /// The integer distance between two points under this rule.
    pub fn distance(self, a: (f64, f64), b: (f64, f64)) -> i64 {
        let (dx, dy) = (a.0 - b.0, a.1 - b.1);
        if let Rounding::ManhattanFeet = self {
            return (dx.abs() + dy.abs()).round() as i64;
        }
        let integral = |v: f64| v.fract() == 0.0 && v.abs() < 1e12;
        if integral(dx) && integral(dy) {
            let d2 = (dx as i128 * dx as i128 + dy as i128 * dy as i128) as u128;
            let s = self.scale() as u128;
            let scaled = d2 * s * s;
            let root = isqrt(scaled);
            let value = match self {
                Rounding::TruncatedTenths => root,
                // sqrt(m) >= k + 1/2  <=>  m >= k² + k + 1/4  <=>  m > k² + k for integers.
                _ if scaled > root * root + root => root + 1,
                _ => root,
            };
            value as i64
        } else {
            let d = (dx * dx + dy * dy).sqrt() * self.scale() as f64;
            match self {
                Rounding::TruncatedTenths => d.floor() as i64,
                _ => d.round() as i64,
            }
        }
    }
}

/// `⌊√m⌋`, exactly. Below 2⁵² the square root of `m` as an `f64` is within one of the
/// answer (`m` converts exactly and `sqrt` is correctly rounded), so two integer
/// comparisons fix it up; that is many times faster than the `u128` integer root, which
/// stays for larger values.
#[inline]
fn isqrt(m: u128) -> u128 {
    if m < 1 << 52 {
        let m = m as u64;
        let mut k = (m as f64).sqrt() as u64;
        while k * k > m {
            k -= 1;
        }
        while (k + 1) * (k + 1) <= m {
            k += 1;
        }
        u128::from(k)
    } else {
        m.isqrt()
    }
}

/// Points and the rule that turns the distance between two of them into an integer: a
/// travel matrix without its `n²` entries.
#[derive(Clone, Debug)]
pub struct PlanarMetric {
    points: Vec<(f64, f64)>,
    rounding: Rounding,
    /// The points again as integers, when every coordinate is a whole number and every
    /// squared scaled distance stays below [`FAST_LIMIT`]: then one float square root
    /// gives the exact answer (see [`PlanarMetric::distance`]).
    whole: Option<Vec<(i32, i32)>>,
}

/// Below this, a squared scaled distance `m` is exact as an `f64` and so far from the
/// rounding boundaries that the correctly rounded `sqrt(m)` rounds (or truncates) to the
/// exact integer: for a `k < 2²⁵` the root of a whole `m` is at least `1 / (4k + 2)` from
/// `k + ½` and, unless `m = k²`, at least `1 / (2k + 1)` from `k`, far more than the
/// `k · 2⁻⁵³` the float root can be off.
const FAST_LIMIT: f64 = (1u64 << 50) as f64;

impl PartialEq for PlanarMetric {
    fn eq(&self, other: &Self) -> bool {
        self.rounding == other.rounding
            && self.points.len() == other.points.len()
            && self
                .points
                .iter()
                .zip(&other.points)
                .all(|(a, b)| a.0.to_bits() == b.0.to_bits() && a.1.to_bits() == b.1.to_bits())
    }
}

impl Eq for PlanarMetric {}

impl PlanarMetric {
    /// The metric over `points` (indexed as the problem's locations) under `rounding`.
    pub fn new(points: Vec<(f64, f64)>, rounding: Rounding) -> Self {
        let whole = whole_points(&points, rounding);
        Self {
            points,
            rounding,
            whole,
        }
    }

    /// Number of points.
    #[inline]
    pub fn size(&self) -> usize {
        self.points.len()
    }

    /// True when every coordinate is whole (and the spans small enough) for
    /// [`PlanarMetric::distance`] to compute an entry with one float square root.
    pub fn whole_coordinates(&self) -> bool {
        self.whole.is_some()
    }

    /// The rounding rule.
    pub fn rounding(&self) -> Rounding {
        self.rounding
    }

    /// The integer distance from point `a` to point `b` (zero from a point to itself).
    #[inline]
    pub fn distance(&self, a: usize, b: usize) -> i64 {
        if let Some(whole) = &self.whole {
            let (p, q) = (whole[a], whole[b]);
            let (dx, dy) = (i64::from(p.0 - q.0), i64::from(p.1 - q.1));
            let scale = self.rounding.scale();
            let root = (((dx * dx + dy * dy) * scale * scale) as f64).sqrt();
            return match self.rounding {
                Rounding::ManhattanFeet => dx.abs() + dy.abs(),
                Rounding::TruncatedTenths => root as i64,
                _ => root.round() as i64,
            };
        }
        if a == b {
            return 0;
        }
        self.rounding.distance(self.points[a], self.points[b])
    }

    /// The largest distance between two points. Only points on the convex hull can be
    /// the ends of the longest segment (distance to a point is convex along a segment), so
    /// the pairs of hull points are enough; near-collinear points are kept on the hull so
    /// that float error in the orientation test cannot drop an end.
    pub fn longest(&self) -> i64 {
        let hull = hull_with_collinear(&self.points);
        let mut best = 0;
        for (i, &a) in hull.iter().enumerate() {
            for &b in &hull[i + 1..] {
                best = best.max(self.distance(a, b));
            }
        }
        best
    }

    /// For each point in `from`, the `k` points of `among` nearest to it (itself left out,
    /// by position in `among`), nearest first, ties by position: exactly the order of the
    /// sorted integer distances, found with a k-d tree instead of a scan of every pair.
    pub fn nearest(&self, among: &[usize], k: usize) -> Vec<Vec<usize>> {
        let tree = RTree::bulk_load(
            among
                .iter()
                .enumerate()
                .map(|(pos, &p)| GeomWithData::new([self.points[p].0, self.points[p].1], pos))
                .collect(),
        );
        let k = k.min(among.len().saturating_sub(1));
        if k == 0 {
            return vec![Vec::new(); among.len()];
        }
        let scale = self.rounding.scale() as f64;
        among
            .iter()
            .enumerate()
            .map(|(me, &p)| {
                let mut found: Vec<(i64, usize)> = Vec::with_capacity(k + 8);
                // Points come in order of their Euclidean distance `e`. Every rule is at
                // least `⌊e · scale⌋ − 1` for every later point (Manhattan is never shorter
                // than Euclidean; the float error is far below one unit), so once that
                // passes the k-th best found, no later point can be among the k.
                let mut kth = i64::MAX;
                let (x, y) = self.points[p];
                for near in tree.nearest_neighbor_iter([x, y]) {
                    let pos = near.data;
                    if pos == me {
                        continue;
                    }
                    let q = self.points[among[pos]];
                    let e = ((q.0 - x).powi(2) + (q.1 - y).powi(2)).sqrt();
                    if found.len() >= k && (e * scale).floor() as i64 - 1 > kth {
                        break;
                    }
                    let d = self.distance(p, among[pos]);
                    found.push((d, pos));
                    if found.len() == k {
                        // An upper bound on the k-th smallest: later points only lower it.
                        kth = found.iter().map(|f| f.0).max().unwrap_or(0);
                    }
                }
                found.sort_unstable();
                found.truncate(k);
                found.into_iter().map(|(_, pos)| pos).collect()
            })
            .collect()
    }
}

/// The points as `i32` pairs when [`PlanarMetric::distance`] may use its fast path: every
/// coordinate whole, and the bounding box's squared scaled diagonal below [`FAST_LIMIT`].
fn whole_points(points: &[(f64, f64)], rounding: Rounding) -> Option<Vec<(i32, i32)>> {
    let whole = |v: f64| v.fract() == 0.0 && v.abs() < f64::from(1 << 30);
    if !points.iter().all(|p| whole(p.0) && whole(p.1)) {
        return None;
    }
    let span = |f: fn(&(f64, f64)) -> f64| {
        let (lo, hi) = points
            .iter()
            .map(f)
            .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
        (hi - lo).max(0.0)
    };
    let (w, h) = (span(|p| p.0), span(|p| p.1));
    let scale = rounding.scale() as f64;
    if (w * w + h * h) * scale * scale >= FAST_LIMIT {
        return None;
    }
    Some(points.iter().map(|p| (p.0 as i32, p.1 as i32)).collect())
}

/// The points of the convex hull of `points` (indices), with points on or within float
/// error of the hull's edges kept (Andrew's monotone chain, which is O(n log n)).
fn hull_with_collinear(points: &[(f64, f64)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&a, &b| {
        let (pa, pb) = (points[a], points[b]);
        pa.0.total_cmp(&pb.0).then(pa.1.total_cmp(&pb.1))
    });
    if order.len() < 3 {
        return order;
    }
    // Relative tolerance of the orientation test: turns this close to straight count as
    // straight, and straight points stay.
    let scale = points
        .iter()
        .map(|p| p.0.abs().max(p.1.abs()))
        .fold(1.0_f64, f64::max);
    let tolerance = scale * scale * 1e-9;
    let cross = |o: usize, a: usize, b: usize| {
        let (o, a, b) = (points[o], points[a], points[b]);
        (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
    };
    let chain = |iter: &mut dyn Iterator<Item = usize>| {
        let mut half: Vec<usize> = Vec::new();
        for p in iter {
            while half.len() >= 2
                && cross(half[half.len() - 2], half[half.len() - 1], p) < -tolerance
            {
                half.pop();
            }
            half.push(p);
        }
        half
    };
    let mut lower = chain(&mut order.iter().copied());
    let upper = chain(&mut order.iter().rev().copied());
    lower.extend(upper);
    lower.sort_unstable();
    lower.dedup();
    lower
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn random_points(n: usize, seed: u64, integral: bool) -> Vec<(f64, f64)> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        (0..n)
            .map(|_| {
                let (x, y): (f64, f64) =
                    (rng.random_range(0.0..1000.0), rng.random_range(0.0..1000.0));
                if integral {
                    (x.floor(), y.floor())
                } else {
                    (x, y)
                }
            })
            .collect()
    }

    #[test]
    fn fast_root_matches_the_integer_root() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for _ in 0..100_000 {
            let m: u128 = rng.random_range(0..1u128 << 60);
            assert_eq!(isqrt(m), m.isqrt(), "{m}");
        }
        for k in [0u128, 1, 2, 3, 1 << 20, (1 << 26) - 1, 1 << 26, 94_906_265] {
            for m in [k * k, (k * k).saturating_sub(1), k * k + 1, k * k + 2 * k] {
                assert_eq!(isqrt(m), m.isqrt(), "{m}");
            }
        }
    }

    #[test]
    fn the_fast_path_agrees_with_the_exact_rule() {
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        for rounding in [
            Rounding::Nearest,
            Rounding::TruncatedTenths,
            Rounding::NearestThousandths,
            Rounding::ManhattanFeet,
        ] {
            // Spans close to the fast path's limit for this rule's scale.
            let side = ((FAST_LIMIT / 2.0).sqrt() / rounding.scale() as f64).floor() - 1.0;
            let points: Vec<(f64, f64)> = (0..2000)
                .map(|_| {
                    let x: f64 = rng.random_range(0.0..=side);
                    let y: f64 = rng.random_range(0.0..=side);
                    (x.floor(), y.floor())
                })
                .chain([(0.0, 0.0), (side, side), (3.0, 4.0)])
                .collect();
            let metric = PlanarMetric::new(points.clone(), rounding);
            assert!(metric.whole.is_some(), "{rounding:?} takes the fast path");
            for a in 0..points.len() {
                for b in [
                    0,
                    1,
                    points.len() - 1,
                    points.len() - 2,
                    (a * 7) % points.len(),
                ] {
                    assert_eq!(
                        metric.distance(a, b),
                        rounding.distance(points[a], points[b]),
                        "{rounding:?} {:?} {:?}",
                        points[a],
                        points[b]
                    );
                }
            }
        }
        let far = PlanarMetric::new(vec![(0.0, 0.0), (1e9, 0.0)], Rounding::Nearest);
        assert!(
            far.whole.is_none(),
            "spans past the limit take the exact path"
        );
        assert_eq!(far.distance(0, 1), 1_000_000_000);
    }

    #[test]
    fn longest_is_the_largest_pair_distance() {
        for (seed, integral, rounding) in [
            (1, true, Rounding::Nearest),
            (2, false, Rounding::TruncatedTenths),
            (3, false, Rounding::NearestThousandths),
            (4, true, Rounding::ManhattanFeet),
        ] {
            let mut points = random_points(300, seed, integral);
            // Collinear points on the bounding box's edges.
            points.extend([(0.0, 0.0), (0.0, 500.0), (0.0, 1000.0), (1000.0, 1000.0)]);
            let metric = PlanarMetric::new(points, rounding);
            let n = metric.size();
            let brute = (0..n)
                .flat_map(|a| (0..n).map(move |b| (a, b)))
                .map(|(a, b)| metric.distance(a, b))
                .max()
                .unwrap();
            assert_eq!(metric.longest(), brute, "seed {seed}");
        }
    }

    #[test]
    fn nearest_matches_a_sort_of_every_distance() {
        for (seed, integral, rounding) in [
            (5, true, Rounding::Nearest),
            (6, false, Rounding::TruncatedTenths),
            (7, true, Rounding::TruncatedTenths),
            (8, true, Rounding::ManhattanFeet),
        ] {
            let mut points = random_points(400, seed, integral);
            // Duplicated points and exact ties.
            points.extend([(10.0, 10.0), (10.0, 10.0), (13.0, 14.0), (14.0, 13.0)]);
            let metric = PlanarMetric::new(points, rounding);
            let among: Vec<usize> = (1..metric.size()).collect();
            for k in [1, 8, 64, 1000] {
                let fast = metric.nearest(&among, k);
                for (me, &p) in among.iter().enumerate() {
                    let mut all: Vec<(i64, usize)> = among
                        .iter()
                        .enumerate()
                        .filter(|&(pos, _)| pos != me)
                        .map(|(pos, &q)| (metric.distance(p, q), pos))
                        .collect();
                    all.sort_unstable();
                    let want: Vec<usize> = all.into_iter().take(k).map(|(_, pos)| pos).collect();
                    assert_eq!(fast[me], want, "seed {seed} k {k} point {me}");
                }
            }
        }
    }
}
