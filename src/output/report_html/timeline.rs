//! The timeline: one row per vehicle, hours across midnight, coloured by activity.
//!
//! Each stop contributes up to four spans: driving to it (`departure of the previous stop
//! → arrival`), waiting for its window (`arrival → start`), its work (collecting, unloading
//! or the break) and, where a trip waits for a release time, waiting after it. In a plan
//! of more than [`LARGE_PLAN`] stops, the driving, collecting and waiting between two
//! facility or depot visits are one "driving and collecting" span (the stop tables keep
//! every time).

use super::esc;
use crate::output::document::{PlanDocument, Stop, StopKind, TimeLine};
use crate::output::lang::Texts;
use crate::output::palette::route_colour;
use std::fmt::Write;

const WIDTH: f64 = 1000.0;
const LABEL: f64 = 150.0;
const ROW: f64 = 30.0;
const BAR: f64 = 18.0;
const TOP: f64 = 28.0;

/// The activities, in legend order (their labels are the language's
/// `report.activities`, in the same order).
const ACTIVITIES: [&str; 5] = ["drive", "collect", "unload", "break", "wait"];

fn colour(activity: &str) -> &'static str {
    match activity {
        "drive" => "#7b8fb8",
        "collect" => "#3fa37a",
        "unload" => "#e07b39",
        "break" => "#e3bd4d",
        _ => "#cfd6de",
    }
}

/// Writes the timeline section.
pub(super) fn section(h: &mut String, doc: &PlanDocument, tx: &Texts) {
    let r = &tx.report;
    let _ = write!(
        h,
        "<section id=\"timeline\"><h2>{}<small>{}</small></h2><div class=\"panel timeline\">",
        esc(r.timeline),
        (r.local_time)(&esc(&doc.meta.utc_offset))
    );
    let stops_of = |i: usize| doc.routes[i].trips.iter().flat_map(|t| t.stops.iter());
    let first = (0..doc.routes.len())
        .filter_map(|i| stops_of(i).next().map(|s| s.departure_s.min(s.arrival_s)))
        .min();
    let last = (0..doc.routes.len())
        .filter_map(|i| stops_of(i).last().map(|s| s.departure_s))
        .max();
    let (Some(first), Some(last)) = (first, last) else {
        let _ = writeln!(
            h,
            "<p class=\"muted\">{}</p></div></section>",
            esc(r.no_vehicle_used)
        );
        return;
    };
    let t0 = first.div_euclid(3600) * 3600;
    let t1 = (last.div_euclid(3600) + 1) * 3600;
    let span = (t1 - t0).max(3600) as f64;
    let x = |t: i64| LABEL + (t - t0) as f64 / span * (WIDTH - LABEL - 24.0);
    let height = TOP + ROW * doc.routes.len() as f64 + 8.0;

    let _ = write!(
        h,
        "<svg id=\"vehicle-timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height:.0}\" role=\"img\" aria-label=\"{}\">",
        esc(r.timeline_label)
    );
    // Hour grid; midnight stronger and labelled with the date change.
    let step = if span > 16.0 * 3600.0 { 2 * 3600 } else { 3600 };
    let mut t = t0;
    while t <= t1 {
        let midnight = t.rem_euclid(86_400) == 0;
        let _ = write!(
            h,
            "<line x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"{1}\" y2=\"{height:.0}\" stroke=\"{2}\" stroke-width=\"{3}\"/>\
             <text x=\"{0:.1}\" y=\"{4}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#52606d\"{5}>{6}</text>",
            x(t),
            TOP - 6.0,
            if midnight { "#7b8794" } else { "#e4e7eb" },
            if midnight { 1.5 } else { 1.0 },
            TOP - 10.0,
            if midnight { " font-weight=\"700\"" } else { "" },
            TimeLine::clock(t),
        );
        t += step;
    }
    let stops: usize = doc
        .routes
        .iter()
        .flat_map(|r| &r.trips)
        .map(|t| t.stops.len())
        .sum();
    let large = stops > LARGE_PLAN;
    for (i, route) in doc.routes.iter().enumerate() {
        let y = TOP + ROW * i as f64 + (ROW - BAR) / 2.0;
        let _ = write!(
            h,
            "<g class=\"vehicle-row\" data-vehicle=\"{v}\"><rect x=\"4\" y=\"{:.1}\" width=\"6\" height=\"{BAR}\" rx=\"2\" fill=\"{}\"/>\
             <text x=\"16\" y=\"{:.1}\" font-size=\"12\" fill=\"#1f2933\">{v}</text>",
            y,
            route_colour(i),
            y + BAR / 2.0 + 4.0,
            v = esc(&route.vehicle),
        );
        let _ = write!(
            h,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{BAR}\" fill=\"#f5f7fa\"/>",
            x(route.totals.departure_s),
            y,
            (x(route.totals.arrival_s) - x(route.totals.departure_s)).max(0.0)
        );
        let mut previous: Option<&Stop> = None;
        let mut round: Option<Round> = None;
        for stop in route.trips.iter().flat_map(|t| t.stops.iter()) {
            for (activity, a, b) in spans(previous, stop) {
                if b <= a {
                    continue;
                }
                if large && matches!(activity, "drive" | "collect" | "wait") {
                    // Driving, collecting and short waits between two facility or depot
                    // visits become one span.
                    let r = round.get_or_insert(Round {
                        from: a,
                        to: b,
                        sites: 0,
                    });
                    r.to = b;
                    continue;
                }
                if let Some(r) = round.take() {
                    draw_round(h, &r, y, &x, tx);
                }
                let _ = write!(
                    h,
                    "<rect class=\"{activity}\" x=\"{:.2}\" y=\"{y:.1}\" width=\"{:.2}\" height=\"{BAR}\" fill=\"{}\"><title>{} {}–{} · {}</title></rect>",
                    x(a),
                    (x(b) - x(a)).max(0.6),
                    colour(activity),
                    label(activity, tx),
                    TimeLine::clock(a),
                    TimeLine::clock(b),
                    esc(super::tables::stop_name(stop, tx)),
                );
            }
            if let (Some(r), StopKind::Site) = (round.as_mut(), stop.kind) {
                r.sites += 1;
            }
            previous = Some(stop);
        }
        if let Some(r) = round.take() {
            draw_round(h, &r, y, &x, tx);
        }
        let _ = write!(h, "</g>");
    }
    let _ = write!(h, "</svg><div class=\"timeline-key\">");
    for (activity, text) in ACTIVITIES.iter().zip(r.activities) {
        let _ = write!(
            h,
            "<span><i class=\"box\" style=\"background:{}\"></i>{}</span>",
            colour(activity),
            esc(text)
        );
    }
    let total: i64 = doc.routes.iter().map(|r| r.totals.duration_s).sum();
    let _ = writeln!(
        h,
        "<span class=\"muted\">{}</span></div></div></section>",
        (r.total_working_time)(&tx.language.duration(total))
    );
}

