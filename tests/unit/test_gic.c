/*
 * Unit tests of the GICv3 model: the distributor and redistributor registers
 * through their MMIO handlers, highest-priority selection, PMR masking,
 * the acknowledge / EOI / deactivate flow in both EOI modes, and SGIs;
 * group 0 (FIQ) next to group 1 (IRQ): one highest-priority interrupt over
 * both groups, per-group acknowledge and EOI, binary points, the output
 * lines; and delivery to a vCPU: the virtual timer's IRQ taken at the exact
 * deadline, and an interrupt made pending by a store to GICD_ISPENDR taken
 * at the end of that block (IRQ and FIQ vectors).
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "arm/decode.h"
#include "arm/gic_cpuif.h"
#include "arm/timer.h"
#include "devices/bus.h"
#include "devices/gicv3.h"
#include "tcg/vcpu.h"

#define SGI(off) (GIC_REDIST_SGI_OFFSET + (off))

static void dist_w(struct gicv3 *gic, uint64_t off, uint32_t v)
{
    gicv3_dist_write(gic, off, v, 4);
}

static uint32_t dist_r(struct gicv3 *gic, uint64_t off)
{
    return (uint32_t)gicv3_dist_read(gic, off, 4);
}

/* The state Linux sets up: ARE, group 1 on, everything group 1, PMR open. */
static void setup(struct gicv3 *gic)
{
    gicv3_init(gic);
    dist_w(gic, 0x0, GICD_CTLR_ARE | GICD_CTLR_EN_GRP1);
    gicv3_redist_write(gic, 0x14, 0, 4); /* wake up */
    gicv3_redist_write(gic, SGI(0x80), 0xffffffff, 4);
    dist_w(gic, 0x84, 0xffffffff);
    dist_w(gic, 0x88, 0xffffffff);
    gic->s.icc_pmr = 0xf0;
    gic->s.icc_igrpen1 = 1;
}

static void test_id_regs(void)
{
    struct gicv3 gic;
    gicv3_init(&gic);
    g_assert_cmphex(dist_r(&gic, 0xffe8) >> 4 & 0xf, ==, 3);
    g_assert_cmphex(gicv3_redist_read(&gic, 0xffe8, 4) >> 4 & 0xf, ==, 3);
    g_assert_cmphex(dist_r(&gic, 0x4) & 0x1f, ==, 2); /* 96 interrupt IDs */
    g_assert_cmphex(dist_r(&gic, 0x0) & GICD_CTLR_DS, !=, 0);
    g_assert_cmphex(gicv3_redist_read(&gic, 0x8, 8), ==, 0x10); /* Last */
    /* WAKER handshake. */
    g_assert_cmphex(gicv3_redist_read(&gic, 0x14, 4), ==, 6);
    gicv3_redist_write(&gic, 0x14, 0, 4);
    g_assert_cmphex(gicv3_redist_read(&gic, 0x14, 4), ==, 0);
}

static void test_enable_pending_regs(void)
{
    struct gicv3 gic;
    setup(&gic);
    dist_w(&gic, 0x104, 0x5);   /* enable SPIs 0 and 2 (IDs 32, 34) */
    g_assert_cmphex(dist_r(&gic, 0x104), ==, 5);
    dist_w(&gic, 0x184, 0x1);
    g_assert_cmphex(dist_r(&gic, 0x184), ==, 4);
    dist_w(&gic, 0x204, 0x8);   /* pend ID 35 */
    g_assert_cmphex(dist_r(&gic, 0x204), ==, 8);
    dist_w(&gic, 0x284, 0x8);
    g_assert_cmphex(dist_r(&gic, 0x204), ==, 0);
    /* SGI/PPI words are RAZ/WI in the distributor with ARE. */
    dist_w(&gic, 0x100, 0xffffffff);
    g_assert_cmphex(dist_r(&gic, 0x100), ==, 0);
    gicv3_redist_write(&gic, SGI(0x100), 1u << 27, 4);
    g_assert_cmphex(gicv3_redist_read(&gic, SGI(0x100), 4), ==, 1u << 27);
    /* Priorities by byte and by word; SGIs read as edge-triggered. */
    gicv3_dist_write(&gic, 0x400 + 33, 0x40, 1);
    g_assert_cmphex(dist_r(&gic, 0x420), ==, 0x4000);
    g_assert_cmphex(gicv3_redist_read(&gic, SGI(0xc00), 4), ==, 0xaaaaaaaa);
    /* A level input shows as pending while high. */
    gicv3_set_irq(&gic, 40, true);
    g_assert_cmphex(dist_r(&gic, 0x204), ==, 1u << 8);
    gicv3_set_irq(&gic, 40, false);
    g_assert_cmphex(dist_r(&gic, 0x204), ==, 0);
    /* IROUTER keeps its affinity fields. */
    gicv3_dist_write(&gic, 0x6000 + 8 * 40, 0x80000000ull, 8);
    g_assert_cmphex(gicv3_dist_read(&gic, 0x6000 + 8 * 40, 8), ==, 0x80000000ull);
}

