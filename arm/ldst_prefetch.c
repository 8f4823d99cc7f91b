/*
 * Prefetches (PRFM immediate, register and literal; PRFUM). They are hints:
 * never an access, never a fault, not even an SP alignment check.
 */
#include "arm/ldst.h"

OP_HANDLER(op_prefetch) { NEXT(); }

static bool prefetch(struct dc *dc)
{
    dc->op->fn = op_prefetch;
    return true;
}

bool trans_PRFM_uimm(struct dc *dc, const struct a64_args *a) { (void)a; return prefetch(dc); }
bool trans_PRFUM(struct dc *dc, const struct a64_args *a)     { (void)a; return prefetch(dc); }
bool trans_PRFM_lit(struct dc *dc, const struct a64_args *a)  { (void)a; return prefetch(dc); }

/* The register form still has the option field to decode: bit 1 clear is
 * unallocated, as for the loads. */
bool trans_PRFM_reg(struct dc *dc, const struct a64_args *a)
{
    if (!(a->o & 2)) {
        return false;
    }
    return prefetch(dc);
}
