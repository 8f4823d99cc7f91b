/*
 * FP/SIMD register loads and stores: LDR/STR of B, H, S, D and Q registers
 * with unsigned offset, unscaled (LDUR/STUR), pre/post-index writeback,
 * register offset (LSL, UXTW, SXTW, SXTX) and PC-relative literal; LDP/STP
 * and LDNP/STNP of S, D and Q. A scalar load clears the rest of the vector
 * register. x19 = pattern (read only), x20 = scratch, x21 = saved base.
 */
#include "asm.h"

#define P0 0x8877665544332211
#define P1 0xffeeddccbbaa9988
#define P2 0x0123456789abcdef
#define P3 0xfedcba9876543210

/* Fills v<r> with all ones so loads must clear it. */
#define DIRTY(r) movi v##r.2d, #0xffffffffffffffff
/* Checks both halves of v<r>. */
#define EXPECT_V(r, lo, hi) fmov x1, d##r; EXPECT(x1, lo); fmov x1, v##r.d[1]; EXPECT(x1, hi)

    .text
    .global main
main:
    mov x0, #(3 << 20)
    msr cpacr_el1, x0
    isb
    adr x19, pattern
    ldr x20, =scratch

    /* Unsigned scaled offsets, every size. */
    DIRTY(0)
    ldr b0, [x19, #15]
    EXPECT_V(0, 0xff, 0)
    DIRTY(0)
    ldr h0, [x19, #6]
    EXPECT_V(0, 0x8877, 0)
    DIRTY(0)
    ldr s0, [x19, #4]
    EXPECT_V(0, 0x88776655, 0)
    DIRTY(0)
    ldr d0, [x19, #8]
    EXPECT_V(0, P1, 0)
    ldr q1, [x19, #16]
    EXPECT_V(1, P2, P3)
    PUTS("ldr imm ok\n")

    /* Stores of every size; q1 = P2:P3. */
    str q1, [x20]
    ldp x1, x2, [x20]
    EXPECT(x1, P2)
    EXPECT(x2, P3)
    str b1, [x20, #1]
    str h1, [x20, #4]
    str s1, [x20, #8]
    ldr x1, [x20]
    EXPECT(x1, 0x0123cdef89abefef)
    ldr x1, [x20, #8]
    EXPECT(x1, 0xfedcba9889abcdef)
    str d1, [x20, #16]
    ldr x1, [x20, #16]
    EXPECT(x1, P2)
    PUTS("str imm ok\n")

    /* Unscaled, negative and odd offsets. */
    add x21, x19, #16
    DIRTY(2)
    ldur d2, [x21, #-8]
    EXPECT_V(2, P1, 0)
    ldur q2, [x21, #-15]
    EXPECT_V(2, 0x8888776655443322, 0xefffeeddccbbaa99)
    ldur s2, [x21, #1]
    EXPECT_V(2, 0x6789abcd, 0)
    stur q1, [x20, #3]
    ldur x1, [x20, #3]
    EXPECT(x1, P2)
    PUTS("unscaled ok\n")

    /* Pre- and post-index writeback. */
    mov x21, x19
    ldr q3, [x21, #16]!
    EXPECT_V(3, P2, P3)
    sub x1, x21, x19
    EXPECT(x1, 16)
    ldr d3, [x21], #-8
    EXPECT_V(3, P2, 0)
    sub x1, x21, x19
    EXPECT(x1, 8)
    ldr h3, [x21, #-2]!
    EXPECT_V(3, 0x8877, 0)
    sub x1, x21, x19
    EXPECT(x1, 6)
    mov x22, x20
    str q1, [x22, #32]!
    sub x1, x22, x20
    EXPECT(x1, 32)
    str s1, [x22], #4
    sub x1, x22, x20
    EXPECT(x1, 36)
    ldr x1, [x20, #32]
    EXPECT(x1, 0x0123456789abcdef)
    PUTS("writeback ok\n")

    /* Register offsets. */
    mov x2, #1
    ldr q4, [x19, x2, lsl #4]
    EXPECT_V(4, P2, P3)
    mov w2, #3
    ldr d4, [x19, w2, uxtw #3]
    EXPECT_V(4, P3, 0)
    mov w2, #-1
    add x21, x19, #8
    ldr s4, [x21, w2, sxtw #2]
    EXPECT_V(4, 0x88776655, 0)
    mov x2, #-2
    ldr h4, [x21, x2, sxtx #1]
    EXPECT_V(4, 0x6655, 0)
    mov x2, #9
    ldr b4, [x19, x2]
    EXPECT_V(4, 0x99, 0)
    mov x2, #48
    str q1, [x20, x2]
    ldr x1, [x20, #56]
    EXPECT(x1, P3)
    PUTS("register offset ok\n")

    /* Literals. */
    DIRTY(5)
    ldr s5, lit
    EXPECT_V(5, 0x44332211, 0)
    ldr d5, lit
    EXPECT_V(5, P0, 0)
    ldr q5, lit
    EXPECT_V(5, P0, P1)
    PUTS("literal ok\n")

    /* Pairs. */
    DIRTY(6)
    DIRTY(7)
    ldp s6, s7, [x19, #8]
    EXPECT_V(6, 0xbbaa9988, 0)
    EXPECT_V(7, 0xffeeddcc, 0)
    ldp d6, d7, [x19]
    EXPECT_V(6, P0, 0)
    EXPECT_V(7, P1, 0)
    ldp q6, q7, [x19]
    EXPECT_V(6, P0, P1)
    EXPECT_V(7, P2, P3)
    mov x21, x19
    ldp d6, d7, [x21, #16]!
    EXPECT_V(6, P2, 0)
    sub x1, x21, x19
    EXPECT(x1, 16)
    ldp s6, s7, [x21], #-16
    EXPECT_V(6, 0x89abcdef, 0)
    EXPECT_V(7, 0x01234567, 0)
    EXPECT_REG(x21, x19)
    ldnp q6, q7, [x19]
    EXPECT_V(7, P2, P3)
    mov x22, x20
    stp q7, q6, [x22, #64]!
    sub x1, x22, x20
    EXPECT(x1, 64)
    ldp x1, x2, [x20, #64]
    EXPECT(x1, P2)
    EXPECT(x2, P3)
    ldp x1, x2, [x20, #80]
    EXPECT(x1, P0)
    EXPECT(x2, P1)
    stp d6, d7, [x22], #-32
    sub x1, x22, x20
    EXPECT(x1, 32)
    ldp x1, x2, [x20, #64]
    EXPECT(x1, P0)
    EXPECT(x2, P2)
    stnp s7, s6, [x20, #128]
    ldr x1, [x20, #128]
    EXPECT(x1, 0x4433221189abcdef)
    PUTS("pairs ok\n")
    TEST_PASS

    .balign 16
lit:
    .quad P0, P1
pattern:
    .quad P0, P1, P2, P3

    .bss
    .balign 16
scratch:
    .space 256
