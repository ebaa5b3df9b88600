//! Tiny problems built in code for the solver tests: points on a plane, travel time and
//! distance both the rounded Euclidean distance (1 unit = 1 minute = 1 metre).
#![allow(dead_code)]

pub mod moves;

use wasteroute::problem::{
    BreakRule, Depot, EndOfRoute, Facility, Loads, LocationIdx, Matrix, Objective, Problem,
    ProblemParts, Site, StreamIdx, StreamSet, TimeWindow, TravelMatrices, VehicleType,
};
use wasteroute::solution::Visit;
use wasteroute::solver::context::Context;
use wasteroute::solver::prechecks::unservable;
use wasteroute::solver::state::{Env, State};
use wasteroute::units::{Cost, Distance, Duration, Load};

/// A problem under construction. Location 0 is the depot.
pub struct Builder {
    pub points: Vec<(f64, f64)>,
    pub facilities: Vec<Facility>,
    pub sites: Vec<Site>,
    pub vehicles: Vec<VehicleType>,
}

impl Builder {
    pub fn new(depot: (f64, f64)) -> Self {
        Builder {
            points: vec![depot],
            facilities: Vec::new(),
            sites: Vec::new(),
            vehicles: Vec::new(),
        }
    }

    fn point(&mut self, p: (f64, f64)) -> LocationIdx {
        self.points.push(p);
        LocationIdx::new(self.points.len() - 1)
    }

    /// A site with demand `demand`, service 0, always open, stream 0.
    pub fn site(&mut self, p: (f64, f64), demand: i64) -> usize {
        let location = self.point(p);
        self.sites.push(Site {
            location,
            demand: Loads::single(demand),
            service_time: Duration(0),
            windows: vec![TimeWindow::new(Duration(0), Duration(1_000_000))],
            stream: StreamIdx(0),
            allowed_vehicle_types: None,
            release_time: Duration(0),
            prize: None,
        });
        self.sites.len() - 1
    }

    /// A facility open all day accepting `streams`, unloading in `unload` minutes.
    pub fn facility(&mut self, p: (f64, f64), streams: StreamSet, unload: i64) -> usize {
        let location = self.point(p);
        self.facilities.push(Facility {
            location,
            windows: vec![TimeWindow::new(Duration(0), Duration(1_000_000))],
            unload_time: Duration(unload),
            accepts: streams,
            daily_capacity: None,
        });
        self.facilities.len() - 1
    }

    /// `count` vehicles of capacity `capacity`, cost = distance, depot unloads.
    pub fn vehicles(&mut self, count: u32, capacity: i64) -> usize {
        self.vehicles.push(VehicleType::plain(
            count,
            Loads::single(capacity),
            TimeWindow::new(Duration(0), Duration(1_000_000)),
        ));
        self.vehicles.len() - 1
    }

    pub fn build(self) -> Problem {
        let n = self.points.len();
        let mut time = Matrix::filled(n, Duration(0));
        let mut distance = Matrix::filled(n, Distance(0));
        for (i, a) in self.points.iter().enumerate() {
            for (j, b) in self.points.iter().enumerate() {
                let d = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt().round() as i64;
                time.set(LocationIdx::new(i), LocationIdx::new(j), Duration(d));
                distance.set(LocationIdx::new(i), LocationIdx::new(j), Distance(d));
            }
        }
        Problem::new(ProblemParts {
            profiles: vec![TravelMatrices { time, distance }],
            depots: vec![Depot {
                location: LocationIdx(0),
                window: TimeWindow::new(Duration(0), Duration(1_000_000)),
            }],
            facilities: self.facilities,
            sites: self.sites,
            vehicle_types: self.vehicles,
            objective: Objective {
                unassigned_penalty: Cost(1_000_000),
            },
        })
        .expect("valid fixture")
    }
}

pub fn window(start: i64, end: i64) -> TimeWindow {
    TimeWindow::new(Duration(start), Duration(end))
}

pub fn break_rule(duration: i64, start: i64, end: i64) -> BreakRule {
    BreakRule {
        duration: Duration(duration),
        window: window(start, end),
    }
}

pub fn load(v: i64) -> Loads {
    Loads([Load(v), Load(0), Load(0)])
}

/// A random problem with `n` sites on a 100×100 square, for property-style tests.
pub fn random_problem(seed: u64, n: usize, with_facilities: bool) -> Problem {
    random_problem_with(seed, n, with_facilities, false)
}

/// Like [`random_problem`]; with `releases`, a third of the sites have a release time.
pub fn random_problem_with(seed: u64, n: usize, with_facilities: bool, releases: bool) -> Problem {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut b = Builder::new((50.0, 50.0));
    for _ in 0..n {
        let p = (rng.random_range(0.0..100.0), rng.random_range(0.0..100.0));
        let s = b.site(p, rng.random_range(1..10));
        let start = rng.random_range(0..300);
        b.sites[s].windows = vec![window(start, start + rng.random_range(30..400))];
        b.sites[s].service_time = Duration(rng.random_range(0..10));
        b.sites[s].stream = StreamIdx(if with_facilities {
            rng.random_range(0..2)
        } else {
            0
        });
        if releases && rng.random_bool(0.33) {
            b.sites[s].release_time = Duration(rng.random_range(0..200));
        }
    }
    if with_facilities {
        b.facility((10.0, 10.0), StreamSet(0b01), 5);
        b.facility((90.0, 90.0), StreamSet(0b11), 5);
        b.facility((90.0, 10.0), StreamSet(0b10), 5);
    }
    let v = b.vehicles((n / 3).max(1) as u32, 25);
    b.vehicles[v].shift = window(0, 800);
    b.vehicles[v].cost_per_duration = Cost(1);
    b.vehicles[v].fixed_cost = Cost(100);
    if with_facilities {
        b.vehicles[v].end_of_route = EndOfRoute::UnloadAtFacility;
        b.vehicles[v].break_rule = Some(break_rule(30, 150, 400));
    }
    b.build()
}

/// Solves `problem` with 1 and then 2 threads under `config` (its `threads` is
/// overwritten), asserts both give the same plan and cost, and returns the 1-thread result.
pub fn solve_on_one_and_two_threads(
    problem: &Problem,
    config: &wasteroute::solver::SolverConfig,
) -> wasteroute::solver::SolveResult {
    let mut config = config.clone();
    config.threads = 1;
    let one = wasteroute::solver::solve(problem, &config, &mut |_| {});
    config.threads = 2;
    let two = wasteroute::solver::solve(problem, &config, &mut |_| {});
    assert_eq!(
        one.solution, two.solution,
        "the thread count changed the plan"
    );
    assert_eq!(one.cost, two.cost, "the thread count changed the cost");
    one
}

/// A state of `p` with the given routes (slot order) and every other site unassigned.
pub fn state_with<'a>(p: &'a Problem, routes: &[Vec<Visit>]) -> (Env<'a>, State) {
    let ctx = Context::new(p);
    let env = Env::new(p, ctx.clone(), unservable(p, &ctx));
    let mut st = State::empty(&env);
    for (slot, visits) in routes.iter().enumerate() {
        st.set_visits(&env, slot, visits.clone());
        assert!(st.routes[slot].feasible, "fixture route {slot}");
    }
    let out = st
        .take_unassigned()
        .into_iter()
        .filter(|s| st.route_of[s.index()] == u32::MAX)
        .collect();
    st.set_unassigned(&env, out);
    st.recompute_cost(&env);
    (env, st)
}
