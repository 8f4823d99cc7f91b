/* phalanx: command line front end. Builds the machine, boots the kernel and
 * runs the vCPU until the guest powers off or the instruction limit. */
#include <inttypes.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "arm/decode.h"
#include "coordinator/console.h"
#include "coordinator/options.h"
#include "devices/fdt.h"
#include "devices/psci.h"
#include "devices/virt.h"
#include "tcg/vcpu.h"
#include "util/hash.h"
#include "util/log.h"

/* Instructions per call into the run loop; between calls the front end
 * services devices (console input, RTC alarm) and stop requests. About a
 * millisecond of guest time: keyboard echo stays prompt. */
#define RUN_SLICE (1u << 20)

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Instructions executed (virtual time minus what WFI skipped), wall time,
 * their rate, then the slow-path counters. */
static void print_stats(const struct vcpu *cpu, double seconds)
{
    uint64_t executed = cpu->s.icount - cpu->stats.idle_insns;
    double mips = seconds > 0 ? executed / seconds / 1e6 : 0;
    fprintf(stderr, "phalanx: instructions %" PRIu64 ", wall time %.3f s, %.1f MIPS\n",
            executed, seconds, mips);
    vcpu_stats_print(&cpu->stats, stderr, "phalanx:   ");
}

/* Guest virtual time in nanoseconds: one retired instruction is one
 * nanosecond (DESIGN.md section 3; the generic timer counts the same way). */
static uint64_t virtual_time_ns(void *opaque)
{
    const struct vcpu *cpu = opaque;
    return cpu->s.icount;
}

/* The RTC's value at virtual time 0 (-rtc base=). */
static int64_t rtc_start(const struct options *opt)
{
    time_t now = time(NULL);
    switch (opt->rtc_base) {
    case RTC_BASE_DATE:
        return opt->rtc_date;
    case RTC_BASE_LOCALTIME: {
        struct tm local;
        localtime_r(&now, &local);
        return (int64_t)now + local.tm_gmtoff;
    }
    case RTC_BASE_UTC:
    default:
        return (int64_t)now;
    }
}

/*
 * Loads kernel, initrd and device tree into RAM and puts the vCPU at the
 * entry point, at power-on and again at each reboot (QEMU also reloads its
 * images on reset; the rest of RAM is kept). Virtual time runs on: the
 * counter is not reset. Returns 0, or -1 with the reason in err.
 */
static int boot_vcpu(struct virt_machine *m, const struct virt_boot_config *cfg,
                     struct vcpu *cpu, char *err, size_t err_len)
{
    struct virt_boot boot;
    if (virt_boot_prepare(m, cfg, &boot, err, err_len)) {
        return -1;
    }
    static bool warned;
    if (cfg->initrd && !boot.layout.linux_boot && !warned) {
        fprintf(stderr, "phalanx: warning: -initrd ignored: an ELF kernel is not booted "
                "as Linux (as in QEMU)\n");
        warned = true;
    }
    virt_boot_free(&boot);
    vcpu_reset(cpu, boot.entry);
    /* Linux arm64 boot protocol: x0 = DTB, x1 = x2 = x3 = 0 (reset). */
    cpu->s.x[0] = boot.x0;
    return 0;
}

/* Whether paths a and b (b may be NULL) name the same existing file. */
static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return b && stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

static int fatal(const char *msg)
{
    fprintf(stderr, "phalanx: %s\n", msg);
    log_close();
    return 1;
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
    psci_conduit = opt.psci_smc ? PSCI_CONDUIT_SMC : PSCI_CONDUIT_HVC;
    /* Opening the log truncates it: never when it names an input. */
    const char *inputs[] = { opt.kernel, opt.initrd, opt.dtb };
    for (size_t i = 0; opt.log_file && i < sizeof(inputs) / sizeof(inputs[0]); i++) {
        if (same_file(opt.log_file, inputs[i])) {
            fprintf(stderr, "phalanx: -D %s would overwrite an input file\n", opt.log_file);
            return 2;
        }
    }
    if (opt.log_file && !log_set_file(opt.log_file)) {
        fprintf(stderr, "phalanx: cannot open log file '%s'\n", opt.log_file);
        return 2;
    }

    struct virt_machine m;
    struct virt_config config = {
        .ram_size = opt.ram_size,
        .n_cpus = opt.smp,
        .console_fd = STDOUT_FILENO,
        .rtc_base = rtc_start(&opt),
    };
    if (virt_create(&m, &config, err, sizeof(err))) {
        return fatal(err);
    }
    struct virt_boot_config boot_config = {
        .kernel = opt.kernel, .initrd = opt.initrd, .dtb = opt.dtb, .append = opt.append,
    };
    if (opt.dumpdtb[0]) {
        /* As QEMU: write the tree the guest would get, and stop there. */
        struct virt_boot boot;
        int rc = virt_boot_prepare(&m, &boot_config, &boot, err, sizeof(err));
        if (!rc) {
            rc = dtb_write_file(boot.dtb, opt.dumpdtb, err, sizeof(err));
            virt_boot_free(&boot);
        }
        virt_destroy(&m);
        if (rc) {
            return fatal(err);
        }
        fprintf(stderr, "phalanx: dtb dumped to %s\n", opt.dumpdtb);
        log_close();
        return 0;
    }

    a64_decode_init();
    struct vcpu *cpu = vcpu_new(&m.bus);
    if (!cpu) {
        virt_destroy(&m);
        return fatal("out of memory creating the vCPU");
    }
    if (boot_vcpu(&m, &boot_config, cpu, err, sizeof(err))) {
        vcpu_free(cpu);
        virt_destroy(&m);
        return fatal(err);
    }
    pl031_set_clock(&m.rtc, virtual_time_ns, cpu);

    struct console con;
    console_open(&con, STDIN_FILENO, &m.uart);
    console_poll(&con);

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
        if (stop == VCPU_STOP_RESET && !opt.no_reboot) {
            /* As QEMU without -no-reboot: the machine restarts. */
            log_item_printf(LOG_INT, "system reset: rebooting\n");
            virt_reset(&m);
            if (boot_vcpu(&m, &boot_config, cpu, err, sizeof(err))) {
                fprintf(stderr, "phalanx: reboot: %s\n", err);
                stop = VCPU_STOP_ERROR;
                break;
            }
            continue;
        }
        if (stop != VCPU_STOP_BUDGET) {
            break;
        }
        log_item_printf(LOG_HASH, "hash: icount %" PRIu64 " cpu %016" PRIx64
                        " dev %016" PRIx64 "\n",
                        cpu->s.icount, arm_state_hash(&cpu->s), virt_state_hash(&m));
        console_poll(&con);
        pl031_poll(&m.rtc);
    }
    double seconds = now_seconds() - start;
    console_close(&con);
    if (log_enabled(LOG_HASH)) {
        log_printf("hash: icount %" PRIu64 " cpu %016" PRIx64 " dev %016" PRIx64
                   " ram %016" PRIx64 " (end)\n",
                   cpu->s.icount, arm_state_hash(&cpu->s), virt_state_hash(&m),
                   hash_bytes(HASH_SEED, m.ram.host, m.ram.size));
    }

    int status = 0;
    switch (stop) {
    case VCPU_STOP_BUDGET:
        fprintf(stderr, "phalanx: stopped after %" PRIu64 " instructions (-max-insns)\n",
                cpu->s.icount);
        break;
    case VCPU_STOP_POWER_OFF:
    case VCPU_STOP_RESET: /* with -no-reboot */
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
