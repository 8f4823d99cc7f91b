/* Cache and TLB maintenance: the one place every IC and TLBI goes through. */
#include "tcg/cache_maint.h"

#include "tcg/tb_cache.h"
#include "tcg/vcpu.h"

/*
 * IC IVAU names a virtual address: translate it (without faulting: QEMU
 * treats an untranslatable address as a no-op) to find the page to drop.
 * Linux issues one per cache line of a range: the soft TLB usually holds
 * the page already.
 */
static bool code_phys_addr(struct vcpu *cpu, uint64_t va, uint64_t *pa)
{
    const struct tlb_entry *e = tlb_entry_for(cpu, va);
    if ((e->read_tag & (TLB_PAGE_MASK | TLB_INVALID)) == (va & TLB_PAGE_MASK)) {
        *pa = e->phys_page | (va & ~TLB_PAGE_MASK);
        return true;
    }
    struct mmu_result res;
    if (!vcpu_translate(cpu, va, cpu->s.el == 0, MMU_READ, &res)) {
        return false;
    }
    *pa = res.pa;
    return true;
}

void cpu_icache_invalidate(struct vcpu *cpu, uint64_t va, bool all, bool broadcast)
{
    /* Broadcast to other vCPUs comes with multi-process SMP; with one vCPU
     * the local invalidation is the whole effect. */
    (void)broadcast;
    if (all) {
        tb_cache_flush(cpu->cache);
        cpu->stats.tb_cache_flushes++;
        return;
    }
    uint64_t pa;
    if (code_phys_addr(cpu, va, &pa)) {
        cpu->stats.ic_invalidations++;
        cpu->stats.blocks_dropped += tb_cache_invalidate_page(cpu->cache, pa);
    }
}

/*
 * The soft TLB holds the current ASID's translations only (a TTBR or TCR
 * write that changes the ASID empties it), plus global ones. So the by-VA
 * kinds drop the page whatever ASID they name (more than asked for when the
 * ASID is another one, which is allowed), and the ASID and all kinds empty
 * everything.
 */
void cpu_tlb_invalidate(struct vcpu *cpu, enum tlbi_kind kind, uint64_t xt, bool broadcast)
{
    /* Broadcast to other vCPUs comes with multi-process SMP. */
    (void)broadcast;
    switch (kind) {
    case TLBI_VA:
    case TLBI_VA_LAST:
    case TLBI_VAA:
    case TLBI_VAA_LAST:
        /* Xt[43:0] = VA[55:12]. */
        tlb_flush_page(cpu, (xt & 0xfffffffffffull) << 12);
        return;
    case TLBI_ALL:
    case TLBI_ASID:
        break;
    }
    tlb_flush(cpu);
}
