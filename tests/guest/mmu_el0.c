/*
 * EL0 under stage 1 translation (4 KiB granule, 39-bit VAs): EL0 code runs
 * from a user page (an alias of its own section, read-only and PXN), reads
 * and writes its data page, and faults with lower-EL aborts (EC 0x24/0x20)
 * on a kernel page (permission, level 2 block), a read-only user page
 * (permission, level 3), an unmapped page (translation, level 3) and a
 * kernel page it branches to (UXN). Then an ASID switch: a second TTBR0
 * maps the data page elsewhere; TLBI ASIDE1 + the TTBR0 write make EL0 see
 * the other page, and switching back shows the first again. Last, LDTR and
 * STTR at EL1 check EL0's permissions (same-EL aborts, EC 0x25).
 */
#include "guest.h"

#define D_TABLE   3ull
#define D_BLOCK   1ull
#define D_ATTR(i) ((uint64_t)(i) << 2)
#define D_AP_EL0  (1ull << 6)
#define D_AP_RO   (2ull << 6)
#define D_SH_IN   (3ull << 8)
#define D_AF      (1ull << 10)
#define D_PXN     (1ull << 53)
#define D_UXN     (1ull << 54)

#define NORMAL (D_ATTR(1) | D_SH_IN | D_AF)
#define DEVICE (D_ATTR(0) | D_AF | D_PXN | D_UXN)

/* T0SZ = 25, 4K, inner shareable write-back walks, EPD1, IPS 36 bits. */
#define TCR_VALUE ((25ull << 0) | (1ull << 8) | (1ull << 10) | (3ull << 12) | (1ull << 23) | \
                   (1ull << 32))
#define SCTLR_M (1ull << 0)

#define WINDOW   0x7fe00000ull      /* the last 2 MiB of RAM's gigabyte */
#define U_CODE   (WINDOW + 0x0000)
#define U_DATA   (WINDOW + 0x1000)
#define U_RO     (WINDOW + 0x2000)
#define U_NONE   (WINDOW + 0x3000)
#define DONE_SVC 0xdead

#define ESR_IL  (1ull << 25)
#define ESR_WNR (1ull << 6)

static uint64_t l1_a[512] __attribute__((aligned(4096)));
static uint64_t l1_b[512] __attribute__((aligned(4096)));
static uint64_t l2_a[512] __attribute__((aligned(4096)));
static uint64_t l2_b[512] __attribute__((aligned(4096)));
static uint64_t l3_a[512] __attribute__((aligned(4096)));
static uint64_t l3_b[512] __attribute__((aligned(4096)));

static uint64_t data_a[512] __attribute__((aligned(4096)));
static uint64_t data_b[512] __attribute__((aligned(4096)));
static uint64_t ro_page[512] __attribute__((aligned(4096)));
static volatile uint64_t kernel_secret = 0x5ec7e7;
static uint64_t el0_stack[512] __attribute__((aligned(16)));

/* Exceptions taken from EL0 other than DONE_SVC, in order. */
#define MAX_LOG 8
static struct {
    uint64_t esr, far;
} ex_log[MAX_LOG];
static volatile unsigned ex_count;

void run_el0(uint64_t entry, uint64_t stack_top, uint64_t arg);
extern char el0_return[];
extern char user_code[], user_code_end[];

/* Enters EL0 at 'entry' with x0 = arg until it makes the DONE_SVC call;
 * the EL1 callee-saved registers wait on the EL1 stack. */
__asm__(".text\n"
        ".global run_el0, el0_return\n"
        "run_el0:\n"
        "    stp x29, x30, [sp, #-96]!\n"
        "    stp x19, x20, [sp, #16]\n"
        "    stp x21, x22, [sp, #32]\n"
        "    stp x23, x24, [sp, #48]\n"
        "    stp x25, x26, [sp, #64]\n"
        "    stp x27, x28, [sp, #80]\n"
        "    msr elr_el1, x0\n"
        "    msr sp_el0, x1\n"
        "    mov x0, x2\n"
        "    mov x2, #0x3c0\n"
        "    msr spsr_el1, x2\n"
        "    eret\n"
        "el0_return:\n"
        "    ldp x19, x20, [sp, #16]\n"
        "    ldp x21, x22, [sp, #32]\n"
        "    ldp x23, x24, [sp, #48]\n"
        "    ldp x25, x26, [sp, #64]\n"
        "    ldp x27, x28, [sp, #80]\n"
        "    ldp x29, x30, [sp], #96\n"
        "    ret\n");

