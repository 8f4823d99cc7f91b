/*
 * Start-up code for guest programs: stack, zeroed .bss, exception vectors
 * that report the exception and stop, then main(); main's return value goes
 * to guest_exit (0 = pass).
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

/* Every vector saves x0-x3/x30 on the stack and calls guest_exception(kind),
 * which a test may override (weak default: report and stop). If the handler
 * returns, the vector restores registers and returns with ERET. */
    .macro vector kind
    .balign 0x80
    sub sp, sp, #48
    stp x0, x1, [sp]
    stp x2, x3, [sp, #16]
    str x30, [sp, #32]
    mov x0, #\kind
    bl guest_exception
    ldp x0, x1, [sp]
    ldp x2, x3, [sp, #16]
    ldr x30, [sp, #32]
    add sp, sp, #48
    eret
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
