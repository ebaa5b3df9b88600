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
use super::lang::{Language, Texts};
use std::fmt::Write;

const STYLE: &str = include_str!("style.css");

/// Renders `report.html` in the plan's language ([`PlanMeta::language`](super::PlanMeta::language)).
pub fn render(doc: &PlanDocument) -> Vec<u8> {
    let t = doc.meta.language.texts();
    let r = &t.report;
    let mut h = String::with_capacity(64 * 1024);
    let m = &doc.meta;
    let title = (r.title)(&m.scenario_name, &t.language.night(&m.plan_date));
    let _ = writeln!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"{gen}\">\n<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>",
        lang = t.language.code(),
        gen = esc(&m.generator),
        title = esc(&title),
    );
    let _ = writeln!(
        h,
        "<header class=\"page\"><h1>{}</h1><div class=\"sub\"><span>{}</span><span>{}</span>\
         <span>{}</span><span>{}</span></div></header>\n<main>",
        esc(&title),
        (r.night_of)(&esc(&t.language.night(&m.plan_date))),
        (r.time_zone)(&esc(&m.time_zone), &esc(&m.utc_offset)),
        (r.seed)(&m.seed.to_string()),
        (r.fingerprint)(&esc(short(&m.scenario_fingerprint, 12))),
    );
    tables::key_figures(&mut h, doc, t);
    svg_map::section(&mut h, doc, t);
    timeline::section(&mut h, doc, t);
    tables::vehicles(&mut h, doc, t);
    tables::facilities(&mut h, doc, t);
    decisions::section(&mut h, doc, t);
    tables::unassigned(&mut h, doc, t);
    tables::stops(&mut h, doc, t);
    let budget = m.iteration_budget.map(|b| b.to_string());
    let _ = writeln!(
        h,
        "</main>\n<footer class=\"page\">{}</footer>\n</body>\n</html>",
        (r.footer)(
            &esc(&m.generator),
            &esc(&m.scenario_fingerprint),
            &m.seed.to_string(),
            budget.as_deref(),
        ),
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
pub(crate) fn amount(value: i64, dim: Option<&Dimension>, t: &Texts) -> String {
    let lang = t.language;
    match dim {
        Some(d) if d.unit == "kg" => match lang {
            // English keeps its short `t`; Vietnamese writes the word.
            Language::En => format!("{:.2} t", value as f64 / 1000.0),
            Language::Vi => format!("{} tấn", lang.decimal(value as f64 / 1000.0, 2)),
        },
        Some(d) => format!("{} {}", lang.integer(value), esc(t.words.unit_or(&d.unit))),
        None => lang.integer(value),
    }
}

/// A cost in the plan's currency when its scale is known (`2 335.95 EUR`, in Vietnamese
/// `2.335,95 EUR`), else in raw cost units, as HTML (the currency is the scenario's text
/// and is escaped).
pub(crate) fn money(
    cost: i64,
    summary: &crate::output::document::PlanSummary,
    lang: Language,
) -> String {
    if summary.cost_scale <= 0 {
        return lang.integer(cost);
    }
    let scale = summary.cost_scale;
    let whole = lang.integer(cost / scale);
    let sep = lang.decimal_separator();
    let text = if scale == 1 {
        whole
    } else {
        let cents = ((cost % scale).abs() as f64 / scale as f64 * 100.0).round() as i64;
        // Rounding 0.995 up carries into the whole part.
        if cents == 100 {
            format!("{}{sep}00", lang.integer(cost / scale + cost.signum()))
        } else {
            format!("{whole}{sep}{cents:02}")
        }
    };
    format!("{text} {}", esc(&summary.currency))
        .trim_end()
        .to_string()
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
        assert_eq!(hours(3 * 3600 + 25 * 60), "3:25");
        let kg = Dimension {
            name: "weight".into(),
            unit: "kg".into(),
        };
        let en = Language::En.texts();
        assert_eq!(amount(9_000, Some(&kg), en), "9.00 t");
        assert_eq!(amount(9_000, Some(&kg), Language::Vi.texts()), "9,00 tấn");
        assert_eq!(short("abcdef", 3), "abc");
        let mut s = crate::output::document::PlanSummary::default();
        assert_eq!(
            money(2_335_949_382, &s, Language::En),
            "2\u{202f}335\u{202f}949\u{202f}382"
        );
        s.cost_scale = 1_000_000;
        s.currency = "EUR".into();
        assert_eq!(
            money(2_335_949_382, &s, Language::En),
            "2\u{202f}335.95 EUR"
        );
        assert_eq!(money(1_999_999, &s, Language::En), "2.00 EUR");
        s.cost_scale = 1;
        s.currency = "VND".into();
        assert_eq!(
            money(1_250_000, &s, Language::En),
            "1\u{202f}250\u{202f}000 VND"
        );
        assert_eq!(money(1_250_000, &s, Language::Vi), "1.250.000 VND");
        s.cost_scale = 1_000_000;
        s.currency = "EUR".into();
        assert_eq!(money(2_335_949_382, &s, Language::Vi), "2.335,95 EUR");
    }
}
