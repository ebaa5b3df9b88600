//! The report's [`PlanDocument`] from a scenario, its built problem, a solution and its
//! timed plan: ids, names, coordinates, streams, vehicle names, facility limits, CO₂
//! factors, and every leg drawn along the roads.
//!
//! A site with several streams is one stop per stream; its stop id is `<site id>/<stream>`
//! (a site with one stream keeps its plain id), so each stop of `plan.json` names exactly
//! one problem site. [`job_id`] gives the id and [`JobIds`] maps it back.

use super::build::{Built, Job};
use super::{Scenario, units};
use crate::output::{
    DepotInfo, Dimension, FacilityInfo, PlanDocument, PlanMeta, PlanSummary, RoadBackground,
    RoadLine, RoutePlan, RouteTotals, Stop, StopKind, StreamAmount, TimeLine, TripPlan,
    UnassignedSite, VehicleInfo, document::PLAN_FORMAT_VERSION,
};
use crate::plan::{StopRef, TimedPlan, TimedRoute};
use crate::problem::{Loads, LocationIdx, SiteIdx, StreamIdx};
use crate::road::path::road_path;
use crate::solution::{Solution, UnassignedReason};
use crate::units::Load;
use std::collections::BTreeMap;

/// Settings of the run that the document records.
#[derive(Clone, Debug)]
pub struct RunInfo {
    /// The solver's seed.
    pub seed: u64,
    /// The iteration budget, when one was set.
    pub iterations: Option<u64>,
}

/// The number of capacity dimensions written (kg and litres).
const DIMS: usize = 2;

fn dims(l: Loads) -> Vec<i64> {
    l.0[..DIMS].iter().map(|x| x.get()).collect()
}

/// The stop id of a problem site.
pub fn job_id(s: &Scenario, job: Job) -> String {
    let site = &s.sites[job.site];
    if site.demands.len() > 1 {
        format!("{}/{}", site.id, s.streams.name(job.stream))
    } else {
        site.id.clone()
    }
}

/// Stop id → problem site, for reading a plan back.
#[derive(Clone, Debug, Default)]
pub struct JobIds {
    /// Every job id.
    pub by_id: BTreeMap<String, SiteIdx>,
}

impl JobIds {
    /// The ids of every job of `jobs`.
    pub fn new(s: &Scenario, jobs: &[Job]) -> JobIds {
        JobIds {
            by_id: jobs
                .iter()
                .enumerate()
                .map(|(i, j)| (job_id(s, *j), SiteIdx::new(i)))
                .collect(),
        }
    }
}

/// A reason in a sentence a planner understands, with what to do.
pub fn explain(reason: UnassignedReason) -> &'static str {
    match reason {
        UnassignedReason::UnreachableByRoad => {
            "no vehicle that may serve it can drive there from its depot and on to a facility; check the coordinates and the road profiles"
        }
        UnassignedReason::NoVehicleForStream => {
            "no vehicle allowed at the site carries its stream; let a vehicle carry it or widen the site's `vehicles`"
        }
        UnassignedReason::NoFacilityForStream => {
            "no facility its vehicles may use accepts its stream; let a facility accept it"
        }
        UnassignedReason::DemandExceedsCapacity => {
            "its demand is larger than any vehicle that may carry it; split it or add a larger vehicle"
        }
        UnassignedReason::WindowUnreachable => {
            "no vehicle can arrive within its windows; check the windows against the shifts"
        }
        UnassignedReason::ShiftTooShort => {
            "even a route serving only this site does not fit a shift; check service time and shifts"
        }
        UnassignedReason::NoCapacityLeft => {
            "it could be served alone, but the fleet or the facilities' daily limits had no room left; add vehicles or raise limits"
        }
    }
}

/// The UTC offset of the scenario, `+HH:MM`, as seconds east of UTC.
pub fn parse_offset(text: &str) -> Option<i32> {
    let t = text.trim();
    let (sign, rest) = match t.as_bytes().first()? {
        b'+' => (1, &t[1..]),
        b'-' => (-1, &t[1..]),
        _ => return None,
    };
    let (h, m) = rest.split_once(':')?;
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 14 && m < 60 && h >= 0 && m >= 0).then_some(sign * (h * 3600 + m * 60))
}

