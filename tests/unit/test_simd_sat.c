/*
 * Unit tests of the AdvSIMD saturating forms added in arm/simd_sat_scalar.c
 * and arm/simd_sqdmul.c: known values at the edges of each range, FPSR.QC
 * set exactly when a result saturates (and left alone otherwise), scalar
 * results zero-extended to 128 bits, "2" forms reading the top half, and
 * reserved sizes UNDEFINED. The full semantics are checked against QEMU by
 * the differential tester.
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "arm/decode.h"
#include "arm/simd.h"
#include "arm/translate.h"
#include "tcg/vcpu.h"
#include "test_encode.h"
#include "test_simd_run.h"

/* Runs insn with QC clear; checks V0 and whether QC came out set. */
static void check(uint32_t insn, uint64_t lo, uint64_t hi, bool qc)
{
    cpu->s.fpsr = 0;
    g_assert_true(run(insn));
    g_assert_cmphex(cpu->s.vreg[0][0], ==, lo);
    g_assert_cmphex(cpu->s.vreg[0][1], ==, hi);
    g_assert_cmphex(cpu->s.fpsr, ==, qc ? SIMD_FPSR_QC : 0);
}

#define R3(name, size) encode(name, 'z', (size), 'd', 0, 'n', 1, 'm', 2, 0)
#define R2(name, size) encode(name, 'z', (size), 'd', 0, 'n', 1, 0)
#define RI(name, immhb) encode(name, 'i', (immhb), 'd', 0, 'n', 1, 0)

/* One scalar case: V0 (old Vd), V1 (Vn) and V2 (Vm) in, V0 and QC out. */
struct sat_case {
    uint32_t insn;
    uint64_t v0[2], v1[2], v2[2];
    uint64_t lo, hi;
    bool qc;
};

static void check_cases(const struct sat_case *c, size_t n)
{
    for (size_t i = 0; i < n; i++, c++) {
        set_v(0, c->v0[0], c->v0[1]);
        set_v(1, c->v1[0], c->v1[1]);
        set_v(2, c->v2[0], c->v2[1]);
        check(c->insn, c->lo, c->hi, c->qc);
    }
}

static void test_scalar_same_size(void)
{
    const struct sat_case cases[] = {
        /* SQADD B: 0x7f + 1 saturates; the garbage above the byte is ignored and cleared. */
        { R3("SQADD_s", 0), { ~0ull, ~0ull }, { 0xabcdef7f, 0x1234 }, { 0x55555501, 0x5678 },
          0x7f, 0, true },
        /* UQSUB S: 1 - 2 clamps to 0; UQADD D wraps to all ones. */
        { R3("UQSUB_s", 2), { 0 }, { 1, 0 }, { 2, 0 }, 0, 0, true },
        { R3("UQADD_s", 3), { 0 }, { ~0ull - 1, 0 }, { 2, 0 }, ~0ull, 0, true },
        /* SQSUB H without saturation leaves QC alone. */
        { R3("SQSUB_s", 1), { 0 }, { 0x1000, 0 }, { 0x0fff, 0 }, 1, 0, false },
        /* SQSHL H by register: 0x4000 << 1 saturates, by -1 is an arithmetic shift. */
        { R3("SQSHL_s", 1), { 0 }, { 0x4000, 0 }, { 1, 0 }, 0x7fff, 0, true },
        { R3("SQSHL_s", 1), { 0 }, { 0x8000, 0 }, { 0xff, 0 }, 0xc000, 0, false },
        /* URSHL D by -1 rounds. */
        { encode("URSHL_s", 'd', 0, 'n', 1, 'm', 2, 0), { 0 }, { 3, 0 }, { 0xff, 0 }, 2, 0,
          false },
        /* SQRDMULH S: 0x40000000^2 doubled and rounded to the high half. */
        { R3("SQRDMULH_s", 2), { 0 }, { 0x40000000, 0 }, { 0x40000000, 0 }, 0x20000000, 0,
          false },
        { R3("SQDMULH_s", 1), { 0 }, { 0x8000, 0 }, { 0x8000, 0 }, 0x7fff, 0, true },
        /* SQABS B of -128, SQNEG S of INT32_MIN. */
        { R2("SQABS_s", 0), { 0 }, { 0x80, 0 }, { 0 }, 0x7f, 0, true },
        { R2("SQNEG_s", 2), { 0 }, { 0x80000000, 0 }, { 0 }, 0x7fffffff, 0, true },
        /* SUQADD H: signed Vd 0x7000 + unsigned 0x2000 saturates. */
        { R2("SUQADD_s", 1), { 0x7000, 0 }, { 0x2000, 0 }, { 0 }, 0x7fff, 0, true },
        /* USQADD B: unsigned 0x10 + signed -0x20 clamps to 0. */
        { R2("USQADD_s", 0), { 0x10, 0 }, { 0xe0, 0 }, { 0 }, 0, 0, true },
    };
    check_cases(cases, G_N_ELEMENTS(cases));
}

