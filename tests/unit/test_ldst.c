/*
 * Unit tests of the load/store faults and the exclusive monitor, the parts a
 * transcript comparison with QEMU cannot check (QEMU 7.2 omits the SP
 * alignment check) or that need a look at state a guest cannot see. Runs
 * hand-encoded programs on an in-process machine: RAM in a host buffer, one
 * vCPU, vectors that power off so a test can inspect ESR/ELR/FAR.
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "arm/decode.h"
#include "arm/exception.h"
#include "devices/bus.h"
#include "tcg/vcpu.h"
#include "test_machine.h"

#define DATA     (RAM_BASE + 0x20000)
#define UNMAPPED 0x1000ull

#define SCTLR_SA  (1u << 3)
#define SCTLR_SA0 (1u << 4)

#define VECTOR_SAME_EL_SYNC  0x200 /* current EL with SP_ELx */
#define VECTOR_LOWER_EL_SYNC 0x400 /* lower EL, AArch64 */

static const uint32_t power_off[] = POWER_OFF_INSNS;

static void write32(struct machine *m, uint64_t pa, uint32_t v)
{
    memcpy(m->ram + (pa - RAM_BASE), &v, 4);
}

static void write64(struct machine *m, uint64_t pa, uint64_t v)
{
    memcpy(m->ram + (pa - RAM_BASE), &v, 8);
}

static uint64_t read64(struct machine *m, uint64_t pa)
{
    uint64_t v;
    memcpy(&v, m->ram + (pa - RAM_BASE), 8);
    return v;
}

/* Puts insn followed by the power-off sequence at CODE. */
static void put_program(struct machine *m, const uint32_t *insns, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        write32(m, CODE + 4 * i, insns[i]);
    }
    for (unsigned i = 0; i < 3; i++) {
        write32(m, CODE + 4 * (n + i), power_off[i]);
    }
}

/* Runs to power-off; returns whether an exception was taken (at ELR = CODE
 * + 4 * index, reported in ESR). */
static bool run_faulted(struct machine *m)
{
    m->cpu->s.el1.esr = 0;
    m->cpu->s.el1.elr = 0;
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    return m->cpu->s.el1.esr != 0;
}

static void assert_fault(struct machine *m, uint32_t ec, uint32_t iss, uint64_t elr)
{
    g_assert_cmphex(m->cpu->s.el1.esr >> 26, ==, ec);
    g_assert_cmphex(m->cpu->s.el1.esr & 0x1ffffff, ==, iss);
    g_assert_cmphex(m->cpu->s.el1.elr, ==, elr);
}

/* --- SP alignment -------------------------------------------------------------- */

/* Accesses with SP as the base: each checks SP alignment. */
static const uint32_t sp_based[] = {
    0xf94003e0u, /* ldr x0, [sp] */
    0xf90007e0u, /* str x0, [sp, #8] */
    0xf84107e0u, /* ldr x0, [sp], #16 */
    0xf85f0fe0u, /* ldr x0, [sp, #-16]! */
    0xa94007e0u, /* ldp x0, x1, [sp] */
    0xa9bf07e0u, /* stp x0, x1, [sp, #-16]! */
    0xc85f7fe0u, /* ldxr x0, [sp] */
    0xc8027fe0u, /* stxr w2, x0, [sp] */
    0xc8dfffe0u, /* ldar x0, [sp] */
    0xc89fffe0u, /* stlr x0, [sp] */
    0xf8616be0u, /* ldr x0, [sp, x1] */
    0xc87f07e0u, /* ldxp x0, x1, [sp] */
    0x394007e0u, /* ldrb w0, [sp, #1] */
    0x785ff3e0u, /* ldurh w0, [sp, #-1] */
    0xf8400be0u, /* ldtr x0, [sp] */
};

/* Prefetches never fault, not even on a misaligned SP. */
static const uint32_t sp_prefetches[] = {
    0xf98003e0u, /* prfm pldl1keep, [sp] */
    0xf8a16be0u, /* prfm pldl1keep, [sp, x1] */
    0xf88013e0u, /* prfum pldl1keep, [sp, #1] */
};

