/*
 * Unit tests of the system register table (arm/sysregs.h) and of the system
 * instructions around it: lookup by encoding, unknown encodings rejected,
 * the EL0 access rules (static and run-time), the write masks QEMU applies,
 * trap syndromes, and a few programs run on an in-process machine (counter,
 * SP banking, DC ZVA, IC IVAU after a write the TLB did not see, branches to
 * registers).
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "arm/decode.h"
#include "arm/exception.h"
#include "arm/sysregs.h"
#include "arm/translate.h"
#include "devices/bus.h"
#include "tcg/vcpu.h"
#include "test_machine.h"

#define USER     (RAM_BASE + 0x3000)
#define DATA     (RAM_BASE + 0x20000)

#define K(op0, op1, crn, crm, op2) SYSREG_KEY(op0, op1, crn, crm, op2)

static const unsigned key_ctr     = K(3, 3, 0, 0, 1);
static const unsigned key_dczid   = K(3, 3, 0, 0, 7);
static const unsigned key_nzcv    = K(3, 3, 4, 2, 0);
static const unsigned key_daif    = K(3, 3, 4, 2, 1);
static const unsigned key_fpcr    = K(3, 3, 4, 4, 0);
static const unsigned key_fpsr    = K(3, 3, 4, 4, 1);
static const unsigned key_sctlr   = K(3, 0, 1, 0, 0);
static const unsigned key_vbar    = K(3, 0, 12, 0, 0);
static const unsigned key_tpidr0  = K(3, 3, 13, 0, 2);
static const unsigned key_cntfrq  = K(3, 3, 14, 0, 0);
static const unsigned key_cntvct  = K(3, 3, 14, 0, 2);
static const unsigned key_cntpct  = K(3, 3, 14, 0, 1);
static const unsigned key_cur_el  = K(3, 0, 4, 2, 2);
static const unsigned key_sp_el0  = K(3, 0, 4, 1, 0);
static const unsigned key_pan     = K(3, 0, 4, 2, 3);

/* --- encoders ------------------------------------------------------------ */

static uint32_t mrs(unsigned key, unsigned rt) { return 0xd5200000u | key << 5 | rt; }
static uint32_t msr(unsigned key, unsigned rt) { return 0xd5000000u | key << 5 | rt; }
static uint32_t movz(unsigned d, unsigned imm16, unsigned hw)
{
    return 0xd2800000u | hw << 21 | imm16 << 5 | d;
}
static uint32_t add_x(unsigned d, unsigned n, unsigned imm) { return 0x91000000u | imm << 10 | n << 5 | d; }
static uint32_t br(unsigned n) { return 0xd61f0000u | n << 5; }
static uint32_t blr(unsigned n) { return 0xd63f0000u | n << 5; }
#define NOP       0xd503201fu
#define HVC0      0xd4000002u
#define ERET      0xd69f03e0u
#define SPSEL_0   0xd50040bfu /* msr spsel, #0 */
#define SPSEL_1   0xd50041bfu /* msr spsel, #1 */
#define MOV_X1_SP 0x910003e1u /* mov x1, sp */
#define DC_ZVA_X2 0xd50b7422u /* dc zva, x2 */
#define IC_IVAU_X2 0xd50b7522u /* ic ivau, x2 */
#define MSR_PAN_0 0xd500409fu /* msr pan, #0 */
#define MSR_PAN_1 0xd500419fu /* msr pan, #1 */

/* --- table --------------------------------------------------------------- */

static void test_table_unique(void)
{
    for (unsigned i = 0; i < num_sysregs; i++) {
        const struct sysreg *r = &sysregs[i];
        g_assert_nonnull(r->name);
        g_assert_true(sysreg_lookup(r->key) == r);
        for (unsigned j = i + 1; j < num_sysregs; j++) {
            g_assert_cmpstr(r->name, !=, sysregs[j].name);
            g_assert_cmphex(r->key, !=, sysregs[j].key);
        }
        /* MRS/MSR registers have op0 = 2 or 3. */
        g_assert_cmpuint(SYSREG_OP0(r->key), >=, 2);
        if (r->offset) {
            g_assert_cmpuint(r->offset % 8, ==, 0);
            g_assert_cmpuint(r->offset + 8, <=, sizeof(struct arm_state));
        }
        /* A writable register stores its value somewhere or ignores writes
         * on purpose (no field, no writer: RAZ/WI or a constant). */
        g_assert_true(r->flags & (SR_R0 | SR_R1 | SR_W0 | SR_W1));
    }
}

