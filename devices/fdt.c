/*
 * The virt board's device tree, built with libfdt from the board table
 * (devices/board.c) so that the tree and the devices cannot disagree, and the
 * boot loader's additions to any tree (memory node, /chosen).
 *
 * The tree is QEMU 7.2's "virt,gic-version=3" minus the devices phalanx does
 * not have (flash, fw-cfg, virtio-mmio, PCIe, PL061 GPIO and gpio-keys, PMU,
 * GIC ITS, platform bus). Node names and phandles are QEMU's, so the output
 * of `dtc -I dtb -O dts` can be compared with QEMU's dumpdtb. Left out on
 * purpose: /chosen rng-seed and kaslr-seed, which QEMU fills with host
 * randomness; a phalanx run must be reproducible.
 */
#include "devices/fdt.h"

#include <errno.h>
#include <inttypes.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/board.h"
#include "devices/loader.h"
#include "devices/psci.h"

/* Phandles as QEMU hands them out: the clock, one per CPU, then the GIC. */
#define PHANDLE_APB_CLOCK 0x8000u
#define PHANDLE_CPU(i)    (0x8001u + (i))
#define PHANDLE_GIC(n)    (0x8001u + (n))

/* Interrupt specifier cells of the GIC binding: type, number, flags. */
#define GIC_FDT_IRQ_TYPE_SPI 0
#define GIC_FDT_IRQ_TYPE_PPI 1
#define IRQ_TYPE_LEVEL_HIGH  4

/* PSCI 0.1 function IDs a pre-0.2 kernel reads from the psci node (QEMU
 * passes the 0.2 SMC64/SMC32 IDs). */
#define PSCI_0_2_FN64_MIGRATE 0xc4000005u

/* A -dtb file larger than this is refused (Linux takes at most 2 MiB). */
#define DTB_FILE_MAX (64u << 20)

/* Room for building the generated tree; it is packed afterwards. */
#define BUILD_SIZE (64u * 1024)

#define TRY(expr)                  \
    do {                           \
        int rc_ = (expr);          \
        if (rc_ < 0) {             \
            return rc_;            \
        }                          \
    } while (0)

static int fail(char *err, size_t err_len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, err_len, fmt, ap);
    va_end(ap);
    return -1;
}

size_t dtb_size(const void *blob)
{
    return fdt_totalsize(blob);
}

/* --- property helpers ------------------------------------------------------ */

static int set_cells(void *fdt, int node, const char *name, unsigned n, const uint32_t *cells)
{
    fdt32_t buf[32];
    if (n > sizeof(buf) / sizeof(buf[0])) {
        return -FDT_ERR_NOSPACE;
    }
    for (unsigned i = 0; i < n; i++) {
        buf[i] = cpu_to_fdt32(cells[i]);
    }
    return fdt_setprop(fdt, node, name, buf, n * sizeof(fdt32_t));
}

#define SET_CELLS(fdt, node, name, ...)                                       \
    set_cells(fdt, node, name, sizeof((uint32_t[]){ __VA_ARGS__ }) / 4,    \
              (uint32_t[]){ __VA_ARGS__ })

/* A list of strings ("a\0b"): the literal's size includes the last NUL. */
#define SET_STRINGS(fdt, node, name, lit) fdt_setprop(fdt, node, name, lit, sizeof(lit))

/* reg = <base size> with 2 address and 2 size cells (the board's root). */
static int set_reg(void *fdt, int node, uint64_t base, uint64_t size)
{
    return SET_CELLS(fdt, node, "reg", (uint32_t)(base >> 32), (uint32_t)base,
                     (uint32_t)(size >> 32), (uint32_t)size);
}

/* Sets a property of 'cells' cells holding 'value'; -FDT_ERR_BADVALUE when it does
 * not fit in one cell. */
static int set_sized(void *fdt, int node, const char *name, unsigned cells, uint64_t value)
{
    if (cells == 1) {
        if (value > UINT32_MAX) {
            return -FDT_ERR_BADVALUE;
        }
        return fdt_setprop_u32(fdt, node, name, (uint32_t)value);
    }
    return fdt_setprop_u64(fdt, node, name, value);
}

