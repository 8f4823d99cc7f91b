/* Shared helpers for the benchmark workloads: size selection, a
 * deterministic pseudo-random generator and result printing. */
#ifndef PHALANX_BENCH_H
#define PHALANX_BENCH_H

#include <stddef.h>
#include <stdint.h>

#include "guest.h"

/* Every workload has a full size (about 0.5-1 s on QEMU 7.2) and a small
 * one (about 1/100th) for the smoke tests; -DBENCH_SMALL picks the second. */
#ifdef BENCH_SMALL
#define BENCH_SIZE(full, small) (small)
#else
#define BENCH_SIZE(full, small) (full)
#endif

/* For every global the workload writes: keeps it off the pages that hold
 * code (the runtime's linker script packs .bss right after .text), which
 * emulators treat as self-modifying code (QEMU slows down 50x). */
#define BENCH_DATA __attribute__((aligned(4096)))

/* xorshift64*: fast, good enough to scramble data, same stream everywhere. */
struct bench_rng {
    uint64_t state;
};

static inline uint64_t bench_rand(struct bench_rng *r)
{
    uint64_t x = r->state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    r->state = x;
    return x * 0x2545f4914f6cdd1dull;
}

/* Uniform enough in [0, n) for n much smaller than 2^32. */
static inline uint32_t bench_rand_below(struct bench_rng *r, uint32_t n)
{
    return (uint32_t)(((bench_rand(r) >> 32) * n) >> 32);
}

/* Result line pieces: "name: " then values, then the newline. */
static inline void bench_put_hex32(uint32_t v)
{
    guest_puts("0x");
    for (int i = 28; i >= 0; i -= 4) {
        guest_putc("0123456789abcdef"[(v >> i) & 15]);
    }
}

/* The compiler may call these for large copies and clears even when
 * freestanding; the guest runtime does not provide them. */
void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);

#endif
