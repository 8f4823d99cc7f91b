/*
 * Helpers for writing op handlers (the run-time half of an instruction).
 * Handlers are static functions of the form
 *     static const struct op *op_name(struct vcpu *cpu, const struct op *op)
 * that do their work and return op + 1 (or the next block's first op).
 */
#ifndef PHALANX_ARM_OPS_H
#define PHALANX_ARM_OPS_H

#include "arm/exception.h"
#include "arm/flags.h"
#include "tcg/vcpu.h"

#define OP_HANDLER(name) static const struct op *name(struct vcpu *cpu, const struct op *op)

#define X(slot) (cpu->s.x[(slot)])

/* 32-bit results are zero-extended into the X register. */
#define W_SET(slot, value) (cpu->s.x[(slot)] = (uint32_t)(value))

#define NEXT() return op[1].fn(cpu, op + 1)

#endif
