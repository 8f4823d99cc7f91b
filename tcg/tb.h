/*
 * Translation blocks: a run of guest instructions on one guest page, decoded
 * once into ops, keyed by (virtual PC, physical PC, translation flags).
 */
#ifndef PHALANX_TCG_TB_H
#define PHALANX_TCG_TB_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/op.h"

/* A block never crosses a guest page, so invalidation works by page. */
#define TB_PAGE_BITS 12
#define TB_MAX_INSNS 128

struct tb {
    uint64_t   pc;          /* guest virtual address of the first instruction */
    uint64_t   phys_pc;     /* its physical address */
    uint32_t   flags;       /* translation flags it was decoded under */
    uint32_t   n_insns;     /* guest instructions (= ops before the exit op) */
    bool       valid;       /* false once its page was written */
    bool       cached;      /* false for one-off blocks built for a short budget */
    struct tb *hash_next;   /* chain in the lookup hash table */
    struct tb *page_next;   /* next block on the same physical page */
    struct tb *link[2];     /* chained successors, checked before use */
    struct op  ops[];       /* n_insns ops plus the exit op */
};

#endif
