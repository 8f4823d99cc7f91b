/*
 * Every scalar FP instruction (arithmetic, fused multiply-add, compares,
 * selects, rounding, conversions, FMOV forms) on pseudo-random operands
 * weighted toward the hard cases (zeros, infinities, quiet and signalling
 * NaNs, denormals, the smallest and largest normals, products and sums near
 * the underflow threshold, integer-conversion limits), with FPCR's RMode, FZ
 * and DN varied. Each instruction's results (whole V0, X0, FPSR, NZCV) are
 * hashed over ITERATIONS runs and checked against the hash QEMU gives for
 * the same program; a mismatch names the instruction.
 *
 * Each instruction is an 8-byte stub ("insn; ret") in one table; the driver
 * loads V0-V3, X1, FPCR and NZCV from a block, calls the stub and stores the
 * results back. The guest is built with -mgeneral-regs-only, so FP code
 * appears only in the assembly.
 */
#include "result_hash.h"

#define ITERATIONS 300

/* X(operand kind, instruction, expected hash). Kinds: S/D/H = random
 * single/double/half bit patterns in V1-V3; I = random integer in X1. */
#define FP_INSNS(X) \
    X(S, "fadd s0, s1, s2", 0x9b432d2ccc52d826ull) \
    X(S, "fsub s0, s1, s2", 0xfd029fbfd298cfedull) \
    X(S, "fmul s0, s1, s2", 0xe8ac9c7091528e3dull) \
    X(S, "fdiv s0, s1, s2", 0xdaf75a91d328bb02ull) \
    X(S, "fnmul s0, s1, s2", 0x67f45aadbfe5ba8aull) \
    X(S, "fmax s0, s1, s2", 0x4bb825da6616ce78ull) \
    X(S, "fmin s0, s1, s2", 0xb879f5efd2795c07ull) \
    X(S, "fmaxnm s0, s1, s2", 0x611430ceb1414ab1ull) \
    X(S, "fminnm s0, s1, s2", 0xa3ac32ab0896f7c9ull) \
    X(S, "fmadd s0, s1, s2, s3", 0x7b401446e8312755ull) \
    X(S, "fmsub s0, s1, s2, s3", 0x1b238e93e3343ff1ull) \
    X(S, "fnmadd s0, s1, s2, s3", 0xb058e78c851faa82ull) \
    X(S, "fnmsub s0, s1, s2, s3", 0xb6e8006a714d9b30ull) \
    X(S, "fabs s0, s1", 0x5ba8d25dfcf4762aull) \
    X(S, "fneg s0, s1", 0x5b5e6a98dd3864d9ull) \
    X(S, "fsqrt s0, s1", 0xca2e09f4809752edull) \
    X(S, "fmov s0, s1", 0x4c06da16970f4aa0ull) \
    X(S, "frintn s0, s1", 0x6eaea5c6e0e191d1ull) \
    X(S, "frintp s0, s1", 0x2c6956298578a085ull) \
    X(S, "frintm s0, s1", 0xe5692a0036ebfa29ull) \
    X(S, "frintz s0, s1", 0xce69eb9dab249e9full) \
    X(S, "frinta s0, s1", 0xec6f2988198c81f8ull) \
    X(S, "frinti s0, s1", 0xb148ae03e3779f0eull) \
    X(S, "frintx s0, s1", 0xab39f5052dfb7835ull) \
    X(S, "fcmp s1, s2", 0x5bbc1ff191780c33ull) \
    X(S, "fcmp s1, #0.0", 0xdb6fc048a0fdd167ull) \
    X(S, "fcmpe s1, s2", 0xbb5e25692d7442daull) \
    X(S, "fcmpe s1, #0.0", 0x4c3e6b6c3c77f448ull) \
    X(S, "fccmp s1, s2, #5, ne", 0x8a70b4825edbe999ull) \
    X(S, "fccmpe s1, s2, #2, ge", 0x26c6bd64053d4276ull) \
    X(S, "fcsel s0, s1, s2, lt", 0xfbbd5858da679445ull) \
    X(S, "fcvtzs w0, s1", 0x59b106c27275bd87ull) \
    X(S, "fcvtzs x0, s1", 0xe89a8e5db305c77full) \
    X(S, "fcvtzu w0, s1", 0x5c2e0eda91d0165dull) \
    X(S, "fcvtzu x0, s1", 0xbcdc628ed9de982dull) \
    X(S, "fcvtns w0, s1", 0x9dfa2603d750dd4dull) \
    X(S, "fcvtns x0, s1", 0xd3059f9e36762489ull) \
    X(S, "fcvtnu w0, s1", 0x1a608e7b4f347fa7ull) \
    X(S, "fcvtnu x0, s1", 0xaa66c8661cc00e86ull) \
    X(S, "fcvtps w0, s1", 0x44e78ac034ac5c1bull) \
    X(S, "fcvtps x0, s1", 0xda8443215f5c0f0full) \
    X(S, "fcvtpu w0, s1", 0x0780674cfcce99b0ull) \
    X(S, "fcvtpu x0, s1", 0xa700e19cd5c2771aull) \
    X(S, "fcvtms w0, s1", 0x6d75f0f9d8f34cb7ull) \
    X(S, "fcvtms x0, s1", 0xc9bf6eb76d519cd7ull) \
    X(S, "fcvtmu w0, s1", 0xa98137360aab2bfeull) \
    X(S, "fcvtmu x0, s1", 0xe65339217683ea53ull) \
    X(S, "fcvtas w0, s1", 0x8ef3f2a95da7b4cbull) \
    X(S, "fcvtas x0, s1", 0x04c6ed8a111b604dull) \
    X(S, "fcvtau w0, s1", 0xf035c290f02433f1ull) \
    X(S, "fcvtau x0, s1", 0xbbf3722e3583dbedull) \
    X(S, "fcvtzs w0, s1, #1", 0xb4902736a3f27378ull) \
    X(S, "fcvtzu w0, s1, #1", 0xe4fe0332180c75a9ull) \
    X(S, "fcvtzs w0, s1, #17", 0x0b50b5c3a16c141dull) \
    X(S, "fcvtzu w0, s1, #17", 0x552827431991f4e1ull) \
    X(S, "fcvtzs w0, s1, #32", 0xa6a5a42c94669838ull) \
    X(S, "fcvtzu w0, s1, #32", 0x1335a7df5899388eull) \
    X(S, "fcvtzs x0, s1, #1", 0xdfd86d54656f00b1ull) \
    X(S, "fcvtzu x0, s1, #1", 0x5e732ddf85e6dd10ull) \
    X(S, "fcvtzs x0, s1, #40", 0xc2064dd84a85522aull) \
    X(S, "fcvtzu x0, s1, #40", 0x899e94684e4fcaa0ull) \
    X(S, "fcvtzs x0, s1, #64", 0x317f5c953ed49e1eull) \
    X(S, "fcvtzu x0, s1, #64", 0x4b170942d241087bull) \
    X(I, "scvtf s0, w1", 0x675d27b23f29039eull) \
    X(I, "scvtf s0, x1", 0x32cbebf9d451f532ull) \
    X(I, "scvtf s0, w1, #7", 0xbbcefea117a0470cull) \
    X(I, "scvtf s0, x1, #60", 0xc6e58a9ed65395f1ull) \
    X(I, "scvtf s0, w1, #32", 0xe5442a100103632dull) \
    X(I, "ucvtf s0, w1", 0xd84b706d00173d89ull) \
    X(I, "ucvtf s0, x1", 0x273fa1f6522069c2ull) \
    X(I, "ucvtf s0, w1, #7", 0x60b2eb15d56045e3ull) \
    X(I, "ucvtf s0, x1, #60", 0x1bd39879f5a11e8eull) \
    X(I, "ucvtf s0, w1, #32", 0xe2ec3ecb3c8e7428ull) \
    X(S, "fmov s0, #1.5", 0x25e2ede7e5e2fa47ull) \
    X(S, "fmov s0, #-0.125", 0x84189e36fc9580b6ull) \
    X(S, "fmov s0, #31.0", 0xae62e34c8942a59aull) \
    X(D, "fadd d0, d1, d2", 0x7cb7eacaeb25c36dull) \
    X(D, "fsub d0, d1, d2", 0x5b0baa561677d228ull) \
    X(D, "fmul d0, d1, d2", 0x675b2df440776497ull) \
    X(D, "fdiv d0, d1, d2", 0x6fef891fe62a2dddull) \
    X(D, "fnmul d0, d1, d2", 0x19c371a2e78c7963ull) \
    X(D, "fmax d0, d1, d2", 0x5986f994699782f6ull) \
    X(D, "fmin d0, d1, d2", 0x208660faec5a21faull) \
    X(D, "fmaxnm d0, d1, d2", 0x4c6c0c14614836f2ull) \
    X(D, "fminnm d0, d1, d2", 0x83b1e5e42e7f504bull) \
    X(D, "fmadd d0, d1, d2, d3", 0x87a6730d31b3f61cull) \
    X(D, "fmsub d0, d1, d2, d3", 0x980e702244863c4aull) \
    X(D, "fnmadd d0, d1, d2, d3", 0xbdbec3be2bf12eaaull) \
    X(D, "fnmsub d0, d1, d2, d3", 0x9fe6bfd2de3df7e6ull) \
    X(D, "fabs d0, d1", 0xcb0463f516b13610ull) \
    X(D, "fneg d0, d1", 0xf8e3d4306f6b4c60ull) \
    X(D, "fsqrt d0, d1", 0xc33713b9472618cfull) \
    X(D, "fmov d0, d1", 0xefb36e2e81c1a8f2ull) \
    X(D, "frintn d0, d1", 0x02b946a41ade468full) \
    X(D, "frintp d0, d1", 0xd3da1a0e26feece6ull) \
    X(D, "frintm d0, d1", 0x2e4513de93a6796bull) \
    X(D, "frintz d0, d1", 0x3c901b7a8a3fb0dcull) \
    X(D, "frinta d0, d1", 0xfd79229c0a74dc4dull) \
    X(D, "frinti d0, d1", 0x912e633f2a2542bfull) \
    X(D, "frintx d0, d1", 0x75973b125d6cd048ull) \
    X(D, "fcmp d1, d2", 0x53f961ccf9dbed73ull) \
    X(D, "fcmp d1, #0.0", 0x44710d113d7fa71full) \
    X(D, "fcmpe d1, d2", 0x7f4262a7af913c8cull) \
    X(D, "fcmpe d1, #0.0", 0x8e195cb762475ce7ull) \
    X(D, "fccmp d1, d2, #5, ne", 0x7625651c7190a211ull) \
    X(D, "fccmpe d1, d2, #2, ge", 0xdb1cf7663265078aull) \
    X(D, "fcsel d0, d1, d2, lt", 0x916eea5a363835f7ull) \
    X(D, "fcvtzs w0, d1", 0x687df63438c28becull) \
    X(D, "fcvtzs x0, d1", 0x708e7a75327182d6ull) \
    X(D, "fcvtzu w0, d1", 0xfe39e346d2a90981ull) \
    X(D, "fcvtzu x0, d1", 0x11c19751ef7f1ccdull) \
    X(D, "fcvtns w0, d1", 0x2f13e11d560fe9c8ull) \
    X(D, "fcvtns x0, d1", 0xc8296ebbbbdb973dull) \
    X(D, "fcvtnu w0, d1", 0xbf4012e387bd48b6ull) \
    X(D, "fcvtnu x0, d1", 0xb9cb3e6a04ed1714ull) \
    X(D, "fcvtps w0, d1", 0x91700521e089d81aull) \
    X(D, "fcvtps x0, d1", 0x1716c96831f9bf81ull) \
    X(D, "fcvtpu w0, d1", 0xfe1e99df774262feull) \
    X(D, "fcvtpu x0, d1", 0xc4e7548b52c97e5bull) \
    X(D, "fcvtms w0, d1", 0x6b43532e38e528c9ull) \
    X(D, "fcvtms x0, d1", 0xdb3f406f3da7c36eull) \
    X(D, "fcvtmu w0, d1", 0x3a079d90a8dbb2bfull) \
    X(D, "fcvtmu x0, d1", 0xc6052107b60290b9ull) \
    X(D, "fcvtas w0, d1", 0xc1cca5cc5f693f3full) \
    X(D, "fcvtas x0, d1", 0xbed70b893fcaeec7ull) \
    X(D, "fcvtau w0, d1", 0x26aac10639fc8f9dull) \
    X(D, "fcvtau x0, d1", 0xfe7e842f57111f44ull) \
    X(D, "fcvtzs w0, d1, #1", 0x6479caff4c114e2cull) \
    X(D, "fcvtzu w0, d1, #1", 0xa839bc1474883fdfull) \
    X(D, "fcvtzs w0, d1, #17", 0xe2bbfeff02d53e60ull) \
    X(D, "fcvtzu w0, d1, #17", 0xd743b8f5a1d7a475ull) \
    X(D, "fcvtzs w0, d1, #32", 0xbf07597a6e30a5e2ull) \
    X(D, "fcvtzu w0, d1, #32", 0x0891bb41003368b5ull) \
    X(D, "fcvtzs x0, d1, #1", 0x1b337f61bb78ec53ull) \
    X(D, "fcvtzu x0, d1, #1", 0xe8f800f975e26362ull) \
    X(D, "fcvtzs x0, d1, #40", 0x76b3e5a4698ba5f7ull) \
    X(D, "fcvtzu x0, d1, #40", 0x7874a904bf4346c7ull) \
    X(D, "fcvtzs x0, d1, #64", 0x24bb17e9a9623dd6ull) \
    X(D, "fcvtzu x0, d1, #64", 0xdbf37f5c8251fa10ull) \
    X(I, "scvtf d0, w1", 0x0480fd2eada973abull) \
    X(I, "scvtf d0, x1", 0x5fbbc75404803847ull) \
    X(I, "scvtf d0, w1, #7", 0x9185df9cbebffca7ull) \
    X(I, "scvtf d0, x1, #60", 0xc2d46fbe3ec3e977ull) \
    X(I, "scvtf d0, w1, #32", 0xd0be2ea745bc16c8ull) \
    X(I, "ucvtf d0, w1", 0xb945179520be5f96ull) \
    X(I, "ucvtf d0, x1", 0xf855af8d9150a151ull) \
    X(I, "ucvtf d0, w1, #7", 0xeb055e60dc58da98ull) \
    X(I, "ucvtf d0, x1, #60", 0xa35008a63c016953ull) \
    X(I, "ucvtf d0, w1, #32", 0x8f3ecd2240d46a34ull) \
    X(D, "fmov d0, #1.5", 0x4bb7c407197ad852ull) \
    X(D, "fmov d0, #-0.125", 0x3927b77e5e340d00ull) \
    X(D, "fmov d0, #31.0", 0xc61de1e654a79a6cull) \
    X(S, "fmov w0, s1", 0xbdb87a1976fa7a98ull) \
    X(I, "fmov s0, w1", 0xb66841700a538a84ull) \
    X(D, "fmov x0, d1", 0xeae6376b06ce7cbaull) \
    X(I, "fmov d0, x1", 0xd563de4dcc6f74a5ull) \
    X(D, "fmov x0, v1.d[1]", 0x48e8a3ff872096f1ull) \
    X(I, "fmov v0.d[1], x1", 0x563acceee79a5f19ull) \
    X(S, "fcvt d0, s1", 0x69d74fa8c8a3c780ull) \
    X(S, "fcvt h0, s1", 0x50819ab5352f3a41ull) \
    X(D, "fcvt s0, d1", 0x610df849ef8cf05eull) \
    X(D, "fcvt h0, d1", 0x9badb960dcd306e2ull) \
    X(H, "fcvt s0, h1", 0xc4fee1265f7a12d1ull) \
    X(H, "fcvt d0, h1", 0x02dd3b26138ee77bull) \

