/*
 * AdvSIMD signed saturating doubling multiplies: the lengthening SQDMULL,
 * SQDMLAL, SQDMLSL (vector with their "2" forms, by element, scalar, scalar
 * by element) and the high-half SQDMULH, SQRDMULH by element (vector and
 * scalar). The scalar register forms of SQDMULH/SQRDMULH are in
 * arm/simd_sat_scalar.c. Element sizes 16 and 32 only; all set FPSR.QC when
 * a result saturates.
 *
 * One handler serves the vector and the scalar form: it computes lanes
 * 0 .. op->q - 1 and zeroes the rest of Vd (all lanes of a Q = 1 vector, a
 * Q = 0 vector's lower half, or the one lane of a scalar). Op fields:
 * op->q = lanes; op->r = byte offset (0 or 8) of the narrow source half of
 * the lengthening forms; op->p = byte offset of the element in Vm for the
 * by-element forms.
 */
#include "arm/simd.h"
#include "arm/simd_sat.h"

/* --- lengthening: SQDMULL, SQDMLAL, SQDMLSL ----------------------------------- */

/* 2 * x * y saturated to 2 * bits (only -2^(bits-1) squared overflows). */
static inline __int128 sqdmull_lane(int64_t x, int64_t y, unsigned wide_bits, bool *sat)
{
    return (int64_t)sat_to_signed((__int128)2 * x * y, wide_bits, sat);
}

/*
 * TN: narrow lane type; TW: wide lane type (both signed). Bodies see p, the
 * saturated doubled product, and w, the old wide lane of Vd, and give the
 * exact wide result, which is then saturated. 'elem' selects the by-element
 * form (y is the element of Vm at op->p for every lane).
 */
#define DEFINE_SQDML(name, TN, TW, elem, expr)                                       \
    OP_HANDLER(name)                                                                 \
    {                                                                                \
        enum { N_ = 16 / sizeof(TW), WBITS_ = 8 * sizeof(TW) };                      \
        TN a_[N_], b_[N_];                                                           \
        TW w_[N_], r_[N_] = { 0 };                                                   \
        bool sat = false;                                                            \
        memcpy(a_, vreg_cbytes(cpu, op->n) + op->r, sizeof(a_));                     \
        if (elem) {                                                                  \
            TN e_;                                                                   \
            memcpy(&e_, vreg_cbytes(cpu, op->m) + op->p, sizeof(e_));                \
            for (unsigned i_ = 0; i_ < N_; i_++) {                                   \
                b_[i_] = e_;                                                         \
            }                                                                        \
        } else {                                                                     \
            memcpy(b_, vreg_cbytes(cpu, op->m) + op->r, sizeof(b_));                 \
        }                                                                            \
        memcpy(w_, VREG(op->d), 16);                                                 \
        for (unsigned i_ = 0; i_ < op->q; i_++) {                                    \
            __int128 p = sqdmull_lane(a_[i_], b_[i_], WBITS_, &sat), w = w_[i_];     \
            (void)w;                                                                 \
            r_[i_] = (TW)sat_to_signed((expr), WBITS_, &sat);                        \
        }                                                                            \
        if (sat) {                                                                   \
            cpu->s.fpsr |= SIMD_FPSR_QC;                                             \
        }                                                                            \
        memcpy(VREG(op->d), r_, 16);                                                 \
        NEXT();                                                                      \
    }

