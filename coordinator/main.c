/* phalanx: command line front end. Builds the machine, loads the kernel and
 * runs the vCPU until the guest powers off or the instruction limit. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "arm/decode.h"
#include "coordinator/options.h"
#include "devices/loader.h"
#include "devices/virt.h"
#include "tcg/vcpu.h"
#include "util/log.h"

/* Instructions per call into the run loop; between calls the front end can
 * service devices and stop requests. */
#define RUN_SLICE (1u << 22)

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void print_stats(const struct vcpu *cpu, double seconds)
{
    double mips = seconds > 0 ? cpu->s.icount / seconds / 1e6 : 0;
    fprintf(stderr, "phalanx: instructions %" PRIu64 ", wall time %.3f s, %.1f MIPS\n",
            cpu->s.icount, seconds, mips);
}

int main(int argc, char **argv)
{
    struct options opt;
    char err[512];
    if (options_parse(&opt, argc, argv, err, sizeof(err))) {
        fprintf(stderr, "phalanx: %s\n", err);
        return 2;
    }
    if (opt.help) {
        options_usage(argv[0]);
        return 0;
    }
    if (opt.log_help) {
        log_print_help();
        return 0;
    }
    log_mask = opt.log_mask;
    if (opt.log_file && !log_set_file(opt.log_file)) {
        fprintf(stderr, "phalanx: cannot open log file '%s'\n", opt.log_file);
        return 2;
    }

    struct virt_machine m;
    if (virt_create(&m, opt.ram_size, STDOUT_FILENO, err, sizeof(err))) {
        fprintf(stderr, "phalanx: %s\n", err);
        log_close();
        return 1;
    }
    struct kernel_info kinfo;
    if (load_kernel(opt.kernel, &m.bus, &kinfo, err, sizeof(err))) {
        fprintf(stderr, "phalanx: %s\n", err);
        virt_destroy(&m);
        log_close();
        return 1;
    }
    a64_decode_init();
    struct vcpu *cpu = vcpu_new(&m.bus);
    if (!cpu) {
        fprintf(stderr, "phalanx: out of memory creating the vCPU\n");
        virt_destroy(&m);
        log_close();
        return 1;
    }
    arm_state_reset(&cpu->s, kinfo.entry);
    vcpu_update_flags(cpu);

    double start = now_seconds();
    enum vcpu_stop stop = VCPU_STOP_BUDGET;
    for (;;) {
        uint64_t slice = RUN_SLICE;
        if (opt.max_insns) {
            uint64_t left = opt.max_insns - cpu->s.icount;
            if (left == 0) {
                break;
            }
            slice = left < slice ? left : slice;
        }
        stop = vcpu_run(cpu, slice);
        if (stop != VCPU_STOP_BUDGET) {
            break;
        }
    }
    double seconds = now_seconds() - start;

    int status = 0;
    switch (stop) {
    case VCPU_STOP_BUDGET:
        fprintf(stderr, "phalanx: stopped after %" PRIu64 " instructions (-max-insns)\n",
                cpu->s.icount);
        break;
    case VCPU_STOP_POWER_OFF:
    case VCPU_STOP_RESET:
    case VCPU_STOP_CPU_OFF:
        break;
    default:
        status = 1;
        break;
    }
    if (opt.stats) {
        print_stats(cpu, seconds);
    }
    vcpu_free(cpu);
    virt_destroy(&m);
    log_close();
    return status;
}
