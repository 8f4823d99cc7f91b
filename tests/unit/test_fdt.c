/*
 * Unit tests of the device tree: the generated virt tree read back with
 * libfdt and checked against the board table, the boot loader's additions
 * (memory, bootargs, initrd) on generated and on user trees, refusal of bad
 * -dtb files, and phalanx's -machine dumpdtb=FILE checked with dtc.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "devices/board.h"
#include "devices/fdt.h"

#define MiB (1ull << 20)
#define GiB (1ull << 30)

static char err[512];

static void *build(uint64_t ram_size)
{
    struct dtb_machine m = { .ram_size = ram_size, .n_cpus = 1 };
    err[0] = '\0';
    void *fdt = dtb_build_virt(&m, err, sizeof(err));
    if (!fdt) {
        g_test_message("dtb_build_virt: %s", err);
    }
    g_assert_nonnull(fdt);
    g_assert_cmpint(fdt_check_full(fdt, dtb_size(fdt)), ==, 0);
    return fdt;
}

static int node(const void *fdt, const char *path)
{
    int off = fdt_path_offset(fdt, path);
    if (off < 0) {
        g_test_message("no node %s: %s", path, fdt_strerror(off));
    }
    g_assert_cmpint(off, >=, 0);
    return off;
}

static const char *prop_str(const void *fdt, const char *path, const char *name)
{
    const char *s = fdt_getprop(fdt, node(fdt, path), name, NULL);
    if (!s) {
        g_test_message("no %s in %s", name, path);
    }
    g_assert_nonnull(s);
    return s;
}

/* Property as a list of 32-bit cells; returns how many. */
static int prop_cells(const void *fdt, const char *path, const char *name, uint32_t *out,
                      int max)
{
    int len;
    const fdt32_t *p = fdt_getprop(fdt, node(fdt, path), name, &len);
    if (!p) {
        g_test_message("no %s in %s", name, path);
    }
    g_assert_nonnull(p);
    g_assert_cmpint(len % 4, ==, 0);
    int n = len / 4;
    g_assert_cmpint(n, <=, max);
    for (int i = 0; i < n; i++) {
        out[i] = fdt32_to_cpu(p[i]);
    }
    return n;
}

static uint32_t prop_u32(const void *fdt, const char *path, const char *name)
{
    uint32_t v;
    g_assert_cmpint(prop_cells(fdt, path, name, &v, 1), ==, 1);
    return v;
}

/* A two-cell address/size pair at cells[i]. */
static uint64_t pair(const uint32_t *cells, int i)
{
    return (uint64_t)cells[i] << 32 | cells[i + 1];
}

/* Whether the root has a child of exactly this name (fdt_path_offset would
 * also match "memory" to "memory@40000000"). */
static bool has_child(const void *fdt, const char *name)
{
    int child;
    fdt_for_each_subnode(child, fdt, 0) {
        if (!strcmp(fdt_get_name(fdt, child, NULL), name)) {
            return true;
        }
    }
    return false;
}

static bool has_compatible(const void *fdt, const char *path, const char *compat)
{
    return fdt_node_check_compatible(fdt, node(fdt, path), compat) == 0;
}

static char *region_path(const char *prefix, enum board_region r)
{
    return g_strdup_printf("/%s@%" G_GINT64_MODIFIER "x", prefix, virt_memmap[r].base);
}

/* --- the generated tree ---------------------------------------------------- */

