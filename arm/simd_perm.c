/*
 * AdvSIMD moves between lanes and registers: DUP (element, general), INS
 * (element, general; MOV is an alias), UMOV/SMOV (MOV to a general register),
 * the permutes ZIP1/2, UZP1/2, TRN1/2, EXT, and table lookups TBL/TBX.
 *
 * Lane positions are fixed at translate time: op->p is a byte offset into
 * the source register, op->r a byte offset into the destination.
 */
#include "arm/simd.h"

/* Element size (0..3) and index from a copy-group imm5; false if reserved. */
static bool copy_elem(unsigned imm5, unsigned *size, unsigned *index)
{
    unsigned s = (unsigned)__builtin_ctz(imm5 | 0x20);
    if (s > 3) {
        return false;
    }
    *size = s;
    *index = imm5 >> (s + 1);
    return true;
}

/* --- UMOV / SMOV ------------------------------------------------------------- */

OP_HANDLER(op_umov8)  { X(op->d) = vreg_cbytes(cpu, op->n)[op->p]; NEXT(); }
OP_HANDLER(op_umov16) { uint16_t v; memcpy(&v, vreg_cbytes(cpu, op->n) + op->p, 2); X(op->d) = v; NEXT(); }
OP_HANDLER(op_umov32) { uint32_t v; memcpy(&v, vreg_cbytes(cpu, op->n) + op->p, 4); X(op->d) = v; NEXT(); }
OP_HANDLER(op_umov64) { memcpy(&X(op->d), vreg_cbytes(cpu, op->n) + op->p, 8); NEXT(); }
OP_HANDLER(op_smov8_w) { W_SET(op->d, (int8_t)vreg_cbytes(cpu, op->n)[op->p]); NEXT(); }
OP_HANDLER(op_smov16_w)
{
    int16_t v;
    memcpy(&v, vreg_cbytes(cpu, op->n) + op->p, 2);
    W_SET(op->d, v);
    NEXT();
}
OP_HANDLER(op_smov8_x) { X(op->d) = (uint64_t)(int64_t)(int8_t)vreg_cbytes(cpu, op->n)[op->p]; NEXT(); }
OP_HANDLER(op_smov16_x)
{
    int16_t v;
    memcpy(&v, vreg_cbytes(cpu, op->n) + op->p, 2);
    X(op->d) = (uint64_t)(int64_t)v;
    NEXT();
}
OP_HANDLER(op_smov32_x)
{
    int32_t v;
    memcpy(&v, vreg_cbytes(cpu, op->n) + op->p, 4);
    X(op->d) = (uint64_t)(int64_t)v;
    NEXT();
}

bool trans_UMOV(struct dc *dc, const struct a64_args *a)
{
    static op_fn *const fns[4] = { op_umov8, op_umov16, op_umov32, op_umov64 };
    unsigned size, index;
    if (!copy_elem(a->i, &size, &index) || (size == 3) != (a->q == 1)) {
        return false;
    }
    if (!fp_access_check(dc)) {
        return true;
    }
    dc->op->fn = fns[size];
    dc->op->d = dst_or_zr(a->d);
    dc->op->n = (uint8_t)a->n;
    dc->op->p = (uint8_t)(index << size);
    return true;
}

bool trans_SMOV(struct dc *dc, const struct a64_args *a)
{
    static op_fn *const fns[2][3] = {
        { op_smov8_w, op_smov16_w, NULL },
        { op_smov8_x, op_smov16_x, op_smov32_x },
    };
    unsigned size, index;
    if (!copy_elem(a->i, &size, &index) || size > 2 || !fns[a->q][size]) {
        return false;
    }
    if (!fp_access_check(dc)) {
        return true;
    }
    dc->op->fn = fns[a->q][size];
    dc->op->d = dst_or_zr(a->d);
    dc->op->n = (uint8_t)a->n;
    dc->op->p = (uint8_t)(index << size);
    return true;
}

/* --- INS ------------------------------------------------------------------------ */

