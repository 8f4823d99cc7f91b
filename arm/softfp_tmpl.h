/*
 * Body of the single- and double-precision functions of arm/softfp.c,
 * included once per precision with these defined:
 *   FN(name)   function name for this precision (fp32_name / fp64_name)
 *   FT, UT     host float type and raw bits type
 *   FBITS      total bits; MBITS mantissa bits
 *   FT_FMA     fmaf / fma;  FT_SQRT sqrtf / sqrt
 */
#define SIGN_BIT  ((UT)1 << (FBITS - 1))
#define EXP_MASK  ((UT)(SIGN_BIT - 1) & ~MANT_MASK)
#define MANT_MASK (((UT)1 << MBITS) - 1)
#define QUIET_BIT ((UT)1 << (MBITS - 1))
#define DEF_NAN   (EXP_MASK | QUIET_BIT)
#define MIN_NORM  ((UT)1 << MBITS)
#define INF_BITS  EXP_MASK

static inline FT FN(f)(UT u) { FT f; memcpy(&f, &u, sizeof(f)); return f; }
static inline UT FN(u)(FT f) { UT u; memcpy(&u, &f, sizeof(u)); return u; }

static inline bool FN(is_nan)(UT u) { return (u & ~SIGN_BIT) > EXP_MASK; }
static inline bool FN(is_snan)(UT u) { return FN(is_nan)(u) && !(u & QUIET_BIT); }
static inline bool FN(is_denormal)(UT u) { return (u & EXP_MASK) == 0 && (u & MANT_MASK) != 0; }

/* FZ: a denormal input becomes a zero of the same sign (IDC). */
static inline UT FN(flush_in)(UT u, uint32_t fpcr, uint32_t *fpsr)
{
    if ((fpcr & FPCR_FZ) && FN(is_denormal)(u)) {
        *fpsr |= FPSR_IDC;
        return u & SIGN_BIT;
    }
    return u;
}

/* A NaN operand as a result: quieted (IOC if it was signalling) or DN's default. */
static UT FN(process_nan)(UT u, uint32_t fpcr, uint32_t *fpsr)
{
    if (FN(is_snan)(u)) {
        *fpsr |= FPSR_IOC;
    }
    return (fpcr & FPCR_DN) ? DEF_NAN : (u | QUIET_BIT);
}

/* FPProcessNaNs: signalling NaNs first, then quiet ones, in operand order. */
static UT FN(pick_nan2)(UT a, UT b, uint32_t fpcr, uint32_t *fpsr)
{
    if (FN(is_snan)(a)) {
        if (FN(is_snan)(b)) { /* both signal: one IOC, a wins */ }
        return FN(process_nan)(a, fpcr, fpsr);
    }
    if (FN(is_snan)(b)) {
        return FN(process_nan)(b, fpcr, fpsr);
    }
    return FN(process_nan)(FN(is_nan)(a) ? a : b, fpcr, fpsr);
}

/*
 * After a host operation on non-NaN operands: default NaN for an invalid
 * result, then underflow as ARM sees it. 'tiny' tells whether the exact
 * result was below the smallest normal (asked only when the host result is
 * exactly +-MIN_NORM and inexact: the one case where x86's after-rounding
 * tininess differs).
 */
static UT FN(finish)(FT r, unsigned host, uint32_t fpcr, uint32_t *fpsr,
                     bool (*tiny)(FT, FT, FT), FT x, FT y, FT z)
{
    UT u = FN(u)(r);
    uint32_t flags = host_to_fpsr(host);
    if (unlikely(FN(is_nan)(u))) {
        *fpsr |= flags;
        return DEF_NAN;
    }
    UT mag = u & ~SIGN_BIT;
    if (unlikely(mag < MIN_NORM && mag != 0) || unlikely((flags & FPSR_UFC)) ||
        unlikely(mag == MIN_NORM && (flags & FPSR_IXC))) {
        bool was_tiny = mag < MIN_NORM || (flags & FPSR_UFC) ||
                        (tiny && tiny(x, y, z));
        if (was_tiny && (fpcr & FPCR_FZ)) {
            *fpsr |= (flags & ~(FPSR_UFC | FPSR_IXC)) | FPSR_UFC;
            return u & SIGN_BIT;
        }
        if (was_tiny && (flags & FPSR_IXC)) {
            flags |= FPSR_UFC;
        }
    }
    *fpsr |= flags;
    return u;
}