static void test_priority_selection(void)
{
    struct gicv3 gic;
    setup(&gic);
    dist_w(&gic, 0x104, 0xffffffff);
    gic.s.priority[33] = 0x80;
    gic.s.priority[40] = 0x40;
    gic.s.priority[41] = 0x40;
    g_assert_cmpuint(gicv3_hppi(&gic), ==, GIC_INTID_SPURIOUS);
    gicv3_set_irq(&gic, 33, true);
    g_assert_cmpuint(gicv3_hppi(&gic), ==, 33);
    gicv3_set_irq(&gic, 41, true);
    g_assert_cmpuint(gicv3_hppi(&gic), ==, 41);
    gicv3_set_irq(&gic, 40, true); /* same priority: lower ID wins */
    g_assert_cmpuint(gicv3_hppi(&gic), ==, 40);
    /* Disabled interrupts and a disabled group do not count. */
    dist_w(&gic, 0x184, 1u << 8);
    g_assert_cmpuint(gicv3_hppi(&gic), ==, 41);
    gic.s.icc_igrpen1 = 0;
    g_assert_cmpuint(gicv3_hppi(&gic), ==, GIC_INTID_SPURIOUS);
    g_assert_false(gicv3_irq_signalled(&gic));
}

static void test_pmr_masking(void)
{
    struct gicv3 gic;
    setup(&gic);
    gicv3_redist_write(&gic, SGI(0x100), 1u << 27, 4);
    gic.s.priority[27] = 0xa0;
    gicv3_set_irq(&gic, 27, true);
    gic.s.icc_pmr = 0xa0; /* equal priority is masked */
    g_assert_false(gicv3_irq_signalled(&gic));
    g_assert_cmpuint(gicv3_acknowledge(&gic, GIC_GROUP1), ==, GIC_INTID_SPURIOUS);
    gic.s.icc_pmr = 0xa8;
    g_assert_true(gicv3_irq_signalled(&gic));
}

static void test_ack_eoi_flow(void)
{
    struct gicv3 gic;
    setup(&gic);
    gicv3_redist_write(&gic, SGI(0x100), 1u << 27, 4);
    dist_w(&gic, 0x104, 1);
    gic.s.priority[27] = 0xa0;
    gic.s.priority[32] = 0x80;
    gicv3_set_irq(&gic, 27, true);
    g_assert_cmpuint(gicv3_acknowledge(&gic, GIC_GROUP1), ==, 27);
    g_assert_cmpuint(gicv3_running_priority(&gic), ==, 0xa0);
    /* Active: not signalled again though the level stays high. */
    g_assert_false(gicv3_irq_signalled(&gic));
    /* A higher priority one preempts, a lower one would not. */
    gicv3_set_irq(&gic, 32, true);
    g_assert_cmpuint(gicv3_acknowledge(&gic, GIC_GROUP1), ==, 32);
    g_assert_cmpuint(gicv3_running_priority(&gic), ==, 0x80);
    gicv3_set_irq(&gic, 32, false);
    gicv3_eoi(&gic, 32, GIC_GROUP1);
    g_assert_cmpuint(gicv3_running_priority(&gic), ==, 0xa0);
    gicv3_eoi(&gic, 27, GIC_GROUP1); /* EOImode 0: deactivates too */
    g_assert_cmpuint(gicv3_running_priority(&gic), ==, GIC_PRIO_IDLE);
    g_assert_true(gicv3_irq_signalled(&gic)); /* level still high */
    gicv3_set_irq(&gic, 27, false);
    g_assert_false(gicv3_irq_signalled(&gic));

    /* EOImode 1: EOIR drops the priority only, DIR deactivates. */
    gic.s.icc_ctlr |= ICC_CTLR_EOIMODE;
    gicv3_set_irq(&gic, 27, true);
    g_assert_cmpuint(gicv3_acknowledge(&gic, GIC_GROUP1), ==, 27);
    gicv3_eoi(&gic, 27, GIC_GROUP1);
    g_assert_cmpuint(gicv3_running_priority(&gic), ==, GIC_PRIO_IDLE);
    g_assert_cmphex(gicv3_redist_read(&gic, SGI(0x300), 4), ==, 1u << 27);
    g_assert_false(gicv3_irq_signalled(&gic));
    gicv3_deactivate(&gic, 27);
    g_assert_true(gicv3_irq_signalled(&gic));
}

