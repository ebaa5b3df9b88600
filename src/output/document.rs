//! [`PlanDocument`]: the whole plan in plain, user-facing terms.
//!
//! This is what `plan.json` holds and what every writer reads. It names things by the
//! scenario's own ids (site, facility, depot, vehicle type ids as written in the CSV files),
//! never by solver indices, so that:
//! - an independent checker can map it back onto a [`Problem`](crate::problem::Problem)
//!   (see [`read_plan`](super::read_plan));
//! - a planner may edit it by hand (move a stop, swap two routes) and ask `wasteroute check`
//!   whether the edited plan still holds.
//!
//! ## Time line
//! Every time is given twice: as whole seconds on the plan's absolute time line
//! (`*_s` fields; second 0 is local midnight at the start of [`PlanMeta::plan_date`], so a
//! night shift runs past 86 400) and as a local ISO-8601 string with the UTC offset
//! (`2026-11-29T23:15:00+07:00`), computed by [`TimeLine::iso`]. Only the `*_s` fields
//! are read back; the strings are for people.
//!
//! ## Loads
//! Loads are lists with one integer per capacity dimension, in the order and units of
//! [`PlanDocument::dimensions`] (for example `[kg]` or `[kg, litres]`).
//!
//! ## Determinism
//! The document holds no wall-clock values (no "generated at"), and every list has a fixed
//! order, so the same inputs and seed give a byte-identical `plan.json`.

use chrono::{Duration as ChronoDuration, FixedOffset, NaiveDate, TimeZone};
use serde::{Deserialize, Serialize};

/// The version of the `plan.json` layout; bumped when a field changes meaning.
pub const PLAN_FORMAT_VERSION: u32 = 1;

/// The whole plan: what the writers write and what `plan.json` holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanDocument {
    /// Layout version, [`PLAN_FORMAT_VERSION`] when written by this program.
    pub format_version: u32,
    /// Scenario, date, time zone, fingerprint, seed, cost and totals.
    pub meta: PlanMeta,
    /// Stream names; stops and facilities refer to streams by these names.
    pub streams: Vec<String>,
    /// Capacity dimensions: every load list follows this order and these units.
    pub dimensions: Vec<Dimension>,
    /// Every vehicle of the fleet, used or not, in a fixed order.
    pub vehicles: Vec<VehicleInfo>,
    /// Depots.
    pub depots: Vec<DepotInfo>,
    /// Facilities with their intake in this plan.
    pub facilities: Vec<FacilityInfo>,
    /// One route per used vehicle.
    pub routes: Vec<RoutePlan>,
    /// Sites not served, with the reason.
    pub unassigned: Vec<UnassignedSite>,
    /// Tonight's decision for every container of a monitored site (must, optional,
    /// skip, why, and what came of it); empty, and not written, when no site is
    /// monitored.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<SiteDecision>,
    /// Road network lines drawn behind the routes on the report's map. Not written to
    /// `plan.json` (it would dwarf the plan); the planner fills it for `report.html`.
    #[serde(skip)]
    pub road_background: Option<RoadBackground>,
}

impl PlanDocument {
    /// True when every site left out was left out by choice (an optional site not worth
    /// its prize): the plan is complete.
    pub fn serves_every_required_site(&self) -> bool {
        let choice = crate::solution::UnassignedReason::NotWorthItsPrize.code();
        self.unassigned.iter().all(|u| u.reason == choice)
    }
}

