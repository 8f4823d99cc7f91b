/*
 * ARM-exact scalar floating point (see arm/softfp.h). The arithmetic runs on
 * the host's SSE unit: MXCSR gets FPCR's rounding mode with all exceptions
 * masked and its flags cleared before each operation, and the flags it
 * collects are mapped to FPSR afterwards. NaN operands, FZ flushing and
 * ARM's before-rounding tininess are handled in software around it.
 */
#include "arm/softfp.h"

#include "arm/fp_recip.h"

#include <math.h>
#include <string.h>
#include <xmmintrin.h>

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

/* MXCSR: all exceptions masked, no DAZ/FTZ; rounding control per RMode. */
#define MXCSR_MASKED 0x1f80u

static inline void host_begin(uint32_t fpcr)
{
    static const unsigned rc[4] = { 0x0000, 0x4000, 0x2000, 0x6000 }; /* RN RP RM RZ */
    _mm_setcsr(MXCSR_MASKED | rc[(fpcr >> FPCR_RMODE_SHIFT) & 3]);
}

/* Reads the flags; puts round-to-nearest back for the rest of the emulator
 * if FPCR asked for another mode (stale flags left in MXCSR harm nothing:
 * host_begin clears them). */
static inline unsigned host_end(uint32_t fpcr)
{
    unsigned csr = _mm_getcsr();
    if (unlikely(fpcr & (3u << FPCR_RMODE_SHIFT))) {
        _mm_setcsr(MXCSR_MASKED);
    }
    return csr;
}

/* MXCSR flags (IE DE ZE OE UE PE in bits 0..5) -> FPSR cumulative bits. */
static inline uint32_t host_to_fpsr(unsigned csr)
{
    return ((csr & 1) ? FPSR_IOC : 0) | ((csr & 4) ? FPSR_DZC : 0) |
           ((csr & 8) ? FPSR_OFC : 0) | ((csr & 16) ? FPSR_UFC : 0) |
           ((csr & 32) ? FPSR_IXC : 0);
}

/*
 * Fast path. MXCSR is round-to-nearest outside an operation (host_end puts
 * it back). Once FPSR.IXC is set, an operation on non-NaN operands whose
 * result is a finite normal number can raise nothing FPSR does not already
 * show: IOC would give a NaN, DZC and OFC an infinity, UFC a tiny result,
 * and IXC is there. Such an operation needs no MXCSR access at all (reading
 * MXCSR waits for the FP pipeline, which is most of an operation's cost).
 * FZ and the directed rounding modes always take the exact path.
 */
static inline bool host_fast_mode(uint32_t fpcr, uint32_t fpsr)
{
    return !(fpcr & (FPCR_FZ | (3u << FPCR_RMODE_SHIFT))) && (fpsr & FPSR_IXC);
}

#define FN(name) fp32_##name
#define FT       float
#define UT       uint32_t
#define FBITS    32
#define MBITS    23
#define FT_FMA   fmaf
#define FT_SQRT  sqrtf
#include "arm/softfp_tmpl.h"
#undef FN
#undef FT
#undef UT
#undef FBITS
#undef MBITS
#undef FT_FMA
#undef FT_SQRT

#define FN(name) fp64_##name
#define FT       double
#define UT       uint64_t
#define FBITS    64
#define MBITS    52
#define FT_FMA   fma
#define FT_SQRT  sqrt
#include "arm/softfp_tmpl.h"
#undef FN
#undef FT
#undef UT
#undef FBITS
#undef MBITS
#undef FT_FMA
#undef FT_SQRT

/* --- precision conversions ------------------------------------------------ */

/*
 * A NaN converted to another precision (the ARM ARM's FPConvertNaN): IOC
 * if it was signalling; DN's default NaN of the target (qnan), or qnan
 * with the NaN's sign and the top of its fraction (sign and frac already
 * in the target's positions).
 */
static uint64_t convert_nan(bool snan, uint64_t sign, uint64_t frac, uint64_t qnan,
                            uint32_t fpcr, uint32_t *fpsr)
{
    if (snan) {
        *fpsr |= FPSR_IOC;
    }
    if (fpcr & FPCR_DN) {
        return qnan;
    }
    return sign | qnan | frac;
}

uint64_t fp_cvt_s_to_d(uint32_t a, uint32_t fpcr, uint32_t *fpsr)
{
    a = fp32_flush_in(a, fpcr, fpsr);
    if (fp32_is_nan(a)) {
        return convert_nan(fp32_is_snan(a), (uint64_t)(a >> 31) << 63,
                           (uint64_t)(a & 0x3fffff) << 29, 0x7ff8000000000000ull, fpcr, fpsr);
    }
    return fp64_u((double)fp32_f(a));
}

