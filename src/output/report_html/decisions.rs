//! "Tonight's decisions": every monitored container with its decision, why, its prize and
//! what came of it, must first. Folded when long, so that a city's thousands of
//! containers do not bury the rest of the report.

use super::esc;
use crate::output::PlanDocument;
use std::fmt::Write;

/// Writes the section; nothing when no site is monitored.
pub(super) fn section(h: &mut String, doc: &PlanDocument) {
    if doc.decisions.is_empty() {
        return;
    }
    let count = |what: &str| doc.decisions.iter().filter(|d| d.decision == what).count();
    let served = doc
        .decisions
        .iter()
        .filter(|d| d.outcome == "served")
        .count();
    let _ = write!(
        h,
        "<section id=\"decisions\"><h2>Tonight's decisions<small>{} must · {} optional · {} skipped · {} served</small></h2>",
        count("must"),
        count("optional"),
        count("skip"),
        served,
    );
    let mut rows = String::new();
    let order = |d: &str| match d {
        "must" => 0,
        "optional" => 1,
        _ => 2,
    };
    let mut sorted: Vec<_> = doc.decisions.iter().collect();
    sorted.sort_by(|a, b| {
        order(&a.decision)
            .cmp(&order(&b.decision))
            .then_with(|| a.stop_id.cmp(&b.stop_id))
    });
    for d in sorted {
        let _ = write!(
            rows,
            "<tr><td>{}</td><td>{}</td><td><span class=\"tag\">{}</span></td><td><span class=\"tag\">{}</span></td><td>{}</td><td>{}</td><td class=\"wrap\">{}</td></tr>",
            esc(&d.stop_id),
            esc(&d.name),
            esc(&d.decision),
            esc(&d.outcome),
            d.fill_now_pct
                .map(|p| format!("{p:.0} %"))
                .unwrap_or_default(),
            d.prize.map(|p| format!("{p:.2}")).unwrap_or_default(),
            esc(&d.reason),
        );
    }
    let table = format!(
        "<div class=\"table-wrap\"><table><thead><tr><th>Stop</th><th>Name</th><th>Decision</th><th>Outcome</th><th>Fill now</th><th>Prize</th><th>Why</th></tr></thead><tbody>{rows}</tbody></table></div>"
    );
    fold_if_long(h, doc.decisions.len(), "decisions", &table);
    let _ = writeln!(h, "</section>");
}

/// More rows than this are folded behind a summary line.
const FOLD_FROM: usize = 50;

fn fold_if_long(h: &mut String, rows: usize, what: &str, table: &str) {
    if rows > FOLD_FROM {
        let _ = write!(
            h,
            "<details><summary>Show all {rows} {what}</summary>{table}</details>"
        );
    } else {
        h.push_str(table);
    }
}
