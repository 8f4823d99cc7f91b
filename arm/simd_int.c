/*
 * AdvSIMD integer arithmetic on lanes: the three-same group (ADD, SUB,
 * compares, MIN/MAX, shifts by register, MUL/MLA/MLS, halving and absolute
 * difference), pairwise ops (ADDP, UMAXP...), reductions across lanes
 * (ADDV, UMAXV, UADDLV...) and the two-register misc group (compares with
 * zero, ABS, NEG, CNT, CLZ, CLS, REV16/32/64, RBIT, ADDLP/ADALP).
 *
 * One handler per operation and element size, chosen at translate time.
 */
#include "arm/simd.h"
#include "arm/simd_sat.h"

/* --- three same -------------------------------------------------------------- */

#define BITS ((int)(sizeof(x) * 8))

static inline uint64_t ushl_lane(uint64_t x, int sh, int bits)
{
    if (sh >= bits || sh <= -bits) {
        return 0;
    }
    return sh >= 0 ? x << sh : x >> -sh;
}

static inline uint64_t sshl_lane(int64_t x, int sh, int bits)
{
    if (sh >= bits) {
        return 0;
    }
    if (sh <= -bits) {
        sh = -bits + 1;
    }
    return sh >= 0 ? (uint64_t)x << sh : (uint64_t)(x >> -sh);
}

SIMD_DEFINE_3SAME_ALL(op_add, x + y)
SIMD_DEFINE_3SAME_ALL(op_sub, x - y)
SIMD_DEFINE_3SAME_ALL(op_cmeq, x == y ? -1 : 0)
SIMD_DEFINE_3SAME_ALL(op_cmtst, (x & y) ? -1 : 0)
SIMD_DEFINE_3SAME_ALL(op_cmhi, x > y ? -1 : 0)
SIMD_DEFINE_3SAME_ALL(op_cmhs, x >= y ? -1 : 0)
SIMD_DEFINE_3SAME_ALL(op_cmgt, (S)x > (S)y ? -1 : 0)
SIMD_DEFINE_3SAME_ALL(op_cmge, (S)x >= (S)y ? -1 : 0)
SIMD_DEFINE_3SAME_ALL(op_umax, x > y ? x : y)
SIMD_DEFINE_3SAME_ALL(op_umin, x < y ? x : y)
SIMD_DEFINE_3SAME_ALL(op_smax, (S)x > (S)y ? x : y)
SIMD_DEFINE_3SAME_ALL(op_smin, (S)x < (S)y ? x : y)
SIMD_DEFINE_3SAME_ALL(op_ushl, ushl_lane(x, (int8_t)y, BITS))
SIMD_DEFINE_3SAME_ALL(op_sshl, sshl_lane((S)x, (int8_t)y, BITS))
SIMD_DEFINE_3SAME_ALL(op_mul, (uint64_t)x * y)
SIMD_DEFINE_3SAME_ALL(op_mla, w + (uint64_t)x * y)
SIMD_DEFINE_3SAME_ALL(op_mls, w - (uint64_t)x * y)
SIMD_DEFINE_3SAME_ALL(op_uhadd, ((uint64_t)x + y) >> 1)
SIMD_DEFINE_3SAME_ALL(op_urhadd, ((uint64_t)x + y + 1) >> 1)
SIMD_DEFINE_3SAME_ALL(op_shadd, ((int64_t)(S)x + (S)y) >> 1)
SIMD_DEFINE_3SAME_ALL(op_srhadd, ((int64_t)(S)x + (S)y + 1) >> 1)
SIMD_DEFINE_3SAME_ALL(op_uhsub, ((uint64_t)x - y) >> 1)
SIMD_DEFINE_3SAME_ALL(op_shsub, ((int64_t)(S)x - (S)y) >> 1)
SIMD_DEFINE_3SAME_ALL(op_uabd, x > y ? x - y : y - x)
SIMD_DEFINE_3SAME_ALL(op_sabd, (S)x > (S)y ? x - y : y - x)
SIMD_DEFINE_3SAME_ALL(op_uaba, w + (x > y ? x - y : y - x))
SIMD_DEFINE_3SAME_ALL(op_saba, w + ((S)x > (S)y ? x - y : y - x))

