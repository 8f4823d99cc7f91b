/*
 * Unit tests of the data-processing instructions (immediate group and the
 * 1-, 2- and 3-source register groups) one instruction at a time: each case
 * is encoded from its table row, decoded, translated and its op run on a
 * bare vCPU, and the result compared with the ARM ARM pseudocode written
 * out here. Bitfield moves and EXTR are checked for every immr/imms, logical
 * immediates for every N:immr:imms.
 */
#include <glib.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "arm/bitops.h"
#include "arm/decode.h"
#include "arm/translate.h"
#include "tcg/vcpu.h"
#include "test_encode.h"

#define PC 0x40081234ull

static struct vcpu *cpu;
static GRand *rng;

static const struct op *op_stop(struct vcpu *c, const struct op *o)
{
    (void)c;
    (void)o;
    return NULL;
}

static uint64_t rand64(void)
{
    uint64_t v = ((uint64_t)g_rand_int(rng) << 32) | g_rand_int(rng);
    /* Mix in values with long runs of equal bits, where edge cases live. */
    switch (g_rand_int_range(rng, 0, 4)) {
    case 0: return v;
    case 1: return (uint64_t)((int64_t)v >> g_rand_int_range(rng, 0, 64));
    case 2: return v >> g_rand_int_range(rng, 0, 64);
    default: return (uint64_t)(int64_t)(int32_t)v;
    }
}

/* Decodes and translates insn at PC; returns false if it is UNDEFINED. */
static bool run(uint32_t insn)
{
    struct op ops[2];
    memset(ops, 0, sizeof(ops));
    ops[1].fn = op_stop;
    struct dc dc = { .pc = PC, .insn = insn, .tb_flags = 1, .op = &ops[0] };
    struct a64_args args;
    const struct a64_insn *row = a64_decode(insn, &args);
    if (!row || !row->trans(&dc, &args)) {
        return false;
    }
    g_assert_false(dc.is_jump);
    g_assert_null(ops[0].fn(cpu, &ops[0]));
    return true;
}

static uint64_t width_mask(unsigned width)
{
    return ones64(width);
}

/* ------------------------------------------------------------------------ */
/* Bitfield moves */

enum bfm_kind { SBFM, BFM, UBFM };

static uint64_t ref_bfm(enum bfm_kind kind, unsigned width, unsigned immr, unsigned imms,
                        uint64_t dst_in, uint64_t src)
{
    uint64_t wmask = 0, tmask = 0;
    g_assert_true(decode_bit_masks(width == 64, imms, immr, false, width, &wmask, &tmask));
    src &= width_mask(width);
    uint64_t dst = kind == BFM ? dst_in & width_mask(width) : 0;
    uint64_t bot = (dst & ~wmask) | (ror_width(src, immr, width) & wmask);
    uint64_t top = kind == SBFM ? (((src >> imms) & 1) ? width_mask(width) : 0) : dst;
    return ((top & ~tmask) | (bot & tmask)) & width_mask(width);
}

static void test_bitfield(void)
{
    static const char *const names[3][2] = {
        { "SBFM_w", "SBFM_x" }, { "BFM_w", "BFM_x" }, { "UBFM_w", "UBFM_x" },
    };
    for (int kind = SBFM; kind <= UBFM; kind++) {
        for (unsigned wide = 0; wide <= 1; wide++) {
            unsigned width = wide ? 64 : 32;
            for (unsigned immr = 0; immr < width; immr++) {
                for (unsigned imms = 0; imms < width; imms++) {
                    uint32_t insn = encode(names[kind][wide], 'd', 3, 'n', 5, 'r', immr, 'i',
                                           imms, 0);
                    for (int t = 0; t < 8; t++) {
                        uint64_t src = rand64(), dst = rand64();
                        cpu->s.x[5] = src;
                        cpu->s.x[3] = dst;
                        g_assert_true(run(insn));
                        uint64_t want = ref_bfm(kind, width, immr, imms, dst, src);
                        if (cpu->s.x[3] != want) {
                            g_test_fail_printf("%s immr %u imms %u src %#" G_GINT64_MODIFIER
                                               "x dst %#" G_GINT64_MODIFIER "x: got %#"
                                               G_GINT64_MODIFIER "x want %#" G_GINT64_MODIFIER
                                               "x", names[kind][wide], immr, imms, src, dst,
                                               cpu->s.x[3], want);
                            return;
                        }
                    }
                }
            }
        }
    }
    /* Same register as source and destination (BFI x3, x3, ...). */
    cpu->s.x[3] = 0x0123456789abcdefull;
    g_assert_true(run(encode("BFM_x", 'd', 3, 'n', 3, 'r', 60, 'i', 7, 0)));
    g_assert_cmphex(cpu->s.x[3], ==, ref_bfm(BFM, 64, 60, 7, 0x0123456789abcdefull,
                                             0x0123456789abcdefull));
    /* Rd = 31 discards, Rn = 31 reads zero. */
    cpu->s.x[31] = 0x1111;
    cpu->s.x[4] = 0x5555;
    g_assert_true(run(encode("UBFM_x", 'd', 31, 'n', 4, 'r', 1, 'i', 63, 0)));
    g_assert_cmphex(cpu->s.x[31], ==, 0x1111);
    g_assert_true(run(encode("SBFM_x", 'd', 4, 'n', 31, 'r', 0, 'i', 7, 0)));
    g_assert_cmphex(cpu->s.x[4], ==, 0);
}

