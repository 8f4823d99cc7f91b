/*
 * Unit tests of arm/flags.h: the add/subtract-with-flags helpers against the
 * ARM ARM's AddWithCarry() computed in 128-bit arithmetic, the logical-result
 * flags, and arm_cond_table against ConditionHolds(), on edge values and on
 * many random ones.
 */
#include <glib.h>

#include "arm/flags.h"

/* AddWithCarry(x, y, carry_in) for N = 32 or 64, straight from the pseudocode. */
static uint64_t add_with_carry(unsigned bits, uint64_t x, uint64_t y, unsigned carry_in,
                               uint32_t *nzcv)
{
    uint64_t mask = bits == 64 ? ~(uint64_t)0 : ((uint64_t)1 << bits) - 1;
    x &= mask;
    y &= mask;
    __int128 sx = bits == 64 ? (__int128)(int64_t)x : (__int128)(int32_t)(uint32_t)x;
    __int128 sy = bits == 64 ? (__int128)(int64_t)y : (__int128)(int32_t)(uint32_t)y;
    unsigned __int128 unsigned_sum = (unsigned __int128)x + y + carry_in;
    __int128 signed_sum = sx + sy + carry_in;
    uint64_t result = (uint64_t)unsigned_sum & mask;
    __int128 signed_result = bits == 64 ? (__int128)(int64_t)result
                                        : (__int128)(int32_t)(uint32_t)result;
    bool n = (result >> (bits - 1)) & 1;
    bool z = result == 0;
    bool c = (unsigned __int128)result != unsigned_sum;
    bool v = signed_result != signed_sum;
    *nzcv = (n ? NZCV_N : 0) | (z ? NZCV_Z : 0) | (c ? NZCV_C : 0) | (v ? NZCV_V : 0);
    return result;
}

static const uint64_t edge_values[] = {
    0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff,
    0x7ffffffe, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff,
    0x100000000, 0x17fffffff, 0xffffffff80000000,
    0x7ffffffffffffffe, 0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000001,
    0xfffffffffffffffe, 0xffffffffffffffff, 0x5555555555555555, 0xaaaaaaaaaaaaaaaa,
};

#define NUM_EDGE (sizeof(edge_values) / sizeof(edge_values[0]))
#define NUM_RANDOM 200000

/* Checks every helper on one pair of inputs; returns false on the first mismatch. */
static bool check_pair(uint64_t a, uint64_t b)
{
    for (unsigned carry = 0; carry <= 1; carry++) {
        uint32_t got, want;
        uint64_t r = add64_flags(a, b, carry, &got);
        uint64_t w = add_with_carry(64, a, b, carry, &want);
        if (r != w || got != want) {
            g_test_fail_printf("add64_flags(%#" G_GINT64_MODIFIER "x, %#" G_GINT64_MODIFIER
                               "x, %u) = %#" G_GINT64_MODIFIER "x nzcv %08x, want %#"
                               G_GINT64_MODIFIER "x nzcv %08x", a, b, carry, r, got, w, want);
            return false;
        }
        uint32_t r32 = add32_flags((uint32_t)a, (uint32_t)b, carry, &got);
        w = add_with_carry(32, a, b, carry, &want);
        if (r32 != w || got != want) {
            g_test_fail_printf("add32_flags(%#x, %#x, %u) = %#x nzcv %08x, want %#x nzcv %08x",
                               (uint32_t)a, (uint32_t)b, carry, r32, got, (uint32_t)w, want);
            return false;
        }
    }

    /* SUBS is AddWithCarry(x, NOT(y), 1). */
    uint32_t got, want;
    uint64_t r = sub64_flags(a, b, &got);
    uint64_t w = add_with_carry(64, a, ~b, 1, &want);
    if (r != w || got != want || r != a - b) {
        g_test_fail_printf("sub64_flags(%#" G_GINT64_MODIFIER "x, %#" G_GINT64_MODIFIER
                           "x) = %#" G_GINT64_MODIFIER "x nzcv %08x, want nzcv %08x",
                           a, b, r, got, want);
        return false;
    }
    uint32_t r32 = sub32_flags((uint32_t)a, (uint32_t)b, &got);
    w = add_with_carry(32, a, ~b, 1, &want);
    if (r32 != w || got != want || r32 != (uint32_t)(a - b)) {
        g_test_fail_printf("sub32_flags(%#x, %#x) = %#x nzcv %08x, want nzcv %08x",
                           (uint32_t)a, (uint32_t)b, r32, got, want);
        return false;
    }
    /* Unsigned a >= b is exactly C after a subtraction (CMP then B.HS). */
    if (!!(got & NZCV_C) != ((uint32_t)a >= (uint32_t)b)) {
        g_test_fail_printf("sub32_flags(%#x, %#x): C disagrees with a >= b", (uint32_t)a,
                           (uint32_t)b);
        return false;
    }
    return true;
}

