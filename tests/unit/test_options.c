/*
 * Unit tests of command line parsing: good and bad command lines, QEMU-style
 * sizes, log items, and the messages that explain a refusal.
 */
#include <glib.h>
#include <stdarg.h>
#include <string.h>

#include "coordinator/options.h"
#include "util/log.h"

#define MiB (1ull << 20)
#define GiB (1ull << 30)

static char err[256];

/* Parses "phalanx" followed by the NULL-terminated arguments. */
static int parse(struct options *o, ...)
{
    char *argv[32];
    int argc = 0;
    argv[argc++] = "phalanx";
    va_list ap;
    va_start(ap, o);
    for (char *a; (a = va_arg(ap, char *)) != NULL;) {
        g_assert_cmpint(argc, <, 31);
        argv[argc++] = a;
    }
    va_end(ap);
    argv[argc] = NULL;
    memset(err, 0, sizeof(err));
    memset(o, 0x5a, sizeof(*o));
    return options_parse(o, argc, argv, err, sizeof(err));
}

/* A refusal is -1 with a one-line reason that contains 'needle'. */
#define ASSERT_REFUSED(needle, ...)                                              \
    do {                                                                         \
        struct options o_;                                                       \
        if (parse(&o_, __VA_ARGS__, NULL) != -1) {                               \
            g_test_message("line %d: command line accepted, expected a refusal " \
                           "mentioning '%s'", __LINE__, (needle));               \
            g_test_fail();                                                       \
        } else if (!*err || strchr(err, '\n') || !strstr(err, (needle))) {      \
            g_test_message("line %d: message '%s' does not mention '%s'",       \
                           __LINE__, err, (needle));                             \
            g_test_fail();                                                       \
        }                                                                        \
    } while (0)

static void test_defaults(void)
{
    struct options o;
    g_assert_cmpint(parse(&o, "-kernel", "k.elf", NULL), ==, 0);
    g_assert_cmpstr(o.kernel, ==, "k.elf");
    g_assert_cmpstr(o.machine, ==, "virt");
    g_assert_cmpstr(o.cpu, ==, "cortex-a57");
    g_assert_cmpuint(o.ram_size, ==, 512 * MiB);
    g_assert_cmpuint(o.log_mask, ==, 0);
    g_assert_null(o.log_file);
    g_assert_cmpuint(o.max_insns, ==, 0);
    g_assert_false(o.stats);
    g_assert_false(o.help);
    g_assert_false(o.log_help);
}

static void test_full_command_line(void)
{
    struct options o;
    g_assert_cmpint(parse(&o, "-M", "virt", "-cpu", "cortex-a57", "-m", "1G", "-nographic",
                          "-kernel", "vmlinux", "-d", "in_asm,int", "-D", "log.txt",
                          "-max-insns", "1000", "-stats", NULL), ==, 0);
    g_assert_cmpstr(o.kernel, ==, "vmlinux");
    g_assert_cmpuint(o.ram_size, ==, GiB);
    g_assert_cmpuint(o.log_mask, ==, LOG_IN_ASM | LOG_INT);
    g_assert_cmpstr(o.log_file, ==, "log.txt");
    g_assert_cmpuint(o.max_insns, ==, 1000);
    g_assert_true(o.stats);
    /* --opt is -opt; the last -kernel wins. */
    g_assert_cmpint(parse(&o, "--kernel", "a", "--m", "64", "-kernel", "b", NULL), ==, 0);
    g_assert_cmpstr(o.kernel, ==, "b");
    g_assert_cmpuint(o.ram_size, ==, 64 * MiB);
}

