/*
 * The AdvSIMD saturating integer instructions added with
 * arm/simd_sat_scalar.c and arm/simd_sqdmul.c (scalar saturating
 * arithmetic, shifts and narrows; SQDMULL/SQDMLAL/SQDMLSL in every form;
 * SQDMULH/SQRDMULH by element) on pseudo-random lanes weighted toward the
 * saturation edges (0, +-1, the minimum and maximum of every lane size and
 * their neighbours, small signed shift counts). Each instruction's results
 * (whole V0 and FPSR, whose QC is clear on entry most of the time) are
 * hashed over ITERATIONS runs and checked against the hash QEMU gives for
 * the same program; a mismatch names the instruction.
 *
 * Each instruction is an 8-byte stub ("insn; ret") in one table; the driver
 * loads V0-V2 and FPSR from a block, calls the stub and stores V0 and FPSR.
 * The guest is built with -mgeneral-regs-only, so SIMD code appears only in
 * the assembly.
 */
#include "result_hash.h"

#define ITERATIONS 200

/* X(instruction, expected hash) */
#define SAT_INSNS(X) \
    X("sqadd b0, b1, b2", 0x53c887f122e32237ull) \
    X("sqadd h0, h1, h2", 0x4d95b0c4cd147345ull) \
    X("sqadd s0, s1, s2", 0x4f4e7b96e4bcfd11ull) \
    X("sqadd d0, d1, d2", 0x1a527287dcc161d5ull) \
    X("uqadd b0, b1, b2", 0xac6c0b164b3482f6ull) \
    X("uqadd h0, h1, h2", 0x726c4b0af7ea5b50ull) \
    X("uqadd s0, s1, s2", 0x78e72630f3a822c2ull) \
    X("uqadd d0, d1, d2", 0x2878bec658377a00ull) \
    X("sqsub b0, b1, b2", 0x11169108cac8aa73ull) \
    X("sqsub h0, h1, h2", 0x461cdf2152f56e71ull) \
    X("sqsub s0, s1, s2", 0x03a5a060a18f7e05ull) \
    X("sqsub d0, d1, d2", 0x161d6c6aa08cb544ull) \
    X("uqsub b0, b1, b2", 0x35167d5bebc4bd30ull) \
    X("uqsub h0, h1, h2", 0xeb9f252fcd3e392bull) \
    X("uqsub s0, s1, s2", 0x755b9989cd3984ccull) \
    X("uqsub d0, d1, d2", 0x139e2fe99fa922cbull) \
    X("sqshl b0, b1, b2", 0x3780d97e816309fdull) \
    X("sqshl h0, h1, h2", 0x26002d76afe281adull) \
    X("sqshl s0, s1, s2", 0x77eda09d667866e3ull) \
    X("sqshl d0, d1, d2", 0xee960380a3c21d22ull) \
    X("uqshl b0, b1, b2", 0xc348cb61eccc9179ull) \
    X("uqshl h0, h1, h2", 0xe52706e789cb3a3dull) \
    X("uqshl s0, s1, s2", 0x74ede555ffaadc07ull) \
    X("uqshl d0, d1, d2", 0xc9c58d5c8c4560f0ull) \
    X("sqrshl b0, b1, b2", 0x7db0ed007863a45dull) \
    X("sqrshl h0, h1, h2", 0xdf9b02ea7109f38dull) \
    X("sqrshl s0, s1, s2", 0x1e3982c9bb7b9b77ull) \
    X("sqrshl d0, d1, d2", 0x5389f093bf317690ull) \
    X("uqrshl b0, b1, b2", 0x44e20488d4d58328ull) \
    X("uqrshl h0, h1, h2", 0xe172259d53705a36ull) \
    X("uqrshl s0, s1, s2", 0xbbe49a3af9392154ull) \
    X("uqrshl d0, d1, d2", 0x04f17a42eaf377f1ull) \
    X("srshl d0, d1, d2", 0x099d8b0dd61a614cull) \
    X("urshl d0, d1, d2", 0x4fa1dc60b606bd59ull) \
    X("sqdmulh h0, h1, h2", 0xbceb6aafa7156e49ull) \
    X("sqdmulh s0, s1, s2", 0x7e0c5e55ed6970a6ull) \
    X("sqrdmulh h0, h1, h2", 0x603688525fab168full) \
    X("sqrdmulh s0, s1, s2", 0x47b8dc0d9740abf0ull) \
    X("suqadd b0, b1", 0xcb9b4b059b5d1619ull) \
    X("suqadd h0, h1", 0x4353c33ec1dcd79dull) \
    X("suqadd s0, s1", 0x9ba7853c4b84b094ull) \
    X("suqadd d0, d1", 0xa1aee775145e7c4bull) \
    X("usqadd b0, b1", 0x66df6999e9ff6461ull) \
    X("usqadd h0, h1", 0xbde1a55e6dce57bbull) \
    X("usqadd s0, s1", 0x5946f940ecf2d2dbull) \
    X("usqadd d0, d1", 0x2f60bcc68184c9b7ull) \
    X("sqabs b0, b1", 0xdc5831c7431906e9ull) \
    X("sqabs h0, h1", 0x492565136a8744b0ull) \
    X("sqabs s0, s1", 0x0fce944e3d7680a5ull) \
    X("sqabs d0, d1", 0xfc38cb9fba008498ull) \
    X("sqneg b0, b1", 0x193f81d8a142e7eaull) \
    X("sqneg h0, h1", 0xd65f5f7c750ffe07ull) \
    X("sqneg s0, s1", 0xf79a2856d5bae72aull) \
    X("sqneg d0, d1", 0xc6cb9b66a7f7f204ull) \
    X("sqxtn b0, h1", 0x371307658e521ef8ull) \
    X("sqxtn h0, s1", 0x0893ba955d25204cull) \
    X("sqxtn s0, d1", 0x7a010206b2f74d67ull) \
    X("uqxtn b0, h1", 0xe33d02b8cd75d6b7ull) \
    X("uqxtn h0, s1", 0x2c0d7411fd1213dcull) \
    X("uqxtn s0, d1", 0xf6442850085eb2faull) \
    X("sqxtun b0, h1", 0xbb4246529127dec2ull) \
    X("sqxtun h0, s1", 0x08b25a08c9b50292ull) \
    X("sqxtun s0, d1", 0xea31211a2263845aull) \
    X("sqshl b0, b1, #0", 0xd0190f7ea315fcbfull) \
    X("sqshl b0, b1, #3", 0x4a373ee8340ab19full) \
    X("sqshl b0, b1, #7", 0x47163c32f20bdbefull) \
    X("sqshl h0, h1, #1", 0x327be1b6f6b1beefull) \
    X("sqshl h0, h1, #15", 0xf9ec27b56d3903bfull) \
    X("sqshl s0, s1, #0", 0x2d622f2e0c4d80bbull) \
    X("sqshl s0, s1, #17", 0xc61494ac3fada035ull) \
    X("sqshl s0, s1, #31", 0x49fbbcaed7e531c2ull) \
    X("sqshl d0, d1, #1", 0x45e7798f5506423full) \
    X("sqshl d0, d1, #40", 0x8972f4dec27fc702ull) \
    X("sqshl d0, d1, #63", 0x694cb4fe72452c9aull) \
    X("uqshl b0, b1, #0", 0x86e0b8f16fce2e51ull) \
    X("uqshl b0, b1, #3", 0xa9009d8b9326c13dull) \
    X("uqshl b0, b1, #7", 0xd9ac2613032a5946ull) \
    X("uqshl h0, h1, #1", 0x4a51cb71c812367cull) \
    X("uqshl h0, h1, #15", 0xc71aeff47e95617cull) \
    X("uqshl s0, s1, #0", 0xab4a694deefe8424ull) \
    X("uqshl s0, s1, #17", 0x02c59f543ace90acull) \
    X("uqshl s0, s1, #31", 0xc6455bae3455aba1ull) \
    X("uqshl d0, d1, #1", 0x91e3b2f3a2ac08e9ull) \
    X("uqshl d0, d1, #40", 0xd0570863cdf636aaull) \
    X("uqshl d0, d1, #63", 0x47a8ed2e352bdc7bull) \
    X("sqshlu b0, b1, #0", 0x78179a7fa1aaabe0ull) \
    X("sqshlu b0, b1, #3", 0xaa3e6f22a503d79aull) \
    X("sqshlu b0, b1, #7", 0x03b18b9259060966ull) \
    X("sqshlu h0, h1, #1", 0x9c6ff7789c630b98ull) \
    X("sqshlu h0, h1, #15", 0xf3eb394109ab9feeull) \
    X("sqshlu s0, s1, #0", 0x3017a1ca819514caull) \
    X("sqshlu s0, s1, #17", 0x25544eda60e6ee25ull) \
    X("sqshlu s0, s1, #31", 0xae4d75dd270355a1ull) \
    X("sqshlu d0, d1, #1", 0x1385de7e12f5cd8eull) \
    X("sqshlu d0, d1, #40", 0xb3513c9988c897c1ull) \
    X("sqshlu d0, d1, #63", 0xca6d01e5c75b1c75ull) \
    X("sqshrn b0, h1, #1", 0xbac4e10d73f11773ull) \
    X("sqshrn b0, h1, #5", 0xc1e78a4d23d5278bull) \
    X("sqshrn b0, h1, #8", 0xd0fc6cb17851a80aull) \
    X("sqshrn h0, s1, #1", 0x21599c37aaa881e1ull) \
    X("sqshrn h0, s1, #9", 0x86b7659f7af7f40bull) \
    X("sqshrn h0, s1, #16", 0x9aa205043755cd6eull) \
    X("sqshrn s0, d1, #1", 0x7307cc418eaf5d30ull) \
    X("sqshrn s0, d1, #20", 0xd2809babb4c53327ull) \
    X("sqshrn s0, d1, #32", 0x6d622be4b7480432ull) \
    X("sqrshrn b0, h1, #1", 0xbad982fc38fb8d4dull) \
    X("sqrshrn b0, h1, #5", 0x91c722071cec9de6ull) \
    X("sqrshrn b0, h1, #8", 0x25c51b0116193b57ull) \
    X("sqrshrn h0, s1, #1", 0xfc377a00217042a8ull) \
    X("sqrshrn h0, s1, #9", 0xc5dbee369a0f8edbull) \
    X("sqrshrn h0, s1, #16", 0xf3804a3a33d6da9bull) \
    X("sqrshrn s0, d1, #1", 0x831c6ba9bb01fa7eull) \
    X("sqrshrn s0, d1, #20", 0x265f78c5e7468996ull) \
    X("sqrshrn s0, d1, #32", 0x7c6f18ceca5b7272ull) \
    X("uqshrn b0, h1, #1", 0x2d8dc9abef43536eull) \
    X("uqshrn b0, h1, #5", 0xdcf1eab98c2192d6ull) \
    X("uqshrn b0, h1, #8", 0x4d4d1ad78e3710d4ull) \
    X("uqshrn h0, s1, #1", 0xd243b2659dbe97daull) \
    X("uqshrn h0, s1, #9", 0x08f1f04ee269a79dull) \
    X("uqshrn h0, s1, #16", 0x71f66914d57c9c5bull) \
    X("uqshrn s0, d1, #1", 0xf45974f934551f24ull) \
    X("uqshrn s0, d1, #20", 0xb4002ba6994f2b03ull) \
    X("uqshrn s0, d1, #32", 0x04f166c4f4c406b5ull) \
    X("uqrshrn b0, h1, #1", 0xcc304a66544eee20ull) \
    X("uqrshrn b0, h1, #5", 0x2f3e79c53204d262ull) \
    X("uqrshrn b0, h1, #8", 0x2db27df6fd50c848ull) \
    X("uqrshrn h0, s1, #1", 0x095f5e8006af1e22ull) \
    X("uqrshrn h0, s1, #9", 0xbd075812d5db71d6ull) \
    X("uqrshrn h0, s1, #16", 0x650131fc6963d540ull) \
    X("uqrshrn s0, d1, #1", 0x41601bdd0391ab42ull) \
    X("uqrshrn s0, d1, #20", 0xc91d77f33b90e8e0ull) \
    X("uqrshrn s0, d1, #32", 0xb811ecec6c99d801ull) \
    X("sqshrun b0, h1, #1", 0xd5b16ce630e799b6ull) \
    X("sqshrun b0, h1, #5", 0xcc2e3a87db218f54ull) \
    X("sqshrun b0, h1, #8", 0x7786f354e1d5e65aull) \
    X("sqshrun h0, s1, #1", 0x7c7c34474b2523b9ull) \
    X("sqshrun h0, s1, #9", 0x14578a1e384c8496ull) \
    X("sqshrun h0, s1, #16", 0x7be221a4129274d1ull) \
    X("sqshrun s0, d1, #1", 0x45d6d70a806e4455ull) \
    X("sqshrun s0, d1, #20", 0xee8d57cb8b1a571dull) \
    X("sqshrun s0, d1, #32", 0xdf4ac91bfa21df19ull) \
    X("sqrshrun b0, h1, #1", 0x2057e43e0a5cd64dull) \
    X("sqrshrun b0, h1, #5", 0xe52ac851a5890b73ull) \
    X("sqrshrun b0, h1, #8", 0x770314bc34ed8399ull) \
    X("sqrshrun h0, s1, #1", 0xc4244032c0413768ull) \
    X("sqrshrun h0, s1, #9", 0xcf2b96cc52484559ull) \
    X("sqrshrun h0, s1, #16", 0x69a09fcf4b31d2dbull) \
    X("sqrshrun s0, d1, #1", 0x2c4dfbc341f8f9fbull) \
    X("sqrshrun s0, d1, #20", 0x12744191f8d24b6bull) \
    X("sqrshrun s0, d1, #32", 0x7c5a1839147bef26ull) \
    X("sqdmull v0.4s, v1.4h, v2.4h", 0xdd16788546a85661ull) \
    X("sqdmull v0.2d, v1.2s, v2.2s", 0x30ec456a09612f9eull) \
    X("sqdmull2 v0.4s, v1.8h, v2.8h", 0x1b7f5d23f175a44aull) \
    X("sqdmull2 v0.2d, v1.4s, v2.4s", 0x02b684ff2411a021ull) \
    X("sqdmull s0, h1, h2", 0x07fe4a71b42bc5b0ull) \
    X("sqdmull d0, s1, s2", 0x69505d53d0e9a4c8ull) \
    X("sqdmull v0.4s, v1.4h, v2.h[7]", 0x471a5bd91e2550f0ull) \
    X("sqdmull v0.2d, v1.2s, v2.s[1]", 0x4cc937ed55f53481ull) \
    X("sqdmull2 v0.4s, v1.8h, v2.h[2]", 0x8f849b4ad9b72b4aull) \
    X("sqdmull2 v0.2d, v1.4s, v2.s[3]", 0xcfbb060992f52889ull) \
    X("sqdmull s0, h1, v2.h[5]", 0xf7e6fd7f0b2ffa68ull) \
    X("sqdmull d0, s1, v2.s[2]", 0x2d25e7ac4d23baf3ull) \
    X("sqdmlal v0.4s, v1.4h, v2.4h", 0xb005e96ca22282cbull) \
    X("sqdmlal v0.2d, v1.2s, v2.2s", 0x940ce32e110aada7ull) \
    X("sqdmlal2 v0.4s, v1.8h, v2.8h", 0x6cf8f2dd65770412ull) \
    X("sqdmlal2 v0.2d, v1.4s, v2.4s", 0x06ab2d57884b2a47ull) \
    X("sqdmlal s0, h1, h2", 0xce1304d660e34bffull) \
    X("sqdmlal d0, s1, s2", 0xaa11ff65122603a5ull) \
    X("sqdmlal v0.4s, v1.4h, v2.h[7]", 0x682dea58a17469ddull) \
    X("sqdmlal v0.2d, v1.2s, v2.s[1]", 0x6b9e5e39186c9c7cull) \
    X("sqdmlal2 v0.4s, v1.8h, v2.h[2]", 0x789e6aa08d87520aull) \
    X("sqdmlal2 v0.2d, v1.4s, v2.s[3]", 0x73315b8777b4bbd4ull) \
    X("sqdmlal s0, h1, v2.h[5]", 0xaa5b48792f6e34f0ull) \
    X("sqdmlal d0, s1, v2.s[2]", 0x5ce225c53e4dfd9dull) \
    X("sqdmlsl v0.4s, v1.4h, v2.4h", 0x87457d478e00575full) \
    X("sqdmlsl v0.2d, v1.2s, v2.2s", 0x674a3fcac2a0e91eull) \
    X("sqdmlsl2 v0.4s, v1.8h, v2.8h", 0x5456796de35107a7ull) \
    X("sqdmlsl2 v0.2d, v1.4s, v2.4s", 0xe3b25706fd99e4e1ull) \
    X("sqdmlsl s0, h1, h2", 0x543c3af0515f3af8ull) \
    X("sqdmlsl d0, s1, s2", 0x6a7f800aad0c18f6ull) \
    X("sqdmlsl v0.4s, v1.4h, v2.h[7]", 0x40084ed8cc7a529dull) \
    X("sqdmlsl v0.2d, v1.2s, v2.s[1]", 0xbc33802abca3047eull) \
    X("sqdmlsl2 v0.4s, v1.8h, v2.h[2]", 0xae5d38a8ddddc4dfull) \
    X("sqdmlsl2 v0.2d, v1.4s, v2.s[3]", 0xdc84e3ad1c16a0d4ull) \
    X("sqdmlsl s0, h1, v2.h[5]", 0x0e1d31a40282839eull) \
    X("sqdmlsl d0, s1, v2.s[2]", 0x0d538611d3f33da6ull) \
    X("sqdmulh v0.4h, v1.4h, v2.h[3]", 0xbf8bc0b6c93c5a81ull) \
    X("sqdmulh v0.8h, v1.8h, v2.h[6]", 0x374ec3a86d4c6afaull) \
    X("sqdmulh v0.2s, v1.2s, v2.s[1]", 0xb6f5f65318096a73ull) \
    X("sqdmulh v0.4s, v1.4s, v2.s[2]", 0xec9cfc839cea0186ull) \
    X("sqdmulh h0, h1, v2.h[1]", 0x3cabf742f90f256eull) \
    X("sqdmulh s0, s1, v2.s[3]", 0x4372050e845bfc65ull) \
    X("sqrdmulh v0.4h, v1.4h, v2.h[3]", 0xbcf801e23b344544ull) \
    X("sqrdmulh v0.8h, v1.8h, v2.h[6]", 0x7a55afed11842ba7ull) \
    X("sqrdmulh v0.2s, v1.2s, v2.s[1]", 0xe04d5255023ea38cull) \
    X("sqrdmulh v0.4s, v1.4s, v2.s[2]", 0x22778e3f92d1e8dcull) \
    X("sqrdmulh h0, h1, v2.h[1]", 0x2dbf8d0b182ede32ull) \
    X("sqrdmulh s0, s1, v2.s[3]", 0xec8f3a6604b660a9ull) \

