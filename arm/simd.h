/*
 * Shared pieces of the AdvSIMD translators and handlers (arm/simd_*.c).
 *
 * Vector ops keep V register numbers in op->d, op->n, op->m (no ZR/SP
 * mapping) and, in op->imm2, the mask applied to the top half of a 128-bit
 * result: all ones for Q = 1, zero for Q = 0 (a 64-bit vector op clears the
 * top half). Handlers compute all 128 bits into a temporary and then apply
 * the mask, so one handler per element size serves both widths without a
 * test at run time; lanes beyond the low 64 bits of a Q = 0 op have no side
 * effects, so computing them is harmless.
 */
#ifndef PHALANX_ARM_SIMD_H
#define PHALANX_ARM_SIMD_H

#include "arm/vreg.h"

/* Top-half mask for op->imm2 from the Q bit. */
static inline uint64_t simd_q_mask(unsigned q)
{
    return q ? ~0ull : 0;
}

/* Writes a 128-bit result (as two 64-bit halves) with the Q mask. */
#define SIMD_STORE_RESULT(r64)                       \
    do {                                             \
        VREG(op->d)[0] = (r64)[0];                   \
        VREG(op->d)[1] = (r64)[1] & op->imm2;        \
    } while (0)

/*
 * Lane-wise handlers over 128 bits. Bodies see lane values x (from Vn), y
 * (from Vm), and w (old Vd, for accumulating ops) of type T; S is the signed
 * type of the same size. They produce the lane result.
 */
#define SIMD_DEFINE_3SAME(name, T, ST, expr)                                     \
    OP_HANDLER(name)                                                             \
    {                                                                            \
        typedef ST S __attribute__((unused));                                    \
        enum { N_ = 16 / sizeof(T) };                                            \
        T a_[N_], b_[N_], c_[N_], r_[N_];                                        \
        memcpy(a_, VREG(op->n), 16);                                             \
        memcpy(b_, VREG(op->m), 16);                                             \
        memcpy(c_, VREG(op->d), 16);                                             \
        for (unsigned i_ = 0; i_ < N_; i_++) {                                   \
            T x = a_[i_], y = b_[i_], w = c_[i_];                                \
            (void)x, (void)y, (void)w;                                           \
            r_[i_] = (T)(expr);                                                  \
        }                                                                        \
        uint64_t o_[2];                                                          \
        memcpy(o_, r_, 16);                                                      \
        SIMD_STORE_RESULT(o_);                                                   \
        NEXT();                                                                  \
    }

/* One-source lane-wise handler: x is the lane of Vn. */
#define SIMD_DEFINE_2MISC(name, T, ST, expr)                                     \
    OP_HANDLER(name)                                                             \
    {                                                                            \
        typedef ST S __attribute__((unused));                                    \
        enum { N_ = 16 / sizeof(T) };                                            \
        T a_[N_], r_[N_];                                                        \
        memcpy(a_, VREG(op->n), 16);                                             \
        for (unsigned i_ = 0; i_ < N_; i_++) {                                   \
            T x = a_[i_];                                                        \
            r_[i_] = (T)(expr);                                                  \
        }                                                                        \
        uint64_t o_[2];                                                          \
        memcpy(o_, r_, 16);                                                      \
        SIMD_STORE_RESULT(o_);                                                   \
        NEXT();                                                                  \
    }

/* The same expression at each element size: handlers name_8 .. name_64. */
#define SIMD_DEFINE_3SAME_ALL(name, expr)                        \
    SIMD_DEFINE_3SAME(name##_8, uint8_t, int8_t, expr)           \
    SIMD_DEFINE_3SAME(name##_16, uint16_t, int16_t, expr)        \
    SIMD_DEFINE_3SAME(name##_32, uint32_t, int32_t, expr)        \
    SIMD_DEFINE_3SAME(name##_64, uint64_t, int64_t, expr)

#define SIMD_DEFINE_2MISC_ALL(name, expr)                        \
    SIMD_DEFINE_2MISC(name##_8, uint8_t, int8_t, expr)           \
    SIMD_DEFINE_2MISC(name##_16, uint16_t, int16_t, expr)        \
    SIMD_DEFINE_2MISC(name##_32, uint32_t, int32_t, expr)        \
    SIMD_DEFINE_2MISC(name##_64, uint64_t, int64_t, expr)

#define SIMD_SIZE_ROW(name) { name##_8, name##_16, name##_32, name##_64 }

/* AdvSIMDExpandImm: the 64-bit pattern of a modified immediate. */
uint64_t simd_expand_imm(unsigned op, unsigned cmode, uint64_t imm8);

/* --- translate time ---------------------------------------------------------- */

/*
 * Fills a vector op with handler fn, registers d/n/m and the Q mask, after
 * the FP access check. Returns false when the op became the FP access trap
 * (the translator then returns true without filling in more).
 */
static inline bool simd_vec_op(struct dc *dc, op_fn *fn, unsigned d, unsigned n, unsigned m,
                               unsigned q)
{
    if (!fp_access_check(dc)) {
        return false;
    }
    struct op *op = dc->op;
    op->fn = fn;
    op->d = (uint8_t)d;
    op->n = (uint8_t)n;
    op->m = (uint8_t)m;
    op->imm2 = simd_q_mask(q);
    return true;
}

#endif
