/* System bus: dispatches physical accesses to RAM or a device. */
#include "devices/bus.h"

#include <string.h>

void bus_init(struct bus *bus, uint8_t *ram, uint64_t ram_base, uint64_t ram_size)
{
    memset(bus, 0, sizeof(*bus));
    bus->ram = ram;
    bus->ram_base = ram_base;
    bus->ram_size = ram_size;
}

bool bus_add_mmio(struct bus *bus, const struct mmio_region *region)
{
    if (bus->n_regions == BUS_MAX_REGIONS) {
        return false;
    }
    bus->regions[bus->n_regions++] = *region;
    return true;
}

const struct mmio_region *bus_find_mmio(const struct bus *bus, uint64_t pa)
{
    for (unsigned i = 0; i < bus->n_regions; i++) {
        const struct mmio_region *r = &bus->regions[i];
        if (pa >= r->base && pa - r->base < r->size) {
            return r;
        }
    }
    return NULL;
}

bool bus_read(struct bus *bus, uint64_t pa, unsigned size, uint64_t *value)
{
    uint8_t *host = bus_ram_ptr(bus, pa, size);
    if (host) {
        uint64_t v = 0;
        memcpy(&v, host, size);
        *value = v;
        return true;
    }
    const struct mmio_region *r = bus_find_mmio(bus, pa);
    if (!r || pa - r->base > r->size - size) {
        return false;
    }
    *value = r->read ? r->read(r->opaque, pa - r->base, size) : 0;
    return true;
}

bool bus_write(struct bus *bus, uint64_t pa, uint64_t value, unsigned size)
{
    uint8_t *host = bus_ram_ptr(bus, pa, size);
    if (host) {
        memcpy(host, &value, size);
        return true;
    }
    const struct mmio_region *r = bus_find_mmio(bus, pa);
    if (!r || pa - r->base > r->size - size) {
        return false;
    }
    if (r->write) {
        r->write(r->opaque, pa - r->base, value, size);
    }
    return true;
}
