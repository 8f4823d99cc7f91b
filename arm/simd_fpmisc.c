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

/* --- handler shapes ------------------------------------------------------------- */

/*
 * Vector handlers are SIMD_DEFINE_LANES (x, y lanes of Vn, Vm over op->r
 * lanes) and SIMD_DEFINE_LANES_ELEM (x and the element e of Vm at byte
 * op->p). Scalar ones read the low T of Vn (x), Vm (y) or the element (e)
 * and zero-extend the result into Vd.
 */
#define DEFINE_SCALAR3(name, bits, expr)                                             \
    OP_HANDLER(name)                                                                 \
    {                                                                                \
        typedef uint##bits##_t T;                                                    \
        T x = (T)VREG(op->n)[0], y = (T)VREG(op->m)[0];                              \
        (void)y;                                                                     \
        vreg_write_d(cpu, op->d, (T)(expr));                                         \
        NEXT();                                                                      \
    }

#define DEFINE_SCALAR_ELEM(name, bits, expr)                                         \
    OP_HANDLER(name)                                                                 \
    {                                                                                \
        typedef uint##bits##_t T;                                                    \
        T x = (T)VREG(op->n)[0], e;                                                  \
        memcpy(&e, vreg_cbytes(cpu, op->m) + op->p, sizeof(e));                      \
        vreg_write_d(cpu, op->d, (T)(expr));                                         \
        NEXT();                                                                      \
    }

