#!/usr/bin/env bash
# Script benchmark of `wasteroute simulate` (issue 10): NIGHTS nights of a scenario under
# both policies with one seed and a per-night iteration budget, wall time and peak memory
# of each, and the comparison the policies are judged by (km, overflow site-days).
#
#   bash .ci/simulate-bench.sh [SCENARIO] [NIGHTS] [ITERATIONS]
#
# Defaults: the sample, 28 nights, 200 iterations per night, seed 2026, one thread.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:-data/sample/scenario.toml}
nights=${2:-28}
iterations=${3:-200}
bin=target/release/wasteroute
[ -x "$bin" ] || cargo build --release --quiet
out=$(mktemp -d)
for policy in fixed sensor; do
    /usr/bin/time -f "$policy: %e s wall, %M KB peak" \
        "$bin" simulate "$scenario" --policy "$policy" --nights "$nights" --seed 2026 \
        --iterations "$iterations" --time-limit 120 --threads 1 --out "$out" 2>&1 >/dev/null \
        | grep -E '^(fixed|sensor): [0-9.]+ s wall'
done
python3 - "$out" <<'PY'
import json, sys
d = sys.argv[1]
f, s = (json.load(open(f"{d}/{p}/summary.json")) for p in ("fixed", "sensor"))
for k in ("km", "truck_nights", "driver_hours", "kg_collected", "overflow_site_days",
          "overflow_container_hours", "kg_overflowed", "must_unserved"):
    print(f"{k:>26}: fixed {f[k]:>12.1f}  sensor {s[k]:>12.1f}")
print(f"sensor drives {100 * (1 - s['km'] / f['km']):.1f} % fewer km; "
      f"overflow site-days {s['overflow_site_days']} vs {f['overflow_site_days']}")
PY
echo "files in $out"
