/*
 * Case generation from the encoding table: a random encoding of a row (fixed
 * bits from its pattern, random operand fields) that phalanx's decoder maps
 * back to that row and whose translator accepts it, shaped by the row's test
 * class (arm/decode.h) so that its inputs are valid, plus random inputs.
 */
#include <stdlib.h>
#include <string.h>

#include "arm/translate.h"
#include "difftest.h"

/* ---- random numbers (splitmix64: small, and the same on every host) ---- */

struct rng {
    uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static uint64_t rng_below(struct rng *r, uint64_t n)
{
    return rng_next(r) % n;
}

static uint64_t hash_name(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    while (*s) {
        h = (h ^ (uint8_t)*s++) * 0x100000001b3ull;
    }
    return h;
}

/* Values that exercise carries, overflow, sign and zero extension. */
static const uint64_t special_values[] = {
    0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff,
    0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull,
    0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull,
    0xfffffffffffffffeull, 0x8000000000000001ull, 0xffffffff80000000ull,
    0x00000000ffffffffull, 0x5555555555555555ull, 0xaaaaaaaaaaaaaaaaull,
    0x0123456789abcdefull, 0xfedcba9876543210ull,
};

#define NUM_SPECIAL (sizeof(special_values) / sizeof(special_values[0]))

static uint64_t random_value(struct rng *r)
{
    switch (rng_below(r, 10)) {
    case 0:
    case 1:
    case 2:
        return rng_next(r);
    case 3:
        return (uint32_t)rng_next(r);
    case 4:
        return (uint64_t)(int64_t)(int32_t)rng_next(r);
    case 5:
        return rng_below(r, 64);
    case 6:
        return -(1 + rng_below(r, 64));
    case 7:
        return special_values[rng_below(r, NUM_SPECIAL)];
    case 8: {
        uint64_t bit = 1ull << rng_below(r, 64);
        switch (rng_below(r, 3)) {
        case 0:
            return bit;
        case 1:
            return bit - 1;
        default:
            return -bit;
        }
    }
    default:
        /* a W-sized special value under random upper bits */
        return (rng_next(r) << 32) | (uint32_t)special_values[rng_below(r, NUM_SPECIAL)];
    }
}

uint64_t dt_ref_word(uint64_t seed, unsigned word)
{
    struct rng r = { .s = seed * 0x2545f4914f6cdd1dull + word * 0x9e3779b97f4a7c15ull };
    rng_next(&r);
    return rng_next(&r);
}

/* ---- phalanx's view of an encoding ---- */

bool dt_phalanx_accepts(uint32_t insn, const struct a64_insn **row_out)
{
    struct a64_args args;
    const struct a64_insn *row = a64_decode(insn, &args);
    if (row_out) {
        *row_out = row;
    }
    if (!row) {
        return false;
    }
    struct op op;
    memset(&op, 0, sizeof(op));
    struct dc dc = { .pc = DT_CODE, .insn = insn, .tb_flags = 1 /* EL1 */, .op = &op };
    return row->trans(&dc, &args);
}

/* ---- operand fields ---- */

static bool has_field(const struct a64_insn *row, char letter)
{
    return a64_field_width(row->pattern, letter) != 0;
}

/* Register number in field 'letter', or -1 if the row has no such field. */
static int reg_field(const struct a64_insn *row, uint32_t insn, char letter)
{
    return has_field(row, letter) ? (int)a64_field(row->pattern, letter, insn) : -1;
}

/* Stores a signed value into field 'letter'; false if it does not fit. */
static bool set_signed_field(const struct a64_insn *row, char letter, uint32_t *insn,
                             int64_t value)
{
    unsigned width = a64_field_width(row->pattern, letter);
    if (width == 0 || width > 31) {
        return false;
    }
    int64_t lim = (int64_t)1 << (width - 1);
    if (value < -lim || value >= lim) {
        return false;
    }
    *insn = a64_set_field(row->pattern, letter, *insn, (uint32_t)value & ((1u << width) - 1));
    return true;
}

/* True if every bit of 'mask' is an operand bit (not fixed) in the row. */
static bool bits_free(const struct a64_insn *row, uint32_t mask)
{
    return (row->mask & mask) == 0;
}

static uint32_t encode_b(uint64_t from, uint64_t to)
{
    return 0x14000000u | ((uint32_t)((int64_t)(to - from) >> 2) & 0x03ffffffu);
}

static uint32_t encode_mrs(uint32_t sysreg_bits, unsigned rt)
{
    return 0xd5200000u | sysreg_bits | rt;
}

static uint32_t encode_msr(uint32_t sysreg_bits, unsigned rt)
{
    return 0xd5000000u | sysreg_bits | rt;
}

/* ---- shaping by test class ---- */

#define SYSREG_BITS 0x001fffe0u /* op0:op1:CRn:CRm:op2 */
#define SYSREG_L    (1u << 21)  /* 1: MRS, 0: MSR */

/* What the class shaping decided beyond the encoding. */
struct plan {
    const struct dt_sysreg *sysreg; /* MSR/MRS register */
    bool     msr_reg;               /* MSR (register): read back, then reset */
    bool     literal;               /* PC-relative load: no base register */
};

/* Forces the fields the class prescribes; false to draw again. 'pick'
 * chooses the whitelisted system register or PSTATE field. */
static bool shape(const struct a64_insn *row, struct rng *r, uint32_t *insn, uint64_t slot,
                  unsigned pick, struct plan *p)
{
    switch (row->test) {
    case TEST_BRANCH:
        /* skip exactly the one instruction after the branch */
        return !has_field(row, 'i') || set_signed_field(row, 'i', insn, 2);
    case TEST_MEM:
    case TEST_MEM_WB:
    case TEST_MEM_PAIR:
    case TEST_EXCL:
        if (!has_field(row, 'n') && has_field(row, 'i')) {
            /* literal load: aim at a word of the scratch area */
            uint64_t target = DT_SCRATCH + 0x800 + 4 * rng_below(r, 0x400);
            p->literal = true;
            return set_signed_field(row, 'i', insn, (int64_t)(target - slot) / 4);
        }
        return true;
    case TEST_SYSREG: {
        uint32_t op0_bits = (1u << 20) | (1u << 19);
        if (!bits_free(row, op0_bits) && (row->value & op0_bits) == 0) {
            /* MSR (immediate): PSTATE field in op1/op2, CRm random */
            const struct dt_pstate_field *f = &dt_pstate_fields[pick % dt_num_pstate_fields];
            uint32_t want = (f->op1 << 16) | (f->op2 << 5);
            uint32_t field_mask = (7u << 16) | (7u << 5);
            if ((row->mask & field_mask) & (want ^ row->value)) {
                return false;
            }
            *insn = (*insn & ~field_mask) | want;
            return true;
        }
        if (!bits_free(row, op0_bits) && (row->value & op0_bits) == (1u << 19)) {
            return false; /* SYS/SYSL (op0 = 1): no cache/TLB operation is whitelisted yet */
        }
        const struct dt_sysreg *reg = &dt_sysregs[pick % dt_num_sysregs];
        uint32_t want = dt_sysreg_bits(reg);
        if ((row->mask & SYSREG_BITS) & (want ^ row->value)) {
            return false;
        }
        *insn = (*insn & ~SYSREG_BITS) | want;
        bool is_read = (*insn & SYSREG_L) != 0;
        if (!is_read && reg->kind == SYSREG_RO) {
            return false;
        }
        p->sysreg = reg;
        p->msr_reg = !is_read;
        return true;
    }
    default:
        return true;
    }
}

static bool base_is_rt(const struct a64_insn *row)
{
    return a64_field_width(row->pattern, 'n') == 5 && !strncmp(row->pattern + 27, "nnnnn", 5);
}

/* Register-combination rules of the class; false to draw again. */
static bool registers_ok(const struct a64_insn *row, uint32_t insn)
{
    int n = reg_field(row, insn, 'n');
    int m = reg_field(row, insn, 'm');
    int t = reg_field(row, insn, 't');
    int u = reg_field(row, insn, 'u');
    int s = reg_field(row, insn, 's');
    bool n_is_reg = n >= 0 && n != 31; /* n == 31 is SP, never a data register */

    /* A base in bits 4..0 is an Rt-style operand (DC ZVA, Xt): 31 is XZR. */
    if (n == 31 && base_is_rt(row) && row->test != TEST_ALU) {
        return false;
    }

    /* A load pair into one register twice (LDP/LDNP of V registers, which
     * sit in TEST_MEM and TEST_MEM_WB) is CONSTRAINED UNPREDICTABLE. */
    bool load_pair_same = u >= 0 && t == u && (insn & (1u << 22)) != 0;
    switch (row->test) {
    case TEST_MEM:
        return !(m >= 0 && m != 31 && m == n) && !load_pair_same;
    case TEST_MEM_WB:
        return !(m >= 0 && m != 31 && m == n) && !(n_is_reg && (t == n || u == n)) &&
               !load_pair_same;
    case TEST_MEM_PAIR:
        return !(u >= 0 && t == u) && !(n_is_reg && (t == n || u == n));
    case TEST_EXCL:
        if (u >= 0 && t == u) {
            return false;
        }
        return !(s >= 0 && (s == t || s == u || (s == n && n_is_reg)));
    case TEST_BRANCH_REG:
        return ((insn >> 5) & 31) != 31;
    default:
        return true;
    }
}

/* A store-exclusive (o2 = 0, L = 0) may be preceded by the matching
 * load-exclusive, into registers the case does not use, so that it can
 * succeed. Returns the load, or 0 if insn is not a store-exclusive. */
static uint32_t exclusive_load_for(const struct a64_insn *row, uint32_t insn)
{
    if ((insn & 0x3f000000u) != 0x08000000u || (insn & (3u << 22)) != 0) {
        return 0;
    }
    int n = (int)((insn >> 5) & 31);
    int used[4] = { reg_field(row, insn, 's'), reg_field(row, insn, 't'),
                    reg_field(row, insn, 'u'), n };
    unsigned free_regs[2], nfree = 0;
    for (unsigned cand = 16; cand < 31 && nfree < 2; cand++) {
        bool busy = false;
        for (unsigned k = 0; k < 4; k++) {
            busy |= used[k] == (int)cand;
        }
        if (!busy) {
            free_regs[nfree++] = cand;
        }
    }
    bool pair = (insn & (1u << 21)) != 0;
    uint32_t load = insn & ~((31u << 16) | (31u << 10) | 31u);
    load |= (1u << 22) | (31u << 16) | free_regs[0];
    load |= (pair ? free_regs[1] : 31u) << 10;
    return load;
}

/* A small offset for index register 'm'. Where bits 15..13 are the
 * extend option of a register offset, the bits the extend ignores or sign
 * extends get exercised: junk above a W index (UXTW, SXTW), and small
 * negative values where the index is signed (SXTW, SXTX). */
static uint64_t index_value(const struct a64_insn *row, uint32_t insn, struct rng *r)
{
    uint64_t small = rng_below(r, 256);
    if (!bits_free(row, 7u << 13)) {
        return small;
    }
    unsigned option = (insn >> 13) & 7;
    bool is_signed = (option & 4) != 0;
    if (is_signed && rng_below(r, 2)) {
        small = (uint64_t)-(int64_t)(1 + rng_below(r, 128));
    }
    if ((option & 3) == 2) { /* UXTW, SXTW */
        return (rng_next(r) << 32) | (uint32_t)small;
    }
    return small;
}

/* FP special values of one lane size: +-0, +-inf, quiet and signalling
 * NaNs, denormals, 1.0, max and min normal (sign added by the caller). */
static const uint32_t fp32_special[] = {
    0x00000000, 0x7f800000, 0x7fc00000, 0x7fc12345, 0x7f800001, 0x7fa00000,
    0x00000001, 0x007fffff, 0x3f800000, 0x7f7fffff, 0x00800000, 0x4b000000,
};
static const uint64_t fp64_special[] = {
    0x0000000000000000, 0x7ff0000000000000, 0x7ff8000000000000, 0x7ff8000012345678,
    0x7ff0000000000001, 0x7ff4000000000000, 0x0000000000000001, 0x000fffffffffffff,
    0x3ff0000000000000, 0x7fefffffffffffff, 0x0010000000000000, 0x4330000000000000,
};

/* One 64-bit half of a V register: random bits, or special values in its
 * double lane or its two single lanes. */
static uint64_t fp_half(struct rng *r)
{
    switch (rng_below(r, 4)) {
    case 0:
        return random_value(r);
    case 1: {
        uint64_t v = fp64_special[rng_below(r, sizeof(fp64_special) / sizeof(fp64_special[0]))];
        return v | (rng_below(r, 2) << 63);
    }
    case 2: {
        uint64_t v = 0;
        for (unsigned lane = 0; lane < 2; lane++) {
            uint64_t e = rng_below(r, 3) ? fp32_special[rng_below(r, sizeof(fp32_special) /
                                                                     sizeof(fp32_special[0]))]
                                         : (uint32_t)rng_next(r);
            v |= (e | (rng_below(r, 2) << 31)) << (32 * lane);
        }
        return v;
    }
    default:
        return rng_next(r);
    }
}

/* V0..V31, FPCR (RMode, FZ, DN; AHP stays 0) and FPSR (cumulative flags
 * and QC), drawn after everything else so that the general-register inputs
 * of a case are what they were before FP inputs existed. */
static void make_fp_inputs(struct rng *r, uint64_t in[REC_WORDS])
{
    for (unsigned i = 0; i < 64; i++) {
        in[REC_V0 + i] = fp_half(r);
    }
    in[REC_FPCR] = rng_below(r, 16) << 22;
    in[REC_FPSR] = rng_next(r) & 0x0800009fu;
}

/* Random inputs, then the values the class requires. */
static void make_inputs(const struct a64_insn *row, struct rng *r, const struct dt_case *c,
                        const struct plan *p, uint64_t in[REC_WORDS])
{
    memset(in, 0, REC_WORDS * sizeof(in[0]));
    for (unsigned i = 0; i <= REC_SP; i++) {
        in[i] = random_value(r);
    }
    in[REC_NZCV] = rng_below(r, 16) << 28;
    in[REC_DAIF] = rng_below(r, 16) << 6;
    /* Memory classes always have the scratch area compared; the others
     * every eighth case, as a net for stray stores (the scan dominates the
     * run time). */
    bool mem_class = row->test == TEST_MEM || row->test == TEST_MEM_WB ||
                     row->test == TEST_MEM_PAIR || row->test == TEST_EXCL;
    in[REC_FLAGS] = REC_VALID | (mem_class || c->index % 8 == 0 ? REC_SCAN_MEM : 0);

    uint64_t slot = dt_slot_addr(c->id);
    uint32_t insn = c->insn;
    switch (row->test) {
    case TEST_MEM:
    case TEST_MEM_WB:
    case TEST_MEM_PAIR:
    case TEST_EXCL: {
        if (p->literal) {
            break;
        }
        int n = reg_field(row, insn, 'n');
        int m = reg_field(row, insn, 'm');
        uint64_t base = DT_SCRATCH + 0x800 + rng_below(r, 0x1000);
        /* SP must be 16-byte aligned (SCTLR_EL1.SA); exclusives need
         * natural alignment; plain accesses are unaligned now and then. */
        if (n == 31 || row->test == TEST_EXCL || rng_below(r, 4) != 0) {
            base &= ~(uint64_t)15;
        }
        /* One case in sixteen asks for a fault instead: a misaligned
         * exclusive (alignment fault), or an address outside the 44-bit
         * physical address space (address size fault, the MMU being off).
         * SP stays aligned: QEMU does not check SP alignment (SCTLR_EL1.SA)
         * and phalanx does. */
        if (rng_below(r, 16) == 0) {
            if (row->test == TEST_EXCL && n != 31 && rng_below(r, 2)) {
                base += 1 + rng_below(r, 15);
            } else if (rng_below(r, 2)) {
                base = ((1 + rng_below(r, 15)) << 44) | (rng_next(r) & ((1ull << 44) - 1));
            } else {
                base = (rng_next(r) << 56) | (1ull << 56) | (base & ((1ull << 56) - 1));
            }
            if (n == 31) {
                base &= ~(uint64_t)15;
            }
        }
        if (n >= 0) {
            in[n == 31 ? REC_SP : (unsigned)n] = base;
        }
        if (m >= 0 && m != 31) {
            in[m] = index_value(row, insn, r);
        }
        break;
    }
    case TEST_BRANCH_REG:
        in[(insn >> 5) & 31] = slot + 4 * (c->insn_slot + 2);
        break;
    default:
        break;
    }
    make_fp_inputs(r, in);
}

/* Lays out the code slot: [prefix] insn [skipped insn] [sysreg read-back,
 * reset] B case_exit. */
static void make_slot(const struct a64_insn *row, const struct plan *p, uint32_t prefix,
                      struct dt_case *c)
{
    uint64_t slot = dt_slot_addr(c->id);
    unsigned w = 0;
    memset(c->code, 0, sizeof(c->code));
    if (prefix) {
        c->code[w++] = prefix;
    }
    c->insn_slot = w;
    c->code[w++] = c->insn;
    if (row->test == TEST_BRANCH || row->test == TEST_BRANCH_REG) {
        c->code[w++] = DT_SKIP_INSN;
    }
    if (p->msr_reg && p->sysreg->kind != SYSREG_HARNESS && !c->expect_undef) {
        uint32_t bits = c->insn & SYSREG_BITS;
        unsigned rt = c->insn & 31;
        c->code[w++] = encode_mrs(bits, rt == 31 ? 17 : rt);
        c->code[w++] = encode_msr(bits, 31);
    }
    c->code[w] = encode_b(slot + 4 * w, DT_EXIT);
}

/*
 * Encodings QEMU's cortex-a57 executes but phalanx rejects on purpose because
 * its ID registers do not advertise the feature: an UNDEFINED case drawn from
 * them would only show that difference.
 */
static bool unadvertised_feature(uint32_t insn)
{
    /* PMULL/PMULL2 of 64-bit elements belong to FEAT_PMULL (ID_AA64ISAR0.AES = 2). */
    return (insn & 0xbfe0fc00u) == 0x0ee0e000u;
}

enum dt_skip dt_generate(unsigned row_index, uint64_t seed, unsigned index, bool undef,
                         uint64_t id, struct dt_case *c)
{
    const struct a64_insn *row = &a64_insns[row_index];
    a64_decode_init();
    if (row->test == TEST_NONE) {
        return DT_SKIP_NONE_CLASS;
    }
    memset(c, 0, sizeof(*c));
    c->row = row_index;
    c->index = index;
    c->id = id;
    c->expect_undef = undef;

    struct rng r = { .s = seed * 0xd1342543de82ef95ull ^ hash_name(row->name) ^
                          (index + 1) * 0x9e3779b97f4a7c15ull ^ (undef ? 0x5bd1e995ull : 0) };
    rng_next(&r);
    uint64_t slot = dt_slot_addr(id);

    for (unsigned tries = 0; tries < 4000; tries++) {
        uint32_t insn = ((uint32_t)rng_next(&r) & ~row->mask) | row->value;
        struct plan p;
        memset(&p, 0, sizeof(p));
        /* a store-exclusive with its load-exclusive sits one word later */
        bool try_prefix = row->test == TEST_EXCL && has_field(row, 's') && rng_below(&r, 2) == 0;
        /* sysreg rows walk the whitelist (case k starts at entry k); the
         * registers phalanx rejects are found by random picks */
        unsigned pick = undef ? (unsigned)rng_next(&r) : index + tries;
        if (!shape(row, &r, &insn, slot + (try_prefix ? 4 : 0), pick, &p)) {
            continue;
        }
        const struct a64_insn *got;
        if (dt_phalanx_accepts(insn, &got) == undef || got != row) {
            continue;
        }
        if (undef && unadvertised_feature(insn)) {
            continue;
        }
        if (!registers_ok(row, insn)) {
            continue;
        }
        uint32_t prefix = try_prefix ? exclusive_load_for(row, insn) : 0;
        if (try_prefix && (!prefix || !dt_phalanx_accepts(prefix, NULL))) {
            continue;
        }
        c->insn = insn;
        make_slot(row, &p, prefix, c);
        make_inputs(row, &r, c, &p, c->in);
        return DT_OK;
    }
    return row->test == TEST_SYSREG ? DT_SKIP_NO_SYSREG : DT_SKIP_NO_ENCODING;
}
