/* CPU reset, PSTATE packing and the state hash. */
#include "arm/cpu.h"

#include <string.h>

#include "util/hash.h"

/* SCTLR_EL1 as a Cortex-A57 comes out of reset in QEMU (MMU and caches off). */
#define SCTLR_EL1_RESET 0x00c50838ull

void arm_state_reset(struct arm_state *s, uint64_t entry_pc)
{
    memset(s, 0, sizeof(*s));
    s->pc = entry_pc;
    s->el = 1;
    s->spsel = 1;
    s->daif = DAIF_D | DAIF_A | DAIF_I | DAIF_F;
    s->el1.sctlr = SCTLR_EL1_RESET;
    s->el1.oslk = 1; /* the OS lock is set at cold reset */
}

void arm_set_sp_bank(struct arm_state *s, unsigned el, unsigned spsel)
{
    unsigned old_bank = s->spsel ? s->el : 0;
    unsigned new_bank = spsel ? el : 0;
    if (old_bank != new_bank) {
        s->sp_el[old_bank] = s->x[REG_SP];
        s->x[REG_SP] = s->sp_el[new_bank];
    }
    s->el = (uint8_t)el;
    s->spsel = (uint8_t)spsel;
}

uint64_t arm_pstate_read(const struct arm_state *s)
{
    uint64_t mode = s->el == 0 ? PSR_MODE_EL0t : (s->spsel ? PSR_MODE_EL1h : PSR_MODE_EL1t);
    return (uint64_t)s->nzcv | s->daif | mode | (s->il ? PSR_IL : 0);
}

void arm_pstate_write(struct arm_state *s, uint64_t spsr)
{
    s->nzcv = (uint32_t)spsr & 0xf0000000u;
    s->daif = (uint32_t)spsr & (DAIF_D | DAIF_A | DAIF_I | DAIF_F);
    s->il = (spsr & PSR_IL) != 0;
    unsigned el = (spsr >> 2) & 3;
    unsigned spsel = spsr & 1;
    arm_set_sp_bank(s, el, el ? spsel : 0);
}

uint64_t arm_state_hash(const struct arm_state *s)
{
    uint64_t h = HASH_SEED;
    h = hash_bytes(h, s->x, 31 * sizeof(s->x[0]));
    unsigned live = s->spsel ? s->el : 0;
    for (unsigned bank = 0; bank < 2; bank++) {
        h = hash_word(h, bank == live ? s->x[REG_SP] : s->sp_el[bank]);
    }
    h = hash_word(h, s->pc);
    h = hash_word(h, arm_pstate_read(s) | (s->pan ? PSR_PAN : 0));
    h = hash_word(h, (uint64_t)s->excl_valid << 8 | s->excl_size);
    h = hash_word(h, s->excl_addr);
    h = hash_bytes(h, s->excl_val, sizeof(s->excl_val));
    h = hash_word(h, s->tpidr_el0);
    h = hash_word(h, s->tpidrro_el0);
    h = hash_bytes(h, s->vreg, sizeof(s->vreg));
    h = hash_word(h, (uint64_t)s->fpcr << 32 | s->fpsr);
    h = hash_bytes(h, &s->el1, sizeof(s->el1)); /* all uint64_t: no padding */
    h = hash_bytes(h, s->timer_ctl, sizeof(s->timer_ctl));
    h = hash_bytes(h, s->timer_cval, sizeof(s->timer_cval));
    return hash_word(h, s->icount);
}