/* Adds "/prefix@base" for a region of the board table. */
static int add_region_node(void *fdt, const char *prefix, enum board_region r)
{
    char name[64];
    snprintf(name, sizeof(name), "%s@%" PRIx64, prefix, virt_memmap[r].base);
    return fdt_add_subnode(fdt, 0, name);
}

/* interrupts = <SPI n level-high> for a device of the board table. */
static int set_spi(void *fdt, int node, enum board_region r)
{
    return SET_CELLS(fdt, node, "interrupts", GIC_FDT_IRQ_TYPE_SPI, (uint32_t)virt_irqmap[r],
                     IRQ_TYPE_LEVEL_HIGH);
}

/* --- the generated tree ---------------------------------------------------- */

/* MPIDR affinity of vCPU i as QEMU's virt gives it with a GICv3: 16 CPUs
 * per cluster (Aff0), clusters in Aff1. */
static uint32_t cpu_affinity(unsigned i)
{
    return ((i / 16) << 8) | (i % 16);
}

static int add_cpus(void *fdt, unsigned n_cpus)
{
    int cpus = fdt_add_subnode(fdt, 0, "cpus");
    TRY(cpus);
    TRY(fdt_setprop_u32(fdt, cpus, "#address-cells", 1));
    TRY(fdt_setprop_u32(fdt, cpus, "#size-cells", 0));
    for (unsigned i = 0; i < n_cpus; i++) {
        char name[32];
        snprintf(name, sizeof(name), "cpu@%" PRIx32, cpu_affinity(i));
        int cpu = fdt_add_subnode(fdt, cpus, name);
        TRY(cpu);
        TRY(fdt_setprop_string(fdt, cpu, "device_type", "cpu"));
        TRY(fdt_setprop_string(fdt, cpu, "compatible", "arm,cortex-a57"));
        TRY(fdt_setprop_u32(fdt, cpu, "reg", cpu_affinity(i)));
        TRY(fdt_setprop_string(fdt, cpu, "enable-method", "psci"));
        TRY(fdt_setprop_u32(fdt, cpu, "phandle", PHANDLE_CPU(i)));
    }
    /* Topology as QEMU describes "-smp N": one socket, one cluster, N cores. */
    int map = fdt_add_subnode(fdt, cpus, "cpu-map");
    TRY(map);
    int socket = fdt_add_subnode(fdt, map, "socket0");
    TRY(socket);
    int cluster = fdt_add_subnode(fdt, socket, "cluster0");
    TRY(cluster);
    for (unsigned i = 0; i < n_cpus; i++) {
        char name[32];
        snprintf(name, sizeof(name), "core%u", i);
        int core = fdt_add_subnode(fdt, cluster, name);
        TRY(core);
        TRY(fdt_setprop_u32(fdt, core, "cpu", PHANDLE_CPU(i)));
    }
    return 0;
}

static int add_psci(void *fdt)
{
    int node = fdt_add_subnode(fdt, 0, "psci");
    TRY(node);
    TRY(SET_STRINGS(fdt, node, "compatible", "arm,psci-1.0\0arm,psci-0.2\0arm,psci"));
    /* No EL2/EL3: the firmware answers the conduit instruction (HVC unless
     * -machine virt,psci-conduit=smc). */
    TRY(fdt_setprop_string(fdt, node, "method", psci_conduit == PSCI_CONDUIT_SMC ? "smc" : "hvc"));
    TRY(fdt_setprop_u32(fdt, node, "cpu_suspend", PSCI_CPU_SUSPEND));
    TRY(fdt_setprop_u32(fdt, node, "cpu_off", PSCI_CPU_OFF));
    TRY(fdt_setprop_u32(fdt, node, "cpu_on", PSCI_CPU_ON));
    TRY(fdt_setprop_u32(fdt, node, "migrate", PSCI_0_2_FN64_MIGRATE));
    return 0;
}