static void test_scalar_shift_imm(void)
{
    /* immh:immb = 8 + shift for B, 16 + shift for H, 32 + shift for S, 64 + shift for D. */
    const struct sat_case cases[] = {
        { RI("SQSHL_imm_s", 8 + 1), { 0 }, { 0x40, 0 }, { 0 }, 0x7f, 0, true },
        { RI("UQSHL_imm_s", 8 + 1), { 0 }, { 0x40, 0 }, { 0 }, 0x80, 0, false },
        { RI("SQSHLU_s", 64 + 3), { 0 }, { ~0ull, 0 }, { 0 }, 0, 0, true },
        { RI("SQSHLU_s", 16 + 4), { 0 }, { 0x10, 0 }, { 0 }, 0x100, 0, false },
        /* Narrows: immh:immb = 2 * esize - shift. SQSHRN S from D, shift 4. */
        { RI("SQSHRN_s", 64 - 4), { 0 }, { 0x123456789ull, 0 }, { 0 }, 0x12345678, 0, false },
        { RI("SQSHRN_s", 64 - 4), { 0 }, { 0x7fffffffffffffffull, 0 }, { 0 }, 0x7fffffff, 0,
          true },
        /* SQRSHRUN B from H, shift 1: 0x00ff rounds up to 0x80; negative clamps to 0. */
        { RI("SQRSHRUN_s", 16 - 1), { 0 }, { 0x00ff, 0 }, { 0 }, 0x80, 0, false },
        { RI("SQRSHRUN_s", 16 - 1), { 0 }, { 0x8000, 0 }, { 0 }, 0, 0, true },
        /* UQRSHRN H from S, shift 16: 0xffff8000 rounds to 0x10000 and saturates. */
        { RI("UQRSHRN_s", 32 - 16), { 0 }, { 0xffff8000ull, 0 }, { 0 }, 0xffff, 0, true },
        { RI("UQSHRN_s", 32 - 16), { 0 }, { 0xffff8000ull, 0 }, { 0 }, 0xffff, 0, false },
    };
    check_cases(cases, G_N_ELEMENTS(cases));
}

static void test_scalar_narrow(void)
{
    const struct sat_case cases[] = {
        { R2("SQXTN_s", 1), { 0 }, { 0x12345, ~0ull }, { 0 }, 0x7fff, 0, true },
        { R2("UQXTN_s", 1), { 0 }, { 0x12345, ~0ull }, { 0 }, 0xffff, 0, true },
        { R2("SQXTN_s", 1), { 0 }, { 0xffffffff, 0 }, { 0 }, 0xffff, 0, false }, /* -1 */
        { R2("SQXTUN_s", 1), { 0 }, { 0xffffffff, 0 }, { 0 }, 0, 0, true },
        { R2("SQXTN_s", 2), { 0 }, { 0x80000000ull, 0 }, { 0 }, 0x7fffffff, 0, true },
        { R2("SQXTUN_s", 2), { 0 }, { 0x80000000ull, 0 }, { 0 }, 0x80000000, 0, false },
    };
    check_cases(cases, G_N_ELEMENTS(cases));
}

static void test_doubling_long(void)
{
    const struct sat_case cases[] = {
        /* SQDMULL S from H: -0x8000 squared doubled saturates; 3 * -2 * 2 = -12. */
        { R3("SQDMULL_s", 1), { 0 }, { 0x8000, 0 }, { 0x8000, 0 }, 0x7fffffff, 0, true },
        { R3("SQDMULL_s", 1), { 0 }, { 3, 0 }, { 0xfffe, 0 }, 0xfffffff4, 0, false },
        /* SQDMLAL D from S: Dd + 2 * n * m saturates in the accumulation. */
        { R3("SQDMLAL_s", 2), { 0x7ffffffffffffff0ull, 0 }, { 4, 0 }, { 4, 0 },
          0x7fffffffffffffffull, 0, true },
        { R3("SQDMLSL_s", 2), { 0x7ffffffffffffff0ull, 0 }, { 4, 0 }, { 4, 0 },
          0x7fffffffffffffd0ull, 0, false },
        /* SQDMULL2 4S from the top halves of 8H. */
        { encode("SQDMULL", 'q', 1, 'z', 1, 'd', 0, 'n', 1, 'm', 2, 0), { 0 },
          { 0, 0x8000000300020001ull }, { 0, 0x8000000500040003ull }, 0x0000001000000006ull,
          0x7fffffff0000001eull, true },
        /* SQDMLAL 2D from the low halves of 4S. */
        { encode("SQDMLAL", 'q', 0, 'z', 2, 'd', 0, 'n', 1, 'm', 2, 0), { 1, 2 },
          { 0xfffffffe00000003ull, ~0ull }, { 0x0000000700000005ull, ~0ull }, 31,
          (uint64_t)(2 - 28), false },
    };
    check_cases(cases, G_N_ELEMENTS(cases));
}

