/*
 * GICv3 helpers shared by the interrupt guest tests (gic_fiq.c,
 * vectors_sp0.c, gic_timer.c): register addresses of QEMU virt's GICv3
 * (GICD 0x08000000, GICR 0x080a0000 + SGI frame), ICC_* registers by
 * encoding, and a set-up that enables both groups with SGIs/PPIs in the
 * redistributor and SPIs in the distributor. Guests must run on a GICv3
 * (QEMU: gic-version=3), but for gic_timer.c, which also takes a GICv2.
 */
#ifndef PHALANX_GUEST_GICV3_H
#define PHALANX_GUEST_GICV3_H

#include "guest.h"

#define GICD 0x08000000ul
#define GICR 0x080a0000ul
#define GICR_SGI (GICR + 0x10000)

#define GICD_CTLR 0x0
#define GICR_WAKER 0x14
#define GIC_IGROUPR 0x80
#define GIC_ISENABLER 0x100
#define GIC_ICENABLER 0x180
#define GIC_ISPENDR 0x200
#define GIC_ICPENDR 0x280
#define GIC_ICACTIVER 0x380
#define GIC_IPRIORITYR 0x400

#define GICD_CTLR_GRP0 (1u << 0)
#define GICD_CTLR_GRP1 (1u << 1)
#define GICD_CTLR_ARE (1u << 4)

/* ICC registers by encoding, so any assembler takes them. */
#define ICC_PMR "s3_0_c4_c6_0"
#define ICC_IAR0 "s3_0_c12_c8_0"
#define ICC_EOIR0 "s3_0_c12_c8_1"
#define ICC_HPPIR0 "s3_0_c12_c8_2"
#define ICC_BPR0 "s3_0_c12_c8_3"
#define ICC_AP0R0 "s3_0_c12_c8_4"
#define ICC_AP1R0 "s3_0_c12_c9_0"
#define ICC_DIR "s3_0_c12_c11_1"
#define ICC_RPR "s3_0_c12_c11_3"
#define ICC_IAR1 "s3_0_c12_c12_0"
#define ICC_EOIR1 "s3_0_c12_c12_1"
#define ICC_HPPIR1 "s3_0_c12_c12_2"
#define ICC_BPR1 "s3_0_c12_c12_3"
#define ICC_CTLR "s3_0_c12_c12_4"
#define ICC_SRE "s3_0_c12_c12_5"
#define ICC_IGRPEN0 "s3_0_c12_c12_6"
#define ICC_IGRPEN1 "s3_0_c12_c12_7"

#define ICC_READ(reg)                                      \
    ({                                                     \
        uint64_t v_;                                       \
        __asm__ volatile("mrs %0, " reg : "=r"(v_));       \
        v_;                                                \
    })
#define ICC_WRITE(reg, v) \
    __asm__ volatile("msr " reg ", %0\n\tisb" ::"r"((uint64_t)(v)) : "memory")

#define INTID_SPURIOUS 1023

static inline void mmio_w32(uint64_t addr, uint32_t v)
{
    *(volatile uint32_t *)addr = v;
}

static inline uint32_t mmio_r32(uint64_t addr)
{
    return *(volatile uint32_t *)addr;
}

/* The frame holding an interrupt's per-interrupt registers and the word
 * offset of its bit: the SGI frame for 0..31, the distributor above. */
static inline uint64_t gic_irq_reg(unsigned intid, uint64_t reg)
{
    return (intid < 32 ? GICR_SGI : GICD) + reg + 4 * (intid / 32);
}

static inline void gic_set_group(unsigned intid, int group)
{
    uint64_t r = gic_irq_reg(intid, GIC_IGROUPR);
    uint32_t v = mmio_r32(r);
    mmio_w32(r, group ? v | (1u << (intid % 32)) : v & ~(1u << (intid % 32)));
}

static inline void gic_set_priority(unsigned intid, uint8_t prio)
{
    uint64_t frame = intid < 32 ? GICR_SGI : GICD;
    *(volatile uint8_t *)(frame + GIC_IPRIORITYR + intid) = prio;
}

static inline void gic_enable(unsigned intid)
{
    mmio_w32(gic_irq_reg(intid, GIC_ISENABLER), 1u << (intid % 32));
}

static inline void gic_pend(unsigned intid)
{
    mmio_w32(gic_irq_reg(intid, GIC_ISPENDR), 1u << (intid % 32));
}

static inline void gic_unpend(unsigned intid)
{
    mmio_w32(gic_irq_reg(intid, GIC_ICPENDR), 1u << (intid % 32));
}

static inline int gic_is_pending(unsigned intid)
{
    return (mmio_r32(gic_irq_reg(intid, GIC_ISPENDR)) >> (intid % 32)) & 1;
}

/* Clears GICR_WAKER.ProcessorSleep and waits for ChildrenAsleep to clear. */
static inline void gic_wake_redistributor(void)
{
    mmio_w32(GICR + GICR_WAKER, 0);
    for (int i = 0; i < 1000000 && (mmio_r32(GICR + GICR_WAKER) & 4); i++) {
    }
    CHECK_EQ(mmio_r32(GICR + GICR_WAKER) & 6, 0);
}

/* Both groups on, affinity routing, redistributor awake, everything in
 * group 1 with priority 0xa0 and disabled, PMR open, both CPU-interface
 * group enables set, binary points at their minimum. */
static inline void gic_setup_both_groups(void)
{
    CHECK_EQ((mmio_r32(GICD + 0xffe8) >> 4) & 0xf, 3); /* GICv3 */
    mmio_w32(GICD + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_GRP1 | GICD_CTLR_GRP0);
    gic_wake_redistributor();
    mmio_w32(GICR_SGI + GIC_IGROUPR, 0xffffffff);
    mmio_w32(GICR_SGI + GIC_ICENABLER, 0xffffffff);
    mmio_w32(GICR_SGI + GIC_ICPENDR, 0xffffffff);
    for (unsigned w = 1; w < 3; w++) {
        mmio_w32(GICD + GIC_IGROUPR + 4 * w, 0xffffffff);
        mmio_w32(GICD + GIC_ICENABLER + 4 * w, 0xffffffff);
        mmio_w32(GICD + GIC_ICPENDR + 4 * w, 0xffffffff);
    }
    for (unsigned n = 0; n < 96; n++) {
        gic_set_priority(n, 0xa0);
    }
    ICC_WRITE(ICC_SRE, 7);
    ICC_WRITE(ICC_PMR, 0xf0);
    ICC_WRITE(ICC_BPR0, 0);
    ICC_WRITE(ICC_BPR1, 0);
    ICC_WRITE(ICC_IGRPEN0, 1);
    ICC_WRITE(ICC_IGRPEN1, 1);
}

#endif
