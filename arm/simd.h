/*
 * Shared pieces of the AdvSIMD translators and handlers (arm/simd_*.c).
 *
 * Vector ops keep V register numbers in op->d, op->n, op->m (no ZR/SP
 * mapping) and, in op->imm2, the mask applied to the top half of a 128-bit
 * result: all ones for Q = 1, zero for Q = 0 (a 64-bit vector op clears the
 * top half). Handlers compute all 128 bits into a temporary and then apply
 * the mask, so one handler per element size serves both widths without a
 * test at run time; lanes beyond the low 64 bits of a Q = 0 op have no side
 * effects, so computing them is harmless. Handlers that must not compute
 * the lanes they do not write (saturating ones set FPSR.QC, FP ones raise
 * exceptions) take the lane count in op->r instead (SIMD_DEFINE_LANES).
 */
#ifndef PHALANX_ARM_SIMD_H
#define PHALANX_ARM_SIMD_H

#include "arm/vreg.h"

/* FPSR.QC, the cumulative saturation flag. */
#define SIMD_FPSR_QC (1u << 27)

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
 * Writes the 64-bit result v of a narrowing op: to the low half of Vd,
 * clearing the top, or (top, the "2" forms) to the top half, keeping the
 * low one.
 */
static inline void simd_store_narrow(struct vcpu *cpu, unsigned d, uint64_t v, bool top)
{
    if (top) {
        cpu->s.vreg[d][1] = v;
    } else {
        vreg_write_d(cpu, d, v);
    }
}

