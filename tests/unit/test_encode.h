/*
 * Encoding instructions for unit tests from the encoding table itself, so a
 * test names a row and its fields instead of hand-assembled hex.
 */
#ifndef PHALANX_TESTS_UNIT_TEST_ENCODE_H
#define PHALANX_TESTS_UNIT_TEST_ENCODE_H

#include <glib.h>
#include <stdarg.h>
#include <string.h>

#include "arm/decode.h"

static inline const struct a64_insn *row_named(const char *name)
{
    a64_decode_init();
    for (unsigned i = 0; i < a64_num_insns; i++) {
        if (strcmp(a64_insns[i].name, name) == 0) {
            return &a64_insns[i];
        }
    }
    g_error("no table row %s", name);
}

/* Encodes row 'name' with the given fields: pairs of letter, value, ended by 0. */
static inline uint32_t encode(const char *name, ...)
{
    const struct a64_insn *row = row_named(name);
    uint32_t insn = row->value;
    va_list ap;
    va_start(ap, name);
    for (int letter = va_arg(ap, int); letter; letter = va_arg(ap, int)) {
        insn = a64_set_field(row->pattern, (char)letter, insn, va_arg(ap, uint32_t));
    }
    va_end(ap);
    return insn;
}

#endif
