/*
 * Self-modifying and generated code: patching an instruction of a function
 * that has already run, patching the running block itself (a store, then
 * the maintenance sequence, then the patched instruction right after), a
 * loop that rewrites an instruction of its own body on every iteration,
 * changing a branch target, and code written into a data buffer (a "JIT"),
 * also across a page boundary, rewritten by every kind of store (STP, STXR,
 * a store straddling two pages, DC ZVA). The architectural sequence is
 * always used: DC CVAU, DSB ISH, IC IVAU, DSB ISH, ISB. A store to code
 * with no maintenance at all is reported on a "# " line (either outcome is
 * allowed).
 */
#include "guest.h"

/* MOVZ W0, #imm */
#define MOVZ_W0(imm) (0x52800000u | ((uint32_t)(imm) << 5))
/* ADD X2, X2, #imm */
#define ADD_X2(imm) (0x91000042u | ((uint32_t)(imm) << 10))
/* B +offset (bytes) */
#define B_OFS(ofs) (0x14000000u | (((uint32_t)(ofs) >> 2) & 0x3ffffff))
#define RET 0xd65f03c0u

uint32_t patchme(void);
uint64_t patch_self(uint32_t insn);
uint64_t patch_self_nosync(uint32_t insn);
uint64_t patch_loop(uint64_t iterations);
uint64_t branchy(void);
extern uint32_t branchy_slot[], branchy_one[], branchy_two[];

__asm__(".text\n"
        ".balign 64\n"
        ".global patchme\n"
        "patchme:\n"
        "    mov w0, #1\n"
        "    ret\n"

        /* Stores insn over label 1, which runs right after (same block). */
        ".balign 64\n"
        ".global patch_self\n"
        "patch_self:\n"
        "    adr x1, 1f\n"
        "    str w0, [x1]\n"
        "    dc cvau, x1\n"
        "    dsb ish\n"
        "    ic ivau, x1\n"
        "    dsb ish\n"
        "    isb\n"
        "1:  mov w0, #1\n"
        "    ret\n"

        ".balign 64\n"
        ".global patch_self_nosync\n"
        "patch_self_nosync:\n"
        "    adr x1, 1f\n"
        "    str w0, [x1]\n"
        "1:  mov w0, #1\n"
        "    ret\n"

        /* x0 iterations; iteration i (counting down from x0) patches the
         * ADD at label 2 to add i, then runs it: returns the sum of i. */
        ".balign 64\n"
        ".global patch_loop\n"
        "patch_loop:\n"
        "    mov x3, x0\n"
        "    mov x2, #0\n"
        "    adr x4, 2f\n"
        "    ldr w5, 3f\n"              /* ADD X2, X2, #0 */
        "1:  orr w6, w5, w3, lsl #10\n"
        "    str w6, [x4]\n"
        "    dc cvau, x4\n"
        "    dsb ish\n"
        "    ic ivau, x4\n"
        "    dsb ish\n"
        "    isb\n"
        "2:  add x2, x2, #4095\n"
        "    subs x3, x3, #1\n"
        "    b.ne 1b\n"
        "    mov x0, x2\n"
        "    ret\n"
        "3:  add x2, x2, #0\n"

        /* The instruction at branchy_slot is a B to one of two exits. */
        ".balign 64\n"
        ".global branchy, branchy_slot, branchy_one, branchy_two\n"
        "branchy:\n"
        "branchy_slot:\n"
        "    b branchy_one\n"
        "    mov x0, #0\n"
        "    ret\n"
        "branchy_one:\n"
        "    mov x0, #1\n"
        "    ret\n"
        "branchy_two:\n"
        "    mov x0, #2\n"
        "    ret\n");

static void sync_code(void *start, unsigned bytes)
{
    /* Cache lines are 64 bytes (CTR_EL0 DminLine = IminLine = 4). */
    uint64_t a = (uint64_t)start & ~63ull, end = (uint64_t)start + bytes;
    for (uint64_t p = a; p < end; p += 64) {
        __asm__ volatile("dc cvau, %0" :: "r"(p) : "memory");
    }
    __asm__ volatile("dsb ish" ::: "memory");
    for (uint64_t p = a; p < end; p += 64) {
        __asm__ volatile("ic ivau, %0" :: "r"(p) : "memory");
    }
    __asm__ volatile("dsb ish\n\tisb" ::: "memory");
}

