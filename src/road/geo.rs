//! Distances on the Earth's surface, in metres.

/// Mean Earth radius, metres (the sphere the CSV's haversine lengths use).
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Great-circle distance between two WGS84 points, metres.
pub fn haversine_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_thousandth_degree_of_latitude_is_about_111_m() {
        let d = haversine_m(20.85, 106.68, 20.851, 106.68);
        assert!((d - 111.195).abs() < 0.01, "{d}");
    }

    #[test]
    fn one_degree_of_latitude_is_about_111_km() {
        let d = haversine_m(60.0, 25.0, 61.0, 25.0);
        assert!((d - 111_195.08).abs() < 0.1, "{d}");
    }

    #[test]
    fn same_point_is_zero() {
        assert_eq!(haversine_m(60.1, 24.9, 60.1, 24.9), 0.0);
    }
}
