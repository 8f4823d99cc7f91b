/*
 * Translate-time setup shared by the scalar FP translators (arm/fp_arith.c,
 * arm/fp_compare.c).
 */
#ifndef PHALANX_ARM_FP_SETUP_H
#define PHALANX_ARM_FP_SETUP_H

#include "arm/vreg.h"

/*
 * Fills fn and V registers d/n/m/a for a single (type y = 0) or double
 * (y = 1) operation; false if the type is unallocated. When FP traps the
 * op is the trap and nothing else is filled in.
 */
static inline bool fp_setup(struct dc *dc, const struct a64_args *a, op_fn *fn_s, op_fn *fn_d)
{
    if (a->y > 1) {
        return false;
    }
    if (!fp_access_check(dc)) {
        return true;
    }
    dc->op->fn = a->y ? fn_d : fn_s;
    dc->op->d = (uint8_t)a->d;
    dc->op->n = (uint8_t)a->n;
    dc->op->m = (uint8_t)a->m;
    dc->op->a = (uint8_t)a->a;
    return true;
}

#endif
