/*
 * The AdvSIMD/FP instructions of arm/simd_fpmisc.c (FMULX, FRECPS, FRSQRTS,
 * FRECPE, FRSQRTE, FRECPX, URECPE, URSQRTE, FCVTXN, the scalar FP compares
 * and FABD) on pseudo-random operands weighted toward their special cases:
 * zeros, infinities, NaNs, denormals and the smallest normals (FRECPE's
 * overflow below 2^-128), the largest binades (FRECPE's flush to zero under
 * FZ, FRSQRTS near overflow), doubles around the single range's ends
 * (FCVTXN's rounding to odd into denormals and its overflow), with FPCR's
 * RMode, FZ and DN varied. As in fp_random.c, each instruction's results
 * (whole V0 and FPSR) are hashed over ITERATIONS runs and checked against
 * the hash QEMU gives for the same program.
 */
#include "result_hash.h"

#define ITERATIONS 400

/* X(operand kind, instruction, expected hash). Kinds: S/D = single/double
 * lanes (every lane of V1, V2 weighted); U = 32-bit fixed-point lanes. */
#define FP_INSNS(X) \
    X(S, "fmulx s0, s1, s2", 0x1bf5da8859f10389ull) \
    X(D, "fmulx d0, d1, d2", 0x5a39c72faafbc11bull) \
    X(S, "fmulx v0.4s, v1.4s, v2.4s", 0x390e4b4392ef3283ull) \
    X(S, "fmulx v0.2s, v1.2s, v2.2s", 0xfaacbe3f0bdb3e12ull) \
    X(D, "fmulx v0.2d, v1.2d, v2.2d", 0xebe8eecfbe6cfa63ull) \
    X(S, "fmulx s0, s1, v2.s[3]", 0x50d0ea7212b95234ull) \
    X(D, "fmulx d0, d1, v2.d[1]", 0xf813d3a4cd09d125ull) \
    X(S, "fmulx v0.4s, v1.4s, v2.s[2]", 0x0853c6ce8418a21eull) \
    X(D, "fmulx v0.2d, v1.2d, v2.d[0]", 0x42ce4346819a2163ull) \
    X(S, "frecps s0, s1, s2", 0x9bf2bca263df42a1ull) \
    X(D, "frecps d0, d1, d2", 0x601db8efea4f2056ull) \
    X(S, "frecps v0.4s, v1.4s, v2.4s", 0xb41e55c7c4dac98eull) \
    X(D, "frecps v0.2d, v1.2d, v2.2d", 0x3e05e4d36c83de58ull) \
    X(S, "frsqrts s0, s1, s2", 0x94cc2147806fd18aull) \
    X(D, "frsqrts d0, d1, d2", 0x360dbc3728ac63e4ull) \
    X(S, "frsqrts v0.2s, v1.2s, v2.2s", 0x842ef45c63e679bbull) \
    X(D, "frsqrts v0.2d, v1.2d, v2.2d", 0xf8870d13da1a362dull) \
    X(S, "frecpe s0, s1", 0x9c02d3f31d104a38ull) \
    X(D, "frecpe d0, d1", 0x4fba6b5110bd5ff7ull) \
    X(S, "frecpe v0.4s, v1.4s", 0x31f34a8b06867d3full) \
    X(D, "frecpe v0.2d, v1.2d", 0x29e4cacd5b5dc8d5ull) \
    X(S, "frsqrte s0, s1", 0x4891904e062f0e16ull) \
    X(D, "frsqrte d0, d1", 0xe56a51a0d5bcc5feull) \
    X(S, "frsqrte v0.4s, v1.4s", 0x0ef75657fc5fa88bull) \
    X(D, "frsqrte v0.2d, v1.2d", 0x534ea326a7991758ull) \
    X(S, "frecpx s0, s1", 0xc652405da373e850ull) \
    X(D, "frecpx d0, d1", 0xc83bb0bff854d878ull) \
    X(U, "urecpe v0.4s, v1.4s", 0xab748fce6e56a066ull) \
    X(U, "ursqrte v0.2s, v1.2s", 0x9d310bfed98b56a8ull) \
    X(D, "fcvtxn s0, d1", 0x55fa4ea674ab432bull) \
    X(D, "fcvtxn v0.2s, v1.2d", 0x5a41695f4117d0aaull) \
    X(D, "fcvtxn2 v0.4s, v1.2d", 0xb6f012bfcf56cf03ull) \
    X(S, "fcmeq s0, s1, s2", 0xface3476c5b52b73ull) \
    X(D, "fcmge d0, d1, d2", 0xfaf8f2536d404296ull) \
    X(S, "fcmgt s0, s1, s2", 0x414c17a1202d2faeull) \
    X(D, "facge d0, d1, d2", 0xac87287283b293eeull) \
    X(S, "facgt s0, s1, s2", 0xa4083740ce3ad3baull) \
    X(D, "fabd d0, d1, d2", 0x204b76333830961bull) \
    X(S, "fabd s0, s1, s2", 0xc85557c33f989630ull) \
    X(D, "fcmeq d0, d1, #0.0", 0xf8cd198fd0ff9095ull) \
    X(S, "fcmge s0, s1, #0.0", 0x2ac5f64d9f063504ull) \
    X(D, "fcmgt d0, d1, #0.0", 0x7eebb673c8e28ed4ull) \
    X(S, "fcmle s0, s1, #0.0", 0xbdb4b32066bc7789ull) \
    X(D, "fcmlt d0, d1, #0.0", 0x68c7b587cb5a7cb9ull)

enum { S, D, U };

HASH_TEST_STUBS(fp_stubs, FP_INSNS);
static const unsigned char kinds[] = { FP_INSNS(HASH_TEST_KIND) };
static const char *const names[] = { FP_INSNS(HASH_TEST_NAME) };
static const uint64_t expected[] = { FP_INSNS(HASH_TEST_HASH) };

