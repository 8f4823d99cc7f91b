/*
 * Unit tests of the A64 encoding table and the table-driven decoder: the
 * table is well formed, fields round-trip, known encodings find their row,
 * and no row is dead (fully shadowed by earlier rows, since the first match
 * wins). The table grows as instruction groups are added; these tests make no
 * assumption about its size.
 */
#include <glib.h>
#include <string.h>

#include "arm/cpu.h"
#include "arm/decode.h"
#include "arm/translate.h"

/* Records a failure and goes on, so that one run lists every offender. */
#define FAIL(...)                   \
    do {                            \
        g_test_message(__VA_ARGS__); \
        g_test_fail();              \
    } while (0)

/* Registers-like fields the random tester fills with register numbers. */
static const char register_letters[] = "dnmatus";

static unsigned fixed_bits(const struct a64_insn *row)
{
    return (unsigned)__builtin_popcount(row->mask);
}

static void test_table_well_formed(void)
{
    a64_decode_init();
    g_assert_cmpuint(a64_num_insns, >, 0);
    for (unsigned i = 0; i < a64_num_insns; i++) {
        const struct a64_insn *row = &a64_insns[i];
        g_assert_nonnull(row->name);
        g_assert_nonnull(row->pattern);
        g_assert_nonnull(row->trans);
        if (strlen(row->pattern) != 32) {
            FAIL("row %s: pattern '%s' has %zu characters, not 32", row->name,
                               row->pattern, strlen(row->pattern));
            continue;
        }
        uint32_t mask = 0, value = 0;
        for (int b = 0; b < 32; b++) {
            char c = row->pattern[b];
            uint32_t bit = 1u << (31 - b);
            if (c == '0' || c == '1') {
                mask |= bit;
                value |= c == '1' ? bit : 0;
            } else if (!(c >= 'a' && c <= 'z')) {
                FAIL("row %s: bad character '%c' in pattern", row->name, c);
            }
        }
        g_assert_cmphex(row->mask, ==, mask);
        g_assert_cmphex(row->value, ==, value);
        g_assert_cmphex(row->value & ~row->mask, ==, 0);
        g_assert_cmpint(row->test, >=, TEST_ALU);
        g_assert_cmpint(row->test, <=, TEST_NONE);

        /* Letter conventions the random tester relies on. */
        for (const char *l = register_letters; *l; l++) {
            unsigned w = a64_field_width(row->pattern, *l);
            if (w != 0 && w != 5) {
                FAIL("row %s: register field '%c' is %u bits, not 5", row->name,
                                   *l, w);
            }
        }
        unsigned fw = a64_field_width(row->pattern, 'f');
        if (fw != 0 && fw != 1) {
            FAIL("row %s: sf field 'f' is %u bits, not 1", row->name, fw);
        }
    }
}

static void test_names_unique(void)
{
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (unsigned i = 0; i < a64_num_insns; i++) {
        if (g_hash_table_contains(seen, a64_insns[i].name)) {
            FAIL("row name %s appears twice", a64_insns[i].name);
        }
        g_hash_table_add(seen, (gpointer)a64_insns[i].name);
    }
    g_hash_table_destroy(seen);
}

static void test_init_idempotent(void)
{
    a64_decode_init();
    uint32_t mask0 = a64_insns[0].mask, value0 = a64_insns[0].value;
    a64_decode_init();
    g_assert_cmphex(a64_insns[0].mask, ==, mask0);
    g_assert_cmphex(a64_insns[0].value, ==, value0);
}

