//! Building a [`PlanDocument`] from a solved problem and its timed plan.
//!
//! The problem knows only indices; whoever loaded the scenario supplies the names,
//! coordinates and road geometry through [`PlanLabels`], and the settings that describe the
//! run through [`PlanSettings`]. Everything else — trips, times, loads, facility intake,
//! totals, CO₂ — is derived here, once, so that all four output files agree.

use super::document::{
    DepotInfo, Dimension, FacilityInfo, PLAN_FORMAT_VERSION, PlanDocument, PlanMeta, PlanSummary,
    RoadBackground, RoutePlan, RouteTotals, Stop, StopKind, StreamAmount, TimeLine, TripPlan,
    UnassignedSite, VehicleInfo,
};
use crate::plan::{StopRef, TimedPlan, TimedRoute};
use crate::problem::{
    DepotIdx, FacilityIdx, Loads, LocationIdx, Problem, ProfileIdx, SiteIdx, StreamIdx,
    VehicleTypeIdx,
};
use crate::solution::{Solution, UnassignedReason};

/// A named place on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// The id as in the scenario's CSV file.
    pub id: String,
    /// Display name (the id again when the file gives none).
    pub name: String,
    /// Latitude, WGS 84.
    pub lat: f64,
    /// Longitude, WGS 84.
    pub lon: f64,
}

/// The user-facing side of a vehicle type.
#[derive(Clone, Debug, PartialEq)]
pub struct VehicleLabel {
    /// The id as in `vehicles.csv`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Emission factor, kg CO₂ per km.
    pub co2_kg_per_km: f64,
}

/// Names, coordinates and road geometry for the problem's indices.
pub trait PlanLabels {
    /// A site.
    fn site(&self, s: SiteIdx) -> Place;
    /// A facility, and its kind (`landfill`, `transfer_station`, …).
    fn facility(&self, f: FacilityIdx) -> (Place, String);
    /// A depot.
    fn depot(&self, d: DepotIdx) -> Place;
    /// A vehicle type.
    fn vehicle_type(&self, v: VehicleTypeIdx) -> VehicleLabel;
    /// The road path from `from` to `to` for a profile, as `[lon, lat]` points from the
    /// first location to the second. An empty path draws a straight line.
    fn leg_path(&self, profile: ProfileIdx, from: LocationIdx, to: LocationIdx) -> Vec<[f64; 2]>;
    /// The sentence shown for an unassigned site; [`default_explanation`] unless the
    /// planner knows more (for example the stream's name or the snap distance).
    fn explain(&self, site: SiteIdx, reason: UnassignedReason) -> String {
        let _ = site;
        default_explanation(reason).to_string()
    }
    /// Where a break taken at `location` is shown; `None` (the default) shows it at the
    /// stop before it.
    fn break_place(&self, location: LocationIdx) -> Option<Place> {
        let _ = location;
        None
    }
}

/// What describes the run rather than the routes.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanSettings {
    /// The scenario's name.
    pub scenario_name: String,
    /// The plan's time line (date and UTC offset).
    pub time_line: TimeLine,
    /// The time zone's name, for display.
    pub time_zone: String,
    /// Hash of the inputs.
    pub scenario_fingerprint: String,
    /// Solver seed.
    pub seed: u64,
    /// Solver iteration budget, if any.
    pub iteration_budget: Option<u64>,
    /// Stream names by [`StreamIdx`].
    pub streams: Vec<String>,
    /// Capacity dimensions in use (at most [`MAX_DIMS`](crate::problem::MAX_DIMS)).
    pub dimensions: Vec<Dimension>,
    /// Road lines for the report's map.
    pub road_background: Option<RoadBackground>,
    /// The currency costs are in; empty when not known.
    pub currency: String,
    /// Cost units per unit of `currency`; 0 when not known.
    pub cost_scale: i64,
}