/* Exact-result tininess for products and quotients (see finish()). */
static bool FN(tiny_mul)(FT x, FT y, FT z)
{
    (void)z;
    double p, e;
    double xs = (double)x * 0x1p200, ys = (double)y;
    p = xs * ys;
    e = fma(xs, ys, -p);
    double t = FBITS == 32 ? 0x1p-126 * 0x1p200 : 0x1p-1022 * 0x1p200;
    if (FBITS == 32) {
        return fabs(p) < t; /* the double product of two floats is exact */
    }
    return fabs(p) < t || (fabs(p) == t && e != 0 && (e < 0) != (p < 0));
}

static bool FN(tiny_div)(FT x, FT y, FT z)
{
    (void)z;
    double xs = (double)x * 0x1p200, ys = (double)y;
    double q = xs / ys;
    double r = fma(-q, ys, xs);
    double t = FBITS == 32 ? 0x1p-126 * 0x1p200 : 0x1p-1022 * 0x1p200;
    return fabs(q) < t ||
           (fabs(q) == t && r != 0 && ((r < 0) != (ys < 0)) != (q < 0));
}

/* Tininess of x * y + z: the product split exactly (fma), then summed with
 * z in two-sum order, all scaled up out of the denormal range. */
static bool FN(tiny_fma)(FT x, FT y, FT z)
{
    double xs = (double)x * 0x1p600, ys = (double)y, zs = (double)z * 0x1p600;
    double ph = xs * ys;
    double pl = fma(xs, ys, -ph);
    double s, r;
    if (fabs(ph) < 0x1p-900) {
        /* The product is far below z's ulp: only its sign counts. */
        s = zs;
        r = (x != 0 && y != 0) ? (((x < 0) != (y < 0)) ? -1.0 : 1.0) : 0.0;
    } else {
        s = ph + zs;
        double bb = s - ph;
        double e1 = (ph - (s - bb)) + (zs - bb);
        r = e1 + pl;
    }
    double t = FBITS == 32 ? 0x1p-126 * 0x1p600 : 0x1p-1022 * 0x1p600;
    if (isinf(ph) || isnan(s)) {
        return false;
    }
    return fabs(s) < t || (fabs(s) == t && r != 0 && (r < 0) != (s < 0));
}

/* Barrier so the compiler keeps FP arithmetic between the MXCSR accesses. */
#define FP_BARRIER(v) __asm__ volatile("" : "+x"(v))

UT FN(op2)(enum fp_op2 op, UT a, UT b, uint32_t fpcr, uint32_t *fpsr)
{
    if (unlikely(fpcr & FPCR_FZ)) {
        a = FN(flush_in)(a, fpcr, fpsr);
        b = FN(flush_in)(b, fpcr, fpsr);
    }
    if (unlikely(FN(is_nan)(a) || FN(is_nan)(b))) {
        if (op == FP_MAXNM || op == FP_MINNM) {
            /* One quiet NaN against a number: the number wins. */
            UT other_inf = (op == FP_MAXNM ? SIGN_BIT : 0) | INF_BITS;
            bool qa = FN(is_nan)(a) && !FN(is_snan)(a);
            bool qb = FN(is_nan)(b) && !FN(is_snan)(b);
            if (qa && !FN(is_nan)(b)) {
                a = other_inf;
            } else if (qb && !FN(is_nan)(a)) {
                b = other_inf;
            } else {
                return FN(pick_nan2)(a, b, fpcr, fpsr);
            }
            op = op == FP_MAXNM ? FP_MAX : FP_MIN;
        } else {
            UT r = FN(pick_nan2)(a, b, fpcr, fpsr);
            return op == FP_NMUL ? r ^ SIGN_BIT : r;
        }
    }
    if (op == FP_MAX || op == FP_MIN || op == FP_MAXNM || op == FP_MINNM) {
        FT fa = FN(f)(a), fb = FN(f)(b);
        bool max = op == FP_MAX || op == FP_MAXNM;
        if (fa == fb) {
            /* Equal (possibly +0 and -0): max takes +0, min takes -0. */
            return max ? (a & b) : (a | b);
        }
        return ((fa > fb) == max) ? a : b;
    }
    FT x = FN(f)(a), y = FN(f)(b), r;
    if (likely(host_fast_mode(fpcr, *fpsr))) {
        FP_BARRIER(x);
        FP_BARRIER(y);
        switch (op) {
        case FP_MUL: case FP_NMUL: r = x * y; break;
        case FP_DIV: r = x / y; break;
        case FP_ADD: r = x + y; break;
        default:     r = x - y; break;
        }
        FP_BARRIER(r);
        UT mag = FN(u)(r) & ~SIGN_BIT;
        if (likely(mag > MIN_NORM && mag < INF_BITS)) {
            return FN(u)(r) ^ (op == FP_NMUL ? SIGN_BIT : 0);
        }
    }
    bool (*tiny)(FT, FT, FT) = NULL;
    host_begin(fpcr);
    FP_BARRIER(x);
    FP_BARRIER(y);
    switch (op) {
    case FP_MUL: r = x * y; tiny = FN(tiny_mul); break;
    case FP_NMUL: r = x * y; tiny = FN(tiny_mul); break;
    case FP_DIV: r = x / y; tiny = FN(tiny_div); break;
    case FP_ADD: r = x + y; break;
    default:     r = x - y; break;
    }
    FP_BARRIER(r);
    unsigned host = host_end(fpcr);
    UT res = FN(finish)(r, host, fpcr, fpsr, tiny, x, y, 0);
    if (op == FP_NMUL) {
        res ^= SIGN_BIT;
    }
    return res;
}

