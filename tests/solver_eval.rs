//! The fast evaluation (route caches and constant-time move checks) against the slow,
//! obviously correct full simulation, on many random routes and moves.

mod solver_support;

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use solver_support::moves::{MoveDraws, check_random_moves_with};
use solver_support::{random_problem, random_problem_with};
use wasteroute::problem::{FacilityIdx, Problem, SiteIdx, VehicleTypeIdx};
use wasteroute::solution::Visit;
use wasteroute::solver::evaluate_route;
use wasteroute::solver::route::RouteCache;
use wasteroute::solver::{SolverConfig, solve};

fn random_visits(p: &Problem, rng: &mut ChaCha8Rng, with_facilities: bool) -> Vec<Visit> {
    let mut sites: Vec<usize> = (0..p.sites().len()).collect();
    sites.shuffle(rng);
    let len = rng.random_range(1..8);
    let mut visits: Vec<Visit> = sites[..len]
        .iter()
        .map(|&s| Visit::Site(SiteIdx::new(s)))
        .collect();
    if with_facilities {
        for _ in 0..rng.random_range(1..3) {
            let at = rng.random_range(0..=visits.len());
            let f = rng.random_range(0..p.facilities().len());
            visits.insert(at, Visit::Facility(FacilityIdx::new(f)));
        }
        let at = rng.random_range(0..=visits.len());
        visits.insert(at, Visit::Break);
    }
    visits
}

/// The cached route summary (feasibility, distance, duration, cost) equals the full
/// simulation's, on random visit sequences (most of them infeasible, some feasible).
#[test]
fn route_cache_agrees_with_full_evaluation() {
    for (seed, fac, rel) in [
        (1, false, false),
        (2, true, false),
        (3, true, true),
        (4, false, true),
    ] {
        let p = random_problem_with(seed, 30, fac, rel);
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let (mut feasible, mut total) = (0, 0);
        for _ in 0..3000 {
            let visits = random_visits(&p, &mut rng, fac);
            let mut r = RouteCache::empty(&p, VehicleTypeIdx(0), 0);
            r.visits = visits.clone();
            r.update(&p);
            let full = evaluate_route(&p, VehicleTypeIdx(0), &visits);
            assert_eq!(r.feasible, full.is_ok(), "{visits:?}: {full:?}");
            if let Ok(rep) = full {
                feasible += 1;
                assert_eq!(r.distance, rep.distance);
                assert_eq!(r.duration, rep.duration, "{visits:?}");
                assert_eq!(r.cost, rep.cost);
            }
            total += 1;
        }
        assert!(
            feasible > 20,
            "seed {seed}: only {feasible} of {total} feasible"
        );
    }
}

/// Random replacements (insert a site, maybe with a facility; remove a stretch; replace a
/// stretch) on routes of solved random problems: the constant-time check says feasible
/// exactly when the full simulation of the changed route does, and its distance change
/// is exact.
#[test]
fn move_checks_agree_with_full_evaluation() {
    for (seed, fac) in [(11, false), (12, true), (13, true)] {
        let p = random_problem(seed, 40, fac);
        let draws = MoveDraws {
            tries: 20_000,
            facilities: fac,
            reversals: false,
        };
        let (agree_feasible, checked) = check_random_moves_with(&p, seed, draws);
        assert!(
            agree_feasible > 100,
            "seed {seed}: {agree_feasible} feasible of {checked}"
        );
    }
}

/// With release times, the solver verifies what its constant-time check cannot see: every
/// solution it returns passes the full check, on problems with and without facilities.
#[test]
fn release_times_are_respected() {
    for (seed, fac) in [(31, false), (32, true)] {
        let p = random_problem_with(seed, 40, fac, true);
        let res = solve(&p, &SolverConfig::with_iterations(seed, 200), &mut |_| {});
        wasteroute::solver::check_solution(&p, &res.solution).expect("feasible");
        let report = wasteroute::checker::check(&p, &res.solution);
        assert!(
            report.is_feasible(),
            "independent checker: {:?}",
            report.violations
        );
        assert_eq!(report.cost, res.cost, "independent checker's cost");
        assert!(res.solution.unassigned.len() < p.sites().len() / 2);
    }
}
