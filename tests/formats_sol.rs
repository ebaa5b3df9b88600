//! The `.sol` reader and writer: numbering, depot reloads as `0`, Kim facility ids, and a
//! round trip through the checker.

use std::path::{Path, PathBuf};
use wasteroute::benchmark::place_missing_breaks;
use wasteroute::checker::check;
use wasteroute::formats::{self, Format, ReadOptions, sol};
use wasteroute::problem::{FacilityIdx, SiteIdx, VehicleTypeIdx};
use wasteroute::solution::{Route, Solution, Visit};
use wasteroute::units::Distance;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

#[test]
fn multi_trip_sol_reads_reload_as_facility_and_checks_at_its_cost() {
    let inst = formats::read(
        &fixture("mtvrptwr_tiny.vrp"),
        Format::Vrplib,
        ReadOptions::default(),
    )
    .unwrap();
    let file = sol::read(&fixture("mtvrptwr_tiny.sol"), &inst).unwrap();
    assert_eq!(file.cost.as_deref(), Some("205"));
    let visits = &file.solution.routes[0].visits;
    assert_eq!(
        visits,
        &vec![
            Visit::Site(SiteIdx(0)),
            Visit::Facility(FacilityIdx(0)),
            Visit::Site(SiteIdx(1)),
            Visit::Site(SiteIdx(2)),
        ]
    );
    let report = check(&inst.problem, &file.solution);
    assert!(report.is_feasible(), "{:#?}", report.violations);
    // 50 + 50 (reload) + 50 + 41 + 14 tenths.
    assert_eq!(report.distance, Distance(205));
    assert_eq!(sol::cost_text(&inst, report.distance), "205");
    // The second trip waits at the depot for the release at 200: home at 345; the first
    // trip's wait lets the departure move to 80.
    assert_eq!(report.routes[0].arrival.get(), 345);
    assert_eq!(report.routes[0].duration.get(), 265);
}

#[test]
fn unknown_id_names_file_and_line() {
    let inst = formats::read(
        &fixture("cvrp_tiny.vrp"),
        Format::Vrplib,
        ReadOptions::default(),
    )
    .unwrap();
    let err = sol::parse(
        Path::new("x.sol"),
        "Route #1: 1 2\nRoute #2: 3 17\nCost 9\n",
        &inst,
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("x.sol:2:"), "{err}");
}

#[test]
fn writer_uses_file_numbering_and_reader_reads_it_back() {
    let inst = formats::read(
        &fixture("kim_tiny.txt"),
        Format::Kim,
        ReadOptions::default(),
    )
    .unwrap();
    let solution = Solution {
        routes: vec![Route {
            vehicle_type: VehicleTypeIdx(0),
            vehicle: 0,
            visits: vec![
                Visit::Site(SiteIdx(1)),
                Visit::Site(SiteIdx(0)),
                Visit::Break,
                Visit::Facility(FacilityIdx(0)),
            ],
        }],
        unassigned: vec![],
    };
    let text = sol::write(&inst, &solution, "3.50");
    assert_eq!(text, "Route #1: 12 11 9\nCost 3.50\n");
    let mut back = sol::parse(Path::new("kim.sol"), &text, &inst)
        .unwrap()
        .solution;
    assert!(!back.routes[0].visits.contains(&Visit::Break));
    place_missing_breaks(&inst.problem, &mut back);
    assert_eq!(
        back.routes[0]
            .visits
            .iter()
            .filter(|v| **v == Visit::Break)
            .count(),
        1
    );
    let report = check(&inst.problem, &back);
    assert!(report.is_feasible(), "{:#?}", report.violations);
}

#[test]
fn sites_missing_from_the_file_are_unassigned() {
    let inst = formats::read(
        &fixture("cvrp_tiny.vrp"),
        Format::Vrplib,
        ReadOptions::default(),
    )
    .unwrap();
    let file = sol::parse(Path::new("x.sol"), "Route #1: 1 2\nCost 10\n", &inst).unwrap();
    assert_eq!(file.solution.unassigned.len(), 1);
    assert_eq!(file.solution.unassigned[0].site, SiteIdx(2));
    let report = check(&inst.problem, &file.solution);
    assert!(report.is_feasible());
    assert_eq!(report.unassigned, 1);
}
