/*
 * Kernel loading for the virt board, as QEMU's -kernel does it:
 *  - an ELF64 AArch64 executable: PT_LOAD segments at their physical address;
 *  - a Linux arm64 Image (boot protocol, Documentation/arch/arm64/booting.rst):
 *    at RAM base (2 MiB aligned) + text_offset;
 *  - anything else: raw bytes at RAM base + 0x80000.
 */
#ifndef PHALANX_DEVICES_LOADER_H
#define PHALANX_DEVICES_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include "devices/bus.h"

enum kernel_format {
    KERNEL_ELF,
    KERNEL_IMAGE,
    KERNEL_RAW,
};

struct kernel_info {
    enum kernel_format format;
    uint64_t           entry;     /* first instruction */
    uint64_t           load_low;  /* lowest guest address written */
    uint64_t           load_high; /* one past the highest (Image: + image_size) */
};

/* Offset at which raw kernels and Images without text_offset go. */
#define KERNEL_RAW_OFFSET 0x80000

/*
 * Loads the file at path into the bus's RAM. Returns 0, or -1 with a one-line
 * reason in err.
 */
int load_kernel(const char *path, struct bus *bus, struct kernel_info *info, char *err,
                size_t err_len);

/* The same for a file already in memory (used by the unit tests). */
int load_kernel_buffer(const uint8_t *data, size_t size, struct bus *bus,
                       struct kernel_info *info, char *err, size_t err_len);

#endif
