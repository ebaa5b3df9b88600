//! The local-search operators: their fast evaluation against the full simulation of the
//! routes they produce, on many random moves; a tiny fixture per operator where the move
//! is worked out by hand; and whole solves with the checker.

mod solver_support;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use solver_support::{Builder, break_rule, random_problem, random_problem_with, window};
use wasteroute::problem::{EndOfRoute, Problem, SiteIdx, StreamSet, VehicleTypeIdx};
use wasteroute::solution::Visit;
use wasteroute::solver::construct::initial_state;
use wasteroute::solver::context::Context;
use wasteroute::solver::local_search::relocate::Relocate;
use wasteroute::solver::local_search::swap::Swap;
use wasteroute::solver::local_search::swap_tails::SwapTails;
use wasteroute::solver::local_search::{Move, Params, commit, descend};
use wasteroute::solver::prechecks::unservable;
use wasteroute::solver::state::{Env, State};
use wasteroute::solver::{SolverConfig, check_solution, evaluate_route, solve};
use wasteroute::units::{Cost, Distance};

fn env(p: &Problem) -> Env<'_> {
    let ctx = Context::new(p);
    let un = unservable(p, &ctx);
    Env::new(p, ctx, un)
}

fn every_site(p: &Problem) -> Vec<SiteIdx> {
    (0..p.sites().len()).map(SiteIdx::new).collect()
}

fn sites(ids: &[usize]) -> Vec<Visit> {
    ids.iter().map(|&s| Visit::Site(SiteIdx::new(s))).collect()
}

/// A random, well-formed-or-not move between two used routes of `st`.
fn random_move(st: &State, rng: &mut ChaCha8Rng) -> Option<Move> {
    let used: Vec<usize> = (0..st.routes.len())
        .filter(|&s| !st.routes[s].is_empty())
        .collect();
    if used.is_empty() {
        return None;
    }
    let ru = used[rng.random_range(0..used.len())];
    let rv = used[rng.random_range(0..used.len())];
    let (nu, nv) = (st.routes[ru].num_stops(), st.routes[rv].num_stops());
    Some(match rng.random_range(0..3) {
        0 => Move::Relocate(Relocate {
            from: ru,
            first: rng.random_range(1..nu - 1),
            len: rng.random_range(1..=3),
            reversed: rng.random_bool(0.5),
            to: rv,
            after: rng.random_range(0..nv - 1),
        }),
        1 => Move::Swap(Swap {
            u: ru,
            a: rng.random_range(1..nu - 1),
            len_a: rng.random_range(1..=2),
            v: rv,
            b: rng.random_range(1..nv - 1),
            len_b: rng.random_range(1..=2),
        }),
        _ => Move::SwapTails(SwapTails {
            u: ru,
            i: rng.random_range(0..nu - 1),
            v: rv,
            j: rng.random_range(0..nv - 1),
        }),
    })
}

/// Checks random moves on the state `st` of problem `p`: the fast evaluation says
/// feasible exactly when the full simulation of every changed route does (a route left
/// without sites is cleared), and its distance change is exact; the quick cost, where
/// it is given, equals the evaluated one.
/// Returns (feasible moves, moves checked, quick costs compared).
fn check_moves(p: &Problem, e: &Env, st: &State, seed: u64) -> (usize, usize, usize) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut buf = Vec::new();
    let (mut feasible, mut checked, mut quick) = (0, 0, 0);
    for _ in 0..20_000 {
        let Some(m) = random_move(st, &mut rng) else {
            break;
        };
        let mut work = 0;
        let fast = m.evaluate(e, st, &mut buf, &mut work);
        let changes = m.apply(st);
        if changes.is_empty() {
            assert!(fast.is_none(), "{m:?}: not well formed, yet evaluated");
            continue;
        }
        let mut old_distance = Distance::ZERO;
        let mut new_distance = Distance::ZERO;
        let mut full_ok = true;
        let mut cleared_any = false;
        for (slot, visits) in &changes {
            let r = &st.routes[*slot];
            old_distance += r.distance;
            let cleared = !visits.iter().any(|v| matches!(v, Visit::Site(_)));
            cleared_any |= cleared;
            let visits: &[Visit] = if cleared { &[] } else { visits };
            match evaluate_route(p, r.vt, visits) {
                Ok(rep) => new_distance += rep.distance,
                Err(_) => full_ok = false,
            }
        }
        checked += 1;
        match fast {
            Some(d) => {
                assert!(
                    full_ok,
                    "{m:?}: fast says feasible, full does not: {changes:?}"
                );
                assert_eq!(
                    old_distance + d.distance,
                    new_distance,
                    "{m:?}: {changes:?}"
                );
                feasible += 1;
                if let Some(q) = m.quick(e, st, &mut buf)
                    && !cleared_any
                {
                    assert_eq!(q, d.cost, "{m:?}: quick cost");
                    quick += 1;
                }
            }
            None => assert!(
                !full_ok,
                "{m:?}: fast says infeasible, full does not: {changes:?}"
            ),
        }
    }
    (feasible, checked, quick)
}

