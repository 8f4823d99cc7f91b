/*
 * Data processing (register): conditional compare (CCMN, CCMP; register and
 * immediate forms) and conditional select (CSEL, CSINC, CSINV, CSNEG; CSET,
 * CSETM, CINC, CINV, CNEG are aliases).
 *
 * op->p is the condition. For conditional compare op->imm is the immediate
 * operand and op->imm2 the NZCV value (in bits 31..28) set when the condition
 * fails.
 */
#include "arm/ops.h"
#include "arm/translate.h"

/* --- conditional compare --------------------------------------------------- */

#define CCOMPARE_HANDLER(name, operand, flags_expr)                        \
    OP_HANDLER(op_##name)                                                  \
    {                                                                      \
        uint32_t nzcv = (uint32_t)op->imm2;                                \
        if (cond_holds(cpu->s.nzcv, op->p)) {                              \
            uint64_t b = (operand);                                        \
            (void)(flags_expr);                                            \
        }                                                                  \
        cpu->s.nzcv = nzcv;                                                \
        NEXT();                                                            \
    }

CCOMPARE_HANDLER(ccmp_reg_x, X(op->m), sub64_flags(X(op->n), b, &nzcv))
CCOMPARE_HANDLER(ccmp_reg_w, X(op->m), sub32_flags((uint32_t)X(op->n), (uint32_t)b, &nzcv))
CCOMPARE_HANDLER(ccmp_imm_x, op->imm, sub64_flags(X(op->n), b, &nzcv))
CCOMPARE_HANDLER(ccmp_imm_w, op->imm, sub32_flags((uint32_t)X(op->n), (uint32_t)b, &nzcv))
CCOMPARE_HANDLER(ccmn_reg_x, X(op->m), add64_flags(X(op->n), b, 0, &nzcv))
CCOMPARE_HANDLER(ccmn_reg_w, X(op->m), add32_flags((uint32_t)X(op->n), (uint32_t)b, 0, &nzcv))
CCOMPARE_HANDLER(ccmn_imm_x, op->imm, add64_flags(X(op->n), b, 0, &nzcv))
CCOMPARE_HANDLER(ccmn_imm_w, op->imm, add32_flags((uint32_t)X(op->n), (uint32_t)b, 0, &nzcv))

/* c = cond, v = NZCV if the condition fails; m = Rm or i = imm5. */
static bool ccompare(struct dc *dc, const struct a64_args *a, bool imm, op_fn *fn_w, op_fn *fn_x)
{
    struct op *op = dc->op;
    op->n = reg_or_zr(a->n);
    if (imm) {
        op->imm = a->i;
    } else {
        op->m = reg_or_zr(a->m);
    }
    op->p = (uint8_t)a->c;
    op->imm2 = (uint64_t)a->v << 28;
    op->fn = a->f ? fn_x : fn_w;
    return true;
}

bool trans_CCMN_reg(struct dc *dc, const struct a64_args *a)
{
    return ccompare(dc, a, false, op_ccmn_reg_w, op_ccmn_reg_x);
}

bool trans_CCMN_imm(struct dc *dc, const struct a64_args *a)
{
    return ccompare(dc, a, true, op_ccmn_imm_w, op_ccmn_imm_x);
}

bool trans_CCMP_reg(struct dc *dc, const struct a64_args *a)
{
    return ccompare(dc, a, false, op_ccmp_reg_w, op_ccmp_reg_x);
}

bool trans_CCMP_imm(struct dc *dc, const struct a64_args *a)
{
    return ccompare(dc, a, true, op_ccmp_imm_w, op_ccmp_imm_x);
}

/* --- conditional select ---------------------------------------------------- */

#define CSELECT_HANDLERS(name, else_expr)                                           \
    OP_HANDLER(op_##name##_x)                                                       \
    {                                                                               \
        uint64_t b = X(op->m);                                                      \
        X(op->d) = cond_holds(cpu->s.nzcv, op->p) ? X(op->n) : (else_expr);         \
        NEXT();                                                                     \
    }                                                                               \
    OP_HANDLER(op_##name##_w)                                                       \
    {                                                                               \
        uint64_t b = X(op->m);                                                      \
        W_SET(op->d, cond_holds(cpu->s.nzcv, op->p) ? X(op->n) : (else_expr));      \
        NEXT();                                                                     \
    }

CSELECT_HANDLERS(csel, b)
CSELECT_HANDLERS(csinc, b + 1)
CSELECT_HANDLERS(csinv, ~b)
CSELECT_HANDLERS(csneg, -b)

/* CSET (CSINC from XZR, XZR) and CSETM (CSINV from XZR, XZR). */
OP_HANDLER(op_cset) { X(op->d) = !cond_holds(cpu->s.nzcv, op->p); NEXT(); }
OP_HANDLER(op_csetm_x) { X(op->d) = cond_holds(cpu->s.nzcv, op->p) ? 0 : ~(uint64_t)0; NEXT(); }
OP_HANDLER(op_csetm_w) { X(op->d) = cond_holds(cpu->s.nzcv, op->p) ? 0 : 0xffffffffu; NEXT(); }

/* c = cond; Rd, Rn, Rm: 31 is XZR. 'from_zero' is the handler when Rn = Rm = XZR. */
static bool cselect(struct dc *dc, const struct a64_args *a, op_fn *fn_w, op_fn *fn_x,
                    op_fn *from_zero)
{
    struct op *op = dc->op;
    op->d = dst_or_zr(a->d);
    op->n = reg_or_zr(a->n);
    op->m = reg_or_zr(a->m);
    op->p = (uint8_t)a->c;
    op->fn = a->f ? fn_x : fn_w;
    if (from_zero && a->n == 31 && a->m == 31) {
        op->fn = from_zero;
    }
    return true;
}

bool trans_CSEL(struct dc *dc, const struct a64_args *a)
{
    return cselect(dc, a, op_csel_w, op_csel_x, NULL);
}

bool trans_CSINC(struct dc *dc, const struct a64_args *a)
{
    return cselect(dc, a, op_csinc_w, op_csinc_x, op_cset);
}

bool trans_CSINV(struct dc *dc, const struct a64_args *a)
{
    return cselect(dc, a, op_csinv_w, op_csinv_x, a->f ? op_csetm_x : op_csetm_w);
}

bool trans_CSNEG(struct dc *dc, const struct a64_args *a)
{
    return cselect(dc, a, op_csneg_w, op_csneg_x, NULL);
}
