/*
 * Unit tests of arm/mmu.c: stage 1 walks over page tables built by hand in a
 * RAM buffer, for each granule and start level, blocks and pages, the TTBR0 /
 * TTBR1 split, every fault with its level, the permission rules (AP, UXN,
 * PXN, APTable, XNTable, WXN, PAN) and the PAR_EL1 values of AT. Then PAN
 * on a running vCPU (test_machine.h): the fault, its soft TLB, what it leaves
 * alone (LDTR/STTR, fetches, AT S1E1R) and PSTATE.PAN across exceptions.
 * Last, TLBI by VA: what it drops (the page, a whole block, the jump cache's
 * blocks there) and what it keeps.
 */
#include <glib.h>
#include <string.h>

#include "arm/exception.h"
#include "arm/mmu.h"
#include "tcg/cache_maint.h"
#include "tcg/tb_cache.h"
#include "test_machine.h"

#define WALK_RAM_SIZE (4u << 20)

#define D_VALID   1ull
#define D_TABLE   3ull
#define D_BLOCK   1ull
#define D_PAGE    3ull
#define D_AP_EL0  (1ull << 6)
#define D_AP_RO   (2ull << 6)
#define D_AF      (1ull << 10)
#define D_PXN     (1ull << 53)
#define D_UXN     (1ull << 54)
#define T_PXN     (1ull << 59)
#define T_UXN     (1ull << 60)
#define T_NO_EL0  (1ull << 61)
#define T_RO      (1ull << 62)

#define TG0_4K  (0ull << 14)
#define TG0_64K (1ull << 14)
#define TG0_16K (2ull << 14)
#define TG1_16K (1ull << 30)
#define TG1_4K  (2ull << 30)
#define TG1_64K (3ull << 30)
#define IPS_44  (4ull << 32)
#define IPS_32  (0ull << 32)
#define EPD0    (1ull << 7)
#define EPD1    (1ull << 23)
#define TBI0    (1ull << 37)

static uint8_t ram[WALK_RAM_SIZE];
static uint64_t next_free;

static bool read_desc(void *ctx, uint64_t pa, uint64_t *desc)
{
    (void)ctx;
    if (pa < RAM_BASE || pa + 8 > RAM_BASE + WALK_RAM_SIZE) {
        return false;
    }
    memcpy(desc, &ram[pa - RAM_BASE], 8);
    return true;
}

static void reset_ram(void)
{
    memset(ram, 0, sizeof(ram));
    next_free = RAM_BASE;
}

static uint64_t alloc_table(unsigned gbits)
{
    uint64_t size = 1ull << gbits;
    next_free = (next_free + size - 1) & ~(size - 1);
    uint64_t pa = next_free;
    next_free += size;
    g_assert_cmpuint(next_free, <=, RAM_BASE + WALK_RAM_SIZE);
    return pa;
}

static uint64_t get_desc(uint64_t pa)
{
    uint64_t d = 0;
    g_assert_true(read_desc(NULL, pa, &d));
    return d;
}

static void set_desc(uint64_t pa, uint64_t d)
{
    memcpy(&ram[pa - RAM_BASE], &d, 8);
}

struct walk_cfg {
    unsigned gbits;     /* 12, 14 or 16 */
    unsigned inputsize; /* 64 - TxSZ */
    uint64_t root;      /* table base */
};

static unsigned start_level(const struct walk_cfg *c)
{
    unsigned stride = c->gbits - 3;
    return 4 - (c->inputsize - c->gbits + stride - 1) / stride;
}

/*
 * Maps va with a leaf at 'leaf_level' holding 'leaf' (output address and
 * attributes), creating tables on the way; 'table_bits' go into every table
 * descriptor created. Returns the leaf descriptor's address.
 */
static uint64_t map(const struct walk_cfg *c, uint64_t va, unsigned leaf_level, uint64_t leaf,
                    uint64_t table_bits)
{
    unsigned stride = c->gbits - 3;
    uint64_t table = c->root;
    for (unsigned level = start_level(c);; level++) {
        unsigned shift = c->gbits + stride * (3 - level);
        unsigned bits = level == start_level(c) ? c->inputsize - shift : stride;
        uint64_t slot = table + 8 * ((va >> shift) & ((1ull << bits) - 1));
        if (level == leaf_level) {
            set_desc(slot, leaf);
            return slot;
        }
        uint64_t d = get_desc(slot);
        if (!(d & D_VALID)) {
            d = alloc_table(c->gbits) | D_TABLE | table_bits;
            set_desc(slot, d);
        }
        table = d & 0x0000fffffffff000ull & ~((1ull << c->gbits) - 1);
    }
}

static struct mmu_regs regs_for(uint64_t tcr, uint64_t ttbr0, uint64_t ttbr1)
{
    return (struct mmu_regs){ .sctlr = MMU_SCTLR_M, .tcr = tcr, .ttbr0 = ttbr0, .ttbr1 = ttbr1 };
}

static void expect_ok(const struct mmu_regs *r, uint64_t va, bool unpriv, uint64_t pa,
                      unsigned level, unsigned perms)
{
    struct mmu_result res;
    bool ok = mmu_walk(r, read_desc, NULL, va, unpriv, &res);
    if (!ok) {
        g_test_message("va 0x%" G_GINT64_MODIFIER "x: fault 0x%x", va, res.fsc);
    }
    g_assert_true(ok);
    g_assert_cmphex(res.pa, ==, pa);
    g_assert_cmpuint(res.level, ==, level);
    g_assert_cmphex(res.perms, ==, perms);
}

static void expect_fault(const struct mmu_regs *r, uint64_t va, bool unpriv,
                         enum mmu_access access, unsigned fsc)
{
    struct mmu_result res;
    g_assert_false(mmu_translate(r, read_desc, NULL, va, unpriv, access, &res));
    g_assert_cmphex(res.fsc, ==, fsc);
}

#define RW  (MMU_PERM_R | MMU_PERM_W)
#define RWX (MMU_PERM_R | MMU_PERM_W | MMU_PERM_X)
#define RX  (MMU_PERM_R | MMU_PERM_X)

static void test_mmu_off(void)
{
    struct mmu_regs r = { 0 };
    expect_ok(&r, 0x40001234, false, 0x40001234, 3, RWX);
    expect_ok(&r, 0x09000000, true, 0x09000000, 3, RWX);
    expect_fault(&r, 1ull << 44, false, MMU_READ, MMU_FSC_ADDR_SIZE);
}

