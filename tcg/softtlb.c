/*
 * Soft TLB fill, invalidation and slow paths: stage 1 translation
 * (arm/mmu.c) of a virtual page for one regime, cached 4 KiB at a time
 * (blocks and larger pages too, whose whereabouts each TLB remembers for
 * TLBI by VA), for data accesses and, in a code TLB beside each, for
 * instruction fetches.
 */
#include "tcg/softtlb.h"

#include <inttypes.h>
#include <string.h>

#include "arm/exception.h"
#include "arm/mmu.h"
#include "devices/bus.h"
#include "tcg/tb_cache.h"
#include "tcg/vcpu.h"
#include "util/log.h"

/* TLBI by VA names address bits 55..12: the top byte plays no part. */
#define TLBI_VA_MASK ((1ull << 56) - 1)

static void tlb_entry_clear(struct tlb_entry *e)
{
    e->read_tag = TLB_INVALID;
    e->write_tag = TLB_INVALID;
    e->addend = 0;
    e->phys_page = 0;
}

static void tlb_code_entry_clear(struct tlb_code_entry *e)
{
    e->tag = TLB_INVALID;
    e->phys_page = 0;
}

static void tlb_flush_one(struct vcpu *cpu, unsigned idx)
{
    for (unsigned i = 0; i < TLB_SIZE; i++) {
        tlb_entry_clear(&cpu->tlbs[idx][i]);
        tlb_code_entry_clear(&cpu->code_tlbs[idx][i]);
    }
    cpu->tlb_large[idx].bits = 0;
}

void tlb_flush(struct vcpu *cpu)
{
    cpu->stats.tlb_flushes++;
    for (unsigned idx = 0; idx < MMU_IDX_COUNT; idx++) {
        tlb_flush_one(cpu, idx);
    }
}

/* Widens the large-page region of a TLB to cover the page of 'size' at va. */
static void tlb_note_large(struct tlb_large *lp, uint64_t va, uint64_t size)
{
    unsigned bits = (unsigned)__builtin_ctzll(size);
    va &= TLBI_VA_MASK;
    if (lp->bits == 0) {
        lp->addr = va;
        lp->bits = bits;
    } else if (bits > lp->bits) {
        lp->bits = bits;
    }
    while (((lp->addr ^ va) >> lp->bits) != 0) { /* ends at 56 bits at most */
        lp->bits++;
    }
    lp->addr &= ~((1ull << lp->bits) - 1);
}

static bool tlb_in_large(const struct tlb_large *lp, uint64_t va)
{
    return lp->bits && (((va & TLBI_VA_MASK) ^ lp->addr) >> lp->bits) == 0;
}

void tlb_flush_page(struct vcpu *cpu, uint64_t va)
{
    cpu->stats.tlb_page_flushes++;
    for (unsigned idx = 0; idx < MMU_IDX_COUNT; idx++) {
        if (tlb_in_large(&cpu->tlb_large[idx], va)) {
            tlb_flush_one(cpu, idx);
        } else {
            /* The slot depends on bits 12 and up only: whatever the top
             * byte of the addresses that filled it, this is the one. */
            unsigned slot = (va >> TLB_PAGE_BITS) & (TLB_SIZE - 1);
            tlb_entry_clear(&cpu->tlbs[idx][slot]);
            tlb_code_entry_clear(&cpu->code_tlbs[idx][slot]);
        }
    }
}

void tlb_protect_code_page(struct vcpu *cpu, uint64_t phys_page)
{
    /* Every entry is looked at: the rare physical match first. */
    for (unsigned idx = 0; idx < MMU_IDX_COUNT; idx++) {
        for (unsigned i = 0; i < TLB_SIZE; i++) {
            struct tlb_entry *e = &cpu->tlbs[idx][i];
            if (e->phys_page == phys_page && !(e->write_tag & (TLB_INVALID | TLB_MMIO))) {
                e->write_tag |= TLB_CODE;
            }
        }
    }
}

static void tlb_unprotect_code_page(struct vcpu *cpu, uint64_t phys_page)
{
    for (unsigned idx = 0; idx < MMU_IDX_COUNT; idx++) {
        for (unsigned i = 0; i < TLB_SIZE; i++) {
            struct tlb_entry *e = &cpu->tlbs[idx][i];
            if ((e->write_tag & TLB_CODE) && e->phys_page == phys_page) {
                e->write_tag &= ~TLB_CODE;
            }
        }
    }
}

_Noreturn static void data_abort(struct vcpu *cpu, const struct op *op, uint64_t va,
                                 uint32_t fsc, int is_write)
{
    uint32_t ec = cpu->s.el ? EC_DATA_ABORT_SAME : EC_DATA_ABORT_LOWER;
    cpu_raise_sync(cpu, op, ec, fsc | (is_write ? ISS_WNR : 0), va);
}

