/*
 * AdvSIMD structure loads and stores: LD1-LD4 / ST1-ST4 (multiple
 * structures), LD1-LD4 / ST1-ST4 (single structure, one lane), LD1R-LD4R
 * (load one structure and replicate it), each with no offset or post-index
 * by an immediate or a register.
 *
 * Op fields: d = first V register (Vt), n = base register slot, a = 1 when
 * the base is SP (alignment check), p = registers or structure elements,
 * q = element size (log2 bytes), r = lane byte offset (single structure),
 * imm2 = Q mask (see simd.h). Writeback is X[n] = address + imm + X[m]: the
 * immediate form has m = ZR and imm = the transfer size, the register form
 * imm = 0, and the no-offset form m = ZR, imm = 0 (writes the base back
 * unchanged), so one handler serves all three.
 *
 * Registers are updated as the accesses go, as in QEMU: after a fault in the
 * middle some of them hold new data (the architecture leaves them UNKNOWN).
 */
#include "arm/ldst.h"
#include "arm/simd.h"

#define VT(k) VREG((op->d + (k)) & 31)

static inline uint64_t base_addr(struct vcpu *cpu, const struct op *op)
{
    if (op->a) {
        ldst_check_sp(cpu, op);
    }
    return X(op->n);
}

static inline void writeback(struct vcpu *cpu, const struct op *op, uint64_t addr)
{
    X(op->n) = addr + op->imm + X(op->m);
}

/* --- LD1 / ST1 (multiple): consecutive bytes, whatever the element size ------- */

OP_HANDLER(op_ld1_q)
{
    uint64_t addr = base_addr(cpu, op);
    for (unsigned k = 0; k < op->p; k++) {
        uint64_t lo = mem_read64(cpu, addr + 16 * k, op);
        uint64_t hi = mem_read64(cpu, addr + 16 * k + 8, op);
        VT(k)[0] = lo;
        VT(k)[1] = hi;
    }
    writeback(cpu, op, addr);
    NEXT();
}

OP_HANDLER(op_ld1_d)
{
    uint64_t addr = base_addr(cpu, op);
    for (unsigned k = 0; k < op->p; k++) {
        VT(k)[0] = mem_read64(cpu, addr + 8 * k, op);
        VT(k)[1] = 0;
    }
    writeback(cpu, op, addr);
    NEXT();
}

OP_HANDLER(op_st1_q)
{
    uint64_t addr = base_addr(cpu, op);
    for (unsigned k = 0; k < op->p; k++) {
        mem_write64(cpu, addr + 16 * k, VT(k)[0], op);
        mem_write64(cpu, addr + 16 * k + 8, VT(k)[1], op);
    }
    writeback(cpu, op, addr);
    NEXT();
}

OP_HANDLER(op_st1_d)
{
    uint64_t addr = base_addr(cpu, op);
    for (unsigned k = 0; k < op->p; k++) {
        mem_write64(cpu, addr + 8 * k, VT(k)[0], op);
    }
    writeback(cpu, op, addr);
    NEXT();
}

/* --- element accesses ------------------------------------------------------------- */

static inline uint64_t read_elem(struct vcpu *cpu, uint64_t addr, unsigned size,
                                 const struct op *op)
{
    switch (size) {
    case 0:  return mem_read8(cpu, addr, op);
    case 1:  return mem_read16(cpu, addr, op);
    case 2:  return mem_read32(cpu, addr, op);
    default: return mem_read64(cpu, addr, op);
    }
}

static inline void write_elem(struct vcpu *cpu, uint64_t addr, unsigned size, uint64_t v,
                              const struct op *op)
{
    switch (size) {
    case 0:  mem_write8(cpu, addr, v, op); break;
    case 1:  mem_write16(cpu, addr, v, op); break;
    case 2:  mem_write32(cpu, addr, v, op); break;
    default: mem_write64(cpu, addr, v, op); break;
    }
}

/* LD2-LD4 / ST2-ST4 (multiple): op->r = elements per register. Interleaved. */
OP_HANDLER(op_ldn)
{
    uint64_t addr = base_addr(cpu, op), a = addr;
    unsigned size = op->q, ebytes = 1u << size;
    for (unsigned e = 0; e < op->r; e++) {
        for (unsigned s = 0; s < op->p; s++) {
            unsigned reg = (op->d + s) & 31;
            vreg_set_lane(cpu, reg, e, size, read_elem(cpu, a, size, op));
            a += ebytes;
        }
    }
    for (unsigned s = 0; s < op->p; s++) {
        VT(s)[1] &= op->imm2;
    }
    writeback(cpu, op, addr);
    NEXT();
}

OP_HANDLER(op_stn)
{
    uint64_t addr = base_addr(cpu, op), a = addr;
    unsigned size = op->q, ebytes = 1u << size;
    for (unsigned e = 0; e < op->r; e++) {
        for (unsigned s = 0; s < op->p; s++) {
            unsigned reg = (op->d + s) & 31;
            write_elem(cpu, a, size, vreg_lane(cpu, reg, e, size), op);
            a += ebytes;
        }
    }
    writeback(cpu, op, addr);
    NEXT();
}

/* Single structure: lane at byte offset op->r of each of op->p registers. */
OP_HANDLER(op_ld_lane)
{
    uint64_t addr = base_addr(cpu, op), a = addr;
    unsigned size = op->q, ebytes = 1u << size;
    for (unsigned s = 0; s < op->p; s++) {
        uint64_t v = read_elem(cpu, a, size, op);
        memcpy(vreg_bytes(cpu, (op->d + s) & 31) + op->r, &v, ebytes);
        a += ebytes;
    }
    writeback(cpu, op, addr);
    NEXT();
}

