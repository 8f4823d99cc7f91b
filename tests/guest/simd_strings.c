/*
 * AdvSIMD as glibc's string and memory routines use it: strlen, memchr and
 * memcpy written the way sysdeps/aarch64 writes them (LD1, CMEQ, SHRN,
 * UMOV, ADDP, UMAXP, DUP, LD1/ST1 of several registers with post-index),
 * each checked against a plain C version over many lengths and alignments;
 * a few reductions and permutes (CNT+ADDV, UMINV/UMAXV, TBL, EXT, ZIP1)
 * against scalar computations; then the FP access trap (CPACR_EL1.FPEN = 0
 * makes any AdvSIMD instruction take EC 0x07) and UNDEFINED for a reserved
 * size/Q combination.
 *
 * Built with -mgeneral-regs-only like every guest test: the vector code is
 * inline assembly, so the compiler never touches V registers itself.
 */
#include "result_hash.h"


static uint8_t buf[1024] __attribute__((aligned(16)));
static uint8_t dst[1024] __attribute__((aligned(16)));

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
    return xorshift64(&rng_state);
}

/* strlen as glibc does it: aligned 16-byte chunks, a 4-bit-per-byte syndrome. */
static uint64_t simd_strlen(const uint8_t *s)
{
    const uint8_t *p = (const uint8_t *)((uintptr_t)s & ~15ul);
    uint64_t syn;
    unsigned shift = ((uintptr_t)s & 15) * 4;
    __asm__ volatile("ld1 {v0.16b}, [%1]\n"
                     "cmeq v0.16b, v0.16b, #0\n"
                     "shrn v0.8b, v0.8h, #4\n"
                     "umov %0, v0.d[0]\n"
                     : "=r"(syn) : "r"(p) : "v0", "memory");
    syn >>= shift;
    if (syn) {
        return (uint64_t)__builtin_ctzll(syn) / 4;
    }
    for (;;) {
        p += 16;
        uint64_t any;
        __asm__ volatile("ld1 {v0.16b}, [%1]\n"
                         "cmeq v0.16b, v0.16b, #0\n"
                         "umaxp v1.16b, v0.16b, v0.16b\n"
                         "umov %0, v1.d[0]\n"
                         : "=r"(any) : "r"(p) : "v0", "v1", "memory");
        if (any) {
            __asm__ volatile("ld1 {v0.16b}, [%1]\n"
                             "cmeq v0.16b, v0.16b, #0\n"
                             "shrn v0.8b, v0.8h, #4\n"
                             "umov %0, v0.d[0]\n"
                             : "=r"(syn) : "r"(p) : "v0", "memory");
            return (uint64_t)(p - s) + (uint64_t)__builtin_ctzll(syn) / 4;
        }
    }
}

/* memchr: DUP the byte, CMEQ, AND with a bit mask, ADDP twice to a syndrome. */
static int64_t simd_memchr(const uint8_t *s, uint8_t c, uint64_t n)
{
    for (uint64_t off = 0; off < n; off += 16) {
        uint64_t syn;
        __asm__ volatile("dup v1.16b, %w2\n"
                         "movi v2.8h, #0x02, lsl #8\n"
                         "orr v2.8h, #0x01\n"          /* 0x0201 per halfword */
                         "ld1 {v0.16b}, [%1]\n"
                         "cmeq v0.16b, v0.16b, v1.16b\n"
                         "and v0.16b, v0.16b, v2.16b\n"
                         "addp v0.16b, v0.16b, v0.16b\n"
                         "umov %0, v0.d[0]\n"
                         : "=r"(syn) : "r"(s + off), "r"(c) : "v0", "v1", "v2", "memory");
        /* Byte i of syn holds the matches of bytes 2i (bit 0) and 2i + 1 (bit 1). */
        uint64_t bits = 0;
        for (unsigned i = 0; i < 8; i++) {
            bits |= ((syn >> (8 * i)) & 3) << (2 * i);
        }
        if (bits) {
            uint64_t pos = off + (uint64_t)__builtin_ctzll(bits);
            return pos < n ? (int64_t)pos : -1;
        }
    }
    return -1;
}

