/*
 * Running one AdvSIMD instruction on a bare vCPU, for the unit tests of
 * arm/simd_*.c: decode, translate into one op followed by a stop op, and
 * run it on 'cpu', which the test program allocates.
 */
#ifndef PHALANX_TESTS_UNIT_TEST_SIMD_RUN_H
#define PHALANX_TESTS_UNIT_TEST_SIMD_RUN_H

#include <glib.h>
#include <string.h>

#include "arm/decode.h"
#include "arm/translate.h"
#include "tcg/vcpu.h"

/* Where the instruction under test is (only the FP access trap reports it). */
#define SIMD_TEST_PC 0x40081234ull

static struct vcpu *cpu;

static const struct op *op_stop(struct vcpu *c, const struct op *o)
{
    (void)c;
    (void)o;
    return NULL;
}

/* Translates insn with the given TB flags into ops[0]; false if UNDEFINED. */
static inline bool translate(uint32_t insn, uint32_t flags, struct op ops[2])
{
    memset(ops, 0, 2 * sizeof(*ops));
    ops[1].fn = op_stop;
    struct dc dc = { .pc = SIMD_TEST_PC, .insn = insn, .tb_flags = flags, .op = &ops[0] };
    struct a64_args args;
    const struct a64_insn *row = a64_decode(insn, &args);
    return row && row->trans(&dc, &args);
}

/* Decodes, translates and runs insn with FP enabled at EL1; false if UNDEFINED. */
static inline bool run(uint32_t insn)
{
    struct op ops[2];
    if (!translate(insn, 1 | TB_FLAG_FP_OK, ops)) {
        return false;
    }
    g_assert_null(ops[0].fn(cpu, &ops[0]));
    return true;
}

static inline void set_v(unsigned r, uint64_t lo, uint64_t hi)
{
    cpu->s.vreg[r][0] = lo;
    cpu->s.vreg[r][1] = hi;
}

#endif
