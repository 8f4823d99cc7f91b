/*
 * Integer data processing: add/sub (shifted and extended register forms),
 * multiply and multiply-high, divide edge cases, variable and immediate
 * shifts, bitfield moves, bit counting and reversal, logical immediates,
 * wide moves, CRC32/CRC32C and conditional select/compare chains. Each
 * instruction is forced with inline asm on opaque operands (no constant
 * folding); every result is compared with a constant worked out by hand
 * or with Python, and checked on QEMU.
 */
#include "guest.h"

/* Hides a value from the optimiser. */
static inline uint64_t opaque(uint64_t v)
{
    __asm__ volatile("" : "+r"(v));
    return v;
}

/* One instruction on 64-bit (X) or 32-bit (W) registers. The W forms'
 * result is read as 64 bits, so the checks also cover zero-extension. */
#define X1(insn, a)                                                              \
    ({ uint64_t r_; __asm__ volatile(insn " %x0, %x1" : "=r"(r_) : "r"(opaque(a))); r_; })
#define W1(insn, a)                                                              \
    ({ uint64_t r_; __asm__ volatile(insn " %w0, %w1" : "=r"(r_) : "r"(opaque(a))); r_; })
#define X2(insn, a, b)                                                           \
    ({ uint64_t r_; __asm__ volatile(insn " %x0, %x1, %x2" : "=r"(r_)            \
                                     : "r"(opaque(a)), "r"(opaque(b))); r_; })
#define W2(insn, a, b)                                                           \
    ({ uint64_t r_; __asm__ volatile(insn " %w0, %w1, %w2" : "=r"(r_)            \
                                     : "r"(opaque(a)), "r"(opaque(b))); r_; })
/* Two X sources with a suffix (shift, extend) where %w2 / %x2 is spelled
 * in the template itself. */
#define XS(tmpl, a, b)                                                           \
    ({ uint64_t r_; __asm__ volatile(tmpl : "=r"(r_) : "r"(opaque(a)), "r"(opaque(b))); r_; })
#define X3(insn, a, b, c)                                                        \
    ({ uint64_t r_; __asm__ volatile(insn " %x0, %x1, %x2, %x3" : "=r"(r_)       \
                                     : "r"(opaque(a)), "r"(opaque(b)), "r"(opaque(c))); r_; })
#define W3(insn, a, b, c)                                                        \
    ({ uint64_t r_; __asm__ volatile(insn " %w0, %w1, %w2, %w3" : "=r"(r_)       \
                                     : "r"(opaque(a)), "r"(opaque(b)), "r"(opaque(c))); r_; })
/* Long multiply: W sources, X accumulator and result. */
#define L3(insn, a, b, c)                                                        \
    ({ uint64_t r_; __asm__ volatile(insn " %x0, %w1, %w2, %x3" : "=r"(r_)       \
                                     : "r"(opaque(a)), "r"(opaque(b)), "r"(opaque(c))); r_; })
/* One source with an immediate or shift in the template (%1 = source). */
#define XI(tmpl, a) ({ uint64_t r_; __asm__ volatile(tmpl : "=r"(r_) : "r"(opaque(a))); r_; })
/* Destination also a source (BFI, BFXIL, MOVK): %0 in and out. */
#define XIO(tmpl, d, a)                                                          \
    ({ uint64_t r_ = opaque(d); __asm__ volatile(tmpl : "+r"(r_) : "r"(opaque(a))); r_; })

#define A 0x123456789abcdef0ull
#define B 0xfedcba9876543210ull
#define MIN64 0x8000000000000000ull
#define ALL1 0xffffffffffffffffull

static unsigned checks;

/* Counts the checks so the transcript shows how many ran per section. */
#define T(got, expected) do { CHECK_EQ(got, expected); checks++; } while (0)

static void section_done(const char *name)
{
    guest_puts(name);
    guest_puts(": ");
    guest_put_dec(checks);
    guest_puts(" checks ok\n");
    checks = 0;
}

