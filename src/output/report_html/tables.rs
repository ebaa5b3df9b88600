//! Key figures and the tables: per vehicle, per facility, unassigned sites, and all stops.

use super::{amount, esc, hours, km, money};
use crate::output::document::{Dimension, PlanDocument, StreamAmount, TimeLine};
use crate::output::palette::route_colour;
use std::fmt::Write;

/// The amount of `stream` in a per-stream list, in dimension 0.
fn of_stream(list: &[StreamAmount], stream: &str) -> i64 {
    list.iter()
        .find(|s| s.stream == stream)
        .and_then(|s| s.amount.first().copied())
        .unwrap_or(0)
}

/// Streams that appear in any route or facility, in the document's stream order.
fn streams_used(doc: &PlanDocument) -> Vec<&str> {
    doc.streams
        .iter()
        .map(String::as_str)
        .filter(|s| {
            doc.routes
                .iter()
                .any(|r| of_stream(&r.totals.collected_by_stream, s) > 0)
                || doc
                    .facilities
                    .iter()
                    .any(|f| of_stream(&f.intake_by_stream, s) > 0)
        })
        .collect()
}

/// One header cell per stream.
fn stream_headers(h: &mut String, streams: &[&str]) {
    for s in streams {
        let _ = write!(h, "<th class=\"num\">{}</th>", esc(s));
    }
}

/// One cell per stream with its amount in `list` (dimension 0), `–` where it has none.
fn stream_cells(h: &mut String, list: &[StreamAmount], streams: &[&str], dim0: Option<&Dimension>) {
    for s in streams {
        let v = of_stream(list, s);
        let _ = write!(
            h,
            "<td class=\"num\">{}</td>",
            if v == 0 {
                "–".into()
            } else {
                amount(v, dim0)
            }
        );
    }
}

/// The small square in a route's colour before a vehicle's name.
fn swatch(h: &mut String, colour: &str) {
    let _ = write!(
        h,
        "<span class=\"box\" style=\"background:{colour};width:10px;height:10px;margin-right:6px\"></span>"
    );
}

fn card(h: &mut String, label: &str, value: &str, note: &str, alert: bool) {
    let _ = write!(
        h,
        "<div class=\"card{}{}\"><div class=\"label\">{}</div><div class=\"value\">{}</div><div class=\"note\">{}</div></div>",
        if alert { " alert" } else { "" },
        // Long figures (raw cost units) get a smaller font so they stay inside the card.
        if value.chars().count() > 11 {
            " long"
        } else {
            ""
        },
        esc(label),
        esc(value),
        esc(note)
    );
}

/// The row of key figures at the top.
pub(super) fn key_figures(h: &mut String, doc: &PlanDocument) {
    let s = &doc.meta.summary;
    let dim0 = doc.dimensions.first();
    let driving: i64 = doc.routes.iter().map(|r| r.totals.driving_s).sum();
    let _ = write!(
        h,
        "<section id=\"summary\" style=\"margin-top:0\"><div class=\"cards\">"
    );
    card(
        h,
        "Vehicles used",
        &format!("{} / {}", s.vehicles_used, s.vehicles_available),
        "of the fleet",
        false,
    );
    card(
        h,
        "Sites served",
        &format!("{} / {}", s.sites_served, s.sites_total),
        &format!("{} trips to facilities", s.trips),
        false,
    );
    card(
        h,
        "Distance",
        &format!("{} km", km(s.distance_m)),
        "on the road network",
        false,
    );
    card(
        h,
        "Working time",
        &format!("{} h", hours(s.duration_s)),
        &format!("{} h driving", hours(driving)),
        false,
    );
    card(
        h,
        "Collected",
        &amount(s.collected.first().copied().unwrap_or(0), dim0),
        dim0.map_or("", |d| d.name.as_str()),
        false,
    );
    card(
        h,
        "CO₂ estimate",
        &format!("{:.0} kg", s.co2_kg),
        "kg per km × km",
        false,
    );
    card(
        h,
        "Unassigned",
        &s.sites_unassigned.to_string(),
        if s.sites_unassigned == 0 {
            "every site is served"
        } else {
            "see the list below"
        },
        s.sites_unassigned > 0,
    );
    card(
        h,
        "Plan cost",
        &money(s.cost, s),
        if s.sites_unassigned > 0 {
            "with penalties for unassigned"
        } else {
            "fixed, distance and time"
        },
        false,
    );
    let _ = writeln!(h, "</div></section>");
}

