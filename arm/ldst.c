/* Loads and stores: single register, unsigned offset. */
#include "arm/ops.h"
#include "arm/translate.h"

OP_HANDLER(op_str64_uimm) { mem_write64(cpu, X(op->n) + op->imm, X(op->d), op); NEXT(); }
OP_HANDLER(op_str32_uimm) { mem_write32(cpu, X(op->n) + op->imm, X(op->d), op); NEXT(); }
OP_HANDLER(op_str8_uimm) { mem_write8(cpu, X(op->n) + op->imm, X(op->d), op); NEXT(); }
OP_HANDLER(op_ldr64_uimm) { X(op->d) = mem_read64(cpu, X(op->n) + op->imm, op); NEXT(); }
OP_HANDLER(op_ldr32_uimm) { X(op->d) = mem_read32(cpu, X(op->n) + op->imm, op); NEXT(); }
OP_HANDLER(op_ldr8_uimm) { X(op->d) = mem_read8(cpu, X(op->n) + op->imm, op); NEXT(); }

static bool ldst_uimm(struct dc *dc, const struct a64_args *a, unsigned log2_size, bool load,
                      op_fn *fn)
{
    struct op *op = dc->op;
    op->fn = fn;
    op->n = reg_or_sp(a->n);
    op->d = load ? dst_or_zr(a->t) : reg_or_zr(a->t);
    op->imm = (uint64_t)a->i << log2_size;
    return true;
}

bool trans_STR_uimm(struct dc *dc, const struct a64_args *a)
{
    return ldst_uimm(dc, a, 2 + a->z, false, a->z ? op_str64_uimm : op_str32_uimm);
}

bool trans_LDR_uimm(struct dc *dc, const struct a64_args *a)
{
    return ldst_uimm(dc, a, 2 + a->z, true, a->z ? op_ldr64_uimm : op_ldr32_uimm);
}

bool trans_STRB_uimm(struct dc *dc, const struct a64_args *a)
{
    return ldst_uimm(dc, a, 0, false, op_str8_uimm);
}

bool trans_LDRB_uimm(struct dc *dc, const struct a64_args *a)
{
    return ldst_uimm(dc, a, 0, true, op_ldr8_uimm);
}
