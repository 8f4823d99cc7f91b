/*
 * Unit tests of arm/softfp.c on the cases where ARM differs from a plain
 * host FPU: NaN propagation order and quieting, the default NaN, FZ with its
 * IDC/UFC flags, before-rounding tininess, rounding modes, FMAXNM/FMINNM
 * with one quiet NaN, signed zeros in FMAX/FMIN, conversion saturation and
 * half-precision rounding. The same functions agree with QEMU on random
 * differential runs of every scalar FP instruction (tests/guest/fp_random.c).
 */
#include <glib.h>

#include "arm/softfp.h"

#define D_ONE   0x3ff0000000000000ull
#define D_TWO   0x4000000000000000ull
#define D_QNAN  0x7ff8000000000000ull
#define D_QNAN2 0xfff8000000000123ull
#define D_SNAN  0x7ff0000000000abcull
#define D_DENORM 0x0000000000000001ull
#define D_MINNORM 0x0010000000000000ull

#define RM(mode) ((uint32_t)(mode) << FPCR_RMODE_SHIFT)

static void test_nan_propagation(void)
{
    uint32_t fpsr = 0;
    /* Signalling beats quiet even as the second operand; it comes out quiet. */
    g_assert_cmphex(fp64_op2(FP_ADD, D_QNAN2, D_SNAN, 0, &fpsr), ==, D_SNAN | (1ull << 51));
    g_assert_cmphex(fpsr, ==, FPSR_IOC);
    /* Two quiet NaNs: the first operand's. */
    fpsr = 0;
    g_assert_cmphex(fp64_op2(FP_MUL, D_QNAN2, D_QNAN, 0, &fpsr), ==, D_QNAN2);
    g_assert_cmphex(fpsr, ==, 0);
    /* DN: the default NaN, still IOC for a signalling input. */
    fpsr = 0;
    g_assert_cmphex(fp64_op2(FP_SUB, D_ONE, D_SNAN, FPCR_DN, &fpsr), ==, D_QNAN);
    g_assert_cmphex(fpsr, ==, FPSR_IOC);
    /* An invalid operation makes the positive default NaN (x86 makes a negative one). */
    fpsr = 0;
    g_assert_cmphex(fp64_op2(FP_SUB, 0x7ff0000000000000ull, 0x7ff0000000000000ull, 0, &fpsr),
                    ==, D_QNAN);
    g_assert_cmphex(fpsr, ==, FPSR_IOC);
    /* FNMUL negates the NaN it returns. */
    fpsr = 0;
    g_assert_cmphex(fp64_op2(FP_NMUL, D_QNAN, D_ONE, 0, &fpsr), ==, D_QNAN | (1ull << 63));
    /* Fused: inf * 0 + qNaN is the default NaN with IOC. */
    fpsr = 0;
    g_assert_cmphex(fp64_muladd(0x7ff0000000000000ull, 0, D_QNAN2, 0, &fpsr), ==, D_QNAN);
    g_assert_cmphex(fpsr, ==, FPSR_IOC);
    /* Fused: the addend's signalling NaN wins over the multiplicands'. */
    fpsr = 0;
    g_assert_cmphex(fp32_muladd(0x7f800001u, 0x7fc00000u, 0x7fa00000u, 0, &fpsr), ==,
                    0x7fe00000u);
}

static void test_flush_to_zero(void)
{
    uint32_t fpsr = 0;
    /* Denormal input flushed (IDC), the result is exact. */
    g_assert_cmphex(fp64_op2(FP_ADD, D_DENORM, D_ONE, FPCR_FZ, &fpsr), ==, D_ONE);
    g_assert_cmphex(fpsr, ==, FPSR_IDC);
    /* Tiny output flushed: UFC only, no IXC. */
    fpsr = 0;
    g_assert_cmphex(fp64_op2(FP_MUL, 0x1ff0000000000001ull, 0xa000000000000000ull, FPCR_FZ,
                             &fpsr), ==, 0x8000000000000000ull);
    g_assert_cmphex(fpsr, ==, FPSR_UFC);
    /* Without FZ the same product underflows to a denormal: UFC | IXC. */
    fpsr = 0;
    fp64_op2(FP_MUL, 0x1ff0000000000001ull, 0xa000000000000000ull, 0, &fpsr);
    g_assert_cmphex(fpsr, ==, FPSR_UFC | FPSR_IXC);
    /* Comparisons flush too. */
    fpsr = 0;
    g_assert_cmphex(fp64_compare(D_DENORM, 0, false, FPCR_FZ, &fpsr), ==, 0x60000000u);
    g_assert_cmphex(fpsr, ==, FPSR_IDC);
}

