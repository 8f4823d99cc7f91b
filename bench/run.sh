#!/usr/bin/env bash
# Runs the benchmark workloads on phalanx and on qemu-system-aarch64, checks
# that both print the same result line, and prints a Markdown table of wall
# times (best of R runs, process start-up included), MIPS (from phalanx's
# count of retired instructions: same ELF, same instructions) and phalanx's
# speed relative to QEMU (QEMU time / phalanx time; above 1 = faster).
#
# Usage: bench/run.sh [--small] [--runs N] [--only NAME[,NAME...]]
#                     [--build DIR] [--phalanx PATH] [--qemu PATH]
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
source "$here/emulators.sh"

usage() {
    sed -n 's/^# \{0,1\}//; 2,9p' "$0"
    cat <<'EOF'

  --small          run the small variants (NAME-small.elf) instead
  --runs N         runs per emulator and workload, best time kept (default 3)
  --only NAMES     comma-separated workloads (default: every workloads/*.c)
  --build DIR      build directory holding phalanx and bench/*.elf
                   (default: build/ at the repository root)
  --phalanx PATH   phalanx binary (default: BUILD/phalanx)
  --qemu PATH      QEMU binary (default: qemu-system-aarch64 on PATH)
EOF
}

die() {
    echo "run.sh: $*" >&2
    exit 2
}

small=0 runs=3 only="" build="$root/build" phalanx="" qemu=""
while [ $# -gt 0 ]; do
    case $1 in
    --small) small=1 ;;
    --runs) runs=${2:?--runs needs a number}; shift ;;
    --only) only=${2:?--only needs a name}; shift ;;
    --build) build=${2:?--build needs a directory}; shift ;;
    --phalanx) phalanx=${2:?--phalanx needs a path}; shift ;;
    --qemu) qemu=${2:?--qemu needs a path}; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
    esac
    shift
done
resolve_emulators

size=full suffix=""
if [ $small = 1 ]; then
    size=small suffix=-small
fi
names=()
if [ -n "$only" ]; then
    IFS=, read -r -a names <<<"$only"
    for n in "${names[@]}"; do
        [ -f "$here/workloads/$n.c" ] || die "no workload '$n' (bench/workloads/$n.c)"
    done
else
    for src in "$here"/workloads/*.c; do
        names+=("$(basename "$src" .c)")
    done
fi
for n in "${names[@]}"; do
    elf="$build/bench/$n$suffix.elf"
    [ -f "$elf" ] || die "missing $elf (build the 'bench_elfs' target in $build)"
done

# A guest stuck in an exception loop stops here instead of at the timeout:
# four times the largest workload.
max_insns=5000000000

# Each run leaves its guest output in $out, stderr in $err, wall seconds
# in $secs and the exit status in $status.
out="" err="" secs="" status=0
errfile=$(mktemp)
trap 'rm -f "$errfile"' EXIT

timed() {
    local start=$EPOCHREALTIME
    out=$("$@" 2>"$errfile")
    status=$?
    local end=$EPOCHREALTIME
    err=$(<"$errfile")
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", b - a }')
}

timed_out() {
    [ "$status" = 124 ] && printf ': timed out after %s s' "$BENCH_TIMEOUT"
}

# Prints the result line if the output is a result line and PASS.
result_of() {
    local first last
    first=$(printf '%s\n' "$1" | head -n 1)
    last=$(printf '%s\n' "$1" | tail -n 1)
    if [ "$(printf '%s\n' "$1" | wc -l)" = 2 ] && [ "$last" = PASS ]; then
        printf '%s' "$first"
    fi
}

min() {
    awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b < a) ? b : a }'
}

rows=() failed=0
for n in "${names[@]}"; do
    elf="$build/bench/$n$suffix.elf"
    want=$(expected_line "$here/expected.txt" "$size" "$n")
    echo "== $n ($size): $runs runs each" >&2

    ptime="" insns="" presult="" pbad=""
    for ((r = 0; r < runs; r++)); do
        timed phalanx_run "$phalanx" "$elf" -stats -max-insns "$max_insns"
        presult=$(result_of "$out")
        if [ $status -ne 0 ] || [ -z "$presult" ]; then
            pbad="phalanx failed (exit status $status$(timed_out))"
            printf '%s\n%s\n' "$out" "$err" | grep . | tail -n 5 | sed 's/^/   | /' >&2
            echo "   (to see why: $phalanx -kernel $elf -d unimp,int -max-insns 1000000)" >&2
            break
        fi
        insns=$(sed -n 's/^phalanx: instructions \([0-9]*\),.*/\1/p' <<<"$err")
        [ -n "$insns" ] || { pbad="phalanx printed no -stats line"; break; }
        ptime=$(min "$ptime" "$secs")
    done

    qtime="" qresult="" qbad=""
    for ((r = 0; r < runs; r++)); do
        timed qemu_run "$qemu" "$elf"
        qresult=$(result_of "$out")
        if [ $status -ne 0 ] || [ -z "$qresult" ]; then
            qbad="QEMU failed (exit status $status$(timed_out))"
            printf '%s\n%s\n' "$out" "$err" | grep . | tail -n 5 | sed 's/^/   | /' >&2
            break
        fi
        qtime=$(min "$qtime" "$secs")
    done

    if [ -z "$qbad" ] && [ -n "$want" ] && [ "$qresult" != "$want" ]; then
        echo "   QEMU printed:        $qresult" >&2
        echo "   expected.txt wants:  $want" >&2
        qbad="QEMU result differs from expected.txt"
    fi
    if [ -z "$pbad" ] && [ -z "$qbad" ] && [ "$presult" != "$qresult" ]; then
        echo "   phalanx printed: $presult" >&2
        echo "   QEMU printed:    $qresult" >&2
        pbad="results differ"
    fi
    if [ -n "$pbad$qbad" ]; then
        echo "   FAILED: $pbad${pbad:+${qbad:+; }}$qbad" >&2
        failed=1
    else
        echo "   $presult" >&2
    fi
    rows+=("$n|$insns|$ptime|$qtime|$pbad|$qbad")
done

# The table, with a geometric-mean row over the workloads both ran.
printf '%s\n' "${rows[@]}" | awk -F'|' '
function commas(s,    r) {
    for (r = ""; length(s) > 3; s = substr(s, 1, length(s) - 3)) {
        r = "," substr(s, length(s) - 2) r
    }
    return s r
}
BEGIN {
    print "| workload | guest instructions | phalanx s | phalanx MIPS | QEMU s | QEMU MIPS | speed vs QEMU |"
    print "|---|--:|--:|--:|--:|--:|--:|"
}
{
    name = $1; insns = $2; pt = $3; qt = $4
    if ($5 != "" || $6 != "") {
        q = (qt != "" && $6 == "") ? sprintf("%.3f", qt) : "fails"
        p = ($5 == "results differ") ? "wrong result" : ($5 != "") ? "fails" : sprintf("%.3f", pt)
        printf "| %s | %s | %s | | %s | | |\n", name, insns == "" ? "?" : commas(insns), p, q
        next
    }
    pm = insns / pt / 1e6; qm = insns / qt / 1e6; ratio = qt / pt
    printf "| %s | %s | %.3f | %.0f | %.3f | %.0f | %.2fx |\n", name, commas(insns), pt, pm, qt, qm, ratio
    n++; lpt += log(pt); lqt += log(qt); lpm += log(pm); lqm += log(qm); lr += log(ratio)
}
END {
    if (n > 1) {
        printf "| geometric mean | | %.3f | %.0f | %.3f | %.0f | %.2fx |\n",
               exp(lpt / n), exp(lpm / n), exp(lqt / n), exp(lqm / n), exp(lr / n)
    }
}'
qver=$("$qemu" --version | head -n 1 | sed 's/^QEMU emulator version //')
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
echo
echo "Best of $runs runs, wall time including process start-up; QEMU $qver" \
     "(-M virt -cpu cortex-a57); host: ${cpu:-unknown CPU}."
if [ $small = 1 ]; then
    echo "Small variants: process start-up dominates, so this is no speed comparison."
fi
exit $failed