static void test_field_round_trip(void)
{
    /* A pattern with a split field ('i' in two places) and one-bit fields. */
    const char *p = "f00100010hiiiiiiiiiiiinnnnnddddd";
    g_assert_cmpuint(a64_field_width(p, 'f'), ==, 1);
    g_assert_cmpuint(a64_field_width(p, 'h'), ==, 1);
    g_assert_cmpuint(a64_field_width(p, 'i'), ==, 12);
    g_assert_cmpuint(a64_field_width(p, 'n'), ==, 5);
    g_assert_cmpuint(a64_field_width(p, 'z'), ==, 0);

    uint32_t insn = 0x91000420; /* add x0, x1, #1 */
    g_assert_cmpuint(a64_field(p, 'f', insn), ==, 1);
    g_assert_cmpuint(a64_field(p, 'h', insn), ==, 0);
    g_assert_cmpuint(a64_field(p, 'i', insn), ==, 1);
    g_assert_cmpuint(a64_field(p, 'n', insn), ==, 1);
    g_assert_cmpuint(a64_field(p, 'd', insn), ==, 0);
    g_assert_cmpuint(a64_field(p, 'z', insn), ==, 0);

    const char *split = "ii0iiiii0000000000000000000nnnnn"; /* i = bits 31:30 and 28:24 */
    GRand *rng = g_rand_new_with_seed(1);
    for (int k = 0; k < 2000; k++) {
        uint32_t base = g_rand_int(rng);
        uint32_t v = g_rand_int(rng) & 0x7f;
        uint32_t n = g_rand_int(rng) & 0x1f;
        uint32_t x = a64_set_field(split, 'i', base, v);
        x = a64_set_field(split, 'n', x, n);
        g_assert_cmpuint(a64_field(split, 'i', x), ==, v);
        g_assert_cmpuint(a64_field(split, 'n', x), ==, n);
        /* Bits outside the fields are untouched. */
        uint32_t outside = ~(0xdf000000u | 0x1fu);
        g_assert_cmphex(x & outside, ==, base & outside);
        /* The MSB of the value goes to the leftmost letter. */
        g_assert_cmpuint((x >> 31) & 1, ==, (v >> 6) & 1);
        g_assert_cmpuint((x >> 24) & 1, ==, v & 1);
        /* Values wider than the field are truncated to it. */
        g_assert_cmpuint(a64_field(split, 'n', a64_set_field(split, 'n', x, n | 0xe0)), ==, n);
    }
    g_rand_free(rng);
}

/* Other groups rename and split rows as they grow: match on the mnemonic. */
static const struct a64_insn *expect_row(uint32_t insn, const char *name_prefix,
                                         struct a64_args *a)
{
    const struct a64_insn *row = a64_decode(insn, a);
    if (!row) {
        FAIL("%08x: no row, expected %s*", insn, name_prefix);
    } else if (strncmp(row->name, name_prefix, strlen(name_prefix))) {
        FAIL("%08x: decoded as %s, expected %s*", insn, row->name, name_prefix);
    }
    return row;
}

