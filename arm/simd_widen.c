/*
 * AdvSIMD operations that change the element size.
 *  - Lengthening: SSHLL/USHLL (SXTL/UXTL), SHLL, and the three-different
 *    group: [SU]ADDL, [SU]ADDW, [SU]SUBL, [SU]SUBW, [SU]ABAL, [SU]ABDL,
 *    [SU]MLAL, [SU]MLSL, [SU]MULL, PMULL (8-bit only: the 64-bit form needs
 *    the crypto extension, which is not advertised).
 *  - Narrowing: XTN, SHRN, RSHRN, ADDHN/RADDHN/SUBHN/RSUBHN, and the
 *    saturating SQXTN, UQXTN, SQXTUN (set FPSR.QC).
 * The "2" forms (Q = 1) read the top half of their narrow source or write
 * the top half of the destination, keeping the bottom half.
 *
 * Op fields: op->r = byte offset (0 or 8) of the narrow source half;
 * op->p = shift; op->q = 1 when a narrowing result goes to the top half.
 */
#include "arm/simd.h"
#include "arm/simd_sat.h"

/* --- lengthening ----------------------------------------------------------- */

/*
 * TN: narrow lane type (its signedness extends the lanes), TW: the unsigned
 * wide type. Bodies see x, y (narrow lanes of Vn, Vm, extended to 64 bits),
 * xw (wide lane of Vn, for the W forms) and w (old wide lane of Vd).
 */
#define DEFINE_LONG(name, TN, TW, expr)                                               \
    OP_HANDLER(name)                                                                  \
    {                                                                                 \
        enum { N_ = 16 / sizeof(TW) };                                                \
        TN a_[N_], b_[N_];                                                            \
        TW wn_[N_], r_[N_];                                                           \
        memcpy(a_, vreg_cbytes(cpu, op->n) + op->r, 8);                               \
        memcpy(b_, vreg_cbytes(cpu, op->m) + op->r, 8);                               \
        memcpy(wn_, VREG(op->n), 16);                                                 \
        memcpy(r_, VREG(op->d), 16);                                                  \
        for (unsigned i_ = 0; i_ < N_; i_++) {                                        \
            uint64_t x = (uint64_t)(int64_t)a_[i_], y = (uint64_t)(int64_t)b_[i_];    \
            uint64_t xw = wn_[i_], w = r_[i_];                                        \
            (void)x, (void)y, (void)xw, (void)w;                                      \
            r_[i_] = (TW)(expr);                                                      \
        }                                                                             \
        memcpy(VREG(op->d), r_, 16);                                                  \
        NEXT();                                                                       \
    }

