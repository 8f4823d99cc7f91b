/*
 * GICv3 interrupt controller for one CPU: distributor, one redistributor and
 * the CPU interface state (whose ICC_* registers are in arm/gic_cpuif.c).
 *
 * MMIO: the distributor (GICD_*, board VIRT_GIC_DIST) and the redistributor
 * (GICR_* RD_base frame, then the SGI_base frame 64 KiB above it, board
 * VIRT_GIC_REDIST). Inputs: SPIs through gicv3_set_irq (devices' irq_lines
 * via gicv3_irq_line), PPIs (the generic timer) the same way with their IDs.
 * Outputs: the CPU's IRQ and FIQ lines (gicv3_connect_cpu), recomputed by
 * gicv3_update after every change; gicv3_irq_signalled / _fiq_signalled
 * give the same levels computed afresh.
 *
 * One security state (GICD_CTLR.DS = 1) with affinity routing, as on QEMU's
 * virt board without EL3: group 1 interrupts are IRQs, group 0 interrupts
 * FIQs. As in QEMU, one highest-priority pending interrupt is chosen over
 * both groups; it is signalled, on its group's line, when its group is
 * enabled at the CPU interface (ICC_IGRPEN0/1) and it passes the priority
 * mask and the running priority, so at most one line is up at a time.
 * 5 bits of priority at the CPU interface, as in QEMU.
 * The distributor always behaves as with GICD_CTLR.ARE = 1 (the bit is
 * stored; its SGI/PPI registers are RAZ/WI, those are the redistributor's);
 * LPIs, extended SPIs and 1-of-N routing are not implemented.
 * The state (struct gicv3_state) is plain data so that a snapshot can save
 * it as it is; the wiring after it in struct gicv3 is not state.
 */
#ifndef PHALANX_DEVICES_GICV3_H
#define PHALANX_DEVICES_GICV3_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/board.h"
#include "devices/bus.h"

#define GIC_NUM_IRQS    96   /* 16 SGIs, 16 PPIs, 64 SPIs */
#define GIC_NUM_WORDS   (GIC_NUM_IRQS / 32)
#define GIC_INTID_SPURIOUS 1023
#define GIC_PRIO_IDLE   0xff /* running priority with nothing active */
#define GIC_PRIO_MASK   0xf8 /* the 5 priority bits the CPU interface keeps */

#define GIC_REDIST_SGI_OFFSET 0x10000 /* SGI_base frame after RD_base */

/*
 * The GIC's guest-visible state: plain data (fixed-width fields, no
 * padding), saved and restored as it is and hashed by gicv3_state_hash.
 */
struct gicv3_state {
    /* Distributor. */
    uint32_t gicd_ctlr;                  /* EnableGrp0/1, ARE (DS reads as 1) */
    /* Per interrupt, bit n of word n / 32 (words 0 are the redistributor's). */
    uint32_t group[GIC_NUM_WORDS];       /* IGROUPR: 1 = group 1 */
    uint32_t enabled[GIC_NUM_WORDS];     /* ISENABLER / ICENABLER */
    uint32_t latched[GIC_NUM_WORDS];     /* pending from an edge or ISPENDR */
    /* Input line levels as last driven by the devices and timers: kept
     * (not derived) because edge detection compares against them. */
    uint32_t level[GIC_NUM_WORDS];
    uint32_t edge[GIC_NUM_WORDS];        /* ICFGR: 1 = edge-triggered */
    uint32_t active[GIC_NUM_WORDS];      /* ISACTIVER / ICACTIVER */
    uint32_t grpmod[GIC_NUM_WORDS];      /* IGRPMODR (stored only) */
    uint8_t  priority[GIC_NUM_IRQS];     /* IPRIORITYR */
    uint64_t irouter[GIC_NUM_IRQS];      /* IROUTER (SPIs only) */
    /* Redistributor. */
    uint32_t gicr_ctlr;                  /* stored, nothing in it acts */
    uint32_t gicr_waker;                 /* ProcessorSleep / ChildrenAsleep */
    /* CPU interface (ICC_*_EL1). */
    uint32_t icc_pmr;                    /* priority mask */
    uint32_t icc_bpr0;                   /* binary points */
    uint32_t icc_bpr1;
    uint32_t icc_ctlr;                   /* CBPR, EOImode */
    uint32_t icc_igrpen0;
    uint32_t icc_igrpen1;
    uint32_t icc_ap0r0;                  /* active priorities: bit prio >> 3 */
    uint32_t icc_ap1r0;
};

