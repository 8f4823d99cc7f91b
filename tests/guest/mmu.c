/*
 * Stage 1 translation at EL1 with 4 KiB pages and 39-bit virtual addresses
 * (TTBR0 from level 1 for the low half, TTBR1 for the high half): identity
 * map (device memory below 1 GiB, normal memory for RAM), an alias page,
 * faults with their status codes and levels (translation at levels 1 and
 * 3, access flag, permission on a read-only page, execute-never), AT
 * S1E1R/S1E1W into PAR_EL1, a remap made visible with TLBI VAE1, the high
 * half through TTBR1, and the MMU turned back off.
 */
#include "guest.h"

#define PAGE 4096ull

/* Descriptor bits (stage 1, 4 KiB granule). */
#define D_VALID     1ull
#define D_TABLE     3ull            /* table (levels 1-2) or page (level 3) */
#define D_BLOCK     1ull
#define D_ATTR(i)   ((uint64_t)(i) << 2)
#define D_AP_RO     (2ull << 6)     /* AP[2]: read-only, EL1 only */
#define D_SH_INNER  (3ull << 8)
#define D_AF        (1ull << 10)
#define D_PXN       (1ull << 53)
#define D_UXN       (1ull << 54)

#define ATTR_DEVICE 0               /* MAIR attr0: Device-nGnRnE */
#define ATTR_NORMAL 1               /* MAIR attr1: Normal, write-back */
#define MAIR_VALUE  0x000000000000ff00ull

#define NORMAL  (D_ATTR(ATTR_NORMAL) | D_SH_INNER | D_AF)
#define DEVICE  (D_ATTR(ATTR_DEVICE) | D_AF | D_PXN | D_UXN)

/* T0SZ = T1SZ = 25 (39-bit VAs, walks start at level 1), inner shareable
 * write-back walks, TG0 = 4K, TG1 = 4K, IPS = 36 bits. */
#define TCR_VALUE   ((25ull << 0) | (1ull << 8) | (1ull << 10) | (3ull << 12) |    \
                     (25ull << 16) | (1ull << 24) | (1ull << 26) | (3ull << 28) |  \
                     (2ull << 30) | (1ull << 32))

#define SCTLR_M (1ull << 0)
#define SCTLR_C (1ull << 2)
#define SCTLR_I (1ull << 12)

/* The test window: the last 2 MiB of the RAM gigabyte, mapped by pages. */
#define WINDOW  0x7fe00000ull
#define WIN(n)  (WINDOW + (n) * PAGE)
#define HIGH_BASE 0xffffff8000000000ull     /* TTBR1's lowest address */

static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l2_ram[512] __attribute__((aligned(4096)));
static uint64_t l3_window[512] __attribute__((aligned(4096)));
static uint64_t l1_high[512] __attribute__((aligned(4096)));

static uint8_t pages[6][PAGE] __attribute__((aligned(4096)));

static volatile struct {
    int expecting;
    int resume_at_lr;
    unsigned count;
    uint64_t esr, elr, far;
} ex;

void guest_exception(int kind)
{
    if (!ex.expecting || kind != VEC_CUR_SPX) {
        guest_puts("unexpected exception: vector ");
        guest_put_dec((uint64_t)kind);
        guest_puts(" esr ");
        guest_put_hex(read_esr());
        guest_puts(" elr ");
        guest_put_hex(read_elr());
        guest_puts(" far ");
        guest_put_hex(read_far());
        guest_putc('\n');
        guest_exit(1);
    }
    ex.expecting = 0;
    ex.count++;
    ex.esr = read_esr();
    ex.elr = read_elr();
    ex.far = read_far();
    write_elr(ex.resume_at_lr ? guest_exception_frame->x30 : ex.elr + 4);
}

static void arm_fault(int resume_at_lr)
{
    ex.count = 0;
    ex.resume_at_lr = resume_at_lr;
    ex.expecting = 1;
}

static void tlb_flush_all(void)
{
    __asm__ volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
}

static void tlb_flush_page(uint64_t va)
{
    __asm__ volatile("dsb ishst\n\ttlbi vae1, %0\n\tdsb ish\n\tisb" :: "r"(va >> 12) : "memory");
}

