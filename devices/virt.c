/* Builds the virt machine from the board's memory map, and boots it. */
#include "devices/virt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arm/gic_cpuif.h"
#include "devices/board.h"
#include "devices/fdt.h"
#include "util/hash.h"

int virt_create(struct virt_machine *m, const struct virt_config *cfg, char *err,
                size_t err_len)
{
    memset(m, 0, sizeof(*m));
    m->ram.fd = -1;
    m->n_cpus = cfg->n_cpus ? cfg->n_cpus : 1;
    int rc = guest_ram_create(&m->ram, cfg->ram_size);
    if (rc) {
        snprintf(err, err_len, "cannot allocate %llu MiB of guest RAM: %s",
                 (unsigned long long)(cfg->ram_size >> 20), strerror(-rc));
        return -1;
    }
    bus_init(&m->bus, m->ram.host, virt_memmap[VIRT_MEM].base, cfg->ram_size);
    pl011_init(&m->uart, cfg->console_fd);
    pl011_attach(&m->uart, &m->bus, virt_memmap[VIRT_UART].base, virt_memmap[VIRT_UART].size);
    pl031_init(&m->rtc, cfg->rtc_base);
    pl031_attach(&m->rtc, &m->bus, virt_memmap[VIRT_RTC].base, virt_memmap[VIRT_RTC].size);
    gicv3_init(&m->gic);
    gicv3_attach(&m->gic, &m->bus);
    struct irq_line uart_irq = gicv3_irq_line(&m->gic, virt_irqmap[VIRT_UART]);
    pl011_connect_irq(&m->uart, &uart_irq);
    struct irq_line rtc_irq = gicv3_irq_line(&m->gic, virt_irqmap[VIRT_RTC]);
    pl031_connect_irq(&m->rtc, &rtc_irq);
    /* The CPU interface's registers and the vCPU's IRQ input use this GIC. */
    gic_cpuif_bind(&m->gic);
    return 0;
}

void virt_reset(struct virt_machine *m)
{
    /* The GIC first: its inputs go low, then each device drives its line
     * with its own reset level. The wiring stays as virt_create made it. */
    gicv3_reset(&m->gic);
    pl011_reset(&m->uart);
    pl031_reset(&m->rtc);
}

uint64_t virt_state_hash(const struct virt_machine *m)
{
    uint64_t h = hash_word(HASH_SEED, pl011_state_hash(&m->uart.s));
    h = hash_word(h, pl031_state_hash(&m->rtc.s));
    return hash_word(h, gicv3_state_hash(&m->gic.s));
}

void virt_destroy(struct virt_machine *m)
{
    gic_cpuif_bind(NULL);
    guest_ram_destroy(&m->ram);
}

int virt_boot_prepare(struct virt_machine *m, const struct virt_boot_config *cfg,
                      struct virt_boot *boot, char *err, size_t err_len)
{
    memset(boot, 0, sizeof(*boot));
    if (cfg->kernel) {
        if (load_kernel(cfg->kernel, &m->bus, &boot->kernel, err, err_len) ||
            boot_load_initrd(cfg->initrd, &m->bus, &boot->kernel, &boot->layout, err,
                             err_len)) {
            return -1;
        }
        boot->entry = boot->kernel.entry;
    }

    void *dtb;
    if (cfg->dtb) {
        dtb = dtb_read_file(cfg->dtb, err, err_len);
    } else {
        struct dtb_machine dm = { .ram_size = m->bus.ram_size, .n_cpus = m->n_cpus };
        dtb = dtb_build_virt(&dm, err, err_len);
    }
    if (!dtb) {
        return -1;
    }
    struct dtb_boot db = {
        .ram_base = m->bus.ram_base,
        .ram_size = m->bus.ram_size,
        .bootargs = cfg->append,
        .initrd_start = boot->layout.initrd_start,
        .initrd_size = boot->layout.initrd_size,
    };
    if (dtb_apply_boot(&dtb, &db, err, err_len)) {
        free(dtb);
        return -1;
    }
    if (cfg->kernel &&
        boot_place_dtb(&m->bus, &boot->layout, dtb, dtb_size(dtb), err, err_len)) {
        free(dtb);
        return -1;
    }
    boot->x0 = boot->layout.dtb_start;
    boot->dtb = dtb;
    return 0;
}

void virt_boot_free(struct virt_boot *boot)
{
    free(boot->dtb);
    boot->dtb = NULL;
}