static void test_lookup_values(void)
{
    struct vcpu *cpu = g_new0(struct vcpu, 1);
    arm_state_reset(&cpu->s, 0);
    static const struct { unsigned key; const char *name; uint64_t value; } known[] = {
        { K(3, 0, 0, 0, 0), "MIDR_EL1", 0x411fd070 },
        { K(3, 0, 0, 0, 5), "MPIDR_EL1", 0x80000000 },
        { K(3, 0, 0, 0, 6), "REVIDR_EL1", 0 },
        { K(3, 3, 0, 0, 1), "CTR_EL0", 0x8444c004 },
        { K(3, 3, 0, 0, 7), "DCZID_EL0", 4 },
        { K(3, 3, 14, 0, 0), "CNTFRQ_EL0", 62500000 },
        { K(3, 0, 0, 6, 0), "ID_AA64ISAR0_EL1", 0x10000 },
        { K(3, 0, 0, 4, 0), "ID_AA64PFR0_EL1", 0x01000011 },
        { K(3, 0, 0, 7, 0), "ID_AA64MMFR0_EL1", 0x00101024 }, /* TGran16 = 1 */
        { K(3, 0, 0, 7, 1), "ID_AA64MMFR1_EL1", 0x00100000 }, /* PAN = 1 */
        { K(3, 0, 4, 2, 3), "PAN", 0 },
        { K(3, 0, 4, 2, 2), "CurrentEL", 4 },
        { K(3, 0, 1, 0, 0), "SCTLR_EL1", 0x00c50838 },
        { K(3, 3, 4, 2, 1), "DAIF", 0x3c0 },
        { K(3, 0, 4, 2, 0), "SPSel", 1 },
    };
    for (unsigned i = 0; i < G_N_ELEMENTS(known); i++) {
        const struct sysreg *r = sysreg_lookup(known[i].key);
        g_assert_nonnull(r);
        g_assert_cmpstr(r->name, ==, known[i].name);
        g_assert_cmphex(sysreg_read(cpu, NULL, r), ==, known[i].value);
    }
    g_free(cpu);
}

static void test_unknown_rejected(void)
{
    static const unsigned unknown[] = {
        K(3, 0, 15, 0, 0), /* IMPLEMENTATION DEFINED, not an A57 one */
        K(3, 0, 0, 0, 1),  /* CRm = 0 holes are UNDEFINED, as in QEMU */
        K(3, 0, 0, 0, 7),
        K(3, 0, 0, 8, 0),  /* beyond the ID space */
        K(2, 0, 0, 0, 2),  /* OSDTRRX_EL1: the debug comms channel is not there */
        K(3, 3, 4, 2, 3),
    };
    char buf[32];
    for (unsigned i = 0; i < G_N_ELEMENTS(unknown); i++) {
        if (sysreg_lookup(unknown[i])) {
            g_test_message("%s should be unknown", sysreg_describe(unknown[i], buf, sizeof(buf)));
            g_test_fail();
        }
    }
    /* The reserved rest of the ID space reads as zero, read-only, EL1. */
    const struct sysreg *r = sysreg_lookup(K(3, 0, 0, 4, 4));
    g_assert_nonnull(r);
    g_assert_true(sysreg_allowed(r, 1, false));
    g_assert_false(sysreg_allowed(r, 1, true));
    g_assert_false(sysreg_allowed(r, 0, false));
    g_assert_cmpstr(sysreg_describe(K(3, 1, 15, 2, 0), buf, sizeof(buf)), ==, "S3_1_C15_C2_0");
}

