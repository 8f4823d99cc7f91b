#!/usr/bin/env bash
# Fetches Debian 12's own arm64 kernel and busybox-static:arm64 through apt and
# builds what the Linux boot test needs, in DEST (default: the cache below):
#   DEST/Image            the kernel as an uncompressed arm64 Image
#   DEST/initrd.cpio.gz   initramfs (cpio newc, gzip): busybox and
#                         tests/system/init as /init
# and prints KEY=VALUE lines (IMAGE, INITRD, package names and versions).
#
# Usage: scripts/fetch-linux.sh [DEST]
#
# The kernel is the one the linux-image-arm64 metapackage currently points to.
# The .deb files are kept in PHALANX_CACHE (default $XDG_CACHE_HOME/phalanx,
# else ~/.cache/phalanx) and reused; apt's arm64 package lists are set up
# (dpkg --add-architecture arm64, apt-get update; needs root or sudo) only
# when missing. No network other than apt. Safe to run repeatedly: outputs
# are replaced atomically, and only when their content changes.
#
# Exit status: 0 done; 77 apt cannot provide the arm64 packages (no apt, no
# root, archive unreachable: the tests skip); 1 anything else.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
init_script=$root/tests/system/init
cache=${PHALANX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/phalanx}
debs=$cache/debs
dest=${1:-$cache/linux}
arch=arm64
metapackage=linux-image-arm64
busybox_package=busybox-static
apt_opts=(-q -o DPkg::Lock::Timeout=300)

say() { echo "fetch-linux: $*" >&2; }
fail() { say "error: $*"; exit 1; }
skip() { say "cannot get the $arch packages: $*"; exit 77; }

usage() { sed -n 's/^# \{0,1\}//; 2,19p' "$0"; }
case ${1:-} in
-h | --help) usage; exit 0 ;;
-*) usage >&2; exit 2 ;;
esac
[ $# -le 1 ] || { usage >&2; exit 2; }

tmp="" dest_tmp=""
cleanup() {
    [ -z "$tmp" ] || rm -rf "$tmp"
    [ -z "$dest_tmp" ] || rm -f "$dest_tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fetch-linux.XXXXXX")

command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null ||
    skip "apt-get and dpkg-deb are needed (a Debian host)"
[ -f "$init_script" ] || fail "missing $init_script"

# as_root CMD...: runs CMD as root (directly, or through sudo without a
# password prompt), or returns 1 if that is impossible.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        return 1
    fi
}

have_arch_lists() {
    local lists=""
    eval "$(apt-config shell lists Dir::State::Lists/d)"
    compgen -G "${lists:-/var/lib/apt/lists}/*_binary-${arch}_Packages*" >/dev/null
}

apt_update() {
    if ! as_root true; then
        say "not root and no password-less sudo: cannot run apt-get update"
        return 1
    fi
    if ! dpkg --print-foreign-architectures | grep -qx "$arch" &&
       [ "$(dpkg --print-architecture)" != "$arch" ]; then
        say "adding the $arch architecture to dpkg (dpkg --add-architecture $arch)"
        as_root dpkg --add-architecture "$arch" || return 1
    fi
    say "apt-get update (for the $arch package lists)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" update >&2 || true
    have_arch_lists
}

# resolve: sets kernel_pkg, kernel_ver, busybox_ver from apt's lists (no
# network); returns 1 if the lists do not know the packages. (Two apt-cache
# calls: each one reads all the lists, a second or so.)
resolve() {
    kernel_pkg=$(apt-cache depends "$metapackage:$arch" 2>/dev/null |
        sed -n 's/^ *|\{0,1\}Depends: \(linux-image-[0-9][^:]*\).*/\1/p' | head -n 1)
    [ -n "$kernel_pkg" ] || return 1
    local versions
    versions=$(apt-cache policy "$kernel_pkg:$arch" "$busybox_package:$arch" 2>/dev/null |
        awk '/^[^ ]/ { pkg = $1 } /^ *Candidate: / && $2 != "(none)" { print pkg, $2 }')
    kernel_ver=$(sed -n "s/^$kernel_pkg:$arch: //p" <<<"$versions")
    busybox_ver=$(sed -n "s/^$busybox_package:$arch: //p" <<<"$versions")
    [ -n "$kernel_ver" ] && [ -n "$busybox_ver" ]
}

# deb_file PKG VERSION: the cache path apt-get download names it by.
deb_file() {
    echo "$debs/$1_${2//:/%3a}_$arch.deb"
}

