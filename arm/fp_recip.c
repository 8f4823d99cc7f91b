/*
 * RecipEstimate and RecipSqrtEstimate of the ARM ARM (see arm/fp_recip.h),
 * computed from their defining formulas rather than from pasted tables.
 */
#include "arm/fp_recip.h"

#include <math.h>
#include <stdint.h>

unsigned fp_recip_estimate9(unsigned a)
{
    unsigned mid = a * 2 + 1;         /* the input's interval midpoint, in 1/1024 */
    unsigned b = (1u << 19) / mid;    /* 1/x in 1/512, truncated */
    return (b + 1) / 2;               /* ... rounded to 1/256 */
}

/*
 * The ARM ARM counts b up from 512 while a * (b+1)^2 < 2^28 (b ends as the
 * largest value below 2^14 / sqrt(a), but at least 512). The same b comes
 * from a floating-point square root corrected to the exact integer bound.
 */
unsigned fp_rsqrt_estimate9(unsigned a)
{
    /* The midpoint of the input's interval, in units of 1/1024: steps of
     * 1/512 below 0.5, of 1/256 (the bottom bit dropped) above. */
    if (a < 256) {
        a = a * 2 + 1;
    } else {
        a = (((a >> 1) << 1) + 1) * 2;
    }
    const uint64_t limit = 1ull << 28;
    uint64_t c = (uint64_t)sqrt((double)limit / a); /* c = b + 1, approximately */
    while ((uint64_t)a * c * c < limit) {
        c++;
    }
    while (c > 1 && (uint64_t)a * (c - 1) * (c - 1) >= limit) {
        c--;
    }
    /* c is now the least value with a * c^2 >= 2^28. */
    uint64_t b = c - 1 < 512 ? 512 : c - 1;
    return (unsigned)((b + 1) / 2);
}
