//! Solver benches on generated instances with a fixed seed:
//! - `construction`: prechecks + greedy insertion of every site (200 sites);
//! - `ruin_recreate_step`: one ruin-and-recreate iteration from a constructed solution;
//! - `solve_1000_iterations`: a whole solve with a fixed budget (100 sites);
//! - `local_search_descent/{200,1000}`: one local-search descent over every site from the
//!   constructed (greedy) solution, with the default limits;
//! - `scaling/1000_iterations/{100,1000,5000}`: time per 1,000 iterations of one chain;
//! - `two_opt_all_routes/{200,1000}`: intra-route 2-opt on every route of the constructed
//!   solution (a reversal is checked in O(reversed length) by `eval_reversal`);
//! - `route_cache_update/1000`: `RouteCache::update` of every route of that solution;
//! - `swap_tails_neighbours/{200,1000}`: 2-opt* evaluated (`swap_tails::evaluate`) for
//!   every site and each of its 10 nearest neighbours in another route, both moves the
//!   descent tries, on the constructed solution (each side joined in O(1) by `eval_join`).
//!
//! Run with `cargo bench --bench solver` (the 5,000-site case needs ~0.5 GB for matrices).

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::hint::black_box;
use wasteroute::problem::{
    Depot, Loads, LocationIdx, Matrix, Objective, Problem, ProblemParts, Site, SiteIdx, StreamIdx,
    TimeWindow, TravelMatrices, VehicleType,
};
use wasteroute::solution::Visit;
use wasteroute::solver::construct::initial_state;
use wasteroute::solver::context::Context;
use wasteroute::solver::local_search::swap_tails::{self, SwapTails};
use wasteroute::solver::local_search::two_opt::two_opt;
use wasteroute::solver::local_search::{Params, descend};
use wasteroute::solver::prechecks::unservable;
use wasteroute::solver::search::{Budget, Chain};
use wasteroute::solver::state::{Env, State};
use wasteroute::solver::{SolverConfig, solve};
use wasteroute::units::{Cost, Distance, Duration};

/// `n` sites on a 1000×1000 square, demand 1–10, capacity 100, wide time windows.
fn generated(n: usize, seed: u64) -> Problem {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let points: Vec<(f64, f64)> = (0..=n)
        .map(|_| (rng.random_range(0.0..1000.0), rng.random_range(0.0..1000.0)))
        .collect();
    let mut time = Matrix::filled(n + 1, Duration(0));
    let mut distance = Matrix::filled(n + 1, Distance(0));
    for (i, a) in points.iter().enumerate() {
        for (j, b) in points.iter().enumerate() {
            let d = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt().round() as i64;
            time.set(LocationIdx::new(i), LocationIdx::new(j), Duration(d));
            distance.set(LocationIdx::new(i), LocationIdx::new(j), Distance(d));
        }
    }
    let horizon = 20_000;
    let sites = (1..=n)
        .map(|i| {
            let start = rng.random_range(0..horizon / 2);
            Site {
                location: LocationIdx::new(i),
                demand: Loads::single(rng.random_range(1..=10)),
                service_time: Duration(10),
                windows: vec![TimeWindow::new(
                    Duration(start),
                    Duration(start + horizon / 4),
                )],
                stream: StreamIdx(0),
                allowed_vehicle_types: None,
                release_time: Duration(0),
                prize: None,
            }
        })
        .collect();
    let window = TimeWindow::new(Duration(0), Duration(horizon));
    Problem::new(ProblemParts {
        profiles: vec![TravelMatrices { time, distance }],
        depots: vec![Depot {
            location: LocationIdx(0),
            window,
        }],
        facilities: Vec::new(),
        sites,
        vehicle_types: vec![VehicleType {
            fixed_cost: Cost(1000),
            ..VehicleType::plain(n as u32, Loads::single(100), window)
        }],
        objective: Objective {
            unassigned_penalty: Cost(1_000_000_000),
        },
    })
    .expect("generated problem is valid")
}