static int add_timer(void *fdt)
{
    int node = fdt_add_subnode(fdt, 0, "timer");
    TRY(node);
    TRY(SET_STRINGS(fdt, node, "compatible", "arm,armv8-timer\0arm,armv7-timer"));
    /* With a GICv3 the PPI flags carry no CPU mask. */
    TRY(SET_CELLS(fdt, node, "interrupts",
                  GIC_FDT_IRQ_TYPE_PPI, VIRT_PPI_TIMER_SECURE, IRQ_TYPE_LEVEL_HIGH,
                  GIC_FDT_IRQ_TYPE_PPI, VIRT_PPI_TIMER_PHYSICAL, IRQ_TYPE_LEVEL_HIGH,
                  GIC_FDT_IRQ_TYPE_PPI, VIRT_PPI_TIMER_VIRT, IRQ_TYPE_LEVEL_HIGH,
                  GIC_FDT_IRQ_TYPE_PPI, VIRT_PPI_TIMER_HYP, IRQ_TYPE_LEVEL_HIGH));
    TRY(fdt_setprop_empty(fdt, node, "always-on"));
    return 0;
}

static int add_clock(void *fdt)
{
    int node = fdt_add_subnode(fdt, 0, "apb-pclk");
    TRY(node);
    TRY(fdt_setprop_string(fdt, node, "compatible", "fixed-clock"));
    TRY(fdt_setprop_u32(fdt, node, "#clock-cells", 0));
    TRY(fdt_setprop_u32(fdt, node, "clock-frequency", VIRT_APB_CLOCK_HZ));
    TRY(fdt_setprop_string(fdt, node, "clock-output-names", "clk24mhz"));
    TRY(fdt_setprop_u32(fdt, node, "phandle", PHANDLE_APB_CLOCK));
    return 0;
}

static int add_gic(void *fdt, unsigned n_cpus)
{
    int node = add_region_node(fdt, "intc", VIRT_GIC_DIST);
    TRY(node);
    const struct board_region_desc *dist = &virt_memmap[VIRT_GIC_DIST];
    const struct board_region_desc *redist = &virt_memmap[VIRT_GIC_REDIST];
    TRY(fdt_setprop_string(fdt, node, "compatible", "arm,gic-v3"));
    TRY(fdt_setprop_u32(fdt, node, "#interrupt-cells", 3));
    TRY(fdt_setprop_empty(fdt, node, "interrupt-controller"));
    /* Cells and ranges for child nodes (an ITS), as QEMU has them. */
    TRY(fdt_setprop_u32(fdt, node, "#address-cells", 2));
    TRY(fdt_setprop_u32(fdt, node, "#size-cells", 2));
    TRY(fdt_setprop_empty(fdt, node, "ranges"));
    TRY(SET_CELLS(fdt, node, "reg",
                  (uint32_t)(dist->base >> 32), (uint32_t)dist->base,
                  (uint32_t)(dist->size >> 32), (uint32_t)dist->size,
                  (uint32_t)(redist->base >> 32), (uint32_t)redist->base,
                  (uint32_t)(redist->size >> 32), (uint32_t)redist->size));
    TRY(fdt_setprop_u32(fdt, node, "#redistributor-regions", 1));
    TRY(fdt_setprop_u32(fdt, node, "phandle", PHANDLE_GIC(n_cpus)));
    return 0;
}

static int add_uart(void *fdt, char *path, size_t path_len)
{
    int node = add_region_node(fdt, virt_memmap[VIRT_UART].name, VIRT_UART);
    TRY(node);
    TRY(SET_STRINGS(fdt, node, "compatible", "arm,pl011\0arm,primecell"));
    TRY(set_reg(fdt, node, virt_memmap[VIRT_UART].base, virt_memmap[VIRT_UART].size));
    TRY(set_spi(fdt, node, VIRT_UART));
    TRY(SET_CELLS(fdt, node, "clocks", PHANDLE_APB_CLOCK, PHANDLE_APB_CLOCK));
    TRY(SET_STRINGS(fdt, node, "clock-names", "uartclk\0apb_pclk"));
    TRY(fdt_get_path(fdt, node, path, (int)path_len));
    return 0;
}

