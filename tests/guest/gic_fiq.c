/*
 * GICv3 group 0 as FIQ, next to group 1 as IRQ, on a GIC with one security
 * state (GICD_CTLR.DS = 1, as on QEMU's virt board without EL3):
 *  - a pending group 0 SGI shows as ISR_EL1.F and in HPPIR0, not HPPIR1;
 *    IAR1 does not acknowledge it; DAIF.F holds it back (DAIF.I does not);
 *    unmasked, it is taken at the FIQ vector (offset 0x300 at EL1h) and
 *    IAR0 / EOIR0 / AP0R0 / RPR go through the acknowledge-EOI cycle, in
 *    both EOI modes (DIR deactivates only with EOImode = 1);
 *  - both groups pending: the higher priority goes first whatever its
 *    group; a group 0 FIQ preempts a running group 1 IRQ handler, a lower
 *    priority one waits; EOIR1 does not drop a group 0 priority;
 *  - ICC_IGRPEN0 = 0 with the highest-priority interrupt in group 0;
 *  - binary points: BPR0 / BPR1 / CBPR decide which pending interrupt has
 *    a high enough group priority to preempt the running priority;
 *  - prompt delivery: after a write to GICD_ISPENDR the interrupt (IRQ and
 *    FIQ) is taken within a few iterations of the loop that follows;
 *  - WFI wakes on a group 0 timer interrupt (FIQ);
 *  - FIQ taken from EL0 (vector offset 0x500).
 * SError (vector offsets 0x180, 0x380, 0x580) has no source on this board:
 * no EL2, no RAS, and bus errors are synchronous aborts (QEMU the same), so
 * it is not tested. EL1t (SP_EL0) vectors are in vectors_sp0.c.
 */
#include "gicv3_guest.h"

/* What the handler saw, in order. */
#define MAX_EVENTS 16
static struct event {
    int kind;           /* vector index */
    uint64_t intid;     /* from IAR0 (FIQ) or IAR1 (IRQ) */
    uint64_t rpr;       /* running priority after the acknowledge */
    uint64_t elr, spsr;
} events[MAX_EVENTS];
static volatile unsigned n_events;

/* Handler behaviour for one test. */
static volatile int nest_fiq_in_irq;  /* IRQ handler: pend SGI 1 and unmask F */
static volatile int fiq_tries_eoir1;  /* FIQ handler: EOIR1 first (ignored) */
static volatile uint64_t fiq_rpr_after_eoir1;
static volatile uint64_t irq_isr_with_low_fiq;
static volatile int stop_timer;       /* handler: the virtual timer's level drops */

static uint64_t el0_stack[256] __attribute__((aligned(16)));
void el0_spin(void);

/* EL0: spins a while, then returns to EL1. */
__asm__(".text\n"
        ".global el0_spin\n"
        "el0_spin:\n"
        "    mov x0, #1000\n"
        "1:  subs x0, x0, #1\n"
        "    b.ne 1b\n"
        "    " GUEST_EL0_EXIT_ASM "\n");

static void log_event(int kind, uint64_t intid)
{
    if (n_events < MAX_EVENTS) {
        struct event *e = &events[n_events];
        e->kind = kind;
        e->intid = intid;
        e->rpr = ICC_READ(ICC_RPR);
        e->elr = read_elr();
        e->spsr = SYSREG_READ(spsr_el1);
    }
    n_events++;
}

static void on_irq(int kind)
{
    uint64_t id = ICC_READ(ICC_IAR1);
    log_event(kind, id);
    if (nest_fiq_in_irq) {
        nest_fiq_in_irq = 0;
        uint64_t elr = read_elr(), spsr = SYSREG_READ(spsr_el1);
        /* A lower-priority group 0 interrupt does not preempt... */
        gic_pend(3);
        irq_isr_with_low_fiq = SYSREG_READ(isr_el1);
        /* ...a higher one does, as soon as F is unmasked. */
        gic_pend(1);
        __asm__ volatile("msr daifclr, #1\n\tnop\n\tnop\n\tmsr daifset, #1" ::: "memory");
        write_elr(elr);
        SYSREG_WRITE(spsr_el1, spsr);
        log_event(-1, id);      /* marks the end of the IRQ handler */
    }
    if (id != INTID_SPURIOUS) {
        ICC_WRITE(ICC_EOIR1, id);
    }
}

