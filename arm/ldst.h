/*
 * Shared pieces of the load/store translators and handlers (arm/ldst*.c).
 *
 * Addressing forms. Every load/store op keeps its base register slot in
 * op->n and its immediate offset in op->imm; register-offset forms keep Rm in
 * op->m and the shift in op->p. The translator picks one handler per access
 * kind x addressing form x "base is SP", so a handler never tests the form at
 * run time and only ops whose base is SP pay for the SP alignment check.
 *
 * Access kinds (single register) name size, signedness and destination width:
 * st8..st64, ld8..ld64 (zero-extending), ld8sx/ld16sx/ld32sx (sign-extend to
 * 64 bits), ld8sw/ld16sw (sign-extend to 32 bits, then zero-extend). The
 * FP/SIMD forms (V = 1 in the encoding) use the same addressing forms: their
 * kinds go in a file of their own with LDST_DEFINE_IMM_FORMS /
 * LDST_DEFINE_REG_FORMS and an access macro that reads or writes the vector
 * register file instead of X(op->d).
 */
#ifndef PHALANX_ARM_LDST_H
#define PHALANX_ARM_LDST_H

#include "arm/ops.h"
#include "arm/translate.h"

/* SCTLR_EL1 stack alignment check enables (EL1, EL0). */
#define LDST_SCTLR_SA  (1u << 3)
#define LDST_SCTLR_SA0 (1u << 4)

static inline int64_t ldst_sext(uint64_t v, unsigned bits)
{
    return (int64_t)(v << (64 - bits)) >> (64 - bits);
}

/* --- run time: faults -------------------------------------------------------- */

/* Raises an SP alignment fault if SCTLR_EL1.SA/SA0 enables the check at the
 * current EL; returns if it is disabled. Call only when SP & 15 != 0. */
void ldst_sp_misaligned(struct vcpu *cpu, const struct op *op);

/* Raises a data abort with DFSC "alignment fault" and FAR = va. */
_Noreturn void ldst_align_fault(struct vcpu *cpu, const struct op *op, uint64_t va,
                                bool is_write);

/* The check every op whose base register is SP makes first. */
static inline void ldst_check_sp(struct vcpu *cpu, const struct op *op)
{
    if (unlikely(X(REG_SP) & 15)) {
        ldst_sp_misaligned(cpu, op);
    }
}

/* --- run time: single-register access kinds --------------------------------- */

/* X-macro of the integer kinds: K(ENUM_NAME, handler_name). */
#define LDST_INT_KINDS(K)                                                          \
    K(ST8, st8) K(ST16, st16) K(ST32, st32) K(ST64, st64)                         \
    K(LD8, ld8) K(LD16, ld16) K(LD32, ld32) K(LD64, ld64)                         \
    K(LD8SX, ld8sx) K(LD16SX, ld16sx) K(LD32SX, ld32sx) K(LD8SW, ld8sw) K(LD16SW, ld16sw)

enum ldst_kind {
#define LDST_KIND_ENUM(E, h) LDST_##E,
    LDST_INT_KINDS(LDST_KIND_ENUM)
#undef LDST_KIND_ENUM
    LDST_NUM_INT_KINDS
};

/* One access of each kind at 'addr', with op->d as the data register. */
#define LDST_ACCESS_st8(addr)    mem_write8(cpu, (addr), X(op->d), op)
#define LDST_ACCESS_st16(addr)   mem_write16(cpu, (addr), X(op->d), op)
#define LDST_ACCESS_st32(addr)   mem_write32(cpu, (addr), X(op->d), op)
#define LDST_ACCESS_st64(addr)   mem_write64(cpu, (addr), X(op->d), op)
#define LDST_ACCESS_ld8(addr)    X(op->d) = mem_read8(cpu, (addr), op)
#define LDST_ACCESS_ld16(addr)   X(op->d) = mem_read16(cpu, (addr), op)
#define LDST_ACCESS_ld32(addr)   X(op->d) = mem_read32(cpu, (addr), op)
#define LDST_ACCESS_ld64(addr)   X(op->d) = mem_read64(cpu, (addr), op)
#define LDST_ACCESS_ld8sx(addr)  X(op->d) = (uint64_t)(int8_t)mem_read8(cpu, (addr), op)
#define LDST_ACCESS_ld16sx(addr) X(op->d) = (uint64_t)(int16_t)mem_read16(cpu, (addr), op)
#define LDST_ACCESS_ld32sx(addr) X(op->d) = (uint64_t)(int32_t)mem_read32(cpu, (addr), op)
#define LDST_ACCESS_ld8sw(addr)  W_SET(op->d, (int8_t)mem_read8(cpu, (addr), op))
#define LDST_ACCESS_ld16sw(addr) W_SET(op->d, (int16_t)mem_read16(cpu, (addr), op))

/* --- run time: addressing forms -------------------------------------------- */

/* Immediate forms; index = form * 2 + (base is SP). */
enum ldst_imm_form {
    LDST_OFFSET, /* [Xn, #imm] (scaled, unscaled, unprivileged) */
    LDST_PRE,    /* [Xn, #imm]! */
    LDST_POST,   /* [Xn], #imm */
    LDST_NUM_IMM_FORMS
};

/* Register-offset forms by Rm extension; index = form * 2 + (base is SP). */
enum ldst_reg_form {
    LDST_REG_UXTW, /* [Xn, Wm, UXTW #s] */
    LDST_REG_SXTW, /* [Xn, Wm, SXTW #s] */
    LDST_REG_X,    /* [Xn, Xm, LSL #s] and SXTX (no extension of a 64-bit Rm) */
    LDST_NUM_REG_FORMS
};

