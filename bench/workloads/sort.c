/* Sorting: quicksort (median of three, insertion sort for short runs) and a
 * bottom-up mergesort of the same pseudo-random array; both results must
 * agree, and a position-weighted checksum of the sorted data is printed. */
#include "bench.h"

#define N BENCH_SIZE(200000u, 20000u)
#define ROUNDS BENCH_SIZE(6, 1)

static BENCH_DATA uint32_t data[N], quick[N], merged[N], tmp[N];

static void insertion_sort(uint32_t *a, int n)
{
    for (int i = 1; i < n; i++) {
        uint32_t v = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void swap(uint32_t *a, uint32_t *b)
{
    uint32_t t = *a;
    *a = *b;
    *b = t;
}

static void quicksort(uint32_t *a, int n)
{
    while (n > 16) {
        int mid = n / 2;
        if (a[mid] < a[0]) {
            swap(&a[mid], &a[0]);
        }
        if (a[n - 1] < a[0]) {
            swap(&a[n - 1], &a[0]);
        }
        if (a[n - 1] < a[mid]) {
            swap(&a[n - 1], &a[mid]);
        }
        uint32_t pivot = a[mid];
        int i = 0, j = n - 1;
        for (;;) {
            while (a[i] < pivot) {
                i++;
            }
            while (a[j] > pivot) {
                j--;
            }
            if (i >= j) {
                break;
            }
            swap(&a[i], &a[j]);
            i++;
            j--;
        }
        /* Recurse on the smaller part, loop on the larger: bounded stack. */
        int left = j + 1;
        if (left < n - left) {
            quicksort(a, left);
            a += left;
            n -= left;
        } else {
            quicksort(a + left, n - left);
            n = left;
        }
    }
    insertion_sort(a, n);
}

static void mergesort(uint32_t *a, uint32_t *scratch, int n)
{
    uint32_t *src = a, *dst = scratch;
    for (int width = 1; width < n; width *= 2) {
        for (int lo = 0; lo < n; lo += 2 * width) {
            int mid = lo + width < n ? lo + width : n;
            int hi = lo + 2 * width < n ? lo + 2 * width : n;
            int i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                dst[k++] = src[i] <= src[j] ? src[i++] : src[j++];
            }
            while (i < mid) {
                dst[k++] = src[i++];
            }
            while (j < hi) {
                dst[k++] = src[j++];
            }
        }
        uint32_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != a) {
        for (int i = 0; i < n; i++) {
            a[i] = src[i];
        }
    }
}

int main(void)
{
    struct bench_rng rng = {0x243f6a8885a308d3ull};
    uint64_t sum = 0;
    for (int r = 0; r < ROUNDS; r++) {
        for (uint32_t i = 0; i < N; i++) {
            data[i] = (uint32_t)(bench_rand(&rng) >> 32);
            quick[i] = data[i];
            merged[i] = data[i];
        }
        quicksort(quick, N);
        mergesort(merged, tmp, N);
        for (uint32_t i = 0; i < N; i++) {
            CHECK(quick[i] == merged[i]);
            CHECK(i == 0 || quick[i - 1] <= quick[i]);
            sum = sum * 31 + quick[i] * (uint64_t)(i + 1);
        }
    }
    guest_puts("sort: checksum ");
    guest_put_hex(sum);
    guest_puts(", ");
    guest_put_dec(N);
    guest_puts(" elements, ");
    guest_put_dec(ROUNDS);
    guest_puts(" rounds\n");
    return 0;
}
