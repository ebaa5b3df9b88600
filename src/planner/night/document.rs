//! The report's [`PlanDocument`] from a scenario, its built problem, a solution and its
//! timed plan: ids, names, coordinates, streams, vehicle names, facility limits, CO₂
//! factors, and every leg drawn along the roads.
//!
//! A site with several streams is one stop per stream; its stop id is `<site id>/<stream>`
//! (a site with one stream keeps its plain id), so each stop of `plan.json` names exactly
//! one problem site. [`job_id`] gives the id and [`JobIds`] maps it back.

use crate::output::{
    Dimension, Place, PlanDocument, PlanIds, PlanLabels, PlanSettings, RoadBackground, RoadLine,
    TimeLine, VehicleLabel, assemble,
};
use crate::plan::TimedPlan;
use crate::problem::{DepotIdx, FacilityIdx, LocationIdx, ProfileIdx, SiteIdx, VehicleTypeIdx};
use crate::road::path::road_path;
use crate::scenario::build::{Built, Job};
use crate::scenario::job_ids::{JobIds, job_id};
use crate::scenario::{Scenario, units};
use crate::solution::{Solution, UnassignedReason};

/// Settings of the run that the document records.
#[derive(Clone, Debug)]
pub struct RunInfo {
    /// The solver's seed.
    pub seed: u64,
    /// The iteration budget, when one was set.
    pub iterations: Option<u64>,
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
        UnassignedReason::NotWorthItsPrize => {
            "optional tonight, and its detour would have cost more than its prize: it waits for a later night"
        }
    }
}

/// The scenario's names, coordinates and roads for the problem's indices.
struct ScenarioLabels<'a> {
    s: &'a Scenario,
    built: &'a Built,
}

impl ScenarioLabels<'_> {
    fn place(&self, location: LocationIdx, id: &str, name: &str) -> Place {
        let (lat, lon) = self.built.coords[location.index()];
        Place {
            id: id.to_string(),
            name: name.to_string(),
            lat,
            lon,
        }
    }
}

impl PlanLabels for ScenarioLabels<'_> {
    fn site(&self, x: SiteIdx) -> Place {
        let job = self.built.jobs[x.index()];
        let location = self.built.problem.site(x).location;
        let name = &self.s.sites[job.site].name;
        self.place(location, &job_id(self.s, job), name)
    }

    fn facility(&self, f: FacilityIdx) -> (Place, String) {
        let fr = &self.s.facilities[f.index()];
        let location = LocationIdx::new(self.s.depots.len() + f.index());
        (
            self.place(location, &fr.id, &fr.name),
            fr.kind.name().to_string(),
        )
    }

    fn depot(&self, d: DepotIdx) -> Place {
        let dr = &self.s.depots[d.index()];
        self.place(LocationIdx::new(d.index()), &dr.id, &dr.name)
    }

    fn vehicle_type(&self, v: VehicleTypeIdx) -> VehicleLabel {
        let vr = &self.s.vehicles[v.index()];
        VehicleLabel {
            id: vr.id.clone(),
            name: vr.name.clone(),
            co2_kg_per_km: vr.co2_kg_per_km,
        }
    }

    fn leg_path(&self, profile: ProfileIdx, from: LocationIdx, to: LocationIdx) -> Vec<[f64; 2]> {
        leg_path(self.built, &self.built.roads[profile.index()], from, to)
    }

    fn explain(&self, _: SiteIdx, reason: UnassignedReason) -> String {
        explain(reason).to_string()
    }

    /// A break is shown at the depot, facility or scenario site it is taken at (a site's
    /// plain id, whichever of its streams was collected before).
    fn break_place(&self, location: LocationIdx) -> Option<Place> {
        let (id, _) = location_label(self.s, location.index());
        Some(self.place(location, &id, "Break"))
    }
}

/// The load dimensions of a scenario's plans: weight in kg, volume in litres.
pub fn dimensions() -> Vec<Dimension> {
    vec![
        Dimension {
            name: "weight".into(),
            unit: "kg".into(),
        },
        Dimension {
            name: "volume".into(),
            unit: "litres".into(),
        },
    ]
}

/// Builds the whole document.
pub fn plan_document(
    s: &Scenario,
    built: &Built,
    solution: &Solution,
    timed: &TimedPlan,
    run: &RunInfo,
) -> PlanDocument {
    // The reasons found while building (before solving) are more precise than the solver's.
    let mut solution = solution.clone();
    for u in &mut solution.unassigned {
        if let Some(&reason) = built.known_unassigned.get(&u.site) {
            u.reason = reason;
        }
    }
    let settings = PlanSettings {
        scenario_name: s.name.clone(),
        time_line: TimeLine::new(s.date, s.utc_offset_s).expect("offset checked when loading"),
        time_zone: s.time_zone.clone(),
        scenario_fingerprint: s.fingerprint.clone(),
        seed: run.seed,
        iteration_budget: run.iterations,
        streams: s.streams.names().to_vec(),
        dimensions: dimensions(),
        road_background: Some(road_background(built)),
        currency: s.currency.clone(),
        cost_scale: units::COST_SCALE as i64,
    };
    let mut doc = assemble(
        &built.problem,
        &solution,
        timed,
        &ScenarioLabels { s, built },
        &settings,
    );
    doc.meta.language = s.language;
    doc
}

fn location_label(s: &Scenario, i: usize) -> (String, String) {
    let (nd, nf) = (s.depots.len(), s.facilities.len());
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
    roads: &crate::scenario::build::ProfileRoads,
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

/// The scenario's ids, for mapping a `plan.json` back onto the built problem with
/// [`plan_to_solution`](crate::output::plan_to_solution).
#[derive(Clone, Debug)]
pub struct ScenarioIds<'a> {
    /// The scenario.
    pub scenario: &'a Scenario,
    /// Stop id → problem site.
    pub jobs: JobIds,
}

impl ScenarioIds<'_> {
    /// The ids of `s`, whose built problem has `jobs`.
    pub fn new<'a>(s: &'a Scenario, jobs: &[Job]) -> ScenarioIds<'a> {
        ScenarioIds {
            scenario: s,
            jobs: JobIds::new(s, jobs),
        }
    }
}

impl PlanIds for ScenarioIds<'_> {
    fn site(&self, id: &str) -> Option<SiteIdx> {
        self.jobs.by_id.get(id).copied()
    }
    fn facility(&self, id: &str) -> Option<FacilityIdx> {
        let i = self.scenario.facilities.iter().position(|f| f.id == id)?;
        Some(FacilityIdx::new(i))
    }
    fn depot(&self, id: &str) -> Option<DepotIdx> {
        let i = self.scenario.depots.iter().position(|d| d.id == id)?;
        Some(DepotIdx::new(i))
    }
    fn vehicle_type(&self, id: &str) -> Option<VehicleTypeIdx> {
        let i = self.scenario.vehicles.iter().position(|v| v.id == id)?;
        Some(VehicleTypeIdx::new(i))
    }
}
