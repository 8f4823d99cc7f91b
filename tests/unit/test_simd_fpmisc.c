/*
 * Unit tests of the reciprocal and square-root estimates and steps, FMULX,
 * FRECPX and FCVTXN's rounding to odd (arm/softfp.c, arm/fp_recip.c): the
 * 9-bit estimate cores against the ARM ARM's pseudocode for every input,
 * and the special cases (overflow of FRECPE below 2^-128 per rounding mode,
 * FZ flushing, division by zero, NaNs, halving in FRSQRTS, rounding to odd
 * into denormals and on overflow) with results and FPSR flags as
 * qemu-system-aarch64 -cpu cortex-a57 gives them.
 */
#include <glib.h>

#include "arm/fp_recip.h"
#include "arm/softfp.h"

#define RM(mode) ((uint32_t)(mode) << FPCR_RMODE_SHIFT)

/* The ARM ARM's RecipEstimate, literally. */
static unsigned ref_recip_estimate(unsigned a)
{
    a = a * 2 + 1;
    unsigned b = (1u << 19) / a;
    return (b + 1) / 2;
}

/* The ARM ARM's RecipSqrtEstimate, with its counting loop. */
static unsigned ref_rsqrt_estimate(unsigned a)
{
    if (a < 256) {
        a = a * 2 + 1;
    } else {
        a = (a >> 1) << 1;
        a = (a + 1) * 2;
    }
    unsigned b = 512;
    while ((uint64_t)a * (b + 1) * (b + 1) < (1u << 28)) {
        b++;
    }
    return (b + 1) / 2;
}

static void test_estimate_cores(void)
{
    for (unsigned a = 256; a < 512; a++) {
        unsigned r = fp_recip_estimate9(a);
        g_assert_cmpuint(r, ==, ref_recip_estimate(a));
        g_assert_cmpuint(r, >=, 256);
        g_assert_cmpuint(r, <, 512);
    }
    for (unsigned a = 128; a < 512; a++) {
        unsigned r = fp_rsqrt_estimate9(a);
        g_assert_cmpuint(r, ==, ref_rsqrt_estimate(a));
        g_assert_cmpuint(r, >=, 256);
        g_assert_cmpuint(r, <, 512);
    }
    /* URECPE of 0.75 (0xc0000000) is 0xaa800000, URSQRTE of 0.5 is 0xb4800000 (QEMU). */
    g_assert_cmphex(fp_recip_estimate9(0xc0000000u >> 23) << 23, ==, 0xaa800000u);
    g_assert_cmphex(fp_rsqrt_estimate9(0x80000000u >> 23) << 23, ==, 0xb4800000u);
    g_assert_cmphex(fp_recip_estimate9(256) << 23, ==, 0xff800000u);
}

/* One case: function, input(s), FPCR, and what QEMU returned. */
enum fn {
    RECPE32, RECPE64, RSQRTE32, RSQRTE64, RECPS32, RSQRTS32, RSQRTS64, MULX32, CVTXN,
    RECPX32, RECPX64,
};

struct fp_case {
    enum fn fn;
    uint64_t a, b;
    uint32_t fpcr;
    uint64_t result;
    uint32_t fpsr;
};