static void on_fiq(int kind)
{
    uint64_t id = ICC_READ(ICC_IAR0);
    log_event(kind, id);
    if (stop_timer) {
        SYSREG_WRITE(cntv_ctl_el0, 0);
        __asm__ volatile("isb");
    }
    if (fiq_tries_eoir1 && id != INTID_SPURIOUS) {
        fiq_tries_eoir1 = 0;
        ICC_WRITE(ICC_EOIR1, id);
        fiq_rpr_after_eoir1 = ICC_READ(ICC_RPR);
    }
    if (id != INTID_SPURIOUS) {
        ICC_WRITE(ICC_EOIR0, id);
    }
}

void guest_exception(int kind)
{
    switch (kind) {
    case VEC_CUR_SPX + 1:
    case VEC_LOWER_A64 + 1:
        on_irq(kind);
        return;
    case VEC_CUR_SPX + 2:
    case VEC_LOWER_A64 + 2:
        on_fiq(kind);
        return;
    case VEC_LOWER_A64:
        if (guest_el0_exit(kind, read_esr())) {
            return;
        }
        break;
    default:
        break;
    }
    guest_unexpected_exception(kind);
}

/* Prints the events as "vector/intid/rpr" and forgets them. */
static void print_events(const char *what)
{
    guest_puts(what);
    guest_puts(":");
    for (unsigned i = 0; i < n_events && i < MAX_EVENTS; i++) {
        guest_puts(" ");
        if (events[i].kind < 0) {
            guest_puts("end");
        } else {
            guest_put_dec((uint64_t)events[i].kind);
        }
        guest_puts("/");
        guest_put_dec(events[i].intid);
        guest_puts("/0x");
        guest_put_hex(events[i].rpr);
    }
    guest_putc('\n');
}

static void reset_events(void)
{
    n_events = 0;
}

static void spin(unsigned n)
{
    for (volatile unsigned i = 0; i < n; i++) {
    }
}

/* SGI 1 in group 0 at priority 0x80, all else group 1. */
static void test_group0_basics(void)
{
    gic_set_group(1, 0);
    gic_set_priority(1, 0x80);
    gic_enable(1);
    gic_pend(1);
    CHECK_EQ(SYSREG_READ(isr_el1), 0x40);           /* F, not I */
    CHECK_EQ(ICC_READ(ICC_HPPIR0), 1);
    CHECK_EQ(ICC_READ(ICC_HPPIR1), INTID_SPURIOUS);
    CHECK_EQ(ICC_READ(ICC_IAR1), INTID_SPURIOUS);   /* not group 1's to take */
    CHECK_EQ(gic_is_pending(1), 1);
    CHECK_EQ(ICC_READ(ICC_RPR), 0xff);
    guest_puts("group 0 pending: ISR.F, HPPIR0 1, HPPIR1 and IAR1 1023\n");

    /* DAIF.I clear, F still set: nothing is taken. */
    reset_events();
    __asm__ volatile("msr daifclr, #2\n\tisb" ::: "memory");
    spin(1000);
    CHECK_EQ(n_events, 0);
    guest_puts("daif.f masks the fiq\n");

    uint64_t ret;
    __asm__ volatile("adr %0, 1f\n\tmsr daifclr, #1\n1:\tnop\n\tmsr daifset, #3"
                     : "=&r"(ret) :: "memory");
    print_events("fiq at el1h");
    CHECK_EQ(n_events, 1);
    CHECK_EQ(events[0].kind, VEC_CUR_SPX + 2);
    CHECK_EQ(events[0].intid, 1);
    CHECK_EQ(events[0].rpr, 0x80);
    CHECK_EQ(events[0].elr, ret);
    CHECK_EQ(events[0].spsr & 0x3cf, 0x305);               /* EL1h, I and F were clear */
    CHECK_EQ(ICC_READ(ICC_RPR), 0xff);
    CHECK_EQ(ICC_READ(ICC_AP0R0), 0);
    CHECK_EQ(gic_is_pending(1), 0);
    CHECK_EQ(SYSREG_READ(isr_el1), 0);
}

