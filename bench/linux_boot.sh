#!/usr/bin/env bash
# Times a Linux boot on phalanx and on qemu-system-aarch64: Debian 12's arm64
# kernel with the test initramfs (scripts/fetch-linux.sh) boots to /init,
# runs the checks of tests/system/init and powers off. Each run is checked by
# tests/system/linux_boot.sh (every expected line, exit status 0). Prints a
# Markdown row in bench/run.sh's table format: wall time of the best run
# (process start-up to power-off), guest instructions and MIPS from phalanx's
# -stats, speed relative to QEMU (QEMU time / phalanx time); "fails" for an
# emulator whose run fails.
#
# Usage: bench/linux_boot.sh [--runs N] [--dir DIR] [--build DIR]
#                            [--phalanx PATH] [--qemu PATH]
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
source "$here/emulators.sh"
boot=$root/tests/system/linux_boot.sh

usage() {
    sed -n 's/^# \{0,1\}//; 2,12p' "$0"
    cat <<'EOF'

  --runs N         runs per emulator, best time kept (default 3)
  --dir DIR        Image and initrd.cpio.gz (default: run scripts/fetch-linux.sh,
                   which fetches them once into its cache)
  --build DIR      build directory holding phalanx (default: build/)
  --phalanx PATH   phalanx binary (default: BUILD/phalanx)
  --qemu PATH      QEMU binary (default: qemu-system-aarch64 on PATH)
EOF
}

die() {
    echo "linux_boot.sh: $*" >&2
    exit 2
}

runs=3 dir="" build="$root/build" phalanx="" qemu=""
while [ $# -gt 0 ]; do
    case $1 in
    --runs) runs=${2:?--runs needs a number}; shift ;;
    --dir) dir=${2:?--dir needs a directory}; shift ;;
    --build) build=${2:?--build needs a directory}; shift ;;
    --phalanx) phalanx=${2:?--phalanx needs a path}; shift ;;
    --qemu) qemu=${2:?--qemu needs a path}; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
    esac
    shift
done
resolve_emulators

kernel="kernel in $dir"
if [ -z "$dir" ]; then
    echo "== fetching the kernel and initramfs (scripts/fetch-linux.sh)" >&2
    fetched=$("$root/scripts/fetch-linux.sh") || die "scripts/fetch-linux.sh failed"
    image=$(sed -n 's/^IMAGE=//p' <<<"$fetched")
    dir=$(dirname "$image")
    kernel="$(sed -n 's/^KERNEL_PACKAGE=//p' <<<"$fetched")"
    kernel+=" $(sed -n 's/^KERNEL_VERSION=//p' <<<"$fetched")"
fi

logfile=$(mktemp)
trap 'rm -f "$logfile"' EXIT

# run_boot EMULATOR BIN [extra emulator args]: one checked boot; sets secs
# (wall seconds) and returns the checker's status; the log is in $logfile.
secs=""
run_boot() {
    local emulator=$1 bin=$2 start end status
    shift 2
    start=$EPOCHREALTIME
    "$boot" --dir "$dir" --timeout "$BENCH_TIMEOUT" "$emulator" "$bin" -- "$@" >"$logfile" 2>&1
    status=$?
    end=$EPOCHREALTIME
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", b - a }')
    return $status
}

min() {
    awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b < a) ? b : a }'
}

# best EMULATOR BIN [args]: sets best_time to the best time of $runs runs,
# or to nothing if a run fails (after showing why on stderr), and insns to
# the instruction count of phalanx's -stats line, if any.
best_time="" insns=""
best() {
    local emulator=$1
    best_time="" insns=""
    for ((r = 0; r < runs; r++)); do
        if ! run_boot "$@"; then
            echo "   $emulator failed: $(tail -n 1 "$logfile")" >&2
            # The emulator's own complaint if it made one, else the console's end.
            local why
            why=$(awk '/^--- .* stderr$/ { on = 1; next } /^(---|\*\*\*) / { on = 0 } on' "$logfile")
            [ -n "$why" ] || why=$(sed '/^--- /,$d; /^=== /d' "$logfile")
            grep . <<<"$why" | tail -n 6 | sed 's/^/   | /' >&2
            best_time=""
            return
        fi
        best_time=$(min "$best_time" "$secs")
        insns=$(sed -n 's/^phalanx: instructions \([0-9]*\),.*/\1/p' "$logfile" | tail -n 1)
    done
}

echo "== linux-boot ($kernel): $runs runs each" >&2
best phalanx "$phalanx" -stats
ptime=$best_time pinsns=$insns
best qemu "$qemu"
qtime=$best_time
echo "   phalanx: ${ptime:-fails} s, QEMU: ${qtime:-fails} s" | sed 's/fails s/fails/g' >&2

echo "| workload | guest instructions | phalanx s | phalanx MIPS | QEMU s | QEMU MIPS | speed vs QEMU |"
echo "|---|--:|--:|--:|--:|--:|--:|"
awk -v pt="$ptime" -v qt="$qtime" -v n="$pinsns" '
function commas(s,    r) {
    for (r = ""; length(s) > 3; s = substr(s, 1, length(s) - 3)) {
        r = "," substr(s, length(s) - 2) r
    }
    return s r
}
BEGIN {
    p = (pt == "") ? "fails" : sprintf("%.3f", pt)
    q = (qt == "") ? "fails" : sprintf("%.3f", qt)
    pm = (pt != "" && n != "") ? sprintf("%.0f", n / pt / 1e6) : ""
    qm = (qt != "" && n != "") ? sprintf("%.0f", n / qt / 1e6) : ""
    ratio = (pt != "" && qt != "") ? sprintf("%.2fx", qt / pt) : ""
    printf "| linux-boot | %s | %s | %s | %s | %s | %s |\n",
           n == "" ? "?" : commas(n), p, pm, q, qm, ratio
}'
qver=$("$qemu" --version | head -n 1 | sed 's/^QEMU emulator version //')
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
echo
echo "Best of $runs runs, wall time from process start to power-off; $kernel," \
     "busybox /init; QEMU $qver (-M virt,gic-version=3 -cpu cortex-a57 -smp 1 -m 512M);" \
     "host: ${cpu:-unknown CPU}. QEMU MIPS uses phalanx's instruction count, which for" \
     "Linux depends on timing (idle loops, timer interrupts): an estimate."
[ -n "$ptime" ] && [ -n "$qtime" ]
