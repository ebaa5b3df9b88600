//! Shared mutation strategies and the runner of the in-tree fuzz properties
//! (`tests/fuzz_*.rs`, described in `docs/fuzzing.md`).
//!
//! A case is a valid fixture plus one to three [`Mutation`]s: byte-level (flip a bit,
//! insert or delete bytes, truncate), field-level (replace a cell or a number with a
//! hostile value), row-level (duplicate, drop, swap) and encoding-level (BOM, Latin-1
//! bytes, CRLF, UTF-16). Every property runs with a fixed seed, so a CI failure reproduces
//! locally; `FUZZ_CASES` sets the number of cases (default [`DEFAULT_CASES`]).
#![allow(dead_code)] // each test file uses a different part

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};
use std::fmt::Debug;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// Cases per property when `FUZZ_CASES` is not set.
pub const DEFAULT_CASES: u32 = 1000;

/// The number of cases per property: `FUZZ_CASES`, else [`DEFAULT_CASES`].
pub fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(DEFAULT_CASES)
}

/// How the fields of a line are separated, for field-level mutations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sep {
    /// CSV: fields between commas (quotes are not honoured: breaking them is part of the game).
    Comma,
    /// Benchmark text formats: tokens between runs of spaces or tabs.
    Whitespace,
    /// TOML: the value after the first `=` of a line.
    TomlValue,
    /// JSON: string literals and numbers.
    Json,
}

/// Hostile cell values: empty, text, non-finite, negative, huge, unicode, markup, quotes,
/// separators and line breaks.
pub const HOSTILE: &[&str] = &[
    "",
    " ",
    "abc",
    "inf",
    "-inf",
    "Infinity",
    "NaN",
    "nan",
    "-1",
    "-0",
    "0",
    "1e18",
    "-1e18",
    "1e308",
    "1e309",
    "5e-324",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551616",
    "99999999999999999999999999999999",
    "4294967296",
    "0x1F",
    "+7",
    "1,5",
    "1.2.3",
    "Hải Phòng ✓",
    "١٢٣",
    "\u{202e}evil",
    "<script>alert(1)</script>",
    "\"",
    "\"\"",
    "'",
    "\"a,b\"",
    "a\nb",
    "\r",
    ",",
    ";",
    "*",
    "\0",
    "\t",
    "24:00",
    "23:59-23:59",
    "99:99",
    "00:00-24:00",
    "-01:00",
    "all",
];

/// Numbers at and past the limits of the integer and float types the readers convert to.
pub const LIMITS: &[&str] = &[
    "0",
    "-0",
    "-1",
    "1",
    "0.5",
    "-0.5",
    "127",
    "256",
    "65536",
    "2147483647",
    "2147483648",
    "4294967295",
    "4294967296",
    "9007199254740993",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "1e9",
    "1e12",
    "1e15",
    "1e18",
    "1e19",
    "-1e19",
    "1e300",
    "1e308",
    "1.7976931348623157e308",
    "1.8e308",
    "1e-300",
    "5e-324",
];

/// One change to an input file. Positions are [`Index`]es, scaled to the input's size.
#[derive(Clone, Debug)]
pub enum Mutation {
    /// Flips one bit of one byte.
    FlipBit(Index, u8),
    /// Inserts a byte.
    InsertByte(Index, u8),
    /// Deletes up to `len` bytes.
    DeleteBytes(Index, usize),
    /// Cuts the file at a position.
    Truncate(Index),
    /// Replaces one field of one line with a hostile value.
    ReplaceField(Index, Index, &'static str),
    /// Replaces one number (any run of digits, with sign, dot and exponent) with a limit.
    ReplaceNumber(Index, &'static str),
    /// Writes a line twice.
    DuplicateRow(Index),
    /// Removes a line.
    DropRow(Index),
    /// Swaps two lines.
    SwapRows(Index, Index),
    /// Prepends a UTF-8 byte-order mark.
    Bom,
    /// Replaces one byte with a Latin-1 letter (`é` as the single byte 0xE9).
    Latin1(Index),
    /// Replaces every `\n` with `\r\n`.
    Crlf,
    /// Re-encodes the whole file as UTF-16 LE with a BOM.
    Utf16,
}

/// Any mutation.
pub fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        2 => (any::<Index>(), 0u8..8).prop_map(|(i, b)| Mutation::FlipBit(i, b)),
        2 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::InsertByte(i, b)),
        1 => (any::<Index>(), 1usize..8).prop_map(|(i, n)| Mutation::DeleteBytes(i, n)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        6 => (any::<Index>(), any::<Index>(), prop::sample::select(HOSTILE))
            .prop_map(|(l, f, v)| Mutation::ReplaceField(l, f, v)),
        6 => (any::<Index>(), prop::sample::select(LIMITS))
            .prop_map(|(i, v)| Mutation::ReplaceNumber(i, v)),
        1 => any::<Index>().prop_map(Mutation::DuplicateRow),
        1 => any::<Index>().prop_map(Mutation::DropRow),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapRows(a, b)),
        1 => Just(Mutation::Bom),
        1 => any::<Index>().prop_map(Mutation::Latin1),
        1 => Just(Mutation::Crlf),
        1 => Just(Mutation::Utf16),
    ]
}