/*
 * The EL0 program, alone in its page (run through the U_CODE alias). x0 =
 * kernel address to load and branch to. Mode in x0's caller-chosen form:
 * reads U_DATA into x1, adds 1, writes it back, then loads U_RO, faults on
 * the kernel address, on a store to U_RO, on U_NONE and on a branch to the
 * kernel, and returns the data value in x1 through DONE_SVC.
 */
__asm__(".section .text.user, \"ax\"\n"
        ".balign 4096\n"
        ".global user_code, user_code_end\n"
        "user_code:\n"
        "    mov x9, x0\n"
        "    movz x10, #0x7fe0, lsl #16\n"      /* WINDOW */
        "    ldr x1, [x10, #0x1000]\n"          /* U_DATA */
        "    add x1, x1, #1\n"
        "    str x1, [x10, #0x1000]\n"
        "    ldr x2, [x10, #0x2000]\n"          /* U_RO: readable */
        "    str x2, [x10, #0x1008]\n"
        "    ldr x3, [x9]\n"                    /* kernel page: permission */
        "    str x1, [x10, #0x2000]\n"          /* read-only: permission */
        "    ldr x3, [x10, #0x3000]\n"          /* unmapped: translation */
        "    blr x9\n"                          /* kernel page: UXN */
        "    svc #0xdead\n"
        "user_code_end:\n"
        ".text\n");

static volatile int el1_expecting;

void guest_exception(int kind)
{
    uint64_t esr = read_esr();
    unsigned ec = (unsigned)(esr >> 26);
    if (kind == VEC_CUR_SPX && el1_expecting && ex_count < MAX_LOG) {
        el1_expecting = 0;
        ex_log[ex_count].esr = esr;
        ex_log[ex_count].far = read_far();
        ex_count++;
        write_elr(read_elr() + 4);
        return;
    }
    if (kind != VEC_LOWER_A64 || ex_count >= MAX_LOG) {
        guest_puts("unexpected exception: vector ");
        guest_put_dec((uint64_t)kind);
        guest_puts(" esr ");
        guest_put_hex(esr);
        guest_puts(" elr ");
        guest_put_hex(read_elr());
        guest_putc('\n');
        guest_exit(1);
    }
    if (ec == 0x15 && (esr & 0xffff) == DONE_SVC) {
        write_elr((uint64_t)el0_return);
        SYSREG_WRITE(spsr_el1, 0x3c5);
        return;
    }
    ex_log[ex_count].esr = esr;
    ex_log[ex_count].far = read_far();
    ex_count++;
    /* Past the faulting instruction; after a BLR, back to its return. */
    write_elr(ec == 0x20 ? guest_exception_frame->x30 : read_elr() + 4);
}

static void build(uint64_t *l1, uint64_t *l2, uint64_t *l3, uint64_t *data)
{
    l1[0] = 0x00000000ull | DEVICE | D_BLOCK;
    l1[1] = (uint64_t)l2 | D_TABLE;
    for (unsigned i = 0; i < 511; i++) {           /* kernel RAM: EL1 only */
        l2[i] = (0x40000000ull + i * 0x200000ull) | NORMAL | D_UXN | D_BLOCK;
    }
    l2[511] = (uint64_t)l3 | D_TABLE;
    l3[0] = (uint64_t)user_code | NORMAL | D_AP_EL0 | D_AP_RO | D_PXN | D_TABLE;
    l3[1] = (uint64_t)data | NORMAL | D_AP_EL0 | D_PXN | D_UXN | D_TABLE;
    l3[2] = (uint64_t)ro_page | NORMAL | D_AP_EL0 | D_AP_RO | D_PXN | D_UXN | D_TABLE;
}

static void show(unsigned i)
{
    guest_puts("el0 fault: esr 0x");
    guest_put_hex(ex_log[i].esr);
    guest_puts(" far 0x");
    guest_put_hex(ex_log[i].far);
    guest_putc('\n');
}

