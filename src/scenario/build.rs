//! From a checked [`Scenario`] to a [`Problem`]: load the road network, snap every
//! location once per road profile, compute the travel matrices per profile, and assemble
//! the problem with tables from its indices back to the scenario's ids.
//!
//! ## Locations
//! Matrix positions are: the depots, then the facilities, then the sites, each in file
//! order. A site with several streams is one location and several problem sites (jobs),
//! one per stream, in stream order.
//!
//! ## What the road network decides
//! Each profile sees only the roads it may use, so a location is snapped once per
//! profile. When a site is farther than `max_snap_distance_m` from every road a profile
//! may use, vehicles of that profile may not serve it; when no profile reaches it, it is
//! left out with the reason `unreachable_by_road` (a warning). A depot that a vehicle's
//! profile cannot reach is an error; an unreachable facility is closed to that profile.

use super::location::Place;
use super::{Invalid, Scenario, units};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::problem::{
    Depot, DepotIdx, Facility, FacilityIdx, LocationIdx, Objective, Problem, ProblemParts,
    ProfileIdx, Site, SiteIdx, StreamIdx, TimeWindow, TravelMatrices, VehicleType, VehicleTypeIdx,
};
use crate::problem::{EndOfRoute, ProblemError};
use crate::road::ch::{ChCache, ContractionHierarchy};
use crate::road::{
    RoadError, RoadNetwork, SnapError, SnappedLocation, Snapper, SpeedTable, VehicleProfile,
    location_matrix,
};
use crate::solution::UnassignedReason;
use crate::units::{Distance, Duration};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

/// One problem site: which scenario site and which stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Job {
    /// Position in [`Scenario::sites`].
    pub site: usize,
    /// The stream collected.
    pub stream: StreamIdx,
}

/// The roads of one profile: its hierarchy (for paths) and where each location sits.
#[derive(Debug)]
pub struct ProfileRoads {
    /// The profile as the road layer sees it.
    pub profile: VehicleProfile,
    /// Contraction hierarchy over the profile's arcs.
    pub ch: ContractionHierarchy,
    /// Each location snapped for this profile; `None` when too far from its roads.
    pub snapped: Vec<Option<SnappedLocation>>,
}