static void test_memory_sizes(void)
{
    static const struct {
        const char *arg;
        uint64_t    bytes;
    } good[] = {
        { "512M", 512 * MiB }, { "2G", 2 * GiB },    { "1024", 1024 * MiB },
        { "size=1G", GiB },    { "1g", GiB },        { "4096K", 4 * MiB },
        { "1M", MiB },         { "255G", 255 * GiB }, { "1048576B", MiB },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(good); i++) {
        struct options o;
        if (parse(&o, "-m", good[i].arg, "-kernel", "k", NULL) != 0) {
            g_test_message("-m %s refused: %s", good[i].arg, err);
            g_test_fail();
            continue;
        }
        g_assert_cmpuint(o.ram_size, ==, good[i].bytes);
    }
    /* Refused by QEMU too (or out of the board's range); QEMU accepts "+5" and
     * "0x100", so those are left out either way. */
    static const char *const bad[] = {
        "0", "banana", "-5", "", "G", "12X", "1GG", "size=", "256G", "1T", "512K", "4097K",
        "99999999999999999999", "18446744073709551615", " -5", "5 ",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        struct options o;
        if (parse(&o, "-m", bad[i], "-kernel", "k", NULL) != -1) {
            g_test_message("-m '%s' accepted as %" G_GUINT64_FORMAT " bytes", bad[i],
                           o.ram_size);
            g_test_fail();
            continue;
        }
        g_assert_cmpuint(strlen(err), >, 0);
        g_assert_nonnull(strstr(err, bad[i]));
    }
}

/*
 * 1.5G: QEMU accepts fractions (1.5G = 1536 MiB). phalanx may refuse it, but
 * must never read it as 1 GiB (or 1 MiB) without a word.
 */
static void test_memory_fraction(void)
{
    struct options o;
    int rc = parse(&o, "-m", "1.5G", "-kernel", "k", NULL);
    if (rc == 0) {
        g_assert_cmpuint(o.ram_size, ==, 1536 * MiB);
    } else {
        g_assert_nonnull(strstr(err, "1.5G"));
    }
}

static void test_parse_size(void)
{
    uint64_t v;
    g_assert_true(options_parse_size("0", 1, &v));
    g_assert_cmpuint(v, ==, 0);
    g_assert_true(options_parse_size("10", MiB, &v));
    g_assert_cmpuint(v, ==, 10 * MiB);
    g_assert_true(options_parse_size("10", 1, &v));
    g_assert_cmpuint(v, ==, 10);
    g_assert_true(options_parse_size("3k", MiB, &v));
    g_assert_cmpuint(v, ==, 3072);
    g_assert_true(options_parse_size("16T", 1, &v));
    g_assert_cmpuint(v, ==, 16ull << 40);
    g_assert_true(options_parse_size("18446744073709551615", 1, &v));
    g_assert_cmpuint(v, ==, UINT64_MAX);
    g_assert_true(options_parse_size("16777215T", 1, &v)); /* (2^24 - 1) TiB fits */
    g_assert_cmpuint(v, ==, ((1ull << 24) - 1) << 40);

    /* Overflow, in the number or in the unit multiplication. */
    g_assert_false(options_parse_size("18446744073709551616", 1, &v));
    g_assert_false(options_parse_size("16777216T", 1, &v));
    g_assert_false(options_parse_size("17179869184G", 1, &v));
    g_assert_false(options_parse_size("18446744073709551615", MiB, &v));
    g_assert_false(options_parse_size("17592186044416", MiB, &v)); /* 2^44 MiB */

    /* Signs, spaces, empty, junk: refused, never wrapped to a huge value. */
    g_assert_false(options_parse_size("", 1, &v));
    g_assert_false(options_parse_size("-1", 1, &v));
    g_assert_false(options_parse_size(" -1", 1, &v));
    g_assert_false(options_parse_size("\t-1", MiB, &v));
    g_assert_false(options_parse_size("1 ", 1, &v));
    g_assert_false(options_parse_size("K", 1, &v));
    g_assert_false(options_parse_size("1Q", 1, &v));
    g_assert_false(options_parse_size("1KK", 1, &v));
}

