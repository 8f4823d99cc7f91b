/*
 * The system register table: one row per register that MRS and MSR can
 * name, with its encoding, who may access it, and where its value lives.
 *
 * A row holds its value in one of three ways, tried in this order:
 *  - read / write functions (registers with side effects or packed fields);
 *  - 'offset': a uint64_t field of struct arm_state, 'wmask' the bits a write
 *    stores (offset 0 means no field: x[0] is never a system register);
 *  - neither: a constant 'value', and writes (if allowed) are ignored.
 *
 * Access is decided in two steps. The flags say at which EL a read or write is
 * allowed at all (anything else is UNDEFINED, decided at translate time). A
 * 'check' function, when present, adds the conditions that depend on control
 * registers (SCTLR_EL1.UCT, CNTKCTL_EL1, CPACR_EL1.FPEN...) and runs at run
 * time only for the registers that have one.
 */
#ifndef PHALANX_ARM_SYSREGS_H
#define PHALANX_ARM_SYSREGS_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;
struct op;

/* op0:op1:CRn:CRm:op2, the way bits 20..5 of MRS, MSR and SYS hold them. */
#define SYSREG_KEY(op0, op1, crn, crm, op2)                                             \
    ((uint16_t)(((op0) << 14) | ((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2)))

#define SYSREG_OP0(key) (((key) >> 14) & 3u)
#define SYSREG_OP1(key) (((key) >> 11) & 7u)
#define SYSREG_CRN(key) (((key) >> 7) & 15u)
#define SYSREG_CRM(key) (((key) >> 3) & 15u)
#define SYSREG_OP2(key) ((key) & 7u)

enum sysreg_flags {
    SR_R0   = 1u << 0, /* MRS allowed at EL0 (then 'check', if any) */
    SR_W0   = 1u << 1, /* MSR allowed at EL0 */
    SR_R1   = 1u << 2, /* MRS allowed at EL1 */
    SR_W1   = 1u << 3, /* MSR allowed at EL1 */
    SR_SYNC = 1u << 4, /* a write changes state that translation, the TLB or
                        * interrupt delivery depend on: the block ends after it */
};

#define SR_RW0 (SR_R0 | SR_W0 | SR_R1 | SR_W1)
#define SR_RW1 (SR_R1 | SR_W1)

/* Outcome of a run-time access check. */
enum sysreg_access {
    SR_OK,      /* go ahead */
    SR_UNDEF,   /* UNDEFINED: EC 0x00 */
    SR_TRAP,    /* trapped to EL1 as a system register access: EC 0x18 */
    SR_TRAP_FP, /* trapped by CPACR_EL1.FPEN: EC 0x07 */
};

struct sysreg {
    const char *name;
    uint16_t    key;    /* SYSREG_KEY(...) */
    uint16_t    flags;  /* enum sysreg_flags */
    uint16_t    offset; /* of a uint64_t in struct arm_state; 0: none */
    uint64_t    value;  /* constant read value (no field, no reader) */
    uint64_t    wmask;  /* bits an MSR stores into the field */
    uint64_t  (*read)(struct vcpu *cpu, const struct op *op);
    void      (*write)(struct vcpu *cpu, uint64_t value, const struct op *op);
    enum sysreg_access (*check)(const struct vcpu *cpu, unsigned el, bool is_write);
};

extern const struct sysreg sysregs[];
extern const unsigned num_sysregs;

/* The row for an encoding, or NULL for an unknown / unimplemented register. */
const struct sysreg *sysreg_lookup(unsigned key);

/* Whether the flags let MRS (is_write false) or MSR name r at EL el. */
static inline bool sysreg_allowed(const struct sysreg *r, unsigned el, bool is_write)
{
    unsigned need = el == 0 ? (is_write ? SR_W0 : SR_R0) : (is_write ? SR_W1 : SR_R1);
    return (r->flags & need) != 0;
}

/* Run-time part of the access rules (SR_OK when r has no check). */
static inline enum sysreg_access sysreg_check(const struct sysreg *r, const struct vcpu *cpu,
                                              unsigned el, bool is_write)
{
    return r->check ? r->check(cpu, el, is_write) : SR_OK;
}

/* Reads / writes r without any access check. 'op' dates counter reads. */
uint64_t sysreg_read(struct vcpu *cpu, const struct op *op, const struct sysreg *r);
void sysreg_write(struct vcpu *cpu, const struct sysreg *r, uint64_t value,
                  const struct op *op);

/* "S3_0_C1_C0_0" for an encoding without a name (logs); returns buf. */
char *sysreg_describe(unsigned key, char *buf, unsigned len);

/*
 * ISS of an EC 0x18 trap of MSR/MRS/SYS 'key' (MSR immediate: op0 = 0,
 * CRn = 4, CRm = the immediate, Rt = 31) with Rt as encoded.
 */
static inline uint32_t sysreg_trap_iss(unsigned key, unsigned rt, bool is_read)
{
    return (SYSREG_OP0(key) << 20) | (SYSREG_OP2(key) << 17) | (SYSREG_OP1(key) << 14) |
           (SYSREG_CRN(key) << 10) | ((rt & 31u) << 5) | (SYSREG_CRM(key) << 1) |
           (is_read ? 1u : 0u);
}

/*
 * ISS of an FP/SIMD access trap (EC 0x07) from AArch64: CV = 1 and
 * COND = 0b1110, as the ARM ARM asks and QEMU reports.
 */
#define FP_TRAP_ISS ((1u << 24) | (0xeu << 20))

/* System control bits that the access rules read. */
#define SCTLR_UMA  (1ull << 9)  /* EL0 may access DAIF */
#define SCTLR_DZE  (1ull << 14) /* EL0 may use DC ZVA */
#define SCTLR_UCT  (1ull << 15) /* EL0 may read CTR_EL0 */
#define SCTLR_NTWI (1ull << 16) /* WFI at EL0 does not trap */
#define SCTLR_NTWE (1ull << 18) /* WFE at EL0 does not trap */
#define SCTLR_UCI  (1ull << 26) /* EL0 may clean/invalidate caches by VA */

#define CNTKCTL_EL0PCTEN (1ull << 0)
#define CNTKCTL_EL0VCTEN (1ull << 1)
#define CNTKCTL_EL0VTEN  (1ull << 8)
#define CNTKCTL_EL0PTEN  (1ull << 9)

/* CPACR_EL1.FPEN: 0b11 no trap, 0b01 traps EL0 only, else traps EL0 and EL1. */
static inline bool fp_access_trapped(uint64_t cpacr, unsigned el)
{
    unsigned fpen = (cpacr >> 20) & 3;
    return fpen == 3 ? false : fpen == 1 ? el == 0 : true;
}

/* The generic counter's frequency: see sysregs.c for the time base. */
#define CNT_FREQ_HZ 62500000ull

/* CNTVCT_EL0 / CNTPCT_EL0 when 'op' executes. */
uint64_t sysreg_counter(const struct vcpu *cpu, const struct op *op);

#endif
