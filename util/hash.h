/*
 * A fast 64-bit hash for state comparison (-d hash): equal input gives an
 * equal hash on every host and run. Not cryptographic; a mismatch only has
 * to be noticed, not resisted.
 */
#ifndef PHALANX_UTIL_HASH_H
#define PHALANX_UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define HASH_SEED 0x70686c6e78686173ull /* "phlnxhas" */

static inline uint64_t hash_word(uint64_t h, uint64_t v)
{
    h ^= v * 0x9e3779b97f4a7c15ull;
    h = (h << 31 | h >> 33) * 0xbf58476d1ce4e5b9ull;
    return h ^ (h >> 29);
}

/* Hashes n bytes at p into h, 8 bytes at a time (little-endian words). */
static inline uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
    const uint8_t *b = p;
    for (; n >= 8; n -= 8, b += 8) {
        uint64_t v;
        memcpy(&v, b, 8);
        h = hash_word(h, v);
    }
    if (n) {
        uint64_t v = 0;
        memcpy(&v, b, n);
        h = hash_word(h, v ^ ((uint64_t)n << 56));
    }
    return h;
}

#endif