static void test_edge_and_sgi(void)
{
    struct gicv3 gic;
    setup(&gic);
    gicv3_redist_write(&gic, SGI(0x100), 0xffff, 4);
    gicv3_send_sgi(&gic, (5ull << 24) | 1); /* SGI 5 to Aff0 = 0 */
    g_assert_cmpuint(gicv3_acknowledge(&gic, GIC_GROUP1), ==, 5);
    gicv3_eoi(&gic, 5, GIC_GROUP1);
    g_assert_false(gicv3_irq_signalled(&gic)); /* edge: consumed */
    gicv3_send_sgi(&gic, (6ull << 24) | (1ull << 40)); /* to others: none */
    g_assert_false(gicv3_irq_signalled(&gic));
    /* An edge-triggered SPI latches on the rising edge. */
    dist_w(&gic, 0xc08, 2u << 0); /* ID 32 edge */
    dist_w(&gic, 0x104, 1);
    gicv3_set_irq(&gic, 32, true);
    gicv3_set_irq(&gic, 32, false);
    g_assert_cmpuint(gicv3_acknowledge(&gic, GIC_GROUP1), ==, 32);
}

/* --- group 0 (FIQ) and group 1 (IRQ) ------------------------------------------ */

/* Both groups on; SGI 1 in group 0 at 0x80, SGI 2 in group 1. */
static void setup_both_groups(struct gicv3 *gic)
{
    setup(gic);
    dist_w(gic, 0x0, GICD_CTLR_ARE | GICD_CTLR_EN_GRP1 | GICD_CTLR_EN_GRP0);
    gic->s.icc_igrpen0 = 1;
    gicv3_redist_write(gic, SGI(0x80), ~(1u << 1), 4);
    gicv3_redist_write(gic, SGI(0x100), 0xffff, 4);
    gic->s.priority[1] = 0x80;
}

static void test_group0_is_fiq(void)
{
    struct gicv3 gic;
    setup_both_groups(&gic);
    gicv3_redist_write(&gic, SGI(0x200), 1u << 1, 4);
    g_assert_true(gicv3_fiq_signalled(&gic));
    g_assert_false(gicv3_irq_signalled(&gic));
    g_assert_cmpuint(gicv3_hppir(&gic, GIC_GROUP0), ==, 1);
    g_assert_cmpuint(gicv3_hppir(&gic, GIC_GROUP1), ==, GIC_INTID_SPURIOUS);
    /* IAR1 does not take a group 0 interrupt. */
    g_assert_cmpuint(gicv3_acknowledge(&gic, GIC_GROUP1), ==, GIC_INTID_SPURIOUS);
    g_assert_cmpuint(gicv3_acknowledge(&gic, GIC_GROUP0), ==, 1);
    g_assert_cmphex(gic.s.icc_ap0r0, ==, 1u << 16);
    g_assert_cmphex(gic.s.icc_ap1r0, ==, 0);
    g_assert_cmpuint(gicv3_running_priority(&gic), ==, 0x80);
    g_assert_false(gicv3_fiq_signalled(&gic));
    /* EOIR1 does not drop a group 0 priority; EOIR0 does and deactivates. */
    gicv3_eoi(&gic, 1, GIC_GROUP1);
    g_assert_cmpuint(gicv3_running_priority(&gic), ==, 0x80);
    gicv3_eoi(&gic, 1, GIC_GROUP0);
    g_assert_cmpuint(gicv3_running_priority(&gic), ==, GIC_PRIO_IDLE);
    g_assert_cmphex(gicv3_redist_read(&gic, SGI(0x300), 4), ==, 0);

    /* Disabled in GICD_CTLR or at the CPU interface: not signalled. */
    gicv3_redist_write(&gic, SGI(0x200), 1u << 1, 4);
    dist_w(&gic, 0x0, GICD_CTLR_ARE | GICD_CTLR_EN_GRP1);
    g_assert_false(gicv3_fiq_signalled(&gic));
    g_assert_cmpuint(gicv3_hppi(&gic), ==, GIC_INTID_SPURIOUS);
    dist_w(&gic, 0x0, GICD_CTLR_ARE | GICD_CTLR_EN_GRP1 | GICD_CTLR_EN_GRP0);
    gic.s.icc_igrpen0 = 0;
    g_assert_false(gicv3_fiq_signalled(&gic));
    gic.s.icc_igrpen0 = 1;
    g_assert_true(gicv3_fiq_signalled(&gic));
}

