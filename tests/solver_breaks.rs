//! The break-placement operator (src/solver/break_moves.rs): hand-worked fixtures, its
//! constant-time place finder against the full route update, random badly placed breaks,
//! and the solver with it (checker, determinism).

mod solver_support;

use solver_support::{
    Builder, break_rule, random_problem, solve_on_one_and_two_threads, state_with, window,
};
use wasteroute::problem::{Problem, SiteIdx, VehicleTypeIdx};
use wasteroute::solution::Visit;
use wasteroute::solver::break_moves::{break_places, break_stop, move_break, moved};
use wasteroute::solver::context::Context;
use wasteroute::solver::prechecks::unservable;
use wasteroute::solver::route::RouteCache;
use wasteroute::solver::state::{Env, State};
use wasteroute::solver::{SolverConfig, check_solution, evaluate_route};
use wasteroute::units::{Cost, Duration};

fn site(s: usize) -> Visit {
    Visit::Site(SiteIdx::new(s))
}

/// Sites A (x = 10, window [0, 15]), B (x = 20) and C (x = 30) on a line from the depot;
/// one truck paying 1 per unit of distance and `per_minute` per minute; a 30-minute break
/// that must start in `[break_start, break_end]`.
fn line(break_start: i64, break_end: i64, per_minute: i64) -> Problem {
    let mut b = Builder::new((0.0, 0.0));
    let a = b.site((10.0, 0.0), 1);
    b.site((20.0, 0.0), 1);
    b.site((30.0, 0.0), 1);
    b.sites[a].windows = vec![window(0, 15)];
    let v = b.vehicles(1, 10);
    b.vehicles[v].cost_per_duration = Cost(per_minute);
    b.vehicles[v].break_rule = Some(break_rule(30, break_start, break_end));
    b.build()
}

/// The cached summary of `visits` on a truck of the first vehicle type.
fn cache_of(p: &Problem, visits: &[Visit]) -> RouteCache {
    let mut r = RouteCache::empty(p, VehicleTypeIdx::new(0), 0);
    r.visits = visits.to_vec();
    r.update(p);
    r
}

/// `visits` (on a truck of type `vt`) with its break put after each stop in turn (stop 0
/// is the depot), in that order, keeping only the feasible routes. The route as it is
/// (the break after its own stop) is among them only `with_unmoved`.
fn break_placements(
    p: &Problem,
    vt: VehicleTypeIdx,
    visits: &[Visit],
    with_unmoved: bool,
) -> Vec<Vec<Visit>> {
    let at = visits
        .iter()
        .position(|x| *x == Visit::Break)
        .expect("break")
        + 1;
    (0..=visits.len())
        .filter(|&after| after + 1 != at && (with_unmoved || after != at))
        .map(|after| moved(visits, at, after))
        .filter(|v| evaluate_route(p, vt, v).is_ok())
        .collect()
}

/// `A, break, B, C` with the break window [25, 28]: A must be reached by 15, so the truck
/// leaves at 5 at the latest, is done at A by 15 and waits until 25 for the break (10 of
/// those minutes are the forced early start): it ends at 25 + 30 + 50 = 105, a duration
/// of 100, cost 60 + 100 = 160. Taking the break after B (left at 25 when starting at 5)
/// removes the wait: home at 95, duration 90, cost 150. Before A the break would make A
/// late; after C it would start past 28.
#[test]
fn break_moves_to_where_the_truck_would_wait() {
    let p = line(25, 28, 1);
    let (env, mut st) = state_with(&p, &[vec![site(0), Visit::Break, site(1), site(2)]]);
    assert_eq!(st.routes[0].duration, Duration(100));
    assert_eq!(st.routes[0].cost, Cost(160));
    let places = break_places(&p, &st.routes[0]);
    assert_eq!(
        places.iter().map(|c| c.after).collect::<Vec<_>>(),
        vec![3],
        "{places:?}"
    );
    assert!(move_break(&env, &mut st, 0));
    assert_eq!(
        st.routes[0].visits,
        vec![site(0), site(1), Visit::Break, site(2)]
    );
    assert_eq!(st.routes[0].cost, Cost(150));
    let report = evaluate_route(&p, st.routes[0].vt, &st.routes[0].visits).expect("feasible");
    assert_eq!((report.duration, report.cost), (Duration(90), Cost(150)));
}

