//! The collection route solver.
//!
//! It works on a [`Problem`] (integer matrices and indices only) and returns a
//! [`Solution`]: routes with explicit facility visits (the solver chooses which facility
//! each trip uses and where trips split) and breaks, and the sites it could not serve, each
//! with the most specific [`crate::solution::UnassignedReason`].
//!
//! # How it searches
//! 1. [`prechecks`]: sites no vehicle could serve even alone are set aside with a reason.
//! 2. [`construct`]: the warm start's routes where they still hold, then greedy insertion.
//! 3. [`fleet`]: when vehicles carry a fixed cost, each chain first spends up to half its
//!    budget eliminating routes (SISR's fleet minimisation with absence counters); it
//!    stops early at a lower bound or after 15 % of the budget without an elimination.
//! 4. [`search`]: ruin and recreate — four ruins ([`ruin`]: SISR strings, random, worst,
//!    related) and greedy insertion with blinks ([`recreate`]) or, now and then, regret
//!    insertion ([`regret`]); both open trips with facility visits, re-pick each trip's
//!    facility and merge trips — then a local-search descent around the reinserted sites
//!    ([`local_search`]: relocate and or-opt, swap and segment exchange, 2-opt*,
//!    intra-route 2-opt), with simulated-annealing acceptance ([`accept`]). On
//!    time-window instances of 200 sites or more the annealing runs three times hotter,
//!    and from 500 sites the ruins grow with the instance (`sites / 50`); other instances
//!    keep SISR's settings ([`search::has_time_windows`]).
//!    After that, the changed routes get trip-level moves ([`trip_moves`]): a whole trip
//!    to another vehicle, trips reordered, a trip boundary shifted; and their breaks move
//!    to where they make the truck wait least ([`break_moves`]).
//!    With optional sites ([`Site::prize`](crate::problem::Site::prize), the
//!    prize-collecting VRP) every insertion takes an optional site only where it costs
//!    less than its prize; each step exchanges left-out sites with served neighbours in
//!    place where that pays ([`prize_swap`]: the knapsack step when routes are full) and
//!    drops from the changed routes the optional sites that cost more than they bring;
//!    half the steps open a vehicle for a cluster of left-out optional sites that pays
//!    only as a group, and one in twenty ruins a whole route instead ([`prizes`]). A
//!    step tries again only the left-out sites near what its ruin took out
//!    ([`prize_retry`]).
//! 5. [`parallel`]: a fixed number of independent chains on a rayon pool; the best by
//!    (cost, chain index) wins, so the thread count never changes the result.
//!
//! Every move is checked in constant time against cached forward/backward summaries of the
//! route ([`route`], [`evaluate`]), release times included, reading a compact 32-bit copy
//! of the matrices where every entry fits ([`arcs`]); when the problem has rules
//! those checks do not cover (a binding maximum duration, facility daily capacities), the
//! chosen move is verified in full first. [`full_eval`] is the slow, obviously correct evaluation that
//! tests compare the fast one with; every returned solution passes it.
//!
//! # Limits (known, not hidden)
//! - Local search looks only at each reinserted site's 10 nearest neighbours, stops at a
//!   work cap, and has no move of trip boundaries or facility choice of its own (those
//!   change through insertion and [`insertion::improve_facilities`]). Its feasibility
//!   checks are linear in the moved stretch (a 2-opt* tail, an intra-route relocation
//!   span), not constant time; with a distance-only cost an exact distance test comes
//!   first (constant time for runs of an existing route, from cumulative distances) and
//!   filters most moves.
//! - A binding maximum duration is not part of the constant-time checks (moves are then
//!   verified in full); release times are.
//! - The break moves on its own ([`break_moves`]) only when the vehicle has a cost per
//!   hour, and only to places that do not delay the rest of the route; otherwise it moves
//!   as sites are inserted or removed around it.
//! - When choosing an insertion, the duration part of the cost is estimated (the shift of
//!   the next stop's earliest arrival); acceptance always uses exact route costs.
//! - Vehicles are minimised through `fixed_cost` and the fleet phase, which treats fewer
//!   vehicles as better whatever the fixed cost: with modest fixed costs it may spend its
//!   share of the budget on fleets that do not pay; the distance phase then starts from
//!   the smaller fleet, but the best solution by cost is what is returned.
//! - The split between fleet and distance phases is fixed (at most half the budget); there
//!   is no vehicle-count target from the caller.
//! - Optional sites: the fleet phase starts only once every servable site is served, so
//!   with optional sites left out (the usual case) vehicles are not minimised beyond
//!   what their fixed cost makes the distance phase do. A left-out optional site is
//!   tried again only when the ruin took out one of its 16 nearest sites (against the
//!   routes changed since, see `state::Unfit`), and the exchange with a served site is
//!   in place only (same stop), with its 16 nearest.
//! - Ruins are chosen with fixed weights, not adaptively; regret insertion looks at the
//!   routes of each site's nearest sites only (greedy insertion is the fallback).

