#!/usr/bin/env bash
# Makes models/default.bravais, the model that `bravais predict FILE` uses when no --model is given, and its manifest
# models/default.json (commands, data, seed, commit, size, SHA-256) and models/default-predictions.tsv (its answers on
# examples/patterns, checked by DefaultModelTests). Needs ../shared/data/mp and a Release build of a clean commit.
#   the search–match library of Materials Project crystals of the training part only (the development and test
#   prototypes of HoldOutSplit are left out, so the model can be measured on them), at most 5 per structure prototype,
#   the 50 strongest peaks each, so the file stays under 20 MB; calibrated on 300 simulated measured queries.
# Usage: tools/make-default-model.sh [WORKDIR]   (default WORKDIR: a temporary folder)
set -euo pipefail
cd "$(dirname "$0")/.."
bravais=(dotnet src/Bravais.Cli/bin/Release/net10.0/bravais.dll)
work=${1:-$(mktemp -d)}
seed=17
mkdir -p "$work" models
commit=$(git rev-parse --short HEAD)
if ! git diff --quiet HEAD -- src; then echo "warning: src/ has uncommitted changes; the manifest names $commit" >&2; fi
c1=(train --recipe measured --library-part train --per-prototype 5 --max-peaks 50 --seed $seed --out "$work/library.bravais")
for c in c1; do
  declare -n cmd=$c
  echo "== bravais ${cmd[*]}" >&2
  "${bravais[@]}" "${cmd[@]}"
done
cp "$work/library.bravais" models/default.bravais.tmp && mv models/default.bravais.tmp models/default.bravais
sha=$(sha256sum models/default.bravais | cut -d' ' -f1)
bytes=$(stat -c %s models/default.bravais)
labels_sha=$(sha256sum ../shared/data/mp/labels.tsv | cut -d' ' -f1)
show() { local -n a=$1; local s="bravais"; for x in "${a[@]}"; do s+=" ${x//$work/WORK}"; done; printf '%s' "$s"; }
cat > models/default.json.tmp <<JSON
{
  "file": "default.bravais",
  "commands": [
    "$(show c1)"
  ],
  "data": "../shared/data/mp (Materials Project structures, labels.tsv sha256 $labels_sha)",
  "seed": $seed,
  "commit": "$commit",
  "created": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "bytes": $bytes,
  "sha256": "$sha"
}
JSON
mv models/default.json.tmp models/default.json
# its answers on the shipped example patterns (DefaultModelTests compares them); the build must embed the new file first
dotnet build src/Bravais.Cli -c Release -warnaserror -v q >/dev/null
"${bravais[@]}" predict --model models/default.bravais --format tsv --threads 1 examples/patterns/*.xy \
  | awk -F'\t' 'NR == 1 { print "file\tprediction\tprobability"; next } { n = split($1, p, "/"); print p[n] "\t" $2 "\t" $3 }' > models/default-predictions.tsv
echo "models/default.bravais: $bytes bytes, sha256 $sha (work files in $work)" >&2
