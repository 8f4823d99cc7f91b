/*
 * The differential tester: random cases derived from the encoding table,
 * run on phalanx and on qemu-system-aarch64, compared case by case.
 *
 * gen.c builds a case (encoding + inputs) for a table row, image.c turns a
 * batch of cases into a guest ELF (see layout.h and runtime.S), run.c runs it
 * on both emulators, compare.c parses and compares the transcripts and prints
 * mismatches, main.c holds the options and the loop over batches.
 */
#ifndef PHALANX_DIFFTEST_H
#define PHALANX_DIFFTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arm/decode.h"
#include "layout.h"

/* One generated case: the instruction, its code slot and its inputs. */
struct dt_case {
    unsigned row;              /* index in a64_insns[] */
    unsigned index;            /* case number within the row (--case) */
    uint64_t id;               /* global number in this run (slot order) */
    bool     expect_undef;     /* encoding the translator rejects */
    uint32_t insn;             /* the instruction under test */
    unsigned insn_slot;        /* its word index within the code slot */
    uint32_t code[DT_SLOT_SIZE / 4]; /* slot words (0 pads: UDF) */
    uint64_t in[REC_WORDS];    /* record: X0..X30, SP, NZCV, DAIF, FPCR, FPSR, V0..V31 */
};

/* Why a row produced no case. */
enum dt_skip {
    DT_OK,
    DT_SKIP_NONE_CLASS,   /* TEST_NONE */
    DT_SKIP_NO_ENCODING,  /* no random encoding accepted by decoder + translator */
    DT_SKIP_NO_SYSREG,    /* TEST_SYSREG row with no whitelisted register */
};

/* Fills *c with case 'index' of table row 'row' for this seed, placed in
 * the code slot of global number 'id'. The result depends only on (seed,
 * row name, index, undef, id), so a case can be replayed alone in the same
 * slot. undef: draw an encoding the translator rejects instead. */
enum dt_skip dt_generate(unsigned row, uint64_t seed, unsigned index, bool undef, uint64_t id,
                         struct dt_case *c);

/* Address of the code slot of the case with global number id. */
static inline uint64_t dt_slot_addr(uint64_t id)
{
    return DT_CODE + (id % DT_MAX_CASES) * DT_SLOT_SIZE;
}

/* The scratch area's initial contents (seed-dependent), word by word. */
uint64_t dt_ref_word(uint64_t seed, unsigned word);

/* True if phalanx's decoder and translator accept insn (at EL1). */
bool dt_phalanx_accepts(uint32_t insn, const struct a64_insn **row);

/* --- sysreg whitelist (sysregs.c) --- */

enum dt_sysreg_kind {
    SYSREG_RO,      /* read only: MRS tests only */
    SYSREG_RW,      /* read/write; its baseline is 0: the test writes 0 back */
    SYSREG_HARNESS, /* NZCV, DAIF: read/write, the runtime resets them per case */
};

struct dt_sysreg {
    const char         *name;
    unsigned            op0, op1, crn, crm, op2;
    enum dt_sysreg_kind kind;
};

extern const struct dt_sysreg dt_sysregs[];
extern const unsigned dt_num_sysregs;

/* PSTATE fields MSR (immediate) may be tested on (op1, op2). */
struct dt_pstate_field {
    const char *name;
    unsigned    op1, op2;
};

extern const struct dt_pstate_field dt_pstate_fields[];
extern const unsigned dt_num_pstate_fields;

/* Encoding bits 20..5 (op0:op1:CRn:CRm:op2) of a register. */
uint32_t dt_sysreg_bits(const struct dt_sysreg *r);
/* Whitelisted register whose bits 20..5 are those of insn, or NULL. */
const struct dt_sysreg *dt_sysreg_lookup(uint32_t insn);

/* --- image building (image.c) --- */

struct dt_tools {
    const char *phalanx; /* NULL: --self-check, QEMU on both sides */
    const char *qemu;
    const char *cc;      /* aarch64-linux-gnu-gcc */
    const char *objdump; /* aarch64-linux-gnu-objdump */
    const char *srcdir;  /* tests/difftest (runtime.S, layout.h) */
    const char *workdir;
};

/* Writes the blobs of cases[0..n) (one image window: all ids in
 * [base_id, base_id + DT_MAX_CASES)) and the seed's scratch pattern. */
bool dt_image_write_blobs(const struct dt_tools *t, uint64_t seed, uint64_t base_id,
                          const struct dt_case *cases, size_t n);
/* Writes the header (run slots start..end) and links image.elf. */
bool dt_image_link(const struct dt_tools *t, uint64_t base_id, uint64_t start, uint64_t end,
                   char *elf_path, size_t elf_path_len);

/* --- running (run.c) --- */

struct dt_run {
    char  *out;        /* stdout transcript (NUL-terminated) */
    size_t out_len;
    char  *err;        /* stderr (NUL-terminated) */
    int    status;     /* wait status */
    bool   stalled;    /* killed: no output for the stall time */
    double seconds;
};

/* Runs the ELF on phalanx (runs[0]) and QEMU (runs[1]) at the same time. */
bool dt_run_both(const struct dt_tools *t, const char *elf, double stall_seconds,
                 struct dt_run runs[2]);
void dt_run_free(struct dt_run *r);
/* Human-readable end of a run: "exit 0", "killed by signal 6", "stalled". */
void dt_run_describe(const struct dt_run *r, char *buf, size_t len);

/* --- transcripts and reports (compare.c) --- */

/* Per case: the text after "c<id>" on its line, or NULL if absent. */
struct dt_transcript {
    const char **line; /* indexed by slot (id - base_id) */
    size_t       n;
    bool         started;     /* "difftest start" seen: the runtime came up */
    bool         done;        /* "difftest done" seen */
    const char  *harness_err; /* "difftest harness exception" line, if any */
};

void dt_transcript_parse(char *out, uint64_t base_id, size_t n, struct dt_transcript *tr);
void dt_transcript_free(struct dt_transcript *tr);

/* Prints a mismatch report for case c (either line may be NULL: no output,
 * then 'why' says how that emulator ended); replay: the command that runs
 * this case alone. */
void dt_report_mismatch(const struct dt_tools *t, const char *replay, uint64_t seed,
                        const struct dt_case *c, const char *phalanx_line, const char *qemu_line,
                        const char *why);

/* Disassembly of one instruction ("ldr x1, [x2]"), cached; "?" if objdump fails. */
const char *dt_disassemble(const struct dt_tools *t, uint32_t insn);
/* Fills the cache for many instructions with one objdump run. */
void dt_disassemble_many(const struct dt_tools *t, const uint32_t *insns, size_t n);

/* Runs argv to completion, stdout to a file if given; returns the exit status or -1. */
int dt_exec(char *const argv[], const char *stdout_path);

#endif
