/*
 * System instructions: hints, barriers and CLREX, MSR (immediate: SPSel,
 * DAIFSet/Clr, PAN), MRS and MSR (register) through the system register table
 * (arm/sysregs.h), and the SYS aliases for cache and TLB maintenance (DC, IC,
 * TLBI) and address translation (AT).
 *
 * Access rules that depend only on the EL are settled at translate time (an
 * encoding not allowed at the EL of the block is UNDEFINED); those that
 * depend on control registers (SCTLR_EL1.UCI/DZE/UMA/nTWI, CNTKCTL_EL1,
 * CPACR_EL1) get a "checked" handler, so the common case pays nothing.
 * Instructions that change state the translator or interrupt delivery depend
 * on end their block and return to the run loop with PC set.
 */
#include <inttypes.h>

#include "arm/ops.h"
#include "arm/sysregs.h"
#include "arm/translate.h"
#include "tcg/cache_maint.h"
#include "util/log.h"

#define DC_ZVA_BLOCK 64 /* DCZID_EL0.BS = 4: 2^4 words */

/* op0:op1:CRn:CRm:op2 of MRS, MSR, SYS and MSR (immediate): bits 20..5. */
static inline unsigned insn_key(const struct dc *dc)
{
    return (dc->insn >> 5) & 0xffff;
}

/* Ends the block after 'op' and goes back to the run loop. */
static inline const struct op *exit_to_loop(struct vcpu *cpu, const struct op *op)
{
    cpu->s.pc = op_pc(cpu, op) + 4;
    return NULL;
}

_Noreturn static void raise_access(struct vcpu *cpu, const struct op *op,
                                   enum sysreg_access why, unsigned key, unsigned rt,
                                   bool is_read)
{
    switch (why) {
    case SR_TRAP:
        cpu_raise_sync(cpu, op, EC_SYSREG, sysreg_trap_iss(key, rt, is_read), 0);
    case SR_TRAP_FP:
        cpu_raise_sync(cpu, op, EC_FP_ACCESS, FP_TRAP_ISS, 0);
    case SR_OK:
    case SR_UNDEF:
        break;
    }
    cpu_raise_sync(cpu, op, EC_UNKNOWN, 0, 0);
}

/* An EL0 use of an instruction allowed only when SCTLR_EL1 has 'bit' set. */
static inline void el0_sctlr_check(struct vcpu *cpu, const struct op *op, uint64_t bit)
{
    if (unlikely(!(cpu->s.el1.sctlr & bit))) {
        raise_access(cpu, op, SR_TRAP, op->r, op->q, false);
    }
}

OP_HANDLER(op_nop) { NEXT(); }

/* --- hints ------------------------------------------------------------------ */

/*
 * WFI ends the block; the run loop then skips the idle time to the next timer
 * deadline unless an interrupt is already pending (vcpu_run).
 */
OP_HANDLER(op_wfi)
{
    cpu->wfi = true;
    return exit_to_loop(cpu, op);
}

/* WFI at EL0 traps when SCTLR_EL1.nTWI is 0 (ISS: CV = 1, COND = 0b1110, TI = 0). */
OP_HANDLER(op_wfi_el0)
{
    if (!(cpu->s.el1.sctlr & SCTLR_NTWI)) {
        cpu_raise_sync(cpu, op, EC_WFX, (1u << 24) | (0xeu << 20), 0);
    }
    return exit_to_loop(cpu, op);
}

static bool hint_nop(struct dc *dc)
{
    dc->op->fn = op_nop;
    return true;
}

bool trans_NOP(struct dc *dc, const struct a64_args *a)   { (void)a; return hint_nop(dc); }
bool trans_YIELD(struct dc *dc, const struct a64_args *a) { (void)a; return hint_nop(dc); }
bool trans_SEV(struct dc *dc, const struct a64_args *a)   { (void)a; return hint_nop(dc); }
bool trans_SEVL(struct dc *dc, const struct a64_args *a)  { (void)a; return hint_nop(dc); }

/* WFE may complete at any time (a spurious event is allowed), and QEMU never
 * traps it: a NOP, without an event register. */
bool trans_WFE(struct dc *dc, const struct a64_args *a) { (void)a; return hint_nop(dc); }

/* The rest of the hint space is reserved and executes as a NOP. */
bool trans_HINT(struct dc *dc, const struct a64_args *a) { (void)a; return hint_nop(dc); }