static void test_add_sub(void)
{
    T(X2("add", 0x7fffffffffffffffull, 1), MIN64);
    T(X2("add", ALL1, 1), 0);
    T(W2("add", 0xffffffff, 1), 0);
    T(W2("add", 0x7fffffff, 0xffffffff00000001ull), 0x80000000);
    T(X2("sub", 0, 1), ALL1);
    T(W2("sub", 0, 1), 0xffffffff);
    T(X1("neg", MIN64), MIN64);
    T(W1("neg", 5), 0xfffffffb);
    T(XS("add %x0, %x1, %x2, lsl #12", A, A), 0x579be02468abdef0ull);
    T(XS("sub %x0, %x1, %x2, asr #4", MIN64, 0xf000000000000000ull), 0x8100000000000000ull);
    T(XS("add %x0, %x1, %x2, lsr #63", 5, MIN64), 6);
    T(XS("add %w0, %w1, %w2, lsl #31", 0, 3), 0x80000000);
    /* Extended register forms. */
    T(XS("add %x0, %x1, %w2, sxtw #2", 0x1000, 0x00000000fffffffcull), 0x1000 - 16);
    T(XS("add %x0, %x1, %w2, uxtw", 0x1000, 0xffffffff00000010ull), 0x1010);
    T(XS("add %x0, %x1, %w2, sxtb", 0x1000, 0x180), 0x1000 - 0x80);
    T(XS("add %x0, %x1, %w2, uxtb #4", 0x1000, 0x1ff), 0x1000 + 0xff0);
    T(XS("sub %x0, %x1, %w2, sxth #1", 0, 0x8000), 0x10000);
    T(XS("add %x0, %x1, %w2, uxth #3", 0, 0xffff8001), 0x40008);
    T(XS("add %x0, %x1, %x2, sxtx #1", 1, MIN64 | 1), 3);
    T(XS("add %w0, %w1, %w2, sxtb #2", 0, 0xff), 0xfffffffc);
    /* Immediates, including the shifted 12-bit form. */
    T(XI("add %x0, %x1, #0xfff", 1), 0x1000);
    T(XI("add %x0, %x1, #0xabc, lsl #12", 0), 0xabc000);
    T(XI("sub %w0, %w1, #1", 0), 0xffffffff);
    T(XI("sub %x0, %x1, #0x1, lsl #12", 0), 0xfffffffffffff000ull);
}

static void test_multiply(void)
{
    T(X2("mul", A, B), 0x236d88fe5618cf00ull);
    T(W2("mul", 0x10000, 0x10000), 0);
    T(W2("mul", 0xffffffff, 0xffffffff), 1);
    T(X3("madd", 3, 4, 5), 17);
    T(X3("msub", 3, 4, 5), ALL1 - 6);
    T(W3("madd", 0x80000000, 2, 7), 7);
    T(W3("msub", 1, 1, 0), 0xffffffff);
    T(X2("mneg", 6, 7), (uint64_t)-42);
    T(X2("umulh", ALL1, ALL1), 0xfffffffffffffffeull);
    T(X2("smulh", ALL1, ALL1), 0);
    T(X2("smulh", MIN64, MIN64), 0x4000000000000000ull);
    T(X2("smulh", MIN64, 1), ALL1);
    T(X2("umulh", A, B), 0x121fa00ad77d7422ull);
    T(X2("smulh", A, B), 0xffeb49923cc09532ull);
    T(L3("smaddl", 0x80000000, 0x7fffffff, 0), 0xc000000080000000ull);
    T(L3("umaddl", 0x80000000, 0xffffffff, 0), 0x7fffffff80000000ull);
    T(L3("smaddl", 0xfffffffe, 0x12345678, 0x1000), 0xffffffffdb976310ull);
    T(L3("smsubl", 0xffffffff, 0xffffffff, 0), ALL1);
    T(L3("umsubl", 0xffffffff, 0xffffffff, 0), 0x00000001ffffffffull);
    T(XS("smull %x0, %w1, %w2", 0xffffffff, 0xffffffff), 1);
    T(XS("umull %x0, %w1, %w2", 0xffffffff, 0xffffffff), 0xfffffffe00000001ull);
    T(XS("smnegl %x0, %w1, %w2", 0x80000000, 0x80000000), 0xc000000000000000ull);
    /* The compiler's own 128-bit products (mul + umulh/smulh). */
    unsigned __int128 up = (unsigned __int128)opaque(ALL1) * opaque(0x100000001ull);
    T((uint64_t)(up >> 64), 0x100000000ull);
    T((uint64_t)up, 0xfffffffeffffffffull);
    __int128 sp = (__int128)(int64_t)opaque(MIN64) * (int64_t)opaque(3);
    T((uint64_t)((unsigned __int128)sp >> 64), 0xfffffffffffffffeull);
    T((uint64_t)sp, MIN64);
}

