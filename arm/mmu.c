/*
 * Stage 1 table walk of the EL1&0 regime (ARM ARM D5.2, the pseudocode of
 * AArch64.TranslationTableWalk), ARMv8.0 plus PAN (ARMv8.1), without LPA or
 * HAFDBS: 4K, 16K and 64K granules, software-managed access flag, 44-bit
 * physical addresses.
 */
#include "arm/mmu.h"

/* TCR_EL1 fields. */
#define TCR_T0SZ(t)  ((unsigned)(t) & 0x3f)
#define TCR_EPD0     (1ull << 7)
#define TCR_TG0(t)   ((unsigned)((t) >> 14) & 3)
#define TCR_T1SZ(t)  ((unsigned)((t) >> 16) & 0x3f)
#define TCR_A1       (1ull << 22)
#define TCR_EPD1     (1ull << 23)
#define TCR_TG1(t)   ((unsigned)((t) >> 30) & 3)
#define TCR_IPS(t)   ((unsigned)((t) >> 32) & 7)
#define TCR_AS       (1ull << 36)
#define TCR_TBI0     (1ull << 37)
#define TCR_TBI1     (1ull << 38)

#define SCTLR_WXN    (1ull << 19)

/* Descriptor fields. */
#define DESC_VALID   1ull
#define DESC_TABLE   2ull             /* table (levels 0-2) or page (level 3) */
#define DESC_AP1     (1ull << 6)      /* EL0 may access */
#define DESC_AP2     (1ull << 7)      /* read-only */
#define DESC_AF      (1ull << 10)
#define DESC_PXN     (1ull << 53)
#define DESC_UXN     (1ull << 54)
#define DESC_PXN_TABLE (1ull << 59)
#define DESC_UXN_TABLE (1ull << 60)
#define DESC_AP0_TABLE (1ull << 61)   /* no EL0 access below */
#define DESC_AP1_TABLE (1ull << 62)   /* no write access below */
#define DESC_OA_MASK   0x0000fffffffff000ull /* bits 47:12 */

static unsigned ips_bits(unsigned ips)
{
    static const unsigned bits[8] = { 32, 36, 40, 42, 44, 48, 52, 52 };
    unsigned b = bits[ips];
    return b < MMU_PA_BITS ? b : MMU_PA_BITS;
}

/*
 * Granule size as log2 from TG0 / TG1: all three sizes are implemented (a
 * Cortex-A57 lacks 16K; phalanx has it and says so in ID_AA64MMFR0_EL1). A
 * reserved encoding selects 4K, as QEMU does.
 */
static unsigned granule_bits(bool high, unsigned tg)
{
    return high ? (tg == 1 ? 14 : tg == 3 ? 16 : 12) : (tg == 1 ? 16 : tg == 2 ? 14 : 12);
}

static bool fault(struct mmu_result *res, uint8_t fsc, unsigned level)
{
    res->fsc = (uint8_t)(fsc + level);
    res->level = (uint8_t)level;
    return false;
}

static bool identity(uint64_t va, struct mmu_result *res)
{
    if (va >> MMU_PA_BITS) {
        return fault(res, MMU_FSC_ADDR_SIZE, 0);
    }
    res->pa = va;
    res->size = 1ull << 12;
    res->perms = MMU_PERM_R | MMU_PERM_W | MMU_PERM_X;
    res->attr = 0;
    res->sh = 0;
    res->level = 3;
    res->fsc = 0;
    return true;
}

/* Whether a block descriptor is allowed at 'level' for the granule. */
static bool block_allowed(unsigned gbits, unsigned level)
{
    return gbits == 12 ? level == 1 || level == 2 : level == 2;
}

/* What the leaf grants at the privilege walked for (ARM ARM D5.4). */
static unsigned leaf_perms(uint64_t desc, uint64_t table_bits, bool unpriv, bool wxn,
                           bool pan)
{
    bool ap2 = (desc & DESC_AP2) || (table_bits & DESC_AP1_TABLE);
    bool el0_ok = (desc & DESC_AP1) && !(table_bits & DESC_AP0_TABLE);
    unsigned perms;
    if (unpriv) {
        perms = el0_ok ? MMU_PERM_R | (ap2 ? 0 : MMU_PERM_W) : 0;
    } else {
        perms = MMU_PERM_R | (ap2 ? 0 : MMU_PERM_W);
    }
    bool xn;
    if (unpriv) {
        xn = (desc & DESC_UXN) || (table_bits & DESC_UXN_TABLE);
    } else {
        /* EL1 never executes what EL0 may write. */
        xn = (desc & DESC_PXN) || (table_bits & DESC_PXN_TABLE) || (el0_ok && !ap2);
    }
    if (!xn && !(wxn && (perms & MMU_PERM_W))) {
        perms |= MMU_PERM_X;
    }
    if (pan && !unpriv && el0_ok) {
        /* PAN takes data access away, whatever EL0 may do there; fetches
         * keep what they had (nothing, when EL0 may write). */
        perms &= MMU_PERM_X;
    }
    return perms;
}