UT FN(muladd)(UT n, UT m, UT a, uint32_t fpcr, uint32_t *fpsr)
{
    if (unlikely(fpcr & FPCR_FZ)) {
        n = FN(flush_in)(n, fpcr, fpsr);
        m = FN(flush_in)(m, fpcr, fpsr);
        a = FN(flush_in)(a, fpcr, fpsr);
    }
    if (unlikely(FN(is_nan)(n) || FN(is_nan)(m) || FN(is_nan)(a))) {
        bool inf_zero = ((n & ~SIGN_BIT) == INF_BITS && (m & ~SIGN_BIT) == 0) ||
                        ((m & ~SIGN_BIT) == INF_BITS && (n & ~SIGN_BIT) == 0);
        if (inf_zero && FN(is_nan)(a) && !FN(is_snan)(a)) {
            *fpsr |= FPSR_IOC;
            return DEF_NAN;
        }
        if (FN(is_snan)(a)) return FN(process_nan)(a, fpcr, fpsr);
        if (FN(is_snan)(n)) return FN(process_nan)(n, fpcr, fpsr);
        if (FN(is_snan)(m)) return FN(process_nan)(m, fpcr, fpsr);
        if (FN(is_nan)(a)) return FN(process_nan)(a, fpcr, fpsr);
        if (FN(is_nan)(n)) return FN(process_nan)(n, fpcr, fpsr);
        return FN(process_nan)(m, fpcr, fpsr);
    }
    FT x = FN(f)(n), y = FN(f)(m), z = FN(f)(a), r;
    if (likely(host_fast_mode(fpcr, *fpsr))) {
        FP_BARRIER(x);
        FP_BARRIER(y);
        FP_BARRIER(z);
        r = FT_FMA(x, y, z);
        FP_BARRIER(r);
        UT mag = FN(u)(r) & ~SIGN_BIT;
        if (likely(mag > MIN_NORM && mag < INF_BITS)) {
            return FN(u)(r);
        }
    }
    host_begin(fpcr);
    FP_BARRIER(x);
    FP_BARRIER(y);
    FP_BARRIER(z);
    r = FT_FMA(x, y, z);
    FP_BARRIER(r);
    unsigned host = host_end(fpcr);
    return FN(finish)(r, host, fpcr, fpsr, FN(tiny_fma), x, y, z);
}

UT FN(sqrt)(UT a, uint32_t fpcr, uint32_t *fpsr)
{
    a = FN(flush_in)(a, fpcr, fpsr);
    if (unlikely(FN(is_nan)(a))) {
        return FN(process_nan)(a, fpcr, fpsr);
    }
    FT x = FN(f)(a), r;
    host_begin(fpcr);
    FP_BARRIER(x);
    r = FT_SQRT(x);
    FP_BARRIER(r);
    unsigned host = host_end(fpcr);
    return FN(finish)(r, host, fpcr, fpsr, NULL, x, 0, 0);
}