/// Builds the whole document.
pub fn plan_document(
    s: &Scenario,
    built: &Built,
    solution: &Solution,
    timed: &TimedPlan,
    run: &RunInfo,
) -> PlanDocument {
    let tl = TimeLine::new(s.date, s.utc_offset_s).expect("offset checked when loading");
    let p = &built.problem;
    let (nd, nf) = (s.depots.len(), s.facilities.len());
    let coord = |l: LocationIdx| built.coords[l.index()];
    let stream_name = |st: StreamIdx| s.streams.name(st).to_string();

    let mut vehicles = Vec::new();
    for (vi, v) in s.vehicles.iter().enumerate() {
        for n in 0..v.count {
            vehicles.push(VehicleInfo {
                id: vehicle_id(s, vi, n),
                name: if v.count > 1 {
                    format!("{} #{}", v.name, n + 1)
                } else {
                    v.name.clone()
                },
                vehicle_type: v.id.clone(),
                number: n,
                start_depot: s.depots[v.depot].id.clone(),
                end_depot: s.depots[v.end_depot].id.clone(),
                capacity: dims(v.capacity)
                    .into_iter()
                    .map(|c| if Load(c).is_infinite() { 0 } else { c })
                    .collect(),
                streams: s
                    .streams
                    .format_set(v.streams)
                    .split(';')
                    .map(str::to_string)
                    .collect(),
                shift_start_s: v.shift.start.get(),
                shift_end_s: v.shift.end.get(),
                co2_kg_per_km: v.co2_kg_per_km,
            });
        }
    }

    let mut intake = vec![Loads::ZERO; nf];
    let mut intake_stream: Vec<BTreeMap<StreamIdx, Loads>> = vec![BTreeMap::new(); nf];
    let mut visits = vec![0u32; nf];
    let mut routes = Vec::new();
    let mut summary = PlanSummary {
        vehicles_available: p.num_vehicles() as u32,
        sites_total: p.sites().len() as u32,
        sites_unassigned: solution.unassigned.len() as u32,
        collected: vec![0; DIMS],
        cost: timed.cost.get(),
        currency: s.currency.clone(),
        cost_scale: units::COST_SCALE as i64,
        ..PlanSummary::default()
    };
    for r in &timed.routes {
        let route = route_plan(
            s,
            built,
            r,
            &tl,
            &mut intake,
            &mut intake_stream,
            &mut visits,
        );
        summary.vehicles_used += 1;
        summary.sites_served += route.totals.sites;
        summary.trips += route.totals.trips;
        summary.distance_m += route.totals.distance_m;
        summary.duration_s += route.totals.duration_s;
        for (a, b) in summary.collected.iter_mut().zip(&route.totals.collected) {
            *a += b;
        }
        summary.co2_kg += route.totals.co2_kg;
        routes.push(route);
    }
    summary.co2_kg = round3(summary.co2_kg);

    let depots = s
        .depots
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let (lat, lon) = coord(LocationIdx::new(i));
            DepotInfo {
                id: d.id.clone(),
                name: d.name.clone(),
                lat,
                lon,
            }
        })
        .collect();
    let facilities = s
        .facilities
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (lat, lon) = coord(LocationIdx::new(nd + i));
            FacilityInfo {
                id: f.id.clone(),
                name: f.name.clone(),
                kind: f.kind.name().to_string(),
                lat,
                lon,
                accepts: s
                    .streams
                    .format_set(f.accepts)
                    .split(';')
                    .map(str::to_string)
                    .collect(),
                daily_limit: f.daily_limit.map(|l| {
                    dims(l)
                        .into_iter()
                        .map(|c| if Load(c).is_infinite() { 0 } else { c })
                        .collect()
                }),
                intake: dims(intake[i]),
                intake_by_stream: intake_stream[i]
                    .iter()
                    .map(|(st, l)| StreamAmount {
                        stream: stream_name(*st),
                        amount: dims(*l),
                    })
                    .collect(),
                visits: visits[i],
            }
        })
        .collect();

    let mut unassigned: Vec<UnassignedSite> = solution
        .unassigned
        .iter()
        .map(|u| {
            let reason = built
                .known_unassigned
                .get(&u.site)
                .copied()
                .unwrap_or(u.reason);
            let job = built.jobs[u.site.index()];
            let site = &s.sites[job.site];
            let (lat, lon) = coord(p.site(u.site).location);
            UnassignedSite {
                id: job_id(s, job),
                name: site.name.clone(),
                lat,
                lon,
                stream: stream_name(job.stream),
                reason: reason.code().to_string(),
                explanation: explain(reason).to_string(),
            }
        })
        .collect();
    unassigned.sort_by(|a, b| a.id.cmp(&b.id));

    PlanDocument {
        format_version: PLAN_FORMAT_VERSION,
        meta: PlanMeta {
            scenario_name: s.name.clone(),
            plan_date: tl.date_string(),
            time_zone: s.time_zone.clone(),
            utc_offset: tl.offset_string(),
            scenario_fingerprint: s.fingerprint.clone(),
            seed: run.seed,
            iteration_budget: run.iterations,
            generator: format!("wasteroute {}", env!("CARGO_PKG_VERSION")),
            summary,
        },
        streams: s.streams.names().to_vec(),
        dimensions: vec![
            Dimension {
                name: "weight".into(),
                unit: "kg".into(),
            },
            Dimension {
                name: "volume".into(),
                unit: "litres".into(),
            },
        ],
        vehicles,
        depots,
        facilities,
        routes,
        unassigned,
        road_background: Some(road_background(built)),
    }
}

