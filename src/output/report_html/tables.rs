//! Key figures and the tables: per vehicle, per facility, unassigned sites, and all stops.

use super::{amount, esc, hours, money};
use crate::output::document::{Dimension, PlanDocument, Stop, StopKind, StreamAmount, TimeLine};
use crate::output::lang::Texts;
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
fn stream_headers(h: &mut String, streams: &[&str], t: &Texts) {
    for s in streams {
        let _ = write!(h, "<th class=\"num\">{}</th>", esc(t.words.stream_or(s)));
    }
}

/// One cell per stream with its amount in `list` (dimension 0), `–` where it has none.
fn stream_cells(
    h: &mut String,
    list: &[StreamAmount],
    streams: &[&str],
    dim0: Option<&Dimension>,
    t: &Texts,
) {
    for s in streams {
        let v = of_stream(list, s);
        let _ = write!(
            h,
            "<td class=\"num\">{}</td>",
            if v == 0 {
                "–".into()
            } else {
                amount(v, dim0, t)
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
pub(super) fn key_figures(h: &mut String, doc: &PlanDocument, t: &Texts) {
    let (r, lang) = (&t.report, t.language);
    let s = &doc.meta.summary;
    let dim0 = doc.dimensions.first();
    let driving: i64 = doc.routes.iter().map(|r| r.totals.driving_s).sum();
    let _ = write!(
        h,
        "<section id=\"summary\" style=\"margin-top:0\"><div class=\"cards\">"
    );
    card(
        h,
        r.vehicles_used,
        &format!("{} / {}", s.vehicles_used, s.vehicles_available),
        r.of_the_fleet,
        false,
    );
    card(
        h,
        r.sites_served,
        &format!("{} / {}", s.sites_served, s.sites_total),
        &(r.trips_to_facilities)(&s.trips.to_string()),
        false,
    );
    card(
        h,
        r.distance,
        &format!("{} km", lang.km(s.distance_m)),
        r.on_the_road_network,
        false,
    );
    card(
        h,
        r.working_time,
        &lang.duration(s.duration_s),
        &(r.driving_note)(&lang.duration(driving)),
        false,
    );
    card(
        h,
        r.collected,
        &amount(s.collected.first().copied().unwrap_or(0), dim0, t),
        dim0.map_or("", |d| {
            t.words.dimension(&d.name).unwrap_or(d.name.as_str())
        }),
        false,
    );
    card(
        h,
        r.co2_estimate,
        &format!("{} kg", lang.decimal(s.co2_kg, 0)),
        r.co2_note,
        false,
    );
    card(
        h,
        r.unassigned,
        &s.sites_unassigned.to_string(),
        if s.sites_unassigned == 0 {
            r.every_site_served_note
        } else {
            r.see_the_list_below
        },
        s.sites_unassigned > 0,
    );
    card(
        h,
        r.plan_cost,
        &money(s.cost, s, lang),
        if s.sites_unassigned > 0 {
            r.with_penalties
        } else {
            r.fixed_distance_time
        },
        false,
    );
    let _ = writeln!(h, "</div></section>");
}

fn percent_bar(h: &mut String, used: f64, t: &Texts) {
    let class = if used > 1.0 + 1e-9 {
        " over"
    } else if used >= 0.9 {
        " high"
    } else {
        ""
    };
    let _ = write!(
        h,
        "<span class=\"bar{class}\"><i style=\"width:{:.1}%\"></i></span>{}%",
        (used * 100.0).clamp(0.0, 100.0),
        t.language.decimal(used * 100.0, 0)
    );
}

/// Heading cells, each `<th>` with an optional class.
fn headers(h: &mut String, cells: &[(&str, bool)]) {
    for (text, num) in cells {
        let _ = write!(
            h,
            "<th{}>{}</th>",
            if *num { " class=\"num\"" } else { "" },
            esc(text)
        );
    }
}

/// The table per vehicle.
pub(super) fn vehicles(h: &mut String, doc: &PlanDocument, t: &Texts) {
    let (r, lang) = (&t.report, t.language);
    let streams = streams_used(doc);
    let dim0 = doc.dimensions.first();
    let _ = write!(
        h,
        "<section id=\"vehicles\"><h2>{}<small>{}</small></h2><div class=\"table-wrap\"><table><thead><tr>",
        esc(r.vehicles),
        (r.used_of)(
            &doc.meta.summary.vehicles_used.to_string(),
            &doc.meta.summary.vehicles_available.to_string()
        ),
    );
    let v = &r.vehicle_headers;
    headers(
        h,
        &[
            (v[0], false),
            (v[1], false),
            (v[2], true),
            (v[3], true),
            (v[4], true),
            (v[5], true),
            (v[6], true),
            (v[7], true),
        ],
    );
    stream_headers(h, &streams, t);
    let _ = write!(
        h,
        "<th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
        esc(r.peak_trip_load),
        esc(r.co2_kg),
        esc(r.cost)
    );
    for (i, route) in doc.routes.iter().enumerate() {
        let tot = &route.totals;
        let _ = write!(
            h,
            "<tr><td title=\"{}\">",
            esc(&(r.vehicle_type)(&route.vehicle_type))
        );
        swatch(h, route_colour(i));
        let _ = write!(
            h,
            "{}</td>\
             <td>{}–{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td>",
            esc(&route.vehicle),
            TimeLine::clock(tot.departure_s),
            TimeLine::clock(tot.arrival_s),
            tot.trips,
            tot.sites,
            lang.km(tot.distance_m),
            hours(tot.duration_s),
            hours(tot.driving_s),
            hours(tot.waiting_s),
        );
        stream_cells(h, &tot.collected_by_stream, &streams, dim0, t);
        let _ = write!(h, "<td>");
        percent_bar(h, tot.peak_capacity_use.first().copied().unwrap_or(0.0), t);
        let _ = write!(
            h,
            "</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            lang.decimal(tot.co2_kg, 1),
            money(tot.cost, &doc.meta.summary, lang)
        );
    }
    let s = &doc.meta.summary;
    let _ = write!(
        h,
        "</tbody><tfoot><tr><td>{}</td><td></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
         <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
        esc(r.total),
        s.trips,
        s.sites_served,
        lang.km(s.distance_m),
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
        let _ = write!(h, "<td class=\"num\">{}</td>", amount(v, dim0, t));
    }
    let _ = writeln!(
        h,
        "<td></td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr></tfoot></table></div></section>",
        lang.decimal(s.co2_kg, 1),
        money(doc.routes.iter().map(|r| r.totals.cost).sum(), s, lang)
    );
}

/// The table per facility.
pub(super) fn facilities(h: &mut String, doc: &PlanDocument, t: &Texts) {
    let r = &t.report;
    let streams = streams_used(doc);
    let dim0 = doc.dimensions.first();
    let _ = write!(
        h,
        "<section id=\"facilities\"><h2>{}<small>{}</small></h2><div class=\"table-wrap\"><table><thead><tr>",
        esc(r.facilities),
        esc(r.intake_against_limit)
    );
    let f = &r.facility_headers;
    headers(
        h,
        &[(f[0], false), (f[1], false), (f[2], false), (f[3], true)],
    );
    stream_headers(h, &streams, t);
    let i = &r.intake_headers;
    headers(h, &[(i[0], true), (i[1], true), (i[2], false)]);
    let _ = write!(h, "</tr></thead><tbody>");
    for f in &doc.facilities {
        let kind = match t.words.facility_kind(&f.kind) {
            Some(k) => k.to_string(),
            None => f.kind.replace('_', " "),
        };
        let _ = write!(
            h,
            "<tr><td>{}<div class=\"muted\">{}</div></td><td>{}</td><td>{}</td><td class=\"num\">{}</td>",
            esc(&f.name),
            esc(&f.id),
            esc(&kind),
            f.accepts
                .iter()
                .map(|s| format!("<span class=\"tag\">{}</span>", esc(t.words.stream_or(s))))
                .collect::<Vec<_>>()
                .join(" "),
            f.visits
        );
        stream_cells(h, &f.intake_by_stream, &streams, dim0, t);
        let intake = f.intake.first().copied().unwrap_or(0);
        let _ = write!(h, "<td class=\"num\">{}</td>", amount(intake, dim0, t));
        match f.daily_limit.as_ref().and_then(|l| l.first().copied()) {
            Some(limit) => {
                let _ = write!(h, "<td class=\"num\">{}</td><td>", amount(limit, dim0, t));
                percent_bar(
                    h,
                    if limit > 0 {
                        intake as f64 / limit as f64
                    } else if intake > 0 {
                        2.0
                    } else {
                        0.0
                    },
                    t,
                );
                let _ = write!(h, "</td>");
            }
            None => {
                let _ = write!(
                    h,
                    "<td class=\"num muted\">{}</td><td></td>",
                    esc(r.no_limit)
                );
            }
        }
        let _ = write!(h, "</tr>");
    }
    if doc.facilities.is_empty() {
        let _ = write!(
            h,
            "<tr><td colspan=\"7\" class=\"muted\">{}</td></tr>",
            esc(r.no_facility)
        );
    }
    let _ = writeln!(h, "</tbody></table></div></section>");
}

/// The unassigned sites with their reasons (in the page's language when it has words
/// for the reason code; else the code and the plan's own explanation).
pub(super) fn unassigned(h: &mut String, doc: &PlanDocument, t: &Texts) {
    let r = &t.report;
    let _ = write!(
        h,
        "<section id=\"unassigned\"><h2>{}<small>{}</small></h2>",
        esc(r.unassigned_sites),
        doc.unassigned.len()
    );
    if doc.unassigned.is_empty() {
        let _ = writeln!(
            h,
            "<div class=\"panel ok\">{}</div></section>",
            esc(r.every_site_served)
        );
        return;
    }
    let _ = write!(h, "<div class=\"table-wrap\"><table><thead><tr>");
    headers(h, &r.unassigned_headers.map(|c| (c, false)));
    let _ = write!(h, "</tr></thead><tbody>");
    for u in &doc.unassigned {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td><span class=\"tag\">{}</span></td><td><span class=\"tag reason\">{}</span></td><td class=\"wrap\">{}</td></tr>",
            esc(&u.id),
            esc(&u.name),
            esc(t.words.stream_or(&u.stream)),
            esc(t.words.reason_label(&u.reason).unwrap_or(&u.reason)),
            esc(t
                .words
                .reason_explanation(&u.reason)
                .unwrap_or(&u.explanation))
        );
    }
    let _ = writeln!(h, "</tbody></table></div></section>");
}

/// A stop's kind in the page's language.
fn kind_name(s: &Stop, t: &Texts) -> &'static str {
    t.words
        .stop_kind(s.kind.as_str())
        .unwrap_or(s.kind.as_str())
}

/// A stop's name; a break, which the plan names `Break`, in the page's language.
pub(super) fn stop_name<'a>(s: &'a Stop, t: &Texts) -> &'a str {
    match t.words.break_stop {
        Some(name) if s.kind == StopKind::Break => name,
        _ => &s.name,
    }
}

