/*
 * Load/store pair: STP/LDP (W, X), LDPSW, STNP/LDNP (the non-temporal hint
 * changes nothing here), with signed offset, pre-index and post-index.
 * op->d = Rt, op->a = Rt2, the second element sits at address + size.
 */
#include "arm/ldst.h"

/*
 * A pair load reads both elements before writing either register, so a fault
 * on the second leaves Rt unchanged. Rt2 is written first: with Rt == Rt2
 * (CONSTRAINED UNPREDICTABLE) the register ends up with the first element,
 * as on QEMU. A pair store may leave the first element written when the
 * second faults, which the architecture allows.
 */
#define PAIR_LOAD(addr, bits, cast)                                            \
    do {                                                                       \
        uint64_t a0_ = (addr);                                                 \
        uint64_t first_ = (cast)mem_read##bits(cpu, a0_, op);                  \
        uint64_t second_ = (cast)mem_read##bits(cpu, a0_ + (bits) / 8, op);    \
        X(op->a) = second_;                                                    \
        X(op->d) = first_;                                                     \
    } while (0)

#define PAIR_STORE(addr, bits)                                                 \
    do {                                                                       \
        uint64_t a0_ = (addr);                                                 \
        mem_write##bits(cpu, a0_, X(op->d), op);                               \
        mem_write##bits(cpu, a0_ + (bits) / 8, X(op->a), op);                  \
    } while (0)

/* The access macros LDST_DEFINE_IMM_FORMS expands for each pair kind. */
#define LDST_ACCESS_stp32(addr) PAIR_STORE(addr, 32)
#define LDST_ACCESS_stp64(addr) PAIR_STORE(addr, 64)
#define LDST_ACCESS_ldp32(addr) PAIR_LOAD(addr, 32, uint32_t)
#define LDST_ACCESS_ldp64(addr) PAIR_LOAD(addr, 64, uint64_t)
#define LDST_ACCESS_ldpsw(addr) PAIR_LOAD(addr, 32, int32_t)

#define PAIR_KINDS(K) K(STP32, stp32) K(STP64, stp64) K(LDP32, ldp32) K(LDP64, ldp64) K(LDPSW, ldpsw)

enum pair_kind {
#define PAIR_ENUM(E, kind) PAIR_##E,
    PAIR_KINDS(PAIR_ENUM)
#undef PAIR_ENUM
    NUM_PAIR_KINDS
};

#define DEFINE_KIND(E, kind) LDST_DEFINE_IMM_FORMS(kind)
PAIR_KINDS(DEFINE_KIND)
#undef DEFINE_KIND

static op_fn *const pair_form_fns[NUM_PAIR_KINDS][LDST_NUM_IMM_FORMS * 2] = {
#define KIND_ROW(E, kind) [PAIR_##E] = LDST_IMM_FORM_ROW(kind),
    PAIR_KINDS(KIND_ROW)
#undef KIND_ROW
};

/* imm7 is scaled by the element size (4 or 8 bytes). */
static bool ldst_pair(struct dc *dc, const struct a64_args *a, enum pair_kind kind,
                      enum ldst_imm_form form)
{
    bool is_load = kind >= PAIR_LDP32;
    unsigned log2_size = (kind == PAIR_STP64 || kind == PAIR_LDP64) ? 3 : 2;
    struct op *op = dc->op;
    op->fn = pair_form_fns[kind][ldst_form_index(form, a->n)];
    op->n = reg_or_sp(a->n);
    op->d = ldst_data_reg(a->t, is_load);
    op->a = ldst_data_reg(a->u, is_load);
    op->imm = (uint64_t)(ldst_sext(a->i, 7) * (1 << log2_size));
    return true;
}

static bool stp(struct dc *dc, const struct a64_args *a, enum ldst_imm_form form)
{
    return ldst_pair(dc, a, a->f ? PAIR_STP64 : PAIR_STP32, form);
}

static bool ldp(struct dc *dc, const struct a64_args *a, enum ldst_imm_form form)
{
    return ldst_pair(dc, a, a->f ? PAIR_LDP64 : PAIR_LDP32, form);
}

bool trans_STP_off(struct dc *dc, const struct a64_args *a)  { return stp(dc, a, LDST_OFFSET); }
bool trans_STP_pre(struct dc *dc, const struct a64_args *a)  { return stp(dc, a, LDST_PRE); }
bool trans_STP_post(struct dc *dc, const struct a64_args *a) { return stp(dc, a, LDST_POST); }
bool trans_STNP(struct dc *dc, const struct a64_args *a)     { return stp(dc, a, LDST_OFFSET); }
bool trans_LDP_off(struct dc *dc, const struct a64_args *a)  { return ldp(dc, a, LDST_OFFSET); }
bool trans_LDP_pre(struct dc *dc, const struct a64_args *a)  { return ldp(dc, a, LDST_PRE); }
bool trans_LDP_post(struct dc *dc, const struct a64_args *a) { return ldp(dc, a, LDST_POST); }
bool trans_LDNP(struct dc *dc, const struct a64_args *a)     { return ldp(dc, a, LDST_OFFSET); }

bool trans_LDPSW_off(struct dc *dc, const struct a64_args *a)
{
    return ldst_pair(dc, a, PAIR_LDPSW, LDST_OFFSET);
}

bool trans_LDPSW_pre(struct dc *dc, const struct a64_args *a)
{
    return ldst_pair(dc, a, PAIR_LDPSW, LDST_PRE);
}

bool trans_LDPSW_post(struct dc *dc, const struct a64_args *a)
{
    return ldst_pair(dc, a, PAIR_LDPSW, LDST_POST);
}
