/*
 * Unit tests of the translation cache: lookup by the full key, the
 * direct-mapped lookup (and its check against the code TLB), per-page
 * invalidation, and the flush when the block arena is full.
 */
#include <glib.h>
#include <string.h>

#include "tcg/tb_cache.h"

#define RAM_BASE 0x40000000ull
#define RAM_SIZE (1ull << 20)
#define PAGE     (1ull << TB_PAGE_BITS)

/* Allocates and publishes a block of n_insns ops (plus the exit op). */
static struct tb *add_block(struct tb_cache *c, uint64_t pc, uint64_t phys_pc, uint32_t flags,
                            unsigned n_insns, bool *first_on_page)
{
    bool flushed;
    struct tb *tb = tb_cache_alloc(c, n_insns + 1, &flushed);
    g_assert_nonnull(tb);
    g_assert_false(flushed);
    tb->pc = pc;
    tb->phys_pc = phys_pc;
    tb->flags = flags;
    tb->n_insns = n_insns;
    bool first = tb_cache_insert(c, tb, n_insns + 1);
    if (first_on_page) {
        *first_on_page = first;
    }
    return tb;
}

static void test_new_empty(void)
{
    struct tb_cache *c = tb_cache_new(RAM_BASE, RAM_SIZE, 1u << 20);
    g_assert_nonnull(c);
    g_assert_null(tb_cache_lookup(c, RAM_BASE, RAM_BASE, 1));
    g_assert_null(tb_cache_jmp_slot(c, RAM_BASE));
    for (uint64_t a = RAM_BASE; a < RAM_BASE + RAM_SIZE; a += PAGE) {
        g_assert_false(tb_cache_page_has_code(c, a));
    }
    g_assert_cmpuint(tb_cache_invalidate_page(c, RAM_BASE), ==, 0);
    tb_cache_free(c);
    tb_cache_free(NULL);
}

static void test_insert_lookup(void)
{
    struct tb_cache *c = tb_cache_new(RAM_BASE, RAM_SIZE, 1u << 20);
    bool first;
    struct tb *a = add_block(c, RAM_BASE + 0x100, RAM_BASE + 0x100, 1, 4, &first);
    g_assert_true(first);
    g_assert_true(a->valid);
    g_assert_true(a->cached);
    struct tb *b = add_block(c, RAM_BASE + 0x200, RAM_BASE + 0x200, 1, 4, &first);
    g_assert_false(first); /* same page */
    /* Same pc, other flags: a different block. */
    struct tb *a0 = add_block(c, RAM_BASE + 0x100, RAM_BASE + 0x100, 0, 4, &first);
    /* Same pc and flags, other physical pc (another mapping). */
    struct tb *ap = add_block(c, RAM_BASE + 0x100, RAM_BASE + 0x3100, 1, 4, &first);
    g_assert_true(first); /* a page without code until now */

    g_assert_true(tb_cache_lookup(c, RAM_BASE + 0x100, RAM_BASE + 0x100, 1) == a);
    g_assert_true(tb_cache_lookup(c, RAM_BASE + 0x200, RAM_BASE + 0x200, 1) == b);
    g_assert_true(tb_cache_lookup(c, RAM_BASE + 0x100, RAM_BASE + 0x100, 0) == a0);
    g_assert_true(tb_cache_lookup(c, RAM_BASE + 0x100, RAM_BASE + 0x3100, 1) == ap);
    g_assert_null(tb_cache_lookup(c, RAM_BASE + 0x104, RAM_BASE + 0x104, 1));
    g_assert_null(tb_cache_lookup(c, RAM_BASE + 0x100, RAM_BASE + 0x100, 2));
    g_assert_null(tb_cache_lookup(c, RAM_BASE + 0x200, RAM_BASE + 0x1200, 1));

    /* Blocks do not overlap in the arena. */
    g_assert_true((uint8_t *)b >= (uint8_t *)&a->ops[5]);
    g_assert_true((uint8_t *)a0 >= (uint8_t *)&b->ops[5]);

    g_assert_true(tb_cache_page_has_code(c, RAM_BASE));
    g_assert_true(tb_cache_page_has_code(c, RAM_BASE + PAGE - 1));
    g_assert_false(tb_cache_page_has_code(c, RAM_BASE + PAGE));
    g_assert_true(tb_cache_page_has_code(c, RAM_BASE + 0x3000));
    /* Outside RAM: never code. */
    g_assert_false(tb_cache_page_has_code(c, RAM_BASE - PAGE));
    g_assert_false(tb_cache_page_has_code(c, RAM_BASE + RAM_SIZE));
    g_assert_false(tb_cache_page_has_code(c, 0));
    tb_cache_free(c);
}

