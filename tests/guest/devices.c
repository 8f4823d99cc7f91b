/*
 * The virt board's simple devices as a driver sees them: the PL011 UART
 * (identification registers Linux's AMBA bus matches on, flag and control
 * registers after reset, baud/line settings read back, the interrupt mask
 * and raw/masked status with the TX interrupt, clearing through ICR) and
 * the PL031 RTC (identification, control, a counter that does not go
 * back).
 */
#include "guest.h"

#define UART 0x09000000ul
#define RTC 0x09010000ul

static inline uint32_t rd(uint64_t base, unsigned off)
{
    return *(volatile uint32_t *)(base + off);
}

static inline void wr(uint64_t base, unsigned off, uint32_t v)
{
    *(volatile uint32_t *)(base + off) = v;
}

/* PeriphID0-3 and PCellID0-3 at 0xfe0..0xffc, one byte each. */
static void check_ids(const char *name, uint64_t base, const uint8_t want[8])
{
    uint64_t ids = 0;
    for (unsigned i = 0; i < 8; i++) {
        uint32_t v = rd(base, 0xfe0 + 4 * i);
        CHECK_EQ(v, want[i]);
        ids |= (uint64_t)v << (8 * i);
    }
    guest_put_named_hex(name, ids);
}

static void test_uart(void)
{
    static const uint8_t pl011_ids[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
    check_ids("pl011 ids", UART, pl011_ids);
    CHECK_EQ(rd(UART, 0x18), 0x90);     /* FR: TX FIFO empty, RX FIFO empty */
    CHECK_EQ(rd(UART, 0x30), 0x300);    /* CR: TXE, RXE (UARTEN is left to the driver) */
    CHECK_EQ(rd(UART, 0x34), 0x12);     /* IFLS: both FIFOs at half */
    CHECK_EQ(rd(UART, 0x38), 0);        /* IMSC */
    CHECK_EQ(rd(UART, 0x04), 0);        /* RSR/ECR */
    CHECK_EQ(rd(UART, 0x48), 0);        /* DMACR */

    /* What a driver sets up: 115200 8N1 with FIFOs, enabled. */
    wr(UART, 0x24, 0x27);               /* IBRD */
    wr(UART, 0x28, 0x04);               /* FBRD */
    wr(UART, 0x2c, 0x70);               /* LCR_H: 8 bits, FIFOs on */
    wr(UART, 0x30, 0x301);              /* CR: UARTEN | TXE | RXE */
    CHECK_EQ(rd(UART, 0x24), 0x27);
    CHECK_EQ(rd(UART, 0x28), 0x04);
    CHECK_EQ(rd(UART, 0x2c), 0x70);
    CHECK_EQ(rd(UART, 0x30), 0x301);
    guest_puts("pl011 registers ok\n");

    /* TX interrupt: raw status set (FIFO empty), masked status follows IMSC. */
    uint32_t ris = rd(UART, 0x3c);
    guest_put_named_hex("pl011 ris", ris);
    CHECK_EQ(ris & 0x20, 0x20);
    CHECK_EQ(rd(UART, 0x40), 0);        /* MIS: nothing unmasked */
    wr(UART, 0x38, 0x20);               /* IMSC: TX */
    CHECK_EQ(rd(UART, 0x38), 0x20);
    CHECK_EQ(rd(UART, 0x40), 0x20);
    wr(UART, 0x38, 0x7ff);
    CHECK_EQ(rd(UART, 0x38), 0x7ff);
    guest_put_named_hex("pl011 mis, all unmasked", rd(UART, 0x40));
    wr(UART, 0x44, 0x7ff);              /* ICR: clear everything */
    guest_put_named_hex("pl011 ris after icr", rd(UART, 0x3c));
    wr(UART, 0x38, 0);
    CHECK_EQ(rd(UART, 0x40), 0);
    CHECK_EQ(rd(UART, 0x100), 0);       /* a reserved offset reads as zero */
    guest_puts("pl011 interrupt status ok\n");
}

static void test_rtc(void)
{
    static const uint8_t pl031_ids[8] = { 0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
    check_ids("pl031 ids", RTC, pl031_ids);
    CHECK_EQ(rd(RTC, 0x0c), 1);         /* CR: started */
    CHECK_EQ(rd(RTC, 0x10), 0);         /* IMSC */
    CHECK_EQ(rd(RTC, 0x14), 0);         /* RIS */
    /* DR: seconds since the epoch; which date is the emulator's choice
     * (host time on QEMU), so it is only shown. */
    uint32_t t0 = rd(RTC, 0x00);
    guest_put_named_hex("# pl031 dr", t0);
    CHECK(rd(RTC, 0x00) >= t0);
    guest_puts("pl031 ok\n");
}

int main(void)
{
    test_uart();
    test_rtc();
    return 0;
}