/// Every stop, one folded table per vehicle.
pub(super) fn stops(h: &mut String, doc: &PlanDocument, t: &Texts) {
    if doc.routes.is_empty() {
        return;
    }
    let (r, lang) = (&t.report, t.language);
    let dim0 = doc.dimensions.first();
    let _ = write!(
        h,
        "<section id=\"stops\"><h2>{}<small>{}</small></h2>",
        esc(r.stops),
        esc(r.per_vehicle_in_order)
    );
    let total: usize = doc
        .routes
        .iter()
        .flat_map(|r| &r.trips)
        .map(|t| t.stops.len())
        .sum();
    if total > super::LARGE_PLAN {
        stops_as_text(h, doc, t);
        let _ = writeln!(h, "</section>");
        return;
    }
    let c = &r.stop_headers;
    let numeric = [0, 1, 9, 10, 11];
    for (i, route) in doc.routes.iter().enumerate() {
        route_summary(h, i, route, t);
        let _ = write!(h, "<div class=\"table-wrap\"><table><thead><tr>");
        let cells: Vec<(&str, bool)> = c
            .iter()
            .enumerate()
            .map(|(k, text)| (*text, numeric.contains(&k)))
            .collect();
        headers(h, &cells);
        let _ = write!(h, "</tr></thead><tbody>");
        let mut n = 0;
        for trip in &route.trips {
            for s in &trip.stops {
                n += 1;
                let clock = TimeLine::clock;
                let _ = write!(
                    h,
                    "<tr><td class=\"num\">{n}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
                     <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                    trip.number,
                    esc(kind_name(s, t)),
                    esc(&s.id),
                    esc(stop_name(s, t)),
                    esc(t.words.stream_or(s.stream.as_deref().unwrap_or(""))),
                    clock(s.arrival_s),
                    clock(s.start_s),
                    clock(s.departure_s),
                    if s.waiting_s > 0 {
                        hours(s.waiting_s)
                    } else {
                        String::new()
                    },
                    amount(s.load_after.first().copied().unwrap_or(0), dim0, t),
                    lang.km(s.distance_from_previous_m),
                );
            }
        }
        let _ = write!(h, "</tbody></table></div></details>");
    }
    let _ = writeln!(h, "</section>");
}