/// The same route with the break window [10, 12]: after A (left at 10) is the only place
/// where the break can start in time (before A it delays A past 15; after B it starts at
/// 20 at the earliest), so nothing is found and the route stays as it is.
#[test]
fn break_stays_when_no_other_place_is_feasible() {
    let p = line(10, 12, 1);
    let visits = vec![site(0), Visit::Break, site(1), site(2)];
    let (env, mut st) = state_with(&p, std::slice::from_ref(&visits));
    let cost = st.routes[0].cost;
    assert!(break_places(&p, &st.routes[0]).is_empty());
    for after in [0, 3, 4] {
        let other = moved(&visits, 2, after);
        assert!(
            evaluate_route(&p, st.routes[0].vt, &other).is_err(),
            "{other:?}"
        );
    }
    assert!(!move_break(&env, &mut st, 0));
    assert_eq!(st.routes[0].visits, visits);
    assert_eq!(st.routes[0].cost, cost);
}

/// A truck without a cost per hour: the break's place changes no cost, so it never moves.
#[test]
fn break_stays_when_time_costs_nothing() {
    let p = line(25, 28, 0);
    let visits = vec![site(0), Visit::Break, site(1), site(2)];
    let (env, mut st) = state_with(&p, std::slice::from_ref(&visits));
    assert!(!move_break(&env, &mut st, 0));
    assert_eq!(st.routes[0].visits, visits);
}

/// Routes of solved random problems (windows, facilities, two streams, a break window
/// [150, 400]) with the break put in every place where the route stays feasible.
fn badly_placed_routes(seed: u64) -> (Problem, Vec<Vec<Visit>>) {
    let p = random_problem(seed, 40, true);
    let sol = wasteroute::solver::solve(&p, &SolverConfig::with_iterations(seed, 60), &mut |_| {});
    let out = sol
        .solution
        .routes
        .iter()
        .flat_map(|r| break_placements(&p, r.vehicle_type, &r.visits, false))
        .collect();
    (p, out)
}

/// The place finder against the full update: a place is listed exactly when the route
/// with the break there is feasible (the fixtures have no maximum duration), on random
/// routes with windows, facilities and the break in every feasible place.
#[test]
fn break_places_agree_with_the_full_update() {
    let mut checked = 0;
    for seed in [11, 12, 13, 14] {
        let (p, routes) = badly_placed_routes(seed);
        for visits in routes {
            let r = cache_of(&p, &visits);
            assert!(r.feasible);
            let at = break_stop(&r).expect("break");
            let listed: Vec<usize> = break_places(&p, &r).iter().map(|c| c.after).collect();
            let mut feasible = Vec::new();
            for after in 0..=visits.len() {
                if after == at || after + 1 == at {
                    continue;
                }
                let mut t = r.clone();
                t.visits = moved(&visits, at, after);
                t.update(&p);
                assert_eq!(
                    t.feasible,
                    evaluate_route(&p, t.vt, &t.visits).is_ok(),
                    "update and full evaluation disagree on {:?}",
                    t.visits
                );
                if t.feasible {
                    feasible.push(after);
                }
                checked += 1;
            }
            assert_eq!(listed, feasible, "route {visits:?}");
        }
    }
    assert!(checked > 200, "too few places checked: {checked}");
}

/// On every badly placed route: the operator keeps the route feasible (full evaluation),
/// never makes it dearer, reports exactly the cost of the full evaluation, keeps the same
/// sites in the same order, and undoes cleanly on rollback.
#[test]
fn break_moves_never_break_a_route() {
    let mut moved_count = 0;
    let mut total = 0;
    for seed in [21, 22, 23, 24] {
        let (p, routes) = badly_placed_routes(seed);
        for visits in routes {
            let (env, mut st) = state_with(&p, std::slice::from_ref(&visits));
            let before = st.routes[0].cost;
            st.begin();
            let changed = move_break(&env, &mut st, 0);
            let r = &st.routes[0];
            let report = evaluate_route(&p, r.vt, &r.visits).expect("still feasible");
            assert_eq!(report.cost, r.cost);
            let sites = |v: &[Visit]| -> Vec<Visit> {
                v.iter().copied().filter(|x| *x != Visit::Break).collect()
            };
            assert_eq!(sites(&r.visits), sites(&visits));
            if changed {
                assert!(
                    r.cost < before,
                    "{:?}: {} -> {}",
                    visits,
                    before.get(),
                    r.cost.get()
                );
                moved_count += 1;
            } else {
                assert_eq!(r.visits, visits);
            }
            st.rollback();
            assert_eq!(st.routes[0].visits, visits);
            assert_eq!(st.routes[0].cost, before);
            total += 1;
        }
    }
    assert!(total > 50, "too few routes: {total}");
    assert!(moved_count > 0, "no break ever moved in {total} routes");
}