/// The bench group `group` with one bench per size, 200 and 1000 sites (named by the
/// size): each times `step` on a fresh copy of the constructed (greedy) state of
/// `generated(n, seed)`, given every site and the slots of the routes in use (what it
/// returns is handed to criterion, which keeps it from being optimised away).
fn on_constructed_states<O>(
    c: &mut Criterion,
    group: &str,
    seed: u64,
    step: impl Fn(&Env<'_>, &mut State, &[SiteIdx], &[usize]) -> O,
) {
    let mut group = c.benchmark_group(group);
    for n in [200, 1000] {
        let p = generated(n, seed);
        let ctx = Context::new(&p);
        let env = Env::new(&p, ctx.clone(), unservable(&p, &ctx));
        let initial = initial_state(&env, None, &mut ChaCha8Rng::seed_from_u64(1));
        let every: Vec<SiteIdx> = (0..n).map(SiteIdx::new).collect();
        let used: Vec<usize> = (0..initial.routes.len())
            .filter(|&s| !initial.routes[s].is_empty())
            .collect();
        group.bench_function(n.to_string(), |b| {
            b.iter_batched_ref(
                || initial.clone(),
                |st| step(&env, st, &every, &used),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    let p200 = generated(200, 1);
    c.bench_function("construction", |b| {
        b.iter(|| {
            solve(
                black_box(&p200),
                &SolverConfig::with_iterations(1, 0),
                &mut |_| {},
            )
        })
    });

    let env = Env::new(
        &p200,
        Context::new(&p200),
        unservable(&p200, &Context::new(&p200)),
    );
    let initial = initial_state(&env, None, &mut ChaCha8Rng::seed_from_u64(1));
    let chain = Chain::new(&env, &initial, 1, Budget::Iterations(u64::MAX));
    c.bench_function("ruin_recreate_step", |b| {
        b.iter_batched_ref(
            || Chain::new(&env, &chain.current, 2, Budget::Iterations(u64::MAX)),
            |ch| ch.step(&env),
            BatchSize::SmallInput,
        )
    });

    let p100 = generated(100, 2);
    c.bench_function("solve_1000_iterations", |b| {
        b.iter(|| {
            let mut config = SolverConfig::with_iterations(3, 1000);
            config.threads = 1;
            solve(black_box(&p100), &config, &mut |_| {})
        })
    });

    on_constructed_states(c, "local_search_descent", 5, |env, st, every, used| {
        descend(env, st, every, used, &Params::default())
    });

    on_constructed_states(c, "two_opt_all_routes", 6, |env, st, _, used| {
        for &slot in used {
            two_opt(env, st, slot);
        }
    });

    let p = generated(1000, 7);
    let ctx = Context::new(&p);
    let env = Env::new(&p, ctx.clone(), unservable(&p, &ctx));
    let mut routes = initial_state(&env, None, &mut ChaCha8Rng::seed_from_u64(1)).routes;
    routes.retain(|r| !r.is_empty());
    c.bench_function("route_cache_update/1000", |b| {
        b.iter(|| {
            for r in routes.iter_mut() {
                r.update(black_box(&p));
            }
        })
    });

    let mut group = c.benchmark_group("scaling/1000_iterations");
    group.sample_size(10);
    for n in [100, 1000, 5000] {
        let p = generated(n, 3);
        let ctx = Context::new(&p);
        let env = Env::new(&p, ctx.clone(), unservable(&p, &ctx));
        let initial = initial_state(&env, None, &mut ChaCha8Rng::seed_from_u64(1));
        group.bench_function(n.to_string(), |b| {
            b.iter_batched_ref(
                || Chain::new(&env, &initial, 4, Budget::Iterations(u64::MAX)),
                |ch| ch.run(&env, 1000, None),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

/// See the module docs: the 2-opt* moves of the descent's candidate pairs, evaluated.
fn swap_tails_neighbours(c: &mut Criterion) {
    let mut group = c.benchmark_group("swap_tails_neighbours");
    for n in [200, 1000] {
        let p = generated(n, 8);
        let ctx = Context::new(&p);
        let env = Env::new(&p, ctx.clone(), unservable(&p, &ctx));
        let st = initial_state(&env, None, &mut ChaCha8Rng::seed_from_u64(1));
        let mut pos = vec![(0usize, 0usize); n];
        for (slot, r) in st.routes.iter().enumerate() {
            for (k, x) in r.visits.iter().enumerate() {
                if let Visit::Site(s) = x {
                    pos[s.index()] = (slot, k + 1);
                }
            }
        }
        let mut moves = Vec::new();
        for u in 0..n {
            let (ru, pu) = pos[u];
            for v in env.ctx.neighbours[u].iter().take(10) {
                let (rv, pv) = pos[v.index()];
                if ru != rv {
                    for j in [pv, pv - 1] {
                        moves.push(SwapTails {
                            u: ru,
                            i: pu,
                            v: rv,
                            j,
                        });
                    }
                }
            }
        }
        group.bench_function(n.to_string(), |b| {
            b.iter(|| {
                let mut work = 0;
                let feasible = moves
                    .iter()
                    .filter(|m| swap_tails::evaluate(&env, &st, m, &mut work).is_some())
                    .count();
                black_box((feasible, work))
            })
        });
    }
    group.finish();
}

criterion_group!(solver, benches, swap_tails_neighbours);
criterion_main!(solver);
