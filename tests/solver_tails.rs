//! 2-opt* (tail exchange) in constant time: [`eval_join`], which joins one route's head to
//! another route's tail from the two routes' cached summaries, must return exactly what
//! the linear [`eval_replace`] returns when it walks the tail, for every head and tail of
//! solved and of randomly scrambled routes (scrambled routes break rules: wrong vehicle
//! type, overfull trips, missed windows; the answer must still be the same). Problems
//! cover facility trips, release times, the break, per-driver limits, time differing from
//! distance, a maximum distance, several vehicle types, several time windows (where a cost
//! per duration sends the join back to the linear walk) and no cost per duration. Where
//! both routes are feasible, the answer is also checked against the full simulation.
//! Finally the operator itself, [`swap_tails::evaluate`], is checked against the linear
//! evaluation it replaced on whole states.

mod solver_support;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use solver_support::moves::{rebuilt, with_slower_time};
use solver_support::{load, random_problem_with, window};
use wasteroute::problem::{Problem, SiteIdx, TimeWindow, VehicleTypeIdx};
use wasteroute::solution::{Solution, Visit};
use wasteroute::solver::context::Context;
use wasteroute::solver::evaluate::{Delta, eval_join, eval_replace, join_is_constant_time};
use wasteroute::solver::local_search::swap_tails::{self, SwapTails};
use wasteroute::solver::local_search::{moved_stability, splice_cost};
use wasteroute::solver::prechecks::unservable;
use wasteroute::solver::route::{RouteCache, eligible};
use wasteroute::solver::state::{Env, State};
use wasteroute::solver::{SolverConfig, evaluate_route, solve};
use wasteroute::units::{Cost, Distance};

/// How many joins of each kind a check saw.
#[derive(Debug, Default)]
struct Seen {
    joins: usize,
    constant: usize,
    feasible: usize,
    full_checked: usize,
}

/// The routes of `sol` as caches.
fn caches(p: &Problem, sol: &Solution) -> Vec<RouteCache> {
    sol.routes
        .iter()
        .map(|route| {
            let mut r = RouteCache::empty(p, route.vehicle_type, route.vehicle);
            r.visits = route.visits.clone();
            r.update(p);
            r
        })
        .collect()
}

/// `routes` scrambled: visits swapped within a route, stretches moved between routes,
/// vehicle types changed. The results break rules more often than not.
fn scrambled(p: &Problem, routes: &[RouteCache], seed: u64) -> Vec<RouteCache> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut visits: Vec<Vec<Visit>> = routes.iter().map(|r| r.visits.clone()).collect();
    let n = visits.len();
    for _ in 0..3 * n {
        let a = rng.random_range(0..n);
        let len = visits[a].len();
        if len >= 2 && rng.random_bool(0.5) {
            let (x, y) = (rng.random_range(0..len), rng.random_range(0..len));
            visits[a].swap(x, y);
        } else if len >= 1 {
            let from = rng.random_range(0..len);
            let to = (from + rng.random_range(1..4)).min(len);
            let moved: Vec<Visit> = visits[a].drain(from..to).collect();
            let b = rng.random_range(0..n);
            let at = rng.random_range(0..=visits[b].len());
            visits[b].splice(at..at, moved);
        }
    }
    let types = p.vehicle_types().len();
    visits
        .into_iter()
        .zip(routes)
        .map(|(v, old)| {
            let vt = if types > 1 && rng.random_bool(0.3) {
                VehicleTypeIdx::new(rng.random_range(0..types))
            } else {
                old.vt
            };
            let mut r = RouteCache::empty(p, vt, old.vehicle);
            r.visits = v;
            r.update(p);
            r
        })
        .collect()
}

