//! A seeded generator of plausible night-collection scenarios on a real road network.
//!
//! What it makes (all from one [`ChaCha8Rng`] seeded by `seed`, so the same network,
//! size and seed give byte-identical files):
//! - **a district**: the streets within a radius of the network's centre large enough for
//!   one gathering point per 25,000 m² (the whole of a city-centre cut; a district of a
//!   metropolitan network), so that depots and facilities serve a plausible area;
//! - **sites**: gathering points on streets of the strongly connected core, a few metres
//!   off the centre line at a random point of a random street (motorways and trunk roads
//!   excluded). Each holds `other` waste, most also `food`, some `recyclable` (kg and m³
//!   from typical densities). Sites on `service` and `living_street` roads are narrow: only
//!   the small trucks may serve them, and they serve only those (the other sites list the
//!   compactors and box trucks in their `vehicles` column). About a fifth have a window (a market that closes
//!   late, a school street to be cleared before 04:00, an early-morning area);
//! - **two depots** and **three facilities** at road nodes spread over the district: a transfer
//!   station (`other`, `food`, open 22:00–07:00, daily limit well above the total), a
//!   composting plant (`food` only, 23:00–05:30, limit about 60 % of the food, so some food
//!   must go to the transfer station) and a recycling centre (`recyclable`, 00:00–06:00);
//! - **a mixed fleet** per depot: 6 t compactors (`other`, `food`, a profile that keeps off
//!   service roads and living streets), 2 t small trucks for narrow streets (all streams),
//!   and box trucks for recyclables. The night shift is 23:00–06:30 with a 30-minute break
//!   starting 01:30–03:30. Counts come from the work of each class (stops, service,
//!   driving between stops at the district's density, trips to a facility across the
//!   district and unloading) filling 80 % of the shift, so that the fleet suffices.
//!
//! The sample data in `data/sample/` is made by
//! `wasteroute generate --network data/helsinki --sites 300 --seed 2026 --out data/sample`.

pub(crate) mod monitoring;
mod network;
mod write;

pub use network::{Reach, StreetMap};

use crate::road::RoadNetwork;
use crate::scenario::ProfileSection;
use crate::scenario::build::road_profile;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// What to generate.
#[derive(Clone, Debug)]
pub struct GenerateConfig {
    /// Folder with `nodes.csv` and `edges.csv`.
    pub network_dir: PathBuf,
    /// Folder to write the scenario into (created if needed).
    pub out_dir: PathBuf,
    /// Number of gathering points.
    pub sites: usize,
    /// Random seed.
    pub seed: u64,
    /// The plan's date.
    pub date: chrono::NaiveDate,
    /// Scenario name (any text; written as a TOML string).
    pub name: String,
    /// Time zone written into the scenario (any text, shown in the output only).
    pub time_zone: String,
    /// UTC offset of local times, seconds east of UTC (at most ±14 h, as the scenario
    /// reader accepts; written as `±HH:MM`).
    pub utc_offset_s: i32,
    /// Also write frequencies, containers, last emptyings and 14 days of sensor readings
    /// (`src/generate/monitoring.rs`).
    pub monitoring: bool,
}