static void test_cpu_machine(void)
{
    struct options o;
    g_assert_cmpint(parse(&o, "-cpu", "cortex-a57", "-kernel", "k", NULL), ==, 0);
    g_assert_cmpint(parse(&o, "-machine", "virt", "-kernel", "k", NULL), ==, 0);
    g_assert_cmpint(parse(&o, "-machine", "type=virt", "-kernel", "k", NULL), ==, 0);
    g_assert_cmpstr(o.machine, ==, "virt");
    ASSERT_REFUSED("cortex-a53", "-cpu", "cortex-a53", "-kernel", "k");
    ASSERT_REFUSED("max", "-cpu", "max", "-kernel", "k");
    ASSERT_REFUSED("raspi3b", "-M", "raspi3b", "-kernel", "k");
    ASSERT_REFUSED("sbsa-ref", "-machine", "type=sbsa-ref", "-kernel", "k");
    ASSERT_REFUSED("bogus-option", "-machine", "virt,bogus-option=1", "-kernel", "k");

    /*
     * QEMU machine options that scripts pass (gic-version, ...) are refused
     * today; accepting them is planned. Either way: a refusal names the
     * option, an acceptance keeps the board.
     */
    int rc = parse(&o, "-machine", "virt,gic-version=3", "-kernel", "k", NULL);
    if (rc == 0) {
        g_assert_cmpstr(o.machine, ==, "virt");
    } else {
        g_assert_nonnull(strstr(err, "gic-version"));
    }
}

static void test_log_items(void)
{
    struct options o;
    g_assert_cmpint(parse(&o, "-d", "in_asm,exec", "-kernel", "k", NULL), ==, 0);
    g_assert_cmpuint(o.log_mask, ==, LOG_IN_ASM | LOG_EXEC);
    g_assert_cmpint(parse(&o, "-d", "unimp,guest_errors,int", "-kernel", "k", NULL), ==, 0);
    g_assert_cmpuint(o.log_mask, ==, LOG_UNIMP | LOG_GUEST_ERRORS | LOG_INT);
    ASSERT_REFUSED("bogus", "-d", "bogus", "-kernel", "k");
    ASSERT_REFUSED("bogus", "-d", "in_asm,bogus", "-kernel", "k");
    ASSERT_REFUSED("in_as", "-d", "in_as", "-kernel", "k");
    ASSERT_REFUSED("empty log item", "-d", "", "-kernel", "k");
    ASSERT_REFUSED("empty log item", "-d", "in_asm,", "-kernel", "k");
    ASSERT_REFUSED("empty log item", "-d", "in_asm,,int", "-kernel", "k");
    /* -d help needs no kernel. */
    g_assert_cmpint(parse(&o, "-d", "help", NULL), ==, 0);
    g_assert_true(o.log_help);
}

static void test_max_insns(void)
{
    struct options o;
    g_assert_cmpint(parse(&o, "-max-insns", "100", "-kernel", "k", NULL), ==, 0);
    g_assert_cmpuint(o.max_insns, ==, 100);
    g_assert_cmpint(parse(&o, "-max-insns", "18446744073709551615", "-kernel", "k", NULL), ==,
                    0);
    g_assert_cmpuint(o.max_insns, ==, UINT64_MAX);
    ASSERT_REFUSED("0", "-max-insns", "0", "-kernel", "k");
    ASSERT_REFUSED("abc", "-max-insns", "abc", "-kernel", "k");
    ASSERT_REFUSED("-1", "-max-insns", "-1", "-kernel", "k");
    ASSERT_REFUSED("10x", "-max-insns", "10x", "-kernel", "k");
    ASSERT_REFUSED("", "-max-insns", "", "-kernel", "k");
    ASSERT_REFUSED("18446744073709551616", "-max-insns", "18446744073709551616", "-kernel", "k");
    ASSERT_REFUSED(" -1", "-max-insns", " -1", "-kernel", "k");
}

