/*
 * Condition flags: ADDS/SUBS/ADCS/SBCS/ANDS/BICS over every pair of edge
 * values, X and W forms, carry in 0 and 1 (gen/flags_table.inc, generated
 * from the ARM ARM's AddWithCarry); then MSR/MRS NZCV, flag-preserving
 * instructions, the immediate / shifted / extended forms, NEGS/NGCS, and
 * CCMP/CCMN with the condition true and false. Flags are read back with
 * MRS NZCV.
 */
#include "asm.h"

#define ROW(a, b, carry, result, nzcv) .quad a, b, carry, result, nzcv

/* Runs insn (x3 = op(x1, x2), carry in from the row) on every row of the
 * table "name"; on a mismatch prints the row and fails. */
    .macro run_table name, insn:vararg
    adr x19, rows_\name
    adr x20, rows_\name\()_end
    adr x22, name_\name
    mov x21, #0                         /* row index */
0:  cmp x19, x20
    b.hs 1f
    ldp x1, x2, [x19]
    ldp x4, x5, [x19, #16]
    ldr x6, [x19, #32]
    lsl x7, x4, #29
    msr nzcv, x7
    \insn
    mrs x8, nzcv
    lsr x8, x8, #28
    cmp x3, x5
    ccmp x8, x6, #0, eq
    b.ne row_failed
    add x19, x19, #40
    add x21, x21, #1
    b 0b
1:  mov x0, x22
    bl guest_puts
    PUTS(": ok\n")
    .section .rodata
name_\name: .asciz "\name"
    .text
    .endm

    .text
    .global main
main:
    run_table adds_x, adds x3, x1, x2
    run_table adds_w, adds w3, w1, w2
    run_table subs_x, subs x3, x1, x2
    run_table subs_w, subs w3, w1, w2
    run_table adcs_x, adcs x3, x1, x2
    run_table adcs_w, adcs w3, w1, w2
    run_table sbcs_x, sbcs x3, x1, x2
    run_table sbcs_w, sbcs w3, w1, w2
    run_table ands_x, ands x3, x1, x2
    run_table ands_w, ands w3, w1, w2
    run_table bics_x, bics x3, x1, x2
    run_table bics_w, bics w3, w1, w2

    /* MSR NZCV keeps only bits 31..28. */
    mov x1, #-1
    msr nzcv, x1
    mrs x19, nzcv
    EXPECT(x19, 0xf0000000)
    msr nzcv, xzr
    mrs x19, nzcv
    EXPECT(x19, 0)

    /* Non-flag-setting arithmetic and logic leave NZCV alone. */
    mov x1, #0x60000000                 /* Z and C */
    msr nzcv, x1
    mov x2, #-1
    add x3, x2, #1
    sub x3, x2, x2
    adc x3, x2, x2
    sbc x3, xzr, x2
    and x3, x2, #1
    eor x3, x2, x2
    mul x3, x2, x2
    udiv x3, x2, x2
    csel x3, x2, x2, eq
    EXPECT_NZCV(0x6)
    EXPECT(x3, -1)

    /* Immediate and compare aliases. */
    mov x1, #-1
    cmn x1, #1                          /* -1 + 1 = 0: Z, C */
    EXPECT_NZCV(0x6)
    mov w1, #0x7fffffff
    cmn w1, #1                          /* signed overflow: N, V */
    EXPECT_NZCV(0x9)
    mov x1, #0
    cmp x1, #1                          /* borrow: N, C clear */
    EXPECT_NZCV(0x8)
    mov x1, #0x1000
    cmp x1, #1, lsl #12                 /* equal: Z, C */
    EXPECT_NZCV(0x6)
    mov x1, #0x8000000000000000
    subs x3, x1, #1                     /* MIN - 1: V, C */
    EXPECT_NZCV(0x3)
    EXPECT(x3, 0x7fffffffffffffff)
    adds w3, w1, #0                     /* W view of MIN64 is 0: Z */
    EXPECT_NZCV(0x4)
    EXPECT(x3, 0)

    /* Shifted and extended register operands. */
    mov x1, #1
    mov x2, #1
    adds x3, x1, x2, lsl #63            /* 1 + MIN: N */
    EXPECT_NZCV(0x8)
    mov x1, #0x80
    cmp x1, w1, sxtb                    /* 0x80 - (-0x80): borrow, C clear */
    EXPECT_NZCV(0x0)
    mov x1, sp
    cmp sp, x1                          /* SP as first operand: Z, C */
    EXPECT_NZCV(0x6)
    mov x1, #-1
    adds x3, x1, w1, uxtw #4            /* -1 + 0xffffffff0: C */
    EXPECT_NZCV(0x2)
    EXPECT(x3, 0xfffffffef)

    /* NEGS / NGCS / TST. */
    mov x1, #0x8000000000000000
    negs x3, x1                         /* 0 - MIN: N, V */
    EXPECT_NZCV(0x9)
    EXPECT(x3, 0x8000000000000000)
    mov x1, #0
    negs x3, x1                         /* 0 - 0: Z, C */
    EXPECT_NZCV(0x6)
    msr nzcv, xzr                       /* C clear: NGC = -x - 1 */
    mov x1, #5
    ngcs x3, x1
    EXPECT_NZCV(0x8)
    EXPECT(x3, -6)
    mov x1, #0x20000000                 /* C set: NGC = -x */
    msr nzcv, x1
    mov w1, #0
    ngcs w3, w1
    EXPECT_NZCV(0x6)
    EXPECT(x3, 0)
    mov x1, #0x8000000000000000
    tst x1, #0x8000000000000000
    EXPECT_NZCV(0x8)
    mov x1, #0xf0
    tst w1, #0xf
    EXPECT_NZCV(0x4)

    /* CCMP / CCMN: condition true compares, false loads the immediate. */
    mov x1, #5
    mov x2, #5
    cmp x1, x2                          /* Z: eq holds */
    ccmp x1, #6, #0xf, eq               /* 5 - 6: N */
    EXPECT_NZCV(0x8)
    cmp x1, #4                          /* ne: eq fails */
    ccmp x1, #5, #0x3, eq               /* not compared: nzcv = 0011 */
    EXPECT_NZCV(0x3)
    mov x2, #-5
    cmp x1, #0
    ccmn x1, x2, #0, ne                 /* 5 + -5: Z, C */
    EXPECT_NZCV(0x6)
    mov w1, #0x80000000
    mov w2, #1
    cmp w1, #0
    ccmp w1, w2, #0, ne                 /* MIN32 - 1: V, C */
    EXPECT_NZCV(0x3)
    msr nzcv, xzr
    ccmp x1, x1, #0xa, al               /* AL: always compares */
    EXPECT_NZCV(0x6)
    msr nzcv, xzr
    ccmn x1, #31, #0x9, vs              /* V clear: immediate */
    EXPECT_NZCV(0x9)

    TEST_PASS

/* x19 = row, x21 = row index, x22 = table name, x3 = result, x8 = nzcv. */
row_failed:
    mov x23, x3
    mov x24, x8
    PUTS("flags: table ")
    mov x0, x22
    bl guest_puts
    PUTS(" row ")
    mov x0, x21
    bl guest_put_dec
    PUTS(" (a, b, carry in, result, nzcv):\n")
    ldr x1, [x19]
    PUT_HEX("  a", x1)
    ldr x1, [x19, #8]
    PUT_HEX("  b", x1)
    ldr x1, [x19, #16]
    PUT_HEX("  carry in", x1)
    ldr x1, [x19, #24]
    PUT_HEX("  expected result", x1)
    PUT_HEX("  got result", x23)
    ldr x1, [x19, #32]
    PUT_HEX("  expected nzcv", x1)
    PUT_HEX("  got nzcv", x24)
    mov x0, #1
    b guest_exit

    .section .rodata
    .balign 8
#include "gen/flags_table.inc"
