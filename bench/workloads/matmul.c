/* Integer matrix multiply: C = A x B on N x N 32-bit matrices (i-k-j
 * order, multiply-accumulate into rows of C), repeated with A replaced by
 * the previous product, then a checksum of the result. */
#include "bench.h"

#define N BENCH_SIZE(160u, 64u)
#define ROUNDS BENCH_SIZE(16, 2)

static BENCH_DATA uint32_t a[N][N], b[N][N], c[N][N];

static void multiply(void)
{
    for (uint32_t i = 0; i < N; i++) {
        for (uint32_t j = 0; j < N; j++) {
            c[i][j] = 0;
        }
        for (uint32_t k = 0; k < N; k++) {
            uint32_t aik = a[i][k];
            for (uint32_t j = 0; j < N; j++) {
                c[i][j] += aik * b[k][j];
            }
        }
    }
}

int main(void)
{
    struct bench_rng rng = {0x13198a2e03707344ull};
    for (uint32_t i = 0; i < N; i++) {
        for (uint32_t j = 0; j < N; j++) {
            a[i][j] = (uint32_t)bench_rand(&rng) & 0xffff;
            b[i][j] = (uint32_t)bench_rand(&rng) & 0xffff;
        }
    }
    for (int r = 0; r < ROUNDS; r++) {
        multiply();
        for (uint32_t i = 0; i < N; i++) {
            for (uint32_t j = 0; j < N; j++) {
                a[i][j] = c[i][j] ^ (c[i][j] >> 16);
            }
        }
    }
    uint64_t sum = 0;
    for (uint32_t i = 0; i < N; i++) {
        for (uint32_t j = 0; j < N; j++) {
            sum = sum * 0x100000001b3ull + c[i][j];
        }
    }
    guest_puts("matmul: checksum ");
    guest_put_hex(sum);
    guest_puts(", ");
    guest_put_dec(N);
    guest_puts("x");
    guest_put_dec(N);
    guest_puts(", ");
    guest_put_dec(ROUNDS);
    guest_puts(" rounds\n");
    return 0;
}
