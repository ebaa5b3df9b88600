//! Robust statistics for the forecast: median, Theil–Sen line, MAD scale, and the
//! normal quantile function.

/// The median of `xs` (the mean of the two middle values for an even count); `None` for
/// an empty slice or one with a NaN.
pub fn median(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() || xs.iter().any(|x| x.is_nan()) {
        return None;
    }
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// A straight line `y = intercept + slope · x`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Line {
    /// Value at `x = 0`.
    pub intercept: f64,
    /// Change of `y` per unit of `x`.
    pub slope: f64,
}

impl Line {
    /// The line's value at `x`.
    pub fn at(&self, x: f64) -> f64 {
        self.intercept + self.slope * x
    }
}

/// Most points [`theil_sen`] uses: the latest ones, so that the pairs stay below 125,000.
pub const THEIL_SEN_MAX_POINTS: usize = 500;

/// The Theil–Sen line through `(x, y)` points: the slope is the median of the slopes of
/// all pairs with distinct `x`, the intercept the median of `y − slope · x`. Up to 29 % of
/// the points can be arbitrarily wrong without moving the slope far (its breakdown
/// point). Only the last [`THEIL_SEN_MAX_POINTS`] points are used. `None` with fewer than
/// two distinct `x`.
pub fn theil_sen(points: &[(f64, f64)]) -> Option<Line> {
    let pts = &points[points.len().saturating_sub(THEIL_SEN_MAX_POINTS)..];
    let mut slopes = Vec::with_capacity(pts.len() * pts.len().saturating_sub(1) / 2);
    for (i, &(xi, yi)) in pts.iter().enumerate() {
        for &(xj, yj) in &pts[i + 1..] {
            if xj != xi {
                slopes.push((yj - yi) / (xj - xi));
            }
        }
    }
    let slope = median(&slopes)?;
    let offsets: Vec<f64> = pts.iter().map(|&(x, y)| y - slope * x).collect();
    let intercept = median(&offsets)?;
    Some(Line { intercept, slope })
}

/// The robust standard deviation of `xs` around `center`: 1.4826 × the median absolute
/// deviation (equal to σ for normal data, unmoved by a few outliers).
pub fn mad_sigma(xs: &[f64], center: f64) -> Option<f64> {
    let dev: Vec<f64> = xs.iter().map(|x| (x - center).abs()).collect();
    median(&dev).map(|m| 1.4826 * m)
}

/// The `p`-quantile of the standard normal distribution (Acklam's rational
/// approximation, relative error below 1.2·10⁻⁹), for `p` strictly between 0 and 1;
/// `p` outside is clamped to [10⁻¹², 1 − 10⁻¹²].
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let p = if p.is_nan() {
        0.5
    } else {
        p.clamp(1e-12, 1.0 - 1e-12)
    };
    let low = 0.02425;
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < low {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - low {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

/// The `p`-quantile of Student's t distribution with `dof` degrees of freedom, by the
/// Cornish–Fisher expansion around the normal quantile (error below 1 % of the value for
/// `dof` ≥ 3 and `p` ≤ 0.99); the normal quantile when `dof` is infinite or not above 0.
pub fn t_quantile(p: f64, dof: f64) -> f64 {
    let z = normal_quantile(p);
    if !(dof.is_finite() && dof > 0.0) {
        return z;
    }
    let (z3, z5) = (z.powi(3), z.powi(5));
    z + (z3 + z) / (4.0 * dof) + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * dof * dof)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_even_and_empty() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[1.0, f64::NAN]), None);
    }

    #[test]
    fn theil_sen_ignores_a_wild_point() {
        let mut pts: Vec<(f64, f64)> = (0..10).map(|i| (i as f64, 5.0 + 2.0 * i as f64)).collect();
        pts[4].1 = 1000.0;
        let l = theil_sen(&pts).unwrap();
        assert!((l.slope - 2.0).abs() < 1e-9, "{l:?}");
        assert!((l.intercept - 5.0).abs() < 1e-9, "{l:?}");
        assert_eq!(theil_sen(&[(1.0, 1.0), (1.0, 2.0)]), None);
        assert_eq!(theil_sen(&[]), None);
    }

    #[test]
    fn normal_quantiles_match_the_tables() {
        assert!(normal_quantile(0.5).abs() < 1e-9);
        assert!((normal_quantile(0.975) - 1.959_964).abs() < 1e-5);
        assert!((normal_quantile(0.9) - 1.281_552).abs() < 1e-5);
        assert!((normal_quantile(0.01) + 2.326_348).abs() < 1e-5);
        assert!(normal_quantile(1.0).is_finite());
        assert_eq!(normal_quantile(f64::NAN), normal_quantile(0.5));
        // Student's t: 1.812 (10 dof) and 2.086 (20 dof) at 0.95 two-sided tables' 0.95.
        assert!((t_quantile(0.95, 10.0) - 1.812).abs() < 0.005);
        assert!((t_quantile(0.975, 20.0) - 2.086).abs() < 0.005);
        assert_eq!(t_quantile(0.9, f64::INFINITY), normal_quantile(0.9));
    }

    #[test]
    fn mad_sigma_of_a_known_spread() {
        let s = mad_sigma(&[-1.0, 1.0, -1.0, 1.0, 50.0], 0.0).unwrap();
        assert!((s - 1.4826).abs() < 1e-9);
    }
}