enum { S, D, H, I };

HASH_TEST_STUBS(fp_stubs, FP_INSNS);
static const unsigned char kinds[] = { FP_INSNS(HASH_TEST_KIND) };
static const char *const names[] = { FP_INSNS(HASH_TEST_NAME) };
static const uint64_t expected[] = { FP_INSNS(HASH_TEST_HASH) };

struct io {
    uint64_t q[4][2];             /* V0-V3 in */
    uint64_t fpcr, nzcv, x1, fpsr_in; /* FPCR, NZCV, X1, FPSR in */
    uint64_t r0[2], fpsr, nzcv_out, x0; /* V0, FPSR, NZCV, X0 out */
};

static void run(struct io *io, const char *stub)
{
    __asm__ volatile(
        "ldr q0, [%0, #0]\n ldr q1, [%0, #16]\n ldr q2, [%0, #32]\n ldr q3, [%0, #48]\n"
        "ldr x9, [%0, #64]\n msr fpcr, x9\n ldr x9, [%0, #88]\n msr fpsr, x9\n ldr x9, [%0, #72]\n msr nzcv, x9\n"
        "ldr x1, [%0, #80]\n mov x0, #0x5555\n"
        "blr %1\n"
        "str q0, [%0, #96]\n mrs x9, fpsr\n str x9, [%0, #112]\n mrs x9, nzcv\n str x9, [%0, #120]\n"
        "str x0, [%0, #128]\n msr fpcr, xzr\n"
        : : "r"(io), "r"(stub) : "memory", "cc", "x0", "x1", "x9", "x30");
}

