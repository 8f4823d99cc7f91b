/* NZCV computation and condition codes, shared by every instruction group. */
#ifndef PHALANX_ARM_FLAGS_H
#define PHALANX_ARM_FLAGS_H

#include <stdbool.h>
#include <stdint.h>

#include "arm/cpu.h"

static inline uint32_t nzcv_pack(bool n, bool z, bool c, bool v)
{
    return ((uint32_t)n << 31) | ((uint32_t)z << 30) | ((uint32_t)c << 29) | ((uint32_t)v << 28);
}

/* result = a + b + carry_in, with the flags ADDS/ADCS set. */
static inline uint64_t add64_flags(uint64_t a, uint64_t b, unsigned carry_in, uint32_t *nzcv)
{
    uint64_t r = a + b + carry_in;
    bool c = carry_in ? r <= a : r < a;
    bool v = ((~(a ^ b) & (a ^ r)) >> 63) & 1;
    *nzcv = nzcv_pack(r >> 63, r == 0, c, v);
    return r;
}

static inline uint32_t add32_flags(uint32_t a, uint32_t b, unsigned carry_in, uint32_t *nzcv)
{
    uint64_t wide = (uint64_t)a + b + carry_in;
    uint32_t r = (uint32_t)wide;
    bool v = ((~(a ^ b) & (a ^ r)) >> 31) & 1;
    *nzcv = nzcv_pack(r >> 31, r == 0, wide >> 32, v);
    return r;
}

/* a - b is a + ~b + 1; SBCS is a + ~b + C. */
static inline uint64_t sub64_flags(uint64_t a, uint64_t b, uint32_t *nzcv)
{
    return add64_flags(a, ~b, 1, nzcv);
}

static inline uint32_t sub32_flags(uint32_t a, uint32_t b, uint32_t *nzcv)
{
    return add32_flags(a, ~b, 1, nzcv);
}

/* Flags of a logical result (ANDS, BICS): N and Z, C = V = 0. */
static inline uint32_t logic64_flags(uint64_t r)
{
    return nzcv_pack(r >> 63, r == 0, 0, 0);
}

static inline uint32_t logic32_flags(uint32_t r)
{
    return nzcv_pack(r >> 31, r == 0, 0, 0);
}

/*
 * Condition codes: bit i of cond_table[cond] says whether cond holds for
 * NZCV == i. Built once from the ARM ARM's ConditionHolds().
 */
extern const uint16_t arm_cond_table[16];

static inline bool cond_holds(uint32_t nzcv, unsigned cond)
{
    return (arm_cond_table[cond & 15] >> (nzcv >> 28)) & 1;
}

#endif