/// Random relocations, or-opt moves, swaps, segment exchanges and tail exchanges on
/// constructed solutions: with facilities (trips, streams, closing facilities, a break,
/// coming home empty) and without; time costs on (no pruning).
#[test]
fn moves_agree_with_full_evaluation() {
    for (seed, fac) in [(41, false), (42, true), (43, true)] {
        let p = random_problem(seed, 40, fac);
        let e = env(&p);
        assert!(!e.ctx.needs_verify);
        let st = initial_state(&e, None, &mut ChaCha8Rng::seed_from_u64(seed));
        let (feasible, checked, _) = check_moves(&p, &e, &st, seed);
        assert!(
            feasible > 200,
            "seed {seed}: {feasible} feasible of {checked}"
        );
    }
}

/// A mixed fleet: one type with a break, coming home empty through a facility and
/// capacity 25; another without a break, unloading at the depot, capacity 12, that some
/// sites may not use. Tails move breaks and facility visits between the two types.
#[test]
fn moves_agree_with_full_evaluation_on_a_mixed_fleet() {
    let base = random_problem(44, 40, true);
    let mut b = Builder::new((50.0, 50.0));
    let mut rng = ChaCha8Rng::seed_from_u64(44);
    for s in base.sites() {
        let at = (rng.random_range(0.0..100.0), rng.random_range(0.0..100.0));
        let i = b.site(at, s.demand.0[0].get());
        b.sites[i].windows = s.windows.clone();
        b.sites[i].service_time = s.service_time;
        b.sites[i].stream = s.stream;
        if rng.random_bool(0.2) {
            b.sites[i].allowed_vehicle_types = Some(vec![VehicleTypeIdx(0)]);
        }
    }
    b.facility((10.0, 10.0), StreamSet(0b01), 5);
    b.facility((90.0, 90.0), StreamSet(0b11), 5);
    b.facility((90.0, 10.0), StreamSet(0b10), 5);
    let big = b.vehicles(6, 25);
    b.vehicles[big].shift = window(0, 800);
    b.vehicles[big].cost_per_duration = Cost(1);
    b.vehicles[big].end_of_route = EndOfRoute::UnloadAtFacility;
    b.vehicles[big].break_rule = Some(break_rule(30, 150, 400));
    let small = b.vehicles(6, 12);
    b.vehicles[small].shift = window(0, 800);
    b.vehicles[small].cost_per_distance = Cost(2);
    let p = b.build();
    let e = env(&p);
    let st = initial_state(&e, None, &mut ChaCha8Rng::seed_from_u64(44));
    let types: std::collections::BTreeSet<_> = st
        .routes
        .iter()
        .filter(|r| !r.is_empty())
        .map(|r| r.vt)
        .collect();
    assert_eq!(types.len(), 2, "both vehicle types are used");
    // The small type costs distance only: quick costs apply between its routes.
    let (feasible, checked, quick) = check_moves(&p, &e, &st, 44);
    assert!(feasible > 100, "{feasible} feasible of {checked}");
    assert!(quick > 10, "{quick} quick costs compared");
}

/// `sites` sites with demand 1–9 scattered on a 100×100 square around a central depot,
/// served by `vehicles` vehicles of `capacity` that cost distance only (as in CVRP).
fn distance_only(seed: u64, sites: usize, vehicles: u32, capacity: i64) -> Problem {
    let mut b = Builder::new((50.0, 50.0));
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    for _ in 0..sites {
        let at = (rng.random_range(0.0..100.0), rng.random_range(0.0..100.0));
        b.site(at, rng.random_range(1..10));
    }
    b.vehicles(vehicles, capacity);
    b.build()
}