static void build_tables(void)
{
    l1[0] = 0x00000000ull | DEVICE | D_BLOCK;            /* devices: 0-1 GiB */
    l1[1] = (uint64_t)l2_ram | D_TABLE;                  /* RAM: 1-2 GiB */
    for (unsigned i = 0; i < 511; i++) {
        l2_ram[i] = (0x40000000ull + i * 0x200000ull) | NORMAL | D_BLOCK;
    }
    l2_ram[511] = (uint64_t)l3_window | D_TABLE;
    /* Window pages: 0 alias of pages[0], 1 read-only, 2 without the access
     * flag, 3 invalid, 4 execute-never, 5 executable alias of pages[5]. */
    l3_window[0] = (uint64_t)pages[0] | NORMAL | D_TABLE;
    l3_window[1] = (uint64_t)pages[1] | NORMAL | D_AP_RO | D_TABLE;
    l3_window[2] = ((uint64_t)pages[2] | NORMAL | D_TABLE) & ~D_AF;
    l3_window[3] = 0;
    l3_window[4] = (uint64_t)pages[5] | NORMAL | D_PXN | D_TABLE;
    l3_window[5] = (uint64_t)pages[5] | NORMAL | D_TABLE;
    l1_high[0] = 0x40000000ull | NORMAL | D_BLOCK;      /* high half -> RAM */
    __asm__ volatile("dsb ish" ::: "memory");
}

static void mmu_on(void)
{
    SYSREG_WRITE(mair_el1, MAIR_VALUE);
    SYSREG_WRITE(tcr_el1, TCR_VALUE);
    SYSREG_WRITE(ttbr0_el1, (uint64_t)l1);
    SYSREG_WRITE(ttbr1_el1, (uint64_t)l1_high);
    __asm__ volatile("isb");
    tlb_flush_all();
    SYSREG_WRITE(sctlr_el1, SYSREG_READ(sctlr_el1) | SCTLR_M | SCTLR_C | SCTLR_I);
    __asm__ volatile("isb");
}

static void mmu_off(void)
{
    SYSREG_WRITE(sctlr_el1, SYSREG_READ(sctlr_el1) & ~(SCTLR_M | SCTLR_C | SCTLR_I));
    __asm__ volatile("isb");
    tlb_flush_all();
}

#define DFSC_TRANSLATION(level) (0x04 + (level))
#define DFSC_ACCESS(level) (0x08 + (level))
#define DFSC_PERMISSION(level) (0x0c + (level))
#define ESR_IL (1ull << 25)
#define ESR_WNR (1ull << 6)
#define ESR_DABT(iss) ((0x25ull << 26) | ESR_IL | (iss))
#define ESR_IABT(iss) ((0x21ull << 26) | ESR_IL | (iss))

static uint64_t load(uint64_t va)
{
    uint64_t v = 0xbad;
    __asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(va) : "memory");
    return v;
}

static void store(uint64_t va, uint64_t v)
{
    __asm__ volatile("str %0, [%1]" :: "r"(v), "r"(va) : "memory");
}

static void expect_fault(const char *what, uint64_t esr, uint64_t far)
{
    guest_puts(what);
    guest_puts(": esr 0x");
    guest_put_hex(ex.esr);
    guest_putc('\n');
    CHECK_EQ(ex.count, 1);
    CHECK_EQ(ex.esr, esr);
    CHECK_EQ(ex.far, far);
}

static uint64_t at_s1e1r(uint64_t va)
{
    __asm__ volatile("at s1e1r, %0\n\tisb" :: "r"(va) : "memory");
    return SYSREG_READ(par_el1);
}

static uint64_t at_s1e1w(uint64_t va)
{
    __asm__ volatile("at s1e1w, %0\n\tisb" :: "r"(va) : "memory");
    return SYSREG_READ(par_el1);
}

