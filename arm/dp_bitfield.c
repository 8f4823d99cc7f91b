/*
 * Bitfield moves (SBFM, BFM, UBFM and their aliases LSL/LSR/ASR #imm,
 * SXT*, UXT*, SBFX/UBFX, SBFIZ/UBFIZ, BFI/BFXIL) and EXTR (with ROR #imm).
 *
 * Every bitfield move is a field of the source placed somewhere in the
 * destination: either bits imms..immr moved down to bit 0 (imms >= immr) or
 * bits imms..0 moved up to bit width-immr (imms < immr). Both are one left
 * shift that drops the bits above the field followed by one right shift
 * (logical or arithmetic) that lands it, so the translator only computes the
 * two shift amounts: op->p (left) and op->q (right).
 */
#include "arm/bitops.h"
#include "arm/ops.h"
#include "arm/translate.h"

/* UBFM: the result already fits the operation width, so one handler serves both. */
OP_HANDLER(op_ubfm) { X(op->d) = (X(op->n) << op->p) >> op->q; NEXT(); }

OP_HANDLER(op_sbfm_x) { X(op->d) = (uint64_t)((int64_t)(X(op->n) << op->p) >> op->q); NEXT(); }
OP_HANDLER(op_sbfm_w) { W_SET(op->d, (int64_t)(X(op->n) << op->p) >> op->q); NEXT(); }

/* BFM: imm is the mask of the destination bits that stay. */
OP_HANDLER(op_bfm_x)
{
    X(op->d) = (X(op->d) & op->imm) | ((X(op->n) << op->p) >> op->q);
    NEXT();
}

OP_HANDLER(op_bfm_w)
{
    W_SET(op->d, (X(op->d) & op->imm) | ((X(op->n) << op->p) >> op->q));
    NEXT();
}

OP_HANDLER(op_mov_reg_x) { X(op->d) = X(op->m); NEXT(); }
OP_HANDLER(op_extr_x) { X(op->d) = (X(op->m) >> op->p) | (X(op->n) << op->q); NEXT(); }
OP_HANDLER(op_extr_w) { W_SET(op->d, ((X(op->n) << 32) | (uint32_t)X(op->m)) >> op->p); NEXT(); }

/*
 * Fills p, q and the register slots for a bitfield move of 'width' bits and
 * returns the mask of the destination bits the field covers.
 */
static uint64_t bitfield_plan(struct dc *dc, const struct a64_args *a, unsigned width)
{
    unsigned immr = a->r, imms = a->i;
    struct op *op = dc->op;
    op->d = dst_or_zr(a->d);
    op->n = reg_or_zr(a->n);
    op->p = (uint8_t)(63 - imms);
    if (imms >= immr) {
        op->q = (uint8_t)(63 - imms + immr);
        return ones64(imms - immr + 1);
    }
    unsigned lsb = width - immr;
    op->q = (uint8_t)(63 - imms - lsb);
    return ones64(imms + 1) << lsb;
}

bool trans_SBFM_w(struct dc *dc, const struct a64_args *a)
{
    bitfield_plan(dc, a, 32);
    dc->op->fn = op_sbfm_w;
    return true;
}

bool trans_SBFM_x(struct dc *dc, const struct a64_args *a)
{
    bitfield_plan(dc, a, 64);
    dc->op->fn = op_sbfm_x;
    return true;
}

bool trans_UBFM_w(struct dc *dc, const struct a64_args *a)
{
    bitfield_plan(dc, a, 32);
    dc->op->fn = op_ubfm;
    return true;
}

bool trans_UBFM_x(struct dc *dc, const struct a64_args *a)
{
    bitfield_plan(dc, a, 64);
    dc->op->fn = op_ubfm;
    return true;
}

bool trans_BFM_w(struct dc *dc, const struct a64_args *a)
{
    dc->op->imm = ~bitfield_plan(dc, a, 32);
    dc->op->fn = op_bfm_w;
    return true;
}

bool trans_BFM_x(struct dc *dc, const struct a64_args *a)
{
    dc->op->imm = ~bitfield_plan(dc, a, 64);
    dc->op->fn = op_bfm_x;
    return true;
}

/* EXTR: bits lsb.. of the concatenation Rn:Rm; ROR #imm when Rn == Rm. */
bool trans_EXTR_w(struct dc *dc, const struct a64_args *a)
{
    struct op *op = dc->op;
    op->d = dst_or_zr(a->d);
    op->n = reg_or_zr(a->n);
    op->m = reg_or_zr(a->m);
    op->p = (uint8_t)a->i;
    op->fn = op_extr_w;
    return true;
}

bool trans_EXTR_x(struct dc *dc, const struct a64_args *a)
{
    struct op *op = dc->op;
    op->d = dst_or_zr(a->d);
    op->n = reg_or_zr(a->n);
    op->m = reg_or_zr(a->m);
    op->p = (uint8_t)a->i;
    op->q = (uint8_t)(64 - a->i);
    op->fn = a->i == 0 ? op_mov_reg_x : op_extr_x;
    return true;
}