static void test_sp_alignment_el1(void)
{
    for (unsigned i = 0; i < G_N_ELEMENTS(sp_based); i++) {
        struct machine *m = machine_new();
        put_program(m, &sp_based[i], 1);
        m->cpu->s.x[REG_SP] = DATA + 8;
        m->cpu->s.x[1] = 0;
        g_assert_true(run_faulted(m));
        assert_fault(m, EC_SP_ALIGN, 0, CODE);
        g_assert_cmphex(m->cpu->s.pc, ==, VBAR + VECTOR_SAME_EL_SYNC + 12);
        g_assert_cmphex(m->cpu->s.x[REG_SP], ==, DATA + 8); /* no writeback */

        /* SCTLR_EL1.SA clear: no check (SA0 does not apply at EL1). LDXP X
         * at SP + 8 still takes its alignment fault. */
        arm_state_reset(&m->cpu->s, CODE);
        m->cpu->s.el1.vbar = VBAR;
        m->cpu->s.el1.sctlr &= ~(uint64_t)SCTLR_SA;
        m->cpu->s.x[REG_SP] = DATA + 8;
        m->cpu->s.x[1] = 0;
        if (run_faulted(m) && m->cpu->s.el1.esr >> 26 == EC_SP_ALIGN) {
            g_test_message("insn %08x took an SP alignment fault with SA clear", sp_based[i]);
            g_test_fail();
        }
        machine_free(m);
    }
}

static void test_sp_alignment_aligned_or_prefetch(void)
{
    for (unsigned i = 0; i < G_N_ELEMENTS(sp_based); i++) {
        struct machine *m = machine_new();
        put_program(m, &sp_based[i], 1);
        m->cpu->s.x[REG_SP] = DATA + 16;
        m->cpu->s.x[1] = 0;
        g_assert_false(run_faulted(m));
        machine_free(m);
    }
    for (unsigned i = 0; i < G_N_ELEMENTS(sp_prefetches); i++) {
        struct machine *m = machine_new();
        put_program(m, &sp_prefetches[i], 1);
        m->cpu->s.x[REG_SP] = DATA + 8;
        m->cpu->s.x[1] = 0;
        g_assert_false(run_faulted(m));
        machine_free(m);
    }
    /* A misaligned general-purpose base is no SP: no check. */
    struct machine *m = machine_new();
    const uint32_t ldr_x1 = 0xf9400020u; /* ldr x0, [x1] */
    put_program(m, &ldr_x1, 1);
    m->cpu->s.x[1] = DATA + 8;
    g_assert_false(run_faulted(m));
    machine_free(m);
}

/* At EL0 the check is SCTLR_EL1.SA0, on SP_EL0. */
static void test_sp_alignment_el0(void)
{
    const uint32_t ldr_sp = 0xf94003e5u; /* ldr x5, [sp] */
    for (int sa0 = 0; sa0 <= 1; sa0++) {
        struct machine *m = machine_new();
        put_program(m, &ldr_sp, 1);
        write64(m, DATA + 4, 0x5555);
        struct arm_state *s = &m->cpu->s;
        s->el1.sctlr = (s->el1.sctlr & ~(uint64_t)(SCTLR_SA | SCTLR_SA0)) |
                       (sa0 ? SCTLR_SA0 : SCTLR_SA);
        arm_set_sp_bank(s, 0, 0);
        s->x[REG_SP] = DATA + 4;
        vcpu_update_flags(m->cpu);
        /* Whatever the power-off HVC does at EL0, the run ends. */
        s->el1.esr = 0;
        vcpu_run(m->cpu, 1000);
        if (sa0) {
            assert_fault(m, EC_SP_ALIGN, 0, CODE);
            g_assert_cmphex(s->pc, ==, VBAR + VECTOR_LOWER_EL_SYNC + 12);
        } else {
            g_assert_cmphex(s->el1.esr >> 26, !=, EC_SP_ALIGN);
            g_assert_cmphex(s->x[5], ==, 0x5555);
        }
        machine_free(m);
    }
}

/* --- alignment of exclusives and acquire/release ----------------------------- */

struct align_case {
    uint32_t insn;
    uint64_t offset; /* of x1 from DATA */
    bool     faults;
    bool     is_write;
};

static const struct align_case align_cases[] = {
    { 0xc85f7c20u, 4, true, false },   /* ldxr x0, [x1] */
    { 0x885f7c20u, 2, true, false },   /* ldxr w0, [x1] */
    { 0x085f7c20u, 1, false, false },  /* ldxrb w0, [x1] */
    { 0xc89ffc20u, 4, true, true },    /* stlr x0, [x1] */
    { 0x48dffc20u, 1, true, false },   /* ldarh w0, [x1] */
    { 0xc87f0820u, 8, true, false },   /* ldxp x0, x2, [x1]: 16-byte aligned */
    { 0x887f0820u, 4, true, false },   /* ldxp w0, w2, [x1]: 8-byte aligned */
    { 0x887f0820u, 8, false, false },
    /* Store-exclusive with the monitor closed just fails, as on QEMU. */
    { 0xc8047c20u, 4, false, true },   /* stxr w4, x0, [x1] */
    { 0xc8240c22u, 8, false, true },   /* stxp w4, x2, x3, [x1] */
};

