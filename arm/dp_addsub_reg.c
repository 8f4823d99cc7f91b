/*
 * Data processing (register): add/subtract with a shifted register, with an
 * extended register, and with carry (ADD, ADDS, SUB, SUBS, ADC, ADCS, SBC, SBCS;
 * CMP, CMN, NEG, NEGS, NGC, NGCS are aliases).
 *
 * Width, flag setting, shift type and extension are chosen at translate time:
 * every combination has its own handler, generated below. op->p is the shift
 * amount, op->q the number of high bits an extension clears (64 - width).
 */
#include "arm/dp_shift.h"
#include "arm/ops.h"
#include "arm/translate.h"

enum addsub_kind { KIND_ADD, KIND_SUB, KIND_ADDS, KIND_SUBS, NUM_KINDS };

/* Operand kinds: how the second operand is formed from Rm. */
enum addsub_operand {
    OPND_PLAIN, /* Rm as is (shift amount 0, or an extension that changes nothing) */
    OPND_LSL,
    OPND_LSR,
    OPND_ASR,
    OPND_UXT,   /* UXTB, UXTH, UXTW (64-bit only), then LSL 0-4 */
    OPND_SXT,   /* SXTB, SXTH, SXTW (64-bit only), then LSL 0-4 */
    NUM_OPNDS
};

