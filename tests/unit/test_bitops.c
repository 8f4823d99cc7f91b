/*
 * Unit tests of arm/bitops.h: DecodeBitMasks against a bit-by-bit rendering
 * of the ARM ARM pseudocode for every N:imms:immr, CRC32/CRC32C against the
 * standard check values, and the counting / reversal helpers against plain
 * loops on edge values and random ones.
 */
#include <glib.h>

#include "arm/bitops.h"

/* ------------------------------------------------------------------------ */
/* DecodeBitMasks, written as literally as the pseudocode, one bit at a time. */

static unsigned ref_highest_set_bit(unsigned v, unsigned bits)
{
    for (int i = (int)bits - 1; i >= 0; i--) {
        if ((v >> i) & 1) {
            return (unsigned)i;
        }
    }
    return ~0u; /* -1: no bit set */
}

static uint64_t ref_ones(unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++) {
        v |= (uint64_t)1 << i;
    }
    return v;
}

static uint64_t ref_ror(uint64_t v, unsigned shift, unsigned width)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < width; i++) {
        /* Result bit i comes from source bit (i + shift) mod width. */
        if ((v >> ((i + shift) % width)) & 1) {
            r |= (uint64_t)1 << i;
        }
    }
    return r;
}

static uint64_t ref_replicate(uint64_t elem, unsigned esize, unsigned width)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < width; i++) {
        if ((elem >> (i % esize)) & 1) {
            r |= (uint64_t)1 << i;
        }
    }
    return r;
}

static bool ref_decode_bit_masks(unsigned n, unsigned imms, unsigned immr, bool immediate,
                                 unsigned width, uint64_t *wmask, uint64_t *tmask)
{
    unsigned len = ref_highest_set_bit((n << 6) | (~imms & 0x3f), 7);
    if (len == ~0u || len < 1) {
        return false; /* UNDEFINED */
    }
    if ((1u << len) > width) {
        return false; /* M >= esize does not hold: the instruction is unallocated */
    }
    unsigned levels = (unsigned)ref_ones(len);
    if (immediate && (imms & levels) == levels) {
        return false; /* UNDEFINED */
    }
    unsigned s = imms & levels;
    unsigned r = immr & levels;
    unsigned diff = (s - r) & levels; /* 'len' bits of S - R */
    unsigned esize = 1u << len;
    uint64_t welem = ref_ones(s + 1);
    uint64_t telem = ref_ones(diff + 1);
    *wmask = ref_replicate(ref_ror(welem, r, esize), esize, width);
    *tmask = ref_replicate(telem, esize, width);
    return true;
}

