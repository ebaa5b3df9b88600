//! `week.json`: the machine-readable week: horizon and dates, each site's frequency,
//! pattern and days, and a summary per day. `check-week` reads its horizon back.

use super::Horizon;
use super::run::{AssignStats, WeekPlan};
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};

/// File name.
pub const WEEK_JSON: &str = "week.json";

/// The whole file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeekJson {
    /// The scenario's name.
    pub scenario: String,
    /// The scenario's fingerprint (see [`Scenario::fingerprint`]).
    pub scenario_fingerprint: String,
    /// Number of days.
    pub days: u32,
    /// Every date (`YYYY-MM-DD`), each the name of its day's folder.
    pub dates: Vec<String>,
    /// The seed.
    pub seed: u64,
    /// Iteration budget per day, if any.
    pub iterations: Option<u64>,
    /// Per day.
    pub summary: Vec<DayJson>,
    /// Per site, in `sites.csv` order.
    pub sites: Vec<SiteJson>,
    /// What the pattern assignment achieved (estimates before routing).
    #[serde(default, skip_deserializing)]
    pub assignment: Option<AssignStats>,
}

/// One day's figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayJson {
    /// Its date.
    pub date: String,
    /// Sites due.
    pub sites_due: u32,
    /// Required stops left unassigned.
    pub unassigned: u32,
    /// Trucks used.
    pub trucks: u32,
    /// Kilometres.
    pub km: f64,
    /// Tonnes collected.
    pub tonnes: f64,
    /// Driver hours.
    pub driver_hours: f64,
}

/// One site's week.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SiteJson {
    /// Site id.
    pub id: String,
    /// Its frequency as `sites.csv` spells it.
    pub frequency: String,
    /// Its days (0 = the first date).
    pub days: Vec<u32>,
    /// kg collected per visit day, in the order of `days` (0 when not served).
    pub kg: Vec<f64>,
}

/// Rounds to `decimals` places, so the file reads well and stays byte-stable.
fn round(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (x * f).round() / f
}

impl WeekJson {
    /// The file of `week` planned on `s`.
    pub fn new(s: &Scenario, week: &WeekPlan) -> WeekJson {
        let h = week.horizon;
        WeekJson {
            scenario: s.name.clone(),
            scenario_fingerprint: s.fingerprint.clone(),
            days: h.days,
            dates: (0..h.days).map(|d| h.label(d)).collect(),
            seed: week.seed,
            iterations: week.iterations,
            summary: week
                .days
                .iter()
                .enumerate()
                .map(|(d, p)| DayJson {
                    date: h.label(d as u32),
                    sites_due: p.sites_due,
                    unassigned: p.required_unassigned,
                    trucks: p.trucks,
                    km: round(p.km, 3),
                    tonnes: round(p.tonnes, 3),
                    driver_hours: round(p.hours, 3),
                })
                .collect(),
            sites: s
                .sites
                .iter()
                .zip(&week.sites)
                .map(|(site, w)| SiteJson {
                    id: site.id.clone(),
                    frequency: site.frequency.to_string(),
                    days: w.pattern.days().collect(),
                    kg: w
                        .pattern
                        .days()
                        .map(|d| round(w.kg[d as usize].unwrap_or(0.0), 1))
                        .collect(),
                })
                .collect(),
            assignment: Some(AssignStats {
                construction_score: round(week.assignment.construction_score, 6),
                score: round(week.assignment.score, 6),
                construction_disagreement: round(week.assignment.construction_disagreement, 4),
                disagreement: round(week.assignment.disagreement, 4),
                construction_max_over_min: round(week.assignment.construction_max_over_min, 4),
                max_over_min: round(week.assignment.max_over_min, 4),
            }),
        }
    }

    /// The horizon it covers.
    ///
    /// # Errors
    /// A message when its first date is not a date or its day count is out of range.
    pub fn horizon(&self) -> Result<Horizon, String> {
        let first = self.dates.first().ok_or("week.json lists no dates")?;
        let first = chrono::NaiveDate::parse_from_str(first, "%Y-%m-%d")
            .map_err(|e| format!("week.json: date `{first}`: {e}"))?;
        if self.dates.len() != self.days as usize {
            return Err(format!(
                "week.json: `days` is {} but {} dates are listed",
                self.days,
                self.dates.len()
            ));
        }
        Horizon::new(first, self.days).map_err(|e| e.to_string())
    }

    /// The file's bytes (pretty JSON, a final newline).
    ///
    /// # Errors
    /// Serialisation failure (a bug).
    pub fn render(&self) -> Result<Vec<u8>, serde_json::Error> {
        let mut v = serde_json::to_vec_pretty(self)?;
        v.push(b'\n');
        Ok(v)
    }
}