/// Distance-only costs (as in CVRP benchmarks): the quick costs apply.
#[test]
fn moves_agree_with_full_evaluation_on_distance_only_costs() {
    let p = distance_only(45, 60, 20, 30);
    let e = env(&p);
    let st = initial_state(&e, None, &mut ChaCha8Rng::seed_from_u64(45));
    let (feasible, checked, quick) = check_moves(&p, &e, &st, 45);
    assert!(feasible > 500, "{feasible} feasible of {checked}");
    assert!(quick > 300, "{quick} quick costs compared");
}

/// Every intra-route relocation (segments of 1–3, both directions, every target) on a
/// constructed distance-only solution: the quick cost (a 3-opt arc exchange) equals the
/// evaluated one whenever the move is feasible, and the evaluation matches the full
/// simulation.
#[test]
fn intra_route_relocations_quick_cost_is_exact() {
    let p = distance_only(46, 40, 10, 60);
    let e = env(&p);
    let st = initial_state(&e, None, &mut ChaCha8Rng::seed_from_u64(46));
    let mut buf = Vec::new();
    let mut compared = 0;
    for (slot, r) in st.routes.iter().enumerate().filter(|(_, r)| !r.is_empty()) {
        let n = r.num_stops();
        for first in 1..n - 1 {
            for len in 1..=3 {
                for reversed in [false, true] {
                    for after in 0..n - 1 {
                        let m = Move::Relocate(Relocate {
                            from: slot,
                            first,
                            len,
                            reversed,
                            to: slot,
                            after,
                        });
                        let Some(d) = m.evaluate(&e, &st, &mut buf, &mut 0) else {
                            continue;
                        };
                        let changes = m.apply(&st);
                        let full = evaluate_route(&p, r.vt, &changes[0].1).expect("feasible");
                        assert_eq!(r.distance + d.distance, full.distance, "{m:?}");
                        assert_eq!(m.quick(&e, &st, &mut buf), Some(d.cost), "{m:?}");
                        compared += 1;
                    }
                }
            }
        }
    }
    assert!(compared > 1000, "{compared} compared");
}

/// A state of problem `p` with the given routes (slot order).
fn state_with(e: &Env, routes: &[Vec<Visit>]) -> State {
    let mut st = State::empty(e);
    for (slot, visits) in routes.iter().enumerate() {
        st.set_visits(e, slot, visits.clone());
    }
    st.take_unassigned();
    st.recompute_cost(e);
    st
}

/// The used routes' site lists, each read in the direction that starts with the lower
/// index (a symmetric matrix makes a reversed route cost the same), sorted.
fn normalised(routes: impl Iterator<Item = Vec<usize>>) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = routes
        .filter(|r| !r.is_empty())
        .map(|r| {
            let mut back = r.clone();
            back.reverse();
            r.min(back)
        })
        .collect();
    out.sort();
    out
}

/// The routes of `st` serve the site sets of `expected` (in any order and slot).
fn assert_sites(st: &State, expected: &[&[usize]]) {
    let sorted = |mut r: Vec<usize>| {
        r.sort();
        r
    };
    let got = st.routes.iter().map(|r| {
        sorted(
            r.visits
                .iter()
                .filter_map(|v| match v {
                    Visit::Site(s) => Some(s.index()),
                    _ => None,
                })
                .collect(),
        )
    });
    assert_eq!(
        normalised(got),
        normalised(expected.iter().map(|r| sorted(r.to_vec())))
    );
}

/// The routes of `st` equal `expected` up to slot order and direction.
fn assert_routes(st: &State, expected: &[&[usize]]) {
    let got = st.routes.iter().map(|r| {
        r.visits
            .iter()
            .filter_map(|v| match v {
                Visit::Site(s) => Some(s.index()),
                _ => None,
            })
            .collect()
    });
    assert_eq!(
        normalised(got),
        normalised(expected.iter().map(|r| r.to_vec()))
    );
}

fn route_costs(st: &State) -> Cost {
    st.routes.iter().map(|r| r.cost).sum()
}

