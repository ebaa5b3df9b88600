//! The shape of a language's catalogue: fixed strings, and small functions for phrases
//! with values in them (their arguments are already formatted and HTML-escaped; what they
//! return is HTML-safe as long as the catalogue's own words hold no `<`, `>` or `&`).
//!
//! A page's texts are one struct here with one field per text (`fn` fields for phrases
//! with values), one field of [`Texts`], and its values in `en.rs` and `vi.rs`. Numbers,
//! dates and durations go through the `Language` methods of `format.rs`; codes (streams,
//! reasons, decisions) through [`Words`].

use super::Language;

/// A code → word table (`no_capacity_left` → `xe đã đầy`).
pub(crate) type Table = &'static [(&'static str, &'static str)];

fn look_up(table: Table, code: &str) -> Option<&'static str> {
    table.iter().find(|(c, _)| *c == code).map(|(_, w)| *w)
}

/// One language's texts.
pub(crate) struct Texts {
    /// The language these texts are in (for its number and date formats).
    pub language: Language,
    /// Words several pages share.
    pub words: Words,
    /// `report.html`.
    pub report: ReportTexts,
    /// `simulate.html`.
    pub simulate: SimulateTexts,
    /// `week.html`.
    pub week: WeekTexts,
}

/// Words for the codes the program writes in its files. An empty table means "show the
/// code as written" (English shows codes).
pub(crate) struct Words {
    /// Unassigned reason code → a short label.
    pub reason_labels: Table,
    /// Unassigned reason code → a sentence with what to do; without an entry the
    /// plan's own explanation is shown.
    pub reason_explanations: Table,
    /// `must`, `optional`, `skip` → the decision's word.
    pub verdicts: Table,
    /// `served`, `not_taken`, `unassigned`, `skipped` → what came of the decision.
    pub outcomes: Table,
    /// The decision rule (`overflow`, `frequency`, …) → why, as a phrase.
    pub rules: Table,
    /// Facility kind (`transfer_station`, …) → its name.
    pub facility_kinds: Table,
    /// Stream name (`recyclable`, `food`, `other`) → its name.
    pub streams: Table,
    /// Capacity dimension name (`weight`, `volume`) → its name.
    pub dimensions: Table,
    /// Unit of a capacity dimension other than kg (`litres`) → its name.
    pub units: Table,
    /// Stop kind (`depot`, `site`, `facility`, `break`) → its name in the stop tables.
    pub stop_kinds: Table,
    /// Simulation policy (`fixed`, `sensor`) → its name.
    pub policies: Table,
    /// The name of a break stop; `None` = the plan's own (`Break`).
    pub break_stop: Option<&'static str>,
    /// The decision of a container in a sentence, from its parts (see
    /// [`DecisionParts`]); `None` = show the plan's own sentence.
    pub decision_sentence: Option<fn(&DecisionParts<'_>) -> String>,
}

impl Words {
    /// The label of an unassigned reason code.
    pub fn reason_label(&self, code: &str) -> Option<&'static str> {
        look_up(self.reason_labels, code)
    }
    /// The explanation of an unassigned reason code.
    pub fn reason_explanation(&self, code: &str) -> Option<&'static str> {
        look_up(self.reason_explanations, code)
    }
    /// The word of a verdict.
    pub fn verdict(&self, code: &str) -> Option<&'static str> {
        look_up(self.verdicts, code)
    }
    /// The word of an outcome.
    pub fn outcome(&self, code: &str) -> Option<&'static str> {
        look_up(self.outcomes, code)
    }
    /// The phrase of a decision rule.
    pub fn rule(&self, code: &str) -> Option<&'static str> {
        look_up(self.rules, code)
    }
    /// The name of a facility kind.
    pub fn facility_kind(&self, code: &str) -> Option<&'static str> {
        look_up(self.facility_kinds, code)
    }
    /// The name of a stream.
    pub fn stream(&self, code: &str) -> Option<&'static str> {
        look_up(self.streams, code)
    }
    /// The name of a stream, or the stream as written.
    pub fn stream_or<'a>(&self, code: &'a str) -> &'a str {
        self.stream(code).unwrap_or(code)
    }
    /// The name of a capacity dimension.
    pub fn dimension(&self, code: &str) -> Option<&'static str> {
        look_up(self.dimensions, code)
    }
    /// The name of a unit, or the unit as written.
    pub fn unit_or<'a>(&self, code: &'a str) -> &'a str {
        look_up(self.units, code).unwrap_or(code)
    }
    /// The name of a stop kind.
    pub fn stop_kind(&self, code: &str) -> Option<&'static str> {
        look_up(self.stop_kinds, code)
    }
    /// The name of a simulation policy.
    pub fn policy(&self, code: &str) -> Option<&'static str> {
        look_up(self.policies, code)
    }
}