/* One highest-priority interrupt over both groups decides which line is up. */
static void test_groups_by_priority(void)
{
    struct gicv3 gic;
    setup_both_groups(&gic);
    gic.s.priority[2] = 0x40;
    gicv3_redist_write(&gic, SGI(0x200), (1u << 1) | (1u << 2), 4);
    g_assert_true(gicv3_irq_signalled(&gic));
    g_assert_false(gicv3_fiq_signalled(&gic));
    g_assert_cmpuint(gicv3_acknowledge(&gic, GIC_GROUP0), ==, GIC_INTID_SPURIOUS);
    g_assert_cmpuint(gicv3_acknowledge(&gic, GIC_GROUP1), ==, 2);
    /* The FIQ at 0x80 does not preempt the IRQ running at 0x40. */
    g_assert_false(gicv3_fiq_signalled(&gic));
    gicv3_eoi(&gic, 2, GIC_GROUP1);
    g_assert_true(gicv3_fiq_signalled(&gic));
    g_assert_cmpuint(gicv3_acknowledge(&gic, GIC_GROUP0), ==, 1);
    gicv3_eoi(&gic, 1, GIC_GROUP0);

    /* A group 0 interrupt above a running group 1 one preempts it. */
    gic.s.priority[2] = 0x90;
    gicv3_redist_write(&gic, SGI(0x200), 1u << 2, 4);
    g_assert_cmpuint(gicv3_acknowledge(&gic, GIC_GROUP1), ==, 2);
    gicv3_redist_write(&gic, SGI(0x200), 1u << 1, 4);
    g_assert_true(gicv3_fiq_signalled(&gic));
    g_assert_cmpuint(gicv3_acknowledge(&gic, GIC_GROUP0), ==, 1);
    g_assert_cmpuint(gicv3_running_priority(&gic), ==, 0x80);
    gicv3_eoi(&gic, 2, GIC_GROUP1); /* not the highest active group: ignored */
    g_assert_cmpuint(gicv3_running_priority(&gic), ==, 0x80);
    gicv3_eoi(&gic, 1, GIC_GROUP0);
    g_assert_cmpuint(gicv3_running_priority(&gic), ==, 0x90);
    gicv3_eoi(&gic, 2, GIC_GROUP1);
    g_assert_cmpuint(gicv3_running_priority(&gic), ==, GIC_PRIO_IDLE);

    /* The highest one in a group disabled at the CPU interface blocks the
     * other group's lower one too (as in QEMU). */
    gic.s.priority[2] = 0x90;
    gicv3_redist_write(&gic, SGI(0x200), (1u << 1) | (1u << 2), 4);
    gic.s.icc_igrpen0 = 0;
    g_assert_false(gicv3_irq_signalled(&gic));
    g_assert_false(gicv3_fiq_signalled(&gic));
    g_assert_cmpuint(gicv3_hppir(&gic, GIC_GROUP1), ==, GIC_INTID_SPURIOUS);
}

