/*
 * Exceptions taken at EL1 with SP_EL0 selected (EL1t): a synchronous one
 * (SVC), an IRQ (GIC group 1) and an FIQ (GIC group 0) arrive at the
 * "current EL with SP_EL0" vectors, offsets 0x000, 0x080 and 0x100 of
 * VBAR_EL1, with SPSR_EL1.M = EL1t; the handler runs on SP_EL1, and ERET
 * comes back to EL1t with SP_EL0 intact.
 * SError (offset 0x180) has no source on this board: no EL2, no RAS, and
 * bus errors are synchronous aborts (QEMU the same), so it is not tested.
 */
#include "gicv3_guest.h"

static volatile struct {
    unsigned count;
    int kind;
    uint64_t intid, elr, spsr, sp_el0, spsel;
} ex;

void guest_exception(int kind)
{
    ex.count++;
    ex.kind = kind;
    ex.elr = read_elr();
    ex.spsr = SYSREG_READ(spsr_el1);
    ex.sp_el0 = SYSREG_READ(sp_el0);
    ex.spsel = SYSREG_READ(spsel);
    ex.intid = INTID_SPURIOUS;
    switch (kind) {
    case VEC_CUR_SP0:
        if (ESR_EC(read_esr()) == EC_SVC64) {
            return;
        }
        break;
    case VEC_CUR_SP0 + 1:
        ex.intid = ICC_READ(ICC_IAR1);
        ICC_WRITE(ICC_EOIR1, ex.intid);
        return;
    case VEC_CUR_SP0 + 2:
        ex.intid = ICC_READ(ICC_IAR0);
        ICC_WRITE(ICC_EOIR0, ex.intid);
        return;
    default:
        break;
    }
    guest_unexpected_exception(kind);
}

static uint64_t stack0[64] __attribute__((aligned(16)));

/*
 * Runs 'insns' at EL1t on stack0 (SP_EL0), then returns to EL1h. *ret is
 * the address after the first instruction, *sp0 SP at EL1t afterwards.
 */
#define AT_EL1T(insns, ret, sp0)                                     \
    __asm__ volatile("mov x9, sp\n\t"                                \
                     "msr spsel, #0\n\t"                             \
                     "mov sp, %2\n\t"                                \
                     "adr %0, 1f\n\t" insns "\n"                     \
                     "1:\tnop\n\t"                                   \
                     "nop\n\t"                                       \
                     "msr daifset, #3\n\t"                           \
                     "mov %1, sp\n\t"                                \
                     "msr spsel, #1\n\t"                             \
                     "mov sp, x9"                                    \
                     : "=&r"(ret), "=&r"(sp0)                        \
                     : "r"(&stack0[64])                              \
                     : "x9", "memory")

static void check_taken(const char *what, int kind, uint64_t ret, uint64_t sp0)
{
    guest_puts(what);
    guest_puts(": vector ");
    guest_put_dec((uint64_t)ex.kind);
    guest_puts(" intid ");
    guest_put_dec(ex.intid);
    guest_putc('\n');
    CHECK_EQ(ex.count, 1);
    CHECK_EQ(ex.kind, kind);
    CHECK_EQ(ex.elr, ret);
    CHECK_EQ(ex.spsr & 0xf, 0x4);               /* from EL1t */
    CHECK_EQ(ex.spsel, 1);                      /* the handler runs on SP_EL1 */
    CHECK_EQ(ex.sp_el0, (uint64_t)&stack0[64]);
    CHECK_EQ(sp0, (uint64_t)&stack0[64]);       /* back on SP_EL0, intact */
}

int main(void)
{
    uint64_t ret, sp0;

    /* Synchronous: SVC, ELR the next instruction. */
    ex.count = 0;
    AT_EL1T("svc #5", ret, sp0);
    check_taken("svc at el1t", VEC_CUR_SP0, ret, sp0);
    CHECK_EQ(read_esr(), ESR(EC_SVC64, 5));

    gic_setup_both_groups();
    gic_set_group(2, 1);
    gic_enable(2);
    gic_set_group(1, 0);
    gic_enable(1);

    /* IRQ: SGI 2 (group 1) pending, taken once I is unmasked at EL1t. */
    gic_pend(2);
    ex.count = 0;
    AT_EL1T("msr daifclr, #2", ret, sp0);
    check_taken("irq at el1t", VEC_CUR_SP0 + 1, ret, sp0);
    CHECK_EQ(ex.intid, 2);
    CHECK_EQ(ex.spsr & 0x3cf, 0x344);           /* D, A, F masked, EL1t */

    /* FIQ: SGI 1 (group 0), taken once F is unmasked at EL1t. */
    gic_pend(1);
    ex.count = 0;
    AT_EL1T("msr daifclr, #1", ret, sp0);
    check_taken("fiq at el1t", VEC_CUR_SP0 + 2, ret, sp0);
    CHECK_EQ(ex.intid, 1);
    CHECK_EQ(ex.spsr & 0x3cf, 0x384);           /* D, A, I masked, EL1t */
    CHECK_EQ(SYSREG_READ(isr_el1), 0);
    return 0;
}
