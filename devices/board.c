/* The virt board's memory map and IRQ table (values as in QEMU's virt.c). */
#include "devices/board.h"

const struct board_region_desc virt_memmap[VIRT_NUM_REGIONS] = {
    [VIRT_FLASH]      = { "flash",      0x00000000, 0x08000000 },
    [VIRT_GIC_DIST]   = { "gic-dist",   0x08000000, 0x00010000 },
    [VIRT_GIC_REDIST] = { "gic-redist", 0x080a0000, 0x00f60000 },
    [VIRT_UART]       = { "pl011",      0x09000000, 0x00001000 },
    [VIRT_RTC]        = { "pl031",      0x09010000, 0x00001000 },
    [VIRT_MMIO]       = { "virtio-mmio", 0x0a000000, 0x00000200 },
    [VIRT_MEM]        = { "ram",        0x40000000, VIRT_MAX_RAM },
};

const int virt_irqmap[VIRT_NUM_REGIONS] = {
    [VIRT_FLASH] = -1,
    [VIRT_GIC_DIST] = -1,
    [VIRT_GIC_REDIST] = -1,
    [VIRT_UART] = 1,
    [VIRT_RTC] = 2,
    [VIRT_MMIO] = 16,
    [VIRT_MEM] = -1,
};
