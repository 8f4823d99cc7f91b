/* Runtime for freestanding guest programs (UART output, PSCI exit,
 * exception hook, self-checking helpers). */
#ifndef PHALANX_GUEST_H
#define PHALANX_GUEST_H

#include <stdint.h>

void guest_putc(char c);
void guest_puts(const char *s);
void guest_put_hex(uint64_t v);   /* 16 hex digits */
void guest_put_dec(uint64_t v);
/* "name 0x<16 hex digits>\n" */
void guest_put_named_hex(const char *name, uint64_t v);
/* Powers the machine off (PSCI SYSTEM_OFF); prints PASS or FAIL first. */
void guest_exit(int status) __attribute__((noreturn));
/* Reports a failed check at a source line, then FAIL; assembly tests
 * call it with x0 = line, x1 = value got, x2 = value expected. */
void guest_check_fail(uint64_t line, uint64_t got, uint64_t expected)
    __attribute__((noreturn));

/* Called by every exception vector with its index 0..15 (weak default:
 * prints the exception, ESR, ELR and FAR, then FAIL and exits). */
void guest_exception(int kind);

/* Vector indices: base + type (0 sync, 1 IRQ, 2 FIQ, 3 SError). */
enum {
    VEC_CUR_SP0 = 0,    /* current EL, SP_EL0 selected (EL1t) */
    VEC_CUR_SPX = 4,    /* current EL, SP_EL1 selected (EL1h) */
    VEC_LOWER_A64 = 8,
    VEC_LOWER_A32 = 12,
};

/* Registers the vector saved; a handler may change them (they are
 * reloaded before ERET). Valid only inside guest_exception. */
struct guest_frame {
    uint64_t x[19];     /* x0..x18 */
    uint64_t x29;
    uint64_t x30;
};
extern struct guest_frame *guest_exception_frame;

#define SYSREG_READ(name)                                  \
    ({                                                     \
        uint64_t v_;                                       \
        __asm__ volatile("mrs %0, " #name : "=r"(v_));     \
        v_;                                                \
    })
#define SYSREG_WRITE(name, v) \
    __asm__ volatile("msr " #name ", %0" ::"r"((uint64_t)(v)) : "memory")

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

/* Compares two 64-bit values; on mismatch prints both and fails. */
#define CHECK_EQ(got, expected)                                         \
    do {                                                                \
        uint64_t got_ = (uint64_t)(got), exp_ = (uint64_t)(expected);   \
        if (got_ != exp_) {                                             \
            guest_puts("check failed: " #got " == " #expected "\n");    \
            guest_check_fail(__LINE__, got_, exp_);                     \
        }                                                               \
    } while (0)

#endif
