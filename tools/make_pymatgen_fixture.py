#!/usr/bin/env python3
"""Writes tests/Bravais.Diffraction.Tests/Fixtures/pymatgen-peaks.json: pymatgen 2022.11.7 XRDCalculator peak
lists for the small structures that tests/Bravais.Diffraction.Tests/StructureFixtures.cs builds in code.

Run from the repository root with the Debian python3-pymatgen:
    /usr/bin/python3 tools/make_pymatgen_fixture.py
The structures here and in StructureFixtures.cs must stay identical (same lattice parameters, sites, order).
"""
import json
import pymatgen
from pymatgen.core import Lattice, Structure
from pymatgen.analysis.diffraction.xrd import XRDCalculator

FCC = [(0, 0, 0), (0, .5, .5), (.5, 0, .5), (.5, .5, 0)]

def shift(p, t):
    return tuple((a + b) % 1.0 for a, b in zip(p, t))

def nacl():
    sp, xs = [], []
    for t in FCC:
        sp += ["Na", "Cl"]; xs += [shift((0, 0, 0), t), shift((.5, .5, .5), t)]
    return Structure(Lattice.cubic(5.6402), sp, xs)

def cscl():
    return Structure(Lattice.cubic(4.123), ["Cs", "Cl"], [(0, 0, 0), (.5, .5, .5)])

def silicon():
    sp, xs = [], []
    for t in FCC:
        for p in [(0, 0, 0), (.25, .25, .25)]:
            sp.append("Si"); xs.append(shift(p, t))
    return Structure(Lattice.cubic(5.4309), sp, xs)

def magnesium():
    return Structure(Lattice.hexagonal(3.2094, 5.2108), ["Mg", "Mg"], [(1/3, 2/3, .25), (2/3, 1/3, .75)])

def monoclinic():
    lat = Lattice.from_parameters(5.2, 6.1, 7.3, 90, 103.5, 90)
    return Structure(lat, ["Zn", "O", "S", "O"], [(.1, .2, .3), (.6, .25, .85), (.35, .7, .15), (.9, .55, .45)])

def disordered():
    # CsCl type with a mixed A site and a partly vacant B site
    return Structure(Lattice.cubic(2.89), [{"Fe": .5, "Ni": .5}, {"Al": .8}], [(0, 0, 0), (.5, .5, .5)])

cases = [
    ("NaCl", nacl(), {}, "CuKa"),
    ("CsCl", cscl(), {}, "CuKa"),
    ("Si", silicon(), {}, "CuKa"),
    ("Mg", magnesium(), {}, "CuKa"),
    ("monoclinic", monoclinic(), {}, "CuKa"),
    ("disordered", disordered(), {}, "CuKa"),
    ("NaCl-DW-MoKa", nacl(), {"Na": 1.2, "Cl": 0.9}, "MoKa"),
]
out = {"generator": f"pymatgen {pymatgen.core.__version__} XRDCalculator(wavelength, debye_waller_factors).get_pattern(s, two_theta_range=(0, 90))",
       "cases": []}
for name, s, dw, rad in cases:
    calc = XRDCalculator(wavelength=rad, debye_waller_factors=dw)
    for scaled in (True, False):
        p = calc.get_pattern(s, scaled=scaled)
        out["cases"].append({
            "name": name, "radiation": rad, "debye_waller": dw, "scaled": scaled,
            "two_theta": list(p.x), "intensity": list(p.y), "d": list(p.d_hkls),
            "families": [[[list(h["hkl"]), h["multiplicity"]] for h in fam] for fam in p.hkls],
        })
with open("tests/Bravais.Diffraction.Tests/Fixtures/pymatgen-peaks.json", "w") as f:
    json.dump(out, f, indent=1)
print("wrote", len(out["cases"]), "cases")