/* The destination keeps its other lanes (and its top half: INS is always 128-bit). */
#define DEFINE_INS(bits)                                                             \
    OP_HANDLER(op_ins_gen##bits)                                                     \
    {                                                                                \
        uint##bits##_t v = (uint##bits##_t)X(op->n);                                 \
        memcpy(vreg_bytes(cpu, op->d) + op->r, &v, sizeof(v));                       \
        NEXT();                                                                      \
    }                                                                                \
    OP_HANDLER(op_ins_elem##bits)                                                    \
    {                                                                                \
        uint##bits##_t v;                                                            \
        memcpy(&v, vreg_cbytes(cpu, op->n) + op->p, sizeof(v));                      \
        memcpy(vreg_bytes(cpu, op->d) + op->r, &v, sizeof(v));                       \
        NEXT();                                                                      \
    }
DEFINE_INS(8)
DEFINE_INS(16)
DEFINE_INS(32)
DEFINE_INS(64)

/*
 * INS into element imm5 of Vd from n: a general register (n mapped with ZR)
 * or, from_elem, element imm4 (a->j) of Vn at byte op->p.
 */
static bool ins(struct dc *dc, const struct a64_args *a, op_fn *const fns[4], uint8_t n,
                bool from_elem)
{
    unsigned size, index;
    if (!copy_elem(a->i, &size, &index)) {
        return false;
    }
    if (!fp_access_check(dc)) {
        return true;
    }
    dc->op->fn = fns[size];
    dc->op->d = (uint8_t)a->d;
    dc->op->n = n;
    dc->op->r = (uint16_t)(index << size);
    if (from_elem) {
        dc->op->p = (uint8_t)((a->j >> size) << size);
    }
    return true;
}

bool trans_INS_gen(struct dc *dc, const struct a64_args *a)
{
    static op_fn *const fns[4] = { op_ins_gen8, op_ins_gen16, op_ins_gen32, op_ins_gen64 };
    return ins(dc, a, fns, reg_or_zr(a->n), false);
}

bool trans_INS_elem(struct dc *dc, const struct a64_args *a)
{
    static op_fn *const fns[4] = { op_ins_elem8, op_ins_elem16, op_ins_elem32, op_ins_elem64 };
    return ins(dc, a, fns, (uint8_t)a->n, true);
}

/* --- DUP ------------------------------------------------------------------------ */

/* op->imm: the element replicated to 64 bits by multiplication at run time. */
static const uint64_t dup_factor[4] = {
    0x0101010101010101ull, 0x0001000100010001ull, 0x0000000100000001ull, 1,
};

#define DEFINE_DUP(bits)                                                             \
    OP_HANDLER(op_dup_gen##bits)                                                     \
    {                                                                                \
        uint64_t v = (uint64_t)(uint##bits##_t)X(op->n) * op->imm;                   \
        VREG(op->d)[0] = v;                                                          \
        VREG(op->d)[1] = v & op->imm2;                                               \
        NEXT();                                                                      \
    }                                                                                \
    OP_HANDLER(op_dup_elem##bits)                                                    \
    {                                                                                \
        uint##bits##_t e;                                                            \
        memcpy(&e, vreg_cbytes(cpu, op->n) + op->p, sizeof(e));                      \
        uint64_t v = (uint64_t)e * op->imm;                                          \
        VREG(op->d)[0] = v;                                                          \
        VREG(op->d)[1] = v & op->imm2;                                               \
        NEXT();                                                                      \
    }
DEFINE_DUP(8)
DEFINE_DUP(16)
DEFINE_DUP(32)
DEFINE_DUP(64)

bool trans_DUP_gen(struct dc *dc, const struct a64_args *a)
{
    static op_fn *const fns[4] = { op_dup_gen8, op_dup_gen16, op_dup_gen32, op_dup_gen64 };
    unsigned size, index;
    if (!copy_elem(a->i, &size, &index) || (size == 3 && !a->q)) {
        return false;
    }
    if (!simd_vec_op(dc, fns[size], a->d, reg_or_zr(a->n), 0, a->q)) {
        return true;
    }
    dc->op->imm = dup_factor[size];
    return true;
}

bool trans_DUP_elem(struct dc *dc, const struct a64_args *a)
{
    static op_fn *const fns[4] = { op_dup_elem8, op_dup_elem16, op_dup_elem32, op_dup_elem64 };
    unsigned size, index;
    if (!copy_elem(a->i, &size, &index) || (size == 3 && !a->q)) {
        return false;
    }
    if (!simd_vec_op(dc, fns[size], a->d, a->n, 0, a->q)) {
        return true;
    }
    dc->op->imm = dup_factor[size];
    dc->op->p = (uint8_t)(index << size);
    return true;
}

/* --- ZIP / UZP / TRN --------------------------------------------------------------- */

/*
 * op->p = 1 for the "2" forms, op->r = number of lanes (Q ? 16 : 8) / esize.
 * Results go through a temporary: Vd may be Vn or Vm.
 */
#define DEFINE_PERMUTES(T, sfx)                                                      \
    OP_HANDLER(op_zip_##sfx)                                                         \
    {                                                                                \
        T a_[16 / sizeof(T)], b_[16 / sizeof(T)], r_[16 / sizeof(T)] = { 0 };        \
        memcpy(a_, VREG(op->n), 16);                                                 \
        memcpy(b_, VREG(op->m), 16);                                                 \
        unsigned half = op->r / 2, base = op->p ? half : 0;                          \
        for (unsigned i = 0; i < half; i++) {                                        \
            r_[2 * i] = a_[base + i];                                                \
            r_[2 * i + 1] = b_[base + i];                                            \
        }                                                                            \
        memcpy(VREG(op->d), r_, 16);                                                 \
        NEXT();                                                                      \
    }                                                                                \
    OP_HANDLER(op_uzp_##sfx)                                                         \
    {                                                                                \
        T a_[16 / sizeof(T)], b_[16 / sizeof(T)], r_[16 / sizeof(T)] = { 0 };        \
        memcpy(a_, VREG(op->n), 16);                                                 \
        memcpy(b_, VREG(op->m), 16);                                                 \
        unsigned half = op->r / 2;                                                   \
        for (unsigned i = 0; i < half; i++) {                                        \
            r_[i] = a_[2 * i + op->p];                                               \
            r_[half + i] = b_[2 * i + op->p];                                        \
        }                                                                            \
        memcpy(VREG(op->d), r_, 16);                                                 \
        NEXT();                                                                      \
    }                                                                                \
    OP_HANDLER(op_trn_##sfx)                                                         \
    {                                                                                \
        T a_[16 / sizeof(T)], b_[16 / sizeof(T)], r_[16 / sizeof(T)] = { 0 };        \
        memcpy(a_, VREG(op->n), 16);                                                 \
        memcpy(b_, VREG(op->m), 16);                                                 \
        for (unsigned i = 0; i < op->r; i += 2) {                                    \
            r_[i] = a_[i + op->p];                                                   \
            r_[i + 1] = b_[i + op->p];                                               \
        }                                                                            \
        memcpy(VREG(op->d), r_, 16);                                                 \
        NEXT();                                                                      \
    }
DEFINE_PERMUTES(uint8_t, 8)
DEFINE_PERMUTES(uint16_t, 16)
DEFINE_PERMUTES(uint32_t, 32)
DEFINE_PERMUTES(uint64_t, 64)

static bool permute(struct dc *dc, const struct a64_args *a, op_fn *const fns[4], unsigned part)
{
    if (a->z == 3 && !a->q) {
        return false;
    }
    if (!simd_vec_op(dc, fns[a->z], a->d, a->n, a->m, a->q)) {
        return true;
    }
    dc->op->p = (uint8_t)part;
    dc->op->r = (uint16_t)((a->q ? 16 : 8) >> a->z);
    return true;
}

static op_fn *const zip_fns[4] = SIMD_SIZE_ROW(op_zip);
static op_fn *const uzp_fns[4] = SIMD_SIZE_ROW(op_uzp);
static op_fn *const trn_fns[4] = SIMD_SIZE_ROW(op_trn);

bool trans_ZIP1(struct dc *dc, const struct a64_args *a) { return permute(dc, a, zip_fns, 0); }
bool trans_ZIP2(struct dc *dc, const struct a64_args *a) { return permute(dc, a, zip_fns, 1); }
bool trans_UZP1(struct dc *dc, const struct a64_args *a) { return permute(dc, a, uzp_fns, 0); }
bool trans_UZP2(struct dc *dc, const struct a64_args *a) { return permute(dc, a, uzp_fns, 1); }
bool trans_TRN1(struct dc *dc, const struct a64_args *a) { return permute(dc, a, trn_fns, 0); }
bool trans_TRN2(struct dc *dc, const struct a64_args *a) { return permute(dc, a, trn_fns, 1); }

/* --- EXT ------------------------------------------------------------------------ */

/* op->p = first byte (imm4), op->r = vector bytes (8 or 16). */
OP_HANDLER(op_ext)
{
    uint8_t cat[32] = { 0 }, r_[16] = { 0 };
    memcpy(cat, VREG(op->n), op->r);
    memcpy(cat + op->r, VREG(op->m), op->r);
    memcpy(r_, cat + op->p, op->r);
    memcpy(VREG(op->d), r_, 16);
    NEXT();
}

bool trans_EXT(struct dc *dc, const struct a64_args *a)
{
    if (!a->q && (a->i & 8)) {
        return false;
    }
    if (!simd_vec_op(dc, op_ext, a->d, a->n, a->m, a->q)) {
        return true;
    }
    dc->op->p = (uint8_t)a->i;
    dc->op->r = a->q ? 16 : 8;
    return true;
}

/* --- TBL / TBX ---------------------------------------------------------------------- */

/*
 * op->n = first table register, op->p = table registers (1..4), op->r =
 * vector bytes, op->q = 1 for TBX (out-of-range indices keep Vd's byte).
 */
OP_HANDLER(op_tbl)
{
    uint8_t table[64], idx[16], r_[16] = { 0 };
    for (unsigned t = 0; t < op->p; t++) {
        memcpy(table + 16 * t, VREG((op->n + t) & 31), 16);
    }
    memcpy(idx, VREG(op->m), 16);
    if (op->q) {
        memcpy(r_, VREG(op->d), op->r);
    }
    unsigned limit = 16u * op->p;
    for (unsigned i = 0; i < op->r; i++) {
        if (idx[i] < limit) {
            r_[i] = table[idx[i]];
        } else if (!op->q) {
            r_[i] = 0;
        }
    }
    memcpy(VREG(op->d), r_, 16);
    NEXT();
}

static bool tbl(struct dc *dc, const struct a64_args *a, bool tbx)
{
    if (!simd_vec_op(dc, op_tbl, a->d, a->n, a->m, a->q)) {
        return true;
    }
    dc->op->p = (uint8_t)(a->l + 1);
    dc->op->r = a->q ? 16 : 8;
    dc->op->q = tbx;
    return true;
}

bool trans_TBL(struct dc *dc, const struct a64_args *a) { return tbl(dc, a, false); }
bool trans_TBX(struct dc *dc, const struct a64_args *a) { return tbl(dc, a, true); }

/* DUP (scalar) / MOV Bd|Hd|Sd|Dd, Vn.T[i]: one lane, zero-extended. */
OP_HANDLER(op_dup_scalar)
{
    uint64_t v = 0;
    memcpy(&v, vreg_cbytes(cpu, op->n) + op->p, op->r);
    vreg_write_d(cpu, op->d, v);
    NEXT();
}

bool trans_DUP_s(struct dc *dc, const struct a64_args *a)
{
    unsigned size, index;
    if (!copy_elem(a->i, &size, &index)) {
        return false;
    }
    if (simd_vec_op(dc, op_dup_scalar, a->d, a->n, 0, 0)) {
        dc->op->p = (uint8_t)(index << size);
        dc->op->r = (uint16_t)(1u << size);
    }
    return true;
}
