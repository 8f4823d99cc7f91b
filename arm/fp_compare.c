/*
 * Scalar FP comparisons and selects: FCMP/FCMPE (register or #0.0), FCCMP/
 * FCCMPE and FCSEL, single and double precision (y = ftype).
 */
#include "arm/fp_setup.h"
#include "arm/softfp.h"
#include "arm/vreg.h"

#define FPCR (cpu->s.fpcr)
#define FPSR (&cpu->s.fpsr)

/* FCMP: op->q = signal on quiet NaNs (FCMPE); with #0.0, op->m is unused and
 * op->imm2 = 1. */
OP_HANDLER(op_fcmp_s)
{
    uint32_t b = op->imm2 ? 0 : vreg_read_s(cpu, op->m);
    cpu->s.nzcv = fp32_compare(vreg_read_s(cpu, op->n), b, op->q, FPCR, FPSR);
    NEXT();
}

OP_HANDLER(op_fcmp_d)
{
    uint64_t b = op->imm2 ? 0 : vreg_read_d(cpu, op->m);
    cpu->s.nzcv = fp64_compare(vreg_read_d(cpu, op->n), b, op->q, FPCR, FPSR);
    NEXT();
}

/* FCCMP: op->p = condition, op->imm = NZCV to set when it fails. */
OP_HANDLER(op_fccmp_s)
{
    if (cond_holds(cpu->s.nzcv, op->p)) {
        cpu->s.nzcv = fp32_compare(vreg_read_s(cpu, op->n), vreg_read_s(cpu, op->m), op->q,
                                   FPCR, FPSR);
    } else {
        cpu->s.nzcv = (uint32_t)op->imm;
    }
    NEXT();
}

OP_HANDLER(op_fccmp_d)
{
    if (cond_holds(cpu->s.nzcv, op->p)) {
        cpu->s.nzcv = fp64_compare(vreg_read_d(cpu, op->n), vreg_read_d(cpu, op->m), op->q,
                                   FPCR, FPSR);
    } else {
        cpu->s.nzcv = (uint32_t)op->imm;
    }
    NEXT();
}

/* FCSEL: op->p = condition. The result is the whole low element, upper bits clear. */
OP_HANDLER(op_fcsel_s)
{
    unsigned src = cond_holds(cpu->s.nzcv, op->p) ? op->n : op->m;
    vreg_write_s(cpu, op->d, vreg_read_s(cpu, src));
    NEXT();
}

OP_HANDLER(op_fcsel_d)
{
    unsigned src = cond_holds(cpu->s.nzcv, op->p) ? op->n : op->m;
    vreg_write_d(cpu, op->d, vreg_read_d(cpu, src));
    NEXT();
}

/* e = FCMPE, z = compare with #0.0. */
bool trans_FCMP(struct dc *dc, const struct a64_args *a)
{
    if (!fp_setup(dc, a, op_fcmp_s, op_fcmp_d)) {
        return false;
    }
    dc->op->q = (uint8_t)a->e;
    dc->op->imm2 = a->z;
    return true;
}

/* c = condition, e = FCCMPE, v = nzcv. */
bool trans_FCCMP(struct dc *dc, const struct a64_args *a)
{
    if (!fp_setup(dc, a, op_fccmp_s, op_fccmp_d)) {
        return false;
    }
    dc->op->p = (uint8_t)a->c;
    dc->op->q = (uint8_t)a->e;
    dc->op->imm = (uint64_t)a->v << 28;
    return true;
}

bool trans_FCSEL(struct dc *dc, const struct a64_args *a)
{
    if (!fp_setup(dc, a, op_fcsel_s, op_fcsel_d)) {
        return false;
    }
    dc->op->p = (uint8_t)a->c;
    return true;
}
