/*
 * Generic timer (ARM ARM D11): the EL1 physical and the virtual timer of one
 * vCPU, compared against the counter of retired instructions (arm/sysregs.c:
 * CNTVCT = CNTPCT = icount / 16 at 62.5 MHz). Their interrupt outputs are the
 * PPIs 30 (physical) and 27 (virtual), wired once the GIC exists.
 */
#ifndef PHALANX_ARM_TIMER_H
#define PHALANX_ARM_TIMER_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;
struct op;

enum arm_timer_id {
    TIMER_PHYS = 0,
    TIMER_VIRT = 1,
};

#define TIMER_CTL_ENABLE  (1u << 0)
#define TIMER_CTL_IMASK   (1u << 1)
#define TIMER_CTL_ISTATUS (1u << 2)

/* Register reads and writes; 'op' is the accessing instruction (exact time). */
uint64_t timer_read_ctl(struct vcpu *cpu, enum arm_timer_id t, const struct op *op);
void timer_write_ctl(struct vcpu *cpu, enum arm_timer_id t, uint64_t value);
uint64_t timer_read_cval(struct vcpu *cpu, enum arm_timer_id t);
void timer_write_cval(struct vcpu *cpu, enum arm_timer_id t, uint64_t value);
uint64_t timer_read_tval(struct vcpu *cpu, enum arm_timer_id t, const struct op *op);
void timer_write_tval(struct vcpu *cpu, enum arm_timer_id t, uint64_t value,
                      const struct op *op);

/* Whether timer t asserts its interrupt at counter value 'count'. */
bool timer_irq_level(const struct vcpu *cpu, enum arm_timer_id t, uint64_t count);

#endif