uint32_t fp_cvt_d_to_s(uint64_t a, uint32_t fpcr, uint32_t *fpsr)
{
    a = fp64_flush_in(a, fpcr, fpsr);
    if (fp64_is_nan(a)) {
        return (uint32_t)convert_nan(fp64_is_snan(a), (a >> 63) << 31, (a >> 29) & 0x3fffff,
                                     0x7fc00000u, fpcr, fpsr);
    }
    double x = fp64_f(a);
    float r;
    host_begin(fpcr);
    __asm__ volatile("" : "+x"(x));
    r = (float)x;
    __asm__ volatile("" : "+x"(r));
    unsigned host = host_end(fpcr);
    uint32_t u = fp32_u(r), mag = u & 0x7fffffffu;
    uint32_t flags = host_to_fpsr(host);
    bool tiny = fabs(x) < 0x1p-126 && x != 0;
    if (tiny && (fpcr & FPCR_FZ)) {
        *fpsr |= FPSR_UFC;
        return u & 0x80000000u;
    }
    if (tiny && (flags & FPSR_IXC)) {
        flags |= FPSR_UFC;
    }
    (void)mag;
    *fpsr |= flags;
    return u;
}

/*
 * FCVTXN: double to single rounding to odd (truncate, then set the lowest
 * bit if anything was lost), so that a later rounding of the single to a
 * narrower format is not a double rounding. Overflow gives the largest
 * normal, as rounding toward zero would.
 */
uint32_t fp_cvt_d_to_s_odd(uint64_t a, uint32_t fpcr, uint32_t *fpsr)
{
    a = fp64_flush_in(a, fpcr, fpsr);
    if (fp64_is_nan(a)) {
        return fp_cvt_d_to_s(a, fpcr, fpsr);
    }
    uint32_t sign = (uint32_t)(a >> 63) << 31;
    unsigned dexp = (a >> 52) & 0x7ff;
    uint64_t m = a & 0xfffffffffffffull;
    if (dexp == 0x7ff) {
        return sign | 0x7f800000u;
    }
    if (dexp == 0 && m == 0) {
        return sign;
    }
    int e = dexp ? (int)dexp - 1023 : -1022;
    if (dexp) {
        m |= 1ull << 52;
    }
    /* Value = m * 2^(e - 52); the single's quantum is 2^(max(e, -126) - 23). */
    int shift = (e < -126 ? -126 : e) - 23 - (e - 52);
    uint64_t q = shift >= 64 ? 0 : m >> shift;
    bool inexact = shift >= 64 ? true : (m & ((1ull << shift) - 1)) != 0;
    q |= inexact;
    if (e < -126) {
        if (fpcr & FPCR_FZ) {
            *fpsr |= FPSR_UFC;
            return sign;
        }
        if (inexact) {
            *fpsr |= FPSR_UFC | FPSR_IXC;
        }
        return sign | (uint32_t)q;
    }
    if (e > 127) {
        *fpsr |= FPSR_OFC | FPSR_IXC;
        return sign | 0x7f7fffffu;
    }
    if (inexact) {
        *fpsr |= FPSR_IXC;
    }
    return sign | ((uint32_t)(e + 127) << 23) | ((uint32_t)q & 0x7fffffu);
}

uint64_t fp_cvt_h_to_d(uint16_t a, uint32_t fpcr, uint32_t *fpsr)
{
    uint64_t sign = (uint64_t)(a >> 15) << 63;
    unsigned exp = (a >> 10) & 0x1f, mant = a & 0x3ff;
    if (exp == 0x1f) {
        if (mant == 0) {
            return sign | 0x7ff0000000000000ull;
        }
        return convert_nan(!(mant & 0x200), sign, (uint64_t)(mant & 0x1ff) << 42,
                           0x7ff8000000000000ull, fpcr, fpsr);
    }
    /* Half denormals are not flushed by FCVT (FZ16 governs them). */
    double v = ldexp((double)(exp ? (mant | 0x400) : mant), (exp ? (int)exp : 1) - 25);
    return sign | fp64_u(v);
}

uint32_t fp_cvt_h_to_s(uint16_t a, uint32_t fpcr, uint32_t *fpsr)
{
    uint64_t d = fp_cvt_h_to_d(a, fpcr, fpsr);
    if (fp64_is_nan(d)) {
        return ((uint32_t)(d >> 63) << 31) | 0x7fc00000u | (uint32_t)((d >> 29) & 0x3fffff);
    }
    return fp32_u((float)fp64_f(d)); /* exact */
}