static void test_root_memory_cpus(void)
{
    void *fdt = build(512 * MiB);
    g_assert_cmpstr(prop_str(fdt, "/", "compatible"), ==, "linux,dummy-virt");
    g_assert_cmpuint(prop_u32(fdt, "/", "#address-cells"), ==, 2);
    g_assert_cmpuint(prop_u32(fdt, "/", "#size-cells"), ==, 2);

    uint32_t reg[8];
    char *mem = region_path("memory", VIRT_MEM);
    g_assert_cmpstr(prop_str(fdt, mem, "device_type"), ==, "memory");
    g_assert_cmpint(prop_cells(fdt, mem, "reg", reg, 8), ==, 4);
    g_assert_cmphex(pair(reg, 0), ==, virt_memmap[VIRT_MEM].base);
    g_assert_cmphex(pair(reg, 2), ==, 512 * MiB);
    g_free(mem);

    g_assert_cmpuint(prop_u32(fdt, "/cpus", "#address-cells"), ==, 1);
    g_assert_cmpuint(prop_u32(fdt, "/cpus", "#size-cells"), ==, 0);
    g_assert_cmpstr(prop_str(fdt, "/cpus/cpu@0", "device_type"), ==, "cpu");
    g_assert_true(has_compatible(fdt, "/cpus/cpu@0", "arm,cortex-a57"));
    g_assert_cmpuint(prop_u32(fdt, "/cpus/cpu@0", "reg"), ==, 0);
    g_assert_cmpstr(prop_str(fdt, "/cpus/cpu@0", "enable-method"), ==, "psci");
    g_assert_cmpuint(prop_u32(fdt, "/cpus/cpu-map/socket0/cluster0/core0", "cpu"), ==,
                     fdt_get_phandle(fdt, node(fdt, "/cpus/cpu@0")));
    /* One memory node and one CPU only. */
    g_assert_cmpint(fdt_path_offset(fdt, "/cpus/cpu@1"), <, 0);
    g_assert_false(has_child(fdt, "memory"));
    free(fdt);

    /* RAM above 4 GiB needs both size cells. */
    fdt = build(6 * GiB);
    mem = region_path("memory", VIRT_MEM);
    g_assert_cmpint(prop_cells(fdt, mem, "reg", reg, 8), ==, 4);
    g_assert_cmphex(pair(reg, 2), ==, 6 * GiB);
    g_free(mem);
    free(fdt);
}

static void test_psci_timer(void)
{
    void *fdt = build(512 * MiB);
    g_assert_true(has_compatible(fdt, "/psci", "arm,psci-1.0"));
    g_assert_true(has_compatible(fdt, "/psci", "arm,psci-0.2"));
    g_assert_true(has_compatible(fdt, "/psci", "arm,psci"));
    g_assert_cmpstr(prop_str(fdt, "/psci", "method"), ==, "hvc");
    g_assert_cmphex(prop_u32(fdt, "/psci", "cpu_suspend"), ==, 0xc4000001);
    g_assert_cmphex(prop_u32(fdt, "/psci", "cpu_off"), ==, 0x84000002);
    g_assert_cmphex(prop_u32(fdt, "/psci", "cpu_on"), ==, 0xc4000003);
    g_assert_cmphex(prop_u32(fdt, "/psci", "migrate"), ==, 0xc4000005);

    g_assert_true(has_compatible(fdt, "/timer", "arm,armv8-timer"));
    g_assert_nonnull(fdt_getprop(fdt, node(fdt, "/timer"), "always-on", NULL));
    uint32_t irqs[12];
    g_assert_cmpint(prop_cells(fdt, "/timer", "interrupts", irqs, 12), ==, 12);
    static const uint32_t want[12] = { 1, 13, 4, 1, 14, 4, 1, 11, 4, 1, 10, 4 };
    for (int i = 0; i < 12; i++) {
        g_assert_cmpuint(irqs[i], ==, want[i]);
    }
    free(fdt);
}

static void test_gic(void)
{
    void *fdt = build(512 * MiB);
    char *gic = region_path("intc", VIRT_GIC_DIST);
    g_assert_true(has_compatible(fdt, gic, "arm,gic-v3"));
    g_assert_cmpuint(prop_u32(fdt, gic, "#interrupt-cells"), ==, 3);
    g_assert_nonnull(fdt_getprop(fdt, node(fdt, gic), "interrupt-controller", NULL));
    g_assert_cmpuint(prop_u32(fdt, gic, "#redistributor-regions"), ==, 1);
    uint32_t reg[8];
    g_assert_cmpint(prop_cells(fdt, gic, "reg", reg, 8), ==, 8);
    g_assert_cmphex(pair(reg, 0), ==, virt_memmap[VIRT_GIC_DIST].base);
    g_assert_cmphex(pair(reg, 2), ==, virt_memmap[VIRT_GIC_DIST].size);
    g_assert_cmphex(pair(reg, 4), ==, virt_memmap[VIRT_GIC_REDIST].base);
    g_assert_cmphex(pair(reg, 6), ==, virt_memmap[VIRT_GIC_REDIST].size);
    /* The root's interrupt-parent is this node. */
    uint32_t phandle = fdt_get_phandle(fdt, node(fdt, gic));
    g_assert_cmpuint(phandle, !=, 0);
    g_assert_cmpuint(prop_u32(fdt, "/", "interrupt-parent"), ==, phandle);
    g_free(gic);
    free(fdt);
}