static bool read_desc(void *ctx, uint64_t pa, uint64_t *desc)
{
    const uint8_t *p = bus_ram_ptr(((struct vcpu *)ctx)->bus, pa, 8);
    if (!p) {
        return false;
    }
    memcpy(desc, p, 8);
    return true;
}

static bool translate_pan(struct vcpu *cpu, uint64_t va, bool unpriv, bool pan,
                          enum mmu_access access, struct mmu_result *res)
{
    const struct arm_el1_regs *el1 = &cpu->s.el1;
    struct mmu_regs regs = { .sctlr = el1->sctlr, .tcr = el1->tcr, .ttbr0 = el1->ttbr0,
                             .ttbr1 = el1->ttbr1, .pan = pan };
    if (mmu_enabled(&regs)) {
        cpu->stats.walks++;
    }
    return mmu_translate(&regs, read_desc, cpu, va, unpriv, access, res);
}

bool vcpu_translate(struct vcpu *cpu, uint64_t va, bool unpriv, enum mmu_access access,
                    struct mmu_result *res)
{
    return translate_pan(cpu, va, unpriv, false, access, res);
}

/* Translates va for regime idx and fills its entry; raises an abort when the
 * access is not allowed or nothing is there. */
static struct tlb_entry *tlb_fill(struct vcpu *cpu, unsigned idx, uint64_t va, int is_write,
                                  const struct op *op)
{
    struct tlb_entry *e = &cpu->tlbs[idx][(va >> TLB_PAGE_BITS) & (TLB_SIZE - 1)];
    uint64_t page = va & TLB_PAGE_MASK;
    struct mmu_result res;
    cpu->stats.tlb_fills++;
    if (!translate_pan(cpu, va, idx == MMU_IDX_EL0, idx == MMU_IDX_EL1_PAN,
                       is_write ? MMU_WRITE : MMU_READ, &res)) {
        data_abort(cpu, op, va, res.fsc, is_write);
    }
    uint64_t pa_page = res.pa & TLB_PAGE_MASK;
    if (res.size > TLB_PAGE_SIZE) {
        tlb_note_large(&cpu->tlb_large[idx], va, res.size);
    }
    uint64_t rd = (res.perms & MMU_PERM_R) ? page : TLB_INVALID;
    uint64_t wr = (res.perms & MMU_PERM_W) ? page : TLB_INVALID;
    uint8_t *host = bus_ram_ptr(cpu->bus, pa_page, TLB_PAGE_SIZE);
    e->phys_page = pa_page;
    if (host) {
        e->addend = (uintptr_t)host - page;
        e->read_tag = rd;
        e->write_tag = wr | (wr != TLB_INVALID && tb_cache_page_has_code(cpu->cache, pa_page)
                             ? TLB_CODE : 0);
    } else if (bus_find_mmio(cpu->bus, res.pa)) {
        e->addend = 0;
        e->read_tag = rd | (rd != TLB_INVALID ? TLB_MMIO : 0);
        e->write_tag = wr | (wr != TLB_INVALID ? TLB_MMIO : 0);
    } else {
        e->read_tag = e->write_tag = TLB_INVALID;
        log_item_printf(LOG_GUEST_ERRORS, "%s of unmapped physical address 0x%" PRIx64
                        " at pc 0x%" PRIx64 "\n", is_write ? "write" : "read", res.pa,
                        op_pc(cpu, op));
        data_abort(cpu, op, va, FSC_SYNC_EXTERNAL, is_write);
    }
    return e;
}

bool tlb_fetch(struct vcpu *cpu, uint64_t pc, uint64_t *phys_pc, uint32_t *fsc)
{
    struct tlb_code_entry *e = tlb_code_entry_for(cpu, pc);
    uint64_t page = pc & TLB_PAGE_MASK;
    if (likely(e->tag == page)) {
        *phys_pc = e->phys_page | (pc & ~TLB_PAGE_MASK);
        return true;
    }
    unsigned idx = cpu->code_idx;
    cpu->stats.code_tlb_misses++;
    struct mmu_result res;
    if (!translate_pan(cpu, pc, idx == MMU_IDX_EL0, false, MMU_EXEC, &res)) {
        *fsc = res.fsc;
        return false;
    }
    uint64_t pa_page = res.pa & TLB_PAGE_MASK;
    if (!bus_ram_ptr(cpu->bus, res.pa, 4)) {
        log_item_printf(LOG_GUEST_ERRORS, "instruction fetch from non-RAM address 0x%" PRIx64
                        "\n", res.pa);
        *fsc = FSC_SYNC_EXTERNAL;
        return false;
    }
    if (bus_ram_ptr(cpu->bus, pa_page, TLB_PAGE_SIZE)) { /* all of it: cache it */
        if (res.size > TLB_PAGE_SIZE) {
            tlb_note_large(&cpu->tlb_large[idx], pc, res.size);
        }
        e->tag = page;
        e->phys_page = pa_page;
    }
    *phys_pc = res.pa;
    return true;
}

