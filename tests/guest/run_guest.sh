#!/usr/bin/env bash
# ctest runner for one guest program.
#
#   run_guest.sh [options] phalanx ELF    run on phalanx
#   run_guest.sh [options] qemu ELF       run on qemu-system-aarch64
#   run_guest.sh [options] compare ELF    run on both, transcripts must match
#
# A run passes when the emulator exits with status 0 within the timeout, the
# transcript's last line is "PASS" and no line contains "FAIL". compare also
# requires both transcripts to be equal, ignoring lines that start with "# "
# (values where phalanx deliberately differs from QEMU, e.g. ID registers).
#
# Options:
#   --phalanx BIN     phalanx binary
#   --qemu BIN        qemu-system-aarch64 binary
#   --timeout SEC     per run (default 60)
#   --require REGEX   phalanx transcript must have a line matching REGEX
#                     (repeatable; for behaviour QEMU does not model)
#   --reboot          let a guest reset reboot the machine (both emulators
#                     get -no-reboot otherwise, so a reset ends the run)
#   --qemu-cpu CPU    QEMU's -cpu (default cortex-a57; 'max' for tests of
#                     extensions phalanx advertises beyond the A57, e.g. PAN)
set -uo pipefail

phalanx=phalanx qemu=qemu-system-aarch64 qemu_cpu=cortex-a57 timeout_s=60
no_reboot=(-no-reboot)
require=()
while [ $# -gt 0 ]; do
    case $1 in
    --phalanx) phalanx=$2; shift 2 ;;
    --qemu) qemu=$2; shift 2 ;;
    --timeout) timeout_s=$2; shift 2 ;;
    --require) require+=("$2"); shift 2 ;;
    --qemu-cpu) qemu_cpu=$2; shift 2 ;;
    --reboot) no_reboot=(); shift ;;
    --*) echo "run_guest.sh: unknown option '$1'" >&2; exit 2 ;;
    *) break ;;
    esac
done
if [ $# -ne 2 ]; then
    echo "usage: run_guest.sh [options] phalanx|qemu|compare ELF" >&2
    exit 2
fi
mode=$1 elf=$2
if [ ! -f "$elf" ]; then
    echo "run_guest.sh: no such guest program '$elf'" >&2
    exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run_one KIND: runs the guest, leaves the transcript in $tmp/KIND.out and
# stderr in $tmp/KIND.err, returns 0 if the run passed.
run_one() {
    local kind=$1 status
    local -a cmd
    if [ "$kind" = phalanx ]; then
        cmd=("$phalanx" "${no_reboot[@]}" -kernel "$elf")
    else
        # -no-reboot (unless --reboot): a guest's SYSTEM_RESET ends the run.
        # GICv3, as on phalanx's board (QEMU's virt defaults to GICv2).
        cmd=("$qemu" -M virt,gic-version=3 -cpu "$qemu_cpu" -nographic -nodefaults
             -serial stdio "${no_reboot[@]}" -kernel "$elf")
    fi
    timeout -k 5 "$timeout_s" "${cmd[@]}" </dev/null >"$tmp/$kind.out" 2>"$tmp/$kind.err"
    status=$?
    local ok=1 why=()
    if [ $status -eq 124 ] || [ $status -eq 137 ]; then
        ok=0 why+=("timed out after ${timeout_s} s")
    elif [ $status -ge 128 ]; then
        ok=0 why+=("killed by signal $((status - 128))")
    elif [ $status -ne 0 ]; then
        ok=0 why+=("exit status $status")
    fi
    if grep -q FAIL "$tmp/$kind.out"; then
        ok=0 why+=("transcript contains FAIL")
    fi
    if [ "$(tail -n 1 "$tmp/$kind.out")" != PASS ]; then
        ok=0 why+=("last line is not PASS")
    fi
    if [ "$kind" = phalanx ]; then
        local re
        for re in "${require[@]+"${require[@]}"}"; do
            if ! grep -Eq -- "$re" "$tmp/$kind.out"; then
                ok=0 why+=("no line matches '$re'")
            fi
        done
    fi
    echo "=== $kind: ${cmd[*]}"
    cat "$tmp/$kind.out"
    if [ $ok -eq 0 ]; then
        if [ -s "$tmp/$kind.err" ]; then
            echo "--- $kind stderr (last 40 lines)"
            tail -n 40 "$tmp/$kind.err"
        fi
        local IFS=';'
        echo "*** $kind run failed: ${why[*]}"
        if [ "$kind" = phalanx ]; then
            echo "    (debug: $phalanx -kernel $elf -d in_asm,int,unimp)"
        fi
        return 1
    fi
    return 0
}

case $mode in
phalanx | qemu)
    run_one "$mode"
    exit $?
    ;;
compare)
    status=0
    run_one phalanx || status=1
    run_one qemu || status=1
    grep -v '^# ' "$tmp/phalanx.out" >"$tmp/phalanx.cmp"
    grep -v '^# ' "$tmp/qemu.out" >"$tmp/qemu.cmp"
    if ! diff -u --label qemu --label phalanx "$tmp/qemu.cmp" "$tmp/phalanx.cmp" >"$tmp/diff"; then
        echo "*** transcripts differ (lines starting '# ' ignored):"
        cat "$tmp/diff"
        status=1
    fi
    exit $status
    ;;
*)
    echo "run_guest.sh: unknown mode '$mode' (phalanx, qemu or compare)" >&2
    exit 2
    ;;
esac
