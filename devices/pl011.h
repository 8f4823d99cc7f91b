/* ARM PL011 UART. */
#ifndef PHALANX_DEVICES_PL011_H
#define PHALANX_DEVICES_PL011_H

#include <stdint.h>

#include "devices/bus.h"

struct pl011 {
    uint32_t cr;    /* UARTCR */
    uint32_t lcr_h; /* UARTLCR_H */
    uint32_t ibrd;  /* UARTIBRD */
    uint32_t fbrd;  /* UARTFBRD */
    uint32_t ifls;  /* UARTIFLS */
    uint32_t imsc;  /* UARTIMSC */
    uint32_t ris;   /* raw interrupt status */
    int      out_fd; /* host file descriptor transmitted bytes go to */
};

void pl011_init(struct pl011 *uart, int out_fd);
/* Adds the UART's register window at base to the bus. */
void pl011_attach(struct pl011 *uart, struct bus *bus, uint64_t base, uint64_t size);

uint64_t pl011_read(void *opaque, uint64_t offset, unsigned size);
void pl011_write(void *opaque, uint64_t offset, uint64_t value, unsigned size);

#endif
