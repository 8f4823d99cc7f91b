# Sourced by run.sh and check_result.sh: how each emulator runs a benchmark
# ELF. The guest's output goes to stdout, the emulator's messages to stderr.
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
