/*
 * ICC_*_EL1 system registers on top of the bound GIC (see gic_cpuif.h), and
 * the vCPU's IRQ and FIQ lines with the generic timers' PPIs fed in.
 *
 * ICC_SRE_EL1 is a constant row in arm/sysregs.c (0x7: the system register
 * interface is always on). Group 1 interrupts arrive as IRQ, group 0 ones as
 * FIQ (one security state, as on QEMU's virt board without EL3).
 */
#include "arm/gic_cpuif.h"

#include "arm/sysregs.h"
#include "arm/timer.h"
#include "devices/board.h"
#include "devices/gicv3.h"
#include "tcg/vcpu.h"

/* One GIC per machine and one machine (and vCPU) per process. */
static struct gicv3 *bound_gic;
static struct vcpu *bound_cpu;

/*
 * The GIC raised the IRQ or FIQ line ('mask' is its PSTATE mask bit): when
 * the vCPU can take it, it stops chaining blocks so that the run loop takes
 * it at the end of the current block. A masked one waits for the write to
 * DAIF that unmasks it, which ends its block anyway.
 */
static void input_changed(void *opaque, int mask, bool level)
{
    (void)opaque;
    if (level && bound_cpu && !(bound_cpu->s.daif & (uint32_t)mask)) {
        vcpu_kick(bound_cpu);
    }
}

void gic_cpuif_bind(struct gicv3 *gic)
{
    bound_gic = gic;
    if (gic) {
        struct irq_line irq = { .set_level = input_changed, .line = DAIF_I };
        struct irq_line fiq = { .set_level = input_changed, .line = DAIF_F };
        gicv3_connect_cpu(gic, &irq, &fiq);
    }
}

void gic_cpuif_attach_vcpu(struct vcpu *cpu)
{
    bound_cpu = cpu;
}

void gic_cpuif_detach_vcpu(struct vcpu *cpu)
{
    if (bound_cpu == cpu) {
        bound_cpu = NULL;
    }
}

/* The timers' PPI levels at the time 'op' runs (NULL: between blocks). */
static void update_timers(struct vcpu *cpu, const struct op *op)
{
    uint64_t now = sysreg_counter(cpu, op);
    gicv3_set_irq(bound_gic, 16 + VIRT_PPI_TIMER_VIRT, timer_irq_level(cpu, TIMER_VIRT, now));
    gicv3_set_irq(bound_gic, 16 + VIRT_PPI_TIMER_PHYSICAL,
                  timer_irq_level(cpu, TIMER_PHYS, now));
}

/* The GIC's lines as ISR_EL1 shows them (I and F, where DAIF has them). */
static uint32_t lines_up(struct gicv3 *gic)
{
    gicv3_update(gic);
    return (gic->irq_level ? DAIF_I : 0) | (gic->fiq_level ? DAIF_F : 0);
}

uint32_t gic_cpuif_pending(struct vcpu *cpu)
{
    if (!bound_gic) {
        return 0;
    }
    update_timers(cpu, NULL);
    return lines_up(bound_gic);
}

uint64_t gic_cpuif_insns_to_timer(const struct vcpu *cpu)
{
    const uint64_t tick = 1000000000ull / CNT_FREQ_HZ; /* instructions per count */
    uint64_t best = 0;
    if (!bound_gic) {
        return 0;
    }
    for (unsigned t = TIMER_PHYS; t <= TIMER_VIRT; t++) {
        uint64_t ctl = cpu->s.timer_ctl[t];
        uint64_t cval = cpu->s.timer_cval[t];
        if ((ctl & (TIMER_CTL_ENABLE | TIMER_CTL_IMASK)) != TIMER_CTL_ENABLE ||
            cval > UINT64_MAX / tick || cval * tick <= cpu->s.icount) {
            continue;
        }
        uint64_t until = cval * tick - cpu->s.icount;
        if (!best || until < best) {
            best = until;
        }
    }
    return best;
}

uint64_t gic_read_isr(struct vcpu *cpu, const struct op *op)
{
    if (!bound_gic) {
        return 0;
    }
    update_timers(cpu, op);
    return lines_up(bound_gic); /* ISR_EL1.I and .F; A (SError) never pends */
}

/* A register field of the bound GIC, read as zero when unbound. */
#define GIC_FIELD_READER(name, field)                                \
    uint64_t gic_read_##name(struct vcpu *cpu, const struct op *op) \
    {                                                                \
        (void)cpu;                                                   \
        (void)op;                                                    \
        return bound_gic ? bound_gic->s.field : 0;                   \
    }

GIC_FIELD_READER(pmr, icc_pmr)
GIC_FIELD_READER(bpr0, icc_bpr0)
GIC_FIELD_READER(ctlr, icc_ctlr)
GIC_FIELD_READER(igrpen1, icc_igrpen1)
GIC_FIELD_READER(igrpen0, icc_igrpen0)
GIC_FIELD_READER(ap1r0, icc_ap1r0)
GIC_FIELD_READER(ap0r0, icc_ap0r0)