/// A container's decision, as a page's language needs it to write the sentence itself
/// (values formatted in that language already).
pub(crate) struct DecisionParts<'a> {
    /// The verdict's word.
    pub verdict: &'a str,
    /// The rule's phrase.
    pub why: &'a str,
    /// Fill at tonight's service, e.g. `124 %`; `None` without a forecast.
    pub fill_now: Option<String>,
    /// Predicted fill at the next chance, e.g. `166 %`.
    pub predicted: Option<String>,
    /// When that prediction is for, e.g. `02:00 Thứ Tư`.
    pub predicted_at: String,
    /// The next chance's night, e.g. `Thứ Ba, 03/03`.
    pub next_chance: String,
}

/// `report.html`. The names say where a text goes; phrases take their values formatted.
pub(crate) struct ReportTexts {
    /// Page title and heading: (scenario name, night).
    pub title: fn(&str, &str) -> String,
    /// Under the heading: (night).
    pub night_of: fn(&str) -> String,
    /// Under the heading: (time zone, UTC offset).
    pub time_zone: fn(&str, &str) -> String,
    /// Under the heading: (seed).
    pub seed: fn(&str) -> String,
    /// Under the heading: (fingerprint).
    pub fingerprint: fn(&str) -> String,
    /// The footer: (generator, fingerprint, seed, iteration budget if any).
    pub footer: fn(&str, &str, &str, Option<&str>) -> String,

    // Key figures.
    pub vehicles_used: &'static str,
    pub of_the_fleet: &'static str,
    pub sites_served: &'static str,
    /// (trips).
    pub trips_to_facilities: fn(&str) -> String,
    pub distance: &'static str,
    pub on_the_road_network: &'static str,
    pub working_time: &'static str,
    /// (driving duration).
    pub driving_note: fn(&str) -> String,
    pub collected: &'static str,
    pub co2_estimate: &'static str,
    pub co2_note: &'static str,
    pub unassigned: &'static str,
    pub every_site_served_note: &'static str,
    pub see_the_list_below: &'static str,
    pub plan_cost: &'static str,
    pub with_penalties: &'static str,
    pub fixed_distance_time: &'static str,

