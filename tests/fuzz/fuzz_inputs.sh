#!/usr/bin/env bash
# ctest entry of the input fuzzer (fuzz_inputs.py, next to this script): a
# short seeded campaign against phalanx's -kernel, -initrd, -dtb and command
# line parsing. Exit status 77 (skipped) when python3 or phalanx is missing.
#
#   fuzz_inputs.sh PHALANX [fuzz_inputs.py options...]
set -uo pipefail

if [ $# -lt 1 ]; then
    echo "usage: fuzz_inputs.sh PHALANX [--cases N] [--seed S] ..." >&2
    exit 2
fi
phalanx=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
python=$(command -v python3 || true)
if [ -z "$python" ]; then
    echo "fuzz: SKIP: python3 not found"
    exit 77
fi
if [ ! -x "$phalanx" ]; then
    echo "fuzz: SKIP: no phalanx at $phalanx"
    exit 77
fi
exec "$python" "$here/fuzz_inputs.py" --phalanx "$phalanx" "$@"
