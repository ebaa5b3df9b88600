//! English: the texts the pages always had (English pages stay byte-identical), and
//! empty code tables (English pages show the codes the files hold).

use super::Language;
use super::texts::{ReportTexts, SimulateTexts, Texts, WeekTexts, Words};

pub(crate) static TEXTS: Texts = Texts {
    language: Language::En,
    words: Words {
        reason_labels: &[],
        reason_explanations: &[],
        verdicts: &[],
        outcomes: &[],
        rules: &[],
        facility_kinds: &[],
        streams: &[],
        dimensions: &[],
        units: &[],
        stop_kinds: &[],
        policies: &[],
        break_stop: None,
        decision_sentence: None,
    },
    report: ReportTexts {
        title: |name, night| format!("Collection plan · {name} · night of {night}"),
        night_of: |night| format!("Night of {night}"),
        time_zone: |tz, offset| format!("Time zone {tz} (UTC{offset})"),
        seed: |seed| format!("Seed {seed}"),
        fingerprint: |f| format!("Scenario fingerprint {f}"),
        footer: |generator, fingerprint, seed, budget| {
            format!(
                "Written by {generator} from scenario fingerprint {fingerprint} with seed {seed}{}. \
                 Map data © OpenStreetMap contributors, available under the Open Database License (ODbL).",
                budget
                    .map(|b| format!(" and an iteration budget of {b}"))
                    .unwrap_or_default()
            )
        },
        vehicles_used: "Vehicles used",
        of_the_fleet: "of the fleet",
        sites_served: "Sites served",
        trips_to_facilities: |n| format!("{n} trips to facilities"),
        distance: "Distance",
        on_the_road_network: "on the road network",
        working_time: "Working time",
        driving_note: |d| format!("{d} driving"),
        collected: "Collected",
        co2_estimate: "CO₂ estimate",
        co2_note: "kg per km × km",
        unassigned: "Unassigned",
        every_site_served_note: "every site is served",
        see_the_list_below: "see the list below",
        plan_cost: "Plan cost",
        with_penalties: "with penalties for unassigned",
        fixed_distance_time: "fixed, distance and time",
        vehicles: "Vehicles",
        used_of: |used, all| format!("{used} used of {all}"),
        vehicle_headers: [
            "Vehicle", "Shift", "Trips", "Sites", "km", "Hours", "Driving", "Waiting",
        ],
        peak_trip_load: "Peak trip load",
        co2_kg: "CO₂ kg",
        cost: "Cost",
        vehicle_type: |t| format!("vehicle type {t}"),
        total: "Total",
        facilities: "Facilities",
        intake_against_limit: "intake against the daily limit",
        facility_headers: ["Facility", "Kind", "Accepts", "Visits"],
        intake_headers: ["Intake", "Daily limit", "Use of limit"],
        no_limit: "no limit",
        no_facility: "The scenario has no facility.",
        unassigned_sites: "Unassigned sites",
        every_site_served: "Every site is served.",
        unassigned_headers: ["Site", "Name", "Stream", "Reason", "What it means"],
        stops: "Stops",
        per_vehicle_in_order: "per vehicle, in order",
        stop_headers: [
            "#",
            "Trip",
            "Kind",
            "Id",
            "Name",
            "Stream",
            "Arrival",
            "Start",
            "Departure",
            "Wait",
            "Load after",
            "km from previous",
        ],
        stop_text_headers: [
            "#",
            "trip",
            "kind",
            "id",
            "stream",
            "arr",
            "start",
            "dep",
            "load after",
            "km",
        ],
        route_summary: |trips, sites, km| format!("{trips} trips · {sites} sites · {km} km"),
        decisions: "Tonight's decisions",
        decision_counts: |must, optional, skipped, served| {
            format!("{must} must · {optional} optional · {skipped} skipped · {served} served")
        },
        decision_headers: [
            "Stop", "Name", "Decision", "Outcome", "Fill now", "Prize", "Why",
        ],
        show_all_decisions: |n| format!("Show all {n} decisions"),
        timeline: "Timeline",
        local_time: |offset| format!("local time, {offset}"),
        timeline_label: "Timeline per vehicle",
        no_vehicle_used: "No vehicle is used.",
        activities: ["Driving", "Collecting", "Unloading", "Break", "Waiting"],
        total_working_time: |d| format!("Total working time {d}"),
        driving_and_collecting: |from, to, sites| {
            format!("Driving and collecting {from}–{to} · {sites} sites")
        },
        map: "Map",
        routes_over_roads: "routes over the road network",
        nothing_to_draw: "Nothing to draw: the plan has no located stop.",
        map_label: "Map of the routes",
        route_stops: |vehicle, sites| format!("{vehicle} · {sites} sites"),
        unassigned_title: |id, name, reason| format!("Unassigned {id} · {name}: {reason}"),
        depot_title: |name| format!("Depot {name}"),
        osm_contributors: "© OpenStreetMap contributors",
        legend_vehicles: "Vehicles",
        symbols: "Symbols",
        symbol_names: [
            "Depot",
            "Facility",
            "Collection site",
            "Unassigned site",
            "Road",
        ],
        road_data: "Road data © OpenStreetMap contributors (ODbL).",
    },
    simulate: SimulateTexts {
        title: "Collection policies compared",
        rows: [
            ("nights", "Nights"),
            ("km", "Kilometres"),
            ("truck_nights", "Truck-nights"),
            ("driver_hours", "Driver hours"),
            ("kg_collected", "kg collected"),
            ("overflow_site_days", "Overflow site-days"),
            ("overflow_container_hours", "Overflow container-hours"),
            ("kg_overflowed", "kg overflowed"),
            ("must_unserved", "Must left unserved"),
        ],
        km_comparison: |pct, fewer| {
            format!(
                "The sensor policy drives <strong>{pct} %</strong> {} kilometres than the fixed one.",
                if fewer { "fewer" } else { "more" }
            )
        },
        km_per_night: "Kilometres per night",
        overflowing_per_day: "Sites overflowing per day",
    },
    week: WeekTexts {
        title: "Week plan",
        lead: |days, first| {
            format!(
                "{days} nights from {first}. Each day's routes are in its folder (report.html)."
            )
        },
        days_heading: "Day by day",
        sites_due: "Sites due",
        unassigned: "Left unassigned",
        trucks: "Trucks",
        km: "Kilometres",
        tonnes: "Tonnes",
        hours: "Driver hours",
        sites_heading: "Each site's days (kg collected)",
        site: "Site",
        frequency: "Frequency",
        total: "Total",
        not_served: "not served",
        frequency_text: |f| f.to_string(),
        note: "week.csv has the same table; week.json the figures for programs.",
    },
};