/// Every join of a head of one route of `routes` (any stop `i`) with a tail of any route
/// (the same one included; any stop `j`): [`eval_join`] equals [`eval_replace`] walking
/// the tail. When both routes are feasible and the joined route has its break, the
/// answer's feasibility and distance are those of the full simulation.
fn check_all_joins(p: &Problem, routes: &[RouteCache], seen: &mut Seen) {
    let ctx = Context::new(p);
    assert!(
        !ctx.needs_verify,
        "eval_replace is exact only without verification"
    );
    for head in routes {
        let need_break = usize::from(p.vehicle_type(head.vt).break_rule.is_some());
        for tail in routes {
            for i in 0..head.num_stops() - 1 {
                for j in 0..tail.num_stops() - 1 {
                    let fast = eval_join(p, &ctx, head, i, tail, j);
                    let slow =
                        eval_replace(p, &ctx, head, i, head.num_stops() - 1, &tail.visits[j..]);
                    assert_eq!(
                        fast, slow,
                        "head {:?} up to stop {i}, tail {:?} after stop {j}",
                        head.visits, tail.visits
                    );
                    seen.joins += 1;
                    seen.constant += usize::from(join_is_constant_time(p, head, tail, j));
                    seen.feasible += usize::from(fast.is_some());
                    if !(head.feasible && tail.feasible) {
                        continue;
                    }
                    let joined = [&head.visits[..i], &tail.visits[j..]].concat();
                    let breaks = joined.iter().filter(|x| matches!(x, Visit::Break)).count();
                    if breaks != need_break || !joined.iter().any(|x| matches!(x, Visit::Site(_))) {
                        continue;
                    }
                    let full = evaluate_route(p, head.vt, &joined);
                    assert_eq!(fast.is_some(), full.is_ok(), "{joined:?}: {full:?}");
                    if let (Some(d), Ok(rep)) = (fast, full) {
                        assert_eq!(head.distance + d.distance, rep.distance, "{joined:?}");
                    }
                    seen.full_checked += 1;
                }
            }
        }
    }
}

/// Solves `p` briefly and checks every join of its routes and of scrambled copies.
fn check_problem(p: &Problem, seed: u64) -> Seen {
    let sol = solve(p, &SolverConfig::with_iterations(seed, 30), &mut |_| {}).solution;
    let routes = caches(p, &sol);
    let mut seen = Seen::default();
    check_all_joins(p, &routes, &mut seen);
    let mut broken = 0;
    for round in 0..3 {
        let scrambled = scrambled(p, &routes, seed * 10 + round);
        broken += scrambled.iter().filter(|r| !r.feasible).count();
        check_all_joins(p, &scrambled, &mut seen);
    }
    assert!(broken > 0, "scrambling left every route feasible");
    assert!(seen.feasible > 50, "too few feasible joins: {seen:?}");
    assert!(
        seen.full_checked > 50,
        "too few joins checked in full: {seen:?}"
    );
    seen
}

/// `p` with each driver limited to `max_sites` sites and `max_load` load in the day.
fn with_driver_limits(p: &Problem, max_sites: u32, max_load: i64) -> Problem {
    rebuilt(p, |parts| {
        for v in &mut parts.vehicle_types {
            v.max_sites = max_sites;
            v.max_total_load = load(max_load);
        }
    })
}

/// `p` with every route limited to `max` distance units.
fn with_max_distance(p: &Problem, max: i64) -> Problem {
    rebuilt(p, |parts| {
        for v in &mut parts.vehicle_types {
            v.max_distance = Distance(max);
        }
    })
}

/// `p` with every third site and every facility open in two windows (the second one a
/// gap after the first), and `cost_per_duration` per minute.
fn with_two_windows(p: &Problem, cost_per_duration: i64) -> Problem {
    let split = |w: &TimeWindow| {
        let (s, e) = (w.start.get(), w.end.get());
        let mid = s + (e - s) / 3;
        vec![window(s, mid), window(mid + (e - s) / 3, e)]
    };
    rebuilt(p, |parts| {
        for (k, s) in parts.sites.iter_mut().enumerate() {
            if k % 3 == 0 {
                s.windows = split(&s.windows[0]);
            }
        }
        for f in &mut parts.facilities {
            f.windows = vec![window(0, 300), window(330, 1_000_000)];
        }
        for v in &mut parts.vehicle_types {
            v.cost_per_duration = Cost(cost_per_duration);
        }
    })
}

