/*
 * Condition code table: bit i of arm_cond_table[cond] is ConditionHolds(cond)
 * (ARM ARM shared/functions/system/ConditionHolds) for NZCV == i. The unit
 * test tests/unit/test_flags.c recomputes it from the pseudocode.
 */
#include "arm/flags.h"

const uint16_t arm_cond_table[16] = {
    0xf0f0, 0x0f0f, /* EQ NE */
    0xcccc, 0x3333, /* CS CC */
    0xff00, 0x00ff, /* MI PL */
    0xaaaa, 0x5555, /* VS VC */
    0x0c0c, 0xf3f3, /* HI LS */
    0xaa55, 0x55aa, /* GE LT */
    0x0a05, 0xf5fa, /* GT LE */
    0xffff, 0xffff, /* AL NV */
};