/// The solver with break moves on problems with breaks and a cost per hour: the same plan
/// on 1 and 2 threads, accepted by its own check and by the independent checker at the
/// same cost.
#[test]
fn solutions_with_break_moves_are_feasible_and_deterministic() {
    for seed in [31, 32] {
        let p = random_problem(seed, 60, true);
        let one = solve_on_one_and_two_threads(&p, &SolverConfig::with_iterations(seed, 300));
        check_solution(&p, &one.solution).expect("solver's own check");
        let report = wasteroute::checker::check(&p, &one.solution);
        assert!(report.is_feasible(), "checker: {:?}", report.violations);
        assert_eq!(report.cost, one.cost);
        assert!(
            one.solution
                .routes
                .iter()
                .all(|r| r.visits.contains(&Visit::Break))
        );
    }
}

/// Trip moves (src/solver/trip_moves.rs) with breaks: the reload facility at the depot
/// (0, 0) as in Yang's instances, sites of demand 1 at `points`, vehicle types of
/// `(count, cost per distance)` with capacity `capacity` and a 10-minute break that may
/// start any time in [0, 1000].
fn reload_problem_with_break(
    points: &[(f64, f64)],
    vehicles: &[(u32, i64)],
    capacity: i64,
) -> wasteroute::problem::Problem {
    use wasteroute::problem::StreamSet;
    let mut b = Builder::new((0.0, 0.0));
    b.facility((0.0, 0.0), StreamSet::ALL, 0);
    for &pt in points {
        b.site(pt, 1);
    }
    for &(count, per_distance) in vehicles {
        let v = b.vehicles(count, capacity);
        b.vehicles[v].cost_per_distance = Cost(per_distance);
        b.vehicles[v].break_rule = Some(break_rule(10, 0, 1000));
    }
    b.build()
}

const RELOAD: Visit = Visit::Facility(wasteroute::problem::FacilityIdx(0));

/// An expensive truck (2 per unit) with trips to x = 10 and to y = 20, the second holding
/// the break; a cheap truck (1 per unit) with a trip to x = −10. The trip with the break
/// may now leave: it goes to the cheap truck and leaves the break behind (120 + 20 → 40 +
/// 60), then the other trip follows (the expensive truck stays home): the cheap truck
/// drives 20 + 40 + 20 = 80.
#[test]
fn trip_holding_the_break_moves_to_another_vehicle() {
    use wasteroute::solver::trip_moves::improve_trips;
    let p = reload_problem_with_break(
        &[(10.0, 0.0), (0.0, 20.0), (-10.0, 0.0)],
        &[(1, 2), (1, 1)],
        1,
    );
    let (env, mut st) = state_with(
        &p,
        &[
            vec![site(0), RELOAD, site(1), Visit::Break],
            vec![site(2), Visit::Break],
        ],
    );
    assert_eq!(st.cost, Cost(2 * 60 + 20));
    improve_trips(&env, &mut st, &[0]);
    st.recompute_cost(&env);
    assert_eq!(st.cost, Cost(80));
    assert!(st.routes[0].is_empty());
    assert_eq!(st.routes[1].sites, 3);
    check_solution(&p, &st.to_solution(&env)).expect("feasible");
}

/// Sites at x = 10, x = 20 and x = −10, one truck of capacity 2: `10 | break, 20, −10`
/// drives 20 + 60. The boundary shift takes site 20 (and the break before it) into the
/// first trip, `10, break, 20 | −10`, which drives 40 + 20.
#[test]
fn trip_boundary_shift_carries_the_break() {
    use wasteroute::solver::trip_moves::improve_trips;
    let p = reload_problem_with_break(&[(10.0, 0.0), (20.0, 0.0), (-10.0, 0.0)], &[(1, 1)], 2);
    let (env, mut st) = state_with(&p, &[vec![site(0), RELOAD, Visit::Break, site(1), site(2)]]);
    assert_eq!(st.cost, Cost(80));
    improve_trips(&env, &mut st, &[0]);
    st.recompute_cost(&env);
    assert_eq!(st.cost, Cost(60));
    assert_eq!(
        st.routes[0].visits,
        vec![site(0), Visit::Break, site(1), RELOAD, site(2)]
    );
}

