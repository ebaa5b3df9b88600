//! Loading the monitoring part of a scenario: the `[monitoring]` settings are checked,
//! `readings.csv` is read, and tonight's decision ([`super::tonight`]) is applied to the
//! sites, all while the scenario is loaded so that `validate`, `plan` and the nightly job
//! see the same problems and the same sites.

use super::Scenario;
use super::limits;
use super::tonight;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::monitoring::forecast::ServiceLevel;
use crate::monitoring::{Readings, ReadingsOptions, readings};
use std::path::Path;

/// Reads the readings of the scenario's night
/// ([`TableFiles::readings_for`](super::TableFiles::readings_for) its date) and applies tonight's decision to its sites
/// ([`super::tonight`]). Problems go to `diags`; the sites are rewritten only when the
/// readings have no error. `load` calls it; the nightly job calls it again after setting the
/// night's date on a scenario loaded with [`TonightMode::Leave`](super::TonightMode::Leave).
pub fn decide_tonight(s: &mut Scenario, diags: &mut Diagnostics) {
    let before = diags.error_count();
    let monitored = s.sites.iter().any(|x| x.monitoring.is_some());
    let readings = match s.files.readings_for(s.date) {
        Some(path) => {
            if !monitored {
                diags.push(
                    Diagnostic::warning(
                        "readings_unused",
                        &s.files.toml,
                        format!(
                            "{} is named but no site in sites.csv has a container volume",
                            path.display()
                        ),
                    )
                    .in_column("readings")
                    .hint("add `container_m3` (or `<stream>_container_m3`) to the monitored sites"),
                );
            }
            let mut options = ReadingsOptions::new(
                s.sites.iter().map(|x| x.id.clone()),
                s.streams.names().iter().cloned(),
                tonight::plan_start(s),
            );
            options.silent_after_h = s.monitoring.silent_after_h;
            readings::read(&path, &options, diags).unwrap_or_default()
        }
        None => Readings::default(),
    };
    if !monitored || diags.error_count() > before {
        return;
    }
    let decided = tonight::decide(s, &readings);
    tonight::apply(s, &decided);
    s.tonight = Some(decided);
}

/// Checks the `[monitoring]` settings of the TOML at `toml`.
pub fn check_settings(s: &Scenario, toml: &Path, diags: &mut Diagnostics) {
    let m = &s.monitoring;
    let mut out_of_range = |key: &str, message: String, hint: String| {
        diags.push(
            Diagnostic::error("out_of_range", toml, format!("[monitoring] {message}"))
                .in_column(key)
                .hint(hint),
        );
    };
    if let Err(e) = ServiceLevel::new(m.service_level) {
        out_of_range(
            "service_level",
            e,
            "use for example 0.9 (the overflow test covers 90 % of outcomes)".into(),
        );
    }
    if !limits::FILL_PCT.contains(m.optional_from_pct) {
        out_of_range(
            "optional_from_pct",
            format!(
                "optional_from_pct = {} is outside {}",
                m.optional_from_pct,
                limits::FILL_PCT.describe()
            ),
            "use for example 40".into(),
        );
    }
    if !limits::SILENT_AFTER_H.contains(f64::from(m.silent_after_h)) {
        out_of_range(
            "silent_after_h",
            format!(
                "silent_after_h = {} is outside {}",
                m.silent_after_h,
                limits::SILENT_AFTER_H.describe()
            ),
            "use for example 48".into(),
        );
    }
    let mut unknown = Vec::new();
    for (stream, density) in &m.density_kg_per_m3 {
        if s.streams.find(stream).is_none() {
            unknown.push(stream);
        } else if !limits::DENSITY.contains(*density) {
            out_of_range(
                "density_kg_per_m3",
                format!(
                    "density of `{stream}` {density} is outside {}",
                    limits::DENSITY.describe()
                ),
                "loose household waste is about 100–300 kg per m³".into(),
            );
        }
    }
    for stream in unknown {
        diags.push(
            Diagnostic::error(
                "unknown_stream",
                toml,
                format!("[monitoring] density_kg_per_m3 names unknown stream `{stream}`"),
            )
            .in_column("density_kg_per_m3")
            .hint(format!("use one of {}", s.streams.names().join(", "))),
        );
    }
}
