//! A route with cached forward and backward summaries of its stops, so that a change in one
//! place can be checked in constant time (Savelsbergh's forward earliest times and backward
//! latest arrival times, plus trip loads that close at each facility visit).
//!
//! Stops are numbered `0` (start depot), `1..=m` (the visits) and `m + 1` (end depot).
//! A break stop sits at the location of the stop before it, and driving into it takes no time.
//!
//! Suffix summaries for joining one route's head to another's tail in constant time (2-opt*,
//! see [`eval_join`](super::evaluate::eval_join)), in the manner of PyVRP's concatenated
//! segments: the day's load and site count up to each stop (per-driver limits over head and
//! tail), where the break is, whether a stop of a suffix has several time windows, a site
//! the vehicle type may not serve or a trip that breaks a load rule, and the earliest
//! arrival at the end depot as a function of the time a suffix is entered:
//! `max(t + to_end_span[j], to_end_floor[j])`. That form is exact when every stop of the
//! suffix has at most one time window (waiting for a window, a facility's trip release or
//! the break window is a `max` with a constant, the rest adds a constant); with several
//! windows it is not, and [`RouteCache::last_multi_window`] says so.

use super::arcs::Arcs;
use super::full_eval::service_start;
use crate::problem::{
    EndOfRoute, Loads, LocationIdx, Problem, Site, SiteIdx, StreamSet, TimeWindow, VehicleType,
    VehicleTypeIdx,
};
use crate::solution::Visit;
use crate::units::{Cost, Distance, Duration};

/// "No arrival time keeps the rest of the route feasible."
pub const NEVER: Duration = Duration(i64::MIN / 4);

/// One vehicle's route and its cached summaries.
#[derive(Clone, Debug)]
pub struct RouteCache {
    /// The vehicle type.
    pub vt: VehicleTypeIdx,
    /// The vehicle number within its type.
    pub vehicle: u32,
    /// The visits, depots implicit.
    pub visits: Vec<Visit>,
    /// Effective location of each stop (a break takes the previous stop's).
    pub loc: Vec<LocationIdx>,
    /// Earliest departure from each stop.
    pub dep: Vec<Duration>,
    /// Earliest arrival at each stop (for a break: the previous departure).
    pub arr: Vec<Duration>,
    /// Latest arrival at each stop that keeps the rest of the route feasible, or [`NEVER`].
    pub latest: Vec<Duration>,
    /// Distance driven from the start depot up to each stop.
    pub cum_dist: Vec<Distance>,
    /// Load of the current trip after leaving each stop (zero at depot and facilities).
    pub fwd_load: Vec<Loads>,
    /// Streams of the current trip after leaving each stop.
    pub fwd_streams: Vec<StreamSet>,
    /// Load of the sites from each stop up to the facility closing its trip (exclusive).
    pub bwd_load: Vec<Loads>,
    /// Streams of those sites.
    pub bwd_streams: Vec<StreamSet>,
    /// The stop that closes the trip holding each stop (a facility stop or the end depot).
    pub close: Vec<usize>,
    /// Release time of the trip a site inserted right after each stop would join.
    pub gap_release: Vec<Duration>,
    /// The stop that opens the trip holding each stop: the start depot (`0`) or the last
    /// facility visit at or before it (a facility opens the trip after it).
    pub opener: Vec<usize>,
    /// Departure from each stop were no release time to wait for (only differs from
    /// `dep` at a trip's opener, where the release is waited for).
    pub ready: Vec<Duration>,
    /// Latest release time of the sites from the stop's opener (exclusive) up to the stop.
    pub fwd_release: Vec<Duration>,
    /// Latest release time of the sites from the stop up to the stop that closes its trip
    /// (exclusive).
    pub bwd_release: Vec<Duration>,
    /// Total demand of the sites at stops `1..=i`, over all trips (per-driver limits).
    pub cum_load: Vec<Loads>,
    /// Number of sites at stops `1..=i`.
    pub cum_sites: Vec<u32>,
    /// Time from the arrival at each stop to the arrival at the end depot when nothing
    /// waits: travel, service, unloading and break durations ([`Duration::INFINITE`] when
    /// some arc after the stop is missing). Kept only when the vehicle type has a cost
    /// per duration (empty otherwise).
    pub to_end_span: Vec<Duration>,
    /// Earliest arrival at the end depot however early the stop is reached (the waits for
    /// windows, trip releases and the break window; [`NEVER`] when nothing waits). With
    /// `to_end_span`: arriving at stop `j` at `t <= latest[j]` reaches the end depot at
    /// `max(t + to_end_span[j], to_end_floor[j])`, when no stop from `j` on has several
    /// windows (see [`last_multi_window`](Self::last_multi_window)). Kept only when the
    /// vehicle type has a cost per duration (empty otherwise).
    pub to_end_floor: Vec<Duration>,
    /// The first break stop (`usize::MAX` when there is none).
    pub first_break: usize,
    /// The last break stop (`0` when there is none).
    pub last_break: usize,
    /// The last stop whose place (site or facility) has more than one time window (`0`
    /// when none has).
    pub last_multi_window: usize,
    /// The last stop holding a site the vehicle type may not serve ([`eligible`]; `0` when
    /// there is none).
    pub last_ineligible: usize,
    /// The last stop (a facility or the end depot) closing a trip that breaks a load,
    /// stream, facility or end-of-route rule (`0` when every trip keeps them).
    pub last_bad_close: usize,
    /// Sum of all site demands.
    pub total_load: Loads,
    /// Number of sites.
    pub sites: u32,
    /// Route distance.
    pub distance: Distance,
    /// Route duration (latest start keeping the earliest return).
    pub duration: Duration,
    /// Route cost (zero when empty).
    pub cost: Cost,
    /// True when every time, load and limit rule holds.
    pub feasible: bool,
}

