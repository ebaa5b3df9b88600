//! Bounds on run settings that every entry point (command-line flags, scenario and job
//! TOML files, the benchmark runner) shares.

/// Longest search time limit accepted, seconds (about 116 days): beyond it a time limit
/// is a typo, and a `Duration` of it could overflow.
pub const MAX_TIME_LIMIT_S: f64 = 10_000_000.0;

/// The worker threads a run uses for a requested count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Threads {
    /// Threads to start; 0 = one per core (rayon's default).
    pub used: usize,
    /// The count asked for, when it was above the cores and lowered to them.
    pub capped_from: Option<usize>,
}

/// The machine's cores (1 when unknown).
pub fn available_cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// Caps a requested thread count at the machine's cores: more threads than cores only
/// cost time to start (thousands take seconds) and never change the result, which
/// depends on the seed and the iteration budget only. 0 stays 0 (all cores).
pub fn cap_threads(requested: usize) -> Threads {
    let cores = available_cores();
    if requested > cores {
        Threads {
            used: cores,
            capped_from: Some(requested),
        }
    } else {
        Threads {
            used: requested,
            capped_from: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_above_the_cores_are_capped() {
        let cores = available_cores();
        assert_eq!(cap_threads(0).used, 0);
        assert_eq!(cap_threads(1).used, 1);
        assert_eq!(cap_threads(cores).capped_from, None);
        let t = cap_threads(cores + 5000);
        assert_eq!((t.used, t.capped_from), (cores, Some(cores + 5000)));
    }
}