bool trans_WFI(struct dc *dc, const struct a64_args *a)
{
    (void)a;
    dc->op->fn = dc_el(dc) == 0 ? op_wfi_el0 : op_wfi;
    dc->is_jump = true;
    return true;
}

/* --- barriers ------------------------------------------------------------- */

OP_HANDLER(op_clrex)
{
    cpu->s.excl_valid = 0;
    NEXT();
}

bool trans_CLREX(struct dc *dc, const struct a64_args *a)
{
    (void)a;
    dc->op->fn = op_clrex;
    return true;
}

/* One vCPU sees its own accesses in order: DSB and DMB have nothing to do
 * (whatever the option in CRm) until vCPUs run in parallel. */
bool trans_DSB(struct dc *dc, const struct a64_args *a) { (void)a; return hint_nop(dc); }
bool trans_DMB(struct dc *dc, const struct a64_args *a) { (void)a; return hint_nop(dc); }

/* ISB: later instructions are fetched (translated) afresh. */
bool trans_ISB(struct dc *dc, const struct a64_args *a)
{
    (void)a;
    dc->op->fn = op_nop;
    dc->end_tb = true;
    return true;
}

/* --- MSR (immediate) ------------------------------------------------------- */

OP_HANDLER(op_msr_spsel_imm)
{
    arm_set_sp_bank(&cpu->s, cpu->s.el, op->p);
    vcpu_update_flags(cpu);
    return exit_to_loop(cpu, op);
}

/* PSTATE.PAN picks EL1's soft TLB: back to the run loop with the new one. */
OP_HANDLER(op_msr_pan_imm)
{
    cpu->s.pan = op->p;
    vcpu_update_flags(cpu);
    return exit_to_loop(cpu, op);
}

OP_HANDLER(op_daifset)
{
    cpu->s.daif |= (uint32_t)op->imm;
    NEXT();
}

/* Unmasking may make an interrupt deliverable: back to the run loop. */
OP_HANDLER(op_daifclr)
{
    cpu->s.daif &= ~(uint32_t)op->imm;
    return exit_to_loop(cpu, op);
}

/* At EL0 the DAIF forms trap unless SCTLR_EL1.UMA. QEMU 7.2 swaps op1 and
 * op2 in this syndrome; we report the encoding as the ARM ARM says. */
OP_HANDLER(op_daifset_el0)
{
    el0_sctlr_check(cpu, op, SCTLR_UMA);
    return op_daifset(cpu, op);
}

OP_HANDLER(op_daifclr_el0)
{
    el0_sctlr_check(cpu, op, SCTLR_UMA);
    return op_daifclr(cpu, op);
}

bool trans_MSR_i_SPSel(struct dc *dc, const struct a64_args *a)
{
    if (dc_el(dc) == 0) {
        return false;
    }
    dc->op->fn = op_msr_spsel_imm;
    dc->op->p = a->i & 1;
    dc->is_jump = true;
    return true;
}

/* MSR PAN, #imm (FEAT_PAN): CRm<0> is the new value; UNDEFINED at EL0. */
bool trans_MSR_i_PAN(struct dc *dc, const struct a64_args *a)
{
    if (dc_el(dc) == 0) {
        return false;
    }
    dc->op->fn = op_msr_pan_imm;
    dc->op->p = a->i & 1;
    dc->is_jump = true;
    return true;
}

static bool msr_daif(struct dc *dc, unsigned imm, op_fn *el1_fn, op_fn *el0_fn)
{
    struct op *op = dc->op;
    op->imm = (uint64_t)(imm << 6) & (DAIF_D | DAIF_A | DAIF_I | DAIF_F);
    op->r = (uint16_t)insn_key(dc);
    op->q = 31;
    op->fn = dc_el(dc) == 0 ? el0_fn : el1_fn;
    return true;
}

bool trans_MSR_i_DAIFSet(struct dc *dc, const struct a64_args *a)
{
    return msr_daif(dc, a->i, op_daifset, op_daifset_el0);
}

bool trans_MSR_i_DAIFClr(struct dc *dc, const struct a64_args *a)
{
    dc->is_jump = true;
    return msr_daif(dc, a->i, op_daifclr, op_daifclr_el0);
}

/* --- MRS / MSR (register) ------------------------------------------------ */

/* op fields: imm = the table row (or the constant), r = field offset,
 * imm2 = write mask, p = EL, q = Rt as encoded (for trap syndromes). */
static inline const struct sysreg *op_sysreg(const struct op *op)
{
    return (const struct sysreg *)(uintptr_t)op->imm;
}

