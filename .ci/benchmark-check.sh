#!/usr/bin/env bash
# Benchmark smoke check: solves one developer instance per format for a few seconds with
# the release build and fails when any result is infeasible for the independent checker,
# leaves a site unassigned, or could not be read or checked. It also re-checks five
# published best-known solutions (X, Gehring–Homberger 1000, Yang multi-trip, multi-depot
# MDVRPTW, heterogeneous-fleet HFVRP, prize-collecting PCVRPTW), which must be feasible at their stated cost.
#
# Needs ../shared/instances beside the repository. Usage: .ci/benchmark-check.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-3}"
inst=../shared/instances
bks="$inst/bks.csv"
if [ ! -d "$inst" ]; then
    echo "benchmark-check: $inst not found (the shared instances must sit beside the repository)" >&2
    exit 2
fi

cargo build --release --quiet
bin=target/release/wasteroute
out="$(mktemp)"
trap 'rm -f "$out"' EXIT

failed=0
run() {
    # Every instance prints one JSON line; the exit code is non-zero on any infeasible,
    # incomplete or unreadable result (see `wasteroute benchmark --help`).
    if ! "$bin" benchmark "$@" --bks "$bks" --seed 1 | tee -a "$out"; then
        echo "benchmark-check: FAILED: $*" >&2
        failed=1
    fi
}

run "$inst/cvrplib_X/X-n106-k14.vrp" "$inst/mtvrptwr_yang/C201R0.25.vrp" --format vrplib --time-limit "$seconds"
run "$inst/mdvrptw/PR11A.vrp" "$inst/hfvrp/X110-HD.vrp" --format vrplib --time-limit "$seconds"
run "$inst/solomon_100/C101.txt" "$inst/gehring_homberger_200_400/c1_2_1.txt" --format solomon --time-limit "$seconds"
run "$inst/kim2006_wcvrptw/102_stop.txt" --format kim --time-limit "$seconds"
run "$inst/cvrplib_X/X-n106-k14.vrp" "$inst/gehring_homberger_1000/C1_10_1.vrp" "$inst/mtvrptwr_yang/C201R0.25.vrp" --format vrplib --check-sol
# X181-HD's .sol is PyVRP's own (an integer cost in the instance's rounding); the published
# HFVRP costs on unrounded distances may differ from ours by a cent (see README.md).
run "$inst/mdvrptw/PR11A.vrp" "$inst/hfvrp/X181-HD.vrp" --format vrplib --check-sol
# Prize-collecting VRPTW: a solve, and PyVRP's best-known solution at its stated cost
# (distance plus the prizes of the sites it leaves out).
run "$inst/pcvrptw/R1_10_4.vrp" --format vrplib --time-limit "$seconds"
run "$inst/pcvrptw/C1_10_1.vrp" --format vrplib --check-sol

# Belt and braces: every line must say feasible, and the published solutions must match
# their best-known cost exactly.
lines=$(wc -l < "$out")
ok=$(grep -c '"feasible":true' "$out" || true)
if [ "$lines" -ne 14 ] || [ "$ok" -ne 14 ]; then
    echo "benchmark-check: expected 14 feasible results, got $ok of $lines lines" >&2
    failed=1
fi
if grep '"mode":"check_sol"' "$out" | grep -v '"gap_pct":0.0,' >/dev/null; then
    echo "benchmark-check: a published solution does not check at its stated cost" >&2
    failed=1
fi
if [ "$failed" -ne 0 ]; then
    exit 1
fi
echo "benchmark-check: all results feasible"
