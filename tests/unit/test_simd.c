/*
 * Unit tests of the AdvSIMD instructions, one instruction at a time on a
 * bare vCPU: the modified-immediate expansion for every op/cmode/imm8,
 * lane-wise integer ops and reductions at every element size and both
 * vector widths against references written from the ARM ARM's definitions
 * (with the top half of 64-bit results cleared), the permutes, reserved
 * size/Q combinations (UNDEFINED), and the FP access trap when
 * CPACR_EL1.FPEN disables FP/SIMD. The full semantics are checked against
 * QEMU by the guest tests and the differential runs.
 */
#include <glib.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "arm/decode.h"
#include "arm/simd.h"
#include "arm/translate.h"
#include "tcg/vcpu.h"
#include "test_encode.h"
#include "test_simd_run.h"

static GRand *rng;

static uint64_t rand64(void)
{
    return ((uint64_t)g_rand_int(rng) << 32) | g_rand_int(rng);
}

/* Lane i of a 128-bit value (two halves) at element size 'size'. */
static uint64_t lane(const uint64_t v[2], unsigned i, unsigned size)
{
    unsigned bits = 8u << size, per_half = 64 / bits;
    uint64_t half = v[i / per_half];
    return bits == 64 ? half : (half >> ((i % per_half) * bits)) & ((1ull << bits) - 1);
}

static void put_lane(uint64_t v[2], unsigned i, unsigned size, uint64_t x)
{
    unsigned bits = 8u << size, per_half = 64 / bits, sh = (i % per_half) * bits;
    uint64_t mask = bits == 64 ? ~0ull : ((1ull << bits) - 1) << sh;
    v[i / per_half] = (v[i / per_half] & ~mask) | ((x << sh) & mask);
}

static int64_t sext(uint64_t x, unsigned size)
{
    unsigned bits = 8u << size;
    return (int64_t)(x << (64 - bits)) >> (64 - bits);
}

/* ------------------------------------------------------------------------ */

/* AdvSIMDExpandImm written out per cmode, as the ARM ARM's table lists it. */
static uint64_t ref_expand(unsigned op, unsigned cmode, uint64_t imm8)
{
    uint64_t imm32;
    switch (cmode) {
    case 0: case 1: imm32 = imm8; break;
    case 2: case 3: imm32 = imm8 << 8; break;
    case 4: case 5: imm32 = imm8 << 16; break;
    case 6: case 7: imm32 = imm8 << 24; break;
    case 8: case 9: return 0x0001000100010001ull * imm8;
    case 10: case 11: return 0x0001000100010001ull * (imm8 << 8);
    case 12: imm32 = (imm8 << 8) | 0xff; break;
    case 13: imm32 = (imm8 << 16) | 0xffff; break;
    case 14:
        if (!op) {
            return 0x0101010101010101ull * imm8;
        } else {
            uint64_t v = 0;
            for (int i = 7; i >= 0; i--) {
                v = (v << 8) | ((imm8 >> i) & 1 ? 0xff : 0);
            }
            return v;
        }
    default: {
        unsigned a = (imm8 >> 7) & 1, b = (imm8 >> 6) & 1;
        if (!op) {
            /* a:NOT(b):bbbbb:cdefgh:Zeros(19) */
            imm32 = ((uint64_t)a << 31) | ((uint64_t)!b << 30) | (b ? 0x3e000000ull : 0) |
                    ((imm8 & 0x3f) << 19);
            break;
        }
        /* a:NOT(b):bbbbbbbb:cdefgh:Zeros(48) */
        return ((uint64_t)a << 63) | ((uint64_t)!b << 62) | (b ? 0x3fc0000000000000ull : 0) |
               ((imm8 & 0x3f) << 48);
    }
    }
    return imm32 | (imm32 << 32);
}

static void test_expand_imm(void)
{
    for (unsigned op = 0; op < 2; op++) {
        for (unsigned cmode = 0; cmode < 16; cmode++) {
            for (unsigned imm8 = 0; imm8 < 256; imm8++) {
                uint64_t got = simd_expand_imm(op, cmode, imm8);
                uint64_t want = ref_expand(op, cmode, imm8);
                if (got != want) {
                    g_test_fail_printf("op %u cmode %u imm8 %02x: %016llx, want %016llx", op,
                                       cmode, imm8, (unsigned long long)got,
                                       (unsigned long long)want);
                    return;
                }
            }
        }
    }
}

