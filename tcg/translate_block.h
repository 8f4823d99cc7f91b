/* Building translation blocks from guest code. */
#ifndef PHALANX_TCG_TRANSLATE_BLOCK_H
#define PHALANX_TCG_TRANSLATE_BLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/vcpu.h"

/*
 * Checks that code can be fetched at pc and finds its physical address.
 * On failure takes the guest exception (PC alignment, instruction abort) and
 * returns false.
 */
bool translate_fetch_check(struct vcpu *cpu, uint64_t pc, uint64_t *phys_pc);

/* Translates and caches a block of at most max_insns instructions. */
const struct tb *translate_block(struct vcpu *cpu, uint64_t pc, uint64_t phys_pc,
                                 unsigned max_insns);

/* Translates an uncached block of exactly min(n_insns, block length) instructions. */
const struct tb *translate_oneoff(struct vcpu *cpu, uint64_t pc, uint64_t phys_pc,
                                  unsigned n_insns);

#endif
