/*
 * The virt machine: guest RAM, bus and devices built from the board table,
 * and the boot loader that puts a kernel, initrd and device tree into it.
 */
#ifndef PHALANX_DEVICES_VIRT_H
#define PHALANX_DEVICES_VIRT_H

#include <stddef.h>
#include <stdint.h>

#include "devices/bus.h"
#include "devices/gicv3.h"
#include "devices/loader.h"
#include "devices/pl011.h"
#include "devices/pl031.h"
#include "shm/guest_ram.h"

struct virt_config {
    uint64_t ram_size;   /* bytes */
    unsigned n_cpus;
    int      console_fd; /* host descriptor the UART transmits to */
    int64_t  rtc_base;   /* RTC counter at virtual time 0, seconds since 1970 */
};

struct virt_machine {
    struct guest_ram ram;
    struct bus       bus;
    struct pl011     uart;
    struct pl031     rtc;
    struct gicv3     gic;
    unsigned         n_cpus;
};

/* What to boot; every field may be NULL. */
struct virt_boot_config {
    const char *kernel; /* -kernel; NULL: nothing is loaded, only the DTB is made */
    const char *initrd; /* -initrd */
    const char *dtb;    /* -dtb: use this tree instead of generating one */
    const char *append; /* -append: /chosen/bootargs */
};

/* The result of booting: where the vCPU starts and what it is given. */
struct virt_boot {
    struct kernel_info kernel; /* valid with a kernel */
    struct boot_layout layout; /* where initrd and DTB went */
    uint64_t           entry;  /* first instruction */
    uint64_t           x0;     /* DTB address handed over in x0; 0: none */
    void              *dtb;    /* the final device tree (free with virt_boot_free) */
};

/* Returns 0, or -1 with a reason in err. */
int virt_create(struct virt_machine *m, const struct virt_config *cfg, char *err,
                size_t err_len);
void virt_destroy(struct virt_machine *m);
/* System reset (PSCI SYSTEM_RESET without -no-reboot): devices to their
 * reset state; RAM is kept, as on QEMU. Boot again with virt_boot_prepare. */
void virt_reset(struct virt_machine *m);
/*
 * A hash of the devices' guest-visible state (UART, RTC, GIC; PSCI keeps
 * none), for -d hash: equal state gives an equal hash. RAM is not in it.
 */
uint64_t virt_state_hash(const struct virt_machine *m);

/*
 * Loads the kernel and initrd, builds (or reads) the device tree, completes
 * it with RAM, command line and initrd, and places it in RAM, following the
 * Linux arm64 boot protocol as QEMU does (see devices/loader.h). Returns 0,
 * or -1 with a one-line reason.
 */
int virt_boot_prepare(struct virt_machine *m, const struct virt_boot_config *cfg,
                      struct virt_boot *boot, char *err, size_t err_len);
void virt_boot_free(struct virt_boot *boot);

#endif