/* Translates one instruction at EL 'el'; returns whether it was accepted. */
static bool translate_one(uint32_t insn, unsigned el, struct op *op, const char **row_name)
{
    a64_decode_init();
    struct a64_args args;
    const struct a64_insn *row = a64_decode(insn, &args);
    memset(op, 0, sizeof(*op));
    struct dc dc = { .pc = CODE, .insn = insn, .tb_flags = el, .op = op };
    if (row_name) {
        *row_name = row ? row->name : "(none)";
    }
    return row && row->trans(&dc, &args);
}

static void test_decode_system(void)
{
    static const struct { uint32_t insn; const char *row; } known[] = {
        { 0xd503201f, "NOP" },          { 0xd503203f, "YIELD" },
        { 0xd503205f, "WFE" },          { 0xd503207f, "WFI" },
        { 0xd503209f, "SEV" },          { 0xd50320bf, "SEVL" },
        { 0xd503233f, "HINT" },         /* paciasp: a NOP on ARMv8.0 */
        { 0xd503305f, "CLREX" },        { 0xd5033b9f, "DSB" },
        { 0xd5033bbf, "DMB" },          { 0xd5033fdf, "ISB" },
        { 0xd50342df, "MSR_i_DAIFSet" }, { 0xd50342ff, "MSR_i_DAIFClr" },
        { SPSEL_0, "MSR_i_SPSel" },     { 0xd53b4200, "MRS" },
        { 0xd51b4200, "MSR_reg" },      { 0xd50b7420, "DC_ZVA" },
        { MSR_PAN_0, "MSR_i_PAN" },     { MSR_PAN_1, "MSR_i_PAN" },
        { 0xd50b7e20, "DC_CIVAC" },     { 0xd5087620, "DC_IVAC" },
        { 0xd50b7520, "IC_IVAU" },      { 0xd508751f, "IC_IALLU" },
        { 0xd508711f, "IC_IALLUIS" },   { 0xd508871f, "TLBI_VMALLE1" },
        { 0xd5088320, "TLBI_VAE1IS" },  { 0x94000000, "BL" },
        { 0xb4000000, "CBZ" },          { 0x35000000, "CBNZ" },
        { 0xb6f80000, "TBZ" },          { 0x37000000, "TBNZ" },
        { 0xd61f0000, "BR" },           { 0xd63f03c0, "BLR" },
        { 0xd65f03c0, "RET" },
    };
    a64_decode_init();
    for (unsigned i = 0; i < G_N_ELEMENTS(known); i++) {
        struct a64_args args;
        const struct a64_insn *row = a64_decode(known[i].insn, &args);
        if (!row || strcmp(row->name, known[i].row) != 0) {
            g_test_message("%08x decodes to %s, not %s", known[i].insn, row ? row->name : "nothing",
                           known[i].row);
            g_test_fail();
        }
    }
    /* Not implemented (or reserved): no row, or a row that refuses them. */
    static const uint32_t undefined[] = {
        0xd50330ff, /* SB */
        0xd503301f, /* barrier op2 = 0 */
        0xd500407f, /* MSR UAO, #0 */
        0xd5087000, /* SYS #0, C7, C0, #0 */
        0xd5087900, /* AT S1E1RP (ARMv8.2) */
        0xd52b7420, /* SYSL */
        0xd508811f, /* TLBI VMALLE1OS (ARMv8.4) */
        0xd63f081f, /* BLRAAZ */
    };
    for (unsigned i = 0; i < G_N_ELEMENTS(undefined); i++) {
        struct op op;
        const char *name;
        if (translate_one(undefined[i], 1, &op, &name)) {
            g_test_message("%08x (%s) should be UNDEFINED", undefined[i], name);
            g_test_fail();
        }
    }
}

/* --- access rules -------------------------------------------------------- */