/* memcpy: 64-byte blocks through four registers, then 16, then bytes. */
static void simd_memcpy(uint8_t *d, const uint8_t *s, uint64_t n)
{
    while (n >= 64) {
        __asm__ volatile("ld1 {v0.16b-v3.16b}, [%1], #64\n"
                         "st1 {v0.16b-v3.16b}, [%0], #64\n"
                         : "+r"(d), "+r"(s) : : "v0", "v1", "v2", "v3", "memory");
        n -= 64;
    }
    uint64_t sixteen = 16;
    while (n >= 16) {
        __asm__ volatile("ld1 {v4.2d}, [%1], %2\n"
                         "st1 {v4.2d}, [%0], %2\n"
                         : "+r"(d), "+r"(s) : "r"(sixteen) : "v4", "memory");
        n -= 16;
    }
    while (n--) {
        __asm__ volatile("ld1 {v5.b}[7], [%1], #1\n"
                         "st1 {v5.b}[7], [%0], #1\n"
                         : "+r"(d), "+r"(s) : : "v5", "memory");
    }
}

static void test_strlen(void)
{
    for (unsigned t = 0; t < 400; t++) {
        unsigned start = (unsigned)(rnd() % 64), len = (unsigned)(rnd() % 200);
        for (unsigned i = 0; i < sizeof(buf); i++) {
            buf[i] = (uint8_t)(rnd() | 1);
        }
        buf[start + len] = 0;
        CHECK_EQ(simd_strlen(buf + start), len);
    }
    guest_puts("strlen ok\n");
}

static void test_memchr(void)
{
    for (unsigned t = 0; t < 400; t++) {
        unsigned start = (unsigned)(rnd() % 64) & ~15u, n = (unsigned)(rnd() % 300);
        uint8_t c = (uint8_t)rnd();
        for (unsigned i = 0; i < sizeof(buf); i++) {
            buf[i] = (uint8_t)rnd();
            if (buf[i] == c) {
                buf[i] ^= 0x80;
            }
        }
        int64_t want = -1;
        if (rnd() & 1) {
            unsigned at = (unsigned)(rnd() % (n + 20));
            buf[start + at] = c;
            want = at < n ? (int64_t)at : -1;
        }
        CHECK_EQ((uint64_t)simd_memchr(buf + start, c, n), (uint64_t)want);
    }
    guest_puts("memchr ok\n");
}

static void test_memcpy(void)
{
    for (unsigned t = 0; t < 200; t++) {
        unsigned so = (unsigned)(rnd() % 32), d0 = (unsigned)(rnd() % 32);
        unsigned n = (unsigned)(rnd() % 400);
        for (unsigned i = 0; i < sizeof(buf); i++) {
            buf[i] = (uint8_t)rnd();
            dst[i] = 0xee;
        }
        simd_memcpy(dst + d0, buf + so, n);
        for (unsigned i = 0; i < sizeof(dst); i++) {
            uint8_t want = i >= d0 && i < d0 + n ? buf[so + i - d0] : 0xee;
            CHECK_EQ(dst[i], want);
        }
    }
    guest_puts("memcpy ok\n");
}

static uint64_t popcount64(uint64_t v)
{
    uint64_t n = 0;
    for (; v; v &= v - 1) {
        n++;
    }
    return n;
}

static void test_reductions(void)
{
    for (unsigned t = 0; t < 200; t++) {
        uint64_t lo = rnd(), hi = rnd(), pop, mn, mx;
        __asm__ volatile("mov v0.d[0], %3\n"
                         "mov v0.d[1], %4\n"
                         "cnt v1.16b, v0.16b\n"
                         "addv b1, v1.16b\n"
                         "umov %w0, v1.b[0]\n"
                         "uminv b2, v0.16b\n"
                         "umov %w1, v2.b[0]\n"
                         "umaxv b3, v0.16b\n"
                         "umov %w2, v3.b[0]\n"
                         : "=&r"(pop), "=&r"(mn), "=&r"(mx)
                         : "r"(lo), "r"(hi) : "v0", "v1", "v2", "v3");
        uint64_t wmin = 255, wmax = 0;
        for (unsigned i = 0; i < 16; i++) {
            uint64_t b = ((i < 8 ? lo : hi) >> (8 * (i & 7))) & 0xff;
            wmin = b < wmin ? b : wmin;
            wmax = b > wmax ? b : wmax;
        }
        CHECK_EQ(pop, popcount64(lo) + popcount64(hi));
        CHECK_EQ(mn, wmin);
        CHECK_EQ(mx, wmax);
    }
    guest_puts("reductions ok\n");
}

