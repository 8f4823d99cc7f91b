/*
 * System registers the tester may read and write: only those whose value is
 * deterministic and the same on phalanx and QEMU, and whose writing cannot
 * disturb the runtime (no VBAR, SCTLR, SPSel, CPACR writes, no timers).
 *
 * A read/write register is written back to 0 right after the write is read
 * back, so a case never leaves state behind for a later case; every one of
 * them resets to 0 on both emulators.
 *
 * Left out on purpose: ID_AA64PFR0_EL1 (no AArch32 here; GICv3 CPU
 * interface), ID_AA64DFR0_EL1 (no PMU), ID_AA64ISAR0_EL1 (CRC32 only: no
 * AES/SHA), ID_AA64MMFR0_EL1 (little-endian only; 16 KiB granule) and
 * ID_AA64MMFR1_EL1 (PAN): phalanx advertises exactly what it implements, so
 * these differ from QEMU's cortex-a57 by design (tests/unit/test_sysregs.c
 * checks their values; guest tests check PAN and 16 KiB pages against QEMU's
 * -cpu max).
 */
#include "difftest.h"

#define RO(name, op0, op1, crn, crm, op2) { name, op0, op1, crn, crm, op2, SYSREG_RO },
#define RW(name, op0, op1, crn, crm, op2) { name, op0, op1, crn, crm, op2, SYSREG_RW },

