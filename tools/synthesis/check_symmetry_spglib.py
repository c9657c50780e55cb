#!/usr/bin/env python3
"""Independent symmetry check of `bravais synth` output (development/acceptance tool, not a product dependency).

Reads every data block of a symmetrised CIF file written by `bravais synth --out` with pymatgen's CifParser
(which expands the asymmetric unit with the listed operations on its own), asks spglib for the space group at
the given tolerances, and compares with the block's `_space_group_IT_number` and with the expected atom count
(the sum of `_atom_site_symmetry_multiplicity`).

Usage: /usr/bin/python3 tools/synthesis/check_symmetry_spglib.py crystals.cif.gz [symprec ...]
"""
import gzip, io, re, sys, warnings
from collections import Counter
import spglib
from pymatgen.io.cif import CifParser

warnings.filterwarnings("ignore")
path = sys.argv[1]
precs = [float(x) for x in sys.argv[2:]] or [0.01, 0.1]
text = (gzip.open if path.endswith(".gz") else open)(path, "rt").read()
blocks = ["data_" + b for b in text.split("\ndata_") if b.strip()]
blocks[0] = blocks[0][5:] if blocks[0].startswith("data_data_") else blocks[0]
total = 0; exact = Counter(); higher = Counter(); lower = Counter(); count_bad = 0; parse_bad = 0
by_group = {}
for b in blocks:
    m = re.search(r"_space_group_IT_number\s+(\d+)", b)
    n = int(m.group(1))
    mult = sum(int(line.split()[2]) for line in b.splitlines() if re.match(r"^[A-Z][a-z]?\d+ [A-Z][a-z]? \d+ ", line))
    try:
        s = CifParser(io.StringIO(b), occupancy_tolerance=1.0, site_tolerance=1e-3).get_structures(primitive=False)[0]
    except Exception as e:
        parse_bad += 1; print("parse failure", b.splitlines()[0], e); continue
    total += 1
    if len(s) != mult: count_bad += 1; print("atom count", b.splitlines()[0], len(s), "expected", mult)
    cell = (s.lattice.matrix, s.frac_coords, [sp.Z for sp in s.species])
    for p in precs:
        found = spglib.get_symmetry_dataset(cell, symprec=p)["number"]
        if found == n: exact[p] += 1
        else:
            by_group.setdefault(p, Counter())[n] += 1
            if found > n: higher[p] += 1
            else: lower[p] += 1
print(f"{total} crystals read by pymatgen ({parse_bad} unreadable); {count_bad} with an atom count different from the multiplicities")
for p in precs:
    print(f"spglib symprec {p}: {exact[p]}/{total} = {100 * exact[p] / max(1, total):.2f}% exactly the intended group; "
          f"{higher[p]} reported a higher-numbered group, {lower[p]} a lower-numbered one; groups affected: {dict(sorted(by_group.get(p, {}).items()))}")