/// A plain explanation of each reason, with what to do about it.
pub fn default_explanation(reason: UnassignedReason) -> &'static str {
    match reason {
        UnassignedReason::UnreachableByRoad => {
            "No vehicle's roads connect this site with a depot and a facility; check its position, one-way streets and the vehicles' road restrictions."
        }
        UnassignedReason::NoVehicleForStream => {
            "No vehicle type may carry this site's stream or serve this site; add the stream to a vehicle type in vehicles.csv or relax the site's vehicle restriction."
        }
        UnassignedReason::NoFacilityForStream => {
            "No facility that accepts this site's stream is open to a vehicle that could carry it; add the stream to a facility's accepted streams."
        }
        UnassignedReason::DemandExceedsCapacity => {
            "The site's demand is larger than the capacity of every vehicle that could serve it; split the site or assign a larger vehicle."
        }
        UnassignedReason::WindowUnreachable => {
            "No vehicle can arrive within the site's time windows, even on a route of its own; widen the windows or move the shifts."
        }
        UnassignedReason::ShiftTooShort => {
            "A route serving only this site would not fit any vehicle's shift or maximum duration; lengthen the shifts or the duration limit."
        }
        UnassignedReason::NoCapacityLeft => {
            "The site could be served on its own, but no vehicle had room left for it; add vehicles, raise the limits or give the solver more time."
        }
        UnassignedReason::NotWorthItsPrize => {
            "The site was optional and serving it would have cost more than its prize; it was left out by choice."
        }
    }
}

/// The id of vehicle `number` of a type: `<type id>-<number + 1>`.
pub fn vehicle_id(type_id: &str, number: u32) -> String {
    format!("{type_id}-{}", number + 1)
}

fn dims(loads: Loads, n: usize) -> Vec<i64> {
    loads.0.iter().take(n).map(|l| l.get()).collect()
}

/// A capacity or limit per dimension, with 0 for "no limit".
fn limit_dims(loads: Loads, n: usize) -> Vec<i64> {
    loads
        .0
        .iter()
        .take(n)
        .map(|l| if l.is_infinite() { 0 } else { l.get() })
        .collect()
}

/// Rounded to three decimals, so that the written figures do not show float noise.
/// A road path at 5 decimals (about a metre, finer than any map draws), without the
/// points that then repeat their predecessor.
fn coarse_path(mut path: Vec<[f64; 2]>) -> Vec<[f64; 2]> {
    let round5 = |x: f64| (x * 1e5).round() / 1e5;
    for p in &mut path {
        *p = [round5(p[0]), round5(p[1])];
    }
    path.dedup();
    path
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Adds `amount` for `stream` into a per-stream list kept in stream order.
fn add_stream(list: &mut Vec<(StreamIdx, Loads)>, stream: StreamIdx, amount: Loads) {
    match list.binary_search_by_key(&stream, |(s, _)| *s) {
        Ok(i) => list[i].1 = list[i].1.plus(amount),
        Err(i) => list.insert(i, (stream, amount)),
    }
}

struct Ctx<'a> {
    problem: &'a Problem,
    labels: &'a dyn PlanLabels,
    settings: &'a PlanSettings,
    n: usize,
}

impl Ctx<'_> {
    fn stream(&self, s: StreamIdx) -> String {
        self.settings
            .streams
            .get(s.0 as usize)
            .cloned()
            .unwrap_or_else(|| format!("stream-{}", s.0))
    }

    fn stream_amounts(&self, list: &[(StreamIdx, Loads)]) -> Vec<StreamAmount> {
        list.iter()
            .map(|(s, l)| StreamAmount {
                stream: self.stream(*s),
                amount: dims(*l, self.n),
            })
            .collect()
    }

    fn streams_in(&self, set: crate::problem::StreamSet) -> Vec<String> {
        (0..self.settings.streams.len().min(32))
            .map(|i| StreamIdx(i as u8))
            .filter(|s| set.contains(*s))
            .map(|s| self.stream(s))
            .collect()
    }
}

