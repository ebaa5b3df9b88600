//! `wasteroute validate SCENARIO`: every problem of a scenario at once.

use super::exit::{self, Outcome};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use wasteroute::scenario;

/// Lists every problem of a scenario (file, line, column, what to do); exit 0 when it
/// can be planned, 2 otherwise.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The scenario TOML file.
    pub scenario: PathBuf,
    /// Treat warnings (sites that will be left out, unused columns) as errors.
    #[arg(long)]
    pub strict: bool,
    /// Skip the checks that need the road network (snapping, reachability).
    #[arg(long)]
    pub no_network: bool,
}

/// Runs the command.
pub fn run(args: &ValidateArgs) -> anyhow::Result<Outcome> {
    let mut out = std::io::stdout().lock();
    match scenario::load(&args.scenario) {
        Ok(mut loaded) => {
            if !args.no_network {
                match scenario::build::build(&loaded.scenario, &mut |_, _| {}) {
                    Ok(built) => loaded.warnings.extend(built.warnings),
                    Err(invalid) => {
                        let mut all = loaded.warnings.clone();
                        all.extend(invalid.0);
                        all.sort();
                        writeln!(out, "{all}")?;
                        return Err(exit::bad_input(anyhow::anyhow!(
                            "{} is not valid",
                            args.scenario.display()
                        )));
                    }
                }
                loaded.warnings.sort();
            }
            for d in loaded.warnings.items() {
                writeln!(out, "{d}")?;
            }
            let s = &loaded.scenario;
            writeln!(
                out,
                "{}: {} sites, {} depots, {} facilities, {} vehicle types ({} vehicles); {} warning(s)",
                args.scenario.display(),
                s.sites.len(),
                s.depots.len(),
                s.facilities.len(),
                s.vehicles.len(),
                s.vehicles.iter().map(|v| u64::from(v.count)).sum::<u64>(),
                loaded.warnings.warning_count()
            )?;
            if let Some(t) = &s.tonight {
                writeln!(out, "{}", t.summary())?;
            }
            if args.strict && !loaded.warnings.is_empty() {
                return Err(exit::bad_input(anyhow::anyhow!(
                    "{} warning(s) with --strict",
                    loaded.warnings.warning_count()
                )));
            }
            Ok(Outcome::Done)
        }
        Err(invalid) => {
            writeln!(out, "{}", invalid.0)?;
            Err(exit::bad_input(anyhow::anyhow!(
                "{} is not valid",
                args.scenario.display()
            )))
        }
    }
}