static void test_divide(void)
{
    T(X2("sdiv", MIN64, ALL1), MIN64);            /* INT64_MIN / -1 overflows to itself */
    T(W2("sdiv", 0x80000000, 0xffffffff), 0x80000000);
    T(X2("sdiv", 12345, 0), 0);                   /* divide by zero gives 0, no trap */
    T(X2("udiv", 12345, 0), 0);
    T(W2("sdiv", 7, 0), 0);
    T(W2("udiv", 0xffffffff, 0), 0);
    T(X2("sdiv", (uint64_t)-7, 2), (uint64_t)-3); /* rounds toward zero */
    T(X2("sdiv", 7, (uint64_t)-2), (uint64_t)-3);
    T(X2("udiv", (uint64_t)-7, 2), 0x7ffffffffffffffcull);
    T(W2("sdiv", 0xfffffff9, 2), 0xfffffffd);
    T(W2("udiv", 0xfffffff9, 2), 0x7ffffffc);
    T(W2("udiv", 0xffffffff00000064ull, 0xffffffff00000007ull), 14); /* upper halves ignored */
    T(X2("udiv", ALL1, 1), ALL1);
    T(X2("udiv", A, 0x1000), A >> 12);
    /* C division and remainder as the compiler emits them (with msub). */
    int64_t n = (int64_t)opaque((uint64_t)-1000001), d = (int64_t)opaque(997);
    T((uint64_t)(n / d), (uint64_t)-1003);
    T((uint64_t)(n % d), (uint64_t)-10);
}

static void test_shifts(void)
{
    T(X2("lsl", 1, 63), MIN64);
    T(X2("lsl", 1, 64), 1);                       /* amount taken mod 64 */
    T(X2("lsl", 1, 65), 2);
    T(W2("lsl", 1, 32), 1);                       /* mod 32 for W */
    T(W2("lsl", 3, 31), 0x80000000);
    T(X2("lsr", MIN64, 63), 1);
    T(X2("lsr", ALL1, 0xfff0), 0xffff);           /* 0xfff0 mod 64 = 48 */
    T(W2("lsr", 0x80000000, 31), 1);
    T(X2("asr", 0x8000000000000010ull, 4), 0xf800000000000001ull);
    T(X2("asr", MIN64, 127), ALL1);
    T(W2("asr", 0x80000000, 31), 0xffffffff);
    T(W2("asr", 0x40000000, 30), 1);
    T(X2("ror", A, 4), 0x0123456789abcdefull);
    T(X2("ror", A, 68), 0x0123456789abcdefull);
    T(W2("ror", 0x12345678, 8), 0x78123456);
    T(XI("lsl %x0, %x1, #4", A), 0x23456789abcdef00ull);
    T(XI("lsr %w0, %w1, #4", 0xffffffff), 0x0fffffff);
    T(XI("asr %x0, %x1, #60", MIN64), 0xfffffffffffffff8ull);
    T(XI("ror %x0, %x1, #60", A), 0x23456789abcdef01ull);
    T(XI("ror %w0, %w1, #31", 0x80000001), 0x00000003);
    T(XS("extr %x0, %x1, %x2, #16", 0x1111222233334444ull, 0x5555666677778888ull),
      0x4444555566667777ull);
    T(XS("extr %w0, %w1, %w2, #8", 0x11223344, 0x55667788), 0x44556677);
    /* Variable shifts as compiled C (the amount masked by the compiler). */
    uint64_t v = opaque(0xf0);
    unsigned s = (unsigned)opaque(60);
    T(v << s, 0);
    T((int64_t)(v << 56) >> s, 0xffffffffffffffffull);
}

