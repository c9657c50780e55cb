#!/usr/bin/env bash
# Issue 18 acceptance: each hostile case under a 2 GB heap cap must end within seconds with a one-line error naming
# the file and reason and a non-zero exit; a batch goes on past the bad file.
# usage: bash tools/hostile/run-cases.sh [path/to/bravais]   (default: the Release build of src/Bravais.Cli)
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
bravais=${1:-$here/src/Bravais.Cli/bin/Release/net10.0/bravais}
fixtures=$here/tests/Bravais.Crystallography.Tests/IO/Hostile
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DOTNET_GCHeapHardLimit=0x80000000

cell() { # name a b c: a two-atom P1 cell
  printf 'data_%s\n_cell_length_a %s\n_cell_length_b %s\n_cell_length_c %s\n_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\n' "$1" "$2" "$3" "$4"
  printf "_symmetry_space_group_name_H-M 'P 1'\nloop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa1 Na 0 0 0\nCl1 Cl 0.5 0.5 0.5\n"
}
mkdir -p "$work/batch"
cell p1 5 6 7 > "$work/p1.cif"
cell bigcell 5000 6000 7000 > "$work/bigcell.cif"
cell cell900 900 900 900 > "$work/cell900.cif"
cp "$work/p1.cif" "$work/bigcell.cif" "$fixtures/cell-a-1e308.cif" "$fixtures/ops-not-a-group.cif" "$work/batch/"

run() { # description, command...
  local start end code
  start=$(date +%s.%N)
  "${@:2}" > "$work/out" 2> "$work/err"; code=$?
  end=$(date +%s.%N)
  printf '%-48s exit %3d  %5.2f s  %s\n' "$1" "$code" "$(echo "$end - $start" | bc)" "$(grep -v '^bravais: warning' "$work/err" | tail -n 3 | tr '\n' ' ' | cut -c1-260)"
}

run "simulate bigcell.cif (5000 Å)" "$bravais" simulate "$work/bigcell.cif"
run "simulate a = 1e308" "$bravais" simulate "$fixtures/cell-a-1e308.cif"
run "simulate 900 Å cell (reflection limit)" "$bravais" simulate "$work/cell900.cif"
run "simulate --grid 0:180:1e-7" "$bravais" simulate "$work/p1.cif" --grid 0:180:1e-7
run "simulate --wavelength 0.01 --range 0:180" "$bravais" simulate "$work/p1.cif" --wavelength 0.01 --range 0:180
for f in "$fixtures"/*.cif "$fixtures"/POSCAR-*; do run "info $(basename "$f")" "$bravais" info "$f" --format tsv; done
run "dataset build over a folder with bad files" "$bravais" dataset build --input "$work/batch" --out "$work/batch.csv" --jobs 1
echo "rows written by the batch: $(($(wc -l < "$work/batch.csv") - 1)) (expected 1: p1)"
