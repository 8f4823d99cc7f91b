/*
 * The execution context of one vCPU: its architectural state plus the
 * bookkeeping that makes it run fast (soft TLB, translation cache), which is
 * derived from the state and never saved.
 */
#ifndef PHALANX_TCG_VCPU_H
#define PHALANX_TCG_VCPU_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "arm/cpu.h"
#include "tcg/op.h"
#include "tcg/softtlb.h"
#include "tcg/stats.h"
#include "tcg/tb.h"

struct bus;
struct tb_cache;

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

enum vcpu_stop {
    VCPU_RUNNING = 0,
    VCPU_STOP_BUDGET,     /* ran the instructions it was asked to */
    VCPU_STOP_POWER_OFF,  /* PSCI SYSTEM_OFF */
    VCPU_STOP_RESET,      /* PSCI SYSTEM_RESET */
    VCPU_STOP_CPU_OFF,    /* PSCI CPU_OFF */
    VCPU_STOP_ERROR,      /* emulator cannot go on (logged) */
};

struct vcpu {
    struct arm_state s;             /* architectural state: first, saved */

    /* Bookkeeping from here on: derived, never saved. */
    int64_t          budget;        /* instructions the run loop may still start */
    int64_t          kicked;        /* budget set aside by vcpu_kick, given back
                                       by the run loop */
    const struct tb *tb;            /* block being executed */
    uint32_t         tb_flags;      /* translation flags for the current state */
    enum vcpu_stop   stop;          /* why the run loop returned */
    bool             wfi;           /* the last block ended in WFI */
    struct bus      *bus;           /* devices and RAM, by physical address */
    struct tb_cache *cache;         /* translated blocks */
    struct tb       *oneoff;        /* room for a block cut short by the budget */
    struct tlb_entry *tlb;          /* soft TLB of the current regime: tlbs[mmu_idx] */
    unsigned         mmu_idx;       /* enum mmu_idx, chosen by vcpu_update_flags */
    unsigned         code_idx;      /* mmu_idx for fetches (PAN plays no part) */
    struct tlb_entry tlbs[MMU_IDX_COUNT][TLB_SIZE]; /* one soft TLB per privilege */
    struct tlb_code_entry code_tlbs[MMU_IDX_COUNT][TLB_SIZE]; /* fetches, per privilege */
    struct tlb_large tlb_large[MMU_IDX_COUNT];      /* where each (data and code)
                                                       holds larger pages */
    jmp_buf          exit_env;      /* where cpu_exit_* return to */
    struct vcpu_stats stats;        /* slow-path counters (-stats) */
};

struct vcpu *vcpu_new(struct bus *bus);
void vcpu_free(struct vcpu *cpu);
/* Architectural reset to entry_pc (a reboot); icount, the virtual time, runs
 * on, and every translation is dropped. */
void vcpu_reset(struct vcpu *cpu, uint64_t entry_pc);

/* Runs until 'max_insns' instructions retired or the vCPU stops. */
enum vcpu_stop vcpu_run(struct vcpu *cpu, uint64_t max_insns);

/* Recomputes tb_flags after a change to state the translator depends on. */
void vcpu_update_flags(struct vcpu *cpu);

/*
 * Makes the running vCPU stop chaining blocks so that the run loop looks at
 * its interrupt inputs after the current block (the GIC raised one). Moves
 * the budget aside (cpu_goto sees none left); the loop gives it back.
 */
void vcpu_kick(struct vcpu *cpu);

/* Address of the instruction an op belongs to. */
static inline uint64_t op_pc(const struct vcpu *cpu, const struct op *op)
{
    return cpu->tb->pc + 4 * (uint64_t)(op - cpu->tb->ops);
}

/*
 * Instructions retired before 'op' runs. s.icount already counts the whole
 * block when it is entered, so code that reads time in the middle of a block
 * (the generic timer) must use this.
 */
static inline uint64_t vcpu_icount_at(const struct vcpu *cpu, const struct op *op)
{
    return cpu->s.icount - (cpu->tb->n_insns - (uint64_t)(op - cpu->tb->ops));
}

/*
 * Leaving a block in the middle. Both fix up PC and the instruction count to
 * the exact instruction and return to the run loop; neither returns.
 *  - cpu_exit_before: 'op' is not retired (used after taking an exception,
 *    whose entry already set PC).
 *  - cpu_exit_after: 'op' is retired and execution continues at s.pc.
 */
_Noreturn void cpu_exit_before(struct vcpu *cpu, const struct op *op);
_Noreturn void cpu_exit_after(struct vcpu *cpu, const struct op *op);

