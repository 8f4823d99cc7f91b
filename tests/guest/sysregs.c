/*
 * System registers at EL1: identification and cache-type registers (the
 * ones phalanx advertises differently from QEMU on purpose, the AArch64
 * feature registers, go on "# " lines outside the transcript comparison),
 * read/write round trips of the thread, exception and control registers,
 * DAIF set/clear, SPSel, CurrentEL, the generic counter and virtual timer,
 * DC ZVA, cache/TLB maintenance and hints that must simply not fault, the
 * translation and debug control registers, and the cache geometry.
 */
#include "guest.h"

static void show(const char *name, uint64_t v)
{
    guest_put_named_hex(name, v);
}

static void test_identification(void)
{
    uint64_t midr = SYSREG_READ(midr_el1);
    uint64_t mpidr = SYSREG_READ(mpidr_el1);
    uint64_t ctr = SYSREG_READ(ctr_el0);
    uint64_t dczid = SYSREG_READ(dczid_el0);
    uint64_t cntfrq = SYSREG_READ(cntfrq_el0);
    show("midr_el1", midr);
    show("mpidr_el1", mpidr);
    show("revidr_el1", SYSREG_READ(revidr_el1));
    show("ctr_el0", ctr);
    show("dczid_el0", dczid);
    show("cntfrq_el0", cntfrq);
    show("clidr_el1", SYSREG_READ(clidr_el1));
    show("sctlr_el1", SYSREG_READ(sctlr_el1));
    CHECK_EQ(midr, 0x411fd070);         /* ARM Cortex-A57 r1p0 */
    CHECK_EQ(mpidr, 0x80000000);        /* uniprocessor format bit 31, CPU 0 */
    CHECK_EQ(ctr, 0x8444c004);          /* 64-byte lines, PIPT I-cache */
    CHECK_EQ(dczid, 4);                 /* DC ZVA allowed, 64-byte blocks */
    CHECK_EQ(cntfrq, 62500000);

    uint64_t pfr0 = SYSREG_READ(id_aa64pfr0_el1);
    uint64_t isar0 = SYSREG_READ(id_aa64isar0_el1);
    show("# id_aa64pfr0_el1", pfr0);
    show("# id_aa64pfr1_el1", SYSREG_READ(id_aa64pfr1_el1));
    show("# id_aa64isar0_el1", isar0);
    show("# id_aa64isar1_el1", SYSREG_READ(id_aa64isar1_el1));
    show("# id_aa64mmfr0_el1", SYSREG_READ(id_aa64mmfr0_el1));
    show("# id_aa64mmfr1_el1", SYSREG_READ(id_aa64mmfr1_el1));
    show("# id_aa64dfr0_el1", SYSREG_READ(id_aa64dfr0_el1));
    CHECK_EQ((isar0 >> 16) & 0xf, 1);   /* CRC32 instructions */
    CHECK((pfr0 & 0xf) >= 1);           /* EL0 AArch64 */
    CHECK(((pfr0 >> 4) & 0xf) >= 1);    /* EL1 AArch64 */
    CHECK_EQ((pfr0 >> 8) & 0xff, 0);    /* no EL2, no EL3 */
}

