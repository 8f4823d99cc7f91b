/*
 * GICv3 distributor, redistributor and the interrupt selection behind the
 * CPU interface (see gicv3.h). Register semantics follow the GICv3
 * architecture specification (IHI 0069) as QEMU's hw/intc/arm_gicv3* model
 * it for a single security state.
 *
 * Pending state: an interrupt is pending when its 'latched' bit is set (an
 * edge, ISPENDR, an SGI) or, for a level-sensitive one, while its input is
 * high. Acknowledging clears the latch and makes it active; an active
 * interrupt is not signalled again until it is deactivated.
 *
 * Every change to the state ends in gicv3_update, which drives the CPU's
 * IRQ (group 1) and FIQ (group 0) lines when their levels change, as QEMU's
 * gicv3_cpuif_update does; the CPU side uses a rise to stop chaining blocks.
 */
#include "devices/gicv3.h"

#include <inttypes.h>
#include <string.h>

#include "util/hash.h"
#include "util/log.h"

/* Registers of the distributor and of the SGI_base frame (same layout). */
enum gic_irq_reg {
    GIC_IGROUPR    = 0x080,
    GIC_ISENABLER  = 0x100,
    GIC_ICENABLER  = 0x180,
    GIC_ISPENDR    = 0x200,
    GIC_ICPENDR    = 0x280,
    GIC_ISACTIVER  = 0x300,
    GIC_ICACTIVER  = 0x380,
    GIC_IPRIORITYR = 0x400,
    GIC_ICFGR      = 0xc00,
    GIC_IGRPMODR   = 0xd00,
};

enum gicd_reg {
    GICD_CTLR     = 0x0000,
    GICD_TYPER    = 0x0004,
    GICD_IIDR     = 0x0008,
    GICD_TYPER2   = 0x000c,
    GICD_STATUSR  = 0x0010,
    GICD_IROUTER  = 0x6000,
    GICD_PIDR2    = 0xffe8,
};

enum gicr_reg {
    GICR_CTLR     = 0x0000,
    GICR_IIDR     = 0x0004,
    GICR_TYPER    = 0x0008,
    GICR_STATUSR  = 0x0010,
    GICR_WAKER    = 0x0014,
    GICR_PIDR2    = 0xffe8,
};

#define GICR_WAKER_PROCESSOR_SLEEP (1u << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1u << 2)

#define GIC_IIDR 0x0000043b /* implementer ARM, as QEMU reports */
#define GIC_PIDR2 0x3b      /* ArchRev 3 */
/* ITLinesNumber (32 * (N + 1) interrupt IDs) and IDbits = 9 (10 bits). */
#define GICD_TYPER_VALUE ((GIC_NUM_IRQS / 32 - 1) | (9u << 19))
#define GICR_TYPER_LAST (1u << 4)

static bool bit(const uint32_t *map, unsigned n)
{
    return (map[n / 32] >> (n % 32)) & 1;
}

static void set_bit(uint32_t *map, unsigned n, bool v)
{
    if (v) {
        map[n / 32] |= 1u << (n % 32);
    } else {
        map[n / 32] &= ~(1u << (n % 32));
    }
}

void gicv3_state_reset(struct gicv3_state *s)
{
    memset(s, 0, sizeof(*s));
    s->gicd_ctlr = GICD_CTLR_DS;
    s->gicr_waker = GICR_WAKER_PROCESSOR_SLEEP | GICR_WAKER_CHILDREN_ASLEEP;
    s->edge[0] = 0xffff; /* SGIs are edge-triggered */
    s->icc_bpr0 = 2;     /* minimum binary points with 5 priority bits */
    s->icc_bpr1 = 3;
    s->icc_ctlr = (4u << 8) | (1u << 15); /* PRIbits: 5 bits; A3V */
}

/* GICD_CTLR, the 7 bitmaps, 2 GICR and 8 ICC words, the priorities and the
 * IROUTERs (which land 8-aligned): no padding, so the bytes are the state. */
