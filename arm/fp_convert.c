/*
 * Scalar FP conversions: FCVT between half, single and double; FP to
 * integer (FCVT{N,P,M,Z,A}{S,U}, and FCVTZ{S,U} to fixed point); integer to
 * FP (SCVTF/UCVTF, and from fixed point); FMOV between general registers
 * and FP registers (incl. the top half, FMOV Xd, Vn.D[1] and back).
 * y = ftype (0 single, 1 double, 3 half), f = sf (64-bit general register).
 */
#include "arm/softfp.h"
#include "arm/vreg.h"

#define FPCR (cpu->s.fpcr)
#define FPSR (&cpu->s.fpsr)

/* --- FCVT (precision) ------------------------------------------------------- */

OP_HANDLER(op_fcvt_sd) { vreg_write_d(cpu, op->d, fp_cvt_s_to_d(vreg_read_s(cpu, op->n), FPCR, FPSR)); NEXT(); }
OP_HANDLER(op_fcvt_ds) { vreg_write_s(cpu, op->d, fp_cvt_d_to_s(vreg_read_d(cpu, op->n), FPCR, FPSR)); NEXT(); }
OP_HANDLER(op_fcvt_hs) { vreg_write_s(cpu, op->d, fp_cvt_h_to_s(vreg_read_h(cpu, op->n), FPCR, FPSR)); NEXT(); }
OP_HANDLER(op_fcvt_hd) { vreg_write_d(cpu, op->d, fp_cvt_h_to_d(vreg_read_h(cpu, op->n), FPCR, FPSR)); NEXT(); }
OP_HANDLER(op_fcvt_sh) { vreg_write_h(cpu, op->d, fp_cvt_s_to_h(vreg_read_s(cpu, op->n), FPCR, FPSR)); NEXT(); }
OP_HANDLER(op_fcvt_dh) { vreg_write_h(cpu, op->d, fp_cvt_d_to_h(vreg_read_d(cpu, op->n), FPCR, FPSR)); NEXT(); }

/* y = source type, o = destination type (0 S, 1 D, 3 H). */
bool trans_FCVT(struct dc *dc, const struct a64_args *a)
{
    static op_fn *const fns[4][4] = {
        [0] = { [1] = op_fcvt_sd, [3] = op_fcvt_sh },
        [1] = { [0] = op_fcvt_ds, [3] = op_fcvt_dh },
        [3] = { [0] = op_fcvt_hs, [1] = op_fcvt_hd },
    };
    op_fn *fn = fns[a->y][a->o];
    if (!fn) {
        return false;
    }
    if (!fp_access_check(dc)) {
        return true;
    }
    dc->op->fn = fn;
    dc->op->d = (uint8_t)a->d;
    dc->op->n = (uint8_t)a->n;
    return true;
}

/* --- FP -> integer ---------------------------------------------------------- */

/* op->p = rounding mode, op->q = integer bits, op->r = fbits, op->imm = signed. */
OP_HANDLER(op_fcvt_to_int_s)
{
    X(op->d) = fp32_to_int(vreg_read_s(cpu, op->n), (enum fp_rmode)op->p, op->imm != 0, op->q,
                           op->r, FPCR, FPSR);
    NEXT();
}

OP_HANDLER(op_fcvt_to_int_d)
{
    X(op->d) = fp64_to_int(vreg_read_d(cpu, op->n), (enum fp_rmode)op->p, op->imm != 0, op->q,
                           op->r, FPCR, FPSR);
    NEXT();
}

static bool fcvt_to_int(struct dc *dc, const struct a64_args *a, enum fp_rmode rmode,
                        unsigned fbits)
{
    if (a->y > 1) {
        return false;
    }
    if (!fp_access_check(dc)) {
        return true;
    }
    struct op *op = dc->op;
    op->fn = a->y ? op_fcvt_to_int_d : op_fcvt_to_int_s;
    op->d = dst_or_zr(a->d);
    op->n = (uint8_t)a->n;
    op->p = (uint8_t)rmode;
    op->q = a->f ? 64 : 32;
    op->r = (uint16_t)fbits;
    op->imm = !a->o;
    return true;
}

