/*
 * Unit tests of the run loop, the soft TLB (data and code), exceptions and
 * the slow-path counters, on a tiny machine built in-process: RAM in a host
 * buffer, one test device, one vCPU. Guest programs are a few hand-encoded
 * instructions (ADD/SUB/SUBS imm, MOVZ, B, B.cond, BR, BLR, RET,
 * LDR/STR/LDRB/STRB unsigned offset, HVC, SVC, BRK, ERET); the MMU tests map
 * the RAM with page tables built by hand.
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "arm/decode.h"
#include "arm/exception.h"
#include "devices/bus.h"
#include "devices/psci.h"
#include "tcg/tb_cache.h"
#include "tcg/vcpu.h"
#include "util/log.h"

/* Records a failure and goes on, so that one run lists every offender. */
#define FAIL(...)                   \
    do {                            \
        g_test_message(__VA_ARGS__); \
        g_test_fail();              \
    } while (0)

#define RAM_BASE  0x40000000ull
#define RAM_SIZE  (1ull << 20)
#define CODE      (RAM_BASE + 0x1000) /* entry point of every program */
#define VBAR      (RAM_BASE + 0x10000)
#define DATA      (RAM_BASE + 0x20000)
#define DEV_BASE  0x09000000ull
#define DEV_SIZE  0x1000ull
#define UNMAPPED  0x1000ull           /* nothing there: below RAM, no device */

/* --- encoders ------------------------------------------------------------ */

static uint32_t movz(unsigned d, unsigned imm16, unsigned hw)
{
    return 0xd2800000u | hw << 21 | imm16 << 5 | d;
}
static uint32_t add_x(unsigned d, unsigned n, unsigned imm) { return 0x91000000u | imm << 10 | n << 5 | d; }
static uint32_t add_w(unsigned d, unsigned n, unsigned imm) { return 0x11000000u | imm << 10 | n << 5 | d; }
static uint32_t sub_x(unsigned d, unsigned n, unsigned imm) { return 0xd1000000u | imm << 10 | n << 5 | d; }
static uint32_t subs_x(unsigned d, unsigned n, unsigned imm) { return 0xf1000000u | imm << 10 | n << 5 | d; }
static uint32_t b(int words) { return 0x14000000u | ((uint32_t)words & 0x3ffffff); }
static uint32_t b_cond(unsigned cond, int words)
{
    return 0x54000000u | ((uint32_t)words & 0x7ffff) << 5 | cond;
}
static uint32_t ldr_x(unsigned t, unsigned n, unsigned off) { return 0xf9400000u | (off / 8) << 10 | n << 5 | t; }
static uint32_t ldr_w(unsigned t, unsigned n, unsigned off) { return 0xb9400000u | (off / 4) << 10 | n << 5 | t; }
static uint32_t str_x(unsigned t, unsigned n, unsigned off) { return 0xf9000000u | (off / 8) << 10 | n << 5 | t; }
static uint32_t str_w(unsigned t, unsigned n, unsigned off) { return 0xb9000000u | (off / 4) << 10 | n << 5 | t; }
static uint32_t strb(unsigned t, unsigned n, unsigned off) { return 0x39000000u | off << 10 | n << 5 | t; }
static uint32_t ldrb(unsigned t, unsigned n, unsigned off) { return 0x39400000u | off << 10 | n << 5 | t; }
static uint32_t svc_insn(unsigned imm) { return 0xd4000001u | imm << 5; }
static uint32_t brk_insn(unsigned imm) { return 0xd4200000u | imm << 5; }
#define HVC0 0xd4000002u
#define ERET 0xd69f03e0u
#define UDF0 0x00000000u
#define COND_NE 1

/* --- the machine ------------------------------------------------------------ */

struct dev_access {
    unsigned calls;
    bool     is_write;
    uint64_t offset;
    uint64_t value;
    unsigned size;
};

struct machine {
    uint8_t          *ram;
    struct bus        bus;
    struct vcpu      *cpu;
    struct dev_access dev;
};

static uint64_t dev_read(void *opaque, uint64_t offset, unsigned size)
{
    struct dev_access *d = opaque;
    d->calls++;
    d->is_write = false;
    d->offset = offset;
    d->size = size;
    return 0x1122334455667788ull >> (64 - 8 * size) | offset << 56 >> (64 - 8 * size);
}

static void dev_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    struct dev_access *d = opaque;
    d->calls++;
    d->is_write = true;
    d->offset = offset;
    d->value = value;
    d->size = size;
}

static void write32(struct machine *m, uint64_t pa, uint32_t v)
{
    g_assert_true(pa >= RAM_BASE && pa + 4 <= RAM_BASE + RAM_SIZE);
    memcpy(m->ram + (pa - RAM_BASE), &v, 4);
}

static uint64_t read64(struct machine *m, uint64_t pa)
{
    uint64_t v;
    memcpy(&v, m->ram + (pa - RAM_BASE), 8);
    return v;
}

static void put_code(struct machine *m, uint64_t pa, const uint32_t *insns, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        write32(m, pa + 4 * i, insns[i]);
    }
}

/* PSCI SYSTEM_OFF: the vectors stop the machine so tests can inspect ESR/ELR. */
static const uint32_t power_off[] = {
    0xd2b08000u, /* movz x0, #0x8400, lsl #16 */
    0x91002000u, /* add x0, x0, #8 */
    HVC0,
};

static struct machine *machine_new(void)
{
    struct machine *m = g_new0(struct machine, 1);
    m->ram = aligned_alloc(4096, RAM_SIZE);
    g_assert_nonnull(m->ram);
    memset(m->ram, 0, RAM_SIZE);
    bus_init(&m->bus, m->ram, RAM_BASE, RAM_SIZE);
    struct mmio_region dev = {
        .name = "testdev", .base = DEV_BASE, .size = DEV_SIZE,
        .read = dev_read, .write = dev_write, .opaque = &m->dev,
    };
    g_assert_true(bus_add_mmio(&m->bus, &dev));
    a64_decode_init();
    m->cpu = vcpu_new(&m->bus);
    g_assert_nonnull(m->cpu);
    arm_state_reset(&m->cpu->s, CODE);
    m->cpu->s.el1.vbar = VBAR;
    vcpu_update_flags(m->cpu);
    for (unsigned v = 0; v < 0x800; v += 0x80) {
        put_code(m, VBAR + v, power_off, 3);
    }
    return m;
}

static void machine_free(struct machine *m)
{
    vcpu_free(m->cpu);
    free(m->ram);
    g_free(m);
}

#define SPSR_EL1H_MASKED 0x3c5u /* DAIF masked, EL1h: the reset PSTATE */