static void test_el0_static_rules(void)
{
    static const struct { unsigned key; bool r0, w0, r1, w1; } rules[] = {
        { K(3, 0, 0, 0, 0),  false, false, true, false }, /* MIDR_EL1 */
        { K(3, 3, 0, 0, 1),  true, false, true, false },  /* CTR_EL0 */
        { K(3, 3, 0, 0, 7),  true, false, true, false },  /* DCZID_EL0 */
        { K(3, 3, 4, 2, 0),  true, true, true, true },    /* NZCV */
        { K(3, 3, 4, 2, 1),  true, true, true, true },    /* DAIF */
        { K(3, 3, 4, 4, 0),  true, true, true, true },    /* FPCR */
        { K(3, 3, 13, 0, 2), true, true, true, true },    /* TPIDR_EL0 */
        { K(3, 3, 13, 0, 3), true, false, true, true },   /* TPIDRRO_EL0 */
        { K(3, 3, 14, 0, 0), true, false, true, true },   /* CNTFRQ_EL0 */
        { K(3, 3, 14, 0, 2), true, false, true, false },  /* CNTVCT_EL0 */
        { K(3, 0, 1, 0, 0),  false, false, true, true },  /* SCTLR_EL1 */
        { K(3, 0, 4, 2, 2),  false, false, true, false }, /* CurrentEL */
        { K(3, 0, 4, 2, 0),  false, false, true, true },  /* SPSel */
        { K(3, 0, 4, 1, 0),  false, false, true, true },  /* SP_EL0 */
        { K(3, 0, 4, 2, 3),  false, false, true, true },  /* PAN */
        { K(3, 0, 13, 0, 4), false, false, true, true },  /* TPIDR_EL1 */
    };
    for (unsigned i = 0; i < G_N_ELEMENTS(rules); i++) {
        const struct sysreg *r = sysreg_lookup(rules[i].key);
        g_assert_nonnull(r);
        g_assert_cmpint(sysreg_allowed(r, 0, false), ==, rules[i].r0);
        g_assert_cmpint(sysreg_allowed(r, 0, true), ==, rules[i].w0);
        g_assert_cmpint(sysreg_allowed(r, 1, false), ==, rules[i].r1);
        g_assert_cmpint(sysreg_allowed(r, 1, true), ==, rules[i].w1);
        /* The translator follows the same rules. */
        struct op op;
        g_assert_cmpint(translate_one(mrs(rules[i].key, 3), 0, &op, NULL), ==, rules[i].r0);
        g_assert_cmpint(translate_one(msr(rules[i].key, 3), 0, &op, NULL), ==, rules[i].w0);
        g_assert_cmpint(translate_one(mrs(rules[i].key, 3), 1, &op, NULL), ==, rules[i].r1);
        g_assert_cmpint(translate_one(msr(rules[i].key, 3), 1, &op, NULL), ==, rules[i].w1);
    }
    /* EL1-only system instructions are UNDEFINED at EL0. */
    static const uint32_t el1_only[] = { 0xd5087620 /* DC IVAC */, 0xd5087640 /* DC ISW */,
                                         0xd508751f /* IC IALLU */, 0xd508871f /* TLBI */,
                                         SPSEL_1, 0xd69f03e0 /* ERET */ };
    for (unsigned i = 0; i < G_N_ELEMENTS(el1_only); i++) {
        struct op op;
        g_assert_false(translate_one(el1_only[i], 0, &op, NULL));
        g_assert_true(translate_one(el1_only[i], 1, &op, NULL));
    }
}