static void test_4k_48bit(void)
{
    reset_ram();
    struct walk_cfg c = { 12, 48, alloc_table(12) };
    struct mmu_regs r = regs_for(16 | TG0_4K | IPS_44, c.root, 0);
    g_assert_cmpuint(start_level(&c), ==, 0);
    uint64_t va = 0x0000123456789000ull;
    map(&c, va, 3, 0x40300000ull | D_PAGE | D_AF, 0);
    expect_ok(&r, va + 0xabc, false, 0x40300abc, 3, RWX);
    expect_ok(&r, va + 0xabc, true, 0x40300abc, 3, MMU_PERM_X);  /* no EL0 data access */
    expect_fault(&r, va, true, MMU_READ, MMU_FSC_PERMISSION + 3);
    /* Neighbouring page: its level 3 entry is empty. */
    expect_fault(&r, va + 0x1000, false, MMU_READ, MMU_FSC_TRANSLATION + 3);
    /* Another level 0 entry: nothing below. */
    expect_fault(&r, 0x0000800000000000ull - 0x1000, false, MMU_READ,
                 MMU_FSC_TRANSLATION + 0);
    /* Blocks: 1 GiB at level 1, 2 MiB at level 2; none at level 0. */
    map(&c, 0x0000004000000000ull, 1, 0x40000000ull | D_BLOCK | D_AF, 0);
    expect_ok(&r, 0x0000004012345678ull, false, 0x52345678ull, 1, RWX);
    map(&c, 0x0000005000200000ull, 2, 0x40200000ull | D_BLOCK | D_AF, 0);
    expect_ok(&r, 0x00000050002fff00ull, false, 0x402fff00ull, 2, RWX);
    map(&c, 0x0000600000000000ull, 0, 0x40000000ull | D_BLOCK | D_AF, 0);
    expect_fault(&r, 0x0000600000000000ull, false, MMU_READ, MMU_FSC_TRANSLATION + 0);
    /* A level 3 entry with bits 1:0 = 01 is invalid (reserved). */
    uint64_t slot = map(&c, va + 0x2000, 3, 0x40300000ull | D_BLOCK | D_AF, 0);
    expect_fault(&r, va + 0x2000, false, MMU_READ, MMU_FSC_TRANSLATION + 3);
    set_desc(slot, 0);
}

static void test_4k_39bit_split(void)
{
    reset_ram();
    struct walk_cfg lo = { 12, 39, alloc_table(12) };
    struct walk_cfg hi = { 12, 39, alloc_table(12) };
    uint64_t tcr = 25 | TG0_4K | (25ull << 16) | TG1_4K | IPS_44;
    struct mmu_regs r = regs_for(tcr, lo.root, hi.root);
    g_assert_cmpuint(start_level(&lo), ==, 1);
    map(&lo, 0x40000000ull, 1, 0x40000000ull | D_BLOCK | D_AF, 0);
    map(&hi, 0xffffff8000000000ull, 1, 0x40000000ull | D_BLOCK | D_AF | D_AP_RO, 0);
    expect_ok(&r, 0x40000010ull, false, 0x40000010ull, 1, RWX);
    expect_ok(&r, 0xffffff8000000010ull, false, 0x40000010ull, 1, RX);
    /* Outside both ranges: translation fault at level 0. */
    expect_fault(&r, 0x0000008000000000ull, false, MMU_READ, MMU_FSC_TRANSLATION + 0);
    expect_fault(&r, 0xffff000000000000ull, false, MMU_READ, MMU_FSC_TRANSLATION + 0);
    expect_fault(&r, 0x0100000040000000ull, false, MMU_READ, MMU_FSC_TRANSLATION + 0);
    /* TBI0 ignores the top byte of TTBR0 addresses. */
    r.tcr |= TBI0;
    expect_ok(&r, 0x5a00000040000010ull, false, 0x40000010ull, 1, RWX);
    /* EPD0 / EPD1 disable a half. */
    r.tcr = tcr | EPD0;
    expect_fault(&r, 0x40000000ull, false, MMU_READ, MMU_FSC_TRANSLATION + 0);
    expect_ok(&r, 0xffffff8000000010ull, false, 0x40000010ull, 1, RX);
    r.tcr = tcr | EPD1;
    expect_fault(&r, 0xffffff8000000010ull, false, MMU_READ, MMU_FSC_TRANSLATION + 0);
}

static void test_16k(void)
{
    reset_ram();
    struct walk_cfg c = { 14, 48, alloc_table(14) };
    struct mmu_regs r = regs_for(16 | TG0_16K | IPS_44, c.root, 0);
    g_assert_cmpuint(start_level(&c), ==, 0);
    uint64_t va = 0x0000876543210000ull & ~0x3fffull;
    map(&c, va, 3, 0x40004000ull | D_PAGE | D_AF, 0);
    expect_ok(&r, va + 0x3ffc, false, 0x40007ffcull, 3, RWX);
    /* 32 MiB block at level 2; blocks at level 1 need 52-bit addresses. */
    map(&c, 0x0000100002000000ull, 2, 0x42000000ull | D_BLOCK | D_AF, 0);
    expect_ok(&r, 0x0000100003000004ull, false, 0x43000004ull, 2, RWX);
    map(&c, 0x0000200000000000ull, 1, 0x40000000ull | D_BLOCK | D_AF, 0);
    expect_fault(&r, 0x0000200000000000ull, false, MMU_READ, MMU_FSC_TRANSLATION + 1);
    /* TTBR1 with the 16K granule (TG1 = 0b01), 47-bit range. */
    struct walk_cfg hi = { 14, 47, alloc_table(14) };
    r = regs_for(16 | TG0_16K | (17ull << 16) | TG1_16K | IPS_44, c.root, hi.root);
    g_assert_cmpuint(start_level(&hi), ==, 1);
    map(&hi, 0xffff800000004000ull, 3, 0x40008000ull | D_PAGE | D_AF, 0);
    expect_ok(&r, 0xffff800000004010ull, false, 0x40008010ull, 3, RWX);
}