const struct dt_sysreg dt_sysregs[] = {
    { "NZCV", 3, 3, 4, 2, 0, SYSREG_HARNESS },
    { "DAIF", 3, 3, 4, 2, 1, SYSREG_HARNESS },
    RW("FPCR",           3, 3, 4, 4, 0)
    RW("FPSR",           3, 3, 4, 4, 1)
    RW("TPIDR_EL0",      3, 3, 13, 0, 2)
    RW("TPIDRRO_EL0",    3, 3, 13, 0, 3)
    RO("CTR_EL0",        3, 3, 0, 0, 1)
    RO("DCZID_EL0",      3, 3, 0, 0, 7)
    RO("CNTFRQ_EL0",     3, 3, 14, 0, 0)
    RO("CurrentEL",      3, 0, 4, 2, 2)
    RW("SP_EL0",         3, 0, 4, 1, 0)
    RW("SPSR_EL1",       3, 0, 4, 0, 0)
    RW("ELR_EL1",        3, 0, 4, 0, 1)
    RW("AFSR0_EL1",      3, 0, 5, 1, 0)
    RW("AFSR1_EL1",      3, 0, 5, 1, 1)
    RW("ESR_EL1",        3, 0, 5, 2, 0)
    RW("FAR_EL1",        3, 0, 6, 0, 0)
    RW("PAR_EL1",        3, 0, 7, 4, 0)
    RW("TTBR0_EL1",      3, 0, 2, 0, 0)
    RW("TTBR1_EL1",      3, 0, 2, 0, 1)
    RW("TCR_EL1",        3, 0, 2, 0, 2)
    RW("MAIR_EL1",       3, 0, 10, 2, 0)
    RW("AMAIR_EL1",      3, 0, 10, 3, 0)
    RW("CONTEXTIDR_EL1", 3, 0, 13, 0, 1)
    RW("CNTKCTL_EL1",    3, 0, 14, 1, 0)
    RW("CSSELR_EL1",     3, 2, 0, 0, 0)
    RO("SCTLR_EL1",      3, 0, 1, 0, 0)
    RO("CPACR_EL1",      3, 0, 1, 0, 2)
    RO("VBAR_EL1",       3, 0, 12, 0, 0)
    RO("MIDR_EL1",       3, 0, 0, 0, 0)
    RO("MPIDR_EL1",      3, 0, 0, 0, 5)
    RO("REVIDR_EL1",     3, 0, 0, 0, 6)
    RO("CCSIDR_EL1",     3, 1, 0, 0, 0)
    RO("CLIDR_EL1",      3, 1, 0, 0, 1)
    RO("AIDR_EL1",       3, 1, 0, 0, 7)
    /* The ID register space (op0=3, op1=0, CRn=0, CRm=1..7): named ones and
     * the reserved ones, which read as zero. */
    RO("ID_PFR0_EL1",    3, 0, 0, 1, 0)
    RO("ID_PFR1_EL1",    3, 0, 0, 1, 1)
    RO("ID_DFR0_EL1",    3, 0, 0, 1, 2)
    RO("ID_AFR0_EL1",    3, 0, 0, 1, 3)
    RO("ID_MMFR0_EL1",   3, 0, 0, 1, 4)
    RO("ID_MMFR1_EL1",   3, 0, 0, 1, 5)
    RO("ID_MMFR2_EL1",   3, 0, 0, 1, 6)
    RO("ID_MMFR3_EL1",   3, 0, 0, 1, 7)
    RO("ID_ISAR0_EL1",   3, 0, 0, 2, 0)
    RO("ID_ISAR1_EL1",   3, 0, 0, 2, 1)
    RO("ID_ISAR2_EL1",   3, 0, 0, 2, 2)
    RO("ID_ISAR3_EL1",   3, 0, 0, 2, 3)
    RO("ID_ISAR4_EL1",   3, 0, 0, 2, 4)
    RO("ID_ISAR5_EL1",   3, 0, 0, 2, 5)
    RO("ID_MMFR4_EL1",   3, 0, 0, 2, 6)
    RO("ID_ISAR6_EL1",   3, 0, 0, 2, 7)
    RO("MVFR0_EL1",      3, 0, 0, 3, 0)
    RO("MVFR1_EL1",      3, 0, 0, 3, 1)
    RO("MVFR2_EL1",      3, 0, 0, 3, 2)
    RO("ID_3_0_0_3_3",   3, 0, 0, 3, 3)
    RO("ID_PFR2_EL1",    3, 0, 0, 3, 4)
    RO("ID_DFR1_EL1",    3, 0, 0, 3, 5)
    RO("ID_MMFR5_EL1",   3, 0, 0, 3, 6)
    RO("ID_3_0_0_3_7",   3, 0, 0, 3, 7)
    RO("ID_AA64PFR1_EL1", 3, 0, 0, 4, 1)
    RO("ID_3_0_0_4_2",   3, 0, 0, 4, 2)
    RO("ID_3_0_0_4_3",   3, 0, 0, 4, 3)
    RO("ID_AA64ZFR0_EL1", 3, 0, 0, 4, 4)
    RO("ID_AA64SMFR0_EL1", 3, 0, 0, 4, 5)
    RO("ID_3_0_0_4_6",   3, 0, 0, 4, 6)
    RO("ID_3_0_0_4_7",   3, 0, 0, 4, 7)
    RO("ID_AA64DFR1_EL1", 3, 0, 0, 5, 1)
    RO("ID_3_0_0_5_2",   3, 0, 0, 5, 2)
    RO("ID_3_0_0_5_3",   3, 0, 0, 5, 3)
    RO("ID_AA64AFR0_EL1", 3, 0, 0, 5, 4)
    RO("ID_AA64AFR1_EL1", 3, 0, 0, 5, 5)
    RO("ID_3_0_0_5_6",   3, 0, 0, 5, 6)
    RO("ID_3_0_0_5_7",   3, 0, 0, 5, 7)
    RO("ID_AA64ISAR1_EL1", 3, 0, 0, 6, 1)
    RO("ID_AA64ISAR2_EL1", 3, 0, 0, 6, 2)
    RO("ID_3_0_0_6_3",   3, 0, 0, 6, 3)
    RO("ID_3_0_0_6_4",   3, 0, 0, 6, 4)
    RO("ID_3_0_0_6_5",   3, 0, 0, 6, 5)
    RO("ID_3_0_0_6_6",   3, 0, 0, 6, 6)
    RO("ID_3_0_0_6_7",   3, 0, 0, 6, 7)
    RO("ID_AA64MMFR2_EL1", 3, 0, 0, 7, 2)
    RO("ID_3_0_0_7_3",   3, 0, 0, 7, 3)
    RO("ID_3_0_0_7_4",   3, 0, 0, 7, 4)
    RO("ID_3_0_0_7_5",   3, 0, 0, 7, 5)
    RO("ID_3_0_0_7_6",   3, 0, 0, 7, 6)
    RO("ID_3_0_0_7_7",   3, 0, 0, 7, 7)
};

const unsigned dt_num_sysregs = sizeof(dt_sysregs) / sizeof(dt_sysregs[0]);

/* MSR DAIFSet/DAIFClr only: SPSel would move the stack the runtime uses. */
const struct dt_pstate_field dt_pstate_fields[] = {
    { "DAIFSet", 3, 6 },
    { "DAIFClr", 3, 7 },
};

const unsigned dt_num_pstate_fields = sizeof(dt_pstate_fields) / sizeof(dt_pstate_fields[0]);

uint32_t dt_sysreg_bits(const struct dt_sysreg *r)
{
    return (r->op0 << 19) | (r->op1 << 16) | (r->crn << 12) | (r->crm << 8) | (r->op2 << 5);
}

const struct dt_sysreg *dt_sysreg_lookup(uint32_t insn)
{
    uint32_t bits = insn & 0x001fffe0u;
    for (unsigned i = 0; i < dt_num_sysregs; i++) {
        if (dt_sysreg_bits(&dt_sysregs[i]) == bits) {
            return &dt_sysregs[i];
        }
    }
    return NULL;
}