/* MOVI/MVNI/ORR/BIC immediate end to end for a few patterns. */
static void test_movi(void)
{
    /* MOVI V1.16B, #0xa5 */
    set_v(1, 1, 2);
    g_assert_true(run(encode("MOVI", 'q', 1, 'o', 0, 'c', 14, 'i', 5, 'j', 5, 'd', 1, 0)));
    g_assert_cmphex(cpu->s.vreg[1][0], ==, 0xa5a5a5a5a5a5a5a5ull);
    g_assert_cmphex(cpu->s.vreg[1][1], ==, 0xa5a5a5a5a5a5a5a5ull);
    /* MVNI V1.2S, #0x12, LSL #8: Q = 0 clears the top half */
    g_assert_true(run(encode("MOVI", 'q', 0, 'o', 1, 'c', 2, 'i', 0, 'j', 0x12, 'd', 1, 0)));
    g_assert_cmphex(cpu->s.vreg[1][0], ==, 0xffffedffffffedffull);
    g_assert_cmphex(cpu->s.vreg[1][1], ==, 0);
    /* ORR V2.8H, #0x01 then BIC V2.8H, #0x80, LSL #8 */
    set_v(2, 0x8000800080008000ull, 0xffffffffffffffffull);
    g_assert_true(run(encode("MOVI", 'q', 1, 'o', 0, 'c', 9, 'i', 0, 'j', 1, 'd', 2, 0)));
    g_assert_cmphex(cpu->s.vreg[2][0], ==, 0x8001800180018001ull);
    g_assert_true(run(encode("MOVI", 'q', 1, 'o', 1, 'c', 11, 'i', 4, 'j', 0, 'd', 2, 0)));
    g_assert_cmphex(cpu->s.vreg[2][0], ==, 0x0001000100010001ull);
    g_assert_cmphex(cpu->s.vreg[2][1], ==, 0x7fff7fff7fff7fffull);
    /* FMOV V2.2D, #1.0 is 128-bit only */
    g_assert_false(run(encode("MOVI", 'q', 0, 'o', 1, 'c', 15, 'i', 3, 'j', 0x10, 'd', 2, 0)));
}

enum lane_op { L_ADD, L_SUB, L_CMEQ, L_CMHI, L_CMGT, L_UMAX, L_SMIN, L_USHL, NUM_LANE_OPS };

static const char *const lane_rows[NUM_LANE_OPS] = {
    "ADD_v", "SUB_v", "CMEQ", "CMHI", "CMGT", "UMAX", "SMIN", "USHL",
};

static uint64_t ref_lane(enum lane_op k, uint64_t x, uint64_t y, unsigned size)
{
    unsigned bits = 8u << size;
    uint64_t ones = bits == 64 ? ~0ull : (1ull << bits) - 1;
    switch (k) {
    case L_ADD:  return (x + y) & ones;
    case L_SUB:  return (x - y) & ones;
    case L_CMEQ: return x == y ? ones : 0;
    case L_CMHI: return x > y ? ones : 0;
    case L_CMGT: return sext(x, size) > sext(y, size) ? ones : 0;
    case L_UMAX: return x > y ? x : y;
    case L_SMIN: return sext(x, size) < sext(y, size) ? x : y;
    default: {
        int sh = (int8_t)(y & 0xff);
        if (sh >= (int)bits || sh <= -(int)bits) {
            return 0;
        }
        return (sh >= 0 ? x << sh : x >> -sh) & ones;
    }
    }
}

