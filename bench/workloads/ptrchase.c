/* Pointer chasing: a linked list threaded through a large array in a random
 * cyclic order (Sattolo's shuffle), walked again and again; nearly every
 * step lands on a different cache line and often a different page. */
#include "bench.h"

#define NODES BENCH_SIZE(1u << 18, 1u << 14)   /* 4 MiB, 1024 pages at full size */
#define STEPS BENCH_SIZE(2000000u, 20000u)

struct node {
    struct node *next;
    uint64_t value;
};

static BENCH_DATA struct node nodes[NODES];
static BENCH_DATA uint32_t order[NODES];

int main(void)
{
    struct bench_rng rng = {0xa4093822299f31d0ull};
    /* Sattolo: a random permutation that is one single cycle. */
    for (uint32_t i = 0; i < NODES; i++) {
        order[i] = i;
    }
    for (uint32_t i = NODES - 1; i > 0; i--) {
        uint32_t j = bench_rand_below(&rng, i);
        uint32_t t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (uint32_t i = 0; i < NODES; i++) {
        nodes[order[i]].next = &nodes[order[(i + 1) % NODES]];
        nodes[i].value = bench_rand(&rng) >> 40;
    }

    struct node *p = &nodes[0];
    uint64_t sum = 0;
    for (uint32_t s = 0; s < STEPS; s++) {
        sum += p->value ^ s;
        p = p->next;
    }
    guest_puts("ptrchase: sum ");
    guest_put_hex(sum);
    guest_puts(" at node ");
    guest_put_dec((uint64_t)(p - nodes));
    guest_puts(", ");
    guest_put_dec(STEPS);
    guest_puts(" steps over ");
    guest_put_dec(NODES);
    guest_puts(" nodes\n");
    return 0;
}