static void test_decode_bit_masks_all(void)
{
    unsigned checked = 0, valid = 0;
    for (unsigned width = 32; width <= 64; width += 32) {
        for (int immediate = 0; immediate <= 1; immediate++) {
            for (unsigned n = 0; n <= 1; n++) {
                for (unsigned imms = 0; imms < 64; imms++) {
                    for (unsigned immr = 0; immr < 64; immr++) {
                        uint64_t w1 = 0, t1 = 0, w2 = 0, t2 = 0;
                        bool ok = decode_bit_masks(n, imms, immr, immediate, width, &w1, &t1);
                        bool ref = ref_decode_bit_masks(n, imms, immr, immediate, width, &w2,
                                                        &t2);
                        checked++;
                        if (ok != ref || (ok && (w1 != w2 || t1 != t2))) {
                            g_test_fail_printf("width %u immediate %d N %u imms %u immr %u: "
                                               "got %d %#" G_GINT64_MODIFIER "x %#"
                                               G_GINT64_MODIFIER "x, want %d %#"
                                               G_GINT64_MODIFIER "x %#" G_GINT64_MODIFIER "x",
                                               width, immediate, n, imms, immr, ok, w1, t1,
                                               ref, w2, t2);
                            return;
                        }
                        valid += ok;
                    }
                }
            }
        }
    }
    g_assert_cmpuint(checked, ==, 2 * 2 * 2 * 64 * 64);
    g_assert_cmpuint(valid, >, 0);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* There are 5334 distinct 64-bit and 1302 distinct 32-bit logical immediates. */
static void test_logical_immediate_count(void)
{
    static uint64_t values[2 * 64 * 64];
    for (unsigned width = 32; width <= 64; width += 32) {
        unsigned count = 0;
        for (unsigned n = 0; n <= 1; n++) {
            for (unsigned imms = 0; imms < 64; imms++) {
                for (unsigned immr = 0; immr < 64; immr++) {
                    uint64_t w, t;
                    if (decode_bit_masks(n, imms, immr, true, width, &w, &t)) {
                        g_assert_true(w != 0 && w != ref_ones(width));
                        values[count++] = w;
                    }
                }
            }
        }
        qsort(values, count, sizeof(values[0]), cmp_u64);
        unsigned distinct = 0;
        for (unsigned i = 0; i < count; i++) {
            distinct += i == 0 || values[i] != values[i - 1];
        }
        g_assert_cmpuint(distinct, ==, width == 64 ? 5334 : 1302);
    }
}

/* Known encodings: ORR x0, xzr, #0x5555555555555555 is N=0 immr=0 imms=0b111100... */
static void test_decode_bit_masks_examples(void)
{
    uint64_t w, t;
    /* N=0, imms=0b111100 (element 2, one bit set), immr=0: 0101... */
    g_assert_true(decode_bit_masks(0, 0x3c, 0, true, 64, &w, &t));
    g_assert_cmphex(w, ==, 0x5555555555555555ull);
    /* N=1, imms=0b000111 (64-bit element, 8 ones), immr=8: rotated right by 8. */
    g_assert_true(decode_bit_masks(1, 7, 8, true, 64, &w, &t));
    g_assert_cmphex(w, ==, 0xff00000000000000ull);
    /* N=0, imms=0b001111 (32-bit element, 16 ones), immr=0, as a 32-bit op. */
    g_assert_true(decode_bit_masks(0, 15, 0, true, 32, &w, &t));
    g_assert_cmphex(w, ==, 0xffff);
    /* Reserved: all-ones element, no element, 64-bit element in a 32-bit op. */
    g_assert_false(decode_bit_masks(1, 63, 0, true, 64, &w, &t));
    g_assert_false(decode_bit_masks(0, 0x3e, 0, true, 64, &w, &t));
    g_assert_false(decode_bit_masks(0, 0x3f, 0, true, 64, &w, &t));
    g_assert_false(decode_bit_masks(1, 0, 0, true, 32, &w, &t));
    /* A bitfield move may use an all-ones element: UBFM x, x, #0, #63 (LSR #0). */
    g_assert_true(decode_bit_masks(1, 63, 0, false, 64, &w, &t));
    g_assert_cmphex(w, ==, ~0ull);
    g_assert_cmphex(t, ==, ~0ull);
}

/* ------------------------------------------------------------------------ */
/* CRC32 / CRC32C */

static const char check_string[] = "123456789";

/* Feeds the check string in chunks of 'chunk' bytes (the last chunk may be smaller). */
static uint32_t crc_of_check_string(uint32_t (*update)(uint32_t, uint64_t, unsigned),
                                    unsigned chunk)
{
    uint32_t acc = 0xffffffff;
    unsigned len = sizeof(check_string) - 1;
    for (unsigned pos = 0; pos < len;) {
        unsigned bytes = chunk;
        while (pos + bytes > len) {
            bytes /= 2;
        }
        uint64_t value = 0;
        for (unsigned i = 0; i < bytes; i++) {
            value |= (uint64_t)(uint8_t)check_string[pos + i] << (8 * i);
        }
        acc = update(acc, value, bytes);
        pos += bytes;
    }
    return ~acc;
}

static void test_crc32(void)
{
    for (unsigned chunk = 1; chunk <= 8; chunk *= 2) {
        g_assert_cmphex(crc_of_check_string(crc32_update, chunk), ==, 0xcbf43926);
        g_assert_cmphex(crc_of_check_string(crc32c_update, chunk), ==, 0xe3069283);
    }
    /* The instructions ignore the bits of the value above the size. */
    g_assert_cmphex(crc32_update(0x12345678, 0xffffffffffffff31ull, 1), ==,
                    crc32_update(0x12345678, 0x31, 1));
    g_assert_cmphex(crc32c_update(0x12345678, 0xffffffff00003231ull, 4), ==,
                    crc32c_update(0x12345678, 0x3231, 4));
    /* No inversion is built in: a zero accumulator and zero data stay zero. */
    g_assert_cmphex(crc32_update(0, 0, 8), ==, 0);
    g_assert_cmphex(crc32c_update(0, 0, 8), ==, 0);
}

/* ------------------------------------------------------------------------ */
/* Counting and reversal */

static unsigned ref_clz(uint64_t v, unsigned width)
{
    unsigned n = 0;
    for (int i = (int)width - 1; i >= 0 && !((v >> i) & 1); i--) {
        n++;
    }
    return n;
}

static unsigned ref_cls(uint64_t v, unsigned width)
{
    unsigned top = (v >> (width - 1)) & 1, n = 0;
    for (int i = (int)width - 2; i >= 0 && ((v >> i) & 1) == top; i--) {
        n++;
    }
    return n;
}

static uint64_t ref_rbit(uint64_t v, unsigned width)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < width; i++) {
        if ((v >> i) & 1) {
            r |= (uint64_t)1 << (width - 1 - i);
        }
    }
    return r;
}

/* Reverses the bytes within each 'container'-byte group of a 64-bit value. */
static uint64_t ref_rev(uint64_t v, unsigned container)
{
    uint64_t r = 0;
    for (unsigned byte = 0; byte < 8; byte++) {
        unsigned base = byte / container * container;
        unsigned to = base + (container - 1 - (byte - base));
        r |= ((v >> (8 * byte)) & 0xff) << (8 * to);
    }
    return r;
}