/// Why generation failed.
#[derive(Debug, Error)]
pub enum GenerateError {
    /// The network could not be read or is too small.
    #[error("road network: {0}")]
    Network(String),
    /// The output folder or a file in it could not be written (a file where the folder
    /// should be is bad input: [`crate::output::WriteError::is_bad_input`]).
    #[error(transparent)]
    Output(#[from] crate::output::WriteError),
    /// Rendering a file failed.
    #[error("writing {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// What was generated, for the command's summary.
#[derive(Clone, Debug, PartialEq)]
pub struct GenerateSummary {
    /// Sites written.
    pub sites: usize,
    /// Sites only small trucks may serve.
    pub narrow_sites: usize,
    /// Total demand per stream (recyclable, food, other), kg.
    pub demand_kg: [f64; 3],
    /// Vehicles over all types.
    pub vehicles: u32,
    /// The scenario TOML written.
    pub scenario: PathBuf,
}

/// Stream names in the order of the scenario's `streams`.
pub const STREAMS: [&str; 3] = ["recyclable", "food", "other"];
/// Typical bulk densities (kg per m³) of loose waste in carts, per stream.
pub(crate) const DENSITY: [f64; 3] = [60.0, 450.0, 220.0];

/// A generated gathering point.
#[derive(Clone, Debug)]
pub(crate) struct GenSite {
    pub id: String,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// kg per stream (recyclable, food, other).
    pub kg: [f64; 3],
    pub service_min: f64,
    pub windows: &'static str,
    pub narrow: bool,
}

/// A generated depot or facility at a road node.
#[derive(Clone, Debug)]
pub(crate) struct GenPlace {
    pub id: &'static str,
    pub name: String,
    pub node_id: i64,
}

/// A generated vehicle type.
#[derive(Clone, Debug)]
pub(crate) struct GenVehicle {
    pub id: String,
    pub name: String,
    pub depot: &'static str,
    pub count: u32,
    pub profile: &'static str,
    pub capacity_kg: f64,
    pub capacity_m3: f64,
    pub streams: &'static str,
    pub fixed_cost: f64,
    pub cost_per_km: f64,
    pub cost_per_hour: f64,
    pub co2_kg_per_km: f64,
}

/// Everything the writer needs.
pub(crate) struct Generated {
    pub sites: Vec<GenSite>,
    pub depots: Vec<GenPlace>,
    pub facilities: Vec<GenPlace>,
    pub vehicles: Vec<GenVehicle>,
    pub limits_t: [Option<f64>; 3],
}

const COLLECTIBLE: &[&str] = &[
    "primary",
    "secondary",
    "tertiary",
    "unclassified",
    "residential",
    "living_street",
    "service",
];
const NARROW: &[&str] = &["living_street", "service"];
/// The largest snapping distance written into the scenario, metres.
pub const MAX_SNAP_M: f64 = 300.0;
/// Road classes the compactor profile may use (no service roads or living streets).
pub const COMPACTOR_HIGHWAYS: &[&str] = &[
    "motorway",
    "motorway_link",
    "trunk",
    "trunk_link",
    "primary",
    "primary_link",
    "secondary",
    "secondary_link",
    "tertiary",
    "tertiary_link",
    "unclassified",
    "residential",
];

/// The compactors' road profile, as written into the scenario.
pub fn compactor_profile() -> ProfileSection {
    ProfileSection {
        id: "compactor".into(),
        width_m: Some(2.55),
        weight_t: Some(18.0),
        height_m: Some(3.6),
        speed_factor: 0.75,
        highways: Some(COMPACTOR_HIGHWAYS.iter().map(|s| s.to_string()).collect()),
    }
}

/// The small trucks' road profile, as written into the scenario.
pub fn small_profile() -> ProfileSection {
    ProfileSection {
        id: "small".into(),
        width_m: Some(1.9),
        weight_t: Some(3.5),
        height_m: Some(2.6),
        speed_factor: 0.85,
        highways: None,
    }
}

/// Generates a scenario and writes it into `cfg.out_dir`.
///
/// # Errors
/// When the network cannot be read, has no street to place sites on, or a file cannot be
/// written.
pub fn generate(cfg: &GenerateConfig) -> Result<GenerateSummary, GenerateError> {
    // A file where the folder should be fails before the work.
    crate::output::check_output_dir(&cfg.out_dir)?;
    let map = StreetMap::read(&cfg.network_dir)?;
    let (network, _warnings) = RoadNetwork::load_dir(&cfg.network_dir)
        .map_err(|e| GenerateError::Network(e.to_string()))?;
    let compactor = Reach::new(&network, &road_profile(&compactor_profile()), MAX_SNAP_M);
    let small = Reach::new(&network, &road_profile(&small_profile()), MAX_SNAP_M);
    // Depots and facilities sit where both kinds of truck can come and go.
    let core: Vec<bool> = (0..map.nodes.len())
        .map(|n| compactor.in_core(n) && small.in_core(n))
        .collect();
    let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed);
    let all_candidates: Vec<usize> = (0..map.streets.len())
        .filter(|&i| {
            let s = &map.streets[i];
            let narrow = NARROW.contains(&s.highway.as_str());
            let in_core = |r: &Reach| r.in_core(s.from) && r.in_core(s.to);
            in_core(&small)
                && (narrow || in_core(&compactor))
                && s.length_m >= 8.0
                && COLLECTIBLE.contains(&s.highway.as_str())
        })
        .collect();
    if all_candidates.is_empty() {
        return Err(GenerateError::Network(
            "no collectible street in the connected core".into(),
        ));
    }
    let (candidates, area) = service_area(&map, &all_candidates, cfg.sites);
    let reach = |narrow: bool, lat: f64, lon: f64| {
        small.reaches(lat, lon) && (narrow || compactor.reaches(lat, lon))
    };
    let sites = place_sites(&map, &candidates, cfg.sites, &reach, &mut rng);
    let depots = spread_places(
        &map,
        &core,
        area,
        &[(0.3, 0.25), (0.7, 0.75)],
        &["D1", "D2"],
        &["North depot".into(), "South depot".into()],
    );
    let facilities = spread_places(
        &map,
        &core,
        area,
        &[(0.15, 0.6), (0.85, 0.4), (0.5, 0.9)],
        &["TS1", "CMP1", "REC1"],
        &[
            "Transfer station".into(),
            "Composting plant".into(),
            "Recycling centre".into(),
        ],
    );
    let mut demand = [0.0; 3];
    for s in &sites {
        for (d, kg) in demand.iter_mut().zip(s.kg) {
            *d += kg;
        }
    }
    let vehicles = fleet(&sites, area);
    let limits_t = [
        None,
        Some(round1(demand[1] * 0.6 / 1000.0)),
        Some(round1((demand[1] + demand[2]) * 1.5 / 1000.0 + 1.0)),
    ];
    let generated = Generated {
        sites,
        depots,
        facilities,
        vehicles,
        limits_t,
    };
    let scenario = write::write_all(cfg, &generated)?;
    Ok(GenerateSummary {
        sites: generated.sites.len(),
        narrow_sites: generated.sites.iter().filter(|s| s.narrow).count(),
        demand_kg: demand,
        vehicles: generated.vehicles.iter().map(|v| v.count).sum(),
        scenario,
    })
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Tries per site before accepting a point the trucks cannot reach (the scenario then
/// shows the `unreachable_by_road` reason, which real data has too).
const TRIES: usize = 50;

fn place_sites(
    map: &StreetMap,
    candidates: &[usize],
    n: usize,
    reach: &dyn Fn(bool, f64, f64) -> bool,
    rng: &mut ChaCha8Rng,
) -> Vec<GenSite> {
    let mut out = Vec::with_capacity(n);
    let mut house_numbers: std::collections::BTreeMap<String, u32> = Default::default();
    for i in 0..n {
        let mut tries = 0;
        let (street, lat, lon, narrow) = loop {
            let (street, lat, lon, narrow) = kerb_point(map, candidates, rng);
            tries += 1;
            if tries >= TRIES || reach(narrow, lat, lon) {
                break (street, lat, lon, narrow);
            }
        };
        let base = if street.name.is_empty() {
            format!("{} road", street.highway.replace('_', " "))
        } else {
            street.name.clone()
        };
        let number = house_numbers.entry(base.clone()).or_insert(0);
        *number += 1;
        let other = rng.random_range(80.0..420.0_f64).round();
        let food = if rng.random_bool(0.6) {
            rng.random_range(30.0..200.0_f64).round()
        } else {
            0.0
        };
        let recyclable = if rng.random_bool(0.4) {
            rng.random_range(10.0..70.0_f64).round()
        } else {
            0.0
        };
        let windows = match rng.random_range(0..100) {
            0..=7 => "23:00-02:00",
            8..=14 => "00:00-04:00",
            15..=19 => "03:00-06:00",
            _ => "",
        };
        out.push(GenSite {
            id: format!("P{:04}", i + 1),
            name: format!("{base} #{number}"),
            lat,
            lon,
            kg: [recyclable, food, other],
            service_min: f64::from(rng.random_range(2..=4u32)),
            windows,
            narrow,
        });
    }
    out
}

/// A random point a few metres to the right of a random candidate street, where carts
/// wait at the kerb.
fn kerb_point<'m>(
    map: &'m StreetMap,
    candidates: &[usize],
    rng: &mut ChaCha8Rng,
) -> (&'m network::Street, f64, f64, bool) {
    let street = &map.streets[candidates[rng.random_range(0..candidates.len())]];
    let (a, b) = (map.nodes[street.from], map.nodes[street.to]);
    let t: f64 = rng.random_range(0.2..0.8);
    let offset_m: f64 = rng.random_range(2.0..6.0);
    let (dlat, dlon) = (b.lat - a.lat, b.lon - a.lon);
    let m_per_deg_lat = 111_320.0;
    let m_per_deg_lon = 111_320.0 * a.lat.to_radians().cos();
    let (north, east) = (dlat * m_per_deg_lat, dlon * m_per_deg_lon);
    let len = (north * north + east * east).sqrt().max(1e-9);
    let (right_n, right_e) = (-east / len, north / len);
    let lat = a.lat + t * dlat + right_n * offset_m / m_per_deg_lat;
    let lon = a.lon + t * dlon + right_e * offset_m / m_per_deg_lon;
    let narrow = NARROW.contains(&street.highway.as_str());
    (street, lat, lon, narrow)
}

/// Core nodes nearest to given fractions of the core's bounding box.
/// Square metres of city per gathering point (one every 150-160 m or so).
const AREA_PER_SITE_M2: f64 = 25_000.0;

/// A bounding box: (south, north, west, east) in degrees.
type Area = (f64, f64, f64, f64);

/// The streets of a district around the network's centre just large enough for `n`
/// gathering points at a plausible density (on a whole metropolitan network the sites
/// would otherwise be spread over hundreds of km² around two depots), and its bounding box.
fn service_area(map: &StreetMap, candidates: &[usize], n: usize) -> (Vec<usize>, Area) {
    let (clat, clon) = map.centre();
    let m_per_deg_lon = 111_320.0 * clat.to_radians().cos();
    let dist = |i: usize| {
        let s = &map.streets[i];
        let p = map.nodes[s.from];
        let (dn, de) = ((p.lat - clat) * 111_320.0, (p.lon - clon) * m_per_deg_lon);
        (dn * dn + de * de).sqrt()
    };
    let mut radius = (n as f64 * AREA_PER_SITE_M2 / std::f64::consts::PI)
        .sqrt()
        .max(1_000.0);
    let mut inside: Vec<usize>;
    loop {
        inside = candidates
            .iter()
            .copied()
            .filter(|&i| dist(i) <= radius)
            .collect();
        // Enough streets for the sites (several sites may share a long street).
        if inside.len() * 2 >= n || inside.len() == candidates.len() {
            break;
        }
        radius *= 1.25;
    }
    let (mut lat0, mut lat1, mut lon0, mut lon1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &i in &inside {
        let p = map.nodes[map.streets[i].from];
        lat0 = lat0.min(p.lat);
        lat1 = lat1.max(p.lat);
        lon0 = lon0.min(p.lon);
        lon1 = lon1.max(p.lon);
    }
    (inside, (lat0, lat1, lon0, lon1))
}

fn spread_places(
    map: &StreetMap,
    core: &[bool],
    area: Area,
    fractions: &[(f64, f64)],
    ids: &[&'static str],
    names: &[String],
) -> Vec<GenPlace> {
    let core_nodes: Vec<usize> = (0..map.nodes.len()).filter(|&i| core[i]).collect();
    let (lat0, lat1, lon0, lon1) = area;
    let mut used: Vec<usize> = Vec::new();
    fractions
        .iter()
        .zip(ids)
        .zip(names)
        .map(|((&(fy, fx), id), name)| {
            let (tlat, tlon) = (lat0 + fy * (lat1 - lat0), lon0 + fx * (lon1 - lon0));
            let best = core_nodes
                .iter()
                .copied()
                .filter(|i| !used.contains(i))
                .min_by(|&a, &b| {
                    let da = (map.nodes[a].lat - tlat).powi(2) + (map.nodes[a].lon - tlon).powi(2);
                    let db = (map.nodes[b].lat - tlat).powi(2) + (map.nodes[b].lon - tlon).powi(2);
                    da.total_cmp(&db).then(a.cmp(&b))
                })
                .expect("the core is not empty");
            used.push(best);
            GenPlace {
                id,
                name: name.clone(),
                node_id: map.nodes[best].id,
            }
        })
        .collect()
}

/// Minutes of a night shift a truck can work: 23:00-06:30 less the break.
const SHIFT_MIN: f64 = 420.0;
/// Share of the shift the estimate below may fill; the rest is the safety margin (the
/// estimate is already on the slow side, and a truck left unused costs nothing).
const UTILISATION: f64 = 0.8;
/// Share of a truck's capacity a trip carries on average: each trip holds one stream,
/// and windows and facility hours send trucks to unload before they are full (measured
/// on Porto: compactor trips left at about half their 6 t).
const TRIP_FILL: f64 = 0.6;
/// Road speed between the district and a facility, metres per minute (about 27 km/h).
const LEG_M_PER_MIN: f64 = 450.0;
/// Road speed between the stops of a trip, metres per minute (about 15 km/h).
const STOP_M_PER_MIN: f64 = 250.0;
/// Road distance over straight-line distance.
const DETOUR: f64 = 1.3;
/// Distance driven per stop over the spacing of the class's stops: a truck's stops are
/// not each other's nearest (windows, streams, capacity). Measured about 3.5 on Porto
/// after a minute of search.
const SCATTER: f64 = 3.0;
/// Longest unloading of the generated facilities, minutes.
const UNLOAD_MIN: f64 = 15.0;

/// What one class of truck must do in a night.
#[derive(Clone, Copy, Debug, Default)]
struct Work {
    /// kg per stream.
    kg: [f64; 3],
    /// Stops (one per site and stream: streams are collected on separate trips).
    jobs: f64,
    /// Service minutes over all stops.
    service_min: f64,
}

/// Trucks of capacity `cap_kg` needed for `work` in a district of `district_m2` whose
/// facilities are about `radius_m` from its stops: each trip drives out to a facility and
/// back and unloads, each stop costs its service and the drive from the previous one
/// (spacing of the class's stops over the district, scattered), and the total fills
/// [`UTILISATION`] of the shift. Also at least enough trucks for three trips each.
fn trucks(work: &Work, cap_kg: f64, district_m2: f64, radius_m: f64) -> u32 {
    if work.jobs == 0.0 {
        return 1;
    }
    let trips: f64 = work
        .kg
        .iter()
        .map(|kg| (kg / (cap_kg * TRIP_FILL)).ceil())
        .sum();
    let spacing_m = (district_m2 / work.jobs).sqrt();
    let drive_per_stop = 1.0 + SCATTER * spacing_m * DETOUR / STOP_M_PER_MIN;
    let per_trip = UNLOAD_MIN + 2.0 * radius_m * DETOUR / LEG_M_PER_MIN;
    let minutes = work.service_min + work.jobs * drive_per_stop + trips * per_trip;
    let by_time = minutes / (SHIFT_MIN * UTILISATION);
    let by_load = trips / 3.0;
    (by_load.max(by_time).ceil() as u32).max(1)
}

/// A mixed fleet: compactors for food and other waste on ordinary streets, small trucks
/// for the narrow streets, box trucks for recyclables.
fn fleet(sites: &[GenSite], area: Area) -> Vec<GenVehicle> {
    let mut class = [Work::default(); 3];
    for s in sites {
        for (k, &kg) in s.kg.iter().enumerate() {
            if kg <= 0.0 {
                continue;
            }
            let c = if s.narrow {
                1
            } else if k == 0 {
                2
            } else {
                0
            };
            class[c].kg[k] += kg;
            class[c].jobs += 1.0;
            class[c].service_min += s.service_min;
        }
    }
    // The district is the disc inside the sites' bounding box.
    let (lat0, lat1, lon0, lon1) = area;
    let m_per_deg_lon = 111_320.0 * ((lat0 + lat1) / 2.0).to_radians().cos();
    let (height_m, width_m) = ((lat1 - lat0) * 111_320.0, (lon1 - lon0) * m_per_deg_lon);
    let radius_m = (height_m * width_m).max(1.0).sqrt() / 2.0;
    let district_m2 = std::f64::consts::PI * radius_m * radius_m;
    let need = |c: usize, cap: f64| trucks(&class[c], cap, district_m2, radius_m);
    let compactors = need(0, 6000.0);
    let small = need(1, 2000.0);
    let boxes = need(2, 1500.0);
    let mut out = Vec::new();
    for (d, depot) in ["D1", "D2"].into_iter().enumerate() {
        let share = |total: u32| if d == 0 { total.div_ceil(2) } else { total / 2 };
        let n = d + 1;
        out.push(GenVehicle {
            id: format!("CMP-{n}"),
            name: format!("Compactor 6 t, depot {n}"),
            depot,
            count: share(compactors).max(1),
            profile: "compactor",
            capacity_kg: 6000.0,
            capacity_m3: 40.0,
            streams: "food;other",
            fixed_cost: 120.0,
            cost_per_km: 1.4,
            cost_per_hour: 28.0,
            co2_kg_per_km: 1.1,
        });
        out.push(GenVehicle {
            id: format!("SML-{n}"),
            name: format!("Small truck 2 t, depot {n}"),
            depot,
            count: share(small).max(1),
            profile: "small",
            capacity_kg: 2000.0,
            capacity_m3: 7.0,
            streams: "recyclable;food;other",
            fixed_cost: 60.0,
            cost_per_km: 0.6,
            cost_per_hour: 22.0,
            co2_kg_per_km: 0.35,
        });
        if share(boxes) > 0 {
            out.push(GenVehicle {
                id: format!("REC-{n}"),
                name: format!("Recyclables box truck, depot {n}"),
                depot,
                count: share(boxes),
                profile: "compactor",
                capacity_kg: 1500.0,
                capacity_m3: 25.0,
                streams: "recyclable",
                fixed_cost: 80.0,
                cost_per_km: 0.9,
                cost_per_hour: 22.0,
                co2_kg_per_km: 0.6,
            });
        }
    }
    out
}

/// `path` written relative to the folder `from` (both resolved against the working
/// directory), so the scenario can be moved together with the network.
pub fn relative_path(from: &Path, path: &Path) -> PathBuf {
    let (Ok(from), Ok(to)) = (from.canonicalize(), path.canonicalize()) else {
        // Absolute when it exists: a relative path would be read from the wrong folder.
        return path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    };
    let f: Vec<_> = from.components().collect();
    let t: Vec<_> = to.components().collect();
    let common = f.iter().zip(&t).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..f.len() {
        out.push("..");
    }
    for c in &t[common..] {
        out.push(c.as_os_str());
    }
    out
}

/// Density of a stream, kg per m³ (for the generated m³ columns).
pub(crate) fn density(stream: usize) -> f64 {
    DENSITY[stream]
}
