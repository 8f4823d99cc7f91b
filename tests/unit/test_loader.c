/*
 * Unit tests of the kernel loader: ELF64 AArch64 executables, Linux arm64
 * Images, raw binaries, and every way a file can be refused. Files are built
 * in memory; RAM is a host buffer filled with a marker so that tests can check
 * what was written and that a refused file wrote nothing.
 */
#include <elf.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "devices/loader.h"

#define RAM_BASE 0x40000000ull
#define RAM_SIZE (4ull << 20)
#define MARK     0xaa

struct ram {
    uint8_t   *host;
    struct bus bus;
};

static struct ram *ram_new(uint64_t base, uint64_t size)
{
    struct ram *r = g_new0(struct ram, 1);
    r->host = g_malloc(size);
    memset(r->host, MARK, size);
    bus_init(&r->bus, r->host, base, size);
    return r;
}

static void ram_free(struct ram *r)
{
    g_free(r->host);
    g_free(r);
}

static bool ram_untouched(const struct ram *r)
{
    for (uint64_t i = 0; i < r->bus.ram_size; i++) {
        if (r->host[i] != MARK) {
            return false;
        }
    }
    return true;
}

static uint8_t *at(struct ram *r, uint64_t pa)
{
    return r->host + (pa - r->bus.ram_base);
}

/* Loads and expects a refusal: -1, a one-line non-empty reason, and, when the
 * loader promises it, RAM left as it was. Returns the reason. */
static char last_err[512];

static const char *expect_refused(struct ram *r, const void *data, size_t size,
                                  bool ram_must_be_untouched)
{
    struct kernel_info info;
    memset(&info, 0x5a, sizeof(info));
    memset(last_err, 0, sizeof(last_err));
    int rc = load_kernel_buffer(data, size, &r->bus, &info, last_err, sizeof(last_err));
    g_assert_cmpint(rc, ==, -1);
    g_assert_cmpuint(strlen(last_err), >, 0);
    g_assert_null(strchr(last_err, '\n'));
    if (ram_must_be_untouched && !ram_untouched(r)) {
        g_test_message("refused file (\"%s\") still wrote to RAM", last_err);
        g_test_fail();
    }
    return last_err;
}

/* --- ELF -------------------------------------------------------------------- */

#define SEG_OFFSET 0x200
#define SEG_FILESZ 0x100
#define SEG_MEMSZ  0x180 /* 0x80 bytes of bss */
#define SEG_ADDR   (RAM_BASE + 0x80000)

struct elf_file {
    uint8_t     bytes[0x1000];
    size_t      size;
    Elf64_Ehdr *eh;
    Elf64_Phdr *ph; /* ph[0..3] */
};

/* An ELF64 AArch64 executable with one PT_LOAD segment of SEG_FILESZ bytes
 * (0, 1, 2, ...) at SEG_ADDR and room for three more program headers. */
static void elf_build(struct elf_file *f)
{
    memset(f, 0, sizeof(*f));
    f->eh = (Elf64_Ehdr *)f->bytes;
    f->ph = (Elf64_Phdr *)(f->bytes + sizeof(Elf64_Ehdr));
    Elf64_Ehdr *eh = f->eh;
    memcpy(eh->e_ident, ELFMAG, SELFMAG);
    eh->e_ident[EI_CLASS] = ELFCLASS64;
    eh->e_ident[EI_DATA] = ELFDATA2LSB;
    eh->e_ident[EI_VERSION] = EV_CURRENT;
    eh->e_type = ET_EXEC;
    eh->e_machine = EM_AARCH64;
    eh->e_version = EV_CURRENT;
    eh->e_entry = SEG_ADDR + 0x10;
    eh->e_phoff = sizeof(Elf64_Ehdr);
    eh->e_ehsize = sizeof(Elf64_Ehdr);
    eh->e_phentsize = sizeof(Elf64_Phdr);
    eh->e_phnum = 1;
    f->ph[0] = (Elf64_Phdr){
        .p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_offset = SEG_OFFSET,
        .p_vaddr = SEG_ADDR, .p_paddr = SEG_ADDR, .p_filesz = SEG_FILESZ,
        .p_memsz = SEG_MEMSZ, .p_align = 0x1000,
    };
    for (unsigned i = 0; i < SEG_FILESZ; i++) {
        f->bytes[SEG_OFFSET + i] = (uint8_t)i;
    }
    f->size = SEG_OFFSET + SEG_FILESZ;
}

static void test_elf_valid(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    struct elf_file f;
    elf_build(&f);
    struct kernel_info info;
    char err[256] = "";
    g_assert_cmpint(load_kernel_buffer(f.bytes, f.size, &r->bus, &info, err, sizeof(err)), ==, 0);
    g_assert_cmpint(info.format, ==, KERNEL_ELF);
    g_assert_cmphex(info.entry, ==, SEG_ADDR + 0x10);
    g_assert_cmphex(info.load_low, ==, SEG_ADDR);
    g_assert_cmphex(info.load_high, ==, SEG_ADDR + SEG_MEMSZ);
    for (unsigned i = 0; i < SEG_FILESZ; i++) {
        g_assert_cmpuint(*at(r, SEG_ADDR + i), ==, (uint8_t)i);
    }
    for (unsigned i = SEG_FILESZ; i < SEG_MEMSZ; i++) {
        g_assert_cmpuint(*at(r, SEG_ADDR + i), ==, 0); /* bss cleared */
    }
    g_assert_cmpuint(*at(r, SEG_ADDR - 1), ==, MARK);
    g_assert_cmpuint(*at(r, SEG_ADDR + SEG_MEMSZ), ==, MARK);
    ram_free(r);
}

/* Segments are placed by physical address; a note and an empty PT_LOAD are
 * skipped; the range covers every segment. */