/// Who, when, and with what settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanMeta {
    /// The scenario's name (from its TOML file).
    pub scenario_name: String,
    /// The night the plan is for, `YYYY-MM-DD`; second 0 of the time line is its local midnight.
    pub plan_date: String,
    /// The time zone's name as the scenario gives it (e.g. `Asia/Ho_Chi_Minh`), for display.
    pub time_zone: String,
    /// The fixed UTC offset used for every local time, `+07:00`.
    pub utc_offset: String,
    /// A hash of every input file and setting; two plans with the same fingerprint and seed
    /// come from identical inputs.
    pub scenario_fingerprint: String,
    /// The solver's random seed.
    pub seed: u64,
    /// The solver's iteration budget, when one was set.
    pub iteration_budget: Option<u64>,
    /// The program that wrote the plan, `wasteroute x.y.z`.
    pub generator: String,
    /// Totals over the whole plan.
    pub summary: PlanSummary,
    /// The language of `report.html`'s texts (`[scenario] language`). Written as
    /// `"language"` only when it is not English: an English plan's `plan.json` is the same
    /// as before languages existed, and a plan without the key reads as English.
    #[serde(default, skip_serializing_if = "crate::output::Language::is_english")]
    pub language: crate::output::Language,
}

/// Totals over the whole plan.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanSummary {
    /// The solver's objective value (routing cost plus unassigned penalties), in the
    /// scenario's cost unit.
    pub cost: i64,
    /// Vehicles with a route.
    pub vehicles_used: u32,
    /// Vehicles in the fleet.
    pub vehicles_available: u32,
    /// Sites in the scenario.
    pub sites_total: u32,
    /// Sites served.
    pub sites_served: u32,
    /// Sites not served.
    pub sites_unassigned: u32,
    /// Trips (collect, then unload) over all routes.
    pub trips: u32,
    /// Distance driven, metres.
    pub distance_m: i64,
    /// Sum of route durations (depot departure to return), seconds.
    pub duration_s: i64,
    /// Amount collected, per dimension.
    pub collected: Vec<i64>,
    /// Estimated CO₂ emission, kg (each vehicle's kg per km × its km).
    pub co2_kg: f64,
    /// The currency costs are in (e.g. `EUR`, `VND`); empty when not known.
    #[serde(default)]
    pub currency: String,
    /// Cost units per unit of `currency` (costs are integers; `1_000_000` when they are
    /// micro-euros); 0 when not known, and the report then shows raw cost units.
    #[serde(default)]
    pub cost_scale: i64,
}

/// A capacity dimension.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dimension {
    /// Name, e.g. `weight`.
    pub name: String,
    /// Unit, e.g. `kg`.
    pub unit: String,
}

/// A vehicle of the fleet: one of the `count` vehicles of a vehicle type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VehicleInfo {
    /// Unique id, `<type id>-<number + 1>` (e.g. `compactor-2`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// The vehicle type's id as in `vehicles.csv`.
    pub vehicle_type: String,
    /// Which vehicle of its type, from 0.
    pub number: u32,
    /// Start depot id.
    pub start_depot: String,
    /// End depot id.
    pub end_depot: String,
    /// Capacity of one trip, per dimension.
    pub capacity: Vec<i64>,
    /// Streams it may carry.
    pub streams: Vec<String>,
    /// Shift start, seconds on the time line.
    pub shift_start_s: i64,
    /// Shift end, seconds on the time line.
    pub shift_end_s: i64,
    /// Emission factor, kg CO₂ per km driven.
    pub co2_kg_per_km: f64,
}

/// A depot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DepotInfo {
    /// Id as in `depots.csv`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Latitude, WGS 84.
    pub lat: f64,
    /// Longitude, WGS 84.
    pub lon: f64,
}

/// A facility and what it receives in this plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacilityInfo {
    /// Id as in `facilities.csv`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind: `transfer_station`, `landfill`, `incinerator`, `composting`, `recycling`.
    pub kind: String,
    /// Latitude, WGS 84.
    pub lat: f64,
    /// Longitude, WGS 84.
    pub lon: f64,
    /// Streams it accepts.
    pub accepts: Vec<String>,
    /// Daily intake limit per dimension; `None` = no limit.
    pub daily_limit: Option<Vec<i64>>,
    /// Total unloaded here over all routes, per dimension.
    pub intake: Vec<i64>,
    /// Unloaded here per stream (streams with no intake are left out), in stream order.
    pub intake_by_stream: Vec<StreamAmount>,
    /// Number of unloading visits.
    pub visits: u32,
}