/// One to three mutations.
pub fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    prop::collection::vec(mutation(), 1..=3)
}

/// Applies `mutations` in order to `input`.
pub fn apply(input: &[u8], mutations: &[Mutation], sep: Sep) -> Vec<u8> {
    let mut bytes = input.to_vec();
    for m in mutations {
        bytes = apply_one(bytes, m, sep);
    }
    bytes
}

fn apply_one(mut b: Vec<u8>, m: &Mutation, sep: Sep) -> Vec<u8> {
    match m {
        Mutation::FlipBit(i, bit) => {
            if !b.is_empty() {
                let at = i.index(b.len());
                b[at] ^= 1 << bit;
            }
        }
        Mutation::InsertByte(i, byte) => {
            let at = i.index(b.len() + 1);
            b.insert(at, *byte);
        }
        Mutation::DeleteBytes(i, n) => {
            if !b.is_empty() {
                let at = i.index(b.len());
                let end = (at + n).min(b.len());
                b.drain(at..end);
            }
        }
        Mutation::Truncate(i) => {
            let at = i.index(b.len() + 1);
            b.truncate(at);
        }
        Mutation::ReplaceField(line, field, value) => {
            let mut lines = split_lines(&b);
            if !lines.is_empty() {
                let l = line.index(lines.len());
                let spans = field_spans(&lines[l], sep);
                if !spans.is_empty() {
                    let (s, e) = spans[field.index(spans.len())];
                    let v = match sep {
                        // A JSON string keeps its quotes half the time, so that both a
                        // wrong type and a hostile string are tried.
                        Sep::Json if lines[l].get(s) == Some(&b'"') && field.index(2) == 0 => {
                            serde_json::to_string(value).expect("a string serialises")
                        }
                        _ => (*value).to_string(),
                    };
                    lines[l].splice(s..e, v.bytes());
                }
            }
            b = lines.concat();
        }
        Mutation::ReplaceNumber(i, value) => {
            let spans = number_spans(&b);
            if !spans.is_empty() {
                let (s, e) = spans[i.index(spans.len())];
                b.splice(s..e, value.bytes());
            }
        }
        Mutation::DuplicateRow(i) => {
            let mut lines = split_lines(&b);
            if !lines.is_empty() {
                let l = i.index(lines.len());
                let mut row = lines[l].clone();
                if !row.ends_with(b"\n") {
                    row.push(b'\n');
                    lines[l].insert(0, b'\n');
                }
                lines.insert(l, row);
            }
            b = lines.concat();
        }
        Mutation::DropRow(i) => {
            let mut lines = split_lines(&b);
            if !lines.is_empty() {
                lines.remove(i.index(lines.len()));
            }
            b = lines.concat();
        }
        Mutation::SwapRows(x, y) => {
            let mut lines = split_lines(&b);
            if !lines.is_empty() {
                if !lines.last().is_some_and(|l| l.ends_with(b"\n")) {
                    lines.last_mut().expect("not empty").push(b'\n');
                }
                let (p, q) = (x.index(lines.len()), y.index(lines.len()));
                lines.swap(p, q);
            }
            b = lines.concat();
        }
        Mutation::Bom => {
            b.splice(0..0, [0xEF, 0xBB, 0xBF]);
        }
        Mutation::Latin1(i) => {
            if b.is_empty() {
                b.push(0xE9);
            } else {
                let at = i.index(b.len());
                b[at] = 0xE9;
            }
        }
        Mutation::Crlf => {
            let mut out = Vec::with_capacity(b.len() + b.len() / 16);
            for &c in &b {
                if c == b'\n' {
                    out.push(b'\r');
                }
                out.push(c);
            }
            b = out;
        }
        Mutation::Utf16 => {
            let text = String::from_utf8_lossy(&b);
            let mut out = vec![0xFF, 0xFE];
            for u in text.encode_utf16() {
                out.extend(u.to_le_bytes());
            }
            b = out;
        }
    }
    b
}