static void test_elf_segments(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    struct elf_file f;
    elf_build(&f);
    f.eh->e_phnum = 4;
    f.ph[0].p_vaddr = 0xffff000010000000ull; /* a kernel's virtual address */
    f.ph[1] = (Elf64_Phdr){ .p_type = PT_NOTE, .p_offset = 0, .p_filesz = 16, .p_memsz = 16,
                            .p_paddr = 0x1000 };
    f.ph[2] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_offset = SEG_OFFSET, .p_paddr = 0x10,
                            .p_filesz = 0, .p_memsz = 0 };
    f.ph[3] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_offset = SEG_OFFSET + 8,
                            .p_paddr = RAM_BASE + 0x300000, .p_filesz = 8, .p_memsz = 0x1000 };
    struct kernel_info info;
    char err[256] = "";
    g_assert_cmpint(load_kernel_buffer(f.bytes, f.size, &r->bus, &info, err, sizeof(err)), ==, 0);
    g_assert_cmphex(info.load_low, ==, SEG_ADDR);
    g_assert_cmphex(info.load_high, ==, RAM_BASE + 0x301000);
    g_assert_cmpuint(*at(r, SEG_ADDR + 5), ==, 5);
    g_assert_cmpuint(*at(r, RAM_BASE + 0x300000), ==, 8);
    g_assert_cmpuint(*at(r, RAM_BASE + 0x300007), ==, 15);
    g_assert_cmpuint(*at(r, RAM_BASE + 0x300008), ==, 0);
    g_assert_cmpuint(*at(r, RAM_BASE + 0x300fff), ==, 0);
    ram_free(r);
}

static void test_elf_wrong_machine(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    struct elf_file f;
    elf_build(&f);
    f.eh->e_machine = EM_X86_64;
    const char *err = expect_refused(r, f.bytes, f.size, true);
    /* The message says which machine the file is for. */
    g_assert_true(strstr(err, "62") || strstr(err, "x86"));
    g_assert_nonnull(strstr(err, "machine"));
    ram_free(r);
}

static void test_elf_32bit(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    struct elf_file f;
    elf_build(&f);
    f.eh->e_ident[EI_CLASS] = ELFCLASS32;
    const char *err = expect_refused(r, f.bytes, f.size, true);
    g_assert_nonnull(strstr(err, "64"));
    ram_free(r);
}

static void test_elf_header_checks(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    struct elf_file f;

    elf_build(&f);
    f.eh->e_ident[EI_DATA] = ELFDATA2MSB;
    expect_refused(r, f.bytes, f.size, true);

    elf_build(&f);
    f.eh->e_type = ET_DYN;
    expect_refused(r, f.bytes, f.size, true);

    elf_build(&f);
    f.eh->e_phnum = 0;
    expect_refused(r, f.bytes, f.size, true);

    elf_build(&f);
    f.eh->e_phentsize = 32;
    expect_refused(r, f.bytes, f.size, true);
    ram_free(r);
}

static void test_elf_truncated_header(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    struct elf_file f;
    elf_build(&f);
    for (size_t size = 1; size < sizeof(Elf64_Ehdr); size += 7) {
        /* Short files that start like an ELF: refused as ELF or loaded raw,
         * but never read past their end (the sanitizer build checks that). */
        uint8_t *copy = g_memdup2(f.bytes, size);
        struct kernel_info info;
        char err[256] = "";
        int rc = load_kernel_buffer(copy, size, &r->bus, &info, err, sizeof(err));
        if (size >= SELFMAG) {
            g_assert_cmpint(rc, ==, -1);
            g_assert_nonnull(strstr(err, "trunc"));
        }
        g_free(copy);
    }
    ram_free(r);
}

static void test_elf_phdrs_past_eof(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    struct elf_file f;
    elf_build(&f);
    f.eh->e_phoff = f.size - 10;
    expect_refused(r, f.bytes, f.size, true);
    elf_build(&f);
    f.eh->e_phoff = UINT64_MAX - 8; /* offset + size wraps */
    expect_refused(r, f.bytes, f.size, true);
    elf_build(&f);
    f.eh->e_phnum = 0xffff;
    expect_refused(r, f.bytes, f.size, true);
    ram_free(r);
}

static void test_elf_segment_past_eof(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    struct elf_file f;
    elf_build(&f);
    f.ph[0].p_filesz = f.size; /* runs past the end */
    f.ph[0].p_memsz = f.size;
    expect_refused(r, f.bytes, f.size, true);
    elf_build(&f);
    f.ph[0].p_offset = UINT64_MAX - 0x10;
    expect_refused(r, f.bytes, f.size, true);
    elf_build(&f);
    f.ph[0].p_filesz = SEG_MEMSZ + 1; /* file size above memory size */
    expect_refused(r, f.bytes, f.size, true);
    ram_free(r);
}

static void test_elf_segment_outside_ram(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    struct elf_file f;
    elf_build(&f);
    f.ph[0].p_paddr = 0x1000;
    expect_refused(r, f.bytes, f.size, true);

    /* Straddling the end of RAM. */
    elf_build(&f);
    f.ph[0].p_paddr = RAM_BASE + RAM_SIZE - 0x100;
    expect_refused(r, f.bytes, f.size, true);

    /* Address + size wraps around 2^64. */
    elf_build(&f);
    f.ph[0].p_paddr = UINT64_MAX - 0x80;
    expect_refused(r, f.bytes, f.size, true);
    elf_build(&f);
    f.ph[0].p_memsz = UINT64_MAX;
    expect_refused(r, f.bytes, f.size, true);

    /* A good first segment and a bad second one: nothing is written. */
    elf_build(&f);
    f.eh->e_phnum = 2;
    f.ph[1] = f.ph[0];
    f.ph[1].p_paddr = RAM_BASE + RAM_SIZE;
    const char *err = expect_refused(r, f.bytes, f.size, true);
    g_assert_nonnull(strstr(err, "RAM"));
    ram_free(r);
}

static void test_elf_entry_outside_ram(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    struct elf_file f;
    elf_build(&f);
    f.eh->e_entry = 0x1000;
    const char *err = expect_refused(r, f.bytes, f.size, true);
    g_assert_nonnull(strstr(err, "entry"));
    elf_build(&f);
    f.eh->e_entry = RAM_BASE + RAM_SIZE - 2; /* instruction not wholly in RAM */
    expect_refused(r, f.bytes, f.size, false);
    ram_free(r);
}

static void test_elf_no_load_segment(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    struct elf_file f;
    elf_build(&f);
    f.ph[0].p_type = PT_NOTE;
    expect_refused(r, f.bytes, f.size, true);
    elf_build(&f);
    f.ph[0].p_memsz = 0;
    f.ph[0].p_filesz = 0;
    expect_refused(r, f.bytes, f.size, true);
    ram_free(r);
}

