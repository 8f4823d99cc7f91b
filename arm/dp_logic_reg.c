/*
 * Data processing (register): logical operations with a shifted register
 * (AND, BIC, ORR, ORN, EOR, EON, ANDS, BICS; MOV, MVN and TST are aliases).
 *
 * Every operation x shift type x width has its own handler, generated below;
 * op->p is the shift amount. MOV (ORR from XZR, no shift) gets a plain copy.
 */
#include "arm/dp_shift.h"
#include "arm/ops.h"
#include "arm/translate.h"

/* In encoding order: index = opc:N. */
enum logic_kind { LOGIC_AND, LOGIC_BIC, LOGIC_ORR, LOGIC_ORN, LOGIC_EOR, LOGIC_EON,
                  LOGIC_ANDS, LOGIC_BICS, NUM_LOGIC_KINDS };

/* Shift kinds: none when the amount is 0, else the encoded type + 1. */
enum { LSHIFT_NONE, LSHIFT_LSL, LSHIFT_LSR, LSHIFT_ASR, LSHIFT_ROR, NUM_LSHIFTS };

/* 'a' is Rn, 'b' the shifted Rm in the handler bodies below. */
#define LOGIC_HANDLER(name, sh, expr)                                    \
    OP_HANDLER(op_##name##_##sh##_x)                                     \
    {                                                                    \
        uint64_t a = X(op->n), b = shift_##sh##_x(X(op->m), op->p);      \
        X(op->d) = (expr);                                               \
        NEXT();                                                          \
    }                                                                    \
    OP_HANDLER(op_##name##_##sh##_w)                                     \
    {                                                                    \
        uint64_t a = X(op->n), b = shift_##sh##_w(X(op->m), op->p);      \
        W_SET(op->d, (expr));                                            \
        NEXT();                                                          \
    }

#define LOGIC_FLAGS_HANDLER(name, sh, expr)                              \
    OP_HANDLER(op_##name##_##sh##_x)                                     \
    {                                                                    \
        uint64_t a = X(op->n), b = shift_##sh##_x(X(op->m), op->p);      \
        uint64_t r = (expr);                                             \
        X(op->d) = r;                                                    \
        cpu->s.nzcv = logic64_flags(r);                                  \
        NEXT();                                                          \
    }                                                                    \
    OP_HANDLER(op_##name##_##sh##_w)                                     \
    {                                                                    \
        uint64_t a = X(op->n), b = shift_##sh##_w(X(op->m), op->p);      \
        uint32_t r = (uint32_t)(expr);                                   \
        W_SET(op->d, r);                                                 \
        cpu->s.nzcv = logic32_flags(r);                                  \
        NEXT();                                                          \
    }

#define LOGIC_HANDLERS(sh)                        \
    LOGIC_HANDLER(and, sh, a & b)                 \
    LOGIC_HANDLER(bic, sh, a & ~b)                \
    LOGIC_HANDLER(orr, sh, a | b)                 \
    LOGIC_HANDLER(orn, sh, a | ~b)                \
    LOGIC_HANDLER(eor, sh, a ^ b)                 \
    LOGIC_HANDLER(eon, sh, a ^ ~b)                \
    LOGIC_FLAGS_HANDLER(ands, sh, a & b)          \
    LOGIC_FLAGS_HANDLER(bics, sh, a & ~b)

LOGIC_HANDLERS(none)
LOGIC_HANDLERS(lsl)
LOGIC_HANDLERS(lsr)
LOGIC_HANDLERS(asr)
LOGIC_HANDLERS(ror)

#define LOGIC_ROW(sh)                                                                         \
    {                                                                                         \
        { op_and_##sh##_w, op_and_##sh##_x },   { op_bic_##sh##_w, op_bic_##sh##_x },         \
        { op_orr_##sh##_w, op_orr_##sh##_x },   { op_orn_##sh##_w, op_orn_##sh##_x },         \
        { op_eor_##sh##_w, op_eor_##sh##_x },   { op_eon_##sh##_w, op_eon_##sh##_x },         \
        { op_ands_##sh##_w, op_ands_##sh##_x }, { op_bics_##sh##_w, op_bics_##sh##_x },       \
    }

/* [shift kind][operation][sf] */
static op_fn *const logic_ops[NUM_LSHIFTS][NUM_LOGIC_KINDS][2] = {
    [LSHIFT_NONE] = LOGIC_ROW(none),
    [LSHIFT_LSL]  = LOGIC_ROW(lsl),
    [LSHIFT_LSR]  = LOGIC_ROW(lsr),
    [LSHIFT_ASR]  = LOGIC_ROW(asr),
    [LSHIFT_ROR]  = LOGIC_ROW(ror),
};

/* MOV Xd, Xm / MOV Wd, Wm: the most common data-processing instruction. */
OP_HANDLER(op_mov_reg_x) { X(op->d) = X(op->m); NEXT(); }
OP_HANDLER(op_mov_reg_w) { W_SET(op->d, X(op->m)); NEXT(); }

/* h = shift type, i = amount; Rd, Rn, Rm: 31 is XZR. */
static bool logic_reg(struct dc *dc, const struct a64_args *a, enum logic_kind kind)
{
    if (!a->f && a->i >= 32) {
        return false;
    }
    struct op *op = dc->op;
    op->d = dst_or_zr(a->d);
    op->n = reg_or_zr(a->n);
    op->m = reg_or_zr(a->m);
    op->p = (uint8_t)a->i;
    if (kind == LOGIC_ORR && a->n == 31 && a->i == 0) {
        op->fn = a->f ? op_mov_reg_x : op_mov_reg_w;
        return true;
    }
    unsigned shift = a->i == 0 ? LSHIFT_NONE : LSHIFT_LSL + a->h;
    op->fn = logic_ops[shift][kind][a->f];
    return true;
}

bool trans_AND_reg(struct dc *dc, const struct a64_args *a)  { return logic_reg(dc, a, LOGIC_AND); }
bool trans_BIC_reg(struct dc *dc, const struct a64_args *a)  { return logic_reg(dc, a, LOGIC_BIC); }
bool trans_ORR_reg(struct dc *dc, const struct a64_args *a)  { return logic_reg(dc, a, LOGIC_ORR); }
bool trans_ORN_reg(struct dc *dc, const struct a64_args *a)  { return logic_reg(dc, a, LOGIC_ORN); }
bool trans_EOR_reg(struct dc *dc, const struct a64_args *a)  { return logic_reg(dc, a, LOGIC_EOR); }
bool trans_EON_reg(struct dc *dc, const struct a64_args *a)  { return logic_reg(dc, a, LOGIC_EON); }
bool trans_ANDS_reg(struct dc *dc, const struct a64_args *a) { return logic_reg(dc, a, LOGIC_ANDS); }
bool trans_BICS_reg(struct dc *dc, const struct a64_args *a) { return logic_reg(dc, a, LOGIC_BICS); }