struct gicv3 {
    struct gicv3_state s;
    /* Wiring from here on: set by the board, never saved. */
    struct irq_line cpu_irq;             /* the CPU's IRQ input (group 1) */
    struct irq_line cpu_fiq;             /* the CPU's FIQ input (group 0) */
    /* Levels last driven on them: derived from s (gicv3_irq_signalled /
     * _fiq_signalled), kept only to drive the lines on a change. */
    bool     irq_level;
    bool     fiq_level;
};

enum gic_group {
    GIC_GROUP0 = 0, /* signalled as FIQ */
    GIC_GROUP1 = 1, /* signalled as IRQ */
};

#define GICD_CTLR_EN_GRP0 (1u << 0)
#define GICD_CTLR_EN_GRP1 (1u << 1)
#define GICD_CTLR_ARE     (1u << 4)
#define GICD_CTLR_DS      (1u << 6)

#define ICC_CTLR_CBPR    (1u << 0)
#define ICC_CTLR_EOIMODE (1u << 1)

/* The state at power-on and after a system reset. */
void gicv3_state_reset(struct gicv3_state *s);
uint64_t gicv3_state_hash(const struct gicv3_state *s);

/* Power-on state, nothing connected. */
void gicv3_init(struct gicv3 *gic);
/* System reset: the state as at power-on; the wiring stays and the CPU's
 * lines are driven low. */
void gicv3_reset(struct gicv3 *gic);
/* After gic->s was replaced (a restore): drives the CPU's lines with the
 * levels the new state gives. */
void gicv3_post_load(struct gicv3 *gic);
/* Adds the distributor and redistributor windows of the board to the bus. */
void gicv3_attach(struct gicv3 *gic, struct bus *bus);
/* Connects the outputs to the CPU (either may be NULL: unconnected). */
void gicv3_connect_cpu(struct gicv3 *gic, const struct irq_line *irq,
                       const struct irq_line *fiq);
/* Recomputes the outputs after the CPU interface's registers changed. */
void gicv3_update(struct gicv3 *gic);

/* Sets the level of input 'intid' (PPI: 16..31, SPI: 32..). */
void gicv3_set_irq(struct gicv3 *gic, unsigned intid, bool level);
/* An irq_line feeding SPI 'spi' (GIC interrupt ID spi + 32). */
struct irq_line gicv3_irq_line(struct gicv3 *gic, int spi);

/*
 * The highest-priority pending interrupt over both groups when its group is
 * enabled at the CPU interface (ignoring the mask and running priority),
 * else GIC_INTID_SPURIOUS.
 */
unsigned gicv3_hppi(const struct gicv3 *gic);
/* ICC_HPPIR0/1: gicv3_hppi when it is of 'group', else GIC_INTID_SPURIOUS. */
unsigned gicv3_hppir(const struct gicv3 *gic, enum gic_group group);
/* The CPU's IRQ / FIQ line: HPPI of group 1 / 0 above PMR and running priority. */
bool gicv3_irq_signalled(const struct gicv3 *gic);
bool gicv3_fiq_signalled(const struct gicv3 *gic);
/* Running priority (ICC_RPR_EL1), over both groups' active priorities. */
unsigned gicv3_running_priority(const struct gicv3 *gic);

/*
 * CPU interface operations behind ICC_IAR0/1, EOIR0/1, DIR and SGI1R. An
 * acknowledge of the group that is not signalled reads GIC_INTID_SPURIOUS;
 * an EOI of a group other than that of the highest active priority is
 * ignored; DIR acts only with ICC_CTLR_EL1.EOImode = 1.
 */
unsigned gicv3_acknowledge(struct gicv3 *gic, enum gic_group group);
void gicv3_eoi(struct gicv3 *gic, unsigned intid, enum gic_group group);
void gicv3_deactivate(struct gicv3 *gic, unsigned intid);
void gicv3_send_sgi(struct gicv3 *gic, uint64_t sgi1r);

uint64_t gicv3_dist_read(void *opaque, uint64_t offset, unsigned size);
void gicv3_dist_write(void *opaque, uint64_t offset, uint64_t value, unsigned size);
uint64_t gicv3_redist_read(void *opaque, uint64_t offset, unsigned size);
void gicv3_redist_write(void *opaque, uint64_t offset, uint64_t value, unsigned size);

#endif
