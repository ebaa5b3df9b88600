//! Witness searches: is there a path from `u` to `w` that avoids the node being
//! contracted and is no heavier than the shortcut `u → v → w` would be?
//!
//! The search is bounded (by weight and by the number of settled nodes). Stopping early
//! only ever adds a shortcut that was not needed, never drops one that was, so the limits
//! trade preprocessing time against hierarchy size without touching correctness.

use super::contraction::ContractionGraph;
use crate::road::ArcWeight;
use crate::road::dijkstra::SearchSpace;

/// A reusable bounded Dijkstra over the not-yet-contracted part of the graph.
pub(super) struct WitnessSearch {
    space: SearchSpace,
    /// `target_mark[v] == generation` when `v` is a target of the current search.
    target_mark: Vec<u32>,
    generation: u32,
}

impl WitnessSearch {
    /// A workspace for `num_nodes` nodes.
    pub(super) fn new(num_nodes: usize) -> WitnessSearch {
        WitnessSearch {
            space: SearchSpace::new(num_nodes),
            target_mark: vec![0; num_nodes],
            generation: 0,
        }
    }

    /// Searches from `source` without passing through `avoid`, settling at most
    /// `max_settled` nodes and nothing heavier than `limit`, and stopping once every
    /// node of `targets` is settled.
    pub(super) fn run(
        &mut self,
        graph: &ContractionGraph,
        source: u32,
        avoid: u32,
        targets: &[u32],
        limit: ArcWeight,
        max_settled: usize,
    ) {
        self.space
            .seed(&[(crate::road::NodeIdx(source), ArcWeight::ZERO)]);
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.target_mark.fill(0);
            self.generation = 1;
        }
        for &t in targets {
            self.target_mark[t as usize] = self.generation;
        }
        let mut settled = 0;
        let mut targets_left = targets.len();
        while let Some((v, w)) = self.space.pop() {
            if w > limit || settled >= max_settled {
                break;
            }
            settled += 1;
            if self.target_mark[v as usize] == self.generation {
                targets_left -= 1;
                if targets_left == 0 {
                    break;
                }
            }
            for arc in &graph.out[v as usize] {
                let via = w + arc.weight;
                // Anything heavier than the limit cannot be a witness: keep it off the heap.
                if arc.other != avoid && via <= limit {
                    self.space.relax(arc.other, via);
                }
            }
        }
    }

    /// The weight of some real path from the last source to `v` avoiding the contracted
    /// node, or [`ArcWeight::INFINITE`] when none was seen.
    #[inline]
    pub(super) fn weight(&self, v: u32) -> ArcWeight {
        self.space.weight(v)
    }
}
