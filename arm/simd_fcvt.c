/*
 * AdvSIMD conversions between floating point and integers of the same size,
 * vector and scalar forms: SCVTF, UCVTF, FCVTNS/NU, FCVTMS/MU, FCVTPS/PU,
 * FCVTZS/ZU, FCVTAS/AU (two-register misc). Scalar forms are the vector
 * handlers with one lane. The arithmetic is softfp's, so exceptions and
 * FPCR modes match the scalar FP instructions.
 *
 * Op fields: op->r = lanes, op->p = rounding mode (enum fp_rmode), op->q = 1
 * for the signed forms.
 */
#include "arm/simd.h"
#include "arm/softfp.h"

/* Handlers over op->r lanes are SIMD_DEFINE_LANES; x is the lane of Vn. */
#define FPCR (cpu->s.fpcr)
#define FPSR (&cpu->s.fpsr)

SIMD_DEFINE_LANES(op_fcvt_to_int32, 32,
                  fp32_to_int(x, (enum fp_rmode)op->p, op->q, 32, 0, FPCR, FPSR))
SIMD_DEFINE_LANES(op_fcvt_to_int64, 64,
                  fp64_to_int(x, (enum fp_rmode)op->p, op->q, 64, 0, FPCR, FPSR))
SIMD_DEFINE_LANES(op_cvtf32, 32,
                  fp32_from_int(op->q ? (uint64_t)(int64_t)(int32_t)x : x, op->q, 0, FPCR,
                                FPSR))
SIMD_DEFINE_LANES(op_cvtf64, 64, fp64_from_int(x, op->q, 0, FPCR, FPSR))

/* sz: 0 single, 1 double; scalar forms have one lane. */
static bool fcvt(struct dc *dc, const struct a64_args *a, bool scalar, bool to_int,
                 enum fp_rmode rmode, bool is_signed)
{
    unsigned q = scalar ? 0 : a->q;
    if (!scalar && a->y && !q) {
        return false;
    }
    static op_fn *const fns[2][2] = {
        { op_cvtf32, op_cvtf64 },
        { op_fcvt_to_int32, op_fcvt_to_int64 },
    };
    if (simd_vec_op(dc, fns[to_int][a->y], a->d, a->n, 0, q)) {
        dc->op->r = (uint16_t)(scalar ? 1 : simd_lanes(q, 2 + a->y));
        dc->op->p = (uint8_t)rmode;
        dc->op->q = is_signed;
    }
    return true;
}

#define TRANS_FCVT(NAME, to_int, rmode, is_signed)                                   \
    bool trans_##NAME##_v(struct dc *dc, const struct a64_args *a)                   \
    {                                                                                \
        return fcvt(dc, a, false, to_int, rmode, is_signed);                         \
    }                                                                                \
    bool trans_##NAME##_s(struct dc *dc, const struct a64_args *a)                   \
    {                                                                                \
        return fcvt(dc, a, true, to_int, rmode, is_signed);                          \
    }

TRANS_FCVT(FCVTNS, true, FPRM_TIEEVEN, true)
TRANS_FCVT(FCVTNU, true, FPRM_TIEEVEN, false)
TRANS_FCVT(FCVTMS, true, FPRM_NEGINF, true)
TRANS_FCVT(FCVTMU, true, FPRM_NEGINF, false)
TRANS_FCVT(FCVTPS, true, FPRM_POSINF, true)
TRANS_FCVT(FCVTPU, true, FPRM_POSINF, false)
TRANS_FCVT(FCVTZS, true, FPRM_ZERO, true)
TRANS_FCVT(FCVTZU, true, FPRM_ZERO, false)
TRANS_FCVT(FCVTAS, true, FPRM_TIEAWAY, true)
TRANS_FCVT(FCVTAU, true, FPRM_TIEAWAY, false)
TRANS_FCVT(SCVTF, false, FPRM_TIEEVEN, true)
TRANS_FCVT(UCVTF, false, FPRM_TIEEVEN, false)

/* --- fixed-point forms (shift by immediate group): op->r lanes, op->p fbits --------- */

