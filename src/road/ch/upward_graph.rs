//! The searchable hierarchy: arcs that go up in rank, in compressed sparse rows, with
//! nodes renumbered by rank so that the dense top of the hierarchy, which every search
//! visits, sits together in memory.

use super::contraction::{ChArc, NO_MIDDLE};
use crate::road::ArcWeight;

/// Arcs from each node (by rank) to higher-ranked nodes, in one direction of travel.
#[derive(Clone, Debug)]
pub(super) struct UpwardGraph {
    first: Vec<u32>,
    /// Rank of the other end.
    heads: Vec<u32>,
    weights: Vec<ArcWeight>,
    /// Rank of the bypassed node, or [`NO_MIDDLE`] for an original arc.
    middles: Vec<u32>,
}

impl UpwardGraph {
    /// Builds from per-node arc lists in original numbering (`per_node[node]`), where
    /// `rank[node]` gives the new numbering and `order[r]` the node of rank `r`.
    pub(super) fn build(per_node: &[Vec<ChArc>], order: &[u32], rank: &[u32]) -> UpwardGraph {
        let total: usize = per_node.iter().map(Vec::len).sum();
        let mut graph = UpwardGraph {
            first: Vec::with_capacity(order.len() + 1),
            heads: Vec::with_capacity(total),
            weights: Vec::with_capacity(total),
            middles: Vec::with_capacity(total),
        };
        let mut arcs: Vec<ChArc> = Vec::new();
        for &node in order {
            graph.first.push(graph.heads.len() as u32);
            arcs.clear();
            arcs.extend(per_node[node as usize].iter().map(|a| ChArc {
                other: rank[a.other as usize],
                weight: a.weight,
                middle: if a.middle == NO_MIDDLE {
                    NO_MIDDLE
                } else {
                    rank[a.middle as usize]
                },
            }));
            arcs.sort_unstable_by_key(|a| a.other);
            for a in &arcs {
                graph.heads.push(a.other);
                graph.weights.push(a.weight);
                graph.middles.push(a.middle);
            }
        }
        graph.first.push(graph.heads.len() as u32);
        graph
    }

    /// Number of arcs.
    pub(super) fn num_arcs(&self) -> usize {
        self.heads.len()
    }

    /// Index range of the arcs of rank `v`.
    #[inline]
    pub(super) fn range(&self, v: u32) -> std::ops::Range<usize> {
        self.first[v as usize] as usize..self.first[v as usize + 1] as usize
    }

    /// Other end (rank) of arc `i`.
    #[inline]
    pub(super) fn head(&self, i: usize) -> u32 {
        self.heads[i]
    }

    /// Weight of arc `i`.
    #[inline]
    pub(super) fn weight(&self, i: usize) -> ArcWeight {
        self.weights[i]
    }

    /// Bypassed node (rank) of arc `i`, if it is a shortcut.
    #[inline]
    pub(super) fn middle(&self, i: usize) -> Option<u32> {
        let m = self.middles[i];
        (m != NO_MIDDLE).then_some(m)
    }

    /// The arc of `v` whose other end is `other`, if any (arcs are sorted by other end).
    pub(super) fn find(&self, v: u32, other: u32) -> Option<usize> {
        let range = self.range(v);
        let start = range.start;
        self.heads[range]
            .binary_search(&other)
            .ok()
            .map(|i| start + i)
    }
}
