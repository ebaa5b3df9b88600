//! The prize-collecting moves on hand-made instances: the in-place exchange of a served
//! site with a left-out one (exact objective change), which left-out sites a step tries
//! again, and the ruin that empties a whole route.
//!
//! ```text
//! depot (0,0)   A (10,0) prize 30, served     B (10,2) prize `b`, left out
//!               one vehicle of capacity 1: only one of A and B fits
//! ```

mod solver_support;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use solver_support::{Builder, solve_on_one_and_two_threads, state_with};
use wasteroute::problem::{Problem, SiteIdx};
use wasteroute::solution::Visit;
use wasteroute::solver::prize_swap::{Exchange, best_exchange, gain_of, swap_left_out};
use wasteroute::solver::state::{Env, NO_ROUTE, State};
use wasteroute::solver::{SolverConfig, check_solution, prize_retry, prizes};
use wasteroute::units::Cost;

const A: SiteIdx = SiteIdx(0);
const B: SiteIdx = SiteIdx(1);

fn full_route(b_prize: i64) -> Problem {
    let mut b = Builder::new((0.0, 0.0));
    let a = b.site((10.0, 0.0), 1);
    let far = b.site((10.0, 2.0), 1);
    b.sites[a].prize = Some(Cost(30));
    b.sites[far].prize = Some(Cost(b_prize));
    b.vehicles(1, 1);
    b.build()
}

/// The stop of every served site.
fn stops(st: &State) -> Vec<u32> {
    let mut out = vec![0; st.route_of.len()];
    for r in &st.routes {
        wasteroute::solver::prize_swap::note_stops(r, &mut out);
    }
    out
}

/// The state's cost equals a recomputation and the full evaluation of its plan.
fn assert_consistent(p: &Problem, env: &Env, st: &State) {
    let mut again = st.clone();
    again.recompute_cost(env);
    assert_eq!(again.cost, st.cost, "running cost");
    check_solution(p, &st.to_solution(env)).expect("routes pass the full check");
    assert_eq!(
        wasteroute::solver::solution_cost(p, &st.to_solution(env)),
        st.cost,
        "full evaluation"
    );
}

#[test]
fn exchange_gain_is_the_route_change_plus_the_prize_difference() {
    let p = full_route(100);
    let (env, mut st) = state_with(&p, &[vec![Visit::Site(A)]]);
    // 0 → A → 0 = 20 and B's prize 100 out; 0 → B → 0 = 10 + 10 (rounded arcs) and A's 30.
    assert_eq!(st.cost, Cost(20 + 100));
    let m = Exchange {
        out: B,
        slot: 0,
        stop: 1,
    };
    assert_eq!(gain_of(&env, &st, &m), Some(Cost(30 - 100)));
    assert_eq!(best_exchange(&env, &st, B, &stops(&st)), Some(m));
    assert_eq!(swap_left_out(&env, &mut st), 1);
    st.recompute_cost(&env);
    assert_eq!(st.cost, Cost(20 + 30));
    assert_eq!(st.route_of[B.index()], 0);
    assert_eq!(st.route_of[A.index()], NO_ROUTE);
    assert_eq!(st.unassigned, vec![A]);
    assert_consistent(&p, &env, &st);
}

#[test]
fn no_exchange_when_the_left_out_site_is_worth_less() {
    let p = full_route(25);
    let (env, mut st) = state_with(&p, &[vec![Visit::Site(A)]]);
    let m = Exchange {
        out: B,
        slot: 0,
        stop: 1,
    };
    assert_eq!(gain_of(&env, &st, &m), Some(Cost(30 - 25)));
    assert_eq!(best_exchange(&env, &st, B, &stops(&st)), None);
    let before = st.clone();
    assert_eq!(swap_left_out(&env, &mut st), 0);
    assert_eq!(st.routes[0].visits, before.routes[0].visits);
    assert_eq!(st.unassigned, before.unassigned);
}

/// Six sites in a row on the x axis, capacity for three; the prizes favour the far half,
/// which one-site insertion into the full route cannot reach.
fn knapsack() -> Problem {
    let mut b = Builder::new((0.0, 0.0));
    for (k, prize) in [10, 11, 12, 200, 210, 220].into_iter().enumerate() {
        let s = b.site((10.0 + k as f64, 0.0), 1);
        b.sites[s].prize = Some(Cost(prize));
    }
    b.vehicles(1, 3);
    b.build()
}