int main(void)
{
    build_tables();
    static const uint64_t pattern = 0x1122334455667788ull;
    *(volatile uint64_t *)pages[0] = pattern;
    mmu_on();
    guest_puts("mmu on: running through the identity map\n");
    CHECK_EQ(*(volatile uint64_t *)pages[0], pattern);

    /* Alias: the same physical page at two virtual addresses. */
    CHECK_EQ(load(WIN(0)), pattern);
    store(WIN(0) + 8, 0xabcdef);
    CHECK_EQ(*(volatile uint64_t *)&pages[0][8], 0xabcdef);
    guest_puts("alias page ok\n");

    /* Faults, with the level they are found at. */
    pages[1][0] = 0x5a;
    CHECK_EQ(load(WIN(1)) & 0xff, 0x5a);             /* read-only: reads work */
    arm_fault(0);
    store(WIN(1), 1);
    expect_fault("store to read-only page", ESR_DABT(ESR_WNR | DFSC_PERMISSION(3)), WIN(1));
    CHECK_EQ(pages[1][0], 0x5a);
    arm_fault(0);
    load(WIN(2) + 0x10);
    expect_fault("load, access flag clear", ESR_DABT(DFSC_ACCESS(3)), WIN(2) + 0x10);
    arm_fault(0);
    store(WIN(3) + 0xff8, 0);
    expect_fault("store, invalid level 3 entry",
                 ESR_DABT(ESR_WNR | DFSC_TRANSLATION(3)), WIN(3) + 0xff8);
    arm_fault(0);
    load(0x80000040ull);
    expect_fault("load, invalid level 1 entry", ESR_DABT(DFSC_TRANSLATION(1)), 0x80000040ull);

    /* Execution: pages[5] holds "mov x0, #42; ret". */
    uint32_t *code = (uint32_t *)pages[5];
    code[0] = 0xd2800540u;                              /* mov x0, #42 */
    code[1] = 0xd65f03c0u;                              /* ret */
    __asm__ volatile("dc cvau, %0\n\tdsb ish\n\tic ivau, %0\n\tdsb ish\n\tisb"
                     :: "r"(code) : "memory");
    uint64_t (*fn)(void) = (uint64_t (*)(void))(uintptr_t)WIN(5);
    CHECK_EQ(fn(), 42);
    arm_fault(1);
    fn = (uint64_t (*)(void))(uintptr_t)WIN(4);
    fn();
    expect_fault("execute from PXN page", ESR_IABT(DFSC_PERMISSION(3)), WIN(4));
    CHECK_EQ(ex.elr, WIN(4));
    guest_puts("faults ok\n");

    /* Address translation instructions. */
    uint64_t par = at_s1e1r(WIN(0) + 0x123);
    guest_put_named_hex("par s1e1r alias", par);
    CHECK_EQ(par & 1, 0);                                /* F = 0: translated */
    CHECK_EQ(par & 0xfffffffff000ull, (uint64_t)pages[0]);
    CHECK_EQ(par >> 56, 0xff);                           /* memory attributes */
    par = at_s1e1r(0x80000000ull);
    guest_put_named_hex("par s1e1r unmapped", par);
    CHECK_EQ(par & 1, 1);
    CHECK_EQ((par >> 1) & 0x3f, DFSC_TRANSLATION(1));
    par = at_s1e1w(WIN(1));
    guest_put_named_hex("par s1e1w read-only", par);
    CHECK_EQ(par & 1, 1);
    CHECK_EQ((par >> 1) & 0x3f, DFSC_PERMISSION(3));
    par = at_s1e1r(WIN(1));
    CHECK_EQ(par & 1, 0);
    guest_puts("at ok\n");

    /* Remap the alias page; TLBI VAE1 makes the change visible. */
    *(volatile uint64_t *)pages[3] = ~pattern;
    l3_window[0] = (uint64_t)pages[3] | NORMAL | D_TABLE;
    tlb_flush_page(WIN(0));
    CHECK_EQ(load(WIN(0)), ~pattern);
    l3_window[0] = (uint64_t)pages[0] | NORMAL | D_TABLE;
    tlb_flush_all();
    CHECK_EQ(load(WIN(0)), pattern);
    guest_puts("remap with tlbi ok\n");

    /* High half: TTBR1 maps RAM at HIGH_BASE. */
    uint64_t high = HIGH_BASE + ((uint64_t)pages[0] - 0x40000000ull);
    CHECK_EQ(load(high), pattern);
    store(high + 16, 0x600d);
    CHECK_EQ(*(volatile uint64_t *)&pages[0][16], 0x600d);
    guest_puts("ttbr1 high half ok\n");

    mmu_off();
    CHECK_EQ(*(volatile uint64_t *)&pages[0][16], 0x600d);
    guest_puts("mmu off again\n");
    return 0;
}