void gic_write_pmr(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)cpu;
    (void)op;
    if (bound_gic) {
        bound_gic->s.icc_pmr = (uint32_t)v & GIC_PRIO_MASK;
        gicv3_update(bound_gic);
    }
}

uint64_t gic_read_iar1(struct vcpu *cpu, const struct op *op)
{
    if (!bound_gic) {
        return GIC_INTID_SPURIOUS;
    }
    update_timers(cpu, op);
    return gicv3_acknowledge(bound_gic, GIC_GROUP1);
}

uint64_t gic_read_iar0(struct vcpu *cpu, const struct op *op)
{
    if (!bound_gic) {
        return GIC_INTID_SPURIOUS;
    }
    update_timers(cpu, op);
    return gicv3_acknowledge(bound_gic, GIC_GROUP0);
}

void gic_write_eoir1(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)cpu;
    (void)op;
    if (bound_gic) {
        gicv3_eoi(bound_gic, (unsigned)(v & 0xffffff), GIC_GROUP1);
    }
}

void gic_write_eoir0(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)cpu;
    (void)op;
    if (bound_gic) {
        gicv3_eoi(bound_gic, (unsigned)(v & 0xffffff), GIC_GROUP0);
    }
}

void gic_write_dir(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)cpu;
    (void)op;
    if (bound_gic) {
        gicv3_deactivate(bound_gic, (unsigned)(v & 0xffffff));
    }
}

uint64_t gic_read_rpr(struct vcpu *cpu, const struct op *op)
{
    (void)cpu;
    (void)op;
    return bound_gic ? gicv3_running_priority(bound_gic) : GIC_PRIO_IDLE;
}

uint64_t gic_read_hppir1(struct vcpu *cpu, const struct op *op)
{
    if (!bound_gic) {
        return GIC_INTID_SPURIOUS;
    }
    update_timers(cpu, op);
    return gicv3_hppir(bound_gic, GIC_GROUP1);
}

uint64_t gic_read_hppir0(struct vcpu *cpu, const struct op *op)
{
    if (!bound_gic) {
        return GIC_INTID_SPURIOUS;
    }
    update_timers(cpu, op);
    return gicv3_hppir(bound_gic, GIC_GROUP0);
}

/* With ICC_CTLR_EL1.CBPR set, group 1 uses BPR0's split: BPR1 reads as
 * BPR0 + 1 (at most 7) and ignores writes. */
uint64_t gic_read_bpr1(struct vcpu *cpu, const struct op *op)
{
    (void)cpu;
    (void)op;
    if (!bound_gic) {
        return 0;
    }
    if (bound_gic->s.icc_ctlr & ICC_CTLR_CBPR) {
        return bound_gic->s.icc_bpr0 < 7 ? bound_gic->s.icc_bpr0 + 1 : 7;
    }
    return bound_gic->s.icc_bpr1;
}

/* Binary points below the minimum for 5 priority bits read back as it. */
void gic_write_bpr1(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)cpu;
    (void)op;
    if (bound_gic && !(bound_gic->s.icc_ctlr & ICC_CTLR_CBPR)) {
        bound_gic->s.icc_bpr1 = (v & 7) < 3 ? 3 : (uint32_t)(v & 7);
        gicv3_update(bound_gic);
    }
}

void gic_write_bpr0(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)cpu;
    (void)op;
    if (bound_gic) {
        bound_gic->s.icc_bpr0 = (v & 7) < 2 ? 2 : (uint32_t)(v & 7);
        gicv3_update(bound_gic);
    }
}

void gic_write_ctlr(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)cpu;
    (void)op;
    if (bound_gic) {
        uint32_t rw = ICC_CTLR_CBPR | ICC_CTLR_EOIMODE;
        bound_gic->s.icc_ctlr = (bound_gic->s.icc_ctlr & ~rw) | ((uint32_t)v & rw);
        gicv3_update(bound_gic);
    }
}

void gic_write_igrpen1(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)cpu;
    (void)op;
    if (bound_gic) {
        bound_gic->s.icc_igrpen1 = v & 1;
        gicv3_update(bound_gic);
    }
}

void gic_write_igrpen0(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)cpu;
    (void)op;
    if (bound_gic) {
        bound_gic->s.icc_igrpen0 = v & 1;
        gicv3_update(bound_gic);
    }
}

void gic_write_ap1r0(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)cpu;
    (void)op;
    if (bound_gic) {
        bound_gic->s.icc_ap1r0 = (uint32_t)v;
        gicv3_update(bound_gic);
    }
}

void gic_write_ap0r0(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)cpu;
    (void)op;
    if (bound_gic) {
        bound_gic->s.icc_ap0r0 = (uint32_t)v;
        gicv3_update(bound_gic);
    }
}

void gic_write_sgi1r(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)cpu;
    (void)op;
    if (bound_gic) {
        gicv3_send_sgi(bound_gic, v);
    }
}