SIMD_DEFINE_LANES(op_fcvt_fix32, 32,
                  fp32_to_int(x, FPRM_ZERO, op->q, 32, op->p, FPCR, FPSR))
SIMD_DEFINE_LANES(op_fcvt_fix64, 64,
                  fp64_to_int(x, FPRM_ZERO, op->q, 64, op->p, FPCR, FPSR))
SIMD_DEFINE_LANES(op_cvtf_fix32, 32,
                  fp32_from_int(op->q ? (uint64_t)(int64_t)(int32_t)x : x, op->q, op->p, FPCR,
                                FPSR))
SIMD_DEFINE_LANES(op_cvtf_fix64, 64, fp64_from_int(x, op->q, op->p, FPCR, FPSR))

/* immh 01xx: singles, 1xxx: doubles; half precision (0001, 001x) is not implemented. */
static bool fcvt_fixed(struct dc *dc, const struct a64_args *a, bool scalar, bool to_int,
                       bool is_signed)
{
    unsigned immh = a->i >> 3;
    if (immh < 4) {
        return false;
    }
    bool dbl = immh >= 8;
    unsigned q = scalar ? 0 : a->q;
    if (!scalar && dbl && !q) {
        return false;
    }
    static op_fn *const fns[2][2] = {
        { op_cvtf_fix32, op_cvtf_fix64 },
        { op_fcvt_fix32, op_fcvt_fix64 },
    };
    if (simd_vec_op(dc, fns[to_int][dbl], a->d, a->n, 0, q)) {
        dc->op->r = (uint16_t)(scalar ? 1 : simd_lanes(q, 2 + dbl));
        dc->op->p = (uint8_t)((dbl ? 128 : 64) - a->i);
        dc->op->q = is_signed;
    }
    return true;
}

#define TRANS_FCVT_FIXED(NAME, to_int, is_signed)                                    \
    bool trans_##NAME##_fix_v(struct dc *dc, const struct a64_args *a)               \
    {                                                                                \
        return fcvt_fixed(dc, a, false, to_int, is_signed);                          \
    }                                                                                \
    bool trans_##NAME##_fix_s(struct dc *dc, const struct a64_args *a)               \
    {                                                                                \
        return fcvt_fixed(dc, a, true, to_int, is_signed);                           \
    }

TRANS_FCVT_FIXED(SCVTF, false, true)
TRANS_FCVT_FIXED(UCVTF, false, false)
TRANS_FCVT_FIXED(FCVTZS, true, true)
TRANS_FCVT_FIXED(FCVTZU, true, false)

/* --- FRINT* (vector): op->p = rounding mode, op->q = 1 for FRINTX (exact) ------------ */

SIMD_DEFINE_LANES(op_frint32, 32,
                  fp32_round_int(x, (enum fp_rmode)op->p, op->q, FPCR, FPSR))
SIMD_DEFINE_LANES(op_frint64, 64,
                  fp64_round_int(x, (enum fp_rmode)op->p, op->q, FPCR, FPSR))

/* FRINTI and FRINTX take the mode from FPCR, known only at run time. */
SIMD_DEFINE_LANES(op_frint_fpcr32, 32,
                  fp32_round_int(x, fp_rmode_of(FPCR), op->q, FPCR, FPSR))
SIMD_DEFINE_LANES(op_frint_fpcr64, 64,
                  fp64_round_int(x, fp_rmode_of(FPCR), op->q, FPCR, FPSR))

static bool frint(struct dc *dc, const struct a64_args *a, int rmode, bool exact)
{
    if (a->y && !a->q) {
        return false;
    }
    op_fn *fn = rmode < 0 ? (a->y ? op_frint_fpcr64 : op_frint_fpcr32)
                          : (a->y ? op_frint64 : op_frint32);
    if (simd_vec_op(dc, fn, a->d, a->n, 0, a->q)) {
        dc->op->r = (uint16_t)simd_lanes(a->q, 2 + a->y);
        dc->op->p = (uint8_t)(rmode < 0 ? 0 : rmode);
        dc->op->q = exact;
    }
    return true;
}