static void test_decode_known(void)
{
    struct a64_args a;
    memset(&a, 0xa5, sizeof(a));
    const struct a64_insn *row = a64_decode(0x91000420, &a); /* add x0, x1, #1 */
    g_assert_nonnull(row);
    g_assert_cmpstr(row->name, ==, "ADD_imm");
    g_assert_cmpuint(a.f, ==, 1);
    g_assert_cmpuint(a.h, ==, 0);
    g_assert_cmpuint(a.i, ==, 1);
    g_assert_cmpuint(a.n, ==, 1);
    g_assert_cmpuint(a.d, ==, 0);
    /* Letters the row does not use are zeroed, not left over. */
    g_assert_cmpuint(a.t, ==, 0);
    g_assert_cmpuint(a.z, ==, 0);

    row = a64_decode(0xd4000002, &a); /* hvc #0 */
    g_assert_nonnull(row);
    g_assert_cmpstr(row->name, ==, "HVC");
    g_assert_cmpuint(a.i, ==, 0);
    row = a64_decode(0xd4000042, &a); /* hvc #2 */
    g_assert_nonnull(row);
    g_assert_cmpstr(row->name, ==, "HVC");
    g_assert_cmpuint(a.i, ==, 2);

    if (expect_row(0x51000c41, "SUB", &a)) { /* sub w1, w2, #3 */
        g_assert_cmpuint(a.f, ==, 0);
        g_assert_cmpuint(a.i, ==, 3);
        g_assert_cmpuint(a.n, ==, 2);
        g_assert_cmpuint(a.d, ==, 1);
    }
    if (expect_row(0xd2a10800, "MOVZ", &a)) { /* movz x0, #0x840, lsl #16 */
        g_assert_cmpuint(a.i, ==, 0x840);
    }
    if (expect_row(0x17ffffff, "B", &a)) { /* b .-4 */
        g_assert_cmpuint(a.i, ==, 0x3ffffff);
    }
    if (expect_row(0x54000041, "B_cond", &a)) { /* b.ne .+8 */
        g_assert_cmpuint(a.c, ==, 1);
        g_assert_cmpuint(a.i, ==, 2);
    }
    if (expect_row(0xf9400421, "LDR", &a)) { /* ldr x1, [x1, #8] */
        g_assert_cmpuint(a.i, ==, 1);
        g_assert_cmpuint(a.n, ==, 1);
        g_assert_cmpuint(a.t, ==, 1);
    }
    expect_row(0xb1000420, "ADDS", &a);  /* adds x0, x1, #1 */
    expect_row(0xf100041f, "SUBS", &a);  /* cmp x0, #1 */
    expect_row(0xb9000020, "STR", &a);   /* str w0, [x1] */
    expect_row(0x39000020, "STR", &a);   /* strb w0, [x1] */
    expect_row(0x39400020, "LDR", &a);   /* ldrb w0, [x1] */
    expect_row(0xd4000001, "SVC", &a);   /* svc #0 */
    expect_row(0xd4000003, "SMC", &a);   /* smc #0 */
    expect_row(0xd4200000, "BRK", &a);   /* brk #0 */
    expect_row(0xd69f03e0, "ERET", &a);
}

static void test_decode_unmatched(void)
{
    struct a64_args a;
    /* 0x00000000 is UDF #0 (permanently undefined): no row may claim it. */
    g_assert_null(a64_decode(0x00000000, &a));
    g_assert_null(a64_decode(0x0000ffff, &a)); /* udf #0xffff */
}

/*
 * An encoding made of the row's fixed bits with random field values must
 * decode to the row itself or to an earlier row. A row that never decodes to
 * itself is dead: earlier rows shadow every encoding it describes.
 */
static void test_no_dead_rows(void)
{
    GRand *rng = g_rand_new_with_seed(0x5eed);
    a64_decode_init();
    for (unsigned i = 0; i < a64_num_insns; i++) {
        const struct a64_insn *row = &a64_insns[i];
        unsigned free_bits = 32 - fixed_bits(row);
        /* Few free bits: try them all; else a fixed number of random samples. */
        uint64_t samples = free_bits <= 12 ? (1ull << free_bits) : 4096;
        unsigned hits = 0;
        const struct a64_insn *shadow = NULL;
        for (uint64_t k = 0; k < samples; k++) {
            uint32_t fields = free_bits <= 12 ? (uint32_t)k : g_rand_int(rng);
            /* Scatter 'fields' into the free bit positions. */
            uint32_t insn = row->value, src = fields;
            for (int b = 0; b < 32; b++) {
                if (!(row->mask & (1u << b))) {
                    insn |= (src & 1) << b;
                    src >>= 1;
                }
            }
            struct a64_args a;
            const struct a64_insn *got = a64_decode(insn, &a);
            if (!got) {
                FAIL("row %s: %08x matches it but decodes to nothing", row->name,
                                   insn);
                break;
            }
            if (got > row) {
                FAIL("row %s: %08x decodes to later row %s", row->name, insn,
                                   got->name);
                break;
            }
            if (got == row) {
                hits++;
            } else {
                shadow = got;
            }
        }
        if (hits == 0 && samples > 0) {
            FAIL("row %s (%s) is dead: every encoding tried decodes to an earlier "
                               "row (e.g. %s)", row->name, row->pattern,
                               shadow ? shadow->name : "?");
        }
    }
    g_rand_free(rng);
}

