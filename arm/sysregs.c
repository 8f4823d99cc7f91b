/*
 * The system register table (see sysregs.h) and the registers' accessors.
 *
 * Identification registers describe a Cortex-A57 as QEMU 7.2's virt board
 * presents it (no EL2/EL3), minus what phalanx does not implement and plus
 * two features it does (the 16 KiB granule, PAN):
 *   ID_AA64PFR0_EL1  0x01000011 (QEMU 0x01000022): EL0 and EL1 are AArch64
 *                    only; GIC = 1, the GICv3 CPU interface (ICC_*) is there;
 *   ID_AA64ISAR0_EL1 0x10000 (QEMU 0x11120): CRC32 only, no AES/SHA1/SHA2;
 *   ID_AA64DFR0_EL1  PMUVer = 0 (QEMU 1): no PMU;
 *   ID_AA64MMFR0_EL1 0x00101024 (QEMU 0x00001124): BigEnd = 0, little-endian
 *                    only; TGran16 = 1, the 16 KiB granule is implemented
 *                    (tests/guest/mmu_granules.c compares it with QEMU's
 *                    -cpu max);
 *   ID_AA64MMFR1_EL1 0x00100000 (QEMU 0): PAN = 1, FEAT_PAN of ARMv8.1
 *                    only, beyond the A57 (tests/guest/pan.c compares it
 *                    with QEMU's -cpu max, which has PAN = 2: FEAT_PAN2's
 *                    AT S1E1RP/WP, not implemented here).
 * The AArch32 ID registers keep the A57's values: with no AArch32 at any EL
 * their contents are UNKNOWN, and QEMU's values are as good as any.
 *
 * Time base of the generic counter: virtual time is counted in retired
 * instructions (DESIGN.md §3) at one instruction per nanosecond, a 1 GHz
 * clock. The counter runs at 62.5 MHz (CNTFRQ_EL0 = 62500000, as on QEMU's
 * virt board), so CNTVCT_EL0 = CNTPCT_EL0 = icount / 16. There is no EL2, so
 * CNTVOFF is zero and the two counters are equal.
 */
#include "arm/sysregs.h"
#include "arm/timer.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "arm/cpu.h"
#include "arm/gic_cpuif.h"
#include "tcg/softtlb.h"
#include "tcg/vcpu.h"

#define CNT_TICK_INSNS 16 /* 1 GHz instruction clock / 62.5 MHz counter */
_Static_assert(1000000000ull / CNT_TICK_INSNS == CNT_FREQ_HZ, "counter frequency");

/* Bits of FPCR / FPSR that hold state (QEMU keeps the same ones): FPCR
 * AHP, DN, FZ, RMode, Stride, Len (FZ16 and the trap enables read as zero);
 * FPSR N, Z, C, V, QC and the cumulative exception flags. */
#define FPCR_MASK 0x07f70000ull
#define FPSR_MASK 0xf800009full

/* SCTLR_EL1 bits of MTE (ITFSB, TCF0, TCF, ATA0, ATA) that read as zero
 * without it; every other bit is stored as written, as QEMU does. */
#define SCTLR_MTE_BITS (0x7full << 37)

/* --- run-time access checks ---------------------------------------------- */

static enum sysreg_access check_ctr(const struct vcpu *cpu, unsigned el, bool is_write)
{
    (void)is_write;
    return el == 0 && !(cpu->s.el1.sctlr & SCTLR_UCT) ? SR_TRAP : SR_OK;
}

static enum sysreg_access check_daif(const struct vcpu *cpu, unsigned el, bool is_write)
{
    (void)is_write;
    return el == 0 && !(cpu->s.el1.sctlr & SCTLR_UMA) ? SR_TRAP : SR_OK;
}

static enum sysreg_access check_cntfrq(const struct vcpu *cpu, unsigned el, bool is_write)
{
    (void)is_write;
    uint64_t en = CNTKCTL_EL0PCTEN | CNTKCTL_EL0VCTEN;
    return el == 0 && !(cpu->s.el1.cntkctl & en) ? SR_TRAP : SR_OK;
}