/* Writes lanes r (an array of 16 bytes) as the result, with the Q mask. */
#define SIMD_STORE_LANES(r)                          \
    do {                                             \
        uint64_t o_[2];                              \
        memcpy(o_, (r), 16);                         \
        SIMD_STORE_RESULT(o_);                       \
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
        SIMD_STORE_LANES(r_);                                                    \
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
        SIMD_STORE_LANES(r_);                                                    \
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

/* Sets FPSR.QC when a saturating handler clamped a result. */
static inline void simd_note_sat(struct vcpu *cpu, bool sat)
{
    if (sat) {
        cpu->s.fpsr |= SIMD_FPSR_QC;
    }
}

/*
 * Handlers over lanes 0 .. op->r - 1 of 'bits'-bit elements (T unsigned, S
 * signed), writing zero to every other lane of Vd: the top half of a Q = 0
 * vector, or all but lane 0 of a scalar run on its vector handler. Bodies
 * see x, y, w (lanes of Vn, Vm and the old Vd) and may set 'sat', which
 * sets FPSR.QC; only the lanes computed can saturate. Operands the body
 * does not use cost nothing (the compiler drops their loads).
 *
 * By element (by_elem, a constant), y is instead the element of Vm at
 * byte op->p for every lane, also named e. 'every_lane' (a constant) runs
 * the loop over all lanes, keeping the first op->r results: a fixed trip
 * count the compiler unrolls and vectorises, for cheap integer bodies.
 */
#define SIMD_DEFINE_LANES_OF(name, bits, by_elem, every_lane, expr)              \
    OP_HANDLER(name)                                                             \
    {                                                                            \
        typedef uint##bits##_t T;                                                \
        typedef int##bits##_t S __attribute__((unused));                         \
        enum { N_ = 16 / sizeof(T) };                                            \
        T a_[N_], b_[N_] = { 0 }, c_[N_], r_[N_] = { 0 }, e_ = 0;                \
        bool sat = false;                                                        \
        memcpy(a_, VREG(op->n), 16);                                             \
        memcpy(c_, VREG(op->d), 16);                                             \
        if (by_elem) {                                                           \
            memcpy(&e_, vreg_cbytes(cpu, op->m) + op->p, sizeof(e_));            \
        } else {                                                                 \
            memcpy(b_, VREG(op->m), 16);                                         \
        }                                                                        \
        unsigned lanes_ = op->r;                                                 \
        for (unsigned i_ = 0; i_ < ((every_lane) ? N_ : lanes_); i_++) {         \
            T x = a_[i_], y = (by_elem) ? e_ : b_[i_], w = c_[i_], e = y;        \
            (void)x, (void)y, (void)w, (void)e;                                  \
            r_[i_] = i_ < lanes_ ? (T)(expr) : 0;                                \
        }                                                                        \
        simd_note_sat(cpu, sat);                                                 \
        memcpy(VREG(op->d), r_, 16);                                             \
        NEXT();                                                                  \
    }

#define SIMD_DEFINE_LANES(name, bits, expr) SIMD_DEFINE_LANES_OF(name, bits, 0, 0, expr)
#define SIMD_DEFINE_LANES_ELEM(name, bits, expr)                                 \
    SIMD_DEFINE_LANES_OF(name, bits, 1, 0, expr)

/*
 * Pairwise handlers: the pairs of Vm:Vn (concatenated, Vn lowest) give the
 * result lanes, x and y the two lanes of a pair; op->r = lanes in one
 * operand, the rest of Vd is zeroed. With has_scalar (a constant), op->p =
 * 1 selects the scalar form: the one pair is lanes 0 and 1 of Vn.
 */
#define SIMD_DEFINE_PAIRWISE(name, bits, has_scalar, expr)                       \
    OP_HANDLER(name)                                                             \
    {                                                                            \
        typedef uint##bits##_t T;                                                \
        typedef int##bits##_t S __attribute__((unused));                         \
        enum { N_ = 16 / sizeof(T) };                                            \
        T cat_[2 * N_], r_[N_] = { 0 };                                          \
        unsigned n_ = op->r;                                                     \
        memcpy(cat_, VREG(op->n), 16);                                           \
        if (!((has_scalar) && op->p)) {                                          \
            memcpy(cat_ + n_, VREG(op->m), n_ * sizeof(T));                      \
        }                                                                        \
        for (unsigned i_ = 0; i_ < n_; i_++) {                                   \
            T x = cat_[2 * i_], y = cat_[2 * i_ + 1];                            \
            r_[i_] = (T)(expr);                                                  \
        }                                                                        \
        memcpy(VREG(op->d), r_, 16);                                             \
        NEXT();                                                                  \
    }

/* Handlers name_8 .. name_64; every_lane as above. */
#define SIMD_DEFINE_LANES_SIZES(name, every_lane, expr)                          \
    SIMD_DEFINE_LANES_OF(name##_8, 8, 0, every_lane, expr)                       \
    SIMD_DEFINE_LANES_OF(name##_16, 16, 0, every_lane, expr)                     \
    SIMD_DEFINE_LANES_OF(name##_32, 32, 0, every_lane, expr)                     \
    SIMD_DEFINE_LANES_OF(name##_64, 64, 0, every_lane, expr)

/*
 * The FP compares, vector (arm/simd_fp.c) and scalar (arm/simd_fpmisc.c):
 * X(NAME, handler, relation (softfp.h fpNN_eq/ge/gt), first, second
 * operand), the operands built from the lanes x (Vn) and y (Vm).
 */
#define SIMD_FP_COMPARES(X)                                                      \
    X(FCMEQ, op_fcmeq, eq, x, y)                                                 \
    X(FCMGE, op_fcmge, ge, x, y)                                                 \
    X(FCMGT, op_fcmgt, gt, x, y)                                                 \
    X(FACGE, op_facge, ge, SIMD_FABS(x), SIMD_FABS(y))                           \
    X(FACGT, op_facgt, gt, SIMD_FABS(x), SIMD_FABS(y))

/* Against zero (+0): FCMLE and FCMLT swap the operands (0 >= x, 0 > x). */
#define SIMD_FP_COMPARES_ZERO(X)                                                 \
    X(FCMEQ0, op_fcmeq0, eq, x, 0)                                               \
    X(FCMGE0, op_fcmge0, ge, x, 0)                                               \
    X(FCMGT0, op_fcmgt0, gt, x, 0)                                               \
    X(FCMLE0, op_fcmle0, ge, 0, x)                                               \
    X(FCMLT0, op_fcmlt0, gt, 0, x)

/* The magnitude of an FP lane v of the handler's unsigned lane type T. */
#define SIMD_FABS(v) ((T)((v) & ~((T)1 << (8 * sizeof(T) - 1))))

/* AdvSIMDExpandImm: the 64-bit pattern of a modified immediate. */
uint64_t simd_expand_imm(unsigned op, unsigned cmode, uint64_t imm8);

/* --- translate time ---------------------------------------------------------- */

/* Lanes of log2(bytes) 'size' in a vector of width Q (64 or 128 bits). */
static inline unsigned simd_lanes(unsigned q, unsigned size)
{
    return (q ? 16u : 8u) >> size;
}

/*
 * Element size (log2 bytes) of the shifts by immediate: the highest set bit
 * of immh (bits 22..19, the top of a->i = immh:immb); -1 when immh is 0.
 */
static inline int simd_immh_esize(unsigned immh_immb)
{
    unsigned immh = immh_immb >> 3;
    return immh ? 31 - __builtin_clz(immh) : -1;
}

/* The same for the forms whose narrow size cannot be 64 bits: -1 for immh 1xxx too. */
static inline int simd_immh_narrow_esize(unsigned immh_immb)
{
    int size = simd_immh_esize(immh_immb);
    return size == 3 ? -1 : size;
}

/* Shift amounts of immh:immb at element size 'size': left, and right (1..esize). */
static inline unsigned simd_imm_shl(unsigned immh_immb, unsigned size)
{
    return immh_immb - (8u << size);
}

static inline unsigned simd_imm_shr(unsigned immh_immb, unsigned size)
{
    return 2 * (8u << size) - immh_immb;
}

/*
 * Vm and the element's byte offset of an integer by-element form (size 1 or
 * 2): for 16-bit elements Rm is 4 bits and the index H:L:M, for 32-bit
 * ones the index is H:L.
 */
static inline void simd_int_elem(const struct a64_args *a, unsigned *rm, unsigned *offset)
{
    if (a->z == 1) {
        *rm = a->m & 15;
        *offset = ((a->h << 2) | (a->l << 1) | (a->m >> 4)) << 1;
    } else {
        *rm = a->m;
        *offset = ((a->h << 1) | a->l) << 2;
    }
}

/*
 * Byte offset of Vm's element of an FP by-element form (y = sz): index H:L
 * for singles, H for doubles. False when reserved (L set with doubles).
 */
static inline bool simd_fp_elem_offset(const struct a64_args *a, unsigned *offset)
{
    if (a->y && a->l) {
        return false;
    }
    unsigned index = a->y ? a->h : (a->h << 1) | a->l;
    *offset = index << (2 + a->y);
    return true;
}

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

/*
 * An FP vector op on op->r lanes of singles (fn_s) or doubles (fn_d, sz =
 * a->y; Q = 0 is reserved for them), reading Vn and Vm = m.
 */
static inline bool simd_fp_vec(struct dc *dc, const struct a64_args *a, op_fn *fn_s,
                               op_fn *fn_d, unsigned m)
{
    if (a->y && !a->q) {
        return false;
    }
    if (simd_vec_op(dc, a->y ? fn_d : fn_s, a->d, a->n, m, a->q)) {
        dc->op->r = (uint16_t)simd_lanes(a->q, 2 + a->y);
    }
    return true;
}

#endif
