//! Chains pulled to the leader between rounds ([`Chain::follow`], `parallel::SYNC_ROUNDS`).

mod solver_support;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use solver_support::{random_problem, solve_on_one_and_two_threads, state_with};
use wasteroute::solver::SolverConfig;
use wasteroute::solver::construct::initial_state;
use wasteroute::solver::parallel::SYNC_ROUNDS;
use wasteroute::solver::search::{Budget, Chain};

/// A chain that follows takes the leader's plan, best and phase, then draws its own
/// moves: after the same number of further iterations the two differ.
#[test]
fn a_follower_takes_the_leaders_plan_and_keeps_its_own_draws() {
    let p = random_problem(31, 60, true);
    let (env, _) = state_with(&p, &[]);
    let initial = initial_state(&env, None, &mut ChaCha8Rng::seed_from_u64(1));
    // Past half the budget the leader's fleet minimisation is over.
    let budget = Budget::Iterations(1_000);
    let mut leader = Chain::new(&env, &initial, 7, budget);
    let mut follower = Chain::new(&env, &initial, 8, budget);
    leader.run(&env, 600, None);
    follower.run(&env, 20, None);
    assert!(leader.in_distance_phase());
    follower.follow(&leader);
    assert_eq!(follower.best_cost, leader.best_cost);
    assert_eq!(follower.best, leader.best);
    assert_eq!(follower.current.cost, leader.current.cost);
    assert!(follower.in_distance_phase());
    assert_eq!(follower.iterations, 20, "the follower keeps its own budget");
    let mut diverged = false;
    for _ in 0..30 {
        leader.run(&env, 10, None);
        follower.run(&env, 10, None);
        let plans =
            |c: &Chain| -> Vec<_> { c.current.routes.iter().map(|r| r.visits.clone()).collect() };
        diverged |= plans(&leader) != plans(&follower);
    }
    assert!(diverged, "the follower replays the leader's moves");
}

/// With a budget long enough for several synchronisations the plan is still the same on
/// one and two threads.
#[test]
fn synchronised_chains_are_the_same_on_any_thread_count() {
    let p = random_problem(32, 60, true);
    // Two chains, 200 iterations a round: three synchronisations.
    let iterations = 2 * 200 * 3 * SYNC_ROUNDS;
    let one = solve_on_one_and_two_threads(&p, &SolverConfig::with_iterations(4, iterations));
    assert_eq!(one.iterations, iterations);
}
