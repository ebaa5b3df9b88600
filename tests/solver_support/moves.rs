//! Random moves on solved routes, each checked by the fast evaluation and by the full
//! simulation: the shared body of the tests that exercise one path of the fast checks.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use wasteroute::problem::{FacilityIdx, LocationIdx, Problem, ProblemParts, SiteIdx};
use wasteroute::solution::Visit;
use wasteroute::solver::context::Context;
use wasteroute::solver::evaluate::{eval_insert_site, eval_replace};
use wasteroute::solver::insertion::spliced;
use wasteroute::solver::local_search::two_opt::eval_reversal;
use wasteroute::solver::route::RouteCache;
use wasteroute::solver::{SolverConfig, evaluate_route, solve};
use wasteroute::units::{Cost, Duration};

/// `p` rebuilt after `change` edited its parts.
pub fn rebuilt(p: &Problem, change: impl FnOnce(&mut ProblemParts)) -> Problem {
    let mut parts = ProblemParts {
        profiles: p.profiles().to_vec(),
        depots: p.depots().to_vec(),
        facilities: p.facilities().to_vec(),
        sites: p.sites().to_vec(),
        vehicle_types: p.vehicle_types().to_vec(),
        objective: *p.objective(),
    };
    change(&mut parts);
    Problem::new(parts).expect("valid problem")
}

/// `p` with every travel time 3/4 of the distance plus one per arc (distances unchanged,
/// symmetric matrices stay symmetric): time differs from distance everywhere.
pub fn with_slower_time(p: &Problem) -> Problem {
    rebuilt(p, |parts| {
        for m in &mut parts.profiles {
            for i in 0..m.size() {
                for j in 0..m.size() {
                    let (a, b) = (LocationIdx::new(i), LocationIdx::new(j));
                    let d = m.distance.get(a, b).get();
                    let t = if i == j { 0 } else { d * 3 / 4 + 1 };
                    m.time.set(a, b, Duration(t));
                }
            }
        }
    })
}

/// What [`check_random_moves_with`] draws on each try.
#[derive(Clone, Copy, Debug)]
pub struct MoveDraws {
    /// How many moves to draw (a try whose stretch holds a break is skipped).
    pub tries: usize,
    /// Whether a facility visit may be among the inserted stops.
    pub facilities: bool,
    /// Whether a random reversal of the same route follows each replacement.
    pub reversals: bool,
}

/// Solves `p` briefly, then tries 10,000 random replacements (a site and, when
/// `with_facilities`, a facility visit in place of up to two stops), each followed by a
/// random reversal of the same route: see [`check_random_moves_with`].
pub fn check_random_moves(p: &Problem, seed: u64, with_facilities: bool) -> (usize, usize) {
    let draws = MoveDraws {
        tries: 10_000,
        facilities: with_facilities,
        reversals: true,
    };
    check_random_moves_with(p, seed, draws)
}

/// Solves `p` briefly, then tries `draws.tries` random replacements (a site and, when
/// `draws.facilities`, a facility visit in place of up to two stops) and, when
/// `draws.reversals`, random reversals on its routes. Each must be feasible exactly when
/// the full simulation says so (a replacement that leaves no site is compared on distance
/// only, when both call it feasible), with the exact distance change, and the single-site
/// fast path must equal the general one.
/// Returns how many replacements were feasible and how many were checked.
pub fn check_random_moves_with(p: &Problem, seed: u64, draws: MoveDraws) -> (usize, usize) {
    let ctx = Context::new(p);
    assert!(!ctx.needs_verify);
    let sol = solve(p, &SolverConfig::with_iterations(seed, 30), &mut |_| {}).solution;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (mut feasible, mut checked) = (0, 0);
    let mut buf = Vec::new();
    for _ in 0..draws.tries {
        let Some(route) = sol.routes.get(rng.random_range(0..sol.routes.len().max(1))) else {
            break;
        };
        let mut r = RouteCache::empty(p, route.vehicle_type, route.vehicle);
        r.visits = route.visits.clone();
        r.update(p);
        assert!(r.feasible);
        let n = r.num_stops();
        let i = rng.random_range(0..n - 1);
        let k = (i + 1 + rng.random_range(0..3)).min(n - 1);
        if (i + 1..k).any(|j| matches!(r.visit(j), Some(Visit::Break))) {
            continue;
        }
        let mut inserted = Vec::new();
        if rng.random_bool(0.8) {
            inserted.push(Visit::Site(SiteIdx::new(
                rng.random_range(0..p.sites().len()),
            )));
        }
        if draws.facilities && rng.random_bool(0.4) {
            let f = Visit::Facility(FacilityIdx::new(rng.random_range(0..p.facilities().len())));
            inserted.insert(rng.random_range(0..=inserted.len()), f);
        }
        let visits = spliced(&r.visits, i, k, &inserted);
        let fast = eval_replace(p, &ctx, &r, i, k, &inserted);
        if let ([Visit::Site(s)], true) = (inserted.as_slice(), k == i + 1) {
            let quick = eval_insert_site(p, &ctx, &r, i, *s, Cost::INFINITE);
            assert_eq!(quick, fast, "single-site insertion fast path");
        }
        let has_site = visits.iter().any(|v| matches!(v, Visit::Site(_)));
        let full = evaluate_route(p, route.vehicle_type, &visits);
        if has_site {
            assert_eq!(
                fast.is_some(),
                full.is_ok(),
                "{:?} → {visits:?}: {full:?}",
                route.visits
            );
        }
        if let (Some(d), Ok(rep)) = (fast, full) {
            assert_eq!(r.distance + d.distance, rep.distance);
            feasible += 1;
        }
        checked += 1;
        // A random reversal of the same route.
        if draws.reversals && has_site && n >= 5 {
            let lo = rng.random_range(1..n - 2);
            let hi = rng.random_range(lo + 1..n - 1);
            if (lo..=hi + 1).any(|j| matches!(r.visit(j), Some(Visit::Break))) {
                continue;
            }
            let fast = eval_reversal(p, &ctx, &r, lo, hi, &mut buf);
            let mut visits = r.visits.clone();
            visits[lo - 1..hi].reverse();
            let full = evaluate_route(p, route.vehicle_type, &visits);
            assert_eq!(fast.is_some(), full.is_ok(), "reversal {lo}..={hi}");
            if let (Some(d), Ok(rep)) = (fast, full) {
                assert_eq!(r.distance + d.distance, rep.distance);
            }
        }
    }
    (feasible, checked)
}