/* A PrimeCell device: compatible, reg and SPI from the board table, clocks
 * pointing at the fixed 24 MHz clock. */
static void check_primecell(const void *fdt, enum board_region r, const char *compat,
                            int n_clocks)
{
    char *path = region_path(virt_memmap[r].name, r);
    g_assert_true(has_compatible(fdt, path, compat));
    g_assert_true(has_compatible(fdt, path, "arm,primecell"));
    uint32_t cells[8];
    g_assert_cmpint(prop_cells(fdt, path, "reg", cells, 8), ==, 4);
    g_assert_cmphex(pair(cells, 0), ==, virt_memmap[r].base);
    g_assert_cmphex(pair(cells, 2), ==, virt_memmap[r].size);
    g_assert_cmpint(prop_cells(fdt, path, "interrupts", cells, 8), ==, 3);
    g_assert_cmpuint(cells[0], ==, 0); /* SPI */
    g_assert_cmpuint(cells[1], ==, (uint32_t)virt_irqmap[r]);
    g_assert_cmpuint(cells[2], ==, 4); /* level high */
    uint32_t clock = fdt_get_phandle(fdt, node(fdt, "/apb-pclk"));
    g_assert_cmpint(prop_cells(fdt, path, "clocks", cells, 8), ==, n_clocks);
    for (int i = 0; i < n_clocks; i++) {
        g_assert_cmpuint(cells[i], ==, clock);
    }
    g_free(path);
}

static void test_devices_chosen(void)
{
    void *fdt = build(512 * MiB);
    g_assert_true(has_compatible(fdt, "/apb-pclk", "fixed-clock"));
    g_assert_cmpuint(prop_u32(fdt, "/apb-pclk", "clock-frequency"), ==, 24000000);
    g_assert_cmpuint(prop_u32(fdt, "/apb-pclk", "#clock-cells"), ==, 0);
    check_primecell(fdt, VIRT_UART, "arm,pl011", 2);
    check_primecell(fdt, VIRT_RTC, "arm,pl031", 1);
    int len;
    char *uart = region_path("pl011", VIRT_UART);
    const char *names = fdt_getprop(fdt, node(fdt, uart), "clock-names", &len);
    g_assert_cmpint(len, ==, sizeof("uartclk\0apb_pclk"));
    g_assert_cmpmem(names, len, "uartclk\0apb_pclk", sizeof("uartclk\0apb_pclk"));

    /* stdout-path names the UART node. */
    const char *stdout_path = prop_str(fdt, "/chosen", "stdout-path");
    g_assert_cmpstr(stdout_path, ==, uart);
    g_assert_cmpint(fdt_path_offset(fdt, stdout_path), ==, node(fdt, uart));
    /* Nothing for the boot loader's part yet, and no host randomness. */
    g_assert_null(fdt_getprop(fdt, node(fdt, "/chosen"), "bootargs", NULL));
    g_assert_null(fdt_getprop(fdt, node(fdt, "/chosen"), "linux,initrd-start", NULL));
    g_assert_null(fdt_getprop(fdt, node(fdt, "/chosen"), "kaslr-seed", NULL));
    g_assert_null(fdt_getprop(fdt, node(fdt, "/chosen"), "rng-seed", NULL));
    g_free(uart);
    free(fdt);
}

/* The same machine gives the same bytes (no host state in the tree). */
static void test_reproducible(void)
{
    void *a = build(1 * GiB);
    void *b = build(1 * GiB);
    g_assert_cmpmem(a, dtb_size(a), b, dtb_size(b));
    free(a);
    free(b);
}

/* --- the boot loader's additions --------------------------------------------- */

