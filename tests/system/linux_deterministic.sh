#!/usr/bin/env bash
# Boots the Linux test guest (as linux_boot.sh) twice on phalanx with the
# same inputs and checks that the two runs are the same execution: the state
# hashes of -d hash (vCPU state every 2^20 instructions, RAM at the end) and
# the console transcripts must be identical, and the boot must have passed.
# The RTC is given a fixed start (-rtc base=...), the one host input a boot
# reads besides the console.
#
#   linux_deterministic.sh --dir DIR [--timeout SEC] PHALANX
#
# Exit status: 0 pass, 1 fail, 77 no kernel or initrd in DIR (skipped), 2 usage.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
dir="" timeout_s=900
while [ $# -gt 0 ]; do
    case $1 in
    --dir) dir=${2:?--dir needs a directory}; shift 2 ;;
    --timeout) timeout_s=${2:?--timeout needs seconds}; shift 2 ;;
    --*) echo "linux_deterministic.sh: unknown option '$1'" >&2; exit 2 ;;
    *) break ;;
    esac
done
[ $# -eq 1 ] && [ -n "$dir" ] || { sed -n 's/^# \{0,1\}//; 2,11p' "$0" >&2; exit 2; }
phalanx=$1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for run in 1 2; do
    if ! "$here/linux_boot.sh" --dir "$dir" --timeout "$timeout_s" phalanx "$phalanx" -- \
            -rtc base=2024-01-01 -d hash -D "$tmp/hash$run.log" >"$tmp/boot$run.out" 2>&1; then
        status=$?
        tail -n 20 "$tmp/boot$run.out"
        [ $status -eq 77 ] && exit 77
        echo "*** run $run: the boot failed"
        exit 1
    fi
    # The transcript only: linux_boot.sh adds the command line (which names
    # the log file), stderr and a verdict.
    sed '/^=== /d; /^--- /,$d' "$tmp/boot$run.out" >"$tmp/console$run.txt"
done

lines=$(wc -l <"$tmp/hash1.log")
echo "run 1: $lines state hashes; last: $(tail -n 1 "$tmp/hash1.log")"
echo "run 2: $(wc -l <"$tmp/hash2.log") state hashes; last: $(tail -n 1 "$tmp/hash2.log")"
if [ "$lines" -lt 100 ] || ! grep -q ' ram .*(end)$' "$tmp/hash1.log"; then
    echo "*** too few state hashes in run 1 (-d hash not working?)"
    exit 1
fi
if ! cmp -s "$tmp/hash1.log" "$tmp/hash2.log"; then
    echo "*** the runs differ; first differing state hashes:"
    diff "$tmp/hash1.log" "$tmp/hash2.log" | head -n 6
    exit 1
fi
if ! cmp -s "$tmp/console1.txt" "$tmp/console2.txt"; then
    echo "*** the console transcripts differ:"
    diff "$tmp/console1.txt" "$tmp/console2.txt" | head -n 10
    exit 1
fi
echo "PASS: both runs identical ($lines state hashes, console transcripts equal)"
