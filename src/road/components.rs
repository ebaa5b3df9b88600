//! Connectivity of a profile's arcs: strongly connected components, and which snapped
//! locations cannot reach, or be reached from, the key locations (depots, facilities).
//!
//! Real networks always have unreachable bits (streets cut at the edge of an extract,
//! one-way dead ends, roads closed to a heavy truck). They are reported, never fatal.

use super::{ArcList, NodeIdx, SnappedLocation};
use petgraph::graph::{DiGraph, NodeIndex};
use std::fmt;

/// A strongly connected component; numbered by decreasing size (ties: smallest node index
/// first), so [`ComponentId(0)`](ComponentId) is always the largest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct ComponentId(pub u32);

/// The strongly connected components of an [`ArcList`]; a node without arcs is a
/// component of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Components {
    component_of: Vec<u32>,
    sizes: Vec<u32>,
}

impl Components {
    /// Computes the components (Kosaraju's algorithm, iterative, so deep chains on large
    /// networks cannot overflow the stack). O(nodes + arcs).
    pub fn strongly_connected(arcs: &ArcList) -> Components {
        let n = arcs.num_nodes as usize;
        let mut g: DiGraph<(), (), u32> = DiGraph::with_capacity(n, arcs.arcs.len());
        for _ in 0..n {
            g.add_node(());
        }
        for a in &arcs.arcs {
            g.add_edge(
                NodeIndex::new(a.from.index()),
                NodeIndex::new(a.to.index()),
                (),
            );
        }
        let mut sccs: Vec<Vec<NodeIndex<u32>>> = petgraph::algo::kosaraju_scc(&g);
        for c in &mut sccs {
            c.sort_unstable();
        }
        // A deterministic numbering that does not depend on the algorithm's visiting order.
        sccs.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
        let mut component_of = vec![0u32; n];
        let mut sizes = Vec::with_capacity(sccs.len());
        for (id, c) in sccs.iter().enumerate() {
            for v in c {
                component_of[v.index()] = id as u32;
            }
            sizes.push(c.len() as u32);
        }
        Components {
            component_of,
            sizes,
        }
    }

    /// Number of components.
    pub fn count(&self) -> usize {
        self.sizes.len()
    }

    /// The component of a node.
    pub fn of(&self, n: NodeIdx) -> ComponentId {
        ComponentId(self.component_of[n.index()])
    }

    /// Number of nodes in a component.
    pub fn size(&self, c: ComponentId) -> usize {
        self.sizes[c.0 as usize] as usize
    }

    /// Size of the largest component (0 for an empty network).
    pub fn largest_size(&self) -> usize {
        self.sizes.first().copied().unwrap_or(0) as usize
    }

    /// Nodes outside the largest component.
    pub fn nodes_outside_largest(&self) -> usize {
        self.component_of.len() - self.largest_size()
    }
}

/// A location that cannot reach, or be reached from, some key locations, and why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ReachProblem {
    /// Index of the location in the slice given to [`reachability_problems`].
    pub location: usize,
    /// Key locations (indices into the same slice) from which it cannot be reached.
    pub unreachable_from: Vec<usize>,
    /// Key locations it cannot reach.
    pub cannot_reach: Vec<usize>,
    /// The components its anchors' nodes lie in, with their sizes, smallest id first.
    pub location_components: Vec<(ComponentId, usize)>,
    /// The components of the key locations' anchor nodes, with their sizes.
    pub key_components: Vec<(ComponentId, usize)>,
}

impl fmt::Display for ReachProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts = |v: &[(ComponentId, usize)]| {
            v.iter()
                .map(|(c, s)| format!("#{} ({s} nodes)", c.0))
                .collect::<Vec<_>>()
                .join(", ")
        };
        write!(f, "location {}", self.location)?;
        if !self.unreachable_from.is_empty() {
            write!(f, " cannot be reached from {:?}", self.unreachable_from)?;
        }
        if !self.cannot_reach.is_empty() {
            if !self.unreachable_from.is_empty() {
                write!(f, " and")?;
            }
            write!(f, " cannot reach {:?}", self.cannot_reach)?;
        }
        write!(
            f,
            ": it lies in strongly connected part {}, the key locations in {}",
            parts(&self.location_components),
            parts(&self.key_components)
        )
    }
}

/// Adjacency in compressed rows, for breadth-first searches.
struct Adjacency {
    start: Vec<u32>,
    heads: Vec<u32>,
}

