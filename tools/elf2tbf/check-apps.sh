#!/usr/bin/env bash
# Checks every built app TBF (build/apps/*.tbf) with `elf2tbf --dump`: valid header and
# checksum, enabled, package name = file name, total size a power of two >= 1 KiB, Tock 2.0
# kernel version; then that mkappflash lays all of them out so that the kernel's walk over
# the headers finds every one.
# Exits non-zero on the first problem.
set -u
B=${B:-build}
ELF2TBF=$B/tools/elf2tbf
MKAPPFLASH=$B/tools/mkappflash
fail() { echo "check-apps: $*" >&2; exit 1; }

shopt -s nullglob
tbfs=("$B"/apps/*.tbf)
[ ${#tbfs[@]} -gt 0 ] || fail "no TBFs in $B/apps (run make)"
for tbf in "${tbfs[@]}"; do
  name=$(basename "$tbf" .tbf)
  out=$("$ELF2TBF" --dump "$tbf") || fail "$tbf: header does not parse"
  total=$(sed -n 's/.*total \([0-9]*\) bytes.*/\1/p' <<<"$out")
  [ -n "$total" ] && [ $((total & (total - 1))) -eq 0 ] && [ "$total" -ge 1024 ] ||
    fail "$tbf: total size '$total' is not a power of two >= 1024"
  [ "$(stat -c %s "$tbf")" -eq "$total" ] || fail "$tbf: file size differs from total_size"
  grep -q "(enabled)" <<<"$out" || fail "$tbf: not enabled"
  grep -q "package_name \"$name\"" <<<"$out" || fail "$tbf: package name is not $name"
  grep -q "kernel_version 2.0" <<<"$out" || fail "$tbf: no kernel version 2.0"
  grep -q "main+program: init_fn_offset 0x[0-9a-f]*[13579bdf]," <<<"$out" ||
    fail "$tbf: init_fn_offset is not a Thumb address"
done
echo "check-apps: ${#tbfs[@]} TBFs valid"

# Layout: every app aligned to its size, gaps filled by padding objects, so that walking the
# blob header by header (next = this + total_size, as the kernel does) visits every app and
# ends on a zero word. One small app, then the largest, then the rest: a gap to fill.
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mapfile -t order < <(for t in "${tbfs[@]}"; do echo "$(stat -c %s "$t") $t"; done |
                     sort -n | cut -d' ' -f2)
order=("${order[0]}" "${order[-1]}" "${order[@]:1:${#order[@]}-2}")
map=$("$MKAPPFLASH" -v -o "$tmp/blob.bin" "${order[@]}") || fail "mkappflash failed"
while read -r addr size name _; do
  [ "$name" = "(padding)" ] && continue
  [ $((addr % size)) -eq 0 ] || fail "app at $addr is not aligned to its size $size"
done <<<"$map"
word() { od -A n -t u4 -j "$1" -N 4 "$tmp/blob.bin" | tr -d ' '; }
off=0 apps=0 pads=0
while [ "$(word $off)" != 0 ]; do
  w=$(word $off)
  [ $((w & 0xffff)) -eq 2 ] || fail "no TBF header at blob offset $off"
  if [ $((w >> 16)) -eq 16 ]; then pads=$((pads + 1)); else apps=$((apps + 1)); fi
  off=$((off + $(word $((off + 4)))))
done
[ "$apps" -eq ${#tbfs[@]} ] || fail "walking the blob found $apps apps, expected ${#tbfs[@]}"
[ "$(stat -c %s "$tmp/blob.bin")" -eq $((off + 4)) ] || fail "blob does not end after the zero word"
[ "$pads" -ge 1 ] || fail "expected at least one padding object (mixed app sizes)"
echo "check-apps: blob of ${#tbfs[@]} apps and $pads padding object(s) walks end to end"