static void test_exclusive_alignment(void)
{
    for (unsigned i = 0; i < G_N_ELEMENTS(align_cases); i++) {
        const struct align_case *c = &align_cases[i];
        struct machine *m = machine_new();
        put_program(m, &c->insn, 1);
        m->cpu->s.x[1] = DATA + c->offset;
        m->cpu->s.x[4] = 0x4444;
        bool faulted = run_faulted(m);
        if (faulted != c->faults) {
            g_test_message("insn %08x at +%u: faulted %d", c->insn, (unsigned)c->offset, faulted);
            g_test_fail();
        } else if (faulted) {
            assert_fault(m, EC_DATA_ABORT_SAME, FSC_ALIGNMENT | (c->is_write ? ISS_WNR : 0), CODE);
            g_assert_cmphex(m->cpu->s.el1.far, ==, DATA + c->offset);
        } else if (c->is_write) {
            g_assert_cmphex(m->cpu->s.x[4], ==, 1);
        }
        machine_free(m);
    }
}

/* --- no writeback before the accesses succeed -------------------------------- */

static void test_fault_leaves_registers(void)
{
    struct machine *m = machine_new();
    const uint32_t ldr_pre = 0xf8408c25u; /* ldr x5, [x1, #8]! */
    put_program(m, &ldr_pre, 1);
    m->cpu->s.x[5] = 0x1111;
    m->cpu->s.x[1] = UNMAPPED;
    g_assert_true(run_faulted(m));
    assert_fault(m, EC_DATA_ABORT_SAME, FSC_SYNC_EXTERNAL, CODE);
    g_assert_cmphex(m->cpu->s.x[1], ==, UNMAPPED);
    g_assert_cmphex(m->cpu->s.x[5], ==, 0x1111);
    machine_free(m);

    /* LDP whose second element is past the end of RAM: Rt, Rt2 and the
     * base keep their values. */
    m = machine_new();
    const uint32_t ldp_pre = 0xa9c11825u; /* ldp x5, x6, [x1, #16]! */
    put_program(m, &ldp_pre, 1);
    uint64_t base = RAM_BASE + RAM_SIZE - 8 - 16;
    write64(m, base + 16, 0x77);
    m->cpu->s.x[5] = 0x1111;
    m->cpu->s.x[6] = 0x2222;
    m->cpu->s.x[1] = base;
    g_assert_true(run_faulted(m));
    g_assert_cmphex(m->cpu->s.el1.esr >> 26, ==, EC_DATA_ABORT_SAME);
    g_assert_cmphex(m->cpu->s.el1.far, ==, RAM_BASE + RAM_SIZE);
    g_assert_cmphex(m->cpu->s.x[5], ==, 0x1111);
    g_assert_cmphex(m->cpu->s.x[6], ==, 0x2222);
    g_assert_cmphex(m->cpu->s.x[1], ==, base);
    machine_free(m);
}

/* --- the exclusive monitor ---------------------------------------------------- */

static void test_monitor_state(void)
{
    struct machine *m = machine_new();
    const uint32_t prog[] = {
        0x885f7c20u, /* ldxr w0, [x1] */
        0x88047c22u, /* stxr w4, w2, [x1] */
    };
    put_program(m, prog, 2);
    write64(m, DATA, 0xaabbccdd11223344ull);
    m->cpu->s.x[1] = DATA;
    m->cpu->s.x[2] = 0x55667788;
    g_assert_cmpint(vcpu_run(m->cpu, 1), ==, VCPU_STOP_BUDGET);
    g_assert_cmpuint(m->cpu->s.excl_valid, ==, 1);
    g_assert_cmphex(m->cpu->s.excl_addr, ==, DATA);
    g_assert_cmpuint(m->cpu->s.excl_size, ==, 2);
    g_assert_cmphex(m->cpu->s.excl_val[0], ==, 0x11223344);
    g_assert_cmphex(m->cpu->s.x[0], ==, 0x11223344);
    g_assert_cmpint(vcpu_run(m->cpu, 1), ==, VCPU_STOP_BUDGET);
    g_assert_cmpuint(m->cpu->s.excl_valid, ==, 0);
    g_assert_cmphex(m->cpu->s.x[4], ==, 0);
    g_assert_cmphex(read64(m, DATA), ==, 0xaabbccdd55667788ull);
    machine_free(m);

    /* Same address, other size: fails and leaves memory alone. */
    m = machine_new();
    const uint32_t mismatch[] = {
        0x885f7c20u, /* ldxr w0, [x1] */
        0xc8047c22u, /* stxr w4, x2, [x1] */
    };
    put_program(m, mismatch, 2);
    write64(m, DATA, 0x11223344);
    m->cpu->s.x[1] = DATA;
    m->cpu->s.x[2] = 0x55667788;
    g_assert_false(run_faulted(m));
    g_assert_cmphex(m->cpu->s.x[4], ==, 1);
    g_assert_cmphex(read64(m, DATA), ==, 0x11223344);
    g_assert_cmpuint(m->cpu->s.excl_valid, ==, 0);
    machine_free(m);
}