static inline uint64_t *op_field(struct vcpu *cpu, const struct op *op)
{
    return (uint64_t *)((uint8_t *)&cpu->s + op->r);
}

static inline void check_or_raise(struct vcpu *cpu, const struct op *op,
                                  const struct sysreg *r, bool is_write)
{
    enum sysreg_access why = sysreg_check(r, cpu, op->p, is_write);
    if (unlikely(why != SR_OK)) {
        raise_access(cpu, op, why, r->key, op->q, !is_write);
    }
}

OP_HANDLER(op_mrs_const) { X(op->d) = op->imm; NEXT(); }
OP_HANDLER(op_mrs_field) { X(op->d) = *op_field(cpu, op); NEXT(); }
OP_HANDLER(op_mrs_read) { X(op->d) = op_sysreg(op)->read(cpu, op); NEXT(); }

OP_HANDLER(op_mrs_checked)
{
    const struct sysreg *r = op_sysreg(op);
    check_or_raise(cpu, op, r, false);
    X(op->d) = sysreg_read(cpu, op, r);
    NEXT();
}

OP_HANDLER(op_msr_field)
{
    uint64_t *field = op_field(cpu, op);
    *field = (*field & ~op->imm2) | (X(op->n) & op->imm2);
    NEXT();
}

OP_HANDLER(op_msr_write) { op_sysreg(op)->write(cpu, X(op->n), op); NEXT(); }

OP_HANDLER(op_msr_checked)
{
    const struct sysreg *r = op_sysreg(op);
    check_or_raise(cpu, op, r, true);
    sysreg_write(cpu, r, X(op->n), op);
    NEXT();
}

/* A write that the translator, the TLB or interrupt delivery depend on:
 * sysreg_write recomputes the flags; the block ends. */
OP_HANDLER(op_msr_sync)
{
    const struct sysreg *r = op_sysreg(op);
    check_or_raise(cpu, op, r, true);
    sysreg_write(cpu, r, X(op->n), op);
    return exit_to_loop(cpu, op);
}

static void log_unknown_sysreg(const struct dc *dc, unsigned key, bool is_write)
{
    if (log_enabled(LOG_UNIMP)) {
        char name[32];
        log_printf("unimplemented system register %s (%s) at 0x%" PRIx64 "\n",
                   sysreg_describe(key, name, sizeof(name)), is_write ? "MSR" : "MRS", dc->pc);
    }
}

static bool trans_sysreg_access(struct dc *dc, const struct a64_args *a, bool is_write)
{
    unsigned key = insn_key(dc);
    const struct sysreg *r = sysreg_lookup(key);
    unsigned el = dc_el(dc);
    if (!r) {
        log_unknown_sysreg(dc, key, is_write);
        return false;
    }
    if (!sysreg_allowed(r, el, is_write)) {
        return false;
    }
    struct op *op = dc->op;
    op->imm = (uintptr_t)r;
    op->p = (uint8_t)el;
    op->q = (uint8_t)a->t;
    if (is_write) {
        op->n = reg_or_zr(a->t);
        if (r->flags & SR_SYNC) {
            op->fn = op_msr_sync;
            dc->is_jump = true;
        } else if (r->check) {
            op->fn = op_msr_checked;
        } else if (r->write) {
            op->fn = op_msr_write;
        } else if (r->offset) {
            op->fn = op_msr_field;
            op->r = r->offset;
            op->imm2 = r->wmask;
        } else {
            op->fn = op_nop; /* writes ignored */
        }
    } else {
        op->d = dst_or_zr(a->t);
        if (r->check) {
            op->fn = op_mrs_checked;
        } else if (r->read) {
            op->fn = op_mrs_read;
        } else if (r->offset) {
            op->fn = op_mrs_field;
            op->r = r->offset;
        } else {
            op->fn = op_mrs_const;
            op->imm = r->value;
        }
    }
    return true;
}

bool trans_MRS(struct dc *dc, const struct a64_args *a)
{
    return trans_sysreg_access(dc, a, false);
}

bool trans_MSR_reg(struct dc *dc, const struct a64_args *a)
{
    return trans_sysreg_access(dc, a, true);
}

/* --- SYS: data cache ------------------------------------------------------ */

/* DC ZVA: zeroes the 64-byte block holding X[n]. A fault reports X[n]
 * itself in FAR, as QEMU does: the whole block is on the page of X[n], so
 * probing that address first raises any abort with it. */
