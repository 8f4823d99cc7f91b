/* Command line options, QEMU style (-opt value). */
#ifndef PHALANX_COORDINATOR_OPTIONS_H
#define PHALANX_COORDINATOR_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

/* Longest -machine dumpdtb=FILE path. */
#define OPTIONS_PATH_MAX 4096

/* Where the RTC starts (-rtc base=). */
enum rtc_base {
    RTC_BASE_UTC,       /* host clock, UTC (the default) */
    RTC_BASE_LOCALTIME, /* host clock in the host's time zone */
    RTC_BASE_DATE,      /* a fixed date: rtc_date */
};

struct options {
    const char  *machine;   /* -M / -machine (only "virt") */
    const char  *cpu;       /* -cpu (only "cortex-a57") */
    uint64_t     ram_size;  /* -m, bytes */
    unsigned     smp;       /* -smp: vCPUs (only 1 for now) */
    const char  *kernel;    /* -kernel */
    const char  *initrd;    /* -initrd */
    const char  *append;    /* -append: kernel command line */
    const char  *dtb;       /* -dtb: device tree file used instead of the generated one */
    char         dumpdtb[OPTIONS_PATH_MAX]; /* -machine dumpdtb=FILE; "": none */
    bool         psci_smc;                 /* -machine psci-conduit=smc (default hvc) */
    enum rtc_base rtc_base; /* -rtc base= */
    int64_t      rtc_date;  /* -rtc base=DATE: seconds since 1970 (UTC) */
    unsigned     log_mask;  /* -d */
    const char  *log_file;  /* -D */
    uint64_t     max_insns; /* -max-insns, 0 = no limit */
    bool         stats;     /* -stats */
    bool         no_reboot; /* -no-reboot: a guest reset ends the run */
    bool         help;      /* -h: print usage and exit 0 */
    bool         log_help;  /* -d help: list log items and exit 0 */
};

/*
 * Parses argv. Returns 0, or -1 with a one-line reason in err (the caller
 * prints it and exits non-zero).
 */
int options_parse(struct options *o, int argc, char **argv, char *err, unsigned err_len);

/* Parses a QEMU-style size: plain bytes with an optional K/M/G/T suffix
 * (default unit for -m is MiB). */
bool options_parse_size(const char *s, uint64_t default_unit, uint64_t *out);

void options_usage(const char *argv0);

#endif