/* --- arm64 Image ------------------------------------------------------------- */

static uint8_t *image_build(size_t size, uint64_t text_offset, uint64_t image_size,
                            uint64_t flags)
{
    uint8_t *img = g_malloc0(size);
    for (size_t i = 64; i < size; i++) {
        img[i] = (uint8_t)(i * 7);
    }
    uint32_t code0 = 0x91005a4d; /* "MZ" + add x13, x18, #0x16, as Linux has it */
    uint32_t code1 = 0x14000010; /* b to the real entry */
    memcpy(img + 0, &code0, 4);
    memcpy(img + 4, &code1, 4);
    memcpy(img + 8, &text_offset, 8);
    memcpy(img + 16, &image_size, 8);
    memcpy(img + 24, &flags, 8);
    memcpy(img + 56, "ARM\x64", 4);
    return img;
}

static void test_image_valid(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    size_t size = 0x3000;
    uint8_t *img = image_build(size, 0x80000, 0x10000, 0xa /* LE, 4K pages, anywhere */);
    struct kernel_info info;
    char err[256] = "";
    g_assert_cmpint(load_kernel_buffer(img, size, &r->bus, &info, err, sizeof(err)), ==, 0);
    g_assert_cmpint(info.format, ==, KERNEL_IMAGE);
    g_assert_cmphex(info.entry, ==, RAM_BASE + 0x80000);
    g_assert_cmphex(info.load_low, ==, RAM_BASE + 0x80000);
    g_assert_cmphex(info.load_high, ==, RAM_BASE + 0x80000 + 0x10000);
    g_assert_true(memcmp(at(r, RAM_BASE + 0x80000), img, size) == 0);
    /* The rest of image_size (bss) is cleared; beyond it RAM is untouched. */
    g_assert_cmpuint(*at(r, RAM_BASE + 0x80000 + size), ==, 0);
    g_assert_cmpuint(*at(r, RAM_BASE + 0x80000 + 0xffff), ==, 0);
    g_assert_cmpuint(*at(r, RAM_BASE + 0x80000 + 0x10000), ==, MARK);
    g_assert_cmpuint(*at(r, RAM_BASE + 0x7ffff), ==, MARK);
    g_free(img);
    ram_free(r);
}

/*
 * Other text offsets. Below 4 KiB (text_offset 0: every kernel since 5.8)
 * QEMU moves the Image up by 2 MiB, past its boot stub at the bottom of RAM;
 * phalanx places it the same way. RAM that does not start on 2 MiB goes to
 * the next 2 MiB.
 */
static void test_image_placement(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    uint8_t *img = image_build(0x1000, 0, 0x1000, 0);
    struct kernel_info info;
    char err[256] = "";
    g_assert_cmpint(load_kernel_buffer(img, 0x1000, &r->bus, &info, err, sizeof(err)), ==, 0);
    g_assert_cmphex(info.entry, ==, RAM_BASE + 0x200000);
    g_assert_true(memcmp(at(r, RAM_BASE + 0x200000), img, 0x1000) == 0);
    g_assert_cmpuint(*at(r, RAM_BASE), ==, MARK);
    g_free(img);
    img = image_build(0x1000, 0xfff, 0x1000, 0);
    g_assert_cmpint(load_kernel_buffer(img, 0x1000, &r->bus, &info, err, sizeof(err)), ==, 0);
    g_assert_cmphex(info.entry, ==, RAM_BASE + 0x200fff);
    g_free(img);
    img = image_build(0x1000, 0x1000, 0x1000, 0);
    g_assert_cmpint(load_kernel_buffer(img, 0x1000, &r->bus, &info, err, sizeof(err)), ==, 0);
    g_assert_cmphex(info.entry, ==, RAM_BASE + 0x1000);
    g_free(img);
    ram_free(r);

    r = ram_new(RAM_BASE + 0x100000, RAM_SIZE);
    img = image_build(0x1000, 0x80000, 0x1000, 0);
    g_assert_cmpint(load_kernel_buffer(img, 0x1000, &r->bus, &info, err, sizeof(err)), ==, 0);
    g_assert_cmphex(info.entry, ==, RAM_BASE + 0x200000 + 0x80000);
    g_assert_true(memcmp(at(r, info.entry), img, 0x1000) == 0);
    g_free(img);
    ram_free(r);
}

/* image_size smaller than the file: the whole file is still loaded. */
static void test_image_size_below_file(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    uint8_t *img = image_build(0x2000, 0x80000, 0x100, 0);
    struct kernel_info info;
    char err[256] = "";
    g_assert_cmpint(load_kernel_buffer(img, 0x2000, &r->bus, &info, err, sizeof(err)), ==, 0);
    g_assert_true(memcmp(at(r, info.entry), img, 0x2000) == 0);
    g_assert_cmphex(info.load_high, ==, info.load_low + 0x2000);
    g_free(img);
    ram_free(r);
}

/* Kernels before 3.17 leave image_size 0: text_offset is then 0x80000. */
static void test_image_old_kernel(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    uint8_t *img = image_build(0x1000, 0x1234000, 0, 0);
    struct kernel_info info;
    char err[256] = "";
    g_assert_cmpint(load_kernel_buffer(img, 0x1000, &r->bus, &info, err, sizeof(err)), ==, 0);
    g_assert_cmpint(info.format, ==, KERNEL_IMAGE);
    g_assert_cmphex(info.entry, ==, RAM_BASE + KERNEL_RAW_OFFSET);
    g_assert_true(memcmp(at(r, RAM_BASE + KERNEL_RAW_OFFSET), img, 0x1000) == 0);
    g_free(img);
    ram_free(r);
}

static void test_image_too_big(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    uint8_t *img = image_build(0x1000, 0x80000, RAM_SIZE, 0);
    const char *err = expect_refused(r, img, 0x1000, true);
    g_assert_nonnull(strstr(err, "RAM"));
    g_free(img);

    img = image_build(0x1000, RAM_SIZE, 0x1000, 0); /* text_offset past RAM */
    expect_refused(r, img, 0x1000, true);
    g_free(img);
    img = image_build(0x1000, UINT64_MAX - 0xfff, 0x1000, 0); /* base + offset wraps */
    expect_refused(r, img, 0x1000, true);
    g_free(img);
    img = image_build(0x1000, 0x80000, UINT64_MAX, 0);
    expect_refused(r, img, 0x1000, true);
    g_free(img);
    ram_free(r);
}

