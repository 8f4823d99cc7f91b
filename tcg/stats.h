/*
 * Counters of what a vCPU's run costs, declared here and nowhere else:
 * each one counts an event on a slow path (a translation, a page-table walk,
 * a flush...), never one on the fast paths (op handlers, chained jumps,
 * soft TLB hits), so keeping them costs nothing measurable. -stats prints
 * them after a run; they are bookkeeping, never saved.
 */
#ifndef PHALANX_TCG_STATS_H
#define PHALANX_TCG_STATS_H

#include <stdint.h>
#include <stdio.h>

/* X(field, what it counts) */
#define VCPU_STATS(X)                                                                   \
    X(loop_blocks,       "blocks entered from the run loop (not chained)")             \
    X(jmp_misses,        "jump-cache misses in the run loop")                          \
    X(goto_slow,         "block exits that missed their chained link")                 \
    X(goto_slow_hits,    "  of which found their successor in the jump cache")         \
    X(hash_lookups,      "hash table lookups")                                         \
    X(hash_misses,       "  of which found nothing")                                   \
    X(translations,      "blocks translated")                                          \
    X(oneoffs,           "one-off blocks (cut short by the budget)")                   \
    X(code_tlb_misses,   "code TLB misses (fetch translations)")                       \
    X(tlb_fills,         "soft TLB fills (data translations)")                         \
    X(walks,             "page-table walks (MMU on)")                                  \
    X(tlb_flushes,       "soft TLB full flushes")                                      \
    X(tlb_page_flushes,  "soft TLB page flushes (TLBI by VA)")                         \
    X(code_pages_written,"code pages invalidated by writes")                           \
    X(ic_invalidations,  "code pages invalidated by IC IVAU")                          \
    X(blocks_dropped,    "blocks dropped by those invalidations")                      \
    X(tb_cache_flushes,  "translation cache flushes")                                  \
    X(exceptions,        "synchronous exceptions taken")                               \
    X(interrupts,        "interrupts taken (IRQ, FIQ)")                                \
    X(kicks,             "kicks (an interrupt line rose while running)")                \
    X(idle_insns,        "instructions' worth of time skipped waiting in WFI")

struct vcpu_stats {
#define VCPU_STATS_FIELD(name, what) uint64_t name;
    VCPU_STATS(VCPU_STATS_FIELD)
#undef VCPU_STATS_FIELD
};

/* Prints every counter, one per line, each line starting with 'prefix'. */
static inline void vcpu_stats_print(const struct vcpu_stats *st, FILE *f, const char *prefix)
{
#define VCPU_STATS_PRINT(name, what) \
    fprintf(f, "%s%-18s %12llu  %s\n", prefix, #name, (unsigned long long)st->name, what);
    VCPU_STATS(VCPU_STATS_PRINT)
#undef VCPU_STATS_PRINT
}

#endif
