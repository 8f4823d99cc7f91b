/*
 * Unit tests of the devices' state structs (the property snapshots need):
 * a state copied byte for byte into a freshly wired device gives the same
 * hash and the same behaviour on the next register accesses, while the
 * wiring (interrupt lines, receive handler, host output, clock) stays that
 * of the new device; every byte of a state is covered by its hash, and a
 * register write changes it; virt_reset brings the machine's device state
 * back to power-on with the wiring kept (PL011, PL031, GICv3, virt).
 */
#include <glib.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include "devices/board.h"
#include "devices/gicv3.h"
#include "devices/pl011.h"
#include "devices/pl031.h"
#include "devices/virt.h"

/* --- helpers ------------------------------------------------------------------ */

/* The far end of an interrupt line: its level and how often it was driven. */
struct probe {
    bool     level;
    unsigned calls;
};

static void probe_set(void *opaque, int line, bool level)
{
    struct probe *p = opaque;
    (void)line;
    p->level = level;
    p->calls++;
}

static struct irq_line probe_line(struct probe *p)
{
    return (struct irq_line){ .set_level = probe_set, .opaque = p, .line = 0 };
}

static void count_call(void *opaque)
{
    (*(unsigned *)opaque)++;
}

/* A non-blocking pipe: fds[1] is a device's output, fds[0] reads it back. */
static void open_pipe(int fds[2])
{
    g_assert_cmpint(pipe(fds), ==, 0);
    g_assert_cmpint(fcntl(fds[0], F_SETFL, O_NONBLOCK), ==, 0);
}

static void close_pipe(int fds[2])
{
    close(fds[0]);
    close(fds[1]);
}

/* Everything written to the pipe so far, as a string. */
static char *drain(int fd)
{
    static char buf[256];
    ssize_t n = read(fd, buf, sizeof(buf) - 1);
    buf[n > 0 ? n : 0] = '\0';
    return buf;
}

/* Flipping any one byte of [state, state + len) changes the hash. */
#define ASSERT_BYTES_HASHED(state, len, hash_fn)                       \
    do {                                                               \
        uint64_t base_ = hash_fn(state);                               \
        uint8_t *b_ = (uint8_t *)(state);                              \
        for (size_t i_ = 0; i_ < (len); i_++) {                        \
            b_[i_] ^= 0x01;                                            \
            g_assert_cmphex(hash_fn(state), !=, base_);                \
            b_[i_] ^= 0x01;                                            \
        }                                                              \
        g_assert_cmphex(hash_fn(state), ==, base_);                    \
    } while (0)

/* One register access of a replayed script. */
enum step_kind { READ, WRITE, RECEIVE, ADVANCE };

struct step {
    enum step_kind kind;
    uint64_t       offset; /* register; ADVANCE: nanoseconds to add */
    uint64_t       value;  /* WRITE: value; RECEIVE: byte */
};

/* --- PL011 ------------------------------------------------------------------- */

enum {
    UARTDR = 0x00, UARTFR = 0x18, UARTIBRD = 0x24, UARTFBRD = 0x28, UARTLCR_H = 0x2c,
    UARTCR = 0x30, UARTIFLS = 0x34, UARTIMSC = 0x38, UARTRIS = 0x3c, UARTMIS = 0x40,
    UARTICR = 0x44,
};

static void uart_setup(struct pl011 *u, int out_fd, struct probe *p, unsigned *room_calls)
{
    pl011_init(u, out_fd);
    struct irq_line line = probe_line(p);
    pl011_connect_irq(u, &line);
    pl011_set_rx_room_handler(u, count_call, room_calls);
}

