//! How one search iteration grows with the size of a city's night, on the planner's kind
//! of problem rather than a plain CVRP: three streams, three facilities with opening hours
//! and daily intake limits (trips end at a facility, routes come home empty), two vehicle
//! types with a fixed cost, a cost per km and per hour and a break, a fleet sized so that
//! every site can be served (about 25 sites per truck), night windows on part of the sites.
//!
//! - `city_iteration/{1000,3000,10000}`: one ruin-and-recreate iteration (ruin, recreate,
//!   local search, acceptance, fleet phase when due) of one chain, from the constructed
//!   state, on a fixed seed. The ratio between sizes is the growth per iteration.
//! - `city_construction/{1000,3000,10000}`: the starting solution alone (greedy insertion
//!   of every site); it must grow about linearly. Measured (2 cores, shared): 75 ms /
//!   196 ms / 749 ms.
//!
//! Measured (2 cores, other work running): 146 ms / 995 ms / 3.2 s per iteration while
//! every unassigned site was tried against every route each iteration; 5.6 ms / 40 ms /
//! 174 ms once insertion skips the routes a site is known not to fit in
//! (`solver::state::Unfit`). About a quarter of the sites stay unassigned after
//! construction at every size: the fleet of 25 sites per truck is tight.
//!
//! The 30,000-site case needs dense matrices of 30,001² entries (about 14 GB for time and
//! distance, plus the compact copy), more than this bench may take on a 24 GB machine; it
//! runs only with `WASTEROUTE_BENCH_30K=1`. Run: `cargo bench --bench city_scaling`.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use wasteroute::problem::{
    BreakRule, Depot, EndOfRoute, Facility, Loads, LocationIdx, Matrix, Objective, Problem,
    ProblemParts, Site, StreamIdx, StreamSet, TimeWindow, TravelMatrices, VehicleType,
};
use wasteroute::solver::construct::initial_state;
use wasteroute::solver::context::Context;
use wasteroute::solver::prechecks::unservable;
use wasteroute::solver::search::{Budget, Chain};
use wasteroute::solver::state::Env;
use wasteroute::units::{Cost, Distance, Duration};

/// Seconds after noon on the plan's time line (the planner's convention).
const fn clock(h: i64, m: i64) -> Duration {
    Duration((h - 12) * 3600 + m * 60)
}

