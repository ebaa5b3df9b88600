//! Which OpenStreetMap ways a collection truck may drive on, in which direction, and the
//! attributes each kept way passes to its arcs.

use super::tag_values;
use crate::road::csv_input::{self, HEIGHT_M, SPEED_KMH, WEIGHT_T, WIDTH_M};

/// The `highway` classes kept: roads a motor vehicle may use. Footways, cycleways, tracks,
/// paths, pedestrian streets, roads under construction and the vague `road` class are left
/// out.
pub const DRIVABLE_HIGHWAYS: [&str; 14] = [
    "motorway",
    "trunk",
    "primary",
    "secondary",
    "tertiary",
    "unclassified",
    "residential",
    "living_street",
    "service",
    "motorway_link",
    "trunk_link",
    "primary_link",
    "secondary_link",
    "tertiary_link",
];

/// The legal driving direction of a way, relative to the order of its nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Two-way street: one arc each way per segment.
    Both,
    /// One-way in the order of the way's nodes.
    Forward,
    /// One-way against the order of the way's nodes (`oneway=-1`).
    Backward,
}

impl Direction {
    /// True for a one-way street, in either direction.
    pub fn is_oneway(self) -> bool {
        self != Direction::Both
    }
}

/// What a kept way contributes to each of its arcs.
#[derive(Clone, Debug, PartialEq)]
pub struct WayAttrs {
    /// The `highway` class, one of [`DRIVABLE_HIGHWAYS`].
    pub highway: &'static str,
    /// Legal direction.
    pub direction: Direction,
    /// Numeric speed limit (km/h) along the way's node order: `maxspeed:forward`, else
    /// `maxspeed`.
    pub maxspeed_forward_kmh: Option<f64>,
    /// Numeric speed limit (km/h) against the way's node order: `maxspeed:backward`, else
    /// `maxspeed`.
    pub maxspeed_backward_kmh: Option<f64>,
    /// Street name: `name`, else the road number `ref` (`A3`, `EN 222`), else empty.
    pub name: String,
    /// `maxwidth` in metres.
    pub max_width_m: Option<f64>,
    /// `maxweight` in tonnes.
    pub max_weight_t: Option<f64>,
    /// `maxheight` in metres.
    pub max_height_m: Option<f64>,
    /// The access value that applies to a motor car when one is tagged and it is not plain
    /// `yes` (e.g. `destination`, `delivery`, `permissive`): the most specific of
    /// `motorcar`, `motor_vehicle`, `vehicle`, `access`.
    pub access: Option<String>,
}

/// The tags of a way that the rules look at, borrowed from the PBF block.
#[derive(Clone, Debug, Default)]
struct WayTags<'a> {
    highway: Option<&'a str>,
    oneway: Option<&'a str>,
    junction: Option<&'a str>,
    maxspeed: Option<&'a str>,
    maxspeed_forward: Option<&'a str>,
    maxspeed_backward: Option<&'a str>,
    name: Option<&'a str>,
    road_ref: Option<&'a str>,
    maxwidth: Option<&'a str>,
    maxweight: Option<&'a str>,
    maxheight: Option<&'a str>,
    access: Option<&'a str>,
    vehicle: Option<&'a str>,
    motor_vehicle: Option<&'a str>,
    motorcar: Option<&'a str>,
    area: Option<&'a str>,
}

impl<'a> WayTags<'a> {
    fn collect(tags: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut t = WayTags::default();
        for (key, value) in tags {
            let slot = match key {
                "highway" => &mut t.highway,
                "oneway" => &mut t.oneway,
                "junction" => &mut t.junction,
                "maxspeed" => &mut t.maxspeed,
                "maxspeed:forward" => &mut t.maxspeed_forward,
                "maxspeed:backward" => &mut t.maxspeed_backward,
                "name" => &mut t.name,
                "ref" => &mut t.road_ref,
                "maxwidth" => &mut t.maxwidth,
                "maxweight" => &mut t.maxweight,
                "maxheight" => &mut t.maxheight,
                "access" => &mut t.access,
                "vehicle" => &mut t.vehicle,
                "motor_vehicle" => &mut t.motor_vehicle,
                "motorcar" => &mut t.motorcar,
                "area" => &mut t.area,
                _ => continue,
            };
            *slot = Some(value);
        }
        t
    }

    /// The access value for a motor car: OSM's transport-mode hierarchy, where the most
    /// specific tag present wins (`motorcar` over `motor_vehicle` over `vehicle` over
    /// `access`).
    fn car_access(&self) -> Option<&'a str> {
        self.motorcar
            .or(self.motor_vehicle)
            .or(self.vehicle)
            .or(self.access)
    }
}

