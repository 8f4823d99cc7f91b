/*
 * Helpers for guest tests written in assembly (#include from a .S file).
 * They clobber x0-x18 and x30 (they may call C), so keep values that must
 * survive in x19-x28; ';' separates statements on one line for gas.
 */
#ifndef PHALANX_GUEST_ASM_H
#define PHALANX_GUEST_ASM_H

/* Fails the test (line, got, expected) unless 64-bit register reg == val. */
#define EXPECT(reg, val)                                     \
    ldr x17, =(val); cmp reg, x17; b.eq 9998f;               \
    mov x1, reg; mov x2, x17; ldr x0, =__LINE__;             \
    bl guest_check_fail; 9998:

/* Fails unless register reg == register want (not x16/x17). */
#define EXPECT_REG(reg, want)                                \
    cmp reg, want; b.eq 9998f;                               \
    mov x16, reg; mov x17, want; mov x1, x16; mov x2, x17;   \
    ldr x0, =__LINE__; bl guest_check_fail; 9998:

/* Fails unless NZCV (bits 31..28) equals the 4-bit value flags. */
#define EXPECT_NZCV(flags)                                   \
    mrs x16, nzcv; lsr x16, x16, #28; EXPECT(x16, flags)

/* Prints a string literal. */
#define PUTS(str)                                            \
    adr x0, 9997f; bl guest_puts; b 9996f;                   \
    9997: .asciz str; .balign 4; 9996:

/* Prints "name 0x<hex>\n" for a register (not x0). */
#define PUT_HEX(name, reg)                                   \
    mov x1, reg; adr x0, 9995f; bl guest_put_named_hex; b 9994f; \
    9995: .asciz name; .balign 4; 9994:

/* Ends the test: PASS, power off. */
#define TEST_PASS mov x0, #0; b guest_exit

#endif
