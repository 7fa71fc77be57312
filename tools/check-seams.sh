#!/usr/bin/env bash
# The seams, checked: which folder may include what (doc/architecture.md, "Rooms").
# Each rule is "folder: allowed include prefixes"; a quoted #include outside them, or a
# library header (Unicorn, SDL, libpng, cJSON, Capstone, elfutils) outside the rooms that own it, fails with file:line.
# Run by `make test`; also usable alone before a commit.
set -u
cd "$(dirname "$0")/.."

# folder                 quoted includes it may use (prefixes of the path)
rules='
sim/core                 sim/core/ lib/ boards-virtual/sim_boards.h
sim/core/snapshot        sim/core/ lib/ boards-virtual/sim_boards.h
sim/cpu/uc               sim/core/ sim/cpu/uc/
sim/cpu/cortexm          sim/core/ sim/cpu/uc/ sim/cpu/cortexm/
sim/cpu/rv32             sim/core/ sim/cpu/uc/ sim/cpu/rv32/
sim/trace                sim/core/ sim/trace/
sim/insn                 sim/core/ sim/trace/strace.h sim/insn/
sim/dwarf                sim/core/ sim/trace/strace.h sim/dwarf/ lib/tbf/
sim/gdb                  sim/core/ sim/trace/strace.h sim/gdb/ sim/dwarf/appelf.h lib/
sim/radio                sim/core/ sim/radio/ peripherals/radio/radio802154.h
sim/ui                   sim/core/ sim/trace/strace.h sim/insn/disasm.h sim/dwarf/srcsyms.h sim/ui/ boards-virtual/sim_boards.h
sim/ui/draw              sim/core/ sim/trace/strace.h sim/insn/disasm.h sim/dwarf/srcsyms.h sim/ui/ boards-virtual/sim_boards.h
sim/ui/window            sim/core/ sim/trace/strace.h sim/insn/disasm.h sim/dwarf/srcsyms.h sim/ui/ boards-virtual/sim_boards.h
sim/scenario             sim/core/ sim/trace/ sim/radio/ sim/gdb/gdb.h sim/dwarf/faultsrc.h sim/insn/itrace.h sim/insn/profile.h sim/ui/glue.h sim/ui/window/window.h sim/scenario/ sim/fuzz/fuzz.h boards-virtual/sim_boards.h peripherals/kdbg.h peripherals/radio/ieee802154_frame.h
sim/fuzz                 sim/core/ sim/fuzz/ apps/fuzz-driver/abi.h lib/tbf/ boards-virtual/sim_boards.h
sim/cli                  sim/ lib/ boards-virtual/sim_boards.h
sim/bench                sim/core/ boards-virtual/
peripherals              peripherals/ sim/core/device.h sim/core/clock.h sim/core/irq.h sim/core/trace.h sim/core/proc_event.h
peripherals/cmsdk        peripherals/ sim/core/device.h sim/core/clock.h sim/core/irq.h sim/core/trace.h sim/core/proc_event.h
peripherals/virt         peripherals/ sim/core/device.h sim/core/clock.h sim/core/irq.h sim/core/trace.h sim/core/proc_event.h
peripherals/radio        peripherals/ sim/core/device.h sim/core/clock.h sim/core/irq.h sim/core/trace.h sim/core/proc_event.h
lib                      lib/
kernel/core              kernel/core/ kernel/hil/ kernel/arch/arch.h
kernel/capsules          kernel/core/ kernel/hil/ kernel/capsules/
kernel/hil               kernel/hil/ kernel/core/
'
# library headers and the only folders that may include them
libs='
unicorn/unicorn.h        sim/cpu/ sim/bench/
SDL                      sim/ui/
png.h                    sim/ui/
cjson/cJSON.h            sim/scenario/
capstone/                sim/insn/disasm.c
elfutils/                sim/dwarf/
dwarf.h                  sim/dwarf/
libelf.h                 sim/dwarf/
gelf.h                   sim/dwarf/
'

bad=0
report() { echo "seams: $1"; bad=$((bad + 1)); }

allowed() {  # allowed <include> <prefixes...>
  local inc=$1 p; shift
  for p in "$@"; do case "$inc" in "$p"*) return 0 ;; esac; done
  return 1
}

while read -r dir prefixes; do
  [ -z "$dir" ] && continue
  for f in $(find "$dir" -maxdepth 1 -name '*.[ch]' | sort); do
    while IFS=: read -r line inc; do
      inc=${inc#*\"}; inc=${inc%\"*}
      # a file's own folder-relative include (peripherals' "pclk.h") stays in the folder
      [ -e "$(dirname "$f")/$inc" ] && [ "${inc#*/}" = "$inc" ] && continue
      # shellcheck disable=SC2086
      allowed "$inc" $prefixes || report "$f:$line includes \"$inc\" (allowed in $dir: $prefixes)"
    done < <(grep -n '^#include "' "$f" | sed 's/:#include /:/')
  done
done <<<"$rules"

while read -r lib owners; do
  [ -z "$lib" ] && continue
  while IFS=: read -r f line _; do
    # shellcheck disable=SC2086
    allowed "$f" $owners || report "$f:$line includes <$lib...> (only $owners may)"
  done < <(git ls-files '*.c' '*.h' | xargs grep -n "^#include <$lib" 2>/dev/null)
done <<<"$libs"

# A room holds one concept: at most ROOM_MAX C files (.c and .h); a bigger one is split by
# concept into folders of its own, each with a README.
ROOM_MAX=30
while read -r dir; do
  n=$(find "$dir" -maxdepth 1 -name '*.[ch]' | wc -l)
  [ "$n" -le "$ROOM_MAX" ] || report "$dir holds $n C files (at most $ROOM_MAX): split it by concept"
  [ "$n" -eq 0 ] || [ -e "$dir/README.md" ] || case "$dir" in sim/*|peripherals*) report "$dir has no README.md" ;; esac
done < <(git ls-files 'sim/*.[ch]' 'peripherals/*.[ch]' 'kernel/*.[ch]' 'lib/*.[ch]' 'boards-virtual/*.[ch]' | xargs -n1 dirname | sort -u)

if [ "$bad" -ne 0 ]; then echo "seams: $bad problem(s): includes across a seam, or rooms too big"; exit 1; fi
echo "seams: ok (every folder includes only what its README allows)"