/* Runs 'steps' on the UART, recording each read and the line's level. */
static void uart_replay(struct pl011 *u, const struct probe *p, const struct step *steps,
                        size_t n, uint64_t *out)
{
    for (size_t i = 0; i < n; i++) {
        uint64_t v = 0;
        switch (steps[i].kind) {
        case READ:
            v = pl011_read(u, steps[i].offset, 4);
            break;
        case WRITE:
            pl011_write(u, steps[i].offset, steps[i].value, 4);
            break;
        case RECEIVE: {
            uint8_t ch = (uint8_t)steps[i].value;
            v = pl011_receive(u, &ch, 1);
            break;
        }
        case ADVANCE:
            break;
        }
        out[i] = v << 1 | p->level;
    }
}

static void test_pl011_round_trip(void)
{
    int out_a[2], out_b[2];
    open_pipe(out_a);
    open_pipe(out_b);
    struct pl011 a, b;
    struct probe pa = { 0 }, pb = { 0 };
    unsigned room_a = 0, room_b = 0;
    uart_setup(&a, out_a[1], &pa, &room_a);

    /* A FIFO with bytes in it, a wrapped head, interrupts up. */
    pl011_write(&a, UARTLCR_H, 0x70, 4); /* FEN, 8 bits */
    pl011_write(&a, UARTIFLS, 0x00, 4);  /* RX at 1/8: 4 bytes */
    pl011_write(&a, UARTIMSC, 0x50, 4);  /* RX, RT */
    static const uint8_t hello[] = "phalanx!";
    g_assert_cmpuint(pl011_receive(&a, hello, 8), ==, 8);
    g_assert_cmpuint(pl011_read(&a, UARTDR, 4), ==, 'p');
    pl011_write(&a, UARTDR, 'X', 4);
    g_assert_true(pa.level);
    g_assert_cmpstr(drain(out_a[0]), ==, "X");

    /* Save by copying the bytes; restore into a freshly wired UART. */
    struct pl011_state saved;
    memcpy(&saved, &a.s, sizeof(saved));
    uart_setup(&b, out_b[1], &pb, &room_b);
    memcpy(&b.s, &saved, sizeof(saved));
    pl011_post_load(&b);
    g_assert_cmphex(pl011_state_hash(&b.s), ==, pl011_state_hash(&a.s));
    g_assert_true(pb.level); /* the new line was told the restored level */
    g_assert_true(b.irq_level);
    g_assert_cmpint(b.out_fd, ==, out_b[1]);

    static const struct step script[] = {
        { READ, UARTFR, 0 },   { READ, UARTMIS, 0 },    { READ, UARTDR, 0 },
        { READ, UARTDR, 0 },   { WRITE, UARTICR, 0x40 }, { READ, UARTRIS, 0 },
        { READ, UARTDR, 0 },   { READ, UARTMIS, 0 },    { RECEIVE, 0, 'q' },
        { WRITE, UARTDR, 'Y' }, { READ, UARTRIS, 0 },   { WRITE, UARTIMSC, 0x20 },
        { READ, UARTMIS, 0 },  { WRITE, UARTICR, 0x7ff }, { READ, UARTDR, 0 },
        { READ, UARTDR, 0 },   { READ, UARTDR, 0 },     { READ, UARTDR, 0 },
        { READ, UARTFR, 0 },   { RECEIVE, 0, 'r' },     { WRITE, UARTLCR_H, 0x60 },
        { READ, UARTFR, 0 },   { READ, UARTRIS, 0 },
    };
    enum { N = sizeof(script) / sizeof(script[0]) };
    uint64_t got_a[N], got_b[N];
    uart_replay(&a, &pa, script, N, got_a);
    unsigned calls_a = pa.calls, room_calls_a = room_a;
    uart_replay(&b, &pb, script, N, got_b);
    for (size_t i = 0; i < N; i++) {
        g_assert_cmphex(got_b[i], ==, got_a[i]);
    }
    g_assert_cmphex(pl011_state_hash(&b.s), ==, pl011_state_hash(&a.s));
    g_assert_cmpmem(&a.s, sizeof(a.s), &b.s, sizeof(b.s));
    /* B's accesses went to B's wiring only. */
    g_assert_cmpuint(pa.calls, ==, calls_a);
    g_assert_cmpuint(room_a, ==, room_calls_a);
    g_assert_cmpuint(room_b, >, 0);
    g_assert_cmpstr(drain(out_a[0]), ==, "Y");
    g_assert_cmpstr(drain(out_b[0]), ==, "Y");
    close_pipe(out_a);
    close_pipe(out_b);
}