static void test_round_trips(void)
{
    static const struct { uint64_t value; } pats[] = {
        { 0x0123456789abcdefull }, { 0xfedcba9876543210ull }, { 0 },
    };
    for (unsigned i = 0; i < 3; i++) {
        uint64_t v = pats[i].value;
        SYSREG_WRITE(tpidr_el0, v);
        SYSREG_WRITE(tpidrro_el0, ~v);
        SYSREG_WRITE(tpidr_el1, v ^ 0x5555);
        SYSREG_WRITE(elr_el1, v);
        SYSREG_WRITE(far_el1, ~v);
        SYSREG_WRITE(sp_el0, v & ~0xfull);
        CHECK_EQ(SYSREG_READ(tpidr_el0), v);
        CHECK_EQ(SYSREG_READ(tpidrro_el0), ~v);
        CHECK_EQ(SYSREG_READ(tpidr_el1), v ^ 0x5555);
        CHECK_EQ(SYSREG_READ(elr_el1), v);
        CHECK_EQ(SYSREG_READ(far_el1), ~v);
        CHECK_EQ(SYSREG_READ(sp_el0), v & ~0xfull);
    }
    SYSREG_WRITE(spsr_el1, 0xf00003c5);
    CHECK_EQ(SYSREG_READ(spsr_el1), 0xf00003c5);
    SYSREG_WRITE(esr_el1, 0x56001234);
    CHECK_EQ(SYSREG_READ(esr_el1), 0x56001234);
    SYSREG_WRITE(contextidr_el1, 0x12345678);
    CHECK_EQ(SYSREG_READ(contextidr_el1), 0x12345678);
    SYSREG_WRITE(cntkctl_el1, 0x3);
    CHECK_EQ(SYSREG_READ(cntkctl_el1) & 0x3, 0x3);
    SYSREG_WRITE(cntkctl_el1, 0);
    SYSREG_WRITE(cpacr_el1, 0x300000);  /* FP/SIMD enabled at EL0 and EL1 */
    CHECK_EQ(SYSREG_READ(cpacr_el1), 0x300000);
    SYSREG_WRITE(cpacr_el1, 0);
    CHECK_EQ(SYSREG_READ(cpacr_el1), 0);
    uint64_t sctlr = SYSREG_READ(sctlr_el1);
    SYSREG_WRITE(sctlr_el1, sctlr);
    __asm__ volatile("isb");
    CHECK_EQ(SYSREG_READ(sctlr_el1), sctlr);

    /* VBAR_EL1: low bits are RES0; show which ones stick, then restore. */
    uint64_t vbar = SYSREG_READ(vbar_el1);
    SYSREG_WRITE(vbar_el1, vbar | 0x7ff);
    show("vbar_el1 after writing low bits", SYSREG_READ(vbar_el1) - vbar);
    SYSREG_WRITE(vbar_el1, vbar);
    __asm__ volatile("isb");
    CHECK_EQ(SYSREG_READ(vbar_el1), vbar);
    guest_puts("round trips ok\n");
}

static void test_pstate(void)
{
    CHECK_EQ(SYSREG_READ(currentel), 0x4);   /* EL1 */
    CHECK_EQ(SYSREG_READ(daif), 0x3c0);      /* masked from reset */
    __asm__ volatile("msr daifclr, #0xf" ::: "memory");
    CHECK_EQ(SYSREG_READ(daif), 0);
    __asm__ volatile("msr daifset, #0x2" ::: "memory");
    CHECK_EQ(SYSREG_READ(daif), 0x80);       /* I */
    __asm__ volatile("msr daifset, #0x9" ::: "memory");
    CHECK_EQ(SYSREG_READ(daif), 0x80 | 0x200 | 0x40);   /* + D, F */
    __asm__ volatile("msr daifclr, #0x8" ::: "memory");
    CHECK_EQ(SYSREG_READ(daif), 0xc0);
    SYSREG_WRITE(daif, 0x140);                /* A and F */
    CHECK_EQ(SYSREG_READ(daif), 0x140);
    SYSREG_WRITE(daif, 0xffffffff);           /* only bits 9..6 stick */
    CHECK_EQ(SYSREG_READ(daif), 0x3c0);

    uint64_t spsel0, spsel1, sp_el0_seen, sp_el1;
    SYSREG_WRITE(sp_el0, 0x1230);
    __asm__ volatile("mrs %0, spsel\n\t"
                     "mov %3, sp\n\t"
                     "msr spsel, #0\n\t"
                     "mrs %1, spsel\n\t"
                     "mov %2, sp\n\t"
                     "msr spsel, #1"
                     : "=&r"(spsel1), "=&r"(spsel0), "=&r"(sp_el0_seen), "=&r"(sp_el1)
                     :: "memory");
    CHECK_EQ(spsel1, 1);
    CHECK_EQ(spsel0, 0);
    CHECK_EQ(sp_el0_seen, 0x1230);
    uint64_t sp_now;
    __asm__ volatile("mov %0, sp" : "=r"(sp_now));
    CHECK_EQ(sp_now, sp_el1);
    SYSREG_WRITE(spsel, 1);
    CHECK_EQ(SYSREG_READ(spsel), 1);
    guest_puts("daif/spsel/currentel ok\n");
}

