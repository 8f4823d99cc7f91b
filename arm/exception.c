/*
 * Exception entry and return, with PSTATE.PAN (FEAT_PAN), which
 * arm_pstate_read / arm_pstate_write do not pack: it is saved in SPSR_EL1 and
 * restored from it here.
 */
#include "arm/exception.h"

#include <stdbool.h>

/* SCTLR_EL1.SPAN: 0 = PSTATE.PAN is set on taking an exception to EL1. */
#define SCTLR_SPAN (1ull << 23)

/* Vector table offsets from VBAR_EL1 (ARM ARM D1.10.2). */
#define VECTOR_CURRENT_SP0 0x000
#define VECTOR_CURRENT_SPX 0x200
#define VECTOR_LOWER_A64   0x400

void arm_take_exception(struct arm_state *s, enum arm_exc_kind kind, uint32_t esr,
                        uint64_t far, int far_valid, uint64_t return_pc)
{
    uint64_t base;
    if (s->el == 0) {
        base = VECTOR_LOWER_A64;
    } else {
        base = s->spsel ? VECTOR_CURRENT_SPX : VECTOR_CURRENT_SP0;
    }
    s->el1.spsr = arm_pstate_read(s) | (s->pan ? PSR_PAN : 0);
    s->el1.elr = return_pc;
    if (kind == EXC_SYNC || kind == EXC_SERROR) {
        s->el1.esr = esr;
    }
    if (far_valid) {
        s->el1.far = far;
    }
    arm_set_sp_bank(s, 1, 1);
    s->daif = DAIF_D | DAIF_A | DAIF_I | DAIF_F;
    s->il = 0;
    if (!(s->el1.sctlr & SCTLR_SPAN)) {
        s->pan = 1;
    }
    s->excl_valid = 0;
    s->pc = (s->el1.vbar & ~0x7ffull) + base + 0x80u * kind;
}

void arm_exception_return(struct arm_state *s)
{
    uint64_t spsr = s->el1.spsr;
    unsigned mode = spsr & 0x1f;
    /* Only EL0t, EL1t and EL1h are legal targets from EL1 without EL2. */
    bool legal = mode == PSR_MODE_EL0t || mode == PSR_MODE_EL1t || mode == PSR_MODE_EL1h;
    s->excl_valid = 0;
    if (!legal) {
        /* Illegal return: PSTATE.EL/SP unchanged, PSTATE.IL set (ARM ARM
         * D1.11.4). PAN is kept too, as QEMU 7.2 does (the ARM ARM's
         * SetPSTATEFromPSR would restore it from SPSR). */
        s->nzcv = (uint32_t)spsr & 0xf0000000u;
        s->daif = (uint32_t)spsr & (DAIF_D | DAIF_A | DAIF_I | DAIF_F);
        s->il = 1;
        s->pc = s->el1.elr;
        return;
    }
    arm_pstate_write(s, spsr);
    s->pan = (spsr & PSR_PAN) != 0;
    s->pc = s->el1.elr;
}
