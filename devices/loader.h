/*
 * Kernel, initrd and DTB placement for the virt board, as QEMU's -kernel,
 * -initrd and -dtb do it (hw/arm/boot.c):
 *  - an ELF64 AArch64 executable: PT_LOAD segments at their physical address;
 *    a bare-metal program, no initrd; the DTB goes at the start of RAM when
 *    it fits below the program;
 *  - a Linux arm64 Image (boot protocol, Documentation/arch/arm64/booting.rst),
 *    possibly gzip-compressed: at RAM base (2 MiB aligned) + text_offset, or
 *    + 2 MiB + text_offset when text_offset is below 4 KiB (QEMU keeps the
 *    bottom of RAM for its boot stub);
 *  - anything else: raw bytes at RAM base + 0x80000, booted like an Image.
 * Images and raw binaries get the initrd at RAM base + min(RAM / 2, 128 MiB)
 * (or after the kernel if that is higher) and the DTB after the initrd,
 * 2 MiB aligned.
 */
#ifndef PHALANX_DEVICES_LOADER_H
#define PHALANX_DEVICES_LOADER_H

#include <stdbool.h>
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

/* Largest kernel file read (an ELF file may hold more than it loads). */
#define KERNEL_FILE_MAX (4ull << 30)

/* Largest kernel a gzip-compressed file may expand to (QEMU's limit). */
#define KERNEL_GUNZIP_MAX (256ull << 20)

/* Where the boot loader puts the initrd and the device tree. */
struct boot_layout {
    bool     linux_boot;   /* Image or raw binary: Linux boot protocol */
    uint64_t initrd_start; /* page aligned */
    uint64_t initrd_size;  /* 0: no initrd */
    uint64_t dtb_start;    /* where the DTB goes; 0: not placed in RAM */
    uint64_t dtb_limit;    /* the DTB must end at or below this; 0: end of RAM */
};

/*
 * Loads the file at path into the bus's RAM. A regular file may have up to
 * KERNEL_FILE_MAX bytes, a pipe or device at most the RAM size. Returns 0,
 * or -1 with a one-line reason in err.
 */
int load_kernel(const char *path, struct bus *bus, struct kernel_info *info, char *err,
                size_t err_len);

/* The same for a file already in memory (used by the unit tests). */
int load_kernel_buffer(const uint8_t *data, size_t size, struct bus *bus,
                       struct kernel_info *info, char *err, size_t err_len);

/*
 * Reads a whole file of at most max_size bytes into a malloc'd buffer. A
 * regular file's size is checked before reading; a pipe or device stops
 * being read one byte past max_size. Returns 0, or -1 with a one-line
 * reason naming the file.
 */
int load_file_contents(const char *path, uint64_t max_size, uint8_t **data, size_t *size,
                       char *err, size_t err_len);

/*
 * Decides where the initrd (initrd_size bytes, 0 = none) and the DTB go for
 * a loaded kernel. An ELF kernel takes no initrd (layout->initrd_size stays
 * 0, as QEMU ignores -initrd for it). Returns 0, or -1 with a reason when the
 * initrd or the DTB's start does not fit in RAM.
 */
int boot_plan(const struct bus *bus, const struct kernel_info *kernel, uint64_t initrd_size,
              struct boot_layout *layout, char *err, size_t err_len);

/*
 * boot_plan for the initrd file at path (NULL: none), and loads the file
 * when the kernel takes one.
 */
int boot_load_initrd(const char *path, struct bus *bus, const struct kernel_info *kernel,
                     struct boot_layout *layout, char *err, size_t err_len);

/*
 * Copies the DTB (size bytes) to layout->dtb_start. For a Linux boot a DTB
 * that does not fit is an error; for an ELF kernel the DTB is then left out
 * (layout->dtb_start becomes 0), as QEMU does. Returns 0 or -1 with a reason.
 */
int boot_place_dtb(struct bus *bus, struct boot_layout *layout, const void *dtb, size_t size,
                   char *err, size_t err_len);

#endif