static void test_apply_boot(void)
{
    void *fdt = build(512 * MiB);
    struct dtb_boot b = {
        .ram_base = virt_memmap[VIRT_MEM].base, .ram_size = 2 * GiB,
        .bootargs = "console=ttyAMA0 root=/dev/vda rw",
        .initrd_start = 0x48000000, .initrd_size = 0x123456,
    };
    g_assert_cmpint(dtb_apply_boot(&fdt, &b, err, sizeof(err)), ==, 0);
    g_assert_cmpint(fdt_check_full(fdt, dtb_size(fdt)), ==, 0);
    g_assert_cmpstr(prop_str(fdt, "/chosen", "bootargs"), ==, "console=ttyAMA0 root=/dev/vda rw");
    uint32_t cells[4];
    g_assert_cmpint(prop_cells(fdt, "/chosen", "linux,initrd-start", cells, 4), ==, 2);
    g_assert_cmphex(pair(cells, 0), ==, 0x48000000);
    g_assert_cmpint(prop_cells(fdt, "/chosen", "linux,initrd-end", cells, 4), ==, 2);
    g_assert_cmphex(pair(cells, 0), ==, 0x48123456);
    /* stdout-path survives; the memory node now says 2 GiB. */
    g_assert_cmpstr(prop_str(fdt, "/chosen", "stdout-path"), ==, "/pl011@9000000");
    char *mem = region_path("memory", VIRT_MEM);
    uint32_t reg[4];
    g_assert_cmpint(prop_cells(fdt, mem, "reg", reg, 4), ==, 4);
    g_assert_cmphex(pair(reg, 2), ==, 2 * GiB);
    g_free(mem);
    /* Exactly one memory node. */
    int n_mem = 0, child;
    fdt_for_each_subnode(child, fdt, 0) {
        n_mem += g_str_has_prefix(fdt_get_name(fdt, child, NULL), "memory");
    }
    g_assert_cmpint(n_mem, ==, 1);
    free(fdt);

    /* No initrd and an empty command line: nothing written. */
    fdt = build(512 * MiB);
    struct dtb_boot plain = { .ram_base = 0x40000000, .ram_size = 512 * MiB, .bootargs = "" };
    g_assert_cmpint(dtb_apply_boot(&fdt, &plain, err, sizeof(err)), ==, 0);
    g_assert_null(fdt_getprop(fdt, node(fdt, "/chosen"), "bootargs", NULL));
    g_assert_null(fdt_getprop(fdt, node(fdt, "/chosen"), "linux,initrd-start", NULL));
    g_assert_null(fdt_getprop(fdt, node(fdt, "/chosen"), "linux,initrd-end", NULL));
    free(fdt);

    /* A long command line makes the tree grow. */
    fdt = build(512 * MiB);
    char *longargs = g_strnfill(20000, 'x');
    struct dtb_boot big = { .ram_base = 0x40000000, .ram_size = 512 * MiB,
                            .bootargs = longargs };
    g_assert_cmpint(dtb_apply_boot(&fdt, &big, err, sizeof(err)), ==, 0);
    g_assert_cmpstr(prop_str(fdt, "/chosen", "bootargs"), ==, longargs);
    g_free(longargs);
    free(fdt);
}

/* A user tree with one address and size cell, several memory nodes and no
 * /chosen, built with libfdt's sequential writer as dtc would. */
static void *user_tree(int acells, int scells)
{
    size_t size = 4096;
    void *fdt = g_malloc0(size);
    g_assert_cmpint(fdt_create(fdt, (int)size), ==, 0);
    g_assert_cmpint(fdt_finish_reservemap(fdt), ==, 0);
    g_assert_cmpint(fdt_begin_node(fdt, ""), ==, 0);
    if (acells) {
        g_assert_cmpint(fdt_property_u32(fdt, "#address-cells", acells), ==, 0);
    }
    if (scells) {
        g_assert_cmpint(fdt_property_u32(fdt, "#size-cells", scells), ==, 0);
    }
    g_assert_cmpint(fdt_property_string(fdt, "model", "user board"), ==, 0);
    static const char *const mems[] = { "memory", "memory@80000000" };
    for (size_t i = 0; i < G_N_ELEMENTS(mems); i++) {
        g_assert_cmpint(fdt_begin_node(fdt, mems[i]), ==, 0);
        g_assert_cmpint(fdt_property_string(fdt, "device_type", "memory"), ==, 0);
        g_assert_cmpint(fdt_end_node(fdt), ==, 0);
    }
    g_assert_cmpint(fdt_begin_node(fdt, "memory-controller"), ==, 0); /* not a memory node */
    g_assert_cmpint(fdt_end_node(fdt), ==, 0);
    g_assert_cmpint(fdt_end_node(fdt), ==, 0);
    g_assert_cmpint(fdt_finish(fdt), ==, 0);
    void *copy = dtb_from_buffer(fdt, fdt_totalsize(fdt), err, sizeof(err));
    g_assert_nonnull(copy);
    g_free(fdt);
    return copy;
}

