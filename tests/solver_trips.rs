//! Trip-level moves (src/solver/trip_moves.rs): hand-checkable fixtures, and the solver
//! with them on multi-trip problems with release times (checker, determinism).

mod solver_support;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use solver_support::{Builder, solve_on_one_and_two_threads, state_with, window};
use wasteroute::problem::{FacilityIdx, Problem, SiteIdx, StreamSet};
use wasteroute::solution::Visit;
use wasteroute::solver::state::State;
use wasteroute::solver::trip_moves::improve_trips;
use wasteroute::solver::{SolverConfig, check_solution, evaluate_route};
use wasteroute::units::{Cost, Duration};

fn site(s: usize) -> Visit {
    Visit::Site(SiteIdx::new(s))
}

const RELOAD: Visit = Visit::Facility(FacilityIdx(0));

/// Depot at (0, 0) with a reload facility there (as in Yang's instances); sites at the
/// given points with demand 1.
fn reload_problem(points: &[(f64, f64)], vehicles: &[(u32, i64)]) -> Builder {
    let mut b = Builder::new((0.0, 0.0));
    b.facility((0.0, 0.0), StreamSet::ALL, 0);
    for &p in points {
        b.site(p, 1);
    }
    for &(count, per_distance) in vehicles {
        let v = b.vehicles(count, 1);
        b.vehicles[v].cost_per_distance = Cost(per_distance);
    }
    b
}

/// Two trips on an expensive truck (2 per unit of distance), one on a cheap one: each
/// trip moved to the cheap truck saves 2 × 20 − 1 × 20 = 20, so both go (100 → 60) and
/// the expensive truck stays home.
#[test]
fn trip_moves_to_a_cheaper_vehicle() {
    let p = reload_problem(&[(10.0, 0.0), (0.0, 10.0), (-10.0, 0.0)], &[(1, 2), (1, 1)]).build();
    let (env, mut st) = state_with(&p, &[vec![site(0), RELOAD, site(1)], vec![site(2)]]);
    assert_eq!(st.cost, Cost(2 * 40 + 20));
    improve_trips(&env, &mut st, &[0]);
    st.recompute_cost(&env);
    assert_eq!(st.cost, Cost(3 * 20));
    assert!(st.routes[0].is_empty());
    assert_eq!(st.routes[1].sites, 3);
    for r in &st.routes {
        assert!(
            evaluate_route(&p, r.vt, &r.visits).is_ok(),
            "{:?}",
            r.visits
        );
    }
}

/// Two trips on one truck and an idle truck, all at the same price: where a trip sits does
/// not change the distance, so the trip moves to the idle truck only because that frees
/// time (the first truck comes home earlier).
#[test]
fn trip_moves_to_an_idle_vehicle_to_free_time() {
    let p = reload_problem(&[(10.0, 0.0), (0.0, 10.0)], &[(2, 1)]).build();
    let (env, mut st) = state_with(&p, &[vec![site(0), RELOAD, site(1)]]);
    let home_before = st.routes[0].arr[st.routes[0].num_stops() - 1];
    assert_eq!(home_before, Duration(40));
    improve_trips(&env, &mut st, &[0]);
    st.recompute_cost(&env);
    assert_eq!(st.cost, Cost(40));
    assert_eq!((st.routes[0].sites, st.routes[1].sites), (1, 1));
    assert_eq!(st.routes[0].arr[st.routes[0].num_stops() - 1], Duration(20));
}

/// A reload in the wrong place: sites at x = 10, x = 20 and x = −10, one truck of
/// capacity 2. `10 | 20, −10` drives 20 + 60; moving the reload one site later
/// (`10, 20 | −10`) drives 40 + 20.
#[test]
fn trip_boundary_shifts_to_the_cheaper_split() {
    let mut b = reload_problem(&[(10.0, 0.0), (20.0, 0.0), (-10.0, 0.0)], &[]);
    b.vehicles(1, 2);
    let p = b.build();
    let (env, mut st) = state_with(&p, &[vec![site(0), RELOAD, site(1), site(2)]]);
    assert_eq!(st.cost, Cost(80));
    improve_trips(&env, &mut st, &[0]);
    st.recompute_cost(&env);
    assert_eq!(st.cost, Cost(60));
    assert_eq!(st.routes[0].visits, vec![site(0), site(1), RELOAD, site(2)]);
}

