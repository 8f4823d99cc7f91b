/*
 * Unit tests of arm/mmu.c: stage 1 walks over page tables built by hand in a
 * RAM buffer, for each granule and start level, blocks and pages, the TTBR0 /
 * TTBR1 split, every fault with its level, the permission rules (AP, UXN,
 * PXN, APTable, XNTable, WXN) and the PAR_EL1 values of AT.
 */
#include <glib.h>
#include <string.h>

#include "arm/mmu.h"

#define RAM_BASE 0x40000000ull
#define RAM_SIZE (4u << 20)

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

static uint8_t ram[RAM_SIZE];
static uint64_t next_free;

static bool read_desc(void *ctx, uint64_t pa, uint64_t *desc)
{
    (void)ctx;
    if (pa < RAM_BASE || pa + 8 > RAM_BASE + RAM_SIZE) {
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
    g_assert_cmpuint(next_free, <=, RAM_BASE + RAM_SIZE);
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
    r.tgran16 = true;
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
    r.tgran16 = true;
    g_assert_cmpuint(start_level(&hi), ==, 1);
    map(&hi, 0xffff800000004000ull, 3, 0x40008000ull | D_PAGE | D_AF, 0);
    expect_ok(&r, 0xffff800000004010ull, false, 0x40008010ull, 3, RWX);
}

/* Without the 16K granule (a Cortex-A57), asking for it gives 4K. */
static void test_16k_unimplemented(void)
{
    reset_ram();
    struct walk_cfg c = { 12, 39, alloc_table(12) };
    struct mmu_regs r = regs_for(25 | TG0_16K | IPS_44, c.root, 0);
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

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/mmu/off", test_mmu_off);
    g_test_add_func("/mmu/4k_48bit", test_4k_48bit);
    g_test_add_func("/mmu/4k_39bit_split", test_4k_39bit_split);
    g_test_add_func("/mmu/16k", test_16k);
    g_test_add_func("/mmu/16k_unimplemented", test_16k_unimplemented);
    g_test_add_func("/mmu/64k", test_64k);
    g_test_add_func("/mmu/faults", test_faults);
    g_test_add_func("/mmu/permissions", test_permissions);
    g_test_add_func("/mmu/par_asid", test_par_and_asid);
    return g_test_run();
}