static void test_apply_user_tree(void)
{
    void *fdt = user_tree(1, 1);
    struct dtb_boot b = { .ram_base = 0x40000000, .ram_size = 256 * MiB,
                          .bootargs = "quiet", .initrd_start = 0x44000000,
                          .initrd_size = 0x1000 };
    g_assert_cmpint(dtb_apply_boot(&fdt, &b, err, sizeof(err)), ==, 0);
    g_assert_false(has_child(fdt, "memory"));
    g_assert_false(has_child(fdt, "memory@80000000"));
    g_assert_true(has_child(fdt, "memory@40000000"));
    g_assert_true(has_child(fdt, "memory-controller"));
    uint32_t cells[4];
    g_assert_cmpint(prop_cells(fdt, "/memory@40000000", "reg", cells, 4), ==, 2);
    g_assert_cmphex(cells[0], ==, 0x40000000);
    g_assert_cmphex(cells[1], ==, 256 * MiB);
    g_assert_cmpstr(prop_str(fdt, "/chosen", "bootargs"), ==, "quiet");
    g_assert_cmpint(prop_cells(fdt, "/chosen", "linux,initrd-start", cells, 4), ==, 1);
    g_assert_cmphex(cells[0], ==, 0x44000000);
    g_assert_cmpint(prop_cells(fdt, "/chosen", "linux,initrd-end", cells, 4), ==, 1);
    g_assert_cmphex(cells[0], ==, 0x44001000);
    g_assert_cmpstr(prop_str(fdt, "/", "model"), ==, "user board");
    free(fdt);

    /* Refusals leave the tree as it was: RAM too big for one size cell, or
     * reaching above 4 GiB with one address cell. */
    struct dtb_boot huge = { .ram_base = 0x40000000, .ram_size = 8 * GiB };
    static const struct {
        int         acells, scells;
        const char *needle;
    } refusals[] = { { 2, 1, "#size-cells" }, { 1, 2, "#address-cells" } };
    for (size_t i = 0; i < G_N_ELEMENTS(refusals); i++) {
        fdt = user_tree(refusals[i].acells, refusals[i].scells);
        void *before = g_memdup2(fdt, dtb_size(fdt));
        g_assert_cmpint(dtb_apply_boot(&fdt, &huge, err, sizeof(err)), ==, -1);
        g_assert_nonnull(strstr(err, refusals[i].needle));
        g_assert_cmpmem(fdt, dtb_size(fdt), before, dtb_size(before));
        g_free(before);
        free(fdt);
    }
    /* Two cells take it. */
    fdt = user_tree(2, 2);
    g_assert_cmpint(dtb_apply_boot(&fdt, &huge, err, sizeof(err)), ==, 0);
    uint32_t reg[4];
    g_assert_cmpint(prop_cells(fdt, "/memory@40000000", "reg", reg, 4), ==, 4);
    g_assert_cmphex(pair(reg, 2), ==, 8 * GiB);
    free(fdt);

    fdt = user_tree(0, 0);
    struct dtb_boot ok = { .ram_base = 0x40000000, .ram_size = 256 * MiB };
    g_assert_cmpint(dtb_apply_boot(&fdt, &ok, err, sizeof(err)), ==, -1);
    g_assert_nonnull(strstr(err, "#address-cells"));
    g_assert_null(strchr(err, '\n'));
    free(fdt);
}

/* --- -dtb files ---------------------------------------------------------------- */

static void expect_bad_blob(const void *data, size_t size, const char *needle)
{
    err[0] = '\0';
    void *fdt = dtb_from_buffer(data, size, err, sizeof(err));
    if (fdt) {
        g_test_message("a bad blob was accepted (expected '%s')", needle);
        g_test_fail();
        free(fdt);
        return;
    }
    g_assert_cmpuint(strlen(err), >, 0);
    g_assert_null(strchr(err, '\n'));
    if (!strstr(err, needle)) {
        g_test_message("message '%s' does not mention '%s'", err, needle);
        g_test_fail();
    }
}

