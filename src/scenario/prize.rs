//! The prize of an optional site: what emptying it tonight saves.
//!
//! Emptying a container tonight that did not have to be emptied saves part of a later
//! visit. A later visit, made when a truck passes nearby anyway, costs about the detour to
//! the site from its neighbours: with `a` and `b` the two sites nearest to it,
//! `d(a, x) + d(x, b) − d(a, b)` in distance and the same in time, plus its service time,
//! priced at the cheapest vehicle type allowed to serve it. That is the *visit value*; the
//! prize is the visit value scaled by the container's predicted fill over its overflow
//! threshold ([`crate::monitoring::decision`]): a nearly full container saves a whole visit,
//! a half-full one half of it.

use crate::problem::{LocationIdx, Site, TravelMatrices, VehicleType};
use crate::units::{Cost, Duration};

/// The visit value of the site at `x`, with `others` the locations of the other sites,
/// served by the cheapest of `allowed` (vehicle types with their matrices).
pub fn visit_value(
    x: LocationIdx,
    service_time: Duration,
    others: &[LocationIdx],
    allowed: &[(&VehicleType, &TravelMatrices)],
) -> Cost {
    allowed
        .iter()
        .filter_map(|(v, m)| {
            let (a, b) = two_nearest(x, others, m)?;
            let dist = detour(
                m.distance.get(a, x).get(),
                m.distance.get(x, b).get(),
                m.distance.get(a, b).get(),
            );
            let time = detour(
                m.time.get(a, x).get(),
                m.time.get(x, b).get(),
                m.time.get(a, b).get(),
            ) + service_time.get();
            let cost = i128::from(v.cost_per_distance.get()) * i128::from(dist)
                + i128::from(v.cost_per_duration.get()) * i128::from(time);
            Some(Cost(i64::try_from(cost).unwrap_or(i64::MAX)))
        })
        .min()
        .unwrap_or(Cost(0))
}

/// The vehicle types allowed to serve `site`, each with the matrices of its profile
/// (`matrices[p]` for profile `p`): what [`visit_value`] prices a visit with.
pub fn allowed_with_matrices<'a>(
    site: &Site,
    types: &'a [VehicleType],
    matrices: &'a [TravelMatrices],
) -> Vec<(&'a VehicleType, &'a TravelMatrices)> {
    types
        .iter()
        .enumerate()
        .filter(|(v, _)| {
            site.allowed_vehicle_types
                .as_ref()
                .is_none_or(|l| l.iter().any(|t| t.index() == *v))
        })
        .map(|(_, t)| (t, &matrices[t.profile.index()]))
        .collect()
}

/// The prize of an optional site: its visit value × `scale` (0–1).
pub fn prize(visit_value: Cost, scale: f64) -> Cost {
    Cost((visit_value.get() as f64 * scale.clamp(0.0, 1.0)).round() as i64)
}

/// `a → x → b` instead of `a → b`, never negative (the triangle inequality may not hold
/// on one-way streets).
fn detour(ax: i64, xb: i64, ab: i64) -> i64 {
    (ax + xb - ab).max(0)
}

/// The two other sites nearest to `x` that are reachable both ways; with one, it is
/// both (the detour is then out and back).
fn two_nearest(
    x: LocationIdx,
    others: &[LocationIdx],
    m: &TravelMatrices,
) -> Option<(LocationIdx, LocationIdx)> {
    let mut best: [Option<(i64, LocationIdx)>; 2] = [None, None];
    for &o in others {
        if o == x || !m.reachable(o, x) || !m.reachable(x, o) {
            continue;
        }
        let d = m.distance.get(o, x).get() + m.distance.get(x, o).get();
        if best[0].is_none_or(|(b, _)| d < b) {
            best[1] = best[0];
            best[0] = Some((d, o));
        } else if best[1].is_none_or(|(b, _)| d < b) {
            best[1] = Some((d, o));
        }
    }
    let a = best[0]?.1;
    Some((a, best[1].map_or(a, |(_, b)| b)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::{Loads, Matrix, TimeWindow};
    use crate::units::Distance;

    /// Four locations on a line, 100 m (and 10 s) apart; `x` = 1 sits between 0 and 2.
    fn line() -> TravelMatrices {
        let n = 4;
        let mut distance = Matrix::filled(n, Distance(0));
        let mut time = Matrix::filled(n, Duration(0));
        for i in 0..n {
            for j in 0..n {
                let d = (i as i64 - j as i64).abs();
                distance.set(LocationIdx::new(i), LocationIdx::new(j), Distance(100 * d));
                time.set(LocationIdx::new(i), LocationIdx::new(j), Duration(10 * d));
            }
        }
        TravelMatrices { time, distance }
    }

    #[test]
    fn a_site_between_its_neighbours_is_worth_its_service_time_only() {
        let m = line();
        let mut v = VehicleType::plain(1, Loads::single(10), TimeWindow::UNBOUNDED);
        v.cost_per_distance = Cost(2);
        v.cost_per_duration = Cost(3);
        let loc = LocationIdx::new;
        let others = [loc(0), loc(2), loc(3)];
        // On the way from 0 to 2: no detour; 60 s of service at 3 per second.
        assert_eq!(
            visit_value(loc(1), Duration(60), &others, &[(&v, &m)]),
            Cost(180)
        );
        // At the end of the line, its nearest are 2 and 1: 3 → … a detour of 200 m and 20 s.
        let others = [loc(1), loc(2)];
        assert_eq!(
            visit_value(loc(3), Duration(0), &others, &[(&v, &m)]),
            Cost(2 * 200 + 3 * 20)
        );
        assert_eq!(prize(Cost(460), 0.5), Cost(230));
        assert_eq!(prize(Cost(460), 1.7), Cost(460));
    }
}
