/*
 * The FP/SIMD access trap: with CPACR_EL1.FPEN = 00 (reset) or 10, FP and
 * SIMD instructions at EL1 take an exception with EC 0x07 (ESR 0x1fe00000
 * on QEMU: CV = 1, COND = 0xe) at the instruction itself; FPEN = 01 or 11
 * lets EL1 run them. UNDEFINED encodings in the FP space stay UNDEFINED.
 * Built with -mgeneral-regs-only: FP instructions appear only in inline asm.
 */
#include "guest.h"

static void set_fpen(uint64_t fpen)
{
    __asm__ volatile("msr cpacr_el1, %0; isb" : : "r"(fpen << 20));
}

/* The ESR of the exception the instruction at pc took, or 0 if it took
 * none; disarms the expected exception either way. */
static uint64_t trapped_at(uint64_t pc)
{
    int taken = guest_caught.count && guest_caught.kind == VEC_CUR_SPX && guest_caught.elr == pc;
    guest_caught.armed = 0;
    return taken ? guest_caught.esr : 0;
}

/* Runs one FP instruction; returns the ESR it trapped with, or 0. */
#define TRY(insn)                                                              \
    ({                                                                         \
        uint64_t addr_;                                                        \
        guest_expect_exception(GUEST_RESUME_NEXT);                             \
        __asm__ volatile("adr %0, 1f\n1: " insn : "=r"(addr_) : : "memory");  \
        trapped_at(addr_);                                                     \
    })

int main(void)
{
    static uint64_t buf[4];
    uint64_t fpens[4] = { 0, 1, 2, 3 };
    for (int i = 0; i < 4; i++) {
        set_fpen(fpens[i]);
        uint64_t e1 = TRY("fadd d0, d1, d2");
        uint64_t e2 = TRY("fmov x3, d0");
        uint64_t e3;
        __asm__ volatile("" ::: "memory");
        {
            uint64_t addr;
            guest_expect_exception(GUEST_RESUME_NEXT);
            __asm__ volatile("adr %0, 1f\n1: ldr q0, [%1]" : "=&r"(addr) : "r"(buf) : "memory");
            e3 = trapped_at(addr);
        }
        uint64_t e4 = TRY("fcvtzs w3, s0");
        guest_puts("fpen ");
        guest_put_dec(fpens[i]);
        guest_puts(": fadd ");
        guest_put_hex(e1);
        guest_puts(" fmov ");
        guest_put_hex(e2);
        guest_puts(" ldr q ");
        guest_put_hex(e3);
        guest_puts(" fcvtzs ");
        guest_put_hex(e4);
        guest_putc('\n');
        uint64_t want = (fpens[i] & 1) ? 0 : 0x1fe00000;
        if (e1 != want || e2 != want || e3 != want || e4 != want) {
            guest_puts("FAIL: wrong trap behaviour\n");
            return 1;
        }
    }
    /* An unallocated encoding in the FP space (ftype 10 FADD) is UNDEFINED
     * even with FP disabled. */
    set_fpen(0);
    uint64_t e = TRY(".inst 0x1ea22820");
    guest_puts("unallocated fadd: ");
    guest_put_hex(e);
    guest_putc('\n');
    if (e != 0x2000000) {
        return 1;
    }
    set_fpen(3);
    return 0;
}