# download PKG VERSION: into the cache, unless it is already there.
download() {
    local pkg=$1 ver=$2 file
    file=$(deb_file "$pkg" "$ver")
    [ -f "$file" ] && return 0
    say "downloading $pkg:$arch $ver"
    local dl=$tmp/download
    rm -rf "$dl" && mkdir -p "$dl"
    # apt downloads as user _apt when it can write the directory.
    if [ "$(id -u)" -eq 0 ] && id _apt >/dev/null 2>&1; then
        chmod 711 "$tmp"
        chown _apt "$dl"
    fi
    (cd "$dl" && apt-get "${apt_opts[@]}" download "$pkg:$arch=$ver" >&2) || return 1
    [ -f "$dl/$(basename "$file")" ] || fail "apt-get download left no $(basename "$file")"
    mkdir -p "$debs"
    mv -f "$dl/$(basename "$file")" "$file"
}

# newest_cached PKG-GLOB: the cached .deb with the highest version, if any.
newest_cached() {
    local f best="" best_ver="" v
    for f in "$debs"/$1_*_"$arch".deb; do
        [ -f "$f" ] || continue
        v=$(dpkg-deb -f "$f" Version)
        if [ -z "$best" ] || dpkg --compare-versions "$v" gt "$best_ver"; then
            best=$f best_ver=$v
        fi
    done
    [ -n "$best" ] && echo "$best"
}

# --- Which packages, and their .deb files in the cache.
if ! have_arch_lists || ! resolve; then
    if ! apt_update || ! resolve; then
        # Offline or unprivileged: a previous run's downloads still do.
        kernel_deb=$(newest_cached 'linux-image-[0-9]*') &&
            busybox_deb=$(newest_cached "$busybox_package") ||
            skip "apt has no $arch package lists (dpkg --add-architecture $arch" \
                 "and apt-get update need root or password-less sudo, and the archive)"
        say "using cached packages (apt's $arch lists are unavailable)"
    fi
fi
if [ -z "${kernel_deb:-}" ]; then
    if ! download "$kernel_pkg" "$kernel_ver" || ! download "$busybox_package" "$busybox_ver"; then
        # Stale lists name versions the archive no longer has: refresh once.
        say "download failed; refreshing apt's lists and retrying"
        { apt_update && resolve; } || skip "apt-get update failed"
        download "$kernel_pkg" "$kernel_ver" && download "$busybox_package" "$busybox_ver" ||
            skip "apt-get download failed (is the archive reachable?)"
    fi
    kernel_deb=$(deb_file "$kernel_pkg" "$kernel_ver")
    busybox_deb=$(deb_file "$busybox_package" "$busybox_ver")
    # Older downloads are of no more use (about 60 MB per kernel).
    for f in "$debs"/linux-image-[0-9]*_"$arch".deb "$debs/${busybox_package}"_*_"$arch".deb; do
        if [ -f "$f" ] && [ "$f" != "$kernel_deb" ] && [ "$f" != "$busybox_deb" ]; then
            say "removing the outdated $(basename "$f") from the cache"
            rm -f "$f"
        fi
    done
fi
kernel_pkg=$(dpkg-deb -f "$kernel_deb" Package)
kernel_ver=$(dpkg-deb -f "$kernel_deb" Version)
busybox_ver=$(dpkg-deb -f "$busybox_deb" Version)
for f in "$kernel_deb" "$busybox_deb"; do
    [ "$(dpkg-deb -f "$f" Architecture)" = "$arch" ] || fail "$f is not an $arch package"
done

mkdir -p "$dest"
dest=$(cd "$dest" && pwd)

# install_output NEW TARGET: puts NEW in place of TARGET atomically (through
# a temporary file beside it) unless they are equal, so an unchanged output
# keeps its timestamp.
install_output() {
    if [ -f "$2" ] && cmp -s "$1" "$2"; then
        return
    fi
    dest_tmp=$(dirname "$2")/.$(basename "$2").$$.new
    cp "$1" "$dest_tmp"
    mv -f "$dest_tmp" "$2"
    dest_tmp=""
}

# --- The kernel: vmlinuz from the .deb, decompressed to a plain Image.
is_arm64_image() {
    # The arm64 boot protocol header: "ARM\x64" at offset 56.
    [ "$(od -An -tx1 -j56 -N4 "$1" | tr -d ' \n')" = 41524d64 ]
}

