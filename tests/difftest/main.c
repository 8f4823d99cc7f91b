/*
 * difftest: random differential testing of phalanx against
 * qemu-system-aarch64, one table row at a time (see README.md).
 *
 * Every row of the encoding table except TEST_NONE gets --count random cases
 * (plus --undef cases with encodings the translator rejects, which must be
 * UNDEFINED on QEMU too). Case 'k' of row 'r' sits in the code slot numbered
 * r * (count + undef) + k, whatever rows are selected, so any case can be run
 * alone with --only ROW --case K and behaves exactly as in the full run.
 */
#include <errno.h>
#include <fnmatch.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "difftest.h"

#ifndef DT_DEFAULT_PHALANX
#define DT_DEFAULT_PHALANX "phalanx"
#endif
#ifndef DT_SOURCE_DIR
#define DT_SOURCE_DIR "."
#endif

#define EXIT_MISMATCH 1
#define EXIT_ERROR    2
#define EXIT_SKIP     77 /* ctest SKIP_RETURN_CODE: no QEMU or cross compiler */

static const char *class_names[] = {
    [TEST_ALU] = "alu",       [TEST_MEM] = "mem",        [TEST_MEM_WB] = "mem_wb",
    [TEST_MEM_PAIR] = "mem_pair", [TEST_EXCL] = "excl",  [TEST_BRANCH] = "branch",
    [TEST_BRANCH_REG] = "branch_reg", [TEST_SYSREG] = "sysreg", [TEST_NONE] = "none",
};

struct options {
    uint64_t    seed;
    unsigned    count;
    unsigned    undef;
    const char *only;        /* comma-separated name patterns */
    const char *classes;     /* comma-separated class patterns */
    long        case_index;  /* -1: all */
    bool        keep;
    bool        list;
    double      stall;
    unsigned    max_reports;
    const char *workdir;
    bool        phalanx_given;
    bool        self_check;
    struct dt_tools tools;
};

/* Per-row results. */
struct row_stats {
    unsigned cases, undef_cases, mismatches;
    enum dt_skip skip;
    bool selected;
};

static struct options opt;
static struct row_stats *stats;
static unsigned reports_printed, mismatches_total, cases_passed;
static const char *argv0;
static char reclass_args[1024]; /* " --reclass R=C" for each, for replay commands */

static void usage(FILE *f)
{
    fprintf(f,
            "usage: difftest [options]\n"
            "Runs random cases of every encoding-table row on phalanx and QEMU and compares.\n"
            "  --seed N         random seed (default 1)\n"
            "  --count N        cases per row (default 10)\n"
            "  --undef N        extra cases per row with encodings the translator rejects,\n"
            "                   expected UNDEFINED on QEMU too (default 1)\n"
            "  --only LIST      rows whose name matches one of the comma-separated\n"
            "                   shell patterns (e.g. 'LDR*,ADD_imm')\n"
            "  --class LIST     rows of these test classes (alu, mem, mem_wb, mem_pair,\n"
            "                   excl, branch, branch_reg, sysreg; patterns allowed)\n"
            "  --case K         only case K of each selected row (replay)\n"
            "  --list           print the generated cases, run nothing\n"
            "  --reclass R=C    test row R as class C (try a class before changing the\n"
            "                   table; repeatable)\n"
            "  --phalanx PATH   emulator under test (default %s)\n"
            "  --self-check     run QEMU in place of phalanx: checks the harness itself\n"
            "  --qemu PATH      reference (default qemu-system-aarch64)\n"
            "  --cc PATH        cross compiler (default aarch64-linux-gnu-gcc)\n"
            "  --objdump PATH   cross objdump (default aarch64-linux-gnu-objdump)\n"
            "  --workdir DIR    where images and transcripts go (default: a temporary\n"
            "                   directory, removed after a clean run)\n"
            "  --keep           keep the work directory\n"
            "  --stall SEC      kill an emulator whose output stops for SEC (default 15)\n"
            "  --max-reports N  full reports for the first N mismatches (default 40)\n"
            "Exit status: 0 all cases match, 1 mismatches, 2 error, 77 QEMU or the\n"
            "cross compiler is missing.\n",
            DT_DEFAULT_PHALANX);
}