static const uint64_t edge_values[] = {
    0, 1, 2, 3, 0x7f, 0x80, 0xff, 0xffff, 0x7fffffff, 0x80000000, 0xc0000000, 0xffffffff,
    0x100000000, 0x3fffffffffffffff, 0x4000000000000000, 0x7fffffffffffffff,
    0x8000000000000000, 0xc000000000000000, 0xfffffffffffffffe, 0xffffffffffffffff,
    0x0123456789abcdef, 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0xffffffff7fffffff,
};

static void check_counting(uint64_t v)
{
    uint32_t w = (uint32_t)v;
    g_assert_cmpuint(clz64(v), ==, ref_clz(v, 64));
    g_assert_cmpuint(clz32(w), ==, ref_clz(w, 32));
    g_assert_cmpuint(cls64(v), ==, ref_cls(v, 64));
    g_assert_cmpuint(cls32(w), ==, ref_cls(w, 32));
    g_assert_cmphex(rbit64(v), ==, ref_rbit(v, 64));
    g_assert_cmphex(rbit32(w), ==, ref_rbit(w, 32));
    g_assert_cmphex(rev16_64(v), ==, ref_rev(v, 2));
    g_assert_cmphex(rev32_64(v), ==, ref_rev(v, 4));
    g_assert_cmphex(__builtin_bswap64(v), ==, ref_rev(v, 8));
}

static void test_counting_edges(void)
{
    for (unsigned i = 0; i < G_N_ELEMENTS(edge_values); i++) {
        check_counting(edge_values[i]);
    }
    for (unsigned bit = 0; bit < 64; bit++) {
        check_counting((uint64_t)1 << bit);
        check_counting(~((uint64_t)1 << bit));
        check_counting(~(uint64_t)0 >> bit);
        check_counting(~(uint64_t)0 << bit);
    }
    g_assert_cmpuint(clz64(0), ==, 64);
    g_assert_cmpuint(clz32(0), ==, 32);
    g_assert_cmpuint(cls64(0), ==, 63);
    g_assert_cmpuint(cls64(~0ull), ==, 63);
    g_assert_cmpuint(cls32(0), ==, 31);
    g_assert_cmpuint(cls32(0xffffffff), ==, 31);
    g_assert_cmpuint(cls64(0x8000000000000000ull), ==, 0);
    g_assert_cmpuint(cls32(0x40000000), ==, 0);
    g_assert_cmphex(rbit64(1), ==, 0x8000000000000000ull);
    g_assert_cmphex(rbit32(1), ==, 0x80000000);
    g_assert_cmphex(rev32_64(0x0011223344556677ull), ==, 0x3322110077665544ull);
    g_assert_cmphex(rev16_64(0x0011223344556677ull), ==, 0x1100332255447766ull);
}

static void test_counting_random(void)
{
    GRand *rand = g_rand_new_with_seed(1);
    for (unsigned i = 0; i < 100000; i++) {
        uint64_t v = ((uint64_t)g_rand_int(rand) << 32) | g_rand_int(rand);
        /* Vary the number of leading equal bits. */
        v = (int64_t)v >> g_rand_int_range(rand, 0, 64);
        check_counting(v);
        check_counting(v >> g_rand_int_range(rand, 0, 64));
    }
    g_rand_free(rand);
}

/* ------------------------------------------------------------------------ */
/* Small helpers */

static void test_small_helpers(void)
{
    g_assert_cmpint(sextract64(0x80, 8), ==, -128);
    g_assert_cmpint(sextract64(0x7f, 8), ==, 127);
    g_assert_cmpint(sextract64(0x100000, 21), ==, -1048576);
    g_assert_cmpint(sextract64(0x8000000000000000ull, 64), ==, INT64_MIN);
    g_assert_cmphex(ones64(0), ==, 0);
    g_assert_cmphex(ones64(1), ==, 1);
    g_assert_cmphex(ones64(64), ==, ~0ull);
    g_assert_cmphex(ror64(0x1, 1), ==, 0x8000000000000000ull);
    g_assert_cmphex(ror64(0x1234, 0), ==, 0x1234);
    g_assert_cmphex(ror64(0x1234, 64), ==, 0x1234);
    g_assert_cmphex(ror32(0x1, 1), ==, 0x80000000);
    g_assert_cmphex(ror32(0x1234, 32), ==, 0x1234);
    g_assert_cmphex(ror_width(0x1, 1, 8), ==, 0x80);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/bitops/decode_bit_masks/all", test_decode_bit_masks_all);
    g_test_add_func("/bitops/decode_bit_masks/count", test_logical_immediate_count);
    g_test_add_func("/bitops/decode_bit_masks/examples", test_decode_bit_masks_examples);
    g_test_add_func("/bitops/crc32", test_crc32);
    g_test_add_func("/bitops/counting/edges", test_counting_edges);
    g_test_add_func("/bitops/counting/random", test_counting_random);
    g_test_add_func("/bitops/small_helpers", test_small_helpers);
    return g_test_run();
}
