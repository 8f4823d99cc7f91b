/* Guest runtime: PL011 output and PSCI power-off. */
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

void guest_exit(int status)
{
    guest_puts(status ? "FAIL\n" : "PASS\n");
    register uint64_t x0 __asm__("x0") = PSCI_SYSTEM_OFF;
    __asm__ volatile("hvc #0" : "+r"(x0)::"memory");
    for (;;) {
    }
}

__attribute__((weak)) void guest_exception(int kind)
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
