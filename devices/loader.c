/* ELF, Linux Image (plain or gzip) and raw kernel loading; initrd and DTB placement. */
#include "devices/loader.h"

#include <elf.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

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
#define IMAGE_ALIGN       (2ull << 20) /* Images go at a 2 MiB boundary + text_offset */

/* Room QEMU keeps at the bottom of RAM for its boot stub (BOOTLOADER_MAX_SIZE). */
#define BOOT_STUB_MAX_SIZE 0x1000

/* The initrd goes at RAM base + min(RAM / 2, this) (QEMU's choice: far
 * enough for the kernel to unpack below it, low enough to be in lowmem). */
#define INITRD_MAX_OFFSET (128ull << 20)
#define INITRD_ALIGN      0x1000ull

/* Some kernels map the DTB's whole 2 MiB block early: keep it alone in it. */
#define DTB_ALIGN (2ull << 20)

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

/* A loadable segment's guest range, for the overlap check. */
struct elf_range {
    uint64_t start, end; /* [start, end) */
    unsigned index;      /* program header number */
};

static int compare_ranges(const void *a, const void *b)
{
    const struct elf_range *x = a, *y = b;
    if (x->start != y->start) {
        return x->start < y->start ? -1 : 1;
    }
    return x->index < y->index ? -1 : x->index > y->index;
}

/*
 * Refuses PT_LOAD segments that overlap in guest memory (QEMU refuses them
 * too: "rom: requested regions overlap"); one would silently overwrite the
 * other. Runs after the header checks, before any segment is validated, so
 * ranges may still wrap: those are left to the RAM check.
 */
static int elf_check_overlap(const uint8_t *data, const Elf64_Ehdr *eh, char *err,
                             size_t err_len)
{
    struct elf_range *r = malloc(eh->e_phnum * sizeof(*r));
    if (!r) {
        return fail(err, err_len, "out of memory checking the ELF program headers");
    }
    unsigned n = 0;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        Elf64_Phdr ph;
        memcpy(&ph, data + eh->e_phoff + i * sizeof(ph), sizeof(ph));
        if (ph.p_type == PT_LOAD && ph.p_memsz != 0 && ph.p_paddr + ph.p_memsz > ph.p_paddr) {
            r[n++] = (struct elf_range){ ph.p_paddr, ph.p_paddr + ph.p_memsz, i };
        }
    }
    qsort(r, n, sizeof(*r), compare_ranges);
    for (unsigned i = 1; i < n; i++) {
        if (r[i].start < r[i - 1].end) {
            int rc = fail(err, err_len, "ELF segments %u and %u overlap at 0x%" PRIx64,
                          r[i - 1].index, r[i].index, r[i].start);
            free(r);
            return rc;
        }
    }
    free(r);
    return 0;
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
    if (elf_check_overlap(data, &eh, err, err_len)) {
        return -1;
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
    } else if (text_offset < BOOT_STUB_MAX_SIZE) {
        /* QEMU writes its boot stub at the bottom of RAM and moves such an
         * Image up by 2 MiB; the protocol only asks for a 2 MiB boundary. */
        text_offset += IMAGE_ALIGN;
    }
    if (image_size < size) {
        image_size = size;
    }
    uint64_t base = (bus->ram_base + IMAGE_ALIGN - 1) & ~(IMAGE_ALIGN - 1);
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

static bool is_gzip(const uint8_t *data, size_t size)
{
    return size >= 3 && data[0] == 0x1f && data[1] == 0x8b && data[2] == 8;
}

/*
 * Decompresses a gzip file into a malloc'd buffer of at most limit bytes.
 * limit is the RAM size or KERNEL_GUNZIP_MAX, whichever is smaller: a bigger
 * kernel cannot be loaded, so a decompression bomb stops there.
 */