/// An amount of one stream.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StreamAmount {
    /// Stream name.
    pub stream: String,
    /// Amount per dimension.
    pub amount: Vec<i64>,
}

/// The work of one vehicle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoutePlan {
    /// The vehicle's id ([`VehicleInfo::id`]).
    pub vehicle: String,
    /// The vehicle type's id.
    pub vehicle_type: String,
    /// Which vehicle of its type, from 0.
    pub vehicle_number: u32,
    /// Route totals.
    pub totals: RouteTotals,
    /// Trips in order. The start depot is the first stop of the first trip and the end
    /// depot the last stop of the last trip; a trip ends with its facility stop.
    pub trips: Vec<TripPlan>,
}

/// Totals of one route.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RouteTotals {
    /// Departure from the start depot, seconds.
    pub departure_s: i64,
    /// Departure from the start depot, local time.
    pub departure: String,
    /// Arrival at the end depot, seconds.
    pub arrival_s: i64,
    /// Arrival at the end depot, local time.
    pub arrival: String,
    /// Distance, metres.
    pub distance_m: i64,
    /// Arrival at the end depot minus departure from the start depot, seconds.
    pub duration_s: i64,
    /// Time spent driving, seconds.
    pub driving_s: i64,
    /// Time spent collecting at sites, seconds.
    pub service_s: i64,
    /// Time spent unloading at facilities, seconds.
    pub unloading_s: i64,
    /// Time spent on the break, seconds.
    pub break_s: i64,
    /// Time spent waiting for windows or release times, seconds.
    pub waiting_s: i64,
    /// Sites served.
    pub sites: u32,
    /// Trips.
    pub trips: u32,
    /// Collected over the route, per dimension.
    pub collected: Vec<i64>,
    /// Collected per stream, in stream order (streams not collected are left out).
    pub collected_by_stream: Vec<StreamAmount>,
    /// Largest trip load divided by capacity, per dimension (0..=1; 0 when the capacity
    /// is zero or unlimited).
    pub peak_capacity_use: Vec<f64>,
    /// Estimated CO₂, kg.
    pub co2_kg: f64,
    /// The route's cost: fixed + per distance + per duration.
    pub cost: i64,
}

/// One trip: from the depot or a facility, through sites, to a facility (or home).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TripPlan {
    /// 1-based trip number within the route.
    pub number: u32,
    /// The stream the trip collects; `None` for a trip without sites (such as the drive home).
    pub stream: Option<String>,
    /// Total collected on this trip, per dimension.
    pub load: Vec<i64>,
    /// Stops in order.
    pub stops: Vec<Stop>,
}

/// What happens at a stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StopKind {
    /// Leaving or coming back to a depot.
    Depot,
    /// Collecting at a site.
    Site,
    /// Unloading at a facility.
    Facility,
    /// The driver's break, where the vehicle stands.
    Break,
}

impl StopKind {
    /// The name used in CSV and GeoJSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            StopKind::Depot => "depot",
            StopKind::Site => "site",
            StopKind::Facility => "facility",
            StopKind::Break => "break",
        }
    }
}

