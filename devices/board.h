/*
 * The virt board as data: one memory map and one IRQ table, shared by device
 * creation (devices/virt.c) and the device tree (devices/fdt.c). Addresses
 * and IRQ numbers match QEMU's hw/arm/virt.c so the same guest binary runs
 * on both.
 */
#ifndef PHALANX_DEVICES_BOARD_H
#define PHALANX_DEVICES_BOARD_H

#include <stdbool.h>
#include <stdint.h>

enum board_region {
    VIRT_FLASH,
    VIRT_GIC_DIST,
    VIRT_GIC_REDIST,
    VIRT_UART,
    VIRT_RTC,
    VIRT_MMIO,
    VIRT_MEM,
    VIRT_NUM_REGIONS,
};

struct board_region_desc {
    const char *name;
    uint64_t    base;
    uint64_t    size;
};

extern const struct board_region_desc virt_memmap[VIRT_NUM_REGIONS];

/* SPI number (GIC interrupt ID - 32) of each device that has one, else -1. */
extern const int virt_irqmap[VIRT_NUM_REGIONS];

/*
 * PPI numbers (GIC interrupt ID - 16) of the generic timer's outputs, as
 * QEMU's virt board wires them (ARCH_TIMER_*_IRQ in hw/arm/virt.h).
 */
enum virt_timer_ppi {
    VIRT_PPI_TIMER_HYP      = 10, /* EL2 physical timer */
    VIRT_PPI_TIMER_VIRT     = 11, /* EL1 virtual timer */
    VIRT_PPI_TIMER_SECURE   = 13, /* secure EL1 physical timer */
    VIRT_PPI_TIMER_PHYSICAL = 14, /* non-secure EL1 physical timer */
};

/* Frequency of the board's APB clock that the PL011 and PL031 run from. */
#define VIRT_APB_CLOCK_HZ 24000000

/*
 * A device's interrupt output. The device computes its level in one place
 * (its update function) and calls set_level when it changes; whatever the
 * line is connected to (the GIC, a test) supplies set_level. Unconnected:
 * set_level is NULL.
 */
struct irq_line {
    void (*set_level)(void *opaque, int line, bool level);
    void *opaque;
    int   line; /* the receiver's number for it, e.g. the SPI from virt_irqmap */
};

static inline void irq_line_set(const struct irq_line *irq, bool level)
{
    if (irq->set_level) {
        irq->set_level(irq->opaque, irq->line, level);
    }
}

/* Largest RAM the board maps (QEMU virt: up to 255 GiB below the high MMIO). */
#define VIRT_MAX_RAM (255ull << 30)

#endif