static void store_insn(uint32_t *where, uint32_t insn)
{
    *(volatile uint32_t *)where = insn;
    sync_code(where, 4);
}

static void test_patch_function(void)
{
    uint32_t *code = (uint32_t *)(uintptr_t)&patchme;
    CHECK_EQ(patchme(), 1);
    store_insn(code, MOVZ_W0(2));
    CHECK_EQ(patchme(), 2);
    /* Many times over: every version must be the one that runs. */
    for (uint32_t i = 0; i < 300; i++) {
        store_insn(code, MOVZ_W0(i * 211 & 0xffff));
        CHECK_EQ(patchme(), i * 211 & 0xffff);
    }
    store_insn(code, MOVZ_W0(1));
    CHECK_EQ(patchme(), 1);
    guest_puts("patched function ok\n");
}

static void test_patch_running_block(void)
{
    /* Each call stores a new instruction just ahead of itself. */
    for (uint32_t i = 2; i < 50; i++) {
        CHECK_EQ(patch_self(MOVZ_W0(i)), i);
    }
    CHECK_EQ(patch_loop(100), 5050);
    CHECK_EQ(patch_loop(4095), 4095ull * 4096 / 2);
    guest_puts("patched running block ok\n");

    uint64_t first = patch_self_nosync(MOVZ_W0(7));
    uint64_t second = patch_self_nosync(MOVZ_W0(8));
    guest_puts("# store ahead without maintenance ran: ");
    guest_put_dec(first);
    guest_puts(" then ");
    guest_put_dec(second);
    guest_putc('\n');
    CHECK(first == 1 || first == 7);
    CHECK(second == 7 || second == 8);
}

static void test_patch_branch(void)
{
    CHECK_EQ(branchy(), 1);
    store_insn(branchy_slot, B_OFS((uint64_t)branchy_two - (uint64_t)branchy_slot));
    CHECK_EQ(branchy(), 2);
    store_insn(branchy_slot, 0xd503201fu);      /* NOP: fall through */
    CHECK_EQ(branchy(), 0);
    store_insn(branchy_slot, B_OFS((uint64_t)branchy_one - (uint64_t)branchy_slot));
    CHECK_EQ(branchy(), 1);
    guest_puts("patched branch ok\n");
}

/* Generated code lives in data pages; the last function straddles a page. */
static uint32_t jit[2048] __attribute__((aligned(4096)));

typedef uint64_t (*jit_fn)(uint64_t);

/* Emits "x0 = x0 * mul + add" (MOVZ/MOVK constants, MADD) at p. */
static unsigned emit_madd(uint32_t *p, uint32_t mul, uint32_t add)
{
    unsigned n = 0;
    p[n++] = 0xd2800001u | ((mul & 0xffff) << 5);              /* movz x1, #mul */
    p[n++] = 0xf2a00001u | ((mul >> 16) << 5);                 /* movk x1, #mul>>16, lsl 16 */
    p[n++] = 0xd2800002u | ((add & 0xffff) << 5);              /* movz x2, #add */
    p[n++] = 0xf2a00002u | ((add >> 16) << 5);                 /* movk x2, #add>>16, lsl 16 */
    p[n++] = 0x9b010800u;                                      /* madd x0, x0, x1, x2 */
    p[n++] = RET;
    return n;
}