static void test_jmp_lookup(void)
{
    struct tb_cache *c = tb_cache_new(RAM_BASE, RAM_SIZE, 1u << 20);
    struct tb *a = add_block(c, RAM_BASE + 0x100, RAM_BASE + 0x100, 1, 2, NULL);
    g_assert_true(tb_cache_jmp_slot(c, RAM_BASE + 0x100) == a);
    /* A pc that aliases in the direct-mapped table replaces the entry. */
    uint64_t alias = RAM_BASE + 0x104;
    while (tb_jmp_index(alias) != tb_jmp_index(RAM_BASE + 0x100)) {
        alias += 4;
    }
    struct tb *b = add_block(c, alias, alias, 1, 2, NULL);
    g_assert_true(tb_cache_jmp_slot(c, alias) == b);
    /* The caller checks the key: the slot for a's pc now holds b. */
    g_assert_true(tb_cache_jmp_slot(c, RAM_BASE + 0x100) == b);
    /* A full lookup finds a in the hash table and puts it back. */
    g_assert_true(tb_cache_lookup(c, RAM_BASE + 0x100, RAM_BASE + 0x100, 1) == a);
    g_assert_true(tb_cache_jmp_slot(c, RAM_BASE + 0x100) == a);
    tb_cache_free(c);
}

/* The same offset in pages a jump-cache size apart takes different slots. */
static void test_jmp_index_spreads_pages(void)
{
    uint64_t pc = RAM_BASE + 0x120;
    for (uint64_t k = 1; k < 64; k++) {
        g_assert_cmpuint(tb_jmp_index(pc), !=, tb_jmp_index(pc + (k << (TB_JMP_CACHE_BITS + 2))));
    }
}

/*
 * The jump cache finds blocks by virtual pc: it answers only while the code
 * TLB maps the pc's page to the block's physical page, so that TLB flushes
 * (which empty code TLB entries) need not clear it.
 */
static void test_jmp_lookup_checks_code_tlb(void)
{
    static struct tlb_code_entry code_tlb[TLB_SIZE];
    for (unsigned i = 0; i < TLB_SIZE; i++) {
        code_tlb[i] = (struct tlb_code_entry){ .tag = TLB_INVALID };
    }
    struct tb_cache *c = tb_cache_new(RAM_BASE, RAM_SIZE, 1u << 20);
    c->code_tlb = code_tlb;
    const uint64_t va = 0x400100, pa = RAM_BASE + 0x3100;
    struct tb *a = add_block(c, va, pa, 1, 2, NULL);
    struct tlb_code_entry *e = &code_tlb[(va >> TLB_PAGE_BITS) & (TLB_SIZE - 1)];
    g_assert_true(tb_cache_jmp_slot(c, va) == a);
    g_assert_null(tb_cache_jmp_lookup(c, va)); /* the page is not in the code TLB */
    *e = (struct tlb_code_entry){ .tag = va & TLB_PAGE_MASK, .phys_page = pa & TLB_PAGE_MASK };
    g_assert_true(tb_cache_jmp_lookup(c, va) == a);
    /* Remapped to another physical page: a's code is not what pc fetches. */
    e->phys_page += PAGE;
    g_assert_null(tb_cache_jmp_lookup(c, va));
    /* Another virtual page in the same code TLB slot. */
    *e = (struct tlb_code_entry){ .tag = (va & TLB_PAGE_MASK) + (TLB_SIZE << TLB_PAGE_BITS),
                                  .phys_page = pa & TLB_PAGE_MASK };
    g_assert_null(tb_cache_jmp_lookup(c, va));
    e->tag = TLB_INVALID;
    g_assert_null(tb_cache_jmp_lookup(c, va));
    tb_cache_free(c);
}

