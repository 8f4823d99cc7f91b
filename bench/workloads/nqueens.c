/* N-queens by recursive backtracking on bit masks: deep call/return chains,
 * data-dependent branches, lowest-set-bit tricks on masks. */
#include "bench.h"

#define N BENCH_SIZE(13, 11)
#define ROUNDS BENCH_SIZE(3, 1)

static BENCH_DATA uint64_t nodes;

static uint32_t solve(uint32_t cols, uint32_t diag1, uint32_t diag2)
{
    const uint32_t all = (1u << N) - 1;
    nodes++;
    if (cols == all) {
        return 1;
    }
    uint32_t count = 0;
    uint32_t free = all & ~(cols | diag1 | diag2);
    while (free) {
        uint32_t bit = free & -free;
        free ^= bit;
        count += solve(cols | bit, ((diag1 | bit) << 1) & all, (diag2 | bit) >> 1);
    }
    return count;
}

int main(void)
{
    uint32_t solutions = 0;
    for (int r = 0; r < ROUNDS; r++) {
        uint32_t n = solve(0, 0, 0);
        CHECK(r == 0 || n == solutions);
        solutions = n;
    }
    guest_puts("nqueens: ");
    guest_put_dec(solutions);
    guest_puts(" solutions for ");
    guest_put_dec(N);
    guest_puts(" queens, ");
    guest_put_dec(nodes);
    guest_puts(" nodes, ");
    guest_put_dec(ROUNDS);
    guest_puts(" rounds\n");
    return 0;
}