static void test_timer(void)
{
    uint64_t t0 = SYSREG_READ(cntvct_el0);
    uint64_t p0 = SYSREG_READ(cntpct_el0);
    uint64_t prev = t0;
    for (int i = 0; i < 2000; i++) {
        uint64_t t = SYSREG_READ(cntvct_el0);
        CHECK(t >= prev);
        prev = t;
    }
    uint64_t t1 = SYSREG_READ(cntvct_el0);
    uint64_t p1 = SYSREG_READ(cntpct_el0);
    CHECK(t1 > t0);
    CHECK(p1 > p0);

    /* Virtual timer: compare value 0 is in the past, so ISTATUS is set
     * (masked: no interrupt) and TVAL (CVAL - count) is negative. */
    SYSREG_WRITE(cntv_cval_el0, 0);
    SYSREG_WRITE(cntv_ctl_el0, 3);      /* ENABLE | IMASK */
    __asm__ volatile("isb");
    CHECK_EQ(SYSREG_READ(cntv_ctl_el0), 7);
    CHECK((int32_t)SYSREG_READ(cntv_tval_el0) < 0);
    CHECK_EQ(SYSREG_READ(cntv_cval_el0), 0);
    /* Far in the future: not pending. */
    SYSREG_WRITE(cntv_cval_el0, ~0ull);
    __asm__ volatile("isb");
    CHECK_EQ(SYSREG_READ(cntv_ctl_el0), 3);
    /* TVAL sets CVAL = count + TVAL (about 34 s ahead: QEMU's counter is
     * real time, so leave room for a slow host). */
    SYSREG_WRITE(cntv_tval_el0, 0x7fffffff);
    uint64_t cval = SYSREG_READ(cntv_cval_el0);
    uint64_t now = SYSREG_READ(cntvct_el0);
    CHECK(cval > now && cval <= now + 0x7fffffff);
    SYSREG_WRITE(cntv_ctl_el0, 0);
    guest_puts("counter and virtual timer ok\n");
}

static uint8_t zva_buf[256] __attribute__((aligned(64)));

static void test_dc_zva(void)
{
    for (unsigned i = 0; i < sizeof(zva_buf); i++) {
        zva_buf[i] = 0xa5;
    }
    /* Any address inside the block zeroes the whole aligned 64 bytes. */
    __asm__ volatile("dc zva, %0" :: "r"(&zva_buf[64 + 37]) : "memory");
    for (unsigned i = 0; i < sizeof(zva_buf); i++) {
        CHECK_EQ(zva_buf[i], i >= 64 && i < 128 ? 0 : 0xa5);
    }
    guest_puts("dc zva ok\n");
}