static void test_bitfield(void)
{
    T(XI("ubfx %x0, %x1, #4, #12", A), 0xdef);
    T(XI("sbfx %x0, %x1, #28, #8", A), 0xffffffffffffff89ull);
    T(XI("sbfx %x0, %x1, #4, #8", A), 0xffffffffffffffefull);
    T(XI("ubfx %x0, %x1, #63, #1", MIN64), 1);
    T(XI("sbfx %x0, %x1, #0, #64", A), A);
    T(XI("ubfx %w0, %w1, #28, #4", 0xa0000000), 0xa);
    T(XI("sbfx %w0, %w1, #28, #4", 0xa0000000), 0xfffffffa);
    T(XI("ubfiz %x0, %x1, #56, #8", 0x1ff), 0xff00000000000000ull);
    T(XI("sbfiz %x0, %x1, #8, #4", 0x8), 0xfffffffffffff800ull);
    T(XI("sbfiz %w0, %w1, #8, #4", 0x8), 0xfffff800);
    T(XIO("bfi %x0, %x1, #8, #16", ALL1, 0x1234), 0xffffffffff1234ffull);
    T(XIO("bfxil %x0, %x1, #16, #8", 0, 0xab0000), 0xab);
    T(XIO("bfi %w0, %w1, #28, #4", 0xffffffffffffffffull, 0x5), 0x5fffffff);
    T(XIO("bfxil %w0, %w1, #0, #32", ALL1, 0x12345678), 0x12345678);
    T(XI("sxtb %x0, %w1", 0x80), 0xffffffffffffff80ull);
    T(XI("sxth %x0, %w1", 0x17fff), 0x7fff);
    T(XI("sxtw %x0, %w1", 0x80000000), 0xffffffff80000000ull);
    T(XI("sxtb %w0, %w1", 0xff), 0xffffffff);
    T(XI("uxtb %w0, %w1", 0x1234), 0x34);
    T(XI("uxth %w0, %w1", 0xffffffff), 0xffff);
    /* As compiled C: a struct with bitfields. */
    struct { uint64_t a : 5, b : 11, c : 48; } bf;
    uint64_t raw = opaque(A);
    __builtin_memcpy(&bf, &raw, 8);
    T(bf.a, 0x10);
    T(bf.b, 0x6f7);
    T(bf.c, 0x123456789abcull);
    bf.b = (uint64_t)opaque(0x7ff) + 1;
    __builtin_memcpy(&raw, &bf, 8);
    T(raw, 0x123456789abc0010ull);
}

