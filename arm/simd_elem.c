/*
 * AdvSIMD integer multiplies by an element (vector x indexed element): MUL,
 * MLA, MLS, and the lengthening SMULL/UMULL, SMLAL/UMLAL, SMLSL/UMLSL
 * (with their "2" forms). Element sizes 16 and 32 only.
 *
 * Op fields: op->p = byte offset of the element in Vm; op->r = byte offset
 * (0 or 8) of the narrow source half for the lengthening forms.
 */
#include "arm/simd.h"

/* Bodies see x (lane of Vn), e (the element) and w (old lane of Vd). */
#define DEFINE_BY_ELEM(name, T, expr)                                                \
    OP_HANDLER(name)                                                                 \
    {                                                                                \
        enum { N_ = 16 / sizeof(T) };                                                \
        T a_[N_], r_[N_], e;                                                         \
        memcpy(a_, VREG(op->n), 16);                                                 \
        memcpy(r_, VREG(op->d), 16);                                                 \
        memcpy(&e, vreg_cbytes(cpu, op->m) + op->p, sizeof(e));                      \
        for (unsigned i_ = 0; i_ < N_; i_++) {                                       \
            T x = a_[i_], w = r_[i_];                                                \
            (void)w;                                                                 \
            r_[i_] = (T)(expr);                                                      \
        }                                                                            \
        SIMD_STORE_LANES(r_);                                                        \
        NEXT();                                                                      \
    }

DEFINE_BY_ELEM(op_mul_elem_16, uint16_t, (uint32_t)x * e)
DEFINE_BY_ELEM(op_mul_elem_32, uint32_t, (uint64_t)x * e)
DEFINE_BY_ELEM(op_mla_elem_16, uint16_t, w + (uint32_t)x * e)
DEFINE_BY_ELEM(op_mla_elem_32, uint32_t, w + (uint64_t)x * e)
DEFINE_BY_ELEM(op_mls_elem_16, uint16_t, w - (uint32_t)x * e)
DEFINE_BY_ELEM(op_mls_elem_32, uint32_t, w - (uint64_t)x * e)

/* TN narrow lane type (signedness extends), TW wide result type. */
#define DEFINE_LONG_BY_ELEM(name, TN, TW, expr)                                      \
    OP_HANDLER(name)                                                                 \
    {                                                                                \
        enum { N_ = 16 / sizeof(TW) };                                               \
        TN a_[N_], en;                                                               \
        TW r_[N_];                                                                   \
        memcpy(a_, vreg_cbytes(cpu, op->n) + op->r, 8);                              \
        memcpy(r_, VREG(op->d), 16);                                                 \
        memcpy(&en, vreg_cbytes(cpu, op->m) + op->p, sizeof(en));                    \
        uint64_t e = (uint64_t)(int64_t)en;                                          \
        for (unsigned i_ = 0; i_ < N_; i_++) {                                       \
            uint64_t x = (uint64_t)(int64_t)a_[i_], w = r_[i_];                      \
            (void)w;                                                                 \
            r_[i_] = (TW)(expr);                                                     \
        }                                                                            \
        memcpy(VREG(op->d), r_, 16);                                                 \
        NEXT();                                                                      \
    }

#define DEFINE_LONG_BY_ELEM_SIZES(name, SIGN, expr)                                  \
    DEFINE_LONG_BY_ELEM(name##_16, SIGN##16_t, uint32_t, expr)                       \
    DEFINE_LONG_BY_ELEM(name##_32, SIGN##32_t, uint64_t, expr)

DEFINE_LONG_BY_ELEM_SIZES(op_umull_elem, uint, x * e)
DEFINE_LONG_BY_ELEM_SIZES(op_smull_elem, int, x * e)
DEFINE_LONG_BY_ELEM_SIZES(op_umlal_elem, uint, w + x * e)
DEFINE_LONG_BY_ELEM_SIZES(op_smlal_elem, int, w + x * e)
DEFINE_LONG_BY_ELEM_SIZES(op_umlsl_elem, uint, w - x * e)
DEFINE_LONG_BY_ELEM_SIZES(op_smlsl_elem, int, w - x * e)

/*
 * Decodes size/L/M/H: fns[0] for 16-bit elements, fns[1] for 32-bit.
 * 'is_long' ops always write all 128 bits and read the half chosen by Q.
 */
static bool by_elem(struct dc *dc, const struct a64_args *a, op_fn *const fns[2], bool is_long)
{
    if (a->z != 1 && a->z != 2) {
        return false;
    }
    unsigned rm, offset;
    simd_int_elem(a, &rm, &offset);
    if (simd_vec_op(dc, fns[a->z - 1], a->d, a->n, rm, is_long ? 1 : a->q)) {
        dc->op->p = (uint8_t)offset;
        dc->op->r = is_long && a->q ? 8 : 0;
    }
    return true;
}

#define TRANS_BY_ELEM(NAME, fn, is_long)                                             \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                       \
    {                                                                                \
        static op_fn *const fns[2] = { fn##_16, fn##_32 };                           \
        return by_elem(dc, a, fns, is_long);                                         \
    }

TRANS_BY_ELEM(MUL_elem, op_mul_elem, false)
TRANS_BY_ELEM(MLA_elem, op_mla_elem, false)
TRANS_BY_ELEM(MLS_elem, op_mls_elem, false)
TRANS_BY_ELEM(UMULL_elem, op_umull_elem, true)
TRANS_BY_ELEM(SMULL_elem, op_smull_elem, true)
TRANS_BY_ELEM(UMLAL_elem, op_umlal_elem, true)
TRANS_BY_ELEM(SMLAL_elem, op_smlal_elem, true)
TRANS_BY_ELEM(UMLSL_elem, op_umlsl_elem, true)
TRANS_BY_ELEM(SMLSL_elem, op_smlsl_elem, true)
