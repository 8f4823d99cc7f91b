/*
 * Data processing, two source registers: division, shifts by register and
 * the CRC32/CRC32C accumulate instructions.
 *
 * A64 division never traps: dividing by zero gives 0, and the one signed
 * overflow (most negative / -1) gives the most negative value. Both cases
 * are handled before the host divides, since on x86 they would fault.
 */
#include "arm/bitops.h"
#include "arm/ops.h"
#include "arm/translate.h"

OP_HANDLER(op_udiv_x)
{
    uint64_t m = X(op->m);
    X(op->d) = m ? X(op->n) / m : 0;
    NEXT();
}

OP_HANDLER(op_udiv_w)
{
    uint32_t m = (uint32_t)X(op->m);
    W_SET(op->d, m ? (uint32_t)X(op->n) / m : 0);
    NEXT();
}

OP_HANDLER(op_sdiv_x)
{
    int64_t n = (int64_t)X(op->n), m = (int64_t)X(op->m);
    uint64_t r;
    if (m == 0) {
        r = 0;
    } else if (m == -1) {
        r = 0 - (uint64_t)n; /* wraps for INT64_MIN as the ARM ARM wants */
    } else {
        r = (uint64_t)(n / m);
    }
    X(op->d) = r;
    NEXT();
}

OP_HANDLER(op_sdiv_w)
{
    int32_t n = (int32_t)X(op->n), m = (int32_t)X(op->m);
    uint32_t r;
    if (m == 0) {
        r = 0;
    } else if (m == -1) {
        r = 0 - (uint32_t)n;
    } else {
        r = (uint32_t)(n / m);
    }
    W_SET(op->d, r);
    NEXT();
}

/* Shifts by register use the amount modulo the width. */
OP_HANDLER(op_lslv_x) { X(op->d) = X(op->n) << (X(op->m) & 63); NEXT(); }
OP_HANDLER(op_lslv_w) { W_SET(op->d, (uint32_t)X(op->n) << (X(op->m) & 31)); NEXT(); }
OP_HANDLER(op_lsrv_x) { X(op->d) = X(op->n) >> (X(op->m) & 63); NEXT(); }
OP_HANDLER(op_lsrv_w) { W_SET(op->d, (uint32_t)X(op->n) >> (X(op->m) & 31)); NEXT(); }
OP_HANDLER(op_asrv_x) { X(op->d) = (uint64_t)((int64_t)X(op->n) >> (X(op->m) & 63)); NEXT(); }
OP_HANDLER(op_asrv_w) { W_SET(op->d, (int32_t)X(op->n) >> (X(op->m) & 31)); NEXT(); }
OP_HANDLER(op_rorv_x) { X(op->d) = ror64(X(op->n), (unsigned)X(op->m)); NEXT(); }
OP_HANDLER(op_rorv_w) { W_SET(op->d, ror32((uint32_t)X(op->n), (unsigned)X(op->m))); NEXT(); }

OP_HANDLER(op_crc32b) { W_SET(op->d, crc32_update((uint32_t)X(op->n), X(op->m), 1)); NEXT(); }
OP_HANDLER(op_crc32h) { W_SET(op->d, crc32_update((uint32_t)X(op->n), X(op->m), 2)); NEXT(); }
OP_HANDLER(op_crc32w) { W_SET(op->d, crc32_update((uint32_t)X(op->n), X(op->m), 4)); NEXT(); }
OP_HANDLER(op_crc32x) { W_SET(op->d, crc32_update((uint32_t)X(op->n), X(op->m), 8)); NEXT(); }
OP_HANDLER(op_crc32cb) { W_SET(op->d, crc32c_update((uint32_t)X(op->n), X(op->m), 1)); NEXT(); }
OP_HANDLER(op_crc32ch) { W_SET(op->d, crc32c_update((uint32_t)X(op->n), X(op->m), 2)); NEXT(); }
OP_HANDLER(op_crc32cw) { W_SET(op->d, crc32c_update((uint32_t)X(op->n), X(op->m), 4)); NEXT(); }
OP_HANDLER(op_crc32cx) { W_SET(op->d, crc32c_update((uint32_t)X(op->n), X(op->m), 8)); NEXT(); }

static bool two_source(struct dc *dc, const struct a64_args *a, op_fn *fn)
{
    dc->op->fn = fn;
    dc->op->d = dst_or_zr(a->d);
    dc->op->n = reg_or_zr(a->n);
    dc->op->m = reg_or_zr(a->m);
    return true;
}

bool trans_UDIV(struct dc *dc, const struct a64_args *a)
{
    return two_source(dc, a, a->f ? op_udiv_x : op_udiv_w);
}

bool trans_SDIV(struct dc *dc, const struct a64_args *a)
{
    return two_source(dc, a, a->f ? op_sdiv_x : op_sdiv_w);
}

bool trans_LSLV(struct dc *dc, const struct a64_args *a)
{
    return two_source(dc, a, a->f ? op_lslv_x : op_lslv_w);
}

bool trans_LSRV(struct dc *dc, const struct a64_args *a)
{
    return two_source(dc, a, a->f ? op_lsrv_x : op_lsrv_w);
}

bool trans_ASRV(struct dc *dc, const struct a64_args *a)
{
    return two_source(dc, a, a->f ? op_asrv_x : op_asrv_w);
}

bool trans_RORV(struct dc *dc, const struct a64_args *a)
{
    return two_source(dc, a, a->f ? op_rorv_x : op_rorv_w);
}

bool trans_CRC32B(struct dc *dc, const struct a64_args *a)  { return two_source(dc, a, op_crc32b); }
bool trans_CRC32H(struct dc *dc, const struct a64_args *a)  { return two_source(dc, a, op_crc32h); }
bool trans_CRC32W(struct dc *dc, const struct a64_args *a)  { return two_source(dc, a, op_crc32w); }
bool trans_CRC32X(struct dc *dc, const struct a64_args *a)  { return two_source(dc, a, op_crc32x); }
bool trans_CRC32CB(struct dc *dc, const struct a64_args *a) { return two_source(dc, a, op_crc32cb); }
bool trans_CRC32CH(struct dc *dc, const struct a64_args *a) { return two_source(dc, a, op_crc32ch); }
bool trans_CRC32CW(struct dc *dc, const struct a64_args *a) { return two_source(dc, a, op_crc32cw); }
bool trans_CRC32CX(struct dc *dc, const struct a64_args *a) { return two_source(dc, a, op_crc32cx); }
