/*
 * Logical (immediate): AND, ORR, EOR, ANDS with a bitmask immediate. The
 * mask is decoded once at translate time; ORR from XZR (the MOV alias)
 * becomes a constant move.
 */
#include "arm/bitops.h"
#include "arm/ops.h"
#include "arm/translate.h"

OP_HANDLER(op_and_imm_x) { X(op->d) = X(op->n) & op->imm; NEXT(); }
OP_HANDLER(op_and_imm_w) { W_SET(op->d, X(op->n) & op->imm); NEXT(); }
OP_HANDLER(op_orr_imm_x) { X(op->d) = X(op->n) | op->imm; NEXT(); }
OP_HANDLER(op_orr_imm_w) { W_SET(op->d, X(op->n) | op->imm); NEXT(); }
OP_HANDLER(op_eor_imm_x) { X(op->d) = X(op->n) ^ op->imm; NEXT(); }
OP_HANDLER(op_eor_imm_w) { W_SET(op->d, X(op->n) ^ op->imm); NEXT(); }
OP_HANDLER(op_mov_imm) { X(op->d) = op->imm; NEXT(); }

OP_HANDLER(op_ands_imm_x)
{
    uint64_t r = X(op->n) & op->imm;
    cpu->s.nzcv = logic64_flags(r);
    X(op->d) = r;
    NEXT();
}

OP_HANDLER(op_ands_imm_w)
{
    uint32_t r = (uint32_t)X(op->n) & (uint32_t)op->imm;
    cpu->s.nzcv = logic32_flags(r);
    W_SET(op->d, r);
    NEXT();
}

/* i = N:immr:imms. A 32-bit operation has no 64-bit elements (N = 1). */
static bool logic_imm(struct dc *dc, const struct a64_args *a, op_fn *fn_x, op_fn *fn_w)
{
    unsigned width = a->f ? 64 : 32;
    unsigned n = (a->i >> 12) & 1, immr = (a->i >> 6) & 0x3f, imms = a->i & 0x3f;
    uint64_t wmask, tmask;
    if ((!a->f && n) || !decode_bit_masks(n, imms, immr, true, width, &wmask, &tmask)) {
        return false;
    }
    struct op *op = dc->op;
    op->fn = a->f ? fn_x : fn_w;
    op->n = reg_or_zr(a->n);
    op->imm = wmask;
    return true;
}

bool trans_AND_imm(struct dc *dc, const struct a64_args *a)
{
    dc->op->d = reg_or_sp(a->d);
    return logic_imm(dc, a, op_and_imm_x, op_and_imm_w);
}

bool trans_ORR_imm(struct dc *dc, const struct a64_args *a)
{
    dc->op->d = reg_or_sp(a->d);
    if (!logic_imm(dc, a, op_orr_imm_x, op_orr_imm_w)) {
        return false;
    }
    if (a->n == 31) {
        dc->op->fn = op_mov_imm;
    }
    return true;
}

bool trans_EOR_imm(struct dc *dc, const struct a64_args *a)
{
    dc->op->d = reg_or_sp(a->d);
    return logic_imm(dc, a, op_eor_imm_x, op_eor_imm_w);
}

bool trans_ANDS_imm(struct dc *dc, const struct a64_args *a)
{
    dc->op->d = dst_or_zr(a->d);
    return logic_imm(dc, a, op_ands_imm_x, op_ands_imm_w);
}
