/*
 * The virt board as data: one memory map and one IRQ table, shared by device
 * creation and (later) the device tree. Addresses and IRQ numbers match QEMU's
 * hw/arm/virt.c so the same guest binary runs on both.
 */
#ifndef PHALANX_DEVICES_BOARD_H
#define PHALANX_DEVICES_BOARD_H

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

/* Largest RAM the board maps (QEMU virt: up to 255 GiB below the high MMIO). */
#define VIRT_MAX_RAM (255ull << 30)

#endif