/*
 * Writeback. The access is made first (a fault leaves the base alone), then
 * the base is written, so a load with Rn == Rt ends with the written-back
 * address in the register and a store stores the old value, as QEMU does for
 * these CONSTRAINED UNPREDICTABLE cases.
 */
#define LDST_DEFINE_IMM_FORMS(kind)                                                  \
    OP_HANDLER(op_##kind##_off) { LDST_ACCESS_##kind(X(op->n) + op->imm); NEXT(); } \
    OP_HANDLER(op_##kind##_off_sp)                                                   \
    {                                                                                \
        ldst_check_sp(cpu, op);                                                      \
        LDST_ACCESS_##kind(X(op->n) + op->imm);                                      \
        NEXT();                                                                      \
    }                                                                                \
    OP_HANDLER(op_##kind##_pre)                                                      \
    {                                                                                \
        uint64_t addr = X(op->n) + op->imm;                                          \
        LDST_ACCESS_##kind(addr);                                                    \
        X(op->n) = addr;                                                             \
        NEXT();                                                                      \
    }                                                                                \
    OP_HANDLER(op_##kind##_pre_sp)                                                   \
    {                                                                                \
        ldst_check_sp(cpu, op);                                                      \
        uint64_t addr = X(op->n) + op->imm;                                          \
        LDST_ACCESS_##kind(addr);                                                    \
        X(op->n) = addr;                                                             \
        NEXT();                                                                      \
    }                                                                                \
    OP_HANDLER(op_##kind##_post)                                                     \
    {                                                                                \
        uint64_t addr = X(op->n);                                                    \
        LDST_ACCESS_##kind(addr);                                                    \
        X(op->n) = addr + op->imm;                                                   \
        NEXT();                                                                      \
    }                                                                                \
    OP_HANDLER(op_##kind##_post_sp)                                                  \
    {                                                                                \
        ldst_check_sp(cpu, op);                                                      \
        uint64_t addr = X(op->n);                                                    \
        LDST_ACCESS_##kind(addr);                                                    \
        X(op->n) = addr + op->imm;                                                   \
        NEXT();                                                                      \
    }

#define LDST_IMM_FORM_ROW(kind)                                                      \
    { op_##kind##_off, op_##kind##_off_sp, op_##kind##_pre, op_##kind##_pre_sp,     \
      op_##kind##_post, op_##kind##_post_sp }

#define LDST_ADDR_UXTW (X(op->n) + ((uint64_t)(uint32_t)X(op->m) << op->p))
#define LDST_ADDR_SXTW (X(op->n) + ((uint64_t)(int64_t)(int32_t)X(op->m) << op->p))
#define LDST_ADDR_X    (X(op->n) + (X(op->m) << op->p))

#define LDST_DEFINE_REG_FORMS(kind)                                                  \
    OP_HANDLER(op_##kind##_uxtw) { LDST_ACCESS_##kind(LDST_ADDR_UXTW); NEXT(); }    \
    OP_HANDLER(op_##kind##_sxtw) { LDST_ACCESS_##kind(LDST_ADDR_SXTW); NEXT(); }    \
    OP_HANDLER(op_##kind##_x) { LDST_ACCESS_##kind(LDST_ADDR_X); NEXT(); }          \
    OP_HANDLER(op_##kind##_uxtw_sp)                                                  \
    {                                                                                \
        ldst_check_sp(cpu, op);                                                      \
        LDST_ACCESS_##kind(LDST_ADDR_UXTW);                                          \
        NEXT();                                                                      \
    }                                                                                \
    OP_HANDLER(op_##kind##_sxtw_sp)                                                  \
    {                                                                                \
        ldst_check_sp(cpu, op);                                                      \
        LDST_ACCESS_##kind(LDST_ADDR_SXTW);                                          \
        NEXT();                                                                      \
    }                                                                                \
    OP_HANDLER(op_##kind##_x_sp)                                                     \
    {                                                                                \
        ldst_check_sp(cpu, op);                                                      \
        LDST_ACCESS_##kind(LDST_ADDR_X);                                             \
        NEXT();                                                                      \
    }

#define LDST_REG_FORM_ROW(kind)                                                      \
    { op_##kind##_uxtw, op_##kind##_uxtw_sp, op_##kind##_sxtw, op_##kind##_sxtw_sp, \
      op_##kind##_x, op_##kind##_x_sp }

/* --- translate time ---------------------------------------------------------- */

/* Kind of a single-register integer access from the size and opc fields;
 * false for the encodings that are prefetches or unallocated. */
static inline bool ldst_int_kind(unsigned size, unsigned opc, enum ldst_kind *kind)
{
    static const signed char kinds[4][4] = {
        { LDST_ST8, LDST_LD8, LDST_LD8SX, LDST_LD8SW },
        { LDST_ST16, LDST_LD16, LDST_LD16SX, LDST_LD16SW },
        { LDST_ST32, LDST_LD32, LDST_LD32SX, -1 },
        { LDST_ST64, LDST_LD64, -1, -1 }, /* opc 2 is PRFM */
    };
    int k = kinds[size & 3][opc & 3];
    if (k < 0) {
        return false;
    }
    *kind = (enum ldst_kind)k;
    return true;
}

static inline bool ldst_kind_is_load(enum ldst_kind kind)
{
    return kind >= LDST_LD8;
}

/* Data register slot: loads to 31 go to the sink, stores from 31 store zero. */
static inline uint8_t ldst_data_reg(unsigned rt, bool is_load)
{
    return is_load ? dst_or_zr(rt) : reg_or_zr(rt);
}

/* Index into a form table for base register field rn. */
static inline unsigned ldst_form_index(unsigned form, unsigned rn)
{
    return form * 2 + (rn == 31);
}

#endif