/// A trip released late goes first and makes the whole route wait: the trips are swapped
/// so that the early trip runs while the late one is not yet released. Site 0 (x = 10) is
/// released at 100; site 1 (x = −10) at 0. `0 | 1` comes home at 140, `1 | 0` at 120.
#[test]
fn trips_are_reordered_by_release_time() {
    let mut b = reload_problem(&[(10.0, 0.0), (-10.0, 0.0)], &[(1, 1)]);
    b.sites[0].release_time = Duration(100);
    let p = b.build();
    let (env, mut st) = state_with(&p, &[vec![site(0), RELOAD, site(1)]]);
    let end = |st: &State| st.routes[0].arr[st.routes[0].num_stops() - 1];
    assert_eq!(end(&st), Duration(140));
    improve_trips(&env, &mut st, &[0]);
    assert_eq!(st.routes[0].visits, vec![site(1), RELOAD, site(0)]);
    assert_eq!(end(&st), Duration(120));
    assert_eq!(st.routes[0].cost, Cost(40));
}

/// A trip whose release makes a move infeasible stays where it is: site 1's window
/// [0, 15] forbids running it after site 0's trip (released at 100), so the order
/// `1 | 0` (already the best) is kept and the route stays feasible.
#[test]
fn release_blocks_an_infeasible_reorder() {
    let mut b = reload_problem(&[(10.0, 0.0), (-10.0, 0.0)], &[(1, 1)]);
    b.sites[0].release_time = Duration(100);
    b.sites[1].windows = vec![window(0, 15)];
    let p = b.build();
    let (env, mut st) = state_with(&p, &[vec![site(1), RELOAD, site(0)]]);
    improve_trips(&env, &mut st, &[0]);
    assert_eq!(st.routes[0].visits, vec![site(1), RELOAD, site(0)]);
    assert!(evaluate_route(&p, st.routes[0].vt, &[site(0), RELOAD, site(1)]).is_err());
}

/// A Yang-like problem: reloads at the depot, windows, release times.
fn yang_like(seed: u64, n: usize) -> Problem {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut b = Builder::new((50.0, 50.0));
    b.facility((50.0, 50.0), StreamSet::ALL, 0);
    for _ in 0..n {
        let p = (rng.random_range(0.0..100.0), rng.random_range(0.0..100.0));
        let s = b.site(p, rng.random_range(1..10));
        let start = rng.random_range(0..600);
        b.sites[s].windows = vec![window(start, start + rng.random_range(60..300))];
        b.sites[s].service_time = Duration(10);
        if rng.random_bool(0.5) {
            b.sites[s].release_time = Duration(rng.random_range(0..start.max(1)));
        }
    }
    let v = b.vehicles(5, 30);
    b.vehicles[v].shift = window(0, 1200);
    b.build()
}

/// With the trip moves on, solutions of Yang-like problems pass the solver's own check
/// and the independent checker at the solver's cost, and do not depend on threads.
#[test]
fn multi_trip_solutions_are_feasible_and_deterministic() {
    for seed in [51, 52, 53] {
        let p = yang_like(seed, 50);
        let one = solve_on_one_and_two_threads(&p, &SolverConfig::with_iterations(seed, 300));
        check_solution(&p, &one.solution).expect("solver's own check");
        let report = wasteroute::checker::check(&p, &one.solution);
        assert!(report.is_feasible(), "checker: {:?}", report.violations);
        assert_eq!(report.cost, one.cost);
        let trips = one
            .solution
            .routes
            .iter()
            .map(|r| {
                r.visits
                    .iter()
                    .filter(|v| matches!(v, Visit::Facility(_)))
                    .count()
            })
            .sum::<usize>();
        assert!(
            trips > 0,
            "seed {seed}: no route reloads, the fixture is too easy"
        );
        assert!(one.solution.unassigned.len() < p.sites().len() / 4);
    }
}