static void test_lanes(void)
{
    for (unsigned k = 0; k < NUM_LANE_OPS; k++) {
        for (unsigned size = 0; size < 4; size++) {
            for (unsigned q = 0; q < 2; q++) {
                bool reserved = size == 3 && (!q || k == L_UMAX || k == L_SMIN);
                uint32_t insn = encode(lane_rows[k], 'q', q, 'z', size, 'd', 3, 'n', 4, 'm', 5, 0);
                for (int t = 0; t < 50; t++) {
                    uint64_t a[2] = { rand64(), rand64() }, b[2] = { rand64(), rand64() };
                    if (t & 1) {
                        b[0] = a[0] ^ (rand64() & 0x0101010101010101ull);
                    }
                    set_v(4, a[0], a[1]);
                    set_v(5, b[0], b[1]);
                    set_v(3, rand64(), rand64());
                    if (reserved) {
                        g_assert_false(run(insn));
                        break;
                    }
                    g_assert_true(run(insn));
                    uint64_t want[2] = { 0, 0 };
                    unsigned lanes = (q ? 16u : 8u) >> size;
                    for (unsigned i = 0; i < lanes; i++) {
                        put_lane(want, i, size, ref_lane(k, lane(a, i, size), lane(b, i, size), size));
                    }
                    if (cpu->s.vreg[3][0] != want[0] || cpu->s.vreg[3][1] != want[1]) {
                        g_test_fail_printf("%s size %u q %u: %016llx:%016llx want %016llx:%016llx",
                                           lane_rows[k], size, q,
                                           (unsigned long long)cpu->s.vreg[3][1],
                                           (unsigned long long)cpu->s.vreg[3][0],
                                           (unsigned long long)want[1], (unsigned long long)want[0]);
                        return;
                    }
                }
            }
        }
    }
}

static void test_reductions(void)
{
    for (unsigned size = 0; size < 3; size++) {
        for (unsigned q = 0; q < 2; q++) {
            uint32_t addv = encode("ADDV", 'q', q, 'z', size, 'd', 6, 'n', 7, 0);
            uint32_t umaxv = encode("UMAXV", 'q', q, 'z', size, 'd', 8, 'n', 7, 0);
            uint32_t sminv = encode("SMINV", 'q', q, 'z', size, 'd', 9, 'n', 7, 0);
            if (size == 2 && !q) {
                g_assert_false(run(addv));
                continue;
            }
            unsigned bits = 8u << size, lanes = (q ? 16u : 8u) >> size;
            uint64_t ones = (1ull << bits) - 1;
            for (int t = 0; t < 50; t++) {
                uint64_t a[2] = { rand64(), rand64() };
                set_v(7, a[0], a[1]);
                g_assert_true(run(addv));
                g_assert_true(run(umaxv));
                g_assert_true(run(sminv));
                uint64_t sum = 0, mx = 0;
                int64_t mn = INT64_MAX;
                for (unsigned i = 0; i < lanes; i++) {
                    uint64_t x = lane(a, i, size);
                    sum += x;
                    mx = x > mx ? x : mx;
                    mn = sext(x, size) < mn ? sext(x, size) : mn;
                }
                g_assert_cmphex(cpu->s.vreg[6][0], ==, sum & ones);
                g_assert_cmphex(cpu->s.vreg[8][0], ==, mx);
                g_assert_cmphex(cpu->s.vreg[9][0], ==, (uint64_t)mn & ones);
                g_assert_cmphex(cpu->s.vreg[6][1] | cpu->s.vreg[8][1] | cpu->s.vreg[9][1], ==, 0);
            }
        }
    }
}

static void test_permutes(void)
{
    static const char *const names[6] = { "ZIP1", "ZIP2", "UZP1", "UZP2", "TRN1", "TRN2" };
    for (unsigned k = 0; k < 6; k++) {
        for (unsigned size = 0; size < 4; size++) {
            for (unsigned q = 0; q < 2; q++) {
                uint32_t insn = encode(names[k], 'q', q, 'z', size, 'd', 10, 'n', 11, 'm', 12, 0);
                if (size == 3 && !q) {
                    g_assert_false(run(insn));
                    continue;
                }
                uint64_t a[2] = { rand64(), rand64() }, b[2] = { rand64(), rand64() };
                set_v(11, a[0], a[1]);
                set_v(12, b[0], b[1]);
                g_assert_true(run(insn));
                unsigned n = (q ? 16u : 8u) >> size, part = k & 1;
                uint64_t want[2] = { 0, 0 };
                for (unsigned i = 0; i < n; i++) {
                    uint64_t v;
                    if (k < 2) { /* ZIP: pairs from one half */
                        unsigned src = part * n / 2 + i / 2;
                        v = i & 1 ? lane(b, src, size) : lane(a, src, size);
                    } else if (k < 4) { /* UZP: even or odd lanes of a:b */
                        unsigned src = 2 * i + part;
                        v = src < n ? lane(a, src, size) : lane(b, src - n, size);
                    } else { /* TRN */
                        unsigned src = (i & ~1u) + part;
                        v = i & 1 ? lane(b, src, size) : lane(a, src, size);
                    }
                    put_lane(want, i, size, v);
                }
                g_assert_cmphex(cpu->s.vreg[10][0], ==, want[0]);
                g_assert_cmphex(cpu->s.vreg[10][1], ==, want[1]);
            }
        }
    }
}