/* Polynomial multiply of bytes (PMUL), low 8 bits of the carry-less product. */
static inline uint8_t pmul8(uint8_t a, uint8_t b)
{
    unsigned r = 0;
    for (unsigned i = 0; i < 8; i++) {
        if (b & (1u << i)) {
            r ^= (unsigned)a << i;
        }
    }
    return (uint8_t)r;
}
SIMD_DEFINE_3SAME(op_pmul_8, uint8_t, int8_t, pmul8(x, y))

/*
 * Three-same op on sizes allowed by 'sizes' (bit per size); size 3 needs
 * Q = 1 in every allocated encoding of this group.
 */
static bool three_same(struct dc *dc, const struct a64_args *a, op_fn *const fns[4],
                       unsigned sizes)
{
    if (!(sizes & (1u << a->z)) || (a->z == 3 && !a->q)) {
        return false;
    }
    simd_vec_op(dc, fns[a->z], a->d, a->n, a->m, a->q);
    return true;
}

#define ALL_SIZES 0xfu
#define NO_64     0x7u

#define TRANS_3SAME(NAME, fn, sizes)                                                \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                      \
    {                                                                               \
        static op_fn *const fns[4] = SIMD_SIZE_ROW(fn);                             \
        return three_same(dc, a, fns, sizes);                                       \
    }

TRANS_3SAME(ADD_v, op_add, ALL_SIZES)
TRANS_3SAME(SUB_v, op_sub, ALL_SIZES)
TRANS_3SAME(CMEQ, op_cmeq, ALL_SIZES)
TRANS_3SAME(CMTST, op_cmtst, ALL_SIZES)
TRANS_3SAME(CMHI, op_cmhi, ALL_SIZES)
TRANS_3SAME(CMHS, op_cmhs, ALL_SIZES)
TRANS_3SAME(CMGT, op_cmgt, ALL_SIZES)
TRANS_3SAME(CMGE, op_cmge, ALL_SIZES)
TRANS_3SAME(USHL, op_ushl, ALL_SIZES)
TRANS_3SAME(SSHL, op_sshl, ALL_SIZES)
TRANS_3SAME(UMAX, op_umax, NO_64)
TRANS_3SAME(UMIN, op_umin, NO_64)
TRANS_3SAME(SMAX, op_smax, NO_64)
TRANS_3SAME(SMIN, op_smin, NO_64)
TRANS_3SAME(MUL_v, op_mul, NO_64)
TRANS_3SAME(MLA_v, op_mla, NO_64)
TRANS_3SAME(MLS_v, op_mls, NO_64)
TRANS_3SAME(UHADD, op_uhadd, NO_64)
TRANS_3SAME(URHADD, op_urhadd, NO_64)
TRANS_3SAME(SHADD, op_shadd, NO_64)
TRANS_3SAME(SRHADD, op_srhadd, NO_64)
TRANS_3SAME(UHSUB, op_uhsub, NO_64)
TRANS_3SAME(SHSUB, op_shsub, NO_64)
TRANS_3SAME(UABD, op_uabd, NO_64)
TRANS_3SAME(SABD, op_sabd, NO_64)
TRANS_3SAME(UABA, op_uaba, NO_64)
TRANS_3SAME(SABA, op_saba, NO_64)

bool trans_PMUL(struct dc *dc, const struct a64_args *a)
{
    static op_fn *const fns[4] = { op_pmul_8, NULL, NULL, NULL };
    return three_same(dc, a, fns, 1);
}

/* --- pairwise ------------------------------------------------------------------ */