static void test_bit_counts(void)
{
    T(X1("clz", 0), 64);
    T(X1("clz", 1), 63);
    T(X1("clz", MIN64), 0);
    T(W1("clz", 0), 32);
    T(W1("clz", 0x00010000), 15);
    T(X1("cls", 0), 63);
    T(X1("cls", ALL1), 63);
    T(X1("cls", 0xc000000000000000ull), 1);
    T(W1("cls", 0x0000ffff), 15);
    T(X1("rbit", A), 0x0f7b3d591e6a2c48ull);
    T(W1("rbit", 0x12345678), 0x1e6a2c48);
    T(X1("rev", A), 0xf0debc9a78563412ull);
    T(W1("rev", 0x12345678), 0x78563412);
    T(X1("rev16", A), 0x34127856bc9af0deull);
    T(W1("rev16", 0x12345678), 0x34127856);
    T(X1("rev32", A), 0x78563412f0debc9aull);
    T(__builtin_clzll(opaque(0x00f0000000000000ull)), 8);
    T(__builtin_ctzll(opaque(0x00f0000000000000ull)), 52);
    T(__builtin_clz((uint32_t)opaque(1)), 31);
    T(__builtin_ctz((uint32_t)opaque(0x80000000)), 31);
    T(__builtin_bswap64(opaque(A)), 0xf0debc9a78563412ull);
    T(__builtin_bswap32((uint32_t)opaque(0xaabbccdd)), 0xddccbbaa);
    T(__builtin_bswap16((uint16_t)opaque(0x1234)), 0x3412);
}

static void test_logic(void)
{
    T(X2("and", A, B), 0x1214121812141210ull);
    T(X2("orr", A, B), 0xfefcfef8fefcfef0ull);
    T(X2("eor", A, B), 0xece8ece0ece8ece0ull);
    T(X2("bic", A, B), 0x0020446088a8cce0ull);
    T(X2("orn", 0, A), ~A);
    T(X2("eon", A, B), ~0xece8ece0ece8ece0ull);
    T(W2("orn", 0, 0), 0xffffffff);
    T(W2("eon", 0, 0), 0xffffffff);
    T(XS("and %x0, %x1, %x2, ror #4", ALL1, 0xf), 0xf000000000000000ull);
    T(XS("orr %w0, %w1, %w2, asr #31", 0, 0x80000000), 0xffffffff);
    T(XS("eor %x0, %x1, %x2, lsr #32", A, A), 0x1234567888888888ull);
    T(XI("and %x0, %x1, #0x5555555555555555", ALL1), 0x5555555555555555ull);
    T(XI("and %x0, %x1, #0x00ff00ff00ff00ff", A), 0x0034007800bc00f0ull);
    T(XI("orr %x0, %x1, #0xfffffffffffffffe", 0), 0xfffffffffffffffeull);
    T(XI("eor %x0, %x1, #0x8000000000000001", ALL1), 0x7ffffffffffffffeull);
    T(XI("eor %x0, %x1, #0x0f0f0f0f0f0f0f0f", 0), 0x0f0f0f0f0f0f0f0full);
    T(XI("and %x0, %x1, #0x7fffffffffff", ALL1), 0x7fffffffffffull);
    T(XI("orr %w0, %w1, #0x3c3c3c3c", 0), 0x3c3c3c3c);
    T(XI("and %w0, %w1, #0x1", 0xffffffff), 1);
    T(XI("eor %w0, %w1, #0xffff0000", 0x12345678), 0xedcb5678);
}

static void test_moves(void)
{
    uint64_t r;
    __asm__ volatile("movz %0, #0xbeef, lsl #48" : "=r"(r));
    T(r, 0xbeef000000000000ull);
    __asm__ volatile("movn %0, #0x1234, lsl #16" : "=r"(r));
    T(r, 0xffffffffedcbffffull);
    __asm__ volatile("movn %w0, #0" : "=r"(r));
    T(r, 0xffffffff);
    __asm__ volatile("movn %w0, #0xffff, lsl #16" : "=r"(r));
    T(r, 0x0000ffff);
    T(XIO("movk %x0, #0x5555, lsl #32", ALL1, 0), 0xffff5555ffffffffull);
    T(XIO("movk %w0, #0x1234", ALL1, 0), 0xffff1234);
    __asm__ volatile("mov %0, #-1" : "=r"(r));
    T(r, ALL1);
}

