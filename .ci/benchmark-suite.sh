#!/usr/bin/env bash
# The solver-quality measurements quoted in README.md and in the closing notes, in one
# place so anyone can rerun them. Not part of CI (it takes from minutes to an hour):
#
#   .ci/benchmark-suite.sh SET [SECONDS] [SEED]
#
# SET is one of: x6 (six CVRPLIB X instances, n = 106…411), x-large (five X instances with
# 524…957 customers), solomon (27 Solomon 100), gh (24 Gehring–Homberger 200/400,
# hierarchical), gh1000 (6 Gehring–Homberger 1000), yang (57 multi-trip), kim (3 Kim 2006),
# mdvrptw (14 multi-depot VRPTW, Vidal et al. 2013), hfvrp (34 heterogeneous fleet, Pessoa
# et al. 2018), mdvrptw5 and hfvrp5 (the five of each quoted in README.md), pcvrptw (20
# prize-collecting VRPTW, PyVRP's PCVRPTW on Gehring–Homberger 1000) and pcvrptw5 (one of
# each class but RC2, a short run).
# SECONDS defaults to 30, SEED to 1; THREADS (environment) is passed to --threads (default
# 0 = all cores; the README's figures for mdvrptw5 and hfvrp5 use THREADS=1). Each instance prints one JSON line on stdout; the
# summary line (feasible count, average and largest gap, vehicles against the BKS) is
# printed on stderr. Use a quiet machine: the solver uses every core.
set -euo pipefail
cd "$(dirname "$0")/.."
set_name="${1:?usage: .ci/benchmark-suite.sh SET [SECONDS] [SEED]}"
seconds="${2:-30}"
seed="${3:-1}"
inst=../shared/instances
if [ ! -d "$inst" ]; then
    echo "benchmark-suite: $inst not found (the shared instances must sit beside the repository)" >&2
    exit 2
fi
case "$set_name" in
    x6)
        format=vrplib
        files=("$inst"/cvrplib_X/X-n{106-k14,157-k13,204-k19,261-k13,322-k28,411-k19}.vrp) ;;
    x-large)
        format=vrplib
        files=("$inst"/cvrplib_X/X-n{524-k153,641-k35,749-k98,837-k142,957-k87}.vrp) ;;
    solomon)
        format=solomon
        files=("$inst"/solomon_100/*.txt) ;;
    gh)
        format=solomon
        files=("$inst"/gehring_homberger_200_400/*.txt) ;;
    gh1000)
        format=vrplib
        files=("$inst"/gehring_homberger_1000/*.vrp) ;;
    yang)
        format=vrplib
        files=("$inst"/mtvrptwr_yang/*.vrp) ;;
    kim)
        format=kim
        files=("$inst"/kim2006_wcvrptw/*.txt) ;;
    mdvrptw)
        format=vrplib
        files=("$inst"/mdvrptw/*.vrp) ;;
    mdvrptw5)
        format=vrplib
        files=("$inst"/mdvrptw/PR{11A,21B,13A,19B,15A}.vrp) ;;
    hfvrp)
        format=vrplib
        files=("$inst"/hfvrp/*.vrp) ;;
    hfvrp5)
        format=vrplib
        files=("$inst"/hfvrp/X{110-HD,167-FSMF,251-FSMD,536-FSMFD,801-HVRP}.vrp) ;;
    pcvrptw)
        format=vrplib
        files=("$inst"/pcvrptw/*.vrp) ;;
    pcvrptw5)
        format=vrplib
        files=("$inst"/pcvrptw/{C1_10_1,C2_10_2,R1_10_4,R2_10_1,RC1_10_2}.vrp) ;;
    *)
        echo "benchmark-suite: unknown set \`$set_name\` (x6, x-large, solomon, gh, gh1000, yang, kim, mdvrptw, mdvrptw5, hfvrp, hfvrp5, pcvrptw, pcvrptw5)" >&2
        exit 2 ;;
esac
cargo build --release --quiet
threads="${THREADS:-0}"
echo "benchmark-suite: $set_name, ${#files[@]} instance(s), ${seconds} s each, seed $seed, threads $threads, load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
exec ./target/release/wasteroute benchmark "${files[@]}" --format "$format" \
    --time-limit "$seconds" --seed "$seed" --threads "$threads" --bks "$inst/bks.csv"
