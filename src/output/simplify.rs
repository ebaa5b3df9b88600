//! Douglas–Peucker simplification of polylines, for drawing: a route of a large plan
//! follows thousands of road points that a map a thousand units wide cannot show apart.
//!
//! The tolerance is in the units of the points given (the report passes SVG units, so it
//! scales with the map). Iterative, with an explicit stack: a road path of any length
//! cannot overflow the call stack.

/// Indices of the points of `points` that Douglas–Peucker keeps with `tolerance`: the
/// first and last always, and every point farther than `tolerance` from the chord of the
/// stretch it lies in. Ascending. Fewer than three points are all kept.
///
/// Complexity: O(n log n) on typical road paths, O(n²) at worst.
pub fn douglas_peucker(points: &[(f64, f64)], tolerance: f64) -> Vec<usize> {
    let n = points.len();
    if n < 3 {
        return (0..n).collect();
    }
    let mut keep = vec![false; n];
    keep[0] = true;
    keep[n - 1] = true;
    let mut stack = vec![(0, n - 1)];
    while let Some((a, b)) = stack.pop() {
        let mut far = (0.0, 0);
        for i in a + 1..b {
            let d = distance_to_segment(points[i], points[a], points[b]);
            if d > far.0 {
                far = (d, i);
            }
        }
        if far.0 > tolerance {
            keep[far.1] = true;
            stack.push((a, far.1));
            stack.push((far.1, b));
        }
    }
    (0..n).filter(|&i| keep[i]).collect()
}

/// Distance from `p` to the segment `a`–`b` (to `a` when the segment is a point).
fn distance_to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (qx, qy) = (a.0 + t * dx, a.1 + t * dy);
    ((p.0 - qx).powi(2) + (p.1 - qy).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_straight_line_keeps_its_ends_only() {
        let pts: Vec<(f64, f64)> = (0..10).map(|i| (f64::from(i), 0.0)).collect();
        assert_eq!(douglas_peucker(&pts, 0.1), vec![0, 9]);
    }

    #[test]
    fn a_corner_beyond_the_tolerance_stays() {
        let pts = [(0.0, 0.0), (5.0, 0.05), (10.0, 0.0), (10.0, 10.0)];
        assert_eq!(douglas_peucker(&pts, 0.5), vec![0, 2, 3]);
    }

    #[test]
    fn short_lines_are_kept_whole() {
        assert_eq!(douglas_peucker(&[(0.0, 0.0), (1.0, 1.0)], 5.0), vec![0, 1]);
        assert!(douglas_peucker(&[], 1.0).is_empty());
    }
}