/// A problem built from a scenario, and what is needed to talk about it in user terms.
#[derive(Debug)]
pub struct Built {
    /// The problem.
    pub problem: Problem,
    /// Problem site → scenario site and stream.
    pub jobs: Vec<Job>,
    /// The road network.
    pub network: RoadNetwork,
    /// Per profile, in the order of [`Scenario::profiles`].
    pub roads: Vec<ProfileRoads>,
    /// `(lat, lon)` of every location (the input point, or the road node's position).
    pub coords: Vec<(f64, f64)>,
    /// Sites the build already knows cannot be served, with the reason (the solver's own
    /// reason is replaced by this one, which is more specific).
    pub known_unassigned: BTreeMap<SiteIdx, UnassignedReason>,
    /// Warnings found while building (snap distances, unreachable sites).
    pub warnings: Diagnostics,
    /// Seconds spent per phase (`network`, `snap`, `matrices`), for logs only.
    pub timings: Vec<(&'static str, f64)>,
}

impl Built {
    /// The matrix position of a depot.
    pub fn depot_location(&self, d: usize) -> LocationIdx {
        LocationIdx::new(d)
    }
}

/// A problem with some of `full`'s problem sites, each possibly with another demand or
/// prize: everything else (matrices, depots, facilities, vehicles, objective) is `full`'s.
/// The matrices are built once for the full scenario; a night or a day of a week is cut
/// from it instead of being built again. `sites` keep `full`'s locations.
///
/// # Errors
/// [`ProblemError`] when the cut sites are not valid (a bug of the caller).
pub fn cut(full: &Problem, sites: Vec<Site>) -> Result<Problem, ProblemError> {
    Problem::new(ProblemParts {
        profiles: full.profiles().to_vec(),
        depots: full.depots().to_vec(),
        facilities: full.facilities().to_vec(),
        sites,
        vehicle_types: full.vehicle_types().to_vec(),
        objective: *full.objective(),
    })
}

/// What a phase of the build reports (for progress lines).
pub type PhaseLog<'a> = &'a mut dyn FnMut(&str, f64);

/// Builds the problem.
///
/// # Errors
/// [`Invalid`] with every problem found (road network errors, depots off the road).
pub fn build(s: &Scenario, log: PhaseLog<'_>) -> Result<Built, Invalid> {
    let mut diags = Diagnostics::new();
    let mut timings = Vec::new();
    let t0 = Instant::now();
    let network = load_network(s, &mut diags).ok_or_else(|| Invalid(diags.clone()))?;
    timings.push(("network", t0.elapsed().as_secs_f64()));
    log("network", t0.elapsed().as_secs_f64());

    let t1 = Instant::now();
    let coords = location_coords(s, &network, &mut diags);
    if diags.has_errors() {
        diags.sort();
        return Err(Invalid(diags));
    }
    let n_loc = coords.len();
    let mut roads = Vec::with_capacity(s.profiles.len());
    let mut matrices = Vec::with_capacity(s.profiles.len());
    let mut snap_secs = 0.0;
    let mut matrix_secs = 0.0;
    let mut contraction_secs = 0.0;
    let mut contraction_hits = 0;
    let ch_cache = ChCache::for_network(s.network.nodes.parent().unwrap_or(Path::new(".")));
    for p in &s.profiles {
        let ts = Instant::now();
        let profile = road_profile(p);
        let arcs = network.arc_list(&profile);
        let snapper =
            Snapper::new(&network, &arcs).with_max_distance_m(s.network.max_snap_distance_m);
        let snapped: Vec<Option<SnappedLocation>> = coords
            .iter()
            .enumerate()
            .map(
                |(i, &(lat, lon))| match snapper.snap(&location_name(s, i), lat, lon) {
                    Ok(loc) => Some(loc),
                    Err(SnapError::TooFar { .. } | SnapError::NoRoad { .. }) => None,
                    Err(SnapError::BadCoordinate { .. }) => None,
                },
            )
            .collect();
        snap_secs += ts.elapsed().as_secs_f64();
        let tc = Instant::now();
        let (ch, cached) = ContractionHierarchy::build_cached(&arcs, &ch_cache);
        contraction_secs += tc.elapsed().as_secs_f64();
        contraction_hits += usize::from(cached.is_hit());
        let tm = Instant::now();
        let m = matrices_for(&ch, &snapped, n_loc);
        matrix_secs += tm.elapsed().as_secs_f64();
        matrices.push(m);
        roads.push(ProfileRoads {
            profile,
            ch,
            snapped,
        });
    }
    // "contraction (2 of 2 from cache)" tells a planner why a repeated plan starts faster.
    let contraction = if contraction_hits == 0 {
        "contraction"
    } else if contraction_hits == s.profiles.len() {
        "contraction (from cache)"
    } else {
        "contraction (partly from cache)"
    };
    timings.push(("snap", snap_secs));
    timings.push((contraction, contraction_secs));
    timings.push(("matrices", matrix_secs));
    log("snap", snap_secs);
    log(contraction, contraction_secs);
    log("matrices", matrix_secs);
    let _ = t1;

    let mut b = Assembler {
        s,
        roads: &roads,
        matrices: &matrices,
        diags: &mut diags,
        known: BTreeMap::new(),
    };
    let parts = b.parts();
    let known = std::mem::take(&mut b.known);
    if diags.has_errors() {
        diags.sort();
        return Err(Invalid(diags));
    }
    let parts = match parts {
        // The matrices move into the problem (no copy: they are the largest part).
        Some(p) => ProblemParts {
            profiles: matrices,
            ..p
        },
        None => {
            diags.sort();
            return Err(Invalid(diags));
        }
    };
    let jobs = jobs_of(s);
    let problem = Problem::new(parts).map_err(|e| {
        let mut d = diags.clone();
        d.push(match e {
            // Every number is in its plausible range, yet together they are too large.
            ProblemError::ObjectiveTooLarge { .. } => Diagnostic::error(
                "objective_too_large",
                &s.files.toml,
                format!("{e}: the weights, costs and penalty are too large together"),
            )
            .in_column("objective")
            .hint(
                "lower the [objective] weights or unassigned_penalty, or the vehicles' \
                 fixed_cost, cost_per_km and cost_per_hour (they only need to be right relative to each other)",
            ),
            _ => Diagnostic::error(
                "internal",
                &s.files.toml,
                format!("the built problem is invalid: {e}"),
            )
            .hint("this is a bug in wasteroute; please report it with the scenario"),
        });
        Invalid(d)
    })?;
    diags.sort();
    Ok(Built {
        problem,
        jobs,
        network,
        roads,
        coords,
        known_unassigned: known,
        warnings: diags,
        timings,
    })
}

/// Problem sites in order: per scenario site, one per stream with demand.
pub fn jobs_of(s: &Scenario) -> Vec<Job> {
    s.sites
        .iter()
        .enumerate()
        .flat_map(|(i, site)| {
            site.demands.iter().map(move |(stream, _)| Job {
                site: i,
                stream: *stream,
            })
        })
        .collect()
}

fn load_network(s: &Scenario, diags: &mut Diagnostics) -> Option<RoadNetwork> {
    let (network, _warnings) = match RoadNetwork::load(&s.network.nodes, &s.network.edges) {
        Ok(x) => x,
        Err(e) => {
            push_road_error(
                diags,
                &e,
                &s.network.nodes,
                "check the [network] paths in the scenario TOML",
            );
            return None;
        }
    };
    match &s.network.speeds {
        None => Some(network),
        Some(path) => match SpeedTable::from_toml_file(path) {
            Ok(t) => Some(network.with_speeds(t)),
            Err(e) => {
                push_road_error(
                    diags,
                    &e,
                    path,
                    "see data/README.md for the speed table format",
                );
                None
            }
        },
    }
}

/// The road layer's problems keep their own codes and positions; an I/O failure becomes
/// one `bad_network` error on `file` with `hint`.
fn push_road_error(diags: &mut Diagnostics, e: &RoadError, file: &Path, hint: &str) {
    let inner = e.diagnostics();
    if inner.is_empty() {
        diags.push(Diagnostic::error("bad_network", file, e.to_string()).hint(hint));
    }
    for d in inner {
        diags.push(d.clone());
    }
}

/// The road layer's profile for a scenario profile (defaults for unset sizes: a size
/// that no road restriction excludes).
pub fn road_profile(p: &super::ProfileSection) -> VehicleProfile {
    VehicleProfile {
        name: p.id.clone(),
        width_m: p.width_m.unwrap_or(0.01),
        weight_t: p.weight_t.unwrap_or(0.01),
        height_m: p.height_m.unwrap_or(0.01),
        speed_factor: p.speed_factor,
        max_speed_kmh: None,
        allowed_highways: p.highways.as_ref().map(|h| h.iter().cloned().collect()),
        may_use_destination: true,
    }
}

/// A readable name for location `i` (for snap messages).
pub fn location_name(s: &Scenario, i: usize) -> String {
    let (nd, nf) = (s.depots.len(), s.facilities.len());
    if i < nd {
        format!("depot {}", s.depots[i].id)
    } else if i < nd + nf {
        format!("facility {}", s.facilities[i - nd].id)
    } else {
        format!("site {}", s.sites[i - nd - nf].id)
    }
}

fn location_coords(
    s: &Scenario,
    network: &RoadNetwork,
    diags: &mut Diagnostics,
) -> Vec<(f64, f64)> {
    let places = s
        .depots
        .iter()
        .map(|d| (d.place, &s.files.depots, d.line))
        .chain(
            s.facilities
                .iter()
                .map(|f| (f.place, &s.files.facilities, f.line)),
        )
        .chain(s.sites.iter().map(|x| (x.place, &s.files.sites, x.line)));
    places
        .map(|(place, file, line)| match place {
            Place::LatLon { lat, lon } => (lat, lon),
            Place::Node(id) => match network.node_by_osm_id(id) {
                Some(n) => network.node_coord(n),
                None => {
                    diags.push(
                        Diagnostic::error(
                            "unknown_node",
                            file,
                            format!("road node {id} is not in the network"),
                        )
                        .at_line(line)
                        .in_column("node_id")
                        .hint("use a node_id from nodes.csv, or give lat and lon instead"),
                    );
                    (0.0, 0.0)
                }
            },
        })
        .collect()
}

/// The matrices of one profile; locations it cannot snap are unreachable both ways.
fn matrices_for(
    ch: &ContractionHierarchy,
    snapped: &[Option<SnappedLocation>],
    n: usize,
) -> TravelMatrices {
    let present: Vec<usize> = (0..n).filter(|&i| snapped[i].is_some()).collect();
    let locs: Vec<SnappedLocation> = present
        .iter()
        .map(|&i| snapped[i].clone().expect("present"))
        .collect();
    let sub = location_matrix::travel_matrices(ch, &locs);
    if present.len() == n {
        // Every location snapped: the matrix is already in location order.
        return sub;
    }
    let mut m = TravelMatrices {
        time: crate::problem::Matrix::filled(n, Duration::INFINITE),
        distance: crate::problem::Matrix::filled(n, Distance::INFINITE),
    };
    for i in 0..n {
        m.time
            .set(LocationIdx::new(i), LocationIdx::new(i), Duration::ZERO);
        m.distance
            .set(LocationIdx::new(i), LocationIdx::new(i), Distance::ZERO);
    }
    for (a, &i) in present.iter().enumerate() {
        for (b, &j) in present.iter().enumerate() {
            let (from, to) = (LocationIdx::new(a), LocationIdx::new(b));
            let t = sub.time.get(from, to);
            let d = sub.distance.get(from, to);
            // The road layer marks unreachable pairs with its own large values.
            let (t, d) = if t.is_infinite() {
                (Duration::INFINITE, Distance::INFINITE)
            } else {
                (t, d)
            };
            m.time.set(LocationIdx::new(i), LocationIdx::new(j), t);
            m.distance.set(LocationIdx::new(i), LocationIdx::new(j), d);
        }
    }
    m
}

struct Assembler<'a> {
    s: &'a Scenario,
    roads: &'a [ProfileRoads],
    matrices: &'a [TravelMatrices],
    diags: &'a mut Diagnostics,
    known: BTreeMap<SiteIdx, UnassignedReason>,
}

