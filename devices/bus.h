/*
 * The system bus: guest RAM plus memory-mapped devices, by physical address.
 *
 * A vCPU reaches devices only through bus_read/bus_write, so the devices can
 * live in another process later. A device is a read/write callback pair on an
 * address range.
 */
#ifndef PHALANX_DEVICES_BUS_H
#define PHALANX_DEVICES_BUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t mmio_read_fn(void *opaque, uint64_t offset, unsigned size);
typedef void mmio_write_fn(void *opaque, uint64_t offset, uint64_t value, unsigned size);

struct mmio_region {
    const char    *name;
    uint64_t       base;
    uint64_t       size;
    mmio_read_fn  *read;
    mmio_write_fn *write;
    void          *opaque;
};

#define BUS_MAX_REGIONS 32

struct bus {
    uint8_t           *ram;       /* host mapping of guest RAM */
    uint64_t           ram_base;  /* guest physical address of RAM */
    uint64_t           ram_size;
    unsigned           n_regions;
    struct mmio_region regions[BUS_MAX_REGIONS];
};

void bus_init(struct bus *bus, uint8_t *ram, uint64_t ram_base, uint64_t ram_size);
bool bus_add_mmio(struct bus *bus, const struct mmio_region *region);

/* Host pointer to guest RAM at pa with len bytes available, or NULL. */
static inline uint8_t *bus_ram_ptr(const struct bus *bus, uint64_t pa, uint64_t len)
{
    if (pa >= bus->ram_base && len <= bus->ram_size && pa - bus->ram_base <= bus->ram_size - len) {
        return bus->ram + (pa - bus->ram_base);
    }
    return NULL;
}

const struct mmio_region *bus_find_mmio(const struct bus *bus, uint64_t pa);

/* Device or RAM access; false when nothing answers at pa (an external abort). */
bool bus_read(struct bus *bus, uint64_t pa, unsigned size, uint64_t *value);
bool bus_write(struct bus *bus, uint64_t pa, uint64_t value, unsigned size);

#endif