static void test_tininess_before_rounding(void)
{
    /* (1 - 2^-24) * 2^-126 rounds up to 2^-126: tiny before rounding. */
    uint32_t fpsr = 0;
    g_assert_cmphex(fp32_op2(FP_MUL, 0x3f7fffffu, 0x00800000u, 0, &fpsr), ==, 0x00800000u);
    g_assert_cmphex(fpsr, ==, FPSR_UFC | FPSR_IXC);
    /* The same with FZ: flushed to zero. */
    fpsr = 0;
    g_assert_cmphex(fp32_op2(FP_MUL, 0x3f7fffffu, 0x00800000u, FPCR_FZ, &fpsr), ==, 0);
    g_assert_cmphex(fpsr, ==, FPSR_UFC);
    /* Double: (1 - 2^-53) * 2^-1022. */
    fpsr = 0;
    g_assert_cmphex(fp64_op2(FP_MUL, 0x3fefffffffffffffull, D_MINNORM, 0, &fpsr), ==, D_MINNORM);
    g_assert_cmphex(fpsr, ==, FPSR_UFC | FPSR_IXC);
    /* Not tiny: 2^-1022 * (1 + 2^-52) is exact and normal. */
    fpsr = 0;
    fp64_op2(FP_MUL, 0x3ff0000000000001ull, D_MINNORM, 0, &fpsr);
    g_assert_cmphex(fpsr, ==, 0);
}

static void test_rounding_modes(void)
{
    uint64_t tiny = 0x3c30000000000000ull; /* 2^-60 */
    uint32_t fpsr = 0;
    g_assert_cmphex(fp64_op2(FP_ADD, D_ONE, tiny, RM(FPRM_TIEEVEN), &fpsr), ==, D_ONE);
    g_assert_cmphex(fp64_op2(FP_ADD, D_ONE, tiny, RM(FPRM_POSINF), &fpsr), ==, D_ONE + 1);
    g_assert_cmphex(fp64_op2(FP_SUB, D_ONE, tiny, RM(FPRM_ZERO), &fpsr), ==, 0x3fefffffffffffffull);
    g_assert_cmphex(fp64_op2(FP_SUB, D_ONE, tiny, RM(FPRM_NEGINF), &fpsr), ==,
                    0x3fefffffffffffffull);
    g_assert_cmphex(fpsr, ==, FPSR_IXC);
    /* Overflow: RN gives infinity, RZ the largest finite. */
    fpsr = 0;
    g_assert_cmphex(fp64_op2(FP_MUL, 0x7fefffffffffffffull, D_TWO, 0, &fpsr), ==,
                    0x7ff0000000000000ull);
    g_assert_cmphex(fpsr, ==, FPSR_OFC | FPSR_IXC);
    g_assert_cmphex(fp64_op2(FP_MUL, 0x7fefffffffffffffull, D_TWO, RM(FPRM_ZERO), &fpsr), ==,
                    0x7fefffffffffffffull);
    /* 1 - 1 is -0 only when rounding toward minus infinity. */
    g_assert_cmphex(fp64_op2(FP_SUB, D_ONE, D_ONE, RM(FPRM_NEGINF), &fpsr), ==,
                    0x8000000000000000ull);
    g_assert_cmphex(fp64_op2(FP_SUB, D_ONE, D_ONE, 0, &fpsr), ==, 0);
    /* FRINTA ties away, FRINTN ties to even; FRINTX flags inexact. */
    fpsr = 0;
    g_assert_cmphex(fp64_round_int(0x4004000000000000ull, FPRM_TIEAWAY, false, 0, &fpsr), ==,
                    0x4008000000000000ull); /* 2.5 -> 3 */
    g_assert_cmphex(fp64_round_int(0x4004000000000000ull, FPRM_TIEEVEN, false, 0, &fpsr), ==,
                    D_TWO);
    g_assert_cmphex(fpsr, ==, 0);
    g_assert_cmphex(fp64_round_int(0xbfd0000000000000ull, FPRM_ZERO, true, 0, &fpsr), ==,
                    0x8000000000000000ull); /* -0.25 -> -0 */
    g_assert_cmphex(fpsr, ==, FPSR_IXC);
}