/// The lines of `b`, each with its `\n` (the last one may lack it).
fn split_lines(b: &[u8]) -> Vec<Vec<u8>> {
    b.split_inclusive(|&c| c == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

/// Byte spans of the fields of one line (without its line break).
fn field_spans(line: &[u8], sep: Sep) -> Vec<(usize, usize)> {
    let end = line
        .iter()
        .rposition(|&c| c != b'\n' && c != b'\r')
        .map_or(0, |p| p + 1);
    let line = &line[..end];
    let mut spans = Vec::new();
    match sep {
        Sep::Comma => {
            let mut start = 0;
            for (i, &c) in line.iter().enumerate() {
                if c == b',' {
                    spans.push((start, i));
                    start = i + 1;
                }
            }
            spans.push((start, line.len()));
        }
        Sep::Whitespace => {
            let mut start = None;
            for (i, &c) in line.iter().enumerate() {
                match (c == b' ' || c == b'\t', start) {
                    (true, Some(s)) => {
                        spans.push((s, i));
                        start = None;
                    }
                    (false, None) => start = Some(i),
                    _ => {}
                }
            }
            if let Some(s) = start {
                spans.push((s, line.len()));
            }
        }
        Sep::TomlValue => {
            if let Some(eq) = line.iter().position(|&c| c == b'=') {
                spans.push((eq + 1, line.len()));
            }
        }
        Sep::Json => {
            let mut i = 0;
            while i < line.len() {
                match line[i] {
                    b'"' => {
                        let s = i;
                        i += 1;
                        while i < line.len() && line[i] != b'"' {
                            i += if line[i] == b'\\' { 2 } else { 1 };
                        }
                        i = (i + 1).min(line.len());
                        spans.push((s, i));
                    }
                    c if c == b'-' || c.is_ascii_digit() => {
                        let s = i;
                        while i < line.len() && is_number_byte(line[i]) {
                            i += 1;
                        }
                        spans.push((s, i));
                    }
                    _ => i += 1,
                }
            }
        }
    }
    spans
}

fn is_number_byte(c: u8) -> bool {
    c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-')
}

/// Byte spans of the numbers in `b`: a digit run with an optional leading `-`, a
/// fraction and an exponent.
fn number_spans(b: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let prev_ok = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        if b[i].is_ascii_digit() && prev_ok {
            let mut s = i;
            if s > 0 && b[s - 1] == b'-' {
                s -= 1;
            }
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
                i += 1;
            }
            if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
                i += 1;
                if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
                    i += 1;
                }
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
            }
            spans.push((s, i));
        } else {
            i += 1;
        }
    }
    spans
}

/// The input of a case for a failure message: the mutations and the mutated text.
pub fn describe(mutations: &[Mutation], bytes: &[u8]) -> String {
    format!(
        "mutations {mutations:?}\n--- mutated input ({} bytes) ---\n{}\n--- end ---",
        bytes.len(),
        String::from_utf8_lossy(bytes)
    )
}