static void test_el0_runtime_rules(void)
{
    struct vcpu *cpu = g_new0(struct vcpu, 1);
    arm_state_reset(&cpu->s, 0);
    cpu->s.el = 0;
    const struct sysreg *ctr = sysreg_lookup(key_ctr);
    const struct sysreg *daif = sysreg_lookup(key_daif);
    const struct sysreg *vct = sysreg_lookup(key_cntvct);
    const struct sysreg *pct = sysreg_lookup(key_cntpct);
    const struct sysreg *frq = sysreg_lookup(key_cntfrq);
    const struct sysreg *fpcr = sysreg_lookup(key_fpcr);
    const struct sysreg *dczid = sysreg_lookup(key_dczid);

    /* Reset: SCTLR_EL1.UCT = UMA = DZE = 0, CNTKCTL_EL1 = 0, CPACR_EL1 = 0. */
    g_assert_cmpint(sysreg_check(ctr, cpu, 0, false), ==, SR_TRAP);
    g_assert_cmpint(sysreg_check(ctr, cpu, 1, false), ==, SR_OK);
    g_assert_cmpint(sysreg_check(daif, cpu, 0, true), ==, SR_TRAP);
    g_assert_cmpint(sysreg_check(vct, cpu, 0, false), ==, SR_TRAP);
    g_assert_cmpint(sysreg_check(pct, cpu, 0, false), ==, SR_TRAP);
    g_assert_cmpint(sysreg_check(frq, cpu, 0, false), ==, SR_TRAP);
    g_assert_cmpint(sysreg_check(fpcr, cpu, 0, false), ==, SR_TRAP_FP);
    g_assert_cmpint(sysreg_check(fpcr, cpu, 1, false), ==, SR_TRAP_FP);
    g_assert_cmphex(sysreg_read(cpu, NULL, dczid), ==, 0x14); /* DZP */

    cpu->s.el1.sctlr |= SCTLR_UCT | SCTLR_UMA | SCTLR_DZE;
    cpu->s.el1.cntkctl = CNTKCTL_EL0VCTEN;
    cpu->s.el1.cpacr = 1u << 20; /* FPEN = 0b01: EL0 still traps */
    g_assert_cmpint(sysreg_check(ctr, cpu, 0, false), ==, SR_OK);
    g_assert_cmpint(sysreg_check(daif, cpu, 0, true), ==, SR_OK);
    g_assert_cmpint(sysreg_check(vct, cpu, 0, false), ==, SR_OK);
    g_assert_cmpint(sysreg_check(pct, cpu, 0, false), ==, SR_TRAP);
    g_assert_cmpint(sysreg_check(frq, cpu, 0, false), ==, SR_OK);
    g_assert_cmpint(sysreg_check(fpcr, cpu, 0, false), ==, SR_TRAP_FP);
    g_assert_cmpint(sysreg_check(fpcr, cpu, 1, false), ==, SR_OK);
    g_assert_cmphex(sysreg_read(cpu, NULL, dczid), ==, 4);
    cpu->s.el1.cpacr = 3u << 20;
    g_assert_cmpint(sysreg_check(fpcr, cpu, 0, true), ==, SR_OK);

    /* SP_EL0 by name only while SPSel = 1. */
    cpu->s.el = 1;
    const struct sysreg *sp_el0 = sysreg_lookup(key_sp_el0);
    g_assert_cmpint(sysreg_check(sp_el0, cpu, 1, false), ==, SR_OK);
    cpu->s.spsel = 0;
    g_assert_cmpint(sysreg_check(sp_el0, cpu, 1, false), ==, SR_UNDEF);
    g_free(cpu);
}

/* Syndromes as QEMU 7.2 reports them for the same traps. */
static void test_trap_iss(void)
{
    g_assert_cmphex(sysreg_trap_iss(key_cntvct, 0, true), ==, 0x34f801);
    g_assert_cmphex(sysreg_trap_iss(key_cntfrq, 0, true), ==, 0x30f801);
    g_assert_cmphex(sysreg_trap_iss(key_ctr, 7, true), ==, 0x32c0e1);
    g_assert_cmphex(sysreg_trap_iss(key_daif, 0, false), ==, 0x32d004);
    g_assert_cmphex(sysreg_trap_iss(K(1, 3, 7, 4, 1), 0, false), ==, 0x12dc08);  /* DC ZVA */
    g_assert_cmphex(sysreg_trap_iss(K(1, 3, 7, 10, 1), 0, false), ==, 0x12dc14); /* DC CVAC */
    g_assert_cmphex(sysreg_trap_iss(K(1, 3, 7, 5, 1), 0, false), ==, 0x12dc0a);  /* IC IVAU */
    g_assert_cmphex(FP_TRAP_ISS, ==, 0x1e00000);
}

