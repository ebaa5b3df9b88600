//! Intra-route 2-opt: its O(reversed length) check of a reversal against the full
//! simulation of the reversed route, on every reversal of solved random routes (with and
//! without facilities, breaks and release times), and the operator itself on whole states.

mod solver_support;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use solver_support::{Builder, random_problem_with, window};
use wasteroute::problem::Problem;
use wasteroute::solution::Visit;
use wasteroute::solver::construct::initial_state;
use wasteroute::solver::context::Context;
use wasteroute::solver::local_search::two_opt::{eval_reversal, two_opt};
use wasteroute::solver::prechecks::unservable;
use wasteroute::solver::route::RouteCache;
use wasteroute::solver::state::Env;
use wasteroute::solver::{SolverConfig, evaluate_route, solve};
use wasteroute::units::{Cost, Duration};

/// Sites with time windows, cost by distance only (the case where the fast check's cost
/// is exact).
fn distance_cost_with_windows(seed: u64, n: usize) -> Problem {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut b = Builder::new((50.0, 50.0));
    for _ in 0..n {
        let at = (rng.random_range(0.0..100.0), rng.random_range(0.0..100.0));
        let s = b.site(at, rng.random_range(1..10));
        let start = rng.random_range(0..300);
        b.sites[s].windows = vec![window(start, start + rng.random_range(60..500))];
        b.sites[s].service_time = Duration(rng.random_range(0..10));
    }
    let v = b.vehicles((n / 4).max(1) as u32, 40);
    b.vehicles[v].shift = window(0, 900);
    b.build()
}

/// Every reversal of every route of a short solve: [`eval_reversal`] says feasible exactly
/// when the full simulation does, its distance change is exact, and so is its cost when
/// the vehicle type has no cost per duration.
#[test]
fn reversal_check_agrees_with_full_evaluation() {
    let problems = [
        (distance_cost_with_windows(71, 40), true),
        (random_problem_with(72, 40, false, false), false),
        (random_problem_with(73, 40, true, false), false),
        (random_problem_with(74, 40, true, true), false),
    ];
    for (case, (p, exact_cost)) in problems.iter().enumerate() {
        let ctx = Context::new(p);
        assert!(!ctx.needs_verify);
        let sol = solve(p, &SolverConfig::with_iterations(7, 30), &mut |_| {}).solution;
        let (mut feasible, mut infeasible) = (0, 0);
        let mut buf = Vec::new();
        for route in &sol.routes {
            let mut r = RouteCache::empty(p, route.vehicle_type, route.vehicle);
            r.visits = route.visits.clone();
            r.update(p);
            assert!(r.feasible);
            let n = r.num_stops();
            for lo in 1..n.saturating_sub(2) {
                for hi in lo + 1..n - 1 {
                    let is_break = |j: usize| matches!(r.visit(j), Some(Visit::Break));
                    if (lo..=hi + 1).any(is_break) {
                        continue;
                    }
                    let fast = eval_reversal(p, &ctx, &r, lo, hi, &mut buf);
                    let mut visits = r.visits.clone();
                    visits[lo - 1..hi].reverse();
                    let full = evaluate_route(p, route.vehicle_type, &visits);
                    assert_eq!(
                        fast.is_some(),
                        full.is_ok(),
                        "case {case}: reverse {lo}..={hi} of {:?}: {full:?}",
                        r.visits
                    );
                    let (Some(d), Ok(rep)) = (fast, full) else {
                        infeasible += 1;
                        continue;
                    };
                    feasible += 1;
                    assert_eq!(r.distance + d.distance, rep.distance, "case {case}");
                    if *exact_cost {
                        assert_eq!(r.cost + d.cost, rep.cost, "case {case}");
                    }
                }
            }
        }
        assert!(
            feasible > 10 && infeasible > 10,
            "case {case}: {feasible} feasible and {infeasible} infeasible reversals"
        );
    }
}

/// 2-opt on every route of a greedy construction: each route stays feasible (by the full
/// simulation), its cached cost is the true one, no route gets costlier, and some get
/// cheaper (over the three problems).
#[test]
fn two_opt_keeps_routes_feasible_and_never_raises_their_cost() {
    let mut gained = Cost::ZERO;
    for (seed, p) in [
        (81, distance_cost_with_windows(81, 60)),
        (82, random_problem_with(82, 60, true, true)),
        (83, random_problem_with(83, 60, false, false)),
    ] {
        let ctx = Context::new(&p);
        let un = unservable(&p, &ctx);
        let env = Env::new(&p, ctx, un);
        let mut st = initial_state(&env, None, &mut ChaCha8Rng::seed_from_u64(seed));
        for slot in 0..st.routes.len() {
            let before = st.routes[slot].cost;
            two_opt(&env, &mut st, slot);
            let r = &st.routes[slot];
            assert!(r.cost <= before, "seed {seed}: route {slot} got costlier");
            gained += before - r.cost;
            if r.is_empty() {
                continue;
            }
            let rep = evaluate_route(&p, r.vt, &r.visits).expect("2-opt kept the route feasible");
            assert_eq!(rep.cost, r.cost, "seed {seed}: cached cost of route {slot}");
            for x in &r.visits {
                if let Visit::Site(s) = x {
                    assert_eq!(st.route_of[s.index()], slot as u32);
                }
            }
        }
        let served: usize = st.routes.iter().map(|r| r.sites as usize).sum();
        let unservable = env.unservable.iter().filter(|r| r.is_some()).count();
        assert_eq!(served + st.unassigned.len() + unservable, p.sites().len());
    }
    assert!(gained > Cost::ZERO, "2-opt improved nothing");
}
