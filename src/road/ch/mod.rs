//! Contraction hierarchies: a one-off preprocessing of a profile's [`ArcList`] after
//! which shortest-path queries touch only a few hundred nodes.
//!
//! - `contraction`: node ordering and shortcut insertion;
//! - `witness`: bounded searches that decide whether a shortcut is needed;
//! - `upward_graph`: the resulting upward arcs in rank order;
//! - `upward_search`: a search that only climbs, with stall-on-demand;
//! - `buckets`: many-to-many matrices (backward searches fill buckets, forward
//!   searches scan them);
//! - `unpack`: point-to-point queries that return the road nodes of the path;
//! - [`cache`]: the hierarchy saved on disk, keyed by a hash of the arcs.
//!
//! Weights are exact integer pairs ordered by time then length, so every query returns
//! exactly what plain Dijkstra returns, in both time and length.

mod buckets;
mod bytes;
pub mod cache;
mod contraction;
mod unpack;
mod upward_graph;
mod upward_search;
mod witness;

pub use buckets::TargetBuckets;
pub use cache::{CacheOutcome, ChCache};
pub use unpack::NodePath;

use super::ArcList;
use std::sync::Mutex;
use upward_graph::UpwardGraph;
use upward_search::UpwardSearch;

/// A contraction hierarchy over one profile's arcs.
#[derive(Debug)]
pub struct ContractionHierarchy {
    /// `rank[node]`: position of `node` in the contraction order.
    rank: Vec<u32>,
    /// `order[rank]`: the node with that rank.
    order: Vec<u32>,
    /// For each rank, arcs to higher ranks in the direction of travel.
    forward: UpwardGraph,
    /// For each rank, arcs that enter it from higher ranks (stored as the tail's rank).
    backward: UpwardGraph,
    /// Search workspaces kept between queries, so that a query allocates nothing.
    pool: Mutex<Vec<UpwardSearch>>,
}

impl ContractionHierarchy {
    /// Contracts every node of `list` (the expensive step: seconds on a city network).
    pub fn build(list: &ArcList) -> ContractionHierarchy {
        let contracted = contraction::contract(list);
        let n = list.num_nodes as usize;
        let mut rank = vec![0u32; n];
        for (r, &node) in contracted.order.iter().enumerate() {
            rank[node as usize] = r as u32;
        }
        let forward = UpwardGraph::build(&contracted.up_out, &contracted.order, &rank);
        let backward = UpwardGraph::build(&contracted.up_in, &contracted.order, &rank);
        ContractionHierarchy {
            rank,
            order: contracted.order,
            forward,
            backward,
            pool: Mutex::new(Vec::new()),
        }
    }

    /// Number of nodes.
    pub fn num_nodes(&self) -> usize {
        self.rank.len()
    }

    /// Number of arcs in the hierarchy (original arcs kept plus shortcuts), both
    /// directions together.
    pub fn num_arcs(&self) -> usize {
        self.forward.num_arcs() + self.backward.num_arcs()
    }

    /// Runs `f` with a workspace from the pool (or a new one).
    fn with_search<R>(&self, f: impl FnOnce(&mut UpwardSearch) -> R) -> R {
        let taken = self.pool.lock().map(|mut p| p.pop()).unwrap_or(None);
        let mut search = taken.unwrap_or_else(|| UpwardSearch::new(self.num_nodes()));
        let result = f(&mut search);
        if let Ok(mut pool) = self.pool.lock() {
            pool.push(search);
        }
        result
    }
}
