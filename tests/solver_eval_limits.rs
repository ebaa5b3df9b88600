//! The fast move checks when per-driver limits (most sites, most total load over all
//! trips) bind: the removed stretch is then summed, otherwise skipped. Both paths must
//! agree with the full simulation.

mod solver_support;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use solver_support::{load, random_problem_with};
use wasteroute::problem::{FacilityIdx, Problem, ProblemParts, SiteIdx};
use wasteroute::solution::Visit;
use wasteroute::solver::context::Context;
use wasteroute::solver::evaluate::{eval_insert_site, eval_replace};
use wasteroute::solver::local_search::two_opt::eval_reversal;
use wasteroute::solver::recreate::spliced;
use wasteroute::solver::route::RouteCache;
use wasteroute::solver::{SolverConfig, evaluate_route, solve};
use wasteroute::units::Cost;

/// `p` with each driver limited to `max_sites` sites and `max_load` load in the day.
fn with_driver_limits(p: &Problem, max_sites: u32, max_load: i64) -> Problem {
    let mut vehicle_types = p.vehicle_types().to_vec();
    for v in &mut vehicle_types {
        v.max_sites = max_sites;
        v.max_total_load = load(max_load);
    }
    Problem::new(ProblemParts {
        profiles: p.profiles().to_vec(),
        depots: p.depots().to_vec(),
        facilities: p.facilities().to_vec(),
        sites: p.sites().to_vec(),
        vehicle_types,
        objective: *p.objective(),
    })
    .expect("valid problem")
}

/// Random replacements and reversals on solved routes whose drivers are at or near their
/// limits: feasible exactly when the full simulation says so, distance change exact, and
/// the single-site fast path equal to the general one.
#[test]
fn move_checks_agree_with_full_evaluation_when_driver_limits_bind() {
    for (seed, fac, max_sites, max_load) in [
        (101, false, 4, 1000),
        (102, true, 1000, 25),
        (103, false, 5, 30),
    ] {
        let p = with_driver_limits(
            &random_problem_with(seed, 40, fac, false),
            max_sites,
            max_load,
        );
        let ctx = Context::new(&p);
        assert!(!ctx.needs_verify);
        let sol = solve(&p, &SolverConfig::with_iterations(seed, 30), &mut |_| {}).solution;
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let (mut feasible, mut checked) = (0, 0);
        let mut buf = Vec::new();
        for _ in 0..10_000 {
            let Some(route) = sol.routes.get(rng.random_range(0..sol.routes.len().max(1))) else {
                break;
            };
            let mut r = RouteCache::empty(&p, route.vehicle_type, route.vehicle);
            r.visits = route.visits.clone();
            r.update(&p);
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
            if fac && rng.random_bool(0.4) {
                let f =
                    Visit::Facility(FacilityIdx::new(rng.random_range(0..p.facilities().len())));
                inserted.insert(rng.random_range(0..=inserted.len()), f);
            }
            let visits = spliced(&r.visits, i, k, &inserted);
            let fast = eval_replace(&p, &ctx, &r, i, k, &inserted);
            if let ([Visit::Site(s)], true) = (inserted.as_slice(), k == i + 1) {
                let quick = eval_insert_site(&p, &ctx, &r, i, *s, Cost::INFINITE);
                assert_eq!(quick, fast, "single-site insertion fast path");
            }
            if !visits.iter().any(|v| matches!(v, Visit::Site(_))) {
                continue;
            }
            let full = evaluate_route(&p, route.vehicle_type, &visits);
            assert_eq!(fast.is_some(), full.is_ok(), "{visits:?}: {full:?}");
            if let (Some(d), Ok(rep)) = (fast, full) {
                assert_eq!(r.distance + d.distance, rep.distance);
                feasible += 1;
            }
            checked += 1;
            // A random reversal of the same route.
            if n >= 5 {
                let lo = rng.random_range(1..n - 2);
                let hi = rng.random_range(lo + 1..n - 1);
                if (lo..=hi + 1).any(|j| matches!(r.visit(j), Some(Visit::Break))) {
                    continue;
                }
                let fast = eval_reversal(&p, &ctx, &r, lo, hi, &mut buf);
                let mut visits = r.visits.clone();
                visits[lo - 1..hi].reverse();
                let full = evaluate_route(&p, route.vehicle_type, &visits);
                assert_eq!(fast.is_some(), full.is_ok(), "reversal {lo}..={hi}");
                if let (Some(d), Ok(rep)) = (fast, full) {
                    assert_eq!(r.distance + d.distance, rep.distance);
                }
            }
        }
        assert!(
            feasible > 100,
            "seed {seed}: {feasible} feasible of {checked}"
        );
    }
}