impl Assembler<'_> {
    fn depot_loc(&self, d: usize) -> usize {
        d
    }
    fn facility_loc(&self, f: usize) -> usize {
        self.s.depots.len() + f
    }
    fn site_loc(&self, x: usize) -> usize {
        self.s.depots.len() + self.s.facilities.len() + x
    }

    /// Everything but the matrices (`profiles` is left empty for the caller to fill).
    fn parts(&mut self) -> Option<ProblemParts> {
        let s = self.s;
        let horizon = TimeWindow::new(s.anchor.horizon_start(), s.anchor.horizon_end());
        let depots: Vec<Depot> = s
            .depots
            .iter()
            .enumerate()
            .map(|(i, d)| Depot {
                location: LocationIdx::new(self.depot_loc(i)),
                window: d.window,
            })
            .collect();
        let facilities: Vec<Facility> = s
            .facilities
            .iter()
            .enumerate()
            .map(|(i, f)| Facility {
                location: LocationIdx::new(self.facility_loc(i)),
                windows: f.windows.clone(),
                unload_time: f.unload_time,
                accepts: f.accepts,
                daily_capacity: f.daily_limit,
            })
            .collect();
        let vehicle_types = self.vehicle_types();
        let mut sites = Vec::new();
        for (xi, site) in s.sites.iter().enumerate() {
            let loc = self.site_loc(xi);
            let on_road: Vec<usize> = (0..s.vehicles.len())
                .filter(|&v| self.roads[s.vehicles[v].profile].snapped[loc].is_some())
                .collect();
            let allowed_by_site: Vec<usize> = match &site.vehicles {
                Some(l) => l.clone(),
                None => (0..s.vehicles.len()).collect(),
            };
            let allowed: Vec<usize> = allowed_by_site
                .iter()
                .copied()
                .filter(|v| on_road.contains(v))
                .collect();
            for &(stream, demand) in &site.demands {
                let idx = SiteIdx::new(sites.len());
                if let Some(reason) = super::validate::static_reason(s, site, stream, demand) {
                    self.known.insert(idx, reason);
                }
                let could_serve: Vec<usize> = allowed_by_site
                    .iter()
                    .copied()
                    .filter(|&v| self.statically_eligible(v, stream))
                    .collect();
                if !could_serve.is_empty() {
                    let by_road = could_serve
                        .iter()
                        .any(|&v| allowed.contains(&v) && self.road_feasible(v, loc, stream));
                    if !by_road {
                        self.known.insert(idx, UnassignedReason::UnreachableByRoad);
                        let too_far = could_serve.iter().all(|v| !on_road.contains(v));
                        let why = if too_far {
                            format!(
                                "site `{}` ({}) is more than {} m from every road its vehicles may use",
                                site.id,
                                s.streams.name(stream),
                                s.network.max_snap_distance_m
                            )
                        } else {
                            format!(
                                "site `{}` ({}) cannot be reached by road from a depot and a facility its vehicles may use",
                                site.id,
                                s.streams.name(stream)
                            )
                        };
                        self.diags.push(
                            Diagnostic::warning("unreachable_by_road", &s.files.sites, format!("{why}; it will be left out"))
                                .at_line(site.line)
                                .in_column(if too_far { "lat" } else { "id" })
                                .hint("check the coordinates, or the road profiles of the vehicles that may serve it"),
                        );
                    }
                }
                let all_types = allowed.len() == s.vehicles.len();
                sites.push(Site {
                    location: LocationIdx::new(loc),
                    demand,
                    service_time: site.service_time,
                    windows: if site.windows.is_empty() {
                        vec![horizon]
                    } else {
                        site.windows.clone()
                    },
                    stream,
                    allowed_vehicle_types: (!all_types)
                        .then(|| allowed.iter().map(|&v| VehicleTypeIdx::new(v)).collect()),
                    release_time: Duration::ZERO,
                    prize: None,
                });
            }
        }
        let vehicle_types = vehicle_types?;
        self.price_optional_sites(&mut sites, &vehicle_types);
        Some(ProblemParts {
            profiles: Vec::new(),
            depots,
            facilities,
            sites,
            vehicle_types,
            objective: Objective {
                unassigned_penalty: units::money(s.objective.unassigned_penalty),
            },
        })
    }

    /// Gives every optional stream tonight ([`SiteRecord::optional`](super::SiteRecord))
    /// its prize: the visit value of its site ([`super::prize`]) × its prize scale.
    fn price_optional_sites(&self, sites: &mut [Site], types: &[VehicleType]) {
        let s = self.s;
        if s.sites.iter().all(|x| x.optional.is_empty()) {
            return;
        }
        let locations: Vec<LocationIdx> = sites.iter().map(|x| x.location).collect();
        let mut next = 0;
        for (xi, record) in s.sites.iter().enumerate() {
            let loc = LocationIdx::new(self.site_loc(xi));
            while next < sites.len() && sites[next].location == loc {
                let site = &mut sites[next];
                next += 1;
                let Some(&(_, scale)) = record.optional.iter().find(|(st, _)| *st == site.stream)
                else {
                    continue;
                };
                let allowed = super::prize::allowed_with_matrices(site, types, self.matrices);
                // `visit_value` passes over the site's own location (its other streams).
                let value = super::prize::visit_value(loc, site.service_time, &locations, &allowed);
                site.prize = Some(super::prize::prize(value, scale));
            }
        }
    }

    /// Could vehicle type `v` carry `stream` to some facility, ignoring roads?
    fn statically_eligible(&self, v: usize, stream: StreamIdx) -> bool {
        let vr = &self.s.vehicles[v];
        vr.count > 0
            && vr.streams.contains(stream)
            && self
                .usable_facilities(v)
                .iter()
                .any(|&f| self.s.facilities[f].accepts.contains(stream))
    }

    fn usable_facilities(&self, v: usize) -> Vec<usize> {
        match &self.s.vehicles[v].facilities {
            Some(l) => l.clone(),
            None => (0..self.s.facilities.len()).collect(),
        }
    }

    /// Depot → site → accepting facility → end depot all drivable for `v`'s profile.
    fn road_feasible(&self, v: usize, site_loc: usize, stream: StreamIdx) -> bool {
        let vr = &self.s.vehicles[v];
        let m = &self.matrices[vr.profile];
        let r = |a: usize, b: usize| m.reachable(LocationIdx::new(a), LocationIdx::new(b));
        let start = self.depot_loc(vr.depot);
        let end = self.depot_loc(vr.end_depot);
        r(start, site_loc)
            && self.usable_facilities(v).iter().any(|&f| {
                let fl = self.facility_loc(f);
                self.s.facilities[f].accepts.contains(stream) && r(site_loc, fl) && r(fl, end)
            })
    }

    fn vehicle_types(&mut self) -> Option<Vec<VehicleType>> {
        let s = self.s;
        let o = &s.objective;
        let mut out = Vec::new();
        let mut ok = true;
        for (vi, v) in s.vehicles.iter().enumerate() {
            let roads = &self.roads[v.profile];
            for (col, d) in [("depot", v.depot), ("end_depot", v.end_depot)] {
                if roads.snapped[self.depot_loc(d)].is_none() {
                    ok = false;
                    self.diags.push(
                        Diagnostic::error(
                            "snap_too_far",
                            &s.files.vehicles,
                            format!(
                                "vehicle `{}`: depot `{}` is more than {} m from every road profile `{}` may use",
                                v.id, s.depots[d].id, s.network.max_snap_distance_m, s.profiles[v.profile].id
                            ),
                        )
                        .at_line(v.line)
                        .in_column(col)
                        .hint("check the depot's location, or the profile's allowed roads"),
                    );
                }
            }
            let reachable_facilities: Vec<usize> = self
                .usable_facilities(vi)
                .into_iter()
                .filter(|&f| roads.snapped[self.facility_loc(f)].is_some())
                .collect();
            let all = reachable_facilities.len() == s.facilities.len();
            out.push(VehicleType {
                count: v.count,
                start_depot: DepotIdx::new(v.depot),
                end_depot: DepotIdx::new(v.end_depot),
                capacity: v.capacity,
                shift: v.shift,
                max_duration: v.max_duration,
                max_distance: v.max_distance_m.map_or(Distance::INFINITE, Distance),
                max_total_load: v.max_total_load,
                max_sites: v.max_stops.unwrap_or(u32::MAX),
                break_rule: v.break_rule,
                fixed_cost: units::money(v.fixed_cost * o.fixed_weight),
                cost_per_distance: units::money_per_km(v.cost_per_km * o.distance_weight),
                cost_per_duration: units::money_per_hour(v.cost_per_hour * o.time_weight),
                profile: ProfileIdx::new(v.profile),
                streams: v.streams,
                facilities: (!all || v.facilities.is_some()).then(|| {
                    reachable_facilities
                        .iter()
                        .map(|&f| FacilityIdx::new(f))
                        .collect()
                }),
                end_of_route: EndOfRoute::UnloadAtFacility,
            });
        }
        for (fi, f) in s.facilities.iter().enumerate() {
            let unreachable: Vec<&str> = s
                .profiles
                .iter()
                .enumerate()
                .filter(|(p, _)| self.roads[*p].snapped[self.facility_loc(fi)].is_none())
                .map(|(_, p)| p.id.as_str())
                .collect();
            if !unreachable.is_empty() {
                self.diags.push(
                    Diagnostic::warning(
                        "snap_too_far",
                        &s.files.facilities,
                        format!(
                            "facility `{}` is more than {} m from every road of profile(s) {}; those vehicles cannot unload there",
                            f.id,
                            s.network.max_snap_distance_m,
                            unreachable.join(", ")
                        ),
                    )
                    .at_line(f.line)
                    .hint("check the facility's location"),
                );
            }
        }
        ok.then_some(out)
    }
}
