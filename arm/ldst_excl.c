/*
 * Exclusives and acquire/release: LDXR/LDAXR, STXR/STLXR (B, H, W, X),
 * LDXP/LDAXP, STXP/STLXP (W, X), LDAR and STLR (B, H, W, X).
 *
 * The local monitor lives in struct arm_state: a load-exclusive opens it on
 * (address, log2 size) and remembers the value(s) read in excl_val; a
 * store-exclusive passes when the monitor is open on the same address and
 * size and memory still holds excl_val, which it checks with a host
 * compare-and-swap (QEMU's scheme), so another vCPU writing the location
 * between the two makes it fail even across processes. The monitor closes
 * after every store-exclusive. CLREX (elsewhere) closes it too.
 *
 * All these accesses must be naturally aligned (a pair to the size of the
 * pair) or they take an alignment fault. A store-exclusive checks alignment
 * only when the monitor is open on its address, as QEMU does: a misaligned
 * one with the monitor closed or elsewhere just fails (the ARM ARM faults it
 * either way). QEMU reports that fault with WnR = 0 (its single-threaded
 * compare-and-swap loads first); we report a write, as the ARM ARM does.
 * On one vCPU, acquire and release add no ordering: the op sequence is
 * program order, and an x86 host orders plain loads and stores as
 * acquire/release anyway.
 *
 * Fields: op->n base, op->d Rt, op->a Rt2, op->m Rs (status).
 */
#include "arm/ldst.h"

static inline void check_align(struct vcpu *cpu, const struct op *op, uint64_t addr,
                               unsigned log2_size, bool is_write)
{
    if (unlikely(addr & ((1u << log2_size) - 1))) {
        ldst_align_fault(cpu, op, addr, is_write);
    }
}

static inline uint64_t read_sized(struct vcpu *cpu, uint64_t addr, unsigned log2_size,
                                  const struct op *op)
{
    switch (log2_size) {
    case 0: return mem_read8(cpu, addr, op);
    case 1: return mem_read16(cpu, addr, op);
    case 2: return mem_read32(cpu, addr, op);
    default: return mem_read64(cpu, addr, op);
    }
}

static inline void write_sized(struct vcpu *cpu, uint64_t addr, uint64_t val,
                               unsigned log2_size, const struct op *op)
{
    switch (log2_size) {
    case 0: mem_write8(cpu, addr, val, op); break;
    case 1: mem_write16(cpu, addr, val, op); break;
    case 2: mem_write32(cpu, addr, val, op); break;
    default: mem_write64(cpu, addr, val, op); break;
    }
}

static inline void monitor_open(struct vcpu *cpu, uint64_t addr, unsigned log2_size,
                                uint64_t val0, uint64_t val1)
{
    cpu->s.excl_valid = 1;
    cpu->s.excl_addr = addr;
    cpu->s.excl_size = (uint8_t)log2_size;
    cpu->s.excl_val[0] = val0;
    cpu->s.excl_val[1] = val1;
}

/*
 * Whether a store-exclusive of 2^log2_size bytes at addr may go ahead: the
 * monitor is open on the same address and size. A store whose address
 * matches is checked for alignment even when the size does not.
 */
static inline bool monitor_passes(struct vcpu *cpu, const struct op *op, uint64_t addr,
                                  unsigned log2_size)
{
    if (!cpu->s.excl_valid || cpu->s.excl_addr != addr) {
        return false;
    }
    check_align(cpu, op, addr, log2_size, true);
    return cpu->s.excl_size == log2_size;
}

/*
 * Ends a store-exclusive: writes the status, closes the monitor, and leaves
 * the block if the store hit the page it was translated from (tlb_host_ptr
 * then dropped the block, which must not run on).
 */
static inline void store_exclusive_done(struct vcpu *cpu, const struct op *op, bool passed)
{
    X(op->m) = !passed;
    cpu->s.excl_valid = 0;
    if (unlikely(cpu->tb->cached && !cpu->tb->valid)) {
        cpu->s.pc = op_pc(cpu, op) + 4;
        cpu_exit_after(cpu, op);
    }
}

/* Writes val over 'expect' at the aligned address, up to 8 bytes; true if
 * memory held 'expect'. */