_Static_assert(sizeof(struct gicv3_state) ==
                   (1 + 7 * GIC_NUM_WORDS + 2 + 8) * sizeof(uint32_t) + GIC_NUM_IRQS +
                       GIC_NUM_IRQS * sizeof(uint64_t),
               "struct gicv3_state has padding");

uint64_t gicv3_state_hash(const struct gicv3_state *s)
{
    return hash_bytes(HASH_SEED, s, sizeof(*s));
}

void gicv3_init(struct gicv3 *gic)
{
    memset(gic, 0, sizeof(*gic));
    gicv3_state_reset(&gic->s);
}

/* --- interrupt selection ---------------------------------------------------- */

/* The pending interrupt the CPU interface looks at (QEMU's "hppi"). */
struct gic_pending {
    unsigned intid;          /* GIC_INTID_SPURIOUS: none */
    unsigned prio;           /* its priority, all 8 bits */
    enum gic_group group;
};

/*
 * The highest-priority pending interrupt among those enabled, not active and
 * of a group enabled in GICD_CTLR, over both groups; equal priorities go to
 * the lowest ID. Priority 0xff is never signalled (it means "none").
 */
static struct gic_pending highest_pending(const struct gicv3 *gic)
{
    struct gic_pending best = { GIC_INTID_SPURIOUS, GIC_PRIO_IDLE, GIC_GROUP1 };
    for (unsigned w = 0; w < GIC_NUM_WORDS; w++) {
        uint32_t groups = 0;
        if (gic->s.gicd_ctlr & GICD_CTLR_EN_GRP1) {
            groups |= gic->s.group[w];
        }
        if (gic->s.gicd_ctlr & GICD_CTLR_EN_GRP0) {
            groups |= ~gic->s.group[w];
        }
        uint32_t cand = gic->s.enabled[w] & groups & ~gic->s.active[w] &
                        (gic->s.latched[w] | (gic->s.level[w] & ~gic->s.edge[w]));
        while (cand) {
            unsigned n = w * 32 + (unsigned)__builtin_ctz(cand);
            cand &= cand - 1;
            if (gic->s.priority[n] < best.prio) {
                best.prio = gic->s.priority[n];
                best.intid = n;
            }
        }
    }
    if (best.intid != GIC_INTID_SPURIOUS) {
        best.group = bit(gic->s.group, best.intid) ? GIC_GROUP1 : GIC_GROUP0;
    }
    return best;
}

static bool group_enabled(const struct gicv3 *gic, enum gic_group group)
{
    return (group == GIC_GROUP1 ? gic->s.icc_igrpen1 : gic->s.icc_igrpen0) & 1;
}

unsigned gicv3_hppi(const struct gicv3 *gic)
{
    struct gic_pending p = highest_pending(gic);
    return p.intid != GIC_INTID_SPURIOUS && group_enabled(gic, p.group) ? p.intid
                                                                         : GIC_INTID_SPURIOUS;
}

unsigned gicv3_hppir(const struct gicv3 *gic, enum gic_group group)
{
    struct gic_pending p = highest_pending(gic);
    if (p.intid == GIC_INTID_SPURIOUS || p.group != group || !group_enabled(gic, group)) {
        return GIC_INTID_SPURIOUS;
    }
    return p.intid;
}

unsigned gicv3_running_priority(const struct gicv3 *gic)
{
    uint32_t ap = gic->s.icc_ap0r0 | gic->s.icc_ap1r0;
    return ap ? (unsigned)__builtin_ctz(ap) << 3 : GIC_PRIO_IDLE;
}

/*
 * The bits of a priority that are its group priority (the rest is
 * subpriority): BPR0 gives bits [7:BPR0+1] for group 0; group 1 uses BPR1,
 * giving bits [7:BPR1], or BPR0 as group 0 does when ICC_CTLR_EL1.CBPR is set.
 */
