#!/usr/bin/env python3
"""Times pymatgen 2022.11.7's XRDCalculator().get_pattern on the first N MP structures of the parity set, so
`bravais bench simulate` can be compared under the same machine load. Usage (Debian python3-pymatgen):
    /usr/bin/python3 tools/bench_pymatgen.py ../shared/data 200 [repeats]
Prints median and mean seconds per structure (fastest of `repeats` runs each)."""
import csv, gzip, json, statistics, sys, time, warnings
warnings.filterwarnings("ignore")
from pymatgen.io.cif import CifParser
from pymatgen.analysis.diffraction.xrd import XRDCalculator

data, n = sys.argv[1], int(sys.argv[2])
repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 1
ids = [json.loads(l)["id"] for _, l in zip(range(n), gzip.open(f"{data}/parity/mp-peaks.jsonl.gz", "rt"))]
chunk = {r["id"]: r["chunk"] for r in csv.DictReader(open(f"{data}/mp/labels.tsv"), delimiter="\t") if r["id"] in set(ids)}
texts = {}
for c in sorted(set(chunk.values())):
    cur, lines = None, []
    for line in gzip.open(f"{data}/mp/{c}", "rt"):
        if line.startswith("data_"):
            if cur in chunk: texts[cur] = "".join(lines)
            cur, lines = line[5:].strip(), []
        lines.append(line)
    if cur in chunk: texts[cur] = "".join(lines)
calc = XRDCalculator()
times = []
for i in ids:
    s = CifParser.from_string(texts[i]).get_structures(primitive=False)[0]
    best = min((lambda t0: (calc.get_pattern(s), time.perf_counter() - t0)[1])(time.perf_counter()) for _ in range(repeats))
    times.append(best)
print(f"pymatgen {len(times)} structures: median {statistics.median(times)*1e3:.1f} ms, mean {statistics.mean(times)*1e3:.1f} ms")