static void test_bad_command_lines(void)
{
    struct options o;
    ASSERT_REFUSED("kernel", "-m", "1G");
    ASSERT_REFUSED("-frobnicate", "-frobnicate", "-kernel", "k");
    ASSERT_REFUSED("k2", "-kernel", "k", "k2");
    ASSERT_REFUSED("-kernel", "-kernel");
    ASSERT_REFUSED("-m", "-kernel", "k", "-m");
    ASSERT_REFUSED("-d", "-kernel", "k", "-d");
    ASSERT_REFUSED("-max-insns", "-kernel", "k", "-max-insns");
    /* No arguments at all: no kernel. */
    g_assert_cmpint(parse(&o, NULL), ==, -1);
    g_assert_nonnull(strstr(err, "kernel"));
    /* -h needs no kernel. */
    g_assert_cmpint(parse(&o, "-h", NULL), ==, 0);
    g_assert_true(o.help);
    g_assert_cmpint(parse(&o, "--help", NULL), ==, 0);
    g_assert_true(o.help);
}

/* --- Linux boot, board and QEMU compatibility options ------------------------ */

static void test_boot_options(void)
{
    struct options o;
    g_assert_cmpint(parse(&o, "-kernel", "k", NULL), ==, 0);
    g_assert_null(o.initrd);
    g_assert_null(o.append);
    g_assert_null(o.dtb);
    g_assert_cmpstr(o.dumpdtb, ==, "");
    g_assert_cmpuint(o.smp, ==, 1);
    g_assert_cmpint(o.rtc_base, ==, RTC_BASE_UTC);

    g_assert_cmpint(parse(&o, "-kernel", "Image", "-initrd", "initrd.img", "-append",
                          "console=ttyAMA0 root=/dev/vda", "-dtb", "board.dtb", NULL), ==, 0);
    g_assert_cmpstr(o.initrd, ==, "initrd.img");
    g_assert_cmpstr(o.append, ==, "console=ttyAMA0 root=/dev/vda");
    g_assert_cmpstr(o.dtb, ==, "board.dtb");

    /* As in QEMU, -initrd, -append and -dtb need a kernel; an empty -append
     * does not. */
    ASSERT_REFUSED("-initrd", "-initrd", "i");
    ASSERT_REFUSED("-append", "-append", "quiet");
    ASSERT_REFUSED("-dtb", "-dtb", "b.dtb");
    ASSERT_REFUSED("-initrd", "-machine", "dumpdtb=x.dtb", "-initrd", "i");
    ASSERT_REFUSED("-append", "-kernel", "k", "-append");
    ASSERT_REFUSED("-initrd", "-kernel", "k", "-initrd");
    ASSERT_REFUSED("-dtb", "-kernel", "k", "-dtb");
    g_assert_cmpint(parse(&o, "-append", "", "-machine", "dumpdtb=x.dtb", NULL), ==, 0);
}