/// Builds the plan document for `solution`, whose routes `timed` holds with their times
/// (from [`timed_plan`](crate::plan::timed_plan) on the same problem and solution).
pub fn assemble(
    problem: &Problem,
    solution: &Solution,
    timed: &TimedPlan,
    labels: &dyn PlanLabels,
    settings: &PlanSettings,
) -> PlanDocument {
    let ctx = Ctx {
        problem,
        labels,
        settings,
        n: settings.dimensions.len(),
    };
    let tl = &settings.time_line;
    // Intake per facility: total, per stream, visits.
    let mut intake: Intake = vec![(Loads::ZERO, Vec::new(), 0); problem.facilities().len()];
    let routes: Vec<RoutePlan> = timed
        .routes
        .iter()
        .map(|r| route_plan(&ctx, r, &mut intake))
        .collect();

    let vehicles = problem
        .vehicle_types()
        .iter()
        .enumerate()
        .flat_map(|(i, v)| {
            let label = labels.vehicle_type(VehicleTypeIdx::new(i));
            let ctx = &ctx;
            (0..v.count).map(move |number| VehicleInfo {
                id: vehicle_id(&label.id, number),
                name: if v.count > 1 {
                    format!("{} #{}", label.name, number + 1)
                } else {
                    label.name.clone()
                },
                vehicle_type: label.id.clone(),
                number,
                start_depot: labels.depot(v.start_depot).id,
                end_depot: labels.depot(v.end_depot).id,
                capacity: limit_dims(v.capacity, ctx.n),
                streams: ctx.streams_in(v.streams),
                shift_start_s: v.shift.start.get(),
                shift_end_s: v.shift.end.get(),
                co2_kg_per_km: label.co2_kg_per_km,
            })
        })
        .collect();
    let depots = (0..problem.depots().len())
        .map(|d| {
            let p = labels.depot(DepotIdx::new(d));
            DepotInfo {
                id: p.id,
                name: p.name,
                lat: p.lat,
                lon: p.lon,
            }
        })
        .collect();
    let facilities = problem
        .facilities()
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (p, kind) = labels.facility(FacilityIdx::new(i));
            let (total, by_stream, visits) = &intake[i];
            FacilityInfo {
                id: p.id,
                name: p.name,
                kind,
                lat: p.lat,
                lon: p.lon,
                accepts: ctx.streams_in(f.accepts),
                daily_limit: f.daily_capacity.map(|c| limit_dims(c, ctx.n)),
                intake: dims(*total, ctx.n),
                intake_by_stream: ctx.stream_amounts(by_stream),
                visits: *visits,
            }
        })
        .collect();
    let mut unassigned: Vec<UnassignedSite> = solution
        .unassigned
        .iter()
        .map(|u| {
            let p = labels.site(u.site);
            UnassignedSite {
                id: p.id,
                name: p.name,
                lat: p.lat,
                lon: p.lon,
                stream: ctx.stream(problem.site(u.site).stream),
                reason: u.reason.code().to_string(),
                explanation: labels.explain(u.site, u.reason),
            }
        })
        .collect();
    unassigned.sort_by(|a, b| a.id.cmp(&b.id));

    let mut summary = PlanSummary {
        cost: timed.cost.get(),
        vehicles_used: routes.len() as u32,
        vehicles_available: problem.num_vehicles() as u32,
        sites_total: problem.sites().len() as u32,
        sites_unassigned: solution.unassigned.len() as u32,
        collected: vec![0; ctx.n],
        currency: settings.currency.clone(),
        cost_scale: settings.cost_scale,
        ..PlanSummary::default()
    };
    for r in &routes {
        let t = &r.totals;
        summary.sites_served += t.sites;
        summary.trips += t.trips;
        summary.distance_m += t.distance_m;
        summary.duration_s += t.duration_s;
        summary.co2_kg += t.co2_kg;
        for (s, c) in summary.collected.iter_mut().zip(&t.collected) {
            *s += c;
        }
    }
    summary.co2_kg = round3(summary.co2_kg);

    PlanDocument {
        format_version: PLAN_FORMAT_VERSION,
        meta: PlanMeta {
            scenario_name: settings.scenario_name.clone(),
            plan_date: tl.date_string(),
            time_zone: settings.time_zone.clone(),
            utc_offset: tl.offset_string(),
            scenario_fingerprint: settings.scenario_fingerprint.clone(),
            seed: settings.seed,
            iteration_budget: settings.iteration_budget,
            generator: format!("wasteroute {}", env!("CARGO_PKG_VERSION")),
            summary,
            // The caller sets the scenario's language (the assembly is language-free).
            language: Default::default(),
        },
        streams: settings.streams.clone(),
        dimensions: settings.dimensions.clone(),
        vehicles,
        depots,
        facilities,
        routes,
        unassigned,
        road_background: settings.road_background.clone(),
        decisions: Vec::new(),
    }
}

/// Per facility: total intake, intake per stream, and visits.
type Intake = Vec<(Loads, Vec<(StreamIdx, Loads)>, u32)>;