static void test_pl011_hash(void)
{
    int out[2];
    open_pipe(out);
    struct pl011 u;
    struct probe p = { 0 };
    unsigned room = 0;
    uart_setup(&u, out[1], &p, &room);
    ASSERT_BYTES_HASHED(&u.s, sizeof(u.s), pl011_state_hash);

    static const struct step writes[] = {
        { WRITE, UARTIBRD, 13 },   { WRITE, UARTFBRD, 1 }, { WRITE, UARTLCR_H, 0x70 },
        { WRITE, UARTCR, 0x301 },  { WRITE, UARTIFLS, 0x09 }, { WRITE, UARTIMSC, 0x20 },
        { WRITE, UARTDR, 'Z' },    { WRITE, UARTICR, 0x20 }, { RECEIVE, 0, 'a' },
        { READ, UARTDR, 0 },
    };
    for (size_t i = 0; i < sizeof(writes) / sizeof(writes[0]); i++) {
        uint64_t before = pl011_state_hash(&u.s);
        uint64_t out_val;
        uart_replay(&u, &p, &writes[i], 1, &out_val);
        g_assert_cmphex(pl011_state_hash(&u.s), !=, before);
    }
    /* Reset: back to the power-on state, wiring kept. */
    struct pl011_state fresh;
    pl011_state_reset(&fresh);
    pl011_write(&u, UARTIMSC, 0x20, 4);
    pl011_write(&u, UARTDR, 'Z', 4);
    g_assert_true(p.level);
    room = 0;
    pl011_reset(&u);
    g_assert_cmphex(pl011_state_hash(&u.s), ==, pl011_state_hash(&fresh));
    g_assert_false(p.level);
    g_assert_cmpuint(room, ==, 1);
    g_assert_cmpint(u.out_fd, ==, out[1]);
    close_pipe(out);
}

/* --- PL031 ------------------------------------------------------------------- */

enum { RTCDR = 0x00, RTCMR = 0x04, RTCLR = 0x08, RTCIMSC = 0x10, RTCRIS = 0x14, RTCMIS = 0x18,
       RTCICR = 0x1c };

#define NS 1000000000ull

static uint64_t fake_clock(void *opaque)
{
    return *(const uint64_t *)opaque;
}

static void rtc_setup(struct pl031 *r, int64_t base, uint64_t *now, struct probe *p)
{
    pl031_init(r, base);
    pl031_set_clock(r, fake_clock, now);
    struct irq_line line = probe_line(p);
    pl031_connect_irq(r, &line);
}

static void rtc_replay(struct pl031 *r, uint64_t *now, const struct probe *p,
                       const struct step *steps, size_t n, uint64_t *out)
{
    for (size_t i = 0; i < n; i++) {
        uint64_t v = 0;
        switch (steps[i].kind) {
        case READ:
            v = pl031_read(r, steps[i].offset, 4);
            break;
        case WRITE:
            pl031_write(r, steps[i].offset, steps[i].value, 4);
            break;
        case ADVANCE:
            *now += steps[i].offset;
            pl031_poll(r);
            break;
        case RECEIVE:
            break;
        }
        out[i] = v << 1 | p->level;
    }
}

