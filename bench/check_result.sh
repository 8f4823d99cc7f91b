#!/usr/bin/env bash
# ctest helper: runs the small variant of a workload on one emulator and
# checks that its output is exactly the result line stored in expected.txt
# followed by PASS.
# Usage: check_result.sh EXPECTED_FILE NAME phalanx|qemu EMULATOR ELF
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/emulators.sh"
BENCH_TIMEOUT=100

expected_file=$1 name=$2 kind=$3 emulator=$4 elf=$5
line=$(expected_line "$expected_file" small "$name")
if [ -z "$line" ]; then
    echo "no 'small $name: ...' line in $expected_file" >&2
    exit 1
fi
if [ "$kind" != phalanx ] && [ "$kind" != qemu ]; then
    echo "unknown emulator kind '$kind'" >&2
    exit 2
fi
# The small variants retire well under 100 million instructions; the limit
# turns a guest stuck in an exception loop into a quick failure.
if [ "$kind" = phalanx ]; then
    out=$(phalanx_run "$emulator" "$elf" -max-insns 200000000)
else
    out=$(qemu_run "$emulator" "$elf")
fi
status=$?
want=$(printf '%s\nPASS' "$line")
if [ "$out" != "$want" ] || [ $status -ne 0 ]; then
    echo "$kind on $elf (exit status $status):"
    echo "--- expected"
    echo "$want"
    echo "--- got"
    echo "$out"
    exit 1
fi
echo "$out"
