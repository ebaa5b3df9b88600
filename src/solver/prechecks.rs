//! Sites that no vehicle could serve even on a route of its own, and why.
//!
//! Each vehicle type that could serve a site is taken as far down this list as it gets;
//! the site's reason is the furthest stage any type reached (the most specific one):
//! no vehicle for the stream → no facility for it → unreachable → demand too big →
//! window unreachable → shift too short. A site no profile connects to a depot at all is
//! `UnreachableByRoad` first of all.

use super::context::Context;
use super::route::RouteCache;
use crate::problem::{EndOfRoute, Problem, SiteIdx, VehicleTypeIdx};
use crate::solution::{UnassignedReason, Visit};

/// For each site, `None` when some vehicle can serve it alone, else the reason it cannot.
pub fn unservable(problem: &Problem, ctx: &Context) -> Vec<Option<UnassignedReason>> {
    (0..problem.sites().len())
        .map(|s| reason(problem, ctx, SiteIdx::new(s)))
        .collect()
}

fn reason(problem: &Problem, ctx: &Context, s: SiteIdx) -> Option<UnassignedReason> {
    use UnassignedReason as R;
    let site = problem.site(s);
    let vts = problem.vehicle_types();
    let reaches = |t: usize| {
        let v = &vts[t];
        let m = problem.profile(v.profile);
        m.reachable(problem.depot(v.start_depot).location, site.location)
    };
    if !(0..vts.len()).any(|t| vts[t].count > 0 && reaches(t)) {
        return Some(R::UnreachableByRoad);
    }
    let mut best: Option<R> = None;
    let mut note = |r: R| {
        if best.is_none_or(|b| stage(r) > stage(b)) {
            best = Some(r);
        }
    };
    for (t, v) in vts.iter().enumerate() {
        if !ctx.eligible[s.index()][t] {
            note(R::NoVehicleForStream);
            continue;
        }
        let facilities = &ctx.facilities[t][usize::from(site.stream.0)];
        let needs_facility = v.end_of_route == EndOfRoute::UnloadAtFacility;
        if needs_facility && facilities.is_empty() {
            note(R::NoFacilityForStream);
            continue;
        }
        let m = problem.profile(v.profile);
        let start = problem.depot(v.start_depot).location;
        let end = problem.depot(v.end_depot).location;
        let back = if needs_facility {
            facilities.iter().any(|f| {
                let fl = problem.facility(*f).location;
                m.reachable(site.location, fl) && m.reachable(fl, end)
            })
        } else {
            m.reachable(site.location, end)
        };
        if !m.reachable(start, site.location) || !back {
            note(R::UnreachableByRoad);
            continue;
        }
        if !site.demand.fits_within(v.capacity) || !site.demand.fits_within(v.max_total_load) {
            note(R::DemandExceedsCapacity);
            continue;
        }
        let t0 = problem
            .depot(v.start_depot)
            .window
            .start
            .max(v.shift.start)
            .max(site.release_time);
        let arrival = t0 + m.time.get(start, site.location);
        if site.windows.last().is_none_or(|w| w.end < arrival) {
            note(R::WindowUnreachable);
            continue;
        }
        let tails: Vec<Vec<Visit>> = if needs_facility {
            facilities
                .iter()
                .map(|f| vec![Visit::Site(s), Visit::Facility(*f)])
                .collect()
        } else {
            vec![vec![Visit::Site(s)]]
        };
        let vt = VehicleTypeIdx::new(t);
        let fits = tails.into_iter().any(|visits| {
            alone_routes(&visits, v.break_rule.is_some())
                .into_iter()
                .any(|vs| {
                    let mut r = RouteCache::empty(problem, vt, 0);
                    r.visits = vs;
                    r.update(problem);
                    r.feasible
                })
        });
        if fits {
            return None;
        }
        note(R::ShiftTooShort);
    }
    best
}

/// The visit sequences to try for a route of its own: with the break in every place.
pub fn alone_routes(visits: &[Visit], with_break: bool) -> Vec<Vec<Visit>> {
    if !with_break {
        return vec![visits.to_vec()];
    }
    (0..=visits.len())
        .map(|p| {
            let mut v = visits.to_vec();
            v.insert(p, Visit::Break);
            v
        })
        .collect()
}

fn stage(r: UnassignedReason) -> u8 {
    use UnassignedReason as R;
    match r {
        R::NoVehicleForStream => 0,
        R::NoFacilityForStream => 1,
        R::UnreachableByRoad => 2,
        R::DemandExceedsCapacity => 3,
        R::WindowUnreachable => 4,
        R::ShiftTooShort => 5,
        R::NoCapacityLeft => 6,
        R::NotWorthItsPrize => 7,
    }
}