static void test_image_big_endian(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    uint8_t *img = image_build(0x1000, 0x80000, 0x1000, 1);
    const char *err = expect_refused(r, img, 0x1000, true);
    g_assert_nonnull(strstr(err, "endian"));
    g_free(img);
    ram_free(r);
}

/* A file shorter than the Image header with the magic cut off is raw. */
static void test_image_short_is_raw(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    uint8_t *img = image_build(64, 0x80000, 0x1000, 0);
    struct kernel_info info;
    char err[256] = "";
    g_assert_cmpint(load_kernel_buffer(img, 58, &r->bus, &info, err, sizeof(err)), ==, 0);
    g_assert_cmpint(info.format, ==, KERNEL_RAW);
    g_free(img);
    ram_free(r);
}

/* --- raw binaries, empty files, files on disk ----------------------------- */

static void test_raw(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    uint8_t code[] = { 0x00, 0x00, 0x80, 0xd2, 0x02, 0x00, 0x00, 0xd4, 0x77 };
    struct kernel_info info;
    char err[256] = "";
    g_assert_cmpint(load_kernel_buffer(code, sizeof(code), &r->bus, &info, err, sizeof(err)), ==,
                    0);
    g_assert_cmpint(info.format, ==, KERNEL_RAW);
    g_assert_cmphex(info.entry, ==, RAM_BASE + 0x80000);
    g_assert_cmphex(info.load_low, ==, RAM_BASE + 0x80000);
    g_assert_cmphex(info.load_high, ==, RAM_BASE + 0x80000 + sizeof(code));
    g_assert_true(memcmp(at(r, RAM_BASE + 0x80000), code, sizeof(code)) == 0);
    g_assert_cmpuint(*at(r, RAM_BASE + 0x80000 + sizeof(code)), ==, MARK);
    g_assert_cmpuint(*at(r, RAM_BASE + 0x7ffff), ==, MARK);
    ram_free(r);
}

static void test_raw_too_big(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    size_t size = RAM_SIZE - 0x80000 + 1;
    uint8_t *blob = g_malloc0(size);
    blob[0] = 1; /* not an ELF */
    const char *err = expect_refused(r, blob, size, true);
    g_assert_nonnull(strstr(err, "RAM"));
    /* Exactly filling RAM is fine. */
    struct kernel_info info;
    char e[256] = "";
    g_assert_cmpint(load_kernel_buffer(blob, size - 1, &r->bus, &info, e, sizeof(e)), ==, 0);
    g_free(blob);
    ram_free(r);
}

static void test_empty(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    static const uint8_t nothing[1];
    const char *err = expect_refused(r, nothing, 0, true);
    g_assert_nonnull(strstr(err, "empty"));
    ram_free(r);
}

/* A RAM smaller than the raw offset: nothing fits. */
static void test_tiny_ram(void)
{
    struct ram *r = ram_new(RAM_BASE, 0x10000);
    uint8_t code[4] = { 1, 2, 3, 4 };
    expect_refused(r, code, sizeof(code), true);
    uint8_t *img = image_build(0x1000, 0x80000, 0x1000, 0);
    expect_refused(r, img, 0x1000, true);
    g_free(img);
    ram_free(r);
}

/* Small buffers: the error message is cut, never overflowed. */
static void test_short_error_buffer(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    struct kernel_info info;
    char err[8];
    memset(err, 'x', sizeof(err));
    g_assert_cmpint(load_kernel_buffer((const uint8_t *)"", 0, &r->bus, &info, err, 5), ==, -1);
    g_assert_cmpuint(strlen(err), ==, 4);
    g_assert_cmpint(err[5], ==, 'x');
    ram_free(r);
}

static void test_load_kernel_files(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    struct kernel_info info;
    char err[512] = "";

    const char *missing = "/nonexistent/phalanx-test-kernel.elf";
    g_assert_cmpint(load_kernel(missing, &r->bus, &info, err, sizeof(err)), ==, -1);
    g_assert_nonnull(strstr(err, missing));
    g_assert_true(ram_untouched(r));

    char *dir = g_dir_make_tmp("phalanx-loader-XXXXXX", NULL);
    g_assert_nonnull(dir);
    err[0] = '\0';
    g_assert_cmpint(load_kernel(dir, &r->bus, &info, err, sizeof(err)), ==, -1);
    g_assert_nonnull(strstr(err, dir));

    /* A real file: loaded like the buffer. */
    struct elf_file f;
    elf_build(&f);
    char *path = g_build_filename(dir, "k.elf", NULL);
    g_assert_true(g_file_set_contents(path, (const char *)f.bytes, (gssize)f.size, NULL));
    g_assert_cmpint(load_kernel(path, &r->bus, &info, err, sizeof(err)), ==, 0);
    g_assert_cmphex(info.entry, ==, SEG_ADDR + 0x10);
    g_assert_cmpuint(*at(r, SEG_ADDR + 7), ==, 7);

    /* A file bigger than the first read buffer. */
    size_t big = (3u << 20) / 2 + 5;
    uint8_t *blob = g_malloc(big);
    for (size_t i = 0; i < big; i++) {
        blob[i] = (uint8_t)(i * 13 + 1);
    }
    g_assert_true(g_file_set_contents(path, (const char *)blob, (gssize)big, NULL));
    g_assert_cmpint(load_kernel(path, &r->bus, &info, err, sizeof(err)), ==, 0);
    g_assert_cmpint(info.format, ==, KERNEL_RAW);
    g_assert_true(memcmp(at(r, RAM_BASE + 0x80000), blob, big) == 0);
    g_free(blob);

    /* A refused file: the reason comes with the file name. */
    f.eh->e_machine = EM_X86_64;
    g_assert_true(g_file_set_contents(path, (const char *)f.bytes, (gssize)f.size, NULL));
    g_assert_cmpint(load_kernel(path, &r->bus, &info, err, sizeof(err)), ==, -1);
    g_assert_nonnull(strstr(err, path));
    g_assert_nonnull(strstr(err, "machine"));

    /* An empty file. */
    g_assert_true(g_file_set_contents(path, "", 0, NULL));
    g_assert_cmpint(load_kernel(path, &r->bus, &info, err, sizeof(err)), ==, -1);
    g_assert_nonnull(strstr(err, "empty"));

    g_unlink(path);
    g_rmdir(dir);
    g_free(path);
    g_free(dir);
    ram_free(r);
}

