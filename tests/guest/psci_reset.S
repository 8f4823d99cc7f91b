/*
 * PSCI SYSTEM_RESET. With -no-reboot (the runner's default) the run ends
 * there with status 0 on both emulators. Without it (guest-reboot/ test)
 * the machine boots again: the guest notices that from a marker left in RAM
 * outside its image (RAM is kept across a reset, only the image is
 * reloaded), checks that its initialised data was reloaded too, and powers
 * off.
 */
#include "asm.h"

#define PSCI_SYSTEM_OFF         0x84000008
#define PSCI_SYSTEM_RESET       0x84000009
#define MARKER_ADDR             0x47f00000      /* below 128 MiB of RAM */
#define MARKER                  0x7265736574212121

    .text
    .global main
main:
    /* 'reloaded' is 1 in the image; the first boot clears it. */
    ldr x21, =reloaded
    ldr x22, [x21]
    str xzr, [x21]
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
    PUTS("second boot\n")
    cmp x22, #1
    b.eq 1f
    PUTS("FAIL: initialised data not reloaded\n")
    mov x0, #1
    b guest_exit
1:  PUTS("data reloaded\nPASS\n")
    ldr x0, =PSCI_SYSTEM_OFF
    hvc #0
    b .

    .data
    .balign 8
reloaded:
    .quad 1
