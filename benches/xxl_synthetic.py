#!/usr/bin/env python3
"""Writes a synthetic very large CVRP instance in VRPLIB form, for memory and set-up
measurements beyond the published Belgium set (whose 30,000-customer instance is held back).

Customers are the customers of a published instance (read from ../shared, never committed),
drawn again with a seeded jitter until there are N; demands are drawn from the same file's
demands; the depot and EUC_2D rounding are kept. No best-known solution exists: use it for
time and memory, not for gaps.

    python3 benches/xxl_synthetic.py ../shared/instances/cvrplib_xxl/Flanders1.vrp 30000 200 1 > /tmp/Synth30k.vrp
                                     (base instance)                            (N)   (capacity) (seed)
"""
import random
import sys


def main():
    base, n, capacity, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    coords, demands, section = [], [], None
    for line in open(base):
        t = line.split()
        if not t:
            continue
        if t[0] in ("NODE_COORD_SECTION", "DEMAND_SECTION", "DEPOT_SECTION"):
            section = t[0]
            continue
        if section == "NODE_COORD_SECTION" and len(t) == 3:
            coords.append((int(t[1]), int(t[2])))
        elif section == "DEMAND_SECTION" and len(t) == 2:
            demands.append(int(t[1]))
    rng = random.Random(seed)
    depot, customers = coords[0], coords[1:]
    jitter = 200
    out = [
        f"NAME : Synth{n}",
        f'COMMENT : "synthetic, from {base.split("/")[-1]}, seed {seed}"',
        "TYPE : CVRP",
        f"DIMENSION : {n + 1}",
        "EDGE_WEIGHT_TYPE : EUC_2D",
        f"CAPACITY : {capacity}",
        "NODE_COORD_SECTION",
        f"1 {depot[0]} {depot[1]}",
    ]
    for i in range(n):
        x, y = rng.choice(customers)
        out.append(f"{i + 2} {x + rng.randint(-jitter, jitter)} {y + rng.randint(-jitter, jitter)}")
    out.append("DEMAND_SECTION")
    out.append("1 0")
    positive = [d for d in demands[1:] if d > 0]
    for i in range(n):
        out.append(f"{i + 2} {rng.choice(positive)}")
    out += ["DEPOT_SECTION", "1", "-1", "EOF"]
    print("\n".join(out))


main()