#define DEFINE_LONG_SIZES(name, SIGN, expr)                                           \
    DEFINE_LONG(name##_8, SIGN##8_t, uint16_t, expr)                                  \
    DEFINE_LONG(name##_16, SIGN##16_t, uint32_t, expr)                                \
    DEFINE_LONG(name##_32, SIGN##32_t, uint64_t, expr)

#define ABSDIFF(x, y) ((int64_t)(x) > (int64_t)(y) ? (x) - (y) : (y) - (x))

DEFINE_LONG_SIZES(op_ushll, uint, x << op->p)
DEFINE_LONG_SIZES(op_sshll, int, x << op->p)
DEFINE_LONG_SIZES(op_uaddl, uint, x + y)
DEFINE_LONG_SIZES(op_saddl, int, x + y)
DEFINE_LONG_SIZES(op_uaddw, uint, xw + y)
DEFINE_LONG_SIZES(op_saddw, int, xw + y)
DEFINE_LONG_SIZES(op_usubl, uint, x - y)
DEFINE_LONG_SIZES(op_ssubl, int, x - y)
DEFINE_LONG_SIZES(op_usubw, uint, xw - y)
DEFINE_LONG_SIZES(op_ssubw, int, xw - y)
DEFINE_LONG_SIZES(op_uabal, uint, w + ABSDIFF(x, y))
DEFINE_LONG_SIZES(op_sabal, int, w + ABSDIFF(x, y))
DEFINE_LONG_SIZES(op_uabdl, uint, ABSDIFF(x, y))
DEFINE_LONG_SIZES(op_sabdl, int, ABSDIFF(x, y))
DEFINE_LONG_SIZES(op_umlal, uint, w + x * y)
DEFINE_LONG_SIZES(op_smlal, int, w + x * y)
DEFINE_LONG_SIZES(op_umlsl, uint, w - x * y)
DEFINE_LONG_SIZES(op_smlsl, int, w - x * y)
DEFINE_LONG_SIZES(op_umull, uint, x * y)
DEFINE_LONG_SIZES(op_smull, int, x * y)

static inline uint16_t pmull8(uint64_t a, uint64_t b)
{
    unsigned r = 0;
    for (unsigned i = 0; i < 8; i++) {
        if (b & (1u << i)) {
            r ^= (unsigned)(a & 0xff) << i;
        }
    }
    return (uint16_t)r;
}
DEFINE_LONG(op_pmull_8, uint8_t, uint16_t, pmull8(x, y))

/* Three-different op on narrow sizes 8..32 (size 3 is reserved). */
static bool three_diff(struct dc *dc, const struct a64_args *a, op_fn *const fns[3])
{
    if (a->z == 3 || !fns[a->z]) {
        return false;
    }
    if (simd_vec_op(dc, fns[a->z], a->d, a->n, a->m, 1)) {
        dc->op->r = a->q ? 8 : 0;
    }
    return true;
}

#define TRANS_LONG(NAME, fn)                                                         \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                       \
    {                                                                                \
        static op_fn *const fns[3] = { fn##_8, fn##_16, fn##_32 };                   \
        return three_diff(dc, a, fns);                                               \
    }

TRANS_LONG(UADDL, op_uaddl)
TRANS_LONG(SADDL, op_saddl)
TRANS_LONG(UADDW, op_uaddw)
TRANS_LONG(SADDW, op_saddw)
TRANS_LONG(USUBL, op_usubl)
TRANS_LONG(SSUBL, op_ssubl)
TRANS_LONG(USUBW, op_usubw)
TRANS_LONG(SSUBW, op_ssubw)
TRANS_LONG(UABAL, op_uabal)
TRANS_LONG(SABAL, op_sabal)
TRANS_LONG(UABDL, op_uabdl)
TRANS_LONG(SABDL, op_sabdl)
TRANS_LONG(UMLAL, op_umlal)
TRANS_LONG(SMLAL, op_smlal)
TRANS_LONG(UMLSL, op_umlsl)
TRANS_LONG(SMLSL, op_smlsl)
TRANS_LONG(UMULL, op_umull)
TRANS_LONG(SMULL, op_smull)

bool trans_PMULL(struct dc *dc, const struct a64_args *a)
{
    static op_fn *const fns[3] = { op_pmull_8, NULL, NULL };
    return three_diff(dc, a, fns);
}

/* SSHLL/USHLL: immh gives the narrow size; shift = immh:immb - esize. */
static bool shll_imm(struct dc *dc, const struct a64_args *a, op_fn *const fns[3])
{
    int size = simd_immh_narrow_esize(a->i);
    if (size < 0) {
        return false;
    }
    if (simd_vec_op(dc, fns[size], a->d, a->n, a->n, 1)) {
        dc->op->r = a->q ? 8 : 0;
        dc->op->p = (uint8_t)simd_imm_shl(a->i, (unsigned)size);
    }
    return true;
}

bool trans_USHLL(struct dc *dc, const struct a64_args *a)
{
    static op_fn *const fns[3] = { op_ushll_8, op_ushll_16, op_ushll_32 };
    return shll_imm(dc, a, fns);
}

bool trans_SSHLL(struct dc *dc, const struct a64_args *a)
{
    static op_fn *const fns[3] = { op_sshll_8, op_sshll_16, op_sshll_32 };
    return shll_imm(dc, a, fns);
}

/* SHLL: shift by the element size (no sign matters: the bits shifted in are zero). */
bool trans_SHLL(struct dc *dc, const struct a64_args *a)
{
    static op_fn *const fns[3] = { op_ushll_8, op_ushll_16, op_ushll_32 };
    if (a->z == 3) {
        return false;
    }
    if (simd_vec_op(dc, fns[a->z], a->d, a->n, a->n, 1)) {
        dc->op->r = a->q ? 8 : 0;
        dc->op->p = (uint8_t)(8u << a->z);
    }
    return true;
}

/* --- narrowing -------------------------------------------------------------------- */

/*
 * TW wide (unsigned) source lanes of Vn (and Vm), TN narrow result lanes.
 * Bodies see x, y (wide lanes) and produce the narrow lane; 'sat' may be
 * set to flag saturation. 'lanes' (a constant) are computed, the others
 * are zero: N_ for the vector forms, 1 for the scalar saturating narrows
 * (arm/simd_sat_scalar.c), whose other lanes must not set QC.
 */
#define DEFINE_NARROW(name, TWIDE, TN, lanes, expr)                                   \
    OP_HANDLER(name)                                                                  \
    {                                                                                 \
        typedef TWIDE TW;                                                             \
        enum { N_ = 16 / sizeof(TW) };                                                \
        TW a_[N_], b_[N_];                                                            \
        TN r_[N_] = { 0 };                                                            \
        bool sat = false;                                                             \
        memcpy(a_, VREG(op->n), 16);                                                  \
        memcpy(b_, VREG(op->m), 16);                                                  \
        for (unsigned i_ = 0; i_ < (lanes); i_++) {                                   \
            TW x = a_[i_], y = b_[i_];                                                \
            (void)y;                                                                  \
            r_[i_] = (TN)(expr);                                                      \
        }                                                                             \
        simd_note_sat(cpu, sat);                                                      \
        uint64_t o_;                                                                  \
        memcpy(&o_, r_, 8);                                                           \
        simd_store_narrow(cpu, op->d, o_, op->q);                                     \
        NEXT();                                                                       \
    }

#define DEFINE_NARROW_SIZES(name, expr)                                               \
    DEFINE_NARROW(name##_8, uint16_t, uint8_t, N_, expr)                              \
    DEFINE_NARROW(name##_16, uint32_t, uint16_t, N_, expr)                            \
    DEFINE_NARROW(name##_32, uint64_t, uint32_t, N_, expr)

/* The saturating narrows: vector handlers and the one-lane scalar ones in 'table'. */
#define DEFINE_NARROW_SAT_SIZES(name, table, expr)                                    \
    DEFINE_NARROW_SIZES(name, expr)                                                   \
    DEFINE_NARROW(name##_s_8, uint16_t, uint8_t, 1, expr)                             \
    DEFINE_NARROW(name##_s_16, uint32_t, uint16_t, 1, expr)                           \
    DEFINE_NARROW(name##_s_32, uint64_t, uint32_t, 1, expr)                           \
    op_fn *const table[3] = { name##_s_8, name##_s_16, name##_s_32 };

#define NBITS ((unsigned)(sizeof(x) * 4)) /* narrow lane bits */

static inline uint64_t rshr_wide(uint64_t x, unsigned sh)
{
    return (uint64_t)(((unsigned __int128)x + ((unsigned __int128)1 << (sh - 1))) >> sh);
}

/* Sign-extends a wide lane value of 2 * nbits bits. */
#define SWIDE(x) ((int64_t)((uint64_t)(x) << (64 - 2 * NBITS)) >> (64 - 2 * NBITS))

DEFINE_NARROW_SIZES(op_xtn, x)
DEFINE_NARROW_SIZES(op_shrn, (uint64_t)x >> op->p)
DEFINE_NARROW_SIZES(op_rshrn, rshr_wide(x, op->p))
DEFINE_NARROW_SIZES(op_addhn, ((uint64_t)x + y) >> NBITS)
DEFINE_NARROW_SIZES(op_raddhn, rshr_wide((TW)(x + y), NBITS))
DEFINE_NARROW_SIZES(op_subhn, ((uint64_t)x - y) >> NBITS)
DEFINE_NARROW_SIZES(op_rsubhn, rshr_wide((TW)(x - y), NBITS))
DEFINE_NARROW_SAT_SIZES(op_uqxtn, simd_uqxtn_s_fns, sat_to_unsigned(x, NBITS, &sat))
DEFINE_NARROW_SAT_SIZES(op_sqxtn, simd_sqxtn_s_fns, sat_to_signed(SWIDE(x), NBITS, &sat))
DEFINE_NARROW_SAT_SIZES(op_sqxtun, simd_sqxtun_s_fns, sat_to_unsigned(SWIDE(x), NBITS, &sat))

static bool narrow(struct dc *dc, const struct a64_args *a, unsigned size, op_fn *const fns[3],
                   unsigned m, unsigned shift)
{
    if (simd_vec_op(dc, fns[size], a->d, a->n, m, 1)) {
        dc->op->q = (uint8_t)a->q;
        dc->op->p = (uint8_t)shift;
    }
    return true;
}

/* Narrow size z (3 is reserved); Vm is a->vm_field (the misc forms name n). */
#define TRANS_NARROW(NAME, fn, vm_field)                                             \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                       \
    {                                                                                \
        static op_fn *const fns[3] = { fn##_8, fn##_16, fn##_32 };                   \
        return a->z != 3 && narrow(dc, a, a->z, fns, a->vm_field, 0);                \
    }

TRANS_NARROW(XTN, op_xtn, n)
TRANS_NARROW(UQXTN, op_uqxtn, n)
TRANS_NARROW(SQXTN, op_sqxtn, n)
TRANS_NARROW(SQXTUN, op_sqxtun, n)
TRANS_NARROW(ADDHN, op_addhn, m)
TRANS_NARROW(RADDHN, op_raddhn, m)
TRANS_NARROW(SUBHN, op_subhn, m)
TRANS_NARROW(RSUBHN, op_rsubhn, m)

static bool shrn(struct dc *dc, const struct a64_args *a, op_fn *const fns[3])
{
    int size = simd_immh_narrow_esize(a->i);
    if (size < 0) {
        return false;
    }
    return narrow(dc, a, (unsigned)size, fns, a->n, simd_imm_shr(a->i, (unsigned)size));
}

bool trans_SHRN(struct dc *dc, const struct a64_args *a)
{
    static op_fn *const fns[3] = { op_shrn_8, op_shrn_16, op_shrn_32 };
    return shrn(dc, a, fns);
}

bool trans_RSHRN(struct dc *dc, const struct a64_args *a)
{
    static op_fn *const fns[3] = { op_rshrn_8, op_rshrn_16, op_rshrn_32 };
    return shrn(dc, a, fns);
}

/* --- saturating narrowing shifts ------------------------------------------------ */

static inline int64_t srshr_wide(int64_t x, unsigned sh, bool round)
{
    __int128 v = x;
    if (round) {
        v += (__int128)1 << (sh - 1);
    }
    return (int64_t)(v >> sh);
}

static inline uint64_t urshr_wide(uint64_t x, unsigned sh, bool round)
{
    return round ? rshr_wide(x, sh) : (sh >= 64 ? 0 : x >> sh);
}

#define SQ(v) sat_to_signed(v, NBITS, &sat)
#define UQ(v) sat_to_unsigned(v, NBITS, &sat)
DEFINE_NARROW_SAT_SIZES(op_sqshrn, simd_sqshrn_s_fns, SQ(srshr_wide(SWIDE(x), op->p, false)))
DEFINE_NARROW_SAT_SIZES(op_sqrshrn, simd_sqrshrn_s_fns, SQ(srshr_wide(SWIDE(x), op->p, true)))
DEFINE_NARROW_SAT_SIZES(op_uqshrn, simd_uqshrn_s_fns, UQ(urshr_wide(x, op->p, false)))
DEFINE_NARROW_SAT_SIZES(op_uqrshrn, simd_uqrshrn_s_fns, UQ(urshr_wide(x, op->p, true)))
DEFINE_NARROW_SAT_SIZES(op_sqshrun, simd_sqshrun_s_fns, UQ(srshr_wide(SWIDE(x), op->p, false)))
DEFINE_NARROW_SAT_SIZES(op_sqrshrun, simd_sqrshrun_s_fns, UQ(srshr_wide(SWIDE(x), op->p, true)))

#define TRANS_SHRN(NAME, fn)                                                         \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                       \
    {                                                                                \
        static op_fn *const fns[3] = { fn##_8, fn##_16, fn##_32 };                   \
        return shrn(dc, a, fns);                                                     \
    }

TRANS_SHRN(SQSHRN, op_sqshrn)
TRANS_SHRN(SQRSHRN, op_sqrshrn)
TRANS_SHRN(UQSHRN, op_uqshrn)
TRANS_SHRN(UQRSHRN, op_uqrshrn)
TRANS_SHRN(SQSHRUN, op_sqshrun)
TRANS_SHRN(SQRSHRUN, op_sqrshrun)