/// The id of vehicle `n` of type `vi`: `<type id>-<n + 1>`.
pub fn vehicle_id(s: &Scenario, vi: usize, n: u32) -> String {
    format!("{}-{}", s.vehicles[vi].id, n + 1)
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[allow(clippy::too_many_arguments)]
fn route_plan(
    s: &Scenario,
    built: &Built,
    r: &TimedRoute,
    tl: &TimeLine,
    intake: &mut [Loads],
    intake_stream: &mut [BTreeMap<StreamIdx, Loads>],
    visits: &mut [u32],
) -> RoutePlan {
    let p = &built.problem;
    let vi = r.vehicle_type.index();
    let v = &s.vehicles[vi];
    let vt = p.vehicle_type(r.vehicle_type);
    let roads = &built.roads[vt.profile.index()];
    let (nd, nf) = (s.depots.len(), s.facilities.len());
    let mut trips: Vec<TripPlan> = Vec::new();
    let mut by_stream: BTreeMap<StreamIdx, Loads> = BTreeMap::new();
    let mut trip_load = Loads::ZERO;
    let mut trip_stream: Option<StreamIdx> = None;
    for ts in &r.stops {
        let (lat, lon) = built.coords[ts.location.index()];
        let (kind, id, name, stream, demand) = match ts.what {
            StopRef::StartDepot(d) | StopRef::EndDepot(d) => {
                let d = &s.depots[d.index()];
                (
                    StopKind::Depot,
                    d.id.clone(),
                    d.name.clone(),
                    None,
                    Vec::new(),
                )
            }
            StopRef::Site(x) => {
                let job = built.jobs[x.index()];
                let site = &s.sites[job.site];
                let dem = p.site(x).demand;
                trip_load = trip_load.plus(dem);
                trip_stream = Some(job.stream);
                let e = by_stream.entry(job.stream).or_insert(Loads::ZERO);
                *e = e.plus(dem);
                (
                    StopKind::Site,
                    job_id(s, job),
                    site.name.clone(),
                    Some(s.streams.name(job.stream).to_string()),
                    dims(dem),
                )
            }
            StopRef::Facility(f) => {
                let fi = f.index();
                intake[fi] = intake[fi].plus(trip_load);
                if let Some(st) = trip_stream {
                    let e = intake_stream[fi].entry(st).or_insert(Loads::ZERO);
                    *e = e.plus(trip_load);
                }
                visits[fi] += 1;
                let fr = &s.facilities[fi];
                (
                    StopKind::Facility,
                    fr.id.clone(),
                    fr.name.clone(),
                    None,
                    Vec::new(),
                )
            }
            StopRef::Break => {
                let (id, _) = location_label(s, ts.location.index(), nd, nf);
                (StopKind::Break, id, "Break".to_string(), None, Vec::new())
            }
        };
        let is_leg = !matches!(ts.what, StopRef::StartDepot(_) | StopRef::Break);
        let path = if is_leg {
            leg_path(built, roads, ts.leg_from, ts.location)
        } else {
            Vec::new()
        };
        let stop = Stop {
            kind,
            id,
            name,
            lat,
            lon,
            stream,
            demand,
            arrival_s: ts.arrival.get(),
            arrival: tl.iso(ts.arrival.get()),
            start_s: ts.start.get(),
            start: tl.iso(ts.start.get()),
            departure_s: ts.departure.get(),
            departure: tl.iso(ts.departure.get()),
            waiting_s: ts.waiting.get(),
            load_after: dims(ts.load_after),
            distance_from_previous_m: ts.distance_from_previous.get(),
            time_from_previous_s: ts.time_from_previous.get(),
            path_from_previous: path,
        };
        while trips.len() < ts.trip as usize {
            trips.push(TripPlan {
                number: trips.len() as u32 + 1,
                stream: None,
                load: vec![0; DIMS],
                stops: Vec::new(),
            });
        }
        let trip = &mut trips[ts.trip as usize - 1];
        if let Some(st) = &stop.stream {
            trip.stream = Some(st.clone());
            for (a, b) in trip.load.iter_mut().zip(&stop.demand) {
                *a += b;
            }
        }
        trip.stops.push(stop);
        if matches!(ts.what, StopRef::Facility(_)) {
            trip_load = Loads::ZERO;
            trip_stream = None;
        }
    }
    let t = &r.totals;
    let km = t.distance.get() as f64 / 1000.0;
    let peak: Vec<f64> = (0..DIMS)
        .map(|k| {
            let cap = vt.capacity.0[k];
            if cap.get() <= 0 || cap.is_infinite() {
                0.0
            } else {
                round3(t.peak_trip_load.0[k].get() as f64 / cap.get() as f64)
            }
        })
        .collect();
    RoutePlan {
        vehicle: vehicle_id(s, vi, r.vehicle),
        vehicle_type: v.id.clone(),
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
            collected: dims(t.collected),
            collected_by_stream: by_stream
                .iter()
                .map(|(st, l)| StreamAmount {
                    stream: s.streams.name(*st).to_string(),
                    amount: dims(*l),
                })
                .collect(),
            peak_capacity_use: peak,
            co2_kg: round3(km * v.co2_kg_per_km),
            cost: t.cost.get(),
        },
        trips,
    }
}

