/*
 * The integer cores of the ARM ARM's reciprocal and reciprocal square root
 * estimates (RecipEstimate, RecipSqrtEstimate), shared by FRECPE/FRSQRTE
 * (arm/softfp_tmpl.h) and URECPE/URSQRTE (arm/simd_fpmisc.c). Both map a
 * 9-bit fixed-point input to a 9-bit estimate in 256..511 (1.0 .. 2.0).
 */
#ifndef PHALANX_ARM_FP_RECIP_H
#define PHALANX_ARM_FP_RECIP_H

/* a in 256..511 stands for a/512 in [0.5, 1.0); the result r for r/256. */
unsigned fp_recip_estimate9(unsigned a);

/* a in 128..511 stands for a/512 in [0.25, 1.0); the result r for r/256. */
unsigned fp_rsqrt_estimate9(unsigned a);

#endif
