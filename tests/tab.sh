#!/usr/bin/env bash
# Tock Application Bundles end to end: elf2tbf called the way libtock-c's Makefiles call
# elf2tab packs our hello app (the cm4 ELF and the rv32 ELFs linked for each slot, named as
# libtock-c names fixed-address builds) into one .tab; tar and Python's tarfile (what
# tockloader reads TABs with) list it; the TBFs beside the ELFs equal the TAB's; the hash
# footer matches sha256sum; tocksim runs the TAB on both boards (--app, boot, a scenario),
# taking the rv32 build for the slot it lands in; and bad TABs and refused options fail with
# clear messages. Builds nothing (make has). Exits non-zero on any failure.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
b=$top/build
sim=$b/tocksim
e2t=$b/tools/elf2tbf
out=$b/tab_test
rm -rf "$out"
mkdir -p "$out/app/build/cortex-m4" "$out/app/build/rv32imac"
fails=0
ok() { echo "tab: ok   $*"; }
bad() { echo "tab: FAIL $*"; fails=$((fails + 1)); }

# check NAME EXPECTED_STATUS PATTERN out|err -- command...: status and a line of its output.
check() {
  local name=$1 want=$2 pattern=$3 file=$4; shift 5
  "$@" >"$out/$name.out" 2>"$out/$name.err" </dev/null
  local rc=$?
  if [ "$rc" -ne "$want" ]; then
    bad "$name: exit status $rc, want $want"; sed 's/^/  | /' "$out/$name.err" | head -5
  elif ! grep -qF -- "$pattern" "$out/$name.$file"; then
    bad "$name: '$pattern' not in std$file"; sed 's/^/  | /' "$out/$name.$file" | head -8
  else
    ok "$name"
  fi
}

# ---- build the TAB as libtock-c does: $(ELF2TAB) $(ELF2TAB_ARGS) -o $@ $^ ------------------
cp "$b/apps/hello.elf" "$out/app/build/cortex-m4/cortex-m4.elf"
elfs=(build/cortex-m4/cortex-m4.elf)
for k in 0 1 2 3; do
  name=$(printf 'rv32imac.0x%08x.0x%08x' $((0x80100080 + k * 0x2000)) $((0x80210000 + k * 0x2000)))
  cp "$b/apps/rv32/slot$k/hello.elf" "$out/app/build/rv32imac/$name.elf"
  elfs+=("build/rv32imac/$name.elf")
done
version=$("$e2t" --version | cut -d ' ' -f 2)
if printf '0.7.0\n%s\n' "$version" | sort --check=quiet --version-sort; then
  ok "--version's second word ($version) satisfies libtock-c's elf2tab >= 0.7.0 check"
else
  bad "--version prints '$("$e2t" --version)': libtock-c would try to cargo install elf2tab"
fi
(cd "$out/app" && "$e2t" --kernel-major 2 --kernel-minor 0 -n hello -o build/hello.tab \
    --stack 1024 --app-heap 1024 --kernel-heap 1024 --sha256 --deterministic "${elfs[@]}") \
    >"$out/pack.out" 2>&1 || { bad "elf2tbf with elf2tab's command line failed:"; cat "$out/pack.out"; }
tab=$out/app/build/hello.tab

# ---- the archive: tar, tarfile, metadata, side files, hash --------------------------------
if tar -tvf "$tab" >"$out/tar.lst" 2>&1 && [ "$(awk '{print $6}' "$out/tar.lst" | tr '\n' ' ')" = \
   "metadata.toml cortex-m4.tbf rv32imac.0x80100080.0x80210000.tbf rv32imac.0x80102080.0x80212000.tbf rv32imac.0x80104080.0x80214000.tbf rv32imac.0x80106080.0x80216000.tbf " ]; then
  ok "tar -tvf lists metadata.toml, cortex-m4.tbf and the four rv32imac.<flash>.<ram>.tbf"
else
  bad "tar -tvf: unexpected listing"; sed 's/^/  | /' "$out/tar.lst"
fi
if command -v python3 >/dev/null; then
  if python3 -c 'import sys, tarfile; t = tarfile.open(sys.argv[1]); print(" ".join(m.name for m in t.getmembers() if m.isfile()))' \
       "$tab" | grep -qx 'metadata.toml cortex-m4.tbf rv32imac.0x80100080.0x80210000.tbf .*'; then
    ok "Python's tarfile (tockloader's reader) lists the same members"
  else
    bad "Python's tarfile cannot read $tab"
  fi
fi
meta=$(tar -xOf "$tab" metadata.toml)
want=$'tab-version = 1\nname = "hello"\nonly-for-boards = ""\nminimum-tock-kernel-version = "2.0"'
[ "$meta" = "$want" ] && ok "metadata.toml (deterministic: no build-date)" || { bad "metadata.toml is:"; echo "$meta"; }
if tar -xOf "$tab" cortex-m4.tbf | cmp -s - "$out/app/build/cortex-m4/cortex-m4.tbf" &&
   tar -xOf "$tab" rv32imac.0x80102080.0x80212000.tbf |
     cmp -s - "$out/app/build/rv32imac/rv32imac.0x80102080.0x80212000.tbf"; then
  ok "each TBF is also written beside its ELF, as elf2tab does"