/// Depot (0,0); sites a = (0,10), x = (20,0), b1 = (10,0) and b2 = (30,0) of demand 1;
/// two trucks of capacity `capacity`. Returns the problem and the ids `[a, x, b1, b2]`.
fn detour_problem(capacity: i64) -> (Problem, [usize; 4]) {
    let mut b = Builder::new((0.0, 0.0));
    let a = b.site((0.0, 10.0), 1);
    let x = b.site((20.0, 0.0), 1);
    let b1 = b.site((10.0, 0.0), 1);
    let b2 = b.site((30.0, 0.0), 1);
    b.vehicles(2, capacity);
    (b.build(), [a, x, b1, b2])
}

/// Relocate. Depot (0,0); route 0 serves a = (0,10) and then x = (20,0); route 1 serves
/// b1 = (10,0) and b2 = (30,0). Moving x between b1 and b2 costs route 1 nothing (it lies
/// on the way) and saves route 0 the detour: 10 + 22 + 20 = 52 becomes 10 + 10 = 20, so the
/// change is −32. Capacity 3 keeps a out of route 1, so 80 is the optimum.
#[test]
fn relocate_moves_a_site_onto_the_way_of_another_route() {
    let (p, [a, x, b1, b2]) = detour_problem(3);
    let e = env(&p);
    let mut st = state_with(&e, &[sites(&[a, x]), sites(&[b1, b2])]);
    assert_eq!(route_costs(&st), Cost(112));
    let m = Move::Relocate(Relocate {
        from: 0,
        first: 2,
        len: 1,
        reversed: false,
        to: 1,
        after: 1,
    });
    let d = m
        .evaluate(&e, &st, &mut Vec::new(), &mut 0)
        .expect("feasible");
    assert_eq!(d.cost, Cost(-32));
    let out = descend(&e, &mut st, &every_site(&p), &[0, 1], &Params::default());
    assert!(out.moves >= 1);
    assert_sites(&st, &[&[a], &[b1, x, b2]]);
    assert_eq!(route_costs(&st), Cost(80));
    assert_eq!(route_costs(&st), Cost(80));
}

/// Or-opt with reversal. Route 0 serves c = (−30,0), then y2 = (30,0), y1 = (20,0) (a
/// segment in the wrong order, on the far side from c); route 1 serves b1 = (10,0) and
/// b2 = (40,0). The segment reversed fits between b1 and b2 at no extra distance for
/// route 1, and route 0 shrinks from 30 + 60 + 10 + 20 = 120 to 60: the change is −60,
/// for a total of 60 + 80 = 140 (capacity 4; the other splits cost 160 or more).
#[test]
fn or_opt_moves_a_reversed_segment() {
    let mut b = Builder::new((0.0, 0.0));
    let c = b.site((-30.0, 0.0), 1);
    let y2 = b.site((30.0, 0.0), 1);
    let y1 = b.site((20.0, 0.0), 1);
    let b1 = b.site((10.0, 0.0), 1);
    let b2 = b.site((40.0, 0.0), 1);
    b.vehicles(2, 4);
    let p = b.build();
    let e = env(&p);
    let st = state_with(&e, &[sites(&[c, y2, y1]), sites(&[b1, b2])]);
    let m = Move::Relocate(Relocate {
        from: 0,
        first: 2,
        len: 2,
        reversed: true,
        to: 1,
        after: 1,
    });
    let d = m
        .evaluate(&e, &st, &mut Vec::new(), &mut 0)
        .expect("feasible");
    assert_eq!(d.cost, Cost(-60));
    let mut st = st;
    descend(&e, &mut st, &every_site(&p), &[0, 1], &Params::default());
    assert_sites(&st, &[&[c], &[b1, y1, y2, b2]]);
    assert_eq!(route_costs(&st), Cost(140));
}

/// Swap. Top sites t1 = (10,10), t2 = (20,10), bottom b1 = (10,−10), b2 = (20,−10),
/// capacity 2. Route 0 = t1, b2 and route 1 = b1, t2 cross: 14 + 22 + 22 = 58 each.
/// Swapping b2 and t2 gives t1, t2 and b1, b2: 14 + 10 + 22 = 46 each, a change of −24.
#[test]
fn swap_exchanges_two_misplaced_sites() {
    let mut b = Builder::new((0.0, 0.0));
    let t1 = b.site((10.0, 10.0), 1);
    let t2 = b.site((20.0, 10.0), 1);
    let b1 = b.site((10.0, -10.0), 1);
    let b2 = b.site((20.0, -10.0), 1);
    b.vehicles(2, 2);
    let p = b.build();
    let e = env(&p);
    let mut st = state_with(&e, &[sites(&[t1, b2]), sites(&[b1, t2])]);
    assert_eq!(route_costs(&st), Cost(116));
    let m = Move::Swap(Swap {
        u: 0,
        a: 2,
        len_a: 1,
        v: 1,
        b: 2,
        len_b: 1,
    });
    let d = m
        .evaluate(&e, &st, &mut Vec::new(), &mut 0)
        .expect("feasible");
    assert_eq!(d.cost, Cost(-24));
    descend(&e, &mut st, &every_site(&p), &[0, 1], &Params::default());
    assert_routes(&st, &[&[t1, t2], &[b1, b2]]);
    assert_eq!(route_costs(&st), Cost(92));
}

