/*
 * Transcripts and mismatch reports: splits an emulator's output into one
 * line per case, and prints a failing case with its encoding, disassembly,
 * inputs and both outcomes side by side, the differences marked.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "difftest.h"

void dt_transcript_parse(char *out, uint64_t base_id, size_t n, struct dt_transcript *tr)
{
    memset(tr, 0, sizeof(*tr));
    tr->line = calloc(n ? n : 1, sizeof(tr->line[0]));
    tr->n = n;
    if (!tr->line) {
        abort();
    }
    char *save = NULL;
    for (char *l = strtok_r(out, "\r\n", &save); l; l = strtok_r(NULL, "\r\n", &save)) {
        if (!strcmp(l, "difftest start")) {
            tr->started = true;
        } else if (!strcmp(l, "difftest done")) {
            tr->done = true;
        } else if (!strncmp(l, "difftest harness exception", 26)) {
            tr->harness_err = l;
        } else if (l[0] == 'c') {
            char *end;
            uint64_t id = strtoull(l + 1, &end, 16);
            if (end != l + 1 && (*end == ' ' || *end == 0) && id >= base_id &&
                id - base_id < n) {
                tr->line[id - base_id] = end;
            }
        }
    }
}

void dt_transcript_free(struct dt_transcript *tr)
{
    free(tr->line);
    tr->line = NULL;
}

/* ---- disassembly through objdump ---- */

struct dis_entry {
    uint32_t insn;
    char     text[96];
};

static struct dis_entry *dis_cache;
static size_t dis_count, dis_cap;

void dt_disassemble_many(const struct dt_tools *t, const uint32_t *insns, size_t n)
{
    char bin[4200], txt[4200];
    snprintf(bin, sizeof(bin), "%s/dis.bin", t->workdir);
    snprintf(txt, sizeof(txt), "%s/dis.txt", t->workdir);
    FILE *f = fopen(bin, "wb");
    if (!f) {
        return;
    }
    for (size_t i = 0; i < n; i++) {
        uint8_t b[4] = { (uint8_t)insns[i], (uint8_t)(insns[i] >> 8), (uint8_t)(insns[i] >> 16),
                         (uint8_t)(insns[i] >> 24) };
        fwrite(b, 1, 4, f);
    }
    fclose(f);
    char *argv[] = { (char *)t->objdump, "-D", "-b", "binary", "-maarch64", bin, NULL };
    if (dt_exec(argv, txt) != 0) {
        return;
    }
    f = fopen(txt, "r");
    if (!f) {
        return;
    }
    char line[512];
    while (fgets(line, sizeof(line), f)) {
        /* "   4:\t91000421 \tadd\tx1, x1, #0x0" */
        unsigned long off;
        unsigned insn;
        char *tab;
        if (sscanf(line, " %lx: %x", &off, &insn) != 2 || !(tab = strchr(line, '\t'))) {
            continue;
        }
        tab = strchr(tab + 1, '\t');
        if (!tab) {
            continue;
        }
        if (dis_count == dis_cap) {
            dis_cap = dis_cap ? 2 * dis_cap : 256;
            dis_cache = realloc(dis_cache, dis_cap * sizeof(dis_cache[0]));
            if (!dis_cache) {
                abort();
            }
        }
        struct dis_entry *e = &dis_cache[dis_count++];
        e->insn = insn;
        snprintf(e->text, sizeof(e->text), "%s", tab + 1);
        e->text[strcspn(e->text, "\n")] = 0;
        for (char *p = e->text; *p; p++) {
            if (*p == '\t') {
                *p = ' ';
            }
        }
    }
    fclose(f);
}

const char *dt_disassemble(const struct dt_tools *t, uint32_t insn)
{
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < dis_count; i++) {
            if (dis_cache[i].insn == insn) {
                return dis_cache[i].text;
            }
        }
        if (pass == 0) {
            dt_disassemble_many(t, &insn, 1);
        }
    }
    return "?";
}

/* ---- outcome of a case, parsed back from its line ---- */

#define MAX_MEM 64

struct outcome {
    bool     present;
    bool     changed[REC_COMPARED];
    uint64_t reg[REC_COMPARED]; /* inputs with the changes applied */
    bool     exc;
    unsigned kind;
    uint32_t esr;
    uint64_t elr_off;
    bool     has_far;
    uint64_t far;
    unsigned n_mem;
    uint32_t mem_off[MAX_MEM];
    uint64_t mem_val[MAX_MEM];
};

