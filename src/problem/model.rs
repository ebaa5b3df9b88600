//! The entities of a waste-collection routing problem.
//!
//! Everything here is plain data in integer units; strings and road-graph types never
//! reach this layer. Whoever builds a [`Problem`](super::Problem) keeps its own table from
//! these indices back to user ids.

use crate::problem::{DepotIdx, FacilityIdx, LocationIdx, ProfileIdx, VehicleTypeIdx};
use crate::units::{Cost, Distance, Duration, Load};
use serde::{Deserialize, Serialize};

/// Most capacity dimensions a problem may use (for example kg, m³ and bins).
pub const MAX_DIMS: usize = 3;

/// An amount in each capacity dimension; unused dimensions stay zero.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Loads(pub [Load; MAX_DIMS]);

impl Loads {
    /// Nothing in any dimension.
    pub const ZERO: Loads = Loads([Load::ZERO; MAX_DIMS]);
    /// No limit in any dimension.
    pub const INFINITE: Loads = Loads([Load::INFINITE; MAX_DIMS]);

    /// A load in the first dimension only.
    pub const fn single(amount: i64) -> Loads {
        Loads([Load(amount), Load(0), Load(0)])
    }

    /// Component-wise sum.
    #[inline]
    pub fn plus(self, other: Loads) -> Loads {
        let mut out = self;
        for (o, v) in out.0.iter_mut().zip(other.0) {
            *o += v;
        }
        out
    }

    /// Component-wise maximum.
    #[inline]
    pub fn max(self, other: Loads) -> Loads {
        let mut out = self;
        for (o, v) in out.0.iter_mut().zip(other.0) {
            *o = (*o).max(v);
        }
        out
    }

    /// True when every component is at most the matching one of `limit`.
    #[inline]
    pub fn fits_within(self, limit: Loads) -> bool {
        self.0.iter().zip(limit.0).all(|(v, l)| *v <= l)
    }

    /// Sum over dimensions of the amount above `limit` (zero when it fits).
    #[inline]
    pub fn excess_over(self, limit: Loads) -> Load {
        self.0
            .iter()
            .zip(limit.0)
            .map(|(v, l)| v.saturating_sub_zero(l))
            .sum()
    }
}

/// A closed interval `[start, end]` on the plan's absolute time line.
///
/// A night window 23:00–06:30 is `[23 h, 30.5 h]`: builders unfold midnight crossings
/// onto one line before the solver sees them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TimeWindow {
    /// Earliest time.
    pub start: Duration,
    /// Latest time (inclusive).
    pub end: Duration,
}

impl TimeWindow {
    /// A window; callers validate `start <= end` (see [`Problem::new`](super::Problem::new)).
    pub const fn new(start: Duration, end: Duration) -> Self {
        Self { start, end }
    }

    /// A window that never binds.
    pub const UNBOUNDED: TimeWindow = TimeWindow {
        start: Duration(0),
        end: Duration::INFINITE,
    };

    /// True when `t` lies in the window.
    #[inline]
    pub fn contains(&self, t: Duration) -> bool {
        self.start <= t && t <= self.end
    }
}

/// A waste stream (recyclable, food, other, …) as a small index; at most 32 streams.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StreamIdx(pub u8);

/// A set of streams as a bit mask.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StreamSet(pub u32);

impl StreamSet {
    /// Every stream.
    pub const ALL: StreamSet = StreamSet(u32::MAX);
    /// No stream.
    pub const EMPTY: StreamSet = StreamSet(0);

    /// The set holding just `s`.
    #[inline]
    pub const fn only(s: StreamIdx) -> StreamSet {
        StreamSet(1 << s.0)
    }

    /// True when `s` is in the set.
    #[inline]
    pub const fn contains(self, s: StreamIdx) -> bool {
        self.0 & (1 << s.0) != 0
    }

    /// Union.
    #[inline]
    pub const fn union(self, other: StreamSet) -> StreamSet {
        StreamSet(self.0 | other.0)
    }

    /// True when every stream of `self` is in `other`.
    #[inline]
    pub const fn is_subset_of(self, other: StreamSet) -> bool {
        self.0 & !other.0 == 0
    }

    /// Number of streams in the set.
    #[inline]
    pub const fn len(self) -> u32 {
        self.0.count_ones()
    }

    /// True when the set holds no stream.
    #[inline]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// Where vehicles start and end their shift.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Depot {
    /// Matrix position.
    pub location: LocationIdx,
    /// Opening hours: vehicles leave no earlier than `start` and are back by `end`.
    pub window: TimeWindow,
}

/// A disposal facility: transfer station, landfill, incinerator, composting or recycling.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facility {
    /// Matrix position.
    pub location: LocationIdx,
    /// Opening windows, sorted and disjoint; unloading must start inside one of them.
    pub windows: Vec<TimeWindow>,
    /// Time spent unloading on each visit.
    pub unload_time: Duration,
    /// Streams the facility accepts.
    pub accepts: StreamSet,
    /// Total intake over the whole plan, per dimension, across all vehicles; `None` = no limit.
    pub daily_capacity: Option<Loads>,
}