static unsigned group_priority_mask(const struct gicv3 *gic, enum gic_group group)
{
    if (group == GIC_GROUP0 || (gic->s.icc_ctlr & ICC_CTLR_CBPR)) {
        return (0xffu << (gic->s.icc_bpr0 + 1)) & 0xff;
    }
    return (0xffu << gic->s.icc_bpr1) & 0xff;
}

/* Whether 'p' goes to the CPU: its group enabled, above the priority mask,
 * and its group priority above the running priority. */
static bool can_preempt(const struct gicv3 *gic, const struct gic_pending *p)
{
    if (p->intid == GIC_INTID_SPURIOUS || !group_enabled(gic, p->group) ||
        p->prio >= gic->s.icc_pmr) {
        return false;
    }
    unsigned running = gicv3_running_priority(gic);
    if (running == GIC_PRIO_IDLE) {
        return true;
    }
    unsigned mask = group_priority_mask(gic, p->group);
    return (p->prio & mask) < (running & mask);
}

/* The group whose line is up, or -1 for none. */
static int signalled_group(const struct gicv3 *gic)
{
    struct gic_pending p = highest_pending(gic);
    return can_preempt(gic, &p) ? (int)p.group : -1;
}

bool gicv3_irq_signalled(const struct gicv3 *gic)
{
    return signalled_group(gic) == GIC_GROUP1;
}

bool gicv3_fiq_signalled(const struct gicv3 *gic)
{
    return signalled_group(gic) == GIC_GROUP0;
}

void gicv3_connect_cpu(struct gicv3 *gic, const struct irq_line *irq,
                       const struct irq_line *fiq)
{
    gic->cpu_irq = irq ? *irq : (struct irq_line){ 0 };
    gic->cpu_fiq = fiq ? *fiq : (struct irq_line){ 0 };
    gic->irq_level = false;
    gic->fiq_level = false;
    gicv3_update(gic);
}

void gicv3_update(struct gicv3 *gic)
{
    int group = signalled_group(gic);
    bool irq = group == GIC_GROUP1;
    bool fiq = group == GIC_GROUP0;
    if (irq != gic->irq_level) {
        gic->irq_level = irq;
        irq_line_set(&gic->cpu_irq, irq);
    }
    if (fiq != gic->fiq_level) {
        gic->fiq_level = fiq;
        irq_line_set(&gic->cpu_fiq, fiq);
    }
}

void gicv3_post_load(struct gicv3 *gic)
{
    /* The CPU may not have seen the old levels: drive them in any case. */
    gic->irq_level = gicv3_irq_signalled(gic);
    gic->fiq_level = gicv3_fiq_signalled(gic);
    irq_line_set(&gic->cpu_irq, gic->irq_level);
    irq_line_set(&gic->cpu_fiq, gic->fiq_level);
}

void gicv3_reset(struct gicv3 *gic)
{
    gicv3_state_reset(&gic->s);
    gicv3_post_load(gic);
}

unsigned gicv3_acknowledge(struct gicv3 *gic, enum gic_group group)
{
    struct gic_pending p = highest_pending(gic);
    if (!can_preempt(gic, &p) || p.group != group) {
        return GIC_INTID_SPURIOUS;
    }
    set_bit(gic->s.latched, p.intid, false);
    set_bit(gic->s.active, p.intid, true);
    uint32_t *ap = group == GIC_GROUP1 ? &gic->s.icc_ap1r0 : &gic->s.icc_ap0r0;
    *ap |= 1u << ((p.prio & group_priority_mask(gic, group)) >> 3);
    gicv3_update(gic);
    return p.intid;
}

static void clear_active(struct gicv3 *gic, unsigned intid)
{
    if (!bit(gic->s.active, intid)) {
        log_item_printf(LOG_GUEST_ERRORS, "gicv3: deactivating inactive interrupt %u\n",
                        intid);
    }
    set_bit(gic->s.active, intid, false);
}