static int gunzip(const uint8_t *in, size_t in_size, uint64_t limit, uint8_t **out,
                  size_t *out_size, char *err, size_t err_len)
{
    if (in_size > UINT32_MAX) {
        return fail(err, err_len, "gzip-compressed kernel is too big");
    }
    z_stream zs;
    memset(&zs, 0, sizeof(zs));
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
        return fail(err, err_len, "cannot start gzip decompression");
    }
    zs.next_in = (Bytef *)in;
    zs.avail_in = (uInt)in_size;
    size_t cap = 0, len = 0;
    uint8_t *buf = NULL;
    int rc;
    do {
        if (len == cap) {
            if (cap == limit) {
                inflateEnd(&zs);
                free(buf);
                return fail(err, err_len, "gzip-compressed kernel expands to more than %"
                            PRIu64 " MiB (%s)", limit >> 20,
                            limit == KERNEL_GUNZIP_MAX ? "the limit for compressed kernels"
                                                       : "the RAM size");
            }
            cap = cap ? cap * 2 : 16u << 20;
            cap = cap > limit ? limit : cap;
            uint8_t *bigger = realloc(buf, cap);
            if (!bigger) {
                inflateEnd(&zs);
                free(buf);
                return fail(err, err_len, "out of memory decompressing the kernel");
            }
            buf = bigger;
        }
        zs.next_out = buf + len;
        zs.avail_out = (uInt)(cap - len);
        rc = inflate(&zs, Z_NO_FLUSH);
        len = cap - zs.avail_out;
        if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
            break; /* input ended before the stream did */
        }
    } while (rc == Z_OK || (rc == Z_BUF_ERROR && zs.avail_out == 0));
    inflateEnd(&zs);
    if (rc != Z_STREAM_END) {
        free(buf);
        return fail(err, err_len, "gzip-compressed kernel is %s",
                    rc == Z_BUF_ERROR ? "truncated" : "corrupt");
    }
    *out = buf;
    *out_size = len;
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
    if (is_gzip(data, size)) {
        /* A compressed Image (Debian's vmlinuz): the boot loader unpacks it. */
        uint8_t *raw = NULL;
        size_t raw_size = 0;
        uint64_t limit = bus->ram_size < KERNEL_GUNZIP_MAX ? bus->ram_size : KERNEL_GUNZIP_MAX;
        if (gunzip(data, size, limit, &raw, &raw_size, err, err_len)) {
            return -1;
        }
        int rc;
        if (raw_size == 0) {
            rc = fail(err, err_len, "gzip-compressed kernel is empty");
        } else if (is_image(raw, raw_size)) {
            rc = load_image(raw, raw_size, bus, info, err, err_len);
        } else {
            rc = load_raw(raw, raw_size, bus, info, err, err_len);
        }
        free(raw);
        return rc;
    }
    if (is_image(data, size)) {
        return load_image(data, size, bus, info, err, err_len);
    }
    return load_raw(data, size, bus, info, err, err_len);
}

/*
 * Reads a whole file: at most max_regular bytes from a regular file (whose
 * size is known before reading) and at most max_stream bytes from anything
 * else (a pipe, /dev/zero), so that an endless input ends in an error rather
 * than in exhausted memory.
 */