/* Group priority against a running priority of 0x40: BPR0 for group 0,
 * BPR1 for group 1, or BPR0 for both with CBPR. */
static void test_binary_points(void)
{
    struct gicv3 gic;
    setup_both_groups(&gic);
    gic.s.icc_ap0r0 = 1u << 8;
    g_assert_cmpuint(gicv3_running_priority(&gic), ==, 0x40);
    gic.s.priority[1] = 0x38;
    gicv3_redist_write(&gic, SGI(0x200), 1u << 1, 4);
    static const bool g0_preempts[8] = { [2] = true, [3] = true, [4] = true, [5] = true };
    for (unsigned bpr = 2; bpr < 8; bpr++) {
        gic.s.icc_bpr0 = bpr;
        g_assert_cmpint(gicv3_fiq_signalled(&gic), ==, g0_preempts[bpr]);
    }
    gicv3_redist_write(&gic, SGI(0x280), 1u << 1, 4);
    gic.s.priority[2] = 0x38;
    gicv3_redist_write(&gic, SGI(0x200), 1u << 2, 4);
    static const bool g1_preempts[8] = { [3] = true, [4] = true, [5] = true, [6] = true };
    for (unsigned bpr = 3; bpr < 8; bpr++) {
        gic.s.icc_bpr1 = bpr;
        g_assert_cmpint(gicv3_irq_signalled(&gic), ==, g1_preempts[bpr]);
    }
    gic.s.icc_ctlr |= ICC_CTLR_CBPR;
    gic.s.icc_bpr1 = 7;
    for (unsigned bpr = 2; bpr < 8; bpr++) {
        gic.s.icc_bpr0 = bpr;
        g_assert_cmpint(gicv3_irq_signalled(&gic), ==, g0_preempts[bpr]);
    }
}

static unsigned line_rises[2];

static void count_rise(void *opaque, int line, bool level)
{
    (void)opaque;
    if (level) {
        line_rises[line]++;
    }
}

/* The outputs follow every change, and only a change reaches the CPU. */
static void test_output_lines(void)
{
    struct gicv3 gic;
    setup_both_groups(&gic);
    struct irq_line irq = { .set_level = count_rise, .line = 0 };
    struct irq_line fiq = { .set_level = count_rise, .line = 1 };
    gicv3_connect_cpu(&gic, &irq, &fiq);
    memset(line_rises, 0, sizeof(line_rises));
    gic.s.priority[40] = 0xa0;
    dist_w(&gic, 0x104, 1u << 8);           /* SPI 40 enabled, group 1 */
    gicv3_set_irq(&gic, 40, true);
    g_assert_true(gic.irq_level);
    gicv3_set_irq(&gic, 40, true);          /* no change: no second rise */
    g_assert_cmpuint(line_rises[0], ==, 1);
    gicv3_redist_write(&gic, SGI(0x200), 1u << 1, 4); /* 0x80 beats 0xa0 */
    g_assert_false(gic.irq_level);
    g_assert_true(gic.fiq_level);
    g_assert_cmpuint(line_rises[1], ==, 1);
    g_assert_cmpuint(gicv3_acknowledge(&gic, GIC_GROUP0), ==, 1);
    g_assert_false(gic.fiq_level);
    g_assert_false(gic.irq_level);          /* 0xa0 does not preempt 0x80 */
    gicv3_eoi(&gic, 1, GIC_GROUP0);
    g_assert_true(gic.irq_level);
    g_assert_cmpuint(line_rises[0], ==, 2);
    gicv3_set_irq(&gic, 40, false);
    g_assert_false(gic.irq_level);
}

/* --- delivery to a vCPU ------------------------------------------------------ */

#define RAM_BASE 0x40000000ull
#define RAM_SIZE (1u << 20)
#define CODE     (RAM_BASE + 0x1000)
#define VBAR     (RAM_BASE + 0x10000)
#define INSN_B_SELF    0x14000000u /* b . */
#define INSN_MRS_CNTVCT 0xd53be041u /* mrs x1, cntvct_el0 */

static void put32(uint8_t *ram, uint64_t pa, uint32_t v)
{
    memcpy(ram + (pa - RAM_BASE), &v, 4);
}

static void run_timer_program(unsigned pmr, const uint32_t *code, unsigned n, uint64_t *elr,
                              uint64_t *x1, uint64_t *pc, uint64_t *x2);

