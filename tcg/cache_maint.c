/* Cache and TLB maintenance: the one place every IC and TLBI goes through. */
#include "tcg/cache_maint.h"

#include "tcg/tb_cache.h"
#include "tcg/vcpu.h"

/*
 * With the MMU off a virtual address is its physical address. When stage 1
 * translation exists, IC IVAU must translate va (without faulting: QEMU
 * treats an untranslatable address as a no-op) before dropping the page.
 */
static bool code_phys_addr(struct vcpu *cpu, uint64_t va, uint64_t *pa)
{
    (void)cpu;
    *pa = va;
    return true;
}

void cpu_icache_invalidate(struct vcpu *cpu, uint64_t va, bool all, bool broadcast)
{
    /* Broadcast to other vCPUs comes with multi-process SMP; with one vCPU
     * the local invalidation is the whole effect. */
    (void)broadcast;
    if (all) {
        tb_cache_flush(cpu->cache);
        return;
    }
    uint64_t pa;
    if (code_phys_addr(cpu, va, &pa)) {
        tb_cache_invalidate_page(cpu->cache, pa);
    }
}

void cpu_tlb_invalidate(struct vcpu *cpu, enum tlbi_kind kind, uint64_t xt, bool broadcast)
{
    (void)kind;
    (void)xt;
    (void)broadcast;
    tlb_flush(cpu);
}
