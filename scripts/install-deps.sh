#!/usr/bin/env bash
# Installs the Debian packages phalanx needs to build, test and benchmark,
# asking apt only when something is missing (so repeated runs are quick).
set -euo pipefail

packages=(
    build-essential cmake pkg-config
    libglib2.0-dev libfdt-dev zlib1g-dev device-tree-compiler
    gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu
    qemu-system-arm
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "phalanx: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
