//! One visit pattern per site: a construction that keeps neighbours on the same days, then
//! a seeded local search on day balance and neighbour agreement.
//!
//! The measure minimised is
//!
//! ```text
//! BALANCE_WEIGHT × Σ_d [((h_d − h̄) / h̄)² + ((kg_d − k̄g) / k̄g)²]
//!   + NEIGHBOUR_WEIGHT × Σ_{neighbour pairs i,j} (|P_i △ P_j| − ||P_i| − |P_j||) / (|P_i| + |P_j|) / pairs
//! ```
//!
//! where `h_d` is the work of day `d` (each visit's service plus an estimate of its
//! driving, the travel time to its nearest neighbour), `kg_d` the kg collected on day `d`,
//! the bars their means over the days, and `P_i` the days of site `i`. The first term is
//! 0 when every day carries the same hours and kg; the second is 0 when every site is on
//! the days of its `K_NEIGHBOURS` nearest neighbours as the crow flies (of two
//! neighbours, the one with fewer visits on days of the other), 1 when all of them are on
//! other days.
//!
//! Free of dates and files: it sees only coordinates, patterns and loads.

use crate::monitoring::VisitPattern;
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use rstar::RTree;
use rstar::primitives::GeomWithData;

/// Neighbours per site whose days it should share.
pub const K_NEIGHBOURS: usize = 6;
/// Weight of the day imbalance.
pub const BALANCE_WEIGHT: f64 = 1.0;
/// Weight of neighbour disagreement: at 0.2, a site leaves its neighbours' days only when
/// that takes about 2 % of imbalance off a day.
pub const NEIGHBOUR_WEIGHT: f64 = 0.2;
/// Most passes of the local search over all sites.
pub const MAX_PASSES: u32 = 30;

/// A site as the assignment sees it.
#[derive(Clone, Debug)]
pub struct AssignSite {
    /// `(lat, lon)`.
    pub coord: (f64, f64),
    /// The patterns it may get (never empty).
    pub patterns: Vec<VisitPattern>,
    /// Work of one visit, seconds (service and estimated driving).
    pub work_s: f64,
    /// Per pattern (same order as `patterns`), the kg each visit collects, by visit day.
    pub kg: Vec<Vec<(u32, f64)>>,
}

/// Everything the assignment needs.
#[derive(Clone, Debug)]
pub struct AssignInput {
    /// Days of the horizon.
    pub days: u32,
    /// `(lat, lon)` of the depot the sectors turn around.
    pub depot: (f64, f64),
    /// The sites.
    pub sites: Vec<AssignSite>,
}

/// Metres east and north of `origin`, near enough for neighbours and angles in a city.
fn plane(origin: (f64, f64), p: (f64, f64)) -> [f64; 2] {
    const M_PER_DEG: f64 = 111_195.0;
    [
        (p.1 - origin.1) * M_PER_DEG * origin.0.to_radians().cos(),
        (p.0 - origin.0) * M_PER_DEG,
    ]
}

/// Each site's `K_NEIGHBOURS` nearest other sites, made symmetric (if `j` is near `i`,
/// `i` is near `j`), sorted.
pub fn neighbours(input: &AssignInput) -> Vec<Vec<u32>> {
    let pts: Vec<GeomWithData<[f64; 2], u32>> = input
        .sites
        .iter()
        .enumerate()
        .map(|(i, s)| GeomWithData::new(plane(input.depot, s.coord), i as u32))
        .collect();
    let tree = RTree::bulk_load(pts.clone());
    let mut adj = vec![Vec::new(); input.sites.len()];
    for p in &pts {
        for q in tree
            .nearest_neighbor_iter(*p.geom())
            .filter(|q| q.data != p.data)
            .take(K_NEIGHBOURS)
        {
            adj[p.data as usize].push(q.data);
            adj[q.data as usize].push(p.data);
        }
    }
    for a in &mut adj {
        a.sort_unstable();
        a.dedup();
    }
    adj
}

