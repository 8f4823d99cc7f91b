/*
 * Data processing, one source register: bit reversal (RBIT), byte reversal
 * (REV16, REV32, REV) and counting leading bits (CLZ, CLS).
 */
#include "arm/bitops.h"
#include "arm/ops.h"
#include "arm/translate.h"

OP_HANDLER(op_rbit_x) { X(op->d) = rbit64(X(op->n)); NEXT(); }
OP_HANDLER(op_rbit_w) { W_SET(op->d, rbit32((uint32_t)X(op->n))); NEXT(); }
OP_HANDLER(op_rev16_x) { X(op->d) = rev16_64(X(op->n)); NEXT(); }
OP_HANDLER(op_rev16_w) { W_SET(op->d, rev16_64(X(op->n))); NEXT(); }
OP_HANDLER(op_rev32_x) { X(op->d) = rev32_64(X(op->n)); NEXT(); }
OP_HANDLER(op_rev_x) { X(op->d) = __builtin_bswap64(X(op->n)); NEXT(); }
OP_HANDLER(op_rev_w) { W_SET(op->d, __builtin_bswap32((uint32_t)X(op->n))); NEXT(); }
OP_HANDLER(op_clz_x) { X(op->d) = clz64(X(op->n)); NEXT(); }
OP_HANDLER(op_clz_w) { W_SET(op->d, clz32((uint32_t)X(op->n))); NEXT(); }
OP_HANDLER(op_cls_x) { X(op->d) = cls64(X(op->n)); NEXT(); }
OP_HANDLER(op_cls_w) { W_SET(op->d, cls32((uint32_t)X(op->n))); NEXT(); }

static bool one_source(struct dc *dc, const struct a64_args *a, op_fn *fn)
{
    dc->op->fn = fn;
    dc->op->d = dst_or_zr(a->d);
    dc->op->n = reg_or_zr(a->n);
    return true;
}

bool trans_RBIT(struct dc *dc, const struct a64_args *a)
{
    return one_source(dc, a, a->f ? op_rbit_x : op_rbit_w);
}

bool trans_REV16(struct dc *dc, const struct a64_args *a)
{
    return one_source(dc, a, a->f ? op_rev16_x : op_rev16_w);
}

bool trans_REV32_x(struct dc *dc, const struct a64_args *a) { return one_source(dc, a, op_rev32_x); }
bool trans_REV_w(struct dc *dc, const struct a64_args *a)   { return one_source(dc, a, op_rev_w); }
bool trans_REV_x(struct dc *dc, const struct a64_args *a)   { return one_source(dc, a, op_rev_x); }

bool trans_CLZ(struct dc *dc, const struct a64_args *a)
{
    return one_source(dc, a, a->f ? op_clz_x : op_clz_w);
}

bool trans_CLS(struct dc *dc, const struct a64_args *a)
{
    return one_source(dc, a, a->f ? op_cls_x : op_cls_w);
}
