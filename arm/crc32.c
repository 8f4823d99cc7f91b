/*
 * CRC32 and CRC32C accumulate steps of the A64 CRC instructions, one table
 * lookup per byte. The tables are built once when the program starts.
 */
#include "arm/bitops.h"

#define CRC32_POLY_REFLECTED  0xedb88320u /* 0x04C11DB7 bit-reversed */
#define CRC32C_POLY_REFLECTED 0x82f63b78u /* 0x1EDC6F41 bit-reversed */

static uint32_t crc32_table[256];
static uint32_t crc32c_table[256];

static void build_table(uint32_t table[256], uint32_t poly)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int bit = 0; bit < 8; bit++) {
            c = (c >> 1) ^ (poly & (0u - (c & 1)));
        }
        table[i] = c;
    }
}

__attribute__((constructor)) static void crc_tables_init(void)
{
    build_table(crc32_table, CRC32_POLY_REFLECTED);
    build_table(crc32c_table, CRC32C_POLY_REFLECTED);
}

static inline uint32_t crc_update(const uint32_t table[256], uint32_t acc, uint64_t value,
                                  unsigned bytes)
{
    for (unsigned i = 0; i < bytes; i++) {
        acc = (acc >> 8) ^ table[(acc ^ (uint32_t)value) & 0xff];
        value >>= 8;
    }
    return acc;
}

uint32_t crc32_update(uint32_t acc, uint64_t value, unsigned bytes)
{
    return crc_update(crc32_table, acc, value, bytes);
}

uint32_t crc32c_update(uint32_t acc, uint64_t value, unsigned bytes)
{
    return crc_update(crc32c_table, acc, value, bytes);
}