static void parse_outcome(const char *line, const uint64_t in[REC_WORDS], struct outcome *o)
{
    memset(o, 0, sizeof(*o));
    memcpy(o->reg, in, sizeof(o->reg));
    if (!line) {
        return;
    }
    o->present = true;
    const char *p = line;
    while (*p) {
        while (*p == ' ') {
            p++;
        }
        char *end;
        if (*p == 'r') {
            unsigned idx = (unsigned)strtoul(p + 1, &end, 16);
            if (*end == '=' && idx < REC_COMPARED) {
                o->changed[idx] = true;
                o->reg[idx] = strtoull(end + 1, &end, 16);
            }
        } else if (*p == 'e') {
            o->exc = true;
            o->kind = (unsigned)strtoul(p + 1, &end, 16);
            if (*end == ',') {
                o->esr = (uint32_t)strtoul(end + 1, &end, 16);
            }
            if (*end == ',') {
                o->elr_off = strtoull(end + 1, &end, 16);
            }
            if (*end == ',') {
                o->has_far = true;
                o->far = strtoull(end + 1, &end, 16);
            }
        } else if (*p == 'm') {
            uint32_t off = (uint32_t)strtoul(p + 1, &end, 16);
            if (*end == '=' && o->n_mem < MAX_MEM) {
                o->mem_off[o->n_mem] = off;
                o->mem_val[o->n_mem++] = strtoull(end + 1, &end, 16);
            }
        } else {
            end = (char *)p + 1;
        }
        while (*end && *end != ' ') {
            end++;
        }
        p = end;
    }
}

static void reg_name(unsigned idx, char *buf, size_t len)
{
    static const char *const named[] = {
        [REC_SP] = "sp", [REC_NZCV] = "nzcv", [REC_DAIF] = "daif", [REC_FLAGS] = "flags",
        [REC_FPCR] = "fpcr", [REC_FPSR] = "fpsr",
    };
    if (idx < 31) {
        snprintf(buf, len, "x%u", idx);
    } else if (idx >= REC_V0) {
        snprintf(buf, len, "v%u.%s", (idx - REC_V0) / 2, (idx - REC_V0) % 2 ? "hi" : "lo");
    } else if (idx < sizeof(named) / sizeof(named[0]) && named[idx]) {
        snprintf(buf, len, "%s", named[idx]);
    } else {
        snprintf(buf, len, "w%u", idx);
    }
}

static const char *ec_name(unsigned ec)
{
    switch (ec) {
    case 0x00: return "unknown reason / UNDEFINED";
    case 0x01: return "WFI/WFE";
    case 0x07: return "FP/SIMD access trap";
    case 0x0e: return "illegal execution state";
    case 0x15: return "SVC";
    case 0x16: return "HVC";
    case 0x17: return "SMC";
    case 0x18: return "MSR/MRS/system instruction trap";
    case 0x20: case 0x21: return "instruction abort";
    case 0x22: return "PC alignment";
    case 0x24: case 0x25: return "data abort";
    case 0x26: return "SP alignment";
    case 0x3c: return "BRK";
    default: return "?";
    }
}

static void describe_exception(const struct outcome *o, char *buf, size_t len)
{
    if (!o->present) {
        snprintf(buf, len, "(no output)");
    } else if (!o->exc) {
        snprintf(buf, len, "none");
    } else {
        int used = snprintf(buf, len, "vector %u, ESR 0x%08x (EC 0x%02x %s), ELR slot+0x%" PRIx64,
                            o->kind, o->esr, o->esr >> 26, ec_name(o->esr >> 26), o->elr_off);
        if (o->has_far && used > 0 && (size_t)used < len) {
            snprintf(buf + used, len - (size_t)used, ", FAR 0x%" PRIx64, o->far);
        }
    }
}

static bool find_mem(const struct outcome *o, uint32_t off, uint64_t *val)
{
    for (unsigned i = 0; i < o->n_mem; i++) {
        if (o->mem_off[i] == off) {
            *val = o->mem_val[i];
            return true;
        }
    }
    return false;
}

