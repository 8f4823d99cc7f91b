/*
 * GICv3 and the virtual timer: the distributor and redistributor set up as
 * Linux does (affinity routing, group 1, redistributor woken), the virtual
 * timer's PPI (ID 27) enabled. First the priority mask holds the expired
 * timer back (no IRQ, ISR_EL1.I clear, but HPPIR1 shows it); opening the
 * mask delivers it: the handler reads IAR1 = 27, silences the timer and
 * writes EOIR1. Then a second expiry wakes a WFI loop, and with nothing
 * pending IAR1 reads 1023 and the running priority is idle again.
 * Addresses are QEMU virt's (GICD 0x08000000, GICR 0x080a0000).
 *
 * phalanx has a GICv3. QEMU's virt board has a GICv2 unless started with
 * gic-version=3, so on a GICv2 (GICD_PIDR2.ArchRev = 2 at 0xfe8) the same
 * checks run through the memory-mapped GICv2 CPU interface (GICC at
 * 0x08010000) with the PPI in the distributor's banked registers.
 */
#include "gicv3_guest.h"

#define TIMER_PPI 27
#define TIMER_PRIO 0xa0

#define GICC 0x08010000ul
#define GICD_PIDR2_V2 0xfe8
#define GICC_CTLR 0x00
#define GICC_PMR 0x04
#define GICC_BPR 0x08
#define GICC_IAR 0x0c
#define GICC_EOIR 0x10
#define GICC_RPR 0x14
#define GICC_HPPIR 0x18

static int gic_v2;

/* The CPU interface of whichever GIC there is. */
static void cpuif_set_pmr(uint64_t v)
{
    if (gic_v2) {
        mmio_w32(GICC + GICC_PMR, (uint32_t)v);
    } else {
        ICC_WRITE(ICC_PMR, v);
    }
}

static uint64_t cpuif_pmr(void)
{
    return gic_v2 ? mmio_r32(GICC + GICC_PMR) : ICC_READ(ICC_PMR);
}

static uint64_t cpuif_iar(void)
{
    return gic_v2 ? mmio_r32(GICC + GICC_IAR) & 0x3ff : ICC_READ(ICC_IAR1);
}

static void cpuif_eoi(uint64_t id)
{
    if (gic_v2) {
        mmio_w32(GICC + GICC_EOIR, (uint32_t)id);
    } else {
        ICC_WRITE(ICC_EOIR1, id);
    }
}

static uint64_t cpuif_hppir(void)
{
    return gic_v2 ? mmio_r32(GICC + GICC_HPPIR) & 0x3ff : ICC_READ(ICC_HPPIR1);
}

static uint64_t cpuif_rpr(void)
{
    return gic_v2 ? mmio_r32(GICC + GICC_RPR) : ICC_READ(ICC_RPR);
}

/* Where the PPIs' banked registers are: the SGI frame or the distributor. */
static uint64_t ppi_regs(void)
{
    return gic_v2 ? GICD : GICR_SGI;
}

static volatile unsigned irq_count;
static volatile uint64_t last_iar;

void guest_exception(int kind)
{
    if (kind != VEC_CUR_SPX + 1) {
        guest_unexpected_exception(kind);
    }
    last_iar = cpuif_iar();
    SYSREG_WRITE(cntv_ctl_el0, 0); /* the level drops */
    __asm__ volatile("isb");
    cpuif_eoi(last_iar);
    irq_count++;
}

static void gicv2_setup(void)
{
    mmio_w32(GICD + GICD_CTLR, 1);
    *(volatile uint8_t *)(GICD + GIC_IPRIORITYR + TIMER_PPI) = TIMER_PRIO;
    mmio_w32(GICD + GIC_ISENABLER, 1u << TIMER_PPI);
    mmio_w32(GICC + GICC_BPR, 0);
    mmio_w32(GICC + GICC_CTLR, 1);
}

