/*
 * ARM PL011 UART (PrimeCell UART, DDI 0183).
 *
 * MMIO: one 4 KiB register window (board VIRT_UART). IRQ: one combined
 * output (UARTINTR, SPI VIRT_UART) through pl011.irq, its level computed in
 * pl011_update() from UARTRIS and UARTIMSC.
 *
 * Transmit goes straight to the host output; the TX interrupt is raised on
 * every write and stays up until cleared, as in QEMU (the FIFO is never
 * busy). Receive: a 32-byte FIFO (1 byte while UARTLCR_H.FEN is clear) fed
 * by pl011_receive(); RXRIS follows the UARTIFLS trigger level, RTRIS
 * (receive timeout) is raised at the end of each batch of host input that
 * leaves bytes in the FIFO. Both drop when the FIFO empties or through
 * UARTICR. Modem lines, break and error bits are not modelled (always 0).
 *
 * State: struct pl011_state, plain data; the interrupt line, the receive
 * handler and the host output are wiring (struct pl011 after the state).
 */
#include "devices/pl011.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>

#include "util/hash.h"
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
#define FR_RXFF (1u << 6) /* receive FIFO full */
#define FR_TXFE (1u << 7) /* transmit FIFO empty */

#define LCR_H_FEN (1u << 4) /* FIFOs enabled */

/* Interrupt bits of UARTIMSC, UARTRIS, UARTMIS and UARTICR. */
#define INT_RX   (1u << 4) /* receive (FIFO at its trigger level) */
#define INT_TX   (1u << 5) /* transmit */
#define INT_RT   (1u << 6) /* receive timeout */
#define INT_MASK 0x7ffu

/* PrimeCell identification registers at 0xfe0..0xffc. */
static const uint8_t pl011_id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

void pl011_state_reset(struct pl011_state *s)
{
    memset(s, 0, sizeof(*s));
    s->cr = 0x300;  /* TXE, RXE */
    s->ifls = 0x12; /* both trigger levels at 1/2 */
}

/* Only fixed-width fields, no padding: the bytes are the state (the FIFO's
 * empty slots included: they hold what the guest's input left there). */
_Static_assert(sizeof(struct pl011_state) == 9 * sizeof(uint32_t) + PL011_FIFO_DEPTH,
               "struct pl011_state has padding");

uint64_t pl011_state_hash(const struct pl011_state *s)
{
    return hash_bytes(HASH_SEED, s, sizeof(*s));
}

void pl011_init(struct pl011 *uart, int out_fd)
{
    memset(uart, 0, sizeof(*uart));
    pl011_state_reset(&uart->s);
    uart->out_fd = out_fd;
}

static bool irq_level(const struct pl011 *uart)
{
    return (uart->s.ris & uart->s.imsc) != 0;
}

/* Recomputes the interrupt output from the status and mask registers. */
static void pl011_update(struct pl011 *uart)
{
    bool level = irq_level(uart);
    if (level != uart->irq_level) {
        uart->irq_level = level;
        irq_line_set(&uart->irq, level);
    }
}

void pl011_post_load(struct pl011 *uart)
{
    /* The receiver may not have seen the old level: drive it in any case. */
    uart->irq_level = irq_level(uart);
    irq_line_set(&uart->irq, uart->irq_level);
    if (uart->rx_room && pl011_rx_room(uart)) {
        uart->rx_room(uart->rx_room_opaque);
    }
}

void pl011_reset(struct pl011 *uart)
{
    pl011_state_reset(&uart->s);
    pl011_post_load(uart);
}

void pl011_attach(struct pl011 *uart, struct bus *bus, uint64_t base, uint64_t size)
{
    struct mmio_region r = {
        .name = "pl011", .base = base, .size = size,
        .read = pl011_read, .write = pl011_write, .opaque = uart,
    };
    bus_add_mmio(bus, &r);
}

void pl011_connect_irq(struct pl011 *uart, const struct irq_line *irq)
{
    uart->irq = *irq;
    irq_line_set(&uart->irq, uart->irq_level);
}

void pl011_set_rx_room_handler(struct pl011 *uart, void (*fn)(void *opaque), void *opaque)
{
    uart->rx_room = fn;
    uart->rx_room_opaque = opaque;
}

static unsigned fifo_depth(const struct pl011 *uart)
{
    return uart->s.lcr_h & LCR_H_FEN ? PL011_FIFO_DEPTH : 1;
}

/* Receive interrupt trigger level: UARTIFLS.RXIFLSEL in eighths of the FIFO
 * (1/8, 1/4, 1/2, 3/4, 7/8), one byte without the FIFO. */