/// The 2-opt* fixtures' sites, demand 1 each: a top row t1..t3 = (10|20|30, 10), then a
/// bottom row b1..b3 = (10|20|30, −10). Returns the two rows' site ids.
fn two_rows_of_three(b: &mut Builder) -> (Vec<usize>, Vec<usize>) {
    let mut row =
        |y: f64| -> Vec<usize> { (1..=3).map(|k| b.site((10.0 * k as f64, y), 1)).collect() };
    let top = row(10.0);
    let bottom = row(-10.0);
    (top, bottom)
}

/// 2-opt* between routes 0 and 1, exchanging their tails after their first sites.
const TAILS_AFTER_FIRST_SITES: Move = Move::SwapTails(SwapTails {
    u: 0,
    i: 1,
    v: 1,
    j: 1,
});

/// 2-opt*. Top t1..t3 = (10|20|30, 10), bottom b1..b3 = (10|20|30, −10), capacity 3.
/// Route 0 = t1, b2, b3 and route 1 = b1, t2, t3 cross after their first site:
/// 14 + 22 + 10 + 32 = 78 each. Exchanging the tails after t1 and b1 uncrosses them:
/// 14 + 10 + 10 + 32 = 66 each, a change of −24. No single swap or relocation can do
/// this in one step (tails of two sites, full vehicles).
#[test]
fn two_opt_star_uncrosses_two_routes() {
    let mut b = Builder::new((0.0, 0.0));
    let (t, bt) = two_rows_of_three(&mut b);
    b.vehicles(2, 3);
    let p = b.build();
    let e = env(&p);
    let mut st = state_with(
        &e,
        &[sites(&[t[0], bt[1], bt[2]]), sites(&[bt[0], t[1], t[2]])],
    );
    assert_eq!(route_costs(&st), Cost(156));
    let m = TAILS_AFTER_FIRST_SITES;
    let d = m
        .evaluate(&e, &st, &mut Vec::new(), &mut 0)
        .expect("feasible");
    assert_eq!(d.cost, Cost(-24));
    descend(&e, &mut st, &every_site(&p), &[0, 1], &Params::default());
    assert_routes(&st, &[&t, &bt]);
    assert_eq!(route_costs(&st), Cost(132));
}

/// 2-opt* keeps one break per route: with the break of route 0 in its tail and that of
/// route 1 in its head, exchanging the tails would give route 0 no break and route 1 two,
/// so the move is refused; with both breaks in the tails it is allowed.
#[test]
fn two_opt_star_keeps_one_break_per_route() {
    let mut b = Builder::new((0.0, 0.0));
    let (t, bt) = two_rows_of_three(&mut b);
    let v = b.vehicles(2, 3);
    b.vehicles[v].break_rule = Some(break_rule(5, 0, 1_000_000));
    let p = b.build();
    let e = env(&p);
    let with_break = |ids: &[usize], at: usize| {
        let mut x = sites(ids);
        x.insert(at, Visit::Break);
        x
    };
    let m = TAILS_AFTER_FIRST_SITES;
    let st = state_with(
        &e,
        &[
            with_break(&[t[0], bt[1], bt[2]], 2),
            with_break(&[bt[0], t[1], t[2]], 0),
        ],
    );
    assert!(m.evaluate(&e, &st, &mut Vec::new(), &mut 0).is_none());
    let st = state_with(
        &e,
        &[
            with_break(&[t[0], bt[1], bt[2]], 2),
            with_break(&[bt[0], t[1], t[2]], 1),
        ],
    );
    let d = m
        .evaluate(&e, &st, &mut Vec::new(), &mut 0)
        .expect("feasible");
    assert_eq!(d.cost, Cost(-24));
}