static void test_add_sub_edges(void)
{
    for (unsigned i = 0; i < NUM_EDGE; i++) {
        for (unsigned j = 0; j < NUM_EDGE; j++) {
            if (!check_pair(edge_values[i], edge_values[j])) {
                return;
            }
        }
    }
}

/* Random values biased toward the interesting places: near 0 and the sign bits. */
static uint64_t random_operand(GRand *rng)
{
    uint64_t v = ((uint64_t)g_rand_int(rng) << 32) | g_rand_int(rng);
    switch (g_rand_int_range(rng, 0, 6)) {
    case 0: return v & 0xff;                                  /* small */
    case 1: return -(v & 0xff);                               /* small negative */
    case 2: return edge_values[v % NUM_EDGE] + (v >> 62) - 2; /* next to an edge */
    case 3: return (uint32_t)v;                               /* 32-bit value */
    default: return v;
    }
}

static void test_add_sub_random(void)
{
    GRand *rng = g_rand_new_with_seed(0x5eed);
    for (unsigned k = 0; k < NUM_RANDOM; k++) {
        if (!check_pair(random_operand(rng), random_operand(rng))) {
            break;
        }
    }
    g_rand_free(rng);
}

static void test_logic_flags(void)
{
    GRand *rng = g_rand_new_with_seed(7);
    for (unsigned k = 0; k < NUM_RANDOM + NUM_EDGE; k++) {
        uint64_t r = k < NUM_EDGE ? edge_values[k] : random_operand(rng);
        uint32_t want64 = (r >> 63 ? NZCV_N : 0) | (r == 0 ? NZCV_Z : 0);
        uint32_t want32 = ((r >> 31) & 1 ? NZCV_N : 0) | ((uint32_t)r == 0 ? NZCV_Z : 0);
        g_assert_cmphex(logic64_flags(r), ==, want64);
        g_assert_cmphex(logic32_flags((uint32_t)r), ==, want32);
    }
    g_rand_free(rng);
}

/* ConditionHolds(cond) from the ARM ARM, for PSTATE.NZCV = nzcv (4 bits). */
static bool condition_holds(unsigned cond, unsigned nzcv)
{
    bool n = nzcv & 8, z = nzcv & 4, c = nzcv & 2, v = nzcv & 1;
    bool result;
    switch (cond >> 1) {
    case 0: result = z; break;
    case 1: result = c; break;
    case 2: result = n; break;
    case 3: result = v; break;
    case 4: result = c && !z; break;
    case 5: result = n == v; break;
    case 6: result = n == v && !z; break;
    default: result = true; break;
    }
    if ((cond & 1) && cond != 15) {
        result = !result;
    }
    return result;
}

static void test_cond_table(void)
{
    for (unsigned cond = 0; cond < 16; cond++) {
        for (unsigned nzcv = 0; nzcv < 16; nzcv++) {
            bool want = condition_holds(cond, nzcv);
            if (cond_holds(nzcv << 28, cond) != want) {
                g_test_fail_printf("cond %u with NZCV %x: table says %d, ConditionHolds %d",
                                   cond, nzcv, !want, want);
            }
            g_assert_cmpuint((arm_cond_table[cond] >> nzcv) & 1, ==, want);
        }
    }
}

/* The flags the helpers produce feed cond_holds as B.cond would see them. */
static void test_cond_after_compare(void)
{
    GRand *rng = g_rand_new_with_seed(11);
    for (unsigned k = 0; k < NUM_RANDOM / 4; k++) {
        uint64_t a = random_operand(rng), b = random_operand(rng);
        uint32_t nzcv;
        sub64_flags(a, b, &nzcv);
        g_assert_cmpuint(cond_holds(nzcv, 0), ==, a == b);                    /* EQ */
        g_assert_cmpuint(cond_holds(nzcv, 2), ==, a >= b);                    /* HS */
        g_assert_cmpuint(cond_holds(nzcv, 8), ==, a > b);                     /* HI */
        g_assert_cmpuint(cond_holds(nzcv, 10), ==, (int64_t)a >= (int64_t)b); /* GE */
        g_assert_cmpuint(cond_holds(nzcv, 12), ==, (int64_t)a > (int64_t)b);  /* GT */
        g_assert_cmpuint(cond_holds(nzcv, 11), ==, (int64_t)a < (int64_t)b);  /* LT */
        g_assert_cmpuint(cond_holds(nzcv, 13), ==, (int64_t)a <= (int64_t)b); /* LE */
        g_assert_cmpuint(cond_holds(nzcv, 3), ==, a < b);                     /* LO */
        g_assert_cmpuint(cond_holds(nzcv, 9), ==, a <= b);                    /* LS */
    }
    g_rand_free(rng);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/flags/add_sub_edges", test_add_sub_edges);
    g_test_add_func("/flags/add_sub_random", test_add_sub_random);
    g_test_add_func("/flags/logic", test_logic_flags);
    g_test_add_func("/flags/cond_table", test_cond_table);
    g_test_add_func("/flags/cond_after_compare", test_cond_after_compare);
    return g_test_run();
}