/* Maintenance operations and hints: no effect to observe, must not fault. */
static void test_maintenance(void)
{
    uint64_t a = (uint64_t)&zva_buf[0];
    __asm__ volatile("dc cvac, %0\n\t"
                     "dc civac, %0\n\t"
                     "dc cvau, %0\n\t"
                     "dc ivac, %0\n\t"
                     "ic ivau, %0\n\t"
                     "ic iallu\n\t"
                     "ic ialluis\n\t"
                     "dsb sy\n\t"
                     "dsb ish\n\t"
                     "dmb ishld\n\t"
                     "dmb oshst\n\t"
                     "isb\n\t"
                     "tlbi vmalle1\n\t"
                     "tlbi vmalle1is\n\t"
                     "tlbi vae1, %1\n\t"
                     "tlbi aside1, xzr\n\t"
                     "dsb ish\n\t"
                     "isb\n\t"
                     "nop\n\t"
                     "yield\n\t"
                     "sev\n\t"
                     "sevl\n\t"
                     "wfe\n\t"      /* the event register is set: no wait */
                     "hint #0x7f\n\t"
                     "prfm pldl1keep, [%0]"
                     :: "r"(a), "r"(a >> 12) : "memory");
    guest_puts("maintenance and hints ok\n");
}

/* Translation and debug control registers hold what is written (the MMU
 * stays off: SCTLR_EL1.M is never set here). Values as Linux sets them. */
static void test_mmu_debug_regs(void)
{
    static const struct { uint64_t mair, tcr, ttbr0, ttbr1; } v = {
        .mair = 0x000000ff440c0400ull,  /* device nGnRnE/nGnRE/GRE, normal NC, normal WB */
        .tcr = 0x00000002b5103510ull,   /* 48-bit VA both halves, 4K granules, IPS 40 bits */
        .ttbr0 = 0x0000000040100000ull,
        .ttbr1 = 0x0001000040200000ull, /* ASID 1 */
    };
    SYSREG_WRITE(mair_el1, v.mair);
    SYSREG_WRITE(tcr_el1, v.tcr);
    SYSREG_WRITE(ttbr0_el1, v.ttbr0);
    SYSREG_WRITE(ttbr1_el1, v.ttbr1);
    SYSREG_WRITE(amair_el1, 0);
    __asm__ volatile("isb");
    CHECK_EQ(SYSREG_READ(mair_el1), v.mair);
    CHECK_EQ(SYSREG_READ(tcr_el1), v.tcr);
    CHECK_EQ(SYSREG_READ(ttbr0_el1), v.ttbr0);
    CHECK_EQ(SYSREG_READ(ttbr1_el1), v.ttbr1);
    CHECK_EQ(SYSREG_READ(amair_el1), 0);
    SYSREG_WRITE(par_el1, 0x40123000ull);
    CHECK_EQ(SYSREG_READ(par_el1), 0x40123000ull);
    SYSREG_WRITE(mdscr_el1, 0x1000);    /* TDCC: no DCC access from EL0 */
    CHECK_EQ(SYSREG_READ(mdscr_el1), 0x1000);
    SYSREG_WRITE(mdscr_el1, 0);
    SYSREG_WRITE(ttbr0_el1, 0);
    SYSREG_WRITE(ttbr1_el1, 0);
    SYSREG_WRITE(tcr_el1, 0);
    SYSREG_WRITE(mair_el1, 0);
    guest_puts("mmu and debug control registers ok\n");
}

/* Cache geometry through CSSELR_EL1 / CCSIDR_EL1 (Linux reads it). */
static void test_cache_geometry(void)
{
    static const char *const names[] = { "ccsidr_el1 l1d", "ccsidr_el1 l1i", "ccsidr_el1 l2" };
    static const uint64_t selectors[] = { 0, 1, 2 };
    for (unsigned i = 0; i < 3; i++) {
        SYSREG_WRITE(csselr_el1, selectors[i]);
        __asm__ volatile("isb");
        CHECK_EQ(SYSREG_READ(csselr_el1), selectors[i]);
        show(names[i], SYSREG_READ(ccsidr_el1));
    }
    SYSREG_WRITE(csselr_el1, 0);
}

int main(void)
{
    test_identification();
    test_round_trips();
    test_pstate();
    test_dc_zva();
    test_maintenance();
    test_timer();
    test_mmu_debug_regs();
    test_cache_geometry();
    return 0;
}