OP_HANDLER(op_dc_zva)
{
    uint64_t addr = X(op->n);
    uint64_t va = addr & ~(uint64_t)(DC_ZVA_BLOCK - 1);
    tlb_host_ptr(cpu, addr, 1, 1, op);
    void *host = tlb_host_ptr(cpu, va, DC_ZVA_BLOCK, 1, op);
    if (likely(host)) {
        /* If this zeroes the running block, tlb_host_ptr ends the block
         * after this instruction. */
        memset(host, 0, DC_ZVA_BLOCK);
    } else {
        /* A device: byte stores, as QEMU does. */
        for (unsigned i = 0; i < DC_ZVA_BLOCK; i++) {
            mem_write8(cpu, va + i, 0, op);
        }
    }
    NEXT();
}

OP_HANDLER(op_dc_zva_el0)
{
    el0_sctlr_check(cpu, op, SCTLR_DZE);
    return op_dc_zva(cpu, op);
}

/* Clean / invalidate by VA from EL0: allowed when SCTLR_EL1.UCI, else trap.
 * Caches are not modelled, so what remains is the check. */
OP_HANDLER(op_dc_el0)
{
    el0_sctlr_check(cpu, op, SCTLR_UCI);
    NEXT();
}

/* A SYS alias: p = EL, q = Rt as encoded, r = its encoding (for traps). */
static void sys_op(struct dc *dc, op_fn *fn, unsigned rt)
{
    dc->op->fn = fn;
    dc->op->n = reg_or_zr(rt);
    dc->op->p = (uint8_t)dc_el(dc);
    dc->op->q = (uint8_t)rt;
    dc->op->r = (uint16_t)insn_key(dc);
}

bool trans_DC_ZVA(struct dc *dc, const struct a64_args *a)
{
    sys_op(dc, dc_el(dc) == 0 ? op_dc_zva_el0 : op_dc_zva, a->n);
    return true;
}

/* DC CVAC, CVAU, CIVAC: usable at EL0 under SCTLR_EL1.UCI. */
static bool dc_by_va_pou(struct dc *dc, const struct a64_args *a)
{
    sys_op(dc, dc_el(dc) == 0 ? op_dc_el0 : op_nop, a->t);
    return true;
}

bool trans_DC_CVAC(struct dc *dc, const struct a64_args *a)  { return dc_by_va_pou(dc, a); }
bool trans_DC_CVAU(struct dc *dc, const struct a64_args *a)  { return dc_by_va_pou(dc, a); }
bool trans_DC_CIVAC(struct dc *dc, const struct a64_args *a) { return dc_by_va_pou(dc, a); }

/* DC IVAC and the set/way operations: EL1 only, no caches to act on. */
static bool dc_el1_only(struct dc *dc)
{
    if (dc_el(dc) == 0) {
        return false;
    }
    dc->op->fn = op_nop;
    return true;
}

bool trans_DC_IVAC(struct dc *dc, const struct a64_args *a) { (void)a; return dc_el1_only(dc); }
bool trans_DC_ISW(struct dc *dc, const struct a64_args *a)  { (void)a; return dc_el1_only(dc); }
bool trans_DC_CSW(struct dc *dc, const struct a64_args *a)  { (void)a; return dc_el1_only(dc); }
bool trans_DC_CISW(struct dc *dc, const struct a64_args *a) { (void)a; return dc_el1_only(dc); }

/* --- SYS: instruction cache ------------------------------------------------ */

/* Translations of the code are dropped (perhaps the running block's own):
 * the block ends and the run loop fetches afresh. */
OP_HANDLER(op_ic_ivau)
{
    cpu_icache_invalidate(cpu, X(op->n), false, true);
    return exit_to_loop(cpu, op);
}

OP_HANDLER(op_ic_ivau_el0)
{
    el0_sctlr_check(cpu, op, SCTLR_UCI);
    return op_ic_ivau(cpu, op);
}

OP_HANDLER(op_ic_iallu)
{
    cpu_icache_invalidate(cpu, 0, true, op->p);
    return exit_to_loop(cpu, op);
}

bool trans_IC_IVAU(struct dc *dc, const struct a64_args *a)
{
    sys_op(dc, dc_el(dc) == 0 ? op_ic_ivau_el0 : op_ic_ivau, a->t);
    dc->is_jump = true;
    return true;
}

