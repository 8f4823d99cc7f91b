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

/* NZCV results of fpNN_compare. */
#define CMP_EQ 0x60000000u
#define CMP_GT 0x20000000u

#define SIGN32 0x80000000u
#define SIGN64 0x8000000000000000ull

/* Bodies see x, y (lanes of Vn, Vm), w (old lane of Vd). */
#define DEFINE_FP3(name, T, expr)                                                    \
    OP_HANDLER(name)                                                                 \
    {                                                                                \
        enum { N_ = 16 / sizeof(T) };                                                \
        T a_[N_], b_[N_], c_[N_], r_[N_] = { 0 };                                    \
        memcpy(a_, VREG(op->n), 16);                                                 \
        memcpy(b_, VREG(op->m), 16);                                                 \
        memcpy(c_, VREG(op->d), 16);                                                 \
        for (unsigned i_ = 0; i_ < op->r; i_++) {                                    \
            T x = a_[i_], y = b_[i_], w = c_[i_];                                    \
            (void)y, (void)w;                                                        \
            r_[i_] = (T)(expr);                                                      \
        }                                                                            \
        memcpy(VREG(op->d), r_, 16);                                                 \
        NEXT();                                                                      \
    }

#define DEFINE_FP3_BOTH(name, expr32, expr64)                                        \
    DEFINE_FP3(name##_s, uint32_t, expr32)                                           \
    DEFINE_FP3(name##_d, uint64_t, expr64)

#define DEFINE_FP_OP2(name, op2)                                                     \
    DEFINE_FP3(name##_s, uint32_t, fp32_op2(op2, x, y, FPCR, FPSR))                  \
    DEFINE_FP3(name##_d, uint64_t, fp64_op2(op2, x, y, FPCR, FPSR))

DEFINE_FP_OP2(op_fadd, FP_ADD)
DEFINE_FP_OP2(op_fsub, FP_SUB)
DEFINE_FP_OP2(op_fmul, FP_MUL)
DEFINE_FP_OP2(op_fdiv, FP_DIV)
DEFINE_FP_OP2(op_fmax, FP_MAX)
DEFINE_FP_OP2(op_fmin, FP_MIN)
DEFINE_FP_OP2(op_fmaxnm, FP_MAXNM)
DEFINE_FP_OP2(op_fminnm, FP_MINNM)
DEFINE_FP3_BOTH(op_fabd, fp32_op2(FP_SUB, x, y, FPCR, FPSR) & ~SIGN32,
                fp64_op2(FP_SUB, x, y, FPCR, FPSR) & ~SIGN64)
DEFINE_FP3_BOTH(op_fmla, fp32_muladd(x, y, w, FPCR, FPSR), fp64_muladd(x, y, w, FPCR, FPSR))
DEFINE_FP3_BOTH(op_fmls, fp32_muladd(x ^ SIGN32, y, w, FPCR, FPSR),
                fp64_muladd(x ^ SIGN64, y, w, FPCR, FPSR))
DEFINE_FP3_BOTH(op_fcmeq, fp32_compare(x, y, false, FPCR, FPSR) == CMP_EQ ? ~0u : 0,
                fp64_compare(x, y, false, FPCR, FPSR) == CMP_EQ ? ~0ull : 0)
DEFINE_FP3_BOTH(op_fcmge, (fp32_compare(x, y, true, FPCR, FPSR) & 0x30000000u) == CMP_GT ? ~0u : 0,
                (fp64_compare(x, y, true, FPCR, FPSR) & 0x30000000u) == CMP_GT ? ~0ull : 0)
DEFINE_FP3_BOTH(op_fcmgt, fp32_compare(x, y, true, FPCR, FPSR) == CMP_GT ? ~0u : 0,
                fp64_compare(x, y, true, FPCR, FPSR) == CMP_GT ? ~0ull : 0)
DEFINE_FP3_BOTH(op_facge,
                (fp32_compare(x & ~SIGN32, y & ~SIGN32, true, FPCR, FPSR) & 0x30000000u) == CMP_GT
                    ? ~0u : 0,
                (fp64_compare(x & ~SIGN64, y & ~SIGN64, true, FPCR, FPSR) & 0x30000000u) == CMP_GT
                    ? ~0ull : 0)
DEFINE_FP3_BOTH(op_facgt,
                fp32_compare(x & ~SIGN32, y & ~SIGN32, true, FPCR, FPSR) == CMP_GT ? ~0u : 0,
                fp64_compare(x & ~SIGN64, y & ~SIGN64, true, FPCR, FPSR) == CMP_GT ? ~0ull : 0)

/* Compares with zero: y is +0. FCMLE/FCMLT swap the operands (0 >= x, 0 > x). */
DEFINE_FP3_BOTH(op_fcmeq0, fp32_compare(x, 0, false, FPCR, FPSR) == CMP_EQ ? ~0u : 0,
                fp64_compare(x, 0, false, FPCR, FPSR) == CMP_EQ ? ~0ull : 0)
DEFINE_FP3_BOTH(op_fcmge0, (fp32_compare(x, 0, true, FPCR, FPSR) & 0x30000000u) == CMP_GT ? ~0u : 0,
                (fp64_compare(x, 0, true, FPCR, FPSR) & 0x30000000u) == CMP_GT ? ~0ull : 0)
DEFINE_FP3_BOTH(op_fcmgt0, fp32_compare(x, 0, true, FPCR, FPSR) == CMP_GT ? ~0u : 0,
                fp64_compare(x, 0, true, FPCR, FPSR) == CMP_GT ? ~0ull : 0)
DEFINE_FP3_BOTH(op_fcmle0, (fp32_compare(0, x, true, FPCR, FPSR) & 0x30000000u) == CMP_GT ? ~0u : 0,
                (fp64_compare(0, x, true, FPCR, FPSR) & 0x30000000u) == CMP_GT ? ~0ull : 0)
DEFINE_FP3_BOTH(op_fcmlt0, fp32_compare(0, x, true, FPCR, FPSR) == CMP_GT ? ~0u : 0,
                fp64_compare(0, x, true, FPCR, FPSR) == CMP_GT ? ~0ull : 0)

DEFINE_FP3_BOTH(op_fabs, x & ~SIGN32, x & ~SIGN64)
DEFINE_FP3_BOTH(op_fneg, x ^ SIGN32, x ^ SIGN64)
DEFINE_FP3_BOTH(op_fsqrt, fp32_sqrt(x, FPCR, FPSR), fp64_sqrt(x, FPCR, FPSR))

/* sz (a->y): 0 single, 1 double (128-bit only). */
static bool fp_vec(struct dc *dc, const struct a64_args *a, op_fn *fn_s, op_fn *fn_d,
                   unsigned m)
{
    if (a->y && !a->q) {
        return false;
    }
    if (simd_vec_op(dc, a->y ? fn_d : fn_s, a->d, a->n, m, a->q)) {
        dc->op->r = (uint16_t)((a->q ? 16 : 8) >> (2 + a->y));
    }
    return true;
}

#define TRANS_FP3(NAME, fn)                                                          \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                       \
    {                                                                                \
        return fp_vec(dc, a, fn##_s, fn##_d, a->m);                                  \
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
TRANS_FP3(FCMEQ_v, op_fcmeq)
TRANS_FP3(FCMGE_v, op_fcmge)
TRANS_FP3(FCMGT_v, op_fcmgt)
TRANS_FP3(FACGE_v, op_facge)
TRANS_FP3(FACGT_v, op_facgt)

#define TRANS_FP2(NAME, fn)                                                          \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                       \
    {                                                                                \
        return fp_vec(dc, a, fn##_s, fn##_d, 0);                                     \
    }

TRANS_FP2(FCMEQ0_v, op_fcmeq0)
TRANS_FP2(FCMGE0_v, op_fcmge0)
TRANS_FP2(FCMGT0_v, op_fcmgt0)
TRANS_FP2(FCMLE0_v, op_fcmle0)
TRANS_FP2(FCMLT0_v, op_fcmlt0)
TRANS_FP2(FABS_v, op_fabs)
TRANS_FP2(FNEG_v, op_fneg)
TRANS_FP2(FSQRT_v, op_fsqrt)

/* --- pairwise --------------------------------------------------------------------- */

/*
 * Pairs of Vm:Vn (Vn lowest) over the vector width; op->r = lanes per
 * operand. op->p = 1 for the scalar forms: the one pair is lanes 0 and 1 of Vn.
 */
#define DEFINE_FP_PAIR(name, T, expr)                                                \
    OP_HANDLER(name)                                                                 \
    {                                                                                \
        enum { N_ = 16 / sizeof(T) };                                                \
        T cat_[2 * N_], r_[N_] = { 0 };                                              \
        unsigned n_ = op->r;                                                         \
        memcpy(cat_, VREG(op->n), 16);                                               \
        if (!op->p) {                                                                \
            memcpy(cat_ + n_, VREG(op->m), n_ * sizeof(T));                          \
        }                                                                            \
        for (unsigned i_ = 0; i_ < n_; i_++) {                                       \
            T x = cat_[2 * i_], y = cat_[2 * i_ + 1];                                \
            r_[i_] = (T)(expr);                                                      \
        }                                                                            \
        memcpy(VREG(op->d), r_, 16);                                                 \
        NEXT();                                                                      \
    }

#define DEFINE_FP_PAIR_BOTH(name, op2)                                               \
    DEFINE_FP_PAIR(name##_s, uint32_t, fp32_op2(op2, x, y, FPCR, FPSR))              \
    DEFINE_FP_PAIR(name##_d, uint64_t, fp64_op2(op2, x, y, FPCR, FPSR))

DEFINE_FP_PAIR_BOTH(op_faddp, FP_ADD)
DEFINE_FP_PAIR_BOTH(op_fmaxp, FP_MAX)
DEFINE_FP_PAIR_BOTH(op_fminp, FP_MIN)
DEFINE_FP_PAIR_BOTH(op_fmaxnmp, FP_MAXNM)
DEFINE_FP_PAIR_BOTH(op_fminnmp, FP_MINNM)

static bool fp_pair(struct dc *dc, const struct a64_args *a, op_fn *fn_s, op_fn *fn_d)
{
    if (a->y && !a->q) {
        return false;
    }
    if (simd_vec_op(dc, a->y ? fn_d : fn_s, a->d, a->n, a->m, a->q)) {
        dc->op->r = (uint16_t)((a->q ? 16 : 8) >> (2 + a->y));
    }
    return true;
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

/* op->p = byte offset of the element in Vm; bodies see x, the element e, w. */
#define DEFINE_FP_ELEM(name, T, expr)                                                \
    OP_HANDLER(name)                                                                 \
    {                                                                                \
        enum { N_ = 16 / sizeof(T) };                                                \
        T a_[N_], c_[N_], r_[N_] = { 0 }, e;                                         \
        memcpy(a_, VREG(op->n), 16);                                                 \
        memcpy(c_, VREG(op->d), 16);                                                 \
        memcpy(&e, vreg_cbytes(cpu, op->m) + op->p, sizeof(e));                      \
        for (unsigned i_ = 0; i_ < op->r; i_++) {                                    \
            T x = a_[i_], w = c_[i_];                                                \
            (void)w;                                                                 \
            r_[i_] = (T)(expr);                                                      \
        }                                                                            \
        memcpy(VREG(op->d), r_, 16);                                                 \
        NEXT();                                                                      \
    }

DEFINE_FP_ELEM(op_fmul_elem_s, uint32_t, fp32_op2(FP_MUL, x, e, FPCR, FPSR))
DEFINE_FP_ELEM(op_fmul_elem_d, uint64_t, fp64_op2(FP_MUL, x, e, FPCR, FPSR))
DEFINE_FP_ELEM(op_fmla_elem_s, uint32_t, fp32_muladd(x, e, w, FPCR, FPSR))
DEFINE_FP_ELEM(op_fmla_elem_d, uint64_t, fp64_muladd(x, e, w, FPCR, FPSR))
DEFINE_FP_ELEM(op_fmls_elem_s, uint32_t, fp32_muladd(x ^ SIGN32, e, w, FPCR, FPSR))
DEFINE_FP_ELEM(op_fmls_elem_d, uint64_t, fp64_muladd(x ^ SIGN64, e, w, FPCR, FPSR))

static bool fp_elem(struct dc *dc, const struct a64_args *a, op_fn *fn_s, op_fn *fn_d)
{
    unsigned index;
    if (a->y) {
        if (a->l || !a->q) {
            return false;
        }
        index = a->h;
    } else {
        index = (a->h << 1) | a->l;
    }
    if (simd_vec_op(dc, a->y ? fn_d : fn_s, a->d, a->n, a->m, a->q)) {
        dc->op->r = (uint16_t)((a->q ? 16 : 8) >> (2 + a->y));
        dc->op->p = (uint8_t)(index << (2 + a->y));
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
    if (a->y && a->l) {
        return false;
    }
    unsigned index = a->y ? a->h : (a->h << 1) | a->l;
    if (simd_vec_op(dc, a->y ? fn_d : fn_s, a->d, a->n, a->m, 0)) {
        dc->op->r = 1;
        dc->op->p = (uint8_t)(index << (2 + a->y));
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
