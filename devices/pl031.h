/* ARM PL031 real time clock: a seconds counter that follows guest virtual time. */
#ifndef PHALANX_DEVICES_PL031_H
#define PHALANX_DEVICES_PL031_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/board.h"
#include "devices/bus.h"

/* Virtual time in nanoseconds, supplied by whoever runs the vCPUs. */
typedef uint64_t pl031_clock_fn(void *opaque);

/*
 * The RTC's guest-visible state: plain data, saved and restored as it is and
 * hashed by pl031_state_hash. The host clock enters only through
 * tick_offset, set once from the start-up time (-rtc base= fixes it).
 */
struct pl031_state {
    int64_t  tick_offset; /* counter = tick_offset + virtual seconds */
    uint32_t mr;          /* RTCMR: match (alarm) value */
    uint32_t lr;          /* RTCLR: last value loaded */
    uint32_t imsc;        /* RTCIMSC */
    uint32_t ris;         /* RTCRIS */
    uint32_t last_count;  /* counter value when the alarm was last checked */
};

struct pl031 {
    struct pl031_state s;
    /* Wiring from here on: set up by the board, never saved. */
    struct irq_line irq;   /* RTCINTR */
    bool     irq_level;    /* level last sent on irq: derived, (ris & imsc) != 0 */
    pl031_clock_fn *clock; /* virtual time; NULL: time stands at 0 */
    void    *clock_opaque;
};

/* System reset of the state: the alarm and interrupt are cleared; the time
 * of day (tick_offset, last_count) survives, as if battery-backed. */
void pl031_state_reset(struct pl031_state *s);
uint64_t pl031_state_hash(const struct pl031_state *s);

/* The counter starts at base_seconds (seconds since 1970) at virtual time 0. */
void pl031_init(struct pl031 *rtc, int64_t base_seconds);
/* System reset: the alarm and interrupt are cleared, the time runs on. */
void pl031_reset(struct pl031 *rtc);
/* After rtc->s was replaced (a restore): drives the interrupt line with the
 * level the new state gives. */
void pl031_post_load(struct pl031 *rtc);
void pl031_attach(struct pl031 *rtc, struct bus *bus, uint64_t base, uint64_t size);

/* Sets the virtual time source; the counter keeps its current value. */
void pl031_set_clock(struct pl031 *rtc, pl031_clock_fn *clock, void *opaque);

/* Connects the interrupt output and sends it the current level. */
void pl031_connect_irq(struct pl031 *rtc, const struct irq_line *irq);

/* Raises the alarm if the counter reached RTCMR since the last check. The
 * machine calls it between run slices (the alarm's resolution). */
void pl031_poll(struct pl031 *rtc);

uint64_t pl031_read(void *opaque, uint64_t offset, unsigned size);
void pl031_write(void *opaque, uint64_t offset, uint64_t value, unsigned size);

#endif