fn location_label(s: &Scenario, i: usize, nd: usize, nf: usize) -> (String, String) {
    if i < nd {
        (s.depots[i].id.clone(), s.depots[i].name.clone())
    } else if i < nd + nf {
        (
            s.facilities[i - nd].id.clone(),
            s.facilities[i - nd].name.clone(),
        )
    } else {
        let x = i - nd - nf;
        (s.sites[x].id.clone(), s.sites[x].name.clone())
    }
}

/// `[lon, lat]` points from one location to another along the profile's roads: the
/// input point, the road nodes passed, the destination point. A straight line when the
/// road layer finds no path (it never should for a leg of a feasible plan).
fn leg_path(
    built: &Built,
    roads: &super::build::ProfileRoads,
    from: LocationIdx,
    to: LocationIdx,
) -> Vec<[f64; 2]> {
    let (alat, alon) = built.coords[from.index()];
    let (blat, blon) = built.coords[to.index()];
    let mut pts = vec![[round7(alon), round7(alat)]];
    if from != to
        && let (Some(a), Some(b)) = (&roads.snapped[from.index()], &roads.snapped[to.index()])
        && let Some(path) = road_path(&roads.ch, a, b)
    {
        for n in &path.nodes {
            let (lat, lon) = built.network.node_coord(*n);
            pts.push([round7(lon), round7(lat)]);
        }
    }
    pts.push([round7(blon), round7(blat)]);
    pts
}

fn round7(x: f64) -> f64 {
    (x * 1e7).round() / 1e7
}