static void test_pl031_round_trip(void)
{
    struct pl031 a, b;
    uint64_t now_a = 0, now_b = 0;
    struct probe pa = { 0 }, pb = { 0 };
    rtc_setup(&a, 1000, &now_a, &pa);
    pl031_write(&a, RTCLR, 5000, 4);
    pl031_write(&a, RTCMR, 5003, 4);
    pl031_write(&a, RTCIMSC, 1, 4);
    now_a += 3 * NS / 2;
    pl031_poll(&a);
    g_assert_false(pa.level);

    /* The new RTC's clock reads the same virtual time (it is the vCPU's,
     * restored with it); its own start-up time is overwritten by the state. */
    struct pl031_state saved;
    memcpy(&saved, &a.s, sizeof(saved));
    now_b = now_a;
    rtc_setup(&b, 777, &now_b, &pb);
    memcpy(&b.s, &saved, sizeof(saved));
    pl031_post_load(&b);
    g_assert_cmphex(pl031_state_hash(&b.s), ==, pl031_state_hash(&a.s));
    g_assert_false(pb.level);
    g_assert_cmpuint(pb.calls, >, 0); /* driven on load */

    static const struct step script[] = {
        { READ, RTCDR, 0 },     { ADVANCE, NS, 0 },      { READ, RTCRIS, 0 },
        { ADVANCE, NS, 0 },     { READ, RTCDR, 0 },      { READ, RTCMIS, 0 },
        { WRITE, RTCICR, 1 },   { READ, RTCMIS, 0 },     { WRITE, RTCMR, 5010, },
        { ADVANCE, 9 * NS, 0 }, { READ, RTCRIS, 0 },     { WRITE, RTCIMSC, 0 },
        { WRITE, RTCLR, 42 },   { READ, RTCDR, 0 },      { READ, RTCLR, 0 },
    };
    enum { N = sizeof(script) / sizeof(script[0]) };
    uint64_t got_a[N], got_b[N];
    rtc_replay(&a, &now_a, &pa, script, N, got_a);
    unsigned calls_a = pa.calls;
    rtc_replay(&b, &now_b, &pb, script, N, got_b);
    for (size_t i = 0; i < N; i++) {
        g_assert_cmphex(got_b[i], ==, got_a[i]);
    }
    g_assert_cmphex(got_a[5], ==, 1u << 1 | 1); /* the alarm did fire */
    g_assert_cmphex(pl031_state_hash(&b.s), ==, pl031_state_hash(&a.s));
    g_assert_cmpuint(pa.calls, ==, calls_a);
}

static void test_pl031_hash(void)
{
    struct pl031 r;
    uint64_t now = 0;
    struct probe p = { 0 };
    rtc_setup(&r, 1700000000, &now, &p);
    /* Every byte of every field counts; the tail padding does not. */
    size_t fields_end = offsetof(struct pl031_state, last_count) + sizeof(r.s.last_count);
    ASSERT_BYTES_HASHED(&r.s, fields_end, pl031_state_hash);
    uint64_t h = pl031_state_hash(&r.s);
    for (size_t i = fields_end; i < sizeof(r.s); i++) {
        ((uint8_t *)&r.s)[i] ^= 0xff;
    }
    g_assert_cmphex(pl031_state_hash(&r.s), ==, h);

    static const struct step writes[] = {
        { WRITE, RTCMR, 1700000005 }, { WRITE, RTCIMSC, 1 }, { ADVANCE, 6 * NS, 0 },
        { WRITE, RTCICR, 1 },         { WRITE, RTCLR, 12345 },
    };
    for (size_t i = 0; i < sizeof(writes) / sizeof(writes[0]); i++) {
        uint64_t before = pl031_state_hash(&r.s);
        uint64_t out;
        rtc_replay(&r, &now, &p, &writes[i], 1, &out);
        g_assert_cmphex(pl031_state_hash(&r.s), !=, before);
    }
    /* Reset clears the alarm; the time of day runs on. */
    pl031_write(&r, RTCMR, 12345, 4);
    pl031_write(&r, RTCIMSC, 1, 4);
    g_assert_true(p.level);
    pl031_reset(&r);
    g_assert_false(p.level);
    g_assert_cmpuint(pl031_read(&r, RTCDR, 4), ==, 12345);
    g_assert_cmpuint(pl031_read(&r, RTCMR, 4), ==, 0);
}

