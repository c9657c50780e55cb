#!/usr/bin/env python3
"""Compare `bravais info --format tsv` output with ../shared/data/cod/manifest.tsv (acceptance check).

usage: bravais info ../shared/data/cod --format tsv [--include-failed] > cod.tsv
       python3 tools/compare_cod_manifest.py cod.tsv [../shared/data/cod]

A manifest block counts as recovered when a row with the same file and block has the same space-group
number and Bravais lattice. Block names are compared without surrounding quotes: CIF keeps a quote that
is part of a data_ name (`data_"x"`), the reference reader (gemmi) drops it.
"""
import csv, os, sys

tsv = sys.argv[1]
shared = os.environ.get('BRAVAIS_SHARED') or os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared')
cod = sys.argv[2] if len(sys.argv) > 2 else os.path.join(shared, 'data', 'cod')
cod = os.path.realpath(cod)
rows = list(csv.reader(open(os.path.join(cod, 'manifest.tsv')), delimiter='\t', quoting=csv.QUOTE_NONE))[1:]
ours = {}
for r in csv.reader(open(tsv), delimiter='\t', quoting=csv.QUOTE_NONE):
    if r[0] == 'file':
        continue
    key = (os.path.relpath(os.path.realpath(r[0]), cod), r[1].strip('"\''))
    ours.setdefault(key, []).append(r)
ok, misses = 0, []
for path, block, sg, hm, bl, *_ in rows:
    got = ours.get((path, block.strip('"\'')))
    if not got:
        misses.append((path, block, sg, bl, 'no row'))
    elif any(x[3] == sg and x[5] == bl for x in got):
        ok += 1
    else:
        misses.append((path, block, sg, bl, 'got %s %s (%s)' % (got[0][3], got[0][5], got[0][4])))
print('%d of %d manifest blocks recovered (%.2f%%)' % (ok, len(rows), 100.0 * ok / len(rows)))
for m in misses:
    print('\t'.join(m))
