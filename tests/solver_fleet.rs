//! Fleet minimisation: a hand-checked bin-packing trap where greedy insertion opens one
//! vehicle too many, and the guarantees of the phase (no site lost, deterministic).

mod solver_support;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use solver_support::{Builder, random_problem, solve_on_one_and_two_threads};
use wasteroute::problem::Problem;
use wasteroute::solver::context::Context;
use wasteroute::solver::fleet::{FleetPhase, used_routes};
use wasteroute::solver::ruin::RuinParams;
use wasteroute::solver::state::{Env, State};
use wasteroute::solver::{SolverConfig, check_solution, construct, prechecks, solve};
use wasteroute::units::Cost;

/// Capacity 10, a large fixed cost, and five sites, farthest first:
/// A (100, 0) demand 5, C (96, 0) demand 4, B (0, 90) demand 5, D (0, 85) demand 3,
/// E (0, 80) demand 3. Greedy insertion in that order puts C with A (9), opens a vehicle
/// for B (A's has no room), puts D with B (8), and must open a third vehicle for E (A's
/// route has 9, B's has 8). Total demand 20 needs two vehicles, and two are possible only
/// as {A, B} and {C, D, E}: the two demands of 5 must share a vehicle.
fn trap() -> Problem {
    let mut b = Builder::new((0.0, 0.0));
    b.site((100.0, 0.0), 5); // A = 0
    b.site((96.0, 0.0), 4); // C = 1
    b.site((0.0, 90.0), 5); // B = 2
    b.site((0.0, 85.0), 3); // D = 3
    b.site((0.0, 80.0), 3); // E = 4
    let v = b.vehicles(5, 10);
    b.vehicles[v].fixed_cost = Cost(10_000);
    b.build()
}

fn initial(env: &Env) -> State {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    construct::initial_state(env, None, &mut rng)
}

fn env(p: &Problem) -> Env<'_> {
    let ctx = Context::new(p);
    let unservable = prechecks::unservable(p, &ctx);
    Env::new(p, ctx, unservable)
}

fn groups(p: &Problem, st: &State, env: &Env) -> Vec<Vec<usize>> {
    let sol = st.to_solution(env);
    check_solution(p, &sol).expect("full check");
    let mut out: Vec<Vec<usize>> = sol
        .routes
        .iter()
        .map(|r| {
            let mut s: Vec<usize> = r
                .visits
                .iter()
                .filter_map(|v| match v {
                    wasteroute::solution::Visit::Site(s) => Some(s.index()),
                    _ => None,
                })
                .collect();
            s.sort_unstable();
            s
        })
        .collect();
    out.sort();
    out
}

#[test]
fn greedy_opens_three_vehicles_fleet_phase_finds_two() {
    let p = trap();
    let env = env(&p);
    let mut st = initial(&env);
    assert_eq!(groups(&p, &st, &env), vec![vec![0, 1], vec![2, 3], vec![4]]);
    let mut phase = FleetPhase::new(&env, &st, 0.0);
    let mut rng = ChaCha8Rng::seed_from_u64(2);
    let params = RuinParams::default();
    for _ in 0..500 {
        if phase.done() {
            break;
        }
        phase.step(&env, &mut st, &params, &mut rng);
    }
    assert_eq!(phase.best_routes(), 2);
    assert!(
        phase.done(),
        "two is the lower bound, so the phase stops there"
    );
    assert!(phase.best.unassigned.is_empty());
    assert_eq!(
        groups(&p, &phase.best, &env),
        vec![vec![0, 2], vec![1, 3, 4]]
    );
}

#[test]
fn solve_returns_the_two_vehicle_plan() {
    let p = trap();
    for threads in [1, 2] {
        let mut config = SolverConfig::with_iterations(3, 100);
        config.threads = threads;
        let r = solve(&p, &config, &mut |_| {});
        check_solution(&p, &r.solution).unwrap();
        let report = wasteroute::checker::check(&p, &r.solution);
        assert!(report.is_feasible(), "{:?}", report.violations);
        assert_eq!(r.solution.routes.len(), 2);
        assert!(r.solution.unassigned.is_empty());
    }
}

/// On random problems the phase's best never serves fewer sites than its start, and every
/// route it keeps passes the full evaluation.
#[test]
fn fleet_phase_never_loses_sites() {
    for seed in 0..4 {
        let p = random_problem(40 + seed, 40, seed % 2 == 0);
        let env = env(&p);
        let mut st = initial(&env);
        let start_unassigned = st.unassigned.len();
        let start_routes = used_routes(&st);
        let mut phase = FleetPhase::new(&env, &st, 0.0);
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let params = RuinParams::default();
        for _ in 0..300 {
            phase.step(&env, &mut st, &params, &mut rng);
            assert!(phase.best.unassigned.len() <= start_unassigned);
        }
        assert!(phase.best_routes() <= start_routes);
        check_solution(&p, &phase.best.to_solution(&env)).unwrap();
        // The working state stays consistent: every site is in one route or unassigned.
        let sol = st.to_solution(&env);
        check_solution(&p, &sol).unwrap();
        let served: usize = sol
            .routes
            .iter()
            .map(|r| {
                r.visits
                    .iter()
                    .filter(|v| matches!(v, wasteroute::solution::Visit::Site(_)))
                    .count()
            })
            .sum();
        assert_eq!(served + sol.unassigned.len(), p.sites().len());
    }
}

/// With the fleet phase on (fixed costs), 1 and 2 threads still give the same plan.
#[test]
fn fleet_phase_is_deterministic_across_threads() {
    let p = random_problem(77, 50, true);
    solve_on_one_and_two_threads(&p, &SolverConfig::with_iterations(11, 600));
}