/* CRC-32 (ISO-HDLC) and CRC-32C (Castagnoli) of "123456789": the standard
 * check values, computed with every access width. */
static uint32_t crc_bytes(int castagnoli, const uint8_t *p, unsigned n, unsigned width)
{
    uint32_t crc = 0xffffffff;
    unsigned i = 0;
    for (; width >= 8 && i + 8 <= n; i += 8) {
        uint64_t v;
        __builtin_memcpy(&v, p + i, 8);
        if (castagnoli) {
            __asm__("crc32cx %w0, %w0, %x1" : "+r"(crc) : "r"(v));
        } else {
            __asm__("crc32x %w0, %w0, %x1" : "+r"(crc) : "r"(v));
        }
    }
    for (; width >= 4 && i + 4 <= n; i += 4) {
        uint32_t v;
        __builtin_memcpy(&v, p + i, 4);
        if (castagnoli) {
            __asm__("crc32cw %w0, %w0, %w1" : "+r"(crc) : "r"(v));
        } else {
            __asm__("crc32w %w0, %w0, %w1" : "+r"(crc) : "r"(v));
        }
    }
    for (; width >= 2 && i + 2 <= n; i += 2) {
        uint16_t v;
        __builtin_memcpy(&v, p + i, 2);
        if (castagnoli) {
            __asm__("crc32ch %w0, %w0, %w1" : "+r"(crc) : "r"(v));
        } else {
            __asm__("crc32h %w0, %w0, %w1" : "+r"(crc) : "r"(v));
        }
    }
    for (; i < n; i++) {
        if (castagnoli) {
            __asm__("crc32cb %w0, %w0, %w1" : "+r"(crc) : "r"(p[i]));
        } else {
            __asm__("crc32b %w0, %w0, %w1" : "+r"(crc) : "r"(p[i]));
        }
    }
    return ~crc;
}

static void test_crc(void)
{
    static const uint8_t check[] = "123456789";
    for (unsigned width = 1; width <= 8; width *= 2) {
        T(crc_bytes(0, check, 9, width), 0xcbf43926);
        T(crc_bytes(1, check, 9, width), 0xe3069283);
    }
    /* Bits above the access width of the data operand are ignored. */
    uint32_t crc;
    __asm__("crc32b %w0, %w1, %w2" : "=r"(crc) : "r"(0), "r"(0xffffff00));
    T(crc, 0);
    __asm__("crc32ch %w0, %w1, %w2" : "=r"(crc) : "r"(0), "r"(0xffff0000));
    T(crc, 0);
    /* A single all-ones byte from a zero CRC: the table entry for 0xff. */
    __asm__("crc32b %w0, %w1, %w2" : "=r"(crc) : "r"(0), "r"(0xff));
    T(crc, 0x2d02ef8d);
    __asm__("crc32cb %w0, %w1, %w2" : "=r"(crc) : "r"(0), "r"(0xff));
    T(crc, 0xad7d5351);
}

