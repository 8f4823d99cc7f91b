/* The run loop: finds or translates blocks and dispatches their ops. */
#include <stdlib.h>

#include "arm/exception.h"
#include "arm/gic_cpuif.h"
#include "arm/translate.h"
#include "devices/bus.h"
#include "tcg/tb_cache.h"
#include "tcg/translate_block.h"
#include "tcg/vcpu.h"
#include "util/log.h"

#define TB_ARENA_SIZE (256u << 20)

struct vcpu *vcpu_new(struct bus *bus)
{
    struct vcpu *cpu = calloc(1, sizeof(*cpu));
    if (!cpu) {
        return NULL;
    }
    cpu->bus = bus;
    cpu->cache = tb_cache_new(bus->ram_base, bus->ram_size, TB_ARENA_SIZE);
    if (!cpu->cache) {
        free(cpu);
        return NULL;
    }
    arm_state_reset(&cpu->s, 0);
    vcpu_update_flags(cpu);
    tlb_flush(cpu);
    gic_cpuif_attach_vcpu(cpu);
    return cpu;
}

void vcpu_reset(struct vcpu *cpu, uint64_t entry_pc)
{
    uint64_t icount = cpu->s.icount;
    arm_state_reset(&cpu->s, entry_pc);
    cpu->s.icount = icount; /* virtual time runs on across a reset */
    cpu->wfi = false;
    /* The loader rewrote RAM behind the vCPU's back: drop every block. */
    tb_cache_flush(cpu->cache);
    cpu->stats.tb_cache_flushes++;
    vcpu_update_flags(cpu);
    tlb_flush(cpu);
}

void vcpu_free(struct vcpu *cpu)
{
    if (cpu) {
        gic_cpuif_detach_vcpu(cpu);
        tb_cache_free(cpu->cache);
        free(cpu->oneoff);
        free(cpu);
    }
}

void vcpu_update_flags(struct vcpu *cpu)
{
    /* CPACR_EL1.FPEN: 0b11 enables FP/SIMD at EL0 and EL1, 0bx1 at EL1 only. */
    unsigned fpen = (cpu->s.el1.cpacr >> 20) & 3;
    bool fp_ok = fpen == 3 || (fpen == 1 && cpu->s.el == 1);
    cpu->tb_flags = (cpu->s.el & TB_FLAG_EL_MASK) | (fp_ok ? TB_FLAG_FP_OK : 0) |
                    (cpu->s.il ? TB_FLAG_IL : 0);
    /* EL0, and EL1 under PSTATE.PAN, have soft TLBs of their own once
     * permissions can differ from EL1's (the MMU is on). */
    if (!(cpu->s.el1.sctlr & MMU_SCTLR_M)) {
        cpu->mmu_idx = MMU_IDX_EL1;
    } else if (cpu->s.el == 0) {
        cpu->mmu_idx = MMU_IDX_EL0;
    } else {
        cpu->mmu_idx = cpu->s.pan ? MMU_IDX_EL1_PAN : MMU_IDX_EL1;
    }
    cpu->tlb = cpu->tlbs[cpu->mmu_idx];
    /* PAN restricts data accesses only: EL1 fetches the same with or without. */
    cpu->code_idx = cpu->mmu_idx == MMU_IDX_EL1_PAN ? MMU_IDX_EL1 : cpu->mmu_idx;
    if (cpu->cache) { /* unit tests make vCPUs without one */
        cpu->cache->code_tlb = cpu->code_tlbs[cpu->code_idx];
    }
}

/* Puts back the count of the ops of the current block after 'first_unrun'. */
static void uncount_from(struct vcpu *cpu, const struct op *first_unrun)
{
    int64_t unrun = (int64_t)cpu->tb->n_insns - (first_unrun - cpu->tb->ops);
    cpu->s.icount -= (uint64_t)unrun;
    cpu->budget += unrun;
}

void cpu_exit_before(struct vcpu *cpu, const struct op *op)
{
    uncount_from(cpu, op);
    longjmp(cpu->exit_env, 1);
}

void cpu_exit_after(struct vcpu *cpu, const struct op *op)
{
    uncount_from(cpu, op + 1);
    longjmp(cpu->exit_env, 1);
}

/* Planted after an instruction that overwrote its own block (see
 * cpu_end_block_after): leaves before the stale rest of the block runs. */
