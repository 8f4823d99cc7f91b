# Sourced by run.sh, linux_boot.sh and check_result.sh: how each emulator
# runs a benchmark ELF, and which binaries the harnesses use. The guest's output goes to stdout, the emulator's messages to stderr.
# BENCH_TIMEOUT (seconds) stops a run that hangs.
BENCH_TIMEOUT=${BENCH_TIMEOUT:-600}

# phalanx_run PHALANX ELF [extra options...]
phalanx_run() {
    local bin=$1 elf=$2
    shift 2
    timeout "$BENCH_TIMEOUT" "$bin" -kernel "$elf" "$@" </dev/null
}

# qemu_run QEMU ELF
qemu_run() {
    timeout "$BENCH_TIMEOUT" "$1" -M virt -cpu cortex-a57 -nographic -nodefaults \
        -serial stdio -kernel "$2" </dev/null
}

# expected_line EXPECTED_FILE SIZE NAME: the stored result line, if any.
expected_line() {
    sed -n "s/^$2 \($3: .*\)\$/\1/p" "$1"
}

# resolve_emulators: checks $runs and fills in $phalanx (default
# $build/phalanx) and $qemu (default: on PATH), or dies (the caller's die).
resolve_emulators() {
    [[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs wants a positive number, not '$runs'"
    phalanx=${phalanx:-$build/phalanx}
    [ -x "$phalanx" ] || die "no phalanx binary at $phalanx (build first: scripts/build.sh, or use --build/--phalanx)"
    if [ -z "$qemu" ]; then
        qemu=$(command -v qemu-system-aarch64) || die "qemu-system-aarch64 not found on PATH (use --qemu)"
    fi
    [ -x "$qemu" ] || die "no QEMU binary at $qemu"
}