/* Conditional select and compare chains. */
static void test_conditional(void)
{
    uint64_t r;
    __asm__ volatile("cmp %x1, %x2\n\tcsel %x0, %x1, %x2, lt" : "=r"(r) : "r"(opaque(-5)), "r"(opaque(3)) : "cc");
    T(r, (uint64_t)-5);
    __asm__ volatile("cmp %x1, %x2\n\tcsel %x0, %x1, %x2, lo" : "=r"(r) : "r"(opaque(-5)), "r"(opaque(3)) : "cc");
    T(r, 3);
    __asm__ volatile("cmp %x1, %x2\n\tcsinc %x0, %x1, %x2, eq" : "=r"(r) : "r"(opaque(1)), "r"(opaque(ALL1)) : "cc");
    T(r, 0);
    __asm__ volatile("cmp %w1, %w2\n\tcsinc %w0, %w1, %w2, eq" : "=r"(r) : "r"(opaque(1)), "r"(opaque(ALL1)) : "cc");
    T(r, 0);
    __asm__ volatile("cmp %x1, %x2\n\tcsinv %x0, %x1, %x2, ne" : "=r"(r) : "r"(opaque(7)), "r"(opaque(7)) : "cc");
    T(r, ~7ull);
    __asm__ volatile("cmp %x1, %x2\n\tcsneg %x0, %x1, %x2, gt" : "=r"(r) : "r"(opaque(7)), "r"(opaque(9)) : "cc");
    T(r, (uint64_t)-9);
    __asm__ volatile("cmp %w1, %w2\n\tcsneg %w0, %w1, %w2, gt" : "=r"(r) : "r"(opaque(7)), "r"(opaque(0x80000000)) : "cc");
    T(r, 7);
    __asm__ volatile("cmp %x1, %x2\n\tcset %x0, hi" : "=r"(r) : "r"(opaque(ALL1)), "r"(opaque(0)) : "cc");
    T(r, 1);
    __asm__ volatile("cmp %x1, %x2\n\tcsetm %w0, ge" : "=r"(r) : "r"(opaque(ALL1)), "r"(opaque(0)) : "cc");
    T(r, 0);
    __asm__ volatile("cmp %x1, %x2\n\tcsetm %x0, le" : "=r"(r) : "r"(opaque(ALL1)), "r"(opaque(0)) : "cc");
    T(r, ALL1);
    __asm__ volatile("cmp %x1, #0\n\tcinc %x0, %x1, mi" : "=r"(r) : "r"(opaque(ALL1)) : "cc");
    T(r, 0);
    __asm__ volatile("cmp %x1, #0\n\tcneg %x0, %x1, mi" : "=r"(r) : "r"(opaque(-12)) : "cc");
    T(r, 12);
    /* ccmp chain: (a == 1 && b == 2 && c > 3) computed without branches. */
    for (unsigned i = 0; i < 8; i++) {
        uint64_t a = opaque(i & 1 ? 1 : 0), b = opaque(i & 2 ? 2 : 5), c = opaque(i & 4 ? 9 : 3);
        __asm__ volatile("cmp %x1, #1\n\t"
                         "ccmp %x2, #2, #0, eq\n\t"
                         "ccmp %x3, #3, #0b0100, eq\n\t"
                         "cset %w0, gt"
                         : "=r"(r) : "r"(a), "r"(b), "r"(c) : "cc");
        T(r, i == 7);
    }
    /* ccmn / ccmp register form with an explicit fallback NZCV. */
    __asm__ volatile("cmp %x1, #0\n\tccmn %x1, %x2, #0b1000, ne\n\tcset %w0, mi"
                     : "=r"(r) : "r"(opaque(0)), "r"(opaque(1)) : "cc");
    T(r, 1);   /* first compare equal: flags = 1000, N set */
    __asm__ volatile("cmp %x1, #1\n\tccmp %x1, %x2, #0b0000, eq\n\tcset %w0, eq"
                     : "=r"(r) : "r"(opaque(1)), "r"(opaque(1)) : "cc");
    T(r, 1);
    /* As compiled C: min/max/abs. */
    int64_t x = (int64_t)opaque(-17), y = (int64_t)opaque(4);
    T(x < y ? x : y, (uint64_t)-17);
    T(x > y ? x : y, 4);
    T(x < 0 ? -x : x, 17);
}

int main(void)
{
    test_add_sub();
    section_done("add/sub");
    test_multiply();
    section_done("multiply");
    test_divide();
    section_done("divide");
    test_shifts();
    section_done("shifts");
    test_bitfield();
    section_done("bitfield");
    test_bit_counts();
    section_done("bit counts");
    test_logic();
    section_done("logic");
    test_moves();
    section_done("moves");
    test_crc();
    section_done("crc32");
    test_conditional();
    section_done("conditional");
    return 0;
}
