//! Facts about the problem that the search asks again and again, computed once.

use super::arcs::{Arcs, CompactArcs};
use crate::problem::{
    FacilityIdx, LocationIdx, Problem, ProfileIdx, SiteIdx, StreamIdx, TravelMatrices,
    VehicleTypeIdx,
};

/// Neighbours kept per site for the granular ruin (nearest first).
pub const NEIGHBOURS: usize = 64;

/// Precomputed lookups shared (read-only) by all search chains.
#[derive(Clone, Debug)]
pub struct Context {
    /// `eligible[site][vt]`: the vehicle type may serve the site and carry its stream.
    pub eligible: Vec<Vec<bool>>,
    /// `facilities[vt][stream]`: facilities the vehicle type may use that accept the stream.
    pub facilities: Vec<Vec<Vec<FacilityIdx>>>,
    /// The nearest other sites of each site (by distance in profile 0), nearest first.
    pub neighbours: Vec<Vec<SiteIdx>>,
    /// True when the constant-time checks may miss a rule (a binding maximum duration or
    /// facility daily capacities): chosen moves are then verified by a full route
    /// simulation before they are applied. Release times are checked exactly in constant
    /// time (see [`evaluate`](super::evaluate)) and do not set it.
    pub needs_verify: bool,
    /// Same as `needs_verify` (kept for callers that still tell the two apart: once
    /// release times became exact, every move that needs verifying needs it always).
    pub verify_always: bool,
    /// Per profile: both matrices are symmetric, so `d(a, u)` may be read from `u`'s row
    /// (which stays in cache while `u` is being inserted).
    pub symmetric: Vec<bool>,
    /// Per profile: the time matrix equals the distance matrix entry by entry (as in the
    /// published benchmarks), so one lookup serves both (half the cache misses).
    pub time_is_distance: Vec<bool>,
    /// Per profile: the travel matrices as `i32` for the hot loops (`None` when some entry
    /// does not fit; then [`Context::arcs`] reads the problem's matrices).
    pub compact: Vec<Option<CompactArcs>>,
    /// Distance from the first vehicle type's start depot to each site (for insertion order).
    pub depot_distance: Vec<i64>,
}

impl Context {
    /// Computes the lookups.
    pub fn new(problem: &Problem) -> Self {
        let vts = problem.vehicle_types();
        let eligible = problem
            .sites()
            .iter()
            .map(|s| {
                (0..vts.len())
                    .map(|t| {
                        let vt = VehicleTypeIdx::new(t);
                        vts[t].count > 0
                            && vts[t].streams.contains(s.stream)
                            && s.allowed_vehicle_types
                                .as_ref()
                                .is_none_or(|a| a.contains(&vt))
                    })
                    .collect()
            })
            .collect();
        let facilities = vts
            .iter()
            .map(|v| {
                (0..32u8)
                    .map(|st| {
                        problem
                            .facilities()
                            .iter()
                            .enumerate()
                            .filter(|(i, f)| {
                                f.accepts.contains(StreamIdx(st))
                                    && v.facilities
                                        .as_ref()
                                        .is_none_or(|a| a.contains(&FacilityIdx::new(*i)))
                            })
                            .map(|(i, _)| FacilityIdx::new(i))
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let m = &problem.profiles()[0].distance;
        let sites = problem.sites();
        let neighbours = match m.planar_metric() {
            Some(metric) => {
                let among: Vec<usize> = sites.iter().map(|s| s.location.index()).collect();
                metric
                    .nearest(&among, NEIGHBOURS)
                    .into_iter()
                    .map(|near| near.into_iter().map(SiteIdx::new).collect())
                    .collect()
            }
            None => dense_neighbours(problem),
        };
        let verify_always = problem
            .facilities()
            .iter()
            .any(|f| f.daily_capacity.is_some())
            || vts.iter().any(|v| {
                let start = problem.depot(v.start_depot).window.start.max(v.shift.start);
                let end = problem.depot(v.end_depot).window.end.min(v.shift.end);
                v.max_duration < end - start
            });
        let first = vts.iter().find(|v| v.count > 0).unwrap_or(&vts[0]);
        let depot = problem.depot(first.start_depot).location;
        let depot_distance = sites
            .iter()
            .map(|s| m.get(depot, s.location).get().min(INF))
            .collect();
        let symmetric = problem.profiles().iter().map(is_symmetric).collect();
        let time_is_distance: Vec<bool> = problem
            .profiles()
            .iter()
            .map(time_equals_distance)
            .collect();
        let compact = problem
            .profiles()
            .iter()
            .zip(&time_is_distance)
            .map(|(m, &same)| CompactArcs::new(m, same))
            .collect();
        Context {
            compact,
            symmetric,
            time_is_distance,
            eligible,
            facilities,
            neighbours,
            needs_verify: verify_always,
            verify_always,
            depot_distance,
        }
    }
}

impl Context {
    /// Where the hot loops read the arcs of `profile` (the compact copy when there is one).
    #[inline]
    pub fn arcs<'a>(&'a self, problem: &'a Problem, profile: ProfileIdx) -> Arcs<'a> {
        match &self.compact[profile.index()] {
            Some(c) => Arcs::Compact(c),
            None => Arcs::Wide {
                m: problem.profile(profile),
                same: self.time_is_distance[profile.index()],
            },
        }
    }
}

/// The [`NEIGHBOURS`] nearest other sites of each site by the round-trip distance in
/// profile 0, nearest first, ties by index: a scan of every pair.
fn dense_neighbours(problem: &Problem) -> Vec<Vec<SiteIdx>> {
    let m = &problem.profiles()[0].distance;
    let sites = problem.sites();
    (0..sites.len())
        .map(|i| {
            let mut others: Vec<(i64, usize)> = (0..sites.len())
                .filter(|&j| j != i)
                .map(|j| {
                    let a = m.get(sites[i].location, sites[j].location).get();
                    let b = m.get(sites[j].location, sites[i].location).get();
                    (a.min(INF).saturating_add(b.min(INF)), j)
                })
                .collect();
            let k = NEIGHBOURS.min(others.len());
            if k > 0 && k < others.len() {
                others.select_nth_unstable(k - 1);
            }
            others.truncate(k);
            others.sort_unstable();
            others.into_iter().map(|(_, j)| SiteIdx::new(j)).collect()
        })
        .collect()
}

/// Raw value of an infinite distance, to clamp sums.
const INF: i64 = crate::units::Distance::INFINITE.0;

/// True when both matrices of `m` are symmetric (the 2-opt and reversal checks need it).
fn is_symmetric(m: &TravelMatrices) -> bool {
    if m.distance.planar_metric().is_some() && m.time.planar_metric().is_some() {
        return true;
    }
    let n = m.size();
    (0..n).all(|i| {
        let a = LocationIdx::new(i);
        (i + 1..n).all(|j| {
            let b = LocationIdx::new(j);
            m.distance.get(a, b) == m.distance.get(b, a) && m.time.get(a, b) == m.time.get(b, a)
        })
    })
}

/// True when every travel time of `m` equals the distance (as in the published
/// benchmarks), so one lookup serves both.
fn time_equals_distance(m: &TravelMatrices) -> bool {
    if m.time.shares_metric(&m.distance) {
        return true;
    }
    (0..m.size()).all(|i| {
        let a = LocationIdx::new(i);
        let (t, d) = (m.time.row(a), m.distance.row(a));
        t.zip(d).all(|(t, d)| t.get() == d.get())
    })
}
