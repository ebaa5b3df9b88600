//! `week.html`: a self-contained calendar of the week: per day the trucks, km, tonnes and
//! driver hours, then each site's days. Its texts, numbers and dates are in the scenario's
//! `[scenario] language` (the `week` texts of `crate::output::Language`'s catalogue).

use super::run::WeekPlan;
use crate::output::report_html::esc;
use crate::scenario::Scenario;
use chrono::Datelike;
use std::fmt::Write;

/// File name.
pub const WEEK_HTML: &str = "week.html";

/// The page's bytes.
pub fn render(s: &Scenario, week: &WeekPlan) -> Vec<u8> {
    let lang = s.language;
    let texts = lang.texts();
    let t = &texts.week;
    let h = week.horizon;
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{} · {}</title>\n<style>\
         body{{font-family:system-ui,sans-serif;margin:1.5em;color:#222}}\
         table{{border-collapse:collapse;margin:1em 0}}\
         th,td{{border:1px solid #ccc;padding:.25em .5em;text-align:right}}\
         th:first-child,td:first-child,td.l{{text-align:left}}\
         td.on{{background:#d8ecd8}} td.miss{{background:#f6d0d0}}\
         thead th{{background:#f0f0f0;position:sticky;top:0}}</style></head><body>\n",
        lang.code(),
        esc(t.title),
        esc(&s.name)
    );
    let _ = writeln!(o, "<h1>{} · {}</h1>", esc(t.title), esc(&s.name));
    let lead = (t.lead)(&h.days.to_string(), &lang.night(&h.label(0)));
    let _ = writeln!(o, "<p>{}</p>", esc(&lead));
    let head: String = (0..h.days)
        .map(|d| {
            let date = h.date(d);
            format!(
                "<th>{}<br>{}</th>",
                lang.weekday(date.weekday()),
                lang.date_label(date)
            )
        })
        .collect();
    let _ = writeln!(
        o,
        "<h2>{}</h2>\n<table><thead><tr><th></th>{head}<th>{}</th></tr></thead><tbody>",
        esc(t.days_heading),
        esc(t.total)
    );
    let row = |o: &mut String, name: &str, values: Vec<f64>, decimals: usize| {
        let total: f64 = values.iter().sum();
        let cells: String = values
            .iter()
            .map(|v| format!("<td>{}</td>", lang.decimal(*v, decimals)))
            .collect();
        let _ = writeln!(
            o,
            "<tr><th>{}</th>{cells}<td>{}</td></tr>",
            esc(name),
            lang.decimal(total, decimals)
        );
    };
    let days = &week.days;
    row(
        &mut o,
        t.sites_due,
        days.iter().map(|d| f64::from(d.sites_due)).collect(),
        0,
    );
    row(
        &mut o,
        t.unassigned,
        days.iter()
            .map(|d| f64::from(d.required_unassigned))
            .collect(),
        0,
    );
    row(
        &mut o,
        t.trucks,
        days.iter().map(|d| f64::from(d.trucks)).collect(),
        0,
    );
    row(&mut o, t.km, days.iter().map(|d| d.km).collect(), 1);
    row(&mut o, t.tonnes, days.iter().map(|d| d.tonnes).collect(), 2);
    row(&mut o, t.hours, days.iter().map(|d| d.hours).collect(), 1);
    let _ = writeln!(o, "</tbody></table>");
    let _ = writeln!(
        o,
        "<h2>{}</h2>\n<table><thead><tr><th>{}</th><th>{}</th>{head}</tr></thead><tbody>",
        esc(t.sites_heading),
        esc(t.site),
        esc(t.frequency)
    );
    for (site, sw) in s.sites.iter().zip(&week.sites) {
        let cells: String = (0..h.days as usize)
            .map(
                |d| match (sw.pattern.visits(d as u32), sw.kg[d], &sw.unassigned[d]) {
                    (true, Some(kg), _) => {
                        format!("<td class=\"on\">{}</td>", lang.decimal(kg, 0))
                    }
                    (true, None, reason) => format!(
                        "<td class=\"miss\" title=\"{}\">{}</td>",
                        esc(reason
                            .as_deref()
                            .map(|r| texts.words.reason_label(r).unwrap_or(r))
                            .unwrap_or("")),
                        esc(t.not_served)
                    ),
                    (false, _, _) => "<td></td>".to_string(),
                },
            )
            .collect();
        let _ = writeln!(
            o,
            "<tr><td class=\"l\">{} · {}</td><td class=\"l\">{}</td>{cells}</tr>",
            esc(&site.id),
            esc(&site.name),
            esc(&(t.frequency_text)(&site.frequency))
        );
    }
    let _ = writeln!(
        o,
        "</tbody></table>\n<p>{}</p>\n</body></html>",
        esc(t.note)
    );
    o.into_bytes()
}