/* The reserved TG0 encoding (0b11) selects 4K, as on QEMU. */
static void test_tg_reserved(void)
{
    reset_ram();
    struct walk_cfg c = { 12, 39, alloc_table(12) };
    struct mmu_regs r = regs_for(25 | (3ull << 14) | IPS_44, c.root, 0);
    map(&c, 0x5000, 3, 0x40006000ull | D_PAGE | D_AF, 0);
    expect_ok(&r, 0x5008, false, 0x40006008ull, 3, RWX);
}

static void test_64k(void)
{
    reset_ram();
    /* 42-bit: starts at level 2. */
    struct walk_cfg c = { 16, 42, alloc_table(16) };
    struct mmu_regs r = regs_for(22 | TG0_64K | IPS_44, c.root, 0);
    g_assert_cmpuint(start_level(&c), ==, 2);
    map(&c, 0x0000000123450000ull, 3, 0x40010000ull | D_PAGE | D_AF, 0);
    expect_ok(&r, 0x000000012345fff8ull, false, 0x4001fff8ull, 3, RWX);
    map(&c, 0x0000000200000000ull, 2, 0x60000000ull | D_BLOCK | D_AF, 0);
    expect_ok(&r, 0x0000000201234560ull, false, 0x61234560ull, 2, RWX);
    /* 48-bit: starts at level 1, and TTBR1 with TG1 = 0b11. */
    reset_ram();
    struct walk_cfg lo = { 16, 48, alloc_table(16) };
    struct walk_cfg hi = { 16, 48, alloc_table(16) };
    r = regs_for(16 | TG0_64K | (16ull << 16) | TG1_64K | IPS_44, lo.root, hi.root);
    g_assert_cmpuint(start_level(&lo), ==, 1);
    map(&lo, 0x0000fedc00010000ull, 3, 0x40020000ull | D_PAGE | D_AF, 0);
    expect_ok(&r, 0x0000fedc00010008ull, false, 0x40020008ull, 3, RWX);
    map(&hi, 0xffff000000000000ull, 2, 0x40000000ull | D_BLOCK | D_AF, 0);
    expect_ok(&r, 0xffff000000abcdefull, false, 0x40abcdefull, 2, RWX);
    map(&lo, 0x0000400000000000ull, 1, 0x40000000ull | D_BLOCK | D_AF, 0);
    expect_fault(&r, 0x0000400000000000ull, false, MMU_READ, MMU_FSC_TRANSLATION + 1);
}

static void test_faults(void)
{
    reset_ram();
    struct walk_cfg c = { 12, 39, alloc_table(12) };
    struct mmu_regs r = regs_for(25 | TG0_4K | IPS_32, c.root, 0);
    /* Access flag clear: access flag fault at the leaf's level. */
    map(&c, 0x1000, 3, 0x40001000ull | D_PAGE, 0);
    expect_fault(&r, 0x1000, false, MMU_READ, MMU_FSC_ACCESS + 3);
    map(&c, 0x80000000ull, 1, 0x40000000ull | D_BLOCK, 0);
    expect_fault(&r, 0x80000000ull, false, MMU_WRITE, MMU_FSC_ACCESS + 1);
    /* Output address beyond IPS (32 bits): address size fault. */
    map(&c, 0x2000, 3, 0x100002000ull | D_PAGE | D_AF, 0);
    expect_fault(&r, 0x2000, false, MMU_READ, MMU_FSC_ADDR_SIZE + 3);
    map(&c, 0x40000000ull, 1, 0x100000000ull | D_BLOCK | D_AF, 0);
    expect_fault(&r, 0x40000000ull, false, MMU_READ, MMU_FSC_ADDR_SIZE + 1);
    /* A table base above the output size faults at level 0. */
    struct mmu_regs bad = regs_for(25 | TG0_4K | IPS_32, 0x100000000ull, 0);
    expect_fault(&bad, 0x1000, false, MMU_READ, MMU_FSC_ADDR_SIZE + 0);
    /* Tables outside RAM: external abort on the walk. */
    struct mmu_regs ext = regs_for(25 | TG0_4K | IPS_44, 0x10000000ull, 0);
    expect_fault(&ext, 0x1000, false, MMU_READ, MMU_FSC_WALK_EXT + 1);
    /* Read-only page: writes take a permission fault at level 3. */
    map(&c, 0x3000, 3, 0x40003000ull | D_PAGE | D_AF | D_AP_RO, 0);
    expect_fault(&r, 0x3000, false, MMU_WRITE, MMU_FSC_PERMISSION + 3);
    struct mmu_result res;
    g_assert_true(mmu_translate(&r, read_desc, NULL, 0x3008, false, MMU_READ, &res));
    g_assert_cmphex(res.pa, ==, 0x40003008ull);
}

static void test_permissions(void)
{
    reset_ram();
    struct walk_cfg c = { 12, 39, alloc_table(12) };
    struct mmu_regs r = regs_for(25 | TG0_4K | IPS_44, c.root, 0);
    const uint64_t base = 0x40000000ull | D_PAGE | D_AF;
    /* AP = 01: EL0 read/write, and then EL1 may not execute it. */
    map(&c, 0x1000, 3, base | D_AP_EL0, 0);
    expect_ok(&r, 0x1000, false, 0x40000000ull, 3, RW);
    expect_ok(&r, 0x1000, true, 0x40000000ull, 3, RWX);
    /* AP = 11: read-only at both. */
    map(&c, 0x2000, 3, base | D_AP_EL0 | D_AP_RO, 0);
    expect_ok(&r, 0x2000, false, 0x40000000ull, 3, RX);
    expect_ok(&r, 0x2000, true, 0x40000000ull, 3, RX);
    /* UXN / PXN. */
    map(&c, 0x3000, 3, base | D_AP_EL0 | D_AP_RO | D_UXN, 0);
    expect_ok(&r, 0x3000, true, 0x40000000ull, 3, MMU_PERM_R);
    expect_ok(&r, 0x3000, false, 0x40000000ull, 3, RX);
    map(&c, 0x4000, 3, base | D_PXN, 0);
    expect_ok(&r, 0x4000, false, 0x40000000ull, 3, RW);
    expect_fault(&r, 0x4000, false, MMU_EXEC, MMU_FSC_PERMISSION + 3);
    /* WXN: writable means not executable. */
    r.sctlr |= 1ull << 19;
    expect_ok(&r, 0x4000 + 0x1000 * 0, false, 0x40000000ull, 3, RW);
    map(&c, 0x5000, 3, base, 0);
    expect_ok(&r, 0x5000, false, 0x40000000ull, 3, RW);
    map(&c, 0x6000, 3, base | D_AP_RO, 0);
    expect_ok(&r, 0x6000, false, 0x40000000ull, 3, RX);
    r.sctlr &= ~(1ull << 19);
    /* Hierarchical: APTable / XNTable in the level 2 table descriptor. */
    map(&c, 0x40000000ull, 3, base | D_AP_EL0, T_RO);
    expect_ok(&r, 0x40000000ull, false, 0x40000000ull, 3, RX);
    expect_ok(&r, 0x40000000ull, true, 0x40000000ull, 3, RX);
    map(&c, 0x80000000ull, 3, base | D_AP_EL0, T_NO_EL0);
    expect_ok(&r, 0x80000000ull, true, 0x40000000ull, 3, MMU_PERM_X);
    expect_fault(&r, 0x80000000ull, true, MMU_READ, MMU_FSC_PERMISSION + 3);
    /* EL0 has no access below, so EL1 may execute (nothing EL0-writable). */
    expect_ok(&r, 0x80000000ull, false, 0x40000000ull, 3, RWX);
    map(&c, 0xc0000000ull, 3, base | D_AP_EL0 | D_AP_RO, T_UXN | T_PXN);
    expect_ok(&r, 0xc0000000ull, true, 0x40000000ull, 3, MMU_PERM_R);
    expect_ok(&r, 0xc0000000ull, false, 0x40000000ull, 3, MMU_PERM_R);
    expect_fault(&r, 0xc0000000ull, true, MMU_EXEC, MMU_FSC_PERMISSION + 3);
}