#define DEFINE_SQDML_SIZES(name, expr)                                               \
    DEFINE_SQDML(name##_16, int16_t, int32_t, false, expr)                           \
    DEFINE_SQDML(name##_32, int32_t, int64_t, false, expr)                           \
    DEFINE_SQDML(name##_elem_16, int16_t, int32_t, true, expr)                       \
    DEFINE_SQDML(name##_elem_32, int32_t, int64_t, true, expr)

DEFINE_SQDML_SIZES(op_sqdmull, p)
DEFINE_SQDML_SIZES(op_sqdmlal, w + p)
DEFINE_SQDML_SIZES(op_sqdmlsl, w - p)

/* The operation's handlers for 16- and 32-bit sources. */
struct sqdml_fns {
    op_fn *vec[2];
    op_fn *elem[2];
};

/* Size (1 = H, 2 = S sources) of the register and by-element forms. */
static bool sqdml_size_ok(unsigned size)
{
    return size == 1 || size == 2;
}

/* Three-different vector (half from Q) and scalar (lane 0, one result) forms. */
static bool sqdml_reg(struct dc *dc, const struct a64_args *a, const struct sqdml_fns *fns,
                      bool scalar)
{
    if (!sqdml_size_ok(a->z)) {
        return false;
    }
    if (simd_vec_op(dc, fns->vec[a->z - 1], a->d, a->n, a->m, 1)) {
        dc->op->q = (uint8_t)(scalar ? 1 : 8 >> a->z);
        dc->op->r = !scalar && a->q ? 8 : 0;
    }
    return true;
}

/*
 * Vm and the element's byte offset from size/L/M/H: for 16-bit elements
 * Rm is 4 bits and the index H:L:M, for 32-bit ones the index is H:L.
 */
static void elem_operand(const struct a64_args *a, unsigned *rm, unsigned *offset)
{
    if (a->z == 1) {
        *rm = a->m & 15;
        *offset = ((a->h << 2) | (a->l << 1) | (a->m >> 4)) << 1;
    } else {
        *rm = a->m;
        *offset = ((a->h << 1) | a->l) << 2;
    }
}

static bool sqdml_elem(struct dc *dc, const struct a64_args *a, const struct sqdml_fns *fns,
                       bool scalar)
{
    if (!sqdml_size_ok(a->z)) {
        return false;
    }
    unsigned rm, offset;
    elem_operand(a, &rm, &offset);
    if (simd_vec_op(dc, fns->elem[a->z - 1], a->d, a->n, rm, 1)) {
        dc->op->q = (uint8_t)(scalar ? 1 : 8 >> a->z);
        dc->op->r = !scalar && a->q ? 8 : 0;
        dc->op->p = (uint8_t)offset;
    }
    return true;
}

#define TRANS_SQDML(NAME, fn)                                                        \
    static const struct sqdml_fns NAME##_fns = {                                     \
        { fn##_16, fn##_32 }, { fn##_elem_16, fn##_elem_32 } };                      \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                       \
    {                                                                                \
        return sqdml_reg(dc, a, &NAME##_fns, false);                                 \
    }                                                                                \
    bool trans_##NAME##_s(struct dc *dc, const struct a64_args *a)                   \
    {                                                                                \
        return sqdml_reg(dc, a, &NAME##_fns, true);                                  \
    }                                                                                \
    bool trans_##NAME##_elem(struct dc *dc, const struct a64_args *a)                \
    {                                                                                \
        return sqdml_elem(dc, a, &NAME##_fns, false);                                \
    }                                                                                \
    bool trans_##NAME##_elem_s(struct dc *dc, const struct a64_args *a)              \
    {                                                                                \
        return sqdml_elem(dc, a, &NAME##_fns, true);                                 \
    }

TRANS_SQDML(SQDMULL, op_sqdmull)
TRANS_SQDML(SQDMLAL, op_sqdmlal)
TRANS_SQDML(SQDMLSL, op_sqdmlsl)

/* --- high half by element: SQDMULH, SQRDMULH ------------------------------------ */

/* (2 * x * e [+ 2^(bits-1)]) >> bits, saturated (only -2^(bits-1) squared overflows). */
static inline uint64_t sqdmulh_elem_lane(int64_t x, int64_t e, unsigned bits, bool round,
                                         bool *sat)
{
    __int128 p = (__int128)2 * x * e;
    if (round) {
        p += (__int128)1 << (bits - 1);
    }
    return sat_to_signed(p >> bits, bits, sat);
}

#define DEFINE_QDMULH_ELEM(name, T, round)                                           \
    OP_HANDLER(name)                                                                 \
    {                                                                                \
        enum { N_ = 16 / sizeof(T) };                                                \
        T a_[N_], r_[N_] = { 0 }, e_;                                                \
        bool sat = false;                                                            \
        memcpy(a_, VREG(op->n), 16);                                                 \
        memcpy(&e_, vreg_cbytes(cpu, op->m) + op->p, sizeof(e_));                    \
        for (unsigned i_ = 0; i_ < op->q; i_++) {                                    \
            r_[i_] = (T)sqdmulh_elem_lane(a_[i_], e_, 8 * sizeof(T), round, &sat);   \
        }                                                                            \
        if (sat) {                                                                   \
            cpu->s.fpsr |= SIMD_FPSR_QC;                                             \
        }                                                                            \
        memcpy(VREG(op->d), r_, 16);                                                 \
        NEXT();                                                                      \
    }

DEFINE_QDMULH_ELEM(op_sqdmulh_elem_16, int16_t, false)
DEFINE_QDMULH_ELEM(op_sqdmulh_elem_32, int32_t, false)
DEFINE_QDMULH_ELEM(op_sqrdmulh_elem_16, int16_t, true)
DEFINE_QDMULH_ELEM(op_sqrdmulh_elem_32, int32_t, true)

static bool qdmulh_elem(struct dc *dc, const struct a64_args *a, op_fn *const fns[2],
                        bool scalar)
{
    if (!sqdml_size_ok(a->z)) {
        return false;
    }
    unsigned rm, offset;
    elem_operand(a, &rm, &offset);
    if (simd_vec_op(dc, fns[a->z - 1], a->d, a->n, rm, 1)) {
        dc->op->q = (uint8_t)(scalar ? 1 : (a->q ? 16 : 8) >> a->z);
        dc->op->p = (uint8_t)offset;
    }
    return true;
}

#define TRANS_QDMULH_ELEM(NAME, fn)                                                  \
    static op_fn *const NAME##_fns[2] = { fn##_16, fn##_32 };                        \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                       \
    {                                                                                \
        return qdmulh_elem(dc, a, NAME##_fns, false);                                \
    }                                                                                \
    bool trans_##NAME##_s(struct dc *dc, const struct a64_args *a)                   \
    {                                                                                \
        return qdmulh_elem(dc, a, NAME##_fns, true);                                 \
    }

TRANS_QDMULH_ELEM(SQDMULH_elem, op_sqdmulh_elem)
TRANS_QDMULH_ELEM(SQRDMULH_elem, op_sqrdmulh_elem)
