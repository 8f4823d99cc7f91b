/*
 * A tiny in-process machine for unit tests that run guest code: 1 MiB of RAM
 * at the virt board's RAM base, a bus, one vCPU starting at CODE, and
 * exception vectors at VBAR that all power off, so a test inspects ESR/ELR
 * after vcpu_run returns VCPU_STOP_POWER_OFF.
 */
#ifndef PHALANX_TESTS_UNIT_TEST_MACHINE_H
#define PHALANX_TESTS_UNIT_TEST_MACHINE_H

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "arm/decode.h"
#include "devices/bus.h"
#include "tcg/vcpu.h"

#define RAM_BASE 0x40000000ull
#define RAM_SIZE (1ull << 20)
#define CODE     (RAM_BASE + 0x1000)  /* entry point of every program */
#define VBAR     (RAM_BASE + 0x10000) /* vectors: each one powers off */

/* PSCI SYSTEM_OFF: movz x0, #0x8400, lsl #16; add x0, x0, #8; hvc #0 */
#define POWER_OFF_INSNS { 0xd2b08000u, 0x91002000u, 0xd4000002u }
#define POWER_OFF_LEN   3

struct machine {
    uint8_t     *ram;
    struct bus   bus;
    struct vcpu *cpu;
};

static inline void machine_put_code(struct machine *m, uint64_t pa, const uint32_t *insns,
                                    unsigned n)
{
    g_assert_true(pa >= RAM_BASE && pa + 4 * n <= RAM_BASE + RAM_SIZE);
    memcpy(m->ram + (pa - RAM_BASE), insns, 4 * n);
}

static inline struct machine *machine_new(void)
{
    static const uint32_t power_off[] = POWER_OFF_INSNS;
    struct machine *m = g_new0(struct machine, 1);
    m->ram = aligned_alloc(4096, RAM_SIZE);
    g_assert_nonnull(m->ram);
    memset(m->ram, 0, RAM_SIZE);
    bus_init(&m->bus, m->ram, RAM_BASE, RAM_SIZE);
    a64_decode_init();
    m->cpu = vcpu_new(&m->bus);
    g_assert_nonnull(m->cpu);
    arm_state_reset(&m->cpu->s, CODE);
    m->cpu->s.el1.vbar = VBAR;
    vcpu_update_flags(m->cpu);
    for (unsigned v = 0; v < 0x800; v += 0x80) {
        machine_put_code(m, VBAR + v, power_off, POWER_OFF_LEN);
    }
    return m;
}

static inline void machine_free(struct machine *m)
{
    vcpu_free(m->cpu);
    free(m->ram);
    g_free(m);
}

#endif