static void assert_exception(struct machine *m, uint32_t ec, uint32_t iss, uint64_t elr,
                             uint64_t vector_offset)
{
    struct arm_state *s = &m->cpu->s;
    g_assert_cmphex(s->el1.esr >> 26, ==, ec);
    g_assert_cmphex(s->el1.esr & 0x1ffffff, ==, iss);
    g_assert_cmphex((s->el1.esr >> 25) & 1, ==, 1); /* IL: 32-bit instruction */
    g_assert_cmphex(s->el1.elr, ==, elr);
    g_assert_cmphex(s->el1.spsr, ==, SPSR_EL1H_MASKED);
    /* The vector's power-off sequence ran: pc is just after its HVC. */
    g_assert_cmphex(s->pc, ==, VBAR + vector_offset + 12);
    g_assert_cmpuint(s->el, ==, 1);
}

/* --- tests ------------------------------------------------------------------ */

/*
 * A block cut short by the budget is built in a buffer that is reused: its
 * ops must start zeroed like a cached block's, whatever the last one-off
 * left there (a stale field once made LD1 write back to its base register
 * and crashed a Linux guest at one RTC value in fifty).
 */
static void test_oneoff_reuses_clean_ops(void)
{
    struct machine *m = machine_new();
    static const uint32_t prog[] = {
        0x927cec02u, /* and x2, x0, #0xfffffffffffffff0 */
        0x4c407041u, /* ld1 {v1.16b}, [x2] */
        0x4c407041u, /* ld1 {v1.16b}, [x2] */
        0x91000463u, /* add x3, x3, #1 */
        0x91000463u, /* add x3, x3, #1 */
        0x14000000u, /* b . */
    };
    put_code(m, CODE, prog, 6);
    m->cpu->s.x[0] = DATA + 8;
    m->cpu->s.el1.cpacr = 3u << 20; /* FP/SIMD on */
    vcpu_update_flags(m->cpu);
    /* The first cut block allocates the buffer; then fill it with garbage. */
    g_assert_cmpint(vcpu_run(m->cpu, 1), ==, VCPU_STOP_BUDGET);
    g_assert_nonnull(m->cpu->oneoff);
    memset(m->cpu->oneoff->ops, 0xa5, (TB_MAX_INSNS + 1) * sizeof(struct op));
    g_assert_cmpint(vcpu_run(m->cpu, 2), ==, VCPU_STOP_BUDGET);
    g_assert_cmphex(m->cpu->s.pc, ==, CODE + 12);
    g_assert_cmphex(m->cpu->s.x[2], ==, DATA);
    memset(m->cpu->oneoff->ops, 0xa5, (TB_MAX_INSNS + 1) * sizeof(struct op));
    g_assert_cmpint(vcpu_run(m->cpu, 2), ==, VCPU_STOP_BUDGET);
    g_assert_cmphex(m->cpu->s.x[2], ==, DATA);
    g_assert_cmpuint(m->cpu->s.x[3], ==, 2);
    machine_free(m);
}

static void test_budget_mid_block(void)
{
    struct machine *m = machine_new();
    uint32_t prog[11];
    for (unsigned i = 0; i < 10; i++) {
        prog[i] = add_x(3, 3, 1);
    }
    prog[10] = b(0); /* b . */
    put_code(m, CODE, prog, 11);

    g_assert_cmpint(vcpu_run(m->cpu, 3), ==, VCPU_STOP_BUDGET);
    g_assert_cmpuint(m->cpu->s.icount, ==, 3);
    g_assert_cmphex(m->cpu->s.pc, ==, CODE + 12);
    g_assert_cmpuint(m->cpu->s.x[3], ==, 3);

    g_assert_cmpint(vcpu_run(m->cpu, 4), ==, VCPU_STOP_BUDGET);
    g_assert_cmpuint(m->cpu->s.icount, ==, 7);
    g_assert_cmphex(m->cpu->s.pc, ==, CODE + 28);
    g_assert_cmpuint(m->cpu->s.x[3], ==, 7);

    /* To the end of the block, then spinning on "b .". */
    g_assert_cmpint(vcpu_run(m->cpu, 3), ==, VCPU_STOP_BUDGET);
    g_assert_cmphex(m->cpu->s.pc, ==, CODE + 40);
    g_assert_cmpint(vcpu_run(m->cpu, 1), ==, VCPU_STOP_BUDGET);
    g_assert_cmphex(m->cpu->s.pc, ==, CODE + 40);
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_BUDGET);
    g_assert_cmpuint(m->cpu->s.icount, ==, 1011);
    g_assert_cmpuint(m->cpu->s.x[3], ==, 10);
    g_assert_cmphex(m->cpu->s.pc, ==, CODE + 40);

    /* A zero budget runs nothing. */
    g_assert_cmpint(vcpu_run(m->cpu, 0), ==, VCPU_STOP_BUDGET);
    g_assert_cmpuint(m->cpu->s.icount, ==, 1011);
    machine_free(m);
}

/* A loop with loads, stores and a conditional branch, ending in SYSTEM_OFF. */
static void load_loop_program(struct machine *m)
{
    const uint32_t prog[] = {
        movz(1, 100, 0),                 /* x1 = 100 */
        movz(2, (DATA >> 16) & 0xffff, 1), /* x2 = DATA */
        /* loop: */
        ldr_x(4, 2, 0),                  /* x4 = [DATA] */
        add_x(4, 4, 3),
        str_x(4, 2, 0),                  /* [DATA] += 3 */
        strb(1, 2, 9),                   /* [DATA+9] = x1 */
        ldrb(5, 2, 9),
        add_x(6, 6, 0),
        add_w(6, 6, 0),
        add_x(6, 5, 0x7),                /* x6 = x5 + 7 */
        subs_x(1, 1, 1),
        b_cond(COND_NE, -9),             /* to loop */
        sub_x(7, 6, 1),
        power_off[0], power_off[1], power_off[2],
    };
    put_code(m, CODE, prog, G_N_ELEMENTS(prog));
}

#define LOOP_PROGRAM_INSNS (2 + 100 * 10 + 4)