static uint64_t rng = 0x0123456789abcdefull;
static uint64_t rnd(void) { return xorshift64(&rng); }

static const uint64_t dspec[] = {
    0, 0x8000000000000000ull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
    0x7ff8000000000000ull, 0xfff8000000000123ull, 0x7ff0000000000001ull, 0xfff4000000000abcull,
    0x0000000000000001ull, 0x000fffffffffffffull, 0x0010000000000000ull, 0x7fefffffffffffffull,
    0x3ff0000000000000ull, 0xbff8000000000000ull, 0x3fe0000000000000ull, 0x43e0000000000000ull,
    0xc3e0000000000000ull, 0x41dfffffffc00000ull, 0x41e0000000000000ull, 0x4330000000000001ull,
    0x0010000000000001ull, 0x800fffffffffffffull, 0x3cb0000000000000ull, 0x4000000000000000ull,
};
static const uint32_t sspec[] = {
    0, 0x80000000u, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0xffc00123u, 0x7f800001u, 0xffa00abcu,
    1, 0x007fffffu, 0x00800000u, 0x7f7fffffu, 0x3f800000u, 0xbfc00000u, 0x3f000000u, 0x5f000000u,
    0xdf000000u, 0x4effffffu, 0x4f000000u, 0x4b000001u, 0x00800001u, 0x807fffffu, 0x33800000u,
    0x477fe000u, 0x477ff000u, 0x38800000u, 0x387fc000u, 0x33000000u,
};
static const uint16_t hspec[] = {
    0, 0x8000, 0x7c00, 0xfc00, 0x7e00, 0xfd01, 0x7c01, 1, 0x3ff, 0x400, 0x7bff, 0x3c00,
};

