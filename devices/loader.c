/* ELF, Linux Image and raw kernel loading. */
#include "devices/loader.h"

#include <elf.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* arm64 Image header (Documentation/arch/arm64/booting.rst). */
struct arm64_image_header {
    uint32_t code0;
    uint32_t code1;
    uint64_t text_offset;
    uint64_t image_size;
    uint64_t flags;
    uint64_t res2, res3, res4;
    uint32_t magic;
    uint32_t res5;
};

#define ARM64_IMAGE_MAGIC 0x644d5241u /* "ARM\x64" */
#define IMAGE_FLAG_BE     (1u << 0)

static int fail(char *err, size_t err_len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, err_len, fmt, ap);
    va_end(ap);
    return -1;
}

/* Host pointer for [addr, addr+len) in RAM, or NULL when it does not fit. */
static uint8_t *ram_range(struct bus *bus, uint64_t addr, uint64_t len)
{
    if (len == 0) {
        return bus_ram_ptr(bus, addr, 0);
    }
    return bus_ram_ptr(bus, addr, len);
}

static int load_elf(const uint8_t *data, size_t size, struct bus *bus, struct kernel_info *info,
                    char *err, size_t err_len)
{
    Elf64_Ehdr eh;
    if (size < sizeof(eh)) {
        return fail(err, err_len, "ELF file is truncated (no complete header)");
    }
    memcpy(&eh, data, sizeof(eh));
    if (eh.e_ident[EI_CLASS] != ELFCLASS64) {
        return fail(err, err_len, "ELF file is not 64-bit (class %u); need an AArch64 ELF",
                    eh.e_ident[EI_CLASS]);
    }
    if (eh.e_ident[EI_DATA] != ELFDATA2LSB) {
        return fail(err, err_len, "ELF file is not little-endian");
    }
    if (eh.e_machine != EM_AARCH64) {
        return fail(err, err_len, "ELF file is for machine %u, not AArch64 (%u)", eh.e_machine,
                    EM_AARCH64);
    }
    if (eh.e_type != ET_EXEC) {
        return fail(err, err_len, "ELF file is not an executable (type %u)", eh.e_type);
    }
    if (eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum == 0) {
        return fail(err, err_len, "ELF file has no usable program headers");
    }
    if (eh.e_phoff > size || (uint64_t)eh.e_phnum * sizeof(Elf64_Phdr) > size - eh.e_phoff) {
        return fail(err, err_len, "ELF file is truncated (program headers past end of file)");
    }
    uint64_t low = UINT64_MAX, high = 0;
    bool any = false;
    /* Check every segment and the entry before writing any, so a bad file
     * loads nothing. */
    if (!bus_ram_ptr(bus, eh.e_entry, 4)) {
        return fail(err, err_len, "ELF entry point 0x%" PRIx64 " is not in RAM",
                    (uint64_t)eh.e_entry);
    }
    for (int pass = 0; pass < 2; pass++) {
        for (unsigned i = 0; i < eh.e_phnum; i++) {
            Elf64_Phdr ph;
            memcpy(&ph, data + eh.e_phoff + i * sizeof(ph), sizeof(ph));
            if (ph.p_type != PT_LOAD || ph.p_memsz == 0) {
                continue;
            }
            if (ph.p_filesz > ph.p_memsz) {
                return fail(err, err_len, "ELF segment %u has file size above memory size", i);
            }
            if (ph.p_offset > size || ph.p_filesz > size - ph.p_offset) {
                return fail(err, err_len, "ELF file is truncated (segment %u past end of file)", i);
            }
            uint8_t *dst = ram_range(bus, ph.p_paddr, ph.p_memsz);
            if (!dst) {
                return fail(err, err_len,
                            "ELF segment %u (0x%" PRIx64 "-0x%" PRIx64 ") does not fit in RAM "
                            "(0x%" PRIx64 "-0x%" PRIx64 ")", i, (uint64_t)ph.p_paddr,
                            (uint64_t)(ph.p_paddr + ph.p_memsz), bus->ram_base,
                            bus->ram_base + bus->ram_size);
            }
            if (pass == 1) {
                memcpy(dst, data + ph.p_offset, ph.p_filesz);
                memset(dst + ph.p_filesz, 0, ph.p_memsz - ph.p_filesz);
                low = ph.p_paddr < low ? ph.p_paddr : low;
                high = ph.p_paddr + ph.p_memsz > high ? ph.p_paddr + ph.p_memsz : high;
                any = true;
            }
        }
    }
    if (!any) {
        return fail(err, err_len, "ELF file has no loadable segment");
    }
    info->format = KERNEL_ELF;
    info->entry = eh.e_entry;
    info->load_low = low;
    info->load_high = high;
    return 0;
}