/*
 * A vCPU spinning at CODE with IRQs unmasked and the virtual timer due at
 * counter 100 (instruction 1600); the IRQ vector reads the counter into x1.
 */
static void run_timer_irq(unsigned pmr, uint64_t *elr, uint64_t *x1, uint64_t *pc)
{
    static const uint32_t spin[] = { INSN_B_SELF };
    run_timer_program(pmr, spin, 1, elr, x1, pc, NULL);
}


/* Zeroed guest RAM at RAM_BASE behind a fresh bus; free() it after. */
static uint8_t *zeroed_ram(struct bus *bus)
{
    uint8_t *ram = aligned_alloc(4096, RAM_SIZE);
    g_assert_nonnull(ram);
    memset(ram, 0, RAM_SIZE);
    bus_init(bus, ram, RAM_BASE, RAM_SIZE);
    return ram;
}
/* The same with 'code' at CODE; *x2 (when asked) is the guest's x2 at the end. */
static void run_timer_program(unsigned pmr, const uint32_t *code, unsigned n, uint64_t *elr,
                              uint64_t *x1, uint64_t *pc, uint64_t *x2)
{
    struct bus bus;
    uint8_t *ram = zeroed_ram(&bus);
    struct gicv3 gic;
    setup(&gic);
    gicv3_redist_write(&gic, SGI(0x100), 1u << 27, 4);
    gic.s.priority[27] = 0xa0;
    gic.s.icc_pmr = pmr;
    gic_cpuif_bind(&gic);
    a64_decode_init();
    struct vcpu *cpu = vcpu_new(&bus);
    g_assert_nonnull(cpu);
    arm_state_reset(&cpu->s, CODE);
    cpu->s.el1.vbar = VBAR;
    cpu->s.daif = 0;
    cpu->s.timer_ctl[TIMER_VIRT] = TIMER_CTL_ENABLE;
    cpu->s.timer_cval[TIMER_VIRT] = 100;
    vcpu_update_flags(cpu);
    for (unsigned i = 0; i < n; i++) {
        put32(ram, CODE + 4 * i, code[i]);
    }
    put32(ram, VBAR + 0x280, INSN_MRS_CNTVCT); /* IRQ, current EL with SP_ELx */
    put32(ram, VBAR + 0x284, INSN_B_SELF);
    g_assert_cmpint(vcpu_run(cpu, 5000), ==, VCPU_STOP_BUDGET);
    g_assert_cmpuint(cpu->s.icount, ==, 5000);
    *elr = cpu->s.el1.elr;
    *x1 = cpu->s.x[1];
    *pc = cpu->s.pc;
    if (x2) {
        *x2 = cpu->s.x[2];
    }
    vcpu_free(cpu);
    gic_cpuif_bind(NULL);
    free(ram);
}

static void test_timer_irq_delivery(void)
{
    uint64_t elr, x1, pc;
    run_timer_irq(0xf0, &elr, &x1, &pc);
    g_assert_cmphex(pc, ==, VBAR + 0x284);
    g_assert_cmphex(elr, ==, CODE);
    g_assert_cmpuint(x1, ==, 100); /* taken exactly at the deadline */
    /* Masked by PMR: it never arrives. */
    run_timer_irq(0xa0, &elr, &x1, &pc);
    g_assert_cmphex(pc, ==, CODE);
}

/*
 * WFI skips the idle time to the timer deadline: the loop around it never
 * runs before the IRQ, which still arrives exactly at the deadline; with the
 * IRQ masked by PMR, WFI sleeps to the deadline, then to the end of the budget.
 */
static void test_wfi_skips_to_deadline(void)
{
    static const uint32_t wfi_loop[] = {
        0xd503207fu, /* wfi */
        0x91000442u, /* add x2, x2, #1 */
        0x17fffffeu, /* b CODE */
    };
    uint64_t elr, x1, pc, x2;
    run_timer_program(0xf0, wfi_loop, 3, &elr, &x1, &pc, &x2);
    g_assert_cmphex(pc, ==, VBAR + 0x284);
    g_assert_cmphex(elr, ==, CODE + 4); /* WFI completed, then the IRQ */
    g_assert_cmpuint(x1, ==, 100);
    g_assert_cmpuint(x2, ==, 0);
    run_timer_program(0xa0, wfi_loop, 3, &elr, &x1, &pc, &x2);
    g_assert_cmpuint(x2, ==, 1);
    g_assert_cmphex(pc, ==, CODE + 4);
}