static uint64_t rand_d(void)
{
    uint64_t r = rnd(), sign_mant = rnd() & 0x800fffffffffffffull;
    switch (r & 7) {
    case 0: case 1: return dspec[(r >> 8) % (sizeof(dspec) / 8)];
    case 2: return sign_mant | ((0x3fc + rnd() % 64) << 52);  /* around 1 */
    case 3: return sign_mant | ((1 + rnd() % 8) << 52);       /* near the smallest normal */
    case 4: return sign_mant | ((0x1f0 + rnd() % 32) << 52);  /* products near underflow */
    case 5: return sign_mant | ((0x5f0 + rnd() % 32) << 52);  /* integer-conversion limits */
    default: return rnd();
    }
}

static uint64_t rand_s(void)
{
    uint64_t r = rnd(), sign_mant = rnd() & 0x807fffff;
    uint64_t v;
    switch (r & 7) {
    case 0: case 1: v = sspec[(r >> 8) % (sizeof(sspec) / 4)]; break;
    case 2: v = sign_mant | ((0x78 + rnd() % 16) << 23); break;
    case 3: v = sign_mant | ((1 + rnd() % 8) << 23); break;
    case 4: v = sign_mant | ((0x40 + rnd() % 32) << 23); break;
    case 5: v = sign_mant | ((0x60 + rnd() % 32) << 23); break;
    case 6: v = sign_mant | ((0x9e + rnd() % 8) << 23); break;
    default: v = (uint32_t)rnd(); break;
    }
    return v | (rnd() & 0xffffffff00000000ull); /* bits above the element are ignored */
}

