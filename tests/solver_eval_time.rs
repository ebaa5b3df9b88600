//! The fast move checks on matrices whose travel time differs from the distance: the
//! evaluation reads both matrices then, while on the published benchmarks (time equal to
//! distance) one lookup serves both. Both paths must agree with the full simulation.

mod solver_support;

use solver_support::moves::{check_random_moves, with_slower_time};
use solver_support::random_problem_with;
use wasteroute::solver::context::Context;

/// Random replacements and reversals on solved routes, time differing from distance:
/// feasible exactly when the full simulation says so, distance change exact, and the
/// single-site fast path equal to the general one.
#[test]
fn move_checks_agree_with_full_evaluation_when_time_differs_from_distance() {
    for (seed, fac, rel) in [(91, false, false), (92, true, false), (93, true, true)] {
        let p = with_slower_time(&random_problem_with(seed, 40, fac, rel));
        let ctx = Context::new(&p);
        assert!(!ctx.time_is_distance[0] && ctx.symmetric[0]);
        let (feasible, checked) = check_random_moves(&p, seed, fac);
        assert!(
            feasible > 100,
            "seed {seed}: {feasible} feasible of {checked}"
        );
    }
}