/* Rounds the finite non-NaN double a (already flushed) to half precision. */
static uint16_t round_to_half(uint64_t a, uint32_t fpcr, uint32_t *fpsr)
{
    uint16_t sign = (uint16_t)((a >> 63) << 15);
    unsigned dexp = (a >> 52) & 0x7ff;
    uint64_t m = a & 0xfffffffffffffull;
    if (dexp == 0x7ff) {
        return sign | 0x7c00;
    }
    if (dexp == 0 && m == 0) {
        return sign;
    }
    int e;
    if (dexp == 0) { /* double denormal: far below half's range */
        e = -1023;
    } else {
        m |= 1ull << 52;
        e = (int)dexp - 1023;
    }
    /* Value = m * 2^(e - 52); half's quantum is 2^(max(e, -14) - 10). */
    int qexp = (e < -14 ? -14 : e) - 10;
    int shift = qexp - (e - 52);
    uint64_t q, rem, half;
    if (shift >= 64) {
        q = 0;
        rem = 1; /* nonzero, below half */
        half = 2;
    } else {
        q = m >> shift;
        rem = m & ((1ull << shift) - 1);
        half = 1ull << (shift - 1);
    }
    bool inexact = rem != 0;
    bool neg = sign != 0;
    switch (fp_rmode_of(fpcr)) {
    case FPRM_TIEEVEN: q += rem > half || (rem == half && (q & 1)); break;
    case FPRM_POSINF:  q += inexact && !neg; break;
    case FPRM_NEGINF:  q += inexact && neg; break;
    default: break;
    }
    if (e < -14) {
        if (inexact) {
            *fpsr |= FPSR_UFC | FPSR_IXC;
        }
        return sign | (uint16_t)q; /* q == 0x400 encodes the smallest normal */
    }
    if (q == 0x800) {
        q = 0x400;
        e++;
    }
    if (e > 15) {
        enum fp_rmode rm = fp_rmode_of(fpcr);
        *fpsr |= FPSR_OFC | FPSR_IXC;
        bool to_inf = rm == FPRM_TIEEVEN || (rm == FPRM_POSINF && !neg) ||
                      (rm == FPRM_NEGINF && neg);
        return sign | (to_inf ? 0x7c00 : 0x7bff);
    }
    if (inexact) {
        *fpsr |= FPSR_IXC;
    }
    return sign | (uint16_t)((unsigned)(e + 15) << 10) | (uint16_t)(q & 0x3ff);
}

uint16_t fp_cvt_d_to_h(uint64_t a, uint32_t fpcr, uint32_t *fpsr)
{
    a = fp64_flush_in(a, fpcr, fpsr);
    if (fp64_is_nan(a)) {
        return (uint16_t)convert_nan(fp64_is_snan(a), (a >> 63) << 15, (a >> 42) & 0x1ff, 0x7e00,
                                     fpcr, fpsr);
    }
    return round_to_half(a, fpcr, fpsr);
}

uint16_t fp_cvt_s_to_h(uint32_t a, uint32_t fpcr, uint32_t *fpsr)
{
    a = fp32_flush_in(a, fpcr, fpsr);
    if (fp32_is_nan(a)) {
        return (uint16_t)convert_nan(fp32_is_snan(a), (uint64_t)(a >> 31) << 15,
                                     (a >> 13) & 0x1ff, 0x7e00, fpcr, fpsr);
    }
    return round_to_half(fp64_u((double)fp32_f(a)), fpcr, fpsr);
}

/* --- FMOV immediate --------------------------------------------------------- */

/* imm8 = a:b:cdefgh -> sign a, exponent NOT(b):b..b:cd, fraction efgh. */
uint64_t fp64_expand_imm(uint8_t imm8)
{
    uint64_t sign = (uint64_t)(imm8 >> 7) << 63;
    unsigned b = (imm8 >> 6) & 1;
    uint64_t exp = ((uint64_t)(!b) << 10) | (b ? 0x3fcull : 0) | ((imm8 >> 4) & 3);
    return sign | (exp << 52) | ((uint64_t)(imm8 & 0xf) << 48);
}

uint32_t fp32_expand_imm(uint8_t imm8)
{
    uint32_t sign = (uint32_t)(imm8 >> 7) << 31;
    unsigned b = (imm8 >> 6) & 1;
    uint32_t exp = ((uint32_t)(!b) << 7) | (b ? 0x7cu : 0) | ((imm8 >> 4) & 3);
    return sign | (exp << 23) | ((uint32_t)(imm8 & 0xf) << 19);
}
