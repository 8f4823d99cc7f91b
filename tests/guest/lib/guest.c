/* Guest runtime: PL011 output, PSCI power-off, failure reports, the
 * default exception handler, expected exceptions and the mem* functions
 * the compiler may call. */
#include <stddef.h>

#include "guest.h"

#define UART_DR ((volatile uint32_t *)0x09000000)
#define PSCI_SYSTEM_OFF 0x84000008ul

void guest_putc(char c)
{
    *UART_DR = (uint8_t)c;
}

void guest_puts(const char *s)
{
    while (*s) {
        guest_putc(*s++);
    }
}

void guest_put_hex(uint64_t v)
{
    for (int i = 60; i >= 0; i -= 4) {
        guest_putc("0123456789abcdef"[(v >> i) & 15]);
    }
}

void guest_put_dec(uint64_t v)
{
    char buf[21];
    int i = 20;
    buf[i] = 0;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    guest_puts(&buf[i]);
}

void guest_put_named_hex(const char *name, uint64_t v)
{
    guest_puts(name);
    guest_puts(" 0x");
    guest_put_hex(v);
    guest_putc('\n');
}

void guest_exit(int status)
{
    guest_puts(status ? "FAIL\n" : "PASS\n");
    register uint64_t x0 __asm__("x0") = PSCI_SYSTEM_OFF;
    __asm__ volatile("hvc #0" : "+r"(x0)::"memory");
    for (;;) {
    }
}

void guest_check_fail(uint64_t line, uint64_t got, uint64_t expected)
{
    guest_puts("check failed at line ");
    guest_put_dec(line);
    guest_puts(": got 0x");
    guest_put_hex(got);
    guest_puts(" expected 0x");
    guest_put_hex(expected);
    guest_putc('\n');
    guest_exit(1);
}

void guest_unexpected_exception(int kind)
{
    guest_puts("unexpected exception: vector ");
    guest_put_dec((uint64_t)kind);
    guest_puts(" esr ");
    guest_put_hex(read_esr());
    guest_puts(" elr ");
    guest_put_hex(read_elr());
    guest_puts(" far ");
    guest_put_hex(read_far());
    guest_putc('\n');
    guest_exit(1);
}

volatile struct guest_caught guest_caught;

void guest_expect_exception(enum guest_resume resume)
{
    guest_caught.count = 0;
    guest_caught.kind = -1;
    guest_caught.resume = resume;
    guest_caught.armed = 1;
}

int guest_catch_expected(int kind)
{
    if (!guest_caught.armed) {
        return 0;
    }
    guest_caught.armed = 0;
    guest_caught.count++;
    guest_caught.kind = kind;
    guest_caught.esr = read_esr();
    guest_caught.elr = read_elr();
    guest_caught.far = read_far();
    guest_caught.spsr = SYSREG_READ(spsr_el1);
    switch (guest_caught.resume) {
    case GUEST_RESUME_NEXT:
        write_elr(guest_caught.elr + 4);
        break;
    case GUEST_RESUME_LR:
        write_elr(guest_exception_frame->x30);
        break;
    case GUEST_RESUME_ELR:
        break;
    }
    return 1;
}

void guest_check_caught(const char *what, uint64_t esr)
{
    guest_puts(what);
    guest_puts(": esr 0x");
    guest_put_hex(guest_caught.esr);
    guest_putc('\n');
    CHECK_EQ(guest_caught.count, 1);
    CHECK_EQ(guest_caught.esr, esr);
}

__attribute__((weak)) void guest_exception(int kind)
{
    if (!guest_catch_expected(kind)) {
        guest_unexpected_exception(kind);
    }
}

/* gcc may emit calls to these even when freestanding. Weak, so a program
 * with its own wins; built without loop-to-call rewriting, which would
 * turn each loop into a call to itself. */
#define GUEST_MEMFN __attribute__((weak, optimize("no-tree-loop-distribute-patterns")))

GUEST_MEMFN void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    while (n--) {
        *d++ = (unsigned char)c;
    }
    return dst;
}

GUEST_MEMFN void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--) {
        *d++ = *s++;
    }
    return dst;
}

GUEST_MEMFN void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d < s) {
        while (n--) {
            *d++ = *s++;
        }
    } else {
        while (n--) {
            d[n] = s[n];
        }
    }
    return dst;
}

GUEST_MEMFN int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;
    for (; n; n--, p++, q++) {
        if (*p != *q) {
            return *p - *q;
        }
    }
    return 0;
}
