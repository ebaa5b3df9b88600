//! `wasteroute simulate SCENARIO --nights 28 --policy fixed|sensor --seed N --out DIR`:
//! weeks of nights on a seeded city, planned by one policy and executed, with what
//! happened counted (see [`wasteroute::planner::simulate`]).

use super::exit::{self, Outcome};
use super::values;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;
use wasteroute::output::atomic::write_all_or_nothing;
use wasteroute::planner::simulate::{self, Options, Policy, report};
use wasteroute::scenario::TonightMode;

/// Simulates nights of collection under one policy and writes DIR/<policy>/summary.json,
/// DIR/<policy>/nights.csv and DIR/simulate.html (every policy run into DIR).
/// Exit 0: done; 2: bad input; 3: internal.
#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// The scenario TOML file (its date is the first night).
    pub scenario: PathBuf,
    /// Nights to simulate and count (after a 14-day warm-up that gives the sensors a history).
    #[arg(long, default_value_t = 28, value_parser = clap::value_parser!(u32).range(1..=366))]
    pub nights: u32,
    /// `fixed`: every site on its frequency's nights; `sensor`: must / optional / skip from
    /// the sensors' forecasts.
    #[arg(long, value_enum)]
    pub policy: PolicyArg,
    /// Seed of the city's ground truth, its sensors and the solver (default: the
    /// scenario's `[solver] seed`). Both policies with one seed meet the same city.
    #[arg(long, value_parser = values::seed, allow_negative_numbers = true)]
    pub seed: Option<u64>,
    /// Folder to write into (created when missing).
    #[arg(long, default_value = "simulation")]
    pub out: PathBuf,
    /// Solver iterations per night.
    #[arg(long, default_value_t = 300, value_parser = values::iterations, allow_negative_numbers = true)]
    pub iterations: u64,
    /// Wall-clock limit of each night's solve, seconds (reached first, it makes the run
    /// vary).
    #[arg(long, default_value_t = 20.0, value_parser = values::seconds, allow_hyphen_values = true)]
    pub time_limit: f64,
    /// Worker threads; 0 = all cores. The result does not depend on it.
    #[arg(long, value_parser = values::threads, allow_negative_numbers = true)]
    pub threads: Option<usize>,
}

/// The policy flag.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum PolicyArg {
    /// Every site on its frequency's nights.
    Fixed,
    /// Decisions from the sensors' forecasts.
    Sensor,
}

/// Runs the command.
pub fn run(args: &SimulateArgs) -> anyhow::Result<Outcome> {
    wasteroute::output::check_output_dir(&args.out).map_err(exit::bad_input)?;
    let loaded = super::load_scenario(&args.scenario, TonightMode::Leave, true)?;
    let s = &loaded.scenario;
    let policy = match args.policy {
        PolicyArg::Fixed => Policy::Fixed,
        PolicyArg::Sensor => Policy::Sensor,
    };
    let threads = wasteroute::limits::cap_threads(args.threads.or(s.solver.threads).unwrap_or(0));
    if let Some(asked) = threads.capped_from {
        eprintln!(
            "warning: {asked} threads asked, this machine has {}; using {}",
            threads.used, threads.used
        );
    }
    let options = Options {
        nights: args.nights,
        policy,
        seed: args.seed.unwrap_or(s.solver.seed),
        iterations: args.iterations,
        time_limit_s: args.time_limit,
        threads: threads.used,
    };
    let started = Instant::now();
    let sim = simulate::run(s, &options, &mut |n| {
        eprintln!(
            "{} {}: {} must, {} optional, {} emptied, {:.1} km, {} trucks, {} sites overflowing",
            policy.as_str(),
            n.night,
            n.must,
            n.optional,
            n.emptied,
            n.km,
            n.trucks,
            n.overflow_sites
        );
    })
    .map_err(|e| match e {
        simulate::SimulateError::Build(invalid) => {
            eprintln!("{}", invalid.0);
            exit::bad_input(anyhow::anyhow!(
                "{} cannot be planned",
                args.scenario.display()
            ))
        }
        other => anyhow::anyhow!(other),
    })?;
    let wall = started.elapsed().as_secs_f64();
    let nights = report::nights_csv(&sim)?;
    let summary = report::summary_json(&sim);
    let folder = args.out.join(policy.as_str());
    write_all_or_nothing(
        &folder,
        &[
            ("summary.json", summary.as_slice()),
            ("nights.csv", nights.as_slice()),
        ],
    )?;
    let html = report::html(&report::read_runs(&args.out), s.language);
    write_all_or_nothing(&args.out, &[("simulate.html", html.as_slice())])?;
    let t = &sim.summary;
    writeln!(
        std::io::stdout().lock(),
        "{}: {} nights, {:.1} km, {} truck-nights, {:.1} driver hours, {:.0} kg collected, \
         {} overflow site-days, {} overflow container-hours, {:.0} kg overflowed; {:.1} s; wrote {}",
        policy.as_str(),
        t.nights,
        t.km,
        t.truck_nights,
        t.driver_hours,
        t.kg_collected,
        t.overflow_site_days,
        t.overflow_container_hours,
        t.kg_overflowed,
        wall,
        args.out.display()
    )?;
    Ok(Outcome::Done)
}
