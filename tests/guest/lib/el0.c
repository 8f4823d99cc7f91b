/* Guest runtime: running code at EL0 and coming back to EL1 when it
 * makes the exit call (see guest_run_el0 in guest.h). */
#include "guest.h"

extern char guest_el0_return[];

/* x0 = entry, x1 = stack top, x2 = SPSR, x3 = the EL0 code's x0. The
 * callee-saved registers wait on the EL1 stack; guest_el0_exit sends the
 * exit call's ERET to guest_el0_return, with SP_EL1 as left here. */
__asm__(".text\n"
        ".global guest_run_el0, guest_el0_return\n"
        "guest_run_el0:\n"
        "    stp x29, x30, [sp, #-96]!\n"
        "    stp x19, x20, [sp, #16]\n"
        "    stp x21, x22, [sp, #32]\n"
        "    stp x23, x24, [sp, #48]\n"
        "    stp x25, x26, [sp, #64]\n"
        "    stp x27, x28, [sp, #80]\n"
        "    msr elr_el1, x0\n"
        "    msr sp_el0, x1\n"
        "    msr spsr_el1, x2\n"
        "    mov x0, x3\n"
        "    eret\n"
        "guest_el0_return:\n"
        "    ldp x19, x20, [sp, #16]\n"
        "    ldp x21, x22, [sp, #32]\n"
        "    ldp x23, x24, [sp, #48]\n"
        "    ldp x25, x26, [sp, #64]\n"
        "    ldp x27, x28, [sp, #80]\n"
        "    ldp x29, x30, [sp], #96\n"
        "    ret\n");

int guest_el0_exit(int kind, uint64_t esr)
{
    if (kind != VEC_LOWER_A64 || ESR_EC(esr) != EC_SVC64 ||
        (esr & 0xffff) != GUEST_EL0_EXIT_SVC) {
        return 0;
    }
    write_elr((uint64_t)guest_el0_return);
    SYSREG_WRITE(spsr_el1, 0x3c5);      /* EL1h, DAIF masked */
    return 1;
}
