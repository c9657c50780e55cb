#!/usr/bin/env python3
"""Derives src/Bravais.Synthesis/Data/elements.tsv from the shared Materials Project data (development time only).

For every element: how often it occurs in MP compounds (share of structures containing it), and a mean
volume per atom in Å^3 fitted by non-negative least squares V_cell = sum_e n_e * v_e over all MP structures
(cell volumes from the CIF headers). Also the distribution of the number of distinct elements per compound.
Covalent radii are Cordero et al., "Covalent radii revisited", Dalton Trans. 2008, 2832-2838 (pymatgen's copy,
which averages the low/high-spin values of Mn, Fe, Co).

Usage: /usr/bin/python3 tools/synthesis/derive_element_table.py ../shared/data/mp > src/Bravais.Synthesis/Data/elements.tsv
"""
import glob, gzip, os, re, sys
from collections import Counter
import numpy as np
from scipy.optimize import nnls
from pymatgen.analysis.molecule_structure_comparator import CovalentRadius

root = sys.argv[1]
rows = []  # (composition dict, volume)
block_re = re.compile(r"^data_(\S+)")
for path in sorted(glob.glob(os.path.join(root, "mp-*.cif.gz"))):
    vol = None; formula = None
    with gzip.open(path, "rt") as f:
        for line in f:
            if line.startswith("data_"):
                if vol is not None and formula: rows.append((formula, vol))
                vol = None; formula = None
            elif line.startswith("_cell_volume"):
                vol = float(line.split()[1])
            elif line.startswith("_chemical_formula_sum"):
                formula = line.split(None, 1)[1].strip().strip("'\"")
    if vol is not None and formula: rows.append((formula, vol))

comps = []
for formula, vol in rows:
    c = {}
    for tok in formula.split():
        m = re.match(r"([A-Z][a-z]?)([0-9.]*)", tok)
        c[m.group(1)] = c.get(m.group(1), 0) + (float(m.group(2)) if m.group(2) else 1.0)
    comps.append((c, vol))

elements = sorted({e for c, _ in comps for e in c})
index = {e: i for i, e in enumerate(elements)}
A = np.zeros((len(comps), len(elements)))
b = np.zeros(len(comps))
containing = Counter(); atoms = Counter(); nel = Counter()
for r, (c, vol) in enumerate(comps):
    for e, n in c.items():
        A[r, index[e]] = n; containing[e] += 1; atoms[e] += n
    b[r] = vol
    nel[len(c)] += 1
# fit volume per atom: relative residuals (divide rows by cell volume) so large cells do not dominate
w = 1.0 / b
v, _ = nnls(A * w[:, None], b * w)
radii = CovalentRadius.radius
print(f"# Element statistics of {len(comps)} Materials Project structures (../shared/data/mp, CC-BY-4.0), derived by")
print("# tools/synthesis/derive_element_table.py. share = fraction of structures containing the element;")
print("# volume = fitted mean volume per atom (A^3, NNLS on cell volumes); radius = Cordero 2008 covalent radius (A).")
for k in sorted(nel): print(f"# elements_per_compound\t{k}\t{nel[k] / len(comps):.5f}")
print("symbol\tshare\tatom_fraction\tvolume_A3\tcovalent_radius_A")
total_atoms = sum(atoms.values())
for e in elements:
    if e not in radii: continue
    print(f"{e}\t{containing[e] / len(comps):.5f}\t{atoms[e] / total_atoms:.6f}\t{v[index[e]]:.3f}\t{radii[e]:.2f}")
