/* A small bytecode interpreter: a register machine with a switch-dispatched
 * loop (an indirect branch per bytecode, many conditional branches) runs a
 * program that sums the Collatz sequence lengths of 1..LIMIT. */
#include "bench.h"

#define LIMIT BENCH_SIZE(50000, 1000)

enum opcode {
    OP_LOADI,   /* r[a] = imm */
    OP_ADD,     /* r[a] = r[b] + r[c] */
    OP_ADDI,    /* r[a] = r[b] + imm */
    OP_MULI,    /* r[a] = r[b] * imm */
    OP_ANDI,    /* r[a] = r[b] & imm */
    OP_SHRI,    /* r[a] = r[b] >> imm */
    OP_XOR,     /* r[a] = r[b] ^ r[c] */
    OP_JMP,     /* pc += imm */
    OP_JZ,      /* if r[a] == 0: pc += imm */
    OP_JEQI,    /* if r[a] == b: pc += imm */
    OP_JLE,     /* if r[a] <= r[b]: pc += imm */
    OP_HALT,
};

struct insn {
    uint8_t op, a, b, c;
    int32_t imm;
};

#define I(op, a, b, c, imm) {OP_##op, a, b, c, imm}

/* r0 = n, r1 = limit, r2 = total steps, r3 = x, r4 = scratch, r5 = hash.
 * Jump offsets are relative to the next instruction. */
static const struct insn program[] = {
    /*  0 */ I(LOADI, 0, 0, 0, 1),
    /*  1 */ I(LOADI, 1, 0, 0, LIMIT),
    /*  2 */ I(LOADI, 2, 0, 0, 0),
    /*  3 */ I(LOADI, 5, 0, 0, 0),
    /*  4 */ I(ADDI, 3, 0, 0, 0),        /* loop: x = n */
    /*  5 */ I(JEQI, 3, 1, 0, 8),        /* inner: if x == 1 goto next */
    /*  6 */ I(ANDI, 4, 3, 0, 1),
    /*  7 */ I(JZ, 4, 0, 0, 3),          /* even */
    /*  8 */ I(MULI, 3, 3, 0, 3),
    /*  9 */ I(ADDI, 3, 3, 0, 1),
    /* 10 */ I(JMP, 0, 0, 0, 1),
    /* 11 */ I(SHRI, 3, 3, 0, 1),        /* even: x >>= 1 */
    /* 12 */ I(ADDI, 2, 2, 0, 1),        /* steps++ */
    /* 13 */ I(JMP, 0, 0, 0, -9),        /* goto inner */
    /* 14 */ I(XOR, 5, 5, 2, 0),         /* next: hash = (hash ^ steps) * 31 */
    /* 15 */ I(MULI, 5, 5, 0, 31),
    /* 16 */ I(ADDI, 0, 0, 0, 1),
    /* 17 */ I(JLE, 0, 1, 0, -14),       /* if n <= limit goto loop */
    /* 18 */ I(HALT, 0, 0, 0, 0),
};

static BENCH_DATA uint64_t regs[8];

static uint64_t run(const struct insn *code)
{
    const struct insn *pc = code;
    uint64_t executed = 0;
    for (;;) {
        const struct insn *in = pc++;
        executed++;
        switch (in->op) {
        case OP_LOADI:
            regs[in->a] = (uint64_t)(int64_t)in->imm;
            break;
        case OP_ADD:
            regs[in->a] = regs[in->b] + regs[in->c];
            break;
        case OP_ADDI:
            regs[in->a] = regs[in->b] + (uint64_t)(int64_t)in->imm;
            break;
        case OP_MULI:
            regs[in->a] = regs[in->b] * (uint64_t)(int64_t)in->imm;
            break;
        case OP_ANDI:
            regs[in->a] = regs[in->b] & (uint64_t)(int64_t)in->imm;
            break;
        case OP_SHRI:
            regs[in->a] = regs[in->b] >> (in->imm & 63);
            break;
        case OP_XOR:
            regs[in->a] = regs[in->b] ^ regs[in->c];
            break;
        case OP_JMP:
            pc += in->imm;
            break;
        case OP_JZ:
            if (regs[in->a] == 0) {
                pc += in->imm;
            }
            break;
        case OP_JEQI:
            if (regs[in->a] == in->b) {
                pc += in->imm;
            }
            break;
        case OP_JLE:
            if (regs[in->a] <= regs[in->b]) {
                pc += in->imm;
            }
            break;
        case OP_HALT:
            return executed;
        default:
            CHECK(0);
        }
    }
}

int main(void)
{
    uint64_t executed = run(program);
    guest_puts("interp: collatz steps ");
    guest_put_dec(regs[2]);
    guest_puts(" hash ");
    guest_put_hex(regs[5]);
    guest_puts(" for 1..");
    guest_put_dec(LIMIT);
    guest_puts(", ");
    guest_put_dec(executed);
    guest_puts(" bytecodes\n");
    return 0;
}