static void test_write_masks(void)
{
    struct vcpu *cpu = g_new0(struct vcpu, 1);
    arm_state_reset(&cpu->s, 0);
    static const struct { unsigned key; uint64_t written, read; } masks[] = {
        { key_nzcv, ~0ull, 0xf0000000 },
        { key_daif, ~0ull, 0x3c0 },
        { key_fpcr, ~0ull, 0x07f70000 },
        { key_fpcr, 0x5555555555555555ull, 0x05550000 },
        { key_fpsr, ~0ull, 0xf800009f },
        { key_fpsr, 0xaaaaaaaaaaaaaaaaull, 0xa800008a },
        { key_vbar, ~0ull, ~0x1full },
        { key_tpidr0, ~0ull, ~0ull },
        { key_sctlr, 0x00c50838ull | 0x7full << 37 | 0xffffull << 48, 0xffff000000c50838ull },
        { key_cntfrq, 12345, 62500000 },          /* the rate is fixed */
        { K(3, 0, 1, 0, 1), ~0ull, 0 },           /* ACTLR_EL1: RAZ/WI */
        { key_pan, ~0ull, 1ull << 22 },           /* PSTATE.PAN alone */
        { key_pan, ~(1ull << 22), 0 },
        { key_sctlr, 0x00450838ull, 0x00450838ull }, /* SPAN is writable */
    };
    for (unsigned i = 0; i < G_N_ELEMENTS(masks); i++) {
        const struct sysreg *r = sysreg_lookup(masks[i].key);
        g_assert_nonnull(r);
        sysreg_write(cpu, r, masks[i].written, NULL);
        if (sysreg_read(cpu, NULL, r) != masks[i].read) {
            g_test_message("%s: wrote %" G_GINT64_MODIFIER "x, read %" G_GINT64_MODIFIER
                           "x, expected %" G_GINT64_MODIFIER "x", r->name, masks[i].written,
                           sysreg_read(cpu, NULL, r), masks[i].read);
            g_test_fail();
        }
    }
    g_free(cpu);
}

/* --- programs ------------------------------------------------------------ */

#define put_code machine_put_code

/* CNTVCT_EL0 is the instructions retired before the MRS, divided by 16. */
static void test_counter(void)
{
    struct machine *m = machine_new();
    uint32_t prog[40];
    for (unsigned i = 0; i < 37; i++) {
        prog[i] = NOP;
    }
    prog[37] = mrs(key_cntvct, 1);  /* 37 retired before it */
    prog[38] = mrs(key_cntpct, 2);
    prog[39] = HVC0;
    put_code(m, CODE, prog, 40);
    m->cpu->s.icount = 16 * 1000 - 5;
    m->cpu->s.x[0] = 0x84000008; /* SYSTEM_OFF */
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmphex(m->cpu->s.x[1], ==, (16 * 1000 - 5 + 37) / 16);
    g_assert_cmphex(m->cpu->s.x[2], ==, (16 * 1000 - 5 + 38) / 16);
    machine_free(m);
}

/* MSR SPSel switches the SP bank at once; SP_EL0 by name reads the bank. */
static void test_spsel(void)
{
    struct machine *m = machine_new();
    const uint32_t prog[] = {
        SPSEL_0,
        MOV_X1_SP,           /* SP_EL0 */
        mrs(K(3, 0, 4, 2, 0), 2),
        SPSEL_1,
        MOV_X1_SP + 2,       /* mov x3, sp: SP_EL1 */
        mrs(key_sp_el0, 4),
        movz(0, 0x8400, 1), add_x(0, 0, 8), HVC0,
    };
    put_code(m, CODE, prog, G_N_ELEMENTS(prog));
    m->cpu->s.x[REG_SP] = 0x1110;      /* SP_EL1 */
    m->cpu->s.sp_el[0] = 0x2220;
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmphex(m->cpu->s.x[1], ==, 0x2220);
    g_assert_cmphex(m->cpu->s.x[2], ==, 0);
    g_assert_cmphex(m->cpu->s.x[3], ==, 0x1110);
    g_assert_cmphex(m->cpu->s.x[4], ==, 0x2220);
    machine_free(m);
}

