/*
 * ARM-exact scalar floating point on raw bit patterns.
 *
 * Every function takes the guest FPCR and ORs the exceptions it raises into
 * *fpsr, with the semantics of the ARM ARM pseudocode (and QEMU): FZ flushes
 * denormal inputs (IDC) and tiny outputs (UFC, no IXC), DN selects the
 * default NaN, NaNs propagate signalling-first in operand order and come out
 * quiet, tininess is detected before rounding. The arithmetic itself runs on
 * the host FPU (SSE, with its rounding mode and flags set from FPCR); the
 * special cases are handled here around it.
 */
#ifndef PHALANX_ARM_SOFTFP_H
#define PHALANX_ARM_SOFTFP_H

#include <stdbool.h>
#include <stdint.h>

#define FPCR_AHP         (1u << 26)
#define FPCR_DN          (1u << 25)
#define FPCR_FZ          (1u << 24)
#define FPCR_RMODE_SHIFT 22

#define FPSR_IOC (1u << 0)
#define FPSR_DZC (1u << 1)
#define FPSR_OFC (1u << 2)
#define FPSR_UFC (1u << 3)
#define FPSR_IXC (1u << 4)
#define FPSR_IDC (1u << 7)

/* Rounding modes: 0-3 are FPCR.RMode values; TIEAWAY is that of FCVTA and FRINTA. */
enum fp_rmode {
    FPRM_TIEEVEN = 0,
    FPRM_POSINF  = 1,
    FPRM_NEGINF  = 2,
    FPRM_ZERO    = 3,
    FPRM_TIEAWAY = 4,
};

static inline enum fp_rmode fp_rmode_of(uint32_t fpcr)
{
    return (enum fp_rmode)((fpcr >> FPCR_RMODE_SHIFT) & 3);
}

/* Two-operand arithmetic. */
enum fp_op2 {
    FP_MUL, FP_DIV, FP_ADD, FP_SUB, FP_MAX, FP_MIN, FP_MAXNM, FP_MINNM, FP_NMUL,
};

uint32_t fp32_op2(enum fp_op2 op, uint32_t a, uint32_t b, uint32_t fpcr, uint32_t *fpsr);
uint64_t fp64_op2(enum fp_op2 op, uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr);

/* a + n * m with one rounding (operands already negated as the instruction
 * asks, NaN signs included). */
uint32_t fp32_muladd(uint32_t n, uint32_t m, uint32_t a, uint32_t fpcr, uint32_t *fpsr);
uint64_t fp64_muladd(uint64_t n, uint64_t m, uint64_t a, uint32_t fpcr, uint32_t *fpsr);

uint32_t fp32_sqrt(uint32_t a, uint32_t fpcr, uint32_t *fpsr);
uint64_t fp64_sqrt(uint64_t a, uint32_t fpcr, uint32_t *fpsr);

/* NZCV (bits 31..28) of comparing a with b; 'signal' raises IOC on quiet NaNs. */
uint32_t fp32_compare(uint32_t a, uint32_t b, bool signal, uint32_t fpcr, uint32_t *fpsr);
uint32_t fp64_compare(uint64_t a, uint64_t b, bool signal, uint32_t fpcr, uint32_t *fpsr);

/* Sign bits of a single and a double. */
#define FP32_SIGN 0x80000000u
#define FP64_SIGN 0x8000000000000000ull

/*
 * The relations of the AdvSIMD compares from fpNN_compare's NZCV: a == b
 * (quiet: only signalling NaNs raise IOC), a >= b and a > b (any NaN
 * raises IOC). Callers build the absolute (FACGE, FACGT) and swapped
 * (FCMLE, FCMLT against zero) forms from them.
 */
#define FP_NZCV_EQ 0x60000000u
#define FP_NZCV_GT 0x20000000u
#define FP_NZCV_CV 0x30000000u

