/* Branches: immediate, conditional. */
#include "arm/ops.h"
#include "arm/translate.h"

static inline int64_t sext(uint64_t v, unsigned bits)
{
    return (int64_t)(v << (64 - bits)) >> (64 - bits);
}

OP_HANDLER(op_b) { return cpu_goto(cpu, 0, op->imm); }

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
    dc->op->imm = dc->pc + (uint64_t)(sext(a->i, 26) * 4);
    dc->is_jump = true;
    return true;
}

bool trans_B_cond(struct dc *dc, const struct a64_args *a)
{
    dc->op->fn = op_b_cond;
    dc->op->p = (uint8_t)a->c;
    dc->op->imm = dc->pc + (uint64_t)(sext(a->i, 19) * 4);
    dc->op->imm2 = dc->pc + 4;
    dc->is_jump = true;
    return true;
}
