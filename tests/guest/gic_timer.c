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
#include "guest.h"

#define GICD 0x08000000ul
#define GICR 0x080a0000ul
#define GICR_SGI (GICR + 0x10000)

#define GICD_CTLR 0x0
#define GICR_WAKER 0x14
#define IGROUPR0 0x80
#define ISENABLER0 0x100
#define ISPENDR0 0x200
#define IPRIORITYR 0x400

#define TIMER_PPI 27
#define TIMER_PRIO 0xa0

/* ICC registers by encoding, so any assembler takes them. */
#define ICC_PMR "s3_0_c4_c6_0"
#define ICC_IAR1 "s3_0_c12_c12_0"
#define ICC_EOIR1 "s3_0_c12_c12_1"
#define ICC_HPPIR1 "s3_0_c12_c12_2"
#define ICC_BPR1 "s3_0_c12_c12_3"
#define ICC_SRE "s3_0_c12_c12_5"
#define ICC_IGRPEN1 "s3_0_c12_c12_7"
#define ICC_RPR "s3_0_c12_c11_3"

#define ICC_READ(reg)                                      \
    ({                                                     \
        uint64_t v_;                                       \
        __asm__ volatile("mrs %0, " reg : "=r"(v_));       \
        v_;                                                \
    })
#define ICC_WRITE(reg, v) \
    __asm__ volatile("msr " reg ", %0\n\tisb" ::"r"((uint64_t)(v)) : "memory")

static inline void mmio_w32(uint64_t addr, uint32_t v)
{
    *(volatile uint32_t *)addr = v;
}

static inline uint32_t mmio_r32(uint64_t addr)
{
    return *(volatile uint32_t *)addr;
}

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
        guest_puts("unexpected exception: vector ");
        guest_put_dec((uint64_t)kind);
        guest_puts(" esr ");
        guest_put_hex(read_esr());
        guest_putc('\n');
        guest_exit(1);
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
    *(volatile uint8_t *)(GICD + IPRIORITYR + TIMER_PPI) = TIMER_PRIO;
    mmio_w32(GICD + ISENABLER0, 1u << TIMER_PPI);
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
    mmio_w32(GICD + GICD_CTLR, (1u << 4) | (1u << 1)); /* ARE, EnableGrp1 */
    mmio_w32(GICR + GICR_WAKER, 0);
    for (int i = 0; i < 1000000 && (mmio_r32(GICR + GICR_WAKER) & 4); i++) {
    }
    CHECK_EQ(mmio_r32(GICR + GICR_WAKER) & 6, 0);
    mmio_w32(GICR_SGI + IGROUPR0, 0xffffffff);
    *(volatile uint8_t *)(GICR_SGI + IPRIORITYR + TIMER_PPI) = TIMER_PRIO;
    mmio_w32(GICR_SGI + ISENABLER0, 1u << TIMER_PPI);
    CHECK_EQ(mmio_r32(GICR_SGI + ISENABLER0) & (1u << TIMER_PPI), 1u << TIMER_PPI);
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
    CHECK_EQ(mmio_r32(ppi_regs() + ISPENDR0) & (1u << TIMER_PPI), 1u << TIMER_PPI);

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
