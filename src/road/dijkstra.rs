//! Plain one-to-many Dijkstra over an [`ArcList`]: the oracle every faster search is
//! checked against, and a fallback that needs no preprocessing.
//!
//! A search starts from *seeds* (a node and the weight already travelled to reach it),
//! which is how a snapped location enters the graph: one seed per anchor. The
//! [`SearchSpace`] keeps tentative weights between searches and forgets them in O(1) by
//! bumping a generation stamp, so thousands of searches cost no re-allocation.

use super::{ArcList, ArcWeight, NodeIdx};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// A node reached at some weight before the search starts.
pub type Seed = (NodeIdx, ArcWeight);

/// Arcs grouped by tail (or by head, for the reverse graph) in compressed sparse rows.
#[derive(Clone, Debug)]
pub struct CsrGraph {
    /// `first[v]..first[v + 1]` are the arcs leaving `v`.
    first: Vec<u32>,
    heads: Vec<u32>,
    weights: Vec<ArcWeight>,
}

impl CsrGraph {
    /// The arcs of `list` as they are (`reverse == false`) or turned around.
    pub fn from_arcs(list: &ArcList, reverse: bool) -> CsrGraph {
        let n = list.num_nodes as usize;
        let ends = |a: &super::Arc| {
            if reverse {
                (a.to.0, a.from.0)
            } else {
                (a.from.0, a.to.0)
            }
        };
        let mut first = vec![0u32; n + 1];
        for arc in &list.arcs {
            first[ends(arc).0 as usize + 1] += 1;
        }
        for v in 0..n {
            first[v + 1] += first[v];
        }
        let mut next = first.clone();
        let mut heads = vec![0u32; list.arcs.len()];
        let mut weights = vec![ArcWeight::ZERO; list.arcs.len()];
        for arc in &list.arcs {
            let (tail, head) = ends(arc);
            let slot = next[tail as usize] as usize;
            next[tail as usize] += 1;
            heads[slot] = head;
            weights[slot] = arc.weight;
        }
        CsrGraph {
            first,
            heads,
            weights,
        }
    }

    /// Number of nodes.
    pub fn num_nodes(&self) -> usize {
        self.first.len() - 1
    }

    /// The arcs leaving `v`, as `(head, weight)`.
    #[inline]
    pub fn arcs(&self, v: u32) -> impl Iterator<Item = (u32, ArcWeight)> + '_ {
        let range = self.first[v as usize] as usize..self.first[v as usize + 1] as usize;
        self.heads[range.clone()]
            .iter()
            .copied()
            .zip(self.weights[range].iter().copied())
    }
}

/// What a search knows about one node; kept together so a visit touches one cache line.
#[derive(Clone, Copy, Debug)]
struct NodeState {
    weight: ArcWeight,
    /// The search in which `weight` was set.
    reached_in: u32,
    /// The search in which the node was settled.
    settled_in: u32,
}

/// Tentative weights and a heap, reused between searches; reset in O(1).
#[derive(Clone, Debug)]
pub struct SearchSpace {
    nodes: Vec<NodeState>,
    generation: u32,
    heap: BinaryHeap<Reverse<(ArcWeight, u32)>>,
}

impl SearchSpace {
    /// A workspace for graphs of `num_nodes` nodes.
    pub fn new(num_nodes: usize) -> SearchSpace {
        SearchSpace {
            nodes: vec![
                NodeState {
                    weight: ArcWeight::INFINITE,
                    reached_in: 0,
                    settled_in: 0,
                };
                num_nodes
            ],
            generation: 1,
            heap: BinaryHeap::new(),
        }
    }

    /// Forgets the previous search: every node becomes unreached.
    pub fn reset(&mut self) {
        self.heap.clear();
        if self.generation == u32::MAX {
            // Once every four billion searches, really clear the stamps.
            for node in &mut self.nodes {
                node.reached_in = 0;
                node.settled_in = 0;
            }
            self.generation = 0;
        }
        self.generation += 1;
    }

    /// The best weight found so far to `v` ([`ArcWeight::INFINITE`] when unreached).
    #[inline]
    pub fn weight(&self, v: u32) -> ArcWeight {
        let node = &self.nodes[v as usize];
        if node.reached_in == self.generation {
            node.weight
        } else {
            ArcWeight::INFINITE
        }
    }

    /// True when `v`'s weight is final in the current search.
    #[inline]
    pub fn is_settled(&self, v: u32) -> bool {
        self.nodes[v as usize].settled_in == self.generation
    }