impl Adjacency {
    fn new(num_nodes: usize, pairs: impl Iterator<Item = (u32, u32)> + Clone) -> Adjacency {
        let mut start = vec![0u32; num_nodes + 1];
        for (t, _) in pairs.clone() {
            start[t as usize + 1] += 1;
        }
        for i in 0..num_nodes {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut heads = vec![0u32; start[num_nodes] as usize];
        for (t, h) in pairs {
            heads[fill[t as usize] as usize] = h;
            fill[t as usize] += 1;
        }
        Adjacency { start, heads }
    }

    fn reach(&self, seeds: impl Iterator<Item = NodeIdx>) -> Vec<bool> {
        let mut seen = vec![false; self.start.len() - 1];
        let mut stack: Vec<u32> = Vec::new();
        for s in seeds {
            if !seen[s.index()] {
                seen[s.index()] = true;
                stack.push(s.0);
            }
        }
        while let Some(v) = stack.pop() {
            let (a, b) = (self.start[v as usize], self.start[v as usize + 1]);
            for &h in &self.heads[a as usize..b as usize] {
                if !seen[h as usize] {
                    seen[h as usize] = true;
                    stack.push(h);
                }
            }
        }
        seen
    }
}

/// True when `b` lies after `a` on an arc they share, so `a` reaches `b` along it.
fn ahead_on_same_arc(a: &SnappedLocation, b: &SnappedLocation) -> bool {
    a.anchors.iter().any(|x| {
        b.anchors
            .iter()
            .any(|y| x.from == y.from && x.to == y.to && x.tail_part <= y.tail_part)
    })
}

/// Which `locations` cannot reach, or cannot be reached from, each of the `keys` (indices
/// into `locations`: depots, facilities), on the arcs of `arcs`; empty when all is well.
///
/// Exact: one search forward and one backward per key, O(keys × (nodes + arcs)). A
/// location is reached from a key when the head of one of the key's anchors reaches the
/// tail of one of the location's anchors (or both lie on one arc in that order).
pub fn reachability_problems(
    arcs: &ArcList,
    components: &Components,
    locations: &[SnappedLocation],
    keys: &[usize],
) -> Vec<ReachProblem> {
    let n = arcs.num_nodes as usize;
    let forward = Adjacency::new(n, arcs.arcs.iter().map(|a| (a.from.0, a.to.0)));
    let backward = Adjacency::new(n, arcs.arcs.iter().map(|a| (a.to.0, a.from.0)));
    let comps_of = |l: &SnappedLocation| {
        let mut v: Vec<(ComponentId, usize)> = l
            .anchors
            .iter()
            .flat_map(|a| [a.from, a.to])
            .map(|x| {
                let c = components.of(x);
                (c, components.size(c))
            })
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let mut key_components: Vec<(ComponentId, usize)> =
        keys.iter().flat_map(|&k| comps_of(&locations[k])).collect();
    key_components.sort_unstable();
    key_components.dedup();

    let mut unreachable_from: Vec<Vec<usize>> = vec![Vec::new(); locations.len()];
    let mut cannot_reach: Vec<Vec<usize>> = vec![Vec::new(); locations.len()];
    for &k in keys {
        let key = &locations[k];
        let from_key = forward.reach(key.anchors.iter().map(|a| a.to));
        let to_key = backward.reach(key.anchors.iter().map(|a| a.from));
        for (i, l) in locations.iter().enumerate() {
            if i == k {
                continue;
            }
            let reached =
                l.anchors.iter().any(|a| from_key[a.from.index()]) || ahead_on_same_arc(key, l);
            if !reached {
                unreachable_from[i].push(k);
            }
            let reaches =
                l.anchors.iter().any(|a| to_key[a.to.index()]) || ahead_on_same_arc(l, key);
            if !reaches {
                cannot_reach[i].push(k);
            }
        }
    }
    unreachable_from
        .into_iter()
        .zip(cannot_reach)
        .enumerate()
        .filter(|(_, (from, to))| !from.is_empty() || !to.is_empty())
        .map(|(i, (unreachable_from, cannot_reach))| ReachProblem {
            location: i,
            unreachable_from,
            cannot_reach,
            location_components: comps_of(&locations[i]),
            key_components: key_components.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::road::{Anchor, Arc, ArcWeight};

    fn list(n: u32, pairs: &[(u32, u32)]) -> ArcList {
        ArcList {
            num_nodes: n,
            arcs: pairs
                .iter()
                .map(|&(f, t)| Arc {
                    from: NodeIdx(f),
                    to: NodeIdx(t),
                    weight: ArcWeight {
                        time_ms: 1,
                        length_mm: 1,
                    },
                })
                .collect(),
        }
    }

    fn at(from: u32, to: u32) -> SnappedLocation {
        SnappedLocation {
            anchors: vec![Anchor {
                from: NodeIdx(from),
                to: NodeIdx(to),
                tail_part: ArcWeight::ZERO,
                head_part: ArcWeight {
                    time_ms: 1,
                    length_mm: 1,
                },
            }],
            snap_distance_m: 0.0,
        }
    }

    #[test]
    fn components_are_numbered_largest_first() {
        // 0↔1↔2 a cycle, 2→3 a one-way exit, 4 alone.
        let arcs = list(5, &[(0, 1), (1, 0), (1, 2), (2, 1), (2, 3)]);
        let c = Components::strongly_connected(&arcs);
        assert_eq!(c.count(), 3);
        assert_eq!(c.of(NodeIdx(2)), ComponentId(0));
        assert_eq!(c.largest_size(), 3);
        assert_eq!(c.nodes_outside_largest(), 2);
        // Ties by smallest node: {3} before {4}.
        assert_eq!(c.of(NodeIdx(3)), ComponentId(1));
        assert_eq!(c.of(NodeIdx(4)), ComponentId(2));
    }

    #[test]
    fn dead_end_is_reached_but_cannot_return() {
        let arcs = list(5, &[(0, 1), (1, 0), (1, 2), (2, 1), (2, 3), (3, 4)]);
        let c = Components::strongly_connected(&arcs);
        // Depot on 0→1, a site on the one-way 3→4.
        let locations = vec![at(0, 1), at(3, 4), at(1, 2)];
        let problems = reachability_problems(&arcs, &c, &locations, &[0]);
        assert_eq!(problems.len(), 1);
        let p = &problems[0];
        assert_eq!(p.location, 1);
        assert!(p.unreachable_from.is_empty());
        assert_eq!(p.cannot_reach, vec![0]);
        let text = p.to_string();
        assert!(text.contains("cannot reach [0]"), "{text}");
        assert!(text.contains("(3 nodes)"), "{text}");
    }
}
