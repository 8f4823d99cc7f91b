/*
 * PAN (ARMv8.1 Privileged Access Never), run against QEMU's -cpu max:
 * ID_AA64MMFR1_EL1.PAN; MSR PAN (immediate and register) and MRS PAN, both
 * UNDEFINED at EL0; under stage 1 translation (4 KiB granule, 39-bit VAs)
 * an EL1 load or store to a page EL0 may access takes a permission fault
 * (ESR, FAR) with PAN = 1 and not with PAN = 0, while LDTR/STTR and AT
 * S1E1R are unaffected; PSTATE.PAN on exception entry from EL1 and EL0 (set
 * when SCTLR_EL1.SPAN = 0, kept when 1), saved in SPSR_EL1 and restored by
 * ERET, and kept by an illegal exception return (as QEMU does).
 */
#include "mmu.h"

#define SCTLR_SPAN (1ull << 23)
#define PSR_PAN    (1ull << 22)
#define PSR_IL     (1ull << 20)

#define WINDOW   0x7fe00000ull      /* the last 2 MiB of RAM's gigabyte, by pages */
#define U_CODE   (WINDOW + 0x0000)  /* EL0 code */
#define U_DATA   (WINDOW + 0x1000)  /* EL0 read/write */
#define U_RO     (WINDOW + 0x2000)  /* EL0 read-only */
#define U_BLOCK  0x7fc00000ull      /* 2 MiB block: RAM's first 2 MiB, EL0 read/write */
#define U_BLOCK_VA(p) (U_BLOCK + ((uint64_t)(p) & 0x1fffff))

/* The compiler must not assume that an alias left these untouched. */
#define PEEK(x) (*(volatile uint64_t *)&(x))

static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l2[512] __attribute__((aligned(4096)));
static uint64_t l3[512] __attribute__((aligned(4096)));
static uint64_t data_page[512] __attribute__((aligned(4096)));
static uint64_t ro_page[512] __attribute__((aligned(4096)));
static uint64_t block_mem[8] __attribute__((aligned(64)));
static uint64_t el0_stack[64] __attribute__((aligned(16)));

/* PAN instructions by encoding: the guest is built for ARMv8.0. */
#define MSR_PAN_1() __asm__ volatile(".inst 0xd500419f" ::: "memory") /* msr pan, #1 */
#define MSR_PAN_0() __asm__ volatile(".inst 0xd500409f" ::: "memory") /* msr pan, #0 */
#define READ_PAN()  SYSREG_READ(S3_0_C4_C2_3)
#define WRITE_PAN(v) SYSREG_WRITE(S3_0_C4_C2_3, v)

/* What the handler saw: PAN inside it and SPSR_EL1 (PAN, IL, M bits). */
static volatile struct {
    uint64_t pan_in;        /* PSTATE.PAN on entry to the handler */
    uint64_t spsr;          /* SPSR_EL1 & (PAN | IL | M) */
    int flip_pan;           /* the handler toggles SPSR_EL1.PAN before returning */
    unsigned el0_undef;     /* UNDEFINED exceptions from EL0 */
} ex;

extern char user_code[], user_code_end[];

/* The EL0 program, alone in its page: one system call, MSR PAN and MRS PAN
 * (UNDEFINED at EL0), then done. */
__asm__(".section .text.user, \"ax\"\n"
        ".balign 4096\n"
        ".global user_code, user_code_end\n"
        "user_code:\n"
        "    svc #1\n"
        "    .inst 0xd500419f\n"               /* msr pan, #1 */
        "    mrs x0, S3_0_C4_C2_3\n"           /* mrs x0, pan */
        "    " GUEST_EL0_EXIT_ASM "\n"
        "user_code_end:\n"
        ".text\n");

static void record_entry(void)
{
    ex.pan_in = READ_PAN();
    uint64_t spsr = SYSREG_READ(spsr_el1);
    ex.spsr = spsr & (PSR_PAN | PSR_IL | 0x1f);
    if (ex.flip_pan) {
        SYSREG_WRITE(spsr_el1, spsr ^ PSR_PAN);
    }
}

void guest_exception(int kind)
{
    uint64_t esr = read_esr();
    unsigned ec = ESR_EC(esr);
    if (guest_el0_exit(kind, esr)) {
        return;
    }
    if (kind == VEC_LOWER_A64 && ec == EC_SVC64) {
        record_entry();
        return;
    }
    if (kind == VEC_LOWER_A64 && ec == EC_UNKNOWN) {
        ex.el0_undef++;
        write_elr(read_elr() + 4);
        return;
    }
    if (kind == VEC_CUR_SPX && ec == EC_SVC64) {
        record_entry();
        return;
    }
    if (kind == VEC_CUR_SPX && ec == EC_ILLEGAL_STATE) {
        record_entry();
        /* Retry the instruction with PSTATE.IL clear. */
        SYSREG_WRITE(spsr_el1, SYSREG_READ(spsr_el1) & ~PSR_IL);
        return;
    }
    if (kind == VEC_CUR_SPX && ec == EC_DABT_SAME && guest_catch_expected(kind)) {
        return;
    }
    guest_unexpected_exception(kind);
}