static void test_invalidate_page(void)
{
    struct tb_cache *c = tb_cache_new(RAM_BASE, RAM_SIZE, 1u << 20);
    uint64_t p0 = RAM_BASE + 2 * PAGE, p1 = RAM_BASE + 3 * PAGE;
    struct tb *a = add_block(c, p0, p0, 1, 3, NULL);
    struct tb *b = add_block(c, p0 + 0x40, p0 + 0x40, 1, 3, NULL);
    struct tb *b0 = add_block(c, p0 + 0x40, p0 + 0x40, 0, 3, NULL);
    struct tb *d = add_block(c, p1, p1, 1, 3, NULL);
    struct tb *e = add_block(c, p1 + PAGE - 4, p1 + PAGE - 4, 1, 1, NULL);

    /* An address anywhere in the page selects it. */
    g_assert_cmpuint(tb_cache_invalidate_page(c, p0 + 0x123), ==, 3);
    g_assert_false(a->valid);
    g_assert_false(b->valid);
    g_assert_false(b0->valid);
    g_assert_true(d->valid);
    g_assert_true(e->valid);
    g_assert_false(tb_cache_page_has_code(c, p0));
    g_assert_true(tb_cache_page_has_code(c, p1));

    /* Dropped blocks are gone from the hash table and the direct-mapped table. */
    g_assert_null(tb_cache_lookup(c, p0, p0, 1));
    g_assert_null(tb_cache_lookup(c, p0 + 0x40, p0 + 0x40, 1));
    g_assert_null(tb_cache_lookup(c, p0 + 0x40, p0 + 0x40, 0));
    g_assert_true(tb_cache_jmp_slot(c, p0) != a);
    g_assert_true(tb_cache_jmp_slot(c, p0 + 0x40) != b);
    g_assert_true(tb_cache_jmp_slot(c, p0 + 0x40) != b0);
    /* The others are still there. */
    g_assert_true(tb_cache_lookup(c, p1, p1, 1) == d);
    g_assert_true(tb_cache_lookup(c, p1 + PAGE - 4, p1 + PAGE - 4, 1) == e);

    /* Twice: nothing left. Outside RAM: nothing tracked. */
    g_assert_cmpuint(tb_cache_invalidate_page(c, p0), ==, 0);
    g_assert_cmpuint(tb_cache_invalidate_page(c, RAM_BASE + RAM_SIZE), ==, 0);
    g_assert_cmpuint(tb_cache_invalidate_page(c, 0), ==, 0);

    /* New code on the page is tracked again, the old blocks stay dropped. */
    bool first;
    struct tb *a2 = add_block(c, p0, p0, 1, 3, &first);
    g_assert_true(first);
    g_assert_true(tb_cache_lookup(c, p0, p0, 1) == a2);
    g_assert_null(tb_cache_lookup(c, p0 + 0x40, p0 + 0x40, 1));
    g_assert_cmpuint(tb_cache_invalidate_page(c, p0), ==, 1);
    g_assert_cmpuint(tb_cache_invalidate_page(c, p1), ==, 2);
    g_assert_false(d->valid);
    g_assert_null(tb_cache_lookup(c, p1, p1, 1));
    tb_cache_free(c);
}

/* Many blocks in one hash chain region: removing one in the middle of a
 * chain keeps the rest reachable. */
static void test_invalidate_keeps_chains(void)
{
    struct tb_cache *c = tb_cache_new(RAM_BASE, RAM_SIZE, 8u << 20);
    enum { N = 2000 };
    static struct tb *blocks[N];
    for (unsigned i = 0; i < N; i++) {
        uint64_t pc = RAM_BASE + 4ull * i * 7; /* spread over ~14 pages */
        blocks[i] = add_block(c, pc, pc, i & 1, 1, NULL);
    }
    uint64_t victim = RAM_BASE + 5 * PAGE;
    unsigned expect = 0;
    for (unsigned i = 0; i < N; i++) {
        expect += (blocks[i]->phys_pc >> TB_PAGE_BITS) == (victim >> TB_PAGE_BITS);
    }
    g_assert_cmpuint(tb_cache_invalidate_page(c, victim), ==, expect);
    for (unsigned i = 0; i < N; i++) {
        bool on_victim = (blocks[i]->phys_pc >> TB_PAGE_BITS) == (victim >> TB_PAGE_BITS);
        struct tb *got = tb_cache_lookup(c, blocks[i]->pc, blocks[i]->phys_pc, i & 1);
        if (on_victim) {
            g_assert_null(got);
            g_assert_false(blocks[i]->valid);
        } else {
            g_assert_true(got == blocks[i]);
            g_assert_true(blocks[i]->valid);
        }
    }
    tb_cache_free(c);
}