# to_image IN OUT: writes the uncompressed arm64 Image in IN to OUT.
to_image() {
    local in=$1 out=$2 magic
    magic=$(od -An -tx1 -N8 "$in" | tr -d ' \n')
    case $magic in
    1f8b*) gzip -dc "$in" >"$out" ;;
    fd377a585a00*) xz -dc "$in" >"$out" ;;
    28b52ffd*) zstd -qdc "$in" >"$out" ;;
    425a68*) bzip2 -dc "$in" >"$out" ;;
    02214c18* | 04224d18*) lz4 -dc "$in" >"$out" ;;
    4d5a*)
        if is_arm64_image "$in"; then
            cp "$in" "$out"   # a plain Image (its EFI stub also starts "MZ")
        elif [ "$(od -An -c -j4 -N4 "$in" | tr -d ' \n')" = zimg ]; then
            fail "$in is an EFI zboot image (CONFIG_EFI_ZBOOT): not supported yet"
        else
            fail "$in is a PE/EFI file but not an arm64 Image"
        fi
        ;;
    *)
        if is_arm64_image "$in"; then
            cp "$in" "$out"
        else
            fail "unknown kernel format in $in (first bytes: $magic)"
        fi
        ;;
    esac || fail "cannot decompress $in (is the matching tool installed?)"
    is_arm64_image "$out" || fail "$in did not decompress to an arm64 Image"
}

stamp=$dest/.Image.source
if [ ! -f "$dest/Image" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$kernel_pkg $kernel_ver" ]; then
    say "extracting the kernel from $(basename "$kernel_deb")"
    mkdir "$tmp/kernel"
    dpkg-deb --fsys-tarfile "$kernel_deb" |
        tar -x -C "$tmp/kernel" --wildcards './boot/vmlinuz-*' ||
        fail "no /boot/vmlinuz-* in $kernel_deb"
    vmlinuz=$(compgen -G "$tmp/kernel/boot/vmlinuz-*" | head -n 1)
    to_image "$vmlinuz" "$tmp/Image"
    install_output "$tmp/Image" "$dest/Image"
    echo "$kernel_pkg $kernel_ver" >"$stamp"
fi

# --- The initramfs, written by hand in cpio "newc" format: it needs no cpio
# tool and no root (for /dev/console), and the same inputs always give the
# same bytes (owner root, time 0).
cpio_ino=0
# cpio_entry OUT NAME MODE NLINK SIZE [RDEVMAJOR RDEVMINOR]: one header and name.
cpio_entry() {
    local out=$1 name=$2 mode=$3 nlink=$4 size=$5 rmaj=${6:-0} rmin=${7:-0}
    local namesize=$((${#name} + 1))
    cpio_ino=$((cpio_ino + 1))
    printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%s\0' \
        "$cpio_ino" "$mode" 0 0 "$nlink" 0 "$size" 0 0 "$rmaj" "$rmin" \
        "$namesize" 0 "$name" >>"$out"
    cpio_pad "$out" $(((110 + namesize) % 4))
}
cpio_pad() {
    [ "$2" -eq 0 ] || head -c $((4 - $2)) /dev/zero >>"$1"
}
cpio_dir() { cpio_entry "$1" "$2" $((0040000 | ${3:-0755})) 2 0; }
cpio_file() {
    local size
    size=$(stat -c %s "$3")
    cpio_entry "$1" "$2" $((0100000 | $4)) 1 "$size"
    cat "$3" >>"$1"
    cpio_pad "$1" $((size % 4))
}
cpio_symlink() {
    cpio_entry "$1" "$2" $((0120777)) 1 ${#3}
    printf '%s' "$3" >>"$1"
    cpio_pad "$1" $((${#3} % 4))
}
cpio_chardev() { cpio_entry "$1" "$2" $((0020000 | $3)) 1 0 "$4" "$5"; }
cpio_trailer() { cpio_entry "$1" 'TRAILER!!!' 0 1 0; }

mkdir "$tmp/busybox"
dpkg-deb --fsys-tarfile "$busybox_deb" | tar -x -C "$tmp/busybox" ./bin/busybox ||
    fail "no /bin/busybox in $busybox_deb"
cpio=$tmp/initrd.cpio
: >"$cpio"
for d in bin sbin usr usr/bin usr/sbin dev proc sys root; do
    cpio_dir "$cpio" "$d"
done
cpio_dir "$cpio" tmp 01777
cpio_chardev "$cpio" dev/console 0600 5 1
cpio_chardev "$cpio" dev/null 0666 1 3
cpio_file "$cpio" bin/busybox "$tmp/busybox/bin/busybox" 0755
cpio_symlink "$cpio" bin/sh busybox
cpio_file "$cpio" init "$init_script" 0755
cpio_trailer "$cpio"
gzip -n -9 <"$cpio" >"$tmp/initrd.cpio.gz"
install_output "$tmp/initrd.cpio.gz" "$dest/initrd.cpio.gz"

echo "IMAGE=$dest/Image"
echo "INITRD=$dest/initrd.cpio.gz"
echo "KERNEL_PACKAGE=$kernel_pkg"
echo "KERNEL_VERSION=$kernel_ver"
echo "BUSYBOX_VERSION=$busybox_ver"
