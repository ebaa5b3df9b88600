//! From a solution to `plan.json` and back: the document built by `assemble` describes
//! the same solution when read again, and a hand-edited plan with wrong ids is refused with
//! every problem named.

use std::collections::BTreeMap;
use wasteroute::output::{
    Dimension, IdMaps, Place, PlanLabels, PlanMappingError, PlanSettings, StopKind, TimeLine,
    VehicleLabel, assemble, plan_json, plan_to_solution, read_plan::parse_plan,
};
use wasteroute::plan::timed_plan;
use wasteroute::problem::{
    BreakRule, Depot, DepotIdx, EndOfRoute, Facility, FacilityIdx, Loads, LocationIdx, Matrix,
    Objective, Problem, ProblemParts, ProfileIdx, Site, SiteIdx, StreamIdx, StreamSet, TimeWindow,
    TravelMatrices, VehicleType, VehicleTypeIdx,
};
use wasteroute::solution::{Route, Solution, Unassigned, UnassignedReason, Visit};
use wasteroute::units::{Cost, Distance, Duration};

/// Locations 0..5 on a line: 0 depot, 1..=2 sites S1, S2, 3 facility F1, 4 sites S3 and S4.
const COORDS: [[f64; 2]; 5] = [
    [106.68, 20.85],
    [106.69, 20.86],
    [106.70, 20.855],
    [106.72, 20.87],
    [106.71, 20.865],
];

fn problem() -> Problem {
    let n = COORDS.len();
    let gap = |i: usize, j: usize| i.abs_diff(j) as i64;
    let time = (0..n * n)
        .map(|k| Duration(300 * gap(k / n, k % n)))
        .collect();
    let distance = (0..n * n)
        .map(|k| Distance(1000 * gap(k / n, k % n)))
        .collect();
    let site = |loc: u32, kg: i64| Site {
        location: LocationIdx(loc),
        demand: Loads::single(kg),
        service_time: Duration(120),
        windows: vec![TimeWindow::UNBOUNDED],
        stream: StreamIdx(1),
        allowed_vehicle_types: None,
        release_time: Duration::ZERO,
        prize: None,
    };
    Problem::new(ProblemParts {
        profiles: vec![TravelMatrices {
            time: Matrix::from_row_major(n, time).unwrap(),
            distance: Matrix::from_row_major(n, distance).unwrap(),
        }],
        depots: vec![Depot {
            location: LocationIdx(0),
            window: TimeWindow::UNBOUNDED,
        }],
        facilities: vec![Facility {
            location: LocationIdx(3),
            windows: vec![TimeWindow::UNBOUNDED],
            unload_time: Duration(600),
            accepts: StreamSet(0b110),
            daily_capacity: Some(Loads::single(100_000)),
        }],
        sites: vec![site(1, 4000), site(2, 3000), site(4, 2000), site(4, 500)],
        vehicle_types: vec![VehicleType {
            count: 2,
            start_depot: DepotIdx(0),
            end_depot: DepotIdx(0),
            capacity: Loads::single(8000),
            shift: TimeWindow::new(Duration::hms(22, 0, 0), Duration::hms(30, 0, 0)),
            max_duration: Duration::INFINITE,
            max_distance: Distance::INFINITE,
            max_total_load: Loads::INFINITE,
            max_sites: u32::MAX,
            break_rule: Some(BreakRule {
                duration: Duration(1800),
                window: TimeWindow::UNBOUNDED,
            }),
            fixed_cost: Cost(100),
            cost_per_distance: Cost(1),
            cost_per_duration: Cost(1),
            profile: ProfileIdx(0),
            streams: StreamSet(0b110),
            facilities: None,
            end_of_route: EndOfRoute::UnloadAtFacility,
        }],
        objective: Objective {
            unassigned_penalty: Cost(1_000_000),
        },
    })
    .unwrap()
}

struct Labels;

