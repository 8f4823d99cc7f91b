/* Shared guest RAM on a memfd. */
#include "shm/guest_ram.h"

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

int guest_ram_create(struct guest_ram *ram, uint64_t size)
{
    ram->fd = memfd_create("phalanx-guest-ram", MFD_CLOEXEC);
    if (ram->fd < 0) {
        return -errno;
    }
    if (ftruncate(ram->fd, (off_t)size) < 0) {
        int err = errno;
        close(ram->fd);
        return -err;
    }
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_NORESERVE, ram->fd, 0);
    if (p == MAP_FAILED) {
        int err = errno;
        close(ram->fd);
        return -err;
    }
    ram->host = p;
    ram->size = size;
    return 0;
}

void guest_ram_destroy(struct guest_ram *ram)
{
    if (ram->host) {
        munmap(ram->host, ram->size);
        ram->host = NULL;
    }
    if (ram->fd >= 0) {
        close(ram->fd);
        ram->fd = -1;
    }
}