static enum sysreg_access check_cntvct(const struct vcpu *cpu, unsigned el, bool is_write)
{
    (void)is_write;
    return el == 0 && !(cpu->s.el1.cntkctl & CNTKCTL_EL0VCTEN) ? SR_TRAP : SR_OK;
}

static enum sysreg_access check_cntpct(const struct vcpu *cpu, unsigned el, bool is_write)
{
    (void)is_write;
    return el == 0 && !(cpu->s.el1.cntkctl & CNTKCTL_EL0PCTEN) ? SR_TRAP : SR_OK;
}

static enum sysreg_access check_fp(const struct vcpu *cpu, unsigned el, bool is_write)
{
    (void)is_write;
    return fp_access_trapped(cpu->s.el1.cpacr, el) ? SR_TRAP_FP : SR_OK;
}

/* EL0 access to the timers' registers: CNTKCTL_EL1.EL0PTEN / EL0VTEN. */
static enum sysreg_access check_ptimer(const struct vcpu *cpu, unsigned el, bool is_write)
{
    (void)is_write;
    return el == 0 && !(cpu->s.el1.cntkctl & CNTKCTL_EL0PTEN) ? SR_TRAP : SR_OK;
}

static enum sysreg_access check_vtimer(const struct vcpu *cpu, unsigned el, bool is_write)
{
    (void)is_write;
    return el == 0 && !(cpu->s.el1.cntkctl & CNTKCTL_EL0VTEN) ? SR_TRAP : SR_OK;
}

/* SP_EL0 is only accessible by name while it is not the current SP. */
static enum sysreg_access check_sp_el0(const struct vcpu *cpu, unsigned el, bool is_write)
{
    (void)el;
    (void)is_write;
    return cpu->s.spsel ? SR_OK : SR_UNDEF;
}

/* --- accessors ------------------------------------------------------------- */

uint64_t sysreg_counter(const struct vcpu *cpu, const struct op *op)
{
    uint64_t icount = op ? vcpu_icount_at(cpu, op) : cpu->s.icount;
    return icount / CNT_TICK_INSNS;
}

static uint64_t read_counter(struct vcpu *cpu, const struct op *op)
{
    return sysreg_counter(cpu, op);
}

/* The generic timers' CTL, CVAL and TVAL (arm/timer.c), one set per timer. */
#define TIMER_ACCESSORS(name, timer)                                                   \
    static uint64_t read_##name##_ctl(struct vcpu *cpu, const struct op *op)           \
    {                                                                                  \
        return timer_read_ctl(cpu, timer, op);                                         \
    }                                                                                  \
    static void write_##name##_ctl(struct vcpu *cpu, uint64_t v, const struct op *op) \
    {                                                                                  \
        (void)op;                                                                      \
        timer_write_ctl(cpu, timer, v);                                                \
    }                                                                                  \
    static uint64_t read_##name##_cval(struct vcpu *cpu, const struct op *op)          \
    {                                                                                  \
        (void)op;                                                                      \
        return timer_read_cval(cpu, timer);                                            \
    }                                                                                  \
    static void write_##name##_cval(struct vcpu *cpu, uint64_t v, const struct op *op) \
    {                                                                                  \
        (void)op;                                                                      \
        timer_write_cval(cpu, timer, v);                                               \
    }                                                                                  \
    static uint64_t read_##name##_tval(struct vcpu *cpu, const struct op *op)          \
    {                                                                                  \
        return timer_read_tval(cpu, timer, op);                                        \
    }                                                                                  \
    static void write_##name##_tval(struct vcpu *cpu, uint64_t v, const struct op *op) \
    {                                                                                  \
        timer_write_tval(cpu, timer, v, op);                                           \
    }

TIMER_ACCESSORS(cntp, TIMER_PHYS)
TIMER_ACCESSORS(cntv, TIMER_VIRT)

/* OS lock: OSLAR_EL1 writes it, OSLSR_EL1 reports it with OSLM = 0b10 (the
 * lock is implemented, as on a Cortex-A57). */
