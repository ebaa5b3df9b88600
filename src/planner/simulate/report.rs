//! What a simulation writes: `<policy>/summary.json`, `<policy>/nights.csv`, and
//! `simulate.html`, a chart of every policy run into the same folder, in the scenario's
//! language.

use super::{NightRow, Simulation};
use crate::output::lang::{Language, Texts};
use crate::output::report_html::esc;
use std::fmt::Write;
use std::path::Path;

/// `summary.json`: the totals, pretty-printed, with a final newline.
pub fn summary_json(sim: &Simulation) -> Vec<u8> {
    let mut v = serde_json::to_vec_pretty(&sim.summary).expect("a summary serializes");
    v.push(b'\n');
    v
}

/// `nights.csv`: one row per night.
///
/// # Errors
/// Only if the CSV writer fails, which for an in-memory buffer means a bug.
pub fn nights_csv(sim: &Simulation) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in &sim.nights {
        w.serialize(Rounded::from(row))?;
    }
    w.flush()?;
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// A night row with its decimals rounded for the file.
#[derive(serde::Serialize)]
struct Rounded {
    night: String,
    must: u32,
    optional: u32,
    emptied: u32,
    must_unserved: u32,
    km: String,
    trucks: u32,
    driver_hours: String,
    kg_collected: String,
    overflow_sites: u32,
    overflow_container_hours: u32,
    kg_overflowed: String,
    iterations: u64,
}

impl From<&NightRow> for Rounded {
    fn from(r: &NightRow) -> Rounded {
        Rounded {
            night: r.night.clone(),
            must: r.must,
            optional: r.optional,
            emptied: r.emptied,
            must_unserved: r.must_unserved,
            km: format!("{:.3}", r.km),
            trucks: r.trucks,
            driver_hours: format!("{:.2}", r.driver_hours),
            kg_collected: format!("{:.1}", r.kg_collected),
            overflow_sites: r.overflow_sites,
            overflow_container_hours: r.overflow_container_hours,
            kg_overflowed: format!("{:.1}", r.kg_overflowed),
            iterations: r.iterations,
        }
    }
}

/// A policy's results as read back from its folder.
#[derive(Clone, Debug)]
pub struct PolicyRun {
    /// `fixed` or `sensor`.
    pub policy: String,
    /// Its `summary.json`.
    pub summary: serde_json::Value,
    /// Kilometres and overflowing sites per night.
    pub nights: Vec<(String, f64, u32)>,
}

/// Reads every `<policy>/summary.json` and `nights.csv` under `dir` (policies in name
/// order); folders that do not hold both are left out.
pub fn read_runs(dir: &Path) -> Vec<PolicyRun> {
    let mut out = Vec::new();
    for policy in ["fixed", "sensor"] {
        let folder = dir.join(policy);
        let Ok(summary) = std::fs::read(folder.join("summary.json")) else {
            continue;
        };
        let Ok(summary) = serde_json::from_slice::<serde_json::Value>(&summary) else {
            continue;
        };
        let Ok(mut reader) = csv::Reader::from_path(folder.join("nights.csv")) else {
            continue;
        };
        let nights = reader
            .deserialize::<std::collections::BTreeMap<String, String>>()
            .filter_map(Result::ok)
            .map(|r| {
                let num = |k: &str| r.get(k).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
                (
                    r.get("night").cloned().unwrap_or_default(),
                    num("km"),
                    num("overflow_sites") as u32,
                )
            })
            .collect();
        out.push(PolicyRun {
            policy: policy.to_string(),
            summary,
            nights,
        });
    }
    out
}

