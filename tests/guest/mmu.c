/*
 * Stage 1 translation at EL1 with 4 KiB pages and 39-bit virtual addresses
 * (TTBR0 from level 1 for the low half, TTBR1 for the high half): identity
 * map (device memory below 1 GiB, normal memory for RAM), an alias page,
 * faults with their status codes and levels (translation at levels 1 and
 * 3, access flag, permission on a read-only page, execute-never), AT
 * S1E1R/S1E1W into PAR_EL1, a remap made visible with TLBI VAE1, the high
 * half through TTBR1, and the MMU turned back off.
 */
#include "mmu.h"

#define PAGE 4096ull

/* T0SZ = T1SZ = 25 (39-bit VAs, walks start at level 1), inner shareable
 * write-back walks, TG0 = 4K, TG1 = 4K, IPS = 36 bits. */
#define TCR_VALUE (TCR_T0SZ(25) | TCR_WALK0_WB | TCR_TG0_4K | TCR_T1SZ(25) | TCR_WALK1_WB | \
                   TCR_TG1_4K | TCR_IPS_36)
#define SCTLR_MCI (SCTLR_M | SCTLR_C | SCTLR_I)

/* The test window: the last 2 MiB of the RAM gigabyte, mapped by pages. */
#define WINDOW  0x7fe00000ull
#define WIN(n)  (WINDOW + (n) * PAGE)
#define HIGH_BASE 0xffffff8000000000ull     /* TTBR1's lowest address */

static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l2_ram[512] __attribute__((aligned(4096)));
static uint64_t l3_window[512] __attribute__((aligned(4096)));
static uint64_t l1_high[512] __attribute__((aligned(4096)));

static uint8_t pages[6][PAGE] __attribute__((aligned(4096)));

static void tlb_flush_page(uint64_t va)
{
    __asm__ volatile("dsb ishst\n\ttlbi vae1, %0\n\tdsb ish\n\tisb" :: "r"(va >> 12) : "memory");
}

static void build_tables(void)
{
    mmu_map_devices_and_ram(l1, l2_ram, NORMAL, 511);
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
    mmu_on(TCR_VALUE, (uint64_t)l1, (uint64_t)l1_high, SCTLR_MCI);
    guest_puts("mmu on: running through the identity map\n");
    CHECK_EQ(*(volatile uint64_t *)pages[0], pattern);

    /* Alias: the same physical page at two virtual addresses. */
    CHECK_EQ(va_load(WIN(0)), pattern);
    va_store(WIN(0) + 8, 0xabcdef);
    CHECK_EQ(*(volatile uint64_t *)&pages[0][8], 0xabcdef);
    guest_puts("alias page ok\n");

    /* Faults, with the level they are found at. */
    pages[1][0] = 0x5a;
    CHECK_EQ(va_load(WIN(1)) & 0xff, 0x5a);             /* read-only: reads work */
    guest_expect_exception(GUEST_RESUME_NEXT);
    va_store(WIN(1), 1);
    mmu_check_fault("store to read-only page", ESR_DABT(ESR_WNR | FSC_PERMISSION(3)), WIN(1));
    CHECK_EQ(pages[1][0], 0x5a);
    guest_expect_exception(GUEST_RESUME_NEXT);
    va_load(WIN(2) + 0x10);
    mmu_check_fault("load, access flag clear", ESR_DABT(FSC_ACCESS(3)), WIN(2) + 0x10);
    guest_expect_exception(GUEST_RESUME_NEXT);
    va_store(WIN(3) + 0xff8, 0);
    mmu_check_fault("store, invalid level 3 entry",
                    ESR_DABT(ESR_WNR | FSC_TRANSLATION(3)), WIN(3) + 0xff8);
    guest_expect_exception(GUEST_RESUME_NEXT);
    va_load(0x80000040ull);
    mmu_check_fault("load, invalid level 1 entry", ESR_DABT(FSC_TRANSLATION(1)), 0x80000040ull);

    /* Execution: pages[5] holds "mov x0, #42; ret". */
    uint32_t *code = (uint32_t *)pages[5];
    code[0] = 0xd2800540u;                              /* mov x0, #42 */
    code[1] = 0xd65f03c0u;                              /* ret */
    __asm__ volatile("dc cvau, %0\n\tdsb ish\n\tic ivau, %0\n\tdsb ish\n\tisb"
                     :: "r"(code) : "memory");
    uint64_t (*fn)(void) = (uint64_t (*)(void))(uintptr_t)WIN(5);
    CHECK_EQ(fn(), 42);
    guest_expect_exception(GUEST_RESUME_LR);
    fn = (uint64_t (*)(void))(uintptr_t)WIN(4);
    fn();
    mmu_check_fault("execute from PXN page", ESR_IABT(FSC_PERMISSION(3)), WIN(4));
    CHECK_EQ(guest_caught.elr, WIN(4));
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
    CHECK_EQ((par >> 1) & 0x3f, FSC_TRANSLATION(1));
    par = at_s1e1w(WIN(1));
    guest_put_named_hex("par s1e1w read-only", par);
    CHECK_EQ(par & 1, 1);
    CHECK_EQ((par >> 1) & 0x3f, FSC_PERMISSION(3));
    par = at_s1e1r(WIN(1));
    CHECK_EQ(par & 1, 0);
    guest_puts("at ok\n");

    /* Remap the alias page; TLBI VAE1 makes the change visible. */
    *(volatile uint64_t *)pages[3] = ~pattern;
    l3_window[0] = (uint64_t)pages[3] | NORMAL | D_TABLE;
    tlb_flush_page(WIN(0));
    CHECK_EQ(va_load(WIN(0)), ~pattern);
    l3_window[0] = (uint64_t)pages[0] | NORMAL | D_TABLE;
    tlb_flush_all();
    CHECK_EQ(va_load(WIN(0)), pattern);
    guest_puts("remap with tlbi ok\n");

    /* High half: TTBR1 maps RAM at HIGH_BASE. */
    uint64_t high = HIGH_BASE + ((uint64_t)pages[0] - 0x40000000ull);
    CHECK_EQ(va_load(high), pattern);
    va_store(high + 16, 0x600d);
    CHECK_EQ(*(volatile uint64_t *)&pages[0][16], 0x600d);
    guest_puts("ttbr1 high half ok\n");

    mmu_off(SCTLR_MCI);
    CHECK_EQ(*(volatile uint64_t *)&pages[0][16], 0x600d);
    guest_puts("mmu off again\n");
    return 0;
}
