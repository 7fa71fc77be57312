#!/usr/bin/env bash
# Checks every built app TBF (build/apps/*.tbf) with `elf2tbf --dump`: valid header and
# checksum, enabled, package name = file name, total size a power of two >= 1 KiB, Tock 2.0
# kernel version; then that mkappflash lays the demo set out by the alignment rule.
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

# Layout: a 4 KiB app after a 1 KiB-aligned start must land on the next 4 KiB boundary.
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
map=$("$MKAPPFLASH" -v -o "$tmp/blob.bin" "${tbfs[@]}") || fail "mkappflash failed"
prev_end=$((0x40000))
while read -r addr size _; do
  a=$((addr)); s=$((size))
  [ $((a % s)) -eq 0 ] || fail "app at $addr is not aligned to its size $s"
  [ "$a" -ge "$prev_end" ] || fail "app at $addr overlaps the previous one"
  prev_end=$((a + s))
done <<<"$map"
blob_size=$(stat -c %s "$tmp/blob.bin")
[ "$blob_size" -eq $((prev_end - 0x40000 + 4)) ] || fail "blob is $blob_size bytes, expected $((prev_end - 0x40000 + 4))"
echo "check-apps: blob of ${#tbfs[@]} apps laid out, $blob_size bytes"
