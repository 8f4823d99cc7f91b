/*
 * FP/SIMD register loads and stores (V = 1): LDR/STR of B, H, S, D and Q
 * registers with unsigned offset, unscaled (LDUR/STUR), pre/post-index,
 * register offset and PC-relative literal; LDP/STP/LDNP/STNP of S, D and Q.
 * They reuse the integer addressing-form handlers of arm/ldst.h with access
 * macros on the vector register file. op->d = Vt, op->a = Vt2.
 *
 * A load writes the whole V register (bits above the element cleared). A Q
 * access is two 64-bit accesses, low half first; a load reads both before
 * writing, so a fault leaves the register alone.
 */
#include "arm/ldst.h"
#include "arm/vreg.h"

#define VLD_Q(addr, reg)                                                       \
    do {                                                                       \
        uint64_t qa_ = (addr);                                                 \
        uint64_t lo_ = mem_read64(cpu, qa_, op);                               \
        uint64_t hi_ = mem_read64(cpu, qa_ + 8, op);                           \
        vreg_write_q(cpu, (reg), lo_, hi_);                                    \
    } while (0)

#define VST_Q(addr, reg)                                                       \
    do {                                                                       \
        uint64_t qa_ = (addr);                                                 \
        mem_write64(cpu, qa_, VREG(reg)[0], op);                               \
        mem_write64(cpu, qa_ + 8, VREG(reg)[1], op);                           \
    } while (0)

#define LDST_ACCESS_vst8(addr)   mem_write8(cpu, (addr), VREG(op->d)[0], op)
#define LDST_ACCESS_vst16(addr)  mem_write16(cpu, (addr), VREG(op->d)[0], op)
#define LDST_ACCESS_vst32(addr)  mem_write32(cpu, (addr), VREG(op->d)[0], op)
#define LDST_ACCESS_vst64(addr)  mem_write64(cpu, (addr), VREG(op->d)[0], op)
#define LDST_ACCESS_vst128(addr) VST_Q(addr, op->d)
#define LDST_ACCESS_vld8(addr)   vreg_write_d(cpu, op->d, mem_read8(cpu, (addr), op))
#define LDST_ACCESS_vld16(addr)  vreg_write_d(cpu, op->d, mem_read16(cpu, (addr), op))
#define LDST_ACCESS_vld32(addr)  vreg_write_d(cpu, op->d, mem_read32(cpu, (addr), op))
#define LDST_ACCESS_vld64(addr)  vreg_write_d(cpu, op->d, mem_read64(cpu, (addr), op))
#define LDST_ACCESS_vld128(addr) VLD_Q(addr, op->d)

/* Pairs: with Vt == Vt2 (CONSTRAINED UNPREDICTABLE) Vt ends with the first
 * element, as for the integer pairs. */
#define VPAIR_LOAD(addr, bits)                                                 \
    do {                                                                       \
        uint64_t pa_ = (addr);                                                 \
        uint64_t first_ = mem_read##bits(cpu, pa_, op);                        \
        uint64_t second_ = mem_read##bits(cpu, pa_ + (bits) / 8, op);          \
        vreg_write_d(cpu, op->a, second_);                                     \
        vreg_write_d(cpu, op->d, first_);                                      \
    } while (0)

#define VPAIR_STORE(addr, bits)                                                \
    do {                                                                       \
        uint64_t pa_ = (addr);                                                 \
        mem_write##bits(cpu, pa_, VREG(op->d)[0], op);                         \
        mem_write##bits(cpu, pa_ + (bits) / 8, VREG(op->a)[0], op);            \
    } while (0)

#define LDST_ACCESS_vstp32(addr) VPAIR_STORE(addr, 32)
#define LDST_ACCESS_vstp64(addr) VPAIR_STORE(addr, 64)
#define LDST_ACCESS_vldp32(addr) VPAIR_LOAD(addr, 32)
#define LDST_ACCESS_vldp64(addr) VPAIR_LOAD(addr, 64)
#define LDST_ACCESS_vstp128(addr)                                              \
    do {                                                                       \
        uint64_t pq_ = (addr);                                                 \
        VST_Q(pq_, op->d);                                                     \
        VST_Q(pq_ + 16, op->a);                                                \
    } while (0)
#define LDST_ACCESS_vldp128(addr)                                              \
    do {                                                                       \
        uint64_t pq_ = (addr);                                                 \
        uint64_t l0_ = mem_read64(cpu, pq_, op);                               \
        uint64_t h0_ = mem_read64(cpu, pq_ + 8, op);                           \
        uint64_t l1_ = mem_read64(cpu, pq_ + 16, op);                          \
        uint64_t h1_ = mem_read64(cpu, pq_ + 24, op);                          \
        vreg_write_q(cpu, op->a, l1_, h1_);                                    \
        vreg_write_q(cpu, op->d, l0_, h0_);                                    \
    } while (0)