/// A collection site: a gathering point whose waste a truck picks up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Site {
    /// Matrix position.
    pub location: LocationIdx,
    /// Amount collected, per capacity dimension.
    pub demand: Loads,
    /// Time spent at the site.
    pub service_time: Duration,
    /// Hard windows, sorted and disjoint; service must start inside one of them.
    pub windows: Vec<TimeWindow>,
    /// The stream collected here.
    pub stream: StreamIdx,
    /// Vehicle types allowed to serve the site; `None` = every type.
    pub allowed_vehicle_types: Option<Vec<VehicleTypeIdx>>,
    /// The trip that serves this site may not leave its depot or facility before this
    /// time (multi-trip benchmarks with release dates); [`Duration::ZERO`] otherwise.
    pub release_time: Duration,
    /// `None`: the site is required, and leaving it out costs
    /// [`Objective::unassigned_penalty`]. `Some(p)`: the site is optional (the
    /// prize-collecting VRP): serving it is worth `p`, and leaving it out costs `p` in the
    /// objective. Never negative (see [`Problem::new`](super::Problem::new)).
    pub prize: Option<Cost>,
}

impl Site {
    /// What leaving this site out adds to the objective: its prize when it is optional,
    /// the objective's unassigned penalty when it is required.
    #[inline]
    pub fn missing_cost(&self, objective: &Objective) -> Cost {
        self.prize.unwrap_or(objective.unassigned_penalty)
    }

    /// True when the site may be left out at the price of its prize.
    #[inline]
    pub fn is_optional(&self) -> bool {
        self.prize.is_some()
    }
}

/// A rest break every route of a vehicle type must hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakRule {
    /// Length of the break.
    pub duration: Duration,
    /// The break must start inside this window.
    pub window: TimeWindow,
}

/// What happens to the load at the end of a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EndOfRoute {
    /// The truck must come home empty: the last trip ends at a facility (waste collection).
    UnloadAtFacility,
    /// The end depot takes the load (classic CVRP / VRPTW, multi-trip reload at the depot).
    DepotUnloads,
}

/// A kind of vehicle and how many of them exist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VehicleType {
    /// Number of vehicles of this type.
    pub count: u32,
    /// Where each vehicle starts.
    pub start_depot: DepotIdx,
    /// Where each vehicle ends.
    pub end_depot: DepotIdx,
    /// Capacity per dimension for one trip (between two unloads).
    pub capacity: Loads,
    /// The shift: leave no earlier than `start`, home no later than `end`.
    pub shift: TimeWindow,
    /// Longest time from leaving the depot to coming back.
    pub max_duration: Duration,
    /// Longest distance over the whole route; [`Distance::INFINITE`] = no limit.
    pub max_distance: Distance,
    /// Most load one driver may collect over all trips of the day, per dimension.
    pub max_total_load: Loads,
    /// Most sites one driver may serve in the day; `u32::MAX` = no limit.
    pub max_sites: u32,
    /// The break each route must hold, if any.
    pub break_rule: Option<BreakRule>,
    /// Cost of using one vehicle of this type at all.
    pub fixed_cost: Cost,
    /// Cost per unit of distance.
    pub cost_per_distance: Cost,
    /// Cost per unit of route duration (depot departure to return).
    pub cost_per_duration: Cost,
    /// Which pair of travel matrices applies.
    pub profile: ProfileIdx,
    /// Streams the vehicle may carry; one trip carries one stream.
    pub streams: StreamSet,
    /// Facilities it may unload at; `None` = every facility.
    pub facilities: Option<Vec<FacilityIdx>>,
    /// How the route ends.
    pub end_of_route: EndOfRoute,
}

impl VehicleType {
    /// `count` vehicles of one `capacity` based at depot 0 within `shift`, costing one unit
    /// per distance unit and nothing else, carrying every stream, unloading at the depot,
    /// with no break and no other limit. Callers change with struct update syntax what
    /// their case adds (benchmark readers, test and bench fixtures).
    pub fn plain(count: u32, capacity: Loads, shift: TimeWindow) -> VehicleType {
        VehicleType {
            count,
            start_depot: DepotIdx(0),
            end_depot: DepotIdx(0),
            capacity,
            shift,
            max_duration: Duration::INFINITE,
            max_distance: Distance::INFINITE,
            max_total_load: Loads::INFINITE,
            max_sites: u32::MAX,
            break_rule: None,
            fixed_cost: Cost(0),
            cost_per_distance: Cost(1),
            cost_per_duration: Cost(0),
            profile: ProfileIdx(0),
            streams: StreamSet::ALL,
            facilities: None,
            end_of_route: EndOfRoute::DepotUnloads,
        }
    }
}

/// How solutions are compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Objective {
    /// Cost charged per unassigned required site (one without a [`Site::prize`]); it must
    /// dominate any routing cost so that serving every required site that can be served
    /// comes first.
    pub unassigned_penalty: Cost,
}