/// Column widths of a large plan's stop text (English; a language's longer headings or
/// kind names widen their column).
const TEXT_WIDTHS: [usize; 10] = [4, 4, 8, 18, 11, 5, 5, 5, 11, 7];

/// The stop lists of a large plan: per vehicle, one folded block of aligned text lines
/// (a text node instead of a table of a dozen cells per stop keeps the page quick to open).
fn stops_as_text(h: &mut String, doc: &PlanDocument, t: &Texts) {
    let (lang, heads) = (t.language, &t.report.stop_text_headers);
    let dim0 = doc.dimensions.first();
    let mut w = TEXT_WIDTHS;
    for (k, head) in heads.iter().enumerate() {
        w[k] = w[k].max(head.chars().count());
    }
    // The language's kind and stream names widen their columns (rác thực phẩm).
    let widest = |table: &[(&str, &str)], at_least: usize| {
        table
            .iter()
            .map(|(_, name)| name.chars().count())
            .fold(at_least, usize::max)
    };
    w[2] = widest(t.words.stop_kinds, w[2]);
    w[4] = widest(t.words.streams, w[4]);
    for (i, r) in doc.routes.iter().enumerate() {
        route_summary(h, i, r, t);
        h.push_str("<pre class=\"stop-lines\">");
        let mut text = format!(
            "{:>w0$} {:>w1$}  {:<w2$} {:<w3$} {:<w4$} {:>w5$} {:>w6$} {:>w7$} {:>w8$} {:>w9$}\n",
            heads[0],
            heads[1],
            heads[2],
            heads[3],
            heads[4],
            heads[5],
            heads[6],
            heads[7],
            heads[8],
            heads[9],
            w0 = w[0],
            w1 = w[1],
            w2 = w[2],
            w3 = w[3],
            w4 = w[4],
            w5 = w[5],
            w6 = w[6],
            w7 = w[7],
            w8 = w[8],
            w9 = w[9],
        );
        let mut n = 0;
        for trip in &r.trips {
            for s in &trip.stops {
                n += 1;
                let clock = TimeLine::clock;
                let _ = writeln!(
                    text,
                    "{n:>w0$} {:>w1$}  {:<w2$} {:<w3$} {:<w4$} {:>w5$} {:>w6$} {:>w7$} {:>w8$} {:>w9$}  {}",
                    trip.number,
                    kind_name(s, t),
                    s.id,
                    t.words.stream_or(s.stream.as_deref().unwrap_or("")),
                    clock(s.arrival_s),
                    clock(s.start_s),
                    clock(s.departure_s),
                    amount(s.load_after.first().copied().unwrap_or(0), dim0, t),
                    lang.km(s.distance_from_previous_m),
                    stop_name(s, t),
                    w0 = w[0],
                    w1 = w[1],
                    w2 = w[2],
                    w3 = w[3],
                    w4 = w[4],
                    w5 = w[5],
                    w6 = w[6],
                    w7 = w[7],
                    w8 = w[8],
                    w9 = w[9],
                );
            }
        }
        h.push_str(&esc(&text));
        let _ = write!(h, "</pre></details>");
    }
}

