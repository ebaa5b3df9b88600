//! Monitoring: what the containers hold, from sensor readings and site parameters, and
//! when they will overflow.
//!
//! The foundation of planning the week rather than the night (issue 10): later layers
//! decide from these forecasts which sites are *must*, *optional* or *skip* each night,
//! and give each site a visit pattern its frequency allows. This module only reads and
//! forecasts; it knows nothing of the routing problem, the solver or the road graph.
//!
//! ```text
//! readings.csv ─ readings ─┐
//!                          ├─ forecast (cycles → weekday profile → Theil–Sen → quantile)
//! sites.csv cells ─ site_params (frequency, container, overflow_pct, last_emptied, static estimate)
//! ```
//!
//! - [`readings`]: the `readings.csv` reader, validated like every scenario table;
//! - [`site_params`]: parsers of the monitoring cells of `sites.csv`;
//! - [`frequency`]: frequencies, the visit patterns they allow, and "is tonight due";
//! - [`forecast`]: the fill forecast of one container (method in `docs/forecast.md`);
//! - [`cycles`], [`profile`], [`robust`]: emptying detection, the weekday profile, and
//!   the robust statistics the forecast rests on;
//! - [`instant`]: ISO 8601 instants and the night an instant belongs to;
//! - [`decision`]: tonight's must / optional / skip for one container, and why.
//!
//! It reads CSV through [`crate::scenario::table`] and checks ranges from
//! [`crate::scenario::limits`]. [`decision`] rules must / optional / skip for one container;
//! [`crate::scenario::tonight`] applies it to a scenario.

pub mod cycles;
pub mod decision;
pub mod forecast;
pub mod frequency;
pub mod instant;
pub mod profile;
pub mod readings;
pub mod robust;
pub mod site_params;

pub use forecast::{Basis, Container, Forecast, ForecastInput, Prediction, ServiceLevel};
pub use frequency::{Frequency, VisitPattern, WeekdaySet};
pub use readings::{Readings, ReadingsOptions, Sample, Series};
pub use site_params::StaticEstimate;
