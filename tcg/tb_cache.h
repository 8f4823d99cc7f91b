/*
 * The translation cache of one vCPU: block memory, a hash table keyed by
 * (pc, physical pc, flags), a direct-mapped lookup in front of it, and per
 * physical page lists so that a write to a page drops the blocks on it.
 *
 * The direct-mapped lookup (jump cache) finds a block by virtual pc alone.
 * It answers only when the vCPU's code TLB maps pc to the block's physical
 * page right now, so a TLB flush or TLBI, which empties code TLB entries,
 * need not touch it (clearing it there made most of the boot's block
 * lookups miss).
 */
#ifndef PHALANX_TCG_TB_CACHE_H
#define PHALANX_TCG_TB_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcg/softtlb.h"
#include "tcg/tb.h"

#define TB_JMP_CACHE_BITS 14

struct tb_cache {
    uint8_t    *arena;        /* block memory */
    size_t      arena_size;
    size_t      arena_used;
    struct tb **buckets;      /* hash table of valid blocks */
    unsigned    bucket_bits;
    struct tb  *jmp[1u << TB_JMP_CACHE_BITS]; /* direct-mapped by pc */
    const struct tlb_code_entry *code_tlb;    /* the vCPU's code TLB for its
                                                 current regime (set by it) */
    uint64_t    ram_base;     /* pages tracked: the RAM that code can run from */
    uint64_t    ram_pages;
    struct tb **page_blocks;  /* per RAM page: list of blocks on it */
};

struct tb_cache *tb_cache_new(uint64_t ram_base, uint64_t ram_size, size_t arena_size);
void tb_cache_free(struct tb_cache *c);

/* Valid block for the key, or NULL. Fills the direct-mapped lookup. */
struct tb *tb_cache_lookup(struct tb_cache *c, uint64_t pc, uint64_t phys_pc, uint32_t flags);

/* Slot of pc in the jump cache: the instruction's index within its
 * 2^(TB_JMP_CACHE_BITS + 2)-byte region, mixed with the bits above it so
 * that code at the same offset of such regions does not collide. */
static inline unsigned tb_jmp_index(uint64_t pc)
{
    return (unsigned)((pc >> 2) ^ (pc >> (TB_JMP_CACHE_BITS + 2))) &
           ((1u << TB_JMP_CACHE_BITS) - 1);
}

/* What the jump cache holds for pc, unchecked: the caller checks it all. */
static inline struct tb *tb_cache_jmp_slot(const struct tb_cache *c, uint64_t pc)
{
    return c->jmp[tb_jmp_index(pc)];
}

/*
 * Fast lookup by pc: the jump cache's block for pc when the code TLB
 * (c->code_tlb, which must be set) maps pc's page to the block's physical
 * page, else NULL. The caller checks the rest of the key (pc, flags, valid).
 */
static inline struct tb *tb_cache_jmp_lookup(const struct tb_cache *c, uint64_t pc)
{
    struct tb *tb = c->jmp[tb_jmp_index(pc)];
    const struct tlb_code_entry *e = &c->code_tlb[(pc >> TLB_PAGE_BITS) & (TLB_SIZE - 1)];
    if (tb && e->tag == (pc & TLB_PAGE_MASK) && e->phys_page == (tb->phys_pc & TLB_PAGE_MASK)) {
        return tb;
    }
    return NULL;
}

/*
 * Room for a block of up to max_ops ops: the block header is zeroed, the
 * ops are not (the caller writes them). Flushes the whole cache first when
 * the arena is full (*flushed is then set): every block pointer is stale.
 */
struct tb *tb_cache_alloc(struct tb_cache *c, unsigned max_ops, bool *flushed);

/*
 * Publishes a block built in the room from tb_cache_alloc with n_ops ops.
 * Returns true when it is the first block on its page (the caller must then
 * make stores to the page take the slow path).
 */
bool tb_cache_insert(struct tb_cache *c, struct tb *tb, unsigned n_ops);

bool tb_cache_page_has_code(const struct tb_cache *c, uint64_t phys_addr);

/* Drops every block on the physical page of phys_addr; returns how many. */
unsigned tb_cache_invalidate_page(struct tb_cache *c, uint64_t phys_addr);

/* Drops every block. */
void tb_cache_flush(struct tb_cache *c);

#endif