void gicv3_deactivate(struct gicv3 *gic, unsigned intid)
{
    /* Spurious IDs and IDs we do not have are ignored; with EOImode 0 the
     * EOI has deactivated already and DIR does nothing (as in QEMU). */
    if (intid >= GIC_NUM_IRQS || !(gic->s.icc_ctlr & ICC_CTLR_EOIMODE)) {
        return;
    }
    clear_active(gic, intid);
    gicv3_update(gic);
}

/* The group of the highest active priority (group 0 on a tie), or -1. */
static int highest_active_group(const struct gicv3 *gic)
{
    unsigned g0 = gic->s.icc_ap0r0 ? (unsigned)__builtin_ctz(gic->s.icc_ap0r0) : 32;
    unsigned g1 = gic->s.icc_ap1r0 ? (unsigned)__builtin_ctz(gic->s.icc_ap1r0) : 32;
    if (g1 < g0) {
        return GIC_GROUP1;
    }
    return g0 < 32 ? GIC_GROUP0 : -1;
}

void gicv3_eoi(struct gicv3 *gic, unsigned intid, enum gic_group group)
{
    if (intid >= GIC_NUM_IRQS) {
        return;
    }
    /* Priority drop of the highest active priority, when it is of the
     * group this EOIR belongs to; otherwise the write is ignored. */
    int active_group = highest_active_group(gic);
    if (active_group < 0) {
        log_item_printf(LOG_GUEST_ERRORS, "gicv3: EOI of %u with no active priority\n",
                        intid);
        return;
    }
    if (active_group != (int)group) {
        return;
    }
    uint32_t *ap = group == GIC_GROUP1 ? &gic->s.icc_ap1r0 : &gic->s.icc_ap0r0;
    *ap &= *ap - 1;
    if (!(gic->s.icc_ctlr & ICC_CTLR_EOIMODE)) {
        clear_active(gic, intid);
    }
    gicv3_update(gic);
}

void gicv3_send_sgi(struct gicv3 *gic, uint64_t sgi1r)
{
    unsigned intid = (sgi1r >> 24) & 0xf;
    bool irm = (sgi1r >> 40) & 1;
    uint64_t aff = sgi1r & ((0xffull << 16) | (0xffull << 32) | (0xffull << 48));
    /* One CPU: it is targeted when listed as Aff0 = 0 of affinity 0.0.0;
     * IRM = 1 targets every CPU but the sender, i.e. none. */
    if (!irm && aff == 0 && (sgi1r & 1)) {
        set_bit(gic->s.latched, intid, true);
        gicv3_update(gic);
    }
}

void gicv3_set_irq(struct gicv3 *gic, unsigned intid, bool level)
{
    if (intid < 16 || intid >= GIC_NUM_IRQS || bit(gic->s.level, intid) == level) {
        return;
    }
    if (level && bit(gic->s.edge, intid)) {
        set_bit(gic->s.latched, intid, true);
    }
    set_bit(gic->s.level, intid, level);
    gicv3_update(gic);
}

static void spi_set_level(void *opaque, int spi, bool level)
{
    gicv3_set_irq(opaque, (unsigned)spi + 32, level);
}

struct irq_line gicv3_irq_line(struct gicv3 *gic, int spi)
{
    return (struct irq_line){ .set_level = spi_set_level, .opaque = gic, .line = spi };
}

/* --- per-interrupt registers --------------------------------------------- */

/*
 * Reads / writes a 32-bit word of the per-interrupt registers at 'off' for
 * interrupts lo..hi-1 (the distributor's SPIs or the SGI frame's 0..31);
 * anything outside is RAZ/WI. Returns false for an offset that is none of them.
 */
