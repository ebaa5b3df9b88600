//! Release times in the constant-time move checks: hand-checkable fixtures, and random
//! moves on multi-trip routes with release times and breaks compared with the full
//! simulation (`evaluate_route`, the oracle).

mod solver_support;

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use solver_support::{Builder, break_rule, window};
use wasteroute::problem::{EndOfRoute, FacilityIdx, Problem, SiteIdx, StreamSet, VehicleTypeIdx};
use wasteroute::solution::Visit;
use wasteroute::solver::context::Context;
use wasteroute::solver::evaluate::{eval_insert_site, eval_replace};
use wasteroute::solver::evaluate_route;
use wasteroute::solver::insertion::spliced;
use wasteroute::solver::route::RouteCache;
use wasteroute::units::{Cost, Duration};

/// Depot at (0, 0); sites on a line to the east.
fn line(sites: &[(f64, i64)]) -> Builder {
    let mut b = Builder::new((0.0, 0.0));
    for &(x, release) in sites {
        let s = b.site((x, 0.0), 1);
        b.sites[s].release_time = Duration(release);
    }
    b
}

fn cache(p: &Problem, visits: &[Visit]) -> RouteCache {
    let mut r = RouteCache::empty(p, VehicleTypeIdx(0), 0);
    r.visits = visits.to_vec();
    r.update(p);
    r
}

fn site(s: usize) -> Visit {
    Visit::Site(SiteIdx::new(s))
}

/// A trip waits at the depot for its latest release: site 0 at x = 10 released at 100,
/// so the truck leaves at 100, serves it at 110 and is back at 120.
#[test]
fn trip_waits_for_its_release_time() {
    let mut b = line(&[(10.0, 100), (20.0, 0)]);
    b.vehicles(1, 10);
    let p = b.build();
    let r = cache(&p, &[site(0)]);
    assert!(r.feasible);
    assert_eq!(r.dep[0], Duration(100));
    assert_eq!(r.arr[2], Duration(120));
    // Inserting the unreleased site 1 after site 0: no change to the release, exact.
    let ctx = Context::new(&p);
    assert!(
        !ctx.needs_verify,
        "release times alone need no full verification"
    );
    let d = eval_insert_site(&p, &ctx, &r, 1, SiteIdx::new(1), Cost::INFINITE).unwrap();
    assert_eq!(d.distance.get(), 20);
}

/// A move that raises a trip's release makes a kept site miss its window: the check says
/// no, as the full simulation does. Site 1 (x = 10, window [0, 50]) is in the route;
/// inserting site 0 (x = 20, released at 100) after it delays the trip's start to 100.
#[test]
fn release_that_breaks_a_kept_window_is_refused() {
    let mut b = line(&[(20.0, 100), (10.0, 0)]);
    b.sites[1].windows = vec![window(0, 50)];
    b.vehicles(1, 10);
    let p = b.build();
    let ctx = Context::new(&p);
    let r = cache(&p, &[site(1)]);
    assert!(r.feasible);
    let visits = [site(1), site(0)];
    assert!(evaluate_route(&p, VehicleTypeIdx(0), &visits).is_err());
    assert_eq!(
        eval_insert_site(&p, &ctx, &r, 1, SiteIdx::new(0), Cost::INFINITE),
        None
    );
    assert_eq!(eval_replace(&p, &ctx, &r, 1, 2, &[site(0)]), None);
    // In a second trip (after a reload at the depot) the release is harmless.
    let mut b = line(&[(20.0, 100), (10.0, 0)]);
    b.sites[1].windows = vec![window(0, 50)];
    b.facility((0.0, 0.0), StreamSet::ALL, 0);
    b.vehicles(1, 10);
    let p = b.build();
    let r = cache(&p, &[site(1)]);
    let ins = [Visit::Facility(FacilityIdx::new(0)), site(0)];
    let d = eval_replace(&p, &ctx_of(&p), &r, 1, 2, &ins).expect("feasible in a new trip");
    let full = evaluate_route(&p, VehicleTypeIdx(0), &spliced(&r.visits, 1, 2, &ins)).unwrap();
    assert_eq!(r.distance + d.distance, full.distance);
}