/// Opens route `i`'s fold: `<details>` and its summary line (colour, vehicle, trips, sites,
/// km, hours).
fn route_summary(h: &mut String, i: usize, r: &crate::output::document::RoutePlan, t: &Texts) {
    let _ = write!(h, "<details><summary>");
    swatch(h, route_colour(i));
    let _ = write!(
        h,
        "{} <span class=\"muted\">· {} · {}–{}</span></summary>",
        esc(&r.vehicle),
        (t.report.route_summary)(
            &r.totals.trips.to_string(),
            &r.totals.sites.to_string(),
            &t.language.km(r.totals.distance_m)
        ),
        TimeLine::clock(r.totals.departure_s),
        TimeLine::clock(r.totals.arrival_s),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Language;

    /// In the stop text of a large plan every line's columns line up, whatever the
    /// language's kind names ("điểm thu gom" is longer than English's "facility").
    #[test]
    fn stop_text_columns_line_up_in_every_language() {
        let doc = PlanDocument::example();
        for language in Language::ALL {
            let mut h = String::new();
            stops_as_text(&mut h, &doc, language.texts());
            let first_clock = |line: &str| {
                let chars: Vec<char> = line.chars().collect();
                (0..chars.len().saturating_sub(4)).find(|&i| {
                    chars[i + 2] == ':'
                        && [0, 1, 3, 4].iter().all(|&k| chars[i + k].is_ascii_digit())
                })
            };
            for block in h.split("<pre class=\"stop-lines\">").skip(1) {
                let text = block.split("</pre>").next().unwrap();
                let columns: Vec<usize> = text.lines().skip(1).filter_map(first_clock).collect();
                assert!(columns.len() >= 3, "{language}: {text}");
                assert!(
                    columns.iter().all(|&c| c == columns[0]),
                    "{language}: {text}"
                );
            }
        }
    }
}