/* Active priorities: IAR0 sets AP0R0's bit for priority 0x80 (bit 16). */
static void test_active_priority_regs(void)
{
    gic_pend(1);
    CHECK_EQ(ICC_READ(ICC_IAR0), 1);
    CHECK_EQ(ICC_READ(ICC_AP0R0), 1u << 16);
    CHECK_EQ(ICC_READ(ICC_AP1R0), 0);
    CHECK_EQ(ICC_READ(ICC_RPR), 0x80);
    CHECK_EQ(ICC_READ(ICC_HPPIR0), INTID_SPURIOUS);
    /* EOIR1 does not drop a group 0 priority. */
    ICC_WRITE(ICC_EOIR1, 1);
    CHECK_EQ(ICC_READ(ICC_RPR), 0x80);
    ICC_WRITE(ICC_EOIR0, 1);
    CHECK_EQ(ICC_READ(ICC_RPR), 0xff);
    CHECK_EQ(ICC_READ(ICC_AP0R0), 0);
    CHECK_EQ(mmio_r32(GICR_SGI + 0x300) & 2, 0);  /* ISACTIVER0: deactivated */
    guest_puts("iar0/eoir0: ap0r0 bit 16, rpr 0x80, eoir1 ignored\n");
}

/* ICC_CTLR_EL1.EOImode: 0, EOIR0 deactivates and DIR does nothing; 1, EOIR0
 * only drops the priority and DIR deactivates. */
static void test_eoi_modes(void)
{
    gic_pend(1);
    CHECK_EQ(ICC_READ(ICC_IAR0), 1);
    ICC_WRITE(ICC_DIR, 1);
    CHECK_EQ(mmio_r32(GICR_SGI + 0x300) & 2, 2);  /* still active */
    ICC_WRITE(ICC_EOIR0, 1);
    CHECK_EQ(mmio_r32(GICR_SGI + 0x300) & 2, 0);
    ICC_WRITE(ICC_CTLR, 2);                         /* EOImode */
    gic_pend(1);
    CHECK_EQ(ICC_READ(ICC_IAR0), 1);
    ICC_WRITE(ICC_EOIR0, 1);
    CHECK_EQ(ICC_READ(ICC_RPR), 0xff);
    CHECK_EQ(mmio_r32(GICR_SGI + 0x300) & 2, 2);  /* dropped, still active */
    gic_pend(1);
    CHECK_EQ(ICC_READ(ICC_HPPIR0), INTID_SPURIOUS); /* active: not again */
    ICC_WRITE(ICC_DIR, 1);
    CHECK_EQ(mmio_r32(GICR_SGI + 0x300) & 2, 0);
    CHECK_EQ(ICC_READ(ICC_HPPIR0), 1);              /* pending again */
    gic_unpend(1);
    ICC_WRITE(ICC_CTLR, 0);
    guest_puts("eoimode 0 and 1 with group 0: eoir0 / dir ok\n");
}