fn place(id: &str, loc: usize) -> Place {
    Place {
        id: id.into(),
        name: format!("{id} name"),
        lat: COORDS[loc][1],
        lon: COORDS[loc][0],
    }
}

impl PlanLabels for Labels {
    fn site(&self, s: SiteIdx) -> Place {
        let loc = [1, 2, 4, 4][s.index()];
        place(&format!("S{}", s.0 + 1), loc)
    }
    fn facility(&self, _: FacilityIdx) -> (Place, String) {
        (place("F1", 3), "landfill".into())
    }
    fn depot(&self, _: DepotIdx) -> Place {
        place("D1", 0)
    }
    fn vehicle_type(&self, _: VehicleTypeIdx) -> VehicleLabel {
        VehicleLabel {
            id: "compactor".into(),
            name: "Compactor".into(),
            co2_kg_per_km: 1.2,
        }
    }
    fn leg_path(&self, _: ProfileIdx, from: LocationIdx, to: LocationIdx) -> Vec<[f64; 2]> {
        let (a, b) = (COORDS[from.index()], COORDS[to.index()]);
        vec![a, [a[0], b[1]], b]
    }
}

fn ids() -> IdMaps {
    IdMaps {
        sites: (0..4)
            .map(|i| (format!("S{}", i + 1), SiteIdx(i)))
            .collect(),
        facilities: BTreeMap::from([("F1".to_string(), FacilityIdx(0))]),
        depots: BTreeMap::from([("D1".to_string(), DepotIdx(0))]),
        vehicle_types: BTreeMap::from([("compactor".to_string(), VehicleTypeIdx(0))]),
    }
}

fn settings() -> PlanSettings {
    PlanSettings {
        scenario_name: "round trip".into(),
        time_line: TimeLine::new(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
            7 * 3600,
        )
        .unwrap(),
        time_zone: "Asia/Ho_Chi_Minh".into(),
        scenario_fingerprint: "abc".into(),
        seed: 1,
        iteration_budget: None,
        streams: vec!["recyclable".into(), "food".into(), "other".into()],
        dimensions: vec![Dimension {
            name: "weight".into(),
            unit: "kg".into(),
        }],
        road_background: None,
        currency: "VND".into(),
        cost_scale: 1,
    }
}

fn solution() -> Solution {
    Solution {
        routes: vec![Route {
            vehicle_type: VehicleTypeIdx(0),
            vehicle: 1,
            visits: vec![
                Visit::Site(SiteIdx(0)),
                Visit::Site(SiteIdx(1)),
                Visit::Break,
                Visit::Facility(FacilityIdx(0)),
                Visit::Site(SiteIdx(2)),
                Visit::Facility(FacilityIdx(0)),
            ],
        }],
        unassigned: vec![Unassigned {
            site: SiteIdx(3),
            reason: UnassignedReason::NoCapacityLeft,
        }],
    }
}

