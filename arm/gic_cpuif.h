/*
 * The GICv3 CPU interface as system registers (ICC_*_EL1) and the vCPU's
 * IRQ and FIQ inputs. The interface's state lives in the GIC
 * (devices/gicv3.h); the board binds its one GIC here, and the vCPU attaches
 * itself. Unbound (unit tests without a board), the ICC registers read as
 * zero and ignore writes, and no interrupt is ever pending.
 */
#ifndef PHALANX_ARM_GIC_CPUIF_H
#define PHALANX_ARM_GIC_CPUIF_H

#include <stdbool.h>
#include <stdint.h>

struct gicv3;
struct vcpu;
struct op;

/* Binds the GIC that the ICC registers and gic_cpuif_pending use (or NULL),
 * and connects its IRQ and FIQ outputs to the attached vCPU. */
void gic_cpuif_bind(struct gicv3 *gic);

/*
 * The vCPU whose run loop is told (vcpu_kick) when the GIC raises a line it
 * can take; vcpu_new / vcpu_free attach and detach it.
 */
void gic_cpuif_attach_vcpu(struct vcpu *cpu);
void gic_cpuif_detach_vcpu(struct vcpu *cpu);

/*
 * Feeds the generic timers' outputs at the current time into their PPIs and
 * returns the GIC's lines that are up, as DAIF_I (IRQ) and DAIF_F (FIQ),
 * whatever PSTATE masks. Called by the run loop between blocks.
 */
uint32_t gic_cpuif_pending(struct vcpu *cpu);

/*
 * Instructions from now until the next enabled, unmasked generic timer
 * fires (its interrupt line rises), or 0 when none is due in the future. The
 * run loop stops there so that the interrupt arrives at an exact,
 * reproducible instruction.
 */
uint64_t gic_cpuif_insns_to_timer(const struct vcpu *cpu);

/* Accessors for the system register table (arm/sysregs.c). */
uint64_t gic_read_isr(struct vcpu *cpu, const struct op *op);
uint64_t gic_read_pmr(struct vcpu *cpu, const struct op *op);
void gic_write_pmr(struct vcpu *cpu, uint64_t v, const struct op *op);
uint64_t gic_read_iar1(struct vcpu *cpu, const struct op *op);
uint64_t gic_read_iar0(struct vcpu *cpu, const struct op *op);
void gic_write_eoir1(struct vcpu *cpu, uint64_t v, const struct op *op);
void gic_write_eoir0(struct vcpu *cpu, uint64_t v, const struct op *op);
void gic_write_dir(struct vcpu *cpu, uint64_t v, const struct op *op);
uint64_t gic_read_rpr(struct vcpu *cpu, const struct op *op);
uint64_t gic_read_hppir1(struct vcpu *cpu, const struct op *op);
uint64_t gic_read_hppir0(struct vcpu *cpu, const struct op *op);
uint64_t gic_read_bpr1(struct vcpu *cpu, const struct op *op);
void gic_write_bpr1(struct vcpu *cpu, uint64_t v, const struct op *op);
uint64_t gic_read_bpr0(struct vcpu *cpu, const struct op *op);
void gic_write_bpr0(struct vcpu *cpu, uint64_t v, const struct op *op);
uint64_t gic_read_ctlr(struct vcpu *cpu, const struct op *op);
void gic_write_ctlr(struct vcpu *cpu, uint64_t v, const struct op *op);
uint64_t gic_read_igrpen1(struct vcpu *cpu, const struct op *op);
void gic_write_igrpen1(struct vcpu *cpu, uint64_t v, const struct op *op);
uint64_t gic_read_igrpen0(struct vcpu *cpu, const struct op *op);
void gic_write_igrpen0(struct vcpu *cpu, uint64_t v, const struct op *op);
uint64_t gic_read_ap1r0(struct vcpu *cpu, const struct op *op);
void gic_write_ap1r0(struct vcpu *cpu, uint64_t v, const struct op *op);
uint64_t gic_read_ap0r0(struct vcpu *cpu, const struct op *op);
void gic_write_ap0r0(struct vcpu *cpu, uint64_t v, const struct op *op);
void gic_write_sgi1r(struct vcpu *cpu, uint64_t v, const struct op *op);

#endif
