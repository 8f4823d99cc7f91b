/*
 * Architectural state of one AArch64 vCPU.
 *
 * Everything in struct arm_state is guest-visible state: it is what a
 * snapshot saves and what a state hash covers. Emulator bookkeeping (soft
 * TLB, translation cache, exit buffers) lives in struct vcpu (tcg/vcpu.h)
 * and is rebuilt, never saved.
 */
#ifndef PHALANX_ARM_CPU_H
#define PHALANX_ARM_CPU_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Register slots as the pre-decoded operations index them. Encoding 31 means
 * SP or XZR depending on the instruction; the translator resolves it to one of
 * these slots, so an operation never tests for register 31 at run time.
 */
enum {
    REG_SP   = 31, /* current stack pointer (SP_EL0 or SP_ELx per PSTATE.SP) */
    REG_ZR   = 32, /* reads as zero; never written */
    REG_SINK = 33, /* writes to XZR land here and are never read */
    NUM_REG_SLOTS = 34,
};

/* PSTATE.NZCV bits as they sit in the NZCV system register. */
#define NZCV_N (1u << 31)
#define NZCV_Z (1u << 30)
#define NZCV_C (1u << 29)
#define NZCV_V (1u << 28)

/* PSTATE.DAIF bits as they sit in the DAIF system register. */
#define DAIF_D (1u << 9)
#define DAIF_A (1u << 8)
#define DAIF_I (1u << 7)
#define DAIF_F (1u << 6)

#define PSR_IL  (1u << 20) /* SPSR_ELx.IL */
#define PSR_PAN (1u << 22) /* SPSR_ELx.PAN */

/* SPSR_ELx / PSTATE.M encodings. */
#define PSR_MODE_EL0t 0x0
#define PSR_MODE_EL1t 0x4
#define PSR_MODE_EL1h 0x5

struct arm_el1_regs {
    uint64_t sctlr;      /* SCTLR_EL1 */
    uint64_t vbar;       /* VBAR_EL1 */
    uint64_t elr;        /* ELR_EL1 */
    uint64_t spsr;       /* SPSR_EL1 */
    uint64_t esr;        /* ESR_EL1 */
    uint64_t far;        /* FAR_EL1 */
    uint64_t cpacr;      /* CPACR_EL1 */
    uint64_t tpidr;      /* TPIDR_EL1 */
    uint64_t cntkctl;    /* CNTKCTL_EL1 */
    uint64_t contextidr; /* CONTEXTIDR_EL1 */
    uint64_t ttbr0;      /* TTBR0_EL1 */
    uint64_t ttbr1;      /* TTBR1_EL1 */
    uint64_t tcr;        /* TCR_EL1 */
    uint64_t mair;       /* MAIR_EL1 */
    uint64_t amair;      /* AMAIR_EL1 */
    uint64_t par;        /* PAR_EL1 */
    uint64_t csselr;     /* CSSELR_EL1 */
    uint64_t mdscr;      /* MDSCR_EL1 */
    uint64_t mdccint;    /* MDCCINT_EL1 */
    uint64_t osdlr;      /* OSDLR_EL1 */
    uint64_t oslk;       /* OS lock: OSLSR_EL1.OSLK, set by OSLAR_EL1 */
};

struct arm_state {
    uint64_t x[NUM_REG_SLOTS]; /* X0-X30, current SP, then ZR/sink slots */
    uint64_t pc;               /* address of the next instruction */
    uint32_t nzcv;             /* PSTATE.NZCV in bits 31..28 */
    uint32_t daif;             /* PSTATE.DAIF in bits 9..6 */
    uint8_t  el;               /* PSTATE.EL: 0 or 1 */
    uint8_t  spsel;            /* PSTATE.SP: 0 = SP_EL0, 1 = SP_ELx */
    uint8_t  excl_valid;       /* local exclusive monitor is open */
    uint8_t  excl_size;        /* log2 of the bytes the monitor covers */
    uint8_t  il;               /* PSTATE.IL: set by an illegal exception return */
    uint8_t  pan;              /* PSTATE.PAN: EL1 data accesses to EL0's pages fault */
    uint64_t sp_el[2];         /* banked SP_EL0/SP_EL1; the active one is in x[REG_SP] */
    uint64_t excl_addr;        /* address marked by the last load-exclusive */
    uint64_t excl_val[2];      /* value(s) it loaded, compared by store-exclusive */
    uint64_t tpidr_el0;        /* TPIDR_EL0 */
    uint64_t tpidrro_el0;      /* TPIDRRO_EL0 */
    uint64_t vreg[32][2];      /* V0-V31: [0] bits 63..0, [1] bits 127..64 */
    uint32_t fpcr;             /* FPCR */
    uint32_t fpsr;             /* FPSR */
    struct arm_el1_regs el1;   /* EL1 system registers */
    uint64_t timer_ctl[2];     /* CNTP_CTL_EL0, CNTV_CTL_EL0 (ENABLE, IMASK) */
    uint64_t timer_cval[2];    /* CNTP_CVAL_EL0, CNTV_CVAL_EL0 */
    uint64_t icount;           /* instructions retired since reset (virtual time) */
};

/* Resets to the state QEMU's virt board gives a CPU without EL2/EL3. */
void arm_state_reset(struct arm_state *s, uint64_t entry_pc);

/* Switches PSTATE.SP / PSTATE.EL, moving the active SP into its bank. */
void arm_set_sp_bank(struct arm_state *s, unsigned el, unsigned spsel);

/*
 * Hash of the architectural state (-d hash): every register above, the
 * stack pointers as SP_EL0 and SP_EL1 whichever is live, PSTATE; not the
 * write sink slot.
 */
uint64_t arm_state_hash(const struct arm_state *s);

/* PSTATE packed as SPSR_ELx holds it. */
uint64_t arm_pstate_read(const struct arm_state *s);
void arm_pstate_write(struct arm_state *s, uint64_t spsr);

#endif