static bool irq_reg_read(const struct gicv3 *gic, uint64_t off, unsigned lo, unsigned hi,
                         uint32_t *val)
{
    *val = 0;
    if (off >= GIC_IPRIORITYR && off < GIC_IPRIORITYR + 0x400) {
        unsigned n = (unsigned)(off - GIC_IPRIORITYR);
        for (unsigned i = 0; i < 4; i++) {
            if (n + i >= lo && n + i < hi) {
                *val |= (uint32_t)gic->s.priority[n + i] << (8 * i);
            }
        }
        return true;
    }
    if (off >= GIC_ICFGR && off < GIC_ICFGR + 0x100) {
        unsigned first = (unsigned)(off - GIC_ICFGR) / 4 * 16;
        for (unsigned i = 0; i < 16; i++) {
            if (first + i >= lo && first + i < hi && bit(gic->s.edge, first + i)) {
                *val |= 2u << (2 * i);
            }
        }
        return true;
    }
    if (off < GIC_IGROUPR || off >= GIC_IGRPMODR + 0x80) {
        return false;
    }
    unsigned word = (unsigned)(off & 0x7f) / 4;
    if (word * 32 < lo || word * 32 >= hi) {
        return off < GIC_IPRIORITYR || off >= GIC_IGRPMODR;
    }
    switch (off & ~0x7full) {
    case GIC_IGROUPR:   *val = gic->s.group[word]; break;
    case GIC_ISENABLER:
    case GIC_ICENABLER: *val = gic->s.enabled[word]; break;
    case GIC_ISPENDR:
    case GIC_ICPENDR:
        *val = gic->s.latched[word] | (gic->s.level[word] & ~gic->s.edge[word]);
        break;
    case GIC_ISACTIVER:
    case GIC_ICACTIVER: *val = gic->s.active[word]; break;
    case GIC_IGRPMODR:  *val = gic->s.grpmod[word]; break;
    default: return false;
    }
    return true;
}

static bool irq_reg_write(struct gicv3 *gic, uint64_t off, unsigned lo, unsigned hi,
                          uint32_t val, unsigned size)
{
    if (off >= GIC_IPRIORITYR && off < GIC_IPRIORITYR + 0x400) {
        unsigned n = (unsigned)(off - GIC_IPRIORITYR);
        for (unsigned i = 0; i < size && i < 4; i++) {
            if (n + i >= lo && n + i < hi) {
                gic->s.priority[n + i] = (uint8_t)(val >> (8 * i));
            }
        }
        return true;
    }
    if (off >= GIC_ICFGR && off < GIC_ICFGR + 0x100) {
        unsigned first = (unsigned)(off - GIC_ICFGR) / 4 * 16;
        for (unsigned i = 0; i < 16; i++) {
            /* SGIs are always edge-triggered. */
            if (first + i >= lo && first + i < hi && first + i >= 16) {
                set_bit(gic->s.edge, first + i, (val >> (2 * i + 1)) & 1);
            }
        }
        return true;
    }
    if (off < GIC_IGROUPR || off >= GIC_IGRPMODR + 0x80) {
        return false;
    }
    unsigned word = (unsigned)(off & 0x7f) / 4;
    if (word * 32 < lo || word * 32 >= hi) {
        return off < GIC_IPRIORITYR || off >= GIC_IGRPMODR;
    }
    switch (off & ~0x7full) {
    case GIC_IGROUPR:   gic->s.group[word] = val; break;
    case GIC_ISENABLER: gic->s.enabled[word] |= val; break;
    case GIC_ICENABLER: gic->s.enabled[word] &= ~val; break;
    case GIC_ISPENDR:   gic->s.latched[word] |= val; break;
    case GIC_ICPENDR:   gic->s.latched[word] &= ~val; break;
    case GIC_ISACTIVER: gic->s.active[word] |= val; break;
    case GIC_ICACTIVER: gic->s.active[word] &= ~val; break;
    case GIC_IGRPMODR:  gic->s.grpmod[word] = val; break;
    default: return false;
    }
    return true;
}

