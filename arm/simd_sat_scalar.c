/*
 * Scalar (B, H, S, D register) forms of the AdvSIMD saturating integer
 * instructions: SQADD, UQADD, SQSUB, UQSUB, SQSHL/UQSHL/SQRSHL/UQRSHL and
 * SRSHL/URSHL (register), SQDMULH/SQRDMULH (register), SQABS, SQNEG,
 * SUQADD, USQADD, SQSHL/UQSHL/SQSHLU (immediate), and the narrowing SQXTN,
 * UQXTN, SQXTUN, SQSHRN, SQRSHRN, UQSHRN, UQRSHRN, SQSHRUN, SQRSHRUN.
 *
 * The same-size ops run their vector handler on one lane (see
 * arm/simd_sat.h). The narrowing ones have their own handlers here: the
 * vector handlers narrow every lane and would set QC for lanes a scalar
 * does not have. All set FPSR.QC when a result saturates.
 */
#include "arm/simd.h"
#include "arm/simd_sat.h"

/* --- same element size: the vector handler on lane 0 ------------------------- */

/* fns[size] on one lane of Vn (and m), shift sh; NULL entries are reserved sizes. */
static bool scalar_sat(struct dc *dc, op_fn *const fns[4], unsigned size, unsigned d,
                       unsigned n, unsigned m, unsigned sh)
{
    if (!fns[size]) {
        return false;
    }
    if (simd_vec_op(dc, fns[size], d, n, m, 0)) {
        dc->op->r = 1;
        dc->op->p = (uint8_t)sh;
    }
    return true;
}

#define TRANS_SCALAR_3SAME(NAME, fns)                                               \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                      \
    {                                                                               \
        return scalar_sat(dc, fns, a->z, a->d, a->n, a->m, 0);                      \
    }

TRANS_SCALAR_3SAME(SQADD_s, simd_sqadd_fns)
TRANS_SCALAR_3SAME(UQADD_s, simd_uqadd_fns)
TRANS_SCALAR_3SAME(SQSUB_s, simd_sqsub_fns)
TRANS_SCALAR_3SAME(UQSUB_s, simd_uqsub_fns)
TRANS_SCALAR_3SAME(SQSHL_s, simd_sqshl_fns)
TRANS_SCALAR_3SAME(UQSHL_s, simd_uqshl_fns)
TRANS_SCALAR_3SAME(SQRSHL_s, simd_sqrshl_fns)
TRANS_SCALAR_3SAME(UQRSHL_s, simd_uqrshl_fns)
TRANS_SCALAR_3SAME(SQDMULH_s, simd_sqdmulh_fns)
TRANS_SCALAR_3SAME(SQRDMULH_s, simd_sqrdmulh_fns)

/* SRSHL/URSHL have only the D form (the row fixes size = 3). */
bool trans_SRSHL_s(struct dc *dc, const struct a64_args *a)
{
    return scalar_sat(dc, simd_srshl_fns, 3, a->d, a->n, a->m, 0);
}

bool trans_URSHL_s(struct dc *dc, const struct a64_args *a)
{
    return scalar_sat(dc, simd_urshl_fns, 3, a->d, a->n, a->m, 0);
}

/* One-source ops read the old Vd as their second operand (SUQADD, USQADD). */
#define TRANS_SCALAR_UNARY(NAME, fns)                                               \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                      \
    {                                                                               \
        return scalar_sat(dc, fns, a->z, a->d, a->n, a->d, 0);                      \
    }

TRANS_SCALAR_UNARY(SQABS_s, simd_sqabs_fns)
TRANS_SCALAR_UNARY(SQNEG_s, simd_sqneg_fns)
TRANS_SCALAR_UNARY(SUQADD_s, simd_suqadd_fns)
TRANS_SCALAR_UNARY(USQADD_s, simd_usqadd_fns)

/* Element size (log2 bytes) from immh: its highest set bit; -1 when immh = 0. */
static int immh_esize(unsigned immh)
{
    return immh ? 31 - __builtin_clz(immh) : -1;
}

/* Saturating left shifts by immediate: shift = immh:immb - esize, in op->p. */
static bool scalar_qshl_imm(struct dc *dc, const struct a64_args *a, op_fn *const fns[4])
{
    int size = immh_esize(a->i >> 3);
    if (size < 0) {
        return false;
    }
    return scalar_sat(dc, fns, (unsigned)size, a->d, a->n, a->n, a->i - (8u << size));
}

bool trans_SQSHL_imm_s(struct dc *dc, const struct a64_args *a)
{
    return scalar_qshl_imm(dc, a, simd_sqshl_imm_fns);
}

bool trans_UQSHL_imm_s(struct dc *dc, const struct a64_args *a)
{
    return scalar_qshl_imm(dc, a, simd_uqshl_imm_fns);
}

bool trans_SQSHLU_s(struct dc *dc, const struct a64_args *a)
{
    return scalar_qshl_imm(dc, a, simd_sqshlu_imm_fns);
}

