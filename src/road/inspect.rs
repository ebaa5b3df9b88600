//! A summary of a road network as one vehicle profile sees it: sizes, kilometres per
//! `highway` class, connectivity and warnings (`wasteroute network inspect`).

use super::components::Components;
use super::diagnostics::Diagnostic;
use super::network::RoadNetwork;
use super::profile::{ArcRestrictions, VehicleProfile};
use std::collections::BTreeMap;
use std::fmt;

/// Arcs and kilometres of one `highway` class.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct HighwayStats {
    /// The OSM `highway` class.
    pub class: String,
    /// Stored arcs of this class.
    pub arcs: usize,
    /// Their summed length, km (directed arcs: a two-way street counts twice).
    pub arc_km: f64,
    /// Of these, arcs without `maxspeed_kmh`, which drive at the default speed.
    pub arcs_without_maxspeed: usize,
    /// The default speed used for them, km/h.
    pub default_speed_kmh: f64,
    /// Whether that default is the table's fallback (the class is not listed).
    pub uses_fallback_speed: bool,
}

/// Strongly connected components of the profile's arcs.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ComponentStats {
    /// Number of components (a node without usable arcs counts as one).
    pub count: usize,
    /// Nodes in the largest.
    pub largest_nodes: usize,
    /// Nodes outside the largest.
    pub nodes_outside_largest: usize,
}

/// What `wasteroute network inspect` reports.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct NetworkSummary {
    /// The profile the arcs were filtered for.
    pub profile: String,
    /// Nodes.
    pub nodes: usize,
    /// Stored arcs (self-loops dropped; parallel arcs counted).
    pub arcs: usize,
    /// Arcs the profile may use, parallel arcs reduced to the best.
    pub profile_arcs: usize,
    /// Stored arcs the profile may not use (restrictions, access, class).
    pub arcs_closed_to_profile: usize,
    /// Stored arcs with a width, weight, height or access restriction.
    pub restricted_arcs: usize,
    /// Per `highway` class, longest first.
    pub highways: Vec<HighwayStats>,
    /// Summed length of all stored arcs, km.
    pub total_arc_km: f64,
    /// Connectivity for the profile.
    pub components: ComponentStats,
    /// Warnings from loading and from this analysis.
    pub warnings: Vec<String>,
}

/// Summarises `network` for `profile`; `load_warnings` are the loader's warnings.
pub fn summarize(
    network: &RoadNetwork,
    profile: &VehicleProfile,
    load_warnings: &[Diagnostic],
) -> NetworkSummary {
    let mut by_class: BTreeMap<&str, HighwayStats> = BTreeMap::new();
    let mut closed = 0;
    let mut restricted = 0;
    let mut total_km = 0.0;
    for a in network.arcs() {
        let s = by_class.entry(a.highway).or_insert_with(|| HighwayStats {
            class: a.highway.to_owned(),
            arcs: 0,
            arc_km: 0.0,
            arcs_without_maxspeed: 0,
            default_speed_kmh: network.speeds().speed_kmh(a.highway),
            uses_fallback_speed: !network.speeds().knows(a.highway),
        });
        s.arcs += 1;
        s.arc_km += a.length_m / 1000.0;
        total_km += a.length_m / 1000.0;
        if a.maxspeed_kmh.is_none() {
            s.arcs_without_maxspeed += 1;
        }
        if a.restrictions != ArcRestrictions::default() {
            restricted += 1;
        }
        if !profile.may_use(a.highway, &a.restrictions) {
            closed += 1;
        }
    }
    let arcs = network.arc_list(profile);
    let comps = Components::strongly_connected(&arcs);
    let components = ComponentStats {
        count: comps.count(),
        largest_nodes: comps.largest_size(),
        nodes_outside_largest: comps.nodes_outside_largest(),
    };
    let mut warnings: Vec<String> = load_warnings.iter().map(ToString::to_string).collect();
    if components.nodes_outside_largest > 0 {
        warnings.push(format!(
            "{} of {} nodes ({:.1} %) lie outside the largest strongly connected part for profile `{}`; \
             points snapped there may be unreachable from depots and facilities",
            components.nodes_outside_largest,
            network.node_count(),
            100.0 * components.nodes_outside_largest as f64 / network.node_count().max(1) as f64,
            profile.name
        ));
    }
    let mut fallback: Vec<&str> = by_class
        .values()
        .filter(|s| s.uses_fallback_speed && s.arcs_without_maxspeed > 0)
        .map(|s| s.class.as_str())
        .collect();
    fallback.sort_unstable();
    if !fallback.is_empty() {
        warnings.push(format!(
            "highway classes without a speed of their own use the fallback {} km/h: {} \
             (set them in a --speeds file)",
            network.speeds().fallback_kmh(),
            fallback.join(", ")
        ));
    }
    let mut highways: Vec<HighwayStats> = by_class.into_values().collect();
    highways.sort_by(|a, b| b.arc_km.total_cmp(&a.arc_km).then(a.class.cmp(&b.class)));
    NetworkSummary {
        profile: profile.name.clone(),
        nodes: network.node_count(),
        arcs: network.arc_count(),
        profile_arcs: arcs.arcs.len(),
        arcs_closed_to_profile: closed,
        restricted_arcs: restricted,
        highways,
        total_arc_km: total_km,
        components,
        warnings,
    }
}

impl fmt::Display for NetworkSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "nodes                 {:>10}", self.nodes)?;
        writeln!(f, "arcs                  {:>10}", self.arcs)?;
        writeln!(f, "arc length            {:>10.1} km", self.total_arc_km)?;
        writeln!(f, "restricted arcs       {:>10}", self.restricted_arcs)?;
        writeln!(f)?;
        writeln!(f, "profile `{}`", self.profile)?;
        writeln!(
            f,
            "  usable arcs         {:>10}  (parallel arcs merged)",
            self.profile_arcs
        )?;
        writeln!(
            f,
            "  closed arcs         {:>10}",
            self.arcs_closed_to_profile
        )?;
        writeln!(f, "  components          {:>10}", self.components.count)?;
        writeln!(
            f,
            "  largest component   {:>10} nodes",
            self.components.largest_nodes
        )?;
        writeln!(
            f,
            "  outside it          {:>10} nodes",
            self.components.nodes_outside_largest
        )?;
        writeln!(f)?;
        writeln!(
            f,
            "{:<16} {:>8} {:>10} {:>14} {:>8}",
            "highway", "arcs", "arc km", "no maxspeed", "default"
        )?;
        for h in &self.highways {
            writeln!(
                f,
                "{:<16} {:>8} {:>10.2} {:>14} {:>5} km/h{}",
                h.class,
                h.arcs,
                h.arc_km,
                h.arcs_without_maxspeed,
                h.default_speed_kmh,
                if h.uses_fallback_speed {
                    " (fallback)"
                } else {
                    ""
                }
            )?;
        }
        if !self.warnings.is_empty() {
            writeln!(f)?;
            writeln!(f, "{} warning(s):", self.warnings.len())?;
            for w in &self.warnings {
                // A diagnostic's hint is on its own line: keep it under its warning.
                for (i, line) in w.lines().enumerate() {
                    writeln!(f, "{}{line}", if i == 0 { "  - " } else { "  " })?;
                }
            }
        }
        Ok(())
    }
}
