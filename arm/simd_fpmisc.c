/*
 * AdvSIMD and scalar floating point beyond the basic arithmetic of
 * arm/simd_fp.c: FMULX (vector, scalar, by element), FRECPS and FRSQRTS,
 * the estimates FRECPE, FRSQRTE, URECPE, URSQRTE, FRECPX, the narrowing
 * FCVTXN with rounding to odd, and the scalar forms of the FP compares
 * (register and against zero) and of FABD. The arithmetic is softfp's
 * (arm/softfp.h), so FPCR modes and FPSR flags match the other FP
 * instructions.
 *
 * Each variant (single or double, scalar or vector) has its own handler,
 * chosen at translate time. Op fields: op->r = lanes (vector forms),
 * op->p = byte offset of the element in Vm (by-element forms).
 */
#include "arm/fp_recip.h"
#include "arm/simd.h"
#include "arm/softfp.h"

#define FPCR (cpu->s.fpcr)
#define FPSR (&cpu->s.fpsr)

/* NZCV results of fpNN_compare; the C and V bits tell GT/EQ from LT/unordered. */
#define CMP_EQ   0x60000000u
#define CMP_GT   0x20000000u
#define CMP_CV   0x30000000u

#define SIGN32 0x80000000u
#define SIGN64 0x8000000000000000ull

/* --- handler shapes ------------------------------------------------------------- */

/* Vector, lane by lane over op->r lanes; bodies see x (Vn) and y (Vm) lanes. */
#define DEFINE_VEC3(name, T, expr)                                                   \
    OP_HANDLER(name)                                                                 \
    {                                                                                \
        enum { N_ = 16 / sizeof(T) };                                                \
        T a_[N_], b_[N_], r_[N_] = { 0 };                                            \
        memcpy(a_, VREG(op->n), 16);                                                 \
        memcpy(b_, VREG(op->m), 16);                                                 \
        for (unsigned i_ = 0; i_ < op->r; i_++) {                                    \
            T x = a_[i_], y = b_[i_];                                                \
            r_[i_] = (T)(expr);                                                      \
        }                                                                            \
        memcpy(VREG(op->d), r_, 16);                                                 \
        NEXT();                                                                      \
    }

/* One source: x is the lane of Vn. */
#define DEFINE_VEC2(name, T, expr)                                                   \
    OP_HANDLER(name)                                                                 \
    {                                                                                \
        enum { N_ = 16 / sizeof(T) };                                                \
        T a_[N_], r_[N_] = { 0 };                                                    \
        memcpy(a_, VREG(op->n), 16);                                                 \
        for (unsigned i_ = 0; i_ < op->r; i_++) {                                    \
            T x = a_[i_];                                                            \
            r_[i_] = (T)(expr);                                                      \
        }                                                                            \
        memcpy(VREG(op->d), r_, 16);                                                 \
        NEXT();                                                                      \
    }

/* Scalar: x, y are the low T of Vn, Vm; the result is zero-extended into Vd. */
#define DEFINE_SCALAR3(name, T, expr)                                                \
    OP_HANDLER(name)                                                                 \
    {                                                                                \
        T x = (T)VREG(op->n)[0], y = (T)VREG(op->m)[0];                              \
        vreg_write_d(cpu, op->d, (T)(expr));                                         \
        NEXT();                                                                      \
    }

#define DEFINE_SCALAR2(name, T, expr)                                                \
    OP_HANDLER(name)                                                                 \
    {                                                                                \
        T x = (T)VREG(op->n)[0];                                                     \
        vreg_write_d(cpu, op->d, (T)(expr));                                         \
        NEXT();                                                                      \
    }

/* By element: x is the lane of Vn, e the element of Vm at byte op->p. */
#define DEFINE_ELEM(name, T, expr)                                                   \
    OP_HANDLER(name)                                                                 \
    {                                                                                \
        enum { N_ = 16 / sizeof(T) };                                                \
        T a_[N_], r_[N_] = { 0 }, e;                                                 \
        memcpy(a_, VREG(op->n), 16);                                                 \
        memcpy(&e, vreg_cbytes(cpu, op->m) + op->p, sizeof(e));                      \
        for (unsigned i_ = 0; i_ < op->r; i_++) {                                    \
            T x = a_[i_];                                                            \
            r_[i_] = (T)(expr);                                                      \
        }                                                                            \
        memcpy(VREG(op->d), r_, 16);                                                 \
        NEXT();                                                                      \
    }

