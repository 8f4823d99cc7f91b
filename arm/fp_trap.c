/*
 * The FP/SIMD access trap: what an FP or AdvSIMD instruction does when
 * CPACR_EL1.FPEN does not let the current EL use the register file.
 */
#include "arm/vreg.h"

const struct op *fp_access_trap_op(struct vcpu *cpu, const struct op *op)
{
    cpu_raise_sync(cpu, op, EC_FP_ACCESS, FP_ACCESS_TRAP_ISS, 0);
}