/* SIMD_DEFINE_PAIRWISE; op->r = lanes in one operand (Q ? 16 : 8) / esize. */
#define DEFINE_PAIRWISE_ALL(name, expr)                                              \
    SIMD_DEFINE_PAIRWISE(name##_8, 8, 0, expr)                                       \
    SIMD_DEFINE_PAIRWISE(name##_16, 16, 0, expr)                                     \
    SIMD_DEFINE_PAIRWISE(name##_32, 32, 0, expr)                                     \
    SIMD_DEFINE_PAIRWISE(name##_64, 64, 0, expr)

DEFINE_PAIRWISE_ALL(op_addp, x + y)
DEFINE_PAIRWISE_ALL(op_umaxp, x > y ? x : y)
DEFINE_PAIRWISE_ALL(op_uminp, x < y ? x : y)
DEFINE_PAIRWISE_ALL(op_smaxp, (S)x > (S)y ? x : y)
DEFINE_PAIRWISE_ALL(op_sminp, (S)x < (S)y ? x : y)

static bool pairwise(struct dc *dc, const struct a64_args *a, op_fn *const fns[4],
                     unsigned sizes)
{
    if (!(sizes & (1u << a->z)) || (a->z == 3 && !a->q)) {
        return false;
    }
    if (simd_vec_op(dc, fns[a->z], a->d, a->n, a->m, a->q)) {
        dc->op->r = (uint16_t)simd_lanes(a->q, a->z);
    }
    return true;
}

#define TRANS_PAIRWISE(NAME, fn, sizes)                                             \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                      \
    {                                                                               \
        static op_fn *const fns[4] = SIMD_SIZE_ROW(fn);                             \
        return pairwise(dc, a, fns, sizes);                                         \
    }

TRANS_PAIRWISE(ADDP_v, op_addp, ALL_SIZES)
TRANS_PAIRWISE(UMAXP, op_umaxp, NO_64)
TRANS_PAIRWISE(UMINP, op_uminp, NO_64)
TRANS_PAIRWISE(SMAXP, op_smaxp, NO_64)
TRANS_PAIRWISE(SMINP, op_sminp, NO_64)

/* --- across lanes -------------------------------------------------------------- */

/*
 * op->r = lanes. The result is a scalar of the element size (twice it for
 * the long forms), zero-extended into Vd. 'acc' is the running value (64-bit,
 * of the element's signedness), x the next lane.
 */
#define DEFINE_ACROSS(name, T, S, A, init, expr, out)                                \
    OP_HANDLER(name)                                                                 \
    {                                                                                \
        enum { N_ = 16 / sizeof(T) };                                                \
        T l_[N_];                                                                    \
        memcpy(l_, VREG(op->n), 16);                                                 \
        A acc = (A)(init);                                                           \
        for (unsigned i_ = 1; i_ < op->r; i_++) {                                    \
            A x = (A)(S)l_[i_];                                                      \
            acc = (expr);                                                            \
        }                                                                            \
        vreg_write_d(cpu, op->d, (uint64_t)(out)acc);                                \
        NEXT();                                                                      \
    }

#define DEFINE_ACROSS_SIZES(name, SIGN, A, expr, wide)                               \
    DEFINE_ACROSS(name##_8, uint8_t, SIGN##8_t, A, (SIGN##8_t)l_[0], expr,           \
                  wide##8_t)                                                         \
    DEFINE_ACROSS(name##_16, uint16_t, SIGN##16_t, A, (SIGN##16_t)l_[0], expr,       \
                  wide##16_t)                                                        \
    DEFINE_ACROSS(name##_32, uint32_t, SIGN##32_t, A, (SIGN##32_t)l_[0], expr,       \
                  wide##32_t)

/* 'wide' picks the output type: the element's unsigned type, or twice its size. */
#define u_same8_t   uint8_t
#define u_same16_t  uint16_t
#define u_same32_t  uint32_t
#define u_long8_t   uint16_t
#define u_long16_t  uint32_t
#define u_long32_t  uint64_t

DEFINE_ACROSS_SIZES(op_addv, uint, uint64_t, acc + x, u_same)
DEFINE_ACROSS_SIZES(op_umaxv, uint, uint64_t, x > acc ? x : acc, u_same)
DEFINE_ACROSS_SIZES(op_uminv, uint, uint64_t, x < acc ? x : acc, u_same)
DEFINE_ACROSS_SIZES(op_smaxv, int, int64_t, x > acc ? x : acc, u_same)
DEFINE_ACROSS_SIZES(op_sminv, int, int64_t, x < acc ? x : acc, u_same)
DEFINE_ACROSS_SIZES(op_uaddlv, uint, uint64_t, acc + x, u_long)
DEFINE_ACROSS_SIZES(op_saddlv, int, int64_t, acc + x, u_long)

static bool across(struct dc *dc, const struct a64_args *a, op_fn *const fns[3])
{
    /* Sizes 8, 16 at either width; 32 only with Q = 1 (four lanes). */
    if (a->z == 3 || (a->z == 2 && !a->q)) {
        return false;
    }
    if (simd_vec_op(dc, fns[a->z], a->d, a->n, 0, 1)) {
        dc->op->r = (uint16_t)simd_lanes(a->q, a->z);
    }
    return true;
}

#define TRANS_ACROSS(NAME, fn)                                                      \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                      \
    {                                                                               \
        static op_fn *const fns[3] = { fn##_8, fn##_16, fn##_32 };                  \
        return across(dc, a, fns);                                                  \
    }

TRANS_ACROSS(ADDV, op_addv)
TRANS_ACROSS(UMAXV, op_umaxv)
TRANS_ACROSS(UMINV, op_uminv)
TRANS_ACROSS(SMAXV, op_smaxv)
TRANS_ACROSS(SMINV, op_sminv)
TRANS_ACROSS(UADDLV, op_uaddlv)
TRANS_ACROSS(SADDLV, op_saddlv)

/* --- two-register misc ------------------------------------------------------------ */

static inline unsigned clz_lane(uint64_t x, int bits)
{
    return x ? (unsigned)(__builtin_clzll(x) - (64 - bits)) : (unsigned)bits;
}

static inline unsigned cls_lane(int64_t x, int bits)
{
    uint64_t v = (uint64_t)(x ^ (x >> 63)); /* leading sign copies become zeros */
    return clz_lane(v, bits) - 1;
}

SIMD_DEFINE_2MISC_ALL(op_cmgt0, (S)x > 0 ? -1 : 0)
SIMD_DEFINE_2MISC_ALL(op_cmge0, (S)x >= 0 ? -1 : 0)
SIMD_DEFINE_2MISC_ALL(op_cmeq0, x == 0 ? -1 : 0)
SIMD_DEFINE_2MISC_ALL(op_cmle0, (S)x <= 0 ? -1 : 0)
SIMD_DEFINE_2MISC_ALL(op_cmlt0, (S)x < 0 ? -1 : 0)
SIMD_DEFINE_2MISC_ALL(op_abs, (S)x < 0 ? -(uint64_t)x : x)
SIMD_DEFINE_2MISC_ALL(op_neg, -(uint64_t)x)
SIMD_DEFINE_2MISC_ALL(op_clz, clz_lane(x, BITS))
SIMD_DEFINE_2MISC_ALL(op_cls, cls_lane((S)x, BITS))
SIMD_DEFINE_2MISC(op_cnt_8, uint8_t, int8_t, __builtin_popcount(x))

static inline uint8_t rbit8(uint8_t b)
{
    b = (uint8_t)((b & 0xf0) >> 4 | (b & 0x0f) << 4);
    b = (uint8_t)((b & 0xcc) >> 2 | (b & 0x33) << 2);
    return (uint8_t)((b & 0xaa) >> 1 | (b & 0x55) << 1);
}
SIMD_DEFINE_2MISC(op_rbit_8, uint8_t, int8_t, rbit8(x))

static bool two_misc(struct dc *dc, const struct a64_args *a, op_fn *const fns[4],
                     unsigned sizes)
{
    if (!(sizes & (1u << a->z)) || (a->z == 3 && !a->q)) {
        return false;
    }
    simd_vec_op(dc, fns[a->z], a->d, a->n, 0, a->q);
    return true;
}

#define TRANS_2MISC(NAME, fn, sizes)                                                \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                      \
    {                                                                               \
        static op_fn *const fns[4] = SIMD_SIZE_ROW(fn);                             \
        return two_misc(dc, a, fns, sizes);                                         \
    }

TRANS_2MISC(CMGT0, op_cmgt0, ALL_SIZES)
TRANS_2MISC(CMGE0, op_cmge0, ALL_SIZES)
TRANS_2MISC(CMEQ0, op_cmeq0, ALL_SIZES)
TRANS_2MISC(CMLE0, op_cmle0, ALL_SIZES)
TRANS_2MISC(CMLT0, op_cmlt0, ALL_SIZES)
TRANS_2MISC(ABS_v, op_abs, ALL_SIZES)
TRANS_2MISC(NEG_v, op_neg, ALL_SIZES)
TRANS_2MISC(CLZ_v, op_clz, NO_64)
TRANS_2MISC(CLS_v, op_cls, NO_64)

bool trans_CNT(struct dc *dc, const struct a64_args *a)
{
    static op_fn *const fns[4] = { op_cnt_8, NULL, NULL, NULL };
    return two_misc(dc, a, fns, 1);
}

bool trans_RBIT_v(struct dc *dc, const struct a64_args *a)
{
    simd_vec_op(dc, op_rbit_8, a->d, a->n, 0, a->q);
    return true;
}

/*
 * REV16/REV32/REV64: reverse the elements within each container. op->p =
 * container bytes, op->r = element bytes.
 */
OP_HANDLER(op_rev)
{
    uint8_t src[16], r_[16];
    memcpy(src, VREG(op->n), 16);
    unsigned c = op->p, e = op->r;
    for (unsigned base = 0; base < 16; base += c) {
        for (unsigned off = 0; off < c; off += e) {
            memcpy(r_ + base + off, src + base + (c - e - off), e);
        }
    }
    SIMD_STORE_LANES(r_);
    NEXT();
}

static bool rev(struct dc *dc, const struct a64_args *a, unsigned container_log2)
{
    if (a->z >= container_log2) {
        return false;
    }
    if (simd_vec_op(dc, op_rev, a->d, a->n, 0, a->q)) {
        dc->op->p = (uint8_t)(1u << container_log2);
        dc->op->r = (uint16_t)(1u << a->z);
    }
    return true;
}

bool trans_REV64_v(struct dc *dc, const struct a64_args *a) { return rev(dc, a, 3); }
bool trans_REV32_v(struct dc *dc, const struct a64_args *a) { return rev(dc, a, 2); }
bool trans_REV16_v(struct dc *dc, const struct a64_args *a) { return rev(dc, a, 1); }

/*
 * UADDLP/SADDLP (add pairs into lanes twice as wide) and UADALP/SADALP
 * (accumulate them into Vd). TW is the wide lane type, TN the narrow one
 * (signed or unsigned: the pair is extended by its type).
 */
#define DEFINE_ADDLP(name, TN, TW, acc)                                              \
    OP_HANDLER(name)                                                                 \
    {                                                                                \
        enum { N_ = 16 / sizeof(TW) };                                               \
        TN s_[2 * N_];                                                               \
        TW r_[N_];                                                                   \
        memcpy(s_, VREG(op->n), 16);                                                 \
        memcpy(r_, VREG(op->d), 16);                                                 \
        for (unsigned i_ = 0; i_ < N_; i_++) {                                       \
            TW sum = (TW)((TW)(int64_t)s_[2 * i_] + (TW)(int64_t)s_[2 * i_ + 1]);     \
            r_[i_] = acc ? (TW)(r_[i_] + sum) : sum;                                 \
        }                                                                            \
        SIMD_STORE_LANES(r_);                                                        \
        NEXT();                                                                      \
    }
#define DEFINE_ADDLP_SIZES(name, SIGN, acc)                                          \
    DEFINE_ADDLP(name##_8, SIGN##8_t, uint16_t, acc)                                 \
    DEFINE_ADDLP(name##_16, SIGN##16_t, uint32_t, acc)                               \
    DEFINE_ADDLP(name##_32, SIGN##32_t, uint64_t, acc)

DEFINE_ADDLP_SIZES(op_uaddlp, uint, 0)
DEFINE_ADDLP_SIZES(op_saddlp, int, 0)
DEFINE_ADDLP_SIZES(op_uadalp, uint, 1)
DEFINE_ADDLP_SIZES(op_sadalp, int, 1)

#define TRANS_ADDLP(NAME, fn)                                                       \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                      \
    {                                                                               \
        static op_fn *const fns[3] = { fn##_8, fn##_16, fn##_32 };                  \
        if (a->z == 3) {                                                            \
            return false;                                                           \
        }                                                                           \
        simd_vec_op(dc, fns[a->z], a->d, a->n, 0, a->q);                            \
        return true;                                                                \
    }

TRANS_ADDLP(UADDLP, op_uaddlp)
TRANS_ADDLP(SADDLP, op_saddlp)
TRANS_ADDLP(UADALP, op_uadalp)
TRANS_ADDLP(SADALP, op_sadalp)

/* --- scalar forms (D registers): the 64-bit-lane handler with Q = 0 ------------- */

static bool scalar_d(struct dc *dc, const struct a64_args *a, op_fn *fn)
{
    simd_vec_op(dc, fn, a->d, a->n, a->m, 0);
    return true;
}

bool trans_ADD_s(struct dc *dc, const struct a64_args *a)    { return scalar_d(dc, a, op_add_64); }
bool trans_SUB_s(struct dc *dc, const struct a64_args *a)    { return scalar_d(dc, a, op_sub_64); }
bool trans_CMEQ_s(struct dc *dc, const struct a64_args *a)   { return scalar_d(dc, a, op_cmeq_64); }
bool trans_CMTST_s(struct dc *dc, const struct a64_args *a)  { return scalar_d(dc, a, op_cmtst_64); }
bool trans_CMGT_s(struct dc *dc, const struct a64_args *a)   { return scalar_d(dc, a, op_cmgt_64); }
bool trans_CMHI_s(struct dc *dc, const struct a64_args *a)   { return scalar_d(dc, a, op_cmhi_64); }
bool trans_CMGE_s(struct dc *dc, const struct a64_args *a)   { return scalar_d(dc, a, op_cmge_64); }
bool trans_CMHS_s(struct dc *dc, const struct a64_args *a)   { return scalar_d(dc, a, op_cmhs_64); }
bool trans_SSHL_s(struct dc *dc, const struct a64_args *a)   { return scalar_d(dc, a, op_sshl_64); }
bool trans_USHL_s(struct dc *dc, const struct a64_args *a)   { return scalar_d(dc, a, op_ushl_64); }
bool trans_CMGT0_s(struct dc *dc, const struct a64_args *a)  { return scalar_d(dc, a, op_cmgt0_64); }
bool trans_CMGE0_s(struct dc *dc, const struct a64_args *a)  { return scalar_d(dc, a, op_cmge0_64); }
bool trans_CMEQ0_s(struct dc *dc, const struct a64_args *a)  { return scalar_d(dc, a, op_cmeq0_64); }
bool trans_CMLE0_s(struct dc *dc, const struct a64_args *a)  { return scalar_d(dc, a, op_cmle0_64); }
bool trans_CMLT0_s(struct dc *dc, const struct a64_args *a)  { return scalar_d(dc, a, op_cmlt0_64); }
bool trans_ABS_s(struct dc *dc, const struct a64_args *a)    { return scalar_d(dc, a, op_abs_64); }
bool trans_NEG_s(struct dc *dc, const struct a64_args *a)    { return scalar_d(dc, a, op_neg_64); }

/* ADDP Dd, Vn.2D: the sum of the two halves. */
OP_HANDLER(op_addp_scalar)
{
    vreg_write_d(cpu, op->d, VREG(op->n)[0] + VREG(op->n)[1]);
    NEXT();
}

bool trans_ADDP_s(struct dc *dc, const struct a64_args *a) { return scalar_d(dc, a, op_addp_scalar); }

/* --- saturating add and subtract (set FPSR.QC) ---------------------------------- */

/*
 * Lane handlers (SIMD_DEFINE_LANES_OF) keeping op->r lanes: a Q = 0 op
 * keeps only its low half, so the top lanes are zero and never set QC.
 */

static inline uint64_t uqadd_lane(uint64_t x, uint64_t y, unsigned bits, bool *sat)
{
    uint64_t max = bits == 64 ? ~0ull : (1ull << bits) - 1, r = x + y;
    if (r < x || r > max) {
        *sat = true;
        return max;
    }
    return r;
}

static inline uint64_t uqsub_lane(uint64_t x, uint64_t y, bool *sat)
{
    if (x < y) {
        *sat = true;
        return 0;
    }
    return x - y;
}

#define SBITS ((unsigned)(sizeof(x) * 8))

SIMD_DEFINE_LANES_SIZES(op_uqadd, 1, uqadd_lane(x, y, SBITS, &sat))
SIMD_DEFINE_LANES_SIZES(op_uqsub, 1, uqsub_lane(x, y, &sat))
SIMD_DEFINE_LANES_SIZES(op_sqadd, 1, sat_to_signed((__int128)(S)x + (S)y, SBITS, &sat))
SIMD_DEFINE_LANES_SIZES(op_sqsub, 1, sat_to_signed((__int128)(S)x - (S)y, SBITS, &sat))

/* A saturating op on lanes of n and m (the unary forms pass m = d, the
 * accumulating SUQADD/USQADD read it); r holds the lane count. */
static bool sat_op_regs(struct dc *dc, const struct a64_args *a, op_fn *const fns[4],
                        unsigned m)
{
    if (a->z == 3 && !a->q) {
        return false;
    }
    if (simd_vec_op(dc, fns[a->z], a->d, a->n, m, a->q)) {
        dc->op->r = (uint16_t)simd_lanes(a->q, a->z);
    }
    return true;
}

static bool sat_op(struct dc *dc, const struct a64_args *a, op_fn *const fns[4])
{
    return sat_op_regs(dc, a, fns, a->m);
}

/* The handler table, shared with the scalar forms (arm/simd_sat.h), and the translator. */
#define TRANS_SAT(NAME, table, fn)                                                  \
    op_fn *const table[4] = SIMD_SIZE_ROW(fn);                                      \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                      \
    {                                                                               \
        return sat_op(dc, a, table);                                                \
    }

TRANS_SAT(UQADD, simd_uqadd_fns, op_uqadd)
TRANS_SAT(UQSUB, simd_uqsub_fns, op_uqsub)
TRANS_SAT(SQADD, simd_sqadd_fns, op_sqadd)
TRANS_SAT(SQSUB, simd_sqsub_fns, op_sqsub)

/* --- rounding and saturating shifts by register --------------------------------- */

/*
 * Shift of a lane value (of 'bits' bits, extended to 64 by its signedness)
 * by the signed byte sh of the Vm lane: left when positive, right when
 * negative; 'round' adds the rounding constant of a right shift, 'sat'
 * saturates left shifts to the lane's range.
 */
static uint64_t shift_lane(uint64_t x, int sh, int bits, bool is_signed, bool round,
                           bool saturate, bool *sat)
{
    if (sh >= 0) {
        if (!saturate) {
            return sh >= bits ? 0 : x << sh;
        }
        if (x == 0) {
            return 0;
        }
        if (is_signed) {
            __int128 v = (int64_t)x, max = ((__int128)1 << (bits - 1)) - 1, min = -max - 1;
            __int128 r = sh >= bits ? (v > 0 ? max + 1 : min - 1) : v * ((__int128)1 << sh);
            if (r > max || r < min) {
                *sat = true;
                return (uint64_t)(v > 0 ? max : min);
            }
            return (uint64_t)r;
        }
        unsigned __int128 max = ((unsigned __int128)1 << bits) - 1;
        if (sh >= bits || ((unsigned __int128)x << sh) > max) {
            *sat = true;
            return (uint64_t)max;
        }
        return x << sh;
    }
    int rs = -sh;
    if (is_signed) {
        __int128 v = (int64_t)x;
        if (round) {
            if (rs > bits) {
                return 0;
            }
            return (uint64_t)((v + ((__int128)1 << (rs - 1))) >> rs);
        }
        return (uint64_t)(v >> (rs >= bits ? bits - 1 : rs) >> (rs >= bits ? 1 : 0));
    }
    unsigned __int128 v = x;
    if (rs > bits) {
        return 0;
    }
    if (round) {
        return (uint64_t)((v + ((unsigned __int128)1 << (rs - 1))) >> rs);
    }
    return rs >= bits ? 0 : (uint64_t)(v >> rs);
}

/* y is the Vm lane; its low byte, signed, is the shift. */
#define DEFINE_SHIFT_REG_ALL(name, is_signed, round, saturate)                       \
    SIMD_DEFINE_LANES_SIZES(name, 0, shift_lane(is_signed ? (uint64_t)(int64_t)(S)x : x, \
                                                (int8_t)y, SBITS, is_signed, round,  \
                                                saturate, &sat))

DEFINE_SHIFT_REG_ALL(op_urshl, false, true, false)
DEFINE_SHIFT_REG_ALL(op_srshl, true, true, false)
DEFINE_SHIFT_REG_ALL(op_uqshl, false, false, true)
DEFINE_SHIFT_REG_ALL(op_sqshl, true, false, true)
DEFINE_SHIFT_REG_ALL(op_uqrshl, false, true, true)
DEFINE_SHIFT_REG_ALL(op_sqrshl, true, true, true)

TRANS_SAT(URSHL, simd_urshl_fns, op_urshl)
TRANS_SAT(SRSHL, simd_srshl_fns, op_srshl)
TRANS_SAT(UQSHL, simd_uqshl_fns, op_uqshl)
TRANS_SAT(SQSHL, simd_sqshl_fns, op_sqshl)
TRANS_SAT(UQRSHL, simd_uqrshl_fns, op_uqrshl)
TRANS_SAT(SQRSHL, simd_sqrshl_fns, op_sqrshl)

/* --- SQDMULH / SQRDMULH, SQABS / SQNEG, SUQADD / USQADD ----------------------------- */

SIMD_DEFINE_LANES_OF(op_sqdmulh_16, 16, 0, 1, sat_sqdmulh((S)x, (S)y, 16, false, &sat))
SIMD_DEFINE_LANES_OF(op_sqdmulh_32, 32, 0, 1, sat_sqdmulh((S)x, (S)y, 32, false, &sat))
SIMD_DEFINE_LANES_OF(op_sqrdmulh_16, 16, 0, 1, sat_sqdmulh((S)x, (S)y, 16, true, &sat))
SIMD_DEFINE_LANES_OF(op_sqrdmulh_32, 32, 0, 1, sat_sqdmulh((S)x, (S)y, 32, true, &sat))

op_fn *const simd_sqdmulh_fns[4] = { NULL, op_sqdmulh_16, op_sqdmulh_32, NULL };
op_fn *const simd_sqrdmulh_fns[4] = { NULL, op_sqrdmulh_16, op_sqrdmulh_32, NULL };

bool trans_SQDMULH(struct dc *dc, const struct a64_args *a)
{
    return simd_sqdmulh_fns[a->z] && sat_op(dc, a, simd_sqdmulh_fns);
}

bool trans_SQRDMULH(struct dc *dc, const struct a64_args *a)
{
    return simd_sqrdmulh_fns[a->z] && sat_op(dc, a, simd_sqrdmulh_fns);
}

/* One-source saturating ops: y is the old Vd lane (USQADD/SUQADD). */
SIMD_DEFINE_LANES_SIZES(op_sqabs, 1, sat_to_signed((S)x < 0 ? -(__int128)(S)x : (S)x, SBITS, &sat))
SIMD_DEFINE_LANES_SIZES(op_sqneg, 1, sat_to_signed(-(__int128)(S)x, SBITS, &sat))
/* SUQADD: signed Vd + unsigned Vn; USQADD: unsigned Vd + signed Vn (x = Vn, y = Vd). */
SIMD_DEFINE_LANES_SIZES(op_suqadd, 1, sat_to_signed((__int128)(S)y + (__int128)x, SBITS, &sat))
SIMD_DEFINE_LANES_SIZES(op_usqadd, 1, sat_to_unsigned((__int128)y + (S)x, SBITS, &sat))

static bool sat_unary(struct dc *dc, const struct a64_args *a, op_fn *const fns[4])
{
    return sat_op_regs(dc, a, fns, a->d);
}

#define TRANS_SAT_UNARY(NAME, table, fn)                                            \
    op_fn *const table[4] = SIMD_SIZE_ROW(fn);                                      \
    bool trans_##NAME(struct dc *dc, const struct a64_args *a)                      \
    {                                                                               \
        return sat_unary(dc, a, table);                                             \
    }

TRANS_SAT_UNARY(SQABS, simd_sqabs_fns, op_sqabs)
TRANS_SAT_UNARY(SQNEG, simd_sqneg_fns, op_sqneg)
TRANS_SAT_UNARY(SUQADD, simd_suqadd_fns, op_suqadd)
TRANS_SAT_UNARY(USQADD, simd_usqadd_fns, op_usqadd)