static void test_par_and_asid(void)
{
    reset_ram();
    struct walk_cfg c = { 12, 39, alloc_table(12) };
    struct mmu_regs r = regs_for(25 | TG0_4K | IPS_44, c.root, 0);
    const uint64_t mair = 0x000000000000ff00ull; /* attr0 device, attr1 normal WB */
    map(&c, 0x1000, 3, 0x40005000ull | D_PAGE | D_AF | (1ull << 2) | (3ull << 8), 0);
    map(&c, 0x2000, 3, 0x09000000ull | D_PAGE | D_AF, 0);
    struct mmu_result res;
    bool ok = mmu_translate(&r, read_desc, NULL, 0x1234, false, MMU_READ, &res);
    g_assert_cmphex(mmu_par(ok, &res, mair), ==, 0xff00000040005000ull | (3 << 7) | (1 << 9) | (1 << 11));
    ok = mmu_translate(&r, read_desc, NULL, 0x2000, false, MMU_READ, &res);
    g_assert_cmphex(mmu_par(ok, &res, mair), ==, 0x0000000009000000ull | (2 << 7) | (1 << 9) | (1 << 11));
    ok = mmu_translate(&r, read_desc, NULL, 0x3000, false, MMU_READ, &res);
    g_assert_cmphex(mmu_par(ok, &res, mair), ==, 1 | ((MMU_FSC_TRANSLATION + 3) << 1) | (1 << 11));
    /* ASIDs: 8 or 16 bits (TCR.AS), from TTBR0 or TTBR1 (TCR.A1). */
    uint64_t t0 = 0xabcdull << 48, t1 = 0x1234ull << 48;
    g_assert_cmphex(mmu_asid(0, t0, t1), ==, 0xcd);
    g_assert_cmphex(mmu_asid(1ull << 36, t0, t1), ==, 0xabcd);
    g_assert_cmphex(mmu_asid((1ull << 36) | (1ull << 22), t0, t1), ==, 0x1234);
}

/* PAN takes data access away from EL1 wherever EL0 has any access. */
static void test_pan_walk(void)
{
    reset_ram();
    struct walk_cfg c = { 12, 39, alloc_table(12) };
    struct mmu_regs r = regs_for(25 | TG0_4K | IPS_44, c.root, 0);
    r.pan = true;
    const uint64_t base = 0x40000000ull | D_PAGE | D_AF;
    map(&c, 0x1000, 3, base | D_AP_EL0, 0);                      /* EL0 read/write */
    map(&c, 0x2000, 3, base | D_AP_EL0 | D_AP_RO, 0);            /* EL0 read-only */
    map(&c, 0x3000, 3, base, 0);                                 /* EL1 only */
    map(&c, 0x80000000ull, 3, base | D_AP_EL0, T_NO_EL0);        /* EL0 barred above */
    expect_ok(&r, 0x1000, false, 0x40000000ull, 3, 0);
    expect_ok(&r, 0x2000, false, 0x40000000ull, 3, MMU_PERM_X); /* fetches unaffected */
    expect_ok(&r, 0x3000, false, 0x40000000ull, 3, RWX);
    expect_ok(&r, 0x80000000ull, false, 0x40000000ull, 3, RWX);
    /* EL0's own permissions (LDTR/STTR, EL0) do not see PAN. */
    expect_ok(&r, 0x1000, true, 0x40000000ull, 3, RWX);
    expect_ok(&r, 0x2000, true, 0x40000000ull, 3, RX);
    expect_fault(&r, 0x1008, false, MMU_READ, MMU_FSC_PERMISSION + 3);
    expect_fault(&r, 0x1008, false, MMU_WRITE, MMU_FSC_PERMISSION + 3);
    expect_fault(&r, 0x2000, false, MMU_READ, MMU_FSC_PERMISSION + 3);
    struct mmu_result res;
    g_assert_true(mmu_translate(&r, read_desc, NULL, 0x2000, false, MMU_EXEC, &res));
    /* A level 2 block reports its level. */
    map(&c, 0x400000, 2, 0x40000000ull | D_BLOCK | D_AF | D_AP_EL0, 0);
    expect_fault(&r, 0x400010, false, MMU_READ, MMU_FSC_PERMISSION + 2);
    /* Without PAN, EL1 reads and writes EL0's pages. */
    r.pan = false;
    expect_ok(&r, 0x1000, false, 0x40000000ull, 3, RW);
    expect_ok(&r, 0x2000, false, 0x40000000ull, 3, RX);
}

/* --- PAN on a running vCPU -------------------------------------------------- */

#define PAN_TABLES   (RAM_BASE + 0xf0000)    /* L1, L2, L3: 4K granule, 39-bit VAs */
#define PAN_USER_RW  (RAM_BASE + 0x20000)    /* EL0 read/write, never executable */
#define PAN_USER_RX  (RAM_BASE + 0x30000)    /* EL0 read-only, EL1 may execute it */
#define PAN_KERNEL   (RAM_BASE + 0x40000)    /* EL1 only */
#define PAN_TCR      (25ull | TG0_4K | EPD1 | IPS_44)

