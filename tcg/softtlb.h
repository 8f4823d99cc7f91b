/*
 * Soft TLB: guest virtual page -> host address addend.
 *
 * The fast path compares a tag with the access address masked to its page
 * plus its alignment bits; any flag bit in the tag (invalid, MMIO, page holds
 * translated code) or an unaligned address makes the compare fail and sends the
 * access to the slow path, which fills the entry, handles MMIO through the bus,
 * invalidates translated code on written pages and raises aborts.
 */
#ifndef PHALANX_TCG_SOFTTLB_H
#define PHALANX_TCG_SOFTTLB_H

#include <stdbool.h>
#include <stdint.h>

#include "arm/mmu.h"

#define TLB_PAGE_BITS 12
#define TLB_PAGE_SIZE (1ull << TLB_PAGE_BITS)
#define TLB_PAGE_MASK (~(TLB_PAGE_SIZE - 1))
#define TLB_SIZE      1024

/* Tag flag bits, at the top of the page offset: the fast path's compare keeps an access's
 * alignment bits (up to 16-byte accesses: bits 3..0), which must never be
 * mistaken for a flag. */
#define TLB_INVALID  (1ull << 11) /* entry holds nothing */
#define TLB_MMIO     (1ull << 10) /* page is a device: go through the bus */
#define TLB_CODE     (1ull << 9)  /* page holds translated code: writes invalidate it */

struct tlb_entry {
    uint64_t  read_tag;  /* page address for loads, or flags */
    uint64_t  write_tag; /* page address for stores, or flags */
    uintptr_t addend;    /* host address = guest address + addend */
    uint64_t  phys_page; /* physical address of the page */
};

_Static_assert(sizeof(struct tlb_entry) == 32, "TLB entries are 32 bytes");

/*
 * Code TLB entry: where the instructions of a virtual page come from, for
 * one regime. Filled by instruction fetches that passed their execute
 * permission check on a RAM page, so a fetch that hits needs no table walk;
 * emptied together with the data entry of the same slot (every flush).
 */
struct tlb_code_entry {
    uint64_t tag;       /* virtual page address, or TLB_INVALID */
    uint64_t phys_page; /* physical address of the page (RAM) */
};

/*
 * Translation regimes with a soft TLB each (like QEMU's mmu_idx): the tags
 * of an entry encode what that privilege may do with the page, so one
 * privilege never hits on another's entry. With the MMU off every access
 * uses MMU_IDX_EL1 (everything is allowed).
 */
enum mmu_idx {
    MMU_IDX_EL1     = 0, /* EL1 with PSTATE.PAN = 0, or MMU off */
    MMU_IDX_EL0     = 1, /* EL0 with the MMU on; also LDTR/STTR at EL1 */
    MMU_IDX_EL1_PAN = 2, /* EL1 with PSTATE.PAN = 1 and the MMU on: EL0's
                          * pages fault (FEAT_PAN). Data only: fetches
                          * ignore PAN and use MMU_IDX_EL1's code TLB */
    MMU_IDX_COUNT
};

/*
 * Where a soft TLB holds 4 KiB pieces of larger pages or blocks: the
 * smallest aligned region of virtual addresses (bits 55..0) holding all of
 * them since the TLB was last emptied. A TLBI by VA names one address of a
 * block but drops the whole block, whose pieces cannot be found one by one:
 * inside this region it empties the TLB (as QEMU does).
 */
struct tlb_large {
    uint64_t addr; /* base of the region */
    unsigned bits; /* log2 of its size; 0: no large page cached */
};

struct vcpu;
struct op;

/*
 * Empties every soft TLB, data and code. (The jump cache, which finds
 * blocks by virtual pc, checks its finds against the code TLB: it needs no
 * flush of its own.)
 */
void tlb_flush(struct vcpu *cpu);
/*
 * Drops what every soft TLB, data and code, holds for the virtual page of va
 * (bits 55..12; the top byte is ignored), all of it when va falls in a large
 * page or block (TLBI by VA).
 */
void tlb_flush_page(struct vcpu *cpu, uint64_t va);
/* Makes every entry for the physical page take the slow path on writes. */
void tlb_protect_code_page(struct vcpu *cpu, uint64_t phys_page);

/*
 * Physical address of the instruction at pc (4-byte aligned) for the
 * current regime, through the code TLB. False with *fsc set when the fetch
 * faults: a translation or permission fault, or FSC_SYNC_EXTERNAL when the
 * address is not RAM.
 */
bool tlb_fetch(struct vcpu *cpu, uint64_t pc, uint64_t *phys_pc, uint32_t *fsc);

/* Slow paths: 'op' identifies the faulting instruction for aborts. */
uint64_t tlb_read_slow(struct vcpu *cpu, uint64_t va, unsigned size, const struct op *op);
void tlb_write_slow(struct vcpu *cpu, uint64_t va, uint64_t val, unsigned size,
                    const struct op *op);
/* Translates va for the EL1&0 regime as it is now (EL0's permissions when
 * 'unpriv'), without PSTATE.PAN (for fetches, IC and AT S1E1R/W); false with
 * res->fsc set on a fault. */
bool vcpu_translate(struct vcpu *cpu, uint64_t va, bool unpriv, enum mmu_access access,
                    struct mmu_result *res);

/* Slow paths through the soft TLB of regime 'idx' (unprivileged accesses). */
uint64_t tlb_read_slow_idx(struct vcpu *cpu, unsigned idx, uint64_t va, unsigned size,
                           const struct op *op);
void tlb_write_slow_idx(struct vcpu *cpu, unsigned idx, uint64_t va, uint64_t val,
                        unsigned size, const struct op *op);
/* Host pointer for 'size' bytes at va for a fast helper (DC ZVA, exclusives);
 * raises an abort on non-RAM. */
void *tlb_host_ptr(struct vcpu *cpu, uint64_t va, unsigned size, int is_write,
                   const struct op *op);

#endif