static void test_machine_options(void)
{
    struct options o;
    /* dumpdtb needs no kernel; ",," is a comma in the file name. */
    g_assert_cmpint(parse(&o, "-machine", "virt,dumpdtb=/tmp/a.dtb", NULL), ==, 0);
    g_assert_cmpstr(o.dumpdtb, ==, "/tmp/a.dtb");
    g_assert_cmpint(parse(&o, "-M", "dumpdtb=a,,b.dtb,gic-version=3", NULL), ==, 0);
    g_assert_cmpstr(o.dumpdtb, ==, "a,b.dtb");
    ASSERT_REFUSED("dumpdtb", "-machine", "virt,dumpdtb=");

    g_assert_cmpint(parse(&o, "-M", "virt,gic-version=3", "-kernel", "k", NULL), ==, 0);
    g_assert_cmpint(parse(&o, "-M", "virt,gic-version=max", "-kernel", "k", NULL), ==, 0);
    g_assert_cmpint(parse(&o, "-M", "virt,accel=tcg", "-kernel", "k", NULL), ==, 0);
    g_assert_cmpstr(o.machine, ==, "virt");
    ASSERT_REFUSED("not supported", "-M", "virt,gic-version=2", "-kernel", "k");
    ASSERT_REFUSED("KVM", "-M", "virt,gic-version=host", "-kernel", "k");
    ASSERT_REFUSED("4", "-M", "virt,gic-version=4", "-kernel", "k");
    ASSERT_REFUSED("kvm", "-M", "virt,accel=kvm", "-kernel", "k");
    ASSERT_REFUSED("highmem", "-M", "virt,highmem=off", "-kernel", "k");
    /* A long file name is not cut. */
    char *longname = g_strnfill(3000, 'f');
    char *arg = g_strdup_printf("dumpdtb=%s", longname);
    g_assert_cmpint(parse(&o, "-M", arg, NULL), ==, 0);
    g_assert_cmpstr(o.dumpdtb, ==, longname);
    g_free(arg);
    g_free(longname);
    /* One that does not fit is refused, not cut short into another name
     * (fuzz: "d/d/.../x" of 4200 bytes wrote the DTB to a different file). */
    longname = g_strnfill(OPTIONS_PATH_MAX, 'f');
    arg = g_strdup_printf("virt,dumpdtb=%s", longname);
    ASSERT_REFUSED("too long", "-M", arg);
    g_free(arg);
    g_free(longname);
    longname = g_strnfill(OPTIONS_PATH_MAX - 1, 'f');
    arg = g_strdup_printf("dumpdtb=%s", longname);
    g_assert_cmpint(parse(&o, "-M", arg, NULL), ==, 0);
    g_assert_cmpstr(o.dumpdtb, ==, longname);
    g_free(arg);
    g_free(longname);
}

static void test_smp(void)
{
    struct options o;
    static const char *const good[] = {
        "1", "cpus=1", "1,sockets=1,cores=1,threads=1", "cpus=1,maxcpus=1",
        "1,clusters=1,dies=1",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(good); i++) {
        if (parse(&o, "-smp", good[i], "-kernel", "k", NULL) != 0) {
            g_test_message("-smp %s refused: %s", good[i], err);
            g_test_fail();
            continue;
        }
        g_assert_cmpuint(o.smp, ==, 1);
    }
    ASSERT_REFUSED("multi-vCPU is not implemented yet", "-smp", "2", "-kernel", "k");
    ASSERT_REFUSED("multi-vCPU is not implemented yet", "-smp", "cpus=4", "-kernel", "k");
    ASSERT_REFUSED("multi-vCPU is not implemented yet", "-smp", "1,maxcpus=8", "-kernel", "k");
    ASSERT_REFUSED("multi-vCPU is not implemented yet", "-smp", "sockets=2", "-kernel", "k");
    ASSERT_REFUSED("0", "-smp", "0", "-kernel", "k");
    ASSERT_REFUSED("abc", "-smp", "abc", "-kernel", "k");
    ASSERT_REFUSED("-1", "-smp", "-1", "-kernel", "k");
    ASSERT_REFUSED("books", "-smp", "1,books=1", "-kernel", "k");
    ASSERT_REFUSED("1,1", "-smp", "1,1", "-kernel", "k");
}

static void test_qemu_compat(void)
{
    struct options o;
    g_assert_cmpint(parse(&o, "-nodefaults", "-no-reboot", "-nographic", "-display", "none",
                          "-serial", "stdio", "-monitor", "none", "-accel", "tcg",
                          "-kernel", "k", NULL), ==, 0);
    g_assert_true(o.no_reboot);
    g_assert_cmpint(parse(&o, "-serial", "mon:stdio", "-accel", "tcg,thread=single",
                          "-kernel", "k", NULL), ==, 0);
    g_assert_false(o.no_reboot); /* as QEMU: a reset reboots */
    ASSERT_REFUSED("file:out", "-serial", "file:out", "-kernel", "k");
    ASSERT_REFUSED("pty", "-serial", "pty", "-kernel", "k");
    ASSERT_REFUSED("stdio", "-monitor", "stdio", "-kernel", "k");
    ASSERT_REFUSED("gtk", "-display", "gtk", "-kernel", "k");
    ASSERT_REFUSED("kvm", "-accel", "kvm", "-kernel", "k");
    ASSERT_REFUSED("tcgx", "-accel", "tcgx", "-kernel", "k");
    ASSERT_REFUSED("-serial", "-kernel", "k", "-serial");
}

