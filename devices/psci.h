/*
 * PSCI (Power State Coordination Interface, ARM DEN 0022) as firmware that
 * the board provides: calls arrive through HVC or SMC with the function ID in
 * x0 and arguments in x1..x3; the result goes back in x0.
 */
#ifndef PHALANX_DEVICES_PSCI_H
#define PHALANX_DEVICES_PSCI_H

#include <stdint.h>

#define PSCI_VERSION           0x84000000u
#define PSCI_CPU_SUSPEND       0xc4000001u
#define PSCI_CPU_OFF           0x84000002u
#define PSCI_CPU_ON            0xc4000003u
#define PSCI_AFFINITY_INFO     0xc4000004u
#define PSCI_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_SYSTEM_OFF        0x84000008u
#define PSCI_SYSTEM_RESET      0x84000009u
#define PSCI_FEATURES          0x8400000au

#define PSCI_RET_SUCCESS        0
#define PSCI_RET_NOT_SUPPORTED  (-1)
#define PSCI_RET_INVALID_PARAMS (-2)

/* What the caller must do to the machine after the call. */
enum psci_request {
    PSCI_REQ_NONE,
    PSCI_REQ_SYSTEM_OFF,
    PSCI_REQ_SYSTEM_RESET,
    PSCI_REQ_CPU_OFF,
};

struct psci_result {
    int64_t           x0;      /* value returned to the guest in x0 */
    enum psci_request request; /* power state change to carry out */
};

/* The instruction that calls PSCI; the other one is UNDEFINED. Fixed for a
 * run before any code is translated (-machine virt,psci-conduit=...). */
enum psci_conduit {
    PSCI_CONDUIT_HVC,
    PSCI_CONDUIT_SMC,
};

extern enum psci_conduit psci_conduit;

struct psci_result psci_call(uint64_t function, uint64_t arg1, uint64_t arg2, uint64_t arg3);

#endif
