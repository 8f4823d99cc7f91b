/*
 * AdvSIMD signed saturating doubling multiplies: the lengthening SQDMULL,
 * SQDMLAL, SQDMLSL (vector with their "2" forms, by element, scalar, scalar
 * by element) and the high-half SQDMULH, SQRDMULH by element (vector and
 * scalar). The scalar register forms of SQDMULH/SQRDMULH are in
 * arm/simd_sat_scalar.c. Element sizes 16 and 32 only; all set FPSR.QC when
 * a result saturates.
 *
 * One handler serves the vector and the scalar form: it computes the lanes
 * asked for and zeroes the rest of Vd (all lanes of a Q = 1 vector, a
 * Q = 0 vector's lower half, or the one lane of a scalar). Op fields of
 * the lengthening forms: op->q = lanes, op->r = byte offset (0 or 8) of
 * the narrow source half; of SQDMULH/SQRDMULH: op->r = lanes (see
 * SIMD_DEFINE_LANES_ELEM); op->p = byte offset of the element in Vm for
 * the by-element forms.
 */
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
        simd_note_sat(cpu, sat);                                                     \
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

/*
 * Vector (source half from Q) and scalar (lane 0, one result) forms of fn
 * with Vm = rm and the by-element forms' element at byte 'offset'.
 */
static bool sqdml_op(struct dc *dc, const struct a64_args *a, op_fn *fn, unsigned rm,
                     unsigned offset, bool scalar)
{
    if (simd_vec_op(dc, fn, a->d, a->n, rm, 1)) {
        dc->op->q = (uint8_t)(scalar ? 1 : simd_lanes(0, a->z));
        dc->op->r = !scalar && a->q ? 8 : 0;
        dc->op->p = (uint8_t)offset;
    }
    return true;
}

static bool sqdml_reg(struct dc *dc, const struct a64_args *a, const struct sqdml_fns *fns,
                      bool scalar)
{
    return sqdml_size_ok(a->z) && sqdml_op(dc, a, fns->vec[a->z - 1], a->m, 0, scalar);
}

static bool sqdml_elem(struct dc *dc, const struct a64_args *a, const struct sqdml_fns *fns,
                       bool scalar)
{
    if (!sqdml_size_ok(a->z)) {
        return false;
    }
    unsigned rm, offset;
    simd_int_elem(a, &rm, &offset);
    return sqdml_op(dc, a, fns->elem[a->z - 1], rm, offset, scalar);
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

SIMD_DEFINE_LANES_ELEM(op_sqdmulh_elem_16, 16, sat_sqdmulh((S)x, (S)e, 16, false, &sat))
SIMD_DEFINE_LANES_ELEM(op_sqdmulh_elem_32, 32, sat_sqdmulh((S)x, (S)e, 32, false, &sat))
SIMD_DEFINE_LANES_ELEM(op_sqrdmulh_elem_16, 16, sat_sqdmulh((S)x, (S)e, 16, true, &sat))
SIMD_DEFINE_LANES_ELEM(op_sqrdmulh_elem_32, 32, sat_sqdmulh((S)x, (S)e, 32, true, &sat))

static bool qdmulh_elem(struct dc *dc, const struct a64_args *a, op_fn *const fns[2],
                        bool scalar)
{
    if (!sqdml_size_ok(a->z)) {
        return false;
    }
    unsigned rm, offset;
    simd_int_elem(a, &rm, &offset);
    if (simd_vec_op(dc, fns[a->z - 1], a->d, a->n, rm, 1)) {
        dc->op->r = (uint16_t)(scalar ? 1 : simd_lanes(a->q, a->z));
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
