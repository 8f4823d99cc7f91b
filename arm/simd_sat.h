/*
 * Shared pieces of the AdvSIMD saturating instructions: clamping to a
 * signed or unsigned range (FPSR.QC is SIMD_FPSR_QC, arm/simd.h), the
 * SQDMULH lane, and the handler tables of the vector saturating ops
 * (arm/simd_int.c, arm/simd_shift.c, arm/simd_widen.c) that their scalar
 * forms (arm/simd_sat_scalar.c, arm/simd_sqdmul.c) reuse.
 *
 * Those vector handlers compute lanes 0 .. op->r - 1 and write zero to every
 * other lane of the 128-bit result, touching QC only for the lanes they
 * compute: run with op->r = 1 they are exactly the scalar B/H/S/D form.
 */
#ifndef PHALANX_ARM_SIMD_SAT_H
#define PHALANX_ARM_SIMD_SAT_H

#include <stdbool.h>
#include <stdint.h>

#include "arm/simd.h"

/* v clamped to the signed range of 'bits' bits (1..64); *sat set if clamped. */
static inline uint64_t sat_to_signed(__int128 v, unsigned bits, bool *sat)
{
    __int128 max = ((__int128)1 << (bits - 1)) - 1, min = -max - 1;
    if (v > max) {
        *sat = true;
        return (uint64_t)max;
    }
    if (v < min) {
        *sat = true;
        return (uint64_t)min;
    }
    return (uint64_t)v;
}

/* v clamped to the unsigned range of 'bits' bits (1..64); *sat set if clamped. */
static inline uint64_t sat_to_unsigned(__int128 v, unsigned bits, bool *sat)
{
    __int128 max = ((__int128)1 << bits) - 1;
    if (v > max) {
        *sat = true;
        return (uint64_t)max;
    }
    if (v < 0) {
        *sat = true;
        return 0;
    }
    return (uint64_t)v;
}

/*
 * SQDMULH, SQRDMULH of one lane: (2 * x * y [+ 2^(bits-1)]) >> bits,
 * saturated (only -2^(bits-1) squared overflows).
 */
static inline uint64_t sat_sqdmulh(int64_t x, int64_t y, unsigned bits, bool round, bool *sat)
{
    __int128 p = (__int128)2 * x * y;
    if (round) {
        p += (__int128)1 << (bits - 1);
    }
    return sat_to_signed(p >> bits, bits, sat);
}

/*
 * Vector handlers by element size (8, 16, 32, 64 bits; NULL where the
 * operation has no such size). op->d, op->n, op->m = V registers (SQABS,
 * SQNEG, SUQADD, USQADD read their accumulator from op->m = Vd); op->r =
 * lanes computed; the shifts by immediate take the shift in op->p.
 */
extern op_fn *const simd_sqadd_fns[4];
extern op_fn *const simd_uqadd_fns[4];
extern op_fn *const simd_sqsub_fns[4];
extern op_fn *const simd_uqsub_fns[4];
extern op_fn *const simd_sqshl_fns[4];
extern op_fn *const simd_uqshl_fns[4];
extern op_fn *const simd_sqrshl_fns[4];
extern op_fn *const simd_uqrshl_fns[4];
extern op_fn *const simd_srshl_fns[4];
extern op_fn *const simd_urshl_fns[4];
extern op_fn *const simd_sqdmulh_fns[4];
extern op_fn *const simd_sqrdmulh_fns[4];
extern op_fn *const simd_sqabs_fns[4];
extern op_fn *const simd_sqneg_fns[4];
extern op_fn *const simd_suqadd_fns[4];
extern op_fn *const simd_usqadd_fns[4];
extern op_fn *const simd_sqshl_imm_fns[4];
extern op_fn *const simd_uqshl_imm_fns[4];
extern op_fn *const simd_sqshlu_imm_fns[4];

/*
 * Scalar saturating narrows (arm/simd_widen.c) by narrow result size (8,
 * 16, 32 bits): the wide element 0 of op->n to one narrow lane of op->d,
 * the rest of Vd zeroed; the right shifts take the shift in op->p and need
 * op->q = 0 (op->q = 1 writes the top half, the vector "2" forms).
 */
extern op_fn *const simd_sqxtn_s_fns[3];
extern op_fn *const simd_uqxtn_s_fns[3];
extern op_fn *const simd_sqxtun_s_fns[3];
extern op_fn *const simd_sqshrn_s_fns[3];
extern op_fn *const simd_sqrshrn_s_fns[3];
extern op_fn *const simd_uqshrn_s_fns[3];
extern op_fn *const simd_uqrshrn_s_fns[3];
extern op_fn *const simd_sqshrun_s_fns[3];
extern op_fn *const simd_sqrshrun_s_fns[3];

#endif
