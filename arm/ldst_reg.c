/*
 * Loads and stores, single register, register offset:
 * [Xn, Wm|Xm{, UXTW|LSL|SXTW|SXTX {#size}}].
 */
#include "arm/ldst.h"

#define DEFINE_KIND(E, kind) LDST_DEFINE_REG_FORMS(kind)
LDST_INT_KINDS(DEFINE_KIND)
#undef DEFINE_KIND

static op_fn *const reg_form_fns[LDST_NUM_INT_KINDS][LDST_NUM_REG_FORMS * 2] = {
#define KIND_ROW(E, kind) [LDST_##E] = LDST_REG_FORM_ROW(kind),
    LDST_INT_KINDS(KIND_ROW)
#undef KIND_ROW
};

/* Addressing form of the option field, or -1 when it is unallocated
 * (option<1> == 0: UXTB/UXTH/SXTB/SXTH). */
static int reg_form_of_option(unsigned option)
{
    switch (option) {
    case 2: return LDST_REG_UXTW;
    case 6: return LDST_REG_SXTW;
    case 3: /* LSL (UXTX) */
    case 7: return LDST_REG_X; /* SXTX: a 64-bit Rm needs no extension */
    default: return -1;
    }
}

static bool ldst_reg(struct dc *dc, const struct a64_args *a, unsigned opc)
{
    int form = reg_form_of_option(a->o);
    enum ldst_kind kind;
    if (form < 0 || !ldst_int_kind(a->z, opc, &kind)) {
        return false;
    }
    struct op *op = dc->op;
    op->fn = reg_form_fns[kind][ldst_form_index((unsigned)form, a->n)];
    op->n = reg_or_sp(a->n);
    op->m = reg_or_zr(a->m);
    op->p = a->h ? (uint8_t)a->z : 0;
    op->d = ldst_data_reg(a->t, ldst_kind_is_load(kind));
    return true;
}

bool trans_STR_reg(struct dc *dc, const struct a64_args *a)  { return ldst_reg(dc, a, 0); }
bool trans_LDR_reg(struct dc *dc, const struct a64_args *a)  { return ldst_reg(dc, a, 1); }
bool trans_LDRS_reg(struct dc *dc, const struct a64_args *a) { return ldst_reg(dc, a, 2 + a->w); }