/// One stop of a route, with its times, the load after it, and the road leg that leads
/// to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stop {
    /// What happens here.
    pub kind: StopKind,
    /// The depot, site or facility id; for a break, the id of the place where it is taken.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Latitude, WGS 84.
    pub lat: f64,
    /// Longitude, WGS 84.
    pub lon: f64,
    /// Stream collected (sites only).
    pub stream: Option<String>,
    /// Amount picked up here, per dimension (sites only; empty otherwise).
    pub demand: Vec<i64>,
    /// Arrival, seconds.
    pub arrival_s: i64,
    /// Arrival, local time.
    pub arrival: String,
    /// Start of service, unloading or break, seconds.
    pub start_s: i64,
    /// Start, local time.
    pub start: String,
    /// Departure, seconds.
    pub departure_s: i64,
    /// Departure, local time.
    pub departure: String,
    /// Waiting before the start (window or release time), seconds.
    pub waiting_s: i64,
    /// Load on board after the stop, per dimension (zero after a facility).
    pub load_after: Vec<i64>,
    /// Road distance from the previous stop, metres.
    pub distance_from_previous_m: i64,
    /// Driving time from the previous stop, seconds.
    pub time_from_previous_s: i64,
    /// The road path from the previous stop, `[lon, lat]` points (empty for the first
    /// stop and for a break), 5 decimals (about a metre). Written on one line: the rest
    /// of `plan.json` is pretty, but a point per line tripled the file at 10,000 sites.
    #[serde(serialize_with = "one_line_points")]
    pub path_from_previous: Vec<[f64; 2]>,
}

/// Tonight's decision for one container of a monitored site.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SiteDecision {
    /// Site id.
    pub site: String,
    /// Display name.
    pub name: String,
    /// The container's stream.
    pub stream: String,
    /// The stop id the container is collected under when served (`<site>` or
    /// `<site>/<stream>`, as in the routes).
    pub stop_id: String,
    /// `must`, `optional` or `skip`.
    pub decision: String,
    /// The rule that decided: `overflow`, `frequency`, `max_days`, `no_forecast`,
    /// `worth_taking` or `not_needed`.
    pub rule: String,
    /// Where the forecast's rate came from: `readings`, `earlier_cycles`, `estimate`, or
    /// `none`.
    pub basis: String,
    /// Expected fill at tonight's latest service, percent of the volume.
    pub fill_now_pct: Option<f64>,
    /// Upper quantile of the fill at the next chance, percent.
    pub predicted_pct: Option<f64>,
    /// When that prediction is for (local ISO 8601).
    pub predicted_at: String,
    /// The next night the site could be served (`YYYY-MM-DD`, the date the night starts).
    pub next_chance: String,
    /// Optional containers: what serving it is worth, in the scenario's currency.
    pub prize: Option<f64>,
    /// What came of it: `served`, `not_taken` (optional, not worth its detour),
    /// `unassigned` (must, but could not be served; see `unassigned`) or `skipped`.
    pub outcome: String,
    /// The decision in a sentence, e.g. "62 % now, 81 % predicted Thu 02:00, next
    /// chance the night of Wed 04 Mar: skip, can wait".
    pub reason: String,
}

/// Writes `points` as one compact JSON array (`[[lon,lat],…]`) inside a pretty document.
fn one_line_points<S: serde::Serializer>(
    points: &[[f64; 2]],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::Serialize;
    use std::fmt::Write;
    let mut text = String::with_capacity(2 + points.len() * 22);
    text.push('[');
    for (i, p) in points.iter().enumerate() {
        let sep = if i == 0 { "" } else { "," };
        // Non-finite numbers are not JSON: written as null, as serde_json writes them.
        let num = |x: f64| {
            if x.is_finite() {
                format!("{x}")
            } else {
                "null".to_string()
            }
        };
        let _ = write!(text, "{sep}[{},{}]", num(p[0]), num(p[1]));
    }
    text.push(']');
    serde_json::value::RawValue::from_string(text)
        .map_err(serde::ser::Error::custom)?
        .serialize(serializer)
}

/// A site left out, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnassignedSite {
    /// Site id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Latitude, WGS 84.
    pub lat: f64,
    /// Longitude, WGS 84.
    pub lon: f64,
    /// The site's stream.
    pub stream: String,
    /// Reason code ([`UnassignedReason::code`](crate::solution::UnassignedReason::code)).
    pub reason: String,
    /// The reason in a sentence a planner understands, with what to do about it.
    pub explanation: String,
}

/// Road lines drawn behind the routes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RoadBackground {
    /// Polylines of `[lon, lat]` points.
    pub lines: Vec<RoadLine>,
}