static void test_unallocated(void)
{
    const uint32_t undefined[] = {
        encode("ADD_v", 'q', 0, 'z', 3, 0),             /* .1D */
        encode("UMAXP", 'q', 1, 'z', 3, 0),             /* .2D */
        encode("ADDV", 'q', 0, 'z', 2, 0),              /* S from .2S */
        encode("ADDV", 'q', 1, 'z', 3, 0),
        encode("CNT", 'q', 1, 'z', 1, 0),               /* .8H */
        encode("UMOV", 'q', 0, 'i', 8, 0),              /* W from a D lane */
        encode("UMOV", 'q', 1, 'i', 4, 0),              /* X from an S lane */
        encode("DUP_gen", 'q', 0, 'i', 8, 0),           /* .1D */
        encode("INS_gen", 'i', 0x10, 0),                /* imm5 = x0000 */
        encode("EXT", 'q', 0, 'i', 8, 0),               /* index past 8 bytes */
        encode("MOVI", 'q', 0, 'o', 1, 'c', 15, 0),     /* FMOV .1D */
        encode("LD_multi", 'q', 0, 'o', 8, 'z', 3, 0),  /* LD2 .1D */
        encode("LD_multi", 'q', 1, 'o', 1, 'z', 0, 0),  /* opcode 0001 */
        encode("LD_single", 'o', 4, 'z', 2, 0),         /* S lane with size<1> set */
        encode("LD_single", 'o', 2, 'z', 1, 0),         /* H lane with size<0> set */
        encode("ST_single", 'o', 6, 'z', 0, 0),         /* replicate is load only */
        encode("RSHRN", 'q', 0, 'i', 0x08, 0) & ~(0xfu << 19), /* immh = 0 */
        encode("SSHLL", 'q', 0, 'i', 0x40, 0),          /* immh = 1xxx */
        encode("SHL", 'q', 0, 'i', 0x40, 0),            /* .1D */
        encode("USHR_s", 'i', 0x20, 0),                 /* scalar needs D */
        encode("PMULL", 'q', 0, 'z', 3, 0),             /* 64-bit PMULL: not advertised */
        encode("MUL_v", 'q', 1, 'z', 3, 0),
        encode("MUL_elem", 'q', 1, 'z', 0, 0),
        encode("XTN", 'q', 0, 'z', 3, 0),
        encode("REV32_v", 'q', 1, 'z', 2, 0),
    };
    for (unsigned i = 0; i < G_N_ELEMENTS(undefined); i++) {
        if (run(undefined[i])) {
            g_test_fail_printf("%08x should be UNDEFINED", undefined[i]);
        }
    }
}

static void test_fp_trap(void)
{
    struct op ops[2];
    uint32_t add = encode("ADD_v", 'q', 1, 'z', 0, 'd', 1, 'n', 2, 'm', 3, 0);
    g_assert_true(translate(add, 1, ops));
    g_assert_true(ops[0].fn == fp_access_trap_op);
    g_assert_true(translate(add, 1 | TB_FLAG_FP_OK, ops));
    g_assert_true(ops[0].fn != fp_access_trap_op);
    /* Reserved encodings stay UNDEFINED with FP disabled. */
    g_assert_false(translate(0x0ee08400, 1, ops));
    /* Loads and stores trap too. */
    uint32_t ld1 = encode("LD_multi", 'q', 1, 'o', 7, 'z', 0, 'n', 0, 't', 0, 0);
    g_assert_true(translate(ld1, 0, ops));
    g_assert_true(ops[0].fn == fp_access_trap_op);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    cpu = calloc(1, sizeof(*cpu));
    rng = g_rand_new_with_seed(7);
    g_test_add_func("/simd/expand_imm", test_expand_imm);
    g_test_add_func("/simd/movi", test_movi);
    g_test_add_func("/simd/lanes", test_lanes);
    g_test_add_func("/simd/reductions", test_reductions);
    g_test_add_func("/simd/permutes", test_permutes);
    g_test_add_func("/simd/unallocated", test_unallocated);
    g_test_add_func("/simd/fp_trap", test_fp_trap);
    int status = g_test_run();
    g_rand_free(rng);
    free(cpu);
    return status;
}
