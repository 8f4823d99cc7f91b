#!/usr/bin/env bash
# README command 2: installs what is missing, builds phalanx (release and
# sanitizer builds) and runs every test.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)

"$root/scripts/install-deps.sh"

echo "== release build"
"$root/scripts/build.sh" "$root/build"
echo "== tests (release)"
ctest --test-dir "$root/build" --output-on-failure -j "$jobs"

# The sanitizer build runs the tests that touch memory management, loaders,
# the MMU and the translation cache: unit tests, the guest programs, the
# Linux boots and the input fuzzer (a few minutes under ASan).
echo "== sanitizer build"
"$root/scripts/build.sh" "$root/build-asan" -DCMAKE_BUILD_TYPE=Debug -DPHALANX_SANITIZE=ON
echo "== tests (sanitizer: unit, guest, Linux boot, fuzz)"
ctest --test-dir "$root/build-asan" --output-on-failure -j "$jobs" -R '^(unit|guest|system|fuzz)/'
