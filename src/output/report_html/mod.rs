//! `report.html`: one self-contained page a planner reads (no network access needed).
//!
//! Sections: key figures, an SVG map of the routes over the road network
//! (`svg_map.rs`), a timeline per vehicle (`timeline.rs`), tables per vehicle and per
//! facility, the unassigned sites, and every stop per vehicle (`tables.rs`). CSS is inlined
//! from `style.css`; there is no script and no external resource.

mod decisions;
mod svg_map;
mod tables;
mod timeline;

use super::document::{Dimension, PlanDocument};
use std::fmt::Write;

const STYLE: &str = include_str!("style.css");

/// Renders `report.html`.
pub fn render(doc: &PlanDocument) -> Vec<u8> {
    let mut h = String::with_capacity(64 * 1024);
    let m = &doc.meta;
    let title = format!(
        "Collection plan · {} · night of {}",
        m.scenario_name, m.plan_date
    );
    let _ = writeln!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"{gen}\">\n<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>",
        gen = esc(&m.generator),
        title = esc(&title),
    );
    let _ = writeln!(
        h,
        "<header class=\"page\"><h1>{}</h1><div class=\"sub\"><span>Night of {}</span><span>Time zone {} (UTC{})</span>\
         <span>Seed {}</span><span>Scenario fingerprint {}</span></div></header>\n<main>",
        esc(&title),
        esc(&m.plan_date),
        esc(&m.time_zone),
        esc(&m.utc_offset),
        m.seed,
        esc(short(&m.scenario_fingerprint, 12)),
    );
    tables::key_figures(&mut h, doc);
    svg_map::section(&mut h, doc);
    timeline::section(&mut h, doc);
    tables::vehicles(&mut h, doc);
    tables::facilities(&mut h, doc);
    decisions::section(&mut h, doc);
    tables::unassigned(&mut h, doc);
    tables::stops(&mut h, doc);
    let _ = writeln!(
        h,
        "</main>\n<footer class=\"page\">Written by {} from scenario fingerprint {} with seed {}{}. \
         Map data © OpenStreetMap contributors, available under the Open Database License (ODbL).</footer>\n</body>\n</html>",
        esc(&m.generator),
        esc(&m.scenario_fingerprint),
        m.seed,
        m.iteration_budget
            .map(|b| format!(" and an iteration budget of {b}"))
            .unwrap_or_default(),
    );
    h.into_bytes()
}

/// Stops above which a plan is drawn lighter, because a page's elements are what makes it
/// slow to open: the map draws each route's stops as one element, the timeline each
/// collection round as one span, and the stop lists are text (at 20,000 stops, their
/// circles, spans and table cells were hundreds of thousands of elements).
pub(crate) const LARGE_PLAN: usize = 2_000;

/// Escapes text for HTML and SVG content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The first `n` characters.
fn short(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// An amount in a dimension for people, as HTML: kilograms as tonnes, anything else as is.
pub(crate) fn amount(value: i64, dim: Option<&Dimension>) -> String {
    match dim {
        Some(d) if d.unit == "kg" => format!("{:.2} t", value as f64 / 1000.0),
        Some(d) => format!("{} {}", group(value), esc(&d.unit)),
        None => group(value),
    }
}

/// An integer with thin-space thousands separators.
pub(crate) fn group(v: i64) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    if v < 0 { format!("-{out}") } else { out }
}

/// A cost in the plan's currency when its scale is known (`2 335.95 EUR`), else in raw
/// cost units, as HTML (the currency is the scenario's text and is escaped).
pub(crate) fn money(cost: i64, summary: &crate::output::document::PlanSummary) -> String {
    if summary.cost_scale <= 0 {
        return group(cost);
    }
    let scale = summary.cost_scale;
    let whole = group(cost / scale);
    let text = if scale == 1 {
        whole
    } else {
        let cents = ((cost % scale).abs() as f64 / scale as f64 * 100.0).round() as i64;
        // Rounding 0.995 up carries into the whole part.
        if cents == 100 {
            format!("{}.00", group(cost / scale + cost.signum()))
        } else {
            format!("{whole}.{cents:02}")
        }
    };
    format!("{text} {}", esc(&summary.currency))
        .trim_end()
        .to_string()
}

/// Kilometres with one decimal.
pub(crate) fn km(m: i64) -> String {
    format!("{:.1}", m as f64 / 1000.0)
}

/// A span as `h:mm`.
pub(crate) fn hours(s: i64) -> String {
    let m = (s.max(0) + 30) / 60;
    format!("{}:{:02}", m / 60, m % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(group(1234567), "1\u{202f}234\u{202f}567");
        assert_eq!(group(-12), "-12");
        assert_eq!(hours(3 * 3600 + 25 * 60), "3:25");
        assert_eq!(km(15_550), "15.6");
        let kg = Dimension {
            name: "weight".into(),
            unit: "kg".into(),
        };
        assert_eq!(amount(9_000, Some(&kg)), "9.00 t");
        assert_eq!(short("abcdef", 3), "abc");
        let mut s = crate::output::document::PlanSummary::default();
        assert_eq!(
            money(2_335_949_382, &s),
            "2\u{202f}335\u{202f}949\u{202f}382"
        );
        s.cost_scale = 1_000_000;
        s.currency = "EUR".into();
        assert_eq!(money(2_335_949_382, &s), "2\u{202f}335.95 EUR");
        assert_eq!(money(1_999_999, &s), "2.00 EUR");
        s.cost_scale = 1;
        s.currency = "VND".into();
        assert_eq!(money(1_250_000, &s), "1\u{202f}250\u{202f}000 VND");
    }
}