/* r = rmode (0 N, 1 P, 2 M, 3 Z), o = unsigned. */
bool trans_FCVT_int(struct dc *dc, const struct a64_args *a)
{
    return fcvt_to_int(dc, a, (enum fp_rmode)a->r, 0);
}

bool trans_FCVTA_int(struct dc *dc, const struct a64_args *a)
{
    return fcvt_to_int(dc, a, FPRM_TIEAWAY, 0);
}

/* i = scale: fbits = 64 - scale, at most the register width. */
bool trans_FCVTZ_fixed(struct dc *dc, const struct a64_args *a)
{
    if (!a->f && a->i < 32) {
        return false;
    }
    return fcvt_to_int(dc, a, FPRM_ZERO, 64 - a->i);
}

/* --- integer -> FP -------------------------------------------------------- */

/* op->q = source bits, op->r = fbits, op->imm = signed. */
static inline uint64_t int_operand(const struct vcpu *cpu, const struct op *op)
{
    uint64_t v = X(op->n);
    if (op->q == 32) {
        v = op->imm ? (uint64_t)(int64_t)(int32_t)v : (uint32_t)v;
    }
    return v;
}

OP_HANDLER(op_cvtf_s)
{
    vreg_write_s(cpu, op->d, fp32_from_int(int_operand(cpu, op), op->imm != 0, op->r, FPCR, FPSR));
    NEXT();
}

OP_HANDLER(op_cvtf_d)
{
    vreg_write_d(cpu, op->d, fp64_from_int(int_operand(cpu, op), op->imm != 0, op->r, FPCR, FPSR));
    NEXT();
}

static bool cvtf(struct dc *dc, const struct a64_args *a, unsigned fbits)
{
    if (a->y > 1) {
        return false;
    }
    if (!fp_access_check(dc)) {
        return true;
    }
    struct op *op = dc->op;
    op->fn = a->y ? op_cvtf_d : op_cvtf_s;
    op->d = (uint8_t)a->d;
    op->n = reg_or_zr(a->n);
    op->q = a->f ? 64 : 32;
    op->r = (uint16_t)fbits;
    op->imm = !a->o;
    return true;
}

bool trans_CVTF_int(struct dc *dc, const struct a64_args *a) { return cvtf(dc, a, 0); }

bool trans_CVTF_fixed(struct dc *dc, const struct a64_args *a)
{
    if (!a->f && a->i < 32) {
        return false;
    }
    return cvtf(dc, a, 64 - a->i);
}

/* --- FMOV (general) ----------------------------------------------------------- */

OP_HANDLER(op_fmov_w_to_s) { vreg_write_s(cpu, op->d, (uint32_t)X(op->n)); NEXT(); }
OP_HANDLER(op_fmov_s_to_w) { W_SET(op->d, vreg_read_s(cpu, op->n)); NEXT(); }
OP_HANDLER(op_fmov_x_to_d) { vreg_write_d(cpu, op->d, X(op->n)); NEXT(); }
OP_HANDLER(op_fmov_d_to_x) { X(op->d) = vreg_read_d(cpu, op->n); NEXT(); }
/* The top half: the low half of the V register is kept. */
OP_HANDLER(op_fmov_x_to_v1) { VREG(op->d)[1] = X(op->n); NEXT(); }
OP_HANDLER(op_fmov_v1_to_x) { X(op->d) = VREG(op->n)[1]; NEXT(); }

/* r = rmode, o = 1: general -> FP. */
bool trans_FMOV_gen(struct dc *dc, const struct a64_args *a)
{
    op_fn *fn;
    if (!a->f && a->y == 0 && a->r == 0) {
        fn = a->o ? op_fmov_w_to_s : op_fmov_s_to_w;
    } else if (a->f && a->y == 1 && a->r == 0) {
        fn = a->o ? op_fmov_x_to_d : op_fmov_d_to_x;
    } else if (a->f && a->y == 2 && a->r == 1) {
        fn = a->o ? op_fmov_x_to_v1 : op_fmov_v1_to_x;
    } else {
        return false;
    }
    if (!fp_access_check(dc)) {
        return true;
    }
    dc->op->fn = fn;
    dc->op->d = a->o ? (uint8_t)a->d : dst_or_zr(a->d);
    dc->op->n = a->o ? reg_or_zr(a->n) : (uint8_t)a->n;
    return true;
}
