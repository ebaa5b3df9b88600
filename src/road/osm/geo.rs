//! Great-circle distance.

/// Mean Earth radius (IUGG), in metres. The shared CSVs were measured with it.
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Haversine distance in metres between two points given in degrees.
pub fn haversine_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (phi1, phi2) = (lat1.to_radians(), lat2.to_radians());
    let dphi = phi2 - phi1;
    let dlambda = (lon2 - lon1).to_radians();
    let h = (dphi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (dlambda / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::haversine_m;

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
