/*
 * Smoke test: a little of everything a compiled C program does (loops,
 * recursion, switch jump tables, function pointers, structs, strings,
 * 64-bit multiply/divide, byte/half/word/double accesses), checked against
 * constants computed on the host and verified on QEMU.
 */
#include <stddef.h>

#include "guest.h"

#define N 1000

/* Written data goes on its own pages, away from the code. */
static uint32_t values[N] __attribute__((aligned(4096)));
static uint16_t halves[N];
static char text[256];

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545f4914f6cdd1dull;
}

static uint32_t fnv1a(const void *p, size_t n, uint32_t h)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ b[i]) * 16777619u;
    }
    return h;
}

static void quicksort(uint32_t *a, long lo, long hi)
{
    while (lo < hi) {
        uint32_t pivot = a[(lo + hi) / 2];
        long i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) {
                i++;
            }
            while (a[j] > pivot) {
                j--;
            }
            if (i <= j) {
                uint32_t t = a[i];
                a[i++] = a[j];
                a[j--] = t;
            }
        }
        /* Recurse into the smaller half, loop on the larger. */
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
}

static void insertion_sort16(uint16_t *a, int n)
{
    for (int i = 1; i < n; i++) {
        uint16_t v = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

/* A tiny stack machine: a switch the compiler turns into a jump table. */
enum { OP_PUSH, OP_ADD, OP_SUB, OP_MUL, OP_DUP, OP_SWAP, OP_OVER, OP_JNZ, OP_DEC, OP_DROP,
       OP_HALT };

static int64_t run_vm(const int32_t *code)
{
    int64_t stack[16];
    int sp = 0;
    for (int pc = 0;;) {
        int32_t insn = code[pc++];
        switch (insn) {
        case OP_PUSH: stack[sp++] = code[pc++]; break;
        case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case OP_SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case OP_MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case OP_SWAP: { int64_t t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
        case OP_OVER: stack[sp] = stack[sp - 2]; sp++; break;
        case OP_JNZ: { int32_t target = code[pc++]; if (stack[--sp]) pc = target; break; }
        case OP_DEC: stack[sp - 1]--; break;
        case OP_DROP: sp--; break;
        case OP_HALT: return stack[sp - 1];
        default: return -1;
        }
    }
}

/* Fibonacci by recursion: deep call chains through the stack. */
static uint64_t fib(unsigned n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

struct shape {
    const char *name;
    int64_t (*area)(int64_t a, int64_t b);
    int64_t a, b;
};

static int64_t rect(int64_t a, int64_t b) { return a * b; }
static int64_t tri(int64_t a, int64_t b) { return a * b / 2; }
static int64_t square(int64_t a, int64_t b) { (void)b; return a * a; }

static size_t my_strlen(const char *s)
{
    size_t n = 0;
    while (s[n]) {
        n++;
    }
    return n;
}

static char *append(char *p, const char *s)
{
    while (*s) {
        *p++ = *s++;
    }
    *p = 0;
    return p;
}

static char *append_dec(char *p, int64_t v)
{
    char buf[24];
    int i = 0;
    uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
    do {
        buf[i++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) {
        *p++ = '-';
    }
    while (i) {
        *p++ = buf[--i];
    }
    *p = 0;
    return p;
}

int main(void)
{
    /* Sort 1000 pseudo-random words and checksum them. */
    for (int i = 0; i < N; i++) {
        values[i] = (uint32_t)(rng() >> 32);
    }
    uint32_t unsorted_sum = fnv1a(values, sizeof(values), 2166136261u);
    quicksort(values, 0, N - 1);
    for (int i = 1; i < N; i++) {
        CHECK(values[i - 1] <= values[i]);
    }
    uint32_t sorted_sum = fnv1a(values, sizeof(values), 2166136261u);
    guest_puts("quicksort: ");
    guest_put_hex(((uint64_t)unsorted_sum << 32) | sorted_sum);
    guest_putc('\n');
    CHECK_EQ(unsorted_sum, 0x5c009442u);
    CHECK_EQ(sorted_sum, 0x4712a206u);
    CHECK_EQ(values[0], 0x002a74b4u);
    CHECK_EQ(values[N - 1], 0xffc8ff57u);

    /* Halfwords, insertion sort. */
    for (int i = 0; i < N; i++) {
        halves[i] = (uint16_t)(values[i] ^ (values[i] >> 16));
    }
    insertion_sort16(halves, N);
    uint32_t half_sum = fnv1a(halves, sizeof(halves), 2166136261u);
    guest_puts("insertion sort: ");
    guest_put_hex(half_sum);
    guest_putc('\n');
    CHECK_EQ(half_sum, 0x2612dde2u);

    /* 10! with the stack machine: acc = 1, n = 10; loop acc *= n, n-- until 0. */
    static const int32_t factorial[] = {
        OP_PUSH, 1, OP_PUSH, 10,            /* acc n */
        OP_DUP, OP_SWAP, OP_DROP,           /* 4: acc n (exercise DUP/SWAP/DROP) */
        OP_SWAP, OP_OVER, OP_MUL, OP_SWAP,  /* 7: acc*n n */
        OP_DEC, OP_DUP, OP_JNZ, 4,          /* 11: loop while n != 0 */
        OP_DROP, OP_HALT,
    };
    int64_t f10 = run_vm(factorial);
    guest_puts("vm 10! = ");
    guest_put_dec((uint64_t)f10);
    guest_putc('\n');
    CHECK_EQ(f10, 3628800);

    uint64_t f = fib(24);
    guest_puts("fib(24) = ");
    guest_put_dec(f);
    guest_putc('\n');
    CHECK_EQ(f, 46368);

    /* Function pointers through a table of structs; a string built up. */
    static const struct shape shapes[] = {
        { "rect", rect, 7, -6 }, { "tri", tri, 13, 9 }, { "square", square, -12, 0 },
    };
    char *p = text;
    int64_t total = 0;
    for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
        int64_t a = shapes[i].area(shapes[i].a, shapes[i].b);
        total += a;
        p = append(p, shapes[i].name);
        p = append(p, "=");
        p = append_dec(p, a);
        p = append(p, " ");
    }
    p = append(p, "total=");
    append_dec(p, total);
    guest_puts(text);
    guest_putc('\n');
    CHECK_EQ(my_strlen(text), 36);
    CHECK_EQ(total, -42 + 58 + 144);
    CHECK_EQ(fnv1a(text, my_strlen(text), 2166136261u), 0xb71eb54fu);

    /* 64-bit signed/unsigned division and remainder. */
    uint64_t acc = 0;
    int64_t sacc = 0;
    for (int i = 1; i < 200; i++) {
        uint64_t x = rng();
        acc += x / (uint64_t)(i * 7919) + x % (uint64_t)(i + 3);
        sacc += (int64_t)x / (int64_t)(-i * 31) + (int64_t)x % (int64_t)(i + 5);
    }
    guest_puts("division: ");
    guest_put_hex(acc);
    guest_putc(' ');
    guest_put_hex((uint64_t)sacc);
    guest_putc('\n');
    CHECK_EQ(acc, 0x001b6a061365fd9aull);
    CHECK_EQ(sacc, 0x01acf65a69d90c0full);
    return 0;
}
