/* Exception entry and return (AArch64, EL1 as the only target for now). */
#ifndef PHALANX_ARM_EXCEPTION_H
#define PHALANX_ARM_EXCEPTION_H

#include <stdint.h>

#include "arm/cpu.h"

/* Exception classes (ESR_ELx.EC). */
enum arm_ec {
    EC_UNKNOWN          = 0x00, /* UNDEFINED instruction */
    EC_WFX              = 0x01,
    EC_FP_ACCESS        = 0x07,
    EC_ILLEGAL_STATE    = 0x0e,
    EC_SVC64            = 0x15,
    EC_HVC64            = 0x16,
    EC_SMC64            = 0x17,
    EC_SYSREG           = 0x18,
    EC_INSN_ABORT_LOWER = 0x20,
    EC_INSN_ABORT_SAME  = 0x21,
    EC_PC_ALIGN         = 0x22,
    EC_DATA_ABORT_LOWER = 0x24,
    EC_DATA_ABORT_SAME  = 0x25,
    EC_SP_ALIGN         = 0x26,
    EC_BRK64            = 0x3c,
};

/* Fault status codes (ISS.DFSC / IFSC). */
#define FSC_ADDR_SIZE_L0   0x00
#define FSC_SYNC_EXTERNAL  0x10
#define FSC_ALIGNMENT      0x21

#define ISS_WNR (1u << 6) /* data abort caused by a write */

enum arm_exc_kind {
    EXC_SYNC   = 0,
    EXC_IRQ    = 1,
    EXC_FIQ    = 2,
    EXC_SERROR = 3,
};

/*
 * Takes an exception to EL1: saves PSTATE and return_pc to SPSR/ELR, writes
 * ESR (and FAR when far_valid), masks DAIF and jumps to the vector.
 */
void arm_take_exception(struct arm_state *s, enum arm_exc_kind kind, uint32_t esr,
                        uint64_t far, int far_valid, uint64_t return_pc);

/* ERET from EL1. */
void arm_exception_return(struct arm_state *s);

static inline uint32_t arm_syndrome(enum arm_ec ec, uint32_t iss)
{
    return ((uint32_t)ec << 26) | (1u << 25) /* IL: 32-bit instruction */ | (iss & 0x1ffffff);
}

#endif
