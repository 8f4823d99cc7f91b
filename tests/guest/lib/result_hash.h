/*
 * For guest tests that run instructions on pseudo-random operands and
 * check a hash of each instruction's results against the hash QEMU gives
 * (fp_random.c, fp_recip.c, simd_sat.c): the tables from the list of
 * instructions, the generator (simd_strings.c uses it too), a random FPCR,
 * the hash step and the transcript line.
 */
#ifndef PHALANX_GUEST_RESULT_HASH_H
#define PHALANX_GUEST_RESULT_HASH_H

#include "guest.h"

/*
 * From a list LIST(X) of rows X(kind, "instruction", hash):
 * HASH_TEST_STUBS(label, LIST) emits one stub per row from 'label' (the
 * instruction, then RET: row n at label + 8 * n); the others turn the
 * rows into initialisers of their kinds, texts and hashes.
 */
#define HASH_TEST_STUB(kind, text, hash) text "\n ret\n"
#define HASH_TEST_KIND(kind, text, hash) kind,
#define HASH_TEST_NAME(kind, text, hash) text,
#define HASH_TEST_HASH(kind, text, hash) hash,
#define HASH_TEST_STUBS(label, LIST)                                         \
    __asm__(".text\n .balign 8\n" #label ":\n" LIST(HASH_TEST_STUB));    \
    extern char label[]

/* xorshift64 (13, 7, 17): the next value of the sequence in *state. */
static inline uint64_t xorshift64(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    return x;
}

/* One FNV-style step: folds v into the hash h. */
static inline uint64_t hash_mix(uint64_t h, uint64_t v)
{
    return (h ^ v) * 0x100000001b3ull;
}

/* An FPCR for the FP tests from random bits r: RMode, FZ and DN from
 * r's low four bits, but all clear (the default) one time in four. */
static inline uint64_t random_fpcr(uint64_t r)
{
    if ((r & 0x30) == 0) {
        return 0;
    }
    return ((r & 3) << 22) | ((r & 4) ? 1u << 24 : 0) | ((r & 8) ? 1u << 25 : 0);
}

/* Prints "name <hash>", with " FAIL (QEMU: <expected>)" if they differ;
 * returns 1 then, 0 if they agree. */
static inline unsigned report_hash(const char *name, uint64_t hash, uint64_t expected)
{
    guest_puts(name);
    guest_putc(' ');
    guest_put_hex(hash);
    unsigned failed = hash != expected;
    if (failed) {
        guest_puts(" FAIL (QEMU: ");
        guest_put_hex(expected);
        guest_putc(')');
    }
    guest_putc('\n');
    return failed;
}

#endif
