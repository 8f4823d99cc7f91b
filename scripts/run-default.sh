#!/usr/bin/env bash
# README command 1: installs what is missing, builds phalanx, fetches Debian
# 12's arm64 kernel and busybox-static (apt, cached between runs), and boots
# them: /init runs a few commands and powers off. Extra arguments go to
# phalanx.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" "$root/build"

IMAGE="" INITRD=""
while IFS='=' read -r key value; do
    case $key in
    IMAGE) IMAGE=$value ;;
    INITRD) INITRD=$value ;;
    esac
done < <("$root/scripts/fetch-linux.sh")
if [ -z "$IMAGE" ] || [ -z "$INITRD" ]; then
    echo "phalanx: scripts/fetch-linux.sh did not provide a kernel and initrd" >&2
    exit 1
fi
echo "== phalanx -smp 1 -m 512M -kernel $IMAGE -initrd $INITRD -append console=ttyAMA0 -nographic -stats $*"
exec "$root/build/phalanx" -smp 1 -m 512M -kernel "$IMAGE" -initrd "$INITRD" \
    -append "console=ttyAMA0" -nographic -stats "$@"
