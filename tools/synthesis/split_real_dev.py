#!/usr/bin/env python3
"""Split the real NANO281-format MP set into a development slice and the remaining evaluation rows.

The development slice (default 2,000 rows, stratified: the same number from each Bravais lattice, the first
ones of a seeded shuffle) is the only real data used to choose generator settings and models for the
sim-to-real experiment; the final figure is reported on the other rows, which are used once.

    /usr/bin/python3 tools/synthesis/split_real_dev.py ../shared/data/nano281-mp/train.csv.gz DEV.csv.gz REST.csv.gz [--rows 2000] [--seed 20261124]
"""
import argparse
import gzip
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("source")
    ap.add_argument("dev")
    ap.add_argument("rest")
    ap.add_argument("--rows", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=20261124)
    args = ap.parse_args()
    with gzip.open(args.source, "rt") as f:
        header = f.readline()
        lines = f.readlines()
    label_column = header.rstrip("\n").split(",").index("Bravais_lattice")
    by_class = {}
    for i, line in enumerate(lines):
        by_class.setdefault(line.split(",", label_column + 1)[label_column], []).append(i)
    classes = sorted(by_class)
    rng = random.Random(args.seed)
    per_class, extra = divmod(args.rows, len(classes))
    dev = set()
    for k, c in enumerate(classes):
        rows = list(by_class[c])
        rng.shuffle(rows)
        dev.update(rows[: per_class + (1 if k < extra else 0)])
    with gzip.open(args.dev, "wt") as d, gzip.open(args.rest, "wt") as r:
        d.write(header)
        r.write(header)
        for i, line in enumerate(lines):
            (d if i in dev else r).write(line)
    print(f"{len(dev)} development rows, {len(lines) - len(dev)} remaining rows")


if __name__ == "__main__":
    main()
