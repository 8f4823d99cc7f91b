/*
 * PSCI SYSTEM_RESET ends the run: phalanx exits with status 0, QEMU too
 * when started with -no-reboot (the runner passes it). Run standalone on
 * QEMU without -no-reboot, the guest boots again; it notices that from a
 * marker left in RAM outside its image (QEMU keeps RAM across a reset and
 * reloads only the image) and powers off instead.
 */
#include "asm.h"

#define PSCI_SYSTEM_OFF         0x84000008
#define PSCI_SYSTEM_RESET       0x84000009
#define MARKER_ADDR             0x47f00000      /* below 128 MiB of RAM */
#define MARKER                  0x7265736574212121

    .text
    .global main
main:
    ldr x19, =MARKER_ADDR
    ldr x20, =MARKER
    ldr x1, [x19]
    cmp x1, x20
    b.eq second_boot
    str x20, [x19]
    dsb sy
    PUTS("calling SYSTEM_RESET\n")
    PUTS("PASS\n")
    ldr x0, =PSCI_SYSTEM_RESET
    hvc #0
    /* Never returns. */
    str xzr, [x19]
    PUTS("SYSTEM_RESET returned\n")
    mov x0, #1
    b guest_exit

second_boot:
    str xzr, [x19]
    dsb sy
    ldr x0, =PSCI_SYSTEM_OFF
    hvc #0
    b .