/* --- narrowing: a wide element of Vn to a saturated narrow scalar ------------ */

/*
 * TW is the source element type (its signedness matters), nbits the result
 * size. Bodies see v, the source element as a 128-bit integer, and sh, the
 * right shift (op->p, 1..bits; 0 for the plain narrows).
 */
#define DEFINE_NARROW_SCALAR(name, TW, nbits, expr)                                 \
    OP_HANDLER(name)                                                                \
    {                                                                               \
        enum { bits = nbits };                                                      \
        __int128 v = (TW)VREG(op->n)[0];                                            \
        unsigned sh = op->p;                                                        \
        bool sat = false;                                                           \
        uint64_t r_ = (expr);                                                       \
        (void)sh;                                                                   \
        if (sat) {                                                                  \
            cpu->s.fpsr |= SIMD_FPSR_QC;                                            \
        }                                                                           \
        vreg_write_d(cpu, op->d, r_ & ((1ull << bits) - 1));                        \
        NEXT();                                                                     \
    }

#define DEFINE_NARROW_SCALAR_SIZES(name, SIGN, expr)                                \
    DEFINE_NARROW_SCALAR(name##_8, SIGN##16_t, 8, expr)                             \
    DEFINE_NARROW_SCALAR(name##_16, SIGN##32_t, 16, expr)                           \
    DEFINE_NARROW_SCALAR(name##_32, SIGN##64_t, 32, expr)

/* Right shift by sh, rounded to nearest (ties up) when 'round'. */
#define SHR(round) (((round) ? v + ((__int128)1 << (sh - 1)) : v) >> sh)

DEFINE_NARROW_SCALAR_SIZES(op_sqxtn_s, int, sat_to_signed(v, bits, &sat))
DEFINE_NARROW_SCALAR_SIZES(op_uqxtn_s, uint, sat_to_unsigned(v, bits, &sat))
DEFINE_NARROW_SCALAR_SIZES(op_sqxtun_s, int, sat_to_unsigned(v, bits, &sat))
DEFINE_NARROW_SCALAR_SIZES(op_sqshrn_s, int, sat_to_signed(SHR(0), bits, &sat))
DEFINE_NARROW_SCALAR_SIZES(op_sqrshrn_s, int, sat_to_signed(SHR(1), bits, &sat))
DEFINE_NARROW_SCALAR_SIZES(op_uqshrn_s, uint, sat_to_unsigned(SHR(0), bits, &sat))
DEFINE_NARROW_SCALAR_SIZES(op_uqrshrn_s, uint, sat_to_unsigned(SHR(1), bits, &sat))
DEFINE_NARROW_SCALAR_SIZES(op_sqshrun_s, int, sat_to_unsigned(SHR(0), bits, &sat))
DEFINE_NARROW_SCALAR_SIZES(op_sqrshrun_s, int, sat_to_unsigned(SHR(1), bits, &sat))

/* fns[size] (size = log2 of the narrow result bytes, 0..2) with shift sh. */
static bool narrow_scalar(struct dc *dc, const struct a64_args *a, op_fn *const fns[3],
                          unsigned size, unsigned sh)
{
    if (simd_vec_op(dc, fns[size], a->d, a->n, a->n, 0)) {
        dc->op->p = (uint8_t)sh;
    }
    return true;
}

#define TRANS_NARROW_2MISC_S(NAME, fn)                                              \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                      \
    {                                                                               \
        static op_fn *const fns[3] = { fn##_8, fn##_16, fn##_32 };                  \
        if (a->z == 3) {                                                            \
            return false;                                                           \
        }                                                                           \
        return narrow_scalar(dc, a, fns, a->z, 0);                                  \
    }

TRANS_NARROW_2MISC_S(SQXTN_s, op_sqxtn_s)
TRANS_NARROW_2MISC_S(UQXTN_s, op_uqxtn_s)
TRANS_NARROW_2MISC_S(SQXTUN_s, op_sqxtun_s)

/* immh selects the narrow size (0001 B, 001x H, 01xx S; 1xxx is reserved);
 * shift = 2 * esize - immh:immb. */
#define TRANS_SHRN_S(NAME, fn)                                                      \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                      \
    {                                                                               \
        static op_fn *const fns[3] = { fn##_8, fn##_16, fn##_32 };                  \
        int size = immh_esize(a->i >> 3);                                           \
        if (size < 0 || size == 3) {                                                \
            return false;                                                           \
        }                                                                           \
        return narrow_scalar(dc, a, fns, (unsigned)size, 2 * (8u << size) - a->i);  \
    }

TRANS_SHRN_S(SQSHRN_s, op_sqshrn_s)
TRANS_SHRN_S(SQRSHRN_s, op_sqrshrn_s)
TRANS_SHRN_S(UQSHRN_s, op_uqshrn_s)
TRANS_SHRN_S(UQRSHRN_s, op_uqrshrn_s)
TRANS_SHRN_S(SQSHRUN_s, op_sqshrun_s)
TRANS_SHRN_S(SQRSHRUN_s, op_sqrshrun_s)
