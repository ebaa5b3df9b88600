//! `wasteroute check SCENARIO PLAN.json`: re-verifies a plan — also one a planner edited
//! by hand — with the independent checker, and lists every rule it breaks.
//!
//! Exit 0: the plan holds every rule; 1: it breaks some (each listed on stdout); 2: the
//! scenario or the plan cannot be read, or the plan names ids the scenario does not have.
//! Only what defines the plan is read from `plan.json` ([`PlanInput`]: vehicle type and
//! number of each route, kind and id of each stop, unassigned ids and reasons); its
//! times, loads and totals are recomputed from the scenario.

use super::exit::{self, Outcome};
use anyhow::anyhow;
use clap::Args;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use wasteroute::checker::{self, Violation, ViolationKind};
use wasteroute::output::document::{StopKind, TimeLine};
use wasteroute::output::{PlanInput, input_to_solution, read_plan_input_file};
use wasteroute::planner::night::{self, document::ScenarioIds, money};
use wasteroute::problem::{FacilityIdx, Loads, SiteIdx, StreamIdx};
use wasteroute::scenario::{self, Scenario, build};

/// Re-verifies a plan.json against its scenario. Exit 0: feasible; 1: violations; 2: bad input.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The scenario TOML file the plan was made for.
    pub scenario: PathBuf,
    /// The plan to check (a `plan.json` written by `wasteroute plan`, possibly edited).
    pub plan: PathBuf,
}

/// Runs the command.
pub fn run(args: &CheckArgs) -> anyhow::Result<Outcome> {
    let loaded = scenario::load(&args.scenario).map_err(|invalid| {
        eprintln!("{}", invalid.0);
        exit::bad_input(anyhow!("{} is not valid", args.scenario.display()))
    })?;
    let s = &loaded.scenario;
    let built = build::build(s, &mut |_, _| {}).map_err(|invalid| {
        eprintln!("{}", invalid.0);
        exit::bad_input(anyhow!("{} cannot be built", args.scenario.display()))
    })?;
    let doc = read_plan_input_file(&args.plan).map_err(exit::bad_input)?;
    let meta = doc.meta.clone().unwrap_or_default();
    if let Some(fingerprint) = &meta.scenario_fingerprint
        && *fingerprint != s.fingerprint
    {
        eprintln!(
            "note: {} was made from other inputs (fingerprint {}, the scenario's is {}); checking it against the scenario as it is now",
            args.plan.display(),
            fingerprint,
            s.fingerprint
        );
    }
    let ids = ScenarioIds::new(s, &built.jobs);
    let solution = input_to_solution(&doc, &ids, &built.problem).map_err(|errors| {
        for e in &errors {
            eprintln!("{}: {e}", args.plan.display());
        }
        exit::bad_input(anyhow!(
            "{} names {} thing(s) the scenario does not have; fix them and check again",
            args.plan.display(),
            errors.len()
        ))
    })?;

    let report = checker::check(&built.problem, &solution);
    let names = Names::new(s, &doc, &ids);
    let written_cost = meta.summary.and_then(|m| m.cost);
    let mut out = std::io::stdout().lock();
    for v in &report.violations {
        writeln!(out, "{}", names.describe(v))?;
    }
    // The recomputed figures replace the written ones, but a written figure below zero
    // means whatever wrote the file overflowed its arithmetic: that plan is not to be
    // trusted even when its stops are feasible.
    let mut problems = negative_written_totals(&doc);
    for n in &problems {
        writeln!(
            out,
            "{}: {n} is negative: the arithmetic that wrote it overflowed",
            args.plan.display()
        )?;
    }
    // Tonight's decisions, when written, must be the scenario's own, prizes included.
    for line in night::decisions::check_written(&doc.decisions, s, &built) {
        writeln!(out, "{}: {line}", args.plan.display())?;
        problems.push(line);
    }
    // Only an optional site (one with a prize tonight) may be left out by choice; a
    // must-site left out needs a real reason.
    for u in &solution.unassigned {
        if u.reason.is_choice() && !built.problem.site(u.site).is_optional() {
            let line = format!(
                "site {}: left out as `{}`, but it must be served tonight (it has no prize); serve it or give the reason it cannot be",
                names.site(u.site),
                u.reason.code()
            );
            writeln!(out, "{line}")?;
            problems.push(line);
        }
    }
    if let Some(written) = written_cost
        && report.is_feasible()
        && report.cost.get() != written
    {
        // Expected after a hand edit (the file's totals are not updated by hand); on an
        // unedited plan it would mean the writer and the checker disagree.
        eprintln!(
            "note: the recomputed cost {:.2} {} differs from the {:.2} written in {}; its times and totals are stale",
            money(report.cost),
            s.currency,
            money(wasteroute::units::Cost(written)),
            args.plan.display()
        );
    }
    if report.is_feasible() && problems.is_empty() {
        writeln!(
            out,
            "{}: feasible: {} route(s), {} unassigned site(s), {:.1} km, cost {:.2} {}",
            args.plan.display(),
            report.vehicles,
            report.unassigned,
            report.distance.get() as f64 / 1000.0,
            money(report.cost),
            s.currency
        )?;
        Ok(Outcome::Done)
    } else {
        writeln!(
            out,
            "{}: {} violation(s)",
            args.plan.display(),
            report.violations.len() + problems.len()
        )?;
        Ok(Outcome::Violations)
    }
}

