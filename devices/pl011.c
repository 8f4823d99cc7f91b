/*
 * ARM PL011 UART (PrimeCell UART, DDI 0183).
 *
 * MMIO: one 4 KiB register window (board VIRT_UART). IRQ: SPI VIRT_UART
 * (wired once the GIC exists). Transmit goes straight to the host output; the
 * receive side reports an empty FIFO.
 */
#include "devices/pl011.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>

#include "util/log.h"

enum pl011_reg {
    UARTDR    = 0x000,
    UARTRSR   = 0x004,
    UARTFR    = 0x018,
    UARTILPR  = 0x020,
    UARTIBRD  = 0x024,
    UARTFBRD  = 0x028,
    UARTLCR_H = 0x02c,
    UARTCR    = 0x030,
    UARTIFLS  = 0x034,
    UARTIMSC  = 0x038,
    UARTRIS   = 0x03c,
    UARTMIS   = 0x040,
    UARTICR   = 0x044,
    UARTDMACR = 0x048,
    UARTPERIPHID0 = 0xfe0,
};

#define FR_RXFE (1u << 4) /* receive FIFO empty */
#define FR_TXFE (1u << 7) /* transmit FIFO empty */
#define INT_TX  (1u << 5)

/* PrimeCell identification registers at 0xfe0..0xffc. */
static const uint8_t pl011_id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

void pl011_init(struct pl011 *uart, int out_fd)
{
    memset(uart, 0, sizeof(*uart));
    uart->cr = 0x300;
    uart->ifls = 0x12;
    uart->out_fd = out_fd;
}

void pl011_attach(struct pl011 *uart, struct bus *bus, uint64_t base, uint64_t size)
{
    struct mmio_region r = {
        .name = "pl011", .base = base, .size = size,
        .read = pl011_read, .write = pl011_write, .opaque = uart,
    };
    bus_add_mmio(bus, &r);
}

static void transmit(struct pl011 *uart, uint8_t ch)
{
    while (write(uart->out_fd, &ch, 1) < 0 && errno == EINTR) {
    }
    uart->ris |= INT_TX;
}

uint64_t pl011_read(void *opaque, uint64_t offset, unsigned size)
{
    struct pl011 *uart = opaque;
    (void)size;
    switch (offset) {
    case UARTDR:
        return 0;
    case UARTRSR:
        return 0;
    case UARTFR:
        return FR_RXFE | FR_TXFE;
    case UARTILPR:
        return 0;
    case UARTIBRD:
        return uart->ibrd;
    case UARTFBRD:
        return uart->fbrd;
    case UARTLCR_H:
        return uart->lcr_h;
    case UARTCR:
        return uart->cr;
    case UARTIFLS:
        return uart->ifls;
    case UARTIMSC:
        return uart->imsc;
    case UARTRIS:
        return uart->ris;
    case UARTMIS:
        return uart->ris & uart->imsc;
    case UARTDMACR:
        return 0;
    default:
        if (offset >= UARTPERIPHID0 && offset < 0x1000) {
            return pl011_id[(offset - UARTPERIPHID0) >> 2];
        }
        log_item_printf(LOG_GUEST_ERRORS, "pl011: read of bad offset 0x%" PRIx64 "\n", offset);
        return 0;
    }
}

void pl011_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    struct pl011 *uart = opaque;
    (void)size;
    switch (offset) {
    case UARTDR:
        transmit(uart, (uint8_t)value);
        break;
    case UARTRSR:
        break;
    case UARTIBRD:
        uart->ibrd = (uint32_t)value;
        break;
    case UARTFBRD:
        uart->fbrd = (uint32_t)value;
        break;
    case UARTLCR_H:
        uart->lcr_h = (uint32_t)value;
        break;
    case UARTCR:
        uart->cr = (uint32_t)value;
        break;
    case UARTIFLS:
        uart->ifls = (uint32_t)value;
        break;
    case UARTIMSC:
        uart->imsc = (uint32_t)value;
        break;
    case UARTICR:
        uart->ris &= ~(uint32_t)value;
        break;
    case UARTDMACR:
        break;
    default:
        log_item_printf(LOG_GUEST_ERRORS, "pl011: write of bad offset 0x%" PRIx64 "\n", offset);
        break;
    }
}
