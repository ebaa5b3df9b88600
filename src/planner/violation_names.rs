//! Names for the independent checker's violations, so that each reads in the planner's
//! terms (vehicle, stop, site and facility ids, amounts in units): shared by `check` and
//! `check-week`. The checker itself knows only indices.

use super::night::document::{self, ScenarioIds};
use crate::checker::{Violation, ViolationKind};
use crate::output::PlanInput;
use crate::output::document::{StopKind, TimeLine};
use crate::problem::{FacilityIdx, Loads, SiteIdx, StreamIdx};
use crate::scenario::Scenario;
use std::collections::BTreeMap;

/// Names for the checker's indices, so each violation reads in the planner's terms.
#[derive(Clone, Debug)]
pub struct ViolationNames {
    /// Per route: the vehicle id and, per visit, the stop's kind and id.
    routes: Vec<(String, Vec<String>)>,
    sites: BTreeMap<SiteIdx, String>,
    facilities: Vec<String>,
    streams: Vec<String>,
    /// Units of the capacity dimensions in use.
    units: Vec<String>,
}

impl ViolationNames {
    /// The names of the plan `doc` read with `ids` on `s`.
    pub fn new(s: &Scenario, doc: &PlanInput, ids: &ScenarioIds<'_>) -> ViolationNames {
        let routes = doc
            .routes
            .iter()
            .map(|r| {
                let visits = r
                    .trips
                    .iter()
                    .flat_map(|t| &t.stops)
                    .filter(|st| st.kind != StopKind::Depot)
                    .map(|st| match st.kind {
                        StopKind::Break => "break".to_string(),
                        k => format!("{} {}", k.as_str(), st.id),
                    })
                    .collect();
                (r.vehicle_id(), visits)
            })
            .collect();
        ViolationNames {
            routes,
            sites: ids
                .jobs
                .by_id
                .iter()
                .map(|(id, &i)| (i, id.clone()))
                .collect(),
            facilities: s.facilities.iter().map(|f| f.id.clone()).collect(),
            streams: s.streams.names().to_vec(),
            units: document::dimensions().into_iter().map(|d| d.unit).collect(),
        }
    }

    /// A problem site's stop id (`#n` when unknown).
    pub fn site(&self, s: SiteIdx) -> String {
        self.sites
            .get(&s)
            .cloned()
            .unwrap_or_else(|| format!("#{}", s.0))
    }

    fn stream(&self, s: StreamIdx) -> String {
        self.streams
            .get(s.0 as usize)
            .cloned()
            .unwrap_or_else(|| format!("#{}", s.0))
    }

    fn facility(&self, f: FacilityIdx) -> String {
        self.facilities
            .get(f.index())
            .cloned()
            .unwrap_or_else(|| format!("#{}", f.0))
    }

    /// An amount per dimension in the scenario's units, e.g. `460 kg, 1 200 L`.
    fn loads(&self, l: &Loads) -> String {
        let n = self.units.len().max(1);
        l.0.iter()
            .take(n)
            .zip(
                self.units
                    .iter()
                    .map(String::as_str)
                    .chain(std::iter::repeat("")),
            )
            .map(|(x, u)| {
                if x.is_infinite() {
                    "no limit".to_string()
                } else {
                    format!("{} {u}", x.get()).trim_end().to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The violation in a sentence: where (route, vehicle, stop) and what, in ids and units.
    pub fn describe(&self, v: &Violation) -> String {
        let mut where_ = String::new();
        if let Some(r) = v.route {
            let (vehicle, visits) = self
                .routes
                .get(r)
                .map_or(("?", None), |(n, vs)| (n.as_str(), Some(vs)));
            where_ = format!("route {} ({vehicle})", r + 1);
            if let Some(p) = v.position {
                let stop = visits
                    .and_then(|vs| vs.get(p))
                    .map_or("?".to_string(), |s| s.clone());
                // Stop numbers count the start depot, as `sequence` in routes.csv.
                where_ += &format!(", stop {} ({stop})", p + 2);
            }
            where_ += ": ";
        }
        use ViolationKind as K;
        let clock = |t: crate::units::Duration| TimeLine::clock(t.get());
        let what = match &v.kind {
            K::SiteMissing { site } => format!(
                "site {} is neither in a route nor unassigned",
                self.site(*site)
            ),
            K::SiteRepeated { site, times } => {
                format!("site {} appears {times} times", self.site(*site))
            }
            K::VehicleNotAllowed { site } => {
                format!("this vehicle type may not serve site {}", self.site(*site))
            }
            K::MixedStreams {
                stream,
                trip_stream,
            } => format!(
                "stream {} in a trip collecting {}; a trip carries one stream",
                self.stream(*stream),
                self.stream(*trip_stream)
            ),
            K::StreamNotCarried { stream } => {
                format!("this vehicle type may not carry {}", self.stream(*stream))
            }
            K::StreamNotAccepted { facility, stream } => format!(
                "facility {} does not accept {}",
                self.facility(*facility),
                self.stream(*stream)
            ),
            K::FacilityNotAllowed { facility } => {
                format!(
                    "this vehicle type may not unload at {}",
                    self.facility(*facility)
                )
            }
            K::FacilityOverCapacity {
                facility,
                intake,
                capacity,
                ..
            } => format!(
                "facility {} receives {}, above its daily limit of {}",
                self.facility(*facility),
                self.loads(intake),
                self.loads(capacity)
            ),
            K::TripOverCapacity {
                trip,
                load,
                capacity,
                ..
            } => format!(
                "trip {} carries {}, above the capacity of {}",
                trip + 1,
                self.loads(load),
                self.loads(capacity)
            ),
            K::DailyLoadExceeded { load, limit, .. } => format!(
                "collects {} in the day, above the driver's limit of {}",
                self.loads(load),
                self.loads(limit)
            ),
            K::BreakTooLate { start, late_by } => format!(
                "the break can start at {} at the earliest, {} s after its window ends",
                clock(*start),
                late_by.get()
            ),
            K::SiteTooLate { arrival, late_by } => format!(
                "arrives at {} ({} s after the site's last window closes)",
                clock(*arrival),
                late_by.get()
            ),
            K::FacilityTooLate { arrival, late_by } => format!(
                "arrives at {} ({} s after the facility closes)",
                clock(*arrival),
                late_by.get()
            ),
            K::ReturnTooLate { arrival, late_by } => format!(
                "returns to the depot at {} ({} s after the shift or depot closes)",
                clock(*arrival),
                late_by.get()
            ),
            other => Violation {
                route: None,
                position: None,
                kind: other.clone(),
            }
            .to_string(),
        };
        format!("{where_}{what}")
    }
}