/// Runs `property` on `cases()` values of `strategy` with a fixed seed (derived from
/// `name`, so each property draws its own sequence), prints the count and the time, and
/// panics with the shrunk failing input. A panic inside `property` fails the case like
/// an error does (proptest catches it and reports the input).
pub fn run<S>(name: &str, strategy: S, property: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S: Strategy,
    S::Value: Debug,
{
    let cases = cases();
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2_000,
        rng_algorithm: RngAlgorithm::ChaCha,
        ..Config::default()
    };
    let mut seed = [0u8; 32];
    for (i, b) in name.bytes().enumerate() {
        seed[i % 32] ^= b;
    }
    seed[31] ^= 0x5A;
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed));
    let calls = AtomicU64::new(0);
    let start = Instant::now();
    let result = runner.run(&strategy, |v| {
        calls.fetch_add(1, Ordering::Relaxed);
        property(v)
    });
    let secs = start.elapsed().as_secs_f64();
    match result {
        Ok(()) => eprintln!(
            "fuzz {name}: {cases} cases passed ({} runs) in {secs:.1} s",
            calls.load(Ordering::Relaxed)
        ),
        Err(TestError::Fail(reason, value)) => panic!(
            "fuzz {name}: property failed after {} runs: {reason}\nminimal input: {value:?}",
            calls.load(Ordering::Relaxed)
        ),
        Err(TestError::Abort(reason)) => panic!("fuzz {name}: aborted: {reason}"),
    }
}

/// Fails the case with `message` unless `condition` holds.
#[macro_export]
macro_rules! ensure {
    ($cond:expr, $($arg:tt)+) => {
        if !$cond {
            return Err(proptest::test_runner::TestCaseError::fail(format!($($arg)+)));
        }
    };
}

/// Runs `f`, turning a panic into a failed case that shows `input` (the mutated file), so
/// that the report carries a reproducer and not only the mutation list.
pub fn no_panic<T>(
    input: impl FnOnce() -> String,
    f: impl FnOnce() -> T,
) -> Result<T, TestCaseError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        let message = payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        TestCaseError::fail(format!("panic: {message}\n{}", input()))
    })
}

/// The largest finite quantity (time, distance, load, cost) a valid problem may hold: far
/// enough below `INFINITE` (`i64::MAX / 8`) that the solver's sums of a few thousand of
/// them cannot overflow. A "no limit" field holds exactly `INFINITE` instead.
pub const MAX_FINITE: i64 = i64::MAX / 8 / 4096;