fn percent_bar(h: &mut String, used: f64) {
    let class = if used > 1.0 + 1e-9 {
        " over"
    } else if used >= 0.9 {
        " high"
    } else {
        ""
    };
    let _ = write!(
        h,
        "<span class=\"bar{class}\"><i style=\"width:{:.1}%\"></i></span>{:.0}%",
        (used * 100.0).clamp(0.0, 100.0),
        used * 100.0
    );
}

/// The table per vehicle.
pub(super) fn vehicles(h: &mut String, doc: &PlanDocument) {
    let streams = streams_used(doc);
    let dim0 = doc.dimensions.first();
    let _ = write!(
        h,
        "<section id=\"vehicles\"><h2>Vehicles<small>{} used of {}</small></h2><div class=\"table-wrap\"><table><thead><tr>\
         <th>Vehicle</th><th>Shift</th><th class=\"num\">Trips</th><th class=\"num\">Sites</th><th class=\"num\">km</th>\
         <th class=\"num\">Hours</th><th class=\"num\">Driving</th><th class=\"num\">Waiting</th>",
        doc.meta.summary.vehicles_used, doc.meta.summary.vehicles_available
    );
    stream_headers(h, &streams);
    let _ = write!(
        h,
        "<th>Peak trip load</th><th class=\"num\">CO₂ kg</th><th class=\"num\">Cost</th></tr></thead><tbody>"
    );
    for (i, r) in doc.routes.iter().enumerate() {
        let t = &r.totals;
        let _ = write!(
            h,
            "<tr><td title=\"{}\">",
            esc(&format!("vehicle type {}", r.vehicle_type))
        );
        swatch(h, route_colour(i));
        let _ = write!(
            h,
            "{}</td>\
             <td>{}–{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td>",
            esc(&r.vehicle),
            TimeLine::clock(t.departure_s),
            TimeLine::clock(t.arrival_s),
            t.trips,
            t.sites,
            km(t.distance_m),
            hours(t.duration_s),
            hours(t.driving_s),
            hours(t.waiting_s),
        );
        stream_cells(h, &t.collected_by_stream, &streams, dim0);
        let _ = write!(h, "<td>");
        percent_bar(h, t.peak_capacity_use.first().copied().unwrap_or(0.0));
        let _ = write!(
            h,
            "</td><td class=\"num\">{:.1}</td><td class=\"num\">{}</td></tr>",
            t.co2_kg,
            money(t.cost, &doc.meta.summary)
        );
    }
    let s = &doc.meta.summary;
    let _ = write!(
        h,
        "</tbody><tfoot><tr><td>Total</td><td></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
         <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
        s.trips,
        s.sites_served,
        km(s.distance_m),
        hours(s.duration_s),
        hours(doc.routes.iter().map(|r| r.totals.driving_s).sum()),
        hours(doc.routes.iter().map(|r| r.totals.waiting_s).sum()),
    );
    for st in &streams {
        let v: i64 = doc
            .routes
            .iter()
            .map(|r| of_stream(&r.totals.collected_by_stream, st))
            .sum();
        let _ = write!(h, "<td class=\"num\">{}</td>", amount(v, dim0));
    }
    let _ = writeln!(
        h,
        "<td></td><td class=\"num\">{:.1}</td><td class=\"num\">{}</td></tr></tfoot></table></div></section>",
        s.co2_kg,
        money(doc.routes.iter().map(|r| r.totals.cost).sum(), s)
    );
}