uint32_t FN(compare)(UT a, UT b, bool signal, uint32_t fpcr, uint32_t *fpsr)
{
    a = FN(flush_in)(a, fpcr, fpsr);
    b = FN(flush_in)(b, fpcr, fpsr);
    if (FN(is_nan)(a) || FN(is_nan)(b)) {
        if (signal || FN(is_snan)(a) || FN(is_snan)(b)) {
            *fpsr |= FPSR_IOC;
        }
        return 0x30000000u;
    }
    FT x = FN(f)(a), y = FN(f)(b);
    if (x == y) {
        return 0x60000000u;
    }
    return x < y ? 0x80000000u : 0x20000000u;
}

static FT FN(round_mode)(FT x, enum fp_rmode rmode)
{
    switch (rmode) {
    case FPRM_TIEEVEN: return FBITS == 32 ? roundevenf(x) : roundeven(x);
    case FPRM_POSINF:  return FBITS == 32 ? ceilf(x) : ceil(x);
    case FPRM_NEGINF:  return FBITS == 32 ? floorf(x) : floor(x);
    case FPRM_ZERO:    return FBITS == 32 ? truncf(x) : trunc(x);
    default:           return FBITS == 32 ? roundf(x) : round(x);
    }
}

UT FN(round_int)(UT a, enum fp_rmode rmode, bool exact, uint32_t fpcr, uint32_t *fpsr)
{
    a = FN(flush_in)(a, fpcr, fpsr);
    if (FN(is_nan)(a)) {
        return FN(process_nan)(a, fpcr, fpsr);
    }
    FT x = FN(f)(a);
    FT r = FN(round_mode)(x, rmode);
    if (exact && r != x) {
        *fpsr |= FPSR_IXC;
    }
    /* Keep the sign of x for a zero result (e.g. -0.3 -> -0.0). */
    return FN(u)(r) | (a & SIGN_BIT);
}

uint64_t FN(to_int)(UT a, enum fp_rmode rmode, bool is_signed, unsigned bits,
                    unsigned fbits, uint32_t fpcr, uint32_t *fpsr)
{
    a = FN(flush_in)(a, fpcr, fpsr);
    if (FN(is_nan)(a)) {
        *fpsr |= FPSR_IOC;
        return 0;
    }
    double x = (double)FN(f)(a) * ldexp(1.0, (int)fbits);
    double r = (rmode == FPRM_TIEEVEN) ? roundeven(x)
             : (rmode == FPRM_POSINF)  ? ceil(x)
             : (rmode == FPRM_NEGINF)  ? floor(x)
             : (rmode == FPRM_ZERO)    ? trunc(x)
                                       : round(x);
    double lo = is_signed ? -ldexp(1.0, (int)bits - 1) : 0.0;
    double hi = is_signed ? ldexp(1.0, (int)bits - 1) : ldexp(1.0, (int)bits);
    if (r < lo) {
        *fpsr |= FPSR_IOC;
        return is_signed ? 1ull << (bits - 1) : 0; /* INT_MIN of the width */
    }
    if (r >= hi) {
        *fpsr |= FPSR_IOC;
        return is_signed ? ((1ull << (bits - 1)) - 1) : (bits == 64 ? ~0ull : 0xffffffffull);
    }
    if (r != x) {
        *fpsr |= FPSR_IXC;
    }
    uint64_t v = is_signed ? (uint64_t)(int64_t)r : (uint64_t)r;
    return bits == 64 ? v : (uint32_t)v;
}

UT FN(from_int)(uint64_t v, bool is_signed, unsigned fbits, uint32_t fpcr, uint32_t *fpsr)
{
    FT r;
    host_begin(fpcr);
    if (is_signed) {
        int64_t s = (int64_t)v;
        __asm__ volatile("" : "+r"(s));
        r = (FT)s;
    } else {
        __asm__ volatile("" : "+r"(v));
        r = (FT)v;
    }
    FP_BARRIER(r);
    unsigned host = host_end(fpcr);
    *fpsr |= host_to_fpsr(host) & FPSR_IXC;
    if (fbits) {
        r = r * (FT)ldexp(1.0, -(int)fbits); /* exact: no result gets near denormal */
    }
    return FN(u)(r);
}