/* By element: H:L:M index with a 4-bit Rm for 16-bit elements, H:L for 32-bit ones. */
#define ELEM(name, q, z, h, l, m) \
    encode(name, 'q', (q), 'z', (z), 'h', (h), 'l', (l), 'm', (m), 'd', 0, 'n', 1, 0)
#define ELEM_S(name, z, h, l, m) \
    encode(name, 'z', (z), 'h', (h), 'l', (l), 'm', (m), 'd', 0, 'n', 1, 0)

static void test_doubling_elem(void)
{
    const struct sat_case cases[] = {
        /* SQDMULL_elem 4S from 4H x V2.H[5] (index H:L:M = 1:0:1, Rm 4 bits). */
        { ELEM("SQDMULL_elem", 0, 1, 1, 0, 0x12), { 0 }, { 0x8000000300020001ull, ~0ull },
          { 0, 0x0000000080000000ull }, 0xfffe0000ffff0000ull, 0x7ffffffffffd0000ull, true },
        /* SQDMULH_elem 4S x V2.S[3]: (2 * x * 0x40000000) >> 32 = x / 2. */
        { ELEM("SQDMULH_elem", 1, 2, 1, 1, 2), { 0 },
          { 0x0000001000000008ull, 0x80000000fffffffeull }, { 0, 0x4000000000000000ull },
          0x0000000800000004ull, 0xc0000000ffffffffull, false },
        /* Q = 0 clears the top half. */
        { ELEM("SQDMULH_elem", 0, 2, 1, 1, 2), { 0 },
          { 0x0000001000000008ull, 0x80000000fffffffeull }, { 0, 0x4000000000000000ull },
          0x0000000800000004ull, 0, false },
        /* Scalar: SQRDMULH H by V2.H[0]; SQDMLAL_elem_s S accumulates into Dd. */
        { ELEM_S("SQRDMULH_elem_s", 1, 0, 0, 2), { 0 }, { 0xffff8000, 0 }, { 0x8000, 0 }, 0x7fff,
          0, true },
        { ELEM_S("SQDMLAL_elem_s", 2, 0, 1, 2), { 100, 7 }, { 0xfffffffd, 0 },
          { 0x500000000ull, 0 } /* S[1] = 5 */, 70, 0, false },
    };
    check_cases(cases, G_N_ELEMENTS(cases));
}

static void test_unallocated(void)
{
    g_assert_false(run(R3("SQDMULL_s", 0)));
    g_assert_false(run(R3("SQDMULL_s", 3)));
    g_assert_false(run(R3("SQDMULH_s", 0)));
    g_assert_false(run(R3("SQRDMULH_s", 3)));
    g_assert_false(run(R2("SQXTN_s", 3)));
    g_assert_false(run(R2("SQXTUN_s", 3)));
    g_assert_false(run(RI("SQSHRN_s", 0x40)));     /* immh = 1xxx */
    g_assert_false(run(RI("SQSHL_imm_s", 0x07)));  /* immh = 0000 */
    g_assert_false(run(encode("SQDMLAL", 'q', 0, 'z', 0, 0)));
    g_assert_false(run(encode("SQDMULH_elem", 'q', 1, 'z', 3, 0)));
    g_assert_false(run(encode("SQDMLSL_elem_s", 'z', 0, 0)));
}

/* QC is cumulative: a later non-saturating instruction does not clear it. */
static void test_qc_sticky(void)
{
    set_v(1, 0x7f, 0);
    set_v(2, 0x7f, 0);
    cpu->s.fpsr = 0;
    g_assert_true(run(R3("SQADD_s", 0)));
    set_v(1, 1, 0);
    set_v(2, 1, 0);
    g_assert_true(run(R3("SQADD_s", 0)));
    g_assert_cmphex(cpu->s.vreg[0][0], ==, 2);
    g_assert_cmphex(cpu->s.fpsr, ==, SIMD_FPSR_QC);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    cpu = calloc(1, sizeof(*cpu));
    g_test_add_func("/simd_sat/scalar_same_size", test_scalar_same_size);
    g_test_add_func("/simd_sat/scalar_shift_imm", test_scalar_shift_imm);
    g_test_add_func("/simd_sat/scalar_narrow", test_scalar_narrow);
    g_test_add_func("/simd_sat/doubling_long", test_doubling_long);
    g_test_add_func("/simd_sat/doubling_elem", test_doubling_elem);
    g_test_add_func("/simd_sat/unallocated", test_unallocated);
    g_test_add_func("/simd_sat/qc_sticky", test_qc_sticky);
    int status = g_test_run();
    free(cpu);
    return status;
}
