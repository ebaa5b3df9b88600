//! Snapping on the hand-made `tiny` network (see its README for the drawing):
//! A=0 (20.8500, 106.6800), B=1 (20.8500, 106.6810), C=2 (20.8510, 106.6810),
//! D=3 (20.8510, 106.6800), E=4 (20.8520, 106.6800).

use std::path::Path;
use wasteroute::road::{
    Anchor, ArcWeight, Components, NodeIdx, RoadNetwork, SnapError, Snapper, VehicleProfile,
    reachability_problems,
};

fn car_snapper() -> (RoadNetwork, wasteroute::road::ArcList, Snapper) {
    let (net, _) = RoadNetwork::load_dir(Path::new("tests/fixtures/road/tiny")).unwrap();
    let arcs = net.arc_list(&VehicleProfile::preset("car").unwrap());
    let snapper = Snapper::new(&net, &arcs);
    (net, arcs, snapper)
}

fn w(time_ms: u64, length_mm: u64) -> ArcWeight {
    ArcWeight { time_ms, length_mm }
}

#[test]
fn mid_segment_projection_splits_both_arcs() {
    let (_, _, s) = car_snapper();
    assert_eq!(s.segment_count(), 5);
    // 0.0001° north of A–B, 40 % of the way from A to B.
    let loc = s.snap("bin-1", 20.8501, 106.6804).unwrap();
    // 0.0001° of latitude ≈ 11.12 m.
    assert!(
        (loc.snap_distance_m - 11.12).abs() < 0.01,
        "{}",
        loc.snap_distance_m
    );
    assert_eq!(
        loc.anchors,
        vec![
            // A→B is the 150 m, 9 s parallel arc: 40 % from its tail.
            Anchor {
                from: NodeIdx(0),
                to: NodeIdx(1),
                tail_part: w(3_600, 60_000),
                head_part: w(5_400, 90_000),
            },
            // B→A is 100 m, 14.4 s: the point is 60 % from its tail.
            Anchor {
                from: NodeIdx(1),
                to: NodeIdx(0),
                tail_part: w(8_640, 60_000),
                head_part: w(5_760, 40_000),
            },
        ]
    );
}

#[test]
fn one_way_street_gives_one_anchor() {
    let (_, _, s) = car_snapper();
    // Just north of the middle of the one-way C→D (90 m, 21.6 s).
    let loc = s.snap("bin-2", 20.8511, 106.6805).unwrap();
    assert_eq!(
        loc.anchors,
        vec![Anchor {
            from: NodeIdx(2),
            to: NodeIdx(3),
            tail_part: w(10_800, 45_000),
            head_part: w(10_800, 45_000),
        }]
    );
}

#[test]
fn beyond_the_maximum_is_refused_naming_the_point() {
    let (_, _, s) = car_snapper();
    // About 1.1 km south of A.
    let err = s.snap("depot-7", 20.84, 106.68).unwrap_err();
    assert!(matches!(err, SnapError::TooFar { ref id, .. } if id == "depot-7"));
    assert!(err.to_string().contains("depot-7"), "{err}");
    // The same point is fine with a larger maximum.
    let s = s.with_max_distance_m(2_000.0);
    assert!(s.snap("depot-7", 20.84, 106.68).is_ok());
}

#[test]
fn bad_coordinates_and_batch_errors_name_every_point() {
    let (_, _, s) = car_snapper();
    let err = s
        .snap_all([
            ("ok", 20.8501, 106.6804),
            ("swapped", 106.68, 20.85),
            ("far", 21.0, 106.68),
        ])
        .unwrap_err();
    assert_eq!(err.0.len(), 2);
    let text = err.to_string();
    assert!(
        text.contains("`swapped`") && text.contains("`far`"),
        "{text}"
    );
}

#[test]
fn profile_without_the_bridge_snaps_elsewhere() {
    let (net, _) = RoadNetwork::load_dir(Path::new("tests/fixtures/road/tiny")).unwrap();
    let arcs = net.arc_list(&VehicleProfile::preset("compactor_16t").unwrap());
    let s = Snapper::new(&net, &arcs);
    // Right next to the weight-limited D–A: the compactor must snap to another street.
    let loc = s.snap("bin-3", 20.8505, 106.67995).unwrap();
    assert!(
        loc.anchors
            .iter()
            .all(|a| (a.from.0, a.to.0) != (0, 3) && (a.from.0, a.to.0) != (3, 0))
    );
}

#[test]
fn dead_end_site_cannot_return_to_the_depot() {
    let (_, arcs, s) = car_snapper();
    let components = Components::strongly_connected(&arcs);
    assert_eq!(components.count(), 2);
    assert_eq!(components.largest_size(), 4);
    let depot = s.snap("depot", 20.8501, 106.6804).unwrap();
    // On the one-way dead end D→E.
    let site = s.snap("site", 20.8515, 106.68005).unwrap();
    let problems = reachability_problems(&arcs, &components, &[depot, site], &[0]);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].location, 1);
    assert!(problems[0].unreachable_from.is_empty());
    assert_eq!(problems[0].cannot_reach, vec![0]);
    assert!(
        problems[0].to_string().contains("(1 nodes)"),
        "{}",
        problems[0]
    );
}

#[test]
fn helsinki_largest_component_matches_the_published_size() {
    let (net, _) = RoadNetwork::load_dir(Path::new("data/helsinki")).unwrap();
    let arcs = net.arc_list(&VehicleProfile::preset("car").unwrap());
    let c = Components::strongly_connected(&arcs);
    assert_eq!(c.largest_size(), 1_649);
}

#[test]
fn profile_with_no_usable_road_cannot_snap() {
    let (net, _) = RoadNetwork::load_dir(Path::new("tests/fixtures/road/tiny")).unwrap();
    let mut motorway_only = VehicleProfile::preset("car").unwrap();
    motorway_only.allowed_highways = Some(["motorway".to_owned()].into_iter().collect());
    let arcs = net.arc_list(&motorway_only);
    assert!(arcs.arcs.is_empty());
    let err = Snapper::new(&net, &arcs)
        .snap("bin-9", 20.8501, 106.6804)
        .unwrap_err();
    assert_eq!(
        err,
        SnapError::NoRoad {
            id: "bin-9".to_owned()
        }
    );
}
