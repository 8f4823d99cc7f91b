/*
 * AdvSIMD shifts by immediate, vector and scalar (D register) forms: SSHR,
 * USHR, SSRA, USRA, SRSHR, URSHR, SRSRA, URSRA, SHL, SLI, SRI.
 *
 * op->p is the shift amount. A scalar form is the 64-bit-lane handler run
 * with Q = 0 (one lane, top half cleared), exactly what a scalar D result
 * needs. The narrowing (SHRN) and lengthening (SSHLL) forms are in
 * simd_widen.c.
 */
#include "arm/simd.h"
#include "arm/simd_sat.h"

/* Right shifts of a lane value by 1..bits (a shift of 64 is defined here). */
static inline uint64_t ushr64(uint64_t x, unsigned sh)
{
    return sh >= 64 ? 0 : x >> sh;
}

static inline uint64_t sshr64(int64_t x, unsigned sh)
{
    return (uint64_t)(x >> (sh >= 64 ? 63 : sh));
}

static inline uint64_t urshr64(uint64_t x, unsigned sh)
{
    unsigned __int128 v = (unsigned __int128)x + ((unsigned __int128)1 << (sh - 1));
    return (uint64_t)(v >> sh);
}

static inline uint64_t srshr64(int64_t x, unsigned sh)
{
    __int128 v = (__int128)x + ((__int128)1 << (sh - 1));
    return (uint64_t)(v >> sh);
}

/* Lane mask of a lane of 'bits' bits. */
#define LANE_ONES(bits) ((bits) == 64 ? ~0ull : (1ull << (bits)) - 1)
#define LBITS           ((unsigned)(sizeof(x) * 8))

/* In the bodies: x = lane of Vn, w = old lane of Vd (y, the Vm lane, is unused). */
SIMD_DEFINE_3SAME_ALL(op_sshr, sshr64((S)x, op->p))
SIMD_DEFINE_3SAME_ALL(op_ushr, ushr64(x, op->p))
SIMD_DEFINE_3SAME_ALL(op_ssra, w + sshr64((S)x, op->p))
SIMD_DEFINE_3SAME_ALL(op_usra, w + ushr64(x, op->p))
SIMD_DEFINE_3SAME_ALL(op_srshr, srshr64((S)x, op->p))
SIMD_DEFINE_3SAME_ALL(op_urshr, urshr64(x, op->p))
SIMD_DEFINE_3SAME_ALL(op_srsra, w + srshr64((S)x, op->p))
SIMD_DEFINE_3SAME_ALL(op_ursra, w + urshr64(x, op->p))
SIMD_DEFINE_3SAME_ALL(op_shl, (uint64_t)x << op->p)
SIMD_DEFINE_3SAME_ALL(op_sli, (w & ~(LANE_ONES(LBITS) << op->p)) | ((uint64_t)x << op->p))
SIMD_DEFINE_3SAME_ALL(op_sri, op->p >= LBITS ? w
                                : (w & ~(LANE_ONES(LBITS) >> op->p)) | ((uint64_t)x >> op->p))

static bool shift_imm(struct dc *dc, const struct a64_args *a, op_fn *const fns[4], bool left,
                      bool scalar)
{
    int size = simd_immh_esize(a->i);
    if (size < 0 || (scalar ? size != 3 : (size == 3 && !a->q))) {
        return false;
    }
    unsigned shift = left ? simd_imm_shl(a->i, (unsigned)size)
                          : simd_imm_shr(a->i, (unsigned)size);
    if (simd_vec_op(dc, fns[size], a->d, a->n, a->d, scalar ? 0 : a->q)) {
        dc->op->p = (uint8_t)shift;
    }
    return true;
}

#define TRANS_SHIFT(NAME, fn, left)                                                 \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                      \
    {                                                                               \
        static op_fn *const fns[4] = SIMD_SIZE_ROW(fn);                             \
        return shift_imm(dc, a, fns, left, false);                                  \
    }                                                                               \
    bool trans_##NAME##_s(struct dc *dc, const struct a64_args *a)                  \
    {                                                                               \
        static op_fn *const fns[4] = SIMD_SIZE_ROW(fn);                             \
        return shift_imm(dc, a, fns, left, true);                                   \
    }

TRANS_SHIFT(SSHR, op_sshr, false)
TRANS_SHIFT(USHR, op_ushr, false)
TRANS_SHIFT(SSRA, op_ssra, false)
TRANS_SHIFT(USRA, op_usra, false)
TRANS_SHIFT(SRSHR, op_srshr, false)
TRANS_SHIFT(URSHR, op_urshr, false)
TRANS_SHIFT(SRSRA, op_srsra, false)
TRANS_SHIFT(URSRA, op_ursra, false)
TRANS_SHIFT(SRI, op_sri, false)
TRANS_SHIFT(SHL, op_shl, true)
TRANS_SHIFT(SLI, op_sli, true)

/* --- saturating left shifts by immediate: SQSHL, UQSHL, SQSHLU ------------------- */

/* x << sh, exact (sh < bits, so it fits in 128 bits), for the signed forms. */
static inline __int128 shl_exact(int64_t x, unsigned sh)
{
    return (__int128)x * ((__int128)1 << sh);
}

/* op->r lanes of x (lane of Vn) shifted left by op->p, saturated. */
SIMD_DEFINE_LANES_SIZES(op_sqshl_imm, 0, sat_to_signed(shl_exact((S)x, op->p), LBITS, &sat))
SIMD_DEFINE_LANES_SIZES(op_uqshl_imm, 0, sat_to_unsigned((__int128)x << op->p, LBITS, &sat))
SIMD_DEFINE_LANES_SIZES(op_sqshlu_imm, 0, sat_to_unsigned(shl_exact((S)x, op->p), LBITS, &sat))

static bool qshl_imm(struct dc *dc, const struct a64_args *a, op_fn *const fns[4])
{
    int size = simd_immh_esize(a->i);
    if (size < 0 || (size == 3 && !a->q)) {
        return false;
    }
    if (simd_vec_op(dc, fns[size], a->d, a->n, a->n, a->q)) {
        dc->op->p = (uint8_t)simd_imm_shl(a->i, (unsigned)size);
        dc->op->r = (uint16_t)simd_lanes(a->q, (unsigned)size);
    }
    return true;
}

/* The handler table, shared with the scalar forms (arm/simd_sat.h), and the translator. */
#define TRANS_QSHL(NAME, table, fn)                                                  \
    op_fn *const table[4] = SIMD_SIZE_ROW(fn);                                       \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                       \
    {                                                                                \
        return qshl_imm(dc, a, table);                                               \
    }

TRANS_QSHL(SQSHL_imm, simd_sqshl_imm_fns, op_sqshl_imm)
TRANS_QSHL(UQSHL_imm, simd_uqshl_imm_fns, op_uqshl_imm)
TRANS_QSHL(SQSHLU, simd_sqshlu_imm_fns, op_sqshlu_imm)
