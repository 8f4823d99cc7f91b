/*
 * The flattened device tree (DTB) a kernel finds in x0: generated from the
 * board table (devices/board.h) or read from a -dtb file, then completed by
 * the boot loader with RAM, command line and initrd, as QEMU's virt board and
 * hw/arm/boot.c do it.
 *
 * Functions are prefixed dtb_ to stay clear of libfdt's fdt_ namespace.
 * Every blob is a malloc'd buffer whose size is its fdt_totalsize().
 */
#ifndef PHALANX_DEVICES_FDT_H
#define PHALANX_DEVICES_FDT_H

#include <stddef.h>
#include <stdint.h>

/* What the generated tree describes beyond the fixed board table. */
struct dtb_machine {
    uint64_t ram_size; /* bytes of RAM at the board's RAM base */
    unsigned n_cpus;   /* vCPUs: cpu@N nodes, all started through PSCI */
};

/* What the boot loader writes into any tree, generated or from -dtb. */
struct dtb_boot {
    uint64_t    ram_base;
    uint64_t    ram_size;
    const char *bootargs;     /* /chosen/bootargs; NULL or "": left as it is */
    uint64_t    initrd_start; /* /chosen/linux,initrd-start */
    uint64_t    initrd_size;  /* 0: no initrd properties are written */
};

/* Builds the virt board's tree. Returns the blob, or NULL with a reason. */
void *dtb_build_virt(const struct dtb_machine *m, char *err, size_t err_len);

/*
 * Checks a DTB image (header, structure, sizes; version 16 or 17) and
 * returns a copy of it rewritten as a packed version 17 tree, or NULL with a
 * one-line reason. dtb_read_file does the same for a -dtb file.
 */
void *dtb_from_buffer(const void *data, size_t size, char *err, size_t err_len);
void *dtb_read_file(const char *path, char *err, size_t err_len);

/*
 * Completes a tree for booting (QEMU's arm_load_dtb): replaces every root
 * memory node with one covering the RAM, creates /chosen if needed and sets
 * bootargs and the initrd range there. *blob may be moved (it grows). Returns
 * 0, or -1 with a reason (the tree is then left unchanged).
 */
int dtb_apply_boot(void **blob, const struct dtb_boot *b, char *err, size_t err_len);

/* Writes a blob to a file (-machine dumpdtb=FILE). Returns 0 or -1 with a reason. */
int dtb_write_file(const void *blob, const char *path, char *err, size_t err_len);

/* Size of a blob in bytes. */
size_t dtb_size(const void *blob);

#endif
