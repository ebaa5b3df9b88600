//! The Solomon reader on hand-made fixtures (and, with `--ignored`, on the shared instances).

mod formats_support;
use formats_support::assert_malformed;

use std::path::{Path, PathBuf};
use wasteroute::formats::{self, Format, ObjectiveKind, ReadOptions};
use wasteroute::problem::{Loads, LocationIdx, SiteIdx, TimeWindow};
use wasteroute::units::{Distance, Duration};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

#[test]
fn distance_objective_truncates_to_one_decimal() {
    let inst = formats::read(
        &fixture("solomon_tiny.txt"),
        Format::Solomon,
        ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(inst.name, "TINY1");
    assert_eq!(inst.site_ids, ["1", "2"]);
    let p = &inst.problem;
    let m = &p.profiles()[0];
    // (0,0)→(3,4) = 5.0 → 50; (0,0)→(1,1) = 1.414 → 14; (3,4)→(1,1) = 3.606 → 36.
    assert_eq!(m.distance.get(LocationIdx(0), LocationIdx(1)), Distance(50));
    assert_eq!(m.distance.get(LocationIdx(0), LocationIdx(2)), Distance(14));
    assert_eq!(m.distance.get(LocationIdx(1), LocationIdx(2)), Distance(36));
    assert_eq!(m.time.get(LocationIdx(1), LocationIdx(2)), Duration(36));
    let s = p.site(SiteIdx(1));
    assert_eq!(
        s.windows,
        vec![TimeWindow::new(Duration(200), Duration(300))]
    );
    assert_eq!(s.service_time, Duration(50));
    assert_eq!(s.demand, Loads::single(5));
    let v = &p.vehicle_types()[0];
    assert_eq!(v.count, 2);
    assert_eq!(v.capacity, Loads::single(10));
    assert_eq!(v.shift, TimeWindow::new(Duration(0), Duration(1000)));
    assert_eq!(inst.convention.distance_per_unit, 10);
    assert_eq!(inst.convention.format_reported(Distance(1007)), "100.7");
}

#[test]
fn hierarchical_objective_keeps_four_decimals_and_charges_vehicles() {
    let options = ReadOptions {
        objective: Some(ObjectiveKind::VehiclesThenDistance),
    };
    let inst = formats::read(&fixture("solomon_tiny.txt"), Format::Solomon, options).unwrap();
    let p = &inst.problem;
    let m = &p.profiles()[0];
    // sqrt(13) = 3.6055513 → 36056 ten-thousandths.
    assert_eq!(
        m.distance.get(LocationIdx(1), LocationIdx(2)),
        Distance(36_056)
    );
    let v = &p.vehicle_types()[0];
    // 3·(2+1)+1 = 10 arcs × longest arc 50000 bound the distance.
    assert_eq!(v.fixed_cost.get(), 500_001);
    assert!(p.objective().unassigned_penalty.get() > 2 * v.fixed_cost.get() + 500_000);
    assert_eq!(
        inst.convention.objective,
        ObjectiveKind::VehiclesThenDistance
    );
}

#[test]
fn short_row_names_file_and_line() {
    let err = formats::read(
        &fixture("solomon_bad_row.txt"),
        Format::Solomon,
        ReadOptions::default(),
    )
    .unwrap_err();
    assert_malformed(&err, "solomon_bad_row.txt", 11, "expected 7 fields");
}

/// Reads every Solomon-format instance of the shared set (run with `--ignored`).
#[test]
#[ignore = "needs ../shared/instances"]
fn every_shared_solomon_instance_reads() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/instances");
    let mut count = 0;
    for dir in ["solomon_100", "gehring_homberger_200_400"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let inst = formats::read(&path, Format::Solomon, ReadOptions::default())
                .unwrap_or_else(|e| panic!("{e}"));
            assert!(inst.problem.sites().len() >= 100);
            count += 1;
        }
    }
    assert_eq!(count, 29 + 24);
}