/* Both groups pending: priority decides, not the group. */
static void test_priority_between_groups(void)
{
    gic_set_group(2, 1);
    gic_set_priority(2, 0x40);                      /* IRQ above the FIQ */
    gic_enable(2);
    gic_pend(1);
    gic_pend(2);
    CHECK_EQ(SYSREG_READ(isr_el1), 0x80);           /* only the IRQ line */
    CHECK_EQ(ICC_READ(ICC_HPPIR0), INTID_SPURIOUS);
    CHECK_EQ(ICC_READ(ICC_HPPIR1), 2);
    CHECK_EQ(ICC_READ(ICC_IAR0), INTID_SPURIOUS);
    reset_events();
    __asm__ volatile("msr daifclr, #3\n\tnop\n\tnop\n\tmsr daifset, #3" ::: "memory");
    print_events("irq 0x40 and fiq 0x80");
    CHECK_EQ(n_events, 2);
    CHECK_EQ(events[0].kind, VEC_CUR_SPX + 1);
    CHECK_EQ(events[0].intid, 2);
    CHECK_EQ(events[1].kind, VEC_CUR_SPX + 2);
    CHECK_EQ(events[1].intid, 1);

    gic_set_priority(2, 0x90);                      /* now the FIQ is above */
    gic_pend(1);
    gic_pend(2);
    CHECK_EQ(SYSREG_READ(isr_el1), 0x40);
    reset_events();
    __asm__ volatile("msr daifclr, #3\n\tnop\n\tnop\n\tmsr daifset, #3" ::: "memory");
    print_events("fiq 0x80 and irq 0x90");
    CHECK_EQ(n_events, 2);
    CHECK_EQ(events[0].kind, VEC_CUR_SPX + 2);
    CHECK_EQ(events[0].intid, 1);
    CHECK_EQ(events[1].kind, VEC_CUR_SPX + 1);
    CHECK_EQ(events[1].intid, 2);
}

/* A group 0 FIQ preempts a group 1 IRQ handler running at a lower
 * priority; a lower-priority group 0 interrupt waits for its EOI. */
static void test_fiq_preempts_irq(void)
{
    gic_set_priority(1, 0x40);
    gic_set_group(3, 0);
    gic_set_priority(3, 0xa0);
    gic_enable(3);
    gic_set_priority(2, 0x80);
    nest_fiq_in_irq = 1;
    fiq_tries_eoir1 = 1;
    reset_events();
    gic_pend(2);
    __asm__ volatile("msr daifclr, #3\n\tnop\n\tnop\n\tmsr daifset, #3" ::: "memory");
    print_events("fiq inside irq");
    CHECK_EQ(irq_isr_with_low_fiq, 0);
    CHECK_EQ(fiq_rpr_after_eoir1, 0x40);
    CHECK_EQ(n_events, 4);
    CHECK_EQ(events[0].kind, VEC_CUR_SPX + 1);
    CHECK_EQ(events[0].intid, 2);
    CHECK_EQ(events[0].rpr, 0x80);
    CHECK_EQ(events[1].kind, VEC_CUR_SPX + 2);
    CHECK_EQ(events[1].intid, 1);
    CHECK_EQ(events[1].rpr, 0x40);
    CHECK_EQ(events[1].spsr & 0x3cf, 0x385);               /* from EL1h with D, A, I masked */
    CHECK_EQ(events[2].kind, -1);
    CHECK_EQ(events[2].rpr, 0x80);
    CHECK_EQ(events[3].kind, VEC_CUR_SPX + 2);      /* the 0xa0 one, after EOI */
    CHECK_EQ(events[3].intid, 3);
    CHECK_EQ(ICC_READ(ICC_RPR), 0xff);
}

