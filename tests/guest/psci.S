/*
 * PSCI through HVC: PSCI_VERSION (major 1; phalanx implements 1.0, QEMU
 * 7.2 reports 1.1, so the full value goes on a "# " line), PSCI_FEATURES
 * for the functions both implement and for unknown ones,
 * MIGRATE_INFO_TYPE, an unknown function ID, then SYSTEM_OFF (through
 * guest_exit) ending the run with exit status 0. CPU_ON / AFFINITY_INFO
 * answers depend on SMP support and are only reported.
 */
#include "asm.h"

#define PSCI_VERSION            0x84000000
#define PSCI_CPU_OFF            0x84000002
#define PSCI_AFFINITY_INFO_64   0xc4000004
#define PSCI_CPU_ON_64          0xc4000003
#define PSCI_MIGRATE            0x84000005
#define PSCI_MIGRATE_INFO_TYPE  0x84000006
#define PSCI_SYSTEM_OFF         0x84000008
#define PSCI_SYSTEM_RESET       0x84000009
#define PSCI_FEATURES           0x8400000a
#define NOT_SUPPORTED           0xffffffffffffffff

/* x0 = PSCI call(function, arg1); x19-x28 survive. */
#define PSCI(function, arg1) ldr x0, =(function); ldr x1, =(arg1); hvc #0

/* PSCI_FEATURES(function) must return want. */
#define FEATURE(function, want) PSCI(PSCI_FEATURES, function); EXPECT(x0, want)

    .text
    .global main
main:
    PSCI(PSCI_VERSION, 0)
    mov x19, x0
    lsr x1, x19, #16
    EXPECT(x1, 1)                       /* major version 1 */
    PUT_HEX("# psci version", x19)
    PUTS("psci version major 1\n")

    FEATURE(PSCI_VERSION, 0)
    FEATURE(PSCI_FEATURES, 0)
    FEATURE(PSCI_CPU_OFF, 0)
    FEATURE(PSCI_MIGRATE_INFO_TYPE, 0)
    FEATURE(PSCI_SYSTEM_OFF, 0)
    FEATURE(PSCI_SYSTEM_RESET, 0)
    FEATURE(PSCI_MIGRATE, NOT_SUPPORTED)
    FEATURE(0x8400ffff, NOT_SUPPORTED)
    FEATURE(0x12345678, NOT_SUPPORTED)
    PUTS("psci features ok\n")

    PSCI(PSCI_MIGRATE_INFO_TYPE, 0)
    EXPECT(x0, 2)                       /* no trusted OS to migrate */
    PSCI(0x84001234, 0)
    EXPECT(x0, NOT_SUPPORTED)
    PSCI(0xc400ffff, 0)
    EXPECT(x0, NOT_SUPPORTED)
    PUTS("psci migrate info and unknown functions ok\n")

    /* The HVC immediate is not part of the call. */
    ldr x0, =PSCI_VERSION
    hvc #1
    EXPECT_REG(x0, x19)

    /* Registers other than x0-x3 are not touched by the call. */
    mov x4, #4
    mov x17, #17
    mov x19, #19
    mov x30, #30
    PSCI(PSCI_VERSION, 0)
    EXPECT(x4, 4)
    EXPECT(x17, 17)
    EXPECT(x19, 19)
    EXPECT(x30, 30)
    PUTS("psci call preserves registers\n")

    PSCI(PSCI_FEATURES, PSCI_CPU_ON_64)
    PUT_HEX("# features(cpu_on)", x0)
    PSCI(PSCI_CPU_ON_64, 1)             /* CPU 1 does not exist */
    PUT_HEX("# cpu_on(1)", x0)
    PSCI(PSCI_AFFINITY_INFO_64, 0)
    PUT_HEX("# affinity_info(0)", x0)

    TEST_PASS                           /* PASS, then SYSTEM_OFF */
