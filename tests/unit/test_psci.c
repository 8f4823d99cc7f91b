/* PSCI calls of the one-CPU virt board (devices/psci.c). */
#include <glib.h>

#include "devices/psci.h"

static int64_t call(uint64_t fn, uint64_t a1, uint64_t a2, enum psci_request *req)
{
    struct psci_result r = psci_call(fn, a1, a2, 0);
    if (req) {
        *req = r.request;
    }
    return r.x0;
}

static void test_version_features(void)
{
    g_assert_cmpint(call(PSCI_VERSION, 0, 0, NULL), ==, 0x10000);
    g_assert_cmpint(call(PSCI_FEATURES, PSCI_CPU_ON, 0, NULL), ==, PSCI_RET_SUCCESS);
    g_assert_cmpint(call(PSCI_FEATURES, PSCI_AFFINITY_INFO, 0, NULL), ==, PSCI_RET_SUCCESS);
    g_assert_cmpint(call(PSCI_FEATURES, PSCI_CPU_SUSPEND, 0, NULL), ==, PSCI_RET_NOT_SUPPORTED);
    g_assert_cmpint(call(PSCI_MIGRATE_INFO_TYPE, 0, 0, NULL), ==, 2);
    g_assert_cmpint(call(0x84000050u, 0, 0, NULL), ==, PSCI_RET_NOT_SUPPORTED);
    g_assert_cmpint(call(1ull << 32 | PSCI_VERSION, 0, 0, NULL), ==, PSCI_RET_NOT_SUPPORTED);
}

/* CPU 0 is the only CPU and it is on. */
static void test_cpu_on_affinity_info(void)
{
    g_assert_cmpint(call(PSCI_CPU_ON, 0, 0x40080000, NULL), ==, -4); /* ALREADY_ON */
    g_assert_cmpint(call(PSCI_CPU_ON & 0xbfffffffu, 0, 0, NULL), ==, -4);
    g_assert_cmpint(call(PSCI_CPU_ON, 1, 0x40080000, NULL), ==, PSCI_RET_INVALID_PARAMS);
    g_assert_cmpint(call(PSCI_AFFINITY_INFO, 0, 0, NULL), ==, 0); /* ON */
    g_assert_cmpint(call(PSCI_AFFINITY_INFO, 0x100, 0, NULL), ==, PSCI_RET_INVALID_PARAMS);
    g_assert_cmpint(call(PSCI_AFFINITY_INFO, 0, 1, NULL), ==, PSCI_RET_INVALID_PARAMS);
}

static void test_power_requests(void)
{
    enum psci_request req;
    g_assert_cmpint(call(PSCI_SYSTEM_OFF, 0, 0, &req), ==, PSCI_RET_SUCCESS);
    g_assert_cmpint(req, ==, PSCI_REQ_SYSTEM_OFF);
    call(PSCI_SYSTEM_RESET, 0, 0, &req);
    g_assert_cmpint(req, ==, PSCI_REQ_SYSTEM_RESET);
    call(PSCI_CPU_OFF, 0, 0, &req);
    g_assert_cmpint(req, ==, PSCI_REQ_CPU_OFF);
    call(PSCI_VERSION, 0, 0, &req);
    g_assert_cmpint(req, ==, PSCI_REQ_NONE);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/psci/version_features", test_version_features);
    g_test_add_func("/psci/cpu_on_affinity_info", test_cpu_on_affinity_info);
    g_test_add_func("/psci/power_requests", test_power_requests);
    return g_test_run();
}