static const struct fp_case cases[] = {
    /* FRECPE single: plain, overflow below 2^-128 by rounding mode, FZ. */
    { RECPE32, 0x3f800000, 0, 0, 0x3f7f8000, 0 },
    { RECPE32, 0x40400000, 0, 0, 0x3eaa8000, 0 },
    { RECPE32, 0x001fffff, 0, 0, 0x7f800000, FPSR_OFC | FPSR_IXC },
    { RECPE32, 0x001fffff, 0, RM(FPRM_ZERO), 0x7f7fffff, FPSR_OFC | FPSR_IXC },
    { RECPE32, 0x801fffff, 0, RM(FPRM_POSINF), 0xff7fffff, FPSR_OFC | FPSR_IXC },
    { RECPE32, 0x801fffff, 0, RM(FPRM_NEGINF), 0xff800000, FPSR_OFC | FPSR_IXC },
    { RECPE32, 0x00200000, 0, 0, 0x7f7f8000, 0 },
    { RECPE32, 0x00400001, 0, 0, 0x7eff8000, 0 },
    { RECPE32, 0x7e800000, 0, FPCR_FZ, 0, FPSR_UFC },
    { RECPE32, 0x7e7fffff, 0, FPCR_FZ, 0x00800000, 0 },
    { RECPE32, 0x00000001, 0, FPCR_FZ, 0x7f800000, FPSR_IDC | FPSR_DZC },
    { RECPE32, 0x80000000, 0, 0, 0xff800000, FPSR_DZC },
    { RECPE32, 0xff800000, 0, 0, 0x80000000, 0 },
    { RECPE32, 0x7f800001, 0, 0, 0x7fc00001, FPSR_IOC },
    { RECPE32, 0x7f800001, 0, FPCR_DN, 0x7fc00000, FPSR_IOC },
    /* FRECPE double: a denormal result (exponent -1 case), overflow, FZ. */
    { RECPE64, 0x3ff0000000000000ull, 0, 0, 0x3feff00000000000ull, 0 },
    { RECPE64, 0x0003ffffffffffffull, 0, 0, 0x7ff0000000000000ull, FPSR_OFC | FPSR_IXC },
    { RECPE64, 0x0004000000000000ull, 0, 0, 0x7feff00000000000ull, 0 },
    { RECPE64, 0x7fd0000000000000ull, 0, FPCR_FZ, 0, FPSR_UFC },
    /* FRSQRTE: both exponent parities, a denormal, negative, zero, inf. */
    { RSQRTE32, 0x3f800000, 0, 0, 0x3f7f8000, 0 },
    { RSQRTE32, 0x40800000, 0, 0, 0x3eff8000, 0 },
    { RSQRTE32, 0x40000000, 0, 0, 0x3f348000, 0 },
    { RSQRTE32, 0x00000001, 0, 0, 0x64b48000, 0 },
    { RSQRTE32, 0xbf800000, 0, 0, 0x7fc00000, FPSR_IOC },
    { RSQRTE32, 0x80000000, 0, 0, 0xff800000, FPSR_DZC },
    { RSQRTE32, 0x7f800000, 0, 0, 0, 0 },
    { RSQRTE32, 0x80000001, 0, FPCR_FZ, 0xff800000, FPSR_IDC | FPSR_DZC },
    { RSQRTE64, 0x3ff0000000000000ull, 0, 0, 0x3feff00000000000ull, 0 },
    { RSQRTE64, 0x0000000000000001ull, 0, 0, 0x617ff00000000000ull, 0 },
    { RSQRTE64, 0x4010000000000000ull, 0, 0, 0x3fdff00000000000ull, 0 },
    /* FRECPS: inf * 0 is +2; an exact zero takes its sign from the rounding
     * mode; a signalling NaN operand is negated first. */
    { RECPS32, 0x7f800000, 0x80000000, 0, 0x40000000, 0 },
    { RECPS32, 0x40000000, 0x3f800000, 0, 0, 0 },
    { RECPS32, 0x40000000, 0x3f800000, RM(FPRM_NEGINF), 0x80000000, 0 },
    { RECPS32, 0x7fa00000, 0x3f800000, 0, 0xffe00000, FPSR_IOC },
    /* FRSQRTS: inf * 0 is 1.5; results past the largest 3 + a*b; tiny products. */
    { RSQRTS32, 0x7f800000, 0x00000000, 0, 0x3fc00000, 0 },
    { RSQRTS32, 0x7f000000, 0x40400000, 0, 0xff400000, FPSR_IXC },
    { RSQRTS32, 0x7f000000, 0xc0400000, 0, 0x7f400000, FPSR_IXC },
    { RSQRTS32, 0x00000001, 0x00000001, 0, 0x3fc00000, FPSR_IXC },
    { RSQRTS32, 0x00000001, 0x00000001, RM(FPRM_NEGINF), 0x3fbfffff, FPSR_IXC },
    { RSQRTS32, 0x3f800000, 0x40400000, 0, 0, 0 },
    { RSQRTS64, 0x7fe0000000000000ull, 0x4008000000000000ull, 0, 0xffe8000000000000ull,
      FPSR_IXC },
    { RSQRTS64, 3, 5, RM(FPRM_ZERO), 0x3ff7ffffffffffffull, FPSR_IXC },
    /* FMULX: inf * 0 is 2 with the product's sign, even via an FZ-flushed denormal. */
    { MULX32, 0x7f800000, 0x80000000, 0, 0xc0000000, 0 },
    { MULX32, 0x00000001, 0xff800000, FPCR_FZ, 0xc0000000, FPSR_IDC },
    { MULX32, 0x40000000, 0x40400000, 0, 0x40c00000, 0 },
    /* FCVTXN: round to odd, overflow to the largest normal, denormals, FZ. */
    { CVTXN, 0x3ff0000040000000ull, 0, 0, 0x3f800002, 0 },
    { CVTXN, 0x3ff0000010000000ull, 0, 0, 0x3f800001, FPSR_IXC },
    { CVTXN, 0x47f0000000000000ull, 0, 0, 0x7f7fffff, FPSR_OFC | FPSR_IXC },
    { CVTXN, 0xc7efffffffffffffull, 0, 0, 0xff7fffff, FPSR_IXC },
    { CVTXN, 0x3690000000000000ull, 0, 0, 0x00000001, FPSR_UFC | FPSR_IXC },
    { CVTXN, 0x3690000000000000ull, 0, FPCR_FZ, 0, FPSR_UFC },
    { CVTXN, 0x0000000000000001ull, 0, 0, 0x00000001, FPSR_UFC | FPSR_IXC },
    { CVTXN, 0x7ff0000000000001ull, 0, 0, 0x7fc00000, FPSR_IOC },
    /* FRECPX. */
    { RECPX32, 0x3f800000, 0, 0, 0x40000000, 0 },
    { RECPX32, 0x00000001, 0, 0, 0x7f000000, 0 },
    { RECPX32, 0x80000001, 0, FPCR_FZ, 0xff000000, FPSR_IDC },
    { RECPX32, 0xff800000, 0, 0, 0x80000000, 0 },
    { RECPX32, 0x7f800001, 0, 0, 0x7fc00001, FPSR_IOC },
    { RECPX64, 0x3ff0000000000000ull, 0, 0, 0x4000000000000000ull, 0 },
    { RECPX64, 0x000fffffffffffffull, 0, 0, 0x7fe0000000000000ull, 0 },
};