static void test_min_max(void)
{
    uint32_t fpsr = 0;
    g_assert_cmphex(fp64_op2(FP_MAXNM, D_QNAN, D_ONE, 0, &fpsr), ==, D_ONE);
    g_assert_cmphex(fp64_op2(FP_MINNM, D_ONE, D_QNAN, 0, &fpsr), ==, D_ONE);
    g_assert_cmphex(fp64_op2(FP_MAX, D_QNAN, D_ONE, 0, &fpsr), ==, D_QNAN);
    g_assert_cmphex(fpsr, ==, 0);
    /* A signalling NaN still wins in FMAXNM. */
    g_assert_cmphex(fp64_op2(FP_MAXNM, D_SNAN, D_ONE, 0, &fpsr), ==, D_SNAN | (1ull << 51));
    g_assert_cmphex(fpsr, ==, FPSR_IOC);
    g_assert_cmphex(fp64_op2(FP_MAX, 0x8000000000000000ull, 0, 0, &fpsr), ==, 0);
    g_assert_cmphex(fp64_op2(FP_MIN, 0, 0x8000000000000000ull, 0, &fpsr), ==,
                    0x8000000000000000ull);
}

static void test_conversions(void)
{
    uint32_t fpsr = 0;
    /* Saturation raises IOC only. */
    g_assert_cmphex(fp64_to_int(0x4415af1d78b58c40ull /* 1e20 */, FPRM_ZERO, true, 32, 0, 0,
                                &fpsr), ==, 0x7fffffff);
    g_assert_cmphex(fpsr, ==, FPSR_IOC);
    fpsr = 0;
    g_assert_cmphex(fp64_to_int(0xc415af1d78b58c40ull, FPRM_ZERO, true, 64, 0, 0, &fpsr), ==,
                    0x8000000000000000ull);
    g_assert_cmphex(fp64_to_int(D_QNAN, FPRM_ZERO, true, 64, 0, 0, &fpsr), ==, 0);
    g_assert_cmphex(fpsr, ==, FPSR_IOC);
    /* -0.5 to unsigned: 0 and inexact when truncated, saturated when floored. */
    fpsr = 0;
    g_assert_cmphex(fp64_to_int(0xbfe0000000000000ull, FPRM_ZERO, false, 32, 0, 0, &fpsr), ==, 0);
    g_assert_cmphex(fpsr, ==, FPSR_IXC);
    fpsr = 0;
    g_assert_cmphex(fp64_to_int(0xbfe0000000000000ull, FPRM_NEGINF, false, 32, 0, 0, &fpsr), ==, 0);
    g_assert_cmphex(fpsr, ==, FPSR_IOC);
    /* Fixed point: 1.5 with 4 fraction bits is 24. */
    fpsr = 0;
    g_assert_cmphex(fp64_to_int(0x3ff8000000000000ull, FPRM_ZERO, true, 32, 4, 0, &fpsr), ==, 24);
    g_assert_cmphex(fp64_from_int(24, true, 4, 0, &fpsr), ==, 0x3ff8000000000000ull);
    g_assert_cmphex(fpsr, ==, 0);
    /* 2^53 + 1 rounds to even; upward it rounds up. */
    g_assert_cmphex(fp64_from_int((1ull << 53) + 1, false, 0, 0, &fpsr), ==, 0x4340000000000000ull);
    g_assert_cmphex(fp64_from_int((1ull << 53) + 1, false, 0, RM(FPRM_POSINF), &fpsr), ==,
                    0x4340000000000001ull);
    g_assert_cmphex(fpsr, ==, FPSR_IXC);
    /* Half: 65519 rounds down to the largest half, 65520 overflows. */
    fpsr = 0;
    g_assert_cmphex(fp_cvt_d_to_h(0x40effde000000000ull, 0, &fpsr), ==, 0x7bff);
    g_assert_cmphex(fpsr, ==, FPSR_IXC);
    g_assert_cmphex(fp_cvt_d_to_h(0x40effe0000000000ull, 0, &fpsr), ==, 0x7c00);
    g_assert_cmphex(fpsr, ==, FPSR_IXC | FPSR_OFC);
    /* Half denormals convert exactly and are not flushed by FZ. */
    fpsr = 0;
    g_assert_cmphex(fp_cvt_h_to_s(0x0001, FPCR_FZ, &fpsr), ==, 0x33800000u);
    g_assert_cmphex(fpsr, ==, 0);
    /* NaN conversion keeps the top payload bits and quiets. */
    g_assert_cmphex(fp_cvt_d_to_s(0xfff0000020000000ull, 0, &fpsr), ==, 0xffc00001u);
    g_assert_cmphex(fpsr, ==, FPSR_IOC);
    /* Double to single: tiny before rounding. */
    fpsr = 0;
    g_assert_cmphex(fp_cvt_d_to_s(0x380ffffffff00000ull, 0, &fpsr), ==, 0x00800000u);
    g_assert_cmphex(fpsr, ==, FPSR_UFC | FPSR_IXC);
}

