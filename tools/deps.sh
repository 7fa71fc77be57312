#!/usr/bin/env bash
# Installs what tocksim needs to build and test, or says exactly how to.
# Debian packages come from the system's apt sources. Unicorn >= 2.1 and Capstone >= 5
# come from pkg-config if the system has them, else from Debian 13 (trixie) of the same
# archive, downloaded with a private apt configuration and unpacked into .deps/unicorn and
# .deps/capstone (no change to the system's sources). Idempotent; fast when all is present.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
deps="$top/.deps"

PKGS="libsdl2-dev libcjson-dev check pkg-config gcc-arm-none-eabi libnewlib-arm-none-eabi
gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf qemu-system-arm qemu-system-misc xvfb
libsdl2-ttf-dev fonts-dejavu-core dpkg-dev x11-utils libxtst6 libpng-dev zlib1g-dev gdb-multiarch tshark
clang libclang-rt-dev afl++ libdw-dev libelf-dev lcov"

missing_packages() {
  # One dpkg-query for all packages (fast when everything is present).
  local installed p out=""
  installed=$(dpkg-query -W -f='${Package} ${Status}\n' $PKGS 2>/dev/null | awk '/ok installed/ {print $1}')
  for p in $PKGS; do
    echo "$installed" | grep -qx "$p" || out="$out $p"
  done
  echo "$out"
}

install_packages() {
  local missing; missing=$(missing_packages)
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "tocksim: missing Debian packages. Run as root:" >&2
    echo "  apt-get update && apt-get install -y$missing" >&2
    exit 1
  fi
  echo "tocksim: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq $missing >/dev/null
}

system_unicorn_ok() {
  pkg-config --exists 'unicorn >= 2.1' 2>/dev/null
}

# The archive the system already uses (so the same mirror serves trixie).
archive_uri() {
  local uri
  uri=$(grep -h -E '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
        | grep -v security | head -1 | awk '{ if ($1=="deb") { for (i=2;i<=NF;i++) if ($i ~ /^http/) { print $i; exit } } else print $2 }')
  echo "${uri:-http://deb.debian.org/debian}"
}

# Downloads Debian trixie packages (no dependencies) with a private apt configuration and
# unpacks them into .deps/DIR, unless CHECK (a file inside it) is already there.
fetch_from_trixie() {
  local dir=$1 check=$2; shift 2
  [ -f "$deps/$dir/$check" ] && return 0
  local apt="$deps/apt"
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/etc/preferences.d" "$apt/etc/apt.conf.d"
  rm -rf "$apt/debs" && mkdir -p "$apt/debs"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $(archive_uri) trixie main" > "$apt/etc/sources.list"
  local opts=(-o Dir::Etc::SourceList="$apt/etc/sources.list" -o Dir::Etc::SourceParts=/dev/null
              -o Dir::Etc::Preferences="$apt/etc/preferences" -o Dir::Etc::PreferencesParts="$apt/etc/preferences.d"
              -o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache" -o APT::Sandbox::User=root
              -o Debug::NoLocking=1 -qq)
  echo "tocksim: fetching $* from Debian trixie into .deps/$dir"
  apt-get "${opts[@]}" update
  (cd "$apt/debs" && apt-get "${opts[@]}" download "$@")
  mkdir -p "$deps/$dir"
  for d in "$apt"/debs/*.deb; do dpkg-deb -x "$d" "$deps/$dir"; done
  rm -rf "$apt/lists" "$apt/cache"
}

fetch_unicorn() {
  fetch_from_trixie unicorn usr/include/unicorn/unicorn.h libunicorn2t64 libunicorn-dev
}

# Capstone >= 5 (RISC-V) for --itrace and the window's disassembly: Debian 12 has 4.0.2.
system_capstone_ok() {
  pkg-config --exists 'capstone >= 5' 2>/dev/null
}

fetch_capstone() {
  fetch_from_trixie capstone usr/include/capstone/capstone.h libcapstone5 libcapstone-dev
}

install_packages
if ! system_unicorn_ok; then
  if ! fetch_unicorn; then
    echo "tocksim: WARNING: could not fetch Unicorn 2.1; falling back to the system's Unicorn." >&2
    echo "tocksim: WARNING: Debian 12's Unicorn 2.0.1 is ~30x slower on guest stores." >&2
  fi
fi
if ! system_capstone_ok; then
  if ! fetch_capstone; then
    echo "tocksim: ERROR: could not fetch Capstone 5 from Debian trixie (needed for --itrace)." >&2
    exit 1
  fi
fi
