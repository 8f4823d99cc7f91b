/* CRC32 over a pseudo-random buffer: a table-driven software CRC-32 and the
 * same CRC with the CRC32X/W/H/B instructions (which must agree), then
 * CRC-32C with the CRC32C instructions. */
#include <arm_acle.h>

#include "bench.h"

#define BUF_BYTES 65536u
#define SW_ROUNDS BENCH_SIZE(480, 5)
#define HW_ROUNDS BENCH_SIZE(1920, 20)

static BENCH_DATA uint8_t buf[BUF_BYTES];
static BENCH_DATA uint32_t table[256];

static void make_table(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) {
            c = (c >> 1) ^ (0xedb88320u & -(c & 1));
        }
        table[i] = c;
    }
}

static uint32_t crc32_table(uint32_t crc, const uint8_t *p, uint32_t n)
{
    crc = ~crc;
    for (uint32_t i = 0; i < n; i++) {
        crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    }
    return ~crc;
}

/* Odd start and length so every width of the instruction is used. */
static uint32_t crc32_insn(uint32_t crc, const uint8_t *p, uint32_t n)
{
    crc = ~crc;
    if (n && ((uintptr_t)p & 1)) {
        crc = __crc32b(crc, *p++);
        n--;
    }
    if (n >= 2 && ((uintptr_t)p & 2)) {
        crc = __crc32h(crc, *(const uint16_t *)p);
        p += 2;
        n -= 2;
    }
    if (n >= 4 && ((uintptr_t)p & 4)) {
        crc = __crc32w(crc, *(const uint32_t *)p);
        p += 4;
        n -= 4;
    }
    for (; n >= 8; n -= 8, p += 8) {
        crc = __crc32d(crc, *(const uint64_t *)p);
    }
    if (n >= 4) {
        crc = __crc32w(crc, *(const uint32_t *)p);
        p += 4;
        n -= 4;
    }
    if (n >= 2) {
        crc = __crc32h(crc, *(const uint16_t *)p);
        p += 2;
        n -= 2;
    }
    if (n) {
        crc = __crc32b(crc, *p);
    }
    return ~crc;
}

static uint32_t crc32c_insn(uint32_t crc, const uint8_t *p, uint32_t n)
{
    crc = ~crc;
    for (; n >= 8; n -= 8, p += 8) {
        crc = __crc32cd(crc, *(const uint64_t *)p);
    }
    for (; n; n--) {
        crc = __crc32cb(crc, *p++);
    }
    return ~crc;
}

int main(void)
{
    struct bench_rng rng = {0x9e3779b97f4a7c15ull};
    for (uint32_t i = 0; i < BUF_BYTES; i += 8) {
        uint64_t v = bench_rand(&rng);
        for (int k = 0; k < 8; k++) {
            buf[i + k] = (uint8_t)(v >> (8 * k));
        }
    }
    make_table();

    /* Chain the rounds (each round's CRC seeds the next) so none can be
     * skipped, and vary start and length a little per round. */
    uint32_t sw = 0, hw = 0, c = 0;
    for (uint32_t r = 0; r < SW_ROUNDS; r++) {
        sw = crc32_table(sw, buf + (r & 7), BUF_BYTES - 8 - (r & 3));
    }
    for (uint32_t r = 0; r < SW_ROUNDS; r++) {
        hw = crc32_insn(hw, buf + (r & 7), BUF_BYTES - 8 - (r & 3));
    }
    CHECK(sw == hw);
    for (uint32_t r = 0; r < HW_ROUNDS; r++) {
        c = crc32c_insn(c, buf + 8 * (r & 3), BUF_BYTES - 32 - (r & 7));
    }
    guest_puts("crc32: crc32 ");
    bench_put_hex32(sw);
    guest_puts(" crc32c ");
    bench_put_hex32(c);
    guest_puts(", ");
    guest_put_dec(BUF_BYTES);
    guest_puts(" bytes, ");
    guest_put_dec(SW_ROUNDS);
    guest_puts("+");
    guest_put_dec(HW_ROUNDS);
    guest_puts(" rounds\n");
    return 0;
}
