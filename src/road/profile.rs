//! Vehicle profiles, and the per-arc restrictions they are checked against.
//!
//! A profile sees only the arcs it may use: an arc whose `max_weight_t`, `max_width_m` or
//! `max_height_m` is below the vehicle's, whose `highway` class the profile does not allow,
//! or whose `access` closes it, is left out of the profile's [`ArcList`](super::ArcList).
//! A profile's `speed_factor` scales the arc's speed (its `maxspeed_kmh`, else the default
//! of its class), and `max_speed_kmh` caps it.

use std::collections::BTreeSet;

/// Who may drive an arc, from its OSM `access` tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub enum Access {
    /// Anyone (`yes`, `permissive`, `designated`, `public`, or no tag).
    #[default]
    Open,
    /// Only traffic with business there (`destination`, `delivery`, `customers`, `permit`):
    /// usable by profiles with [`VehicleProfile::may_use_destination`].
    Destination,
    /// Nobody (`no`, `private`, `agricultural`, `forestry`, `emergency`, `military`, and
    /// unrecognised values, which the loader warns about).
    Closed,
}

impl Access {
    /// Parses an OSM `access` value (case-insensitive); `None` for values it does not know.
    pub fn parse(value: &str) -> Option<Access> {
        let v = value.trim().to_ascii_lowercase();
        match v.as_str() {
            "" | "yes" | "permissive" | "designated" | "public" => Some(Access::Open),
            "destination" | "delivery" | "customers" | "permit" => Some(Access::Destination),
            "no" | "private" | "agricultural" | "forestry" | "emergency" | "military" => {
                Some(Access::Closed)
            }
            _ => None,
        }
    }
}

/// The physical and legal limits of one arc (absent limits do not restrict).
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct ArcRestrictions {
    /// Widest vehicle allowed, in metres.
    pub max_width_m: Option<f64>,
    /// Heaviest vehicle allowed, in tonnes.
    pub max_weight_t: Option<f64>,
    /// Tallest vehicle allowed, in metres.
    pub max_height_m: Option<f64>,
    /// Who may drive it.
    pub access: Access,
}

/// A kind of vehicle, as the road network sees it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VehicleProfile {
    /// Name, for messages and reports.
    pub name: String,
    /// Width in metres (mirrors folded).
    pub width_m: f64,
    /// Gross weight in tonnes, loaded.
    pub weight_t: f64,
    /// Height in metres.
    pub height_m: f64,
    /// Multiplies every arc's speed (e.g. 0.8 for a truck that drives at 80 % of the
    /// limit). Must be positive.
    pub speed_factor: f64,
    /// Caps the speed after the factor, in km/h; `None` for no cap.
    #[serde(default)]
    pub max_speed_kmh: Option<f64>,
    /// The `highway` classes it may use; `None` for all.
    #[serde(default)]
    pub allowed_highways: Option<BTreeSet<String>>,
    /// Whether it may use `access=destination/delivery/customers/permit` arcs (a
    /// collection truck serves the houses there).
    pub may_use_destination: bool,
}

/// The names of the built-in profiles, for `--profile` help and errors.
pub const PRESET_NAMES: &[&str] = &["car", "cart", "small_truck", "compactor_16t"];

fn classes(list: &[&str]) -> Option<BTreeSet<String>> {
    Some(list.iter().map(|s| (*s).to_owned()).collect())
}

const LOCAL_CLASSES: &[&str] = &[
    "primary",
    "primary_link",
    "secondary",
    "secondary_link",
    "tertiary",
    "tertiary_link",
    "unclassified",
    "residential",
    "living_street",
    "service",
    "road",
];

impl VehicleProfile {
    /// A built-in profile by name (see [`PRESET_NAMES`]):
    ///
    /// | name | width | weight | height | speed factor | cap | classes |
    /// |---|---|---|---|---|---|---|
    /// | `car` | 1.8 m | 1.5 t | 1.5 m | 1.0 | — | all |
    /// | `cart` (2.5 t electric alley cart) | 1.5 m | 2.5 t | 2.0 m | 0.8 | 40 km/h | no motorway or trunk |
    /// | `small_truck` | 2.2 m | 7.5 t | 3.0 m | 0.9 | 80 km/h | all |
    /// | `compactor_16t` | 2.55 m | 16 t | 3.6 m | 0.85 | 70 km/h | all |
    ///
    /// All may use `access=destination` roads.
    pub fn preset(name: &str) -> Option<VehicleProfile> {
        let p = |name: &str, w, t, h, f, cap, allowed| VehicleProfile {
            name: name.to_owned(),
            width_m: w,
            weight_t: t,
            height_m: h,
            speed_factor: f,
            max_speed_kmh: cap,
            allowed_highways: allowed,
            may_use_destination: true,
        };
        match name {
            "car" => Some(p("car", 1.8, 1.5, 1.5, 1.0, None, None)),
            "cart" => Some(p(
                "cart",
                1.5,
                2.5,
                2.0,
                0.8,
                Some(40.0),
                classes(LOCAL_CLASSES),
            )),
            "small_truck" => Some(p("small_truck", 2.2, 7.5, 3.0, 0.9, Some(80.0), None)),
            "compactor_16t" => Some(p("compactor_16t", 2.55, 16.0, 3.6, 0.85, Some(70.0), None)),
            _ => None,
        }
    }