static void gic_setup(void)
{
    gic_v2 = ((mmio_r32(GICD + GICD_PIDR2_V2) >> 4) & 0xf) == 2;
    if (gic_v2) {
        guest_puts("# GICv2 (QEMU without gic-version=3)\n");
        gicv2_setup();
        return;
    }
    mmio_w32(GICD + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_GRP1);
    gic_wake_redistributor();
    mmio_w32(GICR_SGI + GIC_IGROUPR, 0xffffffff);
    gic_set_priority(TIMER_PPI, TIMER_PRIO);
    gic_enable(TIMER_PPI);
    CHECK_EQ(mmio_r32(GICR_SGI + GIC_ISENABLER) & (1u << TIMER_PPI), 1u << TIMER_PPI);
    ICC_WRITE(ICC_SRE, 7);
    CHECK_EQ(ICC_READ(ICC_SRE) & 1, 1);
    ICC_WRITE(ICC_BPR1, 0);
    ICC_WRITE(ICC_IGRPEN1, 1);
}

/* Arms the virtual timer 'ticks' counter ticks from now. */
static void timer_arm(uint32_t ticks)
{
    SYSREG_WRITE(cntv_tval_el0, ticks);
    SYSREG_WRITE(cntv_ctl_el0, 1);
    __asm__ volatile("isb");
}

static void wait_ticks(uint64_t ticks)
{
    uint64_t end = SYSREG_READ(cntvct_el0) + ticks;
    while (SYSREG_READ(cntvct_el0) < end) {
    }
}

int main(void)
{
    gic_setup();

    /* Masked by PMR (equal priority does not pass). */
    cpuif_set_pmr(TIMER_PRIO);
    CHECK_EQ(cpuif_pmr(), TIMER_PRIO);
    timer_arm(100);
    __asm__ volatile("msr daifclr, #2; isb" ::: "memory");
    wait_ticks(2000);
    CHECK_EQ(SYSREG_READ(cntv_ctl_el0), 5); /* ENABLE | ISTATUS */
    CHECK_EQ(irq_count, 0);
    CHECK_EQ(SYSREG_READ(isr_el1), 0);
    if (!gic_v2) { /* QEMU's GICv2 reports only interrupts that pass PMR */
        CHECK_EQ(cpuif_hppir(), TIMER_PPI);
    }
    CHECK_EQ(mmio_r32(ppi_regs() + GIC_ISPENDR) & (1u << TIMER_PPI), 1u << TIMER_PPI);

    /* Opening the mask delivers it at once. */
    cpuif_set_pmr(0xf0);
    for (int i = 0; i < 1000 && !irq_count; i++) {
    }
    CHECK_EQ(irq_count, 1);
    CHECK_EQ(last_iar, TIMER_PPI);
    CHECK_EQ(cpuif_rpr(), 0xff);
    guest_puts("# masked timer delivered after PMR opened\n");

    /* WFI until the next expiry. */
    timer_arm(1000);
    /* Check and sleep with IRQs masked (WFI still wakes on a pending one),
     * so an IRQ between the check and the WFI cannot be lost; unmask to
     * take it. */
    for (int i = 0; i < 100000 && irq_count < 2; i++) {
        __asm__ volatile("msr daifset, #2" ::: "memory");
        if (irq_count < 2) {
            __asm__ volatile("wfi");
        }
        __asm__ volatile("msr daifclr, #2\n\tisb" ::: "memory");
    }
    CHECK_EQ(irq_count, 2);
    CHECK_EQ(last_iar, TIMER_PPI);

    /* Nothing pending: spurious. */
    __asm__ volatile("msr daifset, #2; isb" ::: "memory");
    CHECK_EQ(cpuif_iar(), 1023);
    CHECK_EQ(cpuif_hppir(), 1023);
    CHECK_EQ(cpuif_rpr(), 0xff);
    guest_puts("gic timer ok\n");
    guest_exit(0);
}