/// Checks that every quantity of `problem` is either a "no limit" (exactly `INFINITE`) or
/// a non-negative value not above [`MAX_FINITE`]: a reader that accepts `1e300` must not
/// hand the solver a saturated `i64::MAX`.
pub fn problem_is_sane(problem: &wasteroute::problem::Problem) -> Result<(), String> {
    use wasteroute::problem::LocationIdx;
    use wasteroute::units::Duration;
    let inf = Duration::INFINITE.get();
    let ok = |v: i64| (0..=MAX_FINITE).contains(&v);
    let ok_or_inf = |v: i64| ok(v) || v == inf;
    let check = |what: &str, v: i64, allow_inf: bool| -> Result<(), String> {
        if if allow_inf { ok_or_inf(v) } else { ok(v) } {
            Ok(())
        } else {
            Err(format!("{what} = {v} is out of range"))
        }
    };
    let windows = |what: &str, ws: &[wasteroute::problem::TimeWindow]| -> Result<(), String> {
        for w in ws {
            check(&format!("{what} window start"), w.start.get(), false)?;
            check(&format!("{what} window end"), w.end.get(), true)?;
        }
        Ok(())
    };
    let n = problem.num_locations();
    for (p, m) in problem.profiles().iter().enumerate() {
        for i in 0..n {
            for j in 0..n {
                let (a, b) = (LocationIdx::new(i), LocationIdx::new(j));
                check(
                    &format!("profile {p} time {i}->{j}"),
                    m.time.get(a, b).get(),
                    true,
                )?;
                check(
                    &format!("profile {p} distance {i}->{j}"),
                    m.distance.get(a, b).get(),
                    true,
                )?;
            }
        }
    }
    for (i, d) in problem.depots().iter().enumerate() {
        windows(&format!("depot {i}"), std::slice::from_ref(&d.window))?;
    }
    for (i, f) in problem.facilities().iter().enumerate() {
        windows(&format!("facility {i}"), &f.windows)?;
        check(&format!("facility {i} unload"), f.unload_time.get(), false)?;
        for l in f.daily_capacity.iter().flat_map(|c| c.0) {
            check(&format!("facility {i} daily capacity"), l.get(), true)?;
        }
    }
    for (i, s) in problem.sites().iter().enumerate() {
        windows(&format!("site {i}"), &s.windows)?;
        check(&format!("site {i} service"), s.service_time.get(), false)?;
        check(&format!("site {i} release"), s.release_time.get(), false)?;
        for l in s.demand.0 {
            check(&format!("site {i} demand"), l.get(), false)?;
        }
    }
    for (i, v) in problem.vehicle_types().iter().enumerate() {
        let e = |f: &str| format!("vehicle type {i} {f}");
        windows(&e("shift"), std::slice::from_ref(&v.shift))?;
        for l in v.capacity.0 {
            check(&e("capacity"), l.get(), true)?;
        }
        for l in v.max_total_load.0 {
            check(&e("max_total_load"), l.get(), true)?;
        }
        check(&e("max_duration"), v.max_duration.get(), true)?;
        check(&e("max_distance"), v.max_distance.get(), true)?;
        // Costs may be larger than MAX_FINITE (a penalty of 10⁹ currency units is 10¹⁵
        // micro-units): what must hold is that no objective can pass 64 bits, which
        // `Problem::new` checks with `problem::objective_bound`.
        for (what, c) in [
            ("fixed_cost", v.fixed_cost),
            ("cost_per_distance", v.cost_per_distance),
            ("cost_per_duration", v.cost_per_duration),
        ] {
            if c.get() < 0 {
                return Err(e(&format!("{what} = {c} is negative")));
            }
        }
        if let Some(b) = &v.break_rule {
            check(&e("break"), b.duration.get(), false)?;
            windows(&e("break"), std::slice::from_ref(&b.window))?;
        }
        if v.count > 100_000 {
            return Err(format!("{} vehicles of type {i}", v.count));
        }
    }
    if problem.objective().unassigned_penalty.get() < 0 {
        return Err("the unassigned penalty is negative".into());
    }
    Ok(())
}

/// Solves `problem` with a tiny fixed budget on one thread and checks the solution with
/// the independent checker: feasible, and every total (distance, duration, cost, load)
/// non-negative.
pub fn solve_and_check(
    problem: &wasteroute::problem::Problem,
    iterations: u64,
) -> Result<wasteroute::solution::Solution, String> {
    let config = wasteroute::solver::SolverConfig {
        threads: 1,
        ..wasteroute::solver::SolverConfig::with_iterations(7, iterations)
    };
    let result = wasteroute::solver::solve(problem, &config, &mut |_| {});
    check_solution(problem, &result.solution, true)?;
    Ok(result.solution)
}

/// Checks `solution` with the independent checker: when `must_be_feasible`, no violation;
/// in any case every total of the report non-negative.
pub fn check_solution(
    problem: &wasteroute::problem::Problem,
    solution: &wasteroute::solution::Solution,
    must_be_feasible: bool,
) -> Result<wasteroute::checker::CheckReport, String> {
    let report = wasteroute::checker::check(problem, solution);
    if must_be_feasible && !report.is_feasible() {
        return Err(format!(
            "the checker rejects the solver's plan: {} violation(s), first: {}",
            report.violations.len(),
            report.violations[0]
        ));
    }
    if report.is_feasible() {
        let totals = [
            ("distance", report.distance.get()),
            ("duration", report.duration.get()),
            ("cost", report.cost.get()),
        ];
        for (what, v) in totals {
            if v < 0 {
                return Err(format!("total {what} is negative: {v}"));
            }
        }
        for r in &report.routes {
            let route = [
                ("distance", r.distance.get()),
                ("duration", r.duration.get()),
                ("cost", r.cost.get()),
            ];
            for (what, v) in route {
                if v < 0 {
                    return Err(format!("route {} {what} is negative: {v}", r.route));
                }
            }
            if r.load.0.iter().any(|l| l.get() < 0) {
                return Err(format!("route {} load is negative: {:?}", r.route, r.load));
            }
        }
    }
    Ok(report)
}
