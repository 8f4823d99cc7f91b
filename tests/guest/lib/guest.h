/* Runtime for freestanding guest programs (UART output, PSCI exit). */
#ifndef PHALANX_GUEST_H
#define PHALANX_GUEST_H

#include <stdint.h>

void guest_putc(char c);
void guest_puts(const char *s);
void guest_put_hex(uint64_t v);   /* 16 hex digits */
void guest_put_dec(uint64_t v);
/* Powers the machine off (PSCI SYSTEM_OFF); prints PASS or FAIL first. */
void guest_exit(int status) __attribute__((noreturn));

/* Called by every exception vector with its index 0..15 (weak default:
 * prints the exception, ESR, ELR and FAR, then FAIL and exits). */
void guest_exception(int kind);

static inline uint64_t read_esr(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, esr_el1" : "=r"(v));
    return v;
}

static inline uint64_t read_elr(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, elr_el1" : "=r"(v));
    return v;
}

static inline void write_elr(uint64_t v)
{
    __asm__ volatile("msr elr_el1, %0" ::"r"(v));
}

static inline uint64_t read_far(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, far_el1" : "=r"(v));
    return v;
}

#define CHECK(cond)                                      \
    do {                                                 \
        if (!(cond)) {                                   \
            guest_puts("check failed: " #cond " line "); \
            guest_put_dec(__LINE__);                     \
            guest_putc('\n');                            \
            guest_exit(1);                               \
        }                                                \
    } while (0)

#endif
