/*
 * Table-driven A64 decoding.
 *
 * The encoding table (arm/a64_insns.h, built from the insns_*.def files) has one
 * row per encoding: a name, a 32-character bit pattern read MSB first, and a
 * hint for the random instruction tester. In a pattern '0' and '1' are fixed
 * bits and each letter names an operand field; the bits of one letter are
 * concatenated MSB first into the field of that name in struct a64_args.
 * The same rows drive the decoder and the differential tester.
 */
#ifndef PHALANX_ARM_DECODE_H
#define PHALANX_ARM_DECODE_H

#include <stdbool.h>
#include <stdint.h>

/* Operand fields, one per pattern letter. */
struct a64_args {
    union {
        struct {
            uint32_t a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, x, y,
                z;
        };
        uint32_t field[26]; /* the same, indexed by letter - 'a' */
    };
};

/* Hints for the random tester: how to build valid inputs for an encoding. */
enum a64_test_class {
    TEST_ALU,        /* registers and flags in, registers and flags out */
    TEST_MEM,        /* load/store: 'n' is the base, 'm' a small offset register */
    TEST_MEM_WB,     /* load/store with writeback: base must differ from 't'/'u' */
    TEST_MEM_PAIR,   /* load pair: 't' and 'u' must differ (+ writeback rule) */
    TEST_EXCL,       /* exclusive / acquire-release: aligned base, 's' distinct */
    TEST_BRANCH,     /* direct branch: offset forced to skip one instruction */
    TEST_BRANCH_REG, /* branch to register 'n', pointed at the landing pad */
    TEST_SYSREG,     /* MRS/MSR: only the system registers listed as testable */
    TEST_NONE,       /* not randomly testable (WFI, PSCI calls...); guest tests cover it */
};

struct dc;

struct a64_insn {
    const char          *name;    /* e.g. "ADD_imm" */
    const char          *pattern; /* 32 chars, MSB first */
    bool               (*trans)(struct dc *dc, const struct a64_args *a);
    enum a64_test_class  test;
    uint32_t             mask;    /* fixed bits, computed from pattern */
    uint32_t             value;
};

extern struct a64_insn a64_insns[];
extern const unsigned a64_num_insns;

/* Builds masks from the patterns; checks the table (once, idempotent). */
void a64_decode_init(void);

/* First table row matching insn, or NULL. Fills *args. */
const struct a64_insn *a64_decode(uint32_t insn, struct a64_args *args);

/* Extracts field 'letter' of pattern from insn. */
uint32_t a64_field(const char *pattern, char letter, uint32_t insn);

/* Inserts 'value' into field 'letter' of insn (for the tester). */
uint32_t a64_set_field(const char *pattern, char letter, uint32_t insn, uint32_t value);

/* Writes "NAME f=1 i=0x10 n=3 ..." for logs; returns buf. */
char *a64_describe(const struct a64_insn *row, uint32_t insn, char *buf, unsigned len);

/* Width in bits of field 'letter' (0 if absent). */
unsigned a64_field_width(const char *pattern, char letter);

#endif