static void test_bad_blobs(void)
{
    void *good = build(512 * MiB);
    size_t size = dtb_size(good);

    /* The good one is taken, from an unaligned buffer too. */
    uint8_t *shifted = g_malloc(size + 1);
    memcpy(shifted + 1, good, size);
    void *copy = dtb_from_buffer(shifted + 1, size, err, sizeof(err));
    g_assert_nonnull(copy);
    g_assert_cmpmem(copy, dtb_size(copy), good, size);
    free(copy);
    g_free(shifted);

    expect_bad_blob("", 0, "not a device tree");
    expect_bad_blob("hello, world: this is not a device tree at all", 46, "not a");
    uint8_t *bad = g_memdup2(good, size);
    bad[0] ^= 0xff; /* magic */
    expect_bad_blob(bad, size, "not a valid device tree");
    g_free(bad);
    expect_bad_blob(good, size - 8, "truncated");
    expect_bad_blob(good, 40, "truncated");

    /* Version 15 and below, last compatible version not above it: libfdt
     * 1.6.1's fdt_check_full crashed on such a tree (fuzz: bit flips in the
     * version fields). Refused before libfdt looks further. */
    static const uint32_t old_versions[][2] = { { 15, 2 }, { 3, 3 }, { 2, 2 }, { 4, 3 } };
    for (size_t i = 0; i < G_N_ELEMENTS(old_versions); i++) {
        bad = g_memdup2(good, size);
        fdt_set_version(bad, old_versions[i][0]);
        fdt_set_last_comp_version(bad, old_versions[i][1]);
        expect_bad_blob(bad, size, "too old");
        g_free(bad);
    }

    /* Version 16 with a size_dt_strings that cuts property names off: libfdt
     * 1.6.1's fdt_check_full let it pass, and the tree completed for the
     * guest came out corrupt (fuzz). The honest version 16 tree is taken. */
    bad = g_memdup2(good, size);
    fdt_set_version(bad, 16);
    void *v16 = dtb_from_buffer(bad, size, err, sizeof(err));
    g_assert_nonnull(v16);
    struct dtb_boot b = { .ram_base = virt_memmap[VIRT_MEM].base, .ram_size = 512 * MiB };
    g_assert_cmpint(dtb_apply_boot(&v16, &b, err, sizeof(err)), ==, 0);
    g_assert_cmpint(fdt_check_full(v16, dtb_size(v16)), ==, 0);
    free(v16);
    fdt_set_size_dt_strings(bad, 8);
    expect_bad_blob(bad, size, "corrupt");
    g_free(bad);

    /* A broken structure block: the first tag after the header. */
    bad = g_memdup2(good, size);
    uint32_t off = fdt_off_dt_struct(good);
    memset(bad + off, 0xee, 4);
    expect_bad_blob(bad, size, "corrupt");
    g_free(bad);
    free(good);
}

/*
 * Seeded mutations of the generated tree (bit flips, header fields set to
 * edge values, truncation) through the -dtb path: each is refused with a
 * one-line reason, or taken and completed for booting into a tree that
 * passes libfdt's full check. Under ASan this catches out-of-bounds use of
 * a blob whose header lies; tests/fuzz does the same through the binary.
 */
