//! Point-to-point queries that return the road nodes of the shortest path: a forward and
//! a backward upward search meet at the path's highest node, and every shortcut on the
//! way is expanded into the two arcs it bypasses until only original arcs remain.

use super::ContractionHierarchy;
use crate::road::dijkstra::Seed;
use crate::road::{ArcWeight, NodeIdx};

/// A shortest path between two sets of seeds, as found by
/// [`ContractionHierarchy::shortest_path`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodePath {
    /// Total weight, seed weights included.
    pub weight: ArcWeight,
    /// The nodes visited, from a source seed to a target seed (at least one node).
    pub nodes: Vec<NodeIdx>,
}

impl ContractionHierarchy {
    /// The shortest path from any of `sources` (node, weight already travelled) to any of
    /// `targets` (node, weight still to travel), or `None` when none exists.
    pub fn shortest_path(&self, sources: &[Seed], targets: &[Seed]) -> Option<NodePath> {
        self.with_search(|fwd| {
            self.with_search(|bwd| {
                let to_rank = |s: &[Seed]| -> Vec<(u32, ArcWeight)> {
                    s.iter().map(|&(n, w)| (self.rank[n.index()], w)).collect()
                };
                fwd.run(&self.forward, &self.backward, to_rank(sources), |_, _| {});
                let mut best: Option<(ArcWeight, u32)> = None;
                bwd.run(&self.backward, &self.forward, to_rank(targets), |v, w| {
                    if !fwd.is_settled(v) {
                        return;
                    }
                    let total = fwd.weight(v) + w;
                    // Ties go to the lowest rank, so the answer is deterministic.
                    if best.is_none_or(|(b, r)| (total, v) < (b, r)) {
                        best = Some((total, v));
                    }
                });
                let (weight, meet) = best?;
                Some(NodePath {
                    weight,
                    nodes: self.unpack_meeting(fwd, bwd, meet),
                })
            })
        })
    }

    /// Expands the two search trees through `meet` into original nodes.
    fn unpack_meeting(
        &self,
        fwd: &super::UpwardSearch,
        bwd: &super::UpwardSearch,
        meet: u32,
    ) -> Vec<NodeIdx> {
        // Arcs on the way up from the source, collected backwards from the meeting node.
        let mut up_arcs = Vec::new();
        let mut v = meet;
        while let Some((tail, arc)) = fwd.parent(v) {
            up_arcs.push((tail, v, self.forward.middle(arc)));
            v = tail;
        }
        let mut ranks = vec![v];
        for &(tail, head, middle) in up_arcs.iter().rev() {
            self.unpack_arc(tail, head, middle, &mut ranks);
        }
        // Arcs on the way down to the target, in travel order.
        let mut v = meet;
        while let Some((tail_in_search, arc)) = bwd.parent(v) {
            // The backward search went from `tail_in_search` to `v`; on the road, the arc
            // runs from `v` to `tail_in_search`.
            self.unpack_arc(v, tail_in_search, self.backward.middle(arc), &mut ranks);
            v = tail_in_search;
        }
        ranks
            .into_iter()
            .map(|r| NodeIdx(self.order[r as usize]))
            .collect()
    }

    /// Appends the nodes after `from` on hierarchy arc `from → to` (ranks).
    fn unpack_arc(&self, from: u32, to: u32, middle: Option<u32>, out: &mut Vec<u32>) {
        let mut stack = vec![(from, to, middle)];
        while let Some((a, b, m)) = stack.pop() {
            match m {
                None => out.push(b),
                Some(m) => {
                    // `a → m` is stored at `m` in the backward graph (tail `a` is higher);
                    // `m → b` at `m` in the forward graph.
                    let first = self
                        .backward
                        .find(m, a)
                        .expect("a shortcut's first half is in the hierarchy");
                    let second = self
                        .forward
                        .find(m, b)
                        .expect("a shortcut's second half is in the hierarchy");
                    stack.push((m, b, self.forward.middle(second)));
                    stack.push((a, m, self.backward.middle(first)));
                }
            }
        }
    }
}