bool trans_FRINTN_v(struct dc *dc, const struct a64_args *a) { return frint(dc, a, FPRM_TIEEVEN, false); }
bool trans_FRINTM_v(struct dc *dc, const struct a64_args *a) { return frint(dc, a, FPRM_NEGINF, false); }
bool trans_FRINTP_v(struct dc *dc, const struct a64_args *a) { return frint(dc, a, FPRM_POSINF, false); }
bool trans_FRINTZ_v(struct dc *dc, const struct a64_args *a) { return frint(dc, a, FPRM_ZERO, false); }
bool trans_FRINTA_v(struct dc *dc, const struct a64_args *a) { return frint(dc, a, FPRM_TIEAWAY, false); }
bool trans_FRINTX_v(struct dc *dc, const struct a64_args *a) { return frint(dc, a, -1, true); }
bool trans_FRINTI_v(struct dc *dc, const struct a64_args *a) { return frint(dc, a, -1, false); }

/* --- FCVTL / FCVTN: between single and double (and half and single) -------------- */

/*
 * FCVTL{2}: the lanes of one half of Vn (byte offset op->r, 8 for FCVTL2)
 * widened by cvt to all of Vd. FCVTN{2}: the lanes of Vn narrowed into one
 * half of Vd (op->r = 8: FCVTN2 writes the top half, keeping the bottom).
 */
#define DEFINE_FCVT_WIDEN(name, TN, TW, cvt)                                         \
    OP_HANDLER(name)                                                                 \
    {                                                                                \
        enum { N_ = 16 / sizeof(TW) };                                               \
        TN a_[N_];                                                                   \
        TW r_[N_];                                                                   \
        memcpy(a_, vreg_cbytes(cpu, op->n) + op->r, 8);                              \
        for (unsigned i = 0; i < N_; i++) {                                          \
            r_[i] = cvt(a_[i], FPCR, FPSR);                                          \
        }                                                                            \
        memcpy(VREG(op->d), r_, 16);                                                 \
        NEXT();                                                                      \
    }

#define DEFINE_FCVT_NARROW(name, TW, TN, cvt)                                        \
    OP_HANDLER(name)                                                                 \
    {                                                                                \
        enum { N_ = 16 / sizeof(TW) };                                               \
        TW a_[N_];                                                                   \
        TN r_[N_];                                                                   \
        memcpy(a_, VREG(op->n), 16);                                                 \
        for (unsigned i = 0; i < N_; i++) {                                          \
            r_[i] = cvt(a_[i], FPCR, FPSR);                                          \
        }                                                                            \
        uint64_t v;                                                                  \
        memcpy(&v, r_, 8);                                                           \
        simd_store_narrow(cpu, op->d, v, op->r);                                     \
        NEXT();                                                                      \
    }

DEFINE_FCVT_WIDEN(op_fcvtl_s_to_d, uint32_t, uint64_t, fp_cvt_s_to_d)
DEFINE_FCVT_WIDEN(op_fcvtl_h_to_s, uint16_t, uint32_t, fp_cvt_h_to_s)
DEFINE_FCVT_NARROW(op_fcvtn_d_to_s, uint64_t, uint32_t, fp_cvt_d_to_s)
DEFINE_FCVT_NARROW(op_fcvtn_s_to_h, uint32_t, uint16_t, fp_cvt_s_to_h)

bool trans_FCVTL(struct dc *dc, const struct a64_args *a)
{
    if (simd_vec_op(dc, a->y ? op_fcvtl_s_to_d : op_fcvtl_h_to_s, a->d, a->n, 0, 1)) {
        dc->op->r = a->q ? 8 : 0;
    }
    return true;
}

bool trans_FCVTN(struct dc *dc, const struct a64_args *a)
{
    if (simd_vec_op(dc, a->y ? op_fcvtn_d_to_s : op_fcvtn_s_to_h, a->d, a->n, 0, 1)) {
        dc->op->r = a->q ? 8 : 0;
    }
    return true;
}