/// The integer figures written in `doc`'s summary and route totals that are below zero,
/// named by where they are.
fn negative_written_totals(doc: &PlanInput) -> Vec<String> {
    let mut found = Vec::new();
    let mut note = |name: String, v: &serde_json::Value| {
        if let Some(n) = v.as_i64()
            && n < 0
        {
            found.push(format!("{name} ({n})"));
        }
    };
    if let Some(summary) = doc.meta.as_ref().and_then(|m| m.summary.as_ref()) {
        if let Some(cost) = summary.cost {
            note("summary.cost".into(), &cost.into());
        }
        for (field, v) in &summary.figures {
            match v {
                serde_json::Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        note(format!("summary.{field}[{i}]"), item);
                    }
                }
                v => note(format!("summary.{field}"), v),
            }
        }
    }
    for (r, route) in doc.routes.iter().enumerate() {
        for (field, v) in &route.totals {
            note(
                format!("routes[{r}] ({}) totals.{field}", route.vehicle_id()),
                v,
            );
        }
    }
    found
}

/// Names for the checker's indices, so each violation reads in the planner's terms.
struct Names {
    /// Per route: the vehicle id and, per visit, the stop's kind and id.
    routes: Vec<(String, Vec<String>)>,
    sites: BTreeMap<SiteIdx, String>,
    facilities: Vec<String>,
    streams: Vec<String>,
    /// Units of the capacity dimensions in use.
    units: Vec<String>,
}

impl Names {
    fn new(s: &Scenario, doc: &PlanInput, ids: &ScenarioIds<'_>) -> Names {
        let routes = doc
            .routes
            .iter()
            .map(|r| {
                let visits = r
                    .trips
                    .iter()
                    .flat_map(|t| &t.stops)
                    .filter(|st| st.kind != StopKind::Depot)
                    .map(|st| match st.kind {
                        StopKind::Break => "break".to_string(),
                        k => format!("{} {}", k.as_str(), st.id),
                    })
                    .collect();
                (r.vehicle_id(), visits)
            })
            .collect();
        Names {
            routes,
            sites: ids
                .jobs
                .by_id
                .iter()
                .map(|(id, &i)| (i, id.clone()))
                .collect(),
            facilities: s.facilities.iter().map(|f| f.id.clone()).collect(),
            streams: s.streams.names().to_vec(),
            units: night::document::dimensions()
                .into_iter()
                .map(|d| d.unit)
                .collect(),
        }
    }

    fn site(&self, s: SiteIdx) -> String {
        self.sites
            .get(&s)
            .cloned()
            .unwrap_or_else(|| format!("#{}", s.0))
    }

    fn stream(&self, s: StreamIdx) -> String {
        self.streams
            .get(s.0 as usize)
            .cloned()
            .unwrap_or_else(|| format!("#{}", s.0))
    }