void dt_report_mismatch(const struct dt_tools *t, const char *replay, uint64_t seed,
                        const struct dt_case *c, const char *phalanx_line, const char *qemu_line,
                        const char *why)
{
    const struct a64_insn *row = &a64_insns[c->row];
    char fields[256];
    a64_describe(row, c->insn, fields, sizeof(fields));
    printf("\nMISMATCH %s case %u%s: %08x  %s\n", row->name, c->index,
           c->expect_undef ? " (an encoding phalanx's translator rejects)" : "", c->insn,
           dt_disassemble(t, c->insn));
    printf("  fields:  %s\n", fields);
    printf("  replay:  %s\n", replay);
    uint64_t slot = dt_slot_addr(c->id);
    printf("  code:    slot 0x%" PRIx64 ":", slot);
    for (unsigned w = 0; w < DT_SLOT_SIZE / 4 && c->code[w]; w++) {
        printf("%s %08x (%s)", w ? ";" : "", c->code[w], dt_disassemble(t, c->code[w]));
    }
    printf("\n  inputs:");
    for (unsigned i = 0; i < REC_FLAGS; i++) {
        char name[8];
        reg_name(i, name, sizeof(name));
        printf("%s%-4s %016" PRIx64, i % 4 == 0 ? (i ? "\n          " : "  ") : "  ", name,
               c->in[i]);
    }
    printf("\n          fpcr %08" PRIx64 "  fpsr %08" PRIx64, c->in[REC_FPCR], c->in[REC_FPSR]);
    for (unsigned v = 0; v < 32; v++) {
        printf("%sv%-2u %016" PRIx64 "_%016" PRIx64, v % 3 == 0 ? "\n          " : "  ", v,
               c->in[REC_V0 + 2 * v + 1], c->in[REC_V0 + 2 * v]);
    }
    printf("\n");

    struct outcome q, p;
    parse_outcome(qemu_line, c->in, &q);
    parse_outcome(phalanx_line, c->in, &p);
    if (why) {
        printf("  note:    %s\n", why);
    }
    printf("  outputs:   %-6s %-18s %-18s\n", "reg", "qemu (reference)", "phalanx");
    for (unsigned i = 0; i < REC_COMPARED; i++) {
        if (!q.changed[i] && !p.changed[i]) {
            continue;
        }
        char name[12], qv[20], pv[20];
        reg_name(i, name, sizeof(name));
        snprintf(qv, sizeof(qv), q.present ? "%016" PRIx64 : "-", q.reg[i]);
        snprintf(pv, sizeof(pv), p.present ? "%016" PRIx64 : "-", p.reg[i]);
        bool differs = q.present && p.present && q.reg[i] != p.reg[i];
        printf("           %s %-6s %-18s %-18s\n", differs ? "*" : " ", name, qv, pv);
    }
    char qe[200], pe[200];
    describe_exception(&q, qe, sizeof(qe));
    describe_exception(&p, pe, sizeof(pe));
    bool exc_differs = strcmp(qe, pe) != 0;
    printf("  %s exception: qemu:    %s\n", exc_differs ? "*" : " ", qe);
    printf("                phalanx: %s\n", pe);
    /* memory words either emulator changed */
    for (int side = 0; side < 2; side++) {
        const struct outcome *o = side ? &p : &q;
        for (unsigned i = 0; i < o->n_mem; i++) {
            uint32_t off = o->mem_off[i];
            if (side == 1 && find_mem(&q, off, &(uint64_t){ 0 })) {
                continue; /* already printed */
            }
            uint64_t qv = dt_ref_word(seed, off / 8), pv = qv;
            bool qc = find_mem(&q, off, &qv);
            bool pc = find_mem(&p, off, &pv);
            printf("  %s memory 0x%08" PRIx64 ": was %016" PRIx64 "  qemu %016" PRIx64
                   "%s  phalanx %016" PRIx64 "%s\n",
                   qv != pv ? "*" : " ", (uint64_t)DT_SCRATCH + off, dt_ref_word(seed, off / 8),
                   qv, qc ? "" : " (unchanged)", pv, pc ? "" : " (unchanged)");
        }
    }
    printf("  raw:     qemu    c%06" PRIx64 "%s\n", c->id, qemu_line ? qemu_line : " (none)");
    printf("           phalanx c%06" PRIx64 "%s\n", c->id, phalanx_line ? phalanx_line : " (none)");
}
