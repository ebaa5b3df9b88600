//! Each ruin removes what it is asked to and leaves the state consistent; regret
//! insertion puts every site back.

mod solver_support;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use solver_support::{Builder, random_problem};
use wasteroute::problem::{Problem, SiteIdx};
use wasteroute::solution::Visit;
use wasteroute::solver::context::Context;
use wasteroute::solver::insertion::BLINK;
use wasteroute::solver::regret::regret_insert;
use wasteroute::solver::ruin::{
    RuinKind, RuinParams, assigned_sites, random, related, remove, ruin_with, strings, worst,
};
use wasteroute::solver::state::{Env, NO_ROUTE, State};
use wasteroute::solver::{check_solution, construct, prechecks};
use wasteroute::units::Cost;

fn env(p: &Problem) -> Env<'_> {
    let ctx = Context::new(p);
    let unservable = prechecks::unservable(p, &ctx);
    Env::new(p, ctx, unservable)
}

fn initial(env: &Env) -> State {
    construct::initial_state(env, None, &mut ChaCha8Rng::seed_from_u64(1))
}

/// Every site is in exactly the route `route_of` says, or unassigned; the cached cost
/// matches a recomputation; every route passes the full evaluation.
fn assert_consistent(p: &Problem, env: &Env, st: &State, out: &[SiteIdx]) {
    let mut seen = vec![0; p.sites().len()];
    for (slot, r) in st.routes.iter().enumerate() {
        for v in &r.visits {
            if let Visit::Site(s) = v {
                seen[s.index()] += 1;
                assert_eq!(st.route_of[s.index()], slot as u32);
            }
        }
        assert!(r.feasible);
    }
    for s in out {
        assert_eq!(
            st.route_of[s.index()],
            NO_ROUTE,
            "removed site still routed"
        );
        seen[s.index()] += 1;
    }
    for s in &st.unassigned {
        seen[s.index()] += 1;
    }
    for (s, n) in seen.iter().enumerate() {
        let unservable = env.unservable[s].is_some();
        assert_eq!(*n, usize::from(!unservable), "site {s} seen {n} times");
    }
    let mut again = st.clone();
    again.recompute_cost(env);
    assert_eq!(again.cost, st.cost);
    // The removed sites are the caller's to put back; as a plan they are unassigned.
    let mut plan = st.clone();
    plan.unassigned.extend_from_slice(out);
    check_solution(p, &plan.to_solution(env)).expect("routes pass the full check");
}

#[test]
fn count_based_ruins_remove_exactly_the_requested_number() {
    for fac in [false, true] {
        let p = random_problem(5, 60, fac);
        let env = env(&p);
        let base = initial(&env);
        let before = assigned_sites(&base).len();
        for count in [1, 7, 25] {
            for which in 0..3 {
                let mut st = base.clone();
                let mut rng = ChaCha8Rng::seed_from_u64(count as u64 * 3 + which);
                let chosen = match which {
                    0 => random::choose(&st, count, &mut rng),
                    1 => worst::choose(&env, &st, count, &mut rng),
                    _ => related::choose(&env, &st, count, &mut rng),
                };
                let mut distinct = chosen.clone();
                distinct.sort_unstable();
                distinct.dedup();
                assert_eq!(distinct.len(), count, "ruin {which} chose duplicates");
                let out = remove(&env, &mut st, &chosen);
                st.recompute_cost(&env);
                // Exactly `count` taken out (more only when a route had to be emptied,
                // which the Euclidean fixture never needs).
                assert_eq!(out.len(), count);
                assert_eq!(assigned_sites(&st).len(), before - count);
                assert_consistent(&p, &env, &st, &out);
            }
        }
    }
}

#[test]
fn every_ruin_leaves_the_state_consistent() {
    let p = random_problem(6, 50, true);
    let env = env(&p);
    let params = RuinParams::default();
    for kind in [
        RuinKind::Strings,
        RuinKind::Random,
        RuinKind::Worst,
        RuinKind::Related,
    ] {
        let mut st = initial(&env);
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        for _ in 0..20 {
            let out = ruin_with(&env, &mut st, kind, &params, &mut rng);
            assert!(!out.is_empty(), "{kind:?} removed nothing");
            st.recompute_cost(&env);
            assert_consistent(&p, &env, &st, &out);
            // Put them back so the next round has something to remove.
            let left = regret_insert(&env, &mut st, &out, 2, &mut rng, BLINK);
            for s in left {
                st.leave_out(&env, s);
            }
            st.recompute_cost(&env);
            assert_consistent(&p, &env, &st, &[]);
        }
    }
}