/* --- gzip-compressed kernels (Debian's vmlinuz) ---------------------------- */

/* The gzip (not zlib) encoding of data, as gzip(1) writes it. */
static uint8_t *gzip_buffer(const uint8_t *data, size_t size, size_t *out_size)
{
    z_stream zs;
    memset(&zs, 0, sizeof(zs));
    g_assert_cmpint(deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
                    ==, Z_OK);
    size_t cap = deflateBound(&zs, size);
    uint8_t *out = g_malloc(cap);
    zs.next_in = (Bytef *)data;
    zs.avail_in = (uInt)size;
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    g_assert_cmpint(deflate(&zs, Z_FINISH), ==, Z_STREAM_END);
    *out_size = cap - zs.avail_out;
    deflateEnd(&zs);
    return out;
}

static void test_gzip_image(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    size_t size = 0x3000;
    uint8_t *img = image_build(size, 0, 0x10000, 0xa);
    size_t gz_size;
    uint8_t *gz = gzip_buffer(img, size, &gz_size);
    struct kernel_info info;
    char err[256] = "";
    g_assert_cmpint(load_kernel_buffer(gz, gz_size, &r->bus, &info, err, sizeof(err)), ==, 0);
    g_assert_cmpint(info.format, ==, KERNEL_IMAGE);
    g_assert_cmphex(info.entry, ==, RAM_BASE + 0x200000);
    g_assert_cmphex(info.load_high, ==, RAM_BASE + 0x200000 + 0x10000);
    g_assert_true(memcmp(at(r, info.entry), img, size) == 0);

    /* Cut short or damaged: refused, RAM untouched. */
    struct ram *r2 = ram_new(RAM_BASE, RAM_SIZE);
    const char *e = expect_refused(r2, gz, gz_size / 2, true);
    g_assert_nonnull(strstr(e, "truncated"));
    uint8_t *bad = g_memdup2(gz, gz_size);
    bad[12] ^= 0x55;
    bad[13] ^= 0xaa;
    e = expect_refused(r2, bad, gz_size, true);
    g_assert_nonnull(strstr(e, "gzip"));
    g_free(bad);
    ram_free(r2);
    g_free(gz);
    g_free(img);

    /* A compressed file that is not an Image is a raw kernel. */
    uint8_t code[64];
    for (size_t i = 0; i < sizeof(code); i++) {
        code[i] = (uint8_t)(i * 3 + 1);
    }
    gz = gzip_buffer(code, sizeof(code), &gz_size);
    g_assert_cmpint(load_kernel_buffer(gz, gz_size, &r->bus, &info, err, sizeof(err)), ==, 0);
    g_assert_cmpint(info.format, ==, KERNEL_RAW);
    g_assert_cmphex(info.entry, ==, RAM_BASE + KERNEL_RAW_OFFSET);
    g_assert_true(memcmp(at(r, info.entry), code, sizeof(code)) == 0);
    g_free(gz);
    ram_free(r);
}

/* --- initrd and DTB placement (QEMU's hw/arm/boot.c choices) ------------------ */

/* A bus with no RAM behind it: boot_plan only does arithmetic. */
static struct bus plan_bus(uint64_t ram_size)
{
    struct bus bus;
    bus_init(&bus, NULL, RAM_BASE, ram_size);
    return bus;
}

static struct kernel_info kernel_at(enum kernel_format format, uint64_t low, uint64_t high)
{
    struct kernel_info k = { .format = format, .entry = low, .load_low = low,
                             .load_high = high };
    return k;
}

static void test_plan_linux(void)
{
    struct boot_layout l;
    char err[256] = "";
    /* A Debian-sized Image at +2 MiB, 512 MiB of RAM: initrd at +128 MiB, DTB
     * at the next 2 MiB after it. */
    struct bus bus = plan_bus(512 * (1ull << 20));
    struct kernel_info k = kernel_at(KERNEL_IMAGE, RAM_BASE + 0x200000, RAM_BASE + 0x2a10000);
    g_assert_cmpint(boot_plan(&bus, &k, 0, &l, err, sizeof(err)), ==, 0);
    g_assert_true(l.linux_boot);
    g_assert_cmphex(l.initrd_start, ==, 0x48000000);
    g_assert_cmpuint(l.initrd_size, ==, 0);
    g_assert_cmphex(l.dtb_start, ==, 0x48000000);
    g_assert_cmphex(l.dtb_limit, ==, 0);
    g_assert_cmpint(boot_plan(&bus, &k, 0x1234567, &l, err, sizeof(err)), ==, 0);
    g_assert_cmphex(l.initrd_start, ==, 0x48000000);
    g_assert_cmpuint(l.initrd_size, ==, 0x1234567);
    g_assert_cmphex(l.dtb_start, ==, 0x49400000);
    g_assert_cmphex(l.dtb_start & 0x1fffff, ==, 0);

    /* 128 MiB of RAM: the initrd goes half way (QEMU -m 128M: DTB at
     * 0x44000000); a raw kernel is booted the same way. */
    bus = plan_bus(128 * (1ull << 20));
    k = kernel_at(KERNEL_RAW, RAM_BASE + 0x80000, RAM_BASE + 0x80100);
    g_assert_cmpint(boot_plan(&bus, &k, 0, &l, err, sizeof(err)), ==, 0);
    g_assert_true(l.linux_boot);
    g_assert_cmphex(l.initrd_start, ==, 0x44000000);
    g_assert_cmphex(l.dtb_start, ==, 0x44000000);

    /* A kernel reaching past that point: the initrd follows it, page aligned. */
    k = kernel_at(KERNEL_IMAGE, RAM_BASE + 0x200000, RAM_BASE + 0x5000123);
    g_assert_cmpint(boot_plan(&bus, &k, 0x800, &l, err, sizeof(err)), ==, 0);
    g_assert_cmphex(l.initrd_start, ==, RAM_BASE + 0x5001000);
    g_assert_cmphex(l.dtb_start, ==, RAM_BASE + 0x5200000);
}