/* Handlers name_vs/_vd (vector) and name_ss/_sd (scalar) of one operation. */
#define DEFINE_FP_VS(name, expr32, expr64)                                           \
    SIMD_DEFINE_LANES(name##_vs, 32, expr32)                                         \
    SIMD_DEFINE_LANES(name##_vd, 64, expr64)                                         \
    DEFINE_SCALAR3(name##_ss, 32, expr32)                                            \
    DEFINE_SCALAR3(name##_sd, 64, expr64)

#define DEFINE_FP3_VS(name, fn32, fn64)                                              \
    DEFINE_FP_VS(name, fn32(x, y, FPCR, FPSR), fn64(x, y, FPCR, FPSR))

#define DEFINE_FP2_VS(name, fn32, fn64)                                              \
    DEFINE_FP_VS(name, fn32(x, FPCR, FPSR), fn64(x, FPCR, FPSR))

/* --- handlers ------------------------------------------------------------------- */

DEFINE_FP3_VS(op_fmulx, fp32_mulx, fp64_mulx)
DEFINE_FP3_VS(op_frecps, fp32_recip_step, fp64_recip_step)
DEFINE_FP3_VS(op_frsqrts, fp32_rsqrt_step, fp64_rsqrt_step)
DEFINE_FP2_VS(op_frecpe, fp32_recip_estimate, fp64_recip_estimate)
DEFINE_FP2_VS(op_frsqrte, fp32_rsqrt_estimate, fp64_rsqrt_estimate)
DEFINE_SCALAR3(op_frecpx_ss, 32, fp32_recpx(x, FPCR, FPSR))
DEFINE_SCALAR3(op_frecpx_sd, 64, fp64_recpx(x, FPCR, FPSR))

SIMD_DEFINE_LANES_ELEM(op_fmulx_elem_vs, 32, fp32_mulx(x, e, FPCR, FPSR))
SIMD_DEFINE_LANES_ELEM(op_fmulx_elem_vd, 64, fp64_mulx(x, e, FPCR, FPSR))
DEFINE_SCALAR_ELEM(op_fmulx_elem_ss, 32, fp32_mulx(x, e, FPCR, FPSR))
DEFINE_SCALAR_ELEM(op_fmulx_elem_sd, 64, fp64_mulx(x, e, FPCR, FPSR))

/* Scalar compares (all ones where the relation holds) and FABD. */
#define DEFINE_SCALAR_CMP(NAME, fn, rel, a, b)                                       \
    DEFINE_SCALAR3(fn##_ss, 32, fp32_##rel(a, b, FPCR, FPSR) ? ~0u : 0)              \
    DEFINE_SCALAR3(fn##_sd, 64, fp64_##rel(a, b, FPCR, FPSR) ? ~0ull : 0)
SIMD_FP_COMPARES(DEFINE_SCALAR_CMP)
SIMD_FP_COMPARES_ZERO(DEFINE_SCALAR_CMP)

DEFINE_SCALAR3(op_fabd_ss, 32, SIMD_FABS(fp32_op2(FP_SUB, x, y, FPCR, FPSR)))
DEFINE_SCALAR3(op_fabd_sd, 64, SIMD_FABS(fp64_op2(FP_SUB, x, y, FPCR, FPSR)))

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

SIMD_DEFINE_LANES(op_urecpe, 32, urecpe32(x))
SIMD_DEFINE_LANES(op_ursqrte, 32, ursqrte32(x))

/* FCVTXN: two doubles to singles in the low 64 bits of Vd (FCVTXN2, with
 * op->r = 1: the high 64 bits, keeping the low ones); scalar: one. */
OP_HANDLER(op_fcvtxn_v)
{
    uint64_t a0 = VREG(op->n)[0], a1 = VREG(op->n)[1];
    uint64_t v = fp_cvt_d_to_s_odd(a0, FPCR, FPSR);
    v |= (uint64_t)fp_cvt_d_to_s_odd(a1, FPCR, FPSR) << 32;
    simd_store_narrow(cpu, op->d, v, op->r);
    NEXT();
}

DEFINE_SCALAR3(op_fcvtxn_s, 64, fp_cvt_d_to_s_odd(x, FPCR, FPSR))

/* --- translators ------------------------------------------------------------------ */

/* Vector forms (simd_fp_vec) and scalar forms; y = sz. */
static bool fp_scalar(struct dc *dc, const struct a64_args *a, op_fn *fn_s, op_fn *fn_d,
                      unsigned m)
{
    simd_vec_op(dc, a->y ? fn_d : fn_s, a->d, a->n, m, 0);
    return true;
}

#define TRANS_FP3_V(NAME, fn)                                                        \
    bool trans_##NAME##_v(struct dc *dc, const struct a64_args *a)                   \
    {                                                                                \
        return simd_fp_vec(dc, a, fn##_vs, fn##_vd, a->m);                                \
    }

#define TRANS_FP3_S(NAME, fn)                                                        \
    bool trans_##NAME##_s(struct dc *dc, const struct a64_args *a)                   \
    {                                                                                \
        return fp_scalar(dc, a, fn##_ss, fn##_sd, a->m);                             \
    }

#define TRANS_FP2_V(NAME, fn)                                                        \
    bool trans_##NAME##_v(struct dc *dc, const struct a64_args *a)                   \
    {                                                                                \
        return simd_fp_vec(dc, a, fn##_vs, fn##_vd, 0);                                   \
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
TRANS_FP3_S(FABD, op_fabd)
#define TRANS_SCALAR_CMP(NAME, fn, rel, a, b) TRANS_FP3_S(NAME, fn)
#define TRANS_SCALAR_CMP0(NAME, fn, rel, a, b) TRANS_FP2_S(NAME, fn)
SIMD_FP_COMPARES(TRANS_SCALAR_CMP)
SIMD_FP_COMPARES_ZERO(TRANS_SCALAR_CMP0)

TRANS_FP2_V(FRECPE, op_frecpe)
TRANS_FP2_S(FRECPE, op_frecpe)
TRANS_FP2_V(FRSQRTE, op_frsqrte)
TRANS_FP2_S(FRSQRTE, op_frsqrte)
TRANS_FP2_S(FRECPX, op_frecpx)

/* URECPE, URSQRTE: 2S and 4S only (sz = 1 is reserved). */
static bool u_estimate(struct dc *dc, const struct a64_args *a, op_fn *fn)
{
    if (a->y) {
        return false;
    }
    return simd_fp_vec(dc, a, fn, fn, 0);
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
    unsigned offset;
    if ((a->y && !a->q) || !simd_fp_elem_offset(a, &offset)) {
        return false;
    }
    if (simd_vec_op(dc, a->y ? op_fmulx_elem_vd : op_fmulx_elem_vs, a->d, a->n, a->m, a->q)) {
        dc->op->r = (uint16_t)simd_lanes(a->q, 2 + a->y);
        dc->op->p = (uint8_t)offset;
    }
    return true;
}

bool trans_FMULX_elem_s(struct dc *dc, const struct a64_args *a)
{
    unsigned offset;
    if (!simd_fp_elem_offset(a, &offset)) {
        return false;
    }
    if (simd_vec_op(dc, a->y ? op_fmulx_elem_sd : op_fmulx_elem_ss, a->d, a->n, a->m, 0)) {
        dc->op->p = (uint8_t)offset;
    }
    return true;
}
