/*
 * The interface between the A64 decoder and the translators of each
 * instruction group.
 *
 * A translator gets the decoded operand fields of one instruction and fills in
 * the op that will execute it (tcg/op.h). It returns false when the encoding is
 * unallocated, which the block builder turns into an UNDEFINED exception.
 * Translators read CPU mode only from dc->tb_flags, never from live state.
 */
#ifndef PHALANX_ARM_TRANSLATE_H
#define PHALANX_ARM_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>

#include "arm/cpu.h"
#include "arm/decode.h"
#include "tcg/op.h"

struct dc {
    uint64_t   pc;       /* address of the instruction */
    uint32_t   insn;     /* its encoding */
    uint32_t   tb_flags; /* translation flags (TB_FLAG_*) */
    struct op *op;       /* the op to fill in (zeroed) */
    bool       end_tb;   /* set: the block ends after this instruction */
    bool       is_jump;  /* set: the op itself chooses the next block */
};

/* Translation flags: CPU state the translator may depend on. */
#define TB_FLAG_EL_MASK 0x3u      /* current exception level */
#define TB_FLAG_FP_OK   (1u << 2) /* CPACR_EL1.FPEN lets this EL use FP/SIMD */
#define TB_FLAG_IL      (1u << 3) /* PSTATE.IL: the next instruction takes an
                                   * Illegal Execution state exception */

static inline unsigned dc_el(const struct dc *dc)
{
    return dc->tb_flags & TB_FLAG_EL_MASK;
}

static inline bool dc_fp_ok(const struct dc *dc)
{
    return (dc->tb_flags & TB_FLAG_FP_OK) != 0;
}

/* Register slot for field value r where 31 means XZR (reads) or SP. */
static inline uint8_t reg_or_zr(unsigned r)   { return r == 31 ? REG_ZR : (uint8_t)r; }
static inline uint8_t dst_or_zr(unsigned r)   { return r == 31 ? REG_SINK : (uint8_t)r; }
static inline uint8_t reg_or_sp(unsigned r)   { return (uint8_t)r; }

/* One prototype per row of the encoding table. */
#define INSN(name, pattern, test) bool trans_##name(struct dc *dc, const struct a64_args *a);
#include "arm/a64_insns.h"
#undef INSN

#endif
