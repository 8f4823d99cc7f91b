/*
 * Exclusive and ordered accesses: LDXR/STXR of every size succeed after a
 * load-exclusive and fail (memory unchanged) without one, after a
 * successful store-exclusive and after CLREX; pairs (LDXP/STXP, W and X);
 * acquire/release forms (LDAXR/STLXR, LDAXP/STLXP, LDAR/STLR of each
 * size); an atomic increment loop. Implementation-defined cases (another
 * address, an ordinary store in between, an exception in between) are
 * printed on "# " lines, outside the transcript comparison.
 * x19 = a scratch block of 64 bytes.
 */
#include "asm.h"

    .text
    .global main
main:
    ldr x19, =block

    /* LDXR/STXR success: status 0 and memory updated. */
    mov x1, #41
    str x1, [x19]
    ldxr x1, [x19]
    EXPECT(x1, 41)
    add x1, x1, #1
    stxr w2, x1, [x19]
    EXPECT(x2, 0)
    ldr x3, [x19]
    EXPECT(x3, 42)

    /* The monitor is now open again: a store-exclusive fails, no store. */
    mov x1, #99
    stxr w2, x1, [x19]
    EXPECT(x2, 1)
    ldr x3, [x19]
    EXPECT(x3, 42)

    /* CLREX between the pair makes the store fail. */
    ldxr x1, [x19]
    clrex
    mov x1, #7
    stxr w2, x1, [x19]
    EXPECT(x2, 1)
    ldr x3, [x19]
    EXPECT(x3, 42)
    PUTS("ldxr/stxr/clrex ok\n")

    /* Byte, halfword and word sizes, with zero-extending loads. */
    add x9, x19, #8                     /* x9..x11 = block + 8, 12, 15 */
    add x10, x19, #12
    add x11, x19, #15
    ldr x1, =0x8899aabbccddeeff
    str x1, [x9]
    mov x1, #-1
    ldxrb w1, [x11]
    EXPECT(x1, 0x88)
    mov w1, #0x11
    stxrb w2, w1, [x11]
    EXPECT(x2, 0)
    ldxrh w1, [x10]
    EXPECT(x1, 0xaabb)
    mov w1, #0x2233
    stxrh w2, w1, [x10]
    EXPECT(x2, 0)
    ldxr w1, [x9]
    EXPECT(x1, 0xccddeeff)
    ldr w1, =0x44556677
    stxr w2, w1, [x9]
    EXPECT(x2, 0)
    ldr x3, [x9]
    EXPECT(x3, 0x1199223344556677)
    stxrh w2, w1, [x10]                 /* no reservation */
    EXPECT(x2, 1)
    PUTS("byte/half/word exclusives ok\n")

    /* Pairs. */
    add x9, x19, #16
    ldr x1, =0x1111111111111111
    ldr x2, =0x2222222222222222
    stp x1, x2, [x9]
    ldxp x3, x4, [x9]
    EXPECT(x3, 0x1111111111111111)
    EXPECT(x4, 0x2222222222222222)
    add x3, x3, #1
    add x4, x4, #2
    stxp w5, x4, x3, [x9]               /* swapped on the way back */
    EXPECT(x5, 0)
    ldp x6, x7, [x9]
    EXPECT(x6, 0x2222222222222224)
    EXPECT(x7, 0x1111111111111112)
    stxp w5, x1, x2, [x9]               /* no reservation */
    EXPECT(x5, 1)
    ldp x6, x7, [x9]
    EXPECT(x6, 0x2222222222222224)
    ldxp w3, w4, [x9]
    EXPECT(x3, 0x22222224)
    EXPECT(x4, 0x22222222)
    mov w3, #5
    mov w4, #6
    stxp w5, w3, w4, [x9]
    EXPECT(x5, 0)
    ldr x6, [x9]
    EXPECT(x6, 0x0000000600000005)
    ldaxp x3, x4, [x9]
    EXPECT(x3, 0x0000000600000005)
    EXPECT(x4, 0x1111111111111112)
    stlxp w5, xzr, xzr, [x9]
    EXPECT(x5, 0)
    ldp x6, x7, [x9]
    EXPECT(x6, 0)
    EXPECT(x7, 0)
    PUTS("pair exclusives ok\n")

    /* Acquire/release exclusives and plain acquire/release accesses. */
    add x9, x19, #32
    mov x1, #100
    stlr x1, [x9]
    ldaxr x1, [x9]
    EXPECT(x1, 100)
    add x1, x1, #1
    stlxr w2, x1, [x9]
    EXPECT(x2, 0)
    ldar x3, [x9]
    EXPECT(x3, 101)
    add x9, x19, #40                    /* x9..x12 = block + 40, 42, 44, 46 */
    add x10, x19, #42
    add x11, x19, #44
    add x12, x19, #46
    mov x1, #-1
    stlrb w1, [x9]
    stlrh wzr, [x10]
    ldr x1, =0xfedcba98
    stlr w1, [x11]
    ldar x3, [x9]
    EXPECT(x3, 0xfedcba98000000ff)
    add x13, x19, #47
    ldarb w3, [x13]
    EXPECT(x3, 0xfe)
    ldarh w3, [x12]
    EXPECT(x3, 0xfedc)
    ldar w3, [x11]
    EXPECT(x3, 0xfedcba98)
    ldaxrb w3, [x9]
    EXPECT(x3, 0xff)
    stlxrb w2, wzr, [x9]
    EXPECT(x2, 0)
    ldaxrh w3, [x12]
    EXPECT(x3, 0xfedc)
    mov w3, #0x1234
    stlxrh w2, w3, [x12]
    EXPECT(x2, 0)
    ldar x3, [x9]
    EXPECT(x3, 0x1234ba9800000000)
    PUTS("acquire/release ok\n")

    /* Atomic increment loop with retry. */
    str xzr, [x19, #48]
    mov x20, #1000
    mov x21, #0                         /* retries */
    add x9, x19, #48
1:  ldxr x1, [x9]
    add x1, x1, #1
    stxr w2, x1, [x9]
    cbz w2, 2f
    add x21, x21, #1
    cmp x21, #1000
    b.lo 1b
    b 3f                                /* never succeeds: fails below */
2:  subs x20, x20, #1
    b.ne 1b
3:  ldr x3, [x19, #48]
    EXPECT(x3, 1000)
    PUTS("atomic increment ok\n")

    /* Implementation defined: reported, not checked. */
    ldxr x1, [x19]
    add x9, x19, #8
    stxr w2, x1, [x9]                   /* another address */
    mov x20, x2
    PUTS("# stxr to another address: status ")
    mov x0, x20
    bl guest_put_dec
    PUTS("\n")
    clrex
    ldxr x1, [x19]
    str x1, [x19]                       /* ordinary store of the same value */
    stxr w2, x1, [x19]
    mov x20, x2
    PUTS("# stxr after an ordinary store: status ")
    mov x0, x20
    bl guest_put_dec
    PUTS("\n")
    clrex
    ldxr x1, [x19]
    svc #0                              /* the handler just returns */
    stxr w2, x1, [x19]
    mov x20, x2
    PUTS("# stxr after an exception: status ")
    mov x0, x20
    bl guest_put_dec
    PUTS("\n")
    clrex

    TEST_PASS

/* Only the SVC above is expected: return straight away. */
    .global guest_exception
guest_exception:
    mrs x1, esr_el1
    lsr x1, x1, #26
    cmp x1, #0x15
    b.ne 1f
    ret
1:  PUTS("unexpected exception\n")
    mov x0, #1
    b guest_exit

    .ltorg

    .bss
    .balign 4096
block:
    .skip 64
