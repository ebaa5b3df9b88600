//! Pieces every reader shares: exact distance rounding, cost bounds, field parsing.

use crate::formats::{FormatError, ObjectiveKind};
use crate::problem::PlanarMetric;
pub use crate::problem::Rounding;
use crate::problem::{Loads, Matrix, Problem, ProblemParts, TimeWindow, VehicleType};
use crate::units::{Cost, Distance};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

/// The largest absolute value of any number in a benchmark file (coordinates, times,
/// demands, capacities, parameters). Published instances stay below 10⁷; the bound keeps
/// every scaled integer (×10⁴ at most, and Kim's hundredths of a foot) and every sum of
/// them far from overflow. Found by `tests/fuzz_formats.rs`: `1e18` and `1e300` were
/// accepted and saturated to `i64::MAX`.
pub const MAX_INPUT: f64 = 1e9;

/// The largest fleet a benchmark file may declare (published ones: at most a few hundred;
/// an unlimited fleet is one vehicle per customer).
pub const MAX_VEHICLES: usize = 100_000;

/// The distance matrix over `points` under `rounding`, computed on demand from the points
/// (no `n²` table: see [`PlanarMetric`]).
pub(crate) fn distance_matrix(points: &[(f64, f64)], rounding: Rounding) -> Matrix<Distance> {
    Matrix::planar(Arc::new(PlanarMetric::new(points.to_vec(), rounding)))
}

/// The largest entry of a matrix.
pub(crate) fn max_entry(m: &Matrix<Distance>) -> Distance {
    m.longest_finite()
}

/// Fixed cost per vehicle and unassigned penalty for an objective.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Pricing {
    /// Charged once per used vehicle.
    pub fixed_cost: Cost,
    /// Charged per unassigned site.
    pub unassigned_penalty: Cost,
}

/// Prices that make the objective lexicographic.
///
/// A route visits each site once and each facility at most once per trip, so a solution
/// has at most `3·(sites + 1) + 1` arcs (sites, trip-ending facilities, returns) and its
/// distance is at most that many times the longest arc. For vehicles-first objectives the
/// fixed cost exceeds that bound; the unassigned penalty exceeds the cost of all vehicles
/// plus the bound, so serving a site always beats any routing saving.
pub(crate) fn pricing(
    objective: ObjectiveKind,
    longest_arc: Distance,
    num_sites: usize,
    num_vehicles: usize,
    file: &Path,
) -> Result<Pricing, FormatError> {
    let arcs = 3 * (num_sites as i128 + 1) + 1;
    let distance_bound = arcs * longest_arc.get().max(1) as i128;
    let fixed = match objective {
        ObjectiveKind::Distance | ObjectiveKind::Cost | ObjectiveKind::Prizes => 0,
        ObjectiveKind::VehiclesThenDistance => distance_bound + 1,
    };
    let penalty = num_vehicles as i128 * fixed + distance_bound + 1;
    // Keep a wide margin below `Cost::INFINITE` so sums of many penalties cannot overflow.
    let limit = Cost::INFINITE.get() as i128 / (4 * (num_sites as i128 + 1));
    if penalty > limit {
        return Err(FormatError::Incomplete {
            file: file.to_path_buf(),
            message: format!(
                "distances are too large for exact integer costs ({num_sites} sites, longest arc {longest_arc})"
            ),
        });
    }
    Ok(Pricing {
        fixed_cost: Cost(fixed as i64),
        unassigned_penalty: Cost(penalty as i64),
    })
}

/// The vehicle type every benchmark format starts from: `count` trucks of one `capacity`
/// based at depot 0 within `shift`, paying the objective's fixed cost and one cost unit
/// per distance unit, carrying every stream, unloading at the depot, with no other limit.
/// Readers override with struct update syntax what their format adds.
pub(crate) fn plain_vehicle_type(
    count: u32,
    capacity: Loads,
    shift: TimeWindow,
    prices: Pricing,
) -> VehicleType {
    VehicleType {
        fixed_cost: prices.fixed_cost,
        ..VehicleType::plain(count, capacity, shift)
    }
}

/// Error helpers bound to one file.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Source<'a> {
    /// The file being read.
    pub path: &'a Path,
}