#define I_LDR_X1_X2   0xf9400041u /* ldr x1, [x2] */
#define I_LDR_X3_X2   0xf9400043u /* ldr x3, [x2] */
#define I_LDR_X3_X6   0xf94000c3u /* ldr x3, [x6] */
#define I_STR_X1_X2   0xf9000041u /* str x1, [x2] */
#define I_LDTR_X1_X2  0xf8400841u /* ldtr x1, [x2] */
#define I_STTR_X3_X2  0xf8008843u /* sttr x3, [x2, #8] */
#define I_ADD_X5_1    0x910004a5u /* add x5, x5, #1 */
#define I_MSR_PAN_0   0xd500409fu /* msr pan, #0 */
#define I_MSR_PAN_1   0xd500419fu /* msr pan, #1 */
#define I_MSR_PAN_X4  0xd5184264u /* msr pan, x4 */
#define I_MRS_X3_PAN  0xd5384263u /* mrs x3, pan */
#define I_AT_S1E1R_X2 0xd5087802u /* at s1e1r, x2 */
#define I_AT_S1E1W_X2 0xd5087822u /* at s1e1w, x2 */
#define I_MRS_X3_PAR  0xd5387403u /* mrs x3, par_el1 */
#define I_SVC0        0xd4000001u
#define I_ERET        0xd69f03e0u

#define ESR_DABT_SAME (((uint64_t)EC_DATA_ABORT_SAME << 26) | (1ull << 25))
#define ESR_WNR       (1ull << 6)
#define SCTLR_SPAN    (1ull << 23)

static uint64_t *machine_word(struct machine *m, uint64_t pa)
{
    return (uint64_t *)(m->ram + (pa - RAM_BASE));
}

/* The machine's megabyte of RAM mapped flat, EL1 only, but for the two user
 * pages; PSTATE.PAN = pan. */
static struct machine *pan_machine(bool pan)
{
    struct machine *m = machine_new();
    const uint64_t l1 = PAN_TABLES, l2 = l1 + 0x1000, l3 = l2 + 0x1000;
    const uint64_t normal = D_AF | (1ull << 2) | (3ull << 8); /* attr 1, inner shareable */
    *machine_word(m, l1 + 8 * 1) = l2 | D_TABLE;
    *machine_word(m, l2) = l3 | D_TABLE;
    for (uint64_t i = 0; i < RAM_SIZE >> 12; i++) {
        uint64_t pa = RAM_BASE + (i << 12), attrs = normal | D_UXN;
        if (pa == PAN_USER_RW) {
            attrs = normal | D_AP_EL0 | D_PXN | D_UXN;
        } else if (pa == PAN_USER_RX) {
            attrs = normal | D_AP_EL0 | D_AP_RO;
        }
        *machine_word(m, l3 + 8 * i) = pa | D_PAGE | attrs;
    }
    *machine_word(m, PAN_USER_RW) = 0x1111;
    *machine_word(m, PAN_USER_RX + 0x800) = 0x2222;
    *machine_word(m, PAN_KERNEL) = 0x3333;
    struct vcpu *cpu = m->cpu;
    cpu->s.el1.mair = 0xff00;
    cpu->s.el1.tcr = PAN_TCR;
    cpu->s.el1.ttbr0 = l1;
    cpu->s.el1.sctlr |= MMU_SCTLR_M;
    cpu->s.pan = pan;
    vcpu_update_flags(cpu);
    tlb_flush(cpu);
    return m;
}

/* Runs prog at CODE (followed by a power off) until the machine powers off.
 * The code is written behind the translation cache's back: it starts empty. */
static void pan_run(struct machine *m, const uint32_t *prog, unsigned n)
{
    static const uint32_t power_off[] = POWER_OFF_INSNS;
    machine_put_code(m, CODE, prog, n);
    machine_put_code(m, CODE + 4 * n, power_off, POWER_OFF_LEN);
    tb_cache_flush(m->cpu->cache);
    g_assert_cmpint(vcpu_run(m->cpu, 10000), ==, VCPU_STOP_POWER_OFF);
}

/* A load or store at EL1 to EL0's page faults under PAN: same-EL data abort,
 * permission fault at level 3, WnR for the store, memory untouched. */
static void test_pan_fault(void)
{
    struct machine *m = pan_machine(true);
    m->cpu->s.x[1] = 0xbad;
    m->cpu->s.x[2] = PAN_USER_RW + 8;
    pan_run(m, (const uint32_t[]){ I_LDR_X1_X2 }, 1);
    g_assert_cmphex(m->cpu->s.el1.esr, ==, ESR_DABT_SAME | (MMU_FSC_PERMISSION + 3));
    g_assert_cmphex(m->cpu->s.el1.far, ==, PAN_USER_RW + 8);
    g_assert_cmphex(m->cpu->s.el1.elr, ==, CODE);
    g_assert_cmphex(m->cpu->s.x[1], ==, 0xbad);
    machine_free(m);

    m = pan_machine(true);
    m->cpu->s.x[1] = 0x5555;
    m->cpu->s.x[2] = PAN_USER_RW;
    pan_run(m, (const uint32_t[]){ I_STR_X1_X2 }, 1);
    g_assert_cmphex(m->cpu->s.el1.esr, ==, ESR_DABT_SAME | ESR_WNR | (MMU_FSC_PERMISSION + 3));
    g_assert_cmphex(m->cpu->s.el1.far, ==, PAN_USER_RW);
    g_assert_cmphex(*machine_word(m, PAN_USER_RW), ==, 0x1111);
    machine_free(m);

    /* EL0's read-only page too; EL1's own page is untouched by PAN. */
    m = pan_machine(true);
    m->cpu->s.x[2] = PAN_KERNEL;
    m->cpu->s.x[6] = PAN_USER_RX + 0x800;
    pan_run(m, (const uint32_t[]){ I_LDR_X1_X2, I_LDR_X3_X6 }, 2);
    g_assert_cmphex(m->cpu->s.x[1], ==, 0x3333);
    g_assert_cmphex(m->cpu->s.el1.esr, ==, ESR_DABT_SAME | (MMU_FSC_PERMISSION + 3));
    g_assert_cmphex(m->cpu->s.el1.elr, ==, CODE + 4);
    machine_free(m);

    /* With the MMU off there are no EL0 pages: nothing faults. */
    m = machine_new();
    m->cpu->s.pan = 1;
    vcpu_update_flags(m->cpu);
    m->cpu->s.x[2] = PAN_USER_RW;
    *machine_word(m, PAN_USER_RW) = 0x4444;
    pan_run(m, (const uint32_t[]){ I_LDR_X1_X2 }, 1);
    g_assert_cmphex(m->cpu->s.x[1], ==, 0x4444);
    machine_free(m);
}