/// Facility daily capacities are counted over both changed routes together: two routes
/// that unload 4 each at the far facility may each switch to the near one (capacity 5)
/// alone, but not both at once.
#[test]
fn facility_daily_capacity_is_checked_over_both_routes() {
    use wasteroute::problem::FacilityIdx;
    let mut b = Builder::new((0.0, 0.0));
    let near = b.facility((0.0, 5.0), StreamSet::ALL, 1);
    let far = b.facility((0.0, 100.0), StreamSet::ALL, 1);
    b.facilities[near].daily_capacity = Some(solver_support::load(5));
    let s1 = b.site((10.0, 0.0), 4);
    let s2 = b.site((12.0, 0.0), 4);
    let v = b.vehicles(2, 10);
    b.vehicles[v].end_of_route = EndOfRoute::UnloadAtFacility;
    let p = b.build();
    let e = env(&p);
    assert!(e.ctx.needs_verify);
    let route = |s: usize, f: usize| {
        vec![
            Visit::Site(SiteIdx::new(s)),
            Visit::Facility(FacilityIdx::new(f)),
        ]
    };
    let st = state_with(&e, &[route(s1, far), route(s2, far)]);
    let (r1, r2) = (route(s1, near), route(s2, near));
    assert!(
        st.verify(&e, 0, &r1) && st.verify(&e, 1, &r2),
        "each alone fits"
    );
    assert!(
        !st.verify_routes(&e, &[(0, &r1), (1, &r2)]),
        "together 8 > 5"
    );
    let mut st = st;
    descend(&e, &mut st, &every_site(&p), &[0, 1], &Params::default());
    let sol = st.to_solution(&e);
    check_solution(&p, &sol).expect("feasible");
    assert!(wasteroute::checker::check(&p, &sol).is_feasible());
}

/// `commit` applies a move only when the exact cost falls, and leaves the state exactly
/// as it was otherwise (visits, where each site is, facility intake); after a move that
/// empties a route, the route is cleared and every site is recorded in its new route.
#[test]
fn commit_keeps_the_state_consistent() {
    let (p, [a, x, b1, b2]) = detour_problem(4);
    let e = env(&p);
    let mut st = state_with(&e, &[sites(&[a, x]), sites(&[b1, b2])]);
    let snapshot = |st: &State| {
        (
            st.routes
                .iter()
                .map(|r| r.visits.clone())
                .collect::<Vec<_>>(),
            st.route_of.clone(),
            st.intake.clone(),
        )
    };
    let before = snapshot(&st);
    // Worse: b1 into route 0, between a and x.
    let worse = vec![(0, sites(&[a, b1, x])), (1, sites(&[b2]))];
    assert!(!commit(&e, &mut st, worse));
    assert_eq!(snapshot(&st), before);
    // Better: x between b1 and b2.
    assert!(commit(
        &e,
        &mut st,
        vec![(0, sites(&[a])), (1, sites(&[b1, x, b2]))]
    ));
    assert_eq!(st.route_of[x], 1);
    assert_eq!(st.route_of[a], 0);
    // Emptying route 0 clears it (a joins route 1 at its start: 10 + 14 + 10 + 10 + 30 =
    // 74 < 20 + 60).
    assert!(commit(
        &e,
        &mut st,
        vec![(0, vec![]), (1, sites(&[a, b1, x, b2]))]
    ));
    assert!(st.routes[0].is_empty());
    for s in [a, x, b1, b2] {
        assert_eq!(st.route_of[s], 1);
    }
    assert_eq!(route_costs(&st), Cost(74));
}

/// Whole solves with local search: feasible by the full check and the independent
/// checker, with windows, trips, breaks and release times.
#[test]
fn solves_with_local_search_pass_the_checker() {
    for (seed, fac, rel) in [(51, false, false), (52, true, false), (53, true, true)] {
        let p = random_problem_with(seed, 60, fac, rel);
        let config = SolverConfig::with_iterations(seed, 300);
        let with = solve(&p, &config, &mut |_| {});
        check_solution(&p, &with.solution).expect("feasible");
        let report = wasteroute::checker::check(&p, &with.solution);
        assert!(report.is_feasible(), "{:?}", report.violations);
        assert_eq!(report.cost, with.cost);
        assert!(with.solution.unassigned.len() < p.sites().len() / 2);
    }
}