fn ctx_of(p: &Problem) -> Context {
    Context::new(p)
}

/// Removing the site that holds a trip back lets the trip leave earlier: a site that only
/// fits once the release is gone becomes insertable in the same move.
#[test]
fn removing_the_late_site_releases_the_trip() {
    // Site 0 at x = 10 released at 100; site 1 at x = 15 with window [0, 40].
    let mut b = line(&[(10.0, 100), (15.0, 0)]);
    b.sites[1].windows = vec![window(0, 40)];
    b.vehicles(1, 10);
    let p = b.build();
    let ctx = Context::new(&p);
    let r = cache(&p, &[site(0)]);
    assert_eq!(eval_replace(&p, &ctx, &r, 1, 2, &[site(1)]), None);
    let d = eval_replace(&p, &ctx, &r, 0, 2, &[site(1)]).expect("site 0 replaced by site 1");
    assert_eq!(d.distance.get(), 30 - 20);
    assert!(evaluate_route(&p, VehicleTypeIdx(0), &[site(1)]).is_ok());
}

/// A multi-trip problem: `n` sites with windows and (a third of them) release times,
/// facilities (one at the depot, as in Yang's reloads) and, with `breaks`, a break rule.
fn random_multi_trip(seed: u64, n: usize, breaks: bool, depot_unloads: bool) -> Problem {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut b = Builder::new((50.0, 50.0));
    for _ in 0..n {
        let p = (rng.random_range(0.0..100.0), rng.random_range(0.0..100.0));
        let s = b.site(p, rng.random_range(1..10));
        let start = rng.random_range(0..500);
        let w = window(start, start + rng.random_range(50..500));
        b.sites[s].windows = if rng.random_bool(0.2) {
            // Two windows: the search must handle a trip sliding into the second one.
            vec![w, window(w.end.get() + 100, w.end.get() + 300)]
        } else {
            vec![w]
        };
        b.sites[s].service_time = Duration(rng.random_range(0..10));
        if rng.random_bool(0.4) {
            b.sites[s].release_time = Duration(rng.random_range(0..400));
        }
    }
    b.facility((50.0, 50.0), StreamSet::ALL, 0);
    b.facility((20.0, 80.0), StreamSet::ALL, 10);
    let v = b.vehicles(4, 20);
    b.vehicles[v].shift = window(0, 1500);
    b.vehicles[v].cost_per_duration = Cost(1);
    if !depot_unloads {
        b.vehicles[v].end_of_route = EndOfRoute::UnloadAtFacility;
    }
    if breaks {
        b.vehicles[v].break_rule = Some(break_rule(30, 200, 600));
    }
    b.build()
}

/// A feasible route of several trips, built by random greedy appends.
fn random_feasible_route(p: &Problem, rng: &mut ChaCha8Rng) -> Option<Vec<Visit>> {
    let mut sites: Vec<usize> = (0..p.sites().len()).collect();
    sites.shuffle(rng);
    let has_break = p.vehicle_type(VehicleTypeIdx(0)).break_rule.is_some();
    let mut visits = Vec::new();
    let ok = |v: &Vec<Visit>| {
        let mut v = v.clone();
        if has_break && !v.contains(&Visit::Break) {
            v.push(Visit::Break);
        }
        if !matches!(v.last(), Some(Visit::Facility(_))) {
            v.push(Visit::Facility(FacilityIdx::new(0)));
        }
        evaluate_route(p, VehicleTypeIdx(0), &v).is_ok()
    };
    for s in sites.into_iter().take(25) {
        let mut trial = visits.clone();
        if rng.random_bool(0.25) {
            let f = rng.random_range(0..p.facilities().len());
            trial.push(Visit::Facility(FacilityIdx::new(f)));
        }
        if has_break && !trial.contains(&Visit::Break) && rng.random_bool(0.15) {
            trial.push(Visit::Break);
        }
        trial.push(site(s));
        if ok(&trial) {
            visits = trial;
        }
    }
    if has_break && !visits.contains(&Visit::Break) {
        visits.push(Visit::Break);
    }
    if !matches!(visits.last(), Some(Visit::Facility(_))) {
        visits.push(Visit::Facility(FacilityIdx::new(0)));
    }
    let sites = visits
        .iter()
        .filter(|v| matches!(v, Visit::Site(_)))
        .count();
    (sites >= 3 && evaluate_route(p, VehicleTypeIdx(0), &visits).is_ok()).then_some(visits)
}