static void write_oslar(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)op;
    cpu->s.el1.oslk = v & 1;
}

static uint64_t read_oslsr(struct vcpu *cpu, const struct op *op)
{
    (void)op;
    return 0x8 | (cpu->s.el1.oslk << 1);
}

static uint64_t read_nzcv(struct vcpu *cpu, const struct op *op)
{
    (void)op;
    return cpu->s.nzcv;
}

static void write_nzcv(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)op;
    cpu->s.nzcv = (uint32_t)v & (NZCV_N | NZCV_Z | NZCV_C | NZCV_V);
}

static uint64_t read_daif(struct vcpu *cpu, const struct op *op)
{
    (void)op;
    return cpu->s.daif;
}

static void write_daif(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)op;
    cpu->s.daif = (uint32_t)v & (DAIF_D | DAIF_A | DAIF_I | DAIF_F);
}

static uint64_t read_fpcr(struct vcpu *cpu, const struct op *op)
{
    (void)op;
    return cpu->s.fpcr;
}

static void write_fpcr(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)op;
    cpu->s.fpcr = (uint32_t)(v & FPCR_MASK);
}

static uint64_t read_fpsr(struct vcpu *cpu, const struct op *op)
{
    (void)op;
    return cpu->s.fpsr;
}

static void write_fpsr(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)op;
    cpu->s.fpsr = (uint32_t)(v & FPSR_MASK);
}

static uint64_t read_spsel(struct vcpu *cpu, const struct op *op)
{
    (void)op;
    return cpu->s.spsel;
}

static void write_spsel(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)op;
    arm_set_sp_bank(&cpu->s, cpu->s.el, v & 1);
}

/* PSTATE.PAN in bit 22. A write changes which soft TLB serves EL1 (SR_SYNC). */
static uint64_t read_pan(struct vcpu *cpu, const struct op *op)
{
    (void)op;
    return cpu->s.pan ? PSR_PAN : 0;
}

static void write_pan(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)op;
    cpu->s.pan = (v & PSR_PAN) != 0;
}

static uint64_t read_current_el(struct vcpu *cpu, const struct op *op)
{
    (void)op;
    return (uint64_t)cpu->s.el << 2;
}

/* Only reached with SPSel = 1 (check_sp_el0), so SP_EL0 is in its bank. */
static uint64_t read_sp_el0(struct vcpu *cpu, const struct op *op)
{
    (void)op;
    return cpu->s.sp_el[0];
}

static void write_sp_el0(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)op;
    cpu->s.sp_el[0] = v;
}

static void write_sctlr(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)op;
    cpu->s.el1.sctlr = v & ~SCTLR_MTE_BITS;
    /* The MMU will read SCTLR_EL1.M, so cached translations may be stale. */
    tlb_flush(cpu);
}

/* Translation registers: the soft TLB is not tagged by ASID or table base,
 * so any change to them empties it (TCR_EL1 is stored whole, as QEMU does). */
static void write_translation_reg(struct vcpu *cpu, uint64_t *reg, uint64_t v)
{
    if (*reg != v) {
        *reg = v;
        tlb_flush(cpu);
    }
}

static void write_ttbr0(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)op;
    write_translation_reg(cpu, &cpu->s.el1.ttbr0, v);
}

static void write_ttbr1(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)op;
    write_translation_reg(cpu, &cpu->s.el1.ttbr1, v);
}

static void write_tcr(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)op;
    write_translation_reg(cpu, &cpu->s.el1.tcr, v);
}

/* Cache geometry of a Cortex-A57 as QEMU reports it, by CSSELR_EL1 (Level
 * and InD): L1 data 32 KiB, L1 instruction 48 KiB, L2 unified 2 MiB. */
static uint64_t read_ccsidr(struct vcpu *cpu, const struct op *op)
{
    (void)op;
    static const uint32_t ccsidr[16] = { [0] = 0x701fe00a, [1] = 0x201fe012,
                                         [2] = 0x70ffe07a };
    return ccsidr[cpu->s.el1.csselr & 0xf];
}

