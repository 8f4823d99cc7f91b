/* Loads from a PC-relative literal: LDR (W, X) and LDRSW. */
#include "arm/ldst.h"

/* op->imm is the literal's address, fixed at translate time. */
OP_HANDLER(op_ldr_lit32) { X(op->d) = mem_read32(cpu, op->imm, op); NEXT(); }
OP_HANDLER(op_ldr_lit64) { X(op->d) = mem_read64(cpu, op->imm, op); NEXT(); }
OP_HANDLER(op_ldrsw_lit) { X(op->d) = (uint64_t)(int32_t)mem_read32(cpu, op->imm, op); NEXT(); }

static bool ldr_literal(struct dc *dc, const struct a64_args *a, op_fn *fn)
{
    dc->op->fn = fn;
    dc->op->d = dst_or_zr(a->t);
    dc->op->imm = dc->pc + (uint64_t)(ldst_sext(a->i, 19) * 4);
    return true;
}

bool trans_LDR_lit(struct dc *dc, const struct a64_args *a)
{
    return ldr_literal(dc, a, a->f ? op_ldr_lit64 : op_ldr_lit32);
}

bool trans_LDRSW_lit(struct dc *dc, const struct a64_args *a)
{
    return ldr_literal(dc, a, op_ldrsw_lit);
}
