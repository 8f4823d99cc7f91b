/* Runtime for freestanding guest programs (UART output, PSCI exit,
 * exception hook, expected exceptions, EL0 entry, syndrome fields,
 * self-checking helpers). */
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

/* Called by every exception vector with its index 0..15. The weak
 * default takes an exception armed with guest_expect_exception and
 * reports any other with guest_unexpected_exception. */
void guest_exception(int kind);
/* Prints the exception (vector, ESR, ELR, FAR), then FAIL, and exits. */
void guest_unexpected_exception(int kind) __attribute__((noreturn));

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

/*
 * One exception a test provokes on purpose: guest_expect_exception arms
 * it, the instruction raises it, guest_catch_expected (from
 * guest_exception; the default handler calls it) records it in
 * guest_caught and picks where execution resumes.
 */
enum guest_resume {
    GUEST_RESUME_NEXT,  /* ELR + 4: past the faulting instruction */
    GUEST_RESUME_LR,    /* the saved x30: back to the caller of a bad target */
    GUEST_RESUME_ELR,   /* ELR as taken (SVC: already the next instruction) */
};
struct guest_caught {
    int armed;          /* an exception is expected and not yet taken */
    enum guest_resume resume;
    unsigned count;     /* exceptions caught since the last arming */
    int kind;           /* vector index, -1 before one is caught */
    uint64_t esr, elr, far, spsr;
};
extern volatile struct guest_caught guest_caught;
void guest_expect_exception(enum guest_resume resume);
/* Records the exception and sets ELR_EL1 if one is armed (then disarms);
 * returns 0, touching nothing, if none is. */
int guest_catch_expected(int kind);
/* Prints "what: esr 0x<ESR>" and checks that exactly one exception was
 * caught, with this syndrome. */
void guest_check_caught(const char *what, uint64_t esr);

/*
 * Code at EL0: guest_run_el0 enters 'entry' with ERET (SPSR_EL1 = spsr,
 * SP_EL0 = stack_top, x0 = arg) and returns once the EL0 code makes the
 * GUEST_EL0_EXIT_SVC call, which the test's guest_exception hands to
 * guest_el0_exit (EL1's callee-saved registers wait on the EL1 stack).
 */
#define GUEST_EL0_EXIT_SVC 0xdead
#define GUEST_EL0_EXIT_ASM "svc #0xdead"    /* the same, for EL0 code in asm */
#define GUEST_SPSR_EL0T 0x3c0ull            /* EL0t, DAIF masked */
void guest_run_el0(uint64_t entry, uint64_t stack_top, uint64_t spsr, uint64_t arg);
/* If this is the exit call (an SVC from EL0 with GUEST_EL0_EXIT_SVC),
 * makes ERET return from guest_run_el0 at EL1h, DAIF masked: returns 1. */
int guest_el0_exit(int kind, uint64_t esr);

/* Exception syndromes (ESR_ELx): the class in bits 31:26, IL in bit 25. */
#define ESR_IL (1ull << 25)
#define ESR(ec, iss) (((uint64_t)(ec) << 26) | ESR_IL | (iss))
#define ESR_EC(esr) ((unsigned)((esr) >> 26))
enum {
    EC_UNKNOWN = 0x00,
    EC_FP_ACCESS = 0x07,
    EC_ILLEGAL_STATE = 0x0e,
    EC_SVC64 = 0x15,
    EC_IABT_LOWER = 0x20,
    EC_IABT_SAME = 0x21,
    EC_PC_ALIGN = 0x22,
    EC_DABT_LOWER = 0x24,
    EC_DABT_SAME = 0x25,
    EC_SP_ALIGN = 0x26,
    EC_BRK = 0x3c,
};
/* Abort ISS: write not read, and the fault status codes tests meet. */
#define ESR_WNR (1ull << 6)
#define FSC_TRANSLATION(level) (0x04 + (level))
#define FSC_ACCESS(level) (0x08 + (level))
#define FSC_PERMISSION(level) (0x0c + (level))
#define FSC_EXTERNAL 0x10
#define FSC_ALIGNMENT 0x21

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

/* CPACR_EL1.FPEN: FP/SIMD instructions run at EL1 and EL0 (11), or trap
 * with EC 0x07 (00, the reset value). */
static inline void guest_enable_fp(void)
{
    SYSREG_WRITE(cpacr_el1, 3ull << 20);
    __asm__ volatile("isb" ::: "memory");
}

static inline void guest_disable_fp(void)
{
    SYSREG_WRITE(cpacr_el1, 0);
    __asm__ volatile("isb" ::: "memory");
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