    fn facility(&self, f: FacilityIdx) -> String {
        self.facilities
            .get(f.index())
            .cloned()
            .unwrap_or_else(|| format!("#{}", f.0))
    }

    /// An amount per dimension in the scenario's units, e.g. `460 kg, 1 200 L`.
    fn loads(&self, l: &Loads) -> String {
        let n = self.units.len().max(1);
        l.0.iter()
            .take(n)
            .zip(
                self.units
                    .iter()
                    .map(String::as_str)
                    .chain(std::iter::repeat("")),
            )
            .map(|(x, u)| {
                if x.is_infinite() {
                    "no limit".to_string()
                } else {
                    format!("{} {u}", x.get()).trim_end().to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn describe(&self, v: &Violation) -> String {
        let mut where_ = String::new();
        if let Some(r) = v.route {
            let (vehicle, visits) = self
                .routes
                .get(r)
                .map_or(("?", None), |(n, vs)| (n.as_str(), Some(vs)));
            where_ = format!("route {} ({vehicle})", r + 1);
            if let Some(p) = v.position {
                let stop = visits
                    .and_then(|vs| vs.get(p))
                    .map_or("?".to_string(), |s| s.clone());
                // Stop numbers count the start depot, as `sequence` in routes.csv.
                where_ += &format!(", stop {} ({stop})", p + 2);
            }
            where_ += ": ";
        }
        use ViolationKind as K;
        let clock = |t: wasteroute::units::Duration| TimeLine::clock(t.get());
        let what = match &v.kind {
            K::SiteMissing { site } => format!(
                "site {} is neither in a route nor unassigned",
                self.site(*site)
            ),
            K::SiteRepeated { site, times } => {
                format!("site {} appears {times} times", self.site(*site))
            }
            K::VehicleNotAllowed { site } => {
                format!("this vehicle type may not serve site {}", self.site(*site))
            }
            K::MixedStreams {
                stream,
                trip_stream,
            } => format!(
                "stream {} in a trip collecting {}; a trip carries one stream",
                self.stream(*stream),
                self.stream(*trip_stream)
            ),
            K::StreamNotCarried { stream } => {
                format!("this vehicle type may not carry {}", self.stream(*stream))
            }
            K::StreamNotAccepted { facility, stream } => format!(
                "facility {} does not accept {}",
                self.facility(*facility),
                self.stream(*stream)
            ),
            K::FacilityNotAllowed { facility } => {
                format!(
                    "this vehicle type may not unload at {}",
                    self.facility(*facility)
                )
            }
            K::FacilityOverCapacity {
                facility,
                intake,
                capacity,
                ..
            } => format!(
                "facility {} receives {}, above its daily limit of {}",
                self.facility(*facility),
                self.loads(intake),
                self.loads(capacity)
            ),
            K::TripOverCapacity {
                trip,
                load,
                capacity,
                ..
            } => format!(
                "trip {} carries {}, above the capacity of {}",
                trip + 1,
                self.loads(load),
                self.loads(capacity)
            ),
            K::DailyLoadExceeded { load, limit, .. } => format!(
                "collects {} in the day, above the driver's limit of {}",
                self.loads(load),
                self.loads(limit)
            ),
            K::BreakTooLate { start, late_by } => format!(
                "the break can start at {} at the earliest, {} s after its window ends",
                clock(*start),
                late_by.get()
            ),
            K::SiteTooLate { arrival, late_by } => format!(
                "arrives at {} ({} s after the site's last window closes)",
                clock(*arrival),
                late_by.get()
            ),
            K::FacilityTooLate { arrival, late_by } => format!(
                "arrives at {} ({} s after the facility closes)",
                clock(*arrival),
                late_by.get()
            ),
            K::ReturnTooLate { arrival, late_by } => format!(
                "returns to the depot at {} ({} s after the shift or depot closes)",
                clock(*arrival),
                late_by.get()
            ),
            other => Violation {
                route: None,
                position: None,
                kind: other.clone(),
            }
            .to_string(),
        };
        format!("{where_}{what}")
    }
}
