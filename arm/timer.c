/* Generic timer registers: CTL, CVAL and TVAL of the physical and virtual timers. */
#include "arm/timer.h"

#include "arm/sysregs.h"
#include "tcg/vcpu.h"

static bool timer_fired(const struct vcpu *cpu, enum arm_timer_id t, uint64_t count)
{
    return (cpu->s.timer_ctl[t] & TIMER_CTL_ENABLE) && count >= cpu->s.timer_cval[t];
}

bool timer_irq_level(const struct vcpu *cpu, enum arm_timer_id t, uint64_t count)
{
    return timer_fired(cpu, t, count) && !(cpu->s.timer_ctl[t] & TIMER_CTL_IMASK);
}

uint64_t timer_read_ctl(struct vcpu *cpu, enum arm_timer_id t, const struct op *op)
{
    bool status = timer_fired(cpu, t, sysreg_counter(cpu, op));
    return cpu->s.timer_ctl[t] | (status ? TIMER_CTL_ISTATUS : 0);
}

void timer_write_ctl(struct vcpu *cpu, enum arm_timer_id t, uint64_t value)
{
    /* ISTATUS is read-only. */
    cpu->s.timer_ctl[t] = value & (TIMER_CTL_ENABLE | TIMER_CTL_IMASK);
}

uint64_t timer_read_cval(struct vcpu *cpu, enum arm_timer_id t)
{
    return cpu->s.timer_cval[t];
}

void timer_write_cval(struct vcpu *cpu, enum arm_timer_id t, uint64_t value)
{
    cpu->s.timer_cval[t] = value;
}

/* TVAL is the low 32 bits of CVAL - count, read as an unsigned 32-bit value
 * (QEMU and the ARM ARM agree); a write sets CVAL = count + SignExtend(TVAL). */
uint64_t timer_read_tval(struct vcpu *cpu, enum arm_timer_id t, const struct op *op)
{
    return (uint32_t)(cpu->s.timer_cval[t] - sysreg_counter(cpu, op));
}

void timer_write_tval(struct vcpu *cpu, enum arm_timer_id t, uint64_t value,
                      const struct op *op)
{
    cpu->s.timer_cval[t] = sysreg_counter(cpu, op) + (uint64_t)(int64_t)(int32_t)value;
}