/// `p` with a second vehicle type (smaller, slower to pay for) and every fourth site
/// allowed only on the first type.
fn with_two_types(p: &Problem) -> Problem {
    rebuilt(p, |parts| {
        let mut second = parts.vehicle_types[0].clone();
        second.capacity = load(18);
        second.cost_per_distance = Cost(2);
        second.count = second.count.div_ceil(2);
        parts.vehicle_types.push(second);
        for (k, s) in parts.sites.iter_mut().enumerate() {
            if k % 4 == 0 {
                s.allowed_vehicle_types = Some(vec![VehicleTypeIdx::new(0)]);
            }
        }
    })
}

/// The rule the route caches use for "may serve" is the search context's.
#[test]
fn eligibility_in_the_route_cache_is_the_contexts() {
    for p in [
        with_two_types(&random_problem_with(201, 40, true, false)),
        with_two_types(&random_problem_with(202, 40, false, false)),
    ] {
        let ctx = Context::new(&p);
        for s in 0..p.sites().len() {
            for vt in 0..p.vehicle_types().len() {
                assert_eq!(
                    eligible(&p, SiteIdx::new(s), VehicleTypeIdx::new(vt)),
                    ctx.eligible[s][vt],
                    "site {s}, vehicle type {vt}"
                );
            }
        }
    }
}

/// Depot reloads and facility trips with the break and its end-of-route rule, with and
/// without release times: nearly all joins are answered from the caches.
#[test]
fn join_equals_the_linear_walk_with_trips_breaks_and_releases() {
    for (seed, fac, rel) in [
        (211, false, false),
        (212, true, false),
        (213, true, true),
        (214, false, true),
    ] {
        let seen = check_problem(&random_problem_with(seed, 40, fac, rel), seed);
        assert!(seen.constant * 2 > seen.joins, "seed {seed}: {seen:?}");
    }
}

/// Per-driver limits that bind, time differing from distance, a binding maximum distance.
#[test]
fn join_equals_the_linear_walk_under_limits() {
    for (seed, fac) in [(221, false), (222, true)] {
        let base = random_problem_with(seed, 40, fac, true);
        for p in [
            with_driver_limits(&base, 5, 1000),
            with_driver_limits(&base, 1000, 25),
            with_slower_time(&base),
            with_max_distance(&base, 250),
        ] {
            let seen = check_problem(&p, seed);
            assert!(seen.constant * 2 > seen.joins, "seed {seed}: {seen:?}");
        }
    }
}

/// Several vehicle types: joins across types take the linear walk, joins within a type
/// the cached one, and both give the same answers.
#[test]
fn join_equals_the_linear_walk_with_two_vehicle_types() {
    for (seed, fac) in [(231, false), (232, true)] {
        let seen = check_problem(
            &with_two_types(&random_problem_with(seed, 40, fac, true)),
            seed,
        );
        assert!(seen.constant > 0 && seen.constant < seen.joins, "{seen:?}");
    }
}

/// Sites and facilities with two time windows: with a cost per duration the arrival home
/// is not a `max` of the entry time, so tails holding them take the linear walk; without
/// one the windows only decide feasibility, which the caches know exactly.
#[test]
fn join_equals_the_linear_walk_with_several_windows() {
    for (seed, fac) in [(241, false), (242, true)] {
        let base = random_problem_with(seed, 40, fac, true);
        let priced = check_problem(&with_two_windows(&base, 1), seed);
        assert!(
            priced.constant > 0 && priced.constant < priced.joins,
            "{priced:?}"
        );
        let unpriced = check_problem(&with_two_windows(&base, 0), seed);
        assert!(unpriced.constant > priced.constant, "{unpriced:?}");
    }
}

