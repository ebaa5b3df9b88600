//! Optional sites with prizes (the prize-collecting VRP) in the solver, the full
//! evaluation, the plan timing and the independent checker.
//!
//! ```text
//! depot (0,0)   A (10,0) required   B (12,0) optional, prize 100
//!               C (0,500) optional: prize 10 (not worth the 1000 round trip) or 5000
//! ```

mod solver_support;

use solver_support::{Builder, solve_on_one_and_two_threads};
use wasteroute::checker::check;
use wasteroute::plan::timed_plan;
use wasteroute::problem::{Problem, ProblemError, SiteIdx};
use wasteroute::solution::{Route, Solution, Unassigned, UnassignedReason, Visit};
use wasteroute::solver::{SolverConfig, check_solution, solution_cost};
use wasteroute::units::Cost;

const PENALTY: Cost = Cost(1_000_000);

fn builder(far_prize: i64) -> Builder {
    let mut b = Builder::new((0.0, 0.0));
    b.site((10.0, 0.0), 1);
    let near = b.site((12.0, 0.0), 1);
    let far = b.site((0.0, 500.0), 1);
    b.sites[near].prize = Some(Cost(100));
    b.sites[far].prize = Some(Cost(far_prize));
    b.vehicles(2, 10);
    b
}

fn served(solution: &Solution) -> Vec<usize> {
    let mut out: Vec<usize> = solution
        .routes
        .iter()
        .flat_map(|r| &r.visits)
        .filter_map(|v| match v {
            Visit::Site(s) => Some(s.index()),
            _ => None,
        })
        .collect();
    out.sort_unstable();
    out
}

fn solve(p: &Problem, iterations: u64) -> Solution {
    let result = solve_on_one_and_two_threads(p, &SolverConfig::with_iterations(3, iterations));
    check_solution(p, &result.solution).expect("feasible");
    let report = check(p, &result.solution);
    assert!(report.is_feasible(), "{:?}", report.violations);
    assert_eq!(report.cost, result.cost, "checker and solver agree");
    assert_eq!(solution_cost(p, &result.solution), result.cost);
    result.solution
}

#[test]
fn a_far_optional_site_with_a_tiny_prize_is_left_out_even_by_construction() {
    let p = builder(10).build();
    for iterations in [0, 300] {
        let s = solve(&p, iterations);
        assert_eq!(served(&s), [0, 1], "after {iterations} iterations");
        assert_eq!(s.unassigned.len(), 1);
        assert_eq!(s.unassigned[0].site, SiteIdx::new(2));
    }
}

#[test]
fn a_far_optional_site_worth_its_trip_is_served() {
    let p = builder(5000).build();
    let s = solve(&p, 300);
    assert_eq!(served(&s), [0, 1, 2]);
    assert!(s.unassigned.is_empty());
}

fn route(sites: &[usize]) -> Route {
    Route {
        vehicle_type: wasteroute::problem::VehicleTypeIdx::new(0),
        vehicle: 0,
        visits: sites
            .iter()
            .map(|&s| Visit::Site(SiteIdx::new(s)))
            .collect(),
    }
}

fn out(sites: &[usize]) -> Vec<Unassigned> {
    sites
        .iter()
        .map(|&s| Unassigned {
            site: SiteIdx::new(s),
            reason: UnassignedReason::NoCapacityLeft,
        })
        .collect()
}

#[test]
fn leaving_out_costs_the_prize_of_an_optional_site_and_the_penalty_of_a_required_one() {
    let p = builder(10).build();
    // 0 → A → B → 0: 10 + 2 + 12 = 24, C's prize 10.
    let optional_out = Solution {
        routes: vec![route(&[0, 1])],
        unassigned: out(&[2]),
    };
    // 0 → B → 0: 24, A's penalty and C's prize.
    let required_out = Solution {
        routes: vec![route(&[1])],
        unassigned: out(&[0, 2]),
    };
    for (solution, expected) in [
        (&optional_out, Cost(24 + 10)),
        (&required_out, Cost(24) + PENALTY + Cost(10)),
    ] {
        let report = check(&p, solution);
        assert!(report.is_feasible(), "{:?}", report.violations);
        assert_eq!(report.cost, expected, "checker");
        assert_eq!(solution_cost(&p, solution), expected, "full evaluation");
        assert_eq!(timed_plan(&p, solution).unwrap().cost, expected, "plan");
    }
}

#[test]
fn a_negative_prize_is_refused_and_prizes_count_in_the_objective_bound() {
    assert!(matches!(
        with_prize(Cost(-5)),
        Err(ProblemError::Negative { field: "prize", .. })
    ));
    assert!(matches!(
        with_prize(Cost(i64::MAX / 2)),
        Err(ProblemError::ObjectiveTooLarge { .. })
    ));
    assert!(with_prize(Cost(0)).is_ok());
}

/// The fixture with site B's prize replaced, through `Problem::new`.
fn with_prize(prize: Cost) -> Result<Problem, ProblemError> {
    use wasteroute::problem::ProblemParts;
    let p = builder(10).build();
    let mut sites = p.sites().to_vec();
    sites[1].prize = Some(prize);
    Problem::new(ProblemParts {
        profiles: p.profiles().to_vec(),
        depots: p.depots().to_vec(),
        facilities: p.facilities().to_vec(),
        sites,
        vehicle_types: p.vehicle_types().to_vec(),
        objective: *p.objective(),
    })
}