/* --- GICv3 ------------------------------------------------------------------- */

static void gic_setup(struct gicv3 *g, struct probe *irq, struct probe *fiq)
{
    gicv3_init(g);
    struct irq_line li = probe_line(irq), lf = probe_line(fiq);
    gicv3_connect_cpu(g, &li, &lf);
}

/* Linux-like distributor setup, SPI 40 in group 0 (FIQ), the rest group 1. */
static void gic_program(struct gicv3 *g)
{
    gicv3_dist_write(g, 0x0, GICD_CTLR_ARE | GICD_CTLR_EN_GRP0 | GICD_CTLR_EN_GRP1, 4);
    gicv3_redist_write(g, 0x14, 0, 4);
    gicv3_dist_write(g, 0x84, ~(1u << 8), 4); /* IGROUPR1: 40 in group 0 */
    gicv3_dist_write(g, 0x104, 1u << 1 | 1u << 8 | 1u << 9, 4); /* enable 33, 40, 41 */
    gicv3_dist_write(g, 0x420, 0xa0a08080, 4); /* priorities 32..35 */
    gicv3_dist_write(g, 0x428, 0x00009060, 4); /* 40: 0x60, 41: 0x90 */
    g->s.icc_pmr = 0xf0;
    g->s.icc_igrpen0 = 1;
    g->s.icc_igrpen1 = 1;
    gicv3_update(g);
}

enum gic_op { G_SET, G_CLEAR, G_ACK0, G_ACK1, G_EOI0, G_EOI1, G_DREAD, G_HPPI, G_RPR };

struct gic_step {
    enum gic_op op;
    uint64_t    arg; /* interrupt ID or distributor offset */
};

static void gic_replay(struct gicv3 *g, const struct probe *irq, const struct probe *fiq,
                       const struct gic_step *steps, size_t n, uint64_t *out)
{
    for (size_t i = 0; i < n; i++) {
        uint64_t v = 0;
        unsigned id = (unsigned)steps[i].arg;
        switch (steps[i].op) {
        case G_SET:   gicv3_set_irq(g, id, true); break;
        case G_CLEAR: gicv3_set_irq(g, id, false); break;
        case G_ACK0:  v = gicv3_acknowledge(g, GIC_GROUP0); break;
        case G_ACK1:  v = gicv3_acknowledge(g, GIC_GROUP1); break;
        case G_EOI0:  gicv3_eoi(g, id, GIC_GROUP0); break;
        case G_EOI1:  gicv3_eoi(g, id, GIC_GROUP1); break;
        case G_DREAD: v = gicv3_dist_read(g, steps[i].arg, 4); break;
        case G_HPPI:  v = gicv3_hppi(g); break;
        case G_RPR:   v = gicv3_running_priority(g); break;
        }
        out[i] = v << 2 | (uint64_t)fiq->level << 1 | irq->level;
    }
}