#[test]
fn strings_take_whole_strings_from_routes() {
    let p = random_problem(7, 40, false);
    let env = env(&p);
    let st = initial(&env);
    let chosen = strings::choose(
        &env,
        &st,
        &RuinParams::default(),
        &mut ChaCha8Rng::seed_from_u64(1),
    );
    assert!(!chosen.is_empty());
    let mut distinct = chosen.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), chosen.len());
}

/// Sites at x = 10, 20, 30 on a line from the depot, and one at (20, 40): in one route the
/// detour to (20, 40) costs far more than any site on the line, so it saves the most.
#[test]
fn worst_removal_ranks_the_detour_first() {
    let mut b = Builder::new((0.0, 0.0));
    b.site((10.0, 0.0), 1);
    b.site((20.0, 0.0), 1);
    b.site((30.0, 0.0), 1);
    b.site((20.0, 40.0), 1);
    b.vehicles(1, 100);
    let p = b.build();
    let env = env(&p);
    let st = initial(&env);
    let mut savings = worst::savings(&env, &st);
    savings.sort_by_key(|&(s, site)| (std::cmp::Reverse(s), site));
    assert_eq!(savings[0].1, SiteIdx::new(3));
    assert!(savings[0].0 > savings[1].0);
}

/// Regret-2 and regret-3 put every site back, with facility trips and breaks, and the
/// plan passes the full check and the independent checker.
#[test]
fn regret_puts_back_every_site() {
    for (seed, fac) in [(11, false), (12, true), (13, true)] {
        let p = random_problem(seed, 30, fac);
        let env = env(&p);
        for k in [2, 3] {
            let mut st = State::empty(&env);
            let sites = st.take_unassigned();
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            let left = regret_insert(&env, &mut st, &sites, k, &mut rng, 0.0);
            assert!(left.is_empty(), "regret-{k} left {left:?}");
            st.recompute_cost(&env);
            assert_consistent(&p, &env, &st, &[]);
            let sol = st.to_solution(&env);
            let report = wasteroute::checker::check(&p, &sol);
            assert!(report.is_feasible(), "{:?}", report.violations);
            assert_eq!(report.cost, st.cost);
            assert!(st.cost < Cost(1_000_000));
        }
    }
}

/// Facility F0 next to the sites takes only 10 a day; F1 further away takes anything.
/// Four sites of demand 5 make 20, so regret insertion, whose cached places are verified
/// route by route, must still send half the waste to F1.
#[test]
fn regret_respects_facility_daily_capacity() {
    use wasteroute::problem::{EndOfRoute, StreamSet};
    let mut b = Builder::new((0.0, 0.0));
    let f0 = b.facility((10.0, 0.0), StreamSet::ALL, 1);
    b.facility((60.0, 0.0), StreamSet::ALL, 1);
    b.facilities[f0].daily_capacity = Some(solver_support::load(10));
    for y in [1.0, 2.0, 3.0, 4.0] {
        b.site((12.0, y), 5);
    }
    let v = b.vehicles(4, 10);
    b.vehicles[v].end_of_route = EndOfRoute::UnloadAtFacility;
    let p = b.build();
    let env = env(&p);
    for k in [2, 3] {
        let mut st = State::empty(&env);
        let sites = st.take_unassigned();
        let left = regret_insert(
            &env,
            &mut st,
            &sites,
            k,
            &mut ChaCha8Rng::seed_from_u64(3),
            0.0,
        );
        assert!(left.is_empty());
        st.recompute_cost(&env);
        assert_consistent(&p, &env, &st, &[]);
        let report = wasteroute::checker::check(&p, &st.to_solution(&env));
        assert!(report.is_feasible(), "{:?}", report.violations);
    }
}