static bool is_image(const uint8_t *data, size_t size)
{
    struct arm64_image_header h;
    if (size < sizeof(h)) {
        return false;
    }
    memcpy(&h, data, sizeof(h));
    return h.magic == ARM64_IMAGE_MAGIC;
}

static int load_image(const uint8_t *data, size_t size, struct bus *bus,
                      struct kernel_info *info, char *err, size_t err_len)
{
    struct arm64_image_header h;
    memcpy(&h, data, sizeof(h));
    if (h.flags & IMAGE_FLAG_BE) {
        return fail(err, err_len, "arm64 Image is big-endian; only little-endian is supported");
    }
    uint64_t text_offset = h.text_offset;
    uint64_t image_size = h.image_size;
    if (image_size == 0) {
        /* Kernels before 3.17 leave image_size 0 and expect text_offset 0x80000. */
        text_offset = KERNEL_RAW_OFFSET;
        image_size = size;
    }
    if (image_size < size) {
        image_size = size;
    }
    uint64_t base = (bus->ram_base + 0x1fffff) & ~0x1fffffull;
    uint64_t load = base + text_offset;
    uint8_t *dst = ram_range(bus, load, image_size);
    if (!dst || text_offset > bus->ram_size) {
        return fail(err, err_len, "arm64 Image (%" PRIu64 " bytes at offset 0x%" PRIx64
                    ") does not fit in RAM of %" PRIu64 " MiB", image_size, text_offset,
                    bus->ram_size >> 20);
    }
    memcpy(dst, data, size);
    memset(dst + size, 0, image_size - size);
    info->format = KERNEL_IMAGE;
    info->entry = load;
    info->load_low = load;
    info->load_high = load + image_size;
    return 0;
}

static int load_raw(const uint8_t *data, size_t size, struct bus *bus, struct kernel_info *info,
                    char *err, size_t err_len)
{
    uint64_t load = bus->ram_base + KERNEL_RAW_OFFSET;
    uint8_t *dst = ram_range(bus, load, size);
    if (!dst) {
        return fail(err, err_len, "kernel of %zu bytes does not fit in RAM of %" PRIu64 " MiB",
                    size, bus->ram_size >> 20);
    }
    memcpy(dst, data, size);
    info->format = KERNEL_RAW;
    info->entry = load;
    info->load_low = load;
    info->load_high = load + size;
    return 0;
}

int load_kernel_buffer(const uint8_t *data, size_t size, struct bus *bus,
                       struct kernel_info *info, char *err, size_t err_len)
{
    if (size == 0) {
        return fail(err, err_len, "kernel file is empty");
    }
    if (size >= SELFMAG && !memcmp(data, ELFMAG, SELFMAG)) {
        return load_elf(data, size, bus, info, err, err_len);
    }
    if (is_image(data, size)) {
        return load_image(data, size, bus, info, err, err_len);
    }
    return load_raw(data, size, bus, info, err, err_len);
}

int load_kernel(const char *path, struct bus *bus, struct kernel_info *info, char *err,
                size_t err_len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return fail(err, err_len, "cannot open kernel '%s': %s", path, strerror(errno));
    }
    uint8_t *data = NULL;
    size_t size = 0, cap = 0;
    for (;;) {
        if (size == cap) {
            cap = cap ? cap * 2 : 1u << 20;
            uint8_t *bigger = realloc(data, cap);
            if (!bigger) {
                free(data);
                fclose(f);
                return fail(err, err_len, "out of memory reading kernel '%s'", path);
            }
            data = bigger;
        }
        size_t got = fread(data + size, 1, cap - size, f);
        size += got;
        if (got == 0) {
            break;
        }
    }
    bool read_error = ferror(f);
    fclose(f);
    if (read_error) {
        free(data);
        return fail(err, err_len, "cannot read kernel '%s'", path);
    }
    char inner[256];
    int rc = load_kernel_buffer(data, size, bus, info, inner, sizeof(inner));
    free(data);
    if (rc) {
        return fail(err, err_len, "%s: %s", path, inner);
    }
    return 0;
}