/*
 * Ends the current block after 'op' without interrupting it: used when op
 * overwrote the code of its own block and may still have memory to write
 * (pairs, DC ZVA). The rest of the block is stale; execution resumes at the
 * next instruction from fresh code.
 */
void cpu_end_block_after(struct vcpu *cpu, const struct op *op);

/* Takes a synchronous exception for instruction 'op' (ELR = its PC). */
_Noreturn void cpu_raise_sync(struct vcpu *cpu, const struct op *op, uint32_t ec,
                              uint32_t iss, uint64_t far);
/* Takes an exception whose preferred return is the next instruction (SVC...). */
_Noreturn void cpu_raise_sync_next(struct vcpu *cpu, const struct op *op, uint32_t ec,
                                   uint32_t iss);

/* --- block chaining ------------------------------------------------------ */

const struct op *cpu_goto_slow(struct vcpu *cpu, unsigned slot, uint64_t pc);

/*
 * Continues at 'pc' from the current block's exit 'slot': straight into the
 * chained successor when it is still valid and fits the budget, else back to
 * the run loop.
 */
static inline const struct op *cpu_goto(struct vcpu *cpu, unsigned slot, uint64_t pc)
{
    struct tb *next = cpu->tb->link[slot];
    if (likely(next && next->pc == pc && next->valid && next->flags == cpu->tb_flags &&
               (int64_t)next->n_insns <= cpu->budget)) {
        cpu->budget -= next->n_insns;
        cpu->s.icount += next->n_insns;
        cpu->tb = next;
        return next->ops;
    }
    return cpu_goto_slow(cpu, slot, pc);
}

/* --- guest memory ---------------------------------------------------------- */

static inline struct tlb_code_entry *tlb_code_entry_for(struct vcpu *cpu, uint64_t pc)
{
    return &cpu->code_tlbs[cpu->code_idx][(pc >> TLB_PAGE_BITS) & (TLB_SIZE - 1)];
}

static inline struct tlb_entry *tlb_entry_for(struct vcpu *cpu, uint64_t va)
{
    return &cpu->tlb[(va >> TLB_PAGE_BITS) & (TLB_SIZE - 1)];
}

/*
 * Unprivileged accesses (LDTR, STTR and friends at EL1): checked against
 * EL0's permissions. At EL0, or with the MMU off, they are plain accesses.
 */
static inline uint64_t mem_read_user(struct vcpu *cpu, uint64_t va, unsigned size,
                                     const struct op *op)
{
    return tlb_read_slow_idx(cpu, MMU_IDX_EL0, va, size, op);
}

static inline void mem_write_user(struct vcpu *cpu, uint64_t va, uint64_t val, unsigned size,
                                  const struct op *op)
{
    tlb_write_slow_idx(cpu, MMU_IDX_EL0, va, val, size, op);
}

#define DEFINE_MEM_ACCESS(bits, type)                                                \
    static inline uint64_t mem_read##bits(struct vcpu *cpu, uint64_t va,             \
                                          const struct op *op)                       \
    {                                                                                \
        struct tlb_entry *e = tlb_entry_for(cpu, va);                                \
        if (likely(e->read_tag == (va & (TLB_PAGE_MASK | (sizeof(type) - 1))))) {   \
            type v;                                                                  \
            memcpy(&v, (const void *)(uintptr_t)(va + e->addend), sizeof(v));        \
            return v;                                                                \
        }                                                                            \
        return tlb_read_slow(cpu, va, sizeof(type), op);                             \
    }                                                                                \
    static inline void mem_write##bits(struct vcpu *cpu, uint64_t va, uint64_t val,  \
                                       const struct op *op)                          \
    {                                                                                \
        struct tlb_entry *e = tlb_entry_for(cpu, va);                                \
        if (likely(e->write_tag == (va & (TLB_PAGE_MASK | (sizeof(type) - 1))))) {  \
            type v = (type)val;                                                      \
            memcpy((void *)(uintptr_t)(va + e->addend), &v, sizeof(v));              \
            return;                                                                  \
        }                                                                            \
        tlb_write_slow(cpu, va, val, sizeof(type), op);                              \
    }

DEFINE_MEM_ACCESS(8, uint8_t)
DEFINE_MEM_ACCESS(16, uint16_t)
DEFINE_MEM_ACCESS(32, uint32_t)
DEFINE_MEM_ACCESS(64, uint64_t)

#undef DEFINE_MEM_ACCESS

#endif
