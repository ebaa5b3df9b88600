//! Many-to-many shortest paths with buckets.
//!
//! One backward upward search per target leaves `(target, weight)` in a bucket at every
//! node it settles; one forward upward search per source then scans the buckets of the
//! nodes it settles: `row[t] = min(forward(v) + bucket weight)` over meeting nodes `v`.
//! Each shortest path has a highest node, which both searches reach exactly, so the
//! minimum is the exact shortest weight.
//!
//! Both phases run in parallel over fixed chunks and write into fixed slots, so results
//! do not depend on the number of threads.

use super::ContractionHierarchy;
use crate::road::ArcWeight;
use crate::road::dijkstra::Seed;
use rayon::prelude::*;

/// Targets handled by one parallel task in the backward phase.
const TARGETS_PER_TASK: usize = 32;
/// Sources handled by one parallel task in the forward phase.
const SOURCES_PER_TASK: usize = 8;

/// The backward search spaces of a set of targets, grouped by node.
#[derive(Clone, Debug)]
pub struct TargetBuckets {
    num_targets: usize,
    /// Entries of rank `v` are `first[v]..first[v + 1]`.
    first: Vec<u32>,
    target: Vec<u32>,
    weight: Vec<ArcWeight>,
}

impl TargetBuckets {
    /// Number of targets (the length of each row).
    pub fn num_targets(&self) -> usize {
        self.num_targets
    }

    /// Total number of bucket entries (memory is about 20 bytes each).
    pub fn num_entries(&self) -> usize {
        self.target.len()
    }
}

impl ContractionHierarchy {
    /// Runs the backward searches of `targets` (each a set of seeds: node and the weight
    /// from that node to the target).
    pub fn target_buckets<S: AsRef<[Seed]> + Sync>(&self, targets: &[S]) -> TargetBuckets {
        let chunks: Vec<Vec<(u32, u32, ArcWeight)>> = targets
            .par_chunks(TARGETS_PER_TASK)
            .enumerate()
            .map(|(c, chunk)| {
                self.with_search(|search| {
                    let mut entries = Vec::new();
                    for (k, seeds) in chunk.iter().enumerate() {
                        let t = (c * TARGETS_PER_TASK + k) as u32;
                        let seeds = seeds
                            .as_ref()
                            .iter()
                            .map(|&(n, w)| (self.rank[n.index()], w));
                        search.run(&self.backward, &self.forward, seeds, |v, w| {
                            entries.push((v, t, w));
                        });
                    }
                    entries
                })
            })
            .collect();
        // Counting sort by node; within a bucket entries stay in target order.
        let n = self.num_nodes();
        let mut first = vec![0u32; n + 1];
        for &(v, _, _) in chunks.iter().flatten() {
            first[v as usize + 1] += 1;
        }
        for v in 0..n {
            first[v + 1] += first[v];
        }
        let total = first[n] as usize;
        let mut next = first.clone();
        let mut target = vec![0u32; total];
        let mut weight = vec![ArcWeight::ZERO; total];
        for &(v, t, w) in chunks.iter().flatten() {
            let slot = next[v as usize] as usize;
            next[v as usize] += 1;
            target[slot] = t;
            weight[slot] = w;
        }
        TargetBuckets {
            num_targets: targets.len(),
            first,
            target,
            weight,
        }
    }

    /// Fills `out` (row-major, `sources.len()` rows of `buckets.num_targets()`) with the
    /// shortest weights from each source's seeds to each target of `buckets`;
    /// [`ArcWeight::INFINITE`] where unreachable.
    ///
    /// # Panics
    /// If `out` has the wrong length (a programming error).
    pub fn fill_rows<S: AsRef<[Seed]> + Sync>(
        &self,
        buckets: &TargetBuckets,
        sources: &[S],
        out: &mut [ArcWeight],
    ) {
        let width = buckets.num_targets;
        assert_eq!(out.len(), sources.len() * width, "output size");
        if width == 0 {
            return;
        }
        out.par_chunks_mut(width * SOURCES_PER_TASK)
            .zip(sources.par_chunks(SOURCES_PER_TASK))
            .for_each(|(rows, chunk)| {
                self.with_search(|search| {
                    for (row, seeds) in rows.chunks_mut(width).zip(chunk) {
                        row.fill(ArcWeight::INFINITE);
                        let seeds = seeds
                            .as_ref()
                            .iter()
                            .map(|&(n, w)| (self.rank[n.index()], w));
                        search.run(&self.forward, &self.backward, seeds, |v, w| {
                            let range = buckets.first[v as usize] as usize
                                ..buckets.first[v as usize + 1] as usize;
                            for (&t, &bw) in buckets.target[range.clone()]
                                .iter()
                                .zip(&buckets.weight[range])
                            {
                                let cell = &mut row[t as usize];
                                let via = w + bw;
                                if via < *cell {
                                    *cell = via;
                                }
                            }
                        });
                    }
                })
            });
    }

    /// The full matrix from `sources` to `targets`, row-major.
    pub fn many_to_many<S: AsRef<[Seed]> + Sync, T: AsRef<[Seed]> + Sync>(
        &self,
        sources: &[S],
        targets: &[T],
    ) -> Vec<ArcWeight> {
        let buckets = self.target_buckets(targets);
        let mut out = vec![ArcWeight::ZERO; sources.len() * targets.len()];
        self.fill_rows(&buckets, sources, &mut out);
        out
    }
}