/// Trip moves on solved random problems with breaks, each route tried with its break in
/// every feasible place: the plan stays feasible (solver's check), the state's cost is
/// the full evaluation's, and it never goes up. The plans are the greedy start (no search
/// iterations), so there are trips worth moving.
#[test]
fn trip_moves_with_breaks_keep_plans_feasible() {
    use wasteroute::solver::solution_cost;
    use wasteroute::solver::trip_moves::improve_trips;
    let mut tried = 0;
    let mut improved = 0;
    for seed in [41, 42, 43] {
        let p = random_problem(seed, 40, true);
        let sol =
            wasteroute::solver::solve(&p, &SolverConfig::with_iterations(seed, 0), &mut |_| {});
        let ctx = Context::new(&p);
        let env = Env::new(&p, ctx.clone(), unservable(&p, &ctx));
        let mut base = State::empty(&env);
        for r in &sol.solution.routes {
            let slot = env.slot_of(r.vehicle_type, r.vehicle).expect("slot");
            base.set_visits(&env, slot, r.visits.clone());
        }
        let out = base
            .take_unassigned()
            .into_iter()
            .filter(|s| base.route_of[s.index()] == u32::MAX)
            .collect();
        base.set_unassigned(&env, out);
        base.recompute_cost(&env);
        for r in &sol.solution.routes {
            let slot = env.slot_of(r.vehicle_type, r.vehicle).expect("slot");
            for visits in break_placements(&p, r.vehicle_type, &r.visits, true) {
                let mut st = base.clone();
                st.set_visits(&env, slot, visits);
                st.recompute_cost(&env);
                let before = st.cost;
                improve_trips(&env, &mut st, &[slot]);
                st.recompute_cost(&env);
                let plan = st.to_solution(&env);
                check_solution(&p, &plan).expect("trip moves broke the plan");
                assert_eq!(solution_cost(&p, &plan), st.cost);
                assert!(st.cost <= before);
                tried += 1;
                improved += usize::from(st.cost < before);
            }
        }
    }
    assert!(tried > 50, "too few plans: {tried}");
    assert!(improved > 0, "no trip move in {tried} plans");
}

/// The trip moves call `eval_replace` on stretches that hold the break with the break
/// among the inserted visits (carried or left behind). On random routes and random such
/// stretches, its verdict agrees with the full update, and its distance change is exact.
#[test]
fn eval_replace_agrees_when_the_break_is_carried() {
    use rand::{Rng, SeedableRng};
    use wasteroute::solver::evaluate::eval_replace;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
    let mut agreed = 0;
    let mut feasible = 0;
    for seed in [51, 52, 53] {
        let (p, routes) = badly_placed_routes(seed);
        let ctx = Context::new(&p);
        for visits in routes {
            let r = cache_of(&p, &visits);
            let at = break_stop(&r).expect("break");
            let n = r.num_stops();
            for _ in 0..10 {
                let i = rng.random_range(0..at);
                let k = rng.random_range(at + 1..n);
                // The kept stretch's visits, the break put back at a random place in it.
                let mut ins: Vec<Visit> = (i + 1..k)
                    .filter_map(|j| r.visit(j))
                    .filter(|x| *x != Visit::Break)
                    .collect();
                if rng.random_bool(0.5) {
                    ins.reverse();
                }
                ins.insert(rng.random_range(0..=ins.len()), Visit::Break);
                let fast = eval_replace(&p, &ctx, &r, i, k, &ins);
                let mut t = r.clone();
                t.visits = wasteroute::solver::insertion::spliced(&r.visits, i, k, &ins);
                t.update(&p);
                assert_eq!(
                    fast.is_some(),
                    t.feasible,
                    "{:?} -> {:?}",
                    r.visits,
                    t.visits
                );
                if let Some(d) = fast {
                    assert_eq!(d.distance, t.distance - r.distance);
                    feasible += 1;
                }
                agreed += 1;
            }
        }
    }
    assert!(
        agreed > 500 && feasible > 50,
        "{agreed} checked, {feasible} feasible"
    );
}
