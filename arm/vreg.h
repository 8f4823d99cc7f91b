/*
 * The FP/SIMD register file as op handlers see it, and the FP access trap.
 *
 * V registers live in cpu->s.vreg[32][2]: [0] holds bits 63..0 and [1] bits
 * 127..64. A write of a scalar (B, H, S, D) clears every bit above it, as the
 * architecture requires of all scalar FP/SIMD results and loads; a 64-bit
 * vector result (Q = 0) clears the top half. Lanes are numbered as in the ARM
 * ARM (lane 0 in the least significant bits); the host is little-endian, so a
 * lane of size S bytes sits at byte offset index * S of vreg[r].
 *
 * Shared by the scalar FP files (arm/fp_*.c) and the AdvSIMD files
 * (arm/simd_*.c); keep it stable.
 */
#ifndef PHALANX_ARM_VREG_H
#define PHALANX_ARM_VREG_H

#include <stdint.h>
#include <string.h>

#include "arm/ops.h"
#include "arm/translate.h"

/* --- run time: whole registers -------------------------------------------- */

#define VREG(r) (cpu->s.vreg[(r)])

/* Low 64 bits of Vr (D register). */
static inline uint64_t vreg_read_d(const struct vcpu *cpu, unsigned r)
{
    return cpu->s.vreg[r][0];
}

static inline uint32_t vreg_read_s(const struct vcpu *cpu, unsigned r)
{
    return (uint32_t)cpu->s.vreg[r][0];
}

static inline uint16_t vreg_read_h(const struct vcpu *cpu, unsigned r)
{
    return (uint16_t)cpu->s.vreg[r][0];
}

static inline uint8_t vreg_read_b(const struct vcpu *cpu, unsigned r)
{
    return (uint8_t)cpu->s.vreg[r][0];
}

/* Scalar writes: the value, zero-extended to 128 bits. */
static inline void vreg_write_d(struct vcpu *cpu, unsigned r, uint64_t v)
{
    cpu->s.vreg[r][0] = v;
    cpu->s.vreg[r][1] = 0;
}

static inline void vreg_write_s(struct vcpu *cpu, unsigned r, uint32_t v)
{
    vreg_write_d(cpu, r, v);
}

static inline void vreg_write_h(struct vcpu *cpu, unsigned r, uint16_t v)
{
    vreg_write_d(cpu, r, v);
}

static inline void vreg_write_b(struct vcpu *cpu, unsigned r, uint8_t v)
{
    vreg_write_d(cpu, r, v);
}

/* Full 128-bit write (Q register). */
static inline void vreg_write_q(struct vcpu *cpu, unsigned r, uint64_t lo, uint64_t hi)
{
    cpu->s.vreg[r][0] = lo;
    cpu->s.vreg[r][1] = hi;
}

/* Scalar write of 'bytes' (1, 2, 4 or 8) bytes from the low bits of v. */
static inline void vreg_write_scalar(struct vcpu *cpu, unsigned r, uint64_t v, unsigned bytes)
{
    vreg_write_d(cpu, r, bytes == 8 ? v : v & ((1ull << (bytes * 8)) - 1));
}

/* Vector result of a 64-bit (Q = 0) operation: the upper half is cleared. */
static inline void vreg_clear_high(struct vcpu *cpu, unsigned r)
{
    cpu->s.vreg[r][1] = 0;
}

/* --- run time: lanes ------------------------------------------------------- */

static inline uint8_t *vreg_bytes(struct vcpu *cpu, unsigned r)
{
    return (uint8_t *)cpu->s.vreg[r];
}

static inline const uint8_t *vreg_cbytes(const struct vcpu *cpu, unsigned r)
{
    return (const uint8_t *)cpu->s.vreg[r];
}

/* Lane 'idx' of element size 8/16/32/64 bits; the other lanes are kept. */
#define VREG_DEFINE_LANE(bits)                                                         \
    static inline uint##bits##_t vreg_lane##bits(const struct vcpu *cpu, unsigned r,   \
                                                 unsigned idx)                         \
    {                                                                                  \
        uint##bits##_t v;                                                              \
        memcpy(&v, vreg_cbytes(cpu, r) + idx * (bits / 8), sizeof(v));                 \
        return v;                                                                      \
    }                                                                                  \
    static inline void vreg_set_lane##bits(struct vcpu *cpu, unsigned r, unsigned idx, \
                                           uint##bits##_t v)                           \
    {                                                                                  \
        memcpy(vreg_bytes(cpu, r) + idx * (bits / 8), &v, sizeof(v));                  \
    }

VREG_DEFINE_LANE(8)
VREG_DEFINE_LANE(16)
VREG_DEFINE_LANE(32)
VREG_DEFINE_LANE(64)

#undef VREG_DEFINE_LANE

/* Lane of esize (0 = 8 bits .. 3 = 64 bits), zero-extended. */
static inline uint64_t vreg_lane(const struct vcpu *cpu, unsigned r, unsigned idx, unsigned esize)
{
    switch (esize) {
    case 0:  return vreg_lane8(cpu, r, idx);
    case 1:  return vreg_lane16(cpu, r, idx);
    case 2:  return vreg_lane32(cpu, r, idx);
    default: return vreg_lane64(cpu, r, idx);
    }
}

static inline void vreg_set_lane(struct vcpu *cpu, unsigned r, unsigned idx, unsigned esize,
                                 uint64_t v)
{
    switch (esize) {
    case 0:  vreg_set_lane8(cpu, r, idx, (uint8_t)v); break;
    case 1:  vreg_set_lane16(cpu, r, idx, (uint16_t)v); break;
    case 2:  vreg_set_lane32(cpu, r, idx, (uint32_t)v); break;
    default: vreg_set_lane64(cpu, r, idx, v); break;
    }
}

/* --- FP access trap ---------------------------------------------------------- */

/*
 * ISS of the trap when CPACR_EL1.FPEN disables FP/SIMD, as QEMU reports it
 * for AArch64: CV = 1, COND = 0xe (ESR_EL1 = 0x1fe00000).
 */
#define FP_ACCESS_TRAP_ISS ((1u << 24) | (0xeu << 20))

/* Handler that raises the FP access trap (EC 0x07) for its instruction. */
const struct op *fp_access_trap_op(struct vcpu *cpu, const struct op *op);

/*
 * Call in every FP/SIMD translator after the encoding has been checked
 * (UNDEFINED wins over the trap) and before filling the op:
 *     if (!fp_access_check(dc)) return true;
 * When FP is disabled at this EL it turns the op into the trap and returns
 * false.
 */
static inline bool fp_access_check(struct dc *dc)
{
    if (dc_fp_ok(dc)) {
        return true;
    }
    dc->op->fn = fp_access_trap_op;
    return false;
}

#endif
