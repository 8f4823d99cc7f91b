/*
 * AdvSIMD bitwise operations: AND, BIC, ORR, ORN, EOR, BSL, BIT, BIF, NOT
 * (register), and the modified-immediate group: MOVI, MVNI, ORR and BIC
 * (immediate), FMOV (vector, immediate). All work on whole 64-bit halves.
 */
#include "arm/simd.h"

/* 'n', 'm', 'd' are the halves of Vn, Vm and the old Vd in the bodies. */
#define DEFINE_LOGIC(name, expr)                                                     \
    OP_HANDLER(op_##name)                                                            \
    {                                                                                \
        uint64_t r_[2];                                                              \
        for (unsigned i = 0; i < 2; i++) {                                           \
            uint64_t n = VREG(op->n)[i], m = VREG(op->m)[i], d = VREG(op->d)[i];     \
            (void)m, (void)d;                                                        \
            r_[i] = (expr);                                                          \
        }                                                                            \
        SIMD_STORE_RESULT(r_);                                                       \
        NEXT();                                                                      \
    }

DEFINE_LOGIC(and, n & m)
DEFINE_LOGIC(bic, n & ~m)
DEFINE_LOGIC(orr, n | m)
DEFINE_LOGIC(orn, n | ~m)
DEFINE_LOGIC(eor, n ^ m)
DEFINE_LOGIC(bsl, (d & n) | (~d & m))
DEFINE_LOGIC(bit, (m & n) | (~m & d))
DEFINE_LOGIC(bif, (~m & n) | (m & d))
DEFINE_LOGIC(not, ~n)

/* MOV Vd, Vn (ORR with Vn == Vm): the most common of all. */
OP_HANDLER(op_mov)
{
    uint64_t lo = VREG(op->n)[0], hi = VREG(op->n)[1];
    VREG(op->d)[0] = lo;
    VREG(op->d)[1] = hi & op->imm2;
    NEXT();
}

static bool logic(struct dc *dc, const struct a64_args *a, op_fn *fn)
{
    simd_vec_op(dc, fn, a->d, a->n, a->m, a->q);
    return true;
}

bool trans_AND_v(struct dc *dc, const struct a64_args *a) { return logic(dc, a, op_and); }
bool trans_BIC_v(struct dc *dc, const struct a64_args *a) { return logic(dc, a, op_bic); }
bool trans_ORR_v(struct dc *dc, const struct a64_args *a)
{
    return logic(dc, a, a->n == a->m ? op_mov : op_orr);
}
bool trans_ORN_v(struct dc *dc, const struct a64_args *a) { return logic(dc, a, op_orn); }
bool trans_EOR_v(struct dc *dc, const struct a64_args *a) { return logic(dc, a, op_eor); }
bool trans_BSL(struct dc *dc, const struct a64_args *a) { return logic(dc, a, op_bsl); }
bool trans_BIT(struct dc *dc, const struct a64_args *a) { return logic(dc, a, op_bit); }
bool trans_BIF(struct dc *dc, const struct a64_args *a) { return logic(dc, a, op_bif); }
bool trans_NOT(struct dc *dc, const struct a64_args *a) { return logic(dc, a, op_not); }

/* --- modified immediate ---------------------------------------------------------- */

/* op->imm is the 64-bit pattern (already inverted for MVNI, for BIC). */
OP_HANDLER(op_movi)
{
    VREG(op->d)[0] = op->imm;
    VREG(op->d)[1] = op->imm & op->imm2;
    NEXT();
}

OP_HANDLER(op_orr_imm)
{
    VREG(op->d)[0] |= op->imm;
    VREG(op->d)[1] = (VREG(op->d)[1] | op->imm) & op->imm2;
    NEXT();
}

OP_HANDLER(op_bic_imm)
{
    VREG(op->d)[0] &= op->imm;
    VREG(op->d)[1] = VREG(op->d)[1] & op->imm & op->imm2;
    NEXT();
}

static uint64_t replicate32(uint64_t v) { return v | (v << 32); }
static uint64_t replicate16(uint64_t v) { return replicate32(v | (v << 16)); }

/* AdvSIMDExpandImm (ARM ARM shared pseudocode). */
uint64_t simd_expand_imm(unsigned op, unsigned cmode, uint64_t imm8)
{
    switch (cmode >> 1) {
    case 0: return replicate32(imm8);
    case 1: return replicate32(imm8 << 8);
    case 2: return replicate32(imm8 << 16);
    case 3: return replicate32(imm8 << 24);
    case 4: return replicate16(imm8);
    case 5: return replicate16(imm8 << 8);
    case 6: return replicate32(cmode & 1 ? (imm8 << 16) | 0xffff : (imm8 << 8) | 0xff);
    default:
        break;
    }
    uint64_t b7 = (imm8 >> 7) & 1, b6 = (imm8 >> 6) & 1, low6 = imm8 & 0x3f;
    if (!(cmode & 1)) {
        if (!op) {
            return replicate16(imm8 | (imm8 << 8));
        }
        uint64_t v = 0;
        for (unsigned i = 0; i < 8; i++) {
            if (imm8 & (1u << i)) {
                v |= 0xffull << (8 * i);
            }
        }
        return v;
    }
    if (!op) {
        uint64_t f = (b7 << 31) | ((b6 ^ 1) << 30) | ((b6 ? 0x1full : 0) << 25) | (low6 << 19);
        return replicate32(f);
    }
    return (b7 << 63) | ((b6 ^ 1) << 62) | ((b6 ? 0xffull : 0) << 54) | (low6 << 48);
}

bool trans_MOVI(struct dc *dc, const struct a64_args *a)
{
    unsigned cmode = a->c, op = a->o;
    if (cmode == 15 && op && !a->q) {
        return false; /* FMOV (vector, immediate) of doubles is 128-bit only */
    }
    uint64_t imm = simd_expand_imm(op, cmode, (a->i << 5) | a->j);
    op_fn *fn = op_movi;
    if ((cmode & 1) && cmode < 12) {
        fn = op ? op_bic_imm : op_orr_imm;
        imm = op ? ~imm : imm;
    } else if (op && cmode != 14 && cmode != 15) {
        imm = ~imm; /* MVNI */
    }
    if (!simd_vec_op(dc, fn, a->d, a->d, a->d, a->q)) {
        return true;
    }
    dc->op->imm = imm;
    return true;
}