/* --- FMULX, reciprocal steps and estimates, FRECPX ---------------------------- */

#define EXP_BIAS    (((UT)1 << (FBITS - MBITS - 2)) - 1)
#define FP_THREE_HALVES ((EXP_BIAS << MBITS) | QUIET_BIT) /* top fraction bit: 1.5 */
#define FP_TWO      ((EXP_BIAS + 1) << MBITS)
#define FP_THREE    (((EXP_BIAS + 1) << MBITS) | QUIET_BIT)

static inline bool FN(inf_times_zero)(UT a, UT b)
{
    UT ma = a & ~SIGN_BIT, mb = b & ~SIGN_BIT;
    return (ma == INF_BITS && mb == 0) || (ma == 0 && mb == INF_BITS);
}

UT FN(mulx)(UT a, UT b, uint32_t fpcr, uint32_t *fpsr)
{
    a = FN(flush_in)(a, fpcr, fpsr);
    b = FN(flush_in)(b, fpcr, fpsr);
    if (unlikely(FN(inf_times_zero)(a, b))) {
        return ((a ^ b) & SIGN_BIT) | FP_TWO;
    }
    return FN(op2)(FP_MUL, a, b, fpcr, fpsr);
}

UT FN(recip_step)(UT a, UT b, uint32_t fpcr, uint32_t *fpsr)
{
    a = FN(flush_in)(a, fpcr, fpsr) ^ SIGN_BIT;
    b = FN(flush_in)(b, fpcr, fpsr);
    if (unlikely(FN(inf_times_zero)(a, b))) {
        return FP_TWO;
    }
    return FN(muladd)(a, b, FP_TWO, fpcr, fpsr);
}

/*
 * (3 - a*b) / 2 with one rounding: as -a * (b/2) + 1.5, halving whichever
 * factor halves exactly (a normal above the smallest binade). When neither
 * does, the product is far below 3's ulp, so 3 - a*b rounded is an
 * ordinary number that halves exactly.
 */
UT FN(rsqrt_step)(UT a, UT b, uint32_t fpcr, uint32_t *fpsr)
{
    a = FN(flush_in)(a, fpcr, fpsr) ^ SIGN_BIT;
    b = FN(flush_in)(b, fpcr, fpsr);
    if (unlikely(FN(is_nan)(a) || FN(is_nan)(b))) {
        return FN(pick_nan2)(a, b, fpcr, fpsr);
    }
    UT ma = a & ~SIGN_BIT, mb = b & ~SIGN_BIT;
    if (unlikely(FN(inf_times_zero)(a, b))) {
        return FP_THREE_HALVES;
    }
    if (ma == INF_BITS || mb == INF_BITS) {
        return ((a ^ b) & SIGN_BIT) | INF_BITS;
    }
    if (ma == 0 || mb == 0) {
        return FP_THREE_HALVES;
    }
    const UT unit = (UT)1 << MBITS;
    if (mb >= 2 * unit) {
        return FN(muladd)(a, b - unit, FP_THREE_HALVES, fpcr, fpsr);
    }
    if (ma >= 2 * unit) {
        return FN(muladd)(a - unit, b, FP_THREE_HALVES, fpcr, fpsr);
    }
    return FN(muladd)(a, b, FP_THREE, fpcr, fpsr) - unit;
}

