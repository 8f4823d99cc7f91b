/* Translation cache: block arena, hash table, per-page lists. */
#include "tcg/tb_cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define DEFAULT_BUCKET_BITS 16

static unsigned hash_key(uint64_t pc, uint64_t phys_pc, uint32_t flags, unsigned bits)
{
    uint64_t h = (pc ^ (phys_pc * 0x9e3779b97f4a7c15ull) ^ flags) * 0xff51afd7ed558ccdull;
    return (unsigned)(h >> (64 - bits));
}

struct tb_cache *tb_cache_new(uint64_t ram_base, uint64_t ram_size, size_t arena_size)
{
    struct tb_cache *c = calloc(1, sizeof(*c));
    if (!c) {
        return NULL;
    }
    /* Reserved, not committed: untouched block memory costs nothing. */
    c->arena = mmap(NULL, arena_size, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    c->arena_size = arena_size;
    c->bucket_bits = DEFAULT_BUCKET_BITS;
    c->buckets = calloc(1u << c->bucket_bits, sizeof(*c->buckets));
    c->ram_base = ram_base;
    c->ram_pages = (ram_size + (1u << TB_PAGE_BITS) - 1) >> TB_PAGE_BITS;
    c->page_blocks = calloc(c->ram_pages ? c->ram_pages : 1, sizeof(*c->page_blocks));
    if (c->arena == MAP_FAILED || !c->buckets || !c->page_blocks) {
        if (c->arena == MAP_FAILED) {
            c->arena = NULL;
        }
        tb_cache_free(c);
        return NULL;
    }
    return c;
}

void tb_cache_free(struct tb_cache *c)
{
    if (!c) {
        return;
    }
    if (c->arena) {
        munmap(c->arena, c->arena_size);
    }
    free(c->buckets);
    free(c->page_blocks);
    free(c);
}

struct tb *tb_cache_lookup(struct tb_cache *c, uint64_t pc, uint64_t phys_pc, uint32_t flags)
{
    struct tb *tb = c->buckets[hash_key(pc, phys_pc, flags, c->bucket_bits)];
    for (; tb; tb = tb->hash_next) {
        if (tb->pc == pc && tb->phys_pc == phys_pc && tb->flags == flags) {
            c->jmp[tb_jmp_index(pc)] = tb;
            return tb;
        }
    }
    return NULL;
}

void tb_cache_flush(struct tb_cache *c)
{
    /* A flush from a running block (IC IALLU) leaves chained links to these
     * blocks reachable until the run loop is back: make them fail their check. */
    for (size_t b = 0; b < (size_t)1 << c->bucket_bits; b++) {
        for (struct tb *tb = c->buckets[b]; tb; tb = tb->hash_next) {
            tb->valid = false;
        }
    }
    c->arena_used = 0;
    memset(c->buckets, 0, (sizeof(*c->buckets)) << c->bucket_bits);
    memset(c->jmp, 0, sizeof(c->jmp));
    memset(c->page_blocks, 0, c->ram_pages * sizeof(*c->page_blocks));
}

struct tb *tb_cache_alloc(struct tb_cache *c, unsigned max_ops, bool *flushed)
{
    size_t need = sizeof(struct tb) + (size_t)max_ops * sizeof(struct op);
    *flushed = false;
    if (c->arena_used + need > c->arena_size) {
        tb_cache_flush(c);
        *flushed = true;
    }
    struct tb *tb = (struct tb *)(c->arena + c->arena_used);
    /* The ops are left as they are: the translator writes each one it uses
     * (clearing all max_ops of them cost 1.5% of a Linux boot). */
    memset(tb, 0, sizeof(*tb));
    return tb;
}

static struct tb **page_list(struct tb_cache *c, uint64_t phys_addr)
{
    uint64_t page = (phys_addr - c->ram_base) >> TB_PAGE_BITS;
    if (phys_addr < c->ram_base || page >= c->ram_pages) {
        return NULL;
    }
    return &c->page_blocks[page];
}

bool tb_cache_insert(struct tb_cache *c, struct tb *tb, unsigned n_ops)
{
    size_t size = sizeof(struct tb) + (size_t)n_ops * sizeof(struct op);
    c->arena_used += (size + 63) & ~(size_t)63;
    tb->valid = true;
    tb->cached = true;
    unsigned h = hash_key(tb->pc, tb->phys_pc, tb->flags, c->bucket_bits);
    tb->hash_next = c->buckets[h];
    c->buckets[h] = tb;
    c->jmp[tb_jmp_index(tb->pc)] = tb;

    struct tb **list = page_list(c, tb->phys_pc);
    if (!list) {
        return false;
    }
    bool first = *list == NULL;
    tb->page_next = *list;
    *list = tb;
    return first;
}

bool tb_cache_page_has_code(const struct tb_cache *c, uint64_t phys_addr)
{
    struct tb **list = page_list((struct tb_cache *)c, phys_addr);
    return list && *list;
}

static void unhash(struct tb_cache *c, struct tb *tb)
{
    struct tb **p = &c->buckets[hash_key(tb->pc, tb->phys_pc, tb->flags, c->bucket_bits)];
    for (; *p; p = &(*p)->hash_next) {
        if (*p == tb) {
            *p = tb->hash_next;
            break;
        }
    }
    if (c->jmp[tb_jmp_index(tb->pc)] == tb) {
        c->jmp[tb_jmp_index(tb->pc)] = NULL;
    }
}

unsigned tb_cache_invalidate_page(struct tb_cache *c, uint64_t phys_addr)
{
    struct tb **list = page_list(c, phys_addr);
    unsigned n = 0;
    if (!list) {
        return 0;
    }
    /* Invalid blocks stay in the arena until the next flush, so a chained
     * link to one stays safe to follow: its 'valid' check fails. */
    for (struct tb *tb = *list; tb; tb = tb->page_next) {
        tb->valid = false;
        unhash(c, tb);
        n++;
    }
    *list = NULL;
    return n;
}
