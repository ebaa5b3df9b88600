//! The VRPLIB reader on hand-made fixtures (and, with `--ignored`, on the shared instances).

mod formats_support;
use formats_support::assert_malformed;

use std::path::{Path, PathBuf};
use wasteroute::formats::{self, Format, FormatError, ObjectiveKind, ReadOptions};
use wasteroute::problem::{EndOfRoute, FacilityIdx, Loads, LocationIdx, SiteIdx, TimeWindow};
use wasteroute::units::{Cost, Distance, Duration};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn read(name: &str) -> Result<formats::BenchmarkInstance, FormatError> {
    formats::read(&fixture(name), Format::Vrplib, ReadOptions::default())
}

#[test]
fn cvrp_distances_are_rounded_to_the_nearest_integer() {
    let inst = read("cvrp_tiny.vrp").unwrap();
    assert_eq!(inst.name, "cvrp_tiny");
    let p = &inst.problem;
    assert_eq!(p.sites().len(), 3);
    assert_eq!(inst.site_ids, ["1", "2", "3"]);
    let d = |a: usize, b: usize| {
        p.profiles()[0]
            .distance
            .get(LocationIdx::new(a), LocationIdx::new(b))
    };
    // (0,0)→(3,4) = 5; (3,4)→(6,8) = 5; (0,0)→(1,1) = 1.41 → 1; (1,1)→(3,4) = 3.61 → 4.
    assert_eq!(d(0, 1), Distance(5));
    assert_eq!(d(1, 2), Distance(5));
    assert_eq!(d(0, 3), Distance(1));
    assert_eq!(d(3, 1), Distance(4));
    // Time equals distance.
    assert_eq!(
        p.profiles()[0].time.get(LocationIdx(3), LocationIdx(1)),
        Duration(4)
    );
    let v = &p.vehicle_types()[0];
    assert_eq!(v.capacity, Loads::single(10));
    assert_eq!(v.count, 3, "unlimited fleet: one vehicle per customer");
    assert_eq!(v.fixed_cost, Cost(0));
    assert_eq!(v.end_of_route, EndOfRoute::DepotUnloads);
    assert_eq!(p.site(SiteIdx(2)).demand, Loads::single(7));
    // Longest arc (0,0)→(6,8) = 10; 3·(3+1)+1 = 13 arcs bound the distance: penalty 131.
    assert_eq!(p.objective().unassigned_penalty, Cost(131));
    assert_eq!(inst.convention.objective, ObjectiveKind::Distance);
    assert_eq!(inst.convention.distance_per_unit, 1);
}

#[test]
fn multi_trip_depot_is_a_reload_facility_and_times_are_scaled_by_ten() {
    let inst = read("mtvrptwr_tiny.vrp").unwrap();
    let p = &inst.problem;
    assert_eq!(p.facilities().len(), 1);
    let f = &p.facilities()[0];
    assert_eq!(f.location, p.depots()[0].location);
    assert_eq!(f.unload_time, Duration(0));
    assert_eq!(
        f.windows,
        vec![TimeWindow::new(Duration(0), Duration(1000))]
    );
    assert_eq!(inst.facility_ids, ["0"]);
    let v = &p.vehicle_types()[0];
    assert_eq!(v.count, 1);
    assert_eq!(v.facilities, Some(vec![FacilityIdx(0)]));
    assert_eq!(v.end_of_route, EndOfRoute::DepotUnloads);
    let s = p.site(SiteIdx(1));
    assert_eq!(s.release_time, Duration(200));
    assert_eq!(s.service_time, Duration(20));
    // (0,5)→(1,1): sqrt(17) = 4.123 → ⌊41.23⌋ = 41 tenths.
    assert_eq!(
        p.profiles()[0].distance.get(LocationIdx(2), LocationIdx(3)),
        Distance(41)
    );
    assert!(inst.convention.sol_cost_in_problem_units);
    assert_eq!(inst.convention.distance_per_unit, 10);
}

#[test]
fn malformed_demand_names_file_and_line() {
    let err = read("cvrp_bad_demand.vrp").unwrap_err();
    assert_malformed(&err, "cvrp_bad_demand.vrp", 12, "demand");
    assert!(err.to_string().contains("cvrp_bad_demand.vrp:12:"));
}

#[test]
fn missing_file_is_an_io_error_naming_it() {
    let err = read("no_such_file.vrp").unwrap_err();
    assert!(matches!(err, FormatError::Io { .. }));
    assert!(err.to_string().contains("no_such_file.vrp"));
}

/// Reads every VRPLIB instance of the shared set (run with `cargo test -- --ignored`).
#[test]
#[ignore = "needs ../shared/instances"]
fn every_shared_vrplib_instance_reads() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/instances");
    let mut count = 0;
    for dir in ["cvrplib_X", "gehring_homberger_1000", "mtvrptwr_yang"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "vrp") {
                let inst = formats::read(&path, Format::Vrplib, ReadOptions::default())
                    .unwrap_or_else(|e| panic!("{e}"));
                assert!(!inst.problem.sites().is_empty());
                count += 1;
            }
        }
    }
    assert_eq!(count, 44 + 6 + 57);
}