bool mmu_walk(const struct mmu_regs *r, mmu_read_desc_fn read, void *ctx, uint64_t va,
              bool unpriv, struct mmu_result *res)
{
    if (!mmu_enabled(r)) {
        return identity(va, res);
    }
    uint64_t tcr = r->tcr;
    bool high = (va >> 55) & 1;
    unsigned tsz = high ? TCR_T1SZ(tcr) : TCR_T0SZ(tcr);
    bool tbi = tcr & (high ? TCR_TBI1 : TCR_TBI0);
    bool epd = tcr & (high ? TCR_EPD1 : TCR_EPD0);
    unsigned gbits = granule_bits(high, high ? TCR_TG1(tcr) : TCR_TG0(tcr));
    uint64_t ttbr = high ? r->ttbr1 : r->ttbr0;
    /* T0SZ/T1SZ outside 16..39 are clamped, as QEMU does without TTST/LVA. */
    if (tsz < 16) {
        tsz = 16;
    } else if (tsz > 39) {
        tsz = 39;
    }
    unsigned inputsize = 64 - tsz;

    /* Bits above the input size must all equal bit 55 (the top byte is
     * ignored under TBI). */
    unsigned top = tbi ? 56 : 64;
    uint64_t upper = (va & (top == 64 ? ~0ull : (1ull << top) - 1)) >> inputsize;
    uint64_t want = high ? (1ull << (top - inputsize)) - 1 : 0;
    if (upper != want || epd) {
        return fault(res, MMU_FSC_TRANSLATION, 0);
    }

    unsigned stride = gbits - 3;
    unsigned levels = (inputsize - gbits + stride - 1) / stride;
    unsigned level = 4 - levels;
    unsigned pa_bits = ips_bits(TCR_IPS(tcr));

    /* Start table: aligned to its own size. */
    unsigned shift = gbits + stride * (3 - level);
    unsigned index_bits = inputsize - shift;
    uint64_t table = ttbr & 0x0000ffffffffffffull & ~((8ull << index_bits) - 1);
    if (table >> pa_bits) {
        return fault(res, MMU_FSC_ADDR_SIZE, 0);
    }
    uint64_t table_bits = 0; /* APTable, UXNTable, PXNTable gathered so far */

    for (;;) {
        shift = gbits + stride * (3 - level);
        index_bits = level == 4 - levels ? inputsize - shift : stride;
        uint64_t index = (va >> shift) & ((1ull << index_bits) - 1);
        uint64_t desc;
        if (!read(ctx, table + 8 * index, &desc)) {
            return fault(res, MMU_FSC_WALK_EXT, level);
        }
        if (!(desc & DESC_VALID)) {
            return fault(res, MMU_FSC_TRANSLATION, level);
        }
        bool is_table = desc & DESC_TABLE;
        if (level < 3 && is_table) {
            uint64_t next = desc & DESC_OA_MASK & ~((1ull << gbits) - 1);
            if ((desc & DESC_OA_MASK) >> pa_bits) {
                return fault(res, MMU_FSC_ADDR_SIZE, level);
            }
            table_bits |= desc & (DESC_PXN_TABLE | DESC_UXN_TABLE | DESC_AP0_TABLE |
                                  DESC_AP1_TABLE);
            table = next;
            level++;
            continue;
        }
        if (level == 3 ? !is_table : !block_allowed(gbits, level)) {
            return fault(res, MMU_FSC_TRANSLATION, level);
        }
        if ((desc & DESC_OA_MASK) >> pa_bits) {
            return fault(res, MMU_FSC_ADDR_SIZE, level);
        }
        if (!(desc & DESC_AF)) {
            return fault(res, MMU_FSC_ACCESS, level);
        }
        uint64_t size = 1ull << shift;
        res->pa = (desc & DESC_OA_MASK & ~(size - 1)) | (va & (size - 1));
        res->size = size;
        res->attr = (uint8_t)((desc >> 2) & 7);
        res->level = (uint8_t)level;
        res->fsc = 0;
        res->perms = leaf_perms(desc, table_bits, unpriv, r->sctlr & SCTLR_WXN, r->pan);
        res->sh = (uint8_t)((desc >> 8) & 3);
        return true;
    }
}

bool mmu_translate(const struct mmu_regs *r, mmu_read_desc_fn read, void *ctx, uint64_t va,
                   bool unpriv, enum mmu_access access, struct mmu_result *res)
{
    if (!mmu_walk(r, read, ctx, va, unpriv, res)) {
        return false;
    }
    static const unsigned need[] = { [MMU_READ] = MMU_PERM_R, [MMU_WRITE] = MMU_PERM_W,
                                     [MMU_EXEC] = MMU_PERM_X };
    if (!(res->perms & need[access])) {
        return fault(res, MMU_FSC_PERMISSION, res->level);
    }
    return true;
}

uint64_t mmu_par(bool ok, const struct mmu_result *res, uint64_t mair)
{
    if (!ok) {
        /* F = 1, FST; bit 11 is RES1. */
        return 1 | ((uint64_t)res->fsc << 1) | (1ull << 11);
    }
    uint8_t attrs = (uint8_t)(mair >> (8 * res->attr));
    /* Device and Normal non-cacheable memory report outer shareable. */
    unsigned sh = ((attrs & 0xf0) == 0 || attrs == 0x44) ? 2 : res->sh;
    /* NS (bit 9): there is no secure state; bit 11 is RES1. */
    return (res->pa & DESC_OA_MASK) | ((uint64_t)attrs << 56) | ((uint64_t)sh << 7) |
           (1ull << 9) | (1ull << 11);
}

uint16_t mmu_asid(uint64_t tcr, uint64_t ttbr0, uint64_t ttbr1)
{
    uint64_t ttbr = (tcr & TCR_A1) ? ttbr1 : ttbr0;
    uint16_t asid = (uint16_t)(ttbr >> 48);
    return (tcr & TCR_AS) ? asid : (uint8_t)asid;
}
