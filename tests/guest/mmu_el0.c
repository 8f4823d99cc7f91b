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
#include "mmu.h"

#define WINDOW   0x7fe00000ull      /* the last 2 MiB of RAM's gigabyte */
#define U_CODE   (WINDOW + 0x0000)
#define U_DATA   (WINDOW + 0x1000)
#define U_RO     (WINDOW + 0x2000)
#define U_NONE   (WINDOW + 0x3000)

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

/* Faults from EL0 (and from LDTR/STTR at EL1), in order. */
#define MAX_LOG 8
static struct {
    uint64_t esr, far;
} ex_log[MAX_LOG];
static volatile unsigned ex_count;

extern char user_code[], user_code_end[];

/* Runs the EL0 program (through its U_CODE alias) with x0 = arg. */
static void run_el0(uint64_t arg)
{
    guest_run_el0(U_CODE, (uint64_t)(el0_stack + 512), GUEST_SPSR_EL0T, arg);
}

/*
 * The EL0 program, alone in its page (run through the U_CODE alias). x0 =
 * kernel address to load and branch to. Mode in x0's caller-chosen form:
 * reads U_DATA into x1, adds 1, writes it back, then loads U_RO, faults on
 * the kernel address, on a store to U_RO, on U_NONE and on a branch to the
 * kernel, and returns the data value in x1 through the exit call.
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
        "    " GUEST_EL0_EXIT_ASM "\n"
        "user_code_end:\n"
        ".text\n");

static void log_fault(int kind, uint64_t esr, uint64_t far)
{
    if (ex_count >= MAX_LOG) {
        guest_unexpected_exception(kind);
    }
    ex_log[ex_count].esr = esr;
    ex_log[ex_count].far = far;
    ex_count++;
}

void guest_exception(int kind)
{
    uint64_t esr = read_esr();
    if (guest_catch_expected(kind)) {               /* LDTR/STTR at EL1 */
        log_fault(kind, guest_caught.esr, guest_caught.far);
        return;
    }
    if (guest_el0_exit(kind, esr)) {
        return;
    }
    if (kind != VEC_LOWER_A64) {
        guest_unexpected_exception(kind);
    }
    log_fault(kind, esr, read_far());
    /* Past the faulting instruction; after a BLR, back to its return. */
    write_elr(ESR_EC(esr) == EC_IABT_LOWER ? guest_exception_frame->x30 : read_elr() + 4);
}

static void build(uint64_t *l1, uint64_t *l2, uint64_t *l3, uint64_t *data)
{
    mmu_map_devices_and_ram(l1, l2, NORMAL | D_UXN, 511);   /* kernel RAM: EL1 only */
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
    mmu_on(TCR_TTBR0_4K_39, (uint64_t)l1_a | TTBR_ASID(1), 0, SCTLR_M);
    guest_puts("mmu on\n");

    uint64_t kaddr = (uint64_t)&kernel_secret;
    run_el0(kaddr);
    CHECK_EQ(data_a[0], 101);
    CHECK_EQ(data_a[1], 0x77);
    CHECK_EQ(ro_page[0], 0x77);
    CHECK_EQ(ex_count, 4);
    for (unsigned i = 0; i < ex_count; i++) {
        show(i);
    }
    CHECK_EQ(ex_log[0].esr, ESR_DABT_LOWER(FSC_PERMISSION(2)));  /* level 2 block */
    CHECK_EQ(ex_log[0].far, kaddr);
    CHECK_EQ(ex_log[1].esr, ESR_DABT_LOWER(ESR_WNR | FSC_PERMISSION(3)));
    CHECK_EQ(ex_log[1].far, U_RO);
    CHECK_EQ(ex_log[2].esr, ESR_DABT_LOWER(FSC_TRANSLATION(3)));
    CHECK_EQ(ex_log[2].far, U_NONE);
    CHECK_EQ(ex_log[3].esr, ESR_IABT_LOWER(FSC_PERMISSION(2)));
    CHECK_EQ(ex_log[3].far, kaddr);
    guest_puts("el0 under the mmu ok\n");

    /* ASID switch: the other tables map U_DATA to data_b. */
    SYSREG_WRITE(ttbr0_el1, (uint64_t)l1_b | TTBR_ASID(2));
    __asm__ volatile("isb\n\ttlbi aside1, %0\n\tdsb ish\n\tisb" :: "r"(TTBR_ASID(2)) : "memory");
    ex_count = 0;
    run_el0(kaddr);
    CHECK_EQ(data_b[0], 201);
    CHECK_EQ(data_a[0], 101);
    SYSREG_WRITE(ttbr0_el1, (uint64_t)l1_a | TTBR_ASID(1));
    __asm__ volatile("isb" ::: "memory");
    ex_count = 0;
    run_el0(kaddr);
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
    guest_expect_exception(GUEST_RESUME_NEXT);
    v = 0xbad;
    __asm__ volatile("ldtr %0, [%1]" : "+r"(v) : "r"(kaddr) : "memory");
    CHECK_EQ(v, 0xbad);
    guest_expect_exception(GUEST_RESUME_NEXT);
    __asm__ volatile("sttr %0, [%1]" :: "r"(1ull), "r"(U_RO) : "memory");
    CHECK_EQ(ro_page[0], 0x77);
    CHECK_EQ(ex_count, 2);
    show(0);
    show(1);
    CHECK_EQ(ex_log[0].esr, ESR_DABT(FSC_PERMISSION(2)));
    CHECK_EQ(ex_log[0].far, kaddr);
    CHECK_EQ(ex_log[1].esr, ESR_DABT(ESR_WNR | FSC_PERMISSION(3)));
    CHECK_EQ(ex_log[1].far, U_RO);
    /* The plain forms keep EL1's permissions on the same pages. */
    CHECK_EQ(*(volatile uint64_t *)kaddr, 0x5ec7e7);
    guest_puts("ldtr/sttr ok\n");

    mmu_off(SCTLR_M);
    return 0;
}