/*
 * Exact check of the common case: an earlier row whose fixed bits are a
 * subset of this row's, agreeing on them, matches everything this row does.
 */
static void test_no_row_contained_in_earlier(void)
{
    a64_decode_init();
    for (unsigned i = 0; i < a64_num_insns; i++) {
        const struct a64_insn *row = &a64_insns[i];
        for (unsigned j = 0; j < i; j++) {
            const struct a64_insn *e = &a64_insns[j];
            if ((e->mask & row->mask) == e->mask && (row->value & e->mask) == e->value) {
                FAIL("row %s is dead: earlier row %s matches all of it "
                                   "(%s vs %s)", row->name, e->name, row->pattern, e->pattern);
                break;
            }
        }
    }
}

/*
 * Every translator, fed random encodings of its row at EL0 and EL1, either
 * refuses (UNDEFINED) or fills in exactly its one op: a handler, and register
 * slots inside the register file. The op is a heap block of one op, so the
 * sanitizer build catches a translator that writes past it.
 */
static void test_translators_fill_op(void)
{
    GRand *rng = g_rand_new_with_seed(0xc0de);
    a64_decode_init();
    for (unsigned i = 0; i < a64_num_insns; i++) {
        const struct a64_insn *row = &a64_insns[i];
        for (unsigned k = 0; k < 512; k++) {
            uint32_t insn = row->value | (g_rand_int(rng) & ~row->mask);
            struct a64_args a;
            if (a64_decode(insn, &a) != row) {
                continue; /* an earlier, more specific row takes it */
            }
            struct op *op = g_new0(struct op, 1);
            struct dc dc = {
                .pc = 0x40080000ull + 4 * k, .insn = insn, .tb_flags = k & 1, .op = op,
            };
            bool ok = row->trans(&dc, &a);
            if (ok) {
                if (!op->fn) {
                    FAIL("row %s: %08x translated without a handler", row->name, insn);
                }
                if (op->d >= NUM_REG_SLOTS || op->n >= NUM_REG_SLOTS ||
                    op->m >= NUM_REG_SLOTS || op->a >= NUM_REG_SLOTS) {
                    FAIL("row %s: %08x has a register slot out of range (d=%u n=%u m=%u "
                         "a=%u)", row->name, insn, op->d, op->n, op->m, op->a);
                }
            }
            g_free(op);
        }
    }
    g_rand_free(rng);
}

static void test_describe(void)
{
    struct a64_args a;
    const struct a64_insn *row = a64_decode(0x91000420, &a);
    g_assert_nonnull(row);
    char buf[128];
    a64_describe(row, 0x91000420, buf, sizeof(buf));
    g_assert_cmpstr(buf, ==, "ADD_imm d=0 f=1 h=0 i=1 n=1");
    a64_describe(row, 0x910fffff, buf, sizeof(buf));
    g_assert_true(strstr(buf, "i=0x3ff") != NULL);
    /* Truncation never writes past the buffer. */
    char tiny[8];
    memset(tiny, 'x', sizeof(tiny));
    a64_describe(row, 0x91000420, tiny, 6);
    g_assert_cmpstr(tiny, ==, "ADD_i");
    g_assert_cmpint(tiny[6], ==, 'x');
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/decode/table_well_formed", test_table_well_formed);
    g_test_add_func("/decode/names_unique", test_names_unique);
    g_test_add_func("/decode/init_idempotent", test_init_idempotent);
    g_test_add_func("/decode/field_round_trip", test_field_round_trip);
    g_test_add_func("/decode/known_encodings", test_decode_known);
    g_test_add_func("/decode/unmatched", test_decode_unmatched);
    g_test_add_func("/decode/no_dead_rows", test_no_dead_rows);
    g_test_add_func("/decode/no_row_contained_in_earlier", test_no_row_contained_in_earlier);
    g_test_add_func("/decode/translators_fill_op", test_translators_fill_op);
    g_test_add_func("/decode/describe", test_describe);
    return g_test_run();
}