impl RouteCache {
    /// An empty route for vehicle `vehicle` of type `vt`.
    pub fn empty(problem: &Problem, vt: VehicleTypeIdx, vehicle: u32) -> Self {
        let mut r = RouteCache {
            vt,
            vehicle,
            visits: Vec::new(),
            loc: Vec::new(),
            dep: Vec::new(),
            arr: Vec::new(),
            latest: Vec::new(),
            cum_dist: Vec::new(),
            fwd_load: Vec::new(),
            fwd_streams: Vec::new(),
            bwd_load: Vec::new(),
            bwd_streams: Vec::new(),
            close: Vec::new(),
            gap_release: Vec::new(),
            opener: Vec::new(),
            ready: Vec::new(),
            fwd_release: Vec::new(),
            bwd_release: Vec::new(),
            cum_load: Vec::new(),
            cum_sites: Vec::new(),
            to_end_span: Vec::new(),
            to_end_floor: Vec::new(),
            first_break: usize::MAX,
            last_break: 0,
            last_multi_window: 0,
            last_ineligible: 0,
            last_bad_close: 0,
            total_load: Loads::ZERO,
            sites: 0,
            distance: Distance::ZERO,
            duration: Duration::ZERO,
            cost: Cost::ZERO,
            feasible: true,
        };
        r.update(problem);
        r
    }

    /// Number of stops including both depots.
    #[inline]
    pub fn num_stops(&self) -> usize {
        self.visits.len() + 2
    }

