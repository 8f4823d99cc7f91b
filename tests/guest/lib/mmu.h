/*
 * Stage 1 translation for the MMU guest tests (mmu.c, mmu_el0.c,
 * mmu_granules.c, pan.c): descriptor bits, the MAIR and TCR_EL1 values
 * they use, SCTLR_EL1's enables, turning the MMU on and off, and the
 * identity map of the virt board's first 2 GiB that the 4 KiB granule
 * tests start from.
 */
#ifndef PHALANX_GUEST_MMU_H
#define PHALANX_GUEST_MMU_H

#include "guest.h"

/* Descriptor bits (stage 1, VMSAv8-64). */
#define D_VALID     1ull
#define D_TABLE     3ull            /* table (levels 0-2) or page (level 3) */
#define D_BLOCK     1ull
#define D_ATTR(i)   ((uint64_t)(i) << 2)
#define D_AP_EL0    (1ull << 6)     /* AP[1]: EL0 may access */
#define D_AP_RO     (2ull << 6)     /* AP[2]: read-only */
#define D_SH_INNER  (3ull << 8)
#define D_AF        (1ull << 10)
#define D_PXN       (1ull << 53)
#define D_UXN       (1ull << 54)

#define ATTR_DEVICE 0               /* MAIR attr0: Device-nGnRnE */
#define ATTR_NORMAL 1               /* MAIR attr1: Normal, write-back */
#define MAIR_VALUE  0x000000000000ff00ull

/* Leaf attributes: RAM, and device memory (never executable). */
#define NORMAL  (D_ATTR(ATTR_NORMAL) | D_SH_INNER | D_AF)
#define DEVICE  (D_ATTR(ATTR_DEVICE) | D_AF | D_PXN | D_UXN)

/* TCR_EL1 fields. */
#define TCR_T0SZ(n)     ((uint64_t)(n) << 0)
#define TCR_T1SZ(n)     ((uint64_t)(n) << 16)
#define TCR_WALK0_WB    ((1ull << 8) | (1ull << 10) | (3ull << 12))   /* inner shareable, write-back */
#define TCR_WALK1_WB    ((1ull << 24) | (1ull << 26) | (3ull << 28))
#define TCR_EPD1        (1ull << 23)        /* no walks through TTBR1 */
#define TCR_TG0_4K      (0ull << 14)
#define TCR_TG0_64K     (1ull << 14)
#define TCR_TG0_16K     (2ull << 14)
#define TCR_TG1_4K      (2ull << 30)
#define TCR_IPS_36      (1ull << 32)
/* TTBR0 only, 4 KiB granule, 39-bit VAs (walks start at level 1). */
#define TCR_TTBR0_4K_39 (TCR_T0SZ(25) | TCR_WALK0_WB | TCR_EPD1 | TCR_TG0_4K | TCR_IPS_36)

#define SCTLR_M (1ull << 0)
#define SCTLR_C (1ull << 2)
#define SCTLR_I (1ull << 12)

#define TTBR_ASID(asid) ((uint64_t)(asid) << 48)

/* Syndromes of aborts taken to EL1 from EL1 (same) and from EL0 (lower). */
#define ESR_DABT(iss) ESR(EC_DABT_SAME, iss)
#define ESR_IABT(iss) ESR(EC_IABT_SAME, iss)
#define ESR_DABT_LOWER(iss) ESR(EC_DABT_LOWER, iss)
#define ESR_IABT_LOWER(iss) ESR(EC_IABT_LOWER, iss)

static inline void tlb_flush_all(void)
{
    __asm__ volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
}

/* MAIR_VALUE, tcr and the table bases, then SCTLR_EL1 |= sctlr_bits. */
static inline void mmu_on(uint64_t tcr, uint64_t ttbr0, uint64_t ttbr1, uint64_t sctlr_bits)
{
    __asm__ volatile("dsb ish" ::: "memory");   /* the tables are written */
    SYSREG_WRITE(mair_el1, MAIR_VALUE);
    SYSREG_WRITE(tcr_el1, tcr);
    SYSREG_WRITE(ttbr0_el1, ttbr0);
    SYSREG_WRITE(ttbr1_el1, ttbr1);
    __asm__ volatile("isb" ::: "memory");
    tlb_flush_all();
    SYSREG_WRITE(sctlr_el1, SYSREG_READ(sctlr_el1) | sctlr_bits);
    __asm__ volatile("isb" ::: "memory");
}

static inline void mmu_off(uint64_t sctlr_bits)
{
    SYSREG_WRITE(sctlr_el1, SYSREG_READ(sctlr_el1) & ~sctlr_bits);
    __asm__ volatile("isb" ::: "memory");
    tlb_flush_all();
}

/*
 * 4 KiB granule, walks from level 1: the devices (0-1 GiB) as one level 1
 * block, RAM from 1 GiB as 2 MiB level 2 blocks 0..ram_blocks-1 with the
 * attributes 'ram' (NORMAL and any permission bits); the caller fills
 * l2's entries from ram_blocks on.
 */
static inline void mmu_map_devices_and_ram(uint64_t *l1, uint64_t *l2, uint64_t ram,
                                           unsigned ram_blocks)
{
    l1[0] = 0x00000000ull | DEVICE | D_BLOCK;
    l1[1] = (uint64_t)l2 | D_TABLE;
    for (unsigned i = 0; i < ram_blocks; i++) {
        l2[i] = (0x40000000ull + i * 0x200000ull) | ram | D_BLOCK;
    }
}

/* A 64-bit load that leaves 0xbad if it faults, and a 64-bit store, at a
 * virtual address the compiler knows nothing about. */
static inline uint64_t va_load(uint64_t va)
{
    uint64_t v = 0xbad;
    __asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(va) : "memory");
    return v;
}

static inline void va_store(uint64_t va, uint64_t v)
{
    __asm__ volatile("str %0, [%1]" :: "r"(v), "r"(va) : "memory");
}

/* Prints "what: esr 0x<ESR>" and checks the one exception caught: its
 * syndrome and fault address. */
static inline void mmu_check_fault(const char *what, uint64_t esr, uint64_t far)
{
    guest_check_caught(what, esr);
    CHECK_EQ(guest_caught.far, far);
}

#endif