use super::LARGE_PLAN;

/// Driving and collecting between two facility or depot visits, in a large plan.
struct Round {
    from: i64,
    to: i64,
    sites: usize,
}

fn draw_round(h: &mut String, r: &Round, y: f64, x: &dyn Fn(i64) -> f64, t: &Texts) {
    let _ = write!(
        h,
        "<rect class=\"collect\" x=\"{:.2}\" y=\"{y:.1}\" width=\"{:.2}\" height=\"{BAR}\" fill=\"{}\"><title>{}</title></rect>",
        x(r.from),
        (x(r.to) - x(r.from)).max(0.6),
        colour("collect"),
        (t.report.driving_and_collecting)(
            &TimeLine::clock(r.from),
            &TimeLine::clock(r.to),
            &r.sites.to_string()
        ),
    );
}

/// An activity's label in the page's language.
fn label(activity: &str, t: &Texts) -> &'static str {
    ACTIVITIES
        .iter()
        .position(|a| *a == activity)
        .map_or("", |i| t.report.activities[i])
}

/// The spans of one stop: `(activity, from, to)` in seconds.
fn spans(previous: Option<&Stop>, stop: &Stop) -> Vec<(&'static str, i64, i64)> {
    let work = match stop.kind {
        StopKind::Site => "collect",
        StopKind::Facility => "unload",
        StopKind::Break => "break",
        StopKind::Depot => "wait",
    };
    // The work ends where the waiting for a release time (if any) begins.
    let work_end =
        (stop.departure_s - (stop.waiting_s - (stop.start_s - stop.arrival_s))).max(stop.start_s);
    let mut out = Vec::with_capacity(4);
    if let Some(p) = previous {
        out.push(("drive", p.departure_s, stop.arrival_s));
    }
    out.push(("wait", stop.arrival_s, stop.start_s));
    if stop.kind != StopKind::Depot {
        out.push((work, stop.start_s, work_end));
    }
    out.push(("wait", work_end, stop.departure_s));
    out
}