struct io {
    uint64_t q[3][2];             /* V0-V2 in */
    uint64_t fpcr, fpsr_in;       /* FPCR, FPSR in */
    uint64_t r0[2], fpsr;         /* V0, FPSR out */
};

static void run(struct io *io, const char *stub)
{
    __asm__ volatile(
        "ldr q0, [%0, #0]\n ldr q1, [%0, #16]\n ldr q2, [%0, #32]\n"
        "ldr x9, [%0, #48]\n msr fpcr, x9\n ldr x9, [%0, #56]\n msr fpsr, x9\n"
        "blr %1\n"
        "str q0, [%0, #64]\n mrs x9, fpsr\n str x9, [%0, #80]\n msr fpcr, xzr\n"
        : : "r"(io), "r"(stub) : "memory", "x9", "x30");
}

static uint64_t rng = 0x0fedcba987654321ull;
static uint64_t rnd(void) { return xorshift64(&rng); }

static const uint64_t dspec[] = {
    0, 0x7ff0000000000000ull, 0x7ff8000000000000ull, 0x7ff8000000000123ull,
    0x7ff0000000000001ull, 0x7ff4000000000abcull, 0x0000000000000001ull, 0x000fffffffffffffull,
    0x0010000000000000ull, 0x7fefffffffffffffull, 0x3ff0000000000000ull, 0x3ff8000000000000ull,
    0x4000000000000000ull, 0x0004000000000000ull, 0x0003ffffffffffffull, 0x0008000000000000ull,
    0x7fd0000000000000ull, 0x7fcfffffffffffffull, 0x3810000000000000ull, 0x380fffffffffffffull,
    0x47efffffe0000000ull, 0x47effffff0000000ull, 0x36a0000000000000ull, 0x369fffffffffffffull,
};
static const uint32_t sspec[] = {
    0, 0x7f800000u, 0x7fc00000u, 0x7fc12345u, 0x7f800001u, 0x7fa00abcu, 1, 0x007fffffu,
    0x00800000u, 0x7f7fffffu, 0x3f800000u, 0x3fc00000u, 0x40000000u, 0x40400000u,
    0x00200000u, 0x001fffffu, 0x00400000u, 0x7e800000u, 0x7e7fffffu, 0x00800001u,
};

/* A double weighted by its exponent (random sign and fraction). */
static uint64_t rand_d(void)
{
    uint64_t r = rnd(), sm = rnd() & 0x800fffffffffffffull;
    switch (r & 15) {
    case 0: case 1: case 2: return dspec[(r >> 8) % (sizeof(dspec) / 8)] | (rnd() & (1ull << 63));
    case 3: return sm | ((0x3f8 + rnd() % 16) << 52);   /* around 1 */
    case 4: return sm | ((rnd() % 4) << 52);            /* denormals, smallest normals */
    case 5: return sm | ((0x7fb + rnd() % 4) << 52);    /* largest binades */
    case 6: return sm | ((0x360 + rnd() % 36) << 52);   /* single denormals (FCVTXN) */
    case 7: return sm | ((0x47c + rnd() % 6) << 52);    /* single overflow (FCVTXN) */
    case 8: return sm | ((0x1f0 + rnd() % 32) << 52);   /* products near underflow */
    case 9: return sm | ((0x5f0 + rnd() % 32) << 52);   /* products near overflow */
    default: return rnd();
    }
}

static uint32_t rand_s(void)
{
    uint64_t r = rnd();
    uint32_t sm = (uint32_t)rnd() & 0x807fffffu;
    switch (r & 15) {
    case 0: case 1: case 2:
        return sspec[(r >> 8) % (sizeof(sspec) / 4)] | ((uint32_t)rnd() & 0x80000000u);
    case 3: return sm | (uint32_t)((0x78 + rnd() % 16) << 23);
    case 4: return sm | (uint32_t)((rnd() % 4) << 23);
    case 5: return sm | (uint32_t)((0xfb + rnd() % 4) << 23);
    case 6: return sm | (uint32_t)((0x30 + rnd() % 32) << 23);
    case 7: return sm | (uint32_t)((0xb0 + rnd() % 32) << 23);
    default: return (uint32_t)rnd();
    }
}

/* A fixed-point lane: the top one or two bits decide the special case. */
static uint32_t rand_u(void)
{
    return (uint32_t)rnd() >> (rnd() % 4);
}

static uint64_t operand_half(unsigned kind)
{
    switch (kind) {
    case S: return rand_s() | ((uint64_t)rand_s() << 32);
    case D: return rand_d();
    default: return rand_u() | ((uint64_t)rand_u() << 32);
    }
}

int main(void)
{
    guest_enable_fp();
    static struct io io;
    unsigned n = sizeof(kinds), failed = 0;
    for (unsigned t = 0; t < n; t++) {
        uint64_t h = 0;
        for (unsigned k = 0; k < ITERATIONS; k++) {
            io.q[0][0] = rnd();
            io.q[0][1] = rnd();
            for (unsigned r = 1; r < 3; r++) {
                io.q[r][0] = operand_half(kinds[t]);
                io.q[r][1] = operand_half(kinds[t]);
            }
            io.fpcr = random_fpcr(rnd());
            io.fpsr_in = (rnd() & 1) ? 0 : rnd() & 0x9f; /* cumulative flags kept */
            run(&io, fp_stubs + 8 * t);
            h = hash_mix(hash_mix(hash_mix(h, io.r0[0]), io.r0[1]), io.fpsr);
        }
        failed += report_hash(names[t], h, expected[t]);
    }
    return failed != 0;
}