/// A state holding the routes of `sol`, each in its vehicle's slot.
fn state_of<'a>(p: &'a Problem, sol: &Solution) -> (Env<'a>, State) {
    let ctx = Context::new(p);
    let env = Env::new(p, ctx.clone(), unservable(p, &ctx));
    let mut st = State::empty(&env);
    for route in &sol.routes {
        let slot = env
            .slot_of(route.vehicle_type, route.vehicle)
            .expect("the solution's vehicle has a slot");
        st.set_visits(&env, slot, route.visits.clone());
    }
    st.recompute_cost(&env);
    (env, st)
}

/// 2-opt* evaluated as it was before the constant-time join: the site and break scans of
/// both heads and tails, and [`eval_replace`] walking each tail.
fn linear_swap_tails(env: &Env, st: &State, m: &SwapTails) -> Option<Delta> {
    let p = env.problem;
    let (ru, rv) = (&st.routes[m.u], &st.routes[m.v]);
    if m.u == m.v || ru.is_empty() || rv.is_empty() {
        return None;
    }
    let (head_u, tail_u) = ru.visits.split_at(m.i);
    let (head_v, tail_v) = rv.visits.split_at(m.j);
    let site = |x: &[Visit]| x.iter().any(|y| matches!(y, Visit::Site(_)));
    let brk = |x: &[Visit]| usize::from(x.iter().any(|y| matches!(y, Visit::Break)));
    let breaks_ok = |r: &RouteCache, head: &[Visit], tail: &[Visit]| {
        let need = usize::from(p.vehicle_type(r.vt).break_rule.is_some());
        !(site(head) || site(tail)) || brk(head) + brk(tail) == need
    };
    if !breaks_ok(ru, head_u, tail_v) || !breaks_ok(rv, head_v, tail_u) {
        return None;
    }
    let side = |r: &RouteCache, i: usize, head: &[Visit], tail: &[Visit]| {
        if !site(head) && !site(tail) {
            return Some(Delta {
                cost: Cost::ZERO - r.cost,
                distance: Distance::ZERO - r.distance,
            });
        }
        eval_replace(p, &env.ctx, r, i, r.num_stops() - 1, tail)
    };
    let du = side(ru, m.i, head_u, tail_v)?;
    let dv = side(rv, m.j, head_v, tail_u)?;
    let stability = moved_stability(env, tail_u, m.u, m.v) + moved_stability(env, tail_v, m.v, m.u);
    Some(splice_cost(du, dv, stability))
}

/// The operator on whole states: every 2-opt* move between two routes of a short solve
/// gets the answer (and charges the work) of the linear evaluation it replaced.
#[test]
fn swap_tails_evaluates_as_the_linear_walk_did() {
    let problems = [
        random_problem_with(251, 40, false, false),
        random_problem_with(252, 40, true, true),
        with_two_types(&random_problem_with(253, 40, true, false)),
        with_two_windows(&random_problem_with(254, 40, true, true), 1),
    ];
    for (case, p) in problems.iter().enumerate() {
        let sol = solve(p, &SolverConfig::with_iterations(5, 30), &mut |_| {}).solution;
        let (env, st) = state_of(p, &sol);
        let used: Vec<usize> = (0..st.routes.len())
            .filter(|&s| !st.routes[s].is_empty())
            .collect();
        let (mut tried, mut feasible) = (0, 0);
        for &u in &used {
            for &v in &used {
                for i in 0..st.routes[u].num_stops() - 1 {
                    for j in 0..st.routes[v].num_stops() - 1 {
                        let m = SwapTails { u, i, v, j };
                        let (mut work, mut linear_work) = (0, 0);
                        let got = swap_tails::evaluate(&env, &st, &m, &mut work);
                        let want = linear_swap_tails(&env, &st, &m);
                        if u != v {
                            linear_work =
                                (st.routes[u].visits.len() + st.routes[v].visits.len()) as u64;
                        }
                        assert_eq!(got, want, "case {case}: {m:?}");
                        assert_eq!(work, linear_work, "case {case}: {m:?}");
                        tried += 1;
                        feasible += usize::from(got.is_some());
                    }
                }
            }
        }
        assert!(feasible > 20, "case {case}: {feasible} feasible of {tried}");
    }
}