/*
 * A loop that stores to GICD_ISPENDR1 on every iteration, the value 0 until
 * iteration 50 (x2), then SPI 40's bit: the interrupt is taken at the end
 * of that iteration's block though the loop is chained to itself, with
 * x2 = 50 and ELR the loop's start; the vector spins.
 */
static void run_pend_loop(bool group0, uint64_t *x2, uint64_t *elr, uint64_t *pc)
{
    static const uint32_t loop[] = {
        0x91000442u, /* add x2, x2, #1 */
        0xf100c85fu, /* cmp x2, #50 */
        0x1a9f0024u, /* csel w4, w1, wzr, eq */
        0xb9000004u, /* str w4, [x0] */
        0x17fffffcu, /* b loop */
    };
    struct bus bus;
    uint8_t *ram = zeroed_ram(&bus);
    struct gicv3 gic;
    setup_both_groups(&gic);
    gicv3_attach(&gic, &bus);
    if (group0) {
        dist_w(&gic, 0x84, ~(1u << 8));
    }
    dist_w(&gic, 0x104, 1u << 8);
    gic_cpuif_bind(&gic);
    a64_decode_init();
    struct vcpu *cpu = vcpu_new(&bus);
    g_assert_nonnull(cpu);
    arm_state_reset(&cpu->s, CODE);
    cpu->s.el1.vbar = VBAR;
    cpu->s.daif = 0;
    cpu->s.x[0] = virt_memmap[VIRT_GIC_DIST].base + 0x204;
    cpu->s.x[1] = 1u << 8;
    vcpu_update_flags(cpu);
    for (unsigned i = 0; i < 5; i++) {
        put32(ram, CODE + 4 * i, loop[i]);
    }
    put32(ram, VBAR + 0x280, INSN_B_SELF);
    put32(ram, VBAR + 0x300, INSN_B_SELF);
    g_assert_cmpint(vcpu_run(cpu, 5000), ==, VCPU_STOP_BUDGET);
    *x2 = cpu->s.x[2];
    *elr = cpu->s.el1.elr;
    *pc = cpu->s.pc;
    vcpu_free(cpu);
    gic_cpuif_bind(NULL);
    free(ram);
}

static void test_pend_taken_at_block_end(void)
{
    uint64_t x2, elr, pc;
    run_pend_loop(false, &x2, &elr, &pc);
    g_assert_cmphex(pc, ==, VBAR + 0x280); /* IRQ, current EL with SP_ELx */
    g_assert_cmpuint(x2, ==, 50);
    g_assert_cmphex(elr, ==, CODE);
    run_pend_loop(true, &x2, &elr, &pc);
    g_assert_cmphex(pc, ==, VBAR + 0x300); /* FIQ */
    g_assert_cmpuint(x2, ==, 50);
    g_assert_cmphex(elr, ==, CODE);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/gic/id_regs", test_id_regs);
    g_test_add_func("/gic/enable_pending_regs", test_enable_pending_regs);
    g_test_add_func("/gic/priority_selection", test_priority_selection);
    g_test_add_func("/gic/pmr_masking", test_pmr_masking);
    g_test_add_func("/gic/ack_eoi_flow", test_ack_eoi_flow);
    g_test_add_func("/gic/edge_and_sgi", test_edge_and_sgi);
    g_test_add_func("/gic/group0_is_fiq", test_group0_is_fiq);
    g_test_add_func("/gic/groups_by_priority", test_groups_by_priority);
    g_test_add_func("/gic/binary_points", test_binary_points);
    g_test_add_func("/gic/output_lines", test_output_lines);
    g_test_add_func("/gic/timer_irq_delivery", test_timer_irq_delivery);
    g_test_add_func("/gic/wfi_skips_to_deadline", test_wfi_skips_to_deadline);
    g_test_add_func("/gic/pend_taken_at_block_end", test_pend_taken_at_block_end);
    return g_test_run();
}
