/*
 * ICC_*_EL1 system registers on top of the bound GIC (see gic_cpuif.h), and
 * the vCPU's IRQ line with the generic timers' PPIs fed in.
 *
 * ICC_SRE_EL1 is a constant row in arm/sysregs.c (0x7: the system register
 * interface is always on). Group 0 registers exist but group 0 is never
 * signalled (Linux uses group 1 only).
 */
#include "arm/gic_cpuif.h"

#include "arm/sysregs.h"
#include "arm/timer.h"
#include "devices/board.h"
#include "devices/gicv3.h"
#include "tcg/vcpu.h"

/* One GIC per machine and one machine per process. */
static struct gicv3 *bound_gic;

void gic_cpuif_bind(struct gicv3 *gic)
{
    bound_gic = gic;
}

/* The timers' PPI levels at the time 'op' runs (NULL: between blocks). */
static void update_timers(struct vcpu *cpu, const struct op *op)
{
    uint64_t now = sysreg_counter(cpu, op);
    gicv3_set_irq(bound_gic, 16 + VIRT_PPI_TIMER_VIRT, timer_irq_level(cpu, TIMER_VIRT, now));
    gicv3_set_irq(bound_gic, 16 + VIRT_PPI_TIMER_PHYSICAL,
                  timer_irq_level(cpu, TIMER_PHYS, now));
}

bool gic_cpuif_irq_pending(struct vcpu *cpu)
{
    if (!bound_gic) {
        return false;
    }
    update_timers(cpu, NULL);
    return gicv3_irq_signalled(bound_gic);
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
    return gicv3_irq_signalled(bound_gic) ? 1u << 7 : 0; /* ISR_EL1.I */
}

/* A register field of the bound GIC, read as zero when unbound. */
#define GIC_FIELD_READER(name, field)                                \
    uint64_t gic_read_##name(struct vcpu *cpu, const struct op *op) \
    {                                                                \
        (void)cpu;                                                   \
        (void)op;                                                    \
        return bound_gic ? bound_gic->field : 0;                     \
    }

GIC_FIELD_READER(pmr, icc_pmr)
GIC_FIELD_READER(bpr1, icc_bpr1)
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
        bound_gic->icc_pmr = (uint32_t)v & GIC_PRIO_MASK;
    }
}

uint64_t gic_read_iar1(struct vcpu *cpu, const struct op *op)
{
    if (!bound_gic) {
        return GIC_INTID_SPURIOUS;
    }
    update_timers(cpu, op);
    return gicv3_acknowledge(bound_gic);
}

uint64_t gic_read_iar0(struct vcpu *cpu, const struct op *op)
{
    (void)cpu;
    (void)op;
    return GIC_INTID_SPURIOUS;
}

void gic_write_eoir1(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)cpu;
    (void)op;
    if (bound_gic) {
        gicv3_eoi(bound_gic, (unsigned)(v & 0xffffff));
    }
}

void gic_write_eoir0(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)cpu;
    (void)v;
    (void)op;
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
    return gicv3_hppi(bound_gic);
}

uint64_t gic_read_hppir0(struct vcpu *cpu, const struct op *op)
{
    (void)cpu;
    (void)op;
    return GIC_INTID_SPURIOUS;
}

/* Binary points below the minimum for 5 priority bits read back as it. */
void gic_write_bpr1(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)cpu;
    (void)op;
    if (bound_gic) {
        bound_gic->icc_bpr1 = (v & 7) < 3 ? 3 : (uint32_t)(v & 7);
    }
}

void gic_write_bpr0(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)cpu;
    (void)op;
    if (bound_gic) {
        bound_gic->icc_bpr0 = (v & 7) < 2 ? 2 : (uint32_t)(v & 7);
    }
}

void gic_write_ctlr(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)cpu;
    (void)op;
    if (bound_gic) {
        uint32_t rw = ICC_CTLR_CBPR | ICC_CTLR_EOIMODE;
        bound_gic->icc_ctlr = (bound_gic->icc_ctlr & ~rw) | ((uint32_t)v & rw);
    }
}

void gic_write_igrpen1(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)cpu;
    (void)op;
    if (bound_gic) {
        bound_gic->icc_igrpen1 = v & 1;
    }
}

void gic_write_igrpen0(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)cpu;
    (void)op;
    if (bound_gic) {
        bound_gic->icc_igrpen0 = v & 1;
    }
}

void gic_write_ap1r0(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)cpu;
    (void)op;
    if (bound_gic) {
        bound_gic->icc_ap1r0 = (uint32_t)v;
    }
}

void gic_write_ap0r0(struct vcpu *cpu, uint64_t v, const struct op *op)
{
    (void)cpu;
    (void)op;
    if (bound_gic) {
        bound_gic->icc_ap0r0 = (uint32_t)v;
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