/* FPRecipEstimate: an 8-bit estimate of 1/a (FRECPE). */
UT FN(recip_estimate)(UT a, uint32_t fpcr, uint32_t *fpsr)
{
    a = FN(flush_in)(a, fpcr, fpsr);
    UT sign = a & SIGN_BIT, mag = a & ~SIGN_BIT;
    if (FN(is_nan)(a)) {
        return FN(process_nan)(a, fpcr, fpsr);
    }
    if (mag == INF_BITS) {
        return sign;
    }
    if (mag == 0) {
        *fpsr |= FPSR_DZC;
        return sign | INF_BITS;
    }
    if (mag < ((UT)1 << (MBITS - 2))) {
        /* Below 2^-(emax+1): 1/a overflows, to infinity or the largest
         * normal as the rounding mode says. */
        enum fp_rmode rm = fp_rmode_of(fpcr);
        bool to_inf = rm == FPRM_TIEEVEN || (rm == FPRM_POSINF && !sign) ||
                      (rm == FPRM_NEGINF && sign);
        *fpsr |= FPSR_OFC | FPSR_IXC;
        return sign | (to_inf ? INF_BITS : INF_BITS - 1);
    }
    int exp = (int)(mag >> MBITS);
    if ((fpcr & FPCR_FZ) && exp >= (int)(2 * EXP_BIAS - 1)) {
        /* 1/a would be denormal: flushed. */
        *fpsr |= FPSR_UFC;
        return sign;
    }
    /* The fraction as 52 bits; a denormal is normalised by one or two places. */
    const uint64_t frac52 = (1ull << 52) - 1;
    uint64_t frac = (uint64_t)(mag & MANT_MASK) << (52 - MBITS);
    if (exp == 0) {
        if (!(frac >> 51)) {
            exp = -1;
            frac = (frac << 2) & frac52;
        } else {
            frac = (frac << 1) & frac52;
        }
    }
    unsigned est = fp_recip_estimate9(256 | (unsigned)(frac >> 44));
    int rexp = (int)(2 * EXP_BIAS - 1) - exp;
    frac = (uint64_t)(est & 0xff) << 44;
    if (rexp == 0) {
        frac = (1ull << 51) | (frac >> 1);
    } else if (rexp == -1) {
        frac = (1ull << 50) | (frac >> 2);
        rexp = 0;
    }
    return sign | ((UT)rexp << MBITS) | (UT)(frac >> (52 - MBITS));
}

/* FPRSqrtEstimate: an 8-bit estimate of 1/sqrt(a) (FRSQRTE). */
UT FN(rsqrt_estimate)(UT a, uint32_t fpcr, uint32_t *fpsr)
{
    a = FN(flush_in)(a, fpcr, fpsr);
    UT mag = a & ~SIGN_BIT;
    if (FN(is_nan)(a)) {
        return FN(process_nan)(a, fpcr, fpsr);
    }
    if (mag == 0) {
        *fpsr |= FPSR_DZC;
        return (a & SIGN_BIT) | INF_BITS;
    }
    if (a & SIGN_BIT) {
        *fpsr |= FPSR_IOC;
        return DEF_NAN;
    }
    if (mag == INF_BITS) {
        return 0;
    }
    int exp = (int)(mag >> MBITS);
    const uint64_t frac52 = (1ull << 52) - 1;
    uint64_t frac = (uint64_t)(mag & MANT_MASK) << (52 - MBITS);
    if (exp == 0) {
        while (!(frac >> 51)) {
            frac <<= 1;
            exp--;
        }
        frac = (frac << 1) & frac52;
    }
    /* The scaled input keeps the exponent's parity: [0.25, 0.5) or [0.5, 1). */
    unsigned scaled = (exp & 1) ? (128 | (unsigned)(frac >> 45)) : (256 | (unsigned)(frac >> 44));
    unsigned est = fp_rsqrt_estimate9(scaled);
    int rexp = ((int)(3 * EXP_BIAS - 1) - exp) / 2;
    return ((UT)rexp << MBITS) | ((UT)(est & 0xff) << (MBITS - 8));
}

/* FPRecpX: the exponent inverted, the fraction cleared (FRECPX). */
UT FN(recpx)(UT a, uint32_t fpcr, uint32_t *fpsr)
{
    if (FN(is_nan)(a)) {
        return FN(process_nan)(a, fpcr, fpsr);
    }
    a = FN(flush_in)(a, fpcr, fpsr);
    UT exp = a & EXP_MASK;
    UT rexp = exp == 0 ? EXP_MASK - ((UT)1 << MBITS) : ~exp & EXP_MASK;
    return (a & SIGN_BIT) | rexp;
}

#undef EXP_BIAS
#undef FP_THREE_HALVES
#undef FP_TWO
#undef FP_THREE

#undef SIGN_BIT
#undef EXP_MASK
#undef MANT_MASK
#undef QUIET_BIT
#undef DEF_NAN
#undef MIN_NORM
#undef INF_BITS
#undef FP_BARRIER