impl Source<'_> {
    /// A [`FormatError::Malformed`] at `line` (1-based).
    pub fn malformed(&self, line: usize, message: impl Into<String>) -> FormatError {
        FormatError::Malformed {
            file: self.path.to_path_buf(),
            line,
            message: message.into(),
        }
    }

    /// A [`FormatError::Incomplete`] for the whole file.
    pub fn incomplete(&self, message: impl Into<String>) -> FormatError {
        FormatError::Incomplete {
            file: self.path.to_path_buf(),
            message: message.into(),
        }
    }

    /// Parses `token` as a `T`, naming `what` and the line on failure.
    pub fn parse<T: FromStr>(
        &self,
        line: usize,
        token: &str,
        what: &str,
    ) -> Result<T, FormatError> {
        token.parse::<T>().map_err(|_| {
            self.malformed(line, format!("{what}: expected a number, found {token:?}"))
        })
    }

    /// A finite number of at most [`MAX_INPUT`] in absolute value, rejecting NaN,
    /// infinities and magnitudes that would overflow once scaled to integers.
    pub fn parse_f64(&self, line: usize, token: &str, what: &str) -> Result<f64, FormatError> {
        let v: f64 = self.parse(line, token, what)?;
        if !v.is_finite() {
            Err(self.malformed(line, format!("{what}: {token:?} is not a finite number")))
        } else if v.abs() > MAX_INPUT {
            Err(self.out_of_range(line, token, what))
        } else {
            Ok(v)
        }
    }

    /// An integer of at most [`MAX_INPUT`] in absolute value.
    pub fn parse_int<T>(&self, line: usize, token: &str, what: &str) -> Result<T, FormatError>
    where
        T: FromStr + Copy + TryInto<i64>,
    {
        let v: T = self.parse(line, token, what)?;
        match v.try_into() {
            Ok(i) if (i as f64).abs() <= MAX_INPUT => Ok(v),
            _ => Err(self.out_of_range(line, token, what)),
        }
    }

    /// A count of vehicles, at most [`MAX_VEHICLES`].
    pub fn check_vehicles(&self, line: usize, count: usize) -> Result<u32, FormatError> {
        u32::try_from(count)
            .ok()
            .filter(|&c| c as usize <= MAX_VEHICLES)
            .ok_or_else(|| {
                self.malformed(
                    line,
                    format!("{count} vehicles: at most {MAX_VEHICLES} are supported"),
                )
            })
    }

    fn out_of_range(&self, line: usize, token: &str, what: &str) -> FormatError {
        self.malformed(
            line,
            format!("{what}: {token:?} is out of range (at most {MAX_INPUT:e} in absolute value)"),
        )
    }

    /// The validated problem; a validation error names this file.
    pub fn problem(&self, parts: ProblemParts) -> Result<Problem, FormatError> {
        Problem::new(parts).map_err(|source| FormatError::Problem {
            file: self.file(),
            source,
        })
    }

    /// The file path, owned.
    pub fn file(&self) -> PathBuf {
        self.path.to_path_buf()
    }
}

/// Reads `path` as UTF-8 text for a reader, without a leading byte-order mark.
///
/// Bytes that are not UTF-8 are [`FormatError::Malformed`] at the line of the first bad
/// byte (a UTF-16 file is recognised by its byte-order mark and named as such), not an
/// I/O error: the file was read, its content is wrong.
pub(crate) fn read_text(path: &Path) -> Result<String, FormatError> {
    let bytes = std::fs::read(path).map_err(|source| FormatError::Io {
        file: path.to_path_buf(),
        source,
    })?;
    decode_text(path, bytes)
}

/// [`read_text`] on bytes already read.
pub(crate) fn decode_text(path: &Path, bytes: Vec<u8>) -> Result<String, FormatError> {
    let src = Source { path };
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(src.malformed(
            1,
            "the file is UTF-16 text; save it as UTF-8 (or plain ASCII)",
        ));
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Ok(text)
        }
        Err(e) => {
            let bad = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = 1 + bytes[..bad].iter().filter(|&&c| c == b'\n').count();
            let column = 1 + bad
                - bytes[..bad]
                    .iter()
                    .rposition(|&c| c == b'\n')
                    .map_or(0, |p| p + 1);
            Err(src.malformed(
                line,
                format!(
                    "byte 0x{:02X} at column {column} is not UTF-8; save the file as UTF-8 (or plain ASCII)",
                    bytes[bad]
                ),
            ))
        }
    }
}

