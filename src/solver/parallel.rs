//! Several independent chains, run on a rayon pool in rounds.
//!
//! The number of chains is fixed ([`CHAINS`]), not the number of threads, and each chain
//! owns its seeded generator and budget; rounds only decide when the caller hears about
//! progress. So with an iteration budget the result is the same for any thread count.

use super::config::{DEFAULT_ITERATIONS, Progress, SolverConfig};
use super::search::{Budget, Chain};
use super::state::{Env, State};
use rayon::prelude::*;
use std::time::Instant;

/// Number of independent search chains.
pub const CHAINS: usize = 2;

/// Iterations per chain between two progress reports.
const ROUND: u64 = 200;

/// Derives chain `index`'s seed from the user's seed (SplitMix64 finaliser).
pub fn chain_seed(seed: u64, index: usize) -> u64 {
    let mut z = seed
        ^ (index as u64)
            .wrapping_add(1)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Runs the chains from `initial` and returns them when all have stopped.
pub fn run_chains(
    env: &Env,
    initial: &State,
    config: &SolverConfig,
    start: Instant,
    on_progress: &mut dyn FnMut(&Progress),
) -> Vec<Chain> {
    let deadline = config.time_limit.map(|t| start + t);
    let total = match (config.max_iterations, config.time_limit) {
        (Some(n), _) => Some(n),
        (None, Some(_)) => None,
        (None, None) => Some(DEFAULT_ITERATIONS),
    };
    let mut chains: Vec<Chain> = (0..CHAINS)
        .map(|c| {
            let budget = match (total, deadline) {
                (Some(n), _) => {
                    let share = n / CHAINS as u64 + u64::from((c as u64) < n % CHAINS as u64);
                    Budget::Iterations(share)
                }
                (None, Some(deadline)) => Budget::Until { start, deadline },
                (None, None) => Budget::Iterations(0),
            };
            Chain::new(env, initial, chain_seed(config.seed, c), budget)
        })
        .collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .build();
    loop {
        let past_deadline = deadline.is_some_and(|d| Instant::now() >= d);
        if past_deadline || chains.iter().all(Chain::finished) {
            break;
        }
        let round = |chains: &mut Vec<Chain>| {
            chains
                .par_iter_mut()
                .for_each(|c| c.run(env, ROUND, deadline));
        };
        match &pool {
            Ok(pool) => pool.install(|| round(&mut chains)),
            Err(_) => chains.iter_mut().for_each(|c| c.run(env, ROUND, deadline)),
        }
        let best = best_chain(&chains);
        on_progress(&Progress {
            iteration: chains.iter().map(|c| c.iterations).sum(),
            best_cost: chains[best].best_cost,
            unassigned: chains[best].best.unassigned.len(),
            elapsed: start.elapsed(),
        });
    }
    chains
}

/// The chain with the lowest best cost, the first on ties.
pub fn best_chain(chains: &[Chain]) -> usize {
    chains
        .iter()
        .enumerate()
        .min_by_key(|(i, c)| (c.best_cost, *i))
        .map_or(0, |(i, _)| i)
}
