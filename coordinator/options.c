/* Command line parsing: QEMU's options where they apply, phalanx's own after. */
#include "coordinator/options.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "devices/board.h"
#include "util/log.h"

#define DEFAULT_RAM (512ull << 20)
#define MIN_RAM     (1ull << 20)

static int fail(char *err, unsigned err_len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, err_len, fmt, ap);
    va_end(ap);
    return -1;
}

bool options_parse_size(const char *s, uint64_t default_unit, uint64_t *out)
{
    /* strtoull skips spaces and takes a sign: " -1" would wrap to 2^64 - 1. */
    if (*s < '0' || *s > '9') {
        return false;
    }
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s) {
        return false;
    }
    uint64_t unit = default_unit;
    if (*end) {
        switch (*end) {
        case 'k': case 'K': unit = 1ull << 10; break;
        case 'm': case 'M': unit = 1ull << 20; break;
        case 'g': case 'G': unit = 1ull << 30; break;
        case 't': case 'T': unit = 1ull << 40; break;
        case 'b': case 'B': unit = 1; break;
        default: return false;
        }
        if (end[1] && !((end[1] == 'i' || end[1] == 'B') && !end[2])) {
            return false;
        }
    }
    if (v > UINT64_MAX / unit) {
        return false;
    }
    *out = v * unit;
    return true;
}

static bool parse_count(const char *s, uint64_t *out)
{
    /* strtoull skips spaces and takes a sign: " -1" would wrap to 2^64 - 1. */
    if (*s < '0' || *s > '9') {
        return false;
    }
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || *end) {
        return false;
    }
    *out = v;
    return true;
}

/*
 * Copies the next element of a QEMU option list ("virt,key=value,...") into
 * buf, where ",," stands for a comma, and moves *p past it. False when the
 * element does not fit in buf.
 */
static bool next_item(const char **p, char *buf, size_t len)
{
    const char *s = *p;
    size_t n = 0;
    while (*s) {
        char c = *s++;
        if (c == ',') {
            if (*s != ',') {
                break;
            }
            s++;
        }
        if (n + 1 >= len) {
            return false;
        }
        buf[n++] = c;
    }
    buf[n] = '\0';
    *p = s;
    return true;
}

/* Splits "key=value" in place: returns the value, or NULL for a bare word. */
static char *split_key(char *item)
{
    char *eq = strchr(item, '=');
    if (!eq) {
        return NULL;
    }
    *eq = '\0';
    return eq + 1;
}

/* -machine virt[,gic-version=3|max][,dumpdtb=FILE][,accel=tcg][,psci-conduit=hvc|smc] */
static int parse_machine(struct options *o, const char *arg, char *err, unsigned err_len)
{
    char item[OPTIONS_PATH_MAX + 16];
    for (const char *p = arg; *p;) {
        if (!next_item(&p, item, sizeof(item))) {
            return fail(err, err_len, "-machine option too long");
        }
        char *val = split_key(item);
        if (!val) {
            if (strcmp(item, "virt") != 0) {
                return fail(err, err_len, "unsupported machine '%s' (only 'virt')", item);
            }
            o->machine = "virt";
        } else if (!strcmp(item, "type")) {
            if (strcmp(val, "virt") != 0) {
                return fail(err, err_len, "unsupported machine '%s' (only 'virt')", val);
            }
        } else if (!strcmp(item, "gic-version")) {
            if (!strcmp(val, "2")) {
                return fail(err, err_len, "GICv2 is not supported (gic-version=2): phalanx "
                            "emulates a GICv3 (gic-version=3)");
            }
            if (!strcmp(val, "host")) {
                return fail(err, err_len, "gic-version=host needs KVM: phalanx emulates a "
                            "GICv3 (gic-version=3)");
            }
            if (strcmp(val, "3") != 0 && strcmp(val, "max") != 0) {
                return fail(err, err_len, "bad gic-version '%s' (phalanx has gic-version=3)",
                            val);
            }
        } else if (!strcmp(item, "dumpdtb")) {
            if (!*val) {
                return fail(err, err_len, "dumpdtb needs a file name (dumpdtb=FILE)");
            }
            if (strlen(val) >= sizeof(o->dumpdtb)) {
                /* Cut short it would name another file. */
                return fail(err, err_len, "dumpdtb file name too long (at most %d bytes)",
                            OPTIONS_PATH_MAX - 1);
            }
            snprintf(o->dumpdtb, sizeof(o->dumpdtb), "%s", val);
        } else if (!strcmp(item, "psci-conduit")) {
            if (strcmp(val, "hvc") != 0 && strcmp(val, "smc") != 0) {
                return fail(err, err_len, "bad psci-conduit '%s' (hvc or smc)", val);
            }
            o->psci_smc = !strcmp(val, "smc");
        } else if (!strcmp(item, "accel")) {
            if (strcmp(val, "tcg") != 0) {
                return fail(err, err_len, "unsupported accelerator '%s' (only tcg)", val);
            }
        } else {
            return fail(err, err_len, "unsupported machine option '%s'", item);
        }
    }
    return 0;
}

