/* Data processing (immediate): add/subtract, move wide, PC-relative addresses. */
#include "arm/bitops.h"
#include "arm/ops.h"
#include "arm/translate.h"

OP_HANDLER(op_add_imm_x) { X(op->d) = X(op->n) + op->imm; NEXT(); }
OP_HANDLER(op_add_imm_w) { W_SET(op->d, X(op->n) + op->imm); NEXT(); }
OP_HANDLER(op_adds_imm_x) { X(op->d) = add64_flags(X(op->n), op->imm, 0, &cpu->s.nzcv); NEXT(); }
OP_HANDLER(op_adds_imm_w) { W_SET(op->d, add32_flags(X(op->n), op->imm, 0, &cpu->s.nzcv)); NEXT(); }
OP_HANDLER(op_subs_imm_x) { X(op->d) = sub64_flags(X(op->n), op->imm, &cpu->s.nzcv); NEXT(); }
OP_HANDLER(op_subs_imm_w) { W_SET(op->d, sub32_flags(X(op->n), op->imm, &cpu->s.nzcv)); NEXT(); }
OP_HANDLER(op_movi) { X(op->d) = op->imm; NEXT(); }
/* MOVK keeps the bits outside the halfword: imm2 is the mask of those bits. */
OP_HANDLER(op_movk_x) { X(op->d) = (X(op->d) & op->imm2) | op->imm; NEXT(); }
OP_HANDLER(op_movk_w) { W_SET(op->d, (X(op->d) & op->imm2) | op->imm); NEXT(); }

static bool addsub_imm(struct dc *dc, const struct a64_args *a, bool sub, bool set_flags)
{
    if (a->h > 1) {
        return false;
    }
    uint64_t imm = (uint64_t)a->i << (12 * a->h);
    struct op *op = dc->op;
    op->n = reg_or_sp(a->n);
    op->d = set_flags ? dst_or_zr(a->d) : reg_or_sp(a->d);
    if (set_flags) {
        op->imm = imm;
        op->fn = sub ? (a->f ? op_subs_imm_x : op_subs_imm_w)
                     : (a->f ? op_adds_imm_x : op_adds_imm_w);
    } else {
        /* SUB is ADD of the negated immediate; the W form truncates. */
        op->imm = sub ? -imm : imm;
        op->fn = a->f ? op_add_imm_x : op_add_imm_w;
    }
    return true;
}

bool trans_ADD_imm(struct dc *dc, const struct a64_args *a)  { return addsub_imm(dc, a, false, false); }
bool trans_ADDS_imm(struct dc *dc, const struct a64_args *a) { return addsub_imm(dc, a, false, true); }
bool trans_SUB_imm(struct dc *dc, const struct a64_args *a)  { return addsub_imm(dc, a, true, false); }
bool trans_SUBS_imm(struct dc *dc, const struct a64_args *a) { return addsub_imm(dc, a, true, true); }

bool trans_MOVZ(struct dc *dc, const struct a64_args *a)
{
    if (!a->f && a->h > 1) {
        return false;
    }
    dc->op->fn = op_movi;
    dc->op->d = dst_or_zr(a->d);
    dc->op->imm = (uint64_t)a->i << (16 * a->h);
    return true;
}

bool trans_MOVN(struct dc *dc, const struct a64_args *a)
{
    if (!a->f && a->h > 1) {
        return false;
    }
    uint64_t value = ~((uint64_t)a->i << (16 * a->h));
    dc->op->fn = op_movi;
    dc->op->d = dst_or_zr(a->d);
    dc->op->imm = a->f ? value : (uint32_t)value;
    return true;
}

bool trans_MOVK(struct dc *dc, const struct a64_args *a)
{
    if (!a->f && a->h > 1) {
        return false;
    }
    unsigned shift = 16 * a->h;
    dc->op->fn = a->f ? op_movk_x : op_movk_w;
    dc->op->d = dst_or_zr(a->d);
    dc->op->imm = (uint64_t)a->i << shift;
    dc->op->imm2 = ~((uint64_t)0xffff << shift);
    return true;
}

/* The address is known at translate time: both become a constant move. */
bool trans_ADR(struct dc *dc, const struct a64_args *a)
{
    int64_t offset = sextract64(((uint64_t)a->i << 2) | a->l, 21);
    dc->op->fn = op_movi;
    dc->op->d = dst_or_zr(a->d);
    dc->op->imm = dc->pc + (uint64_t)offset;
    return true;
}

bool trans_ADRP(struct dc *dc, const struct a64_args *a)
{
    int64_t offset = sextract64(((uint64_t)a->i << 2) | a->l, 21);
    dc->op->fn = op_movi;
    dc->op->d = dst_or_zr(a->d);
    dc->op->imm = (dc->pc & ~(uint64_t)0xfff) + ((uint64_t)offset << 12);
    return true;
}
