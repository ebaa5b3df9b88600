//! The search is tuned per instance kind: time-window instances get a hotter annealing and,
//! when large, larger ruins; instances without binding windows keep SISR's settings.

mod solver_support;

use solver_support::{Builder, random_problem, window};
use wasteroute::problem::Problem;
use wasteroute::solver::accept::Annealing;
use wasteroute::solver::context::Context;
use wasteroute::solver::prechecks;
use wasteroute::solver::ruin::RuinParams;
use wasteroute::solver::search::has_time_windows;
use wasteroute::solver::state::Env;

fn env(p: &Problem) -> Env<'_> {
    let ctx = Context::new(p);
    let unservable = prechecks::unservable(p, &ctx);
    Env::new(p, ctx, unservable)
}

/// Four sites open as long as the shift: no binding window.
fn open_all_day() -> Builder {
    let mut b = Builder::new((0.0, 0.0));
    for k in 0..4 {
        b.site((10.0 * k as f64, 5.0), 1);
    }
    b.vehicles(2, 10);
    b
}

#[test]
fn sites_open_all_shift_have_no_time_windows() {
    let p = open_all_day().build();
    assert!(!has_time_windows(&env(&p)));
}

#[test]
fn half_the_sites_with_narrow_windows_make_a_time_window_instance() {
    let mut b = open_all_day();
    b.sites[0].windows = vec![window(0, 500)];
    let one = b.build();
    assert!(!has_time_windows(&env(&one)), "one narrow window in four");
    let mut b = open_all_day();
    b.sites[0].windows = vec![window(0, 500)];
    b.sites[3].windows = vec![window(100, 200), window(300, 900)];
    let two = b.build();
    assert!(has_time_windows(&env(&two)), "two narrow windows in four");
    // Random instances have windows of at most 400 in an 800 shift.
    assert!(has_time_windows(&env(&random_problem(3, 30, false))));
}

#[test]
fn large_time_window_instances_get_a_hotter_annealing() {
    let plain = Annealing::for_instance(50.0, 1000, false);
    let timed = Annealing::for_instance(50.0, 1000, true);
    let small = Annealing::for_instance(50.0, 100, true);
    assert_eq!(plain.start, Annealing::scaled(50.0).start);
    assert_eq!(
        small.start, plain.start,
        "100 sites keep the plain schedule"
    );
    assert!(timed.start > plain.start && timed.end > plain.end);
    // Both end a hundredth of their start: nearly greedy.
    assert!((plain.end / plain.start - 0.01).abs() < 1e-12);
    assert!((timed.end / timed.start - 0.01).abs() < 1e-12);
}

#[test]
fn ruins_grow_only_on_large_time_window_instances() {
    let base = RuinParams::default().avg_removed;
    for sites in [10, 100, 400, 1000, 5000] {
        assert_eq!(RuinParams::for_instance(sites, false).avg_removed, base);
    }
    assert_eq!(RuinParams::for_instance(100, true).avg_removed, base);
    assert_eq!(RuinParams::for_instance(199, true).avg_removed, base);
    // From 200 sites with time windows: 20, then one site in 50 beyond 1,000.
    assert_eq!(RuinParams::for_instance(200, true).avg_removed, 20.0);
    assert_eq!(RuinParams::for_instance(400, true).avg_removed, 20.0);
    assert_eq!(RuinParams::for_instance(1000, true).avg_removed, 20.0);
    assert!(RuinParams::for_instance(2000, true).avg_removed > 20.0);
    // Everything else stays SISR's.
    let big = RuinParams::for_instance(1000, true);
    assert_eq!(big.max_string, RuinParams::default().max_string);
    assert_eq!(big.weights, RuinParams::default().weights);
}