#define DEFINE_SCALAR_ELEM(name, T, expr)                                            \
    OP_HANDLER(name)                                                                 \
    {                                                                                \
        T x = (T)VREG(op->n)[0], e;                                                  \
        memcpy(&e, vreg_cbytes(cpu, op->m) + op->p, sizeof(e));                      \
        vreg_write_d(cpu, op->d, (T)(expr));                                         \
        NEXT();                                                                      \
    }

/* Handlers name_vs/_vd (vector) and name_ss/_sd (scalar) of one operation. */
#define DEFINE_FP3_VS(name, fn32, fn64)                                              \
    DEFINE_VEC3(name##_vs, uint32_t, fn32(x, y, FPCR, FPSR))                         \
    DEFINE_VEC3(name##_vd, uint64_t, fn64(x, y, FPCR, FPSR))                         \
    DEFINE_SCALAR3(name##_ss, uint32_t, fn32(x, y, FPCR, FPSR))                      \
    DEFINE_SCALAR3(name##_sd, uint64_t, fn64(x, y, FPCR, FPSR))

#define DEFINE_FP2_VS(name, fn32, fn64)                                              \
    DEFINE_VEC2(name##_vs, uint32_t, fn32(x, FPCR, FPSR))                            \
    DEFINE_VEC2(name##_vd, uint64_t, fn64(x, FPCR, FPSR))                            \
    DEFINE_SCALAR2(name##_ss, uint32_t, fn32(x, FPCR, FPSR))                         \
    DEFINE_SCALAR2(name##_sd, uint64_t, fn64(x, FPCR, FPSR))

/* --- handlers ------------------------------------------------------------------- */

DEFINE_FP3_VS(op_fmulx, fp32_mulx, fp64_mulx)
DEFINE_FP3_VS(op_frecps, fp32_recip_step, fp64_recip_step)
DEFINE_FP3_VS(op_frsqrts, fp32_rsqrt_step, fp64_rsqrt_step)
DEFINE_FP2_VS(op_frecpe, fp32_recip_estimate, fp64_recip_estimate)
DEFINE_FP2_VS(op_frsqrte, fp32_rsqrt_estimate, fp64_rsqrt_estimate)
DEFINE_SCALAR2(op_frecpx_ss, uint32_t, fp32_recpx(x, FPCR, FPSR))
DEFINE_SCALAR2(op_frecpx_sd, uint64_t, fp64_recpx(x, FPCR, FPSR))

DEFINE_ELEM(op_fmulx_elem_vs, uint32_t, fp32_mulx(x, e, FPCR, FPSR))
DEFINE_ELEM(op_fmulx_elem_vd, uint64_t, fp64_mulx(x, e, FPCR, FPSR))
DEFINE_SCALAR_ELEM(op_fmulx_elem_ss, uint32_t, fp32_mulx(x, e, FPCR, FPSR))
DEFINE_SCALAR_ELEM(op_fmulx_elem_sd, uint64_t, fp64_mulx(x, e, FPCR, FPSR))

/* Scalar compares and FABD: all-ones or zero of the operand size. */
#define SCALAR_CMP(name, expr32, expr64)                                             \
    DEFINE_SCALAR3(name##_ss, uint32_t, (expr32) ? ~0u : 0)                          \
    DEFINE_SCALAR3(name##_sd, uint64_t, (expr64) ? ~0ull : 0)

SCALAR_CMP(op_fcmeq, fp32_compare(x, y, false, FPCR, FPSR) == CMP_EQ,
           fp64_compare(x, y, false, FPCR, FPSR) == CMP_EQ)
SCALAR_CMP(op_fcmge, (fp32_compare(x, y, true, FPCR, FPSR) & CMP_CV) == CMP_GT,
           (fp64_compare(x, y, true, FPCR, FPSR) & CMP_CV) == CMP_GT)
SCALAR_CMP(op_fcmgt, fp32_compare(x, y, true, FPCR, FPSR) == CMP_GT,
           fp64_compare(x, y, true, FPCR, FPSR) == CMP_GT)
SCALAR_CMP(op_facge,
           (fp32_compare(x & ~SIGN32, y & ~SIGN32, true, FPCR, FPSR) & CMP_CV) == CMP_GT,
           (fp64_compare(x & ~SIGN64, y & ~SIGN64, true, FPCR, FPSR) & CMP_CV) == CMP_GT)
SCALAR_CMP(op_facgt, fp32_compare(x & ~SIGN32, y & ~SIGN32, true, FPCR, FPSR) == CMP_GT,
           fp64_compare(x & ~SIGN64, y & ~SIGN64, true, FPCR, FPSR) == CMP_GT)
/* Against zero: FCMLE and FCMLT swap the operands (0 >= x, 0 > x). */
#define SCALAR_CMP0(name, expr32, expr64)                                            \
    DEFINE_SCALAR2(name##_ss, uint32_t, (expr32) ? ~0u : 0)                          \
    DEFINE_SCALAR2(name##_sd, uint64_t, (expr64) ? ~0ull : 0)

SCALAR_CMP0(op_fcmeq0, fp32_compare(x, 0, false, FPCR, FPSR) == CMP_EQ,
           fp64_compare(x, 0, false, FPCR, FPSR) == CMP_EQ)
SCALAR_CMP0(op_fcmge0, (fp32_compare(x, 0, true, FPCR, FPSR) & CMP_CV) == CMP_GT,
           (fp64_compare(x, 0, true, FPCR, FPSR) & CMP_CV) == CMP_GT)
SCALAR_CMP0(op_fcmgt0, fp32_compare(x, 0, true, FPCR, FPSR) == CMP_GT,
           fp64_compare(x, 0, true, FPCR, FPSR) == CMP_GT)
SCALAR_CMP0(op_fcmle0, (fp32_compare(0, x, true, FPCR, FPSR) & CMP_CV) == CMP_GT,
           (fp64_compare(0, x, true, FPCR, FPSR) & CMP_CV) == CMP_GT)
SCALAR_CMP0(op_fcmlt0, fp32_compare(0, x, true, FPCR, FPSR) == CMP_GT,
           fp64_compare(0, x, true, FPCR, FPSR) == CMP_GT)

DEFINE_SCALAR3(op_fabd_ss, uint32_t, fp32_op2(FP_SUB, x, y, FPCR, FPSR) & ~SIGN32)
DEFINE_SCALAR3(op_fabd_sd, uint64_t, fp64_op2(FP_SUB, x, y, FPCR, FPSR) & ~SIGN64)

/* URECPE, URSQRTE: on 32-bit unsigned fixed-point lanes (0.32). */
static inline uint32_t urecpe32(uint32_t x)
{
    if (!(x >> 31)) {
        return ~0u;
    }
    return fp_recip_estimate9(x >> 23) << 23;
}

static inline uint32_t ursqrte32(uint32_t x)
{
    if (!(x >> 30)) {
        return ~0u;
    }
    return fp_rsqrt_estimate9(x >> 23) << 23;
}

DEFINE_VEC2(op_urecpe, uint32_t, urecpe32(x))
DEFINE_VEC2(op_ursqrte, uint32_t, ursqrte32(x))

/* FCVTXN: two doubles to singles in the low 64 bits of Vd (FCVTXN2, with
 * op->r = 1: the high 64 bits, keeping the low ones); scalar: one. */
OP_HANDLER(op_fcvtxn_v)
{
    uint64_t a0 = VREG(op->n)[0], a1 = VREG(op->n)[1];
    uint64_t v = fp_cvt_d_to_s_odd(a0, FPCR, FPSR);
    v |= (uint64_t)fp_cvt_d_to_s_odd(a1, FPCR, FPSR) << 32;
    if (op->r) {
        VREG(op->d)[1] = v;
    } else {
        vreg_write_d(cpu, op->d, v);
    }
    NEXT();
}

DEFINE_SCALAR2(op_fcvtxn_s, uint64_t, fp_cvt_d_to_s_odd(x, FPCR, FPSR))

/* --- translators ------------------------------------------------------------------ */

/* Vector forms; y = sz: doubles need Q = 1. */
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

static bool fp_scalar(struct dc *dc, const struct a64_args *a, op_fn *fn_s, op_fn *fn_d,
                      unsigned m)
{
    simd_vec_op(dc, a->y ? fn_d : fn_s, a->d, a->n, m, 0);
    return true;
}

#define TRANS_FP3_V(NAME, fn)                                                        \
    bool trans_##NAME##_v(struct dc *dc, const struct a64_args *a)                   \
    {                                                                                \
        return fp_vec(dc, a, fn##_vs, fn##_vd, a->m);                                \
    }

#define TRANS_FP3_S(NAME, fn)                                                        \
    bool trans_##NAME##_s(struct dc *dc, const struct a64_args *a)                   \
    {                                                                                \
        return fp_scalar(dc, a, fn##_ss, fn##_sd, a->m);                             \
    }

#define TRANS_FP2_V(NAME, fn)                                                        \
    bool trans_##NAME##_v(struct dc *dc, const struct a64_args *a)                   \
    {                                                                                \
        return fp_vec(dc, a, fn##_vs, fn##_vd, 0);                                   \
    }

#define TRANS_FP2_S(NAME, fn)                                                        \
    bool trans_##NAME##_s(struct dc *dc, const struct a64_args *a)                   \
    {                                                                                \
        return fp_scalar(dc, a, fn##_ss, fn##_sd, 0);                                \
    }

TRANS_FP3_V(FMULX, op_fmulx)
TRANS_FP3_S(FMULX, op_fmulx)
TRANS_FP3_V(FRECPS, op_frecps)
TRANS_FP3_S(FRECPS, op_frecps)
TRANS_FP3_V(FRSQRTS, op_frsqrts)
TRANS_FP3_S(FRSQRTS, op_frsqrts)
TRANS_FP3_S(FCMEQ, op_fcmeq)
TRANS_FP3_S(FCMGE, op_fcmge)
TRANS_FP3_S(FCMGT, op_fcmgt)
TRANS_FP3_S(FACGE, op_facge)
TRANS_FP3_S(FACGT, op_facgt)
TRANS_FP3_S(FABD, op_fabd)

TRANS_FP2_V(FRECPE, op_frecpe)
TRANS_FP2_S(FRECPE, op_frecpe)
TRANS_FP2_V(FRSQRTE, op_frsqrte)
TRANS_FP2_S(FRSQRTE, op_frsqrte)
TRANS_FP2_S(FRECPX, op_frecpx)
TRANS_FP2_S(FCMEQ0, op_fcmeq0)
TRANS_FP2_S(FCMGE0, op_fcmge0)
TRANS_FP2_S(FCMGT0, op_fcmgt0)
TRANS_FP2_S(FCMLE0, op_fcmle0)
TRANS_FP2_S(FCMLT0, op_fcmlt0)

/* URECPE, URSQRTE: 2S and 4S only (sz = 1 is reserved). */
static bool u_estimate(struct dc *dc, const struct a64_args *a, op_fn *fn)
{
    if (a->y) {
        return false;
    }
    return fp_vec(dc, a, fn, fn, 0);
}

bool trans_URECPE(struct dc *dc, const struct a64_args *a)
{
    return u_estimate(dc, a, op_urecpe);
}

bool trans_URSQRTE(struct dc *dc, const struct a64_args *a)
{
    return u_estimate(dc, a, op_ursqrte);
}

/* FCVTXN{2}: only from doubles (sz = 1). */
bool trans_FCVTXN_v(struct dc *dc, const struct a64_args *a)
{
    if (!a->y) {
        return false;
    }
    if (simd_vec_op(dc, op_fcvtxn_v, a->d, a->n, 0, 1)) {
        dc->op->r = a->q;
    }
    return true;
}

bool trans_FCVTXN_s(struct dc *dc, const struct a64_args *a)
{
    if (!a->y) {
        return false;
    }
    simd_vec_op(dc, op_fcvtxn_s, a->d, a->n, 0, 0);
    return true;
}

/* FMULX by element; y = sz, the index is h:l for singles and h for doubles. */
bool trans_FMULX_elem(struct dc *dc, const struct a64_args *a)
{
    if (a->y && (a->l || !a->q)) {
        return false;
    }
    unsigned index = a->y ? a->h : (a->h << 1) | a->l;
    if (simd_vec_op(dc, a->y ? op_fmulx_elem_vd : op_fmulx_elem_vs, a->d, a->n, a->m, a->q)) {
        dc->op->r = (uint16_t)((a->q ? 16 : 8) >> (2 + a->y));
        dc->op->p = (uint8_t)(index << (2 + a->y));
    }
    return true;
}

bool trans_FMULX_elem_s(struct dc *dc, const struct a64_args *a)
{
    if (a->y && a->l) {
        return false;
    }
    unsigned index = a->y ? a->h : (a->h << 1) | a->l;
    if (simd_vec_op(dc, a->y ? op_fmulx_elem_sd : op_fmulx_elem_ss, a->d, a->n, a->m, 0)) {
        dc->op->p = (uint8_t)(index << (2 + a->y));
    }
    return true;
}
