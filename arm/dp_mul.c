/*
 * Data processing, three source registers: multiply-add/subtract (MADD,
 * MSUB and their MUL/MNEG aliases), widening multiply-add/subtract
 * (SMADDL, SMSUBL, UMADDL, UMSUBL) and the high halves of 128-bit
 * products (SMULH, UMULH). Arithmetic is done unsigned so it wraps as the
 * architecture wants.
 */
#include "arm/ops.h"
#include "arm/translate.h"

#define SEXT32(v) ((int64_t)(int32_t)(v))
#define ZEXT32(v) ((uint64_t)(uint32_t)(v))

OP_HANDLER(op_madd_x) { X(op->d) = X(op->a) + X(op->n) * X(op->m); NEXT(); }
OP_HANDLER(op_madd_w) { W_SET(op->d, X(op->a) + X(op->n) * X(op->m)); NEXT(); }
OP_HANDLER(op_msub_x) { X(op->d) = X(op->a) - X(op->n) * X(op->m); NEXT(); }
OP_HANDLER(op_msub_w) { W_SET(op->d, X(op->a) - X(op->n) * X(op->m)); NEXT(); }

OP_HANDLER(op_smaddl)
{
    X(op->d) = X(op->a) + (uint64_t)(SEXT32(X(op->n)) * SEXT32(X(op->m)));
    NEXT();
}

OP_HANDLER(op_smsubl)
{
    X(op->d) = X(op->a) - (uint64_t)(SEXT32(X(op->n)) * SEXT32(X(op->m)));
    NEXT();
}

OP_HANDLER(op_umaddl) { X(op->d) = X(op->a) + ZEXT32(X(op->n)) * ZEXT32(X(op->m)); NEXT(); }
OP_HANDLER(op_umsubl) { X(op->d) = X(op->a) - ZEXT32(X(op->n)) * ZEXT32(X(op->m)); NEXT(); }

OP_HANDLER(op_smulh)
{
    __int128 p = (__int128)(int64_t)X(op->n) * (int64_t)X(op->m);
    X(op->d) = (uint64_t)(p >> 64);
    NEXT();
}

OP_HANDLER(op_umulh)
{
    unsigned __int128 p = (unsigned __int128)X(op->n) * X(op->m);
    X(op->d) = (uint64_t)(p >> 64);
    NEXT();
}

static bool three_source(struct dc *dc, const struct a64_args *a, op_fn *fn)
{
    dc->op->fn = fn;
    dc->op->d = dst_or_zr(a->d);
    dc->op->n = reg_or_zr(a->n);
    dc->op->m = reg_or_zr(a->m);
    dc->op->a = reg_or_zr(a->a);
    return true;
}

bool trans_MADD(struct dc *dc, const struct a64_args *a)
{
    return three_source(dc, a, a->f ? op_madd_x : op_madd_w);
}

bool trans_MSUB(struct dc *dc, const struct a64_args *a)
{
    return three_source(dc, a, a->f ? op_msub_x : op_msub_w);
}

bool trans_SMADDL(struct dc *dc, const struct a64_args *a) { return three_source(dc, a, op_smaddl); }
bool trans_SMSUBL(struct dc *dc, const struct a64_args *a) { return three_source(dc, a, op_smsubl); }
bool trans_UMADDL(struct dc *dc, const struct a64_args *a) { return three_source(dc, a, op_umaddl); }
bool trans_UMSUBL(struct dc *dc, const struct a64_args *a) { return three_source(dc, a, op_umsubl); }

/* Ra is "should be one" for the high multiplies; QEMU ignores it, so do we. */
bool trans_SMULH(struct dc *dc, const struct a64_args *a) { return three_source(dc, a, op_smulh); }
bool trans_UMULH(struct dc *dc, const struct a64_args *a) { return three_source(dc, a, op_umulh); }