OP_HANDLER(op_st_lane)
{
    uint64_t addr = base_addr(cpu, op), a = addr;
    unsigned size = op->q, ebytes = 1u << size;
    for (unsigned s = 0; s < op->p; s++) {
        uint64_t v = 0;
        memcpy(&v, vreg_cbytes(cpu, (op->d + s) & 31) + op->r, ebytes);
        write_elem(cpu, a, size, v, op);
        a += ebytes;
    }
    writeback(cpu, op, addr);
    NEXT();
}

/* LD1R-LD4R: each structure element replicated over all lanes of its register. */
static const uint64_t replicate_factor[4] = {
    0x0101010101010101ull, 0x0001000100010001ull, 0x0000000100000001ull, 1,
};

OP_HANDLER(op_ld_rep)
{
    uint64_t addr = base_addr(cpu, op), a = addr;
    unsigned size = op->q, ebytes = 1u << size;
    for (unsigned s = 0; s < op->p; s++) {
        uint64_t v = read_elem(cpu, a, size, op) * replicate_factor[size];
        VT(s)[0] = v;
        VT(s)[1] = v & op->imm2;
        a += ebytes;
    }
    writeback(cpu, op, addr);
    NEXT();
}

/* --- translate time -------------------------------------------------------------- */

/*
 * Common fields. post: 0 = no offset, else post-index with register field rm
 * (31 = immediate 'bytes').
 */
static void fill(struct dc *dc, op_fn *fn, const struct a64_args *a, bool post, unsigned bytes)
{
    struct op *op = dc->op;
    op->fn = fn;
    op->d = (uint8_t)a->t;
    op->n = reg_or_sp(a->n);
    op->a = a->n == 31;
    op->imm2 = simd_q_mask(a->q);
    op->m = REG_ZR;
    if (post) {
        if (a->m == 31) {
            op->imm = bytes;
        } else {
            op->m = (uint8_t)a->m;
        }
    }
}

static bool ldst_multi(struct dc *dc, const struct a64_args *a, bool load, bool post)
{
    /* opcode -> registers (rpt) and structure elements (selem). */
    static const signed char rpt_of[16] = { 1, -1, 4, -1, 1, -1, 3, 1, 1, -1, 2, -1, -1, -1, -1, -1 };
    static const signed char selem_of[16] = { 4, -1, 1, -1, 3, -1, 1, 1, 2, -1, 1, -1, -1, -1, -1, -1 };
    int rpt = rpt_of[a->o], selem = selem_of[a->o];
    if (rpt < 0 || (a->z == 3 && !a->q && selem > 1)) {
        return false;
    }
    if (!fp_access_check(dc)) {
        return true;
    }
    unsigned vbytes = a->q ? 16 : 8, nregs = (unsigned)(rpt * selem);
    if (selem == 1) {
        op_fn *fn = load ? (a->q ? op_ld1_q : op_ld1_d) : (a->q ? op_st1_q : op_st1_d);
        fill(dc, fn, a, post, nregs * vbytes);
        dc->op->p = (uint8_t)nregs;
        return true;
    }
    fill(dc, load ? op_ldn : op_stn, a, post, nregs * vbytes);
    dc->op->p = (uint8_t)selem;
    dc->op->q = (uint8_t)a->z;
    dc->op->r = (uint16_t)(vbytes >> a->z);
    return true;
}

static bool ldst_single(struct dc *dc, const struct a64_args *a, bool load, bool post)
{
    unsigned scale = a->o >> 1, selem = (((a->o & 1) << 1) | a->r) + 1;
    unsigned index = 0;
    bool replicate = false;
    switch (scale) {
    case 0:
        index = (a->q << 3) | (a->k << 2) | a->z;
        break;
    case 1:
        if (a->z & 1) {
            return false;
        }
        index = (a->q << 2) | (a->k << 1) | (a->z >> 1);
        break;
    case 2:
        if (a->z & 2) {
            return false;
        }
        if (a->z & 1) {
            if (a->k) {
                return false;
            }
            scale = 3;
            index = a->q;
        } else {
            index = (a->q << 1) | a->k;
        }
        break;
    default:
        if (!load || a->k) {
            return false;
        }
        scale = a->z;
        replicate = true;
        break;
    }
    if (!fp_access_check(dc)) {
        return true;
    }
    op_fn *fn = replicate ? op_ld_rep : load ? op_ld_lane : op_st_lane;
    fill(dc, fn, a, post, selem << scale);
    dc->op->p = (uint8_t)selem;
    dc->op->q = (uint8_t)scale;
    dc->op->r = (uint16_t)(index << scale);
    return true;
}

bool trans_ST_multi(struct dc *dc, const struct a64_args *a)       { return ldst_multi(dc, a, false, false); }
bool trans_LD_multi(struct dc *dc, const struct a64_args *a)       { return ldst_multi(dc, a, true, false); }
bool trans_ST_multi_post(struct dc *dc, const struct a64_args *a)  { return ldst_multi(dc, a, false, true); }
bool trans_LD_multi_post(struct dc *dc, const struct a64_args *a)  { return ldst_multi(dc, a, true, true); }
bool trans_ST_single(struct dc *dc, const struct a64_args *a)      { return ldst_single(dc, a, false, false); }
bool trans_LD_single(struct dc *dc, const struct a64_args *a)      { return ldst_single(dc, a, true, false); }
bool trans_ST_single_post(struct dc *dc, const struct a64_args *a) { return ldst_single(dc, a, false, true); }
bool trans_LD_single_post(struct dc *dc, const struct a64_args *a) { return ldst_single(dc, a, true, true); }
