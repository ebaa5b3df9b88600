//! The solver and the checker implement the route semantics apart. On random small
//! problems that use every rule at once (disposal trips, two streams, several windows,
//! release times, a break, daily limits, facility capacities, a duration cost), every
//! solution the solver returns must pass the checker, and both must agree on its cost.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use wasteroute::checker::check;
use wasteroute::problem::*;
use wasteroute::solver::{SolverConfig, solve};
use wasteroute::units::{Cost, Distance, Duration, Load};

fn random_problem(seed: u64) -> Problem {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let n_sites = rng.random_range(6..14);
    // Locations: depot, two facilities, then the sites.
    let n = 3 + n_sites;
    let points: Vec<(i64, i64)> = (0..n)
        .map(|_| (rng.random_range(0..100), rng.random_range(0..100)))
        .collect();
    let mut time = Matrix::filled(n, Duration::ZERO);
    let mut distance = Matrix::filled(n, Distance::ZERO);
    for (i, a) in points.iter().enumerate() {
        for (j, b) in points.iter().enumerate() {
            let d = (((a.0 - b.0).pow(2) + (a.1 - b.1).pow(2)) as f64)
                .sqrt()
                .round() as i64;
            time.set(
                LocationIdx::new(i),
                LocationIdx::new(j),
                Duration(d + d / 2),
            );
            distance.set(LocationIdx::new(i), LocationIdx::new(j), Distance(d));
        }
    }
    let w = |a: i64, b: i64| TimeWindow::new(Duration(a), Duration(b));
    let sites = (0..n_sites)
        .map(|i| {
            let start = rng.random_range(0..600);
            let windows = if rng.random_bool(0.3) {
                vec![w(start, start + 60), w(start + 150, start + 400)]
            } else {
                vec![w(start, start + rng.random_range(100..600))]
            };
            Site {
                location: LocationIdx::new(3 + i),
                demand: Loads([
                    Load(rng.random_range(1..6)),
                    Load(rng.random_range(0..3)),
                    Load(0),
                ]),
                service_time: Duration(rng.random_range(0..15)),
                windows,
                stream: StreamIdx(u8::from(rng.random_bool(0.3))),
                allowed_vehicle_types: None,
                release_time: if rng.random_bool(0.2) {
                    Duration(rng.random_range(0..300))
                } else {
                    Duration::ZERO
                },
                prize: None,
            }
        })
        .collect();
    let facilities = vec![
        Facility {
            location: LocationIdx(1),
            windows: vec![w(0, 500), w(600, 1400)],
            unload_time: Duration(10),
            accepts: StreamSet::ALL,
            daily_capacity: Some(Loads([Load(20), Load(100), Load(100)])),
        },
        Facility {
            location: LocationIdx(2),
            windows: vec![w(0, 1400)],
            unload_time: Duration(5),
            accepts: StreamSet::only(StreamIdx(0)),
            daily_capacity: None,
        },
    ];
    let collector = VehicleType {
        count: 2,
        start_depot: DepotIdx(0),
        end_depot: DepotIdx(0),
        capacity: Loads([Load(10), Load(6), Load(100)]),
        shift: w(0, 1400),
        max_duration: Duration(900),
        max_distance: Distance(700),
        max_total_load: Loads([Load(25), Load(100), Load(100)]),
        max_sites: 7,
        break_rule: Some(BreakRule {
            duration: Duration(30),
            window: w(200, 500),
        }),
        fixed_cost: Cost(200),
        cost_per_distance: Cost(3),
        cost_per_duration: Cost(1),
        profile: ProfileIdx(0),
        streams: StreamSet::ALL,
        facilities: None,
        end_of_route: EndOfRoute::UnloadAtFacility,
    };
    let shuttle = VehicleType {
        count: 1,
        capacity: Loads([Load(8), Load(4), Load(100)]),
        max_duration: Duration::INFINITE,
        max_distance: Distance::INFINITE,
        max_total_load: Loads::INFINITE,
        max_sites: u32::MAX,
        break_rule: None,
        fixed_cost: Cost(150),
        cost_per_duration: Cost(2),
        streams: StreamSet::only(StreamIdx(0)),
        facilities: Some(vec![FacilityIdx(1)]),
        end_of_route: EndOfRoute::DepotUnloads,
        ..collector.clone()
    };
    Problem::new(ProblemParts {
        profiles: vec![TravelMatrices { time, distance }],
        depots: vec![Depot {
            location: LocationIdx(0),
            window: w(0, 1400),
        }],
        facilities,
        sites,
        vehicle_types: vec![collector, shuttle],
        objective: Objective {
            unassigned_penalty: Cost(100_000),
        },
    })
    .unwrap()
}

#[test]
fn solver_solutions_pass_the_checker_at_the_same_cost() {
    let (mut served, mut sites, mut trips, mut routes) = (0, 0, 0, 0);
    for seed in 0..40 {
        let problem = random_problem(seed);
        let mut config = SolverConfig::with_iterations(seed, 300);
        config.threads = 1;
        let result = solve(&problem, &config, &mut |_| {});
        let report = check(&problem, &result.solution);
        assert!(
            report.is_feasible(),
            "seed {seed}: {:#?}\n{:#?}",
            report.violations,
            result.solution
        );
        assert_eq!(
            report.cost, result.cost,
            "seed {seed}: checker and solver disagree on the cost of {:#?}\n{:#?}",
            result.solution, report.routes
        );
        served += problem.sites().len() - report.unassigned;
        sites += problem.sites().len();
        routes += report.routes.len();
        trips += report.routes.iter().map(|r| r.trips).sum::<u32>();
    }
    println!("{served} of {sites} sites served, {routes} routes, {trips} trips");
    // The problems are meant to be mostly servable, so the comparison covers real routes.
    assert!(served > 200, "only {served} sites served over all seeds");
}
