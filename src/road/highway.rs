//! Default speeds per OpenStreetMap `highway` class, used when an arc has no `maxspeed_kmh`.
//!
//! The built-in table ([`SpeedTable::default`]) is a cautious guess at what a vehicle
//! actually drives at night in a dense city, not the legal limit:
//!
//! | class | km/h | | class | km/h |
//! |---|---|---|---|---|
//! | motorway | 90 | | motorway_link | 45 |
//! | trunk | 70 | | trunk_link | 40 |
//! | primary | 50 | | primary_link | 30 |
//! | secondary | 40 | | secondary_link | 30 |
//! | tertiary | 35 | | tertiary_link | 25 |
//! | unclassified | 30 | | residential | 25 |
//! | living_street | 10 | | service | 15 |
//! | road | 25 | | any other class (`default`) | 20 |
//!
//! Override any entry from a TOML file ([`SpeedTable::from_toml_file`]):
//!
//! ```toml
//! [speeds]
//! residential = 20
//! service = 10
//! default = 15   # classes not listed anywhere
//! ```

use super::diagnostics::{Diagnostic, Diagnostics, RoadError};
use std::collections::BTreeMap;
use std::path::Path;

/// The key of the fallback speed, for classes the table does not list.
pub const DEFAULT_KEY: &str = "default";

const BUILT_IN: &[(&str, f64)] = &[
    ("motorway", 90.0),
    ("motorway_link", 45.0),
    ("trunk", 70.0),
    ("trunk_link", 40.0),
    ("primary", 50.0),
    ("primary_link", 30.0),
    ("secondary", 40.0),
    ("secondary_link", 30.0),
    ("tertiary", 35.0),
    ("tertiary_link", 25.0),
    ("unclassified", 30.0),
    ("residential", 25.0),
    ("living_street", 10.0),
    ("service", 15.0),
    ("road", 25.0),
];

const BUILT_IN_FALLBACK_KMH: f64 = 20.0;

/// Speed in km/h per `highway` class, with a fallback for classes it does not list.
#[derive(Clone, Debug, PartialEq)]
pub struct SpeedTable {
    by_class: BTreeMap<String, f64>,
    fallback_kmh: f64,
}

impl Default for SpeedTable {
    fn default() -> Self {
        SpeedTable {
            by_class: BUILT_IN.iter().map(|&(k, v)| (k.to_owned(), v)).collect(),
            fallback_kmh: BUILT_IN_FALLBACK_KMH,
        }
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SpeedFile {
    speeds: BTreeMap<String, f64>,
}

impl SpeedTable {
    /// The speed for `class`, or the fallback when the table does not list it.
    pub fn speed_kmh(&self, class: &str) -> f64 {
        self.by_class
            .get(class)
            .copied()
            .unwrap_or(self.fallback_kmh)
    }

    /// True when `class` has its own entry (not the fallback).
    pub fn knows(&self, class: &str) -> bool {
        self.by_class.contains_key(class)
    }

    /// The speed for classes not listed.
    pub fn fallback_kmh(&self) -> f64 {
        self.fallback_kmh
    }

    /// The listed classes and their speeds, in name order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, f64)> {
        self.by_class.iter().map(|(k, &v)| (k.as_str(), v))
    }

    /// Sets the speed of one class (`"default"` sets the fallback). The speed must lie in
    /// 1…300 km/h (`SPEED_KMH` of the CSV reader), as a `maxspeed_kmh` does;
    /// otherwise the message says why.
    pub fn set(&mut self, class: &str, kmh: f64) -> Result<(), String> {
        let range = crate::road::csv_input::SPEED_KMH;
        if !crate::road::csv_input::within(kmh, range) {
            return Err(format!(
                "speed {kmh} km/h for `{class}` is out of range: give {} to {} km/h",
                range.0, range.1
            ));
        }
        if class == DEFAULT_KEY {
            self.fallback_kmh = kmh;
        } else {
            self.by_class.insert(class.to_owned(), kmh);
        }
        Ok(())
    }

    /// The built-in table with the entries of a TOML text (see the module docs) laid over
    /// it; `file` is only used to name the source in diagnostics.
    pub fn from_toml_str(text: &str, file: &Path) -> Result<SpeedTable, RoadError> {
        let parsed: SpeedFile = toml::from_str(text).map_err(|e| {
            let mut d = Diagnostics::default();
            d.push(Diagnostic::error("bad_speed_table", file, e.to_string().trim_end().replace('\n', " ")).hint("expected a `[speeds]` table of `class = km/h` entries, e.g. `residential = 25`"));
            RoadError::invalid(d)
        })?;
        let mut table = SpeedTable::default();
        let mut problems = Diagnostics::default();
        for (class, kmh) in &parsed.speeds {
            if let Err(message) = table.set(class, *kmh) {
                problems.push(
                    Diagnostic::error("out_of_range", file, message)
                        .in_column(class)
                        .hint("give the speed in km/h, e.g. `residential = 25`"),
                );
            }
        }
        if problems.is_empty() {
            Ok(table)
        } else {
            Err(RoadError::invalid(problems))
        }
    }

    /// Reads [`Self::from_toml_str`] from a file.
    pub fn from_toml_file(path: &Path) -> Result<SpeedTable, RoadError> {
        let bytes = std::fs::read(path).map_err(|source| RoadError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
            let mut d = Diagnostics::default();
            d.push(
                Diagnostic::error("bad_speed_table", path, "the file is not UTF-8 text")
                    .at_line(line)
                    .hint("save the speed table as UTF-8"),
            );
            RoadError::invalid(d)
        })?;
        SpeedTable::from_toml_str(&text, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_overrides_one_class_and_keeps_the_rest() {
        let t = SpeedTable::from_toml_str(
            "[speeds]\nresidential = 20\ndefault = 12.5\n",
            Path::new("s.toml"),
        )
        .unwrap();
        assert_eq!(t.speed_kmh("residential"), 20.0);
        assert_eq!(t.speed_kmh("primary"), 50.0);
        assert_eq!(t.speed_kmh("bus_guideway"), 12.5);
    }

    #[test]
    fn bad_speed_names_file_and_class() {
        let err = SpeedTable::from_toml_str("[speeds]\nservice = -3\n", Path::new("s.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("s.toml"), "{err}");
        assert!(err.contains("`service`"), "{err}");
    }

    #[test]
    fn malformed_toml_is_an_error_not_a_panic() {
        let err = SpeedTable::from_toml_str("speeds = 3", Path::new("s.toml")).unwrap_err();
        assert!(err.to_string().contains("s.toml"));
    }
}