static void test_jit(void)
{
    unsigned n = emit_madd(jit, 3, 5);
    sync_code(jit, n * 4);
    jit_fn f = (jit_fn)(uintptr_t)jit;
    CHECK_EQ(f(10), 35);
    n = emit_madd(jit, 0x10001, 0xabcdef);
    sync_code(jit, n * 4);
    CHECK_EQ(f(2), 0x20002 + 0xabcdef);

    /* Three instructions before the page boundary, three after. */
    uint32_t *straddle = &jit[1024 - 3];
    n = emit_madd(straddle, 7, 1);
    sync_code(straddle, n * 4);
    jit_fn g = (jit_fn)(uintptr_t)straddle;
    CHECK_EQ(g(6), 43);
    /* Rewrite only the second page's part (the ADD constant's MOVK and
     * the MADD): the first page's translation must not be reused with a
     * stale second half. */
    jit[1024] = 0xf2a00002u | (1u << 5);                        /* movk x2, #1, lsl 16 */
    jit[1025] = 0x9b018800u;                                    /* msub x0, x0, x1, x2 */
    sync_code(&jit[1024], 8);
    CHECK_EQ(g(6), 0x10001 - 42);
    guest_puts("generated code ok\n");
}

/* Code changed by stores other than STR: each must be seen. */
static void test_other_stores(void)
{
    jit_fn f = (jit_fn)(uintptr_t)&jit[64];
    unsigned n = emit_madd(&jit[64], 2, 1);
    sync_code(&jit[64], n * 4);
    CHECK_EQ(f(5), 11);

    /* STP: the two MOVs of the multiplier at once. */
    uint64_t pair = (uint64_t)(0xd2800001u | (9u << 5)) |
                    (uint64_t)(0xf2a00001u) << 32;      /* movz x1, #9; movk x1, #0, lsl 16 */
    __asm__ volatile("stp %w0, %w1, [%2]" :: "r"((uint32_t)pair), "r"((uint32_t)(pair >> 32)),
                     "r"(&jit[64]) : "memory");
    sync_code(&jit[64], 8);
    CHECK_EQ(f(5), 46);

    /* STXR: the addend's MOVZ. */
    uint32_t status = 1;
    for (int tries = 0; tries < 100 && status; tries++) {
        uint32_t old;
        __asm__ volatile("ldxr %w0, [%2]\n\tstxr %w1, %w3, [%2]"
                         : "=&r"(old), "=&r"(status)
                         : "r"(&jit[66]), "r"(0xd2800002u | (100u << 5)) : "memory");
        (void)old;
    }
    CHECK_EQ(status, 0);
    sync_code(&jit[66], 4);
    CHECK_EQ(f(5), 145);

    /* An 8-byte store straddling two pages rewrites the last instruction of
     * one and the first of the next. */
    uint32_t *edge = &jit[1023];                   /* last word of the first page */
    jit_fn h = (jit_fn)(uintptr_t)&jit[1020];
    n = emit_madd(&jit[1020], 3, 4);                /* jit[1020..1025] */
    sync_code(&jit[1020], n * 4);
    CHECK_EQ(h(1), 7);
    uint64_t straddle = (uint64_t)(0xf2a00002u | (2u << 5)) |      /* movk x2, #2, lsl 16 */
                        (uint64_t)0x9b017c00u << 32;               /* mul x0, x0, x1 */
    __asm__ volatile("str %0, [%1]" :: "r"(straddle), "r"(edge) : "memory");
    sync_code(edge, 8);
    CHECK_EQ(h(10), 30);                            /* MADD became MUL */

    /* DC ZVA turns a 64-byte block of code into UDF #0. */
    f = (jit_fn)(uintptr_t)&jit[128];
    n = emit_madd(&jit[128], 1, 1);
    sync_code(&jit[128], n * 4);
    CHECK_EQ(f(1), 2);
    __asm__ volatile("dc zva, %0" :: "r"(&jit[128]) : "memory");
    sync_code(&jit[128], 64);
    guest_expect_exception(GUEST_RESUME_LR);       /* back to the caller */
    f(1);
    CHECK_EQ(guest_caught.count, 1);
    CHECK_EQ(guest_caught.esr, ESR(EC_UNKNOWN, 0)); /* UDF */
    CHECK_EQ(guest_caught.elr, (uint64_t)&jit[128]);
    guest_puts("code rewritten by stp, stxr, a page-straddling str and dc zva ok\n");
}

int main(void)
{
    test_patch_function();
    test_patch_running_block();
    test_patch_branch();
    test_jit();
    test_other_stores();
    return 0;
}
