/* Builds translation blocks: decodes instructions into ops until a branch,
 * a page end or the size limit. */
#include "tcg/translate_block.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "arm/decode.h"
#include "arm/exception.h"
#include "arm/translate.h"
#include "devices/bus.h"
#include "tcg/tb_cache.h"
#include "util/log.h"

static const struct op *op_undefined(struct vcpu *cpu, const struct op *op)
{
    cpu_raise_sync(cpu, op, EC_UNKNOWN, 0, 0);
}

/* With PSTATE.IL set every instruction takes an Illegal Execution state
 * exception before it executes (ARM ARM D1.4.5). */
static const struct op *op_illegal_state(struct vcpu *cpu, const struct op *op)
{
    cpu_raise_sync(cpu, op, EC_ILLEGAL_STATE, 0, 0);
}

/* Exit op of a block that does not end in a branch. */
static const struct op *op_goto_next(struct vcpu *cpu, const struct op *op)
{
    return cpu_goto(cpu, 0, op->imm);
}

bool translate_fetch_check(struct vcpu *cpu, uint64_t pc, uint64_t *phys_pc)
{
    uint32_t ec = cpu->s.el ? EC_INSN_ABORT_SAME : EC_INSN_ABORT_LOWER;
    uint32_t fsc = 0;
    if (pc & 3) {
        ec = EC_PC_ALIGN;
    } else if (tlb_fetch(cpu, pc, phys_pc, &fsc)) {
        return true;
    }
    log_item_printf(LOG_INT, "exception: EC 0x%02x on fetch at pc 0x%016" PRIx64 "\n", ec, pc);
    cpu->stats.exceptions++;
    arm_take_exception(&cpu->s, EXC_SYNC, arm_syndrome(ec, fsc), pc, 1, pc);
    vcpu_update_flags(cpu);
    return false;
}

static void log_insn(uint64_t pc, uint32_t insn, const struct a64_insn *row, bool ok)
{
    char text[160] = "(no table row)";
    if (row) {
        a64_describe(row, insn, text, sizeof(text));
    }
    log_printf("0x%016" PRIx64 ":  %08x  %s%s\n", pc, insn, text, ok ? "" : "  [UNDEFINED]");
}

/* Fills tb->ops; returns the number of ops written (instructions + exit op). */
static unsigned build(struct vcpu *cpu, struct tb *tb, unsigned max_insns)
{
    const uint8_t *code = bus_ram_ptr(cpu->bus, tb->phys_pc, 4);
    uint64_t pc = tb->pc;
    unsigned n = 0;
    bool jumped = false;

    while (n < max_insns) {
        uint32_t insn;
        memcpy(&insn, code + 4 * n, 4);
        struct dc dc = { .pc = pc, .insn = insn, .tb_flags = tb->flags, .op = &tb->ops[n] };
        /* Translators fill the fields they use; the others read as zero. */
        memset(dc.op, 0, sizeof(*dc.op));
        if (tb->flags & TB_FLAG_IL) {
            dc.op->fn = op_illegal_state;
            n++;
            jumped = true;
            break;
        }
        struct a64_args args;
        const struct a64_insn *row = a64_decode(insn, &args);
        bool ok = row && row->trans(&dc, &args);
        if (!ok) {
            memset(dc.op, 0, sizeof(*dc.op));
            dc.op->fn = op_undefined;
            dc.end_tb = true;
            dc.is_jump = true;
            log_item_printf(LOG_UNIMP, "unallocated or unimplemented encoding %08x at 0x%" PRIx64
                            " (%s)\n", insn, pc, row ? row->name : "no table row");
        }
        if (log_enabled(LOG_IN_ASM)) {
            log_insn(pc, insn, row, ok);
        }
        n++;
        pc += 4;
        if (dc.is_jump) {
            jumped = true;
            break;
        }
        if (dc.end_tb || (pc & ((1u << TB_PAGE_BITS) - 1)) == 0) {
            break;
        }
    }
    tb->n_insns = n;
    if (!jumped) {
        struct op *exit = &tb->ops[n];
        memset(exit, 0, sizeof(*exit));
        exit->fn = op_goto_next;
        exit->imm = pc;
        return n + 1;
    }
    return n;
}

const struct tb *translate_block(struct vcpu *cpu, uint64_t pc, uint64_t phys_pc,
                                 unsigned max_insns)
{
    bool flushed;
    struct tb *tb = tb_cache_alloc(cpu->cache, max_insns + 1, &flushed);
    if (flushed) {
        cpu->stats.tb_cache_flushes++;
        tlb_flush(cpu);
    }
    cpu->stats.translations++;
    tb->pc = pc;
    tb->phys_pc = phys_pc;
    tb->flags = cpu->tb_flags;
    unsigned n_ops = build(cpu, tb, max_insns);
    if (tb_cache_insert(cpu->cache, tb, n_ops)) {
        tlb_protect_code_page(cpu, phys_pc & ~(uint64_t)((1u << TB_PAGE_BITS) - 1));
    }
    return tb;
}

const struct tb *translate_oneoff(struct vcpu *cpu, uint64_t pc, uint64_t phys_pc,
                                  unsigned n_insns)
{
    if (!cpu->oneoff) {
        cpu->oneoff = calloc(1, sizeof(struct tb) + (TB_MAX_INSNS + 1) * sizeof(struct op));
        if (!cpu->oneoff) {
            abort();
        }
    }
    struct tb *tb = cpu->oneoff;
    memset(tb, 0, sizeof(*tb));
    cpu->stats.oneoffs++;
    tb->pc = pc;
    tb->phys_pc = phys_pc;
    tb->flags = cpu->tb_flags;
    tb->valid = true;
    build(cpu, tb, n_insns < TB_MAX_INSNS ? n_insns : TB_MAX_INSNS);
    return tb;
}
