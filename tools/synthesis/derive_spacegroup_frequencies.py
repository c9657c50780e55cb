#!/usr/bin/env python3
"""Derives src/Bravais.Synthesis/Data/spacegroup_frequencies.tsv from the shared Materials Project labels (development time only).

For every space group 1-230: its Bravais lattice and the number of the ~153k MP structures in
../shared/data/mp/labels.tsv whose spglib space group (symprec 0.01, the `spacegroup_number` column) it is.
The generator can draw the groups inside each Bravais lattice by these counts (real crystals crowd into a few
groups per lattice: P2_1/c, Pnma, I4/mmm, Fm-3m ...). Groups MP never uses still get a count of 0 here; the
sampler adds its own floor so that every group keeps appearing.

Usage: /usr/bin/python3 tools/synthesis/derive_spacegroup_frequencies.py ../shared/data/mp/labels.tsv > src/Bravais.Synthesis/Data/spacegroup_frequencies.tsv
"""
import csv
import sys
from collections import Counter

counts = Counter()
lattice = {}
total = 0
with open(sys.argv[1], newline="") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        try:
            n = int(row["spacegroup_number"])
        except (TypeError, ValueError):
            continue
        counts[n] += 1
        lattice.setdefault(n, row["bravais_lattice"])
        total += 1
print(f"# Space-group frequencies of {total} Materials Project structures (../shared/data/mp/labels.tsv, spglib symprec 0.01),")
print("# derived by tools/synthesis/derive_spacegroup_frequencies.py. mp_count = structures in the group.")
print("spacegroup_number\tbravais_lattice\tmp_count")
for n in range(1, 231):
    print(f"{n}\t{lattice.get(n, '')}\t{counts[n]}")