#[test]
fn assembled_plan_reads_back_as_the_same_solution() {
    let p = problem();
    let sol = solution();
    let timed = timed_plan(&p, &sol).unwrap();
    let doc = assemble(&p, &sol, &timed, &Labels, &settings());

    // What the document says, checked against the problem by hand.
    let route = &doc.routes[0];
    assert_eq!(route.vehicle, "compactor-2");
    assert_eq!(route.trips.len(), 2);
    assert_eq!(route.trips[0].load, vec![7000]);
    assert_eq!(route.trips[1].load, vec![2000]);
    assert_eq!(route.trips[0].stream.as_deref(), Some("food"));
    let brk = &route.trips[0].stops[3];
    assert_eq!(brk.kind, StopKind::Break);
    assert_eq!((brk.id.as_str(), brk.lat, brk.lon), ("S2", 20.855, 106.70));
    assert!(brk.path_from_previous.is_empty());
    // Leg S2 → F1 drawn from S2 to F1.
    let fac = &route.trips[0].stops[4];
    assert_eq!(fac.path_from_previous.first(), Some(&COORDS[2]));
    assert_eq!(fac.path_from_previous.last(), Some(&COORDS[3]));
    assert_eq!(doc.facilities[0].intake, vec![9000]);
    assert_eq!(doc.facilities[0].visits, 2);
    assert_eq!(doc.facilities[0].intake_by_stream[0].stream, "food");
    assert_eq!(doc.facilities[0].accepts, vec!["food", "other"]);
    assert_eq!(doc.vehicles.len(), 2);
    assert_eq!(doc.meta.summary.sites_served, 3);
    assert_eq!(doc.meta.summary.sites_unassigned, 1);
    assert_eq!(doc.meta.summary.cost, timed.cost.get());
    // D→S1→S2→F1→S3→F1→D: 1+1+1+1+1+3 = 8 km.
    assert_eq!(route.totals.distance_m, 8000);
    assert!((route.totals.co2_kg - 9.6).abs() < 1e-9);
    assert_eq!(route.totals.peak_capacity_use, vec![7000.0 / 8000.0]);
    assert_eq!(doc.unassigned[0].reason, "no_capacity_left");
    assert_eq!(
        route.trips[0].stops[0].departure,
        "2026-11-29T22:00:00+07:00"
    );

    let bytes = plan_json::render(&doc).unwrap();
    let back = parse_plan(std::str::from_utf8(&bytes).unwrap(), "plan.json").unwrap();
    assert_eq!(plan_to_solution(&back, &ids(), &p).unwrap(), sol);
}

#[test]
fn hand_edit_errors_are_all_reported_with_positions() {
    let p = problem();
    let sol = solution();
    let timed = timed_plan(&p, &sol).unwrap();
    let mut doc = assemble(&p, &sol, &timed, &Labels, &settings());
    let route = &mut doc.routes[0];
    route.vehicle_number = 5;
    route.trips[0].stops[1].id = "S9".into();
    let depot = route.trips[0].stops[0].clone();
    route.trips[1].stops.insert(0, depot);
    doc.unassigned[0].reason = "lost".into();

    let errors = plan_to_solution(&doc, &ids(), &p).unwrap_err();
    assert_eq!(errors.len(), 4, "{errors:#?}");
    assert!(matches!(
        errors[0],
        PlanMappingError::VehicleNumberOutOfRange {
            number: 5,
            count: 2,
            ..
        }
    ));
    assert_eq!(
        errors[1].to_string(),
        "route 1 (compactor-2), stop 2: unknown site 'S9'; use an id from sites.csv"
    );
    assert_eq!(
        errors[2].to_string(),
        "route 1 (compactor-2), stop 6: depot 'D1' may only be the first or the last stop of a route"
    );
    assert!(errors[3].to_string().contains("unknown reason 'lost'"));
}

#[test]
fn malformed_json_names_line_and_column() {
    let err = parse_plan(
        "{\n  \"format_version\": 1,\n  \"meta\": oops\n}",
        "edited.json",
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(text.starts_with("edited.json, line 3, column"), "{text}");
}

/// A route whose every stop but the depots was deleted by hand stays in place (empty),
/// so that route positions in the solution match the document's.
#[test]
fn emptied_route_keeps_its_position() {
    let p = problem();
    let sol = solution();
    let timed = timed_plan(&p, &sol).unwrap();
    let mut doc = assemble(&p, &sol, &timed, &Labels, &settings());
    let mut emptied = doc.routes[0].clone();
    emptied.vehicle_number = 0;
    emptied.vehicle = "compactor-1".into();
    for trip in &mut emptied.trips {
        trip.stops.retain(|s| s.kind == StopKind::Depot);
    }
    doc.routes.insert(0, emptied);
    let back = plan_to_solution(&doc, &ids(), &p).unwrap();
    assert_eq!(back.routes.len(), 2);
    assert!(back.routes[0].visits.is_empty());
    assert_eq!(back.routes[1], sol.routes[0]);
}
