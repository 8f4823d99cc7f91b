/*
 * Guest runtime of the differential tester: runs every case of the image and
 * prints what each one changed.
 *
 * For each case the driver loads all general registers, SP, NZCV, DAIF,
 * FPCR, FPSR and V0..V31 from the case's record and enters the case's code slot with ERET (so no
 * register is spent on the jump). The slot runs the instruction under test
 * and branches to case_exit (at DT_EXIT), which stores every register back;
 * an exception instead enters a vector that does the same and also records
 * the syndrome. The driver then prints one line per case:
 *
 *   c<id, 6 hex digits> [r<idx>=<value>]... [e<vector>,<esr>,<elr - slot>[,<far>]] [m<offset>=<value>]...
 *
 * listing the registers (record word index, see layout.h) that differ from
 * the inputs, the exception if one was taken, and the scratch memory words
 * that changed (which it then restores from the reference copy). Cases run
 * at EL1h; the case's SP is SP_EL1, which is why the vectors and case_exit
 * do not touch the stack: TPIDR_EL1 holds X0 while they find their block.
 *
 * The driver uses a small, common subset of A64 on purpose: if phalanx gets
 * one of these wrong, every case shows it. Assembled by the host program
 * with -DDT_HAVE_CLREX when phalanx implements CLREX.
 */
#include "layout.h"

#define PSR_EL1H 0x5

    .macro put_char ch
    mov w0, #\ch
    bl put_char
    .endm

    .macro put_hex digits
    mov x1, #\digits
    bl put_hex
    .endm

    .section .text.start, "ax"
    .global _start
_start:
    ldr x0, =stack_top
    mov sp, x0
    ldr x0, =vectors
    msr vbar_el1, x0
    mov x0, #(3 << 20)      /* CPACR_EL1.FPEN: FP/SIMD does not trap */
    msr cpacr_el1, x0
    isb
    /* scratch := reference copy */
    ldr x0, =DT_SCRATCH
    ldr x1, =DT_REF
    ldr x2, =DT_SCRATCH_SIZE