/* -smp [cpus=]N[,maxcpus=N][,sockets=N][,dies=N][,clusters=N][,cores=N][,threads=N] */
static int parse_smp(struct options *o, const char *arg, char *err, unsigned err_len)
{
    static const char *const keys[] = {
        "cpus", "maxcpus", "sockets", "dies", "clusters", "cores", "threads",
    };
    char item[64];
    bool first = true;
    for (const char *p = arg; *p; first = false) {
        if (!next_item(&p, item, sizeof(item))) {
            return fail(err, err_len, "bad -smp '%s'", arg);
        }
        char *val = split_key(item);
        if (!val) {
            if (!first) {
                return fail(err, err_len, "bad -smp '%s' (a count comes first)", arg);
            }
            val = item;
        } else {
            bool known = false;
            for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
                known |= !strcmp(item, keys[k]);
            }
            if (!known) {
                return fail(err, err_len, "unknown -smp parameter '%s'", item);
            }
        }
        uint64_t n;
        if (!parse_count(val, &n) || n == 0) {
            return fail(err, err_len, "bad -smp '%s' (counts are positive numbers)", arg);
        }
        /* Every count, or the product of the topology, above 1 means SMP. */
        if (n > 1) {
            return fail(err, err_len, "multi-vCPU is not implemented yet (-smp %s): phalanx "
                        "runs one vCPU", arg);
        }
    }
    o->smp = 1;
    return 0;
}

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
    }
    return true;
}

/*
 * QEMU's -rtc base=DATE: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS", UTC. The
 * PL031 counts unsigned 32-bit seconds, so 1970..2106.
 */
static bool parse_date(const char *s, int64_t *out)
{
    size_t len = strlen(s);
    if (len != 10 && len != 19) {
        return false;
    }
    if (!all_digits(s, 4) || s[4] != '-' || !all_digits(s + 5, 2) || s[7] != '-' ||
        !all_digits(s + 8, 2)) {
        return false;
    }
    if (len == 19 && (s[10] != 'T' || !all_digits(s + 11, 2) || s[13] != ':' ||
                      !all_digits(s + 14, 2) || s[16] != ':' || !all_digits(s + 17, 2))) {
        return false;
    }
    struct tm tm;
    memset(&tm, 0, sizeof(tm));
    tm.tm_year = atoi(s) - 1900;
    tm.tm_mon = atoi(s + 5) - 1;
    tm.tm_mday = atoi(s + 8);
    if (len == 19) {
        tm.tm_hour = atoi(s + 11);
        tm.tm_min = atoi(s + 14);
        tm.tm_sec = atoi(s + 17);
    }
    struct tm want = tm;
    if (tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_hour > 23 || tm.tm_min > 59 ||
        tm.tm_sec > 59) {
        return false;
    }
    time_t t = timegm(&tm);
    /* timegm normalizes February 30 into March: refuse what moved. */
    if (t == (time_t)-1 || tm.tm_mday != want.tm_mday || tm.tm_mon != want.tm_mon ||
        t < 0 || (uint64_t)t > UINT32_MAX) {
        return false;
    }
    *out = (int64_t)t;
    return true;
}

/* -rtc [base=utc|localtime|DATE][,clock=host|rt|vm][,driftfix=none|slew] */
static int parse_rtc(struct options *o, const char *arg, char *err, unsigned err_len)
{
    char item[64];
    for (const char *p = arg; *p;) {
        if (!next_item(&p, item, sizeof(item))) {
            return fail(err, err_len, "bad -rtc '%s'", arg);
        }
        char *val = split_key(item);
        if (!val) {
            return fail(err, err_len, "bad -rtc '%s' (key=value expected)", arg);
        }
        if (!strcmp(item, "base")) {
            if (!strcmp(val, "utc")) {
                o->rtc_base = RTC_BASE_UTC;
            } else if (!strcmp(val, "localtime")) {
                o->rtc_base = RTC_BASE_LOCALTIME;
            } else if (parse_date(val, &o->rtc_date)) {
                o->rtc_base = RTC_BASE_DATE;
            } else {
                return fail(err, err_len, "bad -rtc base '%s' (utc, localtime, "
                            "YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS, 1970 to 2106)", val);
            }
        } else if (!strcmp(item, "clock")) {
            /* The RTC always follows guest virtual time (reproducible runs). */
            if (strcmp(val, "host") != 0 && strcmp(val, "rt") != 0 && strcmp(val, "vm") != 0) {
                return fail(err, err_len, "bad -rtc clock '%s' (host, rt or vm)", val);
            }
        } else if (!strcmp(item, "driftfix")) {
            if (strcmp(val, "none") != 0 && strcmp(val, "slew") != 0) {
                return fail(err, err_len, "bad -rtc driftfix '%s' (none or slew)", val);
            }
        } else {
            return fail(err, err_len, "unknown -rtc parameter '%s'", item);
        }
    }
    return 0;
}

