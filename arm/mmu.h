/*
 * Stage 1 address translation for the EL1&0 regime (ARM ARM D5): the table
 * walk over TTBR0_EL1 / TTBR1_EL1 as TCR_EL1 describes them (4K, 16K and 64K
 * granules, 25..48-bit virtual addresses, 44-bit physical addresses), the
 * permissions a mapping grants (with PAN, FEAT_PAN), and the fault status code
 * when there is none.
 *
 * The walk knows nothing about the soft TLB or the bus: descriptors are read
 * through a callback, so unit tests can walk tables in a plain buffer.
 */
#ifndef PHALANX_ARM_MMU_H
#define PHALANX_ARM_MMU_H

#include <stdbool.h>
#include <stdint.h>

#define MMU_PA_BITS 44 /* ID_AA64MMFR0_EL1.PARange = 0b0100 */
#define MMU_SCTLR_M 1ull /* SCTLR_EL1.M: stage 1 translation on */

/* Permissions a mapping grants at one privilege. */
#define MMU_PERM_R 1u
#define MMU_PERM_W 2u
#define MMU_PERM_X 4u

/* Fault status codes (ESR DFSC/IFSC, PAR_EL1.FST); + level. */
#define MMU_FSC_ADDR_SIZE   0x00
#define MMU_FSC_TRANSLATION 0x04
#define MMU_FSC_ACCESS      0x08
#define MMU_FSC_PERMISSION  0x0c
#define MMU_FSC_WALK_EXT    0x14

enum mmu_access { MMU_READ, MMU_WRITE, MMU_EXEC };

/* The registers a walk reads (EL1&0 regime). */
struct mmu_regs {
    uint64_t sctlr; /* SCTLR_EL1: M, WXN */
    uint64_t tcr;   /* TCR_EL1 */
    uint64_t ttbr0; /* TTBR0_EL1 */
    uint64_t ttbr1; /* TTBR1_EL1 */
    bool     pan;     /* PSTATE.PAN applies: a privileged walk grants no read
                       * or write on pages EL0 may access (FEAT_PAN). Set only
                       * for EL1's data accesses: never for fetches, LDTR/STTR
                       * (EL0's permissions) or AT S1E1R/W (ARMv8.1) */
};

/* Reads the 8-byte descriptor at physical address pa; false: nothing there. */
typedef bool (*mmu_read_desc_fn)(void *ctx, uint64_t pa, uint64_t *desc);

struct mmu_result {
    uint64_t pa;    /* physical address of va (valid without a fault) */
    uint64_t size;  /* bytes mapped by the leaf: 4K, 16K, 64K or a block */
    unsigned perms; /* MMU_PERM_* granted to the privilege walked for */
    uint8_t  attr;  /* MAIR_EL1 attribute index of the leaf (0..7) */
    uint8_t  sh;    /* shareability field of the leaf */
    uint8_t  level; /* level of the leaf, or where the walk faulted */
    uint8_t  fsc;   /* fault status code (with level), when the walk failed */
};

/* Whether stage 1 translation is on (SCTLR_EL1.M). */
static inline bool mmu_enabled(const struct mmu_regs *r)
{
    return r->sctlr & MMU_SCTLR_M;
}

/*
 * Walks the tables for va at EL0 ('unpriv') or EL1. Returns false with
 * res->fsc set on a translation, address size, access flag or walk external
 * abort fault; returns true with res->perms filled otherwise (the caller
 * checks its access against them: mmu_check). With the MMU off va is the
 * physical address, every permission granted.
 */
bool mmu_walk(const struct mmu_regs *r, mmu_read_desc_fn read, void *ctx, uint64_t va,
              bool unpriv, struct mmu_result *res);

/* Walks and checks 'access'; on a permission fault res->fsc is set too. */
bool mmu_translate(const struct mmu_regs *r, mmu_read_desc_fn read, void *ctx, uint64_t va,
                   bool unpriv, enum mmu_access access, struct mmu_result *res);

/* PAR_EL1 value for an AT instruction's outcome. */
uint64_t mmu_par(bool ok, const struct mmu_result *res, uint64_t mair);

/* ASID that TCR_EL1.A1 selects (16 bits when TCR.AS, else 8). */
uint16_t mmu_asid(uint64_t tcr, uint64_t ttbr0, uint64_t ttbr1);

#endif
