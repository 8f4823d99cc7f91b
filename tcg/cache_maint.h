/*
 * Cache and TLB maintenance that the guest must issue for others to see its
 * changes: instruction cache invalidation (IC) and TLB invalidation (TLBI).
 *
 * Every IC and TLBI instruction ends up here, and only here, so that the
 * multi-vCPU work can broadcast the "inner shareable" ones to the other vCPUs
 * at the quantum boundary from this one place.
 */
#ifndef PHALANX_TCG_CACHE_MAINT_H
#define PHALANX_TCG_CACHE_MAINT_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

/*
 * Drops the translations of the code at virtual address va (its whole page),
 * or of all code when 'all' is set. 'broadcast': the instruction applies to
 * every vCPU of the inner shareable domain (IC IVAU, IC IALLUIS), not only to
 * this one (IC IALLU).
 */
void cpu_icache_invalidate(struct vcpu *cpu, uint64_t va, bool all, bool broadcast);

/* What a TLBI instruction names (the register operand's meaning). */
enum tlbi_kind {
    TLBI_ALL,       /* VMALLE1: every entry of the current VMID */
    TLBI_ASID,      /* ASIDE1: Xt[63:48] = ASID */
    TLBI_VA,        /* VAE1: Xt[63:48] = ASID, Xt[43:0] = VA[55:12] */
    TLBI_VA_LAST,   /* VALE1: as VAE1, last level only */
    TLBI_VAA,       /* VAAE1: Xt[43:0] = VA[55:12], any ASID */
    TLBI_VAA_LAST,  /* VAALE1 */
};

/*
 * Invalidates TLB entries: the by-VA kinds drop that page from every
 * privilege's soft TLB, data and code (so the jump cache, checked against
 * the code TLB, no longer finds the blocks there by virtual pc), or
 * everything when it lies in a cached block or larger page; the others
 * empty every soft TLB. Dropping more than asked is always correct:
 * it only costs refills.
 */
void cpu_tlb_invalidate(struct vcpu *cpu, enum tlbi_kind kind, uint64_t xt, bool broadcast);

#endif
