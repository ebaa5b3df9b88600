//! The Kim et al. (2006) reader on hand-made fixtures (and the shared instances with `--ignored`).

mod formats_support;
use formats_support::assert_malformed;

use std::path::{Path, PathBuf};
use wasteroute::formats::{self, Format, ObjectiveKind, ReadOptions};
use wasteroute::problem::{EndOfRoute, Loads, LocationIdx, SiteIdx, TimeWindow};
use wasteroute::units::{Distance, Duration};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

#[test]
fn crlf_rows_hhmm_without_zeros_and_scales() {
    let inst = formats::read(
        &fixture("kim_tiny.txt"),
        Format::Kim,
        ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(inst.name, "kim_tiny");
    assert_eq!(inst.site_ids, ["11", "12"]);
    assert_eq!(inst.facility_ids, ["9"]);
    let p = &inst.problem;
    let m = &p.profiles()[0];
    // Depot (row 0) → stop 11 (row 2): 15,387 ft = 2.914 mi = 262.28 s → 2623 tenths.
    assert_eq!(
        m.distance.get(LocationIdx(0), LocationIdx(2)),
        Distance(15_387)
    );
    assert_eq!(m.time.get(LocationIdx(0), LocationIdx(2)), Duration(2623));
    // Depot → facility: one mile at 40 mph = 90 s.
    assert_eq!(m.time.get(LocationIdx(0), LocationIdx(1)), Duration(900));
    // Depot → stop 12: 2,640.5 ft rounds half up to 2,641 ft; 450.08 tenths → 450.
    assert_eq!(
        m.distance.get(LocationIdx(0), LocationIdx(3)),
        Distance(2641)
    );
    assert_eq!(m.time.get(LocationIdx(0), LocationIdx(3)), Duration(450));
    // `400` = 04:00 and `1500` = 15:00, in tenths of a second.
    assert_eq!(
        p.depots()[0].window,
        TimeWindow::new(Duration(4 * 36_000), Duration(15 * 36_000))
    );
    let s = p.site(SiteIdx(0));
    assert_eq!(
        s.windows,
        vec![TimeWindow::new(Duration(7 * 36_000), Duration(24 * 36_000))]
    );
    assert_eq!(s.demand, Loads::single(450));
    assert_eq!(s.service_time, Duration(1800));
    let f = &p.facilities()[0];
    assert_eq!(f.unload_time, Duration(6000));
    let v = &p.vehicle_types()[0];
    assert_eq!(v.capacity, Loads::single(1050));
    assert_eq!(v.max_total_load, Loads::single(2000));
    assert_eq!(v.max_sites, 5);
    assert_eq!(v.end_of_route, EndOfRoute::UnloadAtFacility);
    let b = v.break_rule.unwrap();
    assert_eq!(b.duration, Duration(36_000));
    assert_eq!(
        b.window,
        TimeWindow::new(Duration(11 * 36_000), Duration(12 * 36_000))
    );
    assert!(v.fixed_cost.get() > 0, "vehicles first");
    assert_eq!(
        inst.convention.objective,
        ObjectiveKind::VehiclesThenDistance
    );
    assert_eq!(inst.convention.format_reported(Distance(5280 * 3)), "3.00");
}

/// Published files write some clock times with minutes past 59 (`0775`): read as
/// hours × 60 + minutes (7 h 75 min = 08:15), with a warning naming file and line.
#[test]
fn minutes_past_59_are_read_as_hours_and_minutes_with_a_warning() {
    let inst = formats::read(
        &fixture("kim_minutes_past_59.txt"),
        Format::Kim,
        ReadOptions::default(),
    )
    .unwrap();
    let s = inst.problem.site(SiteIdx(0));
    assert_eq!(s.windows[0].start, Duration((8 * 60 + 15) * 600));
    assert_eq!(inst.warnings.len(), 1, "{:?}", inst.warnings);
    let w = &inst.warnings[0];
    assert!(
        w.contains("kim_minutes_past_59.txt:9") && w.contains("\"0775\"") && w.contains("08:15"),
        "{w}"
    );
}

#[test]
fn clock_times_past_midnight_name_file_and_line() {
    let err = formats::read(
        &fixture("kim_bad_clock.txt"),
        Format::Kim,
        ReadOptions::default(),
    )
    .unwrap_err();
    assert_malformed(&err, "kim_bad_clock.txt", 9, "2460");
}

/// Reads the three shared Kim instances (run with `--ignored`).
#[test]
#[ignore = "needs ../shared/instances"]
fn shared_kim_instances_read() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/instances/kim2006_wcvrptw");
    for (file, stops, facilities) in [
        ("102_stop.txt", 99, 2),
        ("277_stop.txt", 275, 1),
        ("1051_stop.txt", 1048, 2),
    ] {
        let inst = formats::read(&root.join(file), Format::Kim, ReadOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(inst.problem.sites().len(), stops, "{file}");
        assert_eq!(inst.problem.facilities().len(), facilities, "{file}");
    }
}
