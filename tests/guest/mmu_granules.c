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
#include "guest.h"

#define D_TABLE   3ull
#define D_BLOCK   1ull
#define D_ATTR(i) ((uint64_t)(i) << 2)
#define D_AP_RO   (2ull << 6)
#define D_SH_IN   (3ull << 8)
#define D_AF      (1ull << 10)
#define D_PXN     (1ull << 53)
#define D_UXN     (1ull << 54)

#define NORMAL (D_ATTR(1) | D_SH_IN | D_AF)
#define DEVICE (D_ATTR(0) | D_AF | D_PXN | D_UXN)
#define MAIR_VALUE 0xff00ull

#define TCR_COMMON ((1ull << 8) | (1ull << 10) | (3ull << 12) | (1ull << 23) | (1ull << 32))
#define TG0_64K (1ull << 14)
#define TG0_4K  (0ull << 14)
#define TG0_16K (2ull << 14)

#define SCTLR_M (1ull << 0)

#define ESR_IL  (1ull << 25)
#define ESR_WNR (1ull << 6)
#define ESR_DABT(iss) ((0x25ull << 26) | ESR_IL | (iss))

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

static volatile struct {
    int expecting;
    unsigned count;
    uint64_t esr, far;
} ex;

void guest_exception(int kind)
{
    if (!ex.expecting || kind != VEC_CUR_SPX) {
        guest_puts("unexpected exception: vector ");
        guest_put_dec((uint64_t)kind);
        guest_puts(" esr ");
        guest_put_hex(read_esr());
        guest_puts(" far ");
        guest_put_hex(read_far());
        guest_putc('\n');
        guest_exit(1);
    }
    ex.expecting = 0;
    ex.count++;
    ex.esr = read_esr();
    ex.far = read_far();
    write_elr(read_elr() + 4);
}

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

static void mmu_on(uint64_t tcr, uint64_t *root)
{
    SYSREG_WRITE(mair_el1, MAIR_VALUE);
    SYSREG_WRITE(tcr_el1, tcr);
    SYSREG_WRITE(ttbr0_el1, (uint64_t)root);
    __asm__ volatile("dsb ish\n\tisb\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
    SYSREG_WRITE(sctlr_el1, SYSREG_READ(sctlr_el1) | SCTLR_M);
    __asm__ volatile("isb" ::: "memory");
}

static void mmu_off(void)
{
    SYSREG_WRITE(sctlr_el1, SYSREG_READ(sctlr_el1) & ~SCTLR_M);
    __asm__ volatile("isb\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
}

/*
 * The window at 'win' holds page 0 = alias of pages[0], page 1 = read-only
 * alias of pages[1], page 2 = invalid. 'unmapped' has no level 2 entry.
 */
static void check_window(uint64_t win, uint64_t page, uint64_t unmapped, unsigned level)
{
    *(volatile uint64_t *)pages[0] = 0x1111;
    *(volatile uint64_t *)pages[1] = 0x2222;
    CHECK_EQ(load(win), 0x1111);
    store(win + 8, 0x3333);
    CHECK_EQ(*(volatile uint64_t *)&pages[0][8], 0x3333);
    CHECK_EQ(load(win + page), 0x2222);
    /* The last bytes of the page: the offset goes through unchanged. */
    store(win + page - 8, 0x4444);
    CHECK_EQ(*(volatile uint64_t *)&pages[0][page - 8], 0x4444);

    ex.count = 0;
    ex.expecting = 1;
    store(win + page + 0x10, 1);
    expect_fault("store to read-only page", ESR_DABT(ESR_WNR | 0x0f), win + page + 0x10);
    CHECK_EQ(*(volatile uint64_t *)pages[1], 0x2222);
    ex.count = 0;
    ex.expecting = 1;
    load(win + 2 * page + 0x18);
    expect_fault("load from invalid page", ESR_DABT(0x07), win + 2 * page + 0x18);
    ex.count = 0;
    ex.expecting = 1;
    load(unmapped);
    expect_fault("load from unmapped block", ESR_DABT(0x04 + level), unmapped);
}

static void granule_64k(void)
{
    const uint64_t block = 512ull << 20, page = 65536;
    l2_64k[0] = 0x00000000ull | DEVICE | D_BLOCK;       /* devices: 0-512 MiB */
    l2_64k[2] = 0x40000000ull | NORMAL | D_BLOCK;       /* RAM */
    l2_64k[3] = (uint64_t)l3_64k | D_TABLE;             /* window */
    l3_64k[0] = (uint64_t)pages[0] | NORMAL | D_TABLE;
    l3_64k[1] = (uint64_t)pages[1] | NORMAL | D_AP_RO | D_TABLE;
    mmu_on(22 | TCR_COMMON | TG0_64K, l2_64k);
    guest_puts("64k granule: mmu on\n");
    check_window(3 * block, page, 8 * block, 2);
    mmu_off();
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
    mmu_on(16 | TCR_COMMON | tg0, l0_4k);
    guest_puts(name);
    guest_puts(": mmu on\n");
    check_window(2 * gib, page, 3 * gib, 1);
    mmu_off();
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
    mmu_on(17 | TCR_COMMON | TG0_16K, l1_16k);
    guest_puts("16k granule: mmu on\n");
    check_window(2ull << 30, page, 3ull << 30, 2);
    /* Nothing at level 1 beyond the first 64 GiB. */
    ex.count = 0;
    ex.expecting = 1;
    load(64ull << 30);
    expect_fault("load from unmapped level 1 entry", ESR_DABT(0x05), 64ull << 30);
    mmu_off();
    guest_puts("16k granule ok\n");
}

int main(void)
{
    granule_64k();
    granule_4k(TG0_4K, "4k granule, 48 bits");
    granule_16k();
    return 0;
}