static void test_gic_round_trip(void)
{
    struct gicv3 a, b;
    struct probe ia = { 0 }, fa = { 0 }, ib = { 0 }, fb = { 0 };
    gic_setup(&a, &ia, &fa);
    gic_program(&a);
    gicv3_set_irq(&a, 33, true);
    gicv3_set_irq(&a, 41, true);
    g_assert_cmpuint(gicv3_acknowledge(&a, GIC_GROUP1), ==, 33);
    gicv3_set_irq(&a, 40, true); /* group 0, preempts 33 */
    g_assert_true(fa.level);
    g_assert_false(ia.level);

    struct gicv3_state saved;
    memcpy(&saved, &a.s, sizeof(saved));
    gic_setup(&b, &ib, &fb);
    memcpy(&b.s, &saved, sizeof(saved));
    gicv3_post_load(&b);
    g_assert_cmphex(gicv3_state_hash(&b.s), ==, gicv3_state_hash(&a.s));
    g_assert_true(fb.level);
    g_assert_false(ib.level);
    g_assert_true(b.fiq_level);

    static const struct gic_step script[] = {
        { G_HPPI, 0 },    { G_ACK1, 0 },    { G_ACK0, 0 },   { G_DREAD, 0x304 },
        { G_RPR, 0 },     { G_HPPI, 0 },    { G_EOI0, 40 },  { G_CLEAR, 40 },
        { G_DREAD, 0x204 }, { G_EOI1, 33 }, { G_HPPI, 0 },   { G_ACK1, 0 },
        { G_CLEAR, 41 },  { G_EOI1, 41 },   { G_SET, 33 },   { G_DREAD, 0x304 },
        { G_ACK1, 0 },    { G_RPR, 0 },
    };
    enum { N = sizeof(script) / sizeof(script[0]) };
    uint64_t got_a[N], got_b[N];
    gic_replay(&a, &ia, &fa, script, N, got_a);
    unsigned calls_a = ia.calls + fa.calls;
    gic_replay(&b, &ib, &fb, script, N, got_b);
    for (size_t i = 0; i < N; i++) {
        g_assert_cmphex(got_b[i], ==, got_a[i]);
    }
    g_assert_cmphex(got_a[2] >> 2, ==, 40); /* the FIQ was acknowledged */
    g_assert_cmphex(gicv3_state_hash(&b.s), ==, gicv3_state_hash(&a.s));
    g_assert_cmpmem(&a.s, sizeof(a.s), &b.s, sizeof(b.s));
    g_assert_cmpuint(ia.calls + fa.calls, ==, calls_a);
}

static void test_gic_hash(void)
{
    struct gicv3 g;
    struct probe pi = { 0 }, pf = { 0 };
    gic_setup(&g, &pi, &pf);
    ASSERT_BYTES_HASHED(&g.s, sizeof(g.s), gicv3_state_hash);

    /* Distributor and redistributor registers (offset, value). */
    static const uint64_t dist[][2] = {
        { 0x0000, GICD_CTLR_ARE | GICD_CTLR_EN_GRP1 }, /* CTLR */
        { 0x0084, 0xffffffff },                        /* IGROUPR1 */
        { 0x0104, 0x00000002 },                        /* ISENABLER1 */
        { 0x0204, 0x00000004 },                        /* ISPENDR1 */
        { 0x0304, 0x00000008 },                        /* ISACTIVER1 */
        { 0x0420, 0x00000080 },                        /* IPRIORITYR8 */
        { 0x0c08, 0x00000002 },                        /* ICFGR2 */
        { 0x0d04, 0x00000001 },                        /* IGRPMODR1 */
        { 0x6108, 0x00000100 },                        /* IROUTER33 */
    };
    for (size_t i = 0; i < sizeof(dist) / sizeof(dist[0]); i++) {
        uint64_t before = gicv3_state_hash(&g.s);
        gicv3_dist_write(&g, dist[i][0], dist[i][1], 4);
        g_assert_cmphex(gicv3_state_hash(&g.s), !=, before);
    }
    static const uint64_t redist[][2] = {
        { 0x00014, 0 },                       /* WAKER */
        { 0x10080, 0xffffffff },              /* IGROUPR0 */
        { 0x10100, 0x08000000 },              /* ISENABLER0 (PPI 27) */
        { 0x10418, 0x0000a000 },              /* IPRIORITYR: PPI 25 */
    };
    for (size_t i = 0; i < sizeof(redist) / sizeof(redist[0]); i++) {
        uint64_t before = gicv3_state_hash(&g.s);
        gicv3_redist_write(&g, redist[i][0], redist[i][1], 4);
        g_assert_cmphex(gicv3_state_hash(&g.s), !=, before);
    }
    /* An input line and an SGI. */
    uint64_t before = gicv3_state_hash(&g.s);
    gicv3_set_irq(&g, 27, true);
    g_assert_cmphex(gicv3_state_hash(&g.s), !=, before);
    before = gicv3_state_hash(&g.s);
    gicv3_send_sgi(&g, 3ull << 24 | 1);
    g_assert_cmphex(gicv3_state_hash(&g.s), !=, before);

    /* Reset: power-on state, the CPU's lines driven low, still connected. */
    g.s.icc_pmr = 0xf0;
    g.s.icc_igrpen1 = 1;
    gicv3_update(&g);
    g_assert_true(pi.level);
    gicv3_reset(&g);
    struct gicv3_state fresh;
    gicv3_state_reset(&fresh);
    g_assert_cmphex(gicv3_state_hash(&g.s), ==, gicv3_state_hash(&fresh));
    g_assert_false(pi.level);
    gic_program(&g);
    gicv3_set_irq(&g, 41, true);
    g_assert_true(pi.level);
}

