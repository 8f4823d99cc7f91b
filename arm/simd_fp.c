/*
 * AdvSIMD floating point on vectors of singles and doubles: the three-same
 * arithmetic (FADD, FSUB, FMUL, FDIV, FMAX, FMIN, FMAXNM, FMINNM, FMLA,
 * FMLS, FABD), pairwise forms (FADDP, FMAXP, FMINP, FMAXNMP, FMINNMP, and
 * the scalar FADDP/FMAXP/FMINP/FMAXNMP/FMINNMP of a pair), compares
 * (FCMEQ, FCMGE, FCMGT, FACGE, FACGT, and against zero), and FABS, FNEG,
 * FSQRT. The arithmetic is softfp's (arm/softfp.h): FPCR modes, NaN
 * propagation and FPSR flags are those of the scalar instructions.
 *
 * Op fields: op->r = lanes (pairwise: lanes per operand).
 */
#include "arm/simd.h"
#include "arm/softfp.h"

#define FPCR (cpu->s.fpcr)
#define FPSR (&cpu->s.fpsr)

/* Lane handlers (SIMD_DEFINE_LANES) of singles and doubles; bodies see x, y, w. */
#define DEFINE_FP3_BOTH(name, expr32, expr64)                                        \
    SIMD_DEFINE_LANES(name##_s, 32, expr32)                                          \
    SIMD_DEFINE_LANES(name##_d, 64, expr64)

#define DEFINE_FP_OP2(name, op2)                                                     \
    DEFINE_FP3_BOTH(name, fp32_op2(op2, x, y, FPCR, FPSR), fp64_op2(op2, x, y, FPCR, FPSR))

DEFINE_FP_OP2(op_fadd, FP_ADD)
DEFINE_FP_OP2(op_fsub, FP_SUB)
DEFINE_FP_OP2(op_fmul, FP_MUL)
DEFINE_FP_OP2(op_fdiv, FP_DIV)
DEFINE_FP_OP2(op_fmax, FP_MAX)
DEFINE_FP_OP2(op_fmin, FP_MIN)
DEFINE_FP_OP2(op_fmaxnm, FP_MAXNM)
DEFINE_FP_OP2(op_fminnm, FP_MINNM)
DEFINE_FP3_BOTH(op_fabd, SIMD_FABS(fp32_op2(FP_SUB, x, y, FPCR, FPSR)),
                SIMD_FABS(fp64_op2(FP_SUB, x, y, FPCR, FPSR)))
DEFINE_FP3_BOTH(op_fmla, fp32_muladd(x, y, w, FPCR, FPSR), fp64_muladd(x, y, w, FPCR, FPSR))
DEFINE_FP3_BOTH(op_fmls, fp32_muladd(x ^ FP32_SIGN, y, w, FPCR, FPSR),
                fp64_muladd(x ^ FP64_SIGN, y, w, FPCR, FPSR))

/* Compares: all ones where the relation holds. */
#define DEFINE_FP_CMP(NAME, fn, rel, a, b)                                           \
    DEFINE_FP3_BOTH(fn, fp32_##rel(a, b, FPCR, FPSR) ? ~0u : 0,                      \
                    fp64_##rel(a, b, FPCR, FPSR) ? ~0ull : 0)
SIMD_FP_COMPARES(DEFINE_FP_CMP)
SIMD_FP_COMPARES_ZERO(DEFINE_FP_CMP)

DEFINE_FP3_BOTH(op_fabs, SIMD_FABS(x), SIMD_FABS(x))
DEFINE_FP3_BOTH(op_fneg, x ^ FP32_SIGN, x ^ FP64_SIGN)
DEFINE_FP3_BOTH(op_fsqrt, fp32_sqrt(x, FPCR, FPSR), fp64_sqrt(x, FPCR, FPSR))

#define TRANS_FP3(NAME, fn)                                                          \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                       \
    {                                                                                \
        return simd_fp_vec(dc, a, fn##_s, fn##_d, a->m);                                  \
    }

TRANS_FP3(FADD_v, op_fadd)
TRANS_FP3(FSUB_v, op_fsub)
TRANS_FP3(FMUL_v, op_fmul)
TRANS_FP3(FDIV_v, op_fdiv)
TRANS_FP3(FMAX_v, op_fmax)
TRANS_FP3(FMIN_v, op_fmin)
TRANS_FP3(FMAXNM_v, op_fmaxnm)
TRANS_FP3(FMINNM_v, op_fminnm)
TRANS_FP3(FABD_v, op_fabd)
TRANS_FP3(FMLA_v, op_fmla)
TRANS_FP3(FMLS_v, op_fmls)

#define TRANS_FP2(NAME, fn)                                                          \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                       \
    {                                                                                \
        return simd_fp_vec(dc, a, fn##_s, fn##_d, 0);                                     \
    }

#define TRANS_FP_CMP(NAME, fn, rel, a, b) TRANS_FP3(NAME##_v, fn)
#define TRANS_FP_CMP0(NAME, fn, rel, a, b) TRANS_FP2(NAME##_v, fn)
SIMD_FP_COMPARES(TRANS_FP_CMP)
SIMD_FP_COMPARES_ZERO(TRANS_FP_CMP0)
TRANS_FP2(FABS_v, op_fabs)
TRANS_FP2(FNEG_v, op_fneg)
TRANS_FP2(FSQRT_v, op_fsqrt)

/* --- pairwise --------------------------------------------------------------------- */

/* SIMD_DEFINE_PAIRWISE with the scalar forms (op->p = 1: the pair is lanes 0, 1 of Vn). */
#define DEFINE_FP_PAIR_BOTH(name, op2)                                               \
    SIMD_DEFINE_PAIRWISE(name##_s, 32, 1, fp32_op2(op2, x, y, FPCR, FPSR))           \
    SIMD_DEFINE_PAIRWISE(name##_d, 64, 1, fp64_op2(op2, x, y, FPCR, FPSR))

DEFINE_FP_PAIR_BOTH(op_faddp, FP_ADD)
DEFINE_FP_PAIR_BOTH(op_fmaxp, FP_MAX)
DEFINE_FP_PAIR_BOTH(op_fminp, FP_MIN)
DEFINE_FP_PAIR_BOTH(op_fmaxnmp, FP_MAXNM)
DEFINE_FP_PAIR_BOTH(op_fminnmp, FP_MINNM)

static bool fp_pair(struct dc *dc, const struct a64_args *a, op_fn *fn_s, op_fn *fn_d)
{
    return simd_fp_vec(dc, a, fn_s, fn_d, a->m);
}

/* Scalar pairwise: the one pair of Vn's low 64 (S) or 128 (D) bits. */
static bool fp_pair_scalar(struct dc *dc, const struct a64_args *a, op_fn *fn_s, op_fn *fn_d)
{
    if (simd_vec_op(dc, a->y ? fn_d : fn_s, a->d, a->n, a->n, 0)) {
        dc->op->r = 1;
        dc->op->p = 1;
    }
    return true;
}

#define TRANS_FP_PAIR(NAME, fn)                                                      \
    bool trans_##NAME##_v(struct dc *dc, const struct a64_args *a)                   \
    {                                                                                \
        return fp_pair(dc, a, fn##_s, fn##_d);                                       \
    }                                                                                \
    bool trans_##NAME##_s(struct dc *dc, const struct a64_args *a)                   \
    {                                                                                \
        return fp_pair_scalar(dc, a, fn##_s, fn##_d);                                \
    }

TRANS_FP_PAIR(FADDP, op_faddp)
TRANS_FP_PAIR(FMAXP, op_fmaxp)
TRANS_FP_PAIR(FMINP, op_fminp)
TRANS_FP_PAIR(FMAXNMP, op_fmaxnmp)
TRANS_FP_PAIR(FMINNMP, op_fminnmp)

/* --- by element: FMUL, FMLA, FMLS (vector x indexed element) ---------------------- */

/* SIMD_DEFINE_LANES_ELEM: bodies see x, the element e (at byte op->p of Vm), w. */
SIMD_DEFINE_LANES_ELEM(op_fmul_elem_s, 32, fp32_op2(FP_MUL, x, e, FPCR, FPSR))
SIMD_DEFINE_LANES_ELEM(op_fmul_elem_d, 64, fp64_op2(FP_MUL, x, e, FPCR, FPSR))
SIMD_DEFINE_LANES_ELEM(op_fmla_elem_s, 32, fp32_muladd(x, e, w, FPCR, FPSR))
SIMD_DEFINE_LANES_ELEM(op_fmla_elem_d, 64, fp64_muladd(x, e, w, FPCR, FPSR))
SIMD_DEFINE_LANES_ELEM(op_fmls_elem_s, 32, fp32_muladd(x ^ FP32_SIGN, e, w, FPCR, FPSR))
SIMD_DEFINE_LANES_ELEM(op_fmls_elem_d, 64, fp64_muladd(x ^ FP64_SIGN, e, w, FPCR, FPSR))

static bool fp_elem(struct dc *dc, const struct a64_args *a, op_fn *fn_s, op_fn *fn_d)
{
    unsigned offset;
    if ((a->y && !a->q) || !simd_fp_elem_offset(a, &offset)) {
        return false;
    }
    if (simd_vec_op(dc, a->y ? fn_d : fn_s, a->d, a->n, a->m, a->q)) {
        dc->op->r = (uint16_t)simd_lanes(a->q, 2 + a->y);
        dc->op->p = (uint8_t)offset;
    }
    return true;
}

bool trans_FMUL_elem(struct dc *dc, const struct a64_args *a)
{
    return fp_elem(dc, a, op_fmul_elem_s, op_fmul_elem_d);
}

bool trans_FMLA_elem(struct dc *dc, const struct a64_args *a)
{
    return fp_elem(dc, a, op_fmla_elem_s, op_fmla_elem_d);
}

bool trans_FMLS_elem(struct dc *dc, const struct a64_args *a)
{
    return fp_elem(dc, a, op_fmls_elem_s, op_fmls_elem_d);
}

/* Scalar by element (FMUL/FMLA/FMLS Sd|Dd, Vn, Vm.T[i]): one lane of the vector handler. */
static bool fp_elem_scalar(struct dc *dc, const struct a64_args *a, op_fn *fn_s, op_fn *fn_d)
{
    unsigned offset;
    if (!simd_fp_elem_offset(a, &offset)) {
        return false;
    }
    if (simd_vec_op(dc, a->y ? fn_d : fn_s, a->d, a->n, a->m, 0)) {
        dc->op->r = 1;
        dc->op->p = (uint8_t)offset;
    }
    return true;
}

bool trans_FMUL_elem_s(struct dc *dc, const struct a64_args *a)
{
    return fp_elem_scalar(dc, a, op_fmul_elem_s, op_fmul_elem_d);
}

bool trans_FMLA_elem_s(struct dc *dc, const struct a64_args *a)
{
    return fp_elem_scalar(dc, a, op_fmla_elem_s, op_fmla_elem_d);
}

bool trans_FMLS_elem_s(struct dc *dc, const struct a64_args *a)
{
    return fp_elem_scalar(dc, a, op_fmls_elem_s, op_fmls_elem_d);
}

/* --- across lanes: FMAXV, FMINV, FMAXNMV, FMINNMV (4S only) ----------------------- */

/* The ARM ARM's Reduce: op(op(l0, l1), op(l2, l3)); op->p = enum fp_op2. */
OP_HANDLER(op_fp_across)
{
    uint32_t l[4];
    memcpy(l, VREG(op->n), 16);
    enum fp_op2 k = (enum fp_op2)op->p;
    uint32_t lo = fp32_op2(k, l[0], l[1], FPCR, FPSR);
    uint32_t hi = fp32_op2(k, l[2], l[3], FPCR, FPSR);
    vreg_write_d(cpu, op->d, fp32_op2(k, lo, hi, FPCR, FPSR));
    NEXT();
}

static bool fp_across(struct dc *dc, const struct a64_args *a, enum fp_op2 k)
{
    if (a->y || !a->q) {
        return false;
    }
    if (simd_vec_op(dc, op_fp_across, a->d, a->n, 0, 1)) {
        dc->op->p = (uint8_t)k;
    }
    return true;
}

bool trans_FMAXNMV(struct dc *dc, const struct a64_args *a) { return fp_across(dc, a, FP_MAXNM); }
bool trans_FMINNMV(struct dc *dc, const struct a64_args *a) { return fp_across(dc, a, FP_MINNM); }
bool trans_FMAXV(struct dc *dc, const struct a64_args *a)   { return fp_across(dc, a, FP_MAX); }
bool trans_FMINV(struct dc *dc, const struct a64_args *a)   { return fp_across(dc, a, FP_MIN); }
