//! Parsing of OpenStreetMap tag values that carry a measure: speed limits, widths, heights
//! and weights.
//!
//! Every parser returns `None` for a value it does not understand (`none`, `signals`,
//! `default`, a zone code such as `RU:urban`, a typo): an unknown limit is left empty in the
//! CSV rather than guessed, and the router then falls back to its per-class default.

/// Kilometres per mile.
const KM_PER_MILE: f64 = 1.609_344;
/// Metres per foot.
const M_PER_FOOT: f64 = 0.304_8;
/// Metres per inch.
const M_PER_INCH: f64 = 0.025_4;
/// Tonnes per pound.
const T_PER_POUND: f64 = 0.000_453_592_37;
/// Tonnes per US short ton (`st`).
const T_PER_SHORT_TON: f64 = 0.907_184_74;
/// Tonnes per long ton (`lt`).
const T_PER_LONG_TON: f64 = 1.016_046_908_8;

/// A speed limit in km/h from a `maxspeed` value.
///
/// Accepts `50`, `50 km/h`, `50 kmh`, `50kph`, `30 mph`, `20 knots` and, for a value with
/// several limits separated by `;` (lanes or a change along the way), the first one.
/// Zone codes (`RU:urban`, `FI:urban`, `DE:zone30`) and words (`none`, `walk`, `signals`)
/// give `None`: the legal limit they stand for depends on country law, and guessing it
/// would hide a gap in the data.
pub fn maxspeed_kmh(value: &str) -> Option<f64> {
    let first = value.split(';').next()?.trim();
    let (number, unit) = split_number(first)?;
    let factor = match unit {
        "" | "km/h" | "kmh" | "kph" | "kmph" => 1.0,
        "mph" => KM_PER_MILE,
        "knots" | "kn" => 1.852,
        _ => return None,
    };
    positive(number * factor)
}

/// A length in metres from a `maxwidth` or `maxheight` value.
///
/// Accepts `2.5`, `2.5 m`, `2,5` (decimal comma), `250 cm`, `7'6"`, `7 ft 6 in`, `7'`,
/// `6 ft`. Words (`none`, `default`, `below_default`) give `None`.
pub fn length_m(value: &str) -> Option<f64> {
    let v = value.trim();
    if let Some(m) = feet_inches_m(v) {
        return positive(m);
    }
    let (number, unit) = split_number(v)?;
    let factor = match unit {
        "" | "m" => 1.0,
        "cm" => 0.01,
        "mm" => 0.001,
        "ft" => M_PER_FOOT,
        "in" => M_PER_INCH,
        _ => return None,
    };
    positive(number * factor)
}

/// A weight in tonnes from a `maxweight` value.
///
/// Accepts `7.5`, `7.5 t`, `3500 kg`, `10 st` (US short tons), `10 lt` (long tons) and
/// `8000 lbs`. Words (`none`, `default`) give `None`.
pub fn weight_t(value: &str) -> Option<f64> {
    let (number, unit) = split_number(value.trim())?;
    let factor = match unit {
        "" | "t" => 1.0,
        "kg" => 0.001,
        "st" => T_PER_SHORT_TON,
        "lt" => T_PER_LONG_TON,
        "lb" | "lbs" => T_PER_POUND,
        _ => return None,
    };
    positive(number * factor)
}

/// Splits `"30 mph"` into `(30.0, "mph")`; a decimal comma is read as a point.
fn split_number(s: &str) -> Option<(f64, &str)> {
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(s.len());
    if end == 0 {
        return None;
    }
    let number: f64 = s[..end].replace(',', ".").parse().ok()?;
    Some((number, s[end..].trim()))
}

/// Reads `7'6"`, `7' 6"`, `7'`, `7 ft 6 in` as metres; `None` for any other shape.
fn feet_inches_m(s: &str) -> Option<f64> {
    let (feet, rest) = if let Some((f, r)) = s.split_once('\'') {
        (f, r)
    } else if let Some((f, r)) = s.split_once("ft") {
        (f, r)
    } else {
        return None;
    };
    let feet: f64 = feet.trim().parse().ok()?;
    let rest = rest.trim();
    let inches = rest
        .strip_suffix('"')
        .or_else(|| rest.strip_suffix("in"))
        .unwrap_or(rest)
        .trim();
    let inches: f64 = if inches.is_empty() {
        0.0
    } else {
        inches.parse().ok()?
    };
    Some(feet * M_PER_FOOT + inches * M_PER_INCH)
}

/// Keeps finite, strictly positive values (a limit of zero or less is a tagging error).
fn positive(x: f64) -> Option<f64> {
    (x.is_finite() && x > 0.0).then_some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-6)
    }

    #[test]
    fn maxspeed_forms() {
        assert_eq!(maxspeed_kmh("50"), Some(50.0));
        assert_eq!(maxspeed_kmh("50 km/h"), Some(50.0));
        assert!(close(maxspeed_kmh("30 mph"), 48.280_32));
        assert!(close(maxspeed_kmh("30mph"), 48.280_32));
        assert_eq!(maxspeed_kmh("60;40"), Some(60.0));
        assert_eq!(maxspeed_kmh("RU:urban"), None);
        assert_eq!(maxspeed_kmh("none"), None);
        assert_eq!(maxspeed_kmh("signals"), None);
        assert_eq!(maxspeed_kmh("0"), None);
        assert_eq!(maxspeed_kmh(""), None);
    }

    #[test]
    fn length_forms() {
        assert_eq!(length_m("2.5"), Some(2.5));
        assert_eq!(length_m("2,5 m"), Some(2.5));
        assert_eq!(length_m("250 cm"), Some(2.5));
        assert!(close(length_m("7'6\""), 2.286));
        assert!(close(length_m("7' 6\""), 2.286));
        assert!(close(length_m("7'"), 2.1336));
        assert!(close(length_m("7 ft 6 in"), 2.286));
        assert_eq!(length_m("default"), None);
        assert_eq!(length_m("below_default"), None);
        assert_eq!(length_m("none"), None);
    }

    #[test]
    fn weight_forms() {
        assert_eq!(weight_t("7.5"), Some(7.5));
        assert_eq!(weight_t("7.5 t"), Some(7.5));
        assert_eq!(weight_t("3500 kg"), Some(3.5));
        assert!(close(weight_t("10 st"), 9.071_847_4));
        assert_eq!(weight_t("none"), None);
    }
}