/// Multiplies a non-negative decimal value by `scale` exactly enough for input values
/// with at most a few decimals, rounding to the nearest integer.
pub(crate) fn scaled(value: f64, scale: i64) -> i64 {
    (value * scale as f64).round() as i64
}

/// The file stem, for instances whose format has no name field.
pub(crate) fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The line of a [`FormatError::Malformed`], `None` for a file that reads; any other
/// error fails the test. For the readers' unit tests.
#[cfg(test)]
pub(crate) fn malformed_line(
    read: Result<crate::formats::BenchmarkInstance, FormatError>,
) -> Option<usize> {
    match read {
        Err(FormatError::Malformed { line, .. }) => Some(line),
        Err(e) => panic!("{e}"),
        Ok(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euclidean_rules_are_exact_at_boundaries() {
        // 3-4-5 triangle: exact 5 under every rule.
        assert_eq!(Rounding::Nearest.distance((0.0, 0.0), (3.0, 4.0)), 5);
        assert_eq!(
            Rounding::TruncatedTenths.distance((0.0, 0.0), (3.0, 4.0)),
            50
        );
        assert_eq!(
            Rounding::NearestTenThousandths.distance((0.0, 0.0), (3.0, 4.0)),
            50_000
        );
        // sqrt(2) = 1.41421356…: nint 1, ⌊14.14⌋ = 14, round(14142.1356) = 14142.
        assert_eq!(Rounding::Nearest.distance((0.0, 0.0), (1.0, 1.0)), 1);
        assert_eq!(
            Rounding::TruncatedTenths.distance((0.0, 0.0), (1.0, 1.0)),
            14
        );
        assert_eq!(
            Rounding::NearestTenThousandths.distance((0.0, 0.0), (1.0, 1.0)),
            14_142
        );
        // round(1414.2136) = 1414; decimal coordinates take the float path.
        assert_eq!(
            Rounding::NearestThousandths.distance((0.0, 0.0), (1.0, 1.0)),
            1_414
        );
        assert_eq!(
            Rounding::NearestThousandths.distance((0.5, 0.0), (0.0, 1.2)),
            1_300
        );
        // sqrt(2.25·…) : (1, 2) → sqrt(5) = 2.236 → 2; (2, 2) → 2.83 → 3.
        assert_eq!(Rounding::Nearest.distance((0.0, 0.0), (1.0, 2.0)), 2);
        assert_eq!(Rounding::Nearest.distance((0.0, 0.0), (2.0, 2.0)), 3);
        // Manhattan feet.
        assert_eq!(
            Rounding::ManhattanFeet.distance((0.0, 0.0), (100.4, -200.0)),
            300
        );
    }

    #[test]
    fn hierarchical_fixed_cost_dominates_distance() {
        let p = pricing(
            ObjectiveKind::VehiclesThenDistance,
            Distance(100),
            10,
            5,
            Path::new("x"),
        )
        .unwrap();
        // 34 arcs × 100 = 3400 is the most distance a solution can have.
        assert_eq!(p.fixed_cost, Cost(3401));
        assert_eq!(p.unassigned_penalty, Cost(5 * 3401 + 3401));
        let d = pricing(
            ObjectiveKind::Distance,
            Distance(100),
            10,
            5,
            Path::new("x"),
        )
        .unwrap();
        assert_eq!(d.fixed_cost, Cost(0));
        assert_eq!(d.unassigned_penalty, Cost(3401));
    }

    #[test]
    fn non_utf8_text_is_malformed_at_its_line_not_an_io_error() {
        // Found by tests/fuzz_formats.rs: a Latin-1 byte made `formats::read` fail with an
        // I/O error ("stream did not contain valid UTF-8") that named no line.
        let path = Path::new("x.vrp");
        let latin1 = b"NAME : x\nCOMMENT : caf\xE9\n".to_vec();
        match decode_text(path, latin1) {
            Err(FormatError::Malformed { line, message, .. }) => {
                assert_eq!(line, 2);
                assert!(message.contains("0xE9 at column 14"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        let utf16 = vec![0xFF, 0xFE, b'N', 0, b'A', 0];
        match decode_text(path, utf16) {
            Err(FormatError::Malformed {
                line: 1, message, ..
            }) => {
                assert!(message.contains("UTF-16"), "{message}")
            }
            other => panic!("{other:?}"),
        }
        let bom = b"\xEF\xBB\xBFNAME : x\n".to_vec();
        assert_eq!(decode_text(path, bom).unwrap(), "NAME : x\n");
    }
}