static uint64_t run_case(const struct fp_case *c, uint32_t *fpsr)
{
    uint32_t a32 = (uint32_t)c->a, b32 = (uint32_t)c->b;
    switch (c->fn) {
    case RECPE32:  return fp32_recip_estimate(a32, c->fpcr, fpsr);
    case RECPE64:  return fp64_recip_estimate(c->a, c->fpcr, fpsr);
    case RSQRTE32: return fp32_rsqrt_estimate(a32, c->fpcr, fpsr);
    case RSQRTE64: return fp64_rsqrt_estimate(c->a, c->fpcr, fpsr);
    case RECPS32:  return fp32_recip_step(a32, b32, c->fpcr, fpsr);
    case RSQRTS32: return fp32_rsqrt_step(a32, b32, c->fpcr, fpsr);
    case RSQRTS64: return fp64_rsqrt_step(c->a, c->b, c->fpcr, fpsr);
    case MULX32:   return fp32_mulx(a32, b32, c->fpcr, fpsr);
    case CVTXN:    return fp_cvt_d_to_s_odd(c->a, c->fpcr, fpsr);
    case RECPX32:  return fp32_recpx(a32, c->fpcr, fpsr);
    default:       return fp64_recpx(c->a, c->fpcr, fpsr);
    }
}

static void test_special_cases(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        const struct fp_case *c = &cases[i];
        uint32_t fpsr = 0;
        uint64_t r = run_case(c, &fpsr);
        if (r != c->result || fpsr != c->fpsr) {
            g_test_message("case %zu: fn %d a %#" G_GINT64_MODIFIER "x b %#" G_GINT64_MODIFIER
                           "x fpcr %#x: got %#" G_GINT64_MODIFIER "x fpsr %#x",
                           i, (int)c->fn, c->a, c->b, c->fpcr, r, fpsr);
        }
        g_assert_cmphex(r, ==, c->result);
        g_assert_cmphex(fpsr, ==, c->fpsr);
    }
}

/* FRSQRTS halves whichever factor can be halved exactly: the result must
 * not depend on the operand order. */
static void test_rsqrt_step_symmetry(void)
{
    static const uint32_t v[] = {
        0x00000001, 0x007fffff, 0x00800000, 0x00800001, 0x01000000, 0x3f800000,
        0x7f7fffff, 0x7f000000, 0x40400000, 0xbfc00000, 0x80800001, 0x5f800000,
    };
    for (unsigned rm = 0; rm < 4; rm++) {
        for (size_t i = 0; i < G_N_ELEMENTS(v); i++) {
            for (size_t j = 0; j < G_N_ELEMENTS(v); j++) {
                uint32_t f1 = 0, f2 = 0;
                uint32_t r1 = fp32_rsqrt_step(v[i], v[j], RM(rm), &f1);
                uint32_t r2 = fp32_rsqrt_step(v[j], v[i], RM(rm), &f2);
                g_assert_cmphex(r1, ==, r2);
                g_assert_cmphex(f1, ==, f2);
            }
        }
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/simd_fpmisc/estimate_cores", test_estimate_cores);
    g_test_add_func("/simd_fpmisc/special_cases", test_special_cases);
    g_test_add_func("/simd_fpmisc/rsqrt_step_symmetry", test_rsqrt_step_symmetry);
    return g_test_run();
}
