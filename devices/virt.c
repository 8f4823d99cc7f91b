/* Builds the virt machine from the board's memory map. */
#include "devices/virt.h"

#include <stdio.h>
#include <string.h>

#include "devices/board.h"

int virt_create(struct virt_machine *m, uint64_t ram_size, int console_fd, char *err,
                size_t err_len)
{
    memset(m, 0, sizeof(*m));
    m->ram.fd = -1;
    int rc = guest_ram_create(&m->ram, ram_size);
    if (rc) {
        snprintf(err, err_len, "cannot allocate %llu MiB of guest RAM: %s",
                 (unsigned long long)(ram_size >> 20), strerror(-rc));
        return -1;
    }
    bus_init(&m->bus, m->ram.host, virt_memmap[VIRT_MEM].base, ram_size);
    pl011_init(&m->uart, console_fd);
    pl011_attach(&m->uart, &m->bus, virt_memmap[VIRT_UART].base, virt_memmap[VIRT_UART].size);
    return 0;
}

void virt_destroy(struct virt_machine *m)
{
    guest_ram_destroy(&m->ram);
}
