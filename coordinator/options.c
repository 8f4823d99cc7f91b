/* Command line parsing. */
#include "coordinator/options.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* -machine virt[,key=value...]: only the board name and options QEMU scripts pass. */
static int parse_machine(struct options *o, const char *arg, char *err, unsigned err_len)
{
    char buf[256];
    snprintf(buf, sizeof(buf), "%s", arg);
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(tok, '=');
        if (!eq) {
            if (strcmp(tok, "virt") != 0) {
                return fail(err, err_len, "unsupported machine '%s' (only 'virt')", tok);
            }
            o->machine = "virt";
            continue;
        }
        *eq = '\0';
        if (!strcmp(tok, "type")) {
            if (strcmp(eq + 1, "virt") != 0) {
                return fail(err, err_len, "unsupported machine '%s' (only 'virt')", eq + 1);
            }
        } else {
            return fail(err, err_len, "unsupported machine option '%s'", tok);
        }
    }
    return 0;
}

int options_parse(struct options *o, int argc, char **argv, char *err, unsigned err_len)
{
    memset(o, 0, sizeof(*o));
    o->machine = "virt";
    o->cpu = "cortex-a57";
    o->ram_size = DEFAULT_RAM;

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
        if (!strcmp(opt, "-nographic")) {
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
            "-M", "-machine", "-cpu", "-m", "-kernel", "-d", "-D", "-max-insns",
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
        } else if (!strcmp(opt, "-kernel")) {
            o->kernel = val;
        } else if (!strcmp(opt, "-d")) {
            if (!strcmp(val, "help")) {
                o->log_help = true;
                continue;
            }
            const char *bad;
            if (!log_parse_items(val, &o->log_mask, &bad)) {
                return fail(err, err_len, "unknown log item '%s' (try -d help)", bad);
            }
        } else if (!strcmp(opt, "-D")) {
            o->log_file = val;
        } else if (!strcmp(opt, "-max-insns")) {
            if (!parse_count(val, &o->max_insns) || o->max_insns == 0) {
                return fail(err, err_len, "bad instruction count '%s'", val);
            }
        }
    }
    if (!o->help && !o->log_help && !o->kernel) {
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
           "  -M, -machine virt   board (default virt)\n"
           "  -cpu cortex-a57     CPU model (default cortex-a57)\n"
           "  -m SIZE             guest RAM, e.g. 512M, 2G (default 512M; bare number = MiB)\n"
           "  -kernel FILE        ELF, Linux arm64 Image, or raw binary at RAM+0x80000\n"
           "  -nographic          accepted; the console is always on stdio\n"
           "  -d ITEMS            log items, comma separated (-d help lists them)\n"
           "  -D FILE             write the log to FILE instead of stderr\n"
           "  -max-insns N        stop after N guest instructions\n"
           "  -stats              at exit print instructions retired, wall time and MIPS\n"
           "  -h, -help           this help\n",
           argv0);
}
