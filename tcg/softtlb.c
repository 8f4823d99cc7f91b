/* Soft TLB fill and slow paths. With the MMU off, virtual = physical. */
#include "tcg/softtlb.h"

#include <inttypes.h>
#include <string.h>

#include "arm/exception.h"
#include "devices/bus.h"
#include "tcg/tb_cache.h"
#include "tcg/vcpu.h"
#include "util/log.h"

#define PA_BITS 44

void tlb_flush(struct vcpu *cpu)
{
    for (unsigned i = 0; i < TLB_SIZE; i++) {
        cpu->tlb[i].read_tag = TLB_INVALID;
        cpu->tlb[i].write_tag = TLB_INVALID;
        cpu->tlb[i].addend = 0;
        cpu->tlb[i].phys_page = 0;
    }
}

void tlb_protect_code_page(struct vcpu *cpu, uint64_t phys_page)
{
    for (unsigned i = 0; i < TLB_SIZE; i++) {
        struct tlb_entry *e = &cpu->tlb[i];
        if (!(e->write_tag & (TLB_INVALID | TLB_MMIO)) && e->phys_page == phys_page) {
            e->write_tag |= TLB_CODE;
        }
    }
}

static void tlb_unprotect_code_page(struct vcpu *cpu, uint64_t phys_page)
{
    for (unsigned i = 0; i < TLB_SIZE; i++) {
        struct tlb_entry *e = &cpu->tlb[i];
        if ((e->write_tag & TLB_CODE) && e->phys_page == phys_page) {
            e->write_tag &= ~TLB_CODE;
        }
    }
}

_Noreturn static void data_abort(struct vcpu *cpu, const struct op *op, uint64_t va,
                                 uint32_t fsc, int is_write)
{
    uint32_t ec = cpu->s.el ? EC_DATA_ABORT_SAME : EC_DATA_ABORT_LOWER;
    cpu_raise_sync(cpu, op, ec, fsc | (is_write ? ISS_WNR : 0), va);
}

/* Translates va and fills its entry; raises an abort when nothing is there. */
static struct tlb_entry *tlb_fill(struct vcpu *cpu, uint64_t va, int is_write,
                                  const struct op *op)
{
    struct tlb_entry *e = tlb_entry_for(cpu, va);
    uint64_t page = va & TLB_PAGE_MASK;
    if (va >> PA_BITS) {
        data_abort(cpu, op, va, FSC_ADDR_SIZE_L0, is_write);
    }
    uint64_t pa_page = page;
    uint8_t *host = bus_ram_ptr(cpu->bus, pa_page, TLB_PAGE_SIZE);
    e->phys_page = pa_page;
    if (host) {
        e->addend = (uintptr_t)host - page;
        e->read_tag = page;
        e->write_tag = page | (tb_cache_page_has_code(cpu->cache, pa_page) ? TLB_CODE : 0);
    } else if (bus_find_mmio(cpu->bus, va)) {
        e->addend = 0;
        e->read_tag = page | TLB_MMIO;
        e->write_tag = page | TLB_MMIO;
    } else {
        e->read_tag = e->write_tag = TLB_INVALID;
        log_item_printf(LOG_GUEST_ERRORS, "%s of unmapped physical address 0x%" PRIx64
                        " at pc 0x%" PRIx64 "\n", is_write ? "write" : "read", va,
                        op_pc(cpu, op));
        data_abort(cpu, op, va, FSC_SYNC_EXTERNAL, is_write);
    }
    return e;
}

static struct tlb_entry *tlb_lookup(struct vcpu *cpu, uint64_t va, int is_write,
                                    const struct op *op)
{
    struct tlb_entry *e = tlb_entry_for(cpu, va);
    uint64_t tag = is_write ? e->write_tag : e->read_tag;
    if ((tag & (TLB_PAGE_MASK | TLB_INVALID)) != (va & TLB_PAGE_MASK)) {
        e = tlb_fill(cpu, va, is_write, op);
    }
    return e;
}

static bool crosses_page(uint64_t va, unsigned size)
{
    return (va & (TLB_PAGE_SIZE - 1)) + size > TLB_PAGE_SIZE;
}