/// A night of `n` sites in a 20 km × 20 km city (metres; 30 km/h on straight lines times
/// 1.3 for the street detour).
fn city(n: usize, seed: u64) -> Problem {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let facilities = 3;
    let depots = 2;
    let locations = depots + facilities + n;
    let points: Vec<(f64, f64)> = (0..locations)
        .map(|_| {
            (
                rng.random_range(0.0..20_000.0),
                rng.random_range(0.0..20_000.0),
            )
        })
        .collect();
    let mut time = Matrix::filled(locations, Duration(0));
    let mut distance = Matrix::filled(locations, Distance(0));
    for (i, a) in points.iter().enumerate() {
        for (j, b) in points.iter().enumerate() {
            let metres = 1.3 * ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
            let (from, to) = (LocationIdx::new(i), LocationIdx::new(j));
            distance.set(from, to, Distance(metres.round() as i64));
            time.set(from, to, Duration((metres / 8.33).round() as i64));
        }
    }
    let night = TimeWindow::new(clock(22, 0), clock(31, 0));
    let shift = TimeWindow::new(clock(23, 0), clock(30, 30));
    let sites: Vec<Site> = (0..n)
        .map(|i| {
            let stream = StreamIdx((i % 3) as u8);
            let kg = match stream.0 {
                0 => rng.random_range(20..80),
                1 => rng.random_range(60..200),
                _ => rng.random_range(100..300),
            };
            // A fifth of the sites must be emptied before 02:00 (markets, schools).
            let windows = if rng.random_range(0..5) == 0 {
                vec![TimeWindow::new(clock(23, 0), clock(26, 0))]
            } else {
                vec![night]
            };
            Site {
                location: LocationIdx::new(depots + facilities + i),
                demand: Loads::single(kg),
                service_time: Duration(rng.random_range(120..300)),
                windows,
                stream,
                allowed_vehicle_types: None,
                release_time: Duration::ZERO,
                prize: None,
            }
        })
        .collect();
    let total_kg: i64 = sites.iter().map(|s| s.demand.0[0].get()).sum();
    let facility = |i: usize, accepts: StreamSet| Facility {
        location: LocationIdx::new(depots + i),
        windows: vec![night],
        unload_time: Duration(900),
        accepts,
        daily_capacity: Some(Loads::single(total_kg)),
    };
    let only = |s: u8| StreamSet::only(StreamIdx(s));
    let facilities_list = vec![
        facility(0, StreamSet(only(1).0 | only(2).0)),
        facility(1, only(1)),
        facility(2, StreamSet(only(0).0 | only(2).0)),
    ];
    let trucks = (n / 25).max(2) as u32;
    let vehicle = |depot: usize, count: u32, capacity: i64, fixed: i64| VehicleType {
        count,
        start_depot: wasteroute::problem::DepotIdx::new(depot),
        end_depot: wasteroute::problem::DepotIdx::new(depot),
        capacity: Loads::single(capacity),
        shift,
        max_duration: Duration::INFINITE,
        max_distance: Distance::INFINITE,
        max_total_load: Loads::INFINITE,
        max_sites: u32::MAX,
        break_rule: Some(BreakRule {
            duration: Duration(1800),
            window: TimeWindow::new(clock(25, 30), clock(27, 30)),
        }),
        fixed_cost: Cost(fixed * 1_000_000),
        cost_per_distance: Cost(1_400),
        cost_per_duration: Cost(7_778),
        profile: wasteroute::problem::ProfileIdx(0),
        streams: StreamSet::ALL,
        facilities: None,
        end_of_route: EndOfRoute::UnloadAtFacility,
    };
    Problem::new(ProblemParts {
        profiles: vec![TravelMatrices { time, distance }],
        depots: (0..depots)
            .map(|d| Depot {
                location: LocationIdx::new(d),
                window: night,
            })
            .collect(),
        facilities: facilities_list,
        sites,
        vehicle_types: vec![
            vehicle(0, trucks.div_ceil(2), 6_000, 120),
            vehicle(1, trucks.div_ceil(2), 2_000, 60),
        ],
        objective: Objective {
            unassigned_penalty: Cost(10_000 * 1_000_000),
        },
    })
    .expect("the generated city is a valid problem")
}

fn city_iteration(c: &mut Criterion) {
    let mut sizes = vec![1_000, 3_000, 10_000];
    if std::env::var_os("WASTEROUTE_BENCH_30K").is_some() {
        sizes.push(30_000);
    }
    let mut group = c.benchmark_group("city_iteration");
    group.sample_size(10);
    for n in sizes {
        let p = city(n, 2026);
        let ctx = Context::new(&p);
        let env = Env::new(&p, ctx.clone(), unservable(&p, &ctx));
        let initial = initial_state(&env, None, &mut ChaCha8Rng::seed_from_u64(1));
        let unassigned = initial.unassigned.len();
        let used = initial.routes.iter().filter(|r| !r.is_empty()).count();
        eprintln!(
            "city {n}: {used} of {} vehicles used, {unassigned} unassigned after construction",
            p.vehicle_types()
                .iter()
                .map(|v| v.count as usize)
                .sum::<usize>(),
        );
        group.bench_function(n.to_string(), |b| {
            b.iter_batched_ref(
                || Chain::new(&env, &initial, 4, Budget::Iterations(u64::MAX)),
                |ch| ch.step(&env),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

/// Construction alone (greedy insertion of every site into an empty plan), so that a
/// blow-up of construction shows: it scanned every route before opening a vehicle, 80 s
/// for 20,000 jobs on Porto; now near-linear.
fn city_construction(c: &mut Criterion) {
    let mut group = c.benchmark_group("city_construction");
    group.sample_size(10);
    for n in [1_000, 3_000, 10_000] {
        let p = city(n, 2026);
        let ctx = Context::new(&p);
        let env = Env::new(&p, ctx.clone(), unservable(&p, &ctx));
        group.bench_function(n.to_string(), |b| {
            b.iter(|| initial_state(&env, None, &mut ChaCha8Rng::seed_from_u64(1)))
        });
    }
    group.finish();
}

criterion_group!(scaling, city_iteration, city_construction);
criterion_main!(scaling);