static const struct op *op_leave_stale_block(struct vcpu *cpu, const struct op *op)
{
    cpu->s.pc = op_pc(cpu, op);
    cpu_exit_before(cpu, op);
}

void cpu_end_block_after(struct vcpu *cpu, const struct op *op)
{
    /* A writing op never ends its block, so op + 1 exists: the next
     * instruction's op or the block's exit op. The block is already invalid
     * (or a one-off copy), so patching it affects nothing else. */
    (void)cpu;
    ((struct op *)(op + 1))->fn = op_leave_stale_block;
}

void cpu_raise_sync(struct vcpu *cpu, const struct op *op, uint32_t ec, uint32_t iss,
                    uint64_t far)
{
    uint64_t pc = op_pc(cpu, op);
    bool has_far = ec == EC_DATA_ABORT_SAME || ec == EC_DATA_ABORT_LOWER ||
                   ec == EC_INSN_ABORT_SAME || ec == EC_INSN_ABORT_LOWER || ec == EC_PC_ALIGN;
    log_item_printf(LOG_INT, "exception: EC 0x%02x ISS 0x%07x at pc 0x%016llx far 0x%llx\n",
                    ec, iss, (unsigned long long)pc, (unsigned long long)far);
    cpu->stats.exceptions++;
    arm_take_exception(&cpu->s, EXC_SYNC, arm_syndrome(ec, iss), far, has_far, pc);
    vcpu_update_flags(cpu);
    cpu_exit_before(cpu, op);
}

void cpu_raise_sync_next(struct vcpu *cpu, const struct op *op, uint32_t ec, uint32_t iss)
{
    uint64_t pc = op_pc(cpu, op);
    log_item_printf(LOG_INT, "exception: EC 0x%02x ISS 0x%07x at pc 0x%016llx\n", ec, iss,
                    (unsigned long long)pc);
    cpu->stats.exceptions++;
    arm_take_exception(&cpu->s, EXC_SYNC, arm_syndrome(ec, iss), 0, 0, pc + 4);
    vcpu_update_flags(cpu);
    cpu_exit_after(cpu, op);
}

const struct op *cpu_goto_slow(struct vcpu *cpu, unsigned slot, uint64_t pc)
{
    cpu->s.pc = pc;
    cpu->stats.goto_slow++;
    if (log_enabled(LOG_EXEC)) {
        return NULL;
    }
    struct tb *next = tb_cache_jmp_lookup(cpu->cache, pc);
    if (!next || next->pc != pc || !next->valid || next->flags != cpu->tb_flags ||
        (int64_t)next->n_insns > cpu->budget) {
        return NULL;
    }
    cpu->stats.goto_slow_hits++;
    /* Chain only within a page: another page's mapping can change under us. */
    const struct tb *cur = cpu->tb;
    if (cur->cached && ((cur->pc ^ pc) >> TB_PAGE_BITS) == 0) {
        ((struct tb *)cur)->link[slot] = next;
    }
    cpu->budget -= next->n_insns;
    cpu->s.icount += next->n_insns;
    cpu->tb = next;
    return next->ops;
}

void vcpu_kick(struct vcpu *cpu)
{
    cpu->stats.kicks++;
    cpu->kicked += cpu->budget;
    cpu->budget = 0;
}

/* Gives back the budget a kick set aside. */
static void take_back_kick(struct vcpu *cpu)
{
    cpu->budget += cpu->kicked;
    cpu->kicked = 0;
}

/*
 * Interrupts (IRQ from GIC group 1, FIQ from group 0) are taken only here,
 * between blocks, with ELR = s.pc (the next instruction). Writes that can
 * unmask one (DAIF, ICC_*) end their block, so they are seen at once; a GIC
 * line that rises while blocks chain kicks the vCPU (vcpu_kick), so it is
 * seen at the end of the current block. With both lines up, FIQ goes first
 * (the order is IMPLEMENTATION DEFINED; QEMU's), and it masks the IRQ.
 * SError has no source: no RAS, and bus errors are synchronous aborts.
 */