/* Writes to PAN switch soft TLBs at once: an entry filled with PAN = 0 is
 * not used with PAN = 1, and the other way round. */
static void test_pan_tlb(void)
{
    struct machine *m = pan_machine(false);
    m->cpu->s.x[2] = PAN_USER_RW;
    m->cpu->s.x[3] = 0xbad;
    pan_run(m, (const uint32_t[]){ I_LDR_X1_X2, I_MSR_PAN_1, I_LDR_X3_X2 }, 3);
    g_assert_cmphex(m->cpu->s.x[1], ==, 0x1111);
    g_assert_cmphex(m->cpu->s.x[3], ==, 0xbad);
    g_assert_cmphex(m->cpu->s.el1.esr, ==, ESR_DABT_SAME | (MMU_FSC_PERMISSION + 3));
    g_assert_cmphex(m->cpu->s.el1.elr, ==, CODE + 8);
    machine_free(m);

    m = pan_machine(true);
    m->cpu->s.x[2] = PAN_USER_RW;
    m->cpu->s.x[4] = 1ull << 22;
    pan_run(m, (const uint32_t[]){ I_MSR_PAN_0, I_LDR_X1_X2, I_MSR_PAN_X4, I_STR_X1_X2 }, 4);
    g_assert_cmphex(m->cpu->s.x[1], ==, 0x1111);
    g_assert_cmphex(m->cpu->s.el1.esr, ==, ESR_DABT_SAME | ESR_WNR | (MMU_FSC_PERMISSION + 3));
    g_assert_cmphex(m->cpu->s.el1.elr, ==, CODE + 12);
    machine_free(m);
}

/* LDTR/STTR check EL0's permissions, which PAN does not restrict. */
static void test_pan_unprivileged(void)
{
    struct machine *m = pan_machine(true);
    m->cpu->s.x[2] = PAN_USER_RW;
    m->cpu->s.x[3] = 0x7777;
    pan_run(m, (const uint32_t[]){ I_LDTR_X1_X2, I_STTR_X3_X2, I_MRS_X3_PAN }, 3);
    g_assert_cmphex(m->cpu->s.x[1], ==, 0x1111);
    g_assert_cmphex(*machine_word(m, PAN_USER_RW + 8), ==, 0x7777);
    g_assert_cmphex(m->cpu->s.x[3], ==, 1ull << 22);
    machine_free(m);
}

/* Fetches from a page EL0 may read are not data accesses: code runs there
 * under PAN while a load from the same page faults. */
static void test_pan_fetch(void)
{
    struct machine *m = pan_machine(true);
    static const uint32_t power_off[] = POWER_OFF_INSNS;
    const uint32_t prog[] = { I_LDR_X1_X2, I_ADD_X5_1, I_LDR_X3_X6 };
    machine_put_code(m, PAN_USER_RX, prog, 3);
    machine_put_code(m, PAN_USER_RX + 12, power_off, POWER_OFF_LEN);
    m->cpu->s.pc = PAN_USER_RX;
    m->cpu->s.x[2] = PAN_KERNEL;
    m->cpu->s.x[6] = PAN_USER_RX + 0x800;
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmphex(m->cpu->s.x[1], ==, 0x3333);
    g_assert_cmphex(m->cpu->s.x[5], ==, 1);
    g_assert_cmphex(m->cpu->s.el1.esr, ==, ESR_DABT_SAME | (MMU_FSC_PERMISSION + 3));
    g_assert_cmphex(m->cpu->s.el1.elr, ==, PAN_USER_RX + 8);
    g_assert_cmphex(m->cpu->s.el1.far, ==, PAN_USER_RX + 0x800);
    machine_free(m);
}

/* AT S1E1R/W ignore PAN on ARMv8.1 (AT S1E1RP/WP, ARMv8.2, would not). */
static void test_pan_at(void)
{
    struct machine *m = pan_machine(true);
    m->cpu->s.x[2] = PAN_USER_RW + 0x10;
    pan_run(m, (const uint32_t[]){ I_AT_S1E1W_X2, I_MRS_X3_PAR }, 2);
    g_assert_cmphex(m->cpu->s.x[3] & 1, ==, 0);
    g_assert_cmphex(m->cpu->s.x[3] & 0x0000fffffffff000ull, ==, PAN_USER_RW);
    machine_free(m);
    m = pan_machine(true);
    m->cpu->s.x[2] = PAN_USER_RX;
    pan_run(m, (const uint32_t[]){ I_AT_S1E1R_X2, I_MRS_X3_PAR }, 2);
    g_assert_cmphex(m->cpu->s.x[3] & 1, ==, 0);
    machine_free(m);
}

/* Exception entry: SPSR_EL1.PAN = the old PSTATE.PAN; then PAN = 1 when
 * SCTLR_EL1.SPAN = 0, unchanged when SPAN = 1. */