/// One road polyline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoadLine {
    /// Major roads (primary and above) are drawn wider.
    pub major: bool,
    /// `[lon, lat]` points.
    pub points: Vec<[f64; 2]>,
}

/// The plan's time line: seconds from local midnight of the plan date, at a fixed UTC offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeLine {
    date: NaiveDate,
    offset: FixedOffset,
}

impl TimeLine {
    /// A time line starting at local midnight of `date`, `offset_seconds` east of UTC.
    /// `None` when the offset is beyond ±24 h.
    pub fn new(date: NaiveDate, offset_seconds: i32) -> Option<TimeLine> {
        Some(TimeLine {
            date,
            offset: FixedOffset::east_opt(offset_seconds)?,
        })
    }

    /// The UTC offset as `+07:00`.
    pub fn offset_string(&self) -> String {
        let s = self.offset.local_minus_utc();
        let sign = if s < 0 { '-' } else { '+' };
        let a = s.unsigned_abs();
        format!("{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60)
    }

    /// The plan date as `YYYY-MM-DD`.
    pub fn date_string(&self) -> String {
        self.date.format("%Y-%m-%d").to_string()
    }

    /// Local ISO-8601 time with offset for second `t` of the time line, e.g.
    /// `2026-11-30T01:30:00+07:00` for `t = 91 800` on the night of 2026-11-29.
    pub fn iso(&self, t: i64) -> String {
        let midnight = self.date.and_hms_opt(0, 0, 0).expect("midnight exists");
        let local = midnight + ChronoDuration::seconds(t);
        match self.offset.from_local_datetime(&local).single() {
            Some(dt) => dt.format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            None => format!("{t}s"),
        }
    }

    /// Local wall-clock time `HH:MM` for second `t` (wrapping at midnight).
    pub fn clock(t: i64) -> String {
        let m = t.div_euclid(60).rem_euclid(24 * 60);
        format!("{:02}:{:02}", m / 60, m % 60)
    }
}

impl PlanDocument {
    /// A small, complete example for tests and docs: one compactor with two trips on a
    /// night shift across midnight, a break, two facilities, and one unassigned site.
    pub fn example() -> PlanDocument {
        example::build()
    }
}

mod example {
    use super::*;