    /// Reads a profile from TOML (the fields of this struct, e.g. `name = "tricycle"`,
    /// `width_m = 1.2`, …) and [validates](Self::validate) it.
    pub fn from_toml_str(text: &str) -> Result<VehicleProfile, String> {
        let p: VehicleProfile =
            toml::from_str(text).map_err(|e| e.to_string().trim_end().replace('\n', " "))?;
        p.validate()?;
        Ok(p)
    }

    /// Checks that the numbers make sense; the message names the field.
    pub fn validate(&self) -> Result<(), String> {
        let positive = |field: &str, v: f64| {
            if v.is_finite() && v > 0.0 {
                Ok(())
            } else {
                Err(format!(
                    "profile `{}`: {field} = {v} must be a positive number",
                    self.name
                ))
            }
        };
        positive("width_m", self.width_m)?;
        positive("weight_t", self.weight_t)?;
        positive("height_m", self.height_m)?;
        positive("speed_factor", self.speed_factor)?;
        if let Some(cap) = self.max_speed_kmh {
            positive("max_speed_kmh", cap)?;
        }
        Ok(())
    }

    /// Whether this vehicle may drive an arc of class `highway` with restrictions `r`.
    pub fn may_use(&self, highway: &str, r: &ArcRestrictions) -> bool {
        let fits = |limit: Option<f64>, own: f64| limit.is_none_or(|l| own <= l);
        let access_ok = match r.access {
            Access::Open => true,
            Access::Destination => self.may_use_destination,
            Access::Closed => false,
        };
        access_ok
            && fits(r.max_width_m, self.width_m)
            && fits(r.max_weight_t, self.weight_t)
            && fits(r.max_height_m, self.height_m)
            && self
                .allowed_highways
                .as_ref()
                .is_none_or(|allowed| allowed.contains(highway))
    }

    /// The speed this vehicle drives at on a road whose own speed is `road_kmh`.
    pub fn speed_kmh(&self, road_kmh: f64) -> f64 {
        let v = road_kmh * self.speed_factor;
        match self.max_speed_kmh {
            Some(cap) => v.min(cap),
            None => v,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_exist_and_are_valid() {
        for name in PRESET_NAMES {
            let p = VehicleProfile::preset(name).unwrap();
            assert_eq!(&p.name, name);
            p.validate().unwrap();
        }
        assert!(VehicleProfile::preset("tank").is_none());
    }

    #[test]
    fn weight_limit_keeps_the_compactor_out_but_not_the_cart() {
        let bridge = ArcRestrictions {
            max_weight_t: Some(10.0),
            ..Default::default()
        };
        let cart = VehicleProfile::preset("cart").unwrap();
        let compactor = VehicleProfile::preset("compactor_16t").unwrap();
        assert!(cart.may_use("residential", &bridge));
        assert!(!compactor.may_use("residential", &bridge));
        // The cart may not take the motorway whatever its restrictions.
        assert!(!cart.may_use("motorway", &ArcRestrictions::default()));
    }

    #[test]
    fn access_values() {
        assert_eq!(Access::parse("Delivery"), Some(Access::Destination));
        assert_eq!(Access::parse(""), Some(Access::Open));
        assert_eq!(Access::parse("private"), Some(Access::Closed));
        assert_eq!(Access::parse("sometimes"), None);
        let mut car = VehicleProfile::preset("car").unwrap();
        let dest = ArcRestrictions {
            access: Access::Destination,
            ..Default::default()
        };
        assert!(car.may_use("service", &dest));
        car.may_use_destination = false;
        assert!(!car.may_use("service", &dest));
    }

    #[test]
    fn speed_factor_then_cap() {
        let c = VehicleProfile::preset("compactor_16t").unwrap();
        assert_eq!(c.speed_kmh(40.0), 34.0);
        assert_eq!(c.speed_kmh(120.0), 70.0);
    }

    #[test]
    fn profile_from_toml() {
        let p = VehicleProfile::from_toml_str(
            "name = 'tricycle'\nwidth_m = 1.2\nweight_t = 0.6\nheight_m = 1.8\n\
             speed_factor = 0.5\nallowed_highways = ['residential']\nmay_use_destination = true\n",
        )
        .unwrap();
        assert_eq!(p.name, "tricycle");
        assert!(p.may_use("residential", &ArcRestrictions::default()));
        assert!(!p.may_use("primary", &ArcRestrictions::default()));
        let err = VehicleProfile::from_toml_str("name = 'x'\nwidth_m = 1\n").unwrap_err();
        assert!(err.contains("missing field"), "{err}");
    }

    #[test]
    fn validate_names_the_field() {
        let mut p = VehicleProfile::preset("car").unwrap();
        p.speed_factor = 0.0;
        assert!(p.validate().unwrap_err().contains("speed_factor"));
    }
}
