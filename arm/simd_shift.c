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

/* Element size (log2 bytes) from immh; -1 when immh is 0. */
static int shift_esize(unsigned immh)
{
    return immh ? 31 - __builtin_clz(immh) : -1;
}

static bool shift_imm(struct dc *dc, const struct a64_args *a, op_fn *const fns[4], bool left,
                      bool scalar)
{
    unsigned immh = a->i >> 3;
    int size = shift_esize(immh);
    if (size < 0 || (scalar ? size != 3 : (size == 3 && !a->q))) {
        return false;
    }
    unsigned bits = 8u << size;
    unsigned shift = left ? a->i - bits : 2 * bits - a->i;
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

#define FPSR_QC (1u << 27)

/* Bodies see x (lane of Vn) and 'sh'; they set 'sat' when the result is clamped. */
#define DEFINE_QSHL(name, T, ST, expr)                                               \
    OP_HANDLER(name)                                                                 \
    {                                                                                \
        typedef ST S __attribute__((unused));                                        \
        enum { N_ = 16 / sizeof(T) };                                                \
        T a_[N_], r_[N_] = { 0 };                                                    \
        bool sat = false;                                                            \
        unsigned sh = op->p;                                                         \
        memcpy(a_, VREG(op->n), 16);                                                 \
        for (unsigned i_ = 0; i_ < op->r; i_++) {                                    \
            T x = a_[i_];                                                            \
            r_[i_] = (T)(expr);                                                      \
        }                                                                            \
        if (sat) {                                                                   \
            cpu->s.fpsr |= FPSR_QC;                                                  \
        }                                                                            \
        memcpy(VREG(op->d), r_, 16);                                                 \
        NEXT();                                                                      \
    }

#define DEFINE_QSHL_ALL(name, expr)                                                  \
    DEFINE_QSHL(name##_8, uint8_t, int8_t, expr)                                     \
    DEFINE_QSHL(name##_16, uint16_t, int16_t, expr)                                  \
    DEFINE_QSHL(name##_32, uint32_t, int32_t, expr)                                  \
    DEFINE_QSHL(name##_64, uint64_t, int64_t, expr)

/* x << sh saturated to a signed or unsigned lane of 'bits' bits (sh < bits). */
static inline uint64_t qshl_s(int64_t x, unsigned sh, unsigned bits, bool *sat)
{
    __int128 v = (__int128)x * ((__int128)1 << sh);
    __int128 max = ((__int128)1 << (bits - 1)) - 1, min = -max - 1;
    if (v > max || v < min) {
        *sat = true;
        return (uint64_t)(v > max ? max : min);
    }
    return (uint64_t)v;
}

static inline uint64_t qshl_u(unsigned __int128 x, unsigned sh, unsigned bits, bool *sat)
{
    unsigned __int128 v = x << sh, max = ((unsigned __int128)1 << bits) - 1;
    if (v > max) {
        *sat = true;
        return (uint64_t)max;
    }
    return (uint64_t)v;
}

static inline uint64_t qshlu(int64_t x, unsigned sh, unsigned bits, bool *sat)
{
    if (x < 0) {
        *sat = true;
        return 0;
    }
    return qshl_u((uint64_t)x, sh, bits, sat);
}

DEFINE_QSHL_ALL(op_sqshl_imm, qshl_s((S)x, sh, LBITS, &sat))
DEFINE_QSHL_ALL(op_uqshl_imm, qshl_u(x, sh, LBITS, &sat))
DEFINE_QSHL_ALL(op_sqshlu_imm, qshlu((S)x, sh, LBITS, &sat))

static bool qshl_imm(struct dc *dc, const struct a64_args *a, op_fn *const fns[4])
{
    int size = shift_esize(a->i >> 3);
    if (size < 0 || (size == 3 && !a->q)) {
        return false;
    }
    if (simd_vec_op(dc, fns[size], a->d, a->n, a->n, a->q)) {
        dc->op->p = (uint8_t)(a->i - (8u << size));
        dc->op->r = (uint16_t)((a->q ? 16 : 8) >> size);
    }
    return true;
}

#define TRANS_QSHL(NAME, fn)                                                         \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                       \
    {                                                                                \
        static op_fn *const fns[4] = SIMD_SIZE_ROW(fn);                              \
        return qshl_imm(dc, a, fns);                                                 \
    }

TRANS_QSHL(SQSHL_imm, op_sqshl_imm)
TRANS_QSHL(UQSHL_imm, op_uqshl_imm)
TRANS_QSHL(SQSHLU, op_sqshlu_imm)

/* The saturating handlers again, for their scalar forms (arm/simd_sat.h). */
op_fn *const simd_sqshl_imm_fns[4] = SIMD_SIZE_ROW(op_sqshl_imm);
op_fn *const simd_uqshl_imm_fns[4] = SIMD_SIZE_ROW(op_uqshl_imm);
op_fn *const simd_sqshlu_imm_fns[4] = SIMD_SIZE_ROW(op_sqshlu_imm);