static void test_pan_span(void)
{
    static const struct { bool span, pan, pan_after; } cases[] = {
        { false, false, true }, { false, true, true },
        { true, false, false }, { true, true, true },
    };
    for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++) {
        struct machine *m = machine_new();
        struct vcpu *cpu = m->cpu;
        cpu->s.el1.sctlr = cases[i].span ? cpu->s.el1.sctlr | SCTLR_SPAN
                                         : cpu->s.el1.sctlr & ~SCTLR_SPAN;
        cpu->s.pan = cases[i].pan;
        vcpu_update_flags(cpu);
        machine_put_code(m, CODE, (const uint32_t[]){ I_SVC0 }, 1);
        /* The SVC vector reads PAN into x3 before powering off. */
        machine_put_code(m, VBAR + 0x200, (const uint32_t[]){ I_MRS_X3_PAN }, 1);
        static const uint32_t power_off[] = POWER_OFF_INSNS;
        machine_put_code(m, VBAR + 0x204, power_off, POWER_OFF_LEN);
        g_assert_cmpint(vcpu_run(cpu, 1000), ==, VCPU_STOP_POWER_OFF);
        g_assert_cmphex(cpu->s.x[3], ==, cases[i].pan_after ? PSR_PAN : 0);
        g_assert_cmphex(cpu->s.el1.spsr & PSR_PAN, ==, cases[i].pan ? PSR_PAN : 0);
        g_assert_cmpuint(cpu->s.pan, ==, cases[i].pan_after);
        machine_free(m);
    }
    /* SPSR_EL1 holds the PAN the exception interrupted. */
    struct machine *m = machine_new();
    m->cpu->s.pan = 1;
    m->cpu->s.el1.sctlr &= ~SCTLR_SPAN;
    vcpu_update_flags(m->cpu);
    machine_put_code(m, CODE, (const uint32_t[]){ I_SVC0 }, 1);
    g_assert_cmpint(vcpu_run(m->cpu, 1), ==, VCPU_STOP_BUDGET);
    g_assert_cmphex(m->cpu->s.el1.spsr, ==, PSR_PAN | 0x3c5);
    m->cpu->s.pan = 0;
    m->cpu->s.pc = CODE;
    g_assert_cmpint(vcpu_run(m->cpu, 1), ==, VCPU_STOP_BUDGET);
    g_assert_cmphex(m->cpu->s.el1.spsr, ==, 0x3c5);
    g_assert_cmpuint(m->cpu->s.pan, ==, 1);
    machine_free(m);
}

/* ERET restores PSTATE.PAN from SPSR_EL1; an illegal return keeps it. */
static void test_pan_eret(void)
{
    for (unsigned pan = 0; pan < 2; pan++) {
        struct machine *m = machine_new();
        m->cpu->s.pan = !pan;
        m->cpu->s.el1.spsr = PSR_MODE_EL1h | 0x3c0 | (pan ? PSR_PAN : 0);
        m->cpu->s.el1.elr = CODE + 0x100;
        machine_put_code(m, CODE, (const uint32_t[]){ I_ERET }, 1);
        machine_put_code(m, CODE + 0x100, (const uint32_t[]){ I_MRS_X3_PAN }, 1);
        g_assert_cmpint(vcpu_run(m->cpu, 2), ==, VCPU_STOP_BUDGET);
        g_assert_cmphex(m->cpu->s.x[3], ==, pan ? PSR_PAN : 0);
        g_assert_cmpuint(m->cpu->s.pan, ==, pan);
        machine_free(m);
    }
    /* Illegal: M = 0b00010 (EL0 with M[1] set). */
    struct machine *m = machine_new();
    m->cpu->s.pan = 0;
    m->cpu->s.el1.spsr = 0x2 | 0x3c0 | PSR_PAN;
    m->cpu->s.el1.elr = CODE + 0x100;
    machine_put_code(m, CODE, (const uint32_t[]){ I_ERET }, 1);
    g_assert_cmpint(vcpu_run(m->cpu, 1), ==, VCPU_STOP_BUDGET);
    g_assert_cmpuint(m->cpu->s.il, ==, 1);
    g_assert_cmpuint(m->cpu->s.pan, ==, 0);
    machine_free(m);
}

/* --- TLBI by VA ------------------------------------------------------------ */

#define I_BLR_X10      0xd63f0140u /* blr x10 */
#define I_RET          0xd65f03c0u
#define I_MOVZ_X9(n)   (0xd2800009u | (n) << 5)
#define I_ADD_X11_X9   0x9100012bu /* add x11, x9, #0 */
#define I_STR_X12_X13  0xf90001acu /* str x12, [x13] */
#define I_TLBI_VAE1_X14   0xd508872eu /* tlbi vae1, x14 */
#define I_TLBI_VAAE1IS_X14 0xd508836eu /* tlbi vaae1is, x14 */
#define I_ISB          0xd5033fdfu

/* Address of the level 3 descriptor of va (in pan_machine's tables). */
static uint64_t pan_l3_slot(uint64_t va)
{
    return PAN_TABLES + 0x2000 + 8 * ((va - RAM_BASE) >> 12);
}

static bool tlb_holds(struct vcpu *cpu, unsigned idx, uint64_t va)
{
    const struct tlb_entry *e = &cpu->tlbs[idx][(va >> TLB_PAGE_BITS) & (TLB_SIZE - 1)];
    return (e->read_tag & (TLB_PAGE_MASK | TLB_INVALID)) == (va & TLB_PAGE_MASK);
}

/* A remapped page is seen after TLBI VAE1 on it; other pages stay cached. */
static void test_tlbi_va_page(void)
{
    struct machine *m = pan_machine(false);
    struct vcpu *cpu = m->cpu;
    *machine_word(m, PAN_KERNEL + 0x1000) = 0x4444;
    cpu->s.x[2] = PAN_KERNEL;
    cpu->s.x[6] = PAN_USER_RW;
    pan_run(m, (const uint32_t[]){ I_LDR_X1_X2, I_LDR_X3_X6 }, 2);
    g_assert_cmphex(cpu->s.x[1], ==, 0x3333);
    g_assert_true(tlb_holds(cpu, MMU_IDX_EL1, PAN_KERNEL));
    g_assert_true(tlb_holds(cpu, MMU_IDX_EL1, PAN_USER_RW));

    /* Point the page elsewhere: the old translation is still cached. */
    uint64_t *slot = machine_word(m, pan_l3_slot(PAN_KERNEL));
    *slot += 0x1000;
    cpu->s.pc = CODE;
    pan_run(m, (const uint32_t[]){ I_LDR_X1_X2 }, 1);
    g_assert_cmphex(cpu->s.x[1], ==, 0x3333);

    cpu_tlb_invalidate(cpu, TLBI_VA, (5ull << 48) | (PAN_KERNEL >> 12), false);
    g_assert_false(tlb_holds(cpu, MMU_IDX_EL1, PAN_KERNEL));
    g_assert_true(tlb_holds(cpu, MMU_IDX_EL1, PAN_USER_RW));
    cpu->s.pc = CODE;
    pan_run(m, (const uint32_t[]){ I_LDR_X1_X2 }, 1);
    g_assert_cmphex(cpu->s.x[1], ==, 0x4444);

    /* The by-VA kinds ignore the ASID (more than asked, which is allowed)
     * and the top byte; each privilege's TLB drops the page. */
    cpu->s.pan = 1;
    vcpu_update_flags(cpu);
    cpu->s.pc = CODE;
    pan_run(m, (const uint32_t[]){ 0xf84008c1u /* ldtr x1, [x6] */ }, 1);
    g_assert_true(tlb_holds(cpu, MMU_IDX_EL0, PAN_USER_RW));
    cpu_tlb_invalidate(cpu, TLBI_VAA_LAST, PAN_USER_RW >> 12, true);
    g_assert_false(tlb_holds(cpu, MMU_IDX_EL0, PAN_USER_RW));
    g_assert_false(tlb_holds(cpu, MMU_IDX_EL1, PAN_USER_RW));
    machine_free(m);
}