int main(void)
{
    CHECK(user_code_end - user_code < 4096);
    CHECK(((uint64_t)user_code & 0xfff) == 0);
    build(l1_a, l2_a, l3_a, data_a);
    build(l1_b, l2_b, l3_b, data_b);
    data_a[0] = 100;
    data_b[0] = 200;
    ro_page[0] = 0x77;
    __asm__ volatile("dsb ish" ::: "memory");

    SYSREG_WRITE(mair_el1, 0xff00ull);
    SYSREG_WRITE(tcr_el1, TCR_VALUE);
    SYSREG_WRITE(ttbr0_el1, (uint64_t)l1_a | (1ull << 48));    /* ASID 1 */
    __asm__ volatile("isb\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
    SYSREG_WRITE(sctlr_el1, SYSREG_READ(sctlr_el1) | SCTLR_M);
    __asm__ volatile("isb" ::: "memory");
    guest_puts("mmu on\n");

    uint64_t kaddr = (uint64_t)&kernel_secret;
    run_el0(U_CODE, (uint64_t)(el0_stack + 512), kaddr);
    CHECK_EQ(data_a[0], 101);
    CHECK_EQ(data_a[1], 0x77);
    CHECK_EQ(ro_page[0], 0x77);
    CHECK_EQ(ex_count, 4);
    for (unsigned i = 0; i < ex_count; i++) {
        show(i);
    }
    CHECK_EQ(ex_log[0].esr, (0x24ull << 26) | ESR_IL | 0x0e);          /* level 2 block */
    CHECK_EQ(ex_log[0].far, kaddr);
    CHECK_EQ(ex_log[1].esr, (0x24ull << 26) | ESR_IL | ESR_WNR | 0x0f);
    CHECK_EQ(ex_log[1].far, U_RO);
    CHECK_EQ(ex_log[2].esr, (0x24ull << 26) | ESR_IL | 0x07);
    CHECK_EQ(ex_log[2].far, U_NONE);
    CHECK_EQ(ex_log[3].esr, (0x20ull << 26) | ESR_IL | 0x0e);
    CHECK_EQ(ex_log[3].far, kaddr);
    guest_puts("el0 under the mmu ok\n");

    /* ASID switch: the other tables map U_DATA to data_b. */
    SYSREG_WRITE(ttbr0_el1, (uint64_t)l1_b | (2ull << 48));
    __asm__ volatile("isb\n\ttlbi aside1, %0\n\tdsb ish\n\tisb" :: "r"(2ull << 48) : "memory");
    ex_count = 0;
    run_el0(U_CODE, (uint64_t)(el0_stack + 512), kaddr);
    CHECK_EQ(data_b[0], 201);
    CHECK_EQ(data_a[0], 101);
    SYSREG_WRITE(ttbr0_el1, (uint64_t)l1_a | (1ull << 48));
    __asm__ volatile("isb" ::: "memory");
    ex_count = 0;
    run_el0(U_CODE, (uint64_t)(el0_stack + 512), kaddr);
    CHECK_EQ(data_a[0], 102);
    CHECK_EQ(data_b[0], 201);
    guest_puts("asid switch ok\n");

    /* Unprivileged loads and stores from EL1. */
    uint64_t v = 0;
    __asm__ volatile("ldtr %0, [%1]" : "=r"(v) : "r"(U_DATA) : "memory");
    CHECK_EQ(v, 102);
    __asm__ volatile("sttr %0, [%1, #8]" :: "r"(0x55ull), "r"(U_DATA) : "memory");
    CHECK_EQ(data_a[1], 0x55);
    __asm__ volatile("ldtrb %w0, [%1]" : "=r"(v) : "r"(U_RO) : "memory");
    CHECK_EQ(v, 0x77);
    ex_count = 0;
    el1_expecting = 1;
    v = 0xbad;
    __asm__ volatile("ldtr %0, [%1]" : "+r"(v) : "r"(kaddr) : "memory");
    CHECK_EQ(v, 0xbad);
    el1_expecting = 1;
    __asm__ volatile("sttr %0, [%1]" :: "r"(1ull), "r"(U_RO) : "memory");
    CHECK_EQ(ro_page[0], 0x77);
    CHECK_EQ(ex_count, 2);
    show(0);
    show(1);
    CHECK_EQ(ex_log[0].esr, (0x25ull << 26) | ESR_IL | 0x0e);
    CHECK_EQ(ex_log[0].far, kaddr);
    CHECK_EQ(ex_log[1].esr, (0x25ull << 26) | ESR_IL | ESR_WNR | 0x0f);
    CHECK_EQ(ex_log[1].far, U_RO);
    /* The plain forms keep EL1's permissions on the same pages. */
    CHECK_EQ(*(volatile uint64_t *)kaddr, 0x5ec7e7);
    guest_puts("ldtr/sttr ok\n");

    SYSREG_WRITE(sctlr_el1, SYSREG_READ(sctlr_el1) & ~SCTLR_M);
    __asm__ volatile("isb\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
    return 0;
}