/// Random replacements on feasible multi-trip routes with release times (and breaks, and
/// sites with two windows): the fast check accepts exactly what the full simulation
/// accepts, and its distance change is exact.
#[test]
fn release_moves_agree_with_full_evaluation() {
    for (seed, breaks, depot_unloads) in [
        (41, false, true),
        (42, true, true),
        (43, true, false),
        (44, false, false),
    ] {
        let p = random_multi_trip(seed, 40, breaks, depot_unloads);
        let ctx = Context::new(&p);
        assert!(!ctx.needs_verify);
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let (mut feasible, mut infeasible, mut release_changed) = (0, 0, 0);
        for _ in 0..400 {
            let Some(visits) = random_feasible_route(&p, &mut rng) else {
                continue;
            };
            let r = cache(&p, &visits);
            assert!(r.feasible, "{visits:?}");
            let in_route: Vec<usize> = visits
                .iter()
                .filter_map(|v| match v {
                    Visit::Site(s) => Some(s.index()),
                    _ => None,
                })
                .collect();
            let n = r.num_stops();
            for _ in 0..60 {
                let i = rng.random_range(0..n - 1);
                let k = (i + 1 + rng.random_range(0..4)).min(n - 1);
                if (i + 1..k).any(|j| matches!(r.visit(j), Some(Visit::Break))) {
                    continue;
                }
                let mut inserted = Vec::new();
                for _ in 0..rng.random_range(0..3) {
                    let s = rng.random_range(0..p.sites().len());
                    if !in_route.contains(&s) && !inserted.contains(&site(s)) {
                        inserted.push(site(s));
                    }
                }
                if rng.random_bool(0.4) {
                    let f = Visit::Facility(FacilityIdx::new(
                        rng.random_range(0..p.facilities().len()),
                    ));
                    inserted.insert(rng.random_range(0..=inserted.len()), f);
                }
                let new = spliced(&r.visits, i, k, &inserted);
                if !new.iter().any(|v| matches!(v, Visit::Site(_))) {
                    continue;
                }
                let fast = eval_replace(&p, &ctx, &r, i, k, &inserted);
                if let ([Visit::Site(s)], true) = (inserted.as_slice(), k == i + 1) {
                    let quick = eval_insert_site(&p, &ctx, &r, i, *s, Cost::INFINITE);
                    assert_eq!(quick, fast, "single-site fast path, {visits:?} at {i}");
                }
                let full = evaluate_route(&p, VehicleTypeIdx(0), &new);
                assert_eq!(
                    fast.is_some(),
                    full.is_ok(),
                    "{visits:?} → {new:?}: {full:?}"
                );
                let after = cache(&p, &new);
                if after.gap_release != r.gap_release {
                    release_changed += 1;
                }
                match (fast, full) {
                    (Some(d), Ok(rep)) => {
                        assert_eq!(r.distance + d.distance, rep.distance);
                        feasible += 1;
                    }
                    _ => infeasible += 1,
                }
            }
        }
        assert!(
            feasible > 300 && infeasible > 300 && release_changed > 300,
            "seed {seed}: {feasible} feasible, {infeasible} infeasible, \
             {release_changed} with a changed release"
        );
    }
}