    /// True when the route has no visits.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.visits.is_empty()
    }

    /// The visit at stop `i` (`None` for the depots).
    #[inline]
    pub fn visit(&self, i: usize) -> Option<Visit> {
        if i == 0 || i > self.visits.len() {
            None
        } else {
            Some(self.visits[i - 1])
        }
    }

    /// Recomputes every cache after `visits` changed. O(m), in four passes over the stops
    /// (forward: places, distance and trip loads; backward: what closes each trip; forward:
    /// earliest times; backward: latest times), reusing the vectors' memory.
    pub fn update(&mut self, problem: &Problem) {
        let m = problem.profile(problem.vehicle_type(self.vt).profile);
        self.update_with(problem, Arcs::Wide { m, same: false });
    }

    /// [`update`](Self::update) reading the arcs from `arcs` (which must be those of the
    /// vehicle type's profile), e.g. the search's compact copy
    /// ([`Context::arcs`](super::context::Context::arcs)). Same result.
    pub fn update_with(&mut self, problem: &Problem, arcs: Arcs) {
        let v = problem.vehicle_type(self.vt);
        let n = self.num_stops();
        let start = problem.depot(v.start_depot);
        let end = problem.depot(v.end_depot);
        // Every entry is written below: only the lengths must be right.
        for vec in [
            &mut self.dep,
            &mut self.arr,
            &mut self.latest,
            &mut self.ready,
            &mut self.fwd_release,
            &mut self.bwd_release,
            &mut self.gap_release,
        ] {
            vec.resize(n, Duration::ZERO);
        }
        self.loc.resize(n, start.location);
        self.cum_dist.resize(n, Distance::ZERO);
        self.fwd_load.resize(n, Loads::ZERO);
        self.fwd_streams.resize(n, StreamSet::EMPTY);
        self.bwd_load.resize(n, Loads::ZERO);
        self.bwd_streams.resize(n, StreamSet::EMPTY);
        self.close.resize(n, n - 1);
        self.opener.resize(n, 0);
        self.cum_load.resize(n, Loads::ZERO);
        self.cum_sites.resize(n, 0);

        // Locations, distance, forward trip loads, per-trip release times.
        self.loc[0] = start.location;
        self.cum_dist[0] = Distance::ZERO;
        self.fwd_load[0] = Loads::ZERO;
        self.fwd_streams[0] = StreamSet::EMPTY;
        self.opener[0] = 0;
        self.fwd_release[0] = Duration::ZERO;
        self.cum_load[0] = Loads::ZERO;
        self.cum_sites[0] = 0;
        self.total_load = Loads::ZERO;
        self.sites = 0;
        self.first_break = usize::MAX;
        self.last_break = 0;
        self.last_multi_window = 0;
        self.last_ineligible = 0;
        self.last_bad_close = 0;
        let mut breaks = 0usize;
        let mut feasible = true;
        for i in 1..n {
            let (prev_load, prev_streams) = (self.fwd_load[i - 1], self.fwd_streams[i - 1]);
            let visit = self.visit(i);
            let (location, load, streams, opener, release) = match visit {
                None => (
                    end.location,
                    prev_load,
                    prev_streams,
                    self.opener[i - 1],
                    self.fwd_release[i - 1],
                ),
                Some(Visit::Break) => {
                    breaks += 1;
                    self.first_break = self.first_break.min(i);
                    self.last_break = i;
                    (
                        self.loc[i - 1],
                        prev_load,
                        prev_streams,
                        self.opener[i - 1],
                        self.fwd_release[i - 1],
                    )
                }
                Some(Visit::Site(s)) => {
                    let site = problem.site(s);
                    self.total_load = self.total_load.plus(site.demand);
                    self.sites += 1;
                    if site.windows.len() > 1 {
                        self.last_multi_window = i;
                    }
                    if !serves(v, self.vt, site) {
                        self.last_ineligible = i;
                    }
                    (
                        site.location,
                        prev_load.plus(site.demand),
                        prev_streams.union(StreamSet::only(site.stream)),
                        self.opener[i - 1],
                        self.fwd_release[i - 1].max(site.release_time),
                    )
                }
                Some(Visit::Facility(f)) => {
                    let fac = problem.facility(f);
                    let usable = v.facilities.as_ref().is_none_or(|a| a.contains(&f));
                    if !prev_load.fits_within(v.capacity)
                        || prev_streams.len() > 1
                        || (!prev_streams.is_empty()
                            && (!usable || !prev_streams.is_subset_of(fac.accepts)))
                    {
                        feasible = false;
                        self.last_bad_close = i;
                    }
                    if fac.windows.len() > 1 {
                        self.last_multi_window = i;
                    }
                    (
                        fac.location,
                        Loads::ZERO,
                        StreamSet::EMPTY,
                        i,
                        Duration::ZERO,
                    )
                }
            };
            // The break waits where the previous stop was: no distance into it.
            let d = if matches!(visit, Some(Visit::Break)) {
                Distance::ZERO
            } else {
                arcs.distance(self.loc[i - 1], location)
            };
            self.cum_dist[i] = self.cum_dist[i - 1] + d;
            self.loc[i] = location;
            self.fwd_load[i] = load;
            self.fwd_streams[i] = streams;
            self.opener[i] = opener;
            self.fwd_release[i] = release;
            self.cum_load[i] = self.total_load;
            self.cum_sites[i] = self.sites;
        }
        // The end depot does not count as a facility: its trip is the last one.
        let last = n - 1;
        let last_load = self.fwd_load[last];
        if !last_load.fits_within(v.capacity) || self.fwd_streams[last].len() > 1 {
            feasible = false;
            self.last_bad_close = last;
        }
        // Sites after the last facility must not stay on board when the truck comes home empty.
        if v.end_of_route == EndOfRoute::UnloadAtFacility && self.has_open_last_trip() {
            feasible = false;
            self.last_bad_close = last;
        }
        if !self.total_load.fits_within(v.max_total_load) || self.sites > v.max_sites {
            feasible = false;
        }
        self.distance = self.cum_dist[last];
        if self.distance > v.max_distance {
            feasible = false;
        }
        if !self.visits.is_empty() && breaks != usize::from(v.break_rule.is_some()) {
            feasible = false;
        }

        // Backward trip loads: a facility or the end depot closes a trip and carries none.
        for i in (0..n).rev() {
            let visit = self.visit(i);
            if i == n - 1 || matches!(visit, Some(Visit::Facility(_))) {
                self.close[i] = i;
                self.bwd_load[i] = Loads::ZERO;
                self.bwd_streams[i] = StreamSet::EMPTY;
                self.bwd_release[i] = Duration::ZERO;
                continue;
            }
            self.close[i] = self.close[i + 1];
            let (l, s) = (self.bwd_load[i + 1], self.bwd_streams[i + 1]);
            let rel = self.bwd_release[i + 1];
            if let Some(Visit::Site(site)) = visit {
                let site = problem.site(site);
                self.bwd_load[i] = l.plus(site.demand);
                self.bwd_streams[i] = s.union(StreamSet::only(site.stream));
                self.bwd_release[i] = rel.max(site.release_time);
            } else {
                self.bwd_load[i] = l;
                self.bwd_streams[i] = s;
                self.bwd_release[i] = rel;
            }
        }

        // Forward earliest times, with the release of the trip each stop is in (an opener:
        // of the trip it opens).
        let gap_release = |r: &Self, j: usize| match r.visit(j) {
            Some(Visit::Facility(_)) => r.bwd_release[j + 1],
            _ => r.fwd_release[j].max(r.bwd_release[j]),
        };
        self.gap_release[0] = gap_release(self, 0);
        let t0_ready = start.window.start.max(v.shift.start);
        let t0_min = t0_ready.max(self.gap_release[0]);
        self.ready[0] = t0_ready;
        self.dep[0] = t0_min;
        self.arr[0] = t0_min;
        for i in 1..n {
            self.gap_release[i] = gap_release(self, i);
            let visit = self.visit(i);
            let into = if matches!(visit, Some(Visit::Break)) {
                Duration::ZERO
            } else {
                arcs.time(self.loc[i - 1], self.loc[i])
            };
            if into.is_infinite() {
                feasible = false;
            }
            let arrival = self.dep[i - 1] + into;
            self.arr[i] = arrival;
            self.ready[i] = match visit {
                None => arrival,
                Some(Visit::Site(s)) => {
                    let site = problem.site(s);
                    match service_start(&site.windows, arrival) {
                        Some(b) => b + site.service_time,
                        None => {
                            feasible = false;
                            arrival + site.service_time
                        }
                    }
                }
                Some(Visit::Facility(f)) => {
                    let fac = problem.facility(f);
                    let begin = service_start(&fac.windows, arrival).unwrap_or_else(|| {
                        feasible = false;
                        arrival
                    });
                    begin + fac.unload_time
                }
                Some(Visit::Break) => match v.break_rule {
                    Some(rule) => {
                        let begin = arrival.max(rule.window.start);
                        if begin > rule.window.end {
                            feasible = false;
                        }
                        begin + rule.duration
                    }
                    None => {
                        feasible = false;
                        arrival
                    }
                },
            };
            self.dep[i] = match visit {
                Some(Visit::Facility(_)) => self.ready[i].max(self.gap_release[i]),
                _ => self.ready[i],
            };
        }
        let end_limit = end.window.end.min(v.shift.end);
        self.latest[0] = Duration::ZERO;
        self.latest[n - 1] = end_limit;
        // The end-arrival summaries only price a shift of the return: kept when the
        // vehicle type costs per duration, left empty otherwise.
        let timed = v.cost_per_duration != Cost::ZERO;
        if timed {
            self.to_end_span.resize(n, Duration::ZERO);
            self.to_end_floor.resize(n, NEVER);
            self.to_end_span[n - 1] = Duration::ZERO;
            self.to_end_floor[n - 1] = NEVER;
            self.to_end_span[0] = Duration::INFINITE;
            self.to_end_floor[0] = NEVER;
        } else {
            self.to_end_span.clear();
            self.to_end_floor.clear();
        }
        for j in (1..n - 1).rev() {
            self.latest[j] = self.latest_before(problem, j, self.latest[j + 1]);
            if timed {
                self.set_to_end_summary(problem, j);
            }
        }
        if self.arr[n - 1] > end_limit || self.latest[n - 1] == NEVER {
            feasible = false;
        }
        // Duration: latest start that keeps the earliest return. The latest arrivals given
        // that return follow the same step as `latest`, from a later or equal end: once
        // they meet `latest`, they stay equal to it down to stop 1.
        let earliest_end = self.arr[n - 1];
        let mut latest = earliest_end;
        for j in (1..n - 1).rev() {
            latest = self.latest_before(problem, j, latest);
            if latest == self.latest[j] {
                latest = self.latest[1];
                break;
            }
        }
        let t0_max = self.latest_departure(latest);
        self.duration = if self.visits.is_empty() {
            Duration::ZERO
        } else {
            earliest_end - t0_max.max(t0_min)
        };
        if !self.visits.is_empty() && self.duration > v.max_duration {
            feasible = false;
        }
        self.feasible = feasible;
        self.cost = if self.visits.is_empty() {
            Cost::ZERO
        } else {
            v.fixed_cost
                + Cost(v.cost_per_distance.get() * self.distance.get())
                + Cost(v.cost_per_duration.get() * self.duration.get())
        };
    }

    fn has_open_last_trip(&self) -> bool {
        for visit in self.visits.iter().rev() {
            match visit {
                Visit::Site(_) => return true,
                Visit::Facility(_) => return false,
                Visit::Break => {}
            }
        }
        false
    }

    /// Latest departure from the start depot given the latest arrival at stop 1.
    fn latest_departure(&self, latest_1: Duration) -> Duration {
        let into = self.arr[1] - self.dep[0];
        if latest_1 == NEVER || into.is_infinite() {
            NEVER
        } else {
            latest_1 - into
        }
    }

    /// Earliest arrival at the end depot when stop `j` is reached at `arrival`, which must
    /// be at most `latest[j]`. Exact when `last_multi_window < j`: see the module docs.
    /// Only for vehicle types with a cost per duration (the summaries are empty otherwise).
    #[inline]
    pub fn end_arrival_from(&self, j: usize, arrival: Duration) -> Duration {
        (arrival + self.to_end_span[j]).max(self.to_end_floor[j])
    }

    /// `to_end_span[j]` and `to_end_floor[j]` from those of stop `j + 1` (`1 <= j < n-1`).
    /// Leaving stop `j` when reached at `t` is `max(t + s, c)`: `s` the service, unloading
    /// or break duration, `c` the departure when reached infinitely early (window start
    /// plus `s`, and at a facility at least the release of the trip it opens).
    fn set_to_end_summary(&mut self, problem: &Problem, j: usize) {
        let into = self.arr[j + 1] - self.dep[j];
        let next_span = self.to_end_span[j + 1];
        if into.is_infinite() || next_span.is_infinite() {
            // No arrival at `j` keeps the route feasible (`latest[j]` is NEVER).
            self.to_end_span[j] = Duration::INFINITE;
            self.to_end_floor[j] = NEVER;
            return;
        }
        let opens = |windows: &[TimeWindow]| windows.first().map_or(NEVER, |w| w.start);
        let (s, c) = match self.visit(j) {
            Some(Visit::Site(s)) => {
                let site = problem.site(s);
                (site.service_time, opens(&site.windows) + site.service_time)
            }
            Some(Visit::Facility(f)) => {
                let fac = problem.facility(f);
                (
                    fac.unload_time,
                    (opens(&fac.windows) + fac.unload_time).max(self.gap_release[j]),
                )
            }
            Some(Visit::Break) => match problem.vehicle_type(self.vt).break_rule {
                Some(rule) => (rule.duration, rule.window.start + rule.duration),
                None => (Duration::ZERO, NEVER),
            },
            None => (Duration::ZERO, NEVER),
        };
        self.to_end_span[j] = s + into + next_span;
        self.to_end_floor[j] = (c + into + next_span).max(self.to_end_floor[j + 1]);
    }

    /// Travel time into stop `i` from stop `i - 1` (zero into a break).
    #[inline]
    pub fn travel_into(&self, problem: &Problem, i: usize) -> Duration {
        if matches!(self.visit(i), Some(Visit::Break)) {
            return Duration::ZERO;
        }
        let m = problem.profile(problem.vehicle_type(self.vt).profile);
        m.time.get(self.loc[i - 1], self.loc[i])
    }

    /// Latest arrival at stop `j` (`1..n-1`) given the latest arrival `next` at stop
    /// `j + 1`. Needs the forward times (travel into `j + 1` is `arr[j + 1] - dep[j]`).
    #[inline]
    fn latest_before(&self, problem: &Problem, j: usize, next: Duration) -> Duration {
        self.latest_given(problem, j, next, self.arr[j + 1] - self.dep[j])
    }

    /// Latest arrival at stop `j` (`1..n-1`) that keeps what follows feasible, given the
    /// latest arrival `next` at the stop driven to after it and the travel time `into`
    /// that stop (which need not be stop `j + 1`: the break moves ask as if it were gone).
    #[inline]
    pub fn latest_given(
        &self,
        problem: &Problem,
        j: usize,
        next: Duration,
        into: Duration,
    ) -> Duration {
        if next == NEVER || into.is_infinite() {
            return NEVER;
        }
        let budget = next - into;
        match self.visit(j) {
            Some(Visit::Site(s)) => {
                let site = problem.site(s);
                latest_arrival(&site.windows, budget - site.service_time)
            }
            Some(Visit::Facility(f)) => {
                let fac = problem.facility(f);
                if self.gap_release[j] > budget {
                    NEVER
                } else {
                    latest_arrival(&fac.windows, budget - fac.unload_time)
                }
            }
            Some(Visit::Break) => match problem.vehicle_type(self.vt).break_rule {
                Some(rule) => {
                    let x = rule.window.end.min(budget - rule.duration);
                    if x >= rule.window.start { x } else { NEVER }
                }
                None => NEVER,
            },
            None => NEVER,
        }
    }
}

/// True when vehicle type `vt` may serve site `s`: the rule of
/// [`Context::eligible`](super::context::Context::eligible), read from the problem (a test
/// checks that the two agree).
#[inline]
pub fn eligible(problem: &Problem, s: SiteIdx, vt: VehicleTypeIdx) -> bool {
    serves(problem.vehicle_type(vt), vt, problem.site(s))
}

/// [`eligible`] for vehicle type `v` (numbered `vt`) and `site`.
#[inline]
fn serves(v: &VehicleType, vt: VehicleTypeIdx, site: &Site) -> bool {
    v.count > 0
        && v.streams.contains(site.stream)
        && site
            .allowed_vehicle_types
            .as_ref()
            .is_none_or(|a| a.contains(&vt))
}

/// Latest arrival at a place with `windows` whose service start is at most `latest_start`.
/// Service start is non-decreasing in the arrival, so this is a threshold.
#[inline]
pub fn latest_arrival(windows: &[TimeWindow], latest_start: Duration) -> Duration {
    match windows.iter().rev().find(|w| w.start <= latest_start) {
        Some(w) => w.end.min(latest_start),
        None => NEVER,
    }
}