/* --- the virt machine ------------------------------------------------------ */

static void test_virt_hash_and_reset(void)
{
    int out[2];
    open_pipe(out);
    struct virt_machine m;
    struct virt_config cfg = { .ram_size = 2u << 20, .n_cpus = 1, .console_fd = out[1],
                               .rtc_base = 1700000000 };
    char err[256];
    g_assert_cmpint(virt_create(&m, &cfg, err, sizeof(err)), ==, 0);
    uint64_t fresh = virt_state_hash(&m);
    g_assert_cmphex(virt_state_hash(&m), ==, fresh);

    /* A change in any one device shows in the machine's hash. */
    uint64_t h = fresh;
    pl011_write(&m.uart, UARTIBRD, 13, 4);
    g_assert_cmphex(virt_state_hash(&m), !=, h);
    h = virt_state_hash(&m);
    pl031_write(&m.rtc, RTCMR, 99, 4);
    g_assert_cmphex(virt_state_hash(&m), !=, h);
    h = virt_state_hash(&m);
    gicv3_dist_write(&m.gic, 0x0, GICD_CTLR_ARE | GICD_CTLR_EN_GRP1, 4);
    g_assert_cmphex(virt_state_hash(&m), !=, h);

    /* The UART's interrupt reaches the GIC's input (SPI VIRT_UART). */
    unsigned uart_intid = 32 + (unsigned)virt_irqmap[VIRT_UART];
    pl011_write(&m.uart, UARTIMSC, 0x20, 4);
    pl011_write(&m.uart, UARTDR, 'a', 4);
    g_assert_true((m.gic.s.level[uart_intid / 32] >> (uart_intid % 32)) & 1);

    virt_reset(&m);
    g_assert_cmphex(virt_state_hash(&m), ==, fresh);
    g_assert_false(m.uart.irq_level);

    /* Still wired after the reset. */
    pl011_write(&m.uart, UARTIMSC, 0x20, 4);
    pl011_write(&m.uart, UARTDR, 'b', 4);
    g_assert_true((m.gic.s.level[uart_intid / 32] >> (uart_intid % 32)) & 1);
    g_assert_cmpstr(drain(out[0]), ==, "ab");
    virt_destroy(&m);
    close_pipe(out);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/device_state/pl011_round_trip", test_pl011_round_trip);
    g_test_add_func("/device_state/pl011_hash", test_pl011_hash);
    g_test_add_func("/device_state/pl031_round_trip", test_pl031_round_trip);
    g_test_add_func("/device_state/pl031_hash", test_pl031_hash);
    g_test_add_func("/device_state/gic_round_trip", test_gic_round_trip);
    g_test_add_func("/device_state/gic_hash", test_gic_hash);
    g_test_add_func("/device_state/virt_hash_and_reset", test_virt_hash_and_reset);
    return g_test_run();
}
