/*
 * Start-up code for guest programs: stack, zeroed .bss, exception vectors,
 * then main(); main's return value goes to guest_exit (0 = pass).
 */
    .section .text.start, "ax"
    .global _start
_start:
    ldr x0, =__stack_top
    mov sp, x0
    adr x0, guest_vectors
    msr vbar_el1, x0
    isb
    ldr x0, =__bss_start
    ldr x1, =__bss_end
1:  cmp x0, x1
    b.hs 2f
    str xzr, [x0], #8
    b 1b
2:  bl main
    bl guest_exit
    b .

/*
 * Every vector saves the registers a C function may clobber (x0-x18, x29,
 * x30) on SP_EL1, points guest_exception_frame at them and calls
 * guest_exception(kind), which a test may override (weak default: report
 * and stop). If the handler returns, the vector reloads the registers (a
 * handler may have changed them through the frame) and returns with ERET.
 */
    .equ FRAME_SIZE, 176
    .macro vector kind
    .balign 0x80
    sub sp, sp, #FRAME_SIZE
    stp x0, x1, [sp, #0]
    stp x2, x3, [sp, #16]
    mov x0, #\kind
    b guest_vector_common
    .endm

    .text
    .balign 2048
    .global guest_vectors
guest_vectors:
    vector 0
    vector 1
    vector 2
    vector 3
    vector 4
    vector 5
    vector 6
    vector 7
    vector 8
    vector 9
    vector 10
    vector 11
    vector 12
    vector 13
    vector 14
    vector 15

/* x0 = vector index; x0-x3 already saved. */
guest_vector_common:
    stp x4, x5, [sp, #32]
    stp x6, x7, [sp, #48]
    stp x8, x9, [sp, #64]
    stp x10, x11, [sp, #80]
    stp x12, x13, [sp, #96]
    stp x14, x15, [sp, #112]
    stp x16, x17, [sp, #128]
    stp x18, x29, [sp, #144]
    str x30, [sp, #160]
    mov x1, sp
    adrp x2, guest_exception_frame
    str x1, [x2, :lo12:guest_exception_frame]
    bl guest_exception
    ldp x4, x5, [sp, #32]
    ldp x6, x7, [sp, #48]
    ldp x8, x9, [sp, #64]
    ldp x10, x11, [sp, #80]
    ldp x12, x13, [sp, #96]
    ldp x14, x15, [sp, #112]
    ldp x16, x17, [sp, #128]
    ldp x18, x29, [sp, #144]
    ldr x30, [sp, #160]
    ldp x2, x3, [sp, #16]
    ldp x0, x1, [sp, #0]
    add sp, sp, #FRAME_SIZE
    eret

    .bss
    .balign 8
    .global guest_exception_frame
guest_exception_frame:
    .skip 8
