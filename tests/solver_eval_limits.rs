//! The fast move checks when per-driver limits (most sites, most total load over all
//! trips) bind: the removed stretch is then summed, otherwise skipped. Both paths must
//! agree with the full simulation.

mod solver_support;

use solver_support::moves::{check_random_moves, rebuilt};
use solver_support::{load, random_problem_with};
use wasteroute::problem::Problem;

/// `p` with each driver limited to `max_sites` sites and `max_load` load in the day.
fn with_driver_limits(p: &Problem, max_sites: u32, max_load: i64) -> Problem {
    rebuilt(p, |parts| {
        for v in &mut parts.vehicle_types {
            v.max_sites = max_sites;
            v.max_total_load = load(max_load);
        }
    })
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
        let (feasible, checked) = check_random_moves(&p, seed, fac);
        assert!(
            feasible > 100,
            "seed {seed}: {feasible} feasible of {checked}"
        );
    }
}