static void test_loop_runs_to_power_off(void)
{
    struct machine *m = machine_new();
    load_loop_program(m);
    g_assert_cmpint(vcpu_run(m->cpu, 1000000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmpuint(m->cpu->s.icount, ==, LOOP_PROGRAM_INSNS);
    g_assert_cmpuint(read64(m, DATA), ==, 300);
    g_assert_cmpuint(m->ram[DATA - RAM_BASE + 9], ==, 1);
    g_assert_cmpuint(m->cpu->s.x[6], ==, 8);
    g_assert_cmpuint(m->cpu->s.x[7], ==, 7);
    g_assert_cmphex(m->cpu->s.pc, ==, CODE + 4 * 16);
    g_assert_cmphex(m->cpu->s.x[0], ==, 0); /* PSCI_RET_SUCCESS */
    machine_free(m);
}

static void assert_same_state(struct machine *a, struct machine *b)
{
    const struct arm_state *x = &a->cpu->s, *y = &b->cpu->s;
    for (unsigned r = 0; r < NUM_REG_SLOTS; r++) {
        if (r == REG_SINK) {
            continue;
        }
        g_assert_cmphex(x->x[r], ==, y->x[r]);
    }
    g_assert_cmphex(x->pc, ==, y->pc);
    g_assert_cmphex(x->nzcv, ==, y->nzcv);
    g_assert_cmpuint(x->icount, ==, y->icount);
    g_assert_cmpuint(x->el, ==, y->el);
    g_assert_cmphex(x->el1.esr, ==, y->el1.esr);
    g_assert_cmphex(x->el1.elr, ==, y->el1.elr);
    g_assert_true(memcmp(a->ram, b->ram, RAM_SIZE) == 0);
}

/* Running 2N instructions ends in the same state as running N, then N. */
static void test_split_runs_equal(void)
{
    for (uint64_t n = 1; n <= LOOP_PROGRAM_INSNS / 2 + 2; n += (n < 40 ? 1 : 37)) {
        struct machine *whole = machine_new(), *split = machine_new();
        load_loop_program(whole);
        load_loop_program(split);
        enum vcpu_stop s1 = vcpu_run(whole->cpu, 2 * n);
        enum vcpu_stop s2 = vcpu_run(split->cpu, n);
        if (s2 == VCPU_STOP_BUDGET) {
            s2 = vcpu_run(split->cpu, n);
        }
        g_assert_cmpint(s1, ==, s2);
        assert_same_state(whole, split);
        if (s1 == VCPU_STOP_BUDGET) {
            g_assert_cmpuint(whole->cpu->s.icount, ==, 2 * n);
        }
        machine_free(whole);
        machine_free(split);
    }
}

/* Single-stepping gives the same result as running at full speed. */
static void test_single_step_equal(void)
{
    struct machine *fast = machine_new(), *step = machine_new();
    load_loop_program(fast);
    load_loop_program(step);
    g_assert_cmpint(vcpu_run(fast->cpu, 1000000), ==, VCPU_STOP_POWER_OFF);
    enum vcpu_stop stop;
    unsigned steps = 0;
    while ((stop = vcpu_run(step->cpu, 1)) == VCPU_STOP_BUDGET) {
        steps++;
        g_assert_cmpuint(step->cpu->s.icount, ==, steps);
    }
    g_assert_cmpint(stop, ==, VCPU_STOP_POWER_OFF);
    assert_same_state(fast, step);
    machine_free(fast);
    machine_free(step);
}

/* Without chaining (-d exec) the guest sees exactly the same execution. */
static void test_exec_log_same_result(void)
{
    struct machine *plain = machine_new(), *logged = machine_new();
    load_loop_program(plain);
    load_loop_program(logged);
    g_assert_cmpint(vcpu_run(plain->cpu, 1000000), ==, VCPU_STOP_POWER_OFF);
    g_assert_true(log_set_file("/dev/null"));
    log_mask = LOG_EXEC | LOG_IN_ASM | LOG_INT;
    g_assert_cmpint(vcpu_run(logged->cpu, 1000000), ==, VCPU_STOP_POWER_OFF);
    log_mask = 0;
    log_close();
    assert_same_state(plain, logged);
    machine_free(plain);
    machine_free(logged);
}

/*
 * Self-modifying code: a store overwrites a later instruction of the block
 * that is running; the new instruction must run (the block is dropped and
 * execution continues from freshly translated code).
 */
static const uint32_t smc_new_insn = 0x91019063u; /* add x3, x3, #100 */

static void load_smc_program(struct machine *m)
{
    const uint32_t prog[] = {
        movz(3, 0, 0),
        str_w(2, 1, 0),   /* [x1] = w2: overwrites the instruction at CODE + 12 */
        add_x(3, 3, 1),
        add_x(3, 3, 1),   /* becomes add x3, x3, #100 */
        add_x(3, 3, 1),
        add_x(3, 3, 1),
        power_off[0], power_off[1], power_off[2],
    };
    put_code(m, CODE, prog, G_N_ELEMENTS(prog));
    m->cpu->s.x[1] = CODE + 12;
    m->cpu->s.x[2] = smc_new_insn;
}

static void test_smc_same_block(void)
{
    struct machine *m = machine_new();
    load_smc_program(m);
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmpuint(m->cpu->s.x[3], ==, 103);
    g_assert_cmpuint(m->cpu->s.icount, ==, 9);

    /* Again from the start: the block is retranslated from the modified code,
     * and each store drops it again. */
    const uint32_t stores[] = { smc_new_insn, add_x(3, 3, 1), smc_new_insn, smc_new_insn };
    const uint64_t expect[] = { 103, 4, 103, 103 };
    for (unsigned k = 0; k < G_N_ELEMENTS(stores); k++) {
        arm_state_reset(&m->cpu->s, CODE);
        m->cpu->s.el1.vbar = VBAR;
        m->cpu->s.x[1] = CODE + 12;
        m->cpu->s.x[2] = stores[k];
        g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
        g_assert_cmpuint(m->cpu->s.x[3], ==, expect[k]);
        g_assert_cmpuint(m->cpu->s.icount, ==, 9);
    }
    machine_free(m);
}

/*
 * The same program under every budget split: the result may not depend on
 * where the run loop was asked to stop (a block cut short by the budget must
 * see the store to its own code just like a whole block).
 */
static void test_smc_any_budget(void)
{
    for (uint64_t first = 1; first <= 9; first++) {
        struct machine *m = machine_new();
        load_smc_program(m);
        enum vcpu_stop stop = vcpu_run(m->cpu, first);
        if (stop == VCPU_STOP_BUDGET) {
            stop = vcpu_run(m->cpu, 1000);
        }
        g_assert_cmpint(stop, ==, VCPU_STOP_POWER_OFF);
        if (m->cpu->s.x[3] != 103) {
            FAIL("first run of %" G_GUINT64_FORMAT " instructions: x3 = %"
                               G_GUINT64_FORMAT ", expected 103 (stale code ran)", first,
                               m->cpu->s.x[3]);
        }
        g_assert_cmpuint(m->cpu->s.icount, ==, 9);
        machine_free(m);
    }
}

/*
 * A 64-bit store whose address is 4 modulo 8 into a page with code. The soft
 * TLB's fast path must not take it (the page's write entry is flagged), or the
 * stale block runs on.
 */
static void test_smc_misaligned_store(void)
{
    struct machine *m = machine_new();
    const uint32_t prog[] = {
        ldrb(4, 1, 0),    /* fills the TLB entry for the code page */
        str_x(2, 1, 0),   /* [CODE + 20] = x2: two instructions */
        add_x(3, 3, 1),
        add_x(3, 3, 1),
        add_x(3, 3, 1),
        add_x(3, 3, 1),   /* CODE + 20: becomes add #100 */
        add_x(3, 3, 1),   /* CODE + 24: becomes add #100 */
        power_off[0], power_off[1], power_off[2],
    };
    put_code(m, CODE, prog, G_N_ELEMENTS(prog));
    m->cpu->s.x[1] = CODE + 20;
    m->cpu->s.x[2] = (uint64_t)smc_new_insn << 32 | smc_new_insn;
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmphex(read64(m, CODE + 20), ==, m->cpu->s.x[2]);
    g_assert_cmpuint(m->cpu->s.x[3], ==, 203);
    machine_free(m);
}

/*
 * A store that crosses from the page of the running block into the next page:
 * all of its bytes must be written even though it drops the running block.
 */
static void test_store_crossing_code_page(void)
{
    struct machine *m = machine_new();
    const uint32_t prog[] = {
        str_x(2, 1, 0),
        add_x(3, 3, 1),
        power_off[0], power_off[1], power_off[2],
    };
    put_code(m, CODE, prog, G_N_ELEMENTS(prog));
    uint64_t addr = CODE + 0x1000 - 4; /* last word of the code page */
    m->cpu->s.x[1] = addr;
    m->cpu->s.x[2] = 0x0123456789abcdefull;
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmphex(read64(m, addr), ==, 0x0123456789abcdefull);
    g_assert_cmpuint(m->cpu->s.x[3], ==, 1);
    g_assert_cmpuint(m->cpu->s.icount, ==, 5);
    machine_free(m);
}

/* Unaligned accesses and accesses that cross a page, away from code. */
static void test_unaligned_ram(void)
{
    struct machine *m = machine_new();
    const uint32_t prog[] = {
        str_x(2, 1, 0),
        ldr_x(4, 1, 0),
        ldr_w(5, 1, 0),
        str_x(2, 6, 0),   /* crosses into the next page */
        ldr_x(7, 6, 0),
        ldr_w(8, 9, 0),   /* 32-bit load crossing the page */
        power_off[0], power_off[1], power_off[2],
    };
    put_code(m, CODE, prog, G_N_ELEMENTS(prog));
    m->cpu->s.x[1] = DATA + 3;
    m->cpu->s.x[2] = 0x1122334455667788ull;
    m->cpu->s.x[6] = DATA + 0x1000 - 3;
    m->cpu->s.x[9] = DATA + 0x1000 - 1;
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmphex(read64(m, DATA + 3), ==, 0x1122334455667788ull);
    g_assert_cmphex(m->cpu->s.x[4], ==, 0x1122334455667788ull);
    g_assert_cmphex(m->cpu->s.x[5], ==, 0x55667788ull);
    g_assert_cmphex(read64(m, DATA + 0x1000 - 3), ==, 0x1122334455667788ull);
    g_assert_cmphex(m->cpu->s.x[7], ==, 0x1122334455667788ull);
    g_assert_cmphex(m->cpu->s.x[8], ==, 0x33445566ull);
    machine_free(m);
}

static void test_data_abort_read(void)
{
    struct machine *m = machine_new();
    const uint32_t prog[] = {
        add_x(5, 5, 1),
        ldr_x(4, 1, 0),  /* x1 = unmapped */
        add_x(5, 5, 1),
    };
    put_code(m, CODE, prog, G_N_ELEMENTS(prog));
    m->cpu->s.x[1] = UNMAPPED;
    m->cpu->s.x[4] = 0xdead;
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    assert_exception(m, EC_DATA_ABORT_SAME, FSC_SYNC_EXTERNAL, CODE + 4, 0x200);
    g_assert_cmphex(m->cpu->s.el1.far, ==, UNMAPPED);
    g_assert_cmphex(m->cpu->s.x[4], ==, 0xdead); /* the load wrote nothing */
    g_assert_cmpuint(m->cpu->s.x[5], ==, 1);
    /* The faulting load is not retired: add, then the 3 vector instructions. */
    g_assert_cmpuint(m->cpu->s.icount, ==, 4);
    machine_free(m);
}

static void test_data_abort_write(void)
{
    struct machine *m = machine_new();
    const uint32_t prog[] = {
        strb(2, 1, 0),
        add_x(5, 5, 1),
    };
    put_code(m, CODE, prog, G_N_ELEMENTS(prog));
    m->cpu->s.x[1] = UNMAPPED + 0x10;
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    assert_exception(m, EC_DATA_ABORT_SAME, FSC_SYNC_EXTERNAL | ISS_WNR, CODE, 0x200);
    g_assert_cmphex(m->cpu->s.el1.far, ==, UNMAPPED + 0x10);
    g_assert_cmpuint(m->cpu->s.x[5], ==, 0);
    machine_free(m);
}

/* A store that crosses into unmapped memory faults and writes nothing. */
static void test_data_abort_crossing_writes_nothing(void)
{
    struct machine *m = machine_new();
    const uint32_t prog[] = { str_x(2, 1, 0) };
    put_code(m, CODE, prog, 1);
    uint64_t addr = RAM_BASE + RAM_SIZE - 4;
    m->cpu->s.x[1] = addr;
    m->cpu->s.x[2] = ~0ull;
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmphex(m->cpu->s.el1.esr >> 26, ==, EC_DATA_ABORT_SAME);
    g_assert_cmphex(m->cpu->s.el1.elr, ==, CODE);
    uint32_t tail;
    memcpy(&tail, m->ram + RAM_SIZE - 4, 4);
    g_assert_cmphex(tail, ==, 0);
    machine_free(m);
}

/* Above the 44-bit physical address range: an address size fault. */
static void test_data_abort_address_size(void)
{
    struct machine *m = machine_new();
    const uint32_t prog[] = { ldr_x(4, 1, 0) };
    put_code(m, CODE, prog, 1);
    m->cpu->s.x[1] = 1ull << 44;
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    assert_exception(m, EC_DATA_ABORT_SAME, FSC_ADDR_SIZE_L0, CODE, 0x200);
    g_assert_cmphex(m->cpu->s.el1.far, ==, 1ull << 44);
    machine_free(m);
}

static void test_undefined(void)
{
    struct machine *m = machine_new();
    const uint32_t prog[] = { add_x(5, 5, 1), add_x(5, 5, 1), UDF0, add_x(5, 5, 1) };
    put_code(m, CODE, prog, G_N_ELEMENTS(prog));
    m->cpu->s.el1.far = 0x5555;
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    assert_exception(m, EC_UNKNOWN, 0, CODE + 8, 0x200);
    g_assert_cmphex(m->cpu->s.el1.far, ==, 0x5555); /* FAR untouched */
    g_assert_cmpuint(m->cpu->s.x[5], ==, 2);
    g_assert_cmpuint(m->cpu->s.icount, ==, 5);
    machine_free(m);
}

/* The same, reached with a budget that stops right before and right at it. */
static void test_undefined_budget(void)
{
    struct machine *m = machine_new();
    const uint32_t prog[] = { add_x(5, 5, 1), add_x(5, 5, 1), UDF0 };
    put_code(m, CODE, prog, G_N_ELEMENTS(prog));
    g_assert_cmpint(vcpu_run(m->cpu, 2), ==, VCPU_STOP_BUDGET);
    g_assert_cmphex(m->cpu->s.pc, ==, CODE + 8);
    g_assert_cmpuint(m->cpu->s.icount, ==, 2);
    g_assert_cmpint(vcpu_run(m->cpu, 1), ==, VCPU_STOP_BUDGET);
    /* The UDF took its exception and is not counted; the budget is left for
     * the vector's first instruction. */
    g_assert_cmphex(m->cpu->s.el1.elr, ==, CODE + 8);
    g_assert_cmpuint(m->cpu->s.icount, ==, 3);
    g_assert_cmphex(m->cpu->s.pc, ==, VBAR + 0x204);
    machine_free(m);
}

static void test_psci_system_off(void)
{
    struct machine *m = machine_new();
    put_code(m, CODE, power_off, 3);
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmpuint(m->cpu->s.icount, ==, 3);
    g_assert_cmphex(m->cpu->s.pc, ==, CODE + 12);
    g_assert_cmphex(m->cpu->s.x[0], ==, PSCI_RET_SUCCESS);
    /* Exactly on budget: the HVC is the last instruction allowed. */
    struct machine *m2 = machine_new();
    put_code(m2, CODE, power_off, 3);
    g_assert_cmpint(vcpu_run(m2->cpu, 2), ==, VCPU_STOP_BUDGET);
    g_assert_cmpint(vcpu_run(m2->cpu, 1), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmpuint(m2->cpu->s.icount, ==, 3);
    machine_free(m);
    machine_free(m2);
}

/* The PSCI conduit is one instruction; the other is UNDEFINED (no EL2/EL3). */
static void test_psci_conduit(void)
{
    const uint32_t smc_off[] = { 0xd2b08000u, 0x91002000u, 0xd4000003u /* smc #0 */ };
    struct machine *m = machine_new();
    put_code(m, CODE, smc_off, 3);
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    assert_exception(m, EC_UNKNOWN, 0, CODE + 8, 0x200); /* the vector powered off */
    machine_free(m);

    psci_conduit = PSCI_CONDUIT_SMC;
    m = machine_new();
    put_code(m, CODE, smc_off, 3);
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmphex(m->cpu->s.pc, ==, CODE + 12); /* no exception: PSCI took it */
    machine_free(m);
    m = machine_new();
    /* HVC is now UNDEFINED, the vectors' HVC too: it traps until the budget ends. */
    put_code(m, CODE, power_off, 3);
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_BUDGET);
    g_assert_cmphex(m->cpu->s.el1.esr >> 26, ==, EC_UNKNOWN);
    machine_free(m);
    psci_conduit = PSCI_CONDUIT_HVC;
}

/* An ERET to a mode that does not exist (EL2h) is an illegal return: EL and
 * SP stay, PSTATE.IL is set, and the instruction at ELR takes an Illegal
 * Execution state exception (EC 0x0e) whose SPSR has IL set. */
static void test_illegal_return(void)
{
    struct machine *m = machine_new();
    const uint32_t prog[] = { 0xd69f03e0u /* eret */ };
    put_code(m, CODE, prog, 1);
    const uint32_t target[] = { add_x(5, 5, 1) };
    put_code(m, CODE + 0x100, target, 1);
    m->cpu->s.el1.spsr = 0x3c9; /* DAIF masked, EL2h */
    m->cpu->s.el1.elr = CODE + 0x100;
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    struct arm_state *s = &m->cpu->s;
    g_assert_cmphex(s->el1.esr >> 26, ==, EC_ILLEGAL_STATE);
    g_assert_cmphex(s->el1.elr, ==, CODE + 0x100);
    g_assert_cmphex(s->el1.spsr, ==, (1u << 20) | 0x3c5); /* IL, EL1h */
    g_assert_cmpuint(s->x[5], ==, 0);                     /* the add never ran */
    g_assert_cmpuint(s->il, ==, 0);                       /* cleared on entry */
    machine_free(m);
}

static void test_psci_version_continues(void)
{
    struct machine *m = machine_new();
    const uint32_t prog[] = {
        movz(0, 0x8400, 1), HVC0, add_x(9, 0, 0), /* x9 = PSCI version */
        power_off[0], power_off[1], power_off[2],
    };
    put_code(m, CODE, prog, G_N_ELEMENTS(prog));
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmphex(m->cpu->s.x[9], ==, 0x10000); /* PSCI 1.0 */
    g_assert_cmpuint(m->cpu->s.icount, ==, 6);
    machine_free(m);
}

static void test_svc_brk(void)
{
    struct machine *m = machine_new();
    const uint32_t prog[] = { add_x(5, 5, 1), svc_insn(0x42) };
    put_code(m, CODE, prog, 2);
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    assert_exception(m, EC_SVC64, 0x42, CODE + 8, 0x200);
    g_assert_cmpuint(m->cpu->s.icount, ==, 5); /* SVC is retired */
    machine_free(m);

    m = machine_new();
    const uint32_t prog2[] = { add_x(5, 5, 1), brk_insn(7) };
    put_code(m, CODE, prog2, 2);
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    assert_exception(m, EC_BRK64, 7, CODE + 4, 0x200);
    g_assert_cmpuint(m->cpu->s.icount, ==, 4); /* BRK is not */
    machine_free(m);
}

/* ERET to EL0, then an SVC from EL0 lands on the lower-EL vector. */
static void test_eret_to_el0_and_back(void)
{
    struct machine *m = machine_new();
    const uint32_t prog[] = { ERET };
    put_code(m, CODE, prog, 1);
    const uint32_t user[] = { add_x(5, 5, 1), HVC0 /* UNDEFINED at EL0 */ };
    put_code(m, CODE + 0x100, user, 2);
    m->cpu->s.el1.elr = CODE + 0x100;
    m->cpu->s.el1.spsr = PSR_MODE_EL0t;
    m->cpu->s.x[REG_SP] = 0x1110; /* SP_EL1 */
    g_assert_cmpint(vcpu_run(m->cpu, 2), ==, VCPU_STOP_BUDGET);
    g_assert_cmpuint(m->cpu->s.el, ==, 0);
    g_assert_cmphex(m->cpu->s.pc, ==, CODE + 0x104);
    g_assert_cmpuint(m->cpu->tb_flags & 3, ==, 0);
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmphex(m->cpu->s.el1.esr >> 26, ==, EC_UNKNOWN);
    g_assert_cmphex(m->cpu->s.el1.elr, ==, CODE + 0x104);
    g_assert_cmphex(m->cpu->s.el1.spsr, ==, PSR_MODE_EL0t);
    g_assert_cmphex(m->cpu->s.pc, ==, VBAR + 0x400 + 12);
    g_assert_cmpuint(m->cpu->s.el, ==, 1);
    g_assert_cmphex(m->cpu->s.x[REG_SP], ==, 0x1110); /* SP_EL1 back */
    machine_free(m);
}

static void test_fetch_abort(void)
{
    struct machine *m = machine_new();
    m->cpu->s.pc = UNMAPPED;
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    assert_exception(m, EC_INSN_ABORT_SAME, FSC_SYNC_EXTERNAL, UNMAPPED, 0x200);
    g_assert_cmphex(m->cpu->s.el1.far, ==, UNMAPPED);
    machine_free(m);

    /* Executing from a device is an instruction abort; the device is not read. */
    m = machine_new();
    m->cpu->s.pc = DEV_BASE + 0x10;
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    assert_exception(m, EC_INSN_ABORT_SAME, FSC_SYNC_EXTERNAL, DEV_BASE + 0x10, 0x200);
    g_assert_cmphex(m->cpu->s.el1.far, ==, DEV_BASE + 0x10);
    g_assert_cmpuint(m->dev.calls, ==, 0);
    g_assert_cmpuint(m->cpu->s.icount, ==, 4); /* the failed fetch counts as one */
    machine_free(m);

    m = machine_new();
    m->cpu->s.pc = CODE + 2;
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    assert_exception(m, EC_PC_ALIGN, 0, CODE + 2, 0x200);
    g_assert_cmphex(m->cpu->s.el1.far, ==, CODE + 2);
    machine_free(m);
}

static void test_mmio(void)
{
    struct machine *m = machine_new();
    const uint32_t prog[] = {
        ldr_w(4, 1, 8),
        str_x(2, 1, 16),
        strb(2, 1, 3),
        ldrb(6, 1, 5),
        power_off[0], power_off[1], power_off[2],
    };
    put_code(m, CODE, prog, G_N_ELEMENTS(prog));
    m->cpu->s.x[1] = DEV_BASE;
    m->cpu->s.x[2] = 0xa1b2c3d4e5f60718ull;
    g_assert_cmpint(vcpu_run(m->cpu, 3), ==, VCPU_STOP_BUDGET);
    g_assert_cmpuint(m->dev.calls, ==, 3);
    g_assert_true(m->dev.is_write);
    g_assert_cmpuint(m->dev.offset, ==, 3);
    g_assert_cmpuint(m->dev.size, ==, 1);
    g_assert_cmphex(m->dev.value, ==, 0x18);
    g_assert_cmphex(m->cpu->s.x[4], ==, dev_read(&(struct dev_access){ 0 }, 8, 4));
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmpuint(m->dev.calls, ==, 4);
    g_assert_false(m->dev.is_write);
    g_assert_cmpuint(m->dev.offset, ==, 5);
    g_assert_cmphex(m->cpu->s.x[6], ==, dev_read(&(struct dev_access){ 0 }, 5, 1));
    machine_free(m);
}

/*
 * Misaligned device accesses and accesses to page 0 that the soft TLB's tag
 * compare could mistake for hits on flag bits. Whatever the emulator does with
 * them (call the device, or take a data abort), it must not touch host memory
 * at the guest address. Run in a child so that a crash is a failure, not the
 * end of the test program.
 */
static void run_misaligned_child(uint32_t prefill, uint32_t insn, uint64_t base)
{
    struct machine *m = machine_new();
    const uint32_t prog[] = { prefill, insn, power_off[0], power_off[1], power_off[2] };
    put_code(m, CODE, prog, G_N_ELEMENTS(prog));
    m->cpu->s.x[1] = base;
    enum vcpu_stop stop = vcpu_run(m->cpu, 1000);
    g_assert_cmpint(stop, ==, VCPU_STOP_POWER_OFF);
    bool aborted = m->cpu->s.el1.esr >> 26 == EC_DATA_ABORT_SAME;
    g_assert_true(aborted || m->dev.calls >= 2);
    machine_free(m);
    exit(0);
}

static void test_misaligned_mmio_read32(void)
{
    if (g_test_subprocess()) {
        /* ldrb fills the TLB entry for the device page first. */
        run_misaligned_child(ldrb(5, 1, 0), ldr_w(4, 1, 0), DEV_BASE + 2);
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed();
}

static void test_misaligned_mmio_write64(void)
{
    if (g_test_subprocess()) {
        run_misaligned_child(strb(2, 1, 0), str_x(2, 1, 0), DEV_BASE + 0x102);
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed();
}

static void test_misaligned_page0_read64(void)
{
    if (g_test_subprocess()) {
        run_misaligned_child(add_x(5, 5, 1), ldr_x(4, 1, 0), 1);
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed();
}

/* Writes to XZR are dropped; reads of XZR as a store source give zero. */
static void test_zero_register(void)
{
    struct machine *m = machine_new();
    const uint32_t prog[] = {
        str_x(31, 1, 0),   /* str xzr, [x1] */
        ldr_x(31, 1, 8),   /* ldr xzr, [x1, #8] */
        subs_x(31, 2, 5),  /* cmp x2, #5 */
        movz(31, 7, 0),
        add_x(31, 31, 16), /* add sp, sp, #16 */
        power_off[0], power_off[1], power_off[2],
    };
    put_code(m, CODE, prog, G_N_ELEMENTS(prog));
    memset(m->ram + (DATA - RAM_BASE), 0xff, 16);
    m->cpu->s.x[1] = DATA;
    m->cpu->s.x[2] = 5;
    m->cpu->s.x[REG_SP] = 0x100;
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmphex(read64(m, DATA), ==, 0);
    g_assert_cmphex(m->cpu->s.x[REG_ZR], ==, 0);
    g_assert_cmphex(m->cpu->s.nzcv, ==, NZCV_Z | NZCV_C);
    g_assert_cmphex(m->cpu->s.x[REG_SP], ==, 0x110);
    machine_free(m);
}

/* Blocks stop at a page end: code running across a page boundary. */
static void test_code_across_pages(void)
{
    struct machine *m = machine_new();
    uint64_t start = CODE + 0x1000 - 8;
    const uint32_t prog[] = {
        add_x(5, 5, 1), add_x(5, 5, 1), /* last two words of the page */
        add_x(5, 5, 1), power_off[0], power_off[1], power_off[2],
    };
    put_code(m, start, prog, G_N_ELEMENTS(prog));
    m->cpu->s.pc = start;
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmpuint(m->cpu->s.x[5], ==, 3);
    g_assert_cmpuint(m->cpu->s.icount, ==, 6);
    /* A store to the second page only drops the block on it. */
    unsigned dropped = tb_cache_invalidate_page(m->cpu->cache, start + 8);
    g_assert_cmpuint(dropped, ==, 1);
    g_assert_true(tb_cache_page_has_code(m->cpu->cache, start));
    machine_free(m);
}

/* --- the fetch path with the MMU on: code TLB and jump cache ---------------- */

#define PT_L1      (RAM_BASE + 0xf0000) /* L1, L2, L3: 4K granule, 39-bit VAs */
#define PT_L3      (PT_L1 + 0x2000)
#define D_PAGE     3ull
#define D_TABLE    3ull
#define D_AF       (1ull << 10)
#define D_NORMAL   ((1ull << 2) | (3ull << 8) | D_AF) /* MAIR attr 1, inner shareable */
#define D_AP_EL0   (1ull << 6)
#define D_PXN      (1ull << 53)
#define D_UXN      (1ull << 54)
#define MMU_TCR    (25ull | (1ull << 23) /* EPD1 */ | (4ull << 32) /* IPS 44 bits */)
#define EL0_PAGE   (RAM_BASE + 0x30000) /* EL0 may run it, EL1 may not */
#define EL1_PAGE   (RAM_BASE + 0x40000) /* EL1 may run it, EL0 may not */
#define REMAP_VA   (RAM_BASE + 0x50000) /* points at itself or the next page */
#define FSC_PERM_L3 0x0f
#define BR_X10     0xd61f0140u
#define BLR_X11    0xd63f0160u
#define RET        0xd65f03c0u

static uint64_t *l3_entry(struct machine *m, uint64_t va)
{
    return (uint64_t *)(m->ram + (PT_L3 - RAM_BASE) + 8 * ((va - RAM_BASE) >> 12));
}

/* The megabyte of RAM mapped flat for EL1 only (EL1_PAGE too), but for
 * EL0_PAGE (EL0 read/write/execute, so EL1 may not execute it); MMU on. */
static struct machine *mmu_machine(void)
{
    struct machine *m = machine_new();
    uint64_t l2 = PT_L1 + 0x1000;
    memcpy(m->ram + (PT_L1 + 8 - RAM_BASE), &(uint64_t){ l2 | D_TABLE }, 8);
    memcpy(m->ram + (l2 - RAM_BASE), &(uint64_t){ PT_L3 | D_TABLE }, 8);
    for (uint64_t pa = RAM_BASE; pa < RAM_BASE + RAM_SIZE; pa += 0x1000) {
        uint64_t attrs = pa == EL0_PAGE ? D_NORMAL | D_AP_EL0 | D_PXN : D_NORMAL | D_UXN;
        *l3_entry(m, pa) = pa | D_PAGE | attrs;
    }
    struct vcpu *cpu = m->cpu;
    cpu->s.el1.mair = 0xff00;
    cpu->s.el1.tcr = MMU_TCR;
    cpu->s.el1.ttbr0 = PT_L1;
    cpu->s.el1.sctlr |= MMU_SCTLR_M;
    vcpu_update_flags(cpu);
    tlb_flush(cpu);
    return m;
}

static const struct tlb_code_entry *code_entry(struct machine *m, unsigned idx, uint64_t va)
{
    return &m->cpu->code_tlbs[idx][(va >> TLB_PAGE_BITS) & (TLB_SIZE - 1)];
}

/* A fetch fills the code TLB of its regime (EL1's also under PAN), and
 * every flush of the soft TLB empties it. */
static void test_code_tlb_fill_and_flush(void)
{
    struct machine *m = mmu_machine();
    put_code(m, CODE, power_off, 3);
    m->cpu->s.pan = 1;
    vcpu_update_flags(m->cpu);
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    const struct tlb_code_entry *e = code_entry(m, MMU_IDX_EL1, CODE);
    g_assert_cmphex(e->tag, ==, CODE);
    g_assert_cmphex(e->phys_page, ==, CODE);
    g_assert_cmphex(code_entry(m, MMU_IDX_EL1_PAN, CODE)->tag, ==, TLB_INVALID);
    g_assert_cmpuint(m->cpu->stats.code_tlb_misses, ==, 1);
    g_assert_cmpuint(m->cpu->stats.exceptions, ==, 0);

    /* TLBI by VA drops the page, in every regime, and leaves the others. */
    m->cpu->s.pc = CODE;
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmpuint(m->cpu->stats.code_tlb_misses, ==, 1);
    g_assert_cmphex(code_entry(m, MMU_IDX_EL1, VBAR)->tag, ==, TLB_INVALID);
    tlb_flush_page(m->cpu, CODE + 0x123);
    g_assert_cmphex(e->tag, ==, TLB_INVALID);
    m->cpu->s.pc = CODE;
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmpuint(m->cpu->stats.code_tlb_misses, ==, 2);
    g_assert_cmphex(e->tag, ==, CODE);
    tlb_flush(m->cpu);
    g_assert_cmphex(e->tag, ==, TLB_INVALID);
    machine_free(m);
}

/* Code fetched from a 2 MiB block: a TLBI by VA of any other page of the
 * block drops it from the code TLB too (the block's pages are not tracked
 * one by one). */
static void test_code_tlb_block_flush(void)
{
    struct machine *m = mmu_machine();
    const uint64_t block_va = RAM_BASE + 0x200000; /* L2[1]: RAM's first 2 MiB again */
    memcpy(m->ram + (PT_L1 + 0x1000 + 8 - RAM_BASE),
           &(uint64_t){ RAM_BASE | 1 /* block */ | D_NORMAL | D_UXN }, 8);
    put_code(m, CODE, power_off, 3);
    m->cpu->s.pc = block_va + (CODE - RAM_BASE);
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    const struct tlb_code_entry *e = code_entry(m, MMU_IDX_EL1, block_va + (CODE - RAM_BASE));
    g_assert_cmphex(e->tag, ==, block_va + (CODE - RAM_BASE));
    g_assert_cmphex(e->phys_page, ==, CODE);
    g_assert_cmpuint(m->cpu->tlb_large[MMU_IDX_EL1].bits, ==, 21);
    /* A page outside the block leaves it. */
    tlb_flush_page(m->cpu, RAM_BASE + 0x80000);
    g_assert_cmphex(e->tag, ==, block_va + (CODE - RAM_BASE));
    tlb_flush_page(m->cpu, block_va + 0x1ff000);
    g_assert_cmphex(e->tag, ==, TLB_INVALID);
    machine_free(m);
}

/*
 * Execute permission is per regime: code that EL0 ran (its block in the jump
 * cache, its page in EL0's code TLB) is an instruction abort for EL1 (PXN),
 * and code that EL1 ran is one for EL0.
 */
static void test_code_tlb_permissions(void)
{
    struct machine *m = mmu_machine();
    struct vcpu *cpu = m->cpu;
    put_code(m, CODE, (const uint32_t[]){ ERET }, 1);
    put_code(m, EL0_PAGE, (const uint32_t[]){ add_x(5, 5, 1), HVC0 /* UNDEFINED */ }, 2);
    cpu->s.el1.elr = EL0_PAGE;
    cpu->s.el1.spsr = PSR_MODE_EL0t;
    g_assert_cmpint(vcpu_run(cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmpuint(cpu->s.x[5], ==, 1);
    g_assert_cmphex(cpu->s.el1.esr >> 26, ==, EC_UNKNOWN);
    g_assert_cmphex(code_entry(m, MMU_IDX_EL0, EL0_PAGE)->tag, ==, EL0_PAGE);
    g_assert_nonnull(tb_cache_jmp_slot(cpu->cache, EL0_PAGE));

    /* EL1 branches there. */
    put_code(m, CODE + 0x40, (const uint32_t[]){ BR_X10 }, 1);
    cpu->s.pc = CODE + 0x40;
    cpu->s.x[10] = EL0_PAGE;
    g_assert_cmpint(vcpu_run(cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    assert_exception(m, EC_INSN_ABORT_SAME, FSC_PERM_L3, EL0_PAGE, 0x200);
    g_assert_cmphex(cpu->s.el1.far, ==, EL0_PAGE);
    g_assert_cmpuint(cpu->s.x[5], ==, 1);

    /* EL1 calls code on its page, then returns to EL0 there. */
    put_code(m, CODE + 0x80, (const uint32_t[]){ BLR_X11, ERET }, 2);
    put_code(m, EL1_PAGE, (const uint32_t[]){ add_x(6, 6, 1), RET }, 2);
    cpu->s.pc = CODE + 0x80;
    cpu->s.x[11] = EL1_PAGE;
    cpu->s.el1.elr = EL1_PAGE;
    cpu->s.el1.spsr = PSR_MODE_EL0t;
    g_assert_cmpint(vcpu_run(cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmpuint(cpu->s.x[6], ==, 1);
    g_assert_cmphex(cpu->s.el1.esr >> 26, ==, EC_INSN_ABORT_LOWER);
    g_assert_cmphex(cpu->s.el1.esr & 0x3f, ==, FSC_PERM_L3);
    g_assert_cmphex(cpu->s.el1.elr, ==, EL1_PAGE);
    g_assert_cmphex(cpu->s.el1.far, ==, EL1_PAGE);
    g_assert_cmphex(cpu->s.pc, ==, VBAR + 0x400 + 12);
    machine_free(m);
}

/*
 * A page remapped to other code: the cached translation may run until the
 * TLB is invalidated (as on hardware), then the new code runs, although the
 * jump cache still holds the old block (it is checked against the code TLB).
 */
static void test_code_remap_needs_tlbi(void)
{
    struct machine *m = mmu_machine();
    struct vcpu *cpu = m->cpu;
    put_code(m, CODE, power_off, 3);
    put_code(m, REMAP_VA, (const uint32_t[]){ movz(9, 1, 0), RET }, 2);
    put_code(m, REMAP_VA + 0x1000, (const uint32_t[]){ movz(9, 2, 0), RET }, 2);
    const uint64_t expect[] = { 1, 1, 2, 2, 1 };
    for (unsigned run = 0; run < G_N_ELEMENTS(expect); run++) {
        switch (run) {
        case 1: /* remapped behind the TLB's back */
            *l3_entry(m, REMAP_VA) += 0x1000;
            break;
        case 2:
            tlb_flush_page(cpu, REMAP_VA);
            g_assert_nonnull(tb_cache_jmp_slot(cpu->cache, REMAP_VA));
            g_assert_null(tb_cache_jmp_lookup(cpu->cache, REMAP_VA));
            break;
        case 4:
            *l3_entry(m, REMAP_VA) -= 0x1000;
            tlb_flush(cpu);
            break;
        }
        cpu->s.pc = REMAP_VA;
        cpu->s.x[30] = CODE;
        g_assert_cmpint(vcpu_run(cpu, 1000), ==, VCPU_STOP_POWER_OFF);
        if (cpu->s.x[9] != expect[run]) {
            FAIL("run %u: x9 = %" G_GUINT64_FORMAT ", expected %" G_GUINT64_FORMAT, run,
                 cpu->s.x[9], expect[run]);
        }
    }
    /* Both blocks stay translated: going back needed no new translation. */
    g_assert_cmpuint(cpu->stats.translations, ==, 3);
    machine_free(m);
}

/* The counters count slow paths only: a hot loop runs chained, and a second
 * run of the same code translates nothing. */
static void test_stats_slow_paths(void)
{
    struct machine *m = machine_new();
    load_loop_program(m);
    g_assert_cmpint(vcpu_run(m->cpu, 1000000), ==, VCPU_STOP_POWER_OFF);
    const struct vcpu_stats first = m->cpu->stats;
    g_assert_cmpuint(first.translations, >=, 2);
    g_assert_cmpuint(first.translations, ==, first.hash_misses);
    g_assert_cmpuint(first.loop_blocks, <=, first.translations + 1);
    g_assert_cmpuint(first.code_tlb_misses, ==, 1); /* one page of code */
    g_assert_cmpuint(first.walks, ==, 0);           /* MMU off */
    g_assert_cmpuint(first.exceptions, ==, 0);
    arm_state_reset(&m->cpu->s, CODE);
    m->cpu->s.el1.vbar = VBAR;
    vcpu_update_flags(m->cpu);
    g_assert_cmpint(vcpu_run(m->cpu, 1000000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmpuint(m->cpu->stats.translations, ==, first.translations);
    g_assert_cmpuint(m->cpu->stats.code_tlb_misses, ==, 1);
    machine_free(m);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();
    g_test_add_func("/exec/budget_mid_block", test_budget_mid_block);
    g_test_add_func("/exec/oneoff_reuses_clean_ops", test_oneoff_reuses_clean_ops);
    g_test_add_func("/exec/psci_conduit", test_psci_conduit);
    g_test_add_func("/exec/illegal_return", test_illegal_return);
    g_test_add_func("/exec/loop_runs_to_power_off", test_loop_runs_to_power_off);
    g_test_add_func("/exec/split_runs_equal", test_split_runs_equal);
    g_test_add_func("/exec/single_step_equal", test_single_step_equal);
    g_test_add_func("/exec/exec_log_same_result", test_exec_log_same_result);
    g_test_add_func("/exec/smc_same_block", test_smc_same_block);
    g_test_add_func("/exec/smc_any_budget", test_smc_any_budget);
    g_test_add_func("/exec/smc_misaligned_store", test_smc_misaligned_store);
    g_test_add_func("/exec/store_crossing_code_page", test_store_crossing_code_page);
    g_test_add_func("/exec/unaligned_ram", test_unaligned_ram);
    g_test_add_func("/exec/data_abort_read", test_data_abort_read);
    g_test_add_func("/exec/data_abort_write", test_data_abort_write);
    g_test_add_func("/exec/data_abort_crossing_writes_nothing",
                    test_data_abort_crossing_writes_nothing);
    g_test_add_func("/exec/data_abort_address_size", test_data_abort_address_size);
    g_test_add_func("/exec/undefined", test_undefined);
    g_test_add_func("/exec/undefined_budget", test_undefined_budget);
    g_test_add_func("/exec/psci_system_off", test_psci_system_off);
    g_test_add_func("/exec/psci_version_continues", test_psci_version_continues);
    g_test_add_func("/exec/svc_brk", test_svc_brk);
    g_test_add_func("/exec/eret_to_el0_and_back", test_eret_to_el0_and_back);
    g_test_add_func("/exec/fetch_abort", test_fetch_abort);
    g_test_add_func("/exec/mmio", test_mmio);
    g_test_add_func("/exec/misaligned_mmio_read32", test_misaligned_mmio_read32);
    g_test_add_func("/exec/misaligned_mmio_write64", test_misaligned_mmio_write64);
    g_test_add_func("/exec/misaligned_page0_read64", test_misaligned_page0_read64);
    g_test_add_func("/exec/zero_register", test_zero_register);
    g_test_add_func("/exec/code_across_pages", test_code_across_pages);
    g_test_add_func("/exec/code_tlb_fill_and_flush", test_code_tlb_fill_and_flush);
    g_test_add_func("/exec/code_tlb_block_flush", test_code_tlb_block_flush);
    g_test_add_func("/exec/code_tlb_permissions", test_code_tlb_permissions);
    g_test_add_func("/exec/code_remap_needs_tlbi", test_code_remap_needs_tlbi);
    g_test_add_func("/exec/stats_slow_paths", test_stats_slow_paths);
    return g_test_run();
}
