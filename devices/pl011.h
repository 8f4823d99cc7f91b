/* ARM PL011 UART: transmit to a host file descriptor, receive through a FIFO. */
#ifndef PHALANX_DEVICES_PL011_H
#define PHALANX_DEVICES_PL011_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/board.h"
#include "devices/bus.h"

/* Receive FIFO depth with UARTLCR_H.FEN set (PL011 r1p5); 1 without. */
#define PL011_FIFO_DEPTH 32

/*
 * The UART's guest-visible state: plain data (no pointers, no host
 * resources, no padding), saved and restored as it is and hashed by
 * pl011_state_hash.
 */
struct pl011_state {
    uint32_t cr;       /* UARTCR */
    uint32_t lcr_h;    /* UARTLCR_H */
    uint32_t ibrd;     /* UARTIBRD */
    uint32_t fbrd;     /* UARTFBRD */
    uint32_t ifls;     /* UARTIFLS */
    uint32_t imsc;     /* UARTIMSC */
    uint32_t ris;      /* raw interrupt status (UARTRIS) */
    uint32_t rx_head;  /* index of the oldest byte in rx_fifo */
    uint32_t rx_count; /* bytes in the FIFO */
    uint8_t  rx_fifo[PL011_FIFO_DEPTH]; /* received bytes, oldest at rx_head */
};

struct pl011 {
    struct pl011_state s;
    /* Wiring from here on: set up by the board, never saved. */
    struct irq_line irq; /* combined interrupt output (UARTINTR) */
    bool     irq_level;  /* level last sent on irq: derived, (ris & imsc) != 0 */
    /* Called after the guest took a byte, so the host side can refill. */
    void   (*rx_room)(void *opaque);
    void    *rx_room_opaque;
    int      out_fd;     /* host file descriptor transmitted bytes go to */
};

/* The registers and FIFO as at power-on. */
void pl011_state_reset(struct pl011_state *s);
uint64_t pl011_state_hash(const struct pl011_state *s);

void pl011_init(struct pl011 *uart, int out_fd);
/* System reset: registers and receive FIFO to their reset values; the
 * output, interrupt line and receive handler stay connected. */
void pl011_reset(struct pl011 *uart);
/* After uart->s was replaced (a restore): drives the interrupt line with the
 * level the new state gives and tells the receive handler of free room. */
void pl011_post_load(struct pl011 *uart);
/* Adds the UART's register window at base to the bus. */
void pl011_attach(struct pl011 *uart, struct bus *bus, uint64_t base, uint64_t size);

/* Connects the interrupt output and sends it the current level. */
void pl011_connect_irq(struct pl011 *uart, const struct irq_line *irq);

/* Sets the function called whenever the receive FIFO gains room. */
void pl011_set_rx_room_handler(struct pl011 *uart, void (*fn)(void *opaque), void *opaque);

/* Free room in the receive FIFO (its depth follows UARTLCR_H.FEN). */
unsigned pl011_rx_room(const struct pl011 *uart);

/*
 * Bytes from the host: as many as fit go into the receive FIFO; returns how
 * many were taken. The receive timeout (RTRIS) is raised for what is left in
 * the FIFO: the host side calls this once per batch of input, and "no more
 * input for a while" is the end of the batch.
 */
size_t pl011_receive(struct pl011 *uart, const uint8_t *buf, size_t len);

uint64_t pl011_read(void *opaque, uint64_t offset, unsigned size);
void pl011_write(void *opaque, uint64_t offset, uint64_t value, unsigned size);

#endif
