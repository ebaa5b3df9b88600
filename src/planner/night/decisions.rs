//! Tonight's decisions as the plan writes them ([`SiteDecision`] in `plan.json`, the
//! `decision` and `reason` columns of `routes.csv`, the report's table): each monitored
//! container with its decision, why, its prize, and what came of it in the plan.

use crate::monitoring::decision::Verdict;
use crate::monitoring::forecast::Basis;
use crate::output::document::{PlanDocument, SiteDecision};
use crate::problem::SiteIdx;
use crate::scenario::Scenario;
use crate::scenario::build::Built;
use crate::scenario::job_ids::job_id;
use crate::solution::Solution;
use std::collections::{BTreeMap, BTreeSet};

/// Fills `doc.decisions` from the scenario's decisions and the solution. Optional sites the
/// solver left out stay in `doc.unassigned` too (every problem site is either routed or
/// there, as the checker reads it), with the reason `not_worth_prize`.
pub fn add_decisions(doc: &mut PlanDocument, s: &Scenario, built: &Built, solution: &Solution) {
    doc.decisions.extend(decisions(s, built, solution));
}

/// Tonight's decisions of `s` as the plan writes them, with their outcome in `solution`.
pub fn decisions(s: &Scenario, built: &Built, solution: &Solution) -> Vec<SiteDecision> {
    let mut out = Vec::new();
    let Some(tonight) = &s.tonight else {
        return out;
    };
    let jobs: BTreeMap<(&str, u8), SiteIdx> = built
        .jobs
        .iter()
        .enumerate()
        .map(|(i, j)| ((s.sites[j.site].id.as_str(), j.stream.0), SiteIdx::new(i)))
        .collect();
    let missing: BTreeSet<SiteIdx> = solution.unassigned.iter().map(|u| u.site).collect();
    for d in &tonight.decisions {
        let job = jobs.get(&(d.site.as_str(), d.stream.0)).copied();
        let stream = s.streams.name(d.stream).to_string();
        let stop_id = job.map_or_else(
            || format!("{}/{stream}", d.site),
            |x| job_id(s, built.jobs[x.index()]),
        );
        let outcome = match (d.decision.verdict, job) {
            (Verdict::Skip, _) => "skipped",
            (_, Some(x)) if !missing.contains(&x) => "served",
            (Verdict::Optional, _) => "not_taken",
            (Verdict::Must, _) => "unassigned",
        };
        let prize = job
            .and_then(|x| built.problem.site(x).prize)
            .map(crate::scenario::units::to_money);
        let predicted_at = d
            .decision
            .predicted_at
            .format("%Y-%m-%dT%H:%M:%S%:z")
            .to_string();
        out.push(SiteDecision {
            site: d.site.clone(),
            name: d.name.clone(),
            stream,
            stop_id,
            decision: d.decision.verdict.as_str().to_string(),
            rule: d.decision.rule.as_str().to_string(),
            basis: match d.basis {
                Some(Basis::CurrentCycle) => "readings",
                Some(Basis::EarlierCycles) => "earlier_cycles",
                Some(Basis::Static) => "estimate",
                None => "none",
            }
            .to_string(),
            fill_now_pct: d.decision.fill_now_pct.map(round1),
            predicted_pct: d.decision.predicted_pct.map(round1),
            predicted_at,
            next_chance: d.decision.next_chance.format("%Y-%m-%d").to_string(),
            prize,
            outcome: outcome.to_string(),
            reason: d.decision.explain(),
        });
    }
    out
}

/// What is wrong with the decisions written in a plan, measured against the ones the
/// scenario gives (`s` loaded and deciding, `built` from it): a container missing, one
/// the scenario does not monitor, another decision, or another prize (beyond a cent). One
/// sentence per problem.
pub fn check_written(
    written: &[crate::output::DecisionInput],
    s: &Scenario,
    built: &Built,
) -> Vec<String> {
    let expected = decisions(s, built, &Solution::default());
    let by_stop: BTreeMap<&str, &SiteDecision> =
        expected.iter().map(|d| (d.stop_id.as_str(), d)).collect();
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for w in written {
        seen.insert(w.stop_id.as_str());
        let Some(e) = by_stop.get(w.stop_id.as_str()) else {
            problems.push(format!(
                "decision for {}: the scenario has no monitored container of that id",
                w.stop_id
            ));
            continue;
        };
        if w.decision != e.decision {
            problems.push(format!(
                "decision for {}: written `{}`, the scenario decides `{}` ({})",
                w.stop_id, w.decision, e.decision, e.reason
            ));
        }
        let differs = match (w.prize, e.prize) {
            (Some(a), Some(b)) => (a - b).abs() > 0.005,
            (None, None) => false,
            _ => true,
        };
        if differs {
            problems.push(format!(
                "decision for {}: prize written {:?}, the scenario gives {:?}",
                w.stop_id, w.prize, e.prize
            ));
        }
    }
    if !written.is_empty() {
        for e in &expected {
            if !seen.contains(e.stop_id.as_str()) {
                problems.push(format!("decision for {} is missing", e.stop_id));
            }
        }
    }
    problems
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