static struct tlb_entry *tlb_lookup(struct vcpu *cpu, unsigned idx, uint64_t va, int is_write,
                                    const struct op *op)
{
    struct tlb_entry *e = &cpu->tlbs[idx][(va >> TLB_PAGE_BITS) & (TLB_SIZE - 1)];
    uint64_t tag = is_write ? e->write_tag : e->read_tag;
    if ((tag & (TLB_PAGE_MASK | TLB_INVALID)) != (va & TLB_PAGE_MASK)) {
        e = tlb_fill(cpu, idx, va, is_write, op);
    }
    return e;
}

static bool crosses_page(uint64_t va, unsigned size)
{
    return (va & (TLB_PAGE_SIZE - 1)) + size > TLB_PAGE_SIZE;
}

uint64_t tlb_read_slow_idx(struct vcpu *cpu, unsigned idx, uint64_t va, unsigned size,
                           const struct op *op)
{
    if (crosses_page(va, size)) {
        uint64_t v = 0;
        for (unsigned i = 0; i < size; i++) {
            v |= tlb_read_slow_idx(cpu, idx, va + i, 1, op) << (8 * i);
        }
        return v;
    }
    struct tlb_entry *e = tlb_lookup(cpu, idx, va, 0, op);
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
static bool write_in_page(struct vcpu *cpu, unsigned idx, uint64_t va, uint64_t val,
                          unsigned size, const struct op *op)
{
    struct tlb_entry *e = tlb_lookup(cpu, idx, va, 1, op);
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
        cpu->stats.code_pages_written++;
        cpu->stats.blocks_dropped += tb_cache_invalidate_page(cpu->cache, phys_page);
        tlb_unprotect_code_page(cpu, phys_page);
        /* Cached or one-off, the running block was decoded from this page. */
        dropped_current = ((cpu->tb->phys_pc ^ phys_page) >> TLB_PAGE_BITS) == 0;
    }
    memcpy((void *)(uintptr_t)(va + e->addend), &val, size);
    return dropped_current;
}

void tlb_write_slow_idx(struct vcpu *cpu, unsigned idx, uint64_t va, uint64_t val,
                        unsigned size, const struct op *op)
{
    bool dropped_current = false;
    if (crosses_page(va, size)) {
        /* Check both pages first so a fault leaves memory untouched. */
        tlb_lookup(cpu, idx, va, 1, op);
        tlb_lookup(cpu, idx, va + size - 1, 1, op);
        for (unsigned i = 0; i < size; i++) {
            dropped_current |= write_in_page(cpu, idx, va + i, (val >> (8 * i)) & 0xff, 1, op);
        }
    } else {
        dropped_current = write_in_page(cpu, idx, va, val, size, op);
    }
    if (dropped_current) {
        /* The block running now was overwritten: continue from fresh code
         * once this instruction (which may write more) has finished. */
        cpu_end_block_after(cpu, op);
    }
}

uint64_t tlb_read_slow(struct vcpu *cpu, uint64_t va, unsigned size, const struct op *op)
{
    return tlb_read_slow_idx(cpu, cpu->mmu_idx, va, size, op);
}

void tlb_write_slow(struct vcpu *cpu, uint64_t va, uint64_t val, unsigned size,
                    const struct op *op)
{
    tlb_write_slow_idx(cpu, cpu->mmu_idx, va, val, size, op);
}

void *tlb_host_ptr(struct vcpu *cpu, uint64_t va, unsigned size, int is_write,
                   const struct op *op)
{
    struct tlb_entry *e = tlb_entry_for(cpu, va);
    /* A tag equal to the page has no flag: RAM, access allowed, and for a
     * write no code on the page. */
    if (likely((is_write ? e->write_tag : e->read_tag) == (va & TLB_PAGE_MASK) &&
               !crosses_page(va, size))) {
        return (void *)(uintptr_t)(va + e->addend);
    }
    e = tlb_lookup(cpu, cpu->mmu_idx, va, is_write, op);
    if ((e->read_tag & TLB_MMIO) || crosses_page(va, size)) {
        return NULL;
    }
    if (is_write && (e->write_tag & TLB_CODE)) {
        cpu->stats.code_pages_written++;
        cpu->stats.blocks_dropped += tb_cache_invalidate_page(cpu->cache, e->phys_page);
        tlb_unprotect_code_page(cpu, e->phys_page);
        if (((cpu->tb->phys_pc ^ e->phys_page) >> TLB_PAGE_BITS) == 0) {
            cpu_end_block_after(cpu, op);
        }
    }
    return (void *)(uintptr_t)(va + e->addend);
}
