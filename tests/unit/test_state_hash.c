/*
 * Unit tests of arm_state_hash (-d hash): equal architectural states hash
 * equal whatever the emulator's bookkeeping holds (the stale bank of the live
 * stack pointer, the write sink), and a change to any piece of state changes
 * the hash.
 */
#include <glib.h>

#include "arm/cpu.h"
#include "util/hash.h"

static struct arm_state fresh(void)
{
    struct arm_state s;
    arm_state_reset(&s, 0x40080000);
    for (unsigned i = 0; i < 31; i++) {
        s.x[i] = 0x1111111111111111ull * (i + 1);
    }
    s.x[REG_SP] = 0x4000fff0;
    s.sp_el[0] = 0x1000;
    return s;
}

static void test_bookkeeping_ignored(void)
{
    struct arm_state a = fresh(), b = fresh();
    b.x[REG_SINK] = 0xdeadbeef;      /* writes to XZR land here */
    b.sp_el[1] = 0x1234;             /* stale: SP_EL1 is live in x[REG_SP] */
    g_assert_cmphex(arm_state_hash(&a), ==, arm_state_hash(&b));
}

static void test_sp_banks_follow_pstate(void)
{
    struct arm_state a = fresh(), b = fresh();
    /* Same SP_EL0 and SP_EL1, one with SP_EL0 selected: different PSTATE.SP. */
    arm_set_sp_bank(&b, 1, 0);
    g_assert_cmphex(arm_state_hash(&a), !=, arm_state_hash(&b));
    arm_set_sp_bank(&b, 1, 1);
    g_assert_cmphex(arm_state_hash(&a), ==, arm_state_hash(&b));
}

static void test_every_change_shows(void)
{
    struct arm_state base = fresh();
    uint64_t h = arm_state_hash(&base);
    struct arm_state s;
#define EXPECT_CHANGE(stmt)                                         \
    do {                                                            \
        s = base;                                                   \
        stmt;                                                       \
        g_assert_cmphex(arm_state_hash(&s), !=, h);                 \
    } while (0)
    EXPECT_CHANGE(s.x[0] ^= 1);
    EXPECT_CHANGE(s.x[30] ^= 1ull << 63);
    EXPECT_CHANGE(s.x[REG_SP] += 16);
    EXPECT_CHANGE(s.sp_el[0] += 16);
    EXPECT_CHANGE(s.pc += 4);
    EXPECT_CHANGE(s.nzcv = NZCV_Z);
    EXPECT_CHANGE(s.daif = 0);
    EXPECT_CHANGE(s.pan = 1);
    EXPECT_CHANGE(s.il = 1);
    EXPECT_CHANGE(s.excl_valid = 1);
    EXPECT_CHANGE(s.vreg[31][1] = 1);
    EXPECT_CHANGE(s.fpcr = 1u << 24);
    EXPECT_CHANGE(s.fpsr = 1);
    EXPECT_CHANGE(s.el1.ttbr0 = 0x1000);
    EXPECT_CHANGE(s.el1.oslk = 0);
    EXPECT_CHANGE(s.tpidr_el0 = 7);
    EXPECT_CHANGE(s.timer_cval[1] = 99);
    EXPECT_CHANGE(s.icount++);
#undef EXPECT_CHANGE
}

static void test_hash_bytes_length(void)
{
    /* Trailing zero bytes still count: 7 zero bytes differ from 6. */
    static const uint8_t zeros[16];
    g_assert_cmphex(hash_bytes(HASH_SEED, zeros, 7), !=, hash_bytes(HASH_SEED, zeros, 6));
    g_assert_cmphex(hash_bytes(HASH_SEED, zeros, 16), !=, hash_bytes(HASH_SEED, zeros, 8));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/state_hash/bookkeeping_ignored", test_bookkeeping_ignored);
    g_test_add_func("/state_hash/sp_banks_follow_pstate", test_sp_banks_follow_pstate);
    g_test_add_func("/state_hash/every_change_shows", test_every_change_shows);
    g_test_add_func("/state_hash/hash_bytes_length", test_hash_bytes_length);
    return g_test_run();
}
