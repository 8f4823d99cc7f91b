/*
 * The A64 encoding table, one row per encoding, grouped by instruction class.
 * Include with INSN(name, pattern, test_class) defined. Within the table the
 * first matching row wins, so a more specific row comes before a general one.
 *
 * Pattern letters, by convention: f = sf (64-bit when 1); d, n, m, a = Rd, Rn,
 * Rm, Ra; t, u = Rt, Rt2; s = Rs (status of store-exclusive); i = the main
 * immediate (for branches, the offset in words). The tester relies on these.
 */
#include "arm/insns_dp_imm.def"
#include "arm/insns_dp_arith.def"
#include "arm/insns_dp_reg.def"
#include "arm/insns_ldst.def"
#include "arm/insns_branch_sys.def"
#include "arm/insns_fp.def"
#include "arm/insns_simd_fpmisc.def"
#include "arm/insns_simd_sat.def"
#include "arm/insns_simd.def"