/* 64-byte blocks; DZP tells EL0 that DC ZVA would trap (SCTLR_EL1.DZE = 0). */
static uint64_t read_dczid(struct vcpu *cpu, const struct op *op)
{
    (void)op;
    bool prohibited = cpu->s.el == 0 && !(cpu->s.el1.sctlr & SCTLR_DZE);
    return 4 | (prohibited ? 1u << 4 : 0);
}

/* --- the table --------------------------------------------------------------- */

#define REG(nm, op0, op1, crn, crm, op2, ...)                                   \
    { .name = nm, .key = SYSREG_KEY(op0, op1, crn, crm, op2), __VA_ARGS__ }
#define FIELD(member) .offset = offsetof(struct arm_state, member), .wmask = ~0ull
#define ID(nm, crm, op2, val) REG(nm, 3, 0, 0, crm, op2, .flags = SR_R1, .value = (val))
#define RAZ_WI(nm, op0, op1, crn, crm, op2) REG(nm, op0, op1, crn, crm, op2, .flags = SR_RW1)

const struct sysreg sysregs[] = {
    /* Identification (op0 = 3, op1 = 0, CRn = 0). */
    ID("MIDR_EL1",          0, 0, 0x411fd070),
    ID("MPIDR_EL1",         0, 5, 0x80000000), /* Aff0 = 0: CPU 0 */
    ID("REVIDR_EL1",        0, 6, 0),
    ID("ID_PFR0_EL1",       1, 0, 0x00000131),
    ID("ID_PFR1_EL1",       1, 1, 0x00010001),
    ID("ID_DFR0_EL1",       1, 2, 0x03010006),
    ID("ID_AFR0_EL1",       1, 3, 0),
    ID("ID_MMFR0_EL1",      1, 4, 0x10101105),
    ID("ID_MMFR1_EL1",      1, 5, 0x40000000),
    ID("ID_MMFR2_EL1",      1, 6, 0x01260000),
    ID("ID_MMFR3_EL1",      1, 7, 0x02102211),
    ID("ID_ISAR0_EL1",      2, 0, 0x02101110),
    ID("ID_ISAR1_EL1",      2, 1, 0x13112111),
    ID("ID_ISAR2_EL1",      2, 2, 0x21232042),
    ID("ID_ISAR3_EL1",      2, 3, 0x01112131),
    ID("ID_ISAR4_EL1",      2, 4, 0x00011142),
    ID("ID_ISAR5_EL1",      2, 5, 0x00011121),
    ID("MVFR0_EL1",         3, 0, 0x10110222),
    ID("MVFR1_EL1",         3, 1, 0x12111111),
    ID("MVFR2_EL1",         3, 2, 0x00000043),
    ID("ID_AA64PFR0_EL1",   4, 0, 0x01000011),
    ID("ID_AA64PFR1_EL1",   4, 1, 0),
    ID("ID_AA64DFR0_EL1",   5, 0, 0x10305006),
    ID("ID_AA64DFR1_EL1",   5, 1, 0),
    ID("ID_AA64AFR0_EL1",   5, 4, 0),
    ID("ID_AA64AFR1_EL1",   5, 5, 0),
    ID("ID_AA64ISAR0_EL1",  6, 0, 0x00010000),
    ID("ID_AA64ISAR1_EL1",  6, 1, 0),
    ID("ID_AA64MMFR0_EL1",  7, 0, 0x00101024),
    ID("ID_AA64MMFR1_EL1",  7, 1, 0x00100000), /* PAN = 1 */
    REG("CLIDR_EL1",        3, 1, 0, 0, 1, .flags = SR_R1, .value = 0x0a200023),
    REG("CCSIDR_EL1",       3, 1, 0, 0, 0, .flags = SR_R1, .read = read_ccsidr),
    REG("CSSELR_EL1",       3, 2, 0, 0, 0, .flags = SR_RW1,
        .offset = offsetof(struct arm_state, el1.csselr), .wmask = 0xf),
    REG("AIDR_EL1",         3, 1, 0, 0, 7, .flags = SR_R1, .value = 0),
    REG("CTR_EL0",          3, 3, 0, 0, 1, .flags = SR_R0 | SR_R1, .value = 0x8444c004,
        .check = check_ctr),
    REG("DCZID_EL0",        3, 3, 0, 0, 7, .flags = SR_R0 | SR_R1, .read = read_dczid),

    /* PSTATE fields and FP control. */
    REG("NZCV",             3, 3, 4, 2, 0, .flags = SR_RW0, .read = read_nzcv,
        .write = write_nzcv),
    REG("DAIF",             3, 3, 4, 2, 1, .flags = SR_RW0 | SR_SYNC, .read = read_daif,
        .write = write_daif, .check = check_daif),
    REG("SPSel",            3, 0, 4, 2, 0, .flags = SR_RW1 | SR_SYNC, .read = read_spsel,
        .write = write_spsel),
    REG("CurrentEL",        3, 0, 4, 2, 2, .flags = SR_R1, .read = read_current_el),
    REG("PAN",              3, 0, 4, 2, 3, .flags = SR_RW1 | SR_SYNC, .read = read_pan,
        .write = write_pan),
    REG("FPCR",             3, 3, 4, 4, 0, .flags = SR_RW0, .read = read_fpcr,
        .write = write_fpcr, .check = check_fp),
    REG("FPSR",             3, 3, 4, 4, 1, .flags = SR_RW0, .read = read_fpsr,
        .write = write_fpsr, .check = check_fp),

    /* Exception handling and system control. */
    REG("SP_EL0",           3, 0, 4, 1, 0, .flags = SR_RW1, .read = read_sp_el0,
        .write = write_sp_el0, .check = check_sp_el0),
    REG("SPSR_EL1",         3, 0, 4, 0, 0, .flags = SR_RW1, FIELD(el1.spsr)),
    REG("ELR_EL1",          3, 0, 4, 0, 1, .flags = SR_RW1, FIELD(el1.elr)),
    REG("ESR_EL1",          3, 0, 5, 2, 0, .flags = SR_RW1, FIELD(el1.esr)),
    REG("FAR_EL1",          3, 0, 6, 0, 0, .flags = SR_RW1, FIELD(el1.far)),
    REG("VBAR_EL1",         3, 0, 12, 0, 0, .flags = SR_RW1,
        .offset = offsetof(struct arm_state, el1.vbar), .wmask = ~0x1full),
    REG("SCTLR_EL1",        3, 0, 1, 0, 0, .flags = SR_RW1 | SR_SYNC,
        .offset = offsetof(struct arm_state, el1.sctlr), .write = write_sctlr),
    /* Stage 1 translation. */
    REG("TTBR0_EL1",        3, 0, 2, 0, 0, .flags = SR_RW1 | SR_SYNC,
        .offset = offsetof(struct arm_state, el1.ttbr0), .write = write_ttbr0),
    REG("TTBR1_EL1",        3, 0, 2, 0, 1, .flags = SR_RW1 | SR_SYNC,
        .offset = offsetof(struct arm_state, el1.ttbr1), .write = write_ttbr1),
    REG("TCR_EL1",          3, 0, 2, 0, 2, .flags = SR_RW1 | SR_SYNC,
        .offset = offsetof(struct arm_state, el1.tcr), .write = write_tcr),
    REG("MAIR_EL1",         3, 0, 10, 2, 0, .flags = SR_RW1, FIELD(el1.mair)),
    REG("PAR_EL1",          3, 0, 7, 4, 0, .flags = SR_RW1, FIELD(el1.par)),
    /* FPEN may become a translation flag: writes end the block. */
    REG("CPACR_EL1",        3, 0, 1, 0, 2, .flags = SR_RW1 | SR_SYNC, FIELD(el1.cpacr)),
    REG("CONTEXTIDR_EL1",   3, 0, 13, 0, 1, .flags = SR_RW1, FIELD(el1.contextidr)),
    REG("TPIDR_EL1",        3, 0, 13, 0, 4, .flags = SR_RW1, FIELD(el1.tpidr)),
    REG("TPIDR_EL0",        3, 3, 13, 0, 2, .flags = SR_RW0, FIELD(tpidr_el0)),
    REG("TPIDRRO_EL0",      3, 3, 13, 0, 3, .flags = SR_R0 | SR_RW1, FIELD(tpidrro_el0)),
    /* EL1 is the highest EL: its reset vector base exists and is 0. */
    REG("RVBAR_EL1",        3, 0, 12, 0, 1, .flags = SR_R1, .value = 0),
    /* I, F: the GIC's IRQ and FIQ lines (arm/gic_cpuif.c); SError never pends. */
    REG("ISR_EL1",          3, 0, 12, 1, 0, .flags = SR_R1, .read = gic_read_isr),

    /* GICv3 CPU interface (arm/gic_cpuif.c). Writes can change which
     * interrupt is signalled: they end the block so the run loop looks. */
    REG("ICC_PMR_EL1",      3, 0, 4, 6, 0, .flags = SR_RW1 | SR_SYNC, .read = gic_read_pmr,
        .write = gic_write_pmr),
    REG("ICC_IAR0_EL1",     3, 0, 12, 8, 0, .flags = SR_R1, .read = gic_read_iar0),
    REG("ICC_EOIR0_EL1",    3, 0, 12, 8, 1, .flags = SR_W1 | SR_SYNC, .write = gic_write_eoir0),
    REG("ICC_HPPIR0_EL1",   3, 0, 12, 8, 2, .flags = SR_R1, .read = gic_read_hppir0),
    REG("ICC_BPR0_EL1",     3, 0, 12, 8, 3, .flags = SR_RW1 | SR_SYNC, .read = gic_read_bpr0,
        .write = gic_write_bpr0),
    REG("ICC_AP0R0_EL1",    3, 0, 12, 8, 4, .flags = SR_RW1 | SR_SYNC, .read = gic_read_ap0r0,
        .write = gic_write_ap0r0),
    REG("ICC_AP1R0_EL1",    3, 0, 12, 9, 0, .flags = SR_RW1 | SR_SYNC, .read = gic_read_ap1r0,
        .write = gic_write_ap1r0),
    REG("ICC_DIR_EL1",      3, 0, 12, 11, 1, .flags = SR_W1 | SR_SYNC, .write = gic_write_dir),
    REG("ICC_RPR_EL1",      3, 0, 12, 11, 3, .flags = SR_R1, .read = gic_read_rpr),
    REG("ICC_SGI1R_EL1",    3, 0, 12, 11, 5, .flags = SR_W1 | SR_SYNC, .write = gic_write_sgi1r),
    REG("ICC_IAR1_EL1",     3, 0, 12, 12, 0, .flags = SR_R1, .read = gic_read_iar1),
    REG("ICC_EOIR1_EL1",    3, 0, 12, 12, 1, .flags = SR_W1 | SR_SYNC, .write = gic_write_eoir1),
    REG("ICC_HPPIR1_EL1",   3, 0, 12, 12, 2, .flags = SR_R1, .read = gic_read_hppir1),
    REG("ICC_BPR1_EL1",     3, 0, 12, 12, 3, .flags = SR_RW1 | SR_SYNC, .read = gic_read_bpr1,
        .write = gic_write_bpr1),
    REG("ICC_CTLR_EL1",     3, 0, 12, 12, 4, .flags = SR_RW1 | SR_SYNC, .read = gic_read_ctlr,
        .write = gic_write_ctlr),
    /* SRE = 1 (system register interface only), DFB = DIB = 1; WI. */
    REG("ICC_SRE_EL1",      3, 0, 12, 12, 5, .flags = SR_RW1, .value = 0x7),
    REG("ICC_IGRPEN0_EL1",  3, 0, 12, 12, 6, .flags = SR_RW1 | SR_SYNC,
        .read = gic_read_igrpen0, .write = gic_write_igrpen0),
    REG("ICC_IGRPEN1_EL1",  3, 0, 12, 12, 7, .flags = SR_RW1 | SR_SYNC,
        .read = gic_read_igrpen1, .write = gic_write_igrpen1),

    /* Generic timer: the counter. Writes to CNTFRQ_EL0 (EL1 is the highest
     * EL, so it is writable) are ignored: the counter's rate is fixed. */
    REG("CNTKCTL_EL1",      3, 0, 14, 1, 0, .flags = SR_RW1, FIELD(el1.cntkctl)),
    REG("CNTFRQ_EL0",       3, 3, 14, 0, 0, .flags = SR_R0 | SR_RW1, .value = CNT_FREQ_HZ,
        .check = check_cntfrq),
    REG("CNTPCT_EL0",       3, 3, 14, 0, 1, .flags = SR_R0 | SR_R1, .read = read_counter,
        .check = check_cntpct),
    REG("CNTVCT_EL0",       3, 3, 14, 0, 2, .flags = SR_R0 | SR_R1, .read = read_counter,
        .check = check_cntvct),

    /* Generic timers: EL1 physical and virtual (arm/timer.c). Writes move
     * the next deadline, which the run loop stops at: they end the block. */
    REG("CNTP_TVAL_EL0",    3, 3, 14, 2, 0, .flags = SR_RW0 | SR_SYNC, .read = read_cntp_tval,
        .write = write_cntp_tval, .check = check_ptimer),
    REG("CNTP_CTL_EL0",     3, 3, 14, 2, 1, .flags = SR_RW0 | SR_SYNC, .read = read_cntp_ctl,
        .write = write_cntp_ctl, .check = check_ptimer),
    REG("CNTP_CVAL_EL0",    3, 3, 14, 2, 2, .flags = SR_RW0 | SR_SYNC, .read = read_cntp_cval,
        .write = write_cntp_cval, .check = check_ptimer),
    REG("CNTV_TVAL_EL0",    3, 3, 14, 3, 0, .flags = SR_RW0 | SR_SYNC, .read = read_cntv_tval,
        .write = write_cntv_tval, .check = check_vtimer),
    REG("CNTV_CTL_EL0",     3, 3, 14, 3, 1, .flags = SR_RW0 | SR_SYNC, .read = read_cntv_ctl,
        .write = write_cntv_ctl, .check = check_vtimer),
    REG("CNTV_CVAL_EL0",    3, 3, 14, 3, 2, .flags = SR_RW0 | SR_SYNC, .read = read_cntv_cval,
        .write = write_cntv_cval, .check = check_vtimer),

    /* Debug: the registers Linux programs at boot. Breakpoints and
     * watchpoints (6 and 4, as ID_AA64DFR0_EL1 says) hold nothing yet: self-
     * hosted debug is not implemented, so they read as zero. */
    REG("MDCCINT_EL1",      2, 0, 0, 2, 0, .flags = SR_RW1, FIELD(el1.mdccint)),
    REG("MDSCR_EL1",        2, 0, 0, 2, 2, .flags = SR_RW1, FIELD(el1.mdscr)),
    REG("MDCCSR_EL0",       2, 3, 0, 1, 0, .flags = SR_R1, .value = 0),
    REG("OSLAR_EL1",        2, 0, 1, 0, 4, .flags = SR_W1, .write = write_oslar),
    REG("OSLSR_EL1",        2, 0, 1, 1, 4, .flags = SR_R1, .read = read_oslsr),
    REG("OSDLR_EL1",        2, 0, 1, 3, 4, .flags = SR_RW1, .offset =
        offsetof(struct arm_state, el1.osdlr), .wmask = 1),
#define DBG_PAIR(n)                                      \
    RAZ_WI("DBGBVR" #n "_EL1", 2, 0, 0, n, 4),           \
    RAZ_WI("DBGBCR" #n "_EL1", 2, 0, 0, n, 5)
#define DBG_WATCH(n)                                     \
    RAZ_WI("DBGWVR" #n "_EL1", 2, 0, 0, n, 6),           \
    RAZ_WI("DBGWCR" #n "_EL1", 2, 0, 0, n, 7)
    DBG_PAIR(0), DBG_PAIR(1), DBG_PAIR(2), DBG_PAIR(3), DBG_PAIR(4), DBG_PAIR(5),
    DBG_WATCH(0), DBG_WATCH(1), DBG_WATCH(2), DBG_WATCH(3),
#undef DBG_PAIR
#undef DBG_WATCH

    /* IMPLEMENTATION DEFINED and auxiliary registers: read as zero, writes
     * ignored, as on QEMU's Cortex-A57 (L2CTLR_EL1 reads the number of CPUs
     * minus one in bits 25:24: 0 for one CPU). */
    RAZ_WI("ACTLR_EL1",     3, 0, 1, 0, 1),
    RAZ_WI("AFSR0_EL1",     3, 0, 5, 1, 0),
    RAZ_WI("AFSR1_EL1",     3, 0, 5, 1, 1),
    RAZ_WI("AMAIR_EL1",     3, 0, 10, 3, 0),
    RAZ_WI("L2CTLR_EL1",    3, 1, 11, 0, 2),
    RAZ_WI("L2ECTLR_EL1",   3, 1, 11, 0, 3),
    RAZ_WI("L2ACTLR_EL1",   3, 1, 15, 0, 0),
    RAZ_WI("CPUACTLR_EL1",  3, 1, 15, 2, 0),
    RAZ_WI("CPUECTLR_EL1",  3, 1, 15, 2, 1),
    RAZ_WI("CPUMERRSR_EL1", 3, 1, 15, 2, 2),
    RAZ_WI("L2MERRSR_EL1",  3, 1, 15, 2, 3),
    /* Base of the GIC on the virt board, as QEMU reports it. */
    REG("CBAR_EL1",         3, 1, 15, 3, 0, .flags = SR_R1, .value = 0x08000000),
};

const unsigned num_sysregs = sizeof(sysregs) / sizeof(sysregs[0]);

/* The rest of the ID space (op0 = 3, op1 = 0, CRn = 0, CRm = 1..7) is
 * reserved for future ID registers and reads as zero (ARM ARM D12.3.1). */
static const struct sysreg reserved_id = {
    .name = "reserved ID register", .key = 0, .flags = SR_R1, .value = 0,
};

const struct sysreg *sysreg_lookup(unsigned key)
{
    for (unsigned i = 0; i < num_sysregs; i++) {
        if (sysregs[i].key == key) {
            return &sysregs[i];
        }
    }
    if (SYSREG_OP0(key) == 3 && SYSREG_OP1(key) == 0 && SYSREG_CRN(key) == 0 &&
        SYSREG_CRM(key) >= 1 && SYSREG_CRM(key) <= 7) {
        return &reserved_id;
    }
    return NULL;
}

uint64_t sysreg_read(struct vcpu *cpu, const struct op *op, const struct sysreg *r)
{
    if (r->read) {
        return r->read(cpu, op);
    }
    if (r->offset) {
        uint64_t v;
        memcpy(&v, (const uint8_t *)&cpu->s + r->offset, sizeof(v));
        return v;
    }
    return r->value;
}

void sysreg_write(struct vcpu *cpu, const struct sysreg *r, uint64_t value, const struct op *op)
{
    if (r->write) {
        r->write(cpu, value, op);
    } else if (r->offset) {
        uint64_t *field = (uint64_t *)((uint8_t *)&cpu->s + r->offset);
        *field = (*field & ~r->wmask) | (value & r->wmask);
    }
    if (r->flags & SR_SYNC) {
        vcpu_update_flags(cpu);
    }
}

char *sysreg_describe(unsigned key, char *buf, unsigned len)
{
    snprintf(buf, len, "S%u_%u_C%u_C%u_%u", SYSREG_OP0(key), SYSREG_OP1(key), SYSREG_CRN(key),
             SYSREG_CRM(key), SYSREG_OP2(key));
    return buf;
}
