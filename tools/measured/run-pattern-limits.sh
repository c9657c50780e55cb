#!/usr/bin/env bash
# Issue 18 acceptance for pattern files: under a 2 GB GC heap cap, each hostile pattern file ends within seconds in one
# line naming the file and the reason, and a large legitimate file still reads. Each file is read in its own process
# (bench read-patterns) so the peak working set is that file's.
# usage: bash tools/measured/run-pattern-limits.sh        (needs python3; writes ~600 MB to a temporary folder)
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build "$here/bench/Bravais.Benchmarks" -c Release -v q -nologo > /dev/null
bench=$here/bench/Bravais.Benchmarks/bin/Release/net10.0/Bravais.Benchmarks

python3 - "$work" <<'EOF'
import gzip, struct, sys, zipfile, zlib
work = sys.argv[1]
# a block of 250 plausible xy lines, repeated: 400 MB of text that gzip packs 100–200:1 (the issue's 1.9 MB case)
block = "".join(f"{5 + i * 0.005:.5f} {(i * 37) % 900 + 100}\n" for i in range(250)).encode()
def write_gz(path, total, level=6):
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=level, mtime=0) as gz:
        for _ in range(total // len(block)):
            gz.write(block)
write_gz(f"{work}/bomb-400MB.xy.gz", 400_000_000, level=9)
# the same with its trailer's size forged to 1 kB: the early check passes, the limit is met while decompressing
data = bytearray(open(f"{work}/bomb-400MB.xy.gz", "rb").read())
data[-4:] = struct.pack("<I", 1000)
open(f"{work}/bomb-forged-size.xy.gz", "wb").write(data)
# a legitimate 100 MB file of 7.7 million strictly increasing points (2θ 5–82°), and a truncated gzip of it
with open(f"{work}/large-100MB.xy", "w") as f:
    i, n = 0, 0
    while n < 100_000_000:
        line = f"{5 + i * 1e-5:.5f} {(i * 37) % 900 + 100}\n"
        f.write(line); n += len(line); i += 1
with open(f"{work}/large-100MB.xy", "rb") as f, open(f"{work}/large.xy.gz", "wb") as raw, \
        gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1, mtime=0) as gz:
    gz.write(f.read())
gzdata = open(f"{work}/large.xy.gz", "rb").read()
open(f"{work}/truncated.xy.gz", "wb").write(gzdata[: len(gzdata) // 2])
# a .brml whose RawData0.xml is 1 GB of zeros (deflate's ~1030:1)
with zipfile.ZipFile(f"{work}/zip-bomb.brml", "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("Experiment0/RawData0.xml", "w", force_zip64=True) as e:
        chunk = bytes(1 << 20)
        for _ in range(1000):
            e.write(chunk)
EOF

export DOTNET_GCHeapHardLimit=0x80000000
ls -l "$work" | awk 'NR > 1 { printf "%-26s %12d bytes\n", $9, $5 }'
status=0
for f in bomb-400MB.xy.gz bomb-forged-size.xy.gz truncated.xy.gz zip-bomb.brml large-100MB.xy large.xy.gz; do
  "$bench" read-patterns "$work/$f" || status=1
done
exit $status
