/* Debug logging. */
#include "util/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

unsigned log_mask;
static FILE *log_file;

static const struct {
    const char *name;
    unsigned    item;
    const char *help;
} log_items[] = {
    { "in_asm", LOG_IN_ASM, "show guest instructions as they are translated" },
    { "exec", LOG_EXEC, "show every translation block executed (disables chaining)" },
    { "int", LOG_INT, "show exceptions and interrupts" },
    { "unimp", LOG_UNIMP, "show unimplemented encodings and system registers" },
    { "guest_errors", LOG_GUEST_ERRORS, "show invalid guest behaviour (bad device accesses...)" },
    { "hash", LOG_HASH, "hash vCPU and device state every 2^20 instructions, RAM too at the end" },
};

bool log_parse_items(const char *list, unsigned *mask, const char **bad_item)
{
    static char bad[64];
    unsigned m = 0;
    const char *p = list;
    /* Items separated by commas; an empty one (-d '', -d in_asm,) is refused,
     * as QEMU does. */
    for (;;) {
        size_t len = strcspn(p, ",");
        bool found = false;
        for (size_t i = 0; i < sizeof(log_items) / sizeof(log_items[0]); i++) {
            if (strlen(log_items[i].name) == len && !strncmp(p, log_items[i].name, len)) {
                m |= log_items[i].item;
                found = true;
            }
        }
        if (!found) {
            snprintf(bad, sizeof(bad), "%.*s", (int)len, p);
            *bad_item = bad;
            return false;
        }
        p += len;
        if (*p != ',') {
            break;
        }
        p++;
    }
    *mask = m;
    return true;
}

void log_print_help(void)
{
    printf("Log items (comma separated):\n");
    for (size_t i = 0; i < sizeof(log_items) / sizeof(log_items[0]); i++) {
        printf("%-13s %s\n", log_items[i].name, log_items[i].help);
    }
}

bool log_set_file(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        return false;
    }
    log_close();
    log_file = f;
    return true;
}

void log_close(void)
{
    if (log_file) {
        fclose(log_file);
        log_file = NULL;
    }
}

void log_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(log_file ? log_file : stderr, fmt, ap);
    va_end(ap);
}
