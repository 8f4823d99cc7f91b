/*
 * Exception generating instructions and exception return: SVC, HVC, SMC,
 * BRK, ERET. PSCI calls reach the board's firmware through one conduit
 * instruction (psci_conduit, HVC by default as on QEMU's virt board without
 * EL2/EL3, and as the device tree says); the other one is UNDEFINED, as the
 * architecture makes HVC without EL2 and SMC without EL3.
 */
#include "arm/ops.h"
#include "arm/translate.h"
#include "devices/psci.h"

OP_HANDLER(op_svc)
{
    cpu_raise_sync_next(cpu, op, EC_SVC64, op->r);
}

OP_HANDLER(op_brk)
{
    cpu_raise_sync(cpu, op, EC_BRK64, op->r, 0);
}

OP_HANDLER(op_psci_call)
{
    struct psci_result r = psci_call(X(0), X(1), X(2), X(3));
    X(0) = (uint64_t)r.x0;
    switch (r.request) {
    case PSCI_REQ_NONE:
        NEXT();
    case PSCI_REQ_SYSTEM_OFF:
        cpu->stop = VCPU_STOP_POWER_OFF;
        break;
    case PSCI_REQ_SYSTEM_RESET:
        cpu->stop = VCPU_STOP_RESET;
        break;
    case PSCI_REQ_CPU_OFF:
        cpu->stop = VCPU_STOP_CPU_OFF;
        break;
    }
    cpu->s.pc = op_pc(cpu, op) + 4;
    cpu_exit_after(cpu, op);
}

OP_HANDLER(op_undefined_at_el0)
{
    cpu_raise_sync(cpu, op, EC_UNKNOWN, 0, 0);
}

OP_HANDLER(op_eret)
{
    arm_exception_return(&cpu->s);
    vcpu_update_flags(cpu);
    /* PC is set; the rest of the block (none: ERET ends it) is not run. */
    cpu_exit_after(cpu, op);
}

bool trans_SVC(struct dc *dc, const struct a64_args *a)
{
    dc->op->fn = op_svc;
    dc->op->r = (uint16_t)a->i;
    dc->is_jump = true;
    return true;
}

static bool psci_call_insn(struct dc *dc, enum psci_conduit conduit)
{
    if (conduit != psci_conduit) {
        return false;
    }
    /* HVC and SMC are UNDEFINED at EL0. */
    dc->op->fn = dc_el(dc) == 0 ? op_undefined_at_el0 : op_psci_call;
    dc->end_tb = true;
    return true;
}

bool trans_HVC(struct dc *dc, const struct a64_args *a)
{
    (void)a;
    return psci_call_insn(dc, PSCI_CONDUIT_HVC);
}

bool trans_SMC(struct dc *dc, const struct a64_args *a)
{
    (void)a;
    return psci_call_insn(dc, PSCI_CONDUIT_SMC);
}

bool trans_BRK(struct dc *dc, const struct a64_args *a)
{
    dc->op->fn = op_brk;
    dc->op->r = (uint16_t)a->i;
    dc->is_jump = true;
    return true;
}

bool trans_ERET(struct dc *dc, const struct a64_args *a)
{
    (void)a;
    if (dc_el(dc) == 0) {
        return false;
    }
    dc->op->fn = op_eret;
    dc->is_jump = true;
    return true;
}