    #[allow(clippy::too_many_arguments)] // positional test data reads best in one line
    fn stop(
        tl: &TimeLine,
        kind: StopKind,
        id: &str,
        lat: f64,
        lon: f64,
        times: [i64; 3],
        load_after: i64,
        leg: (i64, i64),
    ) -> Stop {
        let [arrival_s, start_s, departure_s] = times;
        Stop {
            kind,
            id: id.to_string(),
            name: format!("{} {id}", kind.as_str()),
            lat,
            lon,
            stream: None,
            demand: Vec::new(),
            arrival_s,
            arrival: tl.iso(arrival_s),
            start_s,
            start: tl.iso(start_s),
            departure_s,
            departure: tl.iso(departure_s),
            waiting_s: start_s - arrival_s,
            load_after: vec![load_after],
            distance_from_previous_m: leg.0,
            time_from_previous_s: leg.1,
            path_from_previous: Vec::new(),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn site(
        tl: &TimeLine,
        id: &str,
        lat: f64,
        lon: f64,
        times: [i64; 3],
        load_after: i64,
        demand: i64,
        leg: (i64, i64),
        from: [f64; 2],
    ) -> Stop {
        let mut s = stop(tl, StopKind::Site, id, lat, lon, times, load_after, leg);
        s.stream = Some("food".into());
        s.demand = vec![demand];
        s.path_from_previous = vec![from, [(from[0] + lon) / 2.0, from[1]], [lon, lat]];
        s
    }

    pub(super) fn build() -> PlanDocument {
        let tl = TimeLine::new(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(), 7 * 3600).unwrap();
        let depot = [106.680, 20.850];
        let s1 = [106.690, 20.860];
        let s2 = [106.700, 20.855];
        let f1 = [106.720, 20.870];
        let h = |hh: i64, mm: i64| hh * 3600 + mm * 60;
        let mut first = stop(
            &tl,
            StopKind::Depot,
            "D1",
            depot[1],
            depot[0],
            [h(23, 0), h(23, 0), h(23, 0)],
            0,
            (0, 0),
        );
        first.name = "Main depot".into();
        let a = site(
            &tl,
            "S1",
            s1[1],
            s1[0],
            [h(23, 10), h(23, 10), h(23, 20)],
            4000,
            4000,
            (2500, 600),
            depot,
        );
        let b = site(
            &tl,
            "S2",
            s2[1],
            s2[0],
            [h(23, 30), h(23, 45), h(23, 55)],
            7000,
            3000,
            (1500, 600),
            s1,
        );
        let mut brk = stop(
            &tl,
            StopKind::Break,
            "S2",
            s2[1],
            s2[0],
            [h(23, 55), h(24, 0), h(24, 30)],
            7000,
            (0, 0),
        );
        brk.name = "Break".into();
        // An unloading at the landfill F1, reached from `from`.
        let landfill = |times: [i64; 3], leg: (i64, i64), from: [f64; 2]| {
            let mut s = stop(&tl, StopKind::Facility, "F1", f1[1], f1[0], times, 0, leg);
            s.name = "Trang Cat landfill".into();
            s.path_from_previous = vec![from, f1];
            s
        };
        let fac = landfill([h(24, 50), h(24, 50), h(25, 10)], (3000, 1200), s2);
        let c = site(
            &tl,
            "S3",
            20.865,
            106.710,
            [h(25, 25), h(25, 25), h(25, 30)],
            2000,
            2000,
            (2000, 900),
            f1,
        );
        let fac2 = landfill(
            [h(25, 45), h(25, 45), h(26, 5)],
            (2000, 900),
            [106.710, 20.865],
        );
        let mut home = stop(
            &tl,
            StopKind::Depot,
            "D1",
            depot[1],
            depot[0],
            [h(26, 25), h(26, 25), h(26, 25)],
            0,
            (4500, 1200),
        );
        home.name = "Main depot".into();
        home.path_from_previous = vec![f1, depot];
        let route = RoutePlan {
            vehicle: "compactor-1".into(),
            vehicle_type: "compactor".into(),
            vehicle_number: 0,
            totals: RouteTotals {
                departure_s: h(23, 0),
                departure: tl.iso(h(23, 0)),
                arrival_s: h(26, 25),
                arrival: tl.iso(h(26, 25)),
                distance_m: 15_500,
                duration_s: h(3, 25),
                driving_s: 5_400,
                service_s: 1_500,
                unloading_s: 2_400,
                break_s: 1_800,
                waiting_s: 1_200,
                sites: 3,
                trips: 2,
                collected: vec![9000],
                collected_by_stream: vec![StreamAmount {
                    stream: "food".into(),
                    amount: vec![9000],
                }],
                peak_capacity_use: vec![0.7],
                co2_kg: 15.5,
                cost: 30_000,
            },
            trips: vec![
                TripPlan {
                    number: 1,
                    stream: Some("food".into()),
                    load: vec![7000],
                    stops: vec![first, a, b, brk, fac],
                },
                TripPlan {
                    number: 2,
                    stream: Some("food".into()),
                    load: vec![2000],
                    stops: vec![c, fac2, home],
                },
            ],
        };
        // Vehicle `number` of the two compactors (only the first is used).
        let compactor = |number: u32| VehicleInfo {
            id: format!("compactor-{}", number + 1),
            name: format!("Compactor 16 t #{}", number + 1),
            vehicle_type: "compactor".into(),
            number,
            start_depot: "D1".into(),
            end_depot: "D1".into(),
            capacity: vec![10_000],
            streams: vec!["food".into(), "other".into()],
            shift_start_s: h(22, 30),
            shift_end_s: h(30, 30),
            co2_kg_per_km: 1.0,
        };
        PlanDocument {
            format_version: PLAN_FORMAT_VERSION,
            meta: PlanMeta {
                scenario_name: "example".into(),
                plan_date: tl.date_string(),
                time_zone: "Asia/Ho_Chi_Minh".into(),
                utc_offset: tl.offset_string(),
                scenario_fingerprint: "0123456789abcdef".into(),
                seed: 42,
                iteration_budget: Some(1000),
                generator: format!("wasteroute {}", env!("CARGO_PKG_VERSION")),
                language: Default::default(),
                summary: PlanSummary {
                    cost: 1_030_000,
                    vehicles_used: 1,
                    vehicles_available: 2,
                    sites_total: 4,
                    sites_served: 3,
                    sites_unassigned: 1,
                    trips: 2,
                    distance_m: 15_500,
                    duration_s: h(3, 25),
                    collected: vec![9000],
                    co2_kg: 15.5,
                    currency: "VND".into(),
                    cost_scale: 1,
                },
            },
            streams: vec!["recyclable".into(), "food".into(), "other".into()],
            dimensions: vec![Dimension { name: "weight".into(), unit: "kg".into() }],
            vehicles: vec![compactor(0), compactor(1)],
            depots: vec![DepotInfo { id: "D1".into(), name: "Main depot".into(), lat: depot[1], lon: depot[0] }],
            facilities: vec![
                FacilityInfo {
                    id: "F1".into(),
                    name: "Trang Cat landfill".into(),
                    kind: "landfill".into(),
                    lat: f1[1],
                    lon: f1[0],
                    accepts: vec!["food".into(), "other".into()],
                    daily_limit: Some(vec![500_000]),
                    intake: vec![9000],
                    intake_by_stream: vec![StreamAmount { stream: "food".into(), amount: vec![9000] }],
                    visits: 2,
                },
                FacilityInfo {
                    id: "F2".into(),
                    name: "Recycling yard".into(),
                    kind: "recycling".into(),
                    lat: 20.840,
                    lon: 106.700,
                    accepts: vec!["recyclable".into()],
                    daily_limit: None,
                    intake: vec![0],
                    intake_by_stream: Vec::new(),
                    visits: 0,
                },
            ],
            routes: vec![route],
            unassigned: vec![UnassignedSite {
                id: "S4".into(),
                name: "Alley 12".into(),
                lat: 20.880,
                lon: 106.650,
                stream: "recyclable".into(),
                reason: "no_vehicle_for_stream".into(),
                explanation: "No vehicle type carries the stream 'recyclable'; add it to a vehicle's streams in vehicles.csv.".into(),
            }],
            road_background: Some(RoadBackground {
                lines: vec![
                    RoadLine { major: true, points: vec![depot, s1, s2, f1] },
                    RoadLine { major: false, points: vec![[106.650, 20.880], depot, [106.700, 20.840]] },
                ],
            }),
            decisions: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_cross_midnight_with_the_offset() {
        let tl = TimeLine::new(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(), 7 * 3600).unwrap();
        assert_eq!(tl.iso(23 * 3600), "2026-11-29T23:00:00+07:00");
        assert_eq!(tl.iso(25 * 3600 + 30 * 60), "2026-11-30T01:30:00+07:00");
        assert_eq!(tl.offset_string(), "+07:00");
        assert_eq!(TimeLine::clock(25 * 3600 + 5 * 60), "01:05");
        let west = TimeLine::new(
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            -(3 * 3600 + 1800),
        )
        .unwrap();
        assert_eq!(west.offset_string(), "-03:30");
    }

    #[test]
    fn example_round_trips_through_json_without_the_background() {
        let doc = PlanDocument::example();
        let text = serde_json::to_string_pretty(&doc).unwrap();
        let back: PlanDocument = serde_json::from_str(&text).unwrap();
        assert!(back.road_background.is_none());
        assert_eq!(
            PlanDocument {
                road_background: None,
                ..doc
            },
            back
        );
    }
}
