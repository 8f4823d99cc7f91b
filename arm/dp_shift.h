/*
 * The second operand of data-processing (register) instructions: a register
 * shifted by a constant (LSL, LSR, ASR, ROR) or extended and shifted
 * (UXTB..SXTX, LSL 0-4). Handlers are generated once per shift type so that
 * the type is chosen at translate time; the amount stays a run-time operand.
 *
 * The _w forms give the operand of a 32-bit instruction in the low 32 bits
 * (upper bits are don't-care: 32-bit results are truncated when written).
 */
#ifndef PHALANX_ARM_DP_SHIFT_H
#define PHALANX_ARM_DP_SHIFT_H

#include <stdint.h>

/* Shift types as encoded in the 'shift' field. */
enum { SHIFT_LSL = 0, SHIFT_LSR = 1, SHIFT_ASR = 2, SHIFT_ROR = 3 };

/* 'sh' is 0..63 for the x forms and 0..31 for the w forms. */
static inline uint64_t shift_none_x(uint64_t v, unsigned sh) { (void)sh; return v; }
static inline uint64_t shift_lsl_x(uint64_t v, unsigned sh)  { return v << sh; }
static inline uint64_t shift_lsr_x(uint64_t v, unsigned sh)  { return v >> sh; }
static inline uint64_t shift_asr_x(uint64_t v, unsigned sh)  { return (uint64_t)((int64_t)v >> sh); }
static inline uint64_t shift_ror_x(uint64_t v, unsigned sh)
{
    return (v >> sh) | (v << ((64 - sh) & 63));
}

static inline uint64_t shift_none_w(uint64_t v, unsigned sh) { (void)sh; return v; }
static inline uint64_t shift_lsl_w(uint64_t v, unsigned sh)  { return v << sh; }
static inline uint64_t shift_lsr_w(uint64_t v, unsigned sh)  { return (uint32_t)v >> sh; }
static inline uint64_t shift_asr_w(uint64_t v, unsigned sh)  { return (uint64_t)((int32_t)v >> sh); }
static inline uint64_t shift_ror_w(uint64_t v, unsigned sh)
{
    uint32_t w = (uint32_t)v;
    return (w >> sh) | (w << ((32 - sh) & 31));
}

/*
 * Extended register: keep the low 'bits' bits of v, zero- or sign-extend them
 * to 64 bits, then shift left by 0..4. 'clear' is 64 - bits (0 for UXTX/SXTX).
 */
static inline uint64_t extend_u(uint64_t v, unsigned clear, unsigned sh)
{
    return ((v << clear) >> clear) << sh;
}

static inline uint64_t extend_s(uint64_t v, unsigned clear, unsigned sh)
{
    return (uint64_t)((int64_t)(v << clear) >> clear) << sh;
}

#endif