#define STUB(text, hash) text "\n ret\n"
__asm__(".text\n .balign 8\nsat_stubs:\n" SAT_INSNS(STUB));
extern char sat_stubs[];

#define NAME(text, hash) text,
static const char *const names[] = { SAT_INSNS(NAME) };
#define HASH(text, hash) hash,
static const uint64_t expected[] = { SAT_INSNS(HASH) };

struct io {
    uint64_t q[3][2];     /* V0-V2 in */
    uint64_t fpsr_in;     /* FPSR in */
    uint64_t r0[2], fpsr; /* V0, FPSR out */
};

static void run(struct io *io, const char *stub)
{
    __asm__ volatile(
        "ldr q0, [%0, #0]\n ldr q1, [%0, #16]\n ldr q2, [%0, #32]\n"
        "ldr x9, [%0, #48]\n msr fpsr, x9\n"
        "blr %1\n"
        "str q0, [%0, #56]\n mrs x9, fpsr\n str x9, [%0, #72]\n"
        : : "r"(io), "r"(stub) : "memory", "x9", "x30");
}

static uint64_t rng = 0x0123456789abcdefull;
static uint64_t rnd(void) { return xorshift64(&rng); }

/* One lane of 'bits' bits, mostly a saturation edge. */
static uint64_t edge_lane(unsigned bits)
{
    uint64_t ones = bits == 64 ? ~0ull : (1ull << bits) - 1, min = 1ull << (bits - 1);
    uint64_t r = rnd();
    switch (r % 12) {
    case 0: return 0;
    case 1: return 1;
    case 2: return ones;            /* -1 */
    case 3: return min;             /* signed minimum */
    case 4: return min - 1;         /* signed maximum */
    case 5: return min + 1;
    case 6: return ones - 1;
    case 7: return (min >> 1) + (rnd() & 3) - 1; /* around a half-range */
    case 8: return (rnd() % 141 - 70) & ones;     /* a small signed shift count */
    case 9: return (rnd() >> (rnd() % 64)) & ones;
    default: return rnd() & ones;
    }
}

/* A 64-bit half: lanes of one random size, each an edge value. */
static uint64_t edge_half(void)
{
    unsigned bits = 8u << (rnd() % 4);
    uint64_t v = 0;
    for (unsigned sh = 0; sh < 64; sh += bits) {
        v |= edge_lane(bits) << sh;
    }
    return v;
}

int main(void)
{
    guest_enable_fp();
    static struct io io;
    unsigned n = sizeof(names) / sizeof(names[0]), failed = 0;
    for (unsigned t = 0; t < n; t++) {
        uint64_t h = 0;
        for (unsigned k = 0; k < ITERATIONS; k++) {
            for (unsigned r = 0; r < 3; r++) {
                io.q[r][0] = edge_half();
                io.q[r][1] = edge_half();
            }
            io.fpsr_in = (rnd() % 4) ? 0 : rnd() & 0x0800009f; /* QC and the FP flags */
            run(&io, sat_stubs + 8 * t);
            h = hash_mix(hash_mix(hash_mix(h, io.r0[0]), io.r0[1]), io.fpsr);
        }
        failed += report_hash(names[t], h, expected[t]);
    }
    return failed != 0;
}