/* --- distributor ------------------------------------------------------------ */

uint64_t gicv3_dist_read(void *opaque, uint64_t offset, unsigned size)
{
    struct gicv3 *gic = opaque;
    if (offset >= GICD_IROUTER + 8 * 32 && offset < GICD_IROUTER + 8 * GIC_NUM_IRQS) {
        uint64_t v = gic->s.irouter[(offset - GICD_IROUTER) / 8];
        return size == 8 ? v : (uint32_t)(v >> (8 * (offset & 4)));
    }
    unsigned shift = 8 * (offset & 3);
    uint64_t word = offset & ~3ull;
    uint32_t val;
    switch (word) {
    case GICD_CTLR:    val = gic->s.gicd_ctlr; break;
    case GICD_TYPER:   val = GICD_TYPER_VALUE; break;
    case GICD_IIDR:    val = GIC_IIDR; break;
    case GICD_TYPER2:
    case GICD_STATUSR: val = 0; break;
    case GICD_PIDR2:   val = GIC_PIDR2; break;
    default:
        if (!irq_reg_read(gic, word, 32, GIC_NUM_IRQS, &val)) {
            if (word < GICD_IROUTER || word >= GICD_IROUTER + 0x2000) {
                log_item_printf(LOG_GUEST_ERRORS, "gicv3: read of GICD offset 0x%" PRIx64 "\n",
                                offset);
            }
            val = 0;
        }
    }
    val >>= shift;
    return size >= 4 ? val : val & ((1u << (8 * size)) - 1);
}

static void dist_write(struct gicv3 *gic, uint64_t offset, uint64_t value, unsigned size)
{
    if (offset >= GICD_IROUTER + 8 * 32 && offset < GICD_IROUTER + 8 * GIC_NUM_IRQS) {
        uint64_t *r = &gic->s.irouter[(offset - GICD_IROUTER) / 8];
        if (size == 8) {
            *r = value;
        } else {
            unsigned sh = 8 * (offset & 4);
            *r = (*r & ~(0xffffffffull << sh)) | ((value & 0xffffffffull) << sh);
        }
        /* Interrupt_Routing_Mode and Aff3..0 are kept; one CPU gets them all. */
        *r &= 0xff80ffffffull;
        return;
    }
    uint64_t word = offset & ~3ull;
    uint32_t val = (uint32_t)value << (8 * (offset & 3));
    switch (word) {
    case GICD_CTLR:
        gic->s.gicd_ctlr = (val & (GICD_CTLR_EN_GRP0 | GICD_CTLR_EN_GRP1 | GICD_CTLR_ARE)) |
                         GICD_CTLR_DS;
        return;
    case GICD_TYPER:
    case GICD_IIDR:
    case GICD_TYPER2:
    case GICD_STATUSR:
    case GICD_PIDR2:
        break;
    default:
        if (word >= GIC_IPRIORITYR && word < GIC_IPRIORITYR + 0x400) {
            irq_reg_write(gic, offset, 32, GIC_NUM_IRQS, (uint32_t)value, size);
            return;
        }
        if (irq_reg_write(gic, word, 32, GIC_NUM_IRQS, val, size)) {
            return;
        }
        if (word >= GICD_IROUTER && word < GICD_IROUTER + 0x2000) {
            return;
        }
    }
    log_item_printf(LOG_GUEST_ERRORS, "gicv3: write of GICD offset 0x%" PRIx64 "\n", offset);
}

/* --- redistributor ---------------------------------------------------------- */

