#!/usr/bin/env bash
# Regenerates examples/patterns/*.xy and examples/patterns/labels.tsv from examples/structures/*.cif:
# one laboratory-like Cu Kα measurement per structure (bravais simulate --measured: Kα1/Kα2 doublet, random
# instrument widths, zero shift, texture, background and Poisson counts, seeded per file), labelled with the
# space group the structure file declares. Run from the repository root after a Release build.
set -euo pipefail
cd "$(dirname "$0")/.."
bravais=(dotnet src/Bravais.Cli/bin/Release/net10.0/bravais.dll)
out=examples/patterns
mkdir -p "$out"
printf 'id\tspacegroup_number\tbravais_lattice\tcrystal_system\n' > "$out/labels.tsv.tmp"
seed=100
for cif in examples/structures/*.cif; do
  name=$(basename "$cif" .cif)
  seed=$((seed + 1))
  "${bravais[@]}" simulate "$cif" --measured --seed "$seed" > "$out/$name.xy.tmp"
  mv "$out/$name.xy.tmp" "$out/$name.xy"
  # the declared group, lattice and system as bravais info reads them
  "${bravais[@]}" info "$cif" --format tsv | awk -F'\t' -v id="$name" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    NR == 2 { print id "\t" $c["spacegroup_number"] "\t" $c["bravais_lattice"] "\t" $c["crystal_system"] }' >> "$out/labels.tsv.tmp"
done
mv "$out/labels.tsv.tmp" "$out/labels.tsv"
echo "wrote $(ls "$out"/*.xy | wc -l) patterns and $out/labels.tsv"