/* A store-exclusive that rewrites a later instruction of its own block:
 * the new instruction runs. */
static void test_exclusive_smc(void)
{
    struct machine *m = machine_new();
    const uint32_t prog[] = {
        0x885f7c20u, /* ldxr w0, [x1] */
        0x88047c22u, /* stxr w4, w2, [x1] */
        0x91000463u, /* add x3, x3, #1: replaced by add x3, x3, #100 */
    };
    put_program(m, prog, 3);
    m->cpu->s.x[1] = CODE + 8;
    m->cpu->s.x[2] = 0x91019063u;
    m->cpu->s.x[4] = 0x4444;
    g_assert_false(run_faulted(m));
    g_assert_cmpuint(m->cpu->s.excl_valid, ==, 0);
    g_assert_cmphex(m->cpu->s.x[4], ==, 0);
    g_assert_cmphex(m->cpu->s.x[3], ==, 100);
    g_assert_cmpuint(m->cpu->s.icount, ==, 6);
    machine_free(m);
}

/* --- unallocated encodings ------------------------------------------------------ */

static const uint32_t unallocated[] = {
    0xf8620820u, /* ldr x0, [x1, w2, uxtb]: option<1> = 0 */
    0xf8628820u, /* sxtb */
    0xf8a22820u, /* prfm, [x1, x2, uxth] */
    0xb8e26820u, /* size 2, opc 3, register offset */
    0xf8e26820u, /* size 3, opc 3 */
    0xb8c00420u, /* size 2, opc 3, post-index */
    0xf8800420u, /* the PRFM slot of post-index */
    0xf8800c20u, /* ... of pre-index */
    0xf8800820u, /* ... of unprivileged */
    0xf9c00020u, /* size 3, opc 3, unsigned offset */
    0x68400c21u, /* LDNP with opc 01 */
    0x69000c20u, /* STGP (MTE) */
    0xe9400c20u, /* pair with opc 11 */
    0xc89f7c23u, /* STLLR (v8.1 LOR) */
    0xc8df7c20u, /* LDLAR */
    0xc8a07c23u, /* CAS (v8.1 LSE) */
    0x48207c22u, /* CASP */
    0xf8200020u, /* LDADD (v8.1 LSE) */
};

static void test_unallocated(void)
{
    for (unsigned i = 0; i < G_N_ELEMENTS(unallocated); i++) {
        struct machine *m = machine_new();
        put_program(m, &unallocated[i], 1);
        m->cpu->s.x[1] = DATA;
        if (!run_faulted(m) || m->cpu->s.el1.esr >> 26 != EC_UNKNOWN) {
            g_test_message("%08x did not take UNDEFINED", unallocated[i]);
            g_test_fail();
        }
        machine_free(m);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ldst/sp_alignment_el1", test_sp_alignment_el1);
    g_test_add_func("/ldst/sp_alignment_aligned_or_prefetch", test_sp_alignment_aligned_or_prefetch);
    g_test_add_func("/ldst/sp_alignment_el0", test_sp_alignment_el0);
    g_test_add_func("/ldst/exclusive_alignment", test_exclusive_alignment);
    g_test_add_func("/ldst/fault_leaves_registers", test_fault_leaves_registers);
    g_test_add_func("/ldst/monitor_state", test_monitor_state);
    g_test_add_func("/ldst/exclusive_smc", test_exclusive_smc);
    g_test_add_func("/ldst/unallocated", test_unallocated);
    return g_test_run();
}