/// The construction: sites in angular order around the depot (sectors), and within each
/// frequency (same set of patterns) the order cut into as many equal runs as it has
/// patterns, run `k` getting pattern `k`. Neighbours fall in the same run; every pattern
/// gets an equal share of its frequency's sites, so the days start balanced.
pub fn construct(input: &AssignInput) -> Vec<usize> {
    let angle = |s: &AssignSite| {
        let [x, y] = plane(input.depot, s.coord);
        y.atan2(x)
    };
    let mut order: Vec<usize> = (0..input.sites.len()).collect();
    order.sort_by(|&a, &b| {
        angle(&input.sites[a])
            .total_cmp(&angle(&input.sites[b]))
            .then(a.cmp(&b))
    });
    let mut groups: std::collections::BTreeMap<&[VisitPattern], Vec<usize>> = Default::default();
    for &i in &order {
        groups
            .entry(input.sites[i].patterns.as_slice())
            .or_default()
            .push(i);
    }
    let mut chosen = vec![0; input.sites.len()];
    for (patterns, members) in groups {
        let n = members.len();
        for (rank, &i) in members.iter().enumerate() {
            chosen[i] = rank * patterns.len() / n;
        }
    }
    chosen
}

/// Work (hours) and kg per day of an assignment.
#[derive(Clone, Debug, PartialEq)]
pub struct DayLoads {
    /// Hours of work per day.
    pub hours: Vec<f64>,
    /// kg per day.
    pub kg: Vec<f64>,
}

impl DayLoads {
    /// The loads of `chosen`.
    pub fn of(input: &AssignInput, chosen: &[usize]) -> DayLoads {
        let mut l = DayLoads {
            hours: vec![0.0; input.days as usize],
            kg: vec![0.0; input.days as usize],
        };
        for (i, s) in input.sites.iter().enumerate() {
            l.add(s, chosen[i], 1.0);
        }
        l
    }

    fn add(&mut self, s: &AssignSite, pattern: usize, sign: f64) {
        for d in s.patterns[pattern].days() {
            self.hours[d as usize] += sign * s.work_s / 3600.0;
        }
        for &(d, kg) in &s.kg[pattern] {
            self.kg[d as usize] += sign * kg;
        }
    }

    /// Σ over days of the squared relative deviations of hours and kg from their means.
    pub fn imbalance(&self) -> f64 {
        spread(&self.hours) + spread(&self.kg)
    }

    /// Most hours of a day over fewest (1 when even; infinite when a day has none but
    /// another has some).
    pub fn max_over_min_hours(&self) -> f64 {
        let max = self.hours.iter().copied().fold(0.0, f64::max);
        let min = self.hours.iter().copied().fold(f64::INFINITY, f64::min);
        if max <= 0.0 { 1.0 } else { max / min }
    }
}

fn spread(v: &[f64]) -> f64 {
    let mean = v.iter().sum::<f64>() / v.len().max(1) as f64;
    if mean <= 0.0 {
        return 0.0;
    }
    v.iter().map(|x| ((x - mean) / mean).powi(2)).sum()
}

/// How far apart the days of two patterns are beyond what their visit counts force: 0
/// when the one with fewer visits is on days of the other (a `3/week` site beside a
/// `daily` one), 1 when they have no day in common.
fn disagreement(a: VisitPattern, b: VisitPattern) -> f64 {
    let total = a.count() + b.count();
    if total == 0 {
        0.0
    } else {
        let forced = a.count().abs_diff(b.count());
        f64::from((a.0 ^ b.0).count_ones() - forced) / f64::from(total)
    }
}

/// Mean disagreement over neighbour pairs (0: every site on its neighbours' days).
pub fn neighbour_disagreement(input: &AssignInput, adj: &[Vec<u32>], chosen: &[usize]) -> f64 {
    let (mut sum, mut pairs) = (0.0, 0usize);
    for (i, a) in adj.iter().enumerate() {
        for &j in a {
            let j = j as usize;
            if j > i {
                sum += disagreement(pattern(input, chosen, i), pattern(input, chosen, j));
                pairs += 1;
            }
        }
    }
    if pairs == 0 { 0.0 } else { sum / pairs as f64 }
}

fn pattern(input: &AssignInput, chosen: &[usize], i: usize) -> VisitPattern {
    input.sites[i].patterns[chosen[i]]
}

/// The measure minimised (see the module docs).
pub fn score(input: &AssignInput, adj: &[Vec<u32>], chosen: &[usize]) -> f64 {
    BALANCE_WEIGHT * DayLoads::of(input, chosen).imbalance()
        + NEIGHBOUR_WEIGHT * neighbour_disagreement(input, adj, chosen)
}