/// The table per facility.
pub(super) fn facilities(h: &mut String, doc: &PlanDocument) {
    let streams = streams_used(doc);
    let dim0 = doc.dimensions.first();
    let _ = write!(
        h,
        "<section id=\"facilities\"><h2>Facilities<small>intake against the daily limit</small></h2><div class=\"table-wrap\"><table><thead><tr>\
         <th>Facility</th><th>Kind</th><th>Accepts</th><th class=\"num\">Visits</th>"
    );
    stream_headers(h, &streams);
    let _ = write!(
        h,
        "<th class=\"num\">Intake</th><th class=\"num\">Daily limit</th><th>Use of limit</th></tr></thead><tbody>"
    );
    for f in &doc.facilities {
        let _ = write!(
            h,
            "<tr><td>{}<div class=\"muted\">{}</div></td><td>{}</td><td>{}</td><td class=\"num\">{}</td>",
            esc(&f.name),
            esc(&f.id),
            esc(&f.kind.replace('_', " ")),
            f.accepts
                .iter()
                .map(|s| format!("<span class=\"tag\">{}</span>", esc(s)))
                .collect::<Vec<_>>()
                .join(" "),
            f.visits
        );
        stream_cells(h, &f.intake_by_stream, &streams, dim0);
        let intake = f.intake.first().copied().unwrap_or(0);
        let _ = write!(h, "<td class=\"num\">{}</td>", amount(intake, dim0));
        match f.daily_limit.as_ref().and_then(|l| l.first().copied()) {
            Some(limit) => {
                let _ = write!(h, "<td class=\"num\">{}</td><td>", amount(limit, dim0));
                percent_bar(
                    h,
                    if limit > 0 {
                        intake as f64 / limit as f64
                    } else if intake > 0 {
                        2.0
                    } else {
                        0.0
                    },
                );
                let _ = write!(h, "</td>");
            }
            None => {
                let _ = write!(h, "<td class=\"num muted\">no limit</td><td></td>");
            }
        }
        let _ = write!(h, "</tr>");
    }
    if doc.facilities.is_empty() {
        let _ = write!(
            h,
            "<tr><td colspan=\"7\" class=\"muted\">The scenario has no facility.</td></tr>"
        );
    }
    let _ = writeln!(h, "</tbody></table></div></section>");
}

/// The unassigned sites with their reasons.
pub(super) fn unassigned(h: &mut String, doc: &PlanDocument) {
    let _ = write!(
        h,
        "<section id=\"unassigned\"><h2>Unassigned sites<small>{}</small></h2>",
        doc.unassigned.len()
    );
    if doc.unassigned.is_empty() {
        let _ = writeln!(
            h,
            "<div class=\"panel ok\">Every site is served.</div></section>"
        );
        return;
    }
    let _ = write!(
        h,
        "<div class=\"table-wrap\"><table><thead><tr><th>Site</th><th>Name</th><th>Stream</th><th>Reason</th><th>What it means</th></tr></thead><tbody>"
    );
    for u in &doc.unassigned {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td><span class=\"tag\">{}</span></td><td><span class=\"tag reason\">{}</span></td><td class=\"wrap\">{}</td></tr>",
            esc(&u.id),
            esc(&u.name),
            esc(&u.stream),
            esc(&u.reason),
            esc(&u.explanation)
        );
    }
    let _ = writeln!(h, "</tbody></table></div></section>");
}

