/*
 * Stage 1 translation with the 64 KiB granule (42-bit VAs, walks from level
 * 2), the 4 KiB granule with 48-bit VAs (walks from level 0, as Linux), and
 * the 16 KiB granule with 47-bit VAs (walks from level 1, 32 MiB blocks at
 * level 2). A Cortex-A57 has no 16 KiB granule; phalanx implements and
 * advertises it, so this test runs on QEMU with -cpu max. TTBR0 only, EPD1
 * set: an identity map of the UART and RAM by blocks, a window of pages (an
 * alias, a read-only alias, an invalid entry) through a level 3 table,
 * translation faults on unmapped addresses, and a permission fault on the
 * read-only page, each with its ESR and FAR.
 */
#include "mmu.h"

#define TCR_COMMON (TCR_WALK0_WB | TCR_EPD1 | TCR_IPS_36)

/* 64K: T0SZ = 22 (42 bits), the walk starts at level 2 (512 MiB per entry). */
static uint64_t l2_64k[8192] __attribute__((aligned(65536)));
static uint64_t l3_64k[8192] __attribute__((aligned(65536)));
/* 4K: T0SZ = 16 (48 bits), the walk starts at level 0. */
static uint64_t l0_4k[512] __attribute__((aligned(4096)));
static uint64_t l1_4k[512] __attribute__((aligned(4096)));
static uint64_t l2_4k[512] __attribute__((aligned(4096)));
static uint64_t l3_4k[512] __attribute__((aligned(4096)));

/* 16K: T0SZ = 17 (47 bits), the walk starts at level 1 (2048 entries each). */
static uint64_t l1_16k[2048] __attribute__((aligned(16384)));
static uint64_t l2_16k[2048] __attribute__((aligned(16384)));
static uint64_t l3_16k[2048] __attribute__((aligned(16384)));

static uint8_t pages[2][65536] __attribute__((aligned(65536)));

/*
 * The window at 'win' holds page 0 = alias of pages[0], page 1 = read-only
 * alias of pages[1], page 2 = invalid. 'unmapped' has no level 2 entry.
 */
static void check_window(uint64_t win, uint64_t page, uint64_t unmapped, unsigned level)
{
    *(volatile uint64_t *)pages[0] = 0x1111;
    *(volatile uint64_t *)pages[1] = 0x2222;
    CHECK_EQ(va_load(win), 0x1111);
    va_store(win + 8, 0x3333);
    CHECK_EQ(*(volatile uint64_t *)&pages[0][8], 0x3333);
    CHECK_EQ(va_load(win + page), 0x2222);
    /* The last bytes of the page: the offset goes through unchanged. */
    va_store(win + page - 8, 0x4444);
    CHECK_EQ(*(volatile uint64_t *)&pages[0][page - 8], 0x4444);

    guest_expect_exception(GUEST_RESUME_NEXT);
    va_store(win + page + 0x10, 1);
    mmu_check_fault("store to read-only page", ESR_DABT(ESR_WNR | FSC_PERMISSION(3)),
                    win + page + 0x10);
    CHECK_EQ(*(volatile uint64_t *)pages[1], 0x2222);
    guest_expect_exception(GUEST_RESUME_NEXT);
    va_load(win + 2 * page + 0x18);
    mmu_check_fault("load from invalid page", ESR_DABT(FSC_TRANSLATION(3)),
                    win + 2 * page + 0x18);
    guest_expect_exception(GUEST_RESUME_NEXT);
    va_load(unmapped);
    mmu_check_fault("load from unmapped block", ESR_DABT(FSC_TRANSLATION(level)), unmapped);
}