static void test_plan_refusals(void)
{
    struct boot_layout l;
    char err[256] = "";
    struct bus bus = plan_bus(64 * (1ull << 20));
    uint64_t ram_end = RAM_BASE + 64 * (1ull << 20);
    struct kernel_info k = kernel_at(KERNEL_IMAGE, RAM_BASE + 0x200000, RAM_BASE + 0x400000);

    /* initrd at +32 MiB: 32 MiB fit exactly, but then there is no room for the DTB. */
    g_assert_cmpint(boot_plan(&bus, &k, 32u << 20, &l, err, sizeof(err)), ==, -1);
    g_assert_nonnull(strstr(err, "DTB"));
    g_assert_cmpint(boot_plan(&bus, &k, (32u << 20) - 0x200000, &l, err, sizeof(err)), ==, 0);
    g_assert_cmphex(l.dtb_start, ==, ram_end - 0x200000);
    g_assert_cmpint(boot_plan(&bus, &k, (32u << 20) + 1, &l, err, sizeof(err)), ==, -1);
    g_assert_nonnull(strstr(err, "too big"));
    g_assert_null(strchr(err, '\n'));
    g_assert_cmpint(boot_plan(&bus, &k, UINT64_MAX, &l, err, sizeof(err)), ==, -1);

    /* A kernel filling RAM: no room for an initrd, nor for a DTB. */
    k = kernel_at(KERNEL_IMAGE, RAM_BASE + 0x200000, ram_end);
    g_assert_cmpint(boot_plan(&bus, &k, 1, &l, err, sizeof(err)), ==, -1);
    g_assert_nonnull(strstr(err, "initrd"));
    g_assert_cmpint(boot_plan(&bus, &k, 0, &l, err, sizeof(err)), ==, -1);
    g_assert_nonnull(strstr(err, "DTB"));
}

static void test_plan_elf(void)
{
    struct boot_layout l;
    char err[256] = "";
    struct bus bus = plan_bus(512 * (1ull << 20));
    /* A bare-metal program at +0x80000: DTB at the start of RAM, below it;
     * an initrd is ignored. */
    struct kernel_info k = kernel_at(KERNEL_ELF, RAM_BASE + 0x80000, RAM_BASE + 0x90000);
    g_assert_cmpint(boot_plan(&bus, &k, 0x1000, &l, err, sizeof(err)), ==, 0);
    g_assert_false(l.linux_boot);
    g_assert_cmpuint(l.initrd_size, ==, 0);
    g_assert_cmphex(l.dtb_start, ==, RAM_BASE);
    g_assert_cmphex(l.dtb_limit, ==, RAM_BASE + 0x80000);
    /* A program that starts at the bottom of RAM leaves no room. */
    k = kernel_at(KERNEL_ELF, RAM_BASE, RAM_BASE + 0x10000);
    g_assert_cmpint(boot_plan(&bus, &k, 0, &l, err, sizeof(err)), ==, 0);
    g_assert_cmphex(l.dtb_start, ==, 0);
}

static void test_place_dtb(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    char err[256] = "";
    uint8_t dtb[0x2000];
    for (size_t i = 0; i < sizeof(dtb); i++) {
        dtb[i] = (uint8_t)(i ^ 0x5c);
    }
    /* ELF: fits below the program, is copied. */
    struct boot_layout l = { .linux_boot = false, .dtb_start = RAM_BASE,
                             .dtb_limit = RAM_BASE + 0x2000 };
    g_assert_cmpint(boot_place_dtb(&r->bus, &l, dtb, sizeof(dtb), err, sizeof(err)), ==, 0);
    g_assert_cmphex(l.dtb_start, ==, RAM_BASE);
    g_assert_true(memcmp(at(r, RAM_BASE), dtb, sizeof(dtb)) == 0);
    ram_free(r);

    /* ELF: does not fit below the program: left out, RAM untouched. */
    r = ram_new(RAM_BASE, RAM_SIZE);
    l = (struct boot_layout){ .linux_boot = false, .dtb_start = RAM_BASE,
                              .dtb_limit = RAM_BASE + 0x1fff };
    g_assert_cmpint(boot_place_dtb(&r->bus, &l, dtb, sizeof(dtb), err, sizeof(err)), ==, 0);
    g_assert_cmphex(l.dtb_start, ==, 0);
    g_assert_true(ram_untouched(r));

    /* Linux: past the end of RAM is an error. */
    l = (struct boot_layout){ .linux_boot = true, .dtb_start = RAM_BASE + RAM_SIZE - 0x1000 };
    g_assert_cmpint(boot_place_dtb(&r->bus, &l, dtb, sizeof(dtb), err, sizeof(err)), ==, -1);
    g_assert_nonnull(strstr(err, "DTB"));
    g_assert_true(ram_untouched(r));
    l.dtb_start = RAM_BASE + RAM_SIZE - sizeof(dtb);
    g_assert_cmpint(boot_place_dtb(&r->bus, &l, dtb, sizeof(dtb), err, sizeof(err)), ==, 0);
    g_assert_true(memcmp(at(r, l.dtb_start), dtb, sizeof(dtb)) == 0);
    ram_free(r);
}

