//! One-directional search in the hierarchy: Dijkstra that only climbs in rank, with
//! *stall-on-demand* (a node reached more cheaply from above is not expanded, since no
//! shortest path goes up through it) and a parent arc per node for path unpacking.

use super::upward_graph::UpwardGraph;
use crate::road::ArcWeight;
use crate::road::dijkstra::SearchSpace;

/// Parent of a seed node.
const NO_PARENT: (u32, u32) = (u32::MAX, u32::MAX);

/// A reusable workspace for upward searches over one hierarchy.
#[derive(Clone, Debug)]
pub(super) struct UpwardSearch {
    space: SearchSpace,
    /// `(tail rank, arc index)` by which each node was last reached.
    parent: Vec<(u32, u32)>,
}

impl UpwardSearch {
    /// A workspace for `num_nodes` nodes.
    pub(super) fn new(num_nodes: usize) -> UpwardSearch {
        UpwardSearch {
            space: SearchSpace::new(num_nodes),
            parent: vec![NO_PARENT; num_nodes],
        }
    }

    /// Searches `up` from `seeds` (ranks with start weights) to exhaustion, calling
    /// `on_settle(rank, weight)` for every settled node that is not stalled. `down` holds
    /// the arcs that enter each node from above in the same direction of travel (the
    /// other upward graph), used for stalling.
    pub(super) fn run(
        &mut self,
        up: &UpwardGraph,
        down: &UpwardGraph,
        seeds: impl IntoIterator<Item = (u32, ArcWeight)>,
        mut on_settle: impl FnMut(u32, ArcWeight),
    ) {
        self.space.reset();
        for (v, w) in seeds {
            if self.space.relax(v, w) {
                self.parent[v as usize] = NO_PARENT;
            }
        }
        while let Some((v, w)) = self.space.pop() {
            let stalled = down
                .range(v)
                .any(|i| self.space.weight(down.head(i)) + down.weight(i) < w);
            if stalled {
                continue;
            }
            on_settle(v, w);
            for i in up.range(v) {
                let head = up.head(i);
                if self.space.relax(head, w + up.weight(i)) {
                    self.parent[head as usize] = (v, i as u32);
                }
            }
        }
    }

    /// The weight found for rank `v` ([`ArcWeight::INFINITE`] when unreached).
    #[inline]
    pub(super) fn weight(&self, v: u32) -> ArcWeight {
        self.space.weight(v)
    }

    /// The node and arc (index into the searched graph) by which `v` was reached, `None`
    /// for a seed.
    pub(super) fn parent(&self, v: u32) -> Option<(u32, usize)> {
        let p = self.parent[v as usize];
        (p != NO_PARENT).then_some((p.0, p.1 as usize))
    }

    /// True when `v` was settled (possibly stalled) in the last search.
    pub(super) fn is_settled(&self, v: u32) -> bool {
        self.space.is_settled(v)
    }
}
