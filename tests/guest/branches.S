/*
 * Branches: B, BL, BR, BLR (also BLR x30), RET (x30 and another register),
 * CBZ/CBNZ on W and X, TBZ/TBNZ on bits 0, 31, 32 and 63, every B.cond
 * (and CSET) condition under all 16 NZCV values, a jump table through BR,
 * and branches with large forward and backward offsets.
 */
#include "asm.h"

/* Sets bit `bit` of x3 if b.cond is taken and bit `bit` of x4 if CSEL
 * picks its first operand (x7 = 1), without changing the flags. */
    .macro try cond, bit
    b.\cond 1f
    b 2f
1:  orr x3, x3, #(1 << \bit)
2:  csel x5, x7, xzr, \cond
    orr x4, x4, x5, lsl #\bit
    .endm

    .text
    .global main
main:
    /* B.cond and CSEL for every condition and every NZCV. */
    adr x19, cond_masks
    mov x7, #1
    mov x20, #0                         /* nzcv value 0..15 */
next_nzcv:
    mov x3, #0
    mov x4, #0
    lsl x1, x20, #28
    msr nzcv, x1
    try eq, 0
    try ne, 1
    try cs, 2
    try cc, 3
    try mi, 4
    try pl, 5
    try vs, 6
    try vc, 7
    try hi, 8
    try ls, 9
    try ge, 10
    try lt, 11
    try gt, 12
    try le, 13
    try al, 14
    try nv, 15
    ldrh w6, [x19, x20, lsl #1]
    EXPECT_REG(x3, x6)
    EXPECT_REG(x4, x6)
    add x20, x20, #1
    cmp x20, #16
    b.lo next_nzcv
    PUTS("b.cond/csel: 16 conditions x 16 nzcv ok\n")

    /* B, BL and RET. */
    mov x3, #0
    b 1f
    mov x3, #1                          /* skipped */
1:  EXPECT(x3, 0)
    bl set_x0_to_lr
    adr x1, 1f
1:  sub x1, x1, #4                      /* the BL's address + 4 = label 1 */
    EXPECT_REG(x0, x1)

    /* BR to a register, BLR (link = next instruction), RET to another register. */
    adr x1, 1f
    br x1
    b fail
1:  adr x1, returns_via_x1
    blr x1
after_blr:
    adr x2, after_blr
    EXPECT_REG(x0, x2)                  /* returns_via_x1 gives its x30 */
    adr x30, 1f
    blr x30                             /* target read before the link is written */
after_blr_x30:
    b 2f
1:  adr x2, after_blr_x30
    EXPECT_REG(x30, x2)
    ret                                 /* back to after_blr_x30 */
2:  PUTS("b/bl/br/blr/ret ok\n")

    /* CBZ/CBNZ: the W forms test only the low 32 bits. */
    mov x1, #0x100000000
    mov x3, #0
    cbz w1, 1f
    orr x3, x3, #1
1:  cbz x1, 1f
    orr x3, x3, #2
1:  cbnz x1, 1f
    orr x3, x3, #4
1:  cbnz w1, 1f
    orr x3, x3, #8
1:  EXPECT(x3, 2 | 8)
    mov x1, #0
    mov x3, #0
    cbnz xzr, 1f
    cbz xzr, 2f
1:  orr x3, x3, #1
2:  cbnz w1, 1f
    b 2f
1:  orr x3, x3, #2
2:  EXPECT(x3, 0)

    /* TBZ/TBNZ on bits 0, 31, 32 and 63. */
    mov x1, #0x8000000000000001
    mov x3, #0
    tbnz x1, #0, 1f
    orr x3, x3, #1
1:  tbz x1, #0, 1f
    b 2f
1:  orr x3, x3, #2
2:  tbnz x1, #63, 1f
    orr x3, x3, #4
1:  tbz w1, #31, 1f
    orr x3, x3, #8
1:  tbz x1, #32, 1f
    orr x3, x3, #16
1:  EXPECT(x3, 0)
    mov x1, #0x180000000
    tbnz w1, #31, 1f
    orr x3, x3, #1
1:  tbnz x1, #32, 1f
    orr x3, x3, #2
1:  tbnz x1, #63, 1f
    b 2f
1:  orr x3, x3, #4
2:  tbz x1, #0, 1f
    orr x3, x3, #8
1:  EXPECT(x3, 0)
    PUTS("cbz/cbnz/tbz/tbnz ok\n")

    /* A jump table through BR. */
    mov x20, #0
    mov x21, #0
1:  adr x1, jump_table
    ldrsw x2, [x1, x20, lsl #2]
    add x1, x1, x2
    br x1
case0: add x21, x21, #1
    b 2f
case1: add x21, x21, #10
    b 2f
case2: add x21, x21, #100
2:  add x20, x20, #1
    cmp x20, #3
    b.lo 1b
    EXPECT(x21, 111)
    PUTS("jump table ok\n")

    /* Long offsets: over 30000 bytes forward and back with every kind. */
    mov x3, #0
    b far_forward
back_from_far:
    EXPECT(x3, 0x1f)
    PUTS("long branches ok\n")
    TEST_PASS

fail:
    PUTS("branch went to the wrong place\n")
    mov x0, #1
    b guest_exit

set_x0_to_lr:
    mov x0, x30
    ret

returns_via_x1:
    mov x0, x30
    mov x1, x30
    ret x1

    .balign 4
jump_table:
    .word case0 - jump_table, case1 - jump_table, case2 - jump_table

cond_masks:                             /* bit c set: condition c holds */
    .hword 0xd6aa, 0xea6a, 0xd5a6, 0xe966   /* nzcv 0000 .. 0011 */
    .hword 0xe6a9, 0xea69, 0xe6a5, 0xea65   /* nzcv 0100 .. 0111 */
    .hword 0xea9a, 0xd65a, 0xe996, 0xd556   /* nzcv 1000 .. 1011 */
    .hword 0xea99, 0xe659, 0xea95, 0xe655   /* nzcv 1100 .. 1111 */

    .balign 4
far_back_target:
    orr x3, x3, #2
    mov x1, #1
    cbnz x1, far_cbnz_target            /* forward over the gap again */
    b fail

    .ltorg
    .skip 30000

far_forward:
    orr x3, x3, #1
    mov x1, #0
    cbz x1, far_back_target             /* back over the gap */
    b fail
far_cbnz_target:
    orr x3, x3, #4
    mov x1, #0x10
    tbnz x1, #4, 1f
    b fail
1:  tbz x1, #0, far_tbz_back            /* back over the gap */
    b fail
far_bcond_target:
    orr x3, x3, #16
    b back_from_far
    .skip 30000

    .balign 4
far_tbz_back:
    orr x3, x3, #8
    cmp x3, #0xf
    b.eq far_bcond_target
    b fail