static void build_tables(void)
{
    mmu_map_devices_and_ram(l1, l2, NORMAL | D_UXN, 510);    /* kernel RAM: EL1 only */
    l2[510] = 0x40000000ull | NORMAL | D_AP_EL0 | D_PXN | D_UXN | D_BLOCK;
    l2[511] = (uint64_t)l3 | D_TABLE;
    l3[0] = (uint64_t)user_code | NORMAL | D_AP_EL0 | D_AP_RO | D_PXN | D_TABLE;
    l3[1] = (uint64_t)data_page | NORMAL | D_AP_EL0 | D_PXN | D_UXN | D_TABLE;
    l3[2] = (uint64_t)ro_page | NORMAL | D_AP_EL0 | D_AP_RO | D_PXN | D_UXN | D_TABLE;
}

/* A load (store when 'write') at EL1 that must fault: the abort's ESR and FAR. */
static void expect_abort(uint64_t va, int write, uint64_t esr)
{
    guest_expect_exception(GUEST_RESUME_NEXT);
    uint64_t v = 0xbad;
    if (write) {
        va_store(va, v);
    } else {
        v = va_load(va);
    }
    CHECK_EQ(guest_caught.count, 1);
    CHECK_EQ(v, 0xbad);
    guest_puts(write ? "store" : "load");
    guest_puts(" fault: esr 0x");
    guest_put_hex(guest_caught.esr);
    guest_puts(" far 0x");
    guest_put_hex(guest_caught.far);
    guest_putc('\n');
    CHECK_EQ(guest_caught.esr, esr);
    CHECK_EQ(guest_caught.far, va);
}

static void set_span(int span)
{
    uint64_t sctlr = SYSREG_READ(sctlr_el1);
    sctlr = span ? sctlr | SCTLR_SPAN : sctlr & ~SCTLR_SPAN;
    SYSREG_WRITE(sctlr_el1, sctlr);
    __asm__ volatile("isb" ::: "memory");
}

static void show_entry(const char *what)
{
    guest_puts(what);
    guest_puts(": pan in handler 0x");
    guest_put_hex(ex.pan_in);
    guest_puts(" spsr 0x");
    guest_put_hex(ex.spsr);
    guest_puts(" pan after 0x");
    guest_put_hex(READ_PAN());
    guest_putc('\n');
}

/* SVC at EL1 with PSTATE.PAN = pan and SCTLR_EL1.SPAN = span. */
static void svc_el1(int span, int pan, int flip)
{
    set_span(span);
    WRITE_PAN(pan ? PSR_PAN : 0);
    ex.flip_pan = flip;
    __asm__ volatile("svc #2" ::: "memory");
    ex.flip_pan = 0;
}

static void test_id_and_msr(void)
{
    uint64_t mmfr1 = SYSREG_READ(id_aa64mmfr1_el1);
    guest_put_named_hex("# id_aa64mmfr1_el1", mmfr1);
    CHECK(((mmfr1 >> 20) & 0xf) >= 1);
    guest_puts("pan advertised\n");
    guest_put_named_hex("pan at reset", READ_PAN());

    MSR_PAN_1();
    CHECK_EQ(READ_PAN(), PSR_PAN);
    MSR_PAN_0();
    CHECK_EQ(READ_PAN(), 0);
    WRITE_PAN(~0ull);
    guest_put_named_hex("pan after msr ~0", READ_PAN());
    WRITE_PAN(~PSR_PAN);
    guest_put_named_hex("pan after msr ~bit22", READ_PAN());
    WRITE_PAN(PSR_PAN);
    CHECK_EQ(READ_PAN(), PSR_PAN);
    WRITE_PAN(0);
    CHECK_EQ(READ_PAN(), 0);
    guest_puts("msr/mrs pan ok\n");
}