static void test_permutes(void)
{
    uint64_t lo = 0x0706050403020100ull, hi = 0x0f0e0d0c0b0a0908ull;
    uint64_t rlo, rhi, elo, ehi, zlo, zhi;
    /* TBL with indices 15..0 reverses the bytes; EXT #3 of (v0, v0) rotates; ZIP1 interleaves. */
    __asm__ volatile("mov v0.d[0], %6\n"
                     "mov v0.d[1], %7\n"
                     "rev64 v1.16b, v0.16b\n"
                     "ext v1.16b, v1.16b, v1.16b, #8\n" /* indices 15..0 */
                     "tbl v2.16b, {v0.16b}, v1.16b\n"
                     "umov %0, v2.d[0]\n"
                     "umov %1, v2.d[1]\n"
                     "ext v3.16b, v0.16b, v0.16b, #3\n"
                     "umov %2, v3.d[0]\n"
                     "umov %3, v3.d[1]\n"
                     "zip1 v4.16b, v0.16b, v1.16b\n"
                     "umov %4, v4.d[0]\n"
                     "umov %5, v4.d[1]\n"
                     : "=&r"(rlo), "=&r"(rhi), "=&r"(elo), "=&r"(ehi), "=&r"(zlo), "=&r"(zhi)
                     : "r"(lo), "r"(hi) : "v0", "v1", "v2", "v3", "v4");
    CHECK_EQ(rlo, 0x08090a0b0c0d0e0full);
    CHECK_EQ(rhi, 0x0001020304050607ull);
    CHECK_EQ(elo, 0x0a09080706050403ull);
    CHECK_EQ(ehi, 0x0201000f0e0d0c0bull);
    CHECK_EQ(zlo, 0x0c030d020e010f00ull);
    CHECK_EQ(zhi, 0x080709060a050b04ull);
    guest_puts("permutes ok\n");
}

/* --- traps ---------------------------------------------------------------------- */

static void test_traps(void)
{
    guest_disable_fp();
    guest_expect_exception(GUEST_RESUME_NEXT);
    __asm__ volatile("movi v0.16b, #1" ::: "v0");
    CHECK_EQ(guest_caught.count, 1);
    CHECK_EQ(guest_caught.esr, 0x1fe00000);
    guest_expect_exception(GUEST_RESUME_NEXT);
    __asm__ volatile("ld1 {v0.16b}, [%0]" :: "r"(buf) : "v0", "memory");
    CHECK_EQ(guest_caught.count, 1);
    CHECK_EQ(guest_caught.esr, 0x1fe00000);
    guest_enable_fp();
    guest_puts("fp access trap ok\n");

    /* ADD Vd.1D (size 3, Q 0) is reserved: UNDEFINED, not the trap. */
    guest_expect_exception(GUEST_RESUME_NEXT);
    __asm__ volatile(".inst 0x0ee08400" ::: "v0");
    CHECK_EQ(guest_caught.count, 1);
    CHECK_EQ(guest_caught.esr, ESR(EC_UNKNOWN, 0));
    /* Same with FP disabled: UNDEFINED wins over the trap. */
    guest_disable_fp();
    guest_expect_exception(GUEST_RESUME_NEXT);
    __asm__ volatile(".inst 0x0ee08400" ::: "v0");
    CHECK_EQ(guest_caught.esr, ESR(EC_UNKNOWN, 0));
    guest_enable_fp();
    guest_puts("undefined ok\n");
}

int main(void)
{
    guest_enable_fp();
    test_strlen();
    test_memchr();
    test_memcpy();
    test_reductions();
    test_permutes();
    test_traps();
    return 0;
}