#define FP_DEFINE_RELATIONS(N, UT)                                                   \
    static inline bool fp##N##_eq(UT a, UT b, uint32_t fpcr, uint32_t *fpsr)         \
    {                                                                                \
        return fp##N##_compare(a, b, false, fpcr, fpsr) == FP_NZCV_EQ;               \
    }                                                                                \
    static inline bool fp##N##_ge(UT a, UT b, uint32_t fpcr, uint32_t *fpsr)         \
    {                                                                                \
        return (fp##N##_compare(a, b, true, fpcr, fpsr) & FP_NZCV_CV) == FP_NZCV_GT; \
    }                                                                                \
    static inline bool fp##N##_gt(UT a, UT b, uint32_t fpcr, uint32_t *fpsr)         \
    {                                                                                \
        return fp##N##_compare(a, b, true, fpcr, fpsr) == FP_NZCV_GT;                \
    }

FP_DEFINE_RELATIONS(32, uint32_t)
FP_DEFINE_RELATIONS(64, uint64_t)

/* Round to integral in 'rmode'; 'exact' (FRINTX) raises IXC when it changes. */
uint32_t fp32_round_int(uint32_t a, enum fp_rmode rmode, bool exact, uint32_t fpcr,
                        uint32_t *fpsr);
uint64_t fp64_round_int(uint64_t a, enum fp_rmode rmode, bool exact, uint32_t fpcr,
                        uint32_t *fpsr);

/* FP -> integer of 'bits' (32/64), value * 2^fbits, saturating (IOC). */
uint64_t fp32_to_int(uint32_t a, enum fp_rmode rmode, bool is_signed, unsigned bits,
                     unsigned fbits, uint32_t fpcr, uint32_t *fpsr);
uint64_t fp64_to_int(uint64_t a, enum fp_rmode rmode, bool is_signed, unsigned bits,
                     unsigned fbits, uint32_t fpcr, uint32_t *fpsr);

/* Integer (sign- or zero-extended to 64 bits as is_signed says) / 2^fbits. */
uint32_t fp32_from_int(uint64_t v, bool is_signed, unsigned fbits, uint32_t fpcr,
                       uint32_t *fpsr);
uint64_t fp64_from_int(uint64_t v, bool is_signed, unsigned fbits, uint32_t fpcr,
                       uint32_t *fpsr);

/* Precision conversions (FCVT); half is IEEE half (FPCR.AHP not modelled). */
uint64_t fp_cvt_s_to_d(uint32_t a, uint32_t fpcr, uint32_t *fpsr);
uint32_t fp_cvt_d_to_s(uint64_t a, uint32_t fpcr, uint32_t *fpsr);
uint64_t fp_cvt_h_to_d(uint16_t a, uint32_t fpcr, uint32_t *fpsr);
uint32_t fp_cvt_h_to_s(uint16_t a, uint32_t fpcr, uint32_t *fpsr);
uint16_t fp_cvt_d_to_h(uint64_t a, uint32_t fpcr, uint32_t *fpsr);
uint16_t fp_cvt_s_to_h(uint32_t a, uint32_t fpcr, uint32_t *fpsr);

/* FCVTXN: double to single rounding to odd. */
uint32_t fp_cvt_d_to_s_odd(uint64_t a, uint32_t fpcr, uint32_t *fpsr);

/* FMULX: a * b, except that infinity times zero is 2.0 (signed). */
uint32_t fp32_mulx(uint32_t a, uint32_t b, uint32_t fpcr, uint32_t *fpsr);
uint64_t fp64_mulx(uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr);

/* FRECPS: 2 - a * b, FRSQRTS: (3 - a * b) / 2, each with one rounding;
 * infinity times zero gives 2.0 and 1.5. */
uint32_t fp32_recip_step(uint32_t a, uint32_t b, uint32_t fpcr, uint32_t *fpsr);
uint64_t fp64_recip_step(uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr);
uint32_t fp32_rsqrt_step(uint32_t a, uint32_t b, uint32_t fpcr, uint32_t *fpsr);
uint64_t fp64_rsqrt_step(uint64_t a, uint64_t b, uint32_t fpcr, uint32_t *fpsr);

/* FRECPE, FRSQRTE: the ARM ARM's 8-bit estimates, special cases included. */
uint32_t fp32_recip_estimate(uint32_t a, uint32_t fpcr, uint32_t *fpsr);
uint64_t fp64_recip_estimate(uint64_t a, uint32_t fpcr, uint32_t *fpsr);
uint32_t fp32_rsqrt_estimate(uint32_t a, uint32_t fpcr, uint32_t *fpsr);
uint64_t fp64_rsqrt_estimate(uint64_t a, uint32_t fpcr, uint32_t *fpsr);

/* FRECPX: sign kept, exponent inverted, fraction cleared. */
uint32_t fp32_recpx(uint32_t a, uint32_t fpcr, uint32_t *fpsr);
uint64_t fp64_recpx(uint64_t a, uint32_t fpcr, uint32_t *fpsr);

/* FMOV (immediate): VFPExpandImm of imm8. */
uint64_t fp64_expand_imm(uint8_t imm8);
uint32_t fp32_expand_imm(uint8_t imm8);

#endif
