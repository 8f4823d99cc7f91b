/*
 * Bit manipulation shared by the instruction groups: sign extension, the
 * ARM ARM's DecodeBitMasks (logical immediates and bitfield moves), counting
 * leading bits, bit and byte reversal, and the CRC32/CRC32C accumulate step.
 * Everything here is pure and host independent, so unit tests can check it
 * against the ARM pseudocode directly.
 */
#ifndef PHALANX_ARM_BITOPS_H
#define PHALANX_ARM_BITOPS_H

#include <stdbool.h>
#include <stdint.h>

/* Sign-extends the low 'bits' bits of v (1 <= bits <= 64). */
static inline int64_t sextract64(uint64_t v, unsigned bits)
{
    return (int64_t)(v << (64 - bits)) >> (64 - bits);
}

/* A mask of the low 'bits' bits (0 <= bits <= 64). */
static inline uint64_t ones64(unsigned bits)
{
    return bits >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << bits) - 1;
}

/* Rotates the low 'width' bits of v right by 'amount' (< width). */
static inline uint64_t ror_width(uint64_t v, unsigned amount, unsigned width)
{
    if (amount == 0) {
        return v;
    }
    return ((v >> amount) | (v << (width - amount))) & ones64(width);
}

static inline uint64_t ror64(uint64_t v, unsigned amount)
{
    return (v >> (amount & 63)) | (v << ((64 - amount) & 63));
}

static inline uint32_t ror32(uint32_t v, unsigned amount)
{
    return (v >> (amount & 31)) | (v << ((32 - amount) & 31));
}

/*
 * DecodeBitMasks(N, imms, immr, immediate) for a 'width'-bit operation
 * (32 or 64): *wmask is the (rotated, replicated) field, *tmask the
 * unrotated "top" mask the bitfield moves use. Returns false for the
 * encodings the ARM ARM calls reserved: no element size, an element size
 * wider than the operation, or (for logical immediates) an all-ones element.
 */
static inline bool decode_bit_masks(unsigned n, unsigned imms, unsigned immr, bool immediate,
                                    unsigned width, uint64_t *wmask, uint64_t *tmask)
{
    /* len = HighestSetBit(N:NOT(imms)), the log2 of the element size. */
    unsigned combined = ((n & 1) << 6) | (~imms & 0x3f);
    if (combined == 0) {
        return false;
    }
    unsigned len = 31 - (unsigned)__builtin_clz(combined);
    if (len < 1) {
        return false;
    }
    unsigned esize = 1u << len;
    if (esize > width) {
        return false;
    }
    unsigned levels = esize - 1;
    if (immediate && (imms & levels) == levels) {
        return false;
    }
    unsigned s = imms & levels;
    unsigned r = immr & levels;
    unsigned diff = (s - r) & levels;
    uint64_t welem = ror_width(ones64(s + 1), r, esize);
    uint64_t telem = ones64(diff + 1);
    /* Replicate the element across the operation width. */
    for (unsigned e = esize; e < width; e *= 2) {
        welem |= welem << e;
        telem |= telem << e;
    }
    *wmask = welem & ones64(width);
    *tmask = telem & ones64(width);
    return true;
}

/* Count leading zeros; a zero input gives the width. */
static inline unsigned clz64(uint64_t v)
{
    return v ? (unsigned)__builtin_clzll(v) : 64;
}

static inline unsigned clz32(uint32_t v)
{
    return v ? (unsigned)__builtin_clz(v) : 32;
}

/*
 * Count leading sign bits: how many bits below the top one equal it. Bit i
 * of v ^ (v >> 1) (arithmetic) is set where bits i and i+1 differ, and its
 * top bit is always clear, so its leading zeros are one more than the answer.
 */
static inline unsigned cls64(uint64_t v)
{
    return clz64(v ^ (uint64_t)((int64_t)v >> 1)) - 1;
}

static inline unsigned cls32(uint32_t v)
{
    return clz32(v ^ (uint32_t)((int32_t)v >> 1)) - 1;
}

/* Reverses the bits within each byte. */
static inline uint64_t rbit_bytes64(uint64_t v)
{
    v = ((v >> 1) & 0x5555555555555555ull) | ((v & 0x5555555555555555ull) << 1);
    v = ((v >> 2) & 0x3333333333333333ull) | ((v & 0x3333333333333333ull) << 2);
    v = ((v >> 4) & 0x0f0f0f0f0f0f0f0full) | ((v & 0x0f0f0f0f0f0f0f0full) << 4);
    return v;
}

static inline uint64_t rbit64(uint64_t v)
{
    return __builtin_bswap64(rbit_bytes64(v));
}

static inline uint32_t rbit32(uint32_t v)
{
    return __builtin_bswap32((uint32_t)rbit_bytes64(v));
}

/* REV16: swaps the bytes of each halfword. */
static inline uint64_t rev16_64(uint64_t v)
{
    return ((v >> 8) & 0x00ff00ff00ff00ffull) | ((v & 0x00ff00ff00ff00ffull) << 8);
}

/* REV32: reverses the bytes of each word. */
static inline uint64_t rev32_64(uint64_t v)
{
    return ror64(__builtin_bswap64(v), 32);
}

/*
 * CRC32 (polynomial 0x04C11DB7) and CRC32C (0x1EDC6F41) as the A64 CRC
 * instructions compute them: bit-reflected, 'bytes' bytes of 'value' taken
 * least significant first, no pre- or post-inversion (software does that).
 */
uint32_t crc32_update(uint32_t acc, uint64_t value, unsigned bytes);
uint32_t crc32c_update(uint32_t acc, uint64_t value, unsigned bytes);

#endif
