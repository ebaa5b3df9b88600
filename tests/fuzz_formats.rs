//! Fuzz properties of the benchmark readers (VRPLIB, Solomon, Kim), the `.sol` reader and
//! the BKS table: mutated fixtures never panic, and give either an error that names the
//! file (and the line, for a bad line) or an instance whose quantities are in range and
//! whose solution, after a few solver iterations, the independent checker accepts.
//!
//! `FUZZ_CASES=100000 cargo test --release --test fuzz_formats` runs more cases.

mod fuzz_support;

use fuzz_support::{Mutation, Sep, apply, describe, mutations, no_panic, problem_is_sane, run};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::path::{Path, PathBuf};
use wasteroute::benchmark::{BksError, BksTable, place_missing_breaks};
use wasteroute::formats::{self, Format, FormatError, ObjectiveKind, ReadOptions, sol};

/// Solver iterations per accepted instance.
const ITERATIONS: u64 = 20;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A VRPTW instance in VRPLIB form (Gehring–Homberger 1000 style), made here.
const VRPTW_TINY: &str = "NAME : vrptw_tiny
TYPE : VRPTW
DIMENSION : 4
VEHICLES : 2
CAPACITY : 10
EDGE_WEIGHT_TYPE : EUC_2D
NODE_COORD_SECTION
1 0 0
2 3 4
3 6 8
4 1 1
DEMAND_SECTION
1 0
2 4
3 5
4 7
TIME_WINDOW_SECTION
1 0 200
2 0 50
3 10 120
4 0 200
SERVICE_TIME_SECTION
1 0
2 5
3 5
4 5
DEPOT_SECTION
1
-1
EOF
";

/// The number of lines of `bytes`, as a reader counts them (a last line without a break
/// counts), plus one for an error "at the end".
fn line_count(bytes: &[u8]) -> usize {
    bytes.split(|&c| c == b'\n').count() + 1
}

/// An error from a benchmark reader must name the file, and a line within it when it is
/// about one line.
fn format_error_is_positioned(
    e: &FormatError,
    file: &Path,
    bytes: &[u8],
) -> Result<(), TestCaseError> {
    let (named, line) = match e {
        FormatError::Io { file: f, .. } => (f, None),
        FormatError::Malformed { file: f, line, .. } => (f, Some(*line)),
        FormatError::Incomplete { file: f, .. } => (f, None),
        FormatError::Problem { file: f, .. } => (f, None),
    };
    ensure!(
        named == file,
        "the error names {} not {}: {e}",
        named.display(),
        file.display()
    );
    if let Some(line) = line {
        ensure!(
            (1..=line_count(bytes)).contains(&line),
            "line {line} is not a line of the file: {e}"
        );
    }
    ensure!(!e.to_string().is_empty(), "empty message");
    if let FormatError::Io { source, .. } = e {
        // The file exists and is readable: only its content can be wrong, and that
        // must come with a line.
        return Err(TestCaseError::fail(format!(
            "an I/O error for content ({source}): {e}"
        )));
    }
    Ok(())
}

/// Reads `bytes` as `format` from a file in `dir`; checks the error or the instance.
fn read_property(
    dir: &Path,
    name: &str,
    format: Format,
    options: ReadOptions,
    bytes: &[u8],
    muts: &[Mutation],
) -> Result<(), TestCaseError> {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write the case");
    let read = no_panic(
        || describe(muts, bytes),
        || formats::read(&path, format, options),
    )?;
    match read {
        Err(e) => format_error_is_positioned(&e, &path, bytes)
            .map_err(|f| TestCaseError::fail(format!("{f}\n{}", describe(muts, bytes)))),
        Ok(instance) => {
            problem_is_sane(&instance.problem).map_err(|m| {
                TestCaseError::fail(format!(
                    "accepted an out-of-range instance: {m}\n{}",
                    describe(muts, bytes)
                ))
            })?;
            ensure!(
                instance.site_ids.len() == instance.problem.sites().len(),
                "site ids and sites differ\n{}",
                describe(muts, bytes)
            );
            no_panic(
                || describe(muts, bytes),
                || fuzz_support::solve_and_check(&instance.problem, ITERATIONS),
            )?
            .map_err(|m| TestCaseError::fail(format!("{m}\n{}", describe(muts, bytes))))?;
            Ok(())
        }
    }
}

fn fixture_and_mutations(n: usize) -> impl Strategy<Value = (usize, Vec<Mutation>)> {
    (0..n, mutations())
}

#[test]
fn fuzz_vrplib() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = [
        fixture("cvrp_tiny.vrp"),
        fixture("mtvrptwr_tiny.vrp"),
        VRPTW_TINY.as_bytes().to_vec(),
        fixture("mdvrptw_tiny.vrp"),
        fixture("hfvrp_tiny.vrp"),
    ];
    run(
        "vrplib",
        fixture_and_mutations(inputs.len()),
        |(i, muts)| {
            let bytes = apply(&inputs[i], &muts, Sep::Whitespace);
            read_property(
                dir.path(),
                "case.vrp",
                Format::Vrplib,
                ReadOptions::default(),
                &bytes,
                &muts,
            )
        },
    );
}