static void check_irq(struct vcpu *cpu)
{
    if ((cpu->s.daif & (DAIF_I | DAIF_F)) == (DAIF_I | DAIF_F)) {
        return;
    }
    uint32_t take = gic_cpuif_pending(cpu) & ~cpu->s.daif;
    if (!take) {
        return;
    }
    bool fiq = take & DAIF_F;
    cpu->stats.interrupts++;
    log_item_printf(LOG_INT, "interrupt: %s at pc 0x%016llx\n", fiq ? "FIQ" : "IRQ",
                    (unsigned long long)cpu->s.pc);
    arm_take_exception(&cpu->s, fiq ? EXC_FIQ : EXC_IRQ, 0, 0, 0, cpu->s.pc);
    vcpu_update_flags(cpu);
}

/* Block to run at s.pc, or NULL when fetching it took an exception. */
static const struct tb *find_block(struct vcpu *cpu)
{
    uint64_t pc = cpu->s.pc;
    struct tb *tb = tb_cache_jmp_lookup(cpu->cache, pc);
    if (tb && tb->pc == pc && tb->valid && tb->flags == cpu->tb_flags) {
        return tb;
    }
    cpu->stats.jmp_misses++;
    uint64_t phys_pc;
    if (!translate_fetch_check(cpu, pc, &phys_pc)) {
        return NULL;
    }
    cpu->stats.hash_lookups++;
    tb = tb_cache_lookup(cpu->cache, pc, phys_pc, cpu->tb_flags);
    if (tb) {
        return tb;
    }
    cpu->stats.hash_misses++;
    return translate_block(cpu, pc, phys_pc, TB_MAX_INSNS);
}

/*
 * The budget also ends at the next timer deadline (gic_cpuif_insns_to_timer):
 * what lies beyond it is held back and given back once the deadline is
 * reached, so chained blocks stop exactly there and the timer's interrupt is
 * taken at the same instruction on every run. A kick (vcpu_kick) sets the
 * rest of the budget aside the same way, from inside a block, and the loop
 * takes it back before going on.
 */
enum vcpu_stop vcpu_run(struct vcpu *cpu, uint64_t max_insns)
{
    cpu->budget = (int64_t)max_insns;
    cpu->kicked = 0;
    cpu->stop = VCPU_RUNNING;
    volatile int64_t held = 0; /* budget beyond the timer deadline */
    setjmp(cpu->exit_env);
    while (cpu->stop == VCPU_RUNNING) {
        take_back_kick(cpu);
        if (cpu->budget <= 0) {
            if (held <= 0) {
                cpu->stop = VCPU_STOP_BUDGET;
                break;
            }
            cpu->budget += held;
            held = 0;
        }
        check_irq(cpu);
        uint64_t until = gic_cpuif_insns_to_timer(cpu);
        if (cpu->wfi) {
            cpu->wfi = false;
            /* WFI wakes on either line, masked by PSTATE or not. */
            if (!gic_cpuif_pending(cpu)) {
                take_back_kick(cpu);
                /* Waiting for an interrupt: skip the idle time up to the next
                 * timer deadline (or the end of the budget). Skipped time
                 * counts as elapsed, so the wake-up instruction is the same
                 * on every run. */
                int64_t idle = until && (int64_t)until < cpu->budget ? (int64_t)until
                                                                     : cpu->budget;
                cpu->s.icount += (uint64_t)idle;
                cpu->stats.idle_insns += (uint64_t)idle;
                cpu->budget -= idle;
                continue;
            }
        }
        /* Feeding the timers into the GIC above may have kicked. */
        take_back_kick(cpu);
        if (until && (int64_t)until < cpu->budget) {
            held += cpu->budget - (int64_t)until;
            cpu->budget = (int64_t)until;
        }
        const struct tb *tb = find_block(cpu);
        if (!tb) {
            /* A fetch that faulted counts as one instruction, so a guest
             * spinning on fetch aborts still advances time and budgets. */
            cpu->budget--;
            cpu->s.icount++;
            continue;
        }
        if ((int64_t)tb->n_insns > cpu->budget) {
            /* Stop exactly on budget: a one-off block of the remaining length. */
            tb = translate_oneoff(cpu, tb->pc, tb->phys_pc, (unsigned)cpu->budget);
        }
        cpu->stats.loop_blocks++;
        log_item_printf(LOG_EXEC, "Trace: pc 0x%016llx [%u insns]\n",
                        (unsigned long long)tb->pc, tb->n_insns);
        cpu->budget -= tb->n_insns;
        cpu->s.icount += tb->n_insns;
        cpu->tb = tb;
        const struct op *op = tb->ops;
        do {
            op = op->fn(cpu, op);
        } while (op);
    }
    return cpu->stop;
}