/* TLBI VAE1 on one address of a 2 MiB block drops every piece of it. */
static void test_tlbi_va_block(void)
{
    struct machine *m = pan_machine(false);
    struct vcpu *cpu = m->cpu;
    const uint64_t block_va = RAM_BASE + 0x200000; /* L2[1]: RAM's first MiB again */
    uint64_t *l2_slot = machine_word(m, PAN_TABLES + 0x1000 + 8);
    *l2_slot = RAM_BASE | D_BLOCK | D_AF | (1ull << 2) | D_UXN;
    cpu->s.x[2] = block_va + (PAN_KERNEL - RAM_BASE);
    cpu->s.x[6] = block_va + (PAN_USER_RW - RAM_BASE);
    pan_run(m, (const uint32_t[]){ I_LDR_X1_X2, I_LDR_X3_X6 }, 2);
    g_assert_cmphex(cpu->s.x[1], ==, 0x3333);
    g_assert_cmphex(cpu->s.x[3], ==, 0x1111);
    g_assert_cmpuint(cpu->tlb_large[MMU_IDX_EL1].bits, ==, 21);

    /* An address outside the block drops only its own page. */
    g_assert_true(tlb_holds(cpu, MMU_IDX_EL1, cpu->s.x[2]));
    cpu_tlb_invalidate(cpu, TLBI_VA, PAN_KERNEL >> 12, false);
    g_assert_true(tlb_holds(cpu, MMU_IDX_EL1, cpu->s.x[2]));

    *l2_slot = 0;
    cpu_tlb_invalidate(cpu, TLBI_VA, cpu->s.x[2] >> 12, false);
    g_assert_false(tlb_holds(cpu, MMU_IDX_EL1, cpu->s.x[6]));
    g_assert_cmpuint(cpu->tlb_large[MMU_IDX_EL1].bits, ==, 0);
    cpu->s.x[3] = 0xbad;
    cpu->s.pc = CODE;
    pan_run(m, (const uint32_t[]){ I_LDR_X3_X6 }, 1);
    g_assert_cmphex(cpu->s.x[3], ==, 0xbad);
    g_assert_cmphex(cpu->s.el1.esr, ==, ESR_DABT_SAME | (MMU_FSC_TRANSLATION + 2));
    g_assert_cmphex(cpu->s.el1.far, ==, cpu->s.x[6]);
    machine_free(m);
}

/* Code on a remapped page: after TLBI VAE1 the jump cache no longer finds
 * the block translated from the old physical page. */
static void test_tlbi_va_code(void)
{
    struct machine *m = pan_machine(false);
    struct vcpu *cpu = m->cpu;
    const uint64_t fn = RAM_BASE + 0x50000, old_pa = fn, new_pa = fn + 0x1000;
    machine_put_code(m, old_pa, (const uint32_t[]){ I_MOVZ_X9(1), I_RET }, 2);
    machine_put_code(m, new_pa, (const uint32_t[]){ I_MOVZ_X9(2), I_RET }, 2);
    cpu->s.x[10] = fn;
    cpu->s.x[12] = *machine_word(m, pan_l3_slot(fn)) + 0x1000;
    cpu->s.x[13] = pan_l3_slot(fn);
    cpu->s.x[14] = fn >> 12;
    pan_run(m, (const uint32_t[]){ I_BLR_X10, I_ADD_X11_X9, I_STR_X12_X13,
                                   I_TLBI_VAE1_X14, I_ISB, I_BLR_X10 }, 6);
    g_assert_cmphex(cpu->s.x[11], ==, 1);
    g_assert_cmphex(cpu->s.x[9], ==, 2);

    /* And back with the IS form of VAAE1. */
    cpu->s.x[12] -= 0x1000;
    cpu->s.pc = CODE;
    pan_run(m, (const uint32_t[]){ I_BLR_X10, I_ADD_X11_X9, I_STR_X12_X13,
                                   I_TLBI_VAAE1IS_X14, I_ISB, I_BLR_X10 }, 6);
    g_assert_cmphex(cpu->s.x[11], ==, 2);
    g_assert_cmphex(cpu->s.x[9], ==, 1);
    machine_free(m);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/mmu/off", test_mmu_off);
    g_test_add_func("/mmu/4k_48bit", test_4k_48bit);
    g_test_add_func("/mmu/4k_39bit_split", test_4k_39bit_split);
    g_test_add_func("/mmu/16k", test_16k);
    g_test_add_func("/mmu/tg_reserved", test_tg_reserved);
    g_test_add_func("/mmu/64k", test_64k);
    g_test_add_func("/mmu/faults", test_faults);
    g_test_add_func("/mmu/permissions", test_permissions);
    g_test_add_func("/mmu/par_asid", test_par_and_asid);
    g_test_add_func("/mmu/pan_walk", test_pan_walk);
    g_test_add_func("/mmu/pan_fault", test_pan_fault);
    g_test_add_func("/mmu/pan_tlb", test_pan_tlb);
    g_test_add_func("/mmu/pan_unprivileged", test_pan_unprivileged);
    g_test_add_func("/mmu/pan_fetch", test_pan_fetch);
    g_test_add_func("/mmu/pan_at", test_pan_at);
    g_test_add_func("/mmu/pan_span", test_pan_span);
    g_test_add_func("/mmu/pan_eret", test_pan_eret);
    g_test_add_func("/mmu/tlbi_va_page", test_tlbi_va_page);
    g_test_add_func("/mmu/tlbi_va_block", test_tlbi_va_block);
    g_test_add_func("/mmu/tlbi_va_code", test_tlbi_va_code);
    return g_test_run();
}