static int read_file(const char *path, uint64_t max_regular, uint64_t max_stream,
                     uint8_t **data_out, size_t *size_out, char *err, size_t err_len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return fail(err, err_len, "cannot open '%s': %s", path, strerror(errno));
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0) {
        int saved = errno;
        fclose(f);
        return fail(err, err_len, "cannot read '%s': %s", path, strerror(saved));
    }
    if (S_ISDIR(st.st_mode)) {
        fclose(f);
        return fail(err, err_len, "cannot read '%s': %s", path, strerror(EISDIR));
    }
    bool regular = S_ISREG(st.st_mode);
    uint64_t max_size = regular ? max_regular : max_stream;
    if (max_size > SIZE_MAX - 1) {
        max_size = SIZE_MAX - 1;
    }
    uint8_t *data = NULL;
    size_t size = 0, cap = 0;
    if (regular) {
        if ((uint64_t)st.st_size > max_size) {
            fclose(f);
            goto too_big;
        }
        cap = (size_t)st.st_size + 1; /* + 1: one read sees the end of file */
        data = malloc(cap);
        if (!data) {
            fclose(f);
            return fail(err, err_len, "out of memory reading '%s'", path);
        }
    }
    for (;;) {
        if (size == cap) {
            if (size > max_size) {
                free(data);
                fclose(f);
                goto too_big;
            }
            /* Grow by doubling, but never past what shows the file is too big. */
            cap = cap ? cap * 2 : 1u << 20;
            cap = cap > max_size + 1 ? (size_t)max_size + 1 : cap;
            uint8_t *bigger = realloc(data, cap);
            if (!bigger) {
                free(data);
                fclose(f);
                return fail(err, err_len, "out of memory reading '%s'", path);
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
    int saved = errno;
    fclose(f);
    if (read_error) {
        free(data);
        return fail(err, err_len, "cannot read '%s': %s", path, strerror(saved));
    }
    if (size > max_size) {
        free(data);
        goto too_big;
    }
    *data_out = data;
    *size_out = size;
    return 0;

too_big:
    if (max_size % (1u << 20) == 0) {
        return fail(err, err_len, "'%s' is too big (more than %" PRIu64 " MiB)", path,
                    max_size >> 20);
    }
    return fail(err, err_len, "'%s' is too big (more than %" PRIu64 " bytes)", path, max_size);
}

int load_file_contents(const char *path, uint64_t max_size, uint8_t **data_out,
                       size_t *size_out, char *err, size_t err_len)
{
    return read_file(path, max_size, max_size, data_out, size_out, err, err_len);
}

int load_kernel(const char *path, struct bus *bus, struct kernel_info *info, char *err,
                size_t err_len)
{
    uint8_t *data;
    size_t size;
    char inner[256];
    /* Only an ELF file may be bigger than RAM (sections that are not loaded);
     * a kernel from a pipe or a device must fit in RAM. */
    if (read_file(path, KERNEL_FILE_MAX, bus->ram_size, &data, &size, inner, sizeof(inner))) {
        return fail(err, err_len, "kernel: %s", inner);
    }
    int rc = load_kernel_buffer(data, size, bus, info, inner, sizeof(inner));
    free(data);
    if (rc) {
        return fail(err, err_len, "%s: %s", path, inner);
    }
    return 0;
}

/* --- initrd and DTB --------------------------------------------------------- */

int boot_plan(const struct bus *bus, const struct kernel_info *kernel, uint64_t initrd_size,
              struct boot_layout *layout, char *err, size_t err_len)
{
    uint64_t ram_end = bus->ram_base + bus->ram_size;
    memset(layout, 0, sizeof(*layout));
    layout->linux_boot = kernel->format != KERNEL_ELF;
    if (!layout->linux_boot) {
        /* A bare-metal program: the DTB goes at the bottom of RAM when the
         * program leaves room there (it may not reach below its lowest
         * segment). */
        if (kernel->load_low > bus->ram_base || kernel->load_high <= bus->ram_base) {
            layout->dtb_start = bus->ram_base;
            layout->dtb_limit = kernel->load_low > bus->ram_base ? kernel->load_low : 0;
        }
        return 0;
    }
    uint64_t half = bus->ram_size / 2;
    uint64_t start = bus->ram_base + (half < INITRD_MAX_OFFSET ? half : INITRD_MAX_OFFSET);
    if (kernel->load_high > start) {
        start = kernel->load_high;
    }
    start = (start + INITRD_ALIGN - 1) & ~(INITRD_ALIGN - 1);
    layout->initrd_start = start;
    if (initrd_size) {
        if (start >= ram_end) {
            return fail(err, err_len, "not enough space after the kernel to load the initrd "
                        "(kernel ends at 0x%" PRIx64 ", RAM at 0x%" PRIx64 ")",
                        kernel->load_high, ram_end);
        }
        if (initrd_size > ram_end - start) {
            return fail(err, err_len, "initrd of %" PRIu64 " bytes is too big to fit into RAM "
                        "after the kernel (%" PRIu64 " bytes free at 0x%" PRIx64 ")",
                        initrd_size, ram_end - start, start);
        }
        layout->initrd_size = initrd_size;
    }
    uint64_t dtb = (start + initrd_size + DTB_ALIGN - 1) & ~(DTB_ALIGN - 1);
    if (dtb >= ram_end || dtb < start) {
        return fail(err, err_len, "not enough space for the DTB after the kernel and initrd "
                    "(RAM ends at 0x%" PRIx64 ")", ram_end);
    }
    layout->dtb_start = dtb;
    return 0;
}

int boot_load_initrd(const char *path, struct bus *bus, const struct kernel_info *kernel,
                     struct boot_layout *layout, char *err, size_t err_len)
{
    if (!path || kernel->format == KERNEL_ELF) {
        return boot_plan(bus, kernel, 0, layout, err, err_len);
    }
    /* Where it would go: a pipe or device is read no further than the room
     * there. A regular file's size is known: the real plan below explains
     * why it does not fit. */
    char inner[256];
    boot_plan(bus, kernel, 0, layout, inner, sizeof(inner));
    uint64_t ram_end = bus->ram_base + bus->ram_size;
    uint64_t room = bus->ram_size;
    if (layout->initrd_start > bus->ram_base && layout->initrd_start < ram_end) {
        room = ram_end - layout->initrd_start;
    }
    uint8_t *data;
    size_t size;
    if (read_file(path, bus->ram_size, room, &data, &size, inner, sizeof(inner))) {
        return fail(err, err_len, "initrd: %s", inner);
    }
    if (boot_plan(bus, kernel, size, layout, inner, sizeof(inner))) {
        free(data);
        return fail(err, err_len, "initrd %s: %s", path, inner);
    }
    if (size) {
        memcpy(bus_ram_ptr(bus, layout->initrd_start, size), data, size);
    }
    free(data);
    return 0;
}

int boot_place_dtb(struct bus *bus, struct boot_layout *layout, const void *dtb, size_t size,
                   char *err, size_t err_len)
{
    if (!layout->dtb_start) {
        return 0;
    }
    uint64_t start = layout->dtb_start;
    if (!layout->linux_boot && layout->dtb_limit && size > layout->dtb_limit - start) {
        layout->dtb_start = 0; /* no room below the program: QEMU leaves it out too */
        return 0;
    }
    uint8_t *dst = ram_range(bus, start, size);
    if (!dst) {
        if (!layout->linux_boot) {
            layout->dtb_start = 0;
            return 0;
        }
        return fail(err, err_len, "DTB of %zu bytes at 0x%" PRIx64 " does not fit in RAM "
                    "(ends at 0x%" PRIx64 ")", size, start, bus->ram_base + bus->ram_size);
    }
    memcpy(dst, dtb, size);
    return 0;
}
