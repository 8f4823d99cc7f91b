/*
 * Guest RAM as one shared memory object (memfd), mapped MAP_SHARED so that
 * node processes forked later see the same pages. The object is anonymous:
 * nothing is left behind in the file system on any exit.
 */
#ifndef PHALANX_SHM_GUEST_RAM_H
#define PHALANX_SHM_GUEST_RAM_H

#include <stdint.h>

struct guest_ram {
    int      fd;   /* memfd, kept for mapping in other processes */
    uint8_t *host; /* this process's mapping */
    uint64_t size;
};

/* Returns 0, or -errno with nothing allocated. */
int guest_ram_create(struct guest_ram *ram, uint64_t size);
void guest_ram_destroy(struct guest_ram *ram);

#endif