/* ------------------------------------------------------------------------ */
/* EXTR */

static void test_extr(void)
{
    for (unsigned wide = 0; wide <= 1; wide++) {
        unsigned width = wide ? 64 : 32;
        for (unsigned lsb = 0; lsb < width; lsb++) {
            for (int t = 0; t < 16; t++) {
                uint64_t n = rand64(), m = rand64();
                bool same = t == 0; /* ROR #lsb */
                cpu->s.x[1] = n;
                cpu->s.x[2] = m;
                g_assert_true(run(encode(wide ? "EXTR_x" : "EXTR_w", 'd', 0, 'n', 1, 'm',
                                         same ? 1 : 2, 'i', lsb, 0)));
                if (same) {
                    m = n;
                }
                unsigned __int128 concat = ((unsigned __int128)(n & width_mask(width)) << width) |
                                           (m & width_mask(width));
                uint64_t want = (uint64_t)(concat >> lsb) & width_mask(width);
                g_assert_cmphex(cpu->s.x[0], ==, want);
            }
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Logical immediate */

static void test_logical_imm(void)
{
    static const char *const names[] = { "AND_imm", "ORR_imm", "EOR_imm", "ANDS_imm" };
    for (unsigned op = 0; op < 4; op++) {
        for (unsigned wide = 0; wide <= 1; wide++) {
            unsigned width = wide ? 64 : 32;
            for (uint32_t imm13 = 0; imm13 < (1u << 13); imm13++) {
                unsigned n = imm13 >> 12, immr = (imm13 >> 6) & 63, imms = imm13 & 63;
                uint64_t wmask = 0, tmask = 0;
                bool valid = (wide || !n) &&
                             decode_bit_masks(n, imms, immr, true, width, &wmask, &tmask);
                uint64_t src = rand64();
                /* Rn = 31 is XZR: make it the source now and then. */
                unsigned rn = imm13 % 7 == 0 ? 31 : 6;
                cpu->s.x[6] = src;
                cpu->s.x[7] = 0xdeadbeef;
                cpu->s.nzcv = NZCV_C | NZCV_V;
                uint32_t insn = encode(names[op], 'f', wide, 'd', 7, 'n', rn, 'i', imm13, 0);
                if (run(insn) != valid) {
                    g_test_fail_printf("%s sf %u imm13 %#x: validity differs", names[op], wide,
                                       imm13);
                    return;
                }
                if (!valid) {
                    g_assert_cmphex(cpu->s.x[7], ==, 0xdeadbeef);
                    continue;
                }
                uint64_t a = rn == 31 ? 0 : src & width_mask(width);
                uint64_t want = op == 1 ? a | wmask : op == 2 ? a ^ wmask : a & wmask;
                g_assert_cmphex(cpu->s.x[7], ==, want);
                if (op == 3) {
                    uint32_t nzcv = (((want >> (width - 1)) & 1) ? NZCV_N : 0) |
                                    (want == 0 ? NZCV_Z : 0);
                    g_assert_cmphex(cpu->s.nzcv, ==, nzcv);
                } else {
                    g_assert_cmphex(cpu->s.nzcv, ==, NZCV_C | NZCV_V);
                }
            }
        }
    }
    /* AND/ORR/EOR write SP for Rd = 31; ANDS writes XZR. */
    cpu->s.x[31] = 0;
    cpu->s.x[6] = 0x12345;
    g_assert_true(run(encode("AND_imm", 'f', 1, 'd', 31, 'n', 6, 'i', 0x1000 | 15, 0)));
    g_assert_cmphex(cpu->s.x[31], ==, 0xffff & 0x12345);
    g_assert_true(run(encode("ANDS_imm", 'f', 1, 'd', 31, 'n', 6, 'i', 0x1000 | 15, 0)));
    g_assert_cmphex(cpu->s.x[31], ==, 0xffff & 0x12345);
}

/* ------------------------------------------------------------------------ */
/* Move wide and PC-relative addresses */

static void test_move_wide(void)
{
    for (unsigned wide = 0; wide <= 1; wide++) {
        for (unsigned hw = 0; hw < 4; hw++) {
            uint32_t imm16 = g_rand_int(rng) & 0xffff;
            uint64_t old = rand64(), mask = width_mask(wide ? 64 : 32);
            bool valid = wide || hw < 2;
            cpu->s.x[9] = old;
            g_assert_true(run(encode("MOVN", 'f', wide, 'h', hw, 'i', imm16, 'd', 9, 0)) ==
                          valid);
            if (valid) {
                g_assert_cmphex(cpu->s.x[9], ==, ~((uint64_t)imm16 << (16 * hw)) & mask);
            }
            cpu->s.x[9] = old;
            g_assert_true(run(encode("MOVZ", 'f', wide, 'h', hw, 'i', imm16, 'd', 9, 0)) ==
                          valid);
            if (valid) {
                g_assert_cmphex(cpu->s.x[9], ==, (uint64_t)imm16 << (16 * hw));
            }
            cpu->s.x[9] = old;
            g_assert_true(run(encode("MOVK", 'f', wide, 'h', hw, 'i', imm16, 'd', 9, 0)) ==
                          valid);
            if (valid) {
                uint64_t want = (old & ~((uint64_t)0xffff << (16 * hw))) |
                                ((uint64_t)imm16 << (16 * hw));
                g_assert_cmphex(cpu->s.x[9], ==, want & mask);
            }
        }
    }
}

static void test_pc_relative(void)
{
    static const int32_t offsets[] = { 0, 1, 2, 3, 4, -1, -4, 0xfffff, -0x100000, 0x12345 };
    for (unsigned i = 0; i < G_N_ELEMENTS(offsets); i++) {
        uint32_t imm21 = (uint32_t)offsets[i] & 0x1fffff;
        g_assert_true(run(encode("ADR", 'd', 10, 'l', imm21 & 3, 'i', imm21 >> 2, 0)));
        g_assert_cmphex(cpu->s.x[10], ==, PC + (uint64_t)(int64_t)offsets[i]);
        g_assert_true(run(encode("ADRP", 'd', 10, 'l', imm21 & 3, 'i', imm21 >> 2, 0)));
        g_assert_cmphex(cpu->s.x[10], ==,
                        (PC & ~0xfffull) + ((uint64_t)(int64_t)offsets[i] << 12));
    }
}

/* ------------------------------------------------------------------------ */
/* 1-source */

static void test_one_source(void)
{
    for (int t = 0; t < 2000; t++) {
        uint64_t v = rand64();
        uint32_t w = (uint32_t)v;
        struct {
            const char *name;
            int         f;
            uint64_t    want;
        } cases[] = {
            { "RBIT", 1, rbit64(v) },       { "RBIT", 0, rbit32(w) },
            { "REV16", 1, rev16_64(v) },    { "REV16", 0, (uint32_t)rev16_64(w) },
            { "REV32_x", -1, rev32_64(v) }, { "REV_w", -1, __builtin_bswap32(w) },
            { "REV_x", -1, __builtin_bswap64(v) },
            { "CLZ", 1, clz64(v) },         { "CLZ", 0, clz32(w) },
            { "CLS", 1, cls64(v) },         { "CLS", 0, cls32(w) },
        };
        for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++) {
            cpu->s.x[12] = v;
            cpu->s.x[13] = ~v;
            uint32_t insn = cases[i].f < 0
                                ? encode(cases[i].name, 'd', 13, 'n', 12, 0)
                                : encode(cases[i].name, 'f', cases[i].f, 'd', 13, 'n', 12, 0);
            g_assert_true(run(insn));
            g_assert_cmphex(cpu->s.x[13], ==, cases[i].want);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* 2-source */

static uint64_t ref_2src(const char *name, unsigned width, uint64_t n, uint64_t m)
{
    uint64_t mask = width_mask(width);
    n &= mask;
    m &= mask;
    __int128 sn = width == 64 ? (int64_t)n : (int32_t)n;
    __int128 sm = width == 64 ? (int64_t)m : (int32_t)m;
    unsigned sh = (unsigned)(m % width);
    if (!strcmp(name, "UDIV")) {
        return m ? n / m : 0;
    }
    if (!strcmp(name, "SDIV")) {
        /* Round toward zero in 128 bits, then truncate: INT_MIN / -1 wraps. */
        return sm ? (uint64_t)(sn / sm) & mask : 0;
    }
    if (!strcmp(name, "LSLV")) {
        return (n << sh) & mask;
    }
    if (!strcmp(name, "LSRV")) {
        return n >> sh;
    }
    if (!strcmp(name, "ASRV")) {
        return (uint64_t)(sn >> sh) & mask;
    }
    return ror_width(n, sh, width); /* RORV */
}

static void test_two_source(void)
{
    static const char *const names[] = { "UDIV", "SDIV", "LSLV", "LSRV", "ASRV", "RORV" };
    static const uint64_t edges[] = {
        0, 1, 2, 31, 32, 63, 64, 0x7fffffff, 0x80000000, 0xffffffff, 0xffffffff80000000ull,
        0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull,
    };
    for (unsigned i = 0; i < G_N_ELEMENTS(names); i++) {
        for (unsigned wide = 0; wide <= 1; wide++) {
            unsigned width = wide ? 64 : 32;
            uint32_t insn = encode(names[i], 'f', wide, 'd', 14, 'n', 15, 'm', 16, 0);
            for (unsigned t = 0; t < 4000; t++) {
                uint64_t n, m;
                if (t < G_N_ELEMENTS(edges) * G_N_ELEMENTS(edges)) {
                    n = edges[t / G_N_ELEMENTS(edges)];
                    m = edges[t % G_N_ELEMENTS(edges)];
                } else {
                    n = rand64();
                    m = t & 1 ? rand64() : rand64() >> 58;
                }
                cpu->s.x[15] = n;
                cpu->s.x[16] = m;
                g_assert_true(run(insn));
                uint64_t want = ref_2src(names[i], width, n, m);
                if (cpu->s.x[14] != want) {
                    g_test_fail_printf("%s sf %u %#" G_GINT64_MODIFIER "x, %#" G_GINT64_MODIFIER
                                       "x: got %#" G_GINT64_MODIFIER "x want %#"
                                       G_GINT64_MODIFIER "x", names[i], wide, n, m,
                                       cpu->s.x[14], want);
                    return;
                }
            }
        }
    }
}

/* Bitwise CRC, straight from the ARM ARM's Poly32Mod2 description (reflected form). */
static uint32_t ref_crc(uint32_t acc, uint64_t value, unsigned bytes, uint32_t poly_reflected)
{
    for (unsigned i = 0; i < 8 * bytes; i++) {
        unsigned bit = (acc ^ (uint32_t)(value >> i)) & 1;
        acc = (acc >> 1) ^ (bit ? poly_reflected : 0);
    }
    return acc;
}

static void test_crc(void)
{
    static const char *const names[] = {
        "CRC32B", "CRC32H", "CRC32W", "CRC32X", "CRC32CB", "CRC32CH", "CRC32CW", "CRC32CX",
    };
    for (unsigned i = 0; i < G_N_ELEMENTS(names); i++) {
        unsigned bytes = 1u << (i % 4);
        uint32_t poly = i < 4 ? 0xedb88320u : 0x82f63b78u;
        uint32_t insn = encode(names[i], 'd', 17, 'n', 18, 'm', 19, 0);
        for (int t = 0; t < 1000; t++) {
            uint64_t acc = rand64(), value = rand64();
            cpu->s.x[18] = acc;
            cpu->s.x[19] = value;
            g_assert_true(run(insn));
            g_assert_cmphex(cpu->s.x[17], ==, ref_crc((uint32_t)acc, value, bytes, poly));
        }
    }
}

/* ------------------------------------------------------------------------ */
/* 3-source */

static void test_three_source(void)
{
    for (int t = 0; t < 20000; t++) {
        uint64_t n = rand64(), m = rand64(), a = rand64();
        uint64_t sn32 = (uint64_t)(int64_t)(int32_t)n, sm32 = (uint64_t)(int64_t)(int32_t)m;
        uint64_t un32 = (uint32_t)n, um32 = (uint32_t)m;
        struct {
            const char *name;
            int         f;
            uint64_t    want;
        } cases[] = {
            { "MADD", 1, a + n * m },
            { "MADD", 0, (uint32_t)(a + n * m) },
            { "MSUB", 1, a - n * m },
            { "MSUB", 0, (uint32_t)(a - n * m) },
            { "SMADDL", -1, a + sn32 * sm32 },
            { "SMSUBL", -1, a - sn32 * sm32 },
            { "UMADDL", -1, a + un32 * um32 },
            { "UMSUBL", -1, a - un32 * um32 },
            { "SMULH", -1, (uint64_t)(((__int128)(int64_t)n * (int64_t)m) >> 64) },
            { "UMULH", -1, (uint64_t)(((unsigned __int128)n * m) >> 64) },
        };
        for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++) {
            cpu->s.x[20] = n;
            cpu->s.x[21] = m;
            cpu->s.x[22] = a;
            uint32_t insn =
                cases[i].f < 0
                    ? encode(cases[i].name, 'd', 23, 'n', 20, 'm', 21, 'a', 22, 0)
                    : encode(cases[i].name, 'f', cases[i].f, 'd', 23, 'n', 20, 'm', 21, 'a', 22,
                             0);
            g_assert_true(run(insn));
            g_assert_cmphex(cpu->s.x[23], ==, cases[i].want);
        }
    }
    /* MUL is MADD with Ra = XZR. */
    cpu->s.x[20] = 7;
    cpu->s.x[21] = 6;
    g_assert_true(run(encode("MADD", 'f', 1, 'd', 23, 'n', 20, 'm', 21, 'a', 31, 0)));
    g_assert_cmphex(cpu->s.x[23], ==, 42);
}

/* ------------------------------------------------------------------------ */
/* Unallocated encodings of these groups */

static void test_unallocated(void)
{
    static const uint32_t undefined[] = {
        0x5ac00c00, /* 1-source opc 000011 with sf = 0 (REV X on a W register) */
        0x5ac01800, /* 1-source opc 000110 */
        0xdac10000, /* 1-source opcode2 != 0 */
        0x7ac00000, /* 1-source S = 1 */
        0x1ac00000, /* 2-source opcode 000000 */
        0x1ac04c00, /* CRC32X with sf = 0 */
        0x9ac04000, /* CRC32B with sf = 1 */
        0x1b200000, /* SMADDL with sf = 0 */
        0x9b408000, /* SMULH with o0 = 1 */
        0x9b600000, /* 3-source op31 = 011 */
        0x3b000000, /* 3-source op54 != 0 */
        0x13400000, /* SBFM sf = 0, N = 1 */
        0x93000000, /* SBFM sf = 1, N = 0 */
        0x13008000, /* SBFM sf = 0, imms<5> = 1 */
        0x13200000, /* SBFM sf = 0, immr<5> = 1 */
        0x73000000, /* bitfield opc = 11 */
        0x13808000, /* EXTR sf = 0, imms<5> = 1 */
        0x93800000, /* EXTR sf = 1, N = 0 */
        0x13c00000, /* EXTR sf = 0, N = 1 */
        0x33800000, /* EXTR op21 != 0 */
        0x13a00000, /* EXTR o0 = 1 */
        0x12400000, /* AND (immediate) sf = 0, N = 1 */
        0x92400000 | 0x3f << 10, /* AND (immediate) all-ones 64-bit element */
        0x92000000 | 0x3f << 10, /* AND (immediate) no element size */
        0x12c00000, /* MOVN sf = 0, hw = 2 */
        0x12800000 | 1u << 29, /* move wide opc = 01 */
    };
    for (unsigned i = 0; i < G_N_ELEMENTS(undefined); i++) {
        if (run(undefined[i])) {
            g_test_fail_printf("%08x should be UNDEFINED", undefined[i]);
        }
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    cpu = calloc(1, sizeof(*cpu));
    rng = g_rand_new_with_seed(42);
    g_test_add_func("/dp/bitfield", test_bitfield);
    g_test_add_func("/dp/extr", test_extr);
    g_test_add_func("/dp/logical_imm", test_logical_imm);
    g_test_add_func("/dp/move_wide", test_move_wide);
    g_test_add_func("/dp/pc_relative", test_pc_relative);
    g_test_add_func("/dp/one_source", test_one_source);
    g_test_add_func("/dp/two_source", test_two_source);
    g_test_add_func("/dp/crc", test_crc);
    g_test_add_func("/dp/three_source", test_three_source);
    g_test_add_func("/dp/unallocated", test_unallocated);
    int status = g_test_run();
    g_rand_free(rng);
    free(cpu);
    return status;
}