/// Decides whether a way is kept, and with which attributes.
///
/// Kept: a `highway` in [`DRIVABLE_HIGHWAYS`], whose access for a motor car is not `no` or
/// `private` (the most specific of `motorcar`, `motor_vehicle`, `vehicle`, `access`
/// decides, so `access=no` + `motor_vehicle=yes` is kept and `vehicle=no` is dropped), and
/// not `area=yes` (a square is not a street).
///
/// Direction: `oneway=yes|true|1` is forward, `oneway=-1|reverse` backward,
/// `oneway=no|false|0` two-way; without a `oneway` tag, `junction=roundabout|circular` and
/// `highway=motorway` are forward one-way and everything else two-way. Time-dependent
/// values (`reversible`, `alternating`) count as two-way, as the truck may find the road
/// open in its direction.
pub fn drivable_way<'a>(tags: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<WayAttrs> {
    let t = WayTags::collect(tags);
    let highway = *DRIVABLE_HIGHWAYS.iter().find(|&&h| Some(h) == t.highway)?;
    let access = t.car_access();
    if matches!(access, Some("no" | "private")) || t.area == Some("yes") {
        return None;
    }
    // A value the road CSV reader would refuse (a speed of 1000 km/h, a width of 3 mm) is
    // a tagging error: left out, like a value that cannot be read, never written.
    let ranged = |v: Option<f64>, range| v.filter(|&v| csv_input::within(v, range));
    let speed = |v: Option<&str>| ranged(v.and_then(tag_values::maxspeed_kmh), SPEED_KMH);
    let maxspeed = speed(t.maxspeed);
    Some(WayAttrs {
        highway,
        direction: direction(&t, highway),
        maxspeed_forward_kmh: speed(t.maxspeed_forward).or(maxspeed),
        maxspeed_backward_kmh: speed(t.maxspeed_backward).or(maxspeed),
        name: t.name.or(t.road_ref).unwrap_or_default().to_owned(),
        max_width_m: ranged(t.maxwidth.and_then(tag_values::length_m), WIDTH_M),
        max_weight_t: ranged(t.maxweight.and_then(tag_values::weight_t), WEIGHT_T),
        max_height_m: ranged(t.maxheight.and_then(tag_values::length_m), HEIGHT_M),
        access: access.filter(|&a| a != "yes").map(str::to_owned),
    })
}

fn direction(t: &WayTags<'_>, highway: &str) -> Direction {
    match t.oneway {
        Some("yes" | "true" | "1") => Direction::Forward,
        Some("-1" | "reverse") => Direction::Backward,
        Some("no" | "false" | "0") => Direction::Both,
        Some(_) => Direction::Both,
        None if matches!(t.junction, Some("roundabout" | "circular")) || highway == "motorway" => {
            Direction::Forward
        }
        None => Direction::Both,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn way(tags: &[(&'static str, &'static str)]) -> Option<WayAttrs> {
        drivable_way(tags.iter().copied())
    }

    #[test]
    fn keeps_drivable_classes_only() {
        assert!(way(&[("highway", "residential")]).is_some());
        assert!(way(&[("highway", "primary_link")]).is_some());
        assert!(way(&[("highway", "footway")]).is_none());
        assert!(way(&[("highway", "cycleway")]).is_none());
        assert!(way(&[("building", "yes")]).is_none());
    }

    #[test]
    fn drops_private_and_closed_ways() {
        assert!(way(&[("highway", "service"), ("access", "private")]).is_none());
        assert!(way(&[("highway", "service"), ("access", "no")]).is_none());
        let dest = way(&[("highway", "service"), ("access", "destination")]).unwrap();
        assert_eq!(dest.access.as_deref(), Some("destination"));
        let open = way(&[("highway", "service"), ("access", "yes")]).unwrap();
        assert_eq!(open.access, None);
    }

    #[test]
    fn most_specific_access_tag_wins() {
        assert!(way(&[("highway", "service"), ("vehicle", "no")]).is_none());
        assert!(way(&[("highway", "service"), ("motorcar", "private")]).is_none());
        let w = way(&[
            ("highway", "service"),
            ("access", "no"),
            ("motor_vehicle", "delivery"),
        ]);
        assert_eq!(w.unwrap().access.as_deref(), Some("delivery"));
        let dest_but_no_cars = [
            ("highway", "service"),
            ("access", "destination"),
            ("motorcar", "no"),
        ];
        assert!(way(&dest_but_no_cars).is_none());
    }

    #[test]
    fn directional_speed_limits() {
        let w = way(&[
            ("highway", "primary"),
            ("maxspeed", "30"),
            ("maxspeed:backward", "40"),
        ])
        .unwrap();
        assert_eq!(w.maxspeed_forward_kmh, Some(30.0));
        assert_eq!(w.maxspeed_backward_kmh, Some(40.0));
    }

    #[test]
    fn one_way_rules() {
        let dir = |tags: &[(&'static str, &'static str)]| way(tags).unwrap().direction;
        assert_eq!(dir(&[("highway", "primary")]), Direction::Both);
        assert_eq!(
            dir(&[("highway", "primary"), ("oneway", "yes")]),
            Direction::Forward
        );
        assert_eq!(
            dir(&[("highway", "primary"), ("oneway", "-1")]),
            Direction::Backward
        );
        assert_eq!(dir(&[("highway", "motorway")]), Direction::Forward);
        assert_eq!(
            dir(&[("highway", "motorway"), ("oneway", "no")]),
            Direction::Both
        );
        assert_eq!(
            dir(&[("highway", "tertiary"), ("junction", "roundabout")]),
            Direction::Forward
        );
    }

    #[test]
    fn restrictions_are_parsed() {
        let w = way(&[
            ("highway", "residential"),
            ("maxspeed", "30 mph"),
            ("maxwidth", "2.2"),
            ("maxweight", "7.5"),
            ("maxheight", "3.8 m"),
            ("name", "Rua da \"Ribeira\", Norte"),
        ])
        .unwrap();
        assert!((w.maxspeed_forward_kmh.unwrap() - 48.28).abs() < 0.01);
        assert_eq!(w.maxspeed_forward_kmh, w.maxspeed_backward_kmh);
        assert_eq!(w.max_width_m, Some(2.2));
        assert_eq!(w.max_weight_t, Some(7.5));
        assert_eq!(w.max_height_m, Some(3.8));
        assert_eq!(w.name, "Rua da \"Ribeira\", Norte");
    }

    #[test]
    fn road_number_stands_in_for_a_missing_name() {
        let numbered = way(&[("highway", "trunk"), ("ref", "A3")]).unwrap();
        assert_eq!(numbered.name, "A3");
        let named = way(&[("highway", "trunk"), ("ref", "A3"), ("name", "Peel Road")]).unwrap();
        assert_eq!(named.name, "Peel Road");
    }
}
