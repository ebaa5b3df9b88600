//! Construction on a fleet too large to compare every route at each insertion: it looks
//! only at the routes near each site (and one empty vehicle per type), and must still
//! serve every site of an instance where each site fits somewhere.

mod solver_support;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use solver_support::{Builder, window};
use wasteroute::problem::{EndOfRoute, Loads, Problem, StreamIdx, StreamSet};
use wasteroute::solver::context::Context;
use wasteroute::solver::insertion::{FULL_SCAN_ROUTES, scans_every_route};
use wasteroute::solver::state::Env;
use wasteroute::solver::{check_solution, construct, prechecks};
use wasteroute::units::{Cost, Duration};

/// 400 sites of two streams on a 100 × 100 square, two facilities (one with a daily
/// limit that binds, so candidates need verifying in full), and 160 vehicles of
/// capacity 20 with a fixed cost: far more routes than a full scan is allowed over, and
/// far more vehicles than needed, so every site fits.
fn large_fleet(seed: u64) -> Problem {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut b = Builder::new((50.0, 50.0));
    for _ in 0..400 {
        let p = (rng.random_range(0.0..100.0), rng.random_range(0.0..100.0));
        let s = b.site(p, rng.random_range(1..6));
        b.sites[s].stream = StreamIdx(rng.random_range(0..2));
        b.sites[s].service_time = Duration(2);
    }
    let both = b.facility((20.0, 50.0), StreamSet(0b11), 5);
    let limited = b.facility((80.0, 50.0), StreamSet(0b01), 5);
    // Room for about a third of stream 0 only: the rest must go to the other facility.
    b.facilities[limited].daily_capacity = Some(Loads::single(200));
    let _ = both;
    let v = b.vehicles(160, 20);
    b.vehicles[v].shift = window(0, 600);
    b.vehicles[v].fixed_cost = Cost(500);
    b.vehicles[v].cost_per_duration = Cost(1);
    b.vehicles[v].end_of_route = EndOfRoute::UnloadAtFacility;
    b.build()
}

#[test]
fn restricted_construction_serves_every_site_of_a_large_fleet() {
    for seed in [1, 2, 3] {
        let p = large_fleet(seed);
        let ctx = Context::new(&p);
        let unservable = prechecks::unservable(&p, &ctx);
        assert!(
            unservable.iter().all(Option::is_none),
            "every site fits alone"
        );
        let env = Env::new(&p, ctx, unservable);
        assert!(
            env.slots.len() > FULL_SCAN_ROUTES && !scans_every_route(&env),
            "the fixture must be above the full-scan size"
        );
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let st = construct::initial_state(&env, None, &mut rng);
        let sol = st.to_solution(&env);
        check_solution(&p, &sol).expect("a valid plan");
        assert!(
            sol.unassigned.is_empty(),
            "seed {seed}: {} sites left out",
            sol.unassigned.len()
        );
        // Near routes are compared before a vehicle is opened: nowhere near one per site.
        assert!(
            sol.routes.len() <= 25,
            "seed {seed}: {} vehicles for 400 sites of total demand about 1,200",
            sol.routes.len()
        );
    }
}