/* -accel tcg[,thread=...,tb-size=...]: the options tune QEMU's TCG; ignored. */
static int parse_accel(const char *arg, char *err, unsigned err_len)
{
    size_t n = strcspn(arg, ",");
    if (n != 3 || strncmp(arg, "tcg", 3) != 0) {
        return fail(err, err_len, "unsupported accelerator '%.*s' (only tcg)", (int)n, arg);
    }
    return 0;
}

int options_parse(struct options *o, int argc, char **argv, char *err, unsigned err_len)
{
    memset(o, 0, sizeof(*o));
    o->machine = "virt";
    o->cpu = "cortex-a57";
    o->ram_size = DEFAULT_RAM;
    o->smp = 1;
    o->rtc_base = RTC_BASE_UTC;

    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        /* QEMU accepts --opt as -opt. */
        if (opt[0] == '-' && opt[1] == '-') {
            opt++;
        }
        if (!strcmp(opt, "-h") || !strcmp(opt, "-help")) {
            o->help = true;
            continue;
        }
        /* Accepted for QEMU command lines: the console is always on stdio,
         * and there are no default devices to drop. */
        if (!strcmp(opt, "-nographic") || !strcmp(opt, "-nodefaults")) {
            continue;
        }
        if (!strcmp(opt, "-no-reboot")) {
            o->no_reboot = true;
            continue;
        }
        if (!strcmp(opt, "-stats")) {
            o->stats = true;
            continue;
        }
        if (opt[0] != '-') {
            return fail(err, err_len, "unexpected argument '%s' (a kernel goes after -kernel)",
                        opt);
        }
        static const char *const with_value[] = {
            "-M", "-machine", "-cpu", "-m", "-smp", "-kernel", "-initrd", "-append", "-dtb",
            "-serial", "-monitor", "-display", "-accel", "-rtc", "-d", "-D", "-max-insns",
        };
        bool known = false;
        for (size_t k = 0; k < sizeof(with_value) / sizeof(with_value[0]); k++) {
            known |= !strcmp(opt, with_value[k]);
        }
        if (!known) {
            return fail(err, err_len, "unknown option '%s' (try -h)", argv[i]);
        }
        if (i + 1 >= argc) {
            return fail(err, err_len, "option '%s' needs a value", argv[i]);
        }
        const char *val = argv[++i];
        if (!strcmp(opt, "-M") || !strcmp(opt, "-machine")) {
            if (parse_machine(o, val, err, err_len)) {
                return -1;
            }
        } else if (!strcmp(opt, "-cpu")) {
            if (strcmp(val, "cortex-a57") != 0) {
                return fail(err, err_len, "unsupported cpu '%s' (only 'cortex-a57')", val);
            }
            o->cpu = "cortex-a57";
        } else if (!strcmp(opt, "-m")) {
            const char *size = val;
            if (!strncmp(size, "size=", 5)) {
                size += 5;
            }
            if (!options_parse_size(size, 1ull << 20, &o->ram_size)) {
                return fail(err, err_len, "bad memory size '%s' (e.g. 512M, 2G)", val);
            }
            if (o->ram_size < MIN_RAM || o->ram_size > VIRT_MAX_RAM ||
                (o->ram_size & 0xfff)) {
                return fail(err, err_len, "memory size '%s' out of range (1M to 255G, "
                            "a multiple of 4K)", val);
            }
        } else if (!strcmp(opt, "-smp")) {
            if (parse_smp(o, val, err, err_len)) {
                return -1;
            }
        } else if (!strcmp(opt, "-kernel")) {
            o->kernel = val;
        } else if (!strcmp(opt, "-initrd")) {
            o->initrd = val;
        } else if (!strcmp(opt, "-append")) {
            o->append = val;
        } else if (!strcmp(opt, "-dtb")) {
            o->dtb = val;
        } else if (!strcmp(opt, "-serial")) {
            if (strcmp(val, "stdio") != 0 && strcmp(val, "mon:stdio") != 0) {
                return fail(err, err_len, "unsupported -serial '%s' (only stdio or mon:stdio)",
                            val);
            }
        } else if (!strcmp(opt, "-monitor")) {
            if (strcmp(val, "none") != 0) {
                return fail(err, err_len, "unsupported -monitor '%s' (only none: phalanx has "
                            "no monitor yet)", val);
            }
        } else if (!strcmp(opt, "-display")) {
            if (strcmp(val, "none") != 0) {
                return fail(err, err_len, "unsupported -display '%s' (only none)", val);
            }
        } else if (!strcmp(opt, "-accel")) {
            if (parse_accel(val, err, err_len)) {
                return -1;
            }
        } else if (!strcmp(opt, "-rtc")) {
            if (parse_rtc(o, val, err, err_len)) {
                return -1;
            }
        } else if (!strcmp(opt, "-d")) {
            if (!strcmp(val, "help")) {
                o->log_help = true;
                continue;
            }
            const char *bad;
            if (!log_parse_items(val, &o->log_mask, &bad)) {
                return fail(err, err_len, *bad ? "unknown log item '%s' (try -d help)"
                                                : "empty log item%s in -d (try -d help)", bad);
            }
        } else if (!strcmp(opt, "-D")) {
            o->log_file = val;
        } else if (!strcmp(opt, "-max-insns")) {
            if (!parse_count(val, &o->max_insns) || o->max_insns == 0) {
                return fail(err, err_len, "bad instruction count '%s'", val);
            }
        }
    }
    if (o->help || o->log_help || o->kernel) {
        return 0;
    }
    /* As in QEMU, what goes with a kernel needs one. */
    if (o->initrd) {
        return fail(err, err_len, "-initrd only allowed with -kernel");
    }
    if (o->append && *o->append) {
        return fail(err, err_len, "-append only allowed with -kernel");
    }
    if (o->dtb) {
        return fail(err, err_len, "-dtb only allowed with -kernel");
    }
    if (!o->dumpdtb[0]) {
        return fail(err, err_len, "no kernel given (use -kernel FILE; -h for help)");
    }
    return 0;
}