#define ADDSUB_HANDLERS(name, operand_x, operand_w)                                             \
    OP_HANDLER(op_add_##name##_x) { X(op->d) = X(op->n) + (operand_x); NEXT(); }                \
    OP_HANDLER(op_add_##name##_w) { W_SET(op->d, X(op->n) + (operand_w)); NEXT(); }             \
    OP_HANDLER(op_sub_##name##_x) { X(op->d) = X(op->n) - (operand_x); NEXT(); }                \
    OP_HANDLER(op_sub_##name##_w) { W_SET(op->d, X(op->n) - (operand_w)); NEXT(); }             \
    OP_HANDLER(op_adds_##name##_x)                                                              \
    {                                                                                           \
        X(op->d) = add64_flags(X(op->n), (operand_x), 0, &cpu->s.nzcv);                         \
        NEXT();                                                                                 \
    }                                                                                           \
    OP_HANDLER(op_adds_##name##_w)                                                              \
    {                                                                                           \
        W_SET(op->d, add32_flags((uint32_t)X(op->n), (uint32_t)(operand_w), 0, &cpu->s.nzcv));  \
        NEXT();                                                                                 \
    }                                                                                           \
    OP_HANDLER(op_subs_##name##_x)                                                              \
    {                                                                                           \
        X(op->d) = sub64_flags(X(op->n), (operand_x), &cpu->s.nzcv);                            \
        NEXT();                                                                                 \
    }                                                                                           \
    OP_HANDLER(op_subs_##name##_w)                                                              \
    {                                                                                           \
        W_SET(op->d, sub32_flags((uint32_t)X(op->n), (uint32_t)(operand_w), &cpu->s.nzcv));     \
        NEXT();                                                                                 \
    }

ADDSUB_HANDLERS(plain, X(op->m), X(op->m))
ADDSUB_HANDLERS(lsl, shift_lsl_x(X(op->m), op->p), shift_lsl_w(X(op->m), op->p))
ADDSUB_HANDLERS(lsr, shift_lsr_x(X(op->m), op->p), shift_lsr_w(X(op->m), op->p))
ADDSUB_HANDLERS(asr, shift_asr_x(X(op->m), op->p), shift_asr_w(X(op->m), op->p))
ADDSUB_HANDLERS(uxt, extend_u(X(op->m), op->q, op->p), extend_u(X(op->m), op->q, op->p))
ADDSUB_HANDLERS(sxt, extend_s(X(op->m), op->q, op->p), extend_s(X(op->m), op->q, op->p))

#define ADDSUB_ROW(name)                                                                        \
    {                                                                                           \
        { op_add_##name##_w, op_add_##name##_x },   { op_sub_##name##_w, op_sub_##name##_x },   \
        { op_adds_##name##_w, op_adds_##name##_x }, { op_subs_##name##_w, op_subs_##name##_x }, \
    }

/* [operand][kind][sf] */
static op_fn *const addsub_ops[NUM_OPNDS][NUM_KINDS][2] = {
    [OPND_PLAIN] = ADDSUB_ROW(plain),
    [OPND_LSL]   = ADDSUB_ROW(lsl),
    [OPND_LSR]   = ADDSUB_ROW(lsr),
    [OPND_ASR]   = ADDSUB_ROW(asr),
    [OPND_UXT]   = ADDSUB_ROW(uxt),
    [OPND_SXT]   = ADDSUB_ROW(sxt),
};

static bool sets_flags(enum addsub_kind kind)
{
    return kind == KIND_ADDS || kind == KIND_SUBS;
}

/* Shifted register: h = shift type, i = amount. Rd, Rn, Rm: 31 is XZR. */
static bool addsub_shifted(struct dc *dc, const struct a64_args *a, enum addsub_kind kind)
{
    if (a->h == SHIFT_ROR || (!a->f && a->i >= 32)) {
        return false;
    }
    struct op *op = dc->op;
    op->d = dst_or_zr(a->d);
    op->n = reg_or_zr(a->n);
    op->m = reg_or_zr(a->m);
    op->p = (uint8_t)a->i;
    enum addsub_operand opnd = a->i == 0 ? OPND_PLAIN : (enum addsub_operand)(OPND_LSL + a->h);
    op->fn = addsub_ops[opnd][kind][a->f];
    return true;
}

/*
 * Extended register: o = option (bit 2: signed, bits 1:0: log2 of the source
 * bytes), i = left shift 0-4. Rn is SP; Rd is SP for ADD/SUB, XZR for
 * ADDS/SUBS; Rm is XZR.
 */
static bool addsub_extended(struct dc *dc, const struct a64_args *a, enum addsub_kind kind)
{
    if (a->i > 4) {
        return false;
    }
    struct op *op = dc->op;
    op->d = sets_flags(kind) ? dst_or_zr(a->d) : reg_or_sp(a->d);
    op->n = reg_or_sp(a->n);
    op->m = reg_or_zr(a->m);
    op->p = (uint8_t)a->i;
    unsigned bits = 8u << (a->o & 3);
    enum addsub_operand opnd;
    if (bits >= (a->f ? 64u : 32u)) {
        /* Extending to the operation's width changes nothing: a plain shift. */
        opnd = a->i == 0 ? OPND_PLAIN : OPND_LSL;
    } else {
        opnd = (a->o & 4) ? OPND_SXT : OPND_UXT;
        op->q = (uint8_t)(64 - bits);
    }
    op->fn = addsub_ops[opnd][kind][a->f];
    return true;
}

bool trans_ADD_sreg(struct dc *dc, const struct a64_args *a)  { return addsub_shifted(dc, a, KIND_ADD); }
bool trans_ADDS_sreg(struct dc *dc, const struct a64_args *a) { return addsub_shifted(dc, a, KIND_ADDS); }
bool trans_SUB_sreg(struct dc *dc, const struct a64_args *a)  { return addsub_shifted(dc, a, KIND_SUB); }
bool trans_SUBS_sreg(struct dc *dc, const struct a64_args *a) { return addsub_shifted(dc, a, KIND_SUBS); }

bool trans_ADD_ereg(struct dc *dc, const struct a64_args *a)  { return addsub_extended(dc, a, KIND_ADD); }
bool trans_ADDS_ereg(struct dc *dc, const struct a64_args *a) { return addsub_extended(dc, a, KIND_ADDS); }
bool trans_SUB_ereg(struct dc *dc, const struct a64_args *a)  { return addsub_extended(dc, a, KIND_SUB); }
bool trans_SUBS_ereg(struct dc *dc, const struct a64_args *a) { return addsub_extended(dc, a, KIND_SUBS); }

/* --- with carry: Rn + Rm + C, Rn + NOT(Rm) + C ------------------------------ */

static inline unsigned carry_flag(const struct vcpu *cpu)
{
    return (cpu->s.nzcv >> 29) & 1;
}

OP_HANDLER(op_adc_x) { X(op->d) = X(op->n) + X(op->m) + carry_flag(cpu); NEXT(); }
OP_HANDLER(op_adc_w) { W_SET(op->d, X(op->n) + X(op->m) + carry_flag(cpu)); NEXT(); }
OP_HANDLER(op_sbc_x) { X(op->d) = X(op->n) + ~X(op->m) + carry_flag(cpu); NEXT(); }
OP_HANDLER(op_sbc_w) { W_SET(op->d, X(op->n) + ~X(op->m) + carry_flag(cpu)); NEXT(); }

OP_HANDLER(op_adcs_x)
{
    X(op->d) = add64_flags(X(op->n), X(op->m), carry_flag(cpu), &cpu->s.nzcv);
    NEXT();
}

OP_HANDLER(op_adcs_w)
{
    W_SET(op->d, add32_flags((uint32_t)X(op->n), (uint32_t)X(op->m), carry_flag(cpu),
                             &cpu->s.nzcv));
    NEXT();
}

OP_HANDLER(op_sbcs_x)
{
    X(op->d) = add64_flags(X(op->n), ~X(op->m), carry_flag(cpu), &cpu->s.nzcv);
    NEXT();
}

OP_HANDLER(op_sbcs_w)
{
    W_SET(op->d, add32_flags((uint32_t)X(op->n), ~(uint32_t)X(op->m), carry_flag(cpu),
                             &cpu->s.nzcv));
    NEXT();
}

static bool addsub_carry(struct dc *dc, const struct a64_args *a, op_fn *fn_w, op_fn *fn_x)
{
    struct op *op = dc->op;
    op->d = dst_or_zr(a->d);
    op->n = reg_or_zr(a->n);
    op->m = reg_or_zr(a->m);
    op->fn = a->f ? fn_x : fn_w;
    return true;
}

bool trans_ADC(struct dc *dc, const struct a64_args *a)  { return addsub_carry(dc, a, op_adc_w, op_adc_x); }
bool trans_ADCS(struct dc *dc, const struct a64_args *a) { return addsub_carry(dc, a, op_adcs_w, op_adcs_x); }
bool trans_SBC(struct dc *dc, const struct a64_args *a)  { return addsub_carry(dc, a, op_sbc_w, op_sbc_x); }
bool trans_SBCS(struct dc *dc, const struct a64_args *a) { return addsub_carry(dc, a, op_sbcs_w, op_sbcs_x); }