static void test_mutations(void)
{
    void *good = build(512 * MiB);
    size_t size = dtb_size(good);
    static const uint32_t edge[] = {
        0, 1, 4, 0x28, 0x38, 0x7f, 0x80, 0xffff, 0x7fffffff, 0x80000000, 0xfffffff8,
        0xffffffff,
    };
    GRand *rng = g_rand_new_with_seed(20261124);
    unsigned taken = 0;
    for (int iter = 0; iter < 20000; iter++) {
        size_t n = size;
        uint8_t *blob = g_memdup2(good, size);
        switch (g_rand_int_range(rng, 0, 4)) {
        case 0: { /* a header field */
            uint32_t field = 4 * (uint32_t)g_rand_int_range(rng, 1, 10);
            uint32_t v = g_rand_boolean(rng) ? edge[g_rand_int_range(rng, 0, G_N_ELEMENTS(edge))]
                                              : (uint32_t)g_rand_int_range(rng, 0, (int)size + 64);
            *(fdt32_t *)(blob + field) = cpu_to_fdt32(v);
            break;
        }
        case 1: /* truncated */
            n = (size_t)g_rand_int_range(rng, 0, (int)size);
            break;
        default: { /* bit flips, mostly in the structure and strings */
            int flips = g_rand_int_range(rng, 1, 9);
            for (int i = 0; i < flips; i++) {
                int at = g_rand_int_range(rng, 0, (int)size);
                blob[at] ^= (uint8_t)(1u << g_rand_int_range(rng, 0, 8));
            }
            break;
        }
        }
        /* An exact-size copy: ASan sees any read past the end. */
        uint8_t *exact = g_memdup2(blob, n ? n : 1);
        err[0] = '\0';
        void *fdt = dtb_from_buffer(exact, n, err, sizeof(err));
        if (!fdt) {
            g_assert_cmpuint(strlen(err), >, 0);
            g_assert_null(strchr(err, '\n'));
        } else {
            taken++;
            struct dtb_boot b = {
                .ram_base = virt_memmap[VIRT_MEM].base, .ram_size = 512 * MiB,
                .bootargs = "console=ttyAMA0", .initrd_start = 0x48000000, .initrd_size = 0x1000,
            };
            err[0] = '\0';
            if (dtb_apply_boot(&fdt, &b, err, sizeof(err)) == 0) {
                g_assert_cmpint(fdt_check_full(fdt, dtb_size(fdt)), ==, 0);
            } else {
                g_assert_cmpuint(strlen(err), >, 0);
                g_assert_null(strchr(err, '\n'));
            }
            free(fdt);
        }
        g_free(exact);
        g_free(blob);
    }
    g_test_message("%u of 20000 mutated trees taken", taken);
    g_assert_cmpuint(taken, >, 0);
    g_rand_free(rng);
    free(good);
}

static char *tmp_dir;

static void test_files(void)
{
    void *fdt = build(512 * MiB);
    char *path = g_build_filename(tmp_dir, "t.dtb", NULL);
    g_assert_cmpint(dtb_write_file(fdt, path, err, sizeof(err)), ==, 0);
    void *back = dtb_read_file(path, err, sizeof(err));
    g_assert_nonnull(back);
    g_assert_cmpmem(back, dtb_size(back), fdt, dtb_size(fdt));
    free(back);

    /* Garbage and missing files: refused, naming the file. */
    g_assert_true(g_file_set_contents(path, "garbage\n", -1, NULL));
    g_assert_null(dtb_read_file(path, err, sizeof(err)));
    g_assert_nonnull(strstr(err, path));
    g_assert_null(strchr(err, '\n'));
    g_assert_null(dtb_read_file("/nonexistent/x.dtb", err, sizeof(err)));
    g_assert_nonnull(strstr(err, "/nonexistent/x.dtb"));
    g_assert_cmpint(dtb_write_file(fdt, "/nonexistent/dir/x.dtb", err, sizeof(err)), ==, -1);
    g_assert_nonnull(strstr(err, "/nonexistent/dir/x.dtb"));
    g_unlink(path);
    g_free(path);
    free(fdt);
}

/* --- phalanx -machine dumpdtb=FILE, checked by dtc ---------------------------- */

/* The phalanx binary next to the tests' directory (build/phalanx). */
static char *phalanx_path(void)
{
    char *self = g_file_read_link("/proc/self/exe", NULL);
    if (!self) {
        return NULL;
    }
    char *dir = g_path_get_dirname(self);
    char *path = g_build_filename(dir, "..", "phalanx", NULL);
    g_free(dir);
    g_free(self);
    if (!g_file_test(path, G_FILE_TEST_IS_EXECUTABLE)) {
        g_free(path);
        return NULL;
    }
    return path;
}