static void test_accesses(void)
{
    /* PAN = 0: EL1 reaches EL0's pages. */
    MSR_PAN_0();
    volatile uint64_t *d = (volatile uint64_t *)U_DATA;
    CHECK_EQ(d[0], 0x1234);
    d[1] = 0x5678;
    CHECK_EQ(PEEK(data_page[1]), 0x5678);
    CHECK_EQ(*(volatile uint64_t *)U_RO, 0x77);
    CHECK_EQ(*(volatile uint64_t *)U_BLOCK_VA(block_mem), 0x99);
    guest_puts("pan=0: el0 pages accessible\n");

    /* PAN = 1: permission faults, at the level of the leaf. */
    MSR_PAN_1();
    expect_abort(U_DATA, 0, ESR_DABT(FSC_PERMISSION(3)));
    expect_abort(U_DATA + 8, 1, ESR_DABT(ESR_WNR | FSC_PERMISSION(3)));
    expect_abort(U_RO, 0, ESR_DABT(FSC_PERMISSION(3)));
    expect_abort(U_BLOCK_VA(block_mem), 0, ESR_DABT(FSC_PERMISSION(2)));
    CHECK_EQ(PEEK(data_page[1]), 0x5678);
    /* EL1's own memory is untouched by PAN. */
    CHECK_EQ(PEEK(ro_page[0]), 0x77);

    /* LDTR / STTR check EL0's permissions, which PAN leaves alone. */
    uint64_t v = 0;
    __asm__ volatile("ldtr %0, [%1]" : "=r"(v) : "r"(U_DATA) : "memory");
    CHECK_EQ(v, 0x1234);
    __asm__ volatile("sttr %0, [%1, #16]" :: "r"(0xabcdull), "r"(U_DATA) : "memory");
    CHECK_EQ(PEEK(data_page[2]), 0xabcd);
    __asm__ volatile("ldtrb %w0, [%1]" : "=r"(v) : "r"(U_RO) : "memory");
    CHECK_EQ(v, 0x77);
    CHECK_EQ(READ_PAN(), PSR_PAN);
    guest_puts("ldtr/sttr unaffected\n");

    /* AT S1E1R: ARMv8.1's address translation ignores PAN. */
    __asm__ volatile("at s1e1r, %0\n\tisb" :: "r"(U_DATA) : "memory");
    uint64_t par = SYSREG_READ(par_el1);
    CHECK_EQ(par & 1, 0);
    CHECK_EQ(par & 0xfffffffff000ull, (uint64_t)data_page);
    guest_puts("at s1e1r unaffected\n");

    /* And back: the mapping filled under PAN = 1 does not linger. */
    MSR_PAN_0();
    CHECK_EQ(d[0], 0x1234);
    d[3] = 0x4321;
    CHECK_EQ(PEEK(data_page[3]), 0x4321);
    MSR_PAN_1();
    expect_abort(U_DATA + 24, 0, ESR_DABT(FSC_PERMISSION(3)));
    MSR_PAN_0();
    guest_puts("pan toggles ok\n");
}

static void test_exception_entry(void)
{
    svc_el1(0, 0, 0);
    show_entry("svc el1 span=0 pan=0");
    svc_el1(0, 1, 0);
    show_entry("svc el1 span=0 pan=1");
    svc_el1(1, 0, 0);
    show_entry("svc el1 span=1 pan=0");
    svc_el1(1, 1, 0);
    show_entry("svc el1 span=1 pan=1");
    /* ERET restores PAN from SPSR_EL1, whatever it was in the handler. */
    svc_el1(0, 0, 1);
    show_entry("svc el1 span=0 pan=0 flipped");
    CHECK_EQ(READ_PAN(), PSR_PAN);
    svc_el1(1, 1, 1);
    show_entry("svc el1 span=1 pan=1 flipped");
    CHECK_EQ(READ_PAN(), 0);

    /* From EL0, with EL0's PSTATE.PAN as the ERET into EL0 left it. */
    static const struct { int span; uint64_t spsr; } el0_cases[] = {
        { 0, 0x0 }, { 0, PSR_PAN }, { 1, 0x0 }, { 1, PSR_PAN },
    };
    for (unsigned i = 0; i < sizeof(el0_cases) / sizeof(el0_cases[0]); i++) {
        set_span(el0_cases[i].span);
        guest_run_el0(U_CODE, (uint64_t)(el0_stack + 64), el0_cases[i].spsr, 0);
        guest_puts("svc el0 span=");
        guest_put_dec((uint64_t)el0_cases[i].span);
        guest_puts(el0_cases[i].spsr ? " pan=1" : " pan=0");
        show_entry("");
    }
    set_span(1);
    CHECK_EQ(ex.el0_undef, 8);
    guest_puts("msr/mrs pan undefined at el0\n");
    guest_puts("exception entry ok\n");
}

/* Illegal exception return (M[1] set) with SPSR_EL1.PAN = spsr_pan. */
static void illegal_return(uint64_t spsr_pan)
{
    __asm__ volatile("adr x9, 1f\n\t"
                     "msr elr_el1, x9\n\t"
                     "msr spsr_el1, %0\n\t"
                     "eret\n"
                     "1:\tnop"
                     :: "r"(0x3c2ull | spsr_pan) : "x9", "memory");
}

static void test_illegal_return(void)
{
    set_span(1);
    WRITE_PAN(0);
    illegal_return(PSR_PAN);
    show_entry("illegal return pan 0 -> spsr 1");
    WRITE_PAN(PSR_PAN);
    illegal_return(0);
    show_entry("illegal return pan 1 -> spsr 0");
    WRITE_PAN(0);
}

int main(void)
{
    CHECK(user_code_end - user_code < 4096);
    CHECK(((uint64_t)user_code & 0xfff) == 0);
    CHECK((uint64_t)block_mem < 0x40200000ull);
    build_tables();
    data_page[0] = 0x1234;
    ro_page[0] = 0x77;
    block_mem[0] = 0x99;
    __asm__ volatile("dsb ish" ::: "memory");

    test_id_and_msr();

    set_span(1);
    mmu_on(TCR_TTBR0_4K_39, (uint64_t)l1, 0, SCTLR_M);
    guest_puts("mmu on\n");

    test_accesses();
    test_exception_entry();
    test_illegal_return();

    WRITE_PAN(0);
    mmu_off(SCTLR_M);
    return 0;
}