fn route_plan(ctx: &Ctx<'_>, r: &TimedRoute, intake: &mut Intake) -> RoutePlan {
    let p = ctx.problem;
    let tl = &ctx.settings.time_line;
    let v = p.vehicle_type(r.vehicle_type);
    let label = ctx.labels.vehicle_type(r.vehicle_type);
    let mut trips: Vec<TripPlan> = Vec::new();
    let mut collected_by_stream: Vec<(StreamIdx, Loads)> = Vec::new();
    // The load and stream of the trip in progress, for the facility that ends it.
    let mut trip_load = Loads::ZERO;
    let mut trip_stream: Option<StreamIdx> = None;
    let mut previous: Option<Place> = None;

    for s in &r.stops {
        let (kind, place, stream, demand) = match s.what {
            StopRef::StartDepot(d) | StopRef::EndDepot(d) => {
                (StopKind::Depot, ctx.labels.depot(d), None, Vec::new())
            }
            StopRef::Site(i) => {
                let site = p.site(i);
                trip_load = trip_load.plus(site.demand);
                trip_stream = Some(site.stream);
                add_stream(&mut collected_by_stream, site.stream, site.demand);
                (
                    StopKind::Site,
                    ctx.labels.site(i),
                    Some(ctx.stream(site.stream)),
                    dims(site.demand, ctx.n),
                )
            }
            StopRef::Facility(f) => {
                let entry = &mut intake[f.index()];
                entry.0 = entry.0.plus(trip_load);
                if let Some(stream) = trip_stream {
                    add_stream(&mut entry.1, stream, trip_load);
                }
                entry.2 += 1;
                trip_load = Loads::ZERO;
                trip_stream = None;
                (
                    StopKind::Facility,
                    ctx.labels.facility(f).0,
                    None,
                    Vec::new(),
                )
            }
            StopRef::Break => {
                let at = ctx.labels.break_place(s.location).unwrap_or_else(|| {
                    previous
                        .clone()
                        .unwrap_or_else(|| ctx.labels.depot(v.start_depot))
                });
                let place = Place {
                    name: "Break".to_string(),
                    ..at
                };
                (StopKind::Break, place, None, Vec::new())
            }
        };
        // The start depot and a break are not reached by a leg.
        let path = if matches!(s.what, StopRef::StartDepot(_) | StopRef::Break) {
            Vec::new()
        } else {
            coarse_path(ctx.labels.leg_path(v.profile, s.leg_from, s.location))
        };
        let stop = Stop {
            kind,
            id: place.id.clone(),
            name: place.name.clone(),
            lat: place.lat,
            lon: place.lon,
            stream,
            demand,
            arrival_s: s.arrival.get(),
            arrival: tl.iso(s.arrival.get()),
            start_s: s.start.get(),
            start: tl.iso(s.start.get()),
            departure_s: s.departure.get(),
            departure: tl.iso(s.departure.get()),
            waiting_s: s.waiting.get(),
            load_after: dims(s.load_after, ctx.n),
            distance_from_previous_m: s.distance_from_previous.get(),
            time_from_previous_s: s.time_from_previous.get(),
            path_from_previous: path,
        };
        if kind != StopKind::Break {
            previous = Some(place);
        }
        if trips.last().is_none_or(|t| t.number != s.trip) {
            trips.push(TripPlan {
                number: s.trip,
                stream: None,
                load: vec![0; ctx.n],
                stops: Vec::new(),
            });
        }
        let trip = trips.last_mut().expect("just pushed");
        if let Some(name) = &stop.stream {
            trip.stream = Some(name.clone());
            for (t, d) in trip.load.iter_mut().zip(&stop.demand) {
                *t += d;
            }
        }
        trip.stops.push(stop);
    }

    let t = &r.totals;
    let km = t.distance.get() as f64 / 1000.0;
    let peak_capacity_use = (0..ctx.n)
        .map(|d| {
            let cap = v.capacity.0[d];
            if cap.get() <= 0 || cap.is_infinite() {
                0.0
            } else {
                round3(t.peak_trip_load.0[d].get() as f64 / cap.get() as f64)
            }
        })
        .collect();
    RoutePlan {
        vehicle: vehicle_id(&label.id, r.vehicle),
        vehicle_type: label.id.clone(),
        vehicle_number: r.vehicle,
        totals: RouteTotals {
            departure_s: t.departure.get(),
            departure: tl.iso(t.departure.get()),
            arrival_s: t.arrival.get(),
            arrival: tl.iso(t.arrival.get()),
            distance_m: t.distance.get(),
            duration_s: t.duration.get(),
            driving_s: t.driving.get(),
            service_s: t.service.get(),
            unloading_s: t.unloading.get(),
            break_s: t.break_time.get(),
            waiting_s: t.waiting.get(),
            sites: t.sites,
            trips: t.trips,
            collected: dims(t.collected, ctx.n),
            collected_by_stream: ctx.stream_amounts(&collected_by_stream),
            peak_capacity_use,
            co2_kg: round3(km * label.co2_kg_per_km),
            cost: t.cost.get(),
        },
        trips,
    }
}
