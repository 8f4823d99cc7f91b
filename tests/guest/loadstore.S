/*
 * Loads and stores in every addressing mode: unsigned scaled offset,
 * unscaled (LDUR/STUR), pre- and post-index with writeback (also on SP),
 * register offset with LSL/UXTW/SXTW/SXTX, literal, pairs (LDP/STP,
 * LDPSW, LDNP/STNP), unprivileged LDTR/STTR, sign-extending loads, PRFM,
 * XZR as data, and accesses that cross a page (QEMU, and phalanx with it,
 * does not fault unaligned accesses with the MMU off).
 * Values and writeback are checked; x19 = pattern (read only), x20 = a
 * scratch page.
 */
#include "asm.h"

#define Q0 0x8877665544332211
#define Q1 0xffeeddccbbaa9988
#define Q2 0x0123456789abcdef
#define Q3 0xfedcba9876543210

    .text
    .global main
main:
    adr x19, pattern
    ldr x20, =scratch

    /* Unsigned scaled offset, every size and sign extension. */
    mov x1, #-1
    ldrb w1, [x19]
    EXPECT(x1, 0x11)
    ldrb w1, [x19, #15]
    EXPECT(x1, 0xff)
    ldrsb w1, [x19, #15]
    EXPECT(x1, 0xffffffff)
    ldrsb x1, [x19, #15]
    EXPECT(x1, 0xffffffffffffffff)
    ldrsb x1, [x19, #6]
    EXPECT(x1, 0x77)
    ldrh w1, [x19, #6]
    EXPECT(x1, 0x8877)
    ldrsh w1, [x19, #6]
    EXPECT(x1, 0xffff8877)
    ldrsh x1, [x19, #6]
    EXPECT(x1, 0xffffffffffff8877)
    ldrsh x1, [x19, #2]
    EXPECT(x1, 0x4433)
    mov x1, #-1
    ldr w1, [x19, #4]
    EXPECT(x1, 0x88776655)
    ldrsw x1, [x19, #4]
    EXPECT(x1, 0xffffffff88776655)
    ldrsw x1, [x19, #16]
    EXPECT(x1, 0xffffffff89abcdef)
    ldr x1, [x19, #8]
    EXPECT(x1, Q1)
    ldr x1, [x19, #24]
    EXPECT(x1, Q3)
    ldr x9, =pattern - (32760 - 8)      /* largest scaled X offset */
    ldr x1, [x9, #32760]
    EXPECT(x1, Q1)
    sub x9, x19, #(4095 - 15)           /* largest byte offset */
    ldrb w1, [x9, #4095]
    EXPECT(x1, 0xff)
    mov x9, x19
    ldr x9, [x9]                        /* base register overwritten */
    EXPECT(x9, Q0)
    ldr xzr, [x19]                      /* loads into XZR are discarded */
    EXPECT(xzr, 0)

    PUTS("unsigned offset loads ok\n")

    /* Unscaled signed 9-bit offset. */
    add x9, x19, #256
    ldur x1, [x9, #-256]
    EXPECT(x1, Q0)
    add x9, x19, #16
    ldur x1, [x9, #-8]
    EXPECT(x1, Q1)
    ldursb x1, [x9, #-9]
    EXPECT(x1, 0xffffffffffffff88)
    ldursh w1, [x9, #-2]
    EXPECT(x1, 0xffffffee)
    ldursw x1, [x9, #-4]
    EXPECT(x1, 0xffffffffffeeddcc)
    ldurh w1, [x19, #255]
    EXPECT(x1, 0x0000)                  /* zero padding after the pattern */
    ldur x1, [x19, #1]                  /* unaligned */
    EXPECT(x1, 0x8888776655443322)
    ldur w1, [x19, #13]
    EXPECT(x1, 0xefffeedd)

    PUTS("unscaled loads ok\n")

    /* Pre- and post-index writeback. */
    mov x9, x19
    ldr x1, [x9, #8]!
    EXPECT(x1, Q1)
    sub x10, x9, x19
    EXPECT(x10, 8)
    ldr x1, [x9], #-8
    EXPECT(x1, Q1)
    EXPECT_REG(x9, x19)
    ldrb w1, [x9, #1]!
    EXPECT(x1, 0x22)
    ldrsh x1, [x9], #5
    EXPECT(x1, 0x3322)
    sub x10, x9, x19
    EXPECT(x10, 6)
    ldrsw x1, [x9, #-2]!
    EXPECT(x1, 0xffffffff88776655)
    sub x10, x9, x19
    EXPECT(x10, 4)
    ldr w1, [x9], #255
    ldr w1, [x9, #-256]!
    sub x10, x9, x19
    EXPECT(x10, 3)

    PUTS("pre/post-index loads ok\n")

    /* Register offset: LSL, UXTW, SXTW, SXTX, with and without scaling. */
    mov x3, #2
    ldr x1, [x19, x3, lsl #3]
    EXPECT(x1, Q2)
    mov x3, #16
    ldr x1, [x19, x3]
    EXPECT(x1, Q2)
    add x9, x19, #8
    mov w3, #-1
    ldr x1, [x9, w3, sxtw #3]           /* x9 - 8 */
    EXPECT(x1, Q0)
    ldrb w1, [x9, w3, sxtw]             /* x9 - 1 */
    EXPECT(x1, 0x88)
    ldr x3, =0xffffffff00000008
    ldr x1, [x19, w3, uxtw]             /* upper half of x3 ignored */
    EXPECT(x1, Q1)
    ldr x3, =0xffffffff00000001
    ldr x1, [x19, w3, uxtw #3]
    EXPECT(x1, Q1)
    mov x3, #3
    ldrh w1, [x19, x3, lsl #1]
    EXPECT(x1, 0x8877)
    ldrsh w1, [x19, x3, lsl #1]
    EXPECT(x1, 0xffff8877)
    ldrb w1, [x19, x3, lsl #0]
    EXPECT(x1, 0x44)
    ldrsb x1, [x19, x3]
    EXPECT(x1, 0x44)
    mov x3, #1
    ldrsw x1, [x19, x3, lsl #2]
    EXPECT(x1, 0xffffffff88776655)
    ldr w1, [x19, x3, lsl #2]
    EXPECT(x1, 0x88776655)
    mov x3, #-1
    ldr x1, [x9, x3, sxtx #3]
    EXPECT(x1, Q0)
    ldr x1, [x9, x3, sxtx]              /* unaligned: x9 - 1 */
    EXPECT(x1, 0xeeddccbbaa998888)

    PUTS("register offset loads ok\n")

    /* Literal loads. */
    ldr x1, literal_q
    EXPECT(x1, 0xcafef00dd15ea5e5)
    mov x1, #-1
    ldr w1, literal_q
    EXPECT(x1, 0xd15ea5e5)
    ldrsw x1, literal_q
    EXPECT(x1, 0xffffffffd15ea5e5)
    ldr x1, literal_back                /* backwards offset */
    EXPECT(x1, 0x0102030405060708)
    prfm plil1keep, literal_q

    PUTS("literal loads ok\n")

    /* Pairs. */
    ldp x1, x2, [x19]
    EXPECT(x1, Q0)
    EXPECT(x2, Q1)
    ldp w1, w2, [x19, #8]
    EXPECT(x1, 0xbbaa9988)
    EXPECT(x2, 0xffeeddcc)
    ldpsw x1, x2, [x19, #8]
    EXPECT(x1, 0xffffffffbbaa9988)
    EXPECT(x2, 0xffffffffffeeddcc)
    ldpsw x1, x2, [x19, #16]
    EXPECT(x1, 0xffffffff89abcdef)
    EXPECT(x2, 0x01234567)
    mov x9, x19
    ldp x1, x2, [x9, #16]!
    EXPECT(x1, Q2)
    EXPECT(x2, Q3)
    sub x10, x9, x19
    EXPECT(x10, 16)
    ldp x1, x2, [x9], #-16
    EXPECT(x1, Q2)
    EXPECT(x2, Q3)
    EXPECT_REG(x9, x19)
    add x9, x19, #32
    ldp x1, x2, [x9, #-32]
    EXPECT(x1, Q0)
    EXPECT(x2, Q1)
    ldp w1, w2, [x9, #-8]!
    EXPECT(x1, 0x76543210)
    EXPECT(x2, 0xfedcba98)
    ldpsw x1, x2, [x9], #-24
    EXPECT(x1, 0x76543210)
    EXPECT(x2, 0xfffffffffedcba98)
    EXPECT_REG(x9, x19)
    ldnp x1, x2, [x19, #16]
    EXPECT(x1, Q2)
    EXPECT(x2, Q3)
    ldnp w1, w2, [x19, #4]
    EXPECT(x1, 0x88776655)
    EXPECT(x2, 0xbbaa9988)
    sub x9, x19, #(504 - 8)             /* largest scaled pair offset */
    ldp x1, x2, [x9, #504]
    EXPECT(x1, Q1)
    EXPECT(x2, Q2)

    PUTS("load pairs ok\n")

    /* Stores of each size touch only their own bytes. */
    mov x1, #-1
    str x1, [x20]
    str x1, [x20, #8]
    mov x1, #0x5a
    strb w1, [x20, #1]
    ldr x2, [x20]
    EXPECT(x2, 0xffffffffffff5aff)
    movz x1, #0x1234
    strh w1, [x20, #4]
    ldr x2, [x20]
    EXPECT(x2, 0xffff1234ffff5aff)
    ldr x1, =0xdead000076543210           /* bits 63..32 must not be stored */
    str w1, [x20, #8]
    ldr x2, [x20, #8]
    EXPECT(x2, 0xffffffff76543210)
    str xzr, [x20, #8]
    ldr x2, [x20, #8]
    EXPECT(x2, 0)
    strh wzr, [x20, #6]
    ldr x2, [x20]
    EXPECT(x2, 0x00001234ffff5aff)
    ldr x1, =Q2
    stur x1, [x20, #3]                  /* unaligned store */
    ldp x2, x3, [x20]
    EXPECT(x2, 0x6789abcdefff5aff)
    EXPECT(x3, 0x0000000000012345)
    add x9, x20, #64
    sturb w1, [x9, #-1]
    sturh w1, [x9, #-4]
    stur w1, [x9, #-12]
    ldp x2, x3, [x20, #48]
    EXPECT(x2, 0x89abcdef00000000)
    EXPECT(x3, 0xef00cdef00000000)

    PUTS("stores ok\n")

    /* Register-offset and writeback stores. */
    mov x3, #3
    ldr x1, =Q3
    str x1, [x20, x3, lsl #3]
    ldr x2, [x20, #24]
    EXPECT(x2, Q3)
    mov w3, #-2
    add x9, x20, #32
    strh w1, [x9, w3, sxtw #1]          /* x20 + 28 */
    ldr w2, [x20, #28]
    EXPECT(x2, 0xfedc3210)
    mov x9, x20
    str x1, [x9, #128]!
    sub x10, x9, x20
    EXPECT(x10, 128)
    strb w1, [x9], #-1
    sub x10, x9, x20
    EXPECT(x10, 127)
    ldr x2, [x20, #128]
    EXPECT(x2, 0xfedcba9876543210)

    PUTS("register offset and writeback stores ok\n")

    /* Store pairs. */
    ldr x1, =Q0
    ldr x2, =Q1
    stp x1, x2, [x20, #256]
    ldp x3, x4, [x20, #256]
    EXPECT(x3, Q0)
    EXPECT(x4, Q1)
    add x9, x20, #512
    stp w2, w1, [x9, #-8]!
    ldr x3, [x20, #504]
    EXPECT(x3, 0x44332211bbaa9988)
    sub x10, x9, x20
    EXPECT(x10, 504)
    stp xzr, x1, [x9], #16
    ldp x3, x4, [x20, #504]
    EXPECT(x3, 0)
    EXPECT(x4, Q0)
    sub x10, x9, x20
    EXPECT(x10, 520)
    add x9, x20, #640
    stnp x2, x1, [x9]
    ldnp x3, x4, [x9]
    EXPECT(x3, Q1)
    EXPECT(x4, Q0)
    stnp w1, w2, [x9, #12]
    ldp w3, w4, [x9, #12]
    EXPECT(x3, 0x44332211)
    EXPECT(x4, 0xbbaa9988)

    PUTS("store pairs ok\n")

    /* SP as base, with writeback, and SP-relative pairs. */
    mov x9, sp
    ldr x1, =Q2
    str x1, [sp, #-16]!
    mov x10, sp
    sub x10, x9, x10
    EXPECT(x10, 16)
    ldr x2, [sp], #16
    EXPECT(x2, Q2)
    mov x10, sp
    EXPECT_REG(x10, x9)
    stp x1, x2, [sp, #-32]!
    ldp x3, x4, [sp, #0]
    ldr x5, [sp, #8]
    add sp, sp, #32
    EXPECT(x3, Q2)
    EXPECT(x5, Q2)
    mov x10, sp
    EXPECT_REG(x10, x9)

    PUTS("sp-based accesses ok\n")

    /* Unprivileged forms behave as normal ones at EL1 with the MMU off. */
    ldr x1, =Q3
    add x9, x20, #1024
    sttr x1, [x9]
    ldtr x2, [x9]
    EXPECT(x2, Q3)
    ldtrsb x2, [x9, #7]
    EXPECT(x2, 0xfffffffffffffffe)
    ldtrsh w2, [x9, #6]
    EXPECT(x2, 0xfffffedc)
    ldtrsw x2, [x9, #4]
    EXPECT(x2, 0xfffffffffedcba98)
    ldtrb w2, [x9]
    EXPECT(x2, 0x10)
    sttrh w1, [x9, #16]
    sttrb w1, [x9, #19]
    ldtr w2, [x9, #16]
    EXPECT(x2, 0x10003210)

    PUTS("unprivileged accesses ok\n")

    /* Accesses crossing into the next page (the slow path). */
    add x9, x20, #4096
    ldr x1, =Q2
    stur x1, [x9, #-3]
    ldur x2, [x9, #-3]
    EXPECT(x2, Q2)
    ldr w2, [x9]
    EXPECT(x2, 0x23456789)
    ldur w2, [x9, #-2]
    EXPECT(x2, 0x6789abcd)
    stp x1, x1, [x9, #-8]
    ldp x2, x3, [x9, #-8]
    EXPECT(x2, Q2)
    EXPECT(x3, Q2)

    PUTS("page-crossing accesses ok\n")

    /* Prefetches are hints: no effect, no fault, even on bad addresses. */
    prfm pldl1keep, [x19]
    prfm pstl2strm, [x19, x3]
    prfum pldl3keep, [x19, #-1]
    mov x9, #0xfff0000000000000
    prfm pldl1keep, [x9]

    PUTS("prefetches ok\n")

    TEST_PASS

    .balign 8
literal_back:
    .quad 0x0102030405060708
literal_q:
    .quad 0xcafef00dd15ea5e5
    .ltorg

    .data
    .balign 4096
pattern:
    .quad Q0, Q1, Q2, Q3
    .skip 4096 - 32

    .bss
    .balign 4096
scratch:
    .skip 8192
