# Shared harness of the kernel whole-system tests (tests/kernel_qemu_{cm4,rv32}.sh, also run on
# tocksim through tests/kernel_tocksim_*.sh). Sourced; the sourcing script defines RUNNER, WORK,
# cases, failures and start() (how to boot a BLOB for SECONDS on its board and runner).

# qemu_only CASE: says the case is skipped on tocksim; true there.
qemu_only() {
  [ "$RUNNER" = qemu ] && return 1
  echo "skip $1 (needs console input or a hand-made flash image: QEMU only)"
}

# run NAME SECONDS BLOB INPUT expected... : boots BLOB (start()), types INPUT (a file of "delay
# text" lines, may be /dev/null) and passes if every expected string appears. Expected strings
# starting with '!' must NOT appear; '~' introduces an extended regex.
run() {
  local name=$1 secs=$2 blob=$3 input=$4; shift 4
  local log=$WORK/$name.log
  cases=$((cases + 1))
  mkfifo "$WORK/$name.fifo"
  feed "$input" >"$WORK/$name.fifo" &
  local fpid=$!
  (start "$blob" "$secs") <"$WORK/$name.fifo" >"$log" 2>&1 &
  # Wall-clock limit: generous (QEMU's guest time is real time, and the host may be busy); a
  # passing case stops as soon as its lines are there.
  local qpid=$! deadline=$((SECONDS + 3 * secs))
  while [ $SECONDS -lt $deadline ] && ! all_present "$log" "$@"; do sleep 0.2; done
  sleep 0.3
  kill "$qpid" "$fpid" 2>/dev/null; wait "$qpid" "$fpid" 2>/dev/null
  local missing=() e
  for e in "$@"; do
    case $e in
      '!'*) grep -qF -- "${e#!}" "$log" && missing+=("unexpected: ${e#!}") ;;
      '~'*) grep -qE -- "${e#\~}" "$log" || missing+=("missing /${e#\~}/") ;;
      *) grep -qF -- "$e" "$log" || missing+=("missing: $e") ;;
    esac
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "ok   $name"
  else
    failures=$((failures + 1))
    echo "FAIL $name"; printf '     %s\n' "${missing[@]}"
    echo "     --- console ($log) ---"; sed 's/^/     | /' "$log" | head -150
  fi
}

all_present() {
  local log=$1 e; shift
  for e in "$@"; do
    case $e in
      '!'*) ;;
      '~'*) grep -qE -- "${e#\~}" "$log" || return 1 ;;
      *) grep -qF -- "$e" "$log" || return 1 ;;
    esac
  done
}

# feed FILE: each line "SECONDS TEXT" sleeps, then types TEXT and a carriage return; then
# keeps the input open so QEMU is not cut off.
feed() {
  if [ "$1" != /dev/null ]; then
    while read -r delay text; do sleep "$delay"; printf '%s\r' "$text"; done <"$1"
  fi
  exec sleep 120
}