/* Single-register kinds, indexed [is_load][log2 size]. */
#define VSINGLE_KINDS(K) \
    K(vst8) K(vst16) K(vst32) K(vst64) K(vst128) K(vld8) K(vld16) K(vld32) K(vld64) K(vld128)
#define VPAIR_KINDS(K) K(vstp32) K(vstp64) K(vstp128) K(vldp32) K(vldp64) K(vldp128)

#define DEFINE_IMM(kind) LDST_DEFINE_IMM_FORMS(kind)
VSINGLE_KINDS(DEFINE_IMM)
VPAIR_KINDS(DEFINE_IMM)
#undef DEFINE_IMM

#define DEFINE_REG(kind) LDST_DEFINE_REG_FORMS(kind)
VSINGLE_KINDS(DEFINE_REG)
#undef DEFINE_REG

static op_fn *const vsingle_imm_fns[2][5][LDST_NUM_IMM_FORMS * 2] = {
    { LDST_IMM_FORM_ROW(vst8), LDST_IMM_FORM_ROW(vst16), LDST_IMM_FORM_ROW(vst32),
      LDST_IMM_FORM_ROW(vst64), LDST_IMM_FORM_ROW(vst128) },
    { LDST_IMM_FORM_ROW(vld8), LDST_IMM_FORM_ROW(vld16), LDST_IMM_FORM_ROW(vld32),
      LDST_IMM_FORM_ROW(vld64), LDST_IMM_FORM_ROW(vld128) },
};

static op_fn *const vsingle_reg_fns[2][5][LDST_NUM_REG_FORMS * 2] = {
    { LDST_REG_FORM_ROW(vst8), LDST_REG_FORM_ROW(vst16), LDST_REG_FORM_ROW(vst32),
      LDST_REG_FORM_ROW(vst64), LDST_REG_FORM_ROW(vst128) },
    { LDST_REG_FORM_ROW(vld8), LDST_REG_FORM_ROW(vld16), LDST_REG_FORM_ROW(vld32),
      LDST_REG_FORM_ROW(vld64), LDST_REG_FORM_ROW(vld128) },
};

static op_fn *const vpair_fns[2][3][LDST_NUM_IMM_FORMS * 2] = {
    { LDST_IMM_FORM_ROW(vstp32), LDST_IMM_FORM_ROW(vstp64), LDST_IMM_FORM_ROW(vstp128) },
    { LDST_IMM_FORM_ROW(vldp32), LDST_IMM_FORM_ROW(vldp64), LDST_IMM_FORM_ROW(vldp128) },
};

/* log2 of the access size from size (z) and opc<1> (q); -1 if unallocated. */
static int vsize(const struct a64_args *a)
{
    if (a->q) {
        return a->z == 0 ? 4 : -1;
    }
    return (int)a->z;
}

static bool vldst_imm(struct dc *dc, const struct a64_args *a, bool is_load, int64_t offset,
                      enum ldst_imm_form form)
{
    int log2_size = vsize(a);
    if (log2_size < 0) {
        return false;
    }
    if (!fp_access_check(dc)) {
        return true;
    }
    struct op *op = dc->op;
    op->fn = vsingle_imm_fns[is_load][log2_size][ldst_form_index(form, a->n)];
    op->n = reg_or_sp(a->n);
    op->d = (uint8_t)a->t;
    op->imm = (uint64_t)offset;
    return true;
}

static bool vldst_uimm(struct dc *dc, const struct a64_args *a, bool is_load)
{
    int log2_size = vsize(a);
    if (log2_size < 0) {
        return false;
    }
    return vldst_imm(dc, a, is_load, (int64_t)a->i << log2_size, LDST_OFFSET);
}

bool trans_STR_v_uimm(struct dc *dc, const struct a64_args *a) { return vldst_uimm(dc, a, false); }
bool trans_LDR_v_uimm(struct dc *dc, const struct a64_args *a) { return vldst_uimm(dc, a, true); }