/* Group 0 highest but disabled at the CPU interface (IGRPEN0 = 0). */
static void test_igrpen0_off(void)
{
    ICC_WRITE(ICC_IGRPEN0, 0);
    gic_set_priority(1, 0x40);
    gic_set_priority(2, 0x80);
    gic_pend(1);
    gic_pend(2);
    reset_events();
    __asm__ volatile("msr daifclr, #3\n\tnop\n\tnop\n\tmsr daifset, #3" ::: "memory");
    guest_puts("igrpen0 off, fiq 0x40 and irq 0x80 pending: isr 0x");
    guest_put_hex(SYSREG_READ(isr_el1));
    guest_puts(" hppir0 ");
    guest_put_dec(ICC_READ(ICC_HPPIR0));
    guest_puts(" hppir1 ");
    guest_put_dec(ICC_READ(ICC_HPPIR1));
    guest_putc('\n');
    print_events("taken");
    ICC_WRITE(ICC_IGRPEN0, 1);
    reset_events();
    __asm__ volatile("msr daifclr, #3\n\tnop\n\tnop\n\tmsr daifset, #3" ::: "memory");
    print_events("igrpen0 on again");
    CHECK_EQ(gic_is_pending(1), 0);
    CHECK_EQ(gic_is_pending(2), 0);
}

/*
 * Binary points against a running priority of 0x40 (AP0R0 bit 8 set by
 * hand): a pending interrupt at 0x38 preempts while its group priority
 * (priority with the subpriority bits cleared) is above 0x40's.
 */
static void test_binary_points(void)
{
    ICC_WRITE(ICC_BPR0, 0);
    CHECK_EQ(ICC_READ(ICC_BPR0), 2);                /* minimum with 5 bits */
    ICC_WRITE(ICC_BPR1, 0);
    CHECK_EQ(ICC_READ(ICC_BPR1), 3);
    ICC_WRITE(ICC_CTLR, 1);                         /* CBPR */
    CHECK_EQ(ICC_READ(ICC_CTLR) & 3, 1);
    ICC_WRITE(ICC_BPR0, 4);
    CHECK_EQ(ICC_READ(ICC_BPR1), 5);                /* BPR0 + 1 */
    ICC_WRITE(ICC_BPR1, 7);                         /* ignored */
    ICC_WRITE(ICC_CTLR, 0);
    CHECK_EQ(ICC_READ(ICC_BPR1), 3);
    guest_puts("bpr0/bpr1 minimums and cbpr ok\n");

    gic_set_priority(1, 0x38);
    gic_set_priority(2, 0x38);
    ICC_WRITE(ICC_AP0R0, 1u << 8);
    CHECK_EQ(ICC_READ(ICC_RPR), 0x40);
    guest_puts("isr with rpr 0x40, prio 0x38, group 0 by bpr0 2..7:");
    gic_pend(1);
    for (unsigned bpr = 2; bpr < 8; bpr++) {
        ICC_WRITE(ICC_BPR0, bpr);
        guest_puts(" ");
        guest_put_dec(SYSREG_READ(isr_el1));
    }
    gic_unpend(1);
    guest_puts("\ngroup 1 by bpr1 3..7:");
    gic_pend(2);
    for (unsigned bpr = 3; bpr < 8; bpr++) {
        ICC_WRITE(ICC_BPR1, bpr);
        guest_puts(" ");
        guest_put_dec(SYSREG_READ(isr_el1));
    }
    guest_puts("\ngroup 1 with cbpr by bpr0 2..7:");
    ICC_WRITE(ICC_CTLR, 1);
    for (unsigned bpr = 2; bpr < 8; bpr++) {
        ICC_WRITE(ICC_BPR0, bpr);
        guest_puts(" ");
        guest_put_dec(SYSREG_READ(isr_el1));
    }
    guest_putc('\n');
    ICC_WRITE(ICC_CTLR, 0);
    gic_unpend(2);
    ICC_WRITE(ICC_AP0R0, 0);
    ICC_WRITE(ICC_BPR0, 0);
    ICC_WRITE(ICC_BPR1, 0);
    CHECK_EQ(ICC_READ(ICC_RPR), 0xff);
    CHECK_EQ(SYSREG_READ(isr_el1), 0);
}