/* EL0 reads CTR_EL0 with SCTLR_EL1.UCT = 0: EC 0x18 with the encoding. */
static void test_el0_trap(void)
{
    struct machine *m = machine_new();
    put_code(m, CODE, (const uint32_t[]){ ERET }, 1);
    put_code(m, USER, (const uint32_t[]){ mrs(key_ctr, 7) }, 1);
    m->cpu->s.el1.elr = USER;
    m->cpu->s.el1.spsr = PSR_MODE_EL0t;
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmphex(m->cpu->s.el1.esr, ==, 0x6232c0e1);
    g_assert_cmphex(m->cpu->s.el1.elr, ==, USER);
    g_assert_cmphex(m->cpu->s.pc, ==, VBAR + 0x400 + 12);
    machine_free(m);

    /* With UCT set it reads the A57's value. */
    m = machine_new();
    put_code(m, CODE, (const uint32_t[]){ ERET }, 1);
    put_code(m, USER, (const uint32_t[]){ mrs(key_ctr, 7), mrs(key_cur_el, 8) }, 2);
    m->cpu->s.el1.sctlr |= SCTLR_UCT;
    m->cpu->s.el1.elr = USER;
    m->cpu->s.el1.spsr = PSR_MODE_EL0t;
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmphex(m->cpu->s.x[7], ==, 0x8444c004);
    g_assert_cmphex(m->cpu->s.el1.esr, ==, 0x02000000); /* CurrentEL: UNDEFINED */
    g_assert_cmphex(m->cpu->s.el1.elr, ==, USER + 4);
    machine_free(m);
}

/* DC ZVA zeroes the aligned 64-byte block around the address. */
static void test_dc_zva(void)
{
    struct machine *m = machine_new();
    memset(m->ram + (DATA - RAM_BASE), 0xaa, 256);
    const uint32_t prog[] = {
        movz(2, (DATA + 0x45) & 0xffff, 0), 0xf2a00002u | (uint32_t)((DATA >> 16) & 0xffff) << 5,
        DC_ZVA_X2,
        movz(0, 0x8400, 1), add_x(0, 0, 8), HVC0,
    };
    put_code(m, CODE, prog, G_N_ELEMENTS(prog));
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    const uint8_t *d = m->ram + (DATA - RAM_BASE);
    for (unsigned i = 0; i < 256; i++) {
        g_assert_cmpuint(d[i], ==, i >= 0x40 && i < 0x80 ? 0 : 0xaa);
    }
    machine_free(m);
}

/*
 * Code changed behind the TLB's back (as another vCPU's store would) keeps
 * running from its old translation until IC IVAU drops it.
 */
static void test_ic_ivau(void)
{
    struct machine *m = machine_new();
    const uint64_t fn = RAM_BASE + 0x5000;
    put_code(m, fn, (const uint32_t[]){ movz(5, 1, 0), 0xd65f03c0 /* ret */ }, 2);
    const uint32_t prog[] = {
        movz(2, fn & 0xffff, 0), 0xf2a00002u | (uint32_t)((fn >> 16) & 0xffff) << 5,
        blr(2),                  /* x5 = 1 */
        add_x(6, 5, 0),
    };
    put_code(m, CODE, prog, G_N_ELEMENTS(prog));
    g_assert_cmpint(vcpu_run(m->cpu, 6), ==, VCPU_STOP_BUDGET);
    g_assert_cmphex(m->cpu->s.x[6], ==, 1);

    /* Rewrite the function from the host, run it again: still the old code. */
    put_code(m, fn, (const uint32_t[]){ movz(5, 2, 0) }, 1);
    m->cpu->s.pc = CODE + 8;
    g_assert_cmpint(vcpu_run(m->cpu, 4), ==, VCPU_STOP_BUDGET);
    g_assert_cmphex(m->cpu->s.x[6], ==, 1);

    /* IC IVAU on the function's page: the new code runs. */
    put_code(m, CODE + 16, (const uint32_t[]){ IC_IVAU_X2, blr(2), add_x(7, 5, 0) }, 3);
    m->cpu->s.pc = CODE + 16;
    g_assert_cmpint(vcpu_run(m->cpu, 5), ==, VCPU_STOP_BUDGET);
    g_assert_cmphex(m->cpu->s.x[7], ==, 2);
    machine_free(m);
}

