//! `wasteroute plan-week`: the periodic VRP with intermediate facilities (Angelelli &
//! Speranza 2002; Hemmelmayr, Doerner, Hartl & Rath 2013) over a horizon of 1 to 64 days.
//!
//! How a week is planned (`docs/week.md` tells it at length):
//!
//! 1. [`patterns`]: every site gets the visit patterns its frequency allows over the
//!    horizon ([`crate::monitoring::Frequency::patterns`]), narrowed by its last emptying
//!    when known; an `on demand` site gets the one pattern that empties it on the last
//!    night before it would cross its overflow threshold.
//! 2. [`assign`]: one pattern per site. A construction gives neighbours the same pattern
//!    (sites in angular order around the depot, each frequency's patterns spread over the
//!    order), then a seeded local search moves single sites to another allowed pattern
//!    while that lowers day imbalance (work hours and kg per day) plus neighbour
//!    disagreement (sites whose nearest neighbours are served on other days).
//! 3. [`demands`]: what each visit collects: the site's rate times the days since its
//!    previous visit, capped at its overflow threshold; an unmonitored site's `sites.csv`
//!    demand is per visit.
//! 4. [`setup`] and [`run`]: the full problem is built once (matrices are the expensive part); each day
//!    is cut from it and routed by the solver with a seed derived from (seed, day), checked
//!    by the independent checker (facility intake limits hold per day: each day is its own
//!    problem) and documented like a night of `plan`.
//! 5. [`write`](mod@write): one folder per date with the four plan files, plus `week.csv`,
//!    `week.json` and `week.html`, written all or nothing.
//! 6. [`check`]: `check-week` re-verifies every day with the independent checker and every
//!    site's served days against its frequency.
//!
//! Limits (known, not hidden): a site's `max_days` is honoured only for `on demand`
//! sites; balancing uses an estimate of each visit's driving (the travel time to its
//! nearest neighbour), not the routed days; there is no second pass that moves the sites
//! with the worst detours after routing; days are routed one after another.

pub mod assign;
pub mod check;
pub mod demands;
pub mod patterns;
pub mod run;
pub mod setup;
pub mod week_csv;
pub mod week_html;
pub mod week_json;
pub mod write;

use chrono::{Datelike, NaiveDate, Weekday};
use thiserror::Error;

pub use crate::monitoring::frequency::MAX_HORIZON_DAYS;

/// The days a week plan covers: `days` nights from `first`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Horizon {
    /// The first night (the scenario's date).
    pub first: NaiveDate,
    /// Number of nights, 1 to [`MAX_HORIZON_DAYS`].
    pub days: u32,
}

impl Horizon {
    /// A horizon of `days` nights from `first`.
    ///
    /// # Errors
    /// [`WeekError::BadHorizon`] when `days` is 0 or above [`MAX_HORIZON_DAYS`].
    pub fn new(first: NaiveDate, days: u32) -> Result<Horizon, WeekError> {
        if days == 0 || days > MAX_HORIZON_DAYS {
            return Err(WeekError::BadHorizon(days));
        }
        Ok(Horizon { first, days })
    }

    /// The date of night `d` (0 is the first).
    pub fn date(&self, d: u32) -> NaiveDate {
        self.first + chrono::Duration::days(i64::from(d))
    }

    /// Every date, in order.
    pub fn dates(&self) -> Vec<NaiveDate> {
        (0..self.days).map(|d| self.date(d)).collect()
    }

    /// The weekday of the first night.
    pub fn first_weekday(&self) -> Weekday {
        self.first.weekday()
    }

    /// The name of night `d`'s folder and column: its date, `YYYY-MM-DD`.
    pub fn label(&self, d: u32) -> String {
        self.date(d).format("%Y-%m-%d").to_string()
    }
}

/// Why a week could not be planned or checked.
#[derive(Debug, Error)]
pub enum WeekError {
    /// The horizon asked for is empty or too long.
    #[error(
        "--days {0}: a week plan covers 1 to {MAX_HORIZON_DAYS} days; give --days between 1 and {MAX_HORIZON_DAYS}"
    )]
    BadHorizon(u32),
    /// A site's frequency has no visit pattern that fits the horizon.
    #[error(
        "{file}, line {line}, column frequency: site {site}: `{frequency}` cannot be planned over {days} day(s): {why}"
    )]
    FrequencyDoesNotFit {
        /// `sites.csv`.
        file: String,
        /// Line of the site.
        line: u64,
        /// Site id.
        site: String,
        /// The frequency as written.
        frequency: String,
        /// The horizon.
        days: u32,
        /// What would fit.
        why: String,
    },
    /// The scenario could not be built into a problem.
    #[error("the scenario cannot be built:\n{0}")]
    Build(crate::diagnostic::Diagnostics),
    /// A day's problem or plan failed (a bug, never the input).
    #[error("day {day}: {message}")]
    Day {
        /// The day's date.
        day: String,
        /// What failed.
        message: String,
    },
    /// A file could not be rendered or written.
    #[error(transparent)]
    Output(#[from] crate::output::OutputError),
}

impl WeekError {
    /// True when the user's input is at fault (exit code 2).
    pub fn is_bad_input(&self) -> bool {
        match self {
            WeekError::BadHorizon(_)
            | WeekError::FrequencyDoesNotFit { .. }
            | WeekError::Build(_) => true,
            WeekError::Output(o) => o.is_bad_input(),
            WeekError::Day { .. } => false,
        }
    }
}