static int add_rtc(void *fdt)
{
    int node = add_region_node(fdt, virt_memmap[VIRT_RTC].name, VIRT_RTC);
    TRY(node);
    TRY(SET_STRINGS(fdt, node, "compatible", "arm,pl031\0arm,primecell"));
    TRY(set_reg(fdt, node, virt_memmap[VIRT_RTC].base, virt_memmap[VIRT_RTC].size));
    TRY(set_spi(fdt, node, VIRT_RTC));
    TRY(fdt_setprop_u32(fdt, node, "clocks", PHANDLE_APB_CLOCK));
    TRY(fdt_setprop_string(fdt, node, "clock-names", "apb_pclk"));
    return 0;
}

static int build_virt(void *fdt, const struct dtb_machine *m)
{
    TRY(fdt_create_empty_tree(fdt, BUILD_SIZE));
    TRY(fdt_setprop_string(fdt, 0, "compatible", "linux,dummy-virt"));
    TRY(fdt_setprop_string(fdt, 0, "model", "linux,dummy-virt"));
    TRY(fdt_setprop_u32(fdt, 0, "#address-cells", 2));
    TRY(fdt_setprop_u32(fdt, 0, "#size-cells", 2));
    TRY(fdt_setprop_u32(fdt, 0, "interrupt-parent", PHANDLE_GIC(m->n_cpus)));

    char memory[64];
    snprintf(memory, sizeof(memory), "memory@%" PRIx64, virt_memmap[VIRT_MEM].base);
    int node = fdt_add_subnode(fdt, 0, memory);
    TRY(node);
    TRY(fdt_setprop_string(fdt, node, "device_type", "memory"));
    TRY(set_reg(fdt, node, virt_memmap[VIRT_MEM].base, m->ram_size));

    TRY(add_cpus(fdt, m->n_cpus));
    TRY(add_psci(fdt));
    TRY(add_timer(fdt));
    TRY(add_clock(fdt));
    TRY(add_gic(fdt, m->n_cpus));
    char uart_path[64];
    TRY(add_uart(fdt, uart_path, sizeof(uart_path)));
    TRY(add_rtc(fdt));

    int chosen = fdt_add_subnode(fdt, 0, "chosen");
    TRY(chosen);
    TRY(fdt_setprop_string(fdt, chosen, "stdout-path", uart_path));
    return fdt_pack(fdt);
}

/* Shrinks a packed blob's buffer to its size. */
static void *trim(void *fdt)
{
    void *small = realloc(fdt, fdt_totalsize(fdt));
    return small ? small : fdt;
}

void *dtb_build_virt(const struct dtb_machine *m, char *err, size_t err_len)
{
    if (m->n_cpus == 0 || m->n_cpus > 256) {
        fail(err, err_len, "cannot describe %u CPUs in the device tree", m->n_cpus);
        return NULL;
    }
    void *fdt = malloc(BUILD_SIZE);
    if (!fdt) {
        fail(err, err_len, "out of memory building the device tree");
        return NULL;
    }
    int rc = build_virt(fdt, m);
    if (rc < 0) {
        fail(err, err_len, "cannot build the device tree: %s", fdt_strerror(rc));
        free(fdt);
        return NULL;
    }
    return trim(fdt);
}

/* --- -dtb files ------------------------------------------------------------- */

/*
 * Rewrites a checked blob as a packed version 17 tree and checks that again:
 * libfdt 1.6.1's fdt_check_full does not hold a version 16 tree's property
 * names to its strings block size, so a lying size_dt_strings passed and
 * the boot loader's copy (fdt_open_into trusts that size) came out corrupt.
 * Returns 0 (*fdt replaced) or a negative libfdt error.
 */