bool trans_STUR_v(struct dc *dc, const struct a64_args *a)
{
    return vldst_imm(dc, a, false, ldst_sext(a->i, 9), LDST_OFFSET);
}
bool trans_LDUR_v(struct dc *dc, const struct a64_args *a)
{
    return vldst_imm(dc, a, true, ldst_sext(a->i, 9), LDST_OFFSET);
}
bool trans_STR_v_pre(struct dc *dc, const struct a64_args *a)
{
    return vldst_imm(dc, a, false, ldst_sext(a->i, 9), LDST_PRE);
}
bool trans_LDR_v_pre(struct dc *dc, const struct a64_args *a)
{
    return vldst_imm(dc, a, true, ldst_sext(a->i, 9), LDST_PRE);
}
bool trans_STR_v_post(struct dc *dc, const struct a64_args *a)
{
    return vldst_imm(dc, a, false, ldst_sext(a->i, 9), LDST_POST);
}
bool trans_LDR_v_post(struct dc *dc, const struct a64_args *a)
{
    return vldst_imm(dc, a, true, ldst_sext(a->i, 9), LDST_POST);
}

/* Register offset: o = option (bit 1 clear: unallocated), h = shift by size. */
static bool vldst_reg(struct dc *dc, const struct a64_args *a, bool is_load)
{
    int log2_size = vsize(a);
    if (log2_size < 0 || !(a->o & 2)) {
        return false;
    }
    if (!fp_access_check(dc)) {
        return true;
    }
    enum ldst_reg_form form = (a->o & 1) ? LDST_REG_X : (a->o & 4) ? LDST_REG_SXTW
                                                                    : LDST_REG_UXTW;
    struct op *op = dc->op;
    op->fn = vsingle_reg_fns[is_load][log2_size][ldst_form_index(form, a->n)];
    op->n = reg_or_sp(a->n);
    op->m = reg_or_zr(a->m);
    op->d = (uint8_t)a->t;
    op->p = (uint8_t)(a->h ? log2_size : 0);
    return true;
}

bool trans_STR_v_reg(struct dc *dc, const struct a64_args *a) { return vldst_reg(dc, a, false); }
bool trans_LDR_v_reg(struct dc *dc, const struct a64_args *a) { return vldst_reg(dc, a, true); }

/* Literal: z = opc (0 S, 1 D, 2 Q); op->imm is the address. */
OP_HANDLER(op_vldr_lit32) { vreg_write_d(cpu, op->d, mem_read32(cpu, op->imm, op)); NEXT(); }
OP_HANDLER(op_vldr_lit64) { vreg_write_d(cpu, op->d, mem_read64(cpu, op->imm, op)); NEXT(); }
OP_HANDLER(op_vldr_lit128) { VLD_Q(op->imm, op->d); NEXT(); }

bool trans_LDR_v_lit(struct dc *dc, const struct a64_args *a)
{
    static op_fn *const fns[3] = { op_vldr_lit32, op_vldr_lit64, op_vldr_lit128 };
    if (a->z == 3) {
        return false;
    }
    if (!fp_access_check(dc)) {
        return true;
    }
    dc->op->fn = fns[a->z];
    dc->op->d = (uint8_t)a->t;
    dc->op->imm = dc->pc + (uint64_t)(ldst_sext(a->i, 19) * 4);
    return true;
}

/* Pairs: z = opc (0 S, 1 D, 2 Q); imm7 scaled by the element size. */
static bool vldst_pair(struct dc *dc, const struct a64_args *a, bool is_load,
                       enum ldst_imm_form form)
{
    if (a->z == 3) {
        return false;
    }
    if (!fp_access_check(dc)) {
        return true;
    }
    struct op *op = dc->op;
    op->fn = vpair_fns[is_load][a->z][ldst_form_index(form, a->n)];
    op->n = reg_or_sp(a->n);
    op->d = (uint8_t)a->t;
    op->a = (uint8_t)a->u;
    op->imm = (uint64_t)(ldst_sext(a->i, 7) * (4 << a->z));
    return true;
}

bool trans_STNP_v(struct dc *dc, const struct a64_args *a)     { return vldst_pair(dc, a, false, LDST_OFFSET); }
bool trans_LDNP_v(struct dc *dc, const struct a64_args *a)     { return vldst_pair(dc, a, true, LDST_OFFSET); }
bool trans_STP_v_post(struct dc *dc, const struct a64_args *a) { return vldst_pair(dc, a, false, LDST_POST); }
bool trans_LDP_v_post(struct dc *dc, const struct a64_args *a) { return vldst_pair(dc, a, true, LDST_POST); }
bool trans_STP_v_off(struct dc *dc, const struct a64_args *a)  { return vldst_pair(dc, a, false, LDST_OFFSET); }
bool trans_LDP_v_off(struct dc *dc, const struct a64_args *a)  { return vldst_pair(dc, a, true, LDST_OFFSET); }
bool trans_STP_v_pre(struct dc *dc, const struct a64_args *a)  { return vldst_pair(dc, a, false, LDST_PRE); }
bool trans_LDP_v_pre(struct dc *dc, const struct a64_args *a)  { return vldst_pair(dc, a, true, LDST_PRE); }