static void test_load_initrd(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    struct kernel_info info;
    char err[512] = "";
    uint8_t code[] = { 0x1f, 0x20, 0x03, 0xd5 };
    g_assert_cmpint(load_kernel_buffer(code, sizeof(code), &r->bus, &info, err, sizeof(err)),
                    ==, 0);
    char *dir = g_dir_make_tmp("phalanx-initrd-XXXXXX", NULL);
    char *path = g_build_filename(dir, "initrd.img", NULL);
    uint8_t data[5000];
    for (size_t i = 0; i < sizeof(data); i++) {
        data[i] = (uint8_t)(i * 11 + 7);
    }
    g_assert_true(g_file_set_contents(path, (const char *)data, sizeof(data), NULL));

    /* 4 MiB of RAM: the initrd goes at +2 MiB, the DTB at the next 2 MiB... which
     * is the end of RAM. */
    struct boot_layout l;
    g_assert_cmpint(boot_load_initrd(path, &r->bus, &info, &l, err, sizeof(err)), ==, -1);
    g_assert_nonnull(strstr(err, "DTB"));
    g_assert_nonnull(strstr(err, path));
    ram_free(r);

    r = ram_new(RAM_BASE, 8u << 20);
    g_assert_cmpint(load_kernel_buffer(code, sizeof(code), &r->bus, &info, err, sizeof(err)),
                    ==, 0);
    g_assert_cmpint(boot_load_initrd(path, &r->bus, &info, &l, err, sizeof(err)), ==, 0);
    g_assert_cmphex(l.initrd_start, ==, RAM_BASE + (4u << 20));
    g_assert_cmpuint(l.initrd_size, ==, sizeof(data));
    g_assert_cmphex(l.dtb_start, ==, RAM_BASE + (6u << 20));
    g_assert_true(memcmp(at(r, l.initrd_start), data, sizeof(data)) == 0);
    g_assert_cmpuint(*at(r, l.initrd_start + sizeof(data)), ==, MARK);

    /* No initrd: only the plan. A missing file names itself. */
    g_assert_cmpint(boot_load_initrd(NULL, &r->bus, &info, &l, err, sizeof(err)), ==, 0);
    g_assert_cmpuint(l.initrd_size, ==, 0);
    g_assert_cmphex(l.dtb_start, ==, RAM_BASE + (4u << 20));
    g_assert_cmpint(boot_load_initrd("/nonexistent/initrd", &r->bus, &info, &l, err,
                                     sizeof(err)), ==, -1);
    g_assert_nonnull(strstr(err, "/nonexistent/initrd"));
    g_assert_null(strchr(err, '\n'));

    /* An initrd bigger than all of RAM is refused. */
    ram_free(r);
    r = ram_new(RAM_BASE, 0x1000);
    g_assert_cmpint(boot_load_initrd(path, &r->bus, &info, &l, err, sizeof(err)), ==, -1);
    g_assert_nonnull(strstr(err, "too big"));

    g_unlink(path);
    g_rmdir(dir);
    g_free(path);
    g_free(dir);
    ram_free(r);
}

/* --- what the input fuzzer (tests/fuzz) found ------------------------------ */

/* Two PT_LOAD segments over the same bytes: QEMU refuses them ("rom:
 * requested regions overlap"); phalanx loaded both, the second silently
 * overwriting the first. Touching segments are fine. */
static void test_elf_overlapping_segments(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    struct elf_file f;
    elf_build(&f);
    f.eh->e_phnum = 3;
    f.ph[1] = f.ph[0];
    f.ph[1].p_paddr = SEG_ADDR + SEG_MEMSZ; /* touching: fine */
    f.ph[2] = f.ph[0];
    f.ph[2].p_paddr = SEG_ADDR + 0x40; /* inside segment 0 */
    const char *e = expect_refused(r, f.bytes, f.size, true);
    g_assert_nonnull(strstr(e, "overlap"));
    g_assert_nonnull(strstr(e, "0 and 2"));

    /* Same start, listed in any order. */
    f.ph[2].p_paddr = SEG_ADDR;
    e = expect_refused(r, f.bytes, f.size, true);
    g_assert_nonnull(strstr(e, "overlap"));

    f.eh->e_phnum = 2;
    struct kernel_info info;
    char err[256] = "";
    g_assert_cmpint(load_kernel_buffer(f.bytes, f.size, &r->bus, &info, err, sizeof(err)), ==, 0);
    g_assert_cmphex(info.load_high, ==, SEG_ADDR + 2 * SEG_MEMSZ);
    ram_free(r);
}

/* A gzip bomb: 6 MiB of zeros for 4 MiB of RAM. Decompression stops at the
 * RAM size (it used to go on to 256 MiB whatever the RAM) with a message
 * that says why. */
static void test_gzip_bomb(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    size_t size = 6u << 20;
    uint8_t *zeros = g_malloc0(size);
    size_t gz_size;
    uint8_t *gz = gzip_buffer(zeros, size, &gz_size);
    g_assert_cmpuint(gz_size, <, size / 100);
    const char *e = expect_refused(r, gz, gz_size, true);
    g_assert_nonnull(strstr(e, "expands to more than 4 MiB"));
    g_assert_nonnull(strstr(e, "RAM"));
    g_free(gz);
    g_free(zeros);
    ram_free(r);
}

/* Files that never end or are not files: /dev/zero used to be read until
 * memory ran out; a directory gave "cannot read" without a reason; a
 * sparse file larger than any kernel is refused before it is read. */
static void test_kernel_file_kinds(void)
{
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    struct kernel_info info;
    char err[512] = "";
    g_assert_cmpint(load_kernel("/dev/zero", &r->bus, &info, err, sizeof(err)), ==, -1);
    g_assert_nonnull(strstr(err, "too big"));
    g_assert_nonnull(strstr(err, "4 MiB"));
    g_assert_true(ram_untouched(r));

    char *dir = g_dir_make_tmp("phalanx-loader-XXXXXX", NULL);
    g_assert_cmpint(load_kernel(dir, &r->bus, &info, err, sizeof(err)), ==, -1);
    g_assert_nonnull(strstr(err, "directory"));

    char *path = g_build_filename(dir, "huge", NULL);
    g_assert_true(g_file_set_contents(path, "", 0, NULL));
    g_assert_cmpint(truncate(path, (off_t)KERNEL_FILE_MAX + 1), ==, 0);
    g_assert_cmpint(load_kernel(path, &r->bus, &info, err, sizeof(err)), ==, -1);
    g_assert_nonnull(strstr(err, "too big"));

    /* An initrd from a device is read no further than the room for it. */
    uint8_t code[] = { 0x1f, 0x20, 0x03, 0xd5 };
    g_assert_cmpint(load_kernel_buffer(code, sizeof(code), &r->bus, &info, err, sizeof(err)),
                    ==, 0);
    struct boot_layout l;
    g_assert_cmpint(boot_load_initrd("/dev/zero", &r->bus, &info, &l, err, sizeof(err)), ==, -1);
    g_assert_nonnull(strstr(err, "too big"));
    g_assert_nonnull(strstr(err, "/dev/zero"));
    g_assert_null(strchr(err, '\n'));
    g_assert_cmpint(boot_load_initrd(dir, &r->bus, &info, &l, err, sizeof(err)), ==, -1);
    g_assert_nonnull(strstr(err, "directory"));

    g_unlink(path);
    g_rmdir(dir);
    g_free(path);
    g_free(dir);
    ram_free(r);
}

