/*
 * Scalar (B, H, S, D register) forms of the AdvSIMD saturating integer
 * instructions: SQADD, UQADD, SQSUB, UQSUB, SQSHL/UQSHL/SQRSHL/UQRSHL and
 * SRSHL/URSHL (register), SQDMULH/SQRDMULH (register), SQABS, SQNEG,
 * SUQADD, USQADD, SQSHL/UQSHL/SQSHLU (immediate), and the narrowing SQXTN,
 * UQXTN, SQXTUN, SQSHRN, SQRSHRN, UQSHRN, UQRSHRN, SQSHRUN, SQRSHRUN.
 *
 * The same-size ops run their vector handler on one lane; the narrowing
 * ones have one-lane instances of the vector narrows (see arm/simd_sat.h).
 * All set FPSR.QC when a result saturates.
 */
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

/* Saturating left shifts by immediate: shift = immh:immb - esize, in op->p. */
static bool scalar_qshl_imm(struct dc *dc, const struct a64_args *a, op_fn *const fns[4])
{
    int size = simd_immh_esize(a->i);
    if (size < 0) {
        return false;
    }
    return scalar_sat(dc, fns, (unsigned)size, a->d, a->n, a->n,
                      simd_imm_shl(a->i, (unsigned)size));
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

/* fns[size] (size = log2 of the narrow result bytes, 0..2) with shift sh. */
static bool narrow_scalar(struct dc *dc, const struct a64_args *a, op_fn *const fns[3],
                          unsigned size, unsigned sh)
{
    if (simd_vec_op(dc, fns[size], a->d, a->n, a->n, 0)) {
        dc->op->p = (uint8_t)sh;
        dc->op->q = 0;
    }
    return true;
}

/* SQXTN, UQXTN, SQXTUN: size = z, the narrow size (3 is reserved). */
static bool narrow_2misc(struct dc *dc, const struct a64_args *a, op_fn *const fns[3])
{
    return a->z != 3 && narrow_scalar(dc, a, fns, a->z, 0);
}

bool trans_SQXTN_s(struct dc *dc, const struct a64_args *a)
{
    return narrow_2misc(dc, a, simd_sqxtn_s_fns);
}

bool trans_UQXTN_s(struct dc *dc, const struct a64_args *a)
{
    return narrow_2misc(dc, a, simd_uqxtn_s_fns);
}

bool trans_SQXTUN_s(struct dc *dc, const struct a64_args *a)
{
    return narrow_2misc(dc, a, simd_sqxtun_s_fns);
}

/* The narrowing right shifts: immh gives the narrow size (1xxx is reserved). */
static bool narrow_shift(struct dc *dc, const struct a64_args *a, op_fn *const fns[3])
{
    int size = simd_immh_narrow_esize(a->i);
    return size >= 0 && narrow_scalar(dc, a, fns, (unsigned)size,
                                      simd_imm_shr(a->i, (unsigned)size));
}

#define TRANS_SHRN_S(NAME, fns)                                                     \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                      \
    {                                                                               \
        return narrow_shift(dc, a, fns);                                            \
    }

TRANS_SHRN_S(SQSHRN_s, simd_sqshrn_s_fns)
TRANS_SHRN_S(SQRSHRN_s, simd_sqrshrn_s_fns)
TRANS_SHRN_S(UQSHRN_s, simd_uqshrn_s_fns)
TRANS_SHRN_S(UQRSHRN_s, simd_uqrshrn_s_fns)
TRANS_SHRN_S(SQSHRUN_s, simd_sqshrun_s_fns)
TRANS_SHRN_S(SQRSHRUN_s, simd_sqrshrun_s_fns)
