/* PSCI 1.0 calls for a single-CPU board: CPU 0 (MPIDR affinity 0) is the
 * only one, always on; CPU_ON of other CPUs arrives with multi-vCPU. */
#include "devices/psci.h"

#include <inttypes.h>

#include "util/log.h"

#define PSCI_VERSION_1_0 0x00010000
#define MIGRATE_INFO_TYPE_NOT_PRESENT 2
#define PSCI_RET_ALREADY_ON (-4)
#define AFFINITY_INFO_ON    0
#define MPIDR_AFF_MASK      0xff00ffffffull /* Aff3..Aff0 */

enum psci_conduit psci_conduit = PSCI_CONDUIT_HVC;

static int psci_has(uint64_t function)
{
    switch ((uint32_t)function) {
    case PSCI_VERSION:
    case PSCI_CPU_OFF:
    case PSCI_CPU_ON:
    case PSCI_AFFINITY_INFO:
    case PSCI_MIGRATE_INFO_TYPE:
    case PSCI_SYSTEM_OFF:
    case PSCI_SYSTEM_RESET:
    case PSCI_FEATURES:
        return 1;
    default:
        return 0;
    }
}

struct psci_result psci_call(uint64_t function, uint64_t arg1, uint64_t arg2, uint64_t arg3)
{
    struct psci_result r = { .x0 = PSCI_RET_NOT_SUPPORTED, .request = PSCI_REQ_NONE };
    (void)arg3;
    if (function >> 32) {
        log_item_printf(LOG_GUEST_ERRORS, "psci: bad function id 0x%" PRIx64 "\n", function);
        return r;
    }
    switch ((uint32_t)function) {
    case PSCI_VERSION:
        r.x0 = PSCI_VERSION_1_0;
        break;
    case PSCI_FEATURES:
        r.x0 = psci_has(arg1) ? PSCI_RET_SUCCESS : PSCI_RET_NOT_SUPPORTED;
        break;
    case PSCI_MIGRATE_INFO_TYPE:
        r.x0 = MIGRATE_INFO_TYPE_NOT_PRESENT;
        break;
    case PSCI_SYSTEM_OFF:
        r.x0 = PSCI_RET_SUCCESS;
        r.request = PSCI_REQ_SYSTEM_OFF;
        break;
    case PSCI_SYSTEM_RESET:
        r.x0 = PSCI_RET_SUCCESS;
        r.request = PSCI_REQ_SYSTEM_RESET;
        break;
    case PSCI_CPU_OFF:
        r.x0 = PSCI_RET_SUCCESS;
        r.request = PSCI_REQ_CPU_OFF;
        break;
    case PSCI_CPU_ON:
    case PSCI_CPU_ON & 0xbfffffffu: /* SMC32 form */
        /* arg1 = target MPIDR: CPU 0 is running; there is no other. */
        r.x0 = (arg1 & MPIDR_AFF_MASK) == 0 ? PSCI_RET_ALREADY_ON : PSCI_RET_INVALID_PARAMS;
        break;
    case PSCI_AFFINITY_INFO:
    case PSCI_AFFINITY_INFO & 0xbfffffffu:
        /* arg1 = target affinity, arg2 = lowest affinity level (only 0). */
        r.x0 = (arg1 & MPIDR_AFF_MASK) == 0 && arg2 == 0 ? AFFINITY_INFO_ON
                                                         : PSCI_RET_INVALID_PARAMS;
        break;
    default:
        log_item_printf(LOG_UNIMP, "psci: unsupported function 0x%" PRIx64 "\n", function);
        break;
    }
    return r;
}