static uint64_t operand(unsigned kind)
{
    uint64_t r;
    switch (kind) {
    case S: return rand_s();
    case D: return rand_d();
    case H:
        r = rnd();
        return (r & 3) ? rnd() : hspec[(r >> 8) % (sizeof(hspec) / 2)];
    default: return rnd();
    }
}

static uint64_t rand_int(void)
{
    uint64_t r = rnd();
    switch (r & 3) {
    case 0: return rnd() >> (rnd() % 64);
    case 1: return -(rnd() >> (rnd() % 64));
    case 2: return (rnd() & 1) ? 0x8000000000000000ull : 0xffffffff80000001ull;
    default: return rnd();
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
            for (unsigned r = 1; r < 4; r++) {
                io.q[r][0] = operand(kinds[t]);
                io.q[r][1] = rnd();
            }
            io.fpcr = random_fpcr(rnd());
            io.nzcv = (rnd() & 0xf) << 28;
            io.x1 = rand_int();
            io.fpsr_in = (rnd() & 1) ? 0 : rnd() & 0x9f; /* cumulative flags kept */
            run(&io, fp_stubs + 8 * t);
            h = hash_mix(hash_mix(hash_mix(h, io.r0[0]), io.r0[1]), io.x0);
            h = hash_mix(hash_mix(h, io.fpsr), io.nzcv_out);
        }
        failed += report_hash(names[t], h, expected[t]);
    }
    return failed != 0;
}