static void test_rtc(void)
{
    struct options o;
    g_assert_cmpint(parse(&o, "-rtc", "base=utc", "-kernel", "k", NULL), ==, 0);
    g_assert_cmpint(o.rtc_base, ==, RTC_BASE_UTC);
    g_assert_cmpint(parse(&o, "-rtc", "base=localtime,clock=host", "-kernel", "k", NULL), ==, 0);
    g_assert_cmpint(o.rtc_base, ==, RTC_BASE_LOCALTIME);
    g_assert_cmpint(parse(&o, "-rtc", "base=2024-02-29T12:34:56,clock=vm,driftfix=slew",
                          "-kernel", "k", NULL), ==, 0);
    g_assert_cmpint(o.rtc_base, ==, RTC_BASE_DATE);
    g_assert_cmpint(o.rtc_date, ==, 1709210096);
    g_assert_cmpint(parse(&o, "-rtc", "base=1970-01-01", "-kernel", "k", NULL), ==, 0);
    g_assert_cmpint(o.rtc_date, ==, 0);
    g_assert_cmpint(parse(&o, "-rtc", "base=2106-02-07T06:28:15", "-kernel", "k", NULL), ==, 0);
    g_assert_cmpint(o.rtc_date, ==, 4294967295);
    static const char *const bad_dates[] = {
        "2023-02-29", "2024-13-01", "2024-00-10", "2024-01-32", "1969-12-31",
        "2106-02-07T06:28:16", "2024-1-1", "2024-01-01T25:00:00", "2024-01-01 10:00:00",
        "2024-01-01T10:00", "yesterday", "",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad_dates); i++) {
        char *arg = g_strdup_printf("base=%s", bad_dates[i]);
        ASSERT_REFUSED("base", "-rtc", arg, "-kernel", "k");
        g_free(arg);
    }
    ASSERT_REFUSED("clock", "-rtc", "clock=wall", "-kernel", "k");
    ASSERT_REFUSED("driftfix", "-rtc", "driftfix=fast", "-kernel", "k");
    ASSERT_REFUSED("speed", "-rtc", "speed=2", "-kernel", "k");
    ASSERT_REFUSED("utc", "-rtc", "utc", "-kernel", "k");
}

/* The reason fits a small buffer without overflowing it. */
static void test_short_error_buffer(void)
{
    struct options o;
    char small[6];
    memset(small, 'x', sizeof(small));
    char *argv[] = { "phalanx", "-m", "banana", NULL };
    g_assert_cmpint(options_parse(&o, 3, argv, small, 4), ==, -1);
    g_assert_cmpuint(strlen(small), ==, 3);
    g_assert_cmpint(small[4], ==, 'x');
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();
    g_test_add_func("/options/defaults", test_defaults);
    g_test_add_func("/options/full_command_line", test_full_command_line);
    g_test_add_func("/options/memory_sizes", test_memory_sizes);
    g_test_add_func("/options/memory_fraction", test_memory_fraction);
    g_test_add_func("/options/parse_size", test_parse_size);
    g_test_add_func("/options/cpu_machine", test_cpu_machine);
    g_test_add_func("/options/log_items", test_log_items);
    g_test_add_func("/options/max_insns", test_max_insns);
    g_test_add_func("/options/bad_command_lines", test_bad_command_lines);
    g_test_add_func("/options/short_error_buffer", test_short_error_buffer);
    g_test_add_func("/options/boot", test_boot_options);
    g_test_add_func("/options/machine", test_machine_options);
    g_test_add_func("/options/smp", test_smp);
    g_test_add_func("/options/qemu_compat", test_qemu_compat);
    g_test_add_func("/options/rtc", test_rtc);
    return g_test_run();
}
