//! "Tonight's decisions": every monitored container with its decision, why, its prize and
//! what came of it, must first. Folded when long, so that a city's thousands of
//! containers do not bury the rest of the report.

use super::esc;
use crate::output::PlanDocument;
use crate::output::document::SiteDecision;
use crate::output::lang::{DecisionParts, Texts};
use std::fmt::Write;

/// Writes the section; nothing when no site is monitored.
pub(super) fn section(h: &mut String, doc: &PlanDocument, t: &Texts) {
    if doc.decisions.is_empty() {
        return;
    }
    let r = &t.report;
    let count = |what: &str| doc.decisions.iter().filter(|d| d.decision == what).count();
    let served = doc
        .decisions
        .iter()
        .filter(|d| d.outcome == "served")
        .count();
    let _ = write!(
        h,
        "<section id=\"decisions\"><h2>{}<small>{}</small></h2>",
        // The catalogue's texts are HTML-safe; escaping would turn `Tonight's` into
        // `Tonight&#39;s` and change the English page.
        r.decisions,
        (r.decision_counts)(
            &count("must").to_string(),
            &count("optional").to_string(),
            &count("skip").to_string(),
            &served.to_string()
        ),
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
    let lang = t.language;
    for d in sorted {
        let _ = write!(
            rows,
            "<tr><td>{}</td><td>{}</td><td><span class=\"tag\">{}</span></td><td><span class=\"tag\">{}</span></td><td>{}</td><td>{}</td><td class=\"wrap\">{}</td></tr>",
            esc(&d.stop_id),
            esc(&d.name),
            esc(t.words.verdict(&d.decision).unwrap_or(&d.decision)),
            esc(t.words.outcome(&d.outcome).unwrap_or(&d.outcome)),
            d.fill_now_pct
                .map(|p| format!("{} %", lang.decimal(p, 0)))
                .unwrap_or_default(),
            d.prize.map(|p| lang.decimal(p, 2)).unwrap_or_default(),
            esc(&reason(d, t)),
        );
    }
    let mut table = String::from("<div class=\"table-wrap\"><table><thead><tr>");
    for head in r.decision_headers {
        let _ = write!(table, "<th>{}</th>", esc(head));
    }
    let _ = write!(table, "</tr></thead><tbody>{rows}</tbody></table></div>");
    fold_if_long(h, doc.decisions.len(), t, &table);
    let _ = writeln!(h, "</section>");
}

/// Why, in the page's language: written from the decision's fields (verdict, rule, fill,
/// prediction, next chance) when the language has its own sentence and words for the
/// codes; else the plan's sentence (English, or a code this program does not write).
fn reason(d: &SiteDecision, t: &Texts) -> String {
    let w = &t.words;
    let (Some(sentence), Some(verdict), Some(why)) =
        (w.decision_sentence, w.verdict(&d.decision), w.rule(&d.rule))
    else {
        return d.reason.clone();
    };
    let lang = t.language;
    let pct = |p: f64| format!("{} %", lang.decimal(p, 0));
    sentence(&DecisionParts {
        verdict,
        why,
        fill_now: d.fill_now_pct.map(pct),
        predicted: d.predicted_pct.map(pct),
        predicted_at: lang.clock_and_weekday(&d.predicted_at),
        next_chance: lang.short_night(&d.next_chance),
    })
}

/// More rows than this are folded behind a summary line.
const FOLD_FROM: usize = 50;

fn fold_if_long(h: &mut String, rows: usize, t: &Texts, table: &str) {
    if rows > FOLD_FROM {
        let _ = write!(
            h,
            "<details><summary>{}</summary>{table}</details>",
            (t.report.show_all_decisions)(&rows.to_string())
        );
    } else {
        h.push_str(table);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Language;

    fn decision(rule: &str) -> SiteDecision {
        SiteDecision {
            site: "P2".into(),
            name: "Row 1".into(),
            stream: "other".into(),
            stop_id: "P2".into(),
            decision: "must".into(),
            rule: rule.into(),
            basis: "readings".into(),
            fill_now_pct: Some(124.0),
            predicted_pct: Some(166.4),
            predicted_at: "2026-03-04T02:00:00+02:00".into(),
            next_chance: "2026-03-03".into(),
            prize: None,
            outcome: "served".into(),
            reason: "the plan's sentence".into(),
        }
    }

    /// Vietnamese is written from the fields; English, and a rule this program does not
    /// write (a hand-edited plan), show the plan's own sentence.
    #[test]
    fn reasons_are_written_from_the_fields_in_vietnamese() {
        let vi = Language::Vi.texts();
        assert_eq!(
            reason(&decision("overflow"), vi),
            "Hiện đầy 124 %, dự báo 166 % lúc 02:00 Thứ Tư; lần thu kế tiếp là đêm Thứ Ba, \
             03/03; bắt buộc vì sẽ bị tràn"
        );
        assert_eq!(reason(&decision("hand_made"), vi), "the plan's sentence");
        assert_eq!(
            reason(&decision("overflow"), Language::En.texts()),
            "the plan's sentence"
        );
        let mut d = decision("no_forecast");
        (d.fill_now_pct, d.predicted_pct) = (None, None);
        assert_eq!(
            reason(&d, vi),
            "Không có dự báo; lần thu kế tiếp là đêm Thứ Ba, 03/03; bắt buộc vì thu theo yêu \
             cầu, không có số đo cảm biến và ước tính"
        );
    }
}
