//! Tonight's decision on a scenario with fill-level sensors (`tests/fixtures/scenario/sensors`,
//! the tiny grid with monitored sites; its readings were drawn with known fill rates):
//! which sites must be emptied, which may be, which wait, and what reaches the solver.

use wasteroute::monitoring::decision::{Rule, Verdict};
use wasteroute::scenario::{self, Scenario};

fn sensors() -> Scenario {
    scenario::load("tests/fixtures/scenario/sensors/scenario.toml".as_ref())
        .unwrap_or_else(|e| panic!("{e}"))
        .scenario
}

/// The decision of `site`'s `stream`.
fn decision(s: &Scenario, site: &str, stream: &str) -> (Verdict, Rule) {
    let stream = s.streams.find(stream).unwrap();
    let tonight = s.tonight.as_ref().expect("the scenario is monitored");
    let d = tonight
        .decisions
        .iter()
        .find(|d| d.site == site && d.stream == stream)
        .unwrap_or_else(|| panic!("no decision for {site}"));
    (d.decision.verdict, d.decision.rule)
}

#[test]
fn each_rule_decides_the_site_its_readings_were_drawn_for() {
    let s = sensors();
    // 40 %/day since 28 Feb: above 100 % by tonight's latest service.
    assert_eq!(decision(&s, "P2", "other"), (Verdict::Must, Rule::Overflow));
    // 20 %/day: about two thirds full, below 100 % tomorrow.
    assert_eq!(
        decision(&s, "P3", "other"),
        (Verdict::Optional, Rule::WorthTaking)
    );
    // 6 %/day since 1 Mar, and 4 %/day since 28 Feb: they wait.
    assert_eq!(decision(&s, "P3", "food"), (Verdict::Skip, Rule::NotNeeded));
    assert_eq!(
        decision(&s, "P4", "other"),
        (Verdict::Skip, Rule::NotNeeded)
    );
    // `mon;thu` on a Monday, filling slowly (no overflow by Thursday).
    assert_eq!(
        decision(&s, "P5", "other"),
        (Verdict::Must, Rule::FrequencyDue)
    );
    // `every 3 days`, emptied the night of 28 Feb, and filling slowly.
    assert_eq!(
        decision(&s, "P6", "other"),
        (Verdict::Skip, Rule::NotNeeded)
    );
    // `on demand` with neither readings nor an estimate.
    assert_eq!(
        decision(&s, "P7", "other"),
        (Verdict::Must, Rule::NoForecast)
    );
}

#[test]
fn the_solver_sees_must_and_optional_streams_with_their_forecast_demand() {
    let s = sensors();
    let site = |id: &str| s.sites.iter().find(|x| x.id == id);
    let streams = |id: &str| -> Vec<String> {
        site(id)
            .map(|x| {
                x.demands
                    .iter()
                    .map(|(st, _)| s.streams.names()[st.0 as usize].clone())
                    .collect()
            })
            .unwrap_or_default()
    };
    // Unmonitored: as written.
    assert_eq!(streams("P1"), ["food", "other"]);
    // Skipped everywhere: left out of tonight's problem.
    assert!(site("P6").is_none());
    // The monitored stream skipped, the unmonitored one kept.
    assert_eq!(streams("P4"), ["recyclable"]);
    // Optional: the prize scale is the predicted fill over the overflow threshold.
    let p3 = site("P3").unwrap();
    assert_eq!(streams("P3"), ["other"]);
    let (_, scale) = p3.optional[0];
    assert!((0.4..0.75).contains(&scale), "{scale}");
    let other = s.streams.find("other").unwrap();
    let other_kg = |id: &str| {
        let (_, l) = site(id)
            .unwrap()
            .demands
            .iter()
            .find(|(st, _)| *st == other)
            .copied()
            .unwrap();
        l.0[0].get()
    };
    // Forecast demand: P2 is past full; 1.1 m³ at 150 kg/m³ is 165 kg, and a truck
    // picks up at most 150 % of it.
    let kg = other_kg("P2");
    assert!((165..=248).contains(&kg), "P2 brings {kg} kg");
    // No forecast: a container full to its threshold (90 % of 0.66 m³ at 150 kg/m³).
    assert_eq!(other_kg("P7"), 89);
}

#[test]
fn every_decision_explains_itself() {
    let s = sensors();
    for d in &s.tonight.as_ref().unwrap().decisions {
        let text = d.decision.explain();
        assert!(text.contains("next chance"), "{text}");
        assert!(text.contains(d.decision.verdict.as_str()), "{text}");
    }
}