static bool ic_iallu(struct dc *dc, bool broadcast)
{
    if (dc_el(dc) == 0) {
        return false;
    }
    dc->op->fn = op_ic_iallu;
    dc->op->p = broadcast;
    dc->is_jump = true;
    return true;
}

bool trans_IC_IALLU(struct dc *dc, const struct a64_args *a)   { (void)a; return ic_iallu(dc, false); }
bool trans_IC_IALLUIS(struct dc *dc, const struct a64_args *a) { (void)a; return ic_iallu(dc, true); }

/* --- SYS: TLB maintenance ------------------------------------------------ */

/* p = kind, q = broadcast (the IS forms). The block ends: the next fetch
 * must see the new translations. */
OP_HANDLER(op_tlbi)
{
    cpu_tlb_invalidate(cpu, (enum tlbi_kind)op->p, X(op->n), op->q);
    return exit_to_loop(cpu, op);
}

static bool tlbi(struct dc *dc, const struct a64_args *a, enum tlbi_kind kind, bool broadcast)
{
    if (dc_el(dc) == 0) {
        return false;
    }
    dc->op->fn = op_tlbi;
    dc->op->n = reg_or_zr(a->t);
    dc->op->p = (uint8_t)kind;
    dc->op->q = broadcast;
    dc->is_jump = true;
    return true;
}

bool trans_TLBI_VMALLE1(struct dc *dc, const struct a64_args *a)   { return tlbi(dc, a, TLBI_ALL, false); }
bool trans_TLBI_VMALLE1IS(struct dc *dc, const struct a64_args *a) { return tlbi(dc, a, TLBI_ALL, true); }
bool trans_TLBI_VAE1(struct dc *dc, const struct a64_args *a)      { return tlbi(dc, a, TLBI_VA, false); }
bool trans_TLBI_VAE1IS(struct dc *dc, const struct a64_args *a)    { return tlbi(dc, a, TLBI_VA, true); }
bool trans_TLBI_ASIDE1(struct dc *dc, const struct a64_args *a)    { return tlbi(dc, a, TLBI_ASID, false); }
bool trans_TLBI_ASIDE1IS(struct dc *dc, const struct a64_args *a)  { return tlbi(dc, a, TLBI_ASID, true); }
bool trans_TLBI_VAAE1(struct dc *dc, const struct a64_args *a)     { return tlbi(dc, a, TLBI_VAA, false); }
bool trans_TLBI_VAAE1IS(struct dc *dc, const struct a64_args *a)   { return tlbi(dc, a, TLBI_VAA, true); }
bool trans_TLBI_VALE1(struct dc *dc, const struct a64_args *a)     { return tlbi(dc, a, TLBI_VA_LAST, false); }
bool trans_TLBI_VALE1IS(struct dc *dc, const struct a64_args *a)   { return tlbi(dc, a, TLBI_VA_LAST, true); }
bool trans_TLBI_VAALE1(struct dc *dc, const struct a64_args *a)    { return tlbi(dc, a, TLBI_VAA_LAST, false); }
bool trans_TLBI_VAALE1IS(struct dc *dc, const struct a64_args *a)  { return tlbi(dc, a, TLBI_VAA_LAST, true); }

/* --- SYS: address translation -------------------------------------------- */

/* AT S1E1R/W, S1E0R/W: the stage 1 walk, its outcome in PAR_EL1 (a fault is
 * reported there, never taken). p = EL0's permissions, q = write check. */
OP_HANDLER(op_at)
{
    struct mmu_result res;
    bool ok = vcpu_translate(cpu, X(op->n), op->p, op->q ? MMU_WRITE : MMU_READ, &res);
    cpu->s.el1.par = mmu_par(ok, &res, cpu->s.el1.mair);
    NEXT();
}

static bool at(struct dc *dc, const struct a64_args *a, bool unpriv, bool write)
{
    if (dc_el(dc) == 0) {
        return false;
    }
    dc->op->fn = op_at;
    dc->op->n = reg_or_zr(a->t);
    dc->op->p = unpriv;
    dc->op->q = write;
    return true;
}

bool trans_AT_S1E1R(struct dc *dc, const struct a64_args *a) { return at(dc, a, false, false); }
bool trans_AT_S1E1W(struct dc *dc, const struct a64_args *a) { return at(dc, a, false, true); }
bool trans_AT_S1E0R(struct dc *dc, const struct a64_args *a) { return at(dc, a, true, false); }
bool trans_AT_S1E0W(struct dc *dc, const struct a64_args *a) { return at(dc, a, true, true); }
