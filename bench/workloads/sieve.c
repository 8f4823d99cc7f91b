/* Sieve of Eratosthenes: byte-array sieve over the odd numbers below LIMIT,
 * repeated ROUNDS times (stores in strided loops, a counting pass). */
#include "bench.h"

#define LIMIT BENCH_SIZE(2000000u, 1000000u)
#define ROUNDS BENCH_SIZE(64, 2)

static BENCH_DATA uint8_t composite[LIMIT / 2];   /* composite[i]: 2i+1 is composite */

static uint32_t count_primes(void)
{
    for (uint32_t i = 0; i < LIMIT / 2; i++) {
        composite[i] = 0;
    }
    for (uint32_t p = 3; p * p < LIMIT; p += 2) {
        if (composite[p / 2]) {
            continue;
        }
        for (uint32_t m = p * p; m < LIMIT; m += 2 * p) {
            composite[m / 2] = 1;
        }
    }
    uint32_t count = 1;   /* 2 */
    for (uint32_t i = 1; i < LIMIT / 2; i++) {
        count += !composite[i];
    }
    return count;
}

int main(void)
{
    uint32_t primes = 0;
    for (int r = 0; r < ROUNDS; r++) {
        uint32_t n = count_primes();
        CHECK(r == 0 || n == primes);
        primes = n;
    }
    guest_puts("sieve: ");
    guest_put_dec(primes);
    guest_puts(" primes below ");
    guest_put_dec(LIMIT);
    guest_puts(", ");
    guest_put_dec(ROUNDS);
    guest_puts(" rounds\n");
    return 0;
}
