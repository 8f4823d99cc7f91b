#!/usr/bin/env bash
# README command 1: installs what is missing, builds phalanx and runs the
# bundled default guest (the sieve benchmark, a freestanding program for the
# virt board) with statistics. Extra arguments go to phalanx.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" "$root/build"

guest="$root/build/bench/sieve.elf"
echo "== phalanx -kernel $guest -stats $*"
exec "$root/build/phalanx" -kernel "$guest" -stats "$@"