/*
 * MSR PAN (immediate and register) and MRS PAN: EL1 only, each write ends
 * its block so that the next access uses the right soft TLB.
 */
static void test_pan_msr(void)
{
    struct op op;
    g_assert_false(translate_one(MSR_PAN_1, 0, &op, NULL));
    g_assert_true(translate_one(MSR_PAN_1, 1, &op, NULL));
    g_assert_cmpuint(op.p, ==, 1);
    g_assert_true(translate_one(MSR_PAN_0 | 0xe00, 1, &op, NULL)); /* CRm = 0b1110 */
    g_assert_cmpuint(op.p, ==, 0);

    struct machine *m = machine_new();
    const uint32_t prog[] = {
        MSR_PAN_1, mrs(key_pan, 1),
        MSR_PAN_0, mrs(key_pan, 2),
        movz(3, 0x40, 1), msr(key_pan, 3), mrs(key_pan, 4),
        msr(key_pan, 31), mrs(key_pan, 5),
        movz(0, 0x8400, 1), add_x(0, 0, 8), HVC0,
    };
    put_code(m, CODE, prog, G_N_ELEMENTS(prog));
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmphex(m->cpu->s.x[1], ==, 1u << 22);
    g_assert_cmphex(m->cpu->s.x[2], ==, 0);
    g_assert_cmphex(m->cpu->s.x[4], ==, 1u << 22);
    g_assert_cmphex(m->cpu->s.x[5], ==, 0);
    machine_free(m);
}

/* BLR X30 branches to the old X30; BR to a misaligned target faults there. */
static void test_branch_register(void)
{
    struct machine *m = machine_new();
    const uint64_t target = CODE + 0x100;
    const uint32_t prog[] = {
        movz(30, target & 0xffff, 0), 0xf2a0001eu | (uint32_t)((target >> 16) & 0xffff) << 5,
        blr(30),
    };
    put_code(m, CODE, prog, G_N_ELEMENTS(prog));
    put_code(m, target, (const uint32_t[]){ add_x(9, 30, 0), add_x(10, 9, 2), br(10) }, 3);
    g_assert_cmpint(vcpu_run(m->cpu, 1000), ==, VCPU_STOP_POWER_OFF);
    g_assert_cmphex(m->cpu->s.x[9], ==, CODE + 12);
    g_assert_cmphex(m->cpu->s.el1.esr >> 26, ==, EC_PC_ALIGN);
    g_assert_cmphex(m->cpu->s.el1.elr, ==, CODE + 14);
    g_assert_cmphex(m->cpu->s.el1.far, ==, CODE + 14);
    machine_free(m);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sysregs/table_unique", test_table_unique);
    g_test_add_func("/sysregs/lookup_values", test_lookup_values);
    g_test_add_func("/sysregs/unknown_rejected", test_unknown_rejected);
    g_test_add_func("/sysregs/decode_system", test_decode_system);
    g_test_add_func("/sysregs/el0_static_rules", test_el0_static_rules);
    g_test_add_func("/sysregs/el0_runtime_rules", test_el0_runtime_rules);
    g_test_add_func("/sysregs/trap_iss", test_trap_iss);
    g_test_add_func("/sysregs/write_masks", test_write_masks);
    g_test_add_func("/sysregs/counter", test_counter);
    g_test_add_func("/sysregs/spsel", test_spsel);
    g_test_add_func("/sysregs/el0_trap", test_el0_trap);
    g_test_add_func("/sysregs/dc_zva", test_dc_zva);
    g_test_add_func("/sysregs/ic_ivau", test_ic_ivau);
    g_test_add_func("/sysregs/branch_register", test_branch_register);
    g_test_add_func("/sysregs/pan_msr", test_pan_msr);
    return g_test_run();
}
