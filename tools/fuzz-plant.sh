#!/usr/bin/env bash
# Builds the kernels with one planted bug (tests/fuzz/plants/NAME.patch) for make fuzz-eval:
# a copy of the kernel's sources in build/plant/NAME/, the patch applied there, both boards'
# kernels built by the same make rules as the real ones. The real kernel is never touched.
#   tools/fuzz-plant.sh NAME   ->  build/plant/NAME/build/kernel/{cm4,rv32}/kernel.elf
# PLANT_DIR (default tests/fuzz/plants) holds the patches: tests/plants/ has the test-only ones
# (tests/kernel_fault_source.sh), which make fuzz-eval does not see.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: tools/fuzz-plant.sh NAME (a ${PLANT_DIR:-tests/fuzz/plants}/NAME.patch)}
patch=${PLANT_DIR:-tests/fuzz/plants}/$name.patch
[ -f "$patch" ] || { echo "fuzz-plant: no $patch" >&2; exit 2; }
dir=build/plant/$name
stamp=$dir/.patched
if [ ! -f "$stamp" ] || [ "$patch" -nt "$stamp" ] || [ -n "$(find kernel boards-virtual -newer "$stamp" -print -quit)" ]; then
  rm -rf "$dir" && mkdir -p "$dir"
  tar -cf - Makefile mk kernel boards-virtual | tar -xf - -C "$dir"
  patch -s -p1 -d "$dir" < "$patch"
  touch "$stamp"
fi
nice make -s -C "$dir" build/kernel/cm4/kernel.elf build/kernel/rv32/kernel.elf >/dev/null
