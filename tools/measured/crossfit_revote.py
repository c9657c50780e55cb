#!/usr/bin/env python3
"""2-fold cross-fit of the measured-pattern matcher's vote settings (docs/measured.md, "How much of that is tuning?").

Input: the refined neighbours of every labelled file, written by
    bravais evaluate-measured --model M --labels ../shared/data/rruff-dev/labels.tsv \
        --neighbours nb.tsv --neighbours-count 60 ../shared/data/rruff-dev
Re-votes them offline with the arithmetic of PatternMatcher.Logits: score = cosine + lambda*ln(point-group order)
- mu*(free metric parameters - 1), logit_c = log sum exp(score/tau) over the k best. Chooses (lambda, mu, tau, k) on
one half (odd / even file numbers) by Bravais + crystal-system accuracy and scores the other half with them.
Needs python3-spglib (point-group orders). Usage: crossfit_revote.py nb.tsv labels.tsv [shipped_lambda shipped_mu]
"""
import collections, csv, math, sys
import spglib

SYSTEMS = [(2, 'triclinic'), (15, 'monoclinic'), (74, 'orthorhombic'), (142, 'tetragonal'), (167, 'trigonal'), (194, 'hexagonal'), (230, 'cubic')]
def system(sg): return next(name for last, name in SYSTEMS if sg <= last)

def point_group_orders():
    orders = {}
    for hall in range(1, 531):
        t = spglib.get_spacegroup_type(hall)
        n = t['number'] if isinstance(t, dict) else t.number
        if n not in orders:
            orders[n] = len({r.tobytes() for r in spglib.get_symmetry_from_database(hall)['rotations']})
    return orders

def main():
    nb_path, labels_path = sys.argv[1], sys.argv[2]
    lam0, mu0 = (float(sys.argv[3]), float(sys.argv[4])) if len(sys.argv) > 4 else (0.004, 0.005)
    order = point_group_orders()
    labels = {r['id']: r for r in csv.DictReader(open(labels_path), delimiter='\t')}
    rows = collections.defaultdict(list)
    for r in csv.DictReader(open(nb_path), delimiter='\t'):
        sg, cos = int(r['space_group']), float(r['cosine'])
        # the model's own charge: its number of free parameters beyond the first, recovered from its score
        extra = round((cos + lam0 * math.log(order[sg]) - float(r['score'])) / mu0) if mu0 else 0
        rows[r['file']].append((cos, math.log(order[sg]), extra, sg, r['lattice']))

    def score(half, lam, mu, tau, k):
        n = right_lattice = right_system = 0
        for f, refs in rows.items():
            if (int(f.split('-')[-1]) % 2 == 1) != (half == 'odd'):
                continue
            best = sorted(((c + lam * o - mu * p, sg, lat) for c, o, p, sg, lat in refs), key=lambda x: -x[0])[:k]
            logits = {}
            for s, sg, lat in best:
                v = s / tau
                a = logits.get(lat)
                logits[lat] = v if a is None else max(a, v) + math.log1p(math.exp(-abs(a - v)))
            lattice = max(logits, key=logits.get)
            sg = next(sg for s, sg, lat in best if lat == lattice)
            n += 1
            right_lattice += lattice == labels[f]['bravais_lattice']
            right_system += system(sg) == labels[f]['crystal_system']
        return n, 100 * right_lattice / n, 100 * right_system / n

    grid = [(lam, mu, tau, k) for lam in [0, 0.002, 0.004, 0.006, 0.008, 0.012] for mu in [0, 0.002, 0.004, 0.005, 0.006, 0.008, 0.01]
            for tau in [0.005, 0.01, 0.02] for k in [10, 20, 40]]
    total = collections.Counter()
    for chosen_on, scored_on in [('odd', 'even'), ('even', 'odd')]:
        best = max(grid, key=lambda g: sum(score(chosen_on, *g)[1:]))
        n, bl, cs = score(scored_on, *best)
        total['n'] += n; total['bl'] += bl * n; total['cs'] += cs * n
        print(f'chosen on {chosen_on}: lambda={best[0]} mu={best[1]} tau={best[2]} k={best[3]} -> {scored_on}: Bravais {bl:.1f}%, crystal system {cs:.1f}% (n={n})')
    print(f"cross-fitted over both halves: Bravais {total['bl'] / total['n']:.1f}%, crystal system {total['cs'] / total['n']:.1f}%")

if __name__ == '__main__':
    main()
