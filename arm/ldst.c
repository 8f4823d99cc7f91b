/*
 * Loads and stores, single register, immediate offset: unsigned scaled offset
 * (LDR/STR), unscaled (LDUR/STUR), pre- and post-index, unprivileged
 * (LDTR/STTR); plus the alignment faults all load/store files share.
 */
#include "arm/ldst.h"

void ldst_sp_misaligned(struct vcpu *cpu, const struct op *op)
{
    uint64_t enable = cpu->s.el ? LDST_SCTLR_SA : LDST_SCTLR_SA0;
    if (cpu->s.el1.sctlr & enable) {
        cpu_raise_sync(cpu, op, EC_SP_ALIGN, 0, 0);
    }
}

void ldst_align_fault(struct vcpu *cpu, const struct op *op, uint64_t va, bool is_write)
{
    uint32_t ec = cpu->s.el ? EC_DATA_ABORT_SAME : EC_DATA_ABORT_LOWER;
    cpu_raise_sync(cpu, op, ec, FSC_ALIGNMENT | (is_write ? ISS_WNR : 0), va);
}

#define DEFINE_KIND(E, kind) LDST_DEFINE_IMM_FORMS(kind)
LDST_INT_KINDS(DEFINE_KIND)
#undef DEFINE_KIND

static op_fn *const imm_form_fns[LDST_NUM_INT_KINDS][LDST_NUM_IMM_FORMS * 2] = {
#define KIND_ROW(E, kind) [LDST_##E] = LDST_IMM_FORM_ROW(kind),
    LDST_INT_KINDS(KIND_ROW)
#undef KIND_ROW
};

/* One single-register access [Xn, #offset] in the given form. */
static bool ldst_imm(struct dc *dc, unsigned size, unsigned opc, unsigned rn, unsigned rt,
                     int64_t offset, enum ldst_imm_form form)
{
    enum ldst_kind kind;
    if (!ldst_int_kind(size, opc, &kind)) {
        return false;
    }
    struct op *op = dc->op;
    op->fn = imm_form_fns[kind][ldst_form_index(form, rn)];
    op->n = reg_or_sp(rn);
    op->d = ldst_data_reg(rt, ldst_kind_is_load(kind));
    op->imm = (uint64_t)offset;
    return true;
}

/* Unsigned offset, scaled by the access size. */
static bool ldst_uimm(struct dc *dc, const struct a64_args *a, unsigned opc)
{
    return ldst_imm(dc, a->z, opc, a->n, a->t, (int64_t)a->i << a->z, LDST_OFFSET);
}

/* Signed 9-bit unscaled offset: LDUR/STUR, writeback and unprivileged forms. */
static bool ldst_simm9(struct dc *dc, const struct a64_args *a, unsigned opc,
                       enum ldst_imm_form form)
{
    return ldst_imm(dc, a->z, opc, a->n, a->t, ldst_sext(a->i, 9), form);
}

bool trans_STR_uimm(struct dc *dc, const struct a64_args *a)  { return ldst_uimm(dc, a, 0); }
bool trans_LDR_uimm(struct dc *dc, const struct a64_args *a)  { return ldst_uimm(dc, a, 1); }
bool trans_LDRS_uimm(struct dc *dc, const struct a64_args *a) { return ldst_uimm(dc, a, 2 + a->w); }

bool trans_STUR(struct dc *dc, const struct a64_args *a)  { return ldst_simm9(dc, a, 0, LDST_OFFSET); }
bool trans_LDUR(struct dc *dc, const struct a64_args *a)  { return ldst_simm9(dc, a, 1, LDST_OFFSET); }
bool trans_LDURS(struct dc *dc, const struct a64_args *a) { return ldst_simm9(dc, a, 2 + a->w, LDST_OFFSET); }

bool trans_STR_pre(struct dc *dc, const struct a64_args *a)  { return ldst_simm9(dc, a, 0, LDST_PRE); }
bool trans_LDR_pre(struct dc *dc, const struct a64_args *a)  { return ldst_simm9(dc, a, 1, LDST_PRE); }
bool trans_LDRS_pre(struct dc *dc, const struct a64_args *a) { return ldst_simm9(dc, a, 2 + a->w, LDST_PRE); }

bool trans_STR_post(struct dc *dc, const struct a64_args *a)  { return ldst_simm9(dc, a, 0, LDST_POST); }
bool trans_LDR_post(struct dc *dc, const struct a64_args *a)  { return ldst_simm9(dc, a, 1, LDST_POST); }
bool trans_LDRS_post(struct dc *dc, const struct a64_args *a) { return ldst_simm9(dc, a, 2 + a->w, LDST_POST); }

/*
 * Unprivileged forms. At EL0 they are plain accesses. At EL1 they are made
 * with EL0's permissions, through the EL0 soft TLB (mem_read_user and
 * mem_write_user, always the slow path). p = log2 of the size, q = opc
 * (0 store, 1 load, 2 load signed to 64 bits, 3 load signed to 32 bits),
 * a = 1 when the base is SP (alignment check).
 */
OP_HANDLER(op_ldst_unpriv)
{
    if (op->a && (X(op->n) & 15)) {
        ldst_sp_misaligned(cpu, op);
    }
    uint64_t va = X(op->n) + op->imm;
    unsigned bits = 8u << op->p;
    if (op->q == 0) {
        mem_write_user(cpu, va, X(op->d), 1u << op->p, op);
        NEXT();
    }
    uint64_t v = mem_read_user(cpu, va, 1u << op->p, op);
    if (op->q >= 2 && bits < 64) {
        v = (uint64_t)((int64_t)(v << (64 - bits)) >> (64 - bits));
        if (op->q == 3) {
            v = (uint32_t)v;
        }
    }
    X(op->d) = v;
    NEXT();
}

static bool ldst_unpriv(struct dc *dc, const struct a64_args *a, unsigned opc)
{
    enum ldst_kind kind;
    if (dc_el(dc) == 0 || !ldst_int_kind(a->z, opc, &kind)) {
        return ldst_simm9(dc, a, opc, LDST_OFFSET);
    }
    struct op *op = dc->op;
    op->fn = op_ldst_unpriv;
    op->n = reg_or_sp(a->n);
    op->a = a->n == 31;
    op->d = ldst_data_reg(a->t, ldst_kind_is_load(kind));
    op->p = (uint8_t)a->z;
    op->q = (uint8_t)opc;
    op->imm = (uint64_t)ldst_sext(a->i, 9);
    return true;
}

bool trans_STTR(struct dc *dc, const struct a64_args *a)  { return ldst_unpriv(dc, a, 0); }
bool trans_LDTR(struct dc *dc, const struct a64_args *a)  { return ldst_unpriv(dc, a, 1); }
bool trans_LDTRS(struct dc *dc, const struct a64_args *a) { return ldst_unpriv(dc, a, 2 + a->w); }