static bool matches_list(const char *list, const char *name)
{
    if (!list) {
        return true;
    }
    char buf[1024];
    snprintf(buf, sizeof(buf), "%s", list);
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (fnmatch(tok, name, 0) == 0) {
            return true;
        }
    }
    return false;
}

static bool in_path(const char *prog)
{
    if (strchr(prog, '/')) {
        return access(prog, X_OK) == 0;
    }
    const char *path = getenv("PATH");
    if (!path) {
        return false;
    }
    char buf[4096];
    snprintf(buf, sizeof(buf), "%s", path);
    char *save = NULL;
    for (char *dir = strtok_r(buf, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
        char full[8192];
        snprintf(full, sizeof(full), "%s/%s", dir, prog);
        if (access(full, X_OK) == 0) {
            return true;
        }
    }
    return false;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void replay_command(const struct dt_case *c, char *buf, size_t len)
{
    int used = snprintf(buf, len, "%s --seed %" PRIu64 " --count %u --undef %u --only %s --case %u%s",
                        argv0, opt.seed, opt.count, opt.undef, a64_insns[c->row].name, c->index,
                        reclass_args);
    if (used > 0 && (size_t)used < len) {
        if (opt.self_check) {
            snprintf(buf + used, len - (size_t)used, " --self-check");
        } else if (opt.phalanx_given) {
            snprintf(buf + used, len - (size_t)used, " --phalanx %s", opt.tools.phalanx);
        }
    }
}

static void mismatch(const struct dt_case *c, const char *p, const char *q, const char *why)
{
    mismatches_total++;
    stats[c->row].mismatches++;
    char replay[1024];
    replay_command(c, replay, sizeof(replay));
    if (reports_printed < opt.max_reports) {
        reports_printed++;
        dt_report_mismatch(&opt.tools, replay, opt.seed, c, p, q, why);
    } else {
        printf("MISMATCH %s case %u: %08x  (replay: %s)\n", a64_insns[c->row].name, c->index,
               c->insn, replay);
    }
    fflush(stdout);
}

/* Last lines of a text, for crash reports. */
static const char *tail(const char *s, unsigned lines)
{
    const char *p = s + strlen(s);
    while (p > s && (p[-1] == '\n')) {
        p--;
    }
    while (p > s && lines) {
        p--;
        if (*p == '\n') {
            lines--;
        }
    }
    return p == s ? p : p + 1;
}

static void describe_stop(const struct dt_run *r, const struct dt_transcript *tr, const char *name,
                          char *buf, size_t len)
{
    char how[256];
    dt_run_describe(r, how, sizeof(how));
    snprintf(buf, len, "%s stopped in this case: %s%s%s%s%s", name, how,
             tr->harness_err ? "; " : "", tr->harness_err ? tr->harness_err : "",
             *r->err ? "; stderr: " : "", *r->err ? tail(r->err, 5) : "");
}

/* Runs one image window: cases[0..n) all have ids in [base, base + DT_MAX_CASES). */
static bool run_window(uint64_t base, const struct dt_case *cases, size_t n, double *emu_time)
{
    if (!dt_image_write_blobs(&opt.tools, opt.seed, base, cases, n)) {
        return false;
    }
    size_t slots = (size_t)(cases[n - 1].id - base) + 1;
    long *case_at = malloc(slots * sizeof(long));
    if (!case_at) {
        abort();
    }
    for (size_t s = 0; s < slots; s++) {
        case_at[s] = -1;
    }
    for (size_t i = 0; i < n; i++) {
        case_at[cases[i].id - base] = (long)i;
    }
    size_t start = (size_t)(cases[0].id - base);
    unsigned restarts = 0;
    bool ok = true;
    while (start < slots) {
        char elf[4200];
        struct dt_run runs[2];
        struct dt_transcript tr[2];
        if (!dt_image_link(&opt.tools, base, start, slots, elf, sizeof(elf)) ||
            !dt_run_both(&opt.tools, elf, opt.stall, runs)) {
            ok = false;
            break;
        }
        *emu_time += runs[0].seconds > runs[1].seconds ? runs[0].seconds : runs[1].seconds;
        dt_transcript_parse(runs[0].out, base, slots, &tr[0]);
        dt_transcript_parse(runs[1].out, base, slots, &tr[1]);
        static const char *names[2] = { "phalanx", "qemu" };
        bool fatal = false;
        for (int e = 1; e >= 0 && !fatal; e--) {
            if (!tr[e].started) {
                char how[256];
                dt_run_describe(&runs[e], how, sizeof(how));
                fprintf(stderr, "difftest: the runtime did not start on %s (%s)\n%s%s%s\n",
                        names[e], how, tail(runs[e].out, 5), *runs[e].err ? "\nstderr:\n" : "",
                        tail(runs[e].err, 10));
                fprintf(stderr, "difftest: image and transcripts are in %s\n", opt.tools.workdir);
                fatal = true;
            }
        }
        size_t stop = slots;
        for (size_t s = start; s < slots && !fatal; s++) {
            if (case_at[s] < 0) {
                continue;
            }
            const struct dt_case *c = &cases[case_at[s]];
            const char *p = tr[0].line[s], *q = tr[1].line[s];
            if (!p || !q) {
                stop = s;
                char why[2048] = "";
                for (int e = 0; e < 2; e++) {
                    if (!tr[e].line[s]) {
                        size_t used = strlen(why);
                        describe_stop(&runs[e], &tr[e], names[e], why + used, sizeof(why) - used);
                    }
                }
                mismatch(c, p, q, why);
                break;
            }
            if (strcmp(p, q) != 0) {
                mismatch(c, p, q, NULL);
            } else {
                cases_passed++;
            }
        }
        dt_transcript_free(&tr[0]);
        dt_transcript_free(&tr[1]);
        dt_run_free(&runs[0]);
        dt_run_free(&runs[1]);
        if (fatal) {
            ok = false;
            break;
        }
        if (stop == slots) {
            break;
        }
        if (++restarts > 50) {
            fprintf(stderr, "difftest: more than 50 crashes or hangs in one image; giving up\n");
            ok = false;
            break;
        }
        start = stop + 1;
    }
    free(case_at);
    return ok;
}

static void print_case(const struct dt_case *c)
{
    const struct a64_insn *row = &a64_insns[c->row];
    char fields[256];
    a64_describe(row, c->insn, fields, sizeof(fields));
    printf("%-16s %3u%s %08x  %-40s  [%s]\n", row->name, c->index, c->expect_undef ? "u" : " ",
           c->insn, dt_disassemble(&opt.tools, c->insn), fields);
}

static void coverage_summary(double seconds, double emu_time, size_t n_cases, unsigned windows)
{
    unsigned selected = 0, tested = 0, with_undef = 0;
    for (unsigned r = 0; r < a64_num_insns; r++) {
        selected += stats[r].selected;
        tested += stats[r].cases > 0;
        with_undef += stats[r].undef_cases > 0;
    }
    printf("\ncoverage: %u of %u selected rows tested (table: %u rows); %zu cases in %u image(s),"
           " %u of the rows also with rejected encodings\n",
           tested, selected, a64_num_insns, n_cases, windows, with_undef);
    static const struct {
        enum dt_skip why;
        const char  *text;
    } reasons[] = {
        { DT_SKIP_NONE_CLASS, "TEST_NONE (not randomly testable; guest tests cover it)" },
        { DT_SKIP_NO_ENCODING, "no random encoding accepted by phalanx's decoder and translator" },
        { DT_SKIP_NO_SYSREG, "TEST_SYSREG, but no whitelisted register or PSTATE field encodable" },
    };
    for (unsigned k = 0; k < sizeof(reasons) / sizeof(reasons[0]); k++) {
        unsigned count = 0;
        for (unsigned r = 0; r < a64_num_insns; r++) {
            count += stats[r].selected && stats[r].skip == reasons[k].why;
        }
        if (!count) {
            continue;
        }
        printf("  skipped, %s: %u\n   ", reasons[k].text, count);
        for (unsigned r = 0; r < a64_num_insns; r++) {
            if (stats[r].selected && stats[r].skip == reasons[k].why) {
                printf(" %s", a64_insns[r].name);
            }
        }
        printf("\n");
    }
    if (mismatches_total) {
        printf("rows with mismatches:");
        for (unsigned r = 0; r < a64_num_insns; r++) {
            if (stats[r].mismatches) {
                printf(" %s(%u/%u)", a64_insns[r].name, stats[r].mismatches,
                       stats[r].cases + stats[r].undef_cases);
            }
        }
        printf("\n");
    }
    printf("result: %u passed, %u mismatched; %.1f s (emulators %.1f s); seed %" PRIu64 "\n",
           cases_passed, mismatches_total, seconds, emu_time, opt.seed);
}

static void remove_workdir(const char *dir)
{
    static const char *files[] = {
        "code.bin", "records.bin", "ref.bin", "header.bin", "image.ld", "image.S", "image.elf",
        "phalanx.out", "phalanx.err", "phalanx.log", "qemu.out", "qemu.err", "dis.bin", "dis.txt",
    };
    for (unsigned i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        char path[4200];
        snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
}

static bool parse_u64(const char *s, uint64_t *v)
{
    char *end;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 0);
    if (errno || end == s || *end || *s == '-') {
        return false;
    }
    *v = x;
    return true;
}

/* --reclass ROW=CLASS: changes the row's test class for this run. */
static bool reclass(const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (!eq) {
        return false;
    }
    for (unsigned r = 0; r < a64_num_insns; r++) {
        if (strlen(a64_insns[r].name) != (size_t)(eq - arg) ||
            strncmp(a64_insns[r].name, arg, (size_t)(eq - arg)) != 0) {
            continue;
        }
        for (unsigned c = 0; c < sizeof(class_names) / sizeof(class_names[0]); c++) {
            if (!strcmp(class_names[c], eq + 1)) {
                a64_insns[r].test = (enum a64_test_class)c;
                size_t used = strlen(reclass_args);
                snprintf(reclass_args + used, sizeof(reclass_args) - used, " --reclass %s", arg);
                return true;
            }
        }
    }
    return false;
}

static void parse_options(int argc, char **argv)
{
    enum { O_RECLASS = 255, O_SEED = 256, O_COUNT, O_UNDEF, O_ONLY, O_CLASS, O_CASE, O_LIST, O_PHALANX, O_QEMU,
           O_CC, O_OBJDUMP, O_WORKDIR, O_KEEP, O_STALL, O_MAX_REPORTS, O_SELF_CHECK, O_HELP };
    static const struct option longopts[] = {
        { "seed", required_argument, 0, O_SEED },       { "count", required_argument, 0, O_COUNT },
        { "undef", required_argument, 0, O_UNDEF },     { "only", required_argument, 0, O_ONLY },
        { "class", required_argument, 0, O_CLASS },     { "case", required_argument, 0, O_CASE },
        { "list", no_argument, 0, O_LIST },             { "phalanx", required_argument, 0, O_PHALANX },
        { "qemu", required_argument, 0, O_QEMU },       { "cc", required_argument, 0, O_CC },
        { "objdump", required_argument, 0, O_OBJDUMP }, { "workdir", required_argument, 0, O_WORKDIR },
        { "keep", no_argument, 0, O_KEEP },             { "stall", required_argument, 0, O_STALL },
        { "max-reports", required_argument, 0, O_MAX_REPORTS },
        { "reclass", required_argument, 0, O_RECLASS },
        { "self-check", no_argument, 0, O_SELF_CHECK },
        { "help", no_argument, 0, O_HELP },             { 0, 0, 0, 0 },
    };
    opt.seed = 1;
    opt.count = 10;
    opt.undef = 1;
    opt.case_index = -1;
    opt.stall = 15;
    opt.max_reports = 40;
    opt.tools.phalanx = DT_DEFAULT_PHALANX;
    opt.tools.qemu = "qemu-system-aarch64";
    opt.tools.cc = "aarch64-linux-gnu-gcc";
    opt.tools.objdump = "aarch64-linux-gnu-objdump";
    opt.tools.srcdir = DT_SOURCE_DIR;
    int c;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        uint64_t v = 0;
        bool num_ok = true;
        switch (c) {
        case O_SEED: num_ok = parse_u64(optarg, &opt.seed); break;
        case O_COUNT: num_ok = parse_u64(optarg, &v) && v < 100000; opt.count = (unsigned)v; break;
        case O_UNDEF: num_ok = parse_u64(optarg, &v) && v < 100000; opt.undef = (unsigned)v; break;
        case O_ONLY: opt.only = optarg; break;
        case O_CLASS: opt.classes = optarg; break;
        case O_CASE: num_ok = parse_u64(optarg, &v) && v < 200000; opt.case_index = (long)v; break;
        case O_LIST: opt.list = true; break;
        case O_SELF_CHECK: opt.self_check = true; break;
        case O_RECLASS: num_ok = reclass(optarg); break;
        case O_PHALANX: opt.tools.phalanx = optarg; opt.phalanx_given = true; break;
        case O_QEMU: opt.tools.qemu = optarg; break;
        case O_CC: opt.tools.cc = optarg; break;
        case O_OBJDUMP: opt.tools.objdump = optarg; break;
        case O_WORKDIR: opt.workdir = optarg; break;
        case O_KEEP: opt.keep = true; break;
        case O_STALL: opt.stall = atof(optarg); num_ok = opt.stall > 0; break;
        case O_MAX_REPORTS: num_ok = parse_u64(optarg, &v); opt.max_reports = (unsigned)v; break;
        case 'h':
        case O_HELP: usage(stdout); exit(0);
        default: usage(stderr); exit(EXIT_ERROR);
        }
        if (!num_ok) {
            fprintf(stderr, "difftest: bad value '%s'\n", optarg);
            exit(EXIT_ERROR);
        }
    }
    if (optind != argc) {
        usage(stderr);
        exit(EXIT_ERROR);
    }
}

/* Sets up the work directory; returns false on error. */
static bool make_workdir(char *buf, size_t len)
{
    if (opt.workdir) {
        if (mkdir(opt.workdir, 0755) != 0 && errno != EEXIST) {
            perror(opt.workdir);
            return false;
        }
        snprintf(buf, len, "%s", opt.workdir);
    } else {
        const char *tmp = getenv("TMPDIR");
        snprintf(buf, len, "%s/difftest.XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(buf)) {
            perror("difftest: mkdtemp");
            return false;
        }
    }
    opt.tools.workdir = buf;
    return true;
}

int main(int argc, char **argv)
{
    argv0 = argv[0];
    parse_options(argc, argv);
    setvbuf(stdout, NULL, _IOLBF, 0);
    a64_decode_init();
    double t0 = now();

    char workdir[4096];
    if (!make_workdir(workdir, sizeof(workdir))) {
        return EXIT_ERROR;
    }

    stats = calloc(a64_num_insns, sizeof(stats[0]));
    unsigned per_row = opt.count + opt.undef;
    size_t cap = 1024, n = 0;
    struct dt_case *cases = malloc(cap * sizeof(cases[0]));
    if (!stats || !cases) {
        abort();
    }
    for (unsigned r = 0; r < a64_num_insns; r++) {
        const struct a64_insn *row = &a64_insns[r];
        if (!matches_list(opt.only, row->name) || !matches_list(opt.classes, class_names[row->test])) {
            continue;
        }
        stats[r].selected = true;
        stats[r].skip = DT_SKIP_NO_ENCODING;
        for (unsigned k = 0; k < per_row; k++) {
            if (opt.case_index >= 0 && k != (unsigned long)opt.case_index) {
                continue;
            }
            bool undef = k >= opt.count;
            if (n == cap) {
                cap *= 2;
                cases = realloc(cases, cap * sizeof(cases[0]));
                if (!cases) {
                    abort();
                }
            }
            uint64_t id = (uint64_t)r * per_row + k;
            enum dt_skip why = dt_generate(r, opt.seed, k, undef, id, &cases[n]);
            if (why == DT_OK) {
                n++;
                stats[r].skip = DT_OK;
                if (undef) {
                    stats[r].undef_cases++;
                } else {
                    stats[r].cases++;
                }
            } else if (!undef && stats[r].skip != DT_OK) {
                stats[r].skip = why;
            }
        }
        if (stats[r].skip != DT_OK && stats[r].undef_cases == 0 && row->test == TEST_NONE) {
            stats[r].skip = DT_SKIP_NONE_CLASS;
        }
    }

    unsigned selected = 0;
    for (unsigned r = 0; r < a64_num_insns; r++) {
        selected += stats[r].selected;
    }
    if (!selected) {
        fprintf(stderr, "difftest: no table row matches --only/--class\n");
        remove_workdir(workdir);
        return EXIT_ERROR;
    }

    if (opt.list) {
        uint32_t *insns = malloc((n ? n : 1) * sizeof(uint32_t));
        for (size_t i = 0; i < n; i++) {
            insns[i] = cases[i].insn;
        }
        dt_disassemble_many(&opt.tools, insns, n);
        free(insns);
        for (size_t i = 0; i < n; i++) {
            print_case(&cases[i]);
        }
        coverage_summary(now() - t0, 0, n, 0);
        free(cases);
        free(stats);
        if (!opt.keep) {
            remove_workdir(workdir);
        }
        return 0;
    }

    if (!in_path(opt.tools.qemu) || !in_path(opt.tools.cc)) {
        printf("difftest: skipped: %s or %s not found\n", opt.tools.qemu, opt.tools.cc);
        remove_workdir(workdir);
        return EXIT_SKIP;
    }
    if (opt.self_check) {
        opt.tools.phalanx = NULL;
    } else if (!in_path(opt.tools.phalanx)) {
        fprintf(stderr, "difftest: phalanx not found at %s\n", opt.tools.phalanx);
        return EXIT_ERROR;
    }

    bool ok = true;
    unsigned windows = 0;
    double emu_time = 0;
    for (size_t i = 0; i < n && ok;) {
        uint64_t base = cases[i].id / DT_MAX_CASES * DT_MAX_CASES;
        size_t j = i;
        while (j < n && cases[j].id < base + DT_MAX_CASES) {
            j++;
        }
        ok = run_window(base, &cases[i], j - i, &emu_time);
        windows++;
        i = j;
    }
    coverage_summary(now() - t0, emu_time, n, windows);
    free(cases);
    free(stats);
    if (!ok) {
        return EXIT_ERROR;
    }
    if (mismatches_total || opt.keep) {
        printf("work directory (last image and transcripts): %s\n", workdir);
    } else {
        remove_workdir(workdir);
    }
    return mismatches_total ? EXIT_MISMATCH : 0;
}
