/*
 * Memory map and record layout of a differential-test image, shared by the
 * host generator (C) and the guest runtime (runtime.S).
 *
 * Everything sits at a fixed address so that the host knows, while it
 * generates a case, every address the case can observe: the landing pad of a
 * branch, the return address a BL writes, the target of a literal load.
 */
#ifndef PHALANX_DIFFTEST_LAYOUT_H
#define PHALANX_DIFFTEST_LAYOUT_H

/* Guest runtime (driver, vectors, UART output) is linked at the usual place. */
#define DT_RUNTIME      0x40080000
/* The stub every case branches to when its instruction has run. */
#define DT_EXIT         0x40098000

/* Scratch memory a case may load from and store to, and the pristine copy
 * the runtime compares it with after each case (and restores it from).
 * 80 KiB: a base placed 2..6 KiB into it reaches -1 KiB (signed pair
 * offsets) up to +64 KiB (imm12 scaled by 16) plus a small index register. */
#define DT_SCRATCH      0x40100000
#define DT_SCRATCH_SIZE 0x14000
#define DT_REF          0x40120000

/* Case code: one 16-byte slot per case, up to DT_MAX_CASES per image. The
 * whole code area stays within the +-1 MiB reach of a literal load. */
#define DT_CODE         0x40140000
#define DT_SLOT_SIZE    16
#define DT_MAX_CASES    16384

/* Header (which cases to run), then one input record per case. */
#define DT_HEADER       0x40200000
#define HDR_BASE_ID     0   /* global index of the image's first slot */
#define HDR_START       8   /* first slot to run (to resume after a crash) */
#define HDR_END         16  /* one past the last slot to run */
#define DT_RECORDS      0x40201000

/* A record, in 64-bit words: the inputs of a case, and in the runtime's
 * output block the same registers after it ran. */
#define REC_X0          0   /* X0..X30 at words 0..30 */
#define REC_SP          31
#define REC_NZCV        32  /* NZCV as MRS NZCV reads it (bits 31..28) */
#define REC_DAIF        33  /* DAIF as MRS DAIF reads it (bits 9..6) */
#define REC_FLAGS       34  /* input only: REC_VALID | REC_SCAN_MEM, 0: empty slot */
#define REC_FPCR        35  /* FPCR (RMode, FZ, DN) */
#define REC_FPSR        36  /* FPSR (cumulative flags, QC) */
#define REC_V0          40  /* V0..V31 at words 40..103: low half, then high half */
#define REC_WORDS       104 /* words 37..39 are unused (always 0) */
#define REC_COMPARED    REC_WORDS /* all words but REC_FLAGS are compared after each case */
#define REC_VALID       1
#define REC_SCAN_MEM    2   /* compare the scratch area after this case */
#define REC_SIZE        (REC_WORDS * 8)

/* Output block extras, after the registers. */
#define OUT_KIND        (REC_SIZE + 0)  /* vector index, or -1: no exception */
#define OUT_ESR         (REC_SIZE + 8)
#define OUT_ELR         (REC_SIZE + 16)
#define OUT_FAR         (REC_SIZE + 24)
#define OUT_SIZE        (REC_SIZE + 32)

/* Instruction a branch case skips when its branch is taken: ADD X17, X17, #1. */
#define DT_SKIP_INSN    0x91000631u

#define DT_UART         0x09000000

#endif