static int normalize(void **fdt)
{
    int size = (int)fdt_totalsize(*fdt) + (int)sizeof(struct fdt_header);
    void *v17 = malloc((size_t)size);
    if (!v17) {
        return -FDT_ERR_NOSPACE;
    }
    int rc = fdt_open_into(*fdt, v17, size);
    if (rc >= 0) {
        rc = fdt_pack(v17);
    }
    if (rc >= 0) {
        rc = fdt_check_full(v17, fdt_totalsize(v17));
    }
    if (rc < 0) {
        free(v17);
        return rc;
    }
    free(*fdt);
    *fdt = v17;
    return 0;
}

void *dtb_from_buffer(const void *data, size_t size, char *err, size_t err_len)
{
    if (size < sizeof(struct fdt_header)) {
        fail(err, err_len, "not a device tree blob (%zu bytes, shorter than a header)", size);
        return NULL;
    }
    /* libfdt wants the blob 8-byte aligned: work on a malloc'd copy. */
    void *fdt = malloc(size);
    if (!fdt) {
        fail(err, err_len, "out of memory reading the device tree");
        return NULL;
    }
    memcpy(fdt, data, size);
    int rc = fdt_check_header(fdt);
    if (rc < 0) {
        fail(err, err_len, "not a valid device tree blob: %s", fdt_strerror(rc));
        free(fdt);
        return NULL;
    }
    if (fdt_version(fdt) < 16) {
        /* libfdt 1.6.1's fdt_check_full dereferences NULL on trees below
         * version 16 (with last_comp_version not above the version); dtc
         * has written version 17 for over a decade. */
        fail(err, err_len, "device tree blob version %u is too old (need 16 or 17)",
             fdt_version(fdt));
        free(fdt);
        return NULL;
    }
    if (fdt_totalsize(fdt) > size) {
        fail(err, err_len, "device tree blob is truncated (header says %u bytes, have %zu)",
             fdt_totalsize(fdt), size);
        free(fdt);
        return NULL;
    }
    rc = fdt_check_full(fdt, fdt_totalsize(fdt));
    if (rc >= 0) {
        rc = normalize(&fdt);
    }
    if (rc < 0) {
        fail(err, err_len, "device tree blob is corrupt: %s", fdt_strerror(rc));
        free(fdt);
        return NULL;
    }
    return trim(fdt);
}

void *dtb_read_file(const char *path, char *err, size_t err_len)
{
    uint8_t *data;
    size_t size;
    char inner[256];
    if (load_file_contents(path, DTB_FILE_MAX, &data, &size, inner, sizeof(inner))) {
        fail(err, err_len, "-dtb: %s", inner);
        return NULL;
    }
    void *fdt = dtb_from_buffer(data, size, inner, sizeof(inner));
    free(data);
    if (!fdt) {
        fail(err, err_len, "-dtb %s: %s", path, inner);
    }
    return fdt;
}

/* --- boot loader additions --------------------------------------------------- */

/* #address-cells or #size-cells of the root: 1 or 2, else a negative error. */
static int root_cells(const void *fdt, const char *name)
{
    int len;
    const fdt32_t *p = fdt_getprop(fdt, 0, name, &len);
    if (!p) {
        return -FDT_ERR_NOTFOUND;
    }
    if (len != sizeof(*p)) {
        return -FDT_ERR_BADNCELLS;
    }
    uint32_t v = fdt32_to_cpu(*p);
    return v == 1 || v == 2 ? (int)v : -FDT_ERR_BADNCELLS;
}

/* Turns every root node named "memory" or "memory@..." into NOPs. */
static int remove_memory_nodes(void *fdt)
{
    for (;;) {
        int found = -1;
        int node;
        fdt_for_each_subnode(node, fdt, 0) {
            const char *name = fdt_get_name(fdt, node, NULL);
            if (name && (!strcmp(name, "memory") || !strncmp(name, "memory@", 7))) {
                found = node;
                break;
            }
        }
        if (found < 0) {
            return 0;
        }
        TRY(fdt_nop_node(fdt, found));
    }
}