/// Every stop, one folded table per vehicle.
pub(super) fn stops(h: &mut String, doc: &PlanDocument) {
    if doc.routes.is_empty() {
        return;
    }
    let dim0 = doc.dimensions.first();
    let _ = write!(
        h,
        "<section id=\"stops\"><h2>Stops<small>per vehicle, in order</small></h2>"
    );
    let total: usize = doc
        .routes
        .iter()
        .flat_map(|r| &r.trips)
        .map(|t| t.stops.len())
        .sum();
    if total > super::LARGE_PLAN {
        stops_as_text(h, doc);
        let _ = writeln!(h, "</section>");
        return;
    }
    for (i, r) in doc.routes.iter().enumerate() {
        route_summary(h, i, r);
        let _ = write!(
            h,
            "<div class=\"table-wrap\"><table><thead><tr>\
             <th class=\"num\">#</th><th class=\"num\">Trip</th><th>Kind</th><th>Id</th><th>Name</th><th>Stream</th><th>Arrival</th><th>Start</th>\
             <th>Departure</th><th class=\"num\">Wait</th><th class=\"num\">Load after</th><th class=\"num\">km from previous</th></tr></thead><tbody>"
        );
        let mut n = 0;
        for t in &r.trips {
            for s in &t.stops {
                n += 1;
                let clock = TimeLine::clock;
                let _ = write!(
                    h,
                    "<tr><td class=\"num\">{n}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
                     <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                    t.number,
                    s.kind.as_str(),
                    esc(&s.id),
                    esc(&s.name),
                    esc(s.stream.as_deref().unwrap_or("")),
                    clock(s.arrival_s),
                    clock(s.start_s),
                    clock(s.departure_s),
                    if s.waiting_s > 0 {
                        hours(s.waiting_s)
                    } else {
                        String::new()
                    },
                    amount(s.load_after.first().copied().unwrap_or(0), dim0),
                    km(s.distance_from_previous_m),
                );
            }
        }
        let _ = write!(h, "</tbody></table></div></details>");
    }
    let _ = writeln!(h, "</section>");
}

/// The stop lists of a large plan: per vehicle, one folded block of aligned text lines
/// (a text node instead of a table of a dozen cells per stop keeps the page quick to open).
fn stops_as_text(h: &mut String, doc: &PlanDocument) {
    let dim0 = doc.dimensions.first();
    for (i, r) in doc.routes.iter().enumerate() {
        route_summary(h, i, r);
        h.push_str("<pre class=\"stop-lines\">");
        let mut text = format!(
            "{:>4} {:>4}  {:<8} {:<18} {:<11} {:>5} {:>5} {:>5} {:>11} {:>7}\n",
            "#", "trip", "kind", "id", "stream", "arr", "start", "dep", "load after", "km"
        );
        let mut n = 0;
        for t in &r.trips {
            for s in &t.stops {
                n += 1;
                let clock = TimeLine::clock;
                let _ = writeln!(
                    text,
                    "{n:>4} {:>4}  {:<8} {:<18} {:<11} {:>5} {:>5} {:>5} {:>11} {:>7}  {}",
                    t.number,
                    s.kind.as_str(),
                    s.id,
                    s.stream.as_deref().unwrap_or(""),
                    clock(s.arrival_s),
                    clock(s.start_s),
                    clock(s.departure_s),
                    amount(s.load_after.first().copied().unwrap_or(0), dim0),
                    km(s.distance_from_previous_m),
                    s.name,
                );
            }
        }
        h.push_str(&esc(&text));
        let _ = write!(h, "</pre></details>");
    }
}

/// Opens route `i`'s fold: `<details>` and its summary line (colour, vehicle, trips, sites,
/// km, hours).
fn route_summary(h: &mut String, i: usize, r: &crate::output::document::RoutePlan) {
    let _ = write!(h, "<details><summary>");
    swatch(h, route_colour(i));
    let _ = write!(
        h,
        "{} <span class=\"muted\">· {} trips · {} sites · {} km · {}–{}</span></summary>",
        esc(&r.vehicle),
        r.totals.trips,
        r.totals.sites,
        km(r.totals.distance_m),
        TimeLine::clock(r.totals.departure_s),
        TimeLine::clock(r.totals.arrival_s),
    );
}