#[test]
fn the_solver_fills_a_full_route_with_the_best_prizes_and_is_deterministic() {
    let p = knapsack();
    let config = SolverConfig::with_iterations(5, 200);
    let one = solve_on_one_and_two_threads(&p, &config);
    let again = solve_on_one_and_two_threads(&p, &config);
    assert_eq!(one.solution, again.solution, "same seed, same plan");
    let mut served: Vec<usize> = one.solution.routes[0]
        .visits
        .iter()
        .filter_map(|v| match v {
            Visit::Site(s) => Some(s.index()),
            _ => None,
        })
        .collect();
    served.sort_unstable();
    assert_eq!(served, [3, 4, 5]);
    // 0 → 13 → 14 → 15 → 0 = 30, and the prizes of the first three out.
    assert_eq!(one.cost, Cost(30 + 10 + 11 + 12));
}

#[test]
fn only_left_out_sites_near_the_ruin_are_tried_again() {
    // Optional sites at x = 0..9 (10 apart) and a required one far away, all out but
    // site 0, which the "ruin" took.
    let mut b = Builder::new((0.0, 0.0));
    for k in 0..20 {
        let s = b.site((100.0 * k as f64, 0.0), 1);
        b.sites[s].prize = Some(Cost(5));
    }
    let required = b.site((5000.0, 5000.0), 1);
    b.vehicles(1, 100);
    let p = b.build();
    let (env, mut st) = state_with(&p, &[]);
    let before_missing = st.missing;
    let taken = st.take_unassigned();
    let ruined = SiteIdx::new(0);
    let mut removed: Vec<SiteIdx> = taken.iter().copied().filter(|&s| s != ruined).collect();
    let left_out = removed.len();
    removed.push(ruined);
    let tried = prize_retry::near_the_change(&env, &mut st, removed, left_out);
    let near: Vec<SiteIdx> = std::iter::once(ruined)
        .chain(
            env.ctx.neighbours[0]
                .iter()
                .copied()
                .take(prize_retry::RETRY_NEIGHBOURS),
        )
        .collect();
    for s in &tried {
        assert!(
            near.contains(s) || *s == SiteIdx::new(required),
            "{s:?} tried"
        );
    }
    assert!(
        tried.contains(&SiteIdx::new(required)),
        "required site tried"
    );
    assert!(tried.contains(&ruined), "ruined site tried");
    // Every site is tried or back among the left out, with its prize.
    assert_eq!(tried.len() + st.unassigned.len(), p.sites().len());
    let tried_missing: Cost = tried.iter().map(|s| env.missing_cost[s.index()]).sum();
    assert_eq!(st.missing + tried_missing, before_missing);
}

#[test]
fn the_route_ruin_empties_one_used_route_and_returns_every_site_once() {
    let mut b = Builder::new((0.0, 0.0));
    for k in 0..4 {
        let s = b.site((10.0, k as f64), 1);
        b.sites[s].prize = Some(Cost(50));
    }
    b.vehicles(3, 2);
    let p = b.build();
    let (env, mut st) = state_with(
        &p,
        &[
            vec![Visit::Site(A), Visit::Site(B)],
            vec![],
            vec![Visit::Site(SiteIdx(2))],
        ],
    );
    for seed in 0..8 {
        let mut one = st.clone();
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let taken = prizes::route_ruin(&env, &mut one, &mut rng);
        // Site 3 was out and comes first; then a whole route: {A, B} or {2}.
        assert_eq!(taken[0], SiteIdx(3));
        let mut rest = taken[1..].to_vec();
        rest.sort();
        assert!(rest == [A, B] || rest == [SiteIdx(2)], "{rest:?}");
        assert_eq!(
            one.routes.iter().filter(|r| !r.is_empty()).count(),
            1,
            "one route left"
        );
        for s in taken {
            assert_eq!(one.route_of[s.index()], NO_ROUTE);
            one.leave_out(&env, s);
        }
        one.recompute_cost(&env);
        assert_consistent(&p, &env, &one);
    }
    st.recompute_cost(&env);
}