/// Roads drawn behind the routes: every street segment once, clipped to the area of the
/// plan's locations; on big networks only major roads, to keep the page light.
fn road_background(built: &Built) -> RoadBackground {
    const MAX_LINES: usize = 40_000;
    let (mut lat0, mut lat1, mut lon0, mut lon1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(lat, lon) in &built.coords {
        lat0 = lat0.min(lat);
        lat1 = lat1.max(lat);
        lon0 = lon0.min(lon);
        lon1 = lon1.max(lon);
    }
    let (mlat, mlon) = ((lat1 - lat0) * 0.05 + 0.001, (lon1 - lon0) * 0.05 + 0.001);
    let inside = |(lat, lon): (f64, f64)| {
        lat >= lat0 - mlat && lat <= lat1 + mlat && lon >= lon0 - mlon && lon <= lon1 + mlon
    };
    let major = |h: &str| {
        matches!(
            h,
            "motorway"
                | "trunk"
                | "primary"
                | "secondary"
                | "motorway_link"
                | "trunk_link"
                | "primary_link"
        )
    };
    let mut lines: Vec<RoadLine> = Vec::new();
    for pass in 0..2 {
        lines.clear();
        for arc in built.network.arcs() {
            if !arc.oneway && arc.from > arc.to {
                continue;
            }
            let (a, b) = (
                built.network.node_coord(arc.from),
                built.network.node_coord(arc.to),
            );
            if !(inside(a) || inside(b)) {
                continue;
            }
            let is_major = major(arc.highway);
            if pass == 1 && !is_major {
                continue;
            }
            lines.push(RoadLine {
                major: is_major,
                points: vec![[round7(a.1), round7(a.0)], [round7(b.1), round7(b.0)]],
            });
        }
        if pass == 0 && lines.len() > MAX_LINES {
            continue;
        }
        break;
    }
    RoadBackground { lines }
}

/// Converts the scenario's per-vehicle fields for the report (kept here so that the
/// document's units stay in one place).
pub fn cost_to_money(c: i64) -> f64 {
    units::to_money(crate::units::Cost(c))
}

/// Reads a plan document back into a [`Solution`] of the scenario's problem (for checking
/// a written or hand-edited plan). Every stop id must exist.
///
/// # Errors
/// One message per stop or unassigned site that names something the scenario lacks.
pub fn solution_from_document(
    s: &Scenario,
    jobs: &[Job],
    doc: &PlanDocument,
) -> Result<Solution, Vec<String>> {
    use crate::problem::{FacilityIdx, VehicleTypeIdx};
    use crate::solution::{Route, Unassigned, Visit};
    let ids = JobIds::new(s, jobs);
    let mut errors = Vec::new();
    let mut solution = Solution::default();
    for r in &doc.routes {
        let Some(vt) = s.vehicles.iter().position(|v| v.id == r.vehicle_type) else {
            errors.push(format!(
                "route {}: unknown vehicle type `{}`",
                r.vehicle, r.vehicle_type
            ));
            continue;
        };
        let mut visits = Vec::new();
        for (k, st) in r.trips.iter().flat_map(|t| &t.stops).enumerate() {
            let unknown = |what: &str| {
                format!(
                    "route {}, stop {}: unknown {what} `{}`",
                    r.vehicle,
                    k + 1,
                    st.id
                )
            };
            match st.kind {
                StopKind::Depot => {}
                StopKind::Break => visits.push(Visit::Break),
                StopKind::Site => match ids.by_id.get(&st.id) {
                    Some(&x) => visits.push(Visit::Site(x)),
                    None => errors.push(unknown("site")),
                },
                StopKind::Facility => match s.facilities.iter().position(|f| f.id == st.id) {
                    Some(f) => visits.push(Visit::Facility(FacilityIdx::new(f))),
                    None => errors.push(unknown("facility")),
                },
            }
        }
        solution.routes.push(Route {
            vehicle_type: VehicleTypeIdx::new(vt),
            vehicle: r.vehicle_number,
            visits,
        });
    }
    for u in &doc.unassigned {
        let reason = [
            UnassignedReason::UnreachableByRoad,
            UnassignedReason::NoVehicleForStream,
            UnassignedReason::NoFacilityForStream,
            UnassignedReason::DemandExceedsCapacity,
            UnassignedReason::WindowUnreachable,
            UnassignedReason::ShiftTooShort,
            UnassignedReason::NoCapacityLeft,
        ]
        .into_iter()
        .find(|r| r.code() == u.reason);
        match (ids.by_id.get(&u.id), reason) {
            (Some(&site), Some(reason)) => solution.unassigned.push(Unassigned { site, reason }),
            _ => errors.push(format!(
                "unassigned `{}` ({}): unknown site or reason",
                u.id, u.reason
            )),
        }
    }
    if errors.is_empty() {
        Ok(solution)
    } else {
        Err(errors)
    }
}