static int apply_boot(void *fdt, const struct dtb_boot *b, int acells, int scells)
{
    TRY(remove_memory_nodes(fdt));
    char name[64];
    snprintf(name, sizeof(name), "memory@%" PRIx64, b->ram_base);
    int mem = fdt_add_subnode(fdt, 0, name);
    TRY(mem);
    TRY(fdt_setprop_string(fdt, mem, "device_type", "memory"));
    fdt32_t reg[4];
    unsigned n = 0;
    if (acells == 2) {
        reg[n++] = cpu_to_fdt32((uint32_t)(b->ram_base >> 32));
    }
    reg[n++] = cpu_to_fdt32((uint32_t)b->ram_base);
    if (scells == 2) {
        reg[n++] = cpu_to_fdt32((uint32_t)(b->ram_size >> 32));
    }
    reg[n++] = cpu_to_fdt32((uint32_t)b->ram_size);
    TRY(fdt_setprop(fdt, mem, "reg", reg, n * sizeof(fdt32_t)));

    int chosen = fdt_path_offset(fdt, "/chosen");
    if (chosen == -FDT_ERR_NOTFOUND) {
        chosen = fdt_add_subnode(fdt, 0, "chosen");
    }
    TRY(chosen);
    if (b->bootargs && *b->bootargs) {
        TRY(fdt_setprop_string(fdt, chosen, "bootargs", b->bootargs));
    }
    if (b->initrd_size) {
        TRY(set_sized(fdt, chosen, "linux,initrd-start", (unsigned)acells, b->initrd_start));
        TRY(set_sized(fdt, chosen, "linux,initrd-end", (unsigned)acells,
                      b->initrd_start + b->initrd_size));
    }
    return fdt_pack(fdt);
}

int dtb_apply_boot(void **blob, const struct dtb_boot *b, char *err, size_t err_len)
{
    const void *old = *blob;
    int acells = root_cells(old, "#address-cells");
    int scells = root_cells(old, "#size-cells");
    if (acells < 0 || scells < 0) {
        return fail(err, err_len, "device tree root has no usable #address-cells and "
                    "#size-cells (need 1 or 2 each)");
    }
    if (acells == 1 && b->ram_base + b->ram_size - 1 > UINT32_MAX) {
        return fail(err, err_len, "device tree has #address-cells = 1 and cannot describe "
                    "RAM up to 0x%" PRIx64, b->ram_base + b->ram_size);
    }
    if (scells == 1 && b->ram_size > UINT32_MAX) {
        return fail(err, err_len, "device tree has #size-cells = 1 and cannot describe "
                    "%" PRIu64 " MiB of RAM", b->ram_size >> 20);
    }
    size_t size = fdt_totalsize(old) + 1024 + (b->bootargs ? strlen(b->bootargs) : 0);
    void *fdt = malloc(size);
    if (!fdt) {
        return fail(err, err_len, "out of memory completing the device tree");
    }
    int rc = fdt_open_into(old, fdt, (int)size);
    if (rc >= 0) {
        rc = apply_boot(fdt, b, acells, scells);
    }
    if (rc < 0) {
        free(fdt);
        if (rc == -FDT_ERR_BADVALUE) {
            return fail(err, err_len, "initrd at 0x%" PRIx64 " is beyond what the device "
                        "tree's #address-cells = 1 can hold", b->initrd_start);
        }
        return fail(err, err_len, "cannot complete the device tree: %s", fdt_strerror(rc));
    }
    free(*blob);
    *blob = trim(fdt);
    return 0;
}

int dtb_write_file(const void *blob, const char *path, char *err, size_t err_len)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        return fail(err, err_len, "cannot create '%s': %s", path, strerror(errno));
    }
    size_t size = fdt_totalsize(blob);
    bool ok = fwrite(blob, 1, size, f) == size;
    int saved = errno;
    if (fclose(f) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        return fail(err, err_len, "cannot write '%s': %s", path, strerror(saved));
    }
    return 0;
}
