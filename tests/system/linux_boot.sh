#!/usr/bin/env bash
# Boots Debian's arm64 kernel with the test initramfs (both from
# scripts/fetch-linux.sh) on one emulator and checks the run:
#
#   linux_boot.sh [options] phalanx|qemu [BINARY] [-- EXTRA EMULATOR ARGS]
#
# It passes when the emulator exits with status 0 within the timeout and the
# console transcript holds every line of linux_boot.expected (whole lines,
# in any order; the lines /init prints, ending with PHALANX-LINUX-OK). It
# prints the transcript, then the emulator's stderr, then the verdict.
#
# Options:
#   --dir DIR        where Image and initrd.cpio.gz are (default: the
#                    fetch-linux.sh cache, $XDG_CACHE_HOME/phalanx/linux)
#   --timeout SEC    for the whole run (default 300)
#   --append ARGS    kernel command line (default: console=ttyAMA0)
#   --input TEXT     type TEXT (and Enter) on the console once /init asks
#                    (PHALANX-LINUX-READ; phalanx.input is added to the
#                    command line) and require "console: TEXT" back
#
# Exit status: 0 pass, 1 fail, 77 no kernel or initrd in DIR (skipped), 2 usage.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
dir=${PHALANX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/phalanx}/linux
timeout_s=300 append=console=ttyAMA0 input=""

usage() {
    sed -n 's/^# \{0,1\}//; 2,18p' "$0" >&2
    exit 2
}
while [ $# -gt 0 ]; do
    case $1 in
    --dir) dir=${2:?--dir needs a directory}; shift 2 ;;
    --timeout) timeout_s=${2:?--timeout needs seconds}; shift 2 ;;
    --append) append=${2?--append needs an argument}; shift 2 ;;
    --input) input=${2:?--input needs a text}; shift 2 ;;
    -h | --help) usage ;;
    --*) echo "linux_boot.sh: unknown option '$1'" >&2; usage ;;
    *) break ;;
    esac
done
[ $# -ge 1 ] || usage
emulator=$1
shift
bin=""
if [ $# -gt 0 ] && [ "$1" != -- ]; then
    bin=$1
    shift
fi
[ "${1:-}" != -- ] || shift
extra=("$@")

image=$dir/Image initrd=$dir/initrd.cpio.gz expected=$here/linux_boot.expected
[ -z "$input" ] || append+=" phalanx.input"
# A kernel panic restarts the machine at once (panic=-1), and -no-reboot
# turns that into the end of the run: a failing boot fails fast instead of
# spinning in the panic loop until the timeout.
append+=" panic=-1"
for f in "$image" "$initrd"; do
    if [ ! -f "$f" ]; then
        echo "linux_boot.sh: no $f: run scripts/fetch-linux.sh $dir first (skipped)"
        exit 77
    fi
done

case $emulator in
phalanx)
    # The command line of the goal, as a user would type it (+ -no-reboot).
    cmd=("${bin:-phalanx}" -smp 1 -m 512M -kernel "$image" -initrd "$initrd"
         -append "$append" -nographic -no-reboot)
    ;;
qemu)
    # -nic none: no default network card (its option ROM is not installed
    # everywhere).
    cmd=("${bin:-qemu-system-aarch64}" -M virt,gic-version=3 -cpu cortex-a57 -smp 1 -m 512M
         -nographic -no-reboot -nic none -kernel "$image" -initrd "$initrd"
         -append "$append")
    ;;
*)
    echo "linux_boot.sh: unknown emulator '$emulator' (phalanx or qemu)" >&2
    exit 2
    ;;
esac
cmd+=("${extra[@]+"${extra[@]}"}")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "=== $emulator: ${cmd[*]}"
if [ -z "$input" ]; then
    timeout -k 10 "$timeout_s" "${cmd[@]}" </dev/null >"$tmp/out" 2>"$tmp/err"
    status=$?
else
    # The emulator's console on pipes: its output is read line by line and
    # the text is typed once the prompt shows (earlier, the kernel would not
    # be listening yet).
    coproc emu { timeout -k 10 "$timeout_s" "${cmd[@]}" 2>"$tmp/err"; }
    pid=$emu_PID
    # Own copies of the pipe ends: bash drops emu[] when the coproc ends.
    exec {from_emu}<&"${emu[0]}" {to_emu}>&"${emu[1]}"
    : >"$tmp/out"
    typed=0
    while IFS= read -r line <&"$from_emu"; do
        printf '%s\n' "$line" >>"$tmp/out"
        if [ $typed -eq 0 ] && [[ $line == *PHALANX-LINUX-READ* ]]; then
            printf '%s\r' "$input" >&"$to_emu"
            typed=1
        fi
    done
    wait "$pid"
    status=$?
    exec {from_emu}<&- {to_emu}>&-
fi
tr -d '\r' <"$tmp/out" >"$tmp/transcript"
cat "$tmp/transcript"
if [ -s "$tmp/err" ]; then
    echo "--- $emulator stderr"
    cat "$tmp/err"
fi

why=()
if [ $status -eq 124 ] || [ $status -eq 137 ]; then
    why+=("timed out after ${timeout_s} s")
elif [ $status -ge 128 ]; then
    why+=("killed by signal $((status - 128))")
elif [ $status -ne 0 ]; then
    why+=("exit status $status")
fi
missing=0
while IFS= read -r line; do
    [ -n "$line" ] || continue
    if ! grep -qxF -- "$line" "$tmp/transcript"; then
        [ $missing -gt 0 ] || echo "--- expected lines missing from the transcript:"
        echo "    $line"
        missing=$((missing + 1))
    fi
done < <(grep -v '^#' "$expected"; [ -z "$input" ] || echo "console: $input")
[ $missing -eq 0 ] || why+=("$missing expected lines missing")
if grep -q 'Kernel panic' "$tmp/transcript"; then
    why+=("kernel panic")
fi

if [ ${#why[@]} -gt 0 ]; then
    IFS=';'
    echo "*** $emulator: Linux boot failed: ${why[*]}"
    exit 1
fi
echo "*** $emulator: Linux booted to /init, ran the checks and powered off"