#[test]
fn fuzz_solomon() {
    let dir = tempfile::tempdir().unwrap();
    let input = fixture("solomon_tiny.txt");
    run("solomon", (any::<bool>(), mutations()), |(hier, muts)| {
        let bytes = apply(&input, &muts, Sep::Whitespace);
        let options = ReadOptions {
            objective: hier.then_some(ObjectiveKind::VehiclesThenDistance),
        };
        read_property(
            dir.path(),
            "case.txt",
            Format::Solomon,
            options,
            &bytes,
            &muts,
        )
    });
}

#[test]
fn fuzz_kim() {
    let dir = tempfile::tempdir().unwrap();
    let input = fixture("kim_tiny.txt");
    run("kim", mutations(), |muts| {
        let bytes = apply(&input, &muts, Sep::Whitespace);
        read_property(
            dir.path(),
            "case.txt",
            Format::Kim,
            ReadOptions::default(),
            &bytes,
            &muts,
        )
    });
}

/// `.sol` files of the three instances the tests make; each must read and be feasible.
fn sol_cases() -> Vec<(formats::BenchmarkInstance, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    let read = |name: &str, format| {
        formats::read(&dir.join(name), format, ReadOptions::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    vec![
        (
            read("mtvrptwr_tiny.vrp", Format::Vrplib),
            fixture("mtvrptwr_tiny.sol"),
        ),
        (
            read("cvrp_tiny.vrp", Format::Vrplib),
            b"Route #1: 1 2\nRoute #2: 3\nCost 29\n".to_vec(),
        ),
        (
            read("mdvrptw_tiny.vrp", Format::Vrplib),
            fixture("mdvrptw_tiny.sol"),
        ),
        (
            read("hfvrp_tiny.vrp", Format::Vrplib),
            fixture("hfvrp_tiny.sol"),
        ),
        (
            read("kim_tiny.txt", Format::Kim),
            b"Route #1: 12 11 9\nCost 6.83\n".to_vec(),
        ),
    ]
}

#[test]
fn fuzz_sol() {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("case.sol");
    let cases = sol_cases();
    for (instance, text) in &cases {
        let sol = sol::parse(&path, std::str::from_utf8(text).unwrap(), instance)
            .unwrap_or_else(|e| panic!("{}: {e}", instance.name));
        let mut solution = sol.solution;
        place_missing_breaks(&instance.problem, &mut solution);
        let report = wasteroute::checker::check(&instance.problem, &solution);
        assert!(
            report.is_feasible(),
            "{}: {:?}",
            instance.name,
            report.violations
        );
    }
    run("sol", fixture_and_mutations(cases.len()), |(i, muts)| {
        let (instance, text) = &cases[i];
        let bytes = apply(text, &muts, Sep::Whitespace);
        std::fs::write(&path, &bytes).expect("write the case");
        let read = no_panic(|| describe(&muts, &bytes), || sol::read(&path, instance))?;
        match read {
            Err(e) => format_error_is_positioned(&e, &path, &bytes)
                .map_err(|f| TestCaseError::fail(format!("{f}\n{}", describe(&muts, &bytes)))),
            Ok(sol) => {
                // Any solution the reader accepts can be checked (after placing the breaks
                // the form cannot write, as the benchmark does): the checker lists what is
                // wrong with it, or accepts it, and never panics.
                let mut solution = sol.solution;
                no_panic(
                    || describe(&muts, &bytes),
                    || place_missing_breaks(&instance.problem, &mut solution),
                )?;
                no_panic(
                    || describe(&muts, &bytes),
                    || fuzz_support::check_solution(&instance.problem, &solution, false),
                )?
                .map_err(|m| TestCaseError::fail(format!("{m}\n{}", describe(&muts, &bytes))))?;
                Ok(())
            }
        }
    });
}

#[test]
fn fuzz_bks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bks.csv");
    let input = fixture("bks_tiny.csv");
    run("bks", mutations(), |muts| {
        let bytes = apply(&input, &muts, Sep::Comma);
        std::fs::write(&path, &bytes).expect("write the case");
        let read = no_panic(|| describe(&muts, &bytes), || BksTable::read(&path))?;
        match read {
            Err(BksError::Row {
                file,
                line,
                message,
            }) => {
                ensure!(file == path, "names {}", file.display());
                ensure!(
                    (1..=line_count(&bytes) as u64).contains(&line),
                    "line {line} is not a line of the file ({message})\n{}",
                    describe(&muts, &bytes)
                );
                Ok(())
            }
            Err(e @ BksError::Io { .. }) => Err(TestCaseError::fail(format!(
                "an I/O error for an existing file: {e}\n{}",
                describe(&muts, &bytes)
            ))),
            Ok(table) => {
                for name in ["TINY1", "kim_tiny", "tiny1"] {
                    for row in table.rows_for(name) {
                        let _ = (row.objective(), row.uncertain());
                        if let Some(c) = row.bks_cost {
                            ensure!(
                                c.is_finite() && c >= 0.0,
                                "accepted the best-known cost {c}\n{}",
                                describe(&muts, &bytes)
                            );
                        }
                    }
                    let _ = table.objective_for(name, wasteroute::formats::ObjectiveKind::Distance);
                }
                Ok(())
            }
        }
    });
}
