//! What a visit collects.
//!
//! - A monitored container (one with a volume in `sites.csv`) collects its fill rate times
//!   the nights since the site's previous visit in its pattern, capped at its overflow
//!   threshold (a container does not hold more; what is beyond is litter, not load). The
//!   first visit of the horizon counts from the last emptying when known; otherwise the
//!   pattern is taken as cyclic (the previous visit is the pattern's last one, a horizon
//!   earlier), as in a week that repeats.
//! - An unmonitored site's `sites.csv` demand is what one visit collects.

use super::Horizon;
use crate::monitoring::VisitPattern;
use crate::planner::simulate::containers::ContainerSpec;
use crate::problem::{Loads, StreamIdx};
use crate::scenario::Scenario;

/// Nights since the previous visit before night `d` of `pattern`: the previous visit in
/// the pattern; for the first visit, the last emptying (`last_night`, days from the first
/// night) when known, else the pattern's last visit one horizon earlier. At least 1.
pub fn nights_since(pattern: VisitPattern, d: u32, h: &Horizon, last_night: Option<i64>) -> u32 {
    let before = (0..d).rev().find(|&p| pattern.visits(p));
    let gap = match (before, last_night) {
        (Some(p), _) => i64::from(d - p),
        (None, Some(last)) => i64::from(d) - last,
        (None, None) => {
            let last = pattern.days().last().unwrap_or(d);
            i64::from(d) + i64::from(h.days) - i64::from(last)
        }
    };
    gap.clamp(1, i64::from(u32::MAX)) as u32
}

/// What the visit of night `d` collects from the site's container `spec`, the site's
/// pattern `pattern`.
pub fn visit_demand(
    s: &Scenario,
    spec: &ContainerSpec,
    pattern: VisitPattern,
    d: u32,
    h: &Horizon,
    last_night: Option<i64>,
) -> Loads {
    let site = &s.sites[spec.site];
    if site.monitoring.is_none() {
        return stream_demand(s, spec.site, spec.stream);
    }
    let nights = nights_since(pattern, d, h, last_night);
    let pct = (spec.known_pct_per_day * f64::from(nights)).min(spec.overflow_pct);
    crate::scenario::sites::loads(spec.kg(pct), spec.volume_m3 * pct / 100.0)
}

/// The `sites.csv` demand of a site's stream (zero when it has none).
fn stream_demand(s: &Scenario, site: usize, stream: StreamIdx) -> Loads {
    s.sites[site]
        .demands
        .iter()
        .find(|(st, _)| *st == stream)
        .map_or(Loads::ZERO, |(_, l)| *l)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn nights_since_counts_from_the_previous_visit_or_around_the_week() {
        let h = Horizon::new(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(), 7).unwrap();
        let mwf = VisitPattern(0b001_0101);
        assert_eq!(nights_since(mwf, 2, &h, None), 2);
        assert_eq!(nights_since(mwf, 4, &h, None), 2);
        // Monday after Friday: three nights, around the week.
        assert_eq!(nights_since(mwf, 0, &h, None), 3);
        // Emptied five nights before the first night.
        assert_eq!(nights_since(mwf, 0, &h, Some(-5)), 5);
        assert_eq!(nights_since(VisitPattern(0b111_1111), 0, &h, None), 1);
    }

    #[test]
    fn a_monitored_visit_collects_the_days_since_the_last_one_capped_at_overflow() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/scenario/week/scenario.toml");
        let s = crate::scenario::load_with(&path, crate::scenario::TonightMode::Leave)
            .unwrap()
            .scenario;
        let h = Horizon::new(s.date, 7).unwrap();
        let specs = crate::planner::simulate::containers::containers(&s);
        // W09: 40 kg a day into 1.1 m³ at 150 kg/m³ (165 kg), emptied two nights before.
        let w09 = s.sites.iter().position(|x| x.id == "W09").unwrap();
        let spec = specs.iter().find(|c| c.site == w09).unwrap();
        let kg = |p: u64, d: u32, last: Option<i64>| {
            visit_demand(&s, spec, VisitPattern(p), d, &h, last).0[crate::scenario::units::DIM_KG]
                .get()
        };
        assert_eq!(kg(0b001_0101, 0, Some(-2)), 80);
        assert_eq!(kg(0b001_0101, 2, Some(-2)), 80);
        // Once a week: seven days' 280 kg, but the container holds 165.
        assert_eq!(kg(0b000_0001, 0, None), 165);
        // An unmonitored site collects its sites.csv demand at every visit.
        let w02 = s.sites.iter().position(|x| x.id == "W02").unwrap();
        let spec = specs.iter().find(|c| c.site == w02).unwrap();
        let d = visit_demand(&s, spec, VisitPattern(0b000_0001), 0, &h, None);
        assert_eq!(d.0[crate::scenario::units::DIM_KG].get(), 150);
    }
}
