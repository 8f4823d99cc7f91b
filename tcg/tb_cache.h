/*
 * The translation cache of one vCPU: block memory, a hash table keyed by
 * (pc, physical pc, flags), a direct-mapped lookup in front of it, and per
 * physical page lists so that a write to a page drops the blocks on it.
 */
#ifndef PHALANX_TCG_TB_CACHE_H
#define PHALANX_TCG_TB_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcg/tb.h"

#define TB_JMP_CACHE_BITS 12

struct tb_cache {
    uint8_t    *arena;        /* block memory */
    size_t      arena_size;
    size_t      arena_used;
    struct tb **buckets;      /* hash table of valid blocks */
    unsigned    bucket_bits;
    struct tb  *jmp[1u << TB_JMP_CACHE_BITS]; /* direct-mapped by pc */
    uint64_t    ram_base;     /* pages tracked: the RAM that code can run from */
    uint64_t    ram_pages;
    struct tb **page_blocks;  /* per RAM page: list of blocks on it */
    uint64_t    flushes;      /* statistics */
    uint64_t    invalidations;
    uint64_t    translations;
};

struct tb_cache *tb_cache_new(uint64_t ram_base, uint64_t ram_size, size_t arena_size);
void tb_cache_free(struct tb_cache *c);

/* Valid block for the key, or NULL. Fills the direct-mapped lookup. */
struct tb *tb_cache_lookup(struct tb_cache *c, uint64_t pc, uint64_t phys_pc, uint32_t flags);

/* Fast lookup by pc only; the caller checks the rest of the key. */
static inline struct tb *tb_cache_jmp_lookup(struct tb_cache *c, uint64_t pc)
{
    return c->jmp[(pc >> 2) & ((1u << TB_JMP_CACHE_BITS) - 1)];
}

/*
 * Room for a block of up to max_ops ops. Flushes the whole cache first when
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

/* Empties the direct-mapped lookup for blocks at virtual addresses on the
 * page of va (the blocks stay: their physical key is still right). */
void tb_cache_jmp_invalidate_page(struct tb_cache *c, uint64_t va);

#endif
