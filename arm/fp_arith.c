/*
 * Scalar FP arithmetic: FMOV (register, immediate), FABS, FNEG, FSQRT,
 * FRINT*, the two-source operations (FADD, FSUB, FMUL, FDIV, FNMUL, FMAX,
 * FMIN, FMAXNM, FMINNM) and the fused FMADD/FMSUB/FNMADD/FNMSUB, for single
 * and double precision (y = ftype: 0 single, 1 double; others unallocated
 * without FEAT_FP16). The ARM-exact work is in arm/softfp.c.
 */
#include "arm/fp_setup.h"
#include "arm/softfp.h"
#include "arm/vreg.h"

#define FPCR (cpu->s.fpcr)
#define FPSR (&cpu->s.fpsr)

/* --- handlers --------------------------------------------------------------- */

OP_HANDLER(op_fmov_s) { vreg_write_s(cpu, op->d, vreg_read_s(cpu, op->n)); NEXT(); }
OP_HANDLER(op_fmov_d) { vreg_write_d(cpu, op->d, vreg_read_d(cpu, op->n)); NEXT(); }
OP_HANDLER(op_fabs_s) { vreg_write_s(cpu, op->d, vreg_read_s(cpu, op->n) & 0x7fffffffu); NEXT(); }
OP_HANDLER(op_fabs_d) { vreg_write_d(cpu, op->d, vreg_read_d(cpu, op->n) & ~(1ull << 63)); NEXT(); }
OP_HANDLER(op_fneg_s) { vreg_write_s(cpu, op->d, vreg_read_s(cpu, op->n) ^ 0x80000000u); NEXT(); }
OP_HANDLER(op_fneg_d) { vreg_write_d(cpu, op->d, vreg_read_d(cpu, op->n) ^ (1ull << 63)); NEXT(); }
/* FMOV (immediate): op->imm is the expanded constant. */
OP_HANDLER(op_fmov_imm) { vreg_write_d(cpu, op->d, op->imm); NEXT(); }

OP_HANDLER(op_fsqrt_s)
{
    vreg_write_s(cpu, op->d, fp32_sqrt(vreg_read_s(cpu, op->n), FPCR, FPSR));
    NEXT();
}

OP_HANDLER(op_fsqrt_d)
{
    vreg_write_d(cpu, op->d, fp64_sqrt(vreg_read_d(cpu, op->n), FPCR, FPSR));
    NEXT();
}

/* FRINT*: op->p = rounding mode (0xff: FPCR's), op->q = 1 for FRINTX. */
OP_HANDLER(op_frint_s)
{
    enum fp_rmode rm = op->p == 0xff ? fp_rmode_of(FPCR) : (enum fp_rmode)op->p;
    vreg_write_s(cpu, op->d, fp32_round_int(vreg_read_s(cpu, op->n), rm, op->q, FPCR, FPSR));
    NEXT();
}

OP_HANDLER(op_frint_d)
{
    enum fp_rmode rm = op->p == 0xff ? fp_rmode_of(FPCR) : (enum fp_rmode)op->p;
    vreg_write_d(cpu, op->d, fp64_round_int(vreg_read_d(cpu, op->n), rm, op->q, FPCR, FPSR));
    NEXT();
}

/* Two-source: op->p = enum fp_op2. */
OP_HANDLER(op_fp2_s)
{
    vreg_write_s(cpu, op->d, fp32_op2((enum fp_op2)op->p, vreg_read_s(cpu, op->n),
                                      vreg_read_s(cpu, op->m), FPCR, FPSR));
    NEXT();
}

OP_HANDLER(op_fp2_d)
{
    vreg_write_d(cpu, op->d, fp64_op2((enum fp_op2)op->p, vreg_read_d(cpu, op->n),
                                      vreg_read_d(cpu, op->m), FPCR, FPSR));
    NEXT();
}

/* Fused: op->imm = sign mask applied to Rn, op->imm2 = sign mask applied to Ra. */
OP_HANDLER(op_fmadd_s)
{
    uint32_t n = vreg_read_s(cpu, op->n) ^ (uint32_t)op->imm;
    uint32_t a = vreg_read_s(cpu, op->a) ^ (uint32_t)op->imm2;
    vreg_write_s(cpu, op->d, fp32_muladd(n, vreg_read_s(cpu, op->m), a, FPCR, FPSR));
    NEXT();
}

OP_HANDLER(op_fmadd_d)
{
    uint64_t n = vreg_read_d(cpu, op->n) ^ op->imm;
    uint64_t a = vreg_read_d(cpu, op->a) ^ op->imm2;
    vreg_write_d(cpu, op->d, fp64_muladd(n, vreg_read_d(cpu, op->m), a, FPCR, FPSR));
    NEXT();
}

/* --- translators -------------------------------------------------------------- */


bool trans_FMOV_reg(struct dc *dc, const struct a64_args *a) { return fp_setup(dc, a, op_fmov_s, op_fmov_d); }
bool trans_FABS(struct dc *dc, const struct a64_args *a)     { return fp_setup(dc, a, op_fabs_s, op_fabs_d); }
bool trans_FNEG(struct dc *dc, const struct a64_args *a)     { return fp_setup(dc, a, op_fneg_s, op_fneg_d); }
bool trans_FSQRT(struct dc *dc, const struct a64_args *a)    { return fp_setup(dc, a, op_fsqrt_s, op_fsqrt_d); }

bool trans_FMOV_imm(struct dc *dc, const struct a64_args *a)
{
    if (!fp_setup(dc, a, op_fmov_imm, op_fmov_imm)) {
        return false;
    }
    dc->op->imm = a->y ? fp64_expand_imm((uint8_t)a->i) : fp32_expand_imm((uint8_t)a->i);
    return true;
}

/* r = rmode field: 0 N, 1 P, 2 M, 3 Z, 4 A, 6 X, 7 I (5 unallocated). */
bool trans_FRINT(struct dc *dc, const struct a64_args *a)
{
    static const uint8_t modes[8] = { FPRM_TIEEVEN, FPRM_POSINF, FPRM_NEGINF, FPRM_ZERO,
                                      FPRM_TIEAWAY, 0, 0xff, 0xff };
    if (a->r == 5) {
        return false;
    }
    if (!fp_setup(dc, a, op_frint_s, op_frint_d)) {
        return false;
    }
    dc->op->p = modes[a->r];
    dc->op->q = a->r == 6;
    return true;
}

/* o = opcode: FMUL FDIV FADD FSUB FMAX FMIN FMAXNM FMINNM FNMUL, in enum order. */
bool trans_FP_2src(struct dc *dc, const struct a64_args *a)
{
    if (a->o > FP_NMUL) {
        return false;
    }
    if (!fp_setup(dc, a, op_fp2_s, op_fp2_d)) {
        return false;
    }
    dc->op->p = (uint8_t)a->o;
    return true;
}

/*
 * p = o1, o = o0: FMADD a + n*m; FMSUB a - n*m; FNMADD -a - n*m; FNMSUB -a + n*m.
 * The negations are sign flips of the inputs (NaNs included), as on QEMU.
 */
bool trans_FMADD(struct dc *dc, const struct a64_args *a)
{
    if (!fp_setup(dc, a, op_fmadd_s, op_fmadd_d)) {
        return false;
    }
    uint64_t sign = a->y ? 1ull << 63 : 1ull << 31;
    dc->op->imm = (a->o != a->p) ? sign : 0;
    dc->op->imm2 = a->p ? sign : 0;
    return true;
}
