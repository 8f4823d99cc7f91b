/*
 * ARM PL031 real time clock (PrimeCell RTC, DDI 0224).
 *
 * MMIO: one 4 KiB register window (board VIRT_RTC). IRQ: RTCINTR (SPI
 * VIRT_RTC) through pl031.irq, its level computed in pl031_update().
 *
 * The counter (RTCDR) is the start-up time (host clock, or -rtc base=) plus
 * the guest's virtual time in whole seconds, so a run reads the same times
 * at the same instructions whatever the host's speed. As in QEMU, the RTC
 * is always running (RTCCR reads 1, writes are ignored) and RTCLR sets the
 * counter. The alarm fires when the counter reaches RTCMR: at once when
 * RTCMR or RTCLR is written with a match, otherwise at the next
 * pl031_poll().
 *
 * State: struct pl031_state, plain data; the interrupt line and the virtual
 * time source are wiring (struct pl031 after the state).
 */
#include "devices/pl031.h"

#include <inttypes.h>
#include <string.h>

#include "util/hash.h"
#include "util/log.h"

enum pl031_reg {
    RTCDR   = 0x00,
    RTCMR   = 0x04,
    RTCLR   = 0x08,
    RTCCR   = 0x0c,
    RTCIMSC = 0x10,
    RTCRIS  = 0x14,
    RTCMIS  = 0x18,
    RTCICR  = 0x1c,
    RTCPERIPHID0 = 0xfe0,
};

#define RTC_INT 1u /* the only interrupt bit */

#define NS_PER_SEC 1000000000ull

/* PrimeCell identification registers at 0xfe0..0xffc. */
static const uint8_t pl031_id[8] = { 0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

static int64_t virtual_seconds(const struct pl031 *rtc)
{
    return rtc->clock ? (int64_t)(rtc->clock(rtc->clock_opaque) / NS_PER_SEC) : 0;
}

static uint32_t counter(const struct pl031 *rtc)
{
    return (uint32_t)(rtc->s.tick_offset + virtual_seconds(rtc));
}

static bool irq_level(const struct pl031 *rtc)
{
    return (rtc->s.ris & rtc->s.imsc & RTC_INT) != 0;
}

static void pl031_update(struct pl031 *rtc)
{
    bool level = irq_level(rtc);
    if (level != rtc->irq_level) {
        rtc->irq_level = level;
        irq_line_set(&rtc->irq, level);
    }
}

void pl031_init(struct pl031 *rtc, int64_t base_seconds)
{
    memset(rtc, 0, sizeof(*rtc));
    rtc->s.tick_offset = base_seconds;
    rtc->s.last_count = counter(rtc);
}

void pl031_state_reset(struct pl031_state *s)
{
    s->mr = 0;
    s->imsc = 0;
    s->ris = 0;
}

/* Hashed field by field: the struct ends in 4 bytes of padding. */
uint64_t pl031_state_hash(const struct pl031_state *s)
{
    uint64_t h = hash_word(HASH_SEED, (uint64_t)s->tick_offset);
    h = hash_word(h, (uint64_t)s->mr << 32 | s->lr);
    h = hash_word(h, (uint64_t)s->imsc << 32 | s->ris);
    return hash_word(h, s->last_count);
}

void pl031_post_load(struct pl031 *rtc)
{
    /* The receiver may not have seen the old level: drive it in any case. */
    rtc->irq_level = irq_level(rtc);
    irq_line_set(&rtc->irq, rtc->irq_level);
}

void pl031_reset(struct pl031 *rtc)
{
    pl031_state_reset(&rtc->s);
    pl031_post_load(rtc);
}

void pl031_attach(struct pl031 *rtc, struct bus *bus, uint64_t base, uint64_t size)
{
    struct mmio_region r = {
        .name = "pl031", .base = base, .size = size,
        .read = pl031_read, .write = pl031_write, .opaque = rtc,
    };
    bus_add_mmio(bus, &r);
}

void pl031_set_clock(struct pl031 *rtc, pl031_clock_fn *clock, void *opaque)
{
    uint32_t now = counter(rtc);
    rtc->clock = clock;
    rtc->clock_opaque = opaque;
    rtc->s.tick_offset += (int64_t)now - (int64_t)counter(rtc);
    rtc->s.last_count = now;
}

void pl031_connect_irq(struct pl031 *rtc, const struct irq_line *irq)
{
    rtc->irq = *irq;
    irq_line_set(&rtc->irq, rtc->irq_level);
}

static void raise_alarm(struct pl031 *rtc)
{
    rtc->s.ris |= RTC_INT;
    pl031_update(rtc);
}

void pl031_poll(struct pl031 *rtc)
{
    uint32_t now = counter(rtc);
    if (now == rtc->s.last_count) {
        return;
    }
    /* Did the counter pass through MR on its way from last_count to now? */
    if ((uint32_t)(rtc->s.mr - rtc->s.last_count - 1) < (uint32_t)(now - rtc->s.last_count)) {
        raise_alarm(rtc);
    }
    rtc->s.last_count = now;
}

/* After MR or the counter changed: a match now fires at once. */
static void rearm(struct pl031 *rtc)
{
    rtc->s.last_count = counter(rtc);
    if (rtc->s.last_count == rtc->s.mr) {
        raise_alarm(rtc);
    }
}

uint64_t pl031_read(void *opaque, uint64_t offset, unsigned size)
{
    struct pl031 *rtc = opaque;
    (void)size;
    switch (offset) {
    case RTCDR:
        return counter(rtc);
    case RTCMR:
        return rtc->s.mr;
    case RTCLR:
        return rtc->s.lr;
    case RTCCR:
        return 1; /* always started */
    case RTCIMSC:
        return rtc->s.imsc;
    case RTCRIS:
        return rtc->s.ris;
    case RTCMIS:
        return rtc->s.ris & rtc->s.imsc;
    default:
        if (offset >= RTCPERIPHID0 && offset < 0x1000) {
            return pl031_id[(offset - RTCPERIPHID0) >> 2];
        }
        log_item_printf(LOG_GUEST_ERRORS, "pl031: read of bad offset 0x%" PRIx64 "\n", offset);
        return 0;
    }
}

void pl031_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    struct pl031 *rtc = opaque;
    (void)size;
    switch (offset) {
    case RTCLR:
        rtc->s.lr = (uint32_t)value;
        rtc->s.tick_offset = (int64_t)(uint32_t)value - virtual_seconds(rtc);
        rearm(rtc);
        break;
    case RTCMR:
        rtc->s.mr = (uint32_t)value;
        rearm(rtc);
        break;
    case RTCIMSC:
        rtc->s.imsc = (uint32_t)value & RTC_INT;
        pl031_update(rtc);
        break;
    case RTCICR:
        rtc->s.ris &= ~((uint32_t)value & RTC_INT);
        pl031_update(rtc);
        break;
    case RTCCR:
        break; /* the RTC cannot be stopped */
    default:
        log_item_printf(LOG_GUEST_ERRORS, "pl031: write of bad offset 0x%" PRIx64 "\n", offset);
        break;
    }
}
