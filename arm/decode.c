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

/* Per row, the bit mask of each field letter, for extraction at decode time. */
static uint32_t field_masks[sizeof(a64_insns) / sizeof(a64_insns[0])][26];
static bool decode_ready;

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

void a64_decode_init(void)
{
    if (decode_ready) {
        return;
    }
    for (unsigned i = 0; i < a64_num_insns; i++) {
        pattern_masks(a64_insns[i].pattern, &a64_insns[i].mask, &a64_insns[i].value,
                      field_masks[i]);
    }
    decode_ready = true;
}

/* Gathers the bits of insn under mask, MSB first, into the low bits. */
static uint32_t gather_bits(uint32_t insn, uint32_t mask)
{
    uint32_t out = 0;
    for (int b = 31; b >= 0; b--) {
        if (mask & (1u << b)) {
            out = (out << 1) | ((insn >> b) & 1);
        }
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
    for (unsigned i = 0; i < a64_num_insns; i++) {
        const struct a64_insn *row = &a64_insns[i];
        if ((insn & row->mask) != row->value) {
            continue;
        }
        for (int l = 0; l < 26; l++) {
            args->field[l] = field_masks[i][l] ? gather_bits(insn, field_masks[i][l]) : 0;
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
