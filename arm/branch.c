/*
 * Branches: immediate (B, BL), conditional (B.cond, CBZ/CBNZ, TBZ/TBNZ) and
 * to a register (BR, BLR, RET).
 *
 * Direct branches know their targets at translate time and leave through
 * the block's chained exits: slot 0 when taken, slot 1 for the fall-through.
 * Register branches look their target up in the direct-mapped jump cache;
 * on a miss they return to the run loop, which also raises the PC alignment
 * fault of a target with bits [1:0] set when it fetches from it.
 */
#include "arm/bitops.h"
#include "arm/ops.h"
#include "arm/translate.h"
#include "tcg/tb_cache.h"
#include "util/log.h"

OP_HANDLER(op_b) { return cpu_goto(cpu, 0, op->imm); }

OP_HANDLER(op_bl)
{
    X(30) = op->imm2;
    return cpu_goto(cpu, 0, op->imm);
}

OP_HANDLER(op_b_cond)
{
    if (cond_holds(cpu->s.nzcv, op->p)) {
        return cpu_goto(cpu, 0, op->imm);
    }
    return cpu_goto(cpu, 1, op->imm2);
}

bool trans_B(struct dc *dc, const struct a64_args *a)
{
    dc->op->fn = op_b;
    dc->op->imm = dc->pc + (uint64_t)(sextract64(a->i, 26) * 4);
    dc->is_jump = true;
    return true;
}

bool trans_B_cond(struct dc *dc, const struct a64_args *a)
{
    dc->op->fn = op_b_cond;
    dc->op->p = (uint8_t)a->c;
    dc->op->imm = dc->pc + (uint64_t)(sextract64(a->i, 19) * 4);
    dc->op->imm2 = dc->pc + 4;
    dc->is_jump = true;
    return true;
}

bool trans_BL(struct dc *dc, const struct a64_args *a)
{
    dc->op->fn = op_bl;
    dc->op->imm = dc->pc + (uint64_t)(sextract64(a->i, 26) * 4);
    dc->op->imm2 = dc->pc + 4;
    dc->is_jump = true;
    return true;
}

/* --- compare / test and branch ------------------------------------------- */

#define DEFINE_BRANCH_IF(name, cond)                   \
    OP_HANDLER(name)                                   \
    {                                                  \
        if (cond) {                                    \
            return cpu_goto(cpu, 0, op->imm);          \
        }                                              \
        return cpu_goto(cpu, 1, op->imm2);             \
    }

DEFINE_BRANCH_IF(op_cbz64, X(op->n) == 0)
DEFINE_BRANCH_IF(op_cbz32, (uint32_t)X(op->n) == 0)
DEFINE_BRANCH_IF(op_cbnz64, X(op->n) != 0)
DEFINE_BRANCH_IF(op_cbnz32, (uint32_t)X(op->n) != 0)
DEFINE_BRANCH_IF(op_tbz, !((X(op->n) >> op->p) & 1))
DEFINE_BRANCH_IF(op_tbnz, (X(op->n) >> op->p) & 1)

#undef DEFINE_BRANCH_IF

static bool branch_if(struct dc *dc, op_fn *fn, unsigned rt, uint64_t offset_words,
                      unsigned offset_bits)
{
    dc->op->fn = fn;
    dc->op->n = reg_or_zr(rt);
    dc->op->imm = dc->pc + (uint64_t)(sextract64(offset_words, offset_bits) * 4);
    dc->op->imm2 = dc->pc + 4;
    dc->is_jump = true;
    return true;
}

bool trans_CBZ(struct dc *dc, const struct a64_args *a)
{
    return branch_if(dc, a->f ? op_cbz64 : op_cbz32, a->t, a->i, 19);
}

bool trans_CBNZ(struct dc *dc, const struct a64_args *a)
{
    return branch_if(dc, a->f ? op_cbnz64 : op_cbnz32, a->t, a->i, 19);
}

/* The bit number b is b5:b40; with b5 = 0 (the W form) it is below 32 and
 * testing it in the X register gives the same answer. */
bool trans_TBZ(struct dc *dc, const struct a64_args *a)
{
    dc->op->p = (uint8_t)a->b;
    return branch_if(dc, op_tbz, a->t, a->i, 14);
}

bool trans_TBNZ(struct dc *dc, const struct a64_args *a)
{
    dc->op->p = (uint8_t)a->b;
    return branch_if(dc, op_tbnz, a->t, a->i, 14);
}

/* --- branch to register -------------------------------------------------- */

/*
 * Continues at a target known only at run time: straight into its block when
 * the jump cache has it for the current flags and it fits the budget (an
 * unaligned target never matches: blocks start on 4-byte boundaries), else
 * through the run loop. Not chained: the next target may differ.
 */
static inline const struct op *goto_indirect(struct vcpu *cpu, uint64_t pc)
{
    struct tb *next = tb_cache_jmp_lookup(cpu->cache, pc);
    if (likely(next && next->pc == pc && next->valid && next->flags == cpu->tb_flags &&
               (int64_t)next->n_insns <= cpu->budget && !log_enabled(LOG_EXEC))) {
        cpu->budget -= next->n_insns;
        cpu->s.icount += next->n_insns;
        cpu->tb = next;
        return next->ops;
    }
    cpu->s.pc = pc;
    return NULL;
}

OP_HANDLER(op_br) { return goto_indirect(cpu, X(op->n)); }

OP_HANDLER(op_blr)
{
    uint64_t target = X(op->n); /* before the link: BLR X30 */
    X(30) = op->imm2;
    return goto_indirect(cpu, target);
}

static bool branch_reg(struct dc *dc, op_fn *fn, unsigned rn)
{
    dc->op->fn = fn;
    dc->op->n = reg_or_zr(rn);
    dc->op->imm2 = dc->pc + 4;
    dc->is_jump = true;
    return true;
}

bool trans_BR(struct dc *dc, const struct a64_args *a)
{
    return branch_reg(dc, op_br, a->n);
}

bool trans_BLR(struct dc *dc, const struct a64_args *a)
{
    return branch_reg(dc, op_blr, a->n);
}

/* RET is BR with a hint for return prediction; Rn defaults to X30 in the
 * assembler, the encoding always names it. */
bool trans_RET(struct dc *dc, const struct a64_args *a)
{
    return branch_reg(dc, op_br, a->n);
}