static unsigned rx_trigger(const struct pl011 *uart)
{
    if (!(uart->s.lcr_h & LCR_H_FEN)) {
        return 1;
    }
    static const unsigned eighths[8] = { 1, 2, 4, 6, 7, 4, 4, 4 };
    return PL011_FIFO_DEPTH * eighths[(uart->s.ifls >> 3) & 7] / 8;
}

unsigned pl011_rx_room(const struct pl011 *uart)
{
    unsigned depth = fifo_depth(uart);
    return uart->s.rx_count < depth ? depth - uart->s.rx_count : 0;
}

/* RXRIS follows the FIFO level; an empty FIFO has no timeout pending. */
static void rx_status_changed(struct pl011 *uart)
{
    if (uart->s.rx_count >= rx_trigger(uart)) {
        uart->s.ris |= INT_RX;
    } else {
        uart->s.ris &= ~INT_RX;
    }
    if (uart->s.rx_count == 0) {
        uart->s.ris &= ~INT_RT;
    }
    pl011_update(uart);
}

size_t pl011_receive(struct pl011 *uart, const uint8_t *buf, size_t len)
{
    size_t taken = 0;
    while (taken < len && pl011_rx_room(uart)) {
        unsigned tail = (uart->s.rx_head + uart->s.rx_count) % PL011_FIFO_DEPTH;
        uart->s.rx_fifo[tail] = buf[taken++];
        uart->s.rx_count++;
    }
    if (uart->s.rx_count) {
        uart->s.ris |= INT_RT;
    }
    rx_status_changed(uart);
    return taken;
}

static uint32_t rx_pop(struct pl011 *uart)
{
    if (uart->s.rx_count == 0) {
        return 0;
    }
    uint8_t ch = uart->s.rx_fifo[uart->s.rx_head];
    uart->s.rx_head = (uart->s.rx_head + 1) % PL011_FIFO_DEPTH;
    uart->s.rx_count--;
    rx_status_changed(uart);
    if (uart->rx_room) {
        uart->rx_room(uart->rx_room_opaque);
    }
    return ch;
}

static void transmit(struct pl011 *uart, uint8_t ch)
{
    while (write(uart->out_fd, &ch, 1) < 0 && errno == EINTR) {
    }
    uart->s.ris |= INT_TX;
    pl011_update(uart);
}

static uint32_t flags(const struct pl011 *uart)
{
    uint32_t fr = FR_TXFE;
    if (uart->s.rx_count == 0) {
        fr |= FR_RXFE;
    }
    if (uart->s.rx_count >= fifo_depth(uart)) {
        fr |= FR_RXFF;
    }
    return fr;
}

uint64_t pl011_read(void *opaque, uint64_t offset, unsigned size)
{
    struct pl011 *uart = opaque;
    (void)size;
    switch (offset) {
    case UARTDR:
        return rx_pop(uart);
    case UARTRSR:
        return 0;
    case UARTFR:
        return flags(uart);
    case UARTILPR:
        return 0;
    case UARTIBRD:
        return uart->s.ibrd;
    case UARTFBRD:
        return uart->s.fbrd;
    case UARTLCR_H:
        return uart->s.lcr_h;
    case UARTCR:
        return uart->s.cr;
    case UARTIFLS:
        return uart->s.ifls;
    case UARTIMSC:
        return uart->s.imsc;
    case UARTRIS:
        return uart->s.ris;
    case UARTMIS:
        return uart->s.ris & uart->s.imsc;
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
        uart->s.ibrd = (uint32_t)value;
        break;
    case UARTFBRD:
        uart->s.fbrd = (uint32_t)value;
        break;
    case UARTLCR_H:
        /* Turning the FIFOs on or off empties them, as in QEMU. */
        if ((uart->s.lcr_h ^ (uint32_t)value) & LCR_H_FEN) {
            uart->s.rx_count = 0;
            uart->s.rx_head = 0;
        }
        uart->s.lcr_h = (uint32_t)value;
        rx_status_changed(uart);
        if (uart->rx_room && pl011_rx_room(uart)) {
            uart->rx_room(uart->rx_room_opaque);
        }
        break;
    case UARTCR:
        uart->s.cr = (uint32_t)value;
        break;
    case UARTIFLS:
        uart->s.ifls = (uint32_t)value;
        rx_status_changed(uart);
        break;
    case UARTIMSC:
        uart->s.imsc = (uint32_t)value & INT_MASK;
        pl011_update(uart);
        break;
    case UARTICR:
        uart->s.ris &= ~(uint32_t)value;
        pl011_update(uart);
        break;
    case UARTDMACR:
        break;
    default:
        log_item_printf(LOG_GUEST_ERRORS, "pl011: write of bad offset 0x%" PRIx64 "\n", offset);
        break;
    }
}