/*
 * Writes 'v' to the register at 'reg' with interrupts unmasked, then counts
 * loop iterations until an interrupt has been handled (at most n).
 */
static __attribute__((noinline)) unsigned write_and_count(uint64_t reg, uint32_t v, unsigned n)
{
    unsigned i = 0;
    __asm__ volatile("msr daifclr, #3" ::: "memory");
    mmio_w32(reg, v);
    while (i < n && !n_events) {
        i++;
    }
    __asm__ volatile("msr daifset, #3" ::: "memory");
    return i;
}

/*
 * A write to GICD_ISPENDR makes an SPI deliverable while blocks chain: it is
 * taken at the end of the current block (QEMU: at the next block), long
 * before the loop that follows ends. A first run with nothing pending has
 * the loop translated and chained already.
 */
static void test_prompt_delivery(unsigned spi, int group, const char *what)
{
    const unsigned n = 100000;
    uint64_t reg = gic_irq_reg(spi, GIC_ISPENDR);
    gic_set_group(spi, group);
    gic_set_priority(spi, 0x80);
    gic_enable(spi);
    reset_events();
    CHECK_EQ(write_and_count(reg, 0, n), n);
    unsigned i = write_and_count(reg, 1u << (spi % 32), n);
    guest_puts(what);
    CHECK_EQ(n_events, 1);
    CHECK_EQ(events[0].kind, VEC_CUR_SPX + (group ? 1 : 2));
    CHECK_EQ(events[0].intid, spi);
    CHECK(i < 16);
    guest_puts(" taken within a few iterations\n");
    guest_puts("# iterations before: ");
    guest_put_dec(i);
    guest_putc('\n');
}

/* WFI wakes on a group 0 interrupt: the virtual timer's PPI as FIQ. */
static void test_wfi_fiq(void)
{
    gic_set_group(27, 0);
    gic_set_priority(27, 0x80);
    gic_enable(27);
    stop_timer = 1;
    reset_events();
    SYSREG_WRITE(cntv_tval_el0, 100);
    SYSREG_WRITE(cntv_ctl_el0, 1);
    __asm__ volatile("isb\n\tmsr daifclr, #1" ::: "memory");
    for (int i = 0; i < 100 && !n_events; i++) {
        __asm__ volatile("wfi" ::: "memory");
    }
    __asm__ volatile("msr daifset, #3" ::: "memory");
    stop_timer = 0;
    print_events("timer fiq wakes wfi");
    CHECK_EQ(n_events, 1);
    CHECK_EQ(events[0].kind, VEC_CUR_SPX + 2);
    CHECK_EQ(events[0].intid, 27);
}

/* FIQ taken from EL0: the lower-EL vector, SPSR = EL0t with F clear. */
static void test_fiq_from_el0(void)
{
    gic_set_priority(1, 0x80);
    gic_pend(1);
    reset_events();
    /* EL0t, DAIF clear */
    guest_run_el0((uint64_t)el0_spin, (uint64_t)&el0_stack[256], 0x000, 0);
    print_events("fiq from el0");
    CHECK_EQ(n_events, 1);
    CHECK_EQ(events[0].kind, VEC_LOWER_A64 + 2);
    CHECK_EQ(events[0].intid, 1);
    CHECK_EQ(events[0].spsr & 0x3cf, 0x000);
    CHECK(events[0].elr >= (uint64_t)el0_spin && events[0].elr < (uint64_t)el0_spin + 16);
}

int main(void)
{
    gic_setup_both_groups();
    test_group0_basics();
    test_active_priority_regs();
    test_eoi_modes();
    test_priority_between_groups();
    test_fiq_preempts_irq();
    test_igrpen0_off();
    test_binary_points();
    test_prompt_delivery(40, 1, "irq after gicd_ispendr");
    test_prompt_delivery(41, 0, "fiq after gicd_ispendr");
    test_wfi_fiq();
    test_fiq_from_el0();
    return 0;
}
