//! Reproducibility and warm starts.

mod solver_support;

use solver_support::{random_problem, solve_on_one_and_two_threads};
use wasteroute::solution::Visit;
use wasteroute::solver::{SolverConfig, check_solution, solve};
use wasteroute::units::Cost;

/// Same seed and iteration budget ⇒ the same solution, with 1 or 2 threads; and a
/// different seed explores differently (so the test is not passing by doing nothing).
#[test]
fn same_seed_same_solution_for_any_thread_count() {
    for fac in [false, true] {
        let p = random_problem(21, 60, fac);
        let config = SolverConfig::with_iterations(5, 400);
        let one = solve_on_one_and_two_threads(&p, &config);
        assert_eq!(one.iterations, 400);
        let again = solve(&p, &config, &mut |_| {});
        assert_eq!(
            serde_json::to_string(&again.solution).unwrap(),
            serde_json::to_string(&one.solution).unwrap()
        );
        check_solution(&p, &one.solution).unwrap();
        let report = wasteroute::checker::check(&p, &one.solution);
        assert!(
            report.is_feasible(),
            "independent checker: {:?}",
            report.violations
        );
        assert_eq!(report.cost, one.cost, "independent checker's cost");
    }
}

/// Progress is reported, the best cost never rises, and search improves on construction.
#[test]
fn progress_reports_a_falling_best_cost() {
    let p = random_problem(22, 60, true);
    let mut seen = Vec::new();
    let first = solve(&p, &SolverConfig::with_iterations(1, 2), &mut |_| {});
    let r = solve(&p, &SolverConfig::with_iterations(1, 2000), &mut |pr| {
        seen.push(pr.best_cost)
    });
    assert!(!seen.is_empty());
    assert!(seen.windows(2).all(|w| w[1] <= w[0]));
    assert!(r.cost < first.cost, "{} !< {}", r.cost, first.cost);
}

/// Re-solving from yesterday's plan with a heavy stability weight keeps every site on
/// the vehicle it had (no site gains by moving when each move costs that much).
#[test]
fn warm_start_keeps_vehicles() {
    let p = random_problem(23, 50, true);
    let yesterday = solve(&p, &SolverConfig::with_iterations(3, 300), &mut |_| {}).solution;
    let mut config = SolverConfig::with_iterations(99, 300);
    config.warm_start = Some(yesterday.clone());
    config.stability_weight = Cost(100_000);
    let today = solve(&p, &config, &mut |_| {});
    check_solution(&p, &today.solution).unwrap();
    let vehicle_of = |sol: &wasteroute::solution::Solution| {
        let mut v = vec![None; p.sites().len()];
        for r in &sol.routes {
            for x in &r.visits {
                if let Visit::Site(s) = x {
                    v[s.index()] = Some((r.vehicle_type, r.vehicle));
                }
            }
        }
        v
    };
    assert_eq!(vehicle_of(&today.solution), vehicle_of(&yesterday));
    assert!(today.cost <= wasteroute::solver::solution_cost(&p, &yesterday));
}