pub mod accept;
pub mod arcs;
pub mod break_moves;
pub mod config;
pub mod construct;
pub mod context;
pub mod evaluate;
pub mod fleet;
pub mod full_eval;
pub mod insertion;
pub mod local_search;
pub mod parallel;
pub mod prechecks;
pub mod prize_retry;
pub mod prize_swap;
pub mod prizes;
pub mod recreate;
pub mod regret;
pub mod retype;
pub mod route;
pub mod ruin;
pub mod search;
pub mod state;
pub mod trip_moves;

pub use config::{DEFAULT_ITERATIONS, Progress, SolveResult, SolverConfig};
pub use full_eval::{check_solution, evaluate_route, solution_cost};

use crate::problem::Problem;
use crate::solution::{Solution, Unassigned, UnassignedReason, Visit};
use crate::units::Cost;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::time::Instant;

/// Solves `problem` within the limits of `config`, calling `on_progress` now and then.
///
/// The same problem, seed and `max_iterations` give the same solution for any `threads`
/// (as long as the time limit, if any, is not reached first).
pub fn solve(
    problem: &Problem,
    config: &SolverConfig,
    on_progress: &mut dyn FnMut(&Progress),
) -> SolveResult {
    let start = Instant::now();
    let ctx = context::Context::new(problem);
    let unservable = prechecks::unservable(problem, &ctx);
    let mut env = state::Env::new(problem, ctx, unservable);
    if let Some(warm) = &config.warm_start {
        construct::note_warm_vehicles(&mut env, warm);
        env.stability_weight = config.stability_weight;
    }
    if !config.local_search {
        env.local_search = None;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(parallel::chain_seed(config.seed, usize::MAX));
    let initial = construct::initial_state(&env, config.warm_start.as_ref(), &mut rng);
    let chains = parallel::run_chains(&env, &initial, config, start, on_progress);
    let best = parallel::best_chain(&chains);
    let iterations = chains.iter().map(|c| c.iterations).sum();
    let solution = drop_invalid_routes(problem, chains[best].best.clone());
    let cost = solution_cost(problem, &solution) + stability_cost(&env, &solution);
    SolveResult {
        solution,
        cost,
        iterations,
        elapsed: start.elapsed(),
    }
}

/// The stability term of `solution` against the warm start recorded in `env`.
fn stability_cost(env: &state::Env, solution: &Solution) -> Cost {
    if env.stability_weight <= Cost::ZERO {
        return Cost::ZERO;
    }
    let mut now = vec![None; env.problem.sites().len()];
    for r in &solution.routes {
        let slot = env.slot_of(r.vehicle_type, r.vehicle).map(|s| s as u32);
        for v in &r.visits {
            if let Visit::Site(s) = v {
                now[s.index()] = slot;
            }
        }
    }
    let changed = env
        .warm_slot
        .iter()
        .zip(&now)
        .filter(|(w, n)| w.is_some() && w != n)
        .count();
    Cost(env.stability_weight.get() * changed as i64)
}

/// The final guarantee: a route that fails the full evaluation (which would be a solver
/// bug) is dropped and its sites reported unassigned, so no infeasible plan leaves here.
fn drop_invalid_routes(problem: &Problem, mut solution: Solution) -> Solution {
    let mut dropped = Vec::new();
    solution.routes.retain(|r| {
        let ok = evaluate_route(problem, r.vehicle_type, &r.visits).is_ok();
        if !ok {
            debug_assert!(false, "solver produced an infeasible route");
            dropped.extend(r.visits.iter().filter_map(|v| match v {
                Visit::Site(s) => Some(Unassigned {
                    site: *s,
                    reason: UnassignedReason::NoCapacityLeft,
                }),
                _ => None,
            }));
        }
        ok
    });
    if !dropped.is_empty() {
        solution.unassigned.extend(dropped);
        solution.unassigned.sort_by_key(|u| u.site);
    }
    solution
}
