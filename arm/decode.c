/* Table-driven A64 decoder: builds mask/value pairs from the encoding table. */
#include "arm/decode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arm/translate.h"

struct a64_insn a64_insns[] = {
#define INSN(name_, pattern_, test_) \
    { .name = #name_, .pattern = pattern_, .trans = trans_##name_, .test = test_ },
#include "arm/a64_insns.h"
#undef INSN
};

const unsigned a64_num_insns = sizeof(a64_insns) / sizeof(a64_insns[0]);

#define NUM_ROWS (sizeof(a64_insns) / sizeof(a64_insns[0]))

/* Per row, the bit mask of each field letter, for extraction at decode time,
 * and which letters the row has at all. */
static uint32_t field_masks[NUM_ROWS][26];
static uint32_t letters_used[NUM_ROWS];
static bool decode_ready;

/*
 * Decoding scans only the rows that can match the instruction's top bits:
 * for each value of bits 31..21 a list of candidate rows in table order (so
 * the first match still wins). A linear scan of all 700 rows made decoding a
 * visible share of a Linux boot.
 */
#define BUCKET_SHIFT 21
#define NUM_BUCKETS  (1u << (32 - BUCKET_SHIFT))
static uint32_t bucket_start[NUM_BUCKETS + 1];
static uint16_t bucket_rows[NUM_BUCKETS * 64]; /* sized by the check in build_buckets */

static void pattern_masks(const char *pattern, uint32_t *mask, uint32_t *value,
                          uint32_t letters[26])
{
    if (strlen(pattern) != 32) {
        fprintf(stderr, "phalanx: encoding pattern '%s' is not 32 bits\n", pattern);
        abort();
    }
    *mask = *value = 0;
    memset(letters, 0, 26 * sizeof(letters[0]));
    for (int i = 0; i < 32; i++) {
        uint32_t bit = 1u << (31 - i);
        char c = pattern[i];
        if (c == '0' || c == '1') {
            *mask |= bit;
            *value |= c == '1' ? bit : 0;
        } else if (c >= 'a' && c <= 'z') {
            letters[c - 'a'] |= bit;
        } else {
            fprintf(stderr, "phalanx: bad character '%c' in pattern '%s'\n", c, pattern);
            abort();
        }
    }
}

static bool row_fits_bucket(const struct a64_insn *row, uint32_t bucket)
{
    uint32_t top = bucket << BUCKET_SHIFT;
    uint32_t top_mask = row->mask & ~((1u << BUCKET_SHIFT) - 1);
    return (top & top_mask) == (row->value & top_mask);
}

static void build_buckets(void)
{
    uint32_t used = 0;
    for (uint32_t b = 0; b < NUM_BUCKETS; b++) {
        bucket_start[b] = used;
        for (unsigned i = 0; i < a64_num_insns; i++) {
            if (!row_fits_bucket(&a64_insns[i], b)) {
                continue;
            }
            if (used == sizeof(bucket_rows) / sizeof(bucket_rows[0])) {
                fprintf(stderr, "phalanx: decoder buckets overflow; raise bucket_rows\n");
                abort();
            }
            bucket_rows[used++] = (uint16_t)i;
        }
    }
    bucket_start[NUM_BUCKETS] = used;
}

void a64_decode_init(void)
{
    if (decode_ready) {
        return;
    }
    for (unsigned i = 0; i < a64_num_insns; i++) {
        pattern_masks(a64_insns[i].pattern, &a64_insns[i].mask, &a64_insns[i].value,
                      field_masks[i]);
        for (int l = 0; l < 26; l++) {
            letters_used[i] |= field_masks[i][l] ? 1u << l : 0;
        }
    }
    build_buckets();
    decode_ready = true;
}

/* Gathers the bits of insn under mask, MSB first, into the low bits. */
static uint32_t gather_bits(uint32_t insn, uint32_t mask)
{
    uint32_t out = 0;
    while (mask) {
        int b = 31 - __builtin_clz(mask);
        out = (out << 1) | ((insn >> b) & 1);
        mask &= ~(1u << b);
    }
    return out;
}

static uint32_t scatter_bits(uint32_t insn, uint32_t mask, uint32_t value)
{
    for (int b = 0; b < 32; b++) {
        if (mask & (1u << b)) {
            insn = (insn & ~(1u << b)) | ((value & 1) << b);
            value >>= 1;
        }
    }
    return insn;
}

static uint32_t letter_mask(const char *pattern, char letter)
{
    uint32_t mask = 0;
    for (int i = 0; i < 32 && pattern[i]; i++) {
        if (pattern[i] == letter) {
            mask |= 1u << (31 - i);
        }
    }
    return mask;
}

uint32_t a64_field(const char *pattern, char letter, uint32_t insn)
{
    return gather_bits(insn, letter_mask(pattern, letter));
}

uint32_t a64_set_field(const char *pattern, char letter, uint32_t insn, uint32_t value)
{
    return scatter_bits(insn, letter_mask(pattern, letter), value);
}

unsigned a64_field_width(const char *pattern, char letter)
{
    return (unsigned)__builtin_popcount(letter_mask(pattern, letter));
}

const struct a64_insn *a64_decode(uint32_t insn, struct a64_args *args)
{
    a64_decode_init();
    uint32_t bucket = insn >> BUCKET_SHIFT;
    for (uint32_t k = bucket_start[bucket]; k < bucket_start[bucket + 1]; k++) {
        unsigned i = bucket_rows[k];
        const struct a64_insn *row = &a64_insns[i];
        if ((insn & row->mask) != row->value) {
            continue;
        }
        memset(args, 0, sizeof(*args));
        for (uint32_t left = letters_used[i]; left; left &= left - 1) {
            int l = __builtin_ctz(left);
            args->field[l] = gather_bits(insn, field_masks[i][l]);
        }
        return row;
    }
    return NULL;
}

char *a64_describe(const struct a64_insn *row, uint32_t insn, char *buf, unsigned len)
{
    unsigned used = (unsigned)snprintf(buf, len, "%s", row->name);
    for (char l = 'a'; l <= 'z' && used < len; l++) {
        uint32_t mask = letter_mask(row->pattern, l);
        if (mask) {
            uint32_t v = gather_bits(insn, mask);
            used += (unsigned)snprintf(buf + used, len - used, v > 9 ? " %c=0x%x" : " %c=%u",
                                       l, v);
        }
    }
    return buf;
}
