//! The timed plan against a brute-force oracle on random small routes.
//!
//! The oracle is a plain forward pass written again here from the route semantics; it
//! tries every whole-second depot departure in range and keeps the latest one that comes
//! home as early as the earliest departure does. The timed plan must pick the same
//! departure and the same times at every stop.

mod output_common;

use output_common::{Case, build, case};
use proptest::prelude::*;
use wasteroute::plan::timed_route;
use wasteroute::solution::{Route, Visit};
use wasteroute::units::Duration;

/// The oracle's forward pass: `(arrival, start, departure)` per stop including both
/// depots, or `None` when a window or the break window is missed.
fn oracle(c: &Case, t0: i64) -> Option<Vec<(i64, i64, i64)>> {
    let n = c.sites.len() + 2;
    let time = |a: usize, b: usize| c.times[a * n + b];
    let open = |ws: &[(i64, i64)], t: i64| ws.iter().find(|w| w.1 >= t).map(|w| t.max(w.0));
    // Release of each trip (trips end at facilities).
    let mut releases = vec![0i64];
    for v in &c.visits {
        match v {
            Visit::Site(s) => {
                let r = releases.last_mut().unwrap();
                *r = (*r).max(c.sites[s.index()].2);
            }
            Visit::Facility(_) => releases.push(0),
            Visit::Break => {}
        }
    }
    let mut out = Vec::new();
    let leave = t0.max(releases[0]);
    out.push((t0, t0, leave));
    let (mut at, mut now, mut trip) = (0usize, leave, 0usize);
    for v in &c.visits {
        match v {
            Visit::Site(s) => {
                let (ws, service, _) = &c.sites[s.index()];
                let loc = s.index() + 2;
                let arrival = now + time(at, loc);
                let start = open(ws, arrival)?;
                out.push((arrival, start, start + service));
                at = loc;
                now = start + service;
            }
            Visit::Facility(_) => {
                let arrival = now + time(at, 1);
                let start = open(&c.facility_windows, arrival)?;
                trip += 1;
                let departure = (start + 200).max(releases[trip]);
                out.push((arrival, start, departure));
                at = 1;
                now = departure;
            }
            Visit::Break => {
                let (d, s, len) = c.break_rule.unwrap();
                let start = now.max(s);
                if start > s + len {
                    return None;
                }
                out.push((now, start, start + d));
                now = start + d;
            }
        }
    }
    let home = now + time(at, 0);
    out.push((home, home, home));
    Some(out)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn timed_route_matches_the_brute_force_oracle(c in case()) {
        let p = build(&c);
        let route = Route { vehicle_type: wasteroute::problem::VehicleTypeIdx(0), vehicle: 0, visits: c.visits.clone() };
        let timed = timed_route(&p, &route).unwrap();
        let earliest = c.shift_start;
        match oracle(&c, earliest) {
            None => {
                // Infeasible from the earliest departure: reported, not shifted.
                prop_assert!(!timed.notes.is_empty());
                prop_assert_eq!(timed.stops[0].arrival, Duration(earliest));
            }
            Some(first) => {
                prop_assert!(timed.notes.is_empty(), "{:?}", timed.notes);
                let home = first.last().unwrap().0;
                // Leaving later than `home` can never come home by `home`.
                let best = (earliest..=home)
                    .filter(|&t| oracle(&c, t).is_some_and(|s| s.last().unwrap().0 == home))
                    .max()
                    .unwrap();
                let expected = oracle(&c, best).unwrap();
                let got: Vec<(i64, i64, i64)> = timed
                    .stops
                    .iter()
                    .map(|s| (s.arrival.get(), s.start.get(), s.departure.get()))
                    .collect();
                prop_assert_eq!(&got, &expected);
                // The duration runs from the actual depot departure (after any release).
                prop_assert_eq!(timed.totals.duration.get(), home - expected[0].2);
            }
        }
    }
}
