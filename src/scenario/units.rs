//! Conversion of the scenario's user units to the problem's integers, rounded once.
//!
//! | scenario | problem | rule |
//! |---|---|---|
//! | kg | kg (capacity dimension 0) | nearest whole kg |
//! | m³ | litres (capacity dimension 1) | nearest whole litre |
//! | tonnes | kg | nearest whole kg |
//! | minutes, hours | seconds | nearest whole second |
//! | currency | micro-units (10⁻⁶ of the currency) | nearest micro-unit |
//! | currency per km | micro-units per metre | nearest |
//! | currency per hour | micro-units per second | nearest |
//!
//! A micro-unit cost keeps per-metre and per-second prices exact enough: 1.20 per km is
//! 1,200 micro-units per metre; 25.00 per hour is 6,944 micro-units per second (0.006 %
//! off). Rounding is half away from zero (`f64::round`).

use crate::units::{Cost, Duration, Load};

/// Capacity dimension holding kilograms.
pub const DIM_KG: usize = 0;
/// Capacity dimension holding litres (from m³).
pub const DIM_LITRES: usize = 1;
/// Problem cost units per unit of the scenario's currency.
pub const COST_SCALE: f64 = 1_000_000.0;

/// kg → whole kg.
pub fn kg(x: f64) -> Load {
    Load(x.round() as i64)
}

/// m³ → whole litres.
pub fn m3_to_litres(x: f64) -> Load {
    Load((x * 1000.0).round() as i64)
}

/// tonnes → whole kg.
pub fn tonnes_to_kg(x: f64) -> Load {
    Load((x * 1000.0).round() as i64)
}

/// minutes → whole seconds.
pub fn minutes(x: f64) -> Duration {
    Duration((x * 60.0).round() as i64)
}

/// hours → whole seconds.
pub fn hours(x: f64) -> Duration {
    Duration((x * 3600.0).round() as i64)
}

/// A currency amount → micro-units.
pub fn money(x: f64) -> Cost {
    Cost((x * COST_SCALE).round() as i64)
}

/// Currency per km → micro-units per metre.
pub fn money_per_km(x: f64) -> Cost {
    Cost((x * COST_SCALE / 1000.0).round() as i64)
}

/// Currency per hour → micro-units per second.
pub fn money_per_hour(x: f64) -> Cost {
    Cost((x * COST_SCALE / 3600.0).round() as i64)
}

/// Micro-units → currency, for output.
pub fn to_money(c: Cost) -> f64 {
    c.get() as f64 / COST_SCALE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions_round_once() {
        assert_eq!(kg(12.5), Load(13));
        assert_eq!(m3_to_litres(0.2404), Load(240));
        assert_eq!(tonnes_to_kg(1.25), Load(1250));
        assert_eq!(minutes(1.5), Duration(90));
        assert_eq!(money_per_km(1.2), Cost(1200));
        assert_eq!(money_per_hour(25.0), Cost(6944));
        assert_eq!(to_money(money(3.5)), 3.5);
    }
}