static void test_flush_when_full(void)
{
    /* Room for a handful of blocks only. */
    size_t one = sizeof(struct tb) + 9 * sizeof(struct op);
    size_t arena = 4 * ((one + 63) & ~(size_t)63) + 16;
    struct tb_cache *c = tb_cache_new(RAM_BASE, RAM_SIZE, arena);
    g_assert_nonnull(c);
    struct tb *blocks[4];
    for (unsigned i = 0; i < 4; i++) {
        uint64_t pc = RAM_BASE + i * PAGE;
        blocks[i] = add_block(c, pc, pc, 1, 8, NULL);
    }
    for (unsigned i = 0; i < 4; i++) {
        g_assert_true(tb_cache_lookup(c, RAM_BASE + i * PAGE, RAM_BASE + i * PAGE, 1) ==
                      blocks[i]);
    }
    bool flushed = false;
    struct tb *tb = tb_cache_alloc(c, 9, &flushed);
    g_assert_true(flushed);
    g_assert_true((uint8_t *)tb == c->arena); /* starts over */
    for (unsigned i = 0; i < 4; i++) {
        uint64_t pc = RAM_BASE + i * PAGE;
        g_assert_null(tb_cache_lookup(c, pc, pc, 1));
        g_assert_null(tb_cache_jmp_slot(c, pc));
        g_assert_false(tb_cache_page_has_code(c, pc));
    }
    tb->pc = tb->phys_pc = RAM_BASE + 0x10;
    tb->flags = 1;
    tb->n_insns = 8;
    g_assert_true(tb_cache_insert(c, tb, 9));
    g_assert_true(tb_cache_lookup(c, RAM_BASE + 0x10, RAM_BASE + 0x10, 1) == tb);

    /* Not full: no flush. */
    flushed = true;
    struct tb *next = tb_cache_alloc(c, 1, &flushed);
    g_assert_false(flushed);
    g_assert_true((uint8_t *)next > (uint8_t *)tb);
    g_assert_cmpuint(((uintptr_t)next - (uintptr_t)c->arena) % 64, ==, 0);
    tb_cache_free(c);
}

static void test_flush_explicit(void)
{
    struct tb_cache *c = tb_cache_new(RAM_BASE, RAM_SIZE, 1u << 20);
    add_block(c, RAM_BASE, RAM_BASE, 1, 2, NULL);
    add_block(c, RAM_BASE + PAGE, RAM_BASE + PAGE, 1, 2, NULL);
    tb_cache_flush(c);
    g_assert_null(tb_cache_lookup(c, RAM_BASE, RAM_BASE, 1));
    g_assert_null(tb_cache_jmp_slot(c, RAM_BASE));
    g_assert_false(tb_cache_page_has_code(c, RAM_BASE));
    g_assert_false(tb_cache_page_has_code(c, RAM_BASE + PAGE));
    g_assert_cmpuint(c->arena_used, ==, 0);
    /* After a flush the first block on a page is reported again. */
    bool first;
    add_block(c, RAM_BASE, RAM_BASE, 1, 2, &first);
    g_assert_true(first);
    tb_cache_free(c);
}

/*
 * A flush can come from a running block (IC IALLU). Chained links are
 * followed after checking only the successor's pc, flags and 'valid', so a
 * flushed block must read as invalid or a chain keeps running stale code.
 */
static void test_flush_invalidates_blocks(void)
{
    struct tb_cache *c = tb_cache_new(RAM_BASE, RAM_SIZE, 1u << 20);
    struct tb *a = add_block(c, RAM_BASE, RAM_BASE, 1, 2, NULL);
    struct tb *b = add_block(c, RAM_BASE + 0x40, RAM_BASE + 0x40, 1, 2, NULL);
    a->link[0] = b;
    tb_cache_flush(c);
    g_assert_false(a->valid);
    g_assert_false(b->valid);
    tb_cache_free(c);
}

/* RAM that is not page aligned at its end: the last partial page still holds
 * code and must be tracked. */
static void test_partial_last_page(void)
{
    struct tb_cache *c = tb_cache_new(RAM_BASE, 2 * PAGE + 0x800, 1u << 20);
    uint64_t pc = RAM_BASE + 2 * PAGE + 0x100;
    add_block(c, pc, pc, 1, 2, NULL);
    g_assert_true(tb_cache_page_has_code(c, pc));
    g_assert_cmpuint(tb_cache_invalidate_page(c, pc), ==, 1);
    tb_cache_free(c);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();
    g_test_add_func("/tb_cache/new_empty", test_new_empty);
    g_test_add_func("/tb_cache/insert_lookup", test_insert_lookup);
    g_test_add_func("/tb_cache/jmp_lookup", test_jmp_lookup);
    g_test_add_func("/tb_cache/jmp_index_spreads_pages", test_jmp_index_spreads_pages);
    g_test_add_func("/tb_cache/jmp_lookup_checks_code_tlb", test_jmp_lookup_checks_code_tlb);
    g_test_add_func("/tb_cache/invalidate_page", test_invalidate_page);
    g_test_add_func("/tb_cache/invalidate_keeps_chains", test_invalidate_keeps_chains);
    g_test_add_func("/tb_cache/flush_when_full", test_flush_when_full);
    g_test_add_func("/tb_cache/flush_explicit", test_flush_explicit);
    g_test_add_func("/tb_cache/flush_invalidates_blocks", test_flush_invalidates_blocks);
    g_test_add_func("/tb_cache/partial_last_page", test_partial_last_page);
    return g_test_run();
}