static void granule_64k(void)
{
    const uint64_t block = 512ull << 20, page = 65536;
    l2_64k[0] = 0x00000000ull | DEVICE | D_BLOCK;       /* devices: 0-512 MiB */
    l2_64k[2] = 0x40000000ull | NORMAL | D_BLOCK;       /* RAM */
    l2_64k[3] = (uint64_t)l3_64k | D_TABLE;             /* window */
    l3_64k[0] = (uint64_t)pages[0] | NORMAL | D_TABLE;
    l3_64k[1] = (uint64_t)pages[1] | NORMAL | D_AP_RO | D_TABLE;
    mmu_on(TCR_T0SZ(22) | TCR_COMMON | TCR_TG0_64K, (uint64_t)l2_64k, 0, SCTLR_M);
    guest_puts("64k granule: mmu on\n");
    check_window(3 * block, page, 8 * block, 2);
    mmu_off(SCTLR_M);
    guest_puts("64k granule ok\n");
}

static void granule_4k(uint64_t tg0, const char *name)
{
    const uint64_t gib = 1ull << 30, page = 4096;
    l0_4k[0] = (uint64_t)l1_4k | D_TABLE;
    l1_4k[0] = 0x00000000ull | DEVICE | D_BLOCK;        /* devices: 0-1 GiB */
    l1_4k[1] = 0x40000000ull | NORMAL | D_BLOCK;        /* RAM */
    l1_4k[2] = (uint64_t)l2_4k | D_TABLE;               /* window at 2 GiB */
    l2_4k[0] = (uint64_t)l3_4k | D_TABLE;
    l3_4k[0] = (uint64_t)pages[0] | NORMAL | D_TABLE;
    l3_4k[1] = (uint64_t)pages[1] | NORMAL | D_AP_RO | D_TABLE;
    mmu_on(TCR_T0SZ(16) | TCR_COMMON | tg0, (uint64_t)l0_4k, 0, SCTLR_M);
    guest_puts(name);
    guest_puts(": mmu on\n");
    check_window(2 * gib, page, 3 * gib, 1);
    mmu_off(SCTLR_M);
    guest_puts(name);
    guest_puts(" ok\n");
}

static void granule_16k(void)
{
    const uint64_t block = 32ull << 20, page = 16384;
    /* ID_AA64MMFR0_EL1.TGran16 (bits 23:20) != 0: the 16 KiB granule exists
     * (phalanx 1; QEMU's max 2, with 52-bit addresses too). */
    CHECK(((SYSREG_READ(id_aa64mmfr0_el1) >> 20) & 0xf) != 0);
    l1_16k[0] = (uint64_t)l2_16k | D_TABLE;             /* VA 0-64 GiB */
    l2_16k[4] = 0x08000000ull | DEVICE | D_BLOCK;       /* GIC, UART: 128-160 MiB */
    for (unsigned i = 0; i < 4; i++) {                  /* RAM: 128 MiB from 1 GiB */
        l2_16k[32 + i] = (0x40000000ull + i * block) | NORMAL | D_BLOCK;
    }
    l2_16k[64] = (uint64_t)l3_16k | D_TABLE;            /* window at 2 GiB */
    l3_16k[0] = (uint64_t)pages[0] | NORMAL | D_TABLE;
    l3_16k[1] = (uint64_t)pages[1] | NORMAL | D_AP_RO | D_TABLE;
    mmu_on(TCR_T0SZ(17) | TCR_COMMON | TCR_TG0_16K, (uint64_t)l1_16k, 0, SCTLR_M);
    guest_puts("16k granule: mmu on\n");
    check_window(2ull << 30, page, 3ull << 30, 2);
    /* Nothing at level 1 beyond the first 64 GiB. */
    guest_expect_exception(GUEST_RESUME_NEXT);
    va_load(64ull << 30);
    mmu_check_fault("load from unmapped level 1 entry", ESR_DABT(FSC_TRANSLATION(1)), 64ull << 30);
    mmu_off(SCTLR_M);
    guest_puts("16k granule ok\n");
}

int main(void)
{
    granule_64k();
    granule_4k(TCR_TG0_4K, "4k granule, 48 bits");
    granule_16k();
    return 0;
}