void options_usage(const char *argv0)
{
    printf("usage: %s [options] -kernel FILE\n"
           "\n"
           "phalanx: a multi-process AArch64 full-system emulator (QEMU virt board)\n"
           "\n"
           "Machine:\n"
           "  -M, -machine virt[,OPT...]  board (default virt); options:\n"
           "                      gic-version=3|max  the interrupt controller (a GICv3)\n"
           "                      dumpdtb=FILE       write the device tree to FILE and exit\n"
           "                      psci-conduit=hvc|smc  PSCI call instruction (default hvc;\n"
           "                                         the other one is UNDEFINED)\n"
           "  -cpu cortex-a57     CPU model (default cortex-a57)\n"
           "  -m SIZE             guest RAM, e.g. 512M, 2G (default 512M; bare number = MiB)\n"
           "  -smp 1              vCPUs (only 1 for now)\n"
           "  -rtc base=utc|localtime|DATE  RTC start (DATE: 2024-01-31[T12:00:00], UTC);\n"
           "                      the RTC then follows guest virtual time\n"
           "\n"
           "Boot (Linux arm64 boot protocol, as QEMU's -kernel):\n"
           "  -kernel FILE        ELF, Linux arm64 Image (optionally gzip-compressed), or\n"
           "                      raw binary at RAM+0x80000\n"
           "  -initrd FILE        initial ramdisk for an Image or raw kernel\n"
           "  -append CMDLINE     kernel command line (/chosen/bootargs)\n"
           "  -dtb FILE           use this device tree instead of the generated one\n"
           "  -no-reboot          a guest reset (PSCI SYSTEM_RESET) ends the run with\n"
           "                      status 0 instead of rebooting the machine\n"
           "\n"
           "Console and QEMU compatibility (accepted; the console is always on stdio):\n"
           "  -nographic, -nodefaults, -serial stdio|mon:stdio,\n"
           "  -display none, -monitor none, -accel tcg\n"
           "\n"
           "Debugging:\n"
           "  -d ITEMS            log items, comma separated (-d help lists them)\n"
           "  -D FILE             write the log to FILE instead of stderr\n"
           "  -max-insns N        stop after N guest instructions\n"
           "  -stats              at exit print instructions retired, wall time and MIPS\n"
           "  -h, -help           this help\n",
           argv0);
}