/* With IXC already set the common case skips the host flags: the other
 * exceptions must still be seen. */
static void test_fast_path(void)
{
    uint32_t fpsr = FPSR_IXC;
    g_assert_cmphex(fp64_op2(FP_ADD, D_ONE, 0x3c30000000000000ull, 0, &fpsr), ==, D_ONE);
    g_assert_cmphex(fpsr, ==, FPSR_IXC);
    g_assert_cmphex(fp64_op2(FP_MUL, 0x7fefffffffffffffull, D_TWO, 0, &fpsr), ==,
                    0x7ff0000000000000ull);
    g_assert_cmphex(fpsr, ==, FPSR_IXC | FPSR_OFC);
    fpsr = FPSR_IXC;
    g_assert_cmphex(fp64_op2(FP_DIV, D_ONE, 0, 0, &fpsr), ==, 0x7ff0000000000000ull);
    g_assert_cmphex(fpsr, ==, FPSR_IXC | FPSR_DZC);
    fpsr = FPSR_IXC;
    g_assert_cmphex(fp32_op2(FP_MUL, 0x3f7fffffu, 0x00800000u, 0, &fpsr), ==, 0x00800000u);
    g_assert_cmphex(fpsr, ==, FPSR_UFC | FPSR_IXC);
    fpsr = FPSR_IXC;
    g_assert_cmphex(fp32_muladd(0x7f800000u, 0, 0x3f800000u, 0, &fpsr), ==, 0x7fc00000u);
    g_assert_cmphex(fpsr, ==, FPSR_IOC | FPSR_IXC);
    /* A directed mode never takes the shortcut. */
    fpsr = FPSR_IXC;
    g_assert_cmphex(fp64_op2(FP_ADD, D_ONE, 0x3c30000000000000ull, RM(FPRM_POSINF), &fpsr), ==,
                    D_ONE + 1);
}

static void test_compare_and_imm(void)
{
    uint32_t fpsr = 0;
    g_assert_cmphex(fp32_compare(0x7fc00000u, 0, false, 0, &fpsr), ==, 0x30000000u);
    g_assert_cmphex(fpsr, ==, 0);
    g_assert_cmphex(fp32_compare(0x7fc00000u, 0, true, 0, &fpsr), ==, 0x30000000u);
    g_assert_cmphex(fpsr, ==, FPSR_IOC);
    g_assert_cmphex(fp64_compare(D_ONE, D_TWO, false, 0, &fpsr), ==, 0x80000000u);
    g_assert_cmphex(fp64_compare(D_TWO, D_ONE, false, 0, &fpsr), ==, 0x20000000u);
    g_assert_cmphex(fp64_compare(0x8000000000000000ull, 0, false, 0, &fpsr), ==, 0x60000000u);
    g_assert_cmphex(fp64_expand_imm(0x70), ==, D_ONE);       /* #1.0 */
    g_assert_cmphex(fp32_expand_imm(0xf8), ==, 0xbfc00000u); /* #-1.5 */
    g_assert_cmphex(fp64_expand_imm(0x00), ==, D_TWO);       /* #2.0 */
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/softfp/nan_propagation", test_nan_propagation);
    g_test_add_func("/softfp/flush_to_zero", test_flush_to_zero);
    g_test_add_func("/softfp/tininess_before_rounding", test_tininess_before_rounding);
    g_test_add_func("/softfp/rounding_modes", test_rounding_modes);
    g_test_add_func("/softfp/min_max", test_min_max);
    g_test_add_func("/softfp/conversions", test_conversions);
    g_test_add_func("/softfp/fast_path", test_fast_path);
    g_test_add_func("/softfp/compare_and_imm", test_compare_and_imm);
    return g_test_run();
}