/// The local search: passes over the sites in a seeded order; each site moves to the
/// allowed pattern that lowers the measure most, if any; until a pass moves nobody or
/// after [`MAX_PASSES`]. Deterministic for a seed.
pub fn improve(
    input: &AssignInput,
    adj: &[Vec<u32>],
    mut chosen: Vec<usize>,
    seed: u64,
) -> Vec<usize> {
    let pairs = adj.iter().map(Vec::len).sum::<usize>() / 2;
    let nb_weight = if pairs == 0 {
        0.0
    } else {
        NEIGHBOUR_WEIGHT / pairs as f64
    };
    let mut loads = DayLoads::of(input, &chosen);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut order: Vec<usize> = (0..input.sites.len())
        .filter(|&i| input.sites[i].patterns.len() > 1)
        .collect();
    for _ in 0..MAX_PASSES {
        order.shuffle(&mut rng);
        let mut moved = false;
        for &i in &order {
            let site = &input.sites[i];
            let local = |loads: &DayLoads, p: usize, chosen: &[usize]| {
                let mine = site.patterns[p];
                let nb: f64 = adj[i]
                    .iter()
                    .map(|&j| disagreement(mine, pattern(input, chosen, j as usize)))
                    .sum();
                BALANCE_WEIGHT * loads.imbalance() + nb_weight * nb
            };
            let current = chosen[i];
            let before = local(&loads, current, &chosen);
            loads.add(site, current, -1.0);
            let mut best = (before, current);
            for p in 0..site.patterns.len() {
                if p == current {
                    continue;
                }
                loads.add(site, p, 1.0);
                let after = local(&loads, p, &chosen);
                loads.add(site, p, -1.0);
                // A clear improvement only, so that rounding never makes it cycle.
                if after < best.0 - 1e-12 {
                    best = (after, p);
                }
            }
            loads.add(site, best.1, 1.0);
            if best.1 != current {
                chosen[i] = best.1;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::monitoring::Frequency;
    use rand::Rng;

    /// 300 sites on a 3 × 3 km grid around the depot, all `3/week`, one kg a visit.
    fn city() -> AssignInput {
        let patterns = Frequency::PerWeek(3)
            .patterns(7, chrono::Weekday::Mon)
            .unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let sites = (0..300)
            .map(|_| AssignSite {
                coord: (
                    20.85 + rng.random_range(-0.015..0.015),
                    106.68 + rng.random_range(-0.015..0.015),
                ),
                work_s: rng.random_range(200.0..900.0),
                kg: patterns
                    .iter()
                    .map(|p| p.days().map(|d| (d, 100.0)).collect())
                    .collect(),
                patterns: patterns.clone(),
            })
            .collect();
        AssignInput {
            days: 7,
            depot: (20.85, 106.68),
            sites,
        }
    }

    #[test]
    fn neighbours_share_days_more_than_a_random_assignment() {
        let input = city();
        let adj = neighbours(&input);
        let built = improve(&input, &adj, construct(&input), 1);
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let random: Vec<usize> = input
            .sites
            .iter()
            .map(|s| rng.random_range(0..s.patterns.len()))
            .collect();
        let ours = neighbour_disagreement(&input, &adj, &built);
        let theirs = neighbour_disagreement(&input, &adj, &random);
        assert!(ours < theirs * 0.6, "ours {ours:.3}, random {theirs:.3}");
        // Every chosen pattern is one the site may have.
        assert!(
            built
                .iter()
                .zip(&input.sites)
                .all(|(&c, s)| c < s.patterns.len())
        );
    }

    #[test]
    fn the_search_improves_the_construction_and_is_deterministic() {
        let input = city();
        let adj = neighbours(&input);
        let first = construct(&input);
        let better = improve(&input, &adj, first.clone(), 5);
        assert!(score(&input, &adj, &better) < score(&input, &adj, &first));
        let before = DayLoads::of(&input, &first).max_over_min_hours();
        let after = DayLoads::of(&input, &better).max_over_min_hours();
        assert!(after < before, "max/min day hours {before:.3} → {after:.3}");
        assert_eq!(improve(&input, &adj, first, 5), better);
    }
}
