//! `week.html`: a self-contained calendar of the week: per day the trucks, km, tonnes and
//! driver hours, then each site's days. Every human text is in [`WeekTexts`], so that a
//! translation is one more value of it.

use super::run::WeekPlan;
use crate::output::report_html::esc;
use crate::scenario::Scenario;
use chrono::Datelike;
use std::fmt::Write;

/// File name.
pub const WEEK_HTML: &str = "week.html";

/// Every text `week.html` shows.
#[derive(Clone, Debug)]
pub struct WeekTexts {
    /// Page title, before the scenario's name.
    pub title: &'static str,
    /// Lead line: `{days}` and `{first}` are replaced.
    pub lead: &'static str,
    /// Heading of the day table.
    pub days_heading: &'static str,
    /// Row names of the day table.
    pub sites_due: &'static str,
    /// See [`WeekTexts::sites_due`].
    pub unassigned: &'static str,
    /// See [`WeekTexts::sites_due`].
    pub trucks: &'static str,
    /// See [`WeekTexts::sites_due`].
    pub km: &'static str,
    /// See [`WeekTexts::sites_due`].
    pub tonnes: &'static str,
    /// See [`WeekTexts::sites_due`].
    pub hours: &'static str,
    /// Heading of the site table.
    pub sites_heading: &'static str,
    /// Column names of the site table.
    pub site: &'static str,
    /// See [`WeekTexts::site`].
    pub frequency: &'static str,
    /// Total column.
    pub total: &'static str,
    /// Shown in a due day's cell when the site was left unassigned.
    pub not_served: &'static str,
    /// Weekday names, Monday first.
    pub weekdays: [&'static str; 7],
    /// Footnote on the files.
    pub note: &'static str,
}

impl WeekTexts {
    /// The English texts.
    pub const ENGLISH: WeekTexts = WeekTexts {
        title: "Week plan",
        lead: "{days} nights from {first}. Each day's routes are in its folder (report.html).",
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
        weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        note: "week.csv has the same table; week.json the figures for programs.",
    };
}

/// The page's bytes.
pub fn render(s: &Scenario, week: &WeekPlan, t: &WeekTexts) -> Vec<u8> {
    let h = week.horizon;
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{} · {}</title>\n<style>\
         body{{font-family:system-ui,sans-serif;margin:1.5em;color:#222}}\
         table{{border-collapse:collapse;margin:1em 0}}\
         th,td{{border:1px solid #ccc;padding:.25em .5em;text-align:right}}\
         th:first-child,td:first-child,td.l{{text-align:left}}\
         td.on{{background:#d8ecd8}} td.miss{{background:#f6d0d0}}\
         thead th{{background:#f0f0f0;position:sticky;top:0}}</style></head><body>\n",
        esc(t.title),
        esc(&s.name)
    );
    let _ = writeln!(o, "<h1>{} · {}</h1>", esc(t.title), esc(&s.name));
    let lead = t
        .lead
        .replace("{days}", &h.days.to_string())
        .replace("{first}", &h.label(0));
    let _ = writeln!(o, "<p>{}</p>", esc(&lead));
    let head: String = (0..h.days)
        .map(|d| {
            let date = h.date(d);
            format!(
                "<th>{}<br>{}</th>",
                t.weekdays[date.weekday().num_days_from_monday() as usize],
                h.label(d)
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
            .map(|v| format!("<td>{v:.decimals$}</td>"))
            .collect();
        let _ = writeln!(
            o,
            "<tr><th>{}</th>{cells}<td>{total:.decimals$}</td></tr>",
            esc(name)
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
                    (true, Some(kg), _) => format!("<td class=\"on\">{kg:.0}</td>"),
                    (true, None, reason) => format!(
                        "<td class=\"miss\" title=\"{}\">{}</td>",
                        esc(reason.as_deref().unwrap_or("")),
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
            esc(&site.frequency.to_string())
        );
    }
    let _ = writeln!(
        o,
        "</tbody></table>\n<p>{}</p>\n</body></html>",
        esc(t.note)
    );
    o.into_bytes()
}