/* Runs argv; returns the exit status, stderr in *err_out. */
static int run(char **argv, char **err_out)
{
    int status = -1;
    GError *error = NULL;
    gboolean ok = g_spawn_sync(NULL, argv, NULL, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                               NULL, err_out, &status, &error);
    if (!ok) {
        g_test_message("cannot run %s: %s", argv[0], error->message);
        g_error_free(error);
        return -1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void test_dumpdtb_cli(void)
{
    char *phalanx = phalanx_path();
    if (!phalanx) {
        g_test_skip("phalanx binary not found next to the tests");
        return;
    }
    char *out = g_build_filename(tmp_dir, "dump.dtb", NULL);
    char *machine = g_strdup_printf("virt,gic-version=3,dumpdtb=%s", out);
    char *argv[] = { phalanx, "-machine", machine, "-m", "1G", "-nographic", NULL };
    char *stderr_text = NULL;
    g_assert_cmpint(run(argv, &stderr_text), ==, 0);
    g_free(stderr_text);

    void *fdt = dtb_read_file(out, err, sizeof(err));
    g_assert_nonnull(fdt);
    uint32_t reg[4];
    g_assert_cmpint(prop_cells(fdt, "/memory@40000000", "reg", reg, 4), ==, 4);
    g_assert_cmphex(pair(reg, 2), ==, 1 * GiB);
    free(fdt);

    char *dtc = g_find_program_in_path("dtc");
    if (dtc) {
        char *dts = g_build_filename(tmp_dir, "dump.dts", NULL);
        char *dtc_argv[] = { dtc, "-I", "dtb", "-O", "dts", "-o", dts, out, NULL };
        char *dtc_err = NULL;
        int rc = run(dtc_argv, &dtc_err);
        if (rc != 0) {
            g_test_message("dtc failed (%d): %s", rc, dtc_err);
        }
        g_assert_cmpint(rc, ==, 0);
        gchar *text = NULL;
        g_assert_true(g_file_get_contents(dts, &text, NULL, NULL));
        g_assert_nonnull(strstr(text, "arm,gic-v3"));
        g_assert_nonnull(strstr(text, "stdout-path = \"/pl011@9000000\""));
        g_free(text);
        g_free(dtc_err);
        g_unlink(dts);
        g_free(dts);
        g_free(dtc);
    } else {
        g_test_message("dtc not installed (Debian: device-tree-compiler): not cross-checked");
    }

    /* A bad -dtb file and an unsupported GIC: one-line errors, status 1 or 2. */
    char *bad = g_build_filename(tmp_dir, "bad.dtb", NULL);
    g_assert_true(g_file_set_contents(bad, "not a tree", -1, NULL));
    char *kernel = g_build_filename(tmp_dir, "raw.bin", NULL);
    g_assert_true(g_file_set_contents(kernel, "\x1f\x20\x03\xd5", 4, NULL)); /* nop */
    char *argv_bad[] = { phalanx, "-machine", machine, "-kernel", kernel, "-dtb", bad, NULL };
    stderr_text = NULL;
    int rc = run(argv_bad, &stderr_text);
    g_assert_cmpint(rc, >=, 1);
    g_assert_cmpint(rc, <=, 2);
    g_assert_nonnull(strstr(stderr_text, bad));
    g_assert_cmpint(strchr(stderr_text, '\n') - stderr_text, ==, strlen(stderr_text) - 1);
    g_free(stderr_text);
    char *argv_v2[] = { phalanx, "-machine", "virt,gic-version=2", "-kernel", "k", NULL };
    stderr_text = NULL;
    rc = run(argv_v2, &stderr_text);
    g_assert_cmpint(rc, !=, 0);
    g_assert_nonnull(strstr(stderr_text, "not supported"));
    g_free(stderr_text);

    g_unlink(bad);
    g_unlink(kernel);
    g_unlink(out);
    g_free(kernel);
    g_free(bad);
    g_free(machine);
    g_free(out);
    g_free(phalanx);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();
    tmp_dir = g_dir_make_tmp("phalanx-fdt-XXXXXX", NULL);
    g_assert_nonnull(tmp_dir);
    g_test_add_func("/fdt/virt/root_memory_cpus", test_root_memory_cpus);
    g_test_add_func("/fdt/virt/psci_timer", test_psci_timer);
    g_test_add_func("/fdt/virt/gic", test_gic);
    g_test_add_func("/fdt/virt/devices_chosen", test_devices_chosen);
    g_test_add_func("/fdt/virt/reproducible", test_reproducible);
    g_test_add_func("/fdt/boot/apply", test_apply_boot);
    g_test_add_func("/fdt/boot/user_tree", test_apply_user_tree);
    g_test_add_func("/fdt/file/bad_blobs", test_bad_blobs);
    g_test_add_func("/fdt/file/mutations", test_mutations);
    g_test_add_func("/fdt/file/read_write", test_files);
    g_test_add_func("/fdt/cli/dumpdtb", test_dumpdtb_cli);
    int rc = g_test_run();
    g_rmdir(tmp_dir);
    g_free(tmp_dir);
    return rc;
}