else
  bad "the TBFs beside the ELFs differ from the TAB's (or are missing)"
fi
tar -xOf "$tab" cortex-m4.tbf >"$out/cm4.tbf"
end=$("$e2t" --dump "$out/cm4.tbf" | sed -n 's/.*binary_end_offset \([0-9]*\),.*/\1/p')
stored=$(od -An -tx1 -v -j $((end + 8)) -N 32 "$out/cm4.tbf" | tr -d ' \n')
computed=$(head -c "$end" "$out/cm4.tbf" | sha256sum | cut -d ' ' -f 1)
if [ -n "$end" ] && [ "$stored" = "$computed" ] && "$e2t" --dump "$out/cm4.tbf" | grep -q 'credentials: sha256'; then
  ok "the SHA-256 footer is sha256sum of bytes 0..binary_end_offset ($end)"
else
  bad "SHA-256 footer $stored, sha256sum of the first $end bytes $computed"
fi
check dump 0 'rv32imac.0x80106080.0x80216000.tbf] (rv32imac): TBF v2' out -- "$e2t" --dump "$tab"
check dump-fixed 0 'fixed_addresses ram 0x80216000 flash 0x80106080' out -- "$e2t" --dump "$tab"

# ---- tocksim runs the TAB -------------------------------------------------------------------
check cm4-app 124 'Loader: process hello: flash 0x00040000-0x00041000' out -- \
    "$sim" --board cm4 --kernel "$b/kernel/cm4/kernel.elf" --app "$tab" --until 1s
grep -q '^hello: done' "$out/cm4-app.out" && ok "cm4: hello ran to its end" || bad "cm4: no 'hello: done'"
# The second app on rv32 starts at slot 1: the TAB's 0x80102080 build is taken.
check rv32-slot1 124 'Loader: process hello: flash 0x80102000-0x80104000' out -- \
    "$sim" --board rv32 --kernel "$b/kernel/rv32/kernel.elf" --app "$b/apps/rv32/slot0/blink.tbf" \
    --app "$tab" --until 1s
grep -q '^Hello, World!' "$out/rv32-slot1.out" && ok "rv32: hello printed from slot 1" || bad "rv32: no greeting"
check rv32-boot 124 'hello: done' out -- "$sim" boot --board rv32 --fast --no-window --until 1s "$tab"
cat >"$out/tab.json" <<EOF
{
  "name": "tab",
  "description": "one .tab runs on both boards",
  "board": ["cm4", "rv32"],
  "apps": ["$tab"],
  "timeout": "2s",
  "steps": [
    { "wait_console": "Hello, World!", "timeout": "300ms" },
    { "wait_console": "hello: done\n", "timeout": "300ms" }
  ]
}
EOF
check scenario 0 'passed' out -- "$sim" run "$out/tab.json"

# ---- bad TABs and refused options ----------------------------------------------------------
(cd "$out/app" && "$e2t" -n cm4only -o build/cm4only.tab build/cortex-m4/cortex-m4.elf) >/dev/null
check no-arch 2 "cm4only.tab: no TBF for this board: the TAB has cortex-m4; the board runs rv32imac*" err -- \
    "$sim" --board rv32 --kernel "$b/kernel/rv32/kernel.elf" --app "$out/app/build/cm4only.tab" --until 10ms
head -c 2000 "$tab" >"$out/truncated.tab"          # inside cortex-m4.tbf's data
check truncated 2 "truncated.tab: truncated: the member at byte offset 1024 needs 4096 bytes of data, only 464 remain" err -- \
    "$sim" --board cm4 --kernel "$b/kernel/cm4/kernel.elf" --app "$out/truncated.tab" --until 10ms
check no-slot 2 "none of its 4 TBF(s) for this board can go here: rv32imac.0x80100080.0x80210000.tbf starts at 0x80100000, below the next free address 0x80108000" err -- \
    "$sim" --board rv32 --kernel "$b/kernel/rv32/kernel.elf" --app "$b/apps/rv32/slot0/blink.tbf" \
    --app "$b/apps/rv32/slot1/blink.tbf" --app "$b/apps/rv32/slot2/blink.tbf" \
    --app "$b/apps/rv32/slot3/blink.tbf" --app "$tab" --until 10ms
check sign 2 "--rsa4096-private: signing credentials are not supported" err -- \
    "$e2t" --rsa4096-private key.der -o "$out/x.tab" "$out/app/build/cortex-m4/cortex-m4.elf"
check same-arch 2 "would both be the TAB's cortex-m4.tbf" err -- \
    "$e2t" -o "$out/x.tab" "$out/app/build/cortex-m4/cortex-m4.elf" \
    "$out/app/build/rv32imac/rv32imac.0x80100080.0x80210000.elf,cortex-m4"
[ ! -e "$out/x.tab" ] && ok "no output is left behind by a refused run" || bad "$out/x.tab was written"

[ "$fails" -eq 0 ]
