//! The solver's compact (`i32`) copy of the travel matrices: every entry converts back
//! exactly (the unreachable value included), a matrix with an entry that does not fit gets
//! no copy (the solver then reads the `i64` matrices), and the move checks give the same
//! answers whichever copy they read.

mod solver_support;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use solver_support::moves::with_slower_time;
use solver_support::random_problem_with;
use wasteroute::problem::{LocationIdx, Matrix, Problem, ProblemParts, SiteIdx, TravelMatrices};
use wasteroute::solution::Visit;
use wasteroute::solver::arcs::{Arcs, CompactArcs, UNREACHABLE, pack, unpack};
use wasteroute::solver::context::Context;
use wasteroute::solver::evaluate::{eval_insert_site, eval_replace};
use wasteroute::solver::insertion::spliced;
use wasteroute::solver::route::RouteCache;
use wasteroute::solver::{SolverConfig, solve};
use wasteroute::units::{Cost, Distance, Duration};

const INF: i64 = Distance::INFINITE.0;

#[test]
fn values_that_fit_convert_back_exactly() {
    for v in [
        0,
        1,
        -1,
        12_345,
        i64::from(i32::MAX) - 1,
        i64::from(i32::MIN),
        INF,
    ] {
        let x = pack(v).unwrap_or_else(|| panic!("{v} fits"));
        assert_eq!(unpack(x), v);
    }
    assert_eq!(pack(INF), Some(UNREACHABLE));
    assert_eq!(
        Duration::INFINITE.0,
        INF,
        "one sentinel serves time and distance"
    );
}

#[test]
fn values_that_do_not_fit_are_refused() {
    // The sentinel itself as a finite value, just past i32, below i32, and infinite
    // values other than the exact sentinel would not convert back.
    for v in [
        i64::from(i32::MAX),
        i64::from(i32::MAX) + 1,
        i64::from(i32::MIN) - 1,
        INF - 1,
        INF + 1,
        i64::MAX,
    ] {
        assert_eq!(pack(v), None, "{v}");
    }
}

/// Random `n × n` matrices with some unreachable pairs; time equal to distance or not.
fn random_matrices(seed: u64, n: usize, same: bool, big: i64) -> TravelMatrices {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut d = Vec::new();
    let mut t = Vec::new();
    for _ in 0..n * n {
        let (dv, tv) = if rng.random_bool(0.1) {
            (INF, INF)
        } else {
            let dv = rng.random_range(0..big);
            (dv, if same { dv } else { rng.random_range(0..big) })
        };
        d.push(Distance(dv));
        t.push(Duration(tv));
    }
    TravelMatrices {
        time: Matrix::from_row_major(n, t).expect("square"),
        distance: Matrix::from_row_major(n, d).expect("square"),
    }
}

fn assert_same_entries(m: &TravelMatrices, compact: &CompactArcs, same: bool) {
    let wide = Arcs::Wide { m, same };
    let small = Arcs::Compact(compact);
    assert_eq!(compact.size(), m.size());
    for i in 0..m.size() {
        for j in 0..m.size() {
            let (a, b) = (LocationIdx::new(i), LocationIdx::new(j));
            let exact = (m.distance.get(a, b), m.time.get(a, b));
            assert_eq!(small.both(a, b), exact, "{i} -> {j}");
            assert_eq!((small.distance(a, b), small.time(a, b)), exact);
            assert_eq!(wide.both(a, b), exact);
            assert_eq!((wide.distance(a, b), wide.time(a, b)), exact);
        }
    }
}

#[test]
fn compact_copy_holds_every_entry_exactly() {
    let big = i64::from(i32::MAX) - 1;
    for (seed, same) in [(1, true), (2, false), (3, true), (4, false)] {
        let m = random_matrices(seed, 23, same, big);
        let c = CompactArcs::new(&m, same).expect("every entry fits");
        assert_same_entries(&m, &c, same);
    }
}