    /// Lowers `v`'s weight to `w` and queues it, when `w` is better; returns whether it was.
    #[inline]
    pub fn relax(&mut self, v: u32, w: ArcWeight) -> bool {
        let generation = self.generation;
        let node = &mut self.nodes[v as usize];
        if node.reached_in != generation || w < node.weight {
            node.weight = w;
            node.reached_in = generation;
            self.heap.push(Reverse((w, v)));
            true
        } else {
            false
        }
    }

    /// Takes the unsettled node of least weight off the heap and settles it.
    #[inline]
    pub fn pop(&mut self) -> Option<(u32, ArcWeight)> {
        while let Some(Reverse((w, v))) = self.heap.pop() {
            let generation = self.generation;
            let node = &mut self.nodes[v as usize];
            if node.settled_in == generation || w > node.weight {
                continue; // a stale heap entry
            }
            node.settled_in = generation;
            return Some((v, w));
        }
        None
    }

    /// Starts a search from `seeds` (the best seed wins when a node appears twice).
    pub fn seed(&mut self, seeds: &[Seed]) {
        self.reset();
        for &(node, w) in seeds {
            self.relax(node.0, w);
        }
    }
}

/// Runs Dijkstra on `graph` from `seeds` until every reachable node is settled; read the
/// results with [`SearchSpace::weight`].
///
/// Complexity: O((n + m) log m) time; no allocation once `space` has grown its heap.
pub fn one_to_all(graph: &CsrGraph, seeds: &[Seed], space: &mut SearchSpace) {
    space.seed(seeds);
    while let Some((v, w)) = space.pop() {
        for (head, arc_w) in graph.arcs(v) {
            space.relax(head, w + arc_w);
        }
    }
}

/// The shortest weights from `seeds` to each of `targets`, stopping as soon as all
/// targets are settled; unreachable targets get [`ArcWeight::INFINITE`].
pub fn one_to_many(
    graph: &CsrGraph,
    seeds: &[Seed],
    targets: &[NodeIdx],
    space: &mut SearchSpace,
) -> Vec<ArcWeight> {
    space.seed(seeds);
    let mut wanted: Vec<u32> = targets.iter().map(|t| t.0).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut remaining = wanted.len();
    while remaining > 0 {
        let Some((v, w)) = space.pop() else { break };
        if wanted.binary_search(&v).is_ok() {
            remaining -= 1;
        }
        for (head, arc_w) in graph.arcs(v) {
            space.relax(head, w + arc_w);
        }
    }
    targets.iter().map(|t| space.weight(t.0)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::road::Arc;

    fn w(time_ms: u64, length_mm: u64) -> ArcWeight {
        ArcWeight { time_ms, length_mm }
    }

    fn arc(from: u32, to: u32, weight: ArcWeight) -> Arc {
        Arc {
            from: NodeIdx(from),
            to: NodeIdx(to),
            weight,
        }
    }

    #[test]
    fn ties_in_time_are_broken_by_length() {
        // 0 → 1 → 3 takes 10 s over 300 m; 0 → 2 → 3 takes 10 s over 200 m.
        let list = ArcList {
            num_nodes: 4,
            arcs: vec![
                arc(0, 1, w(5, 100)),
                arc(0, 2, w(5, 150)),
                arc(1, 3, w(5, 200)),
                arc(2, 3, w(5, 50)),
            ],
        };
        let graph = CsrGraph::from_arcs(&list, false);
        let mut space = SearchSpace::new(4);
        one_to_all(&graph, &[(NodeIdx(0), ArcWeight::ZERO)], &mut space);
        assert_eq!(space.weight(3), w(10, 200));
        // The reverse graph gives the same value from the other end.
        let back = CsrGraph::from_arcs(&list, true);
        let got = one_to_many(
            &back,
            &[(NodeIdx(3), ArcWeight::ZERO)],
            &[NodeIdx(0)],
            &mut space,
        );
        assert_eq!(got, vec![w(10, 200)]);
    }

    #[test]
    fn reset_forgets_the_previous_search() {
        let list = ArcList {
            num_nodes: 3,
            arcs: vec![arc(0, 1, w(1, 1)), arc(1, 2, w(1, 1))],
        };
        let graph = CsrGraph::from_arcs(&list, false);
        let mut space = SearchSpace::new(3);
        one_to_all(&graph, &[(NodeIdx(0), ArcWeight::ZERO)], &mut space);
        assert_eq!(space.weight(2), w(2, 2));
        one_to_all(&graph, &[(NodeIdx(2), w(7, 7))], &mut space);
        assert_eq!(space.weight(2), w(7, 7));
        assert!(space.weight(0).is_infinite());
        assert!(space.weight(1).is_infinite());
    }
}