/*
 * Seeded mutations of an ELF, an Image and a gzip-compressed Image (64-bit
 * fields set to edge values, bit flips, truncation), loaded from exact-size
 * buffers so that ASan sees any read past the end: each is refused with a
 * one-line reason or loaded entirely inside RAM. tests/fuzz does the same
 * through the phalanx binary.
 */
static void test_mutations(void)
{
    static const uint64_t edge[] = {
        0, 1, 0xfff, 0x1000, 0x80000, 0x200000, RAM_BASE - 1, RAM_BASE, RAM_BASE + RAM_SIZE - 4,
        RAM_BASE + RAM_SIZE, RAM_SIZE, RAM_SIZE + 1, 0xffffffffull, 1ull << 63, ~0ull - 0xfff,
        ~0ull,
    };
    struct elf_file f;
    elf_build(&f);
    f.eh->e_phnum = 2;
    f.ph[1] = f.ph[0];
    f.ph[1].p_paddr = SEG_ADDR + 0x1000;
    size_t img_size = 0x800;
    uint8_t *img = image_build(img_size, 0x80000, 0x10000, 0xa);
    size_t gz_size;
    uint8_t *gz = gzip_buffer(img, img_size, &gz_size);
    struct { const uint8_t *data; size_t size; } seeds[] = {
        { f.bytes, f.size }, { img, img_size }, { gz, gz_size },
    };
    struct ram *r = ram_new(RAM_BASE, RAM_SIZE);
    GRand *rng = g_rand_new_with_seed(20261124);
    unsigned loaded = 0;
    for (int iter = 0; iter < 20000; iter++) {
        int which = g_rand_int_range(rng, 0, 3);
        size_t n = seeds[which].size;
        uint8_t *buf = g_memdup2(seeds[which].data, n);
        switch (g_rand_int_range(rng, 0, 4)) {
        case 0: case 1: { /* a 64-bit field of the headers */
            size_t at = 8 * (size_t)g_rand_int_range(rng, 0, 24);
            uint64_t v = edge[g_rand_int_range(rng, 0, G_N_ELEMENTS(edge))];
            if (at + 8 <= n && !(which == 2 && at < 16)) {
                memcpy(buf + at, &v, 8);
            }
            break;
        }
        case 2:
            n = (size_t)g_rand_int_range(rng, 1, (int)n);
            break;
        default:
            for (int i = g_rand_int_range(rng, 1, 9); i > 0; i--) {
                buf[g_rand_int_range(rng, 0, (int)n)] ^= (uint8_t)(1u << g_rand_int_range(rng, 0, 8));
            }
            break;
        }
        uint8_t *exact = g_memdup2(buf, n);
        struct kernel_info info;
        char err[256] = "";
        if (load_kernel_buffer(exact, n, &r->bus, &info, err, sizeof(err)) == 0) {
            loaded++;
            g_assert_true(info.load_low >= RAM_BASE && info.load_low <= info.load_high);
            g_assert_true(info.load_high <= RAM_BASE + RAM_SIZE);
            g_assert_nonnull(bus_ram_ptr(&r->bus, info.entry, 4));
        } else {
            g_assert_cmpuint(strlen(err), >, 0);
            g_assert_null(strchr(err, '\n'));
        }
        g_free(exact);
        g_free(buf);
    }
    g_test_message("%u of 20000 mutated kernels loaded", loaded);
    g_assert_cmpuint(loaded, >, 0);
    g_rand_free(rng);
    ram_free(r);
    g_free(gz);
    g_free(img);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();
    g_test_add_func("/loader/elf/valid", test_elf_valid);
    g_test_add_func("/loader/elf/segments", test_elf_segments);
    g_test_add_func("/loader/elf/wrong_machine", test_elf_wrong_machine);
    g_test_add_func("/loader/elf/32bit", test_elf_32bit);
    g_test_add_func("/loader/elf/header_checks", test_elf_header_checks);
    g_test_add_func("/loader/elf/truncated_header", test_elf_truncated_header);
    g_test_add_func("/loader/elf/phdrs_past_eof", test_elf_phdrs_past_eof);
    g_test_add_func("/loader/elf/segment_past_eof", test_elf_segment_past_eof);
    g_test_add_func("/loader/elf/segment_outside_ram", test_elf_segment_outside_ram);
    g_test_add_func("/loader/elf/entry_outside_ram", test_elf_entry_outside_ram);
    g_test_add_func("/loader/elf/no_load_segment", test_elf_no_load_segment);
    g_test_add_func("/loader/image/valid", test_image_valid);
    g_test_add_func("/loader/image/placement", test_image_placement);
    g_test_add_func("/loader/image/size_below_file", test_image_size_below_file);
    g_test_add_func("/loader/image/old_kernel", test_image_old_kernel);
    g_test_add_func("/loader/image/too_big", test_image_too_big);
    g_test_add_func("/loader/image/big_endian", test_image_big_endian);
    g_test_add_func("/loader/image/short_is_raw", test_image_short_is_raw);
    g_test_add_func("/loader/raw", test_raw);
    g_test_add_func("/loader/raw_too_big", test_raw_too_big);
    g_test_add_func("/loader/empty", test_empty);
    g_test_add_func("/loader/tiny_ram", test_tiny_ram);
    g_test_add_func("/loader/short_error_buffer", test_short_error_buffer);
    g_test_add_func("/loader/load_kernel_files", test_load_kernel_files);
    g_test_add_func("/loader/gzip_image", test_gzip_image);
    g_test_add_func("/loader/boot/plan_linux", test_plan_linux);
    g_test_add_func("/loader/boot/plan_refusals", test_plan_refusals);
    g_test_add_func("/loader/boot/plan_elf", test_plan_elf);
    g_test_add_func("/loader/boot/place_dtb", test_place_dtb);
    g_test_add_func("/loader/boot/load_initrd", test_load_initrd);
    g_test_add_func("/loader/fuzz/elf_overlapping_segments", test_elf_overlapping_segments);
    g_test_add_func("/loader/fuzz/gzip_bomb", test_gzip_bomb);
    g_test_add_func("/loader/fuzz/kernel_file_kinds", test_kernel_file_kinds);
    g_test_add_func("/loader/fuzz/mutations", test_mutations);
    return g_test_run();
}
