/* The virt machine: guest RAM, bus and devices built from the board table. */
#ifndef PHALANX_DEVICES_VIRT_H
#define PHALANX_DEVICES_VIRT_H

#include <stddef.h>
#include <stdint.h>

#include "devices/bus.h"
#include "devices/pl011.h"
#include "shm/guest_ram.h"

struct virt_machine {
    struct guest_ram ram;
    struct bus       bus;
    struct pl011     uart;
};

/* Returns 0, or -1 with a reason in err. */
int virt_create(struct virt_machine *m, uint64_t ram_size, int console_fd, char *err,
                size_t err_len);
void virt_destroy(struct virt_machine *m);

#endif
