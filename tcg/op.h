/*
 * A pre-decoded operation: the unit the dispatch loop executes.
 *
 * Each guest instruction of a translation block becomes exactly one op, so an
 * op's index in its block is the index of its instruction; that is how a fault
 * in the middle of a block finds its PC and instruction count. A block ends
 * with an op that picks the next block (a branch, or a goto to the fall-through
 * address when the block stops for another reason).
 *
 * An op's handler does its work and returns the next op to run, or NULL to
 * return to the run loop (call threading). A native code generator can replace
 * this back end: everything above it only sees struct tb.
 */
#ifndef PHALANX_TCG_OP_H
#define PHALANX_TCG_OP_H

#include <stdint.h>

struct vcpu;
struct op;

typedef const struct op *op_fn(struct vcpu *cpu, const struct op *op);

struct op {
    op_fn   *fn;   /* handler */
    uint8_t  d;    /* destination register slot (see arm/cpu.h) */
    uint8_t  n;    /* first source / base register slot */
    uint8_t  m;    /* second source / offset register slot */
    uint8_t  a;    /* third source / second destination slot */
    uint8_t  p;    /* small operand: shift amount, condition, bit number... */
    uint8_t  q;    /* small operand: extend type, size, flags... */
    uint16_t r;    /* small operand */
    uint64_t imm;  /* immediate, or target address for branches */
    uint64_t imm2; /* second immediate (masks, fall-through address...) */
};

_Static_assert(sizeof(struct op) == 32, "ops are two to a cache line");

#endif
