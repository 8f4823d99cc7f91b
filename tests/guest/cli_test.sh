#!/usr/bin/env bash
# ctest cases for phalanx's command line, run on the guest test programs.
#
#   cli_test.sh CASE PHALANX GUEST_DIR
#
# GUEST_DIR holds the built guest programs (smoke.elf, exceptions.elf).
# Cases that run a guest check the log and -max-insns behaviour; the bad
# input cases check for a one-line error on stderr, nothing on stdout and a
# non-zero exit status that is not a crash (128 + signal) or a hang.
set -uo pipefail

if [ $# -ne 3 ]; then
    echo "usage: cli_test.sh CASE PHALANX GUEST_DIR" >&2
    exit 2
fi
case_name=$1 phalanx=$2 guests=$3
smoke=$guests/smoke.elf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
    echo "*** cli/$case_name: $*"
    for f in out err; do
        if [ -s "$tmp/$f" ]; then
            echo "--- std$f (first 20 lines)"
            head -n 20 "$tmp/$f"
        fi
    done
    exit 1
}

# run ARGS...: phalanx with a timeout; status in $status.
run() {
    echo "+ phalanx $*"
    timeout -k 5 30 "$phalanx" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
    status=$?
    if [ $status -eq 124 ] || [ $status -eq 137 ]; then
        fail "timed out"
    fi
    if [ $status -ge 128 ]; then
        fail "crashed with signal $((status - 128))"
    fi
}

# expect_error ARGS...: phalanx must refuse with a one-line error.
expect_error() {
    run "$@"
    [ $status -ne 0 ] || fail "exit status 0 for bad input"
    [ ! -s "$tmp/out" ] || fail "printed on stdout"
    local lines
    lines=$(wc -l <"$tmp/err")
    [ "$lines" -eq 1 ] || fail "expected a one-line error on stderr, got $lines lines"
    grep -q '^phalanx: ' "$tmp/err" || fail "error does not start with 'phalanx: '"
    echo "exit status $status: $(cat "$tmp/err")"
}

# max_insns N: stops after exactly N instructions, as -stats reports.
max_insns() {
    local n=$1
    run -kernel "$smoke" -max-insns "$n" -stats
    [ $status -eq 0 ] || fail "exit status $status"
    grep -q "^phalanx: instructions $n, " "$tmp/err" ||
        fail "-stats does not report exactly $n instructions"
    grep -q "^phalanx: stopped after $n instructions" "$tmp/err" ||
        fail "no 'stopped after $n instructions' line"
    ! grep -q PASS "$tmp/out" || fail "the guest ran to completion"
    cat "$tmp/err"
}

case $case_name in
max-insns)
    # Counts that end mid-block, on the first instruction and further on.
    for n in 12345 99999 1000001; do
        max_insns $n
    done
    ;;
max-insns-one)
    max_insns 1
    ;;
log-in-asm-int)
    run -kernel "$guests/exceptions.elf" -d in_asm,int
    [ $status -eq 0 ] || fail "exit status $status"
    grep -q '40080000' "$tmp/err" || fail "no in_asm line for the entry point 0x40080000"
    grep -qi 'EC 0x0*0\b' "$tmp/err" || fail "no int line for the first UDF (EC 0x00)"
    run -kernel "$guests/exceptions.elf"
    cp "$tmp/out" "$tmp/out.nolog"
    run -kernel "$guests/exceptions.elf" -d in_asm,int
    cmp -s "$tmp/out" "$tmp/out.nolog" || fail "guest output changed by logging"
    echo "log lines: $(wc -l <"$tmp/err")"
    ;;
log-file)
    run -kernel "$smoke" -d in_asm -D "$tmp/log"
    [ $status -eq 0 ] || fail "exit status $status"
    [ -s "$tmp/log" ] || fail "log file empty or missing"
    grep -q '40080000' "$tmp/log" || fail "no in_asm line for 0x40080000 in the log file"
    ! grep -q '40080000' "$tmp/err" || fail "in_asm lines went to stderr as well"
    echo "log file lines: $(wc -l <"$tmp/log")"
    expect_error -kernel "$smoke" -d in_asm -D "$tmp/no/such/dir/log"
    # -D naming an input would truncate it: refused, the input intact.
    cp "$smoke" "$tmp/kernel.elf"
    expect_error -kernel "$tmp/kernel.elf" -D "$tmp/kernel.elf"
    cmp -s "$smoke" "$tmp/kernel.elf" || fail "-D truncated the kernel"
    ;;
missing-kernel)
    expect_error -kernel "$tmp/no-such-kernel.elf"
    ;;
x86-elf)
    # smoke.elf with e_machine patched to x86-64 (62), and the host's
    # /bin/true when it is an x86-64 ELF.
    cp "$smoke" "$tmp/x86.elf"
    printf '\076\000' | dd of="$tmp/x86.elf" bs=1 seek=18 conv=notrunc status=none
    expect_error -kernel "$tmp/x86.elf"
    if [ "$(od -An -tx1 -j18 -N2 /bin/true | tr -d ' ')" = 3e00 ]; then
        expect_error -kernel /bin/true
    fi
    # ELFCLASS32 and big-endian headers.
    cp "$smoke" "$tmp/elf32.elf"
    printf '\001' | dd of="$tmp/elf32.elf" bs=1 seek=4 conv=notrunc status=none
    expect_error -kernel "$tmp/elf32.elf"
    cp "$smoke" "$tmp/be.elf"
    printf '\002' | dd of="$tmp/be.elf" bs=1 seek=5 conv=notrunc status=none
    expect_error -kernel "$tmp/be.elf"
    ;;
truncated-elf)
    for size in 100 63 1000; do
        head -c $size "$smoke" >"$tmp/trunc.elf"
        expect_error -kernel "$tmp/trunc.elf"
    done
    : >"$tmp/empty.elf"
    expect_error -kernel "$tmp/empty.elf"
    ;;
mem-zero)
    expect_error -m 0 -kernel "$smoke"
    ;;
mem-banana)
    expect_error -m banana -kernel "$smoke"
    expect_error -m 12Q -kernel "$smoke"
    expect_error -m -5 -kernel "$smoke"
    expect_error -m 99999999999999999999 -kernel "$smoke"
    ;;
cpu-a72)
    expect_error -cpu cortex-a72 -kernel "$smoke"
    ;;
unknown-option)
    expect_error -frobnicate -kernel "$smoke"
    expect_error -kernel "$smoke" -max-insns
    expect_error -kernel "$smoke" -max-insns lots
    expect_error -kernel "$smoke" -d no_such_item
    expect_error -kernel "$smoke" stray-argument
    ;;
no-kernel)
    expect_error
    expect_error -m 256M
    ;;
help)
    run -h
    [ $status -eq 0 ] || fail "-h: exit status $status"
    grep -q -- '-kernel' "$tmp/out" || fail "-h: no usage on stdout"
    run -d help
    [ $status -eq 0 ] || fail "-d help: exit status $status"
    for item in in_asm int unimp guest_errors; do
        grep -q "^$item" "$tmp/out" || fail "-d help: no '$item' item listed"
    done
    ;;
*)
    echo "cli_test.sh: unknown case '$case_name'" >&2
    exit 2
    ;;
esac
echo "cli/$case_name ok"
