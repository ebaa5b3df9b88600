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
}

impl WitnessSearch {
    /// A workspace for `num_nodes` nodes.
    pub(super) fn new(num_nodes: usize) -> WitnessSearch {
        WitnessSearch {
            space: SearchSpace::new(num_nodes),
        }
    }

    /// Searches from `source` without passing through `avoid`, settling at most
    /// `max_settled` nodes and nothing heavier than `limit`.
    pub(super) fn run(
        &mut self,
        graph: &ContractionGraph,
        source: u32,
        avoid: u32,
        limit: ArcWeight,
        max_settled: usize,
    ) {
        self.space
            .seed(&[(crate::road::NodeIdx(source), ArcWeight::ZERO)]);
        let mut settled = 0;
        while let Some((v, w)) = self.space.pop() {
            if w > limit || settled >= max_settled {
                break;
            }
            settled += 1;
            for arc in &graph.out[v as usize] {
                if arc.other != avoid {
                    self.space.relax(arc.other, w + arc.weight);
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
