//! The searchable hierarchy: arcs that go up in rank, in compressed sparse rows, with
//! nodes renumbered by rank so that the dense top of the hierarchy, which every search
//! visits, sits together in memory.

use super::bytes::{Reader, Truncated, Writer};
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

/// Why cached bytes are not a hierarchy.
#[derive(Debug)]
pub(super) struct Malformed;

impl From<Truncated> for Malformed {
    fn from(_: Truncated) -> Malformed {
        Malformed
    }
}

impl UpwardGraph {
    /// Appends the graph to a cache file's payload.
    pub(super) fn write(&self, w: &mut Writer) {
        w.u32s(&self.first);
        w.u32s(&self.heads);
        w.weights(&self.weights);
        w.u32s(&self.middles);
    }

    /// Reads a graph over `n` ranks back, checking every invariant the searches rely on
    /// (arcs go up in rank and are sorted, a shortcut bypasses a lower rank), so that a
    /// damaged file can never make a query index out of bounds or loop.
    pub(super) fn read(r: &mut Reader<'_>, n: usize) -> Result<UpwardGraph, Malformed> {
        let g = UpwardGraph {
            first: r.u32s()?,
            heads: r.u32s()?,
            weights: r.weights()?,
            middles: r.u32s()?,
        };
        let m = g.heads.len();
        let shaped = g.first.len() == n + 1
            && g.first.first() == Some(&0)
            && g.first.last().map(|&l| l as usize) == Some(m)
            && g.first.windows(2).all(|w| w[0] <= w[1])
            && g.weights.len() == m
            && g.middles.len() == m;
        if !shaped {
            return Err(Malformed);
        }
        for v in 0..n as u32 {
            let range = g.range(v);
            let heads = &g.heads[range.clone()];
            let up = heads.iter().all(|&h| h > v && (h as usize) < n);
            let sorted = heads.windows(2).all(|w| w[0] <= w[1]);
            let middles = g.middles[range]
                .iter()
                .all(|&mid| mid == NO_MIDDLE || mid < v);
            if !(up && sorted && middles) {
                return Err(Malformed);
            }
        }
        Ok(g)
    }
}