uint64_t tlb_read_slow(struct vcpu *cpu, uint64_t va, unsigned size, const struct op *op)
{
    if (crosses_page(va, size)) {
        uint64_t v = 0;
        for (unsigned i = 0; i < size; i++) {
            v |= tlb_read_slow(cpu, va + i, 1, op) << (8 * i);
        }
        return v;
    }
    struct tlb_entry *e = tlb_lookup(cpu, va, 0, op);
    if (e->read_tag & TLB_MMIO) {
        uint64_t pa = e->phys_page | (va & ~TLB_PAGE_MASK);
        uint64_t v;
        if (!bus_read(cpu->bus, pa, size, &v)) {
            log_item_printf(LOG_GUEST_ERRORS, "read of unmapped physical address 0x%" PRIx64 "\n",
                            pa);
            data_abort(cpu, op, va, FSC_SYNC_EXTERNAL, 0);
        }
        return v;
    }
    uint64_t v = 0;
    memcpy(&v, (const void *)(uintptr_t)(va + e->addend), size);
    return v;
}

/* Writes within one page; returns true when the write dropped the block that
 * is running (its code page was written). */
static bool write_in_page(struct vcpu *cpu, uint64_t va, uint64_t val, unsigned size,
                          const struct op *op)
{
    struct tlb_entry *e = tlb_lookup(cpu, va, 1, op);
    if (e->write_tag & TLB_MMIO) {
        uint64_t pa = e->phys_page | (va & ~TLB_PAGE_MASK);
        if (size < 8) {
            val &= (1ull << (8 * size)) - 1;
        }
        if (!bus_write(cpu->bus, pa, val, size)) {
            log_item_printf(LOG_GUEST_ERRORS, "write of unmapped physical address 0x%" PRIx64 "\n",
                            pa);
            data_abort(cpu, op, va, FSC_SYNC_EXTERNAL, 1);
        }
        return false;
    }
    bool dropped_current = false;
    if (e->write_tag & TLB_CODE) {
        uint64_t phys_page = e->phys_page;
        tb_cache_invalidate_page(cpu->cache, phys_page);
        tlb_unprotect_code_page(cpu, phys_page);
        /* Cached or one-off, the running block was decoded from this page. */
        dropped_current = ((cpu->tb->phys_pc ^ phys_page) >> TLB_PAGE_BITS) == 0;
    }
    memcpy((void *)(uintptr_t)(va + e->addend), &val, size);
    return dropped_current;
}

void tlb_write_slow(struct vcpu *cpu, uint64_t va, uint64_t val, unsigned size,
                    const struct op *op)
{
    bool dropped_current = false;
    if (crosses_page(va, size)) {
        /* Check both pages first so a fault leaves memory untouched. */
        tlb_lookup(cpu, va, 1, op);
        tlb_lookup(cpu, va + size - 1, 1, op);
        for (unsigned i = 0; i < size; i++) {
            dropped_current |= write_in_page(cpu, va + i, (val >> (8 * i)) & 0xff, 1, op);
        }
    } else {
        dropped_current = write_in_page(cpu, va, val, size, op);
    }
    if (dropped_current) {
        /* The block running now was overwritten: continue from fresh code
         * once this instruction (which may write more) has finished. */
        cpu_end_block_after(cpu, op);
    }
}

void *tlb_host_ptr(struct vcpu *cpu, uint64_t va, unsigned size, int is_write,
                   const struct op *op)
{
    struct tlb_entry *e = tlb_lookup(cpu, va, is_write, op);
    if ((e->read_tag & TLB_MMIO) || crosses_page(va, size)) {
        return NULL;
    }
    if (is_write && (e->write_tag & TLB_CODE)) {
        tb_cache_invalidate_page(cpu->cache, e->phys_page);
        tlb_unprotect_code_page(cpu, e->phys_page);
        if (((cpu->tb->phys_pc ^ e->phys_page) >> TLB_PAGE_BITS) == 0) {
            cpu_end_block_after(cpu, op);
        }
    }
    return (void *)(uintptr_t)(va + e->addend);
}