    // The vehicles table.
    pub vehicles: &'static str,
    /// (used, available).
    pub used_of: fn(&str, &str) -> String,
    /// Heading cells, in order: vehicle, shift, trips, sites, km, hours, driving, waiting.
    pub vehicle_headers: [&'static str; 8],
    pub peak_trip_load: &'static str,
    pub co2_kg: &'static str,
    pub cost: &'static str,
    /// (vehicle type id).
    pub vehicle_type: fn(&str) -> String,
    pub total: &'static str,

    // The facilities table.
    pub facilities: &'static str,
    pub intake_against_limit: &'static str,
    /// Heading cells: facility, kind, accepts, visits.
    pub facility_headers: [&'static str; 4],
    /// Heading cells: intake, daily limit, use of limit.
    pub intake_headers: [&'static str; 3],
    pub no_limit: &'static str,
    pub no_facility: &'static str,

    // Unassigned sites.
    pub unassigned_sites: &'static str,
    pub every_site_served: &'static str,
    /// Heading cells: site, name, stream, reason, what it means.
    pub unassigned_headers: [&'static str; 5],

    // Stops.
    pub stops: &'static str,
    pub per_vehicle_in_order: &'static str,
    /// Heading cells: #, trip, kind, id, name, stream, arrival, start, departure, wait,
    /// load after, km from previous.
    pub stop_headers: [&'static str; 12],
    /// The heading line of a large plan's stop text: #, trip, kind, id, stream, arrival,
    /// start, departure, load after, km.
    pub stop_text_headers: [&'static str; 10],
    /// A route's fold: (trips, sites, km).
    pub route_summary: fn(&str, &str, &str) -> String,

    // Tonight's decisions.
    pub decisions: &'static str,
    /// (must, optional, skipped, served).
    pub decision_counts: fn(&str, &str, &str, &str) -> String,
    /// Heading cells: stop, name, decision, outcome, fill now, prize, why.
    pub decision_headers: [&'static str; 7],
    /// The fold of a long list: (count).
    pub show_all_decisions: fn(&str) -> String,

    // Timeline.
    pub timeline: &'static str,
    /// (UTC offset).
    pub local_time: fn(&str) -> String,
    pub timeline_label: &'static str,
    pub no_vehicle_used: &'static str,
    /// Activities, in legend order: driving, collecting, unloading, break, waiting.
    pub activities: [&'static str; 5],
    /// (duration).
    pub total_working_time: fn(&str) -> String,
    /// A large plan's round: (from, to, sites).
    pub driving_and_collecting: fn(&str, &str, &str) -> String,

    // Map.
    pub map: &'static str,
    pub routes_over_roads: &'static str,
    pub nothing_to_draw: &'static str,
    pub map_label: &'static str,
    /// A large plan's stops of one route: (vehicle, sites).
    pub route_stops: fn(&str, &str) -> String,
    /// (id, name, reason).
    pub unassigned_title: fn(&str, &str, &str) -> String,
    /// (depot name).
    pub depot_title: fn(&str) -> String,
    pub osm_contributors: &'static str,
    pub legend_vehicles: &'static str,
    pub symbols: &'static str,
    /// Symbols: depot, facility, collection site, unassigned site, road.
    pub symbol_names: [&'static str; 5],
    pub road_data: &'static str,
}

/// `simulate.html`.
pub(crate) struct SimulateTexts {
    pub title: &'static str,
    /// `summary.json` key → its row label.
    pub rows: [(&'static str, &'static str); 9],
    /// (percent, sensor drives fewer km).
    pub km_comparison: fn(&str, bool) -> String,
    pub km_per_night: &'static str,
    pub overflowing_per_day: &'static str,
}

/// `week.html`: the calendar of a week plan.
pub(crate) struct WeekTexts {
    /// Page title and heading, before the scenario's name.
    pub title: &'static str,
    /// Under the heading: (number of nights, first night).
    pub lead: fn(&str, &str) -> String,
    /// Heading of the day table.
    pub days_heading: &'static str,
    /// Row names of the day table.
    pub sites_due: &'static str,
    /// Sites due but left unassigned.
    pub unassigned: &'static str,
    /// Trucks used.
    pub trucks: &'static str,
    /// Kilometres.
    pub km: &'static str,
    /// Tonnes collected.
    pub tonnes: &'static str,
    /// Driver hours.
    pub hours: &'static str,
    /// Heading of the site table.
    pub sites_heading: &'static str,
    /// Column: the site.
    pub site: &'static str,
    /// Column: its frequency.
    pub frequency: &'static str,
    /// Column: the week's total.
    pub total: &'static str,
    /// A due day's cell when the site was left unassigned.
    pub not_served: &'static str,
    /// A frequency in words (`3/week` → `3 lần/tuần`); English shows it as `sites.csv`
    /// writes it.
    pub frequency_text: fn(&crate::monitoring::Frequency) -> String,
    /// Footnote on the files.
    pub note: &'static str,
}