/// `simulate.html`: the totals side by side and km and overflowing sites per night, one
/// line per policy (inline SVG, no script), in `language` (the scenario's
/// `[scenario] language`).
pub fn html(runs: &[PolicyRun], language: Language) -> Vec<u8> {
    let t = language.texts();
    let st = &t.simulate;
    let policy = |code: &str| esc(t.words.policy(code).unwrap_or(code));
    let mut h = String::new();
    let _ = writeln!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
         <style>body{{font:14px system-ui,sans-serif;margin:2em;color:#222}}table{{border-collapse:collapse}}\
         td,th{{border:1px solid #ccc;padding:4px 8px;text-align:right}}th:first-child,td:first-child{{text-align:left}}\
         .fixed{{stroke:#c0392b;color:#c0392b}}.sensor{{stroke:#2471a3;color:#2471a3}}svg{{background:#fafafa;border:1px solid #ddd}}</style>\n</head>\n<body>\n\
         <h1>{title}</h1>",
        lang = language.code(),
        title = esc(st.title),
    );
    let _ = write!(h, "<table><thead><tr><th></th>");
    for r in runs {
        let _ = write!(h, "<th>{}</th>", policy(&r.policy));
    }
    let _ = writeln!(h, "</tr></thead><tbody>");
    for (key, label) in st.rows {
        let _ = write!(h, "<tr><td>{}</td>", esc(label));
        for r in runs {
            let v = r
                .summary
                .get(key)
                .and_then(serde_json::Value::as_f64)
                .unwrap_or(0.0);
            let _ = write!(h, "<td>{}</td>", group(v, language));
        }
        let _ = writeln!(h, "</tr>");
    }
    let _ = writeln!(h, "</tbody></table>");
    if let (Some(fixed), Some(sensor)) = (
        runs.iter().find(|r| r.policy == "fixed"),
        runs.iter().find(|r| r.policy == "sensor"),
    ) {
        let km = |r: &PolicyRun| {
            r.summary
                .get("km")
                .and_then(serde_json::Value::as_f64)
                .unwrap_or(0.0)
        };
        if km(fixed) > 0.0 {
            let _ = writeln!(
                h,
                "<p>{}</p>",
                (st.km_comparison)(
                    &language.decimal((1.0 - km(sensor) / km(fixed)).abs() * 100.0, 1),
                    km(sensor) <= km(fixed)
                )
            );
        }
    }
    chart(&mut h, runs, st.km_per_night, |n| n.1, t);
    chart(&mut h, runs, st.overflowing_per_day, |n| f64::from(n.2), t);
    let _ = writeln!(h, "</body>\n</html>");
    h.into_bytes()
}

fn chart(
    h: &mut String,
    runs: &[PolicyRun],
    title: &str,
    value: fn(&(String, f64, u32)) -> f64,
    t: &Texts,
) {
    let (w, ht, pad) = (720.0, 220.0, 30.0);
    let n = runs.iter().map(|r| r.nights.len()).max().unwrap_or(0);
    let max = runs
        .iter()
        .flat_map(|r| r.nights.iter().map(value))
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let title = esc(title);
    let _ = writeln!(
        h,
        "<h2>{title}</h2>\n<svg width=\"{w}\" height=\"{ht}\" viewBox=\"0 0 {w} {ht}\" role=\"img\" aria-label=\"{title}\">"
    );
    let _ = writeln!(
        h,
        "<text x=\"4\" y=\"14\" font-size=\"11\">{}</text><text x=\"4\" y=\"{}\" font-size=\"11\">0</text>",
        group(max, t.language),
        ht - pad
    );
    let policy = |code: &str| esc(t.words.policy(code).unwrap_or(code));
    for r in runs {
        let pts: Vec<String> = r
            .nights
            .iter()
            .enumerate()
            .map(|(i, night)| {
                let x = pad + (w - 2.0 * pad) * i as f64 / (n.max(2) - 1) as f64;
                let y = ht - pad - (ht - 2.0 * pad) * value(night) / max;
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let _ = writeln!(
            h,
            "<polyline class=\"{}\" fill=\"none\" stroke-width=\"2\" points=\"{}\"><title>{}</title></polyline>",
            esc(&r.policy),
            pts.join(" "),
            policy(&r.policy)
        );
    }
    let _ = writeln!(h, "</svg>");
    let legend: Vec<String> = runs
        .iter()
        .map(|r| {
            format!(
                "<span class=\"{}\" style=\"border-bottom:3px solid\">{}</span>",
                esc(&r.policy),
                policy(&r.policy)
            )
        })
        .collect();
    let _ = writeln!(h, "<p>{}</p>", legend.join(" · "));
}

/// A total or a chart's top value: whole numbers as integers, others with one decimal.
/// English prints them plain (`6647.9`), as the page always did; Vietnamese groups them
/// (`6.647,9`).
fn group(v: f64, language: Language) -> String {
    let whole = v.fract().abs() < 1e-9 && v.abs() < 1e15;
    match language {
        Language::En if whole => format!("{}", v as i64),
        Language::En => format!("{v:.1}"),
        _ if whole => language.integer(v as i64),
        _ => language.decimal(v, 1),
    }
}