#[test]
fn one_entry_that_does_not_fit_means_no_compact_copy() {
    for same in [true, false] {
        let mut m = random_matrices(5, 9, same, 1000);
        assert!(CompactArcs::new(&m, same).is_some());
        let (a, b) = (LocationIdx::new(3), LocationIdx::new(7));
        m.distance.set(a, b, Distance(i64::from(i32::MAX) + 10));
        if same {
            m.time.set(a, b, Duration(i64::from(i32::MAX) + 10));
        }
        assert!(CompactArcs::new(&m, same).is_none(), "distance too big");
        if !same {
            let mut m = random_matrices(5, 9, false, 1000);
            m.time.set(a, b, Duration(-(1 << 40)));
            assert!(CompactArcs::new(&m, false).is_none(), "time too small");
        }
    }
}

/// `p` with each profile's matrices changed by `edit`.
fn rebuilt(p: &Problem, edit: impl Fn(&mut TravelMatrices)) -> Problem {
    let profiles = p
        .profiles()
        .iter()
        .map(|m| {
            let mut m = m.clone();
            edit(&mut m);
            m
        })
        .collect();
    Problem::new(ProblemParts {
        profiles,
        depots: p.depots().to_vec(),
        facilities: p.facilities().to_vec(),
        sites: p.sites().to_vec(),
        vehicle_types: p.vehicle_types().to_vec(),
        objective: *p.objective(),
    })
    .expect("valid problem")
}

/// `p` with the arcs between locations 0 and 1 (the depot and a site) made longer than an
/// `i32` holds, both ways, time and distance alike.
fn with_huge_arc(p: &Problem) -> Problem {
    let huge = i64::from(i32::MAX) * 3;
    rebuilt(p, |m| {
        for (a, b) in [(0, 1), (1, 0)] {
            let (a, b) = (LocationIdx::new(a), LocationIdx::new(b));
            m.distance.set(a, b, Distance(huge));
            m.time.set(a, b, Duration(huge));
        }
    })
}

/// The move checks read the compact copy when there is one and the `i64` matrices when
/// not (a problem with an arc too long for it): random insertions and replacements on
/// solved routes give the same answers both ways, and so do the route caches
/// ([`RouteCache::update_with`] against [`RouteCache::update`]).
#[test]
fn move_checks_agree_with_and_without_the_compact_copy() {
    for (seed, variant) in [(61, "same"), (62, "huge"), (63, "slower")] {
        let base = random_problem_with(seed, 40, true, true);
        let p = match variant {
            "huge" => with_huge_arc(&base),
            "slower" => with_slower_time(&base),
            _ => base,
        };
        let ctx = Context::new(&p);
        assert_eq!(ctx.compact[0].is_none(), variant == "huge");
        assert_eq!(ctx.time_is_distance[0], variant != "slower");
        let mut wide = ctx.clone();
        wide.compact = vec![None; wide.compact.len()];
        let sol = solve(&p, &SolverConfig::with_iterations(seed, 30), &mut |_| {}).solution;
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut feasible = 0;
        for _ in 0..5_000 {
            let route = &sol.routes[rng.random_range(0..sol.routes.len())];
            let mut r = RouteCache::empty(&p, route.vehicle_type, route.vehicle);
            r.visits = route.visits.clone();
            r.update(&p);
            let n = r.num_stops();
            let i = rng.random_range(0..n - 1);
            let s = SiteIdx::new(rng.random_range(0..p.sites().len()));
            let a = eval_insert_site(&p, &ctx, &r, i, s, Cost::INFINITE);
            assert_eq!(a, eval_insert_site(&p, &wide, &r, i, s, Cost::INFINITE));
            let k = (i + 1 + rng.random_range(0..3)).min(n - 1);
            let inserted = [Visit::Site(s)];
            if (i + 1..k).any(|j| matches!(r.visit(j), Some(Visit::Break))) {
                continue;
            }
            let b = eval_replace(&p, &ctx, &r, i, k, &inserted);
            assert_eq!(b, eval_replace(&p, &wide, &r, i, k, &inserted));
            // The caches of the changed route, feasible or not, built from either copy.
            let mut changed = r.clone();
            changed.visits = spliced(&r.visits, i, k, &inserted);
            let mut compact = changed.clone();
            changed.update(&p);
            compact.update_with(&p, ctx.arcs(&p, p.vehicle_type(r.vt).profile));
            assert_eq!(format!("{compact:?}"), format!("{changed:?}"));
            feasible += usize::from(a.is_some());
        }
        assert!(feasible > 50, "seed {seed}: {feasible} feasible insertions");
    }
}