1:  ldp x3, x4, [x1], #16
    stp x3, x4, [x0], #16
    subs x2, x2, #16
    b.ne 1b
    ldr x0, =DT_HEADER
    ldr x1, [x0, #HDR_START]
    ldr x0, =cur_slot
    str x1, [x0]
    ldr x0, =msg_start
    bl put_str

next_case:
    ldr x0, =cur_slot
    ldr x19, [x0]
    ldr x1, =DT_HEADER
    ldr x2, [x1, #HDR_END]
    cmp x19, x2
    b.hs all_done
    ldr x1, =DT_CODE
    add x21, x1, x19, lsl #4
    ldr x1, =DT_RECORDS
    mov x2, #REC_SIZE
    madd x20, x19, x2, x1
    ldr x1, [x20, #REC_FLAGS * 8]
    cbz x1, skip_slot
    ldr x0, =cur_code
    str x21, [x0]
    ldr x0, =cur_rec
    str x20, [x0]
    msr elr_el1, x21
    ldr x1, [x20, #REC_NZCV * 8]
    ldr x2, [x20, #REC_DAIF * 8]
    orr x1, x1, x2
    mov x2, #PSR_EL1H
    orr x1, x1, x2
    msr spsr_el1, x1
    ldr x0, =in_case
    mov x1, #1
    str x1, [x0]
#ifdef DT_HAVE_CLREX
    clrex
#endif
    ldr x1, [x20, #REC_FPCR * 8]
    msr fpcr, x1
    ldr x1, [x20, #REC_FPSR * 8]
    msr fpsr, x1
    add x0, x20, #REC_V0 * 8
    ldp q0, q1, [x0, #0]
    ldp q2, q3, [x0, #32]
    ldp q4, q5, [x0, #64]
    ldp q6, q7, [x0, #96]
    ldp q8, q9, [x0, #128]
    ldp q10, q11, [x0, #160]
    ldp q12, q13, [x0, #192]
    ldp q14, q15, [x0, #224]
    ldp q16, q17, [x0, #256]
    ldp q18, q19, [x0, #288]
    ldp q20, q21, [x0, #320]
    ldp q22, q23, [x0, #352]
    ldp q24, q25, [x0, #384]
    ldp q26, q27, [x0, #416]
    ldp q28, q29, [x0, #448]
    ldp q30, q31, [x0, #480]
    ldr x1, [x20, #REC_SP * 8]
    mov sp, x1
    mov x0, x20
    ldp x1, x2, [x0, #8]
    ldp x3, x4, [x0, #24]
    ldp x5, x6, [x0, #40]
    ldp x7, x8, [x0, #56]
    ldp x9, x10, [x0, #72]
    ldp x11, x12, [x0, #88]
    ldp x13, x14, [x0, #104]
    ldp x15, x16, [x0, #120]
    ldp x17, x18, [x0, #136]
    ldp x19, x20, [x0, #152]
    ldp x21, x22, [x0, #168]
    ldp x23, x24, [x0, #184]
    ldp x25, x26, [x0, #200]
    ldp x27, x28, [x0, #216]
    ldp x29, x30, [x0, #232]
    ldr x0, [x0]
    eret

/* X0 = out block, X1 = vector index or -1; X0 (in TPIDR_EL1), X1, X2 saved. */
save_state:
    str x1, [x0, #OUT_KIND]
    stp x3, x4, [x0, #24]
    stp x5, x6, [x0, #40]
    stp x7, x8, [x0, #56]
    stp x9, x10, [x0, #72]
    stp x11, x12, [x0, #88]
    stp x13, x14, [x0, #104]
    stp x15, x16, [x0, #120]
    stp x17, x18, [x0, #136]
    stp x19, x20, [x0, #152]
    stp x21, x22, [x0, #168]
    stp x23, x24, [x0, #184]
    stp x25, x26, [x0, #200]
    stp x27, x28, [x0, #216]
    stp x29, x30, [x0, #232]
    add x1, x0, #REC_V0 * 8
    stp q0, q1, [x1, #0]
    stp q2, q3, [x1, #32]
    stp q4, q5, [x1, #64]
    stp q6, q7, [x1, #96]
    stp q8, q9, [x1, #128]
    stp q10, q11, [x1, #160]
    stp q12, q13, [x1, #192]
    stp q14, q15, [x1, #224]
    stp q16, q17, [x1, #256]
    stp q18, q19, [x1, #288]
    stp q20, q21, [x1, #320]
    stp q22, q23, [x1, #352]
    stp q24, q25, [x1, #384]
    stp q26, q27, [x1, #416]
    stp q28, q29, [x1, #448]
    stp q30, q31, [x1, #480]
    mrs x1, fpcr
    str x1, [x0, #REC_FPCR * 8]
    mrs x1, fpsr
    str x1, [x0, #REC_FPSR * 8]
    mrs x1, tpidr_el1
    str x1, [x0]
    mov x1, sp
    str x1, [x0, #REC_SP * 8]
    /* NZCV and DAIF as the case left them: after an exception, as SPSR_EL1
     * saved them (exception entry masks DAIF, and QEMU also clears NZCV). */
    mrs x1, nzcv
    mrs x3, daif
    ldr x2, [x0, #OUT_KIND]
    cmn x2, #1
    b.eq 1f
    mrs x1, spsr_el1
    mov x3, x1
1:  and x1, x1, #0xf0000000
    str x1, [x0, #REC_NZCV * 8]
    and x3, x3, #0x3c0
    str x3, [x0, #REC_DAIF * 8]
    mrs x1, esr_el1
    str x1, [x0, #OUT_ESR]
    mrs x1, elr_el1
    str x1, [x0, #OUT_ELR]
    mrs x1, far_el1
    str x1, [x0, #OUT_FAR]
    ldr x1, =stack_top
    mov sp, x1
    ldr x1, =in_case
    ldr x2, [x1]
    cbz x2, harness_fault
    str xzr, [x1]
    bl report_case
skip_slot:
    ldr x0, =cur_slot
    ldr x1, [x0]
    add x1, x1, #1
    str x1, [x0]
    b next_case

/* An exception outside a case: the runtime itself is broken (or phalanx
 * mis-executes one of its instructions). Report and stop. */
harness_fault:
    ldr x0, =msg_fault
    bl put_str
    ldr x19, =out
    ldr x0, [x19, #OUT_KIND]
    put_hex 2
    put_char ' '
    ldr x0, [x19, #OUT_ESR]
    put_hex 8
    put_char ' '
    ldr x0, [x19, #OUT_ELR]
    put_hex 16
    put_char ' '
    ldr x0, [x19, #OUT_FAR]
    put_hex 16
    put_char '\n'
    b power_off

all_done:
    ldr x0, =msg_done
    bl put_str
power_off:
    movz x0, #0x8400, lsl #16
    add x0, x0, #8
    hvc #0
    b .

/* Prints the line of the current case (see the file comment). */
report_case:
    mov x28, x30
    ldr x0, =cur_slot
    ldr x19, [x0]
    ldr x0, =cur_rec
    ldr x20, [x0]
    ldr x21, =out
    put_char 'c'
    ldr x0, =DT_HEADER
    ldr x0, [x0, #HDR_BASE_ID]
    add x0, x0, x19
    put_hex 6
    /* registers that differ from the inputs */
    mov x22, #0
1:  cmp x22, #REC_FLAGS      /* input only */
    b.eq 2f
    ldr x23, [x21, x22, lsl #3]
    ldr x24, [x20, x22, lsl #3]
    cmp x23, x24
    b.eq 2f
    put_char ' '
    put_char 'r'
    mov x0, x22
    put_hex 2
    put_char '='
    mov x0, x23
    put_hex 16
2:  add x22, x22, #1
    cmp x22, #REC_COMPARED
    b.lo 1b
    /* exception */
    ldr x22, [x21, #OUT_KIND]
    cmn x22, #1
    b.eq 4f
    put_char ' '
    put_char 'e'
    mov x0, x22
    put_hex 2
    put_char ','
    ldr x23, [x21, #OUT_ESR]
    mov x0, x23
    put_hex 8
    put_char ','
    ldr x0, [x21, #OUT_ELR]
    ldr x1, =cur_code
    ldr x1, [x1]
    sub x0, x0, x1
    put_hex 16
    /* FAR is valid for instruction and data aborts and PC alignment only */
    lsr x23, x23, #26
    and x23, x23, #0x3f
    cmp x23, #0x20
    b.eq 3f
    cmp x23, #0x21
    b.eq 3f
    cmp x23, #0x22
    b.eq 3f
    cmp x23, #0x24
    b.eq 3f
    cmp x23, #0x25
    b.ne 4f
3:  put_char ','
    ldr x0, [x21, #OUT_FAR]
    put_hex 16
    /* scratch words that changed; restore them */
4:  ldr x22, [x20, #REC_FLAGS * 8]
    tbz x22, #1, 10f        /* REC_SCAN_MEM */
    ldr x22, =DT_SCRATCH
    ldr x23, =DT_REF
    ldr x24, =DT_SCRATCH_SIZE
    add x24, x22, x24
5:  ldp x2, x3, [x22]
    ldp x4, x5, [x23]
    cmp x2, x4
    ccmp x3, x5, #0, eq
    b.ne 7f
6:  add x22, x22, #16
    add x23, x23, #16
    cmp x22, x24
    b.lo 5b
10: put_char '\n'
    ret x28
7:  mov x25, #0
8:  ldr x26, [x22, x25]
    ldr x27, [x23, x25]
    cmp x26, x27
    b.eq 9f
    put_char ' '
    put_char 'm'
    ldr x0, =DT_SCRATCH
    sub x0, x22, x0
    add x0, x0, x25
    put_hex 5
    put_char '='
    mov x0, x26
    put_hex 16
    str x27, [x22, x25]
9:  add x25, x25, #8
    cmp x25, #16
    b.lo 8b
    b 6b

/* W0: character. Clobbers X1. */
put_char:
    ldr x1, =DT_UART
    str w0, [x1]
    ret

/* X0: NUL-terminated string. Clobbers X0-X2. */
put_str:
    ldr x1, =DT_UART
1:  ldrb w2, [x0], #1
    cbz w2, 2f
    str w2, [x1]
    b 1b
2:  ret

/* X0: value, X1: number of low hex digits to print. Clobbers X0-X4. */
put_hex:
    ldr x2, =DT_UART
    ldr x3, =hex_digits
    lsl x1, x1, #2
1:  sub x1, x1, #4
    lsr x4, x0, x1
    and x4, x4, #15
    ldrb w4, [x3, x4]
    str w4, [x2]
    cbnz x1, 1b
    ret

    .ltorg

/* Vectors: stash X0, find the out block, save X1/X2, note the vector index. */
    .balign 2048
vectors:
    .irp kind, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    .balign 0x80
    msr tpidr_el1, x0
    ldr x0, =out
    stp x1, x2, [x0, #8]
    mov x1, #\kind
    b save_state
    .endr
    .ltorg

    .section .dt_exit, "ax"
    .global case_exit
case_exit:
    msr tpidr_el1, x0
    ldr x0, =out
    stp x1, x2, [x0, #8]
    mov x1, #-1
    b save_state
    .ltorg

    .section .rodata
hex_digits:
    .ascii "0123456789abcdef"
msg_start:
    .asciz "difftest start\n"
msg_done:
    .asciz "difftest done\n"
msg_fault:
    .asciz "difftest harness exception: "

    .bss
    .balign 16
out:
    .skip OUT_SIZE
cur_slot:
    .skip 8
cur_code:
    .skip 8
cur_rec:
    .skip 8
in_case:
    .skip 8
