//! `week.csv`: one row per site (`sites.csv` order): `id`, `name`, `frequency`,
//! `pattern` (its days, numbered from 1, separated by `;`), then one column per date with
//! the kg collected on that day, empty when the site is not due or was not served.

use super::run::WeekPlan;
use crate::scenario::Scenario;

/// File name.
pub const WEEK_CSV: &str = "week.csv";

/// The file's bytes.
///
/// # Errors
/// A CSV writer failure (a bug).
pub fn render(s: &Scenario, week: &WeekPlan) -> Result<Vec<u8>, csv::Error> {
    let h = week.horizon;
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec![
        "id".to_string(),
        "name".into(),
        "frequency".into(),
        "pattern".into(),
    ];
    header.extend((0..h.days).map(|d| h.label(d)));
    w.write_record(&header)?;
    for (site, sw) in s.sites.iter().zip(&week.sites) {
        let mut row = vec![
            site.id.clone(),
            site.name.clone(),
            site.frequency.to_string(),
            pattern_text(sw.pattern),
        ];
        row.extend(
            sw.kg
                .iter()
                .map(|kg| kg.map_or(String::new(), |kg| format!("{kg:.0}"))),
        );
        w.write_record(&row)?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// The days of a pattern, numbered from 1, separated by `;` (empty: never).
pub fn pattern_text(p: crate::monitoring::VisitPattern) -> String {
    p.days()
        .map(|d| (d + 1).to_string())
        .collect::<Vec<_>>()
        .join(";")
}