uint64_t gicv3_redist_read(void *opaque, uint64_t offset, unsigned size)
{
    struct gicv3 *gic = opaque;
    if (offset >= 2 * GIC_REDIST_SGI_OFFSET) {
        return 0; /* no further redistributor: GICR_TYPER.Last said so */
    }
    if (offset == GICR_TYPER) {
        return GICR_TYPER_LAST; /* affinity 0.0.0.0, processor 0 */
    }
    unsigned shift = 8 * (offset & 3);
    uint64_t word = offset & ~3ull;
    uint32_t val = 0;
    if (offset >= GIC_REDIST_SGI_OFFSET) {
        if (!irq_reg_read(gic, word - GIC_REDIST_SGI_OFFSET, 0, 32, &val)) {
            log_item_printf(LOG_GUEST_ERRORS, "gicv3: read of GICR_SGI offset 0x%" PRIx64 "\n",
                            offset - GIC_REDIST_SGI_OFFSET);
        }
    } else {
        switch (word) {
        case GICR_CTLR:    val = gic->s.gicr_ctlr; break;
        case GICR_IIDR:    val = GIC_IIDR; break;
        case GICR_TYPER + 4: val = 0; break;
        case GICR_STATUSR: val = 0; break;
        case GICR_WAKER:   val = gic->s.gicr_waker; break;
        case GICR_PIDR2:   val = GIC_PIDR2; break;
        default:
            log_item_printf(LOG_GUEST_ERRORS, "gicv3: read of GICR offset 0x%" PRIx64 "\n",
                            offset);
        }
    }
    val >>= shift;
    return size >= 4 ? val : val & ((1u << (8 * size)) - 1);
}

static void redist_write(struct gicv3 *gic, uint64_t offset, uint64_t value, unsigned size)
{
    if (offset >= 2 * GIC_REDIST_SGI_OFFSET) {
        return;
    }
    uint64_t word = offset & ~3ull;
    uint32_t val = (uint32_t)value << (8 * (offset & 3));
    if (offset >= GIC_REDIST_SGI_OFFSET) {
        uint64_t off = offset - GIC_REDIST_SGI_OFFSET;
        bool ok = off >= GIC_IPRIORITYR && off < GIC_IPRIORITYR + 0x400
                      ? irq_reg_write(gic, off, 0, 32, (uint32_t)value, size)
                      : irq_reg_write(gic, word - GIC_REDIST_SGI_OFFSET, 0, 32, val, size);
        if (!ok) {
            log_item_printf(LOG_GUEST_ERRORS, "gicv3: write of GICR_SGI offset 0x%" PRIx64 "\n",
                            off);
        }
        return;
    }
    switch (word) {
    case GICR_CTLR:
        gic->s.gicr_ctlr = 0; /* EnableLPIs: no LPIs */
        return;
    case GICR_WAKER: {
        /* The children go to sleep and wake up at once with the processor. */
        bool sleep = val & GICR_WAKER_PROCESSOR_SLEEP;
        gic->s.gicr_waker = sleep ? GICR_WAKER_PROCESSOR_SLEEP | GICR_WAKER_CHILDREN_ASLEEP : 0;
        return;
    }
    default:
        log_item_printf(LOG_GUEST_ERRORS, "gicv3: write of GICR offset 0x%" PRIx64 "\n",
                        offset);
    }
}

/* Any register write can change what is signalled: the outputs follow. */
void gicv3_dist_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    dist_write(opaque, offset, value, size);
    gicv3_update(opaque);
}

void gicv3_redist_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    redist_write(opaque, offset, value, size);
    gicv3_update(opaque);
}

void gicv3_attach(struct gicv3 *gic, struct bus *bus)
{
    const struct board_region_desc *d = &virt_memmap[VIRT_GIC_DIST];
    const struct board_region_desc *r = &virt_memmap[VIRT_GIC_REDIST];
    bus_add_mmio(bus, &(struct mmio_region){ .name = d->name, .base = d->base,
                                             .size = d->size, .read = gicv3_dist_read,
                                             .write = gicv3_dist_write, .opaque = gic });
    bus_add_mmio(bus, &(struct mmio_region){ .name = r->name, .base = r->base,
                                             .size = r->size, .read = gicv3_redist_read,
                                             .write = gicv3_redist_write, .opaque = gic });
}