static bool cmpxchg_sized(struct vcpu *cpu, const struct op *op, uint64_t addr,
                          unsigned log2_size, uint64_t expect, uint64_t val)
{
    void *host = tlb_host_ptr(cpu, addr, 1u << log2_size, 1, op);
    if (!host) {
        /* A device: nothing another vCPU could race with. */
        if (read_sized(cpu, addr, log2_size, op) != expect) {
            return false;
        }
        write_sized(cpu, addr, val, log2_size, op);
        return true;
    }
    bool ok;
    switch (log2_size) {
    case 0: {
        uint8_t e = (uint8_t)expect;
        ok = __atomic_compare_exchange_n((uint8_t *)host, &e, (uint8_t)val, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        break;
    }
    case 1: {
        uint16_t e = (uint16_t)expect;
        ok = __atomic_compare_exchange_n((uint16_t *)host, &e, (uint16_t)val, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        break;
    }
    case 2: {
        uint32_t e = (uint32_t)expect;
        ok = __atomic_compare_exchange_n((uint32_t *)host, &e, (uint32_t)val, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        break;
    }
    default: {
        uint64_t e = expect;
        ok = __atomic_compare_exchange_n((uint64_t *)host, &e, val, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        break;
    }
    }
    return ok;
}

/*
 * 16-byte compare and swap for STXP X. Two 8-byte halves, not one atomic
 * step: enough while one vCPU runs at a time; the parallel mode needs a
 * 16-byte host CAS here.
 */
static bool cmpxchg_pair64(struct vcpu *cpu, const struct op *op, uint64_t addr,
                           uint64_t expect0, uint64_t expect1, uint64_t val0, uint64_t val1)
{
    uint64_t *host = tlb_host_ptr(cpu, addr, 16, 1, op);
    if (!host) {
        if (mem_read64(cpu, addr, op) != expect0 || mem_read64(cpu, addr + 8, op) != expect1) {
            return false;
        }
        mem_write64(cpu, addr, val0, op);
        mem_write64(cpu, addr + 8, val1, op);
        return true;
    }
    bool ok = false;
    if (__atomic_load_n(&host[0], __ATOMIC_ACQUIRE) == expect0 &&
        __atomic_load_n(&host[1], __ATOMIC_ACQUIRE) == expect1) {
        __atomic_store_n(&host[0], val0, __ATOMIC_RELEASE);
        __atomic_store_n(&host[1], val1, __ATOMIC_RELEASE);
        ok = true;
    }
    return ok;
}

/* --- bodies, shared by the handlers with and without the SP check --------- */

static inline void load_exclusive(struct vcpu *cpu, const struct op *op, unsigned log2_size)
{
    uint64_t addr = X(op->n);
    check_align(cpu, op, addr, log2_size, false);
    uint64_t v = read_sized(cpu, addr, log2_size, op);
    monitor_open(cpu, addr, log2_size, v, 0);
    X(op->d) = v;
}

static inline void store_exclusive(struct vcpu *cpu, const struct op *op, unsigned log2_size)
{
    uint64_t addr = X(op->n);
    bool passed = monitor_passes(cpu, op, addr, log2_size) &&
                  cmpxchg_sized(cpu, op, addr, log2_size, cpu->s.excl_val[0], X(op->d));
    store_exclusive_done(cpu, op, passed);
}

/* LDXP W reads one doubleword; Rt2 is written last (QEMU's order when
 * Rt == Rt2, which is CONSTRAINED UNPREDICTABLE). */
static inline void load_exclusive_pair32(struct vcpu *cpu, const struct op *op)
{
    uint64_t addr = X(op->n);
    check_align(cpu, op, addr, 3, false);
    uint64_t v = mem_read64(cpu, addr, op);
    monitor_open(cpu, addr, 3, v, 0);
    X(op->d) = (uint32_t)v;
    X(op->a) = v >> 32;
}

static inline void load_exclusive_pair64(struct vcpu *cpu, const struct op *op)
{
    uint64_t addr = X(op->n);
    check_align(cpu, op, addr, 4, false);
    uint64_t lo = mem_read64(cpu, addr, op);
    uint64_t hi = mem_read64(cpu, addr + 8, op);
    monitor_open(cpu, addr, 4, lo, hi);
    X(op->d) = lo;
    X(op->a) = hi;
}

static inline void store_exclusive_pair32(struct vcpu *cpu, const struct op *op)
{
    uint64_t addr = X(op->n);
    uint64_t val = (uint32_t)X(op->d) | (X(op->a) << 32);
    bool passed = monitor_passes(cpu, op, addr, 3) &&
                  cmpxchg_sized(cpu, op, addr, 3, cpu->s.excl_val[0], val);
    store_exclusive_done(cpu, op, passed);
}

static inline void store_exclusive_pair64(struct vcpu *cpu, const struct op *op)
{
    uint64_t addr = X(op->n);
    bool passed = monitor_passes(cpu, op, addr, 4) &&
                  cmpxchg_pair64(cpu, op, addr, cpu->s.excl_val[0], cpu->s.excl_val[1],
                                 X(op->d), X(op->a));
    store_exclusive_done(cpu, op, passed);
}

static inline void load_acquire(struct vcpu *cpu, const struct op *op, unsigned log2_size)
{
    uint64_t addr = X(op->n);
    check_align(cpu, op, addr, log2_size, false);
    X(op->d) = read_sized(cpu, addr, log2_size, op);
}

static inline void store_release(struct vcpu *cpu, const struct op *op, unsigned log2_size)
{
    uint64_t addr = X(op->n);
    check_align(cpu, op, addr, log2_size, true);
    write_sized(cpu, addr, X(op->d), log2_size, op);
}

/* --- handlers ---------------------------------------------------------------- */

/* A handler and its twin for base SP, which checks SP alignment first. */
#define DEFINE_WITH_SP(name, body)                                               \
    OP_HANDLER(name) { body; NEXT(); }                                           \
    OP_HANDLER(name##_sp) { ldst_check_sp(cpu, op); body; NEXT(); }

#define DEFINE_SIZES(prefix, fn)                                                 \
    DEFINE_WITH_SP(op_##prefix##8, fn(cpu, op, 0))                               \
    DEFINE_WITH_SP(op_##prefix##16, fn(cpu, op, 1))                              \
    DEFINE_WITH_SP(op_##prefix##32, fn(cpu, op, 2))                              \
    DEFINE_WITH_SP(op_##prefix##64, fn(cpu, op, 3))

DEFINE_SIZES(ldxr, load_exclusive)
DEFINE_SIZES(stxr, store_exclusive)
DEFINE_SIZES(ldar, load_acquire)
DEFINE_SIZES(stlr, store_release)
DEFINE_WITH_SP(op_ldxp32, load_exclusive_pair32(cpu, op))
DEFINE_WITH_SP(op_ldxp64, load_exclusive_pair64(cpu, op))
DEFINE_WITH_SP(op_stxp32, store_exclusive_pair32(cpu, op))
DEFINE_WITH_SP(op_stxp64, store_exclusive_pair64(cpu, op))

/* [size][base is SP] */
#define SIZE_TABLE(prefix)                                                       \
    { { op_##prefix##8, op_##prefix##8_sp }, { op_##prefix##16, op_##prefix##16_sp }, \
      { op_##prefix##32, op_##prefix##32_sp }, { op_##prefix##64, op_##prefix##64_sp } }

static op_fn *const ldxr_fns[4][2] = SIZE_TABLE(ldxr);
static op_fn *const stxr_fns[4][2] = SIZE_TABLE(stxr);
static op_fn *const ldar_fns[4][2] = SIZE_TABLE(ldar);
static op_fn *const stlr_fns[4][2] = SIZE_TABLE(stlr);
static op_fn *const ldxp_fns[2][2] = { { op_ldxp32, op_ldxp32_sp }, { op_ldxp64, op_ldxp64_sp } };
static op_fn *const stxp_fns[2][2] = { { op_stxp32, op_stxp32_sp }, { op_stxp64, op_stxp64_sp } };

/* --- translators -------------------------------------------------------------- */

/*
 * Fields the encoding names but these instructions do not use (Rs of a load,
 * Rt2 of a single-register access) should be ones; like QEMU we ignore them.
 * Store-exclusive with Rs == Rt or Rs == Rn (CONSTRAINED UNPREDICTABLE) reads
 * its address and data before writing the status, as QEMU does.
 */
static struct op *excl_op(struct dc *dc, op_fn *const fns[2], unsigned rn)
{
    struct op *op = dc->op;
    op->fn = fns[rn == 31];
    op->n = reg_or_sp(rn);
    return op;
}

static bool load_op(struct dc *dc, const struct a64_args *a, op_fn *const fns[2])
{
    excl_op(dc, fns, a->n)->d = dst_or_zr(a->t);
    return true;
}

static bool store_op(struct dc *dc, const struct a64_args *a, op_fn *const fns[2])
{
    excl_op(dc, fns, a->n)->d = reg_or_zr(a->t);
    return true;
}

static bool store_excl_op(struct dc *dc, const struct a64_args *a, op_fn *const fns[2])
{
    struct op *op = excl_op(dc, fns, a->n);
    op->d = reg_or_zr(a->t);
    op->a = reg_or_zr(a->u);
    op->m = dst_or_zr(a->s);
    return true;
}

static bool load_pair_op(struct dc *dc, const struct a64_args *a, op_fn *const fns[2])
{
    struct op *op = excl_op(dc, fns, a->n);
    op->d = dst_or_zr(a->t);
    op->a = dst_or_zr(a->u);
    return true;
}

bool trans_LDXR(struct dc *dc, const struct a64_args *a)  { return load_op(dc, a, ldxr_fns[a->z]); }
bool trans_LDAXR(struct dc *dc, const struct a64_args *a) { return load_op(dc, a, ldxr_fns[a->z]); }
bool trans_STXR(struct dc *dc, const struct a64_args *a)  { return store_excl_op(dc, a, stxr_fns[a->z]); }
bool trans_STLXR(struct dc *dc, const struct a64_args *a) { return store_excl_op(dc, a, stxr_fns[a->z]); }
bool trans_LDXP(struct dc *dc, const struct a64_args *a)  { return load_pair_op(dc, a, ldxp_fns[a->f]); }
bool trans_LDAXP(struct dc *dc, const struct a64_args *a) { return load_pair_op(dc, a, ldxp_fns[a->f]); }
bool trans_STXP(struct dc *dc, const struct a64_args *a)  { return store_excl_op(dc, a, stxp_fns[a->f]); }
bool trans_STLXP(struct dc *dc, const struct a64_args *a) { return store_excl_op(dc, a, stxp_fns[a->f]); }
bool trans_LDAR(struct dc *dc, const struct a64_args *a)  { return load_op(dc, a, ldar_fns[a->z]); }
bool trans_STLR(struct dc *dc, const struct a64_args *a)  { return store_op(dc, a, stlr_fns[a->z]); }
